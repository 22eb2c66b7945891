//! Property tests of the importer: about 10⁵ inputs in all — random bytes, random
//! Vietnamese-and-structure text, mutated seeds, mutated Word files. The importer must never
//! panic and must return a plan in NFC or an error whose message is Vietnamese; mutations
//! that keep the content (CRLF, NFD, extra blank lines, `#` levels, trailing spaces) must
//! give the seed's plan. A failing input, once fixed, belongs in
//! tests/fixtures/import-corpus/.

use std::io::Write;

use super::{cases, check as run_case, fail, refusal, rezip, total, unzip, Rng};
use crate::support::*;
use tre::import::{import_bytes, Imported};
use tre::model::Plan;
use unicode_normalization::UnicodeNormalization;

const RANDOM_BYTES: usize = 50_000;
const PLAN_LIKE_TEXT: usize = 32_000;
const MUTATED_SEEDS: usize = 20_000;
const SAME_CONTENT: usize = 1_500;
const WORD_FILES: usize = 3_000;
/// The base counts of this target's tests (each runs `cases(n)`).
pub const CASES: &[usize] = &[
    RANDOM_BYTES,
    PLAN_LIKE_TEXT,
    MUTATED_SEEDS,
    SAME_CONTENT,
    WORD_FILES,
];

/// Runs one input; returns the plan, or `None` when it is refused with a Vietnamese message.
fn check(kind: &str, case: usize, name: &str, bytes: &[u8]) -> Option<Plan> {
    let target = format!("import-{kind}");
    let files = [(name, bytes)];
    let result = run_case(&target, case, &files, || import_bytes(name, bytes), refusal);
    let Imported { plan, .. } = result.ok()?;
    let json = serde_json::to_string(&plan).unwrap();
    if !unicode_normalization::is_nfc(&json) {
        fail(&target, case, &files, "the plan is not NFC");
    }
    Some(plan)
}

#[test]
fn random_bytes() {
    let mut rng = Rng::new(1);
    let n = cases(RANDOM_BYTES);
    for case in 0..n {
        let len = match rng.below(4) {
            0 => rng.below(16),
            1 => rng.below(256),
            _ => rng.below(2048),
        };
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        // Start like the formats the importer tells apart, to get past the first checks.
        let prefix: &[u8] = match rng.below(10) {
            0 => b"PK\x03\x04",
            1 => b"\xFF\xFE",
            2 => b"\xEF\xBB\xBF",
            3 => b"PK\x05\x06",
            _ => b"",
        };
        bytes.splice(0..0, prefix.iter().copied());
        let name = rng.pick(&["a.txt", "a.md", "a.docx", "a"]);
        check("bytes", case, name, &bytes);
    }
    eprintln!("random bytes: {n} cases");
}

/// Words and pieces of structure the importer reacts to, and some it must survive.
const TOKENS: &[&str] = &[
    "KẾ HOẠCH",
    "BÁO CÁO",
    "Số:",
    "Số: 12/KH-UBND",
    "/KH-UBND",
    "Quan Sơn, ngày",
    "tháng 4 năm 2026",
    "ngày",
    "tháng",
    "năm",
    "2026",
    "I.",
    "II.",
    "IV.",
    "XL.",
    "1.",
    "2.",
    "1.1.",
    "1.2",
    "a)",
    "đ)",
    "-",
    "+",
    "•",
    "*",
    "**",
    "#",
    "##",
    "######",
    "\\",
    "\\.",
    ":",
    ";",
    ".",
    "./.",
    ",",
    "(",
    ")",
    "“",
    "”",
    "Căn cứ",
    "Thực hiện",
    "Trên đây là",
    "Nơi nhận:",
    "Noi nhận",
    "NƠI NHẬN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN",
    "Hoàng Đức Bình",
    "trước ngày",
    "trước",
    "chậm nhất",
    "hạn nộp:",
    "từ ngày",
    "đến ngày",
    "15/11",
    "10/11/2026",
    "31/02/2026",
    "05/5",
    "01/6",
    "30/6/2026",
    "Quyết định số",
    "06/QĐ-TTg",
    "của",
    "Thủ tướng Chính phủ",
    "Luật Trẻ em số",
    "102/2016/QH13",
    "về",
    "ban hành",
    "và",
    "trẻ em",
    "xã",
    "phù hợp",
    "giáo",
    "dục",
    "Mục đích",
    "MỤC ĐÍCH, YÊU CẦU",
    "Yêu cầu",
    "e\u{301}",
    "\u{300}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{00A0}",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{202E}",
    "😀",
    "¸",
    "®",
    "µ",
    "Müller",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "------",
    "> ",
    "<w:p>",
    "&amp;",
    "999999999999999999999",
    "0.",
    "99.",
    "1.1.1.1.1.1.1.",
    "",
];

#[test]
fn random_plan_like_text() {
    let mut rng = Rng::new(2);
    let n = cases(PLAN_LIKE_TEXT);
    for case in 0..n {
        let mut text = String::new();
        for _ in 0..rng.below(90) {
            text.push_str(rng.pick(TOKENS));
            text.push_str(rng.pick(&[" ", " ", " ", "\n", "\n\n", "\r\n", "  ", "\t", ""]));
        }
        let name = rng.pick(&["a.txt", "a.md"]);
        check("text", case, name, text.as_bytes());
    }
    eprintln!("random plan-like text: {n} cases");
}

/// Char boundaries of `s`, to cut or insert anywhere without splitting a character.
fn boundary(rng: &mut Rng, s: &str) -> usize {
    let mut i = rng.below(s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Rng, lines: &mut Vec<String>) {
    if lines.is_empty() {
        lines.push(String::new());
    }
    let at = rng.below(lines.len());
    match rng.below(11) {
        0 => {
            let l = &mut lines[at];
            let i = boundary(rng, l);
            let rest = l.split_off(i);
            lines.insert(at + 1, rest);
        }
        1 => {
            lines.remove(at);
        }
        2 => {
            let l = lines[at].clone();
            lines.insert(at, l);
        }
        3 if at + 1 < lines.len() => lines.swap(at, at + 1),
        4 => {
            let l = &mut lines[at];
            let (i, j) = (boundary(rng, l), boundary(rng, l));
            let (i, j) = (i.min(j), i.max(j));
            let mark = rng.pick(&["**", "*", "***"]);
            l.insert_str(j, mark);
            l.insert_str(i, mark);
        }
        5 => {
            let hashes = "#".repeat(1 + rng.below(7));
            lines[at].insert_str(0, &format!("{hashes} "));
        }
        6 => {
            let l = &mut lines[at];
            let i = boundary(rng, l);
            l.insert_str(i, rng.pick(TOKENS));
        }
        7 => {
            let l = &mut lines[at];
            let i = boundary(rng, l);
            l.truncate(i);
        }
        8 => lines.insert(at, String::new()),
        9 => lines[at] = lines[at].nfd().collect(),
        _ => {
            let l = &mut lines[at];
            let i = boundary(rng, l);
            let c = char::from_u32(rng.below(0x3000) as u32).unwrap_or('\u{FFFD}');
            l.insert(i, c);
        }
    }
}

#[test]
fn mutated_seeds() {
    let seeds: Vec<Vec<String>> = SEEDS
        .iter()
        .map(|id| seed_text(id).lines().map(String::from).collect())
        .collect();
    let mut rng = Rng::new(3);
    let n = cases(MUTATED_SEEDS);
    for case in 0..n {
        let seed = &seeds[rng.below(seeds.len())];
        // Mostly a window of the seed (fast, and every part gets to be the start or the
        // end of a document); sometimes the whole of it.
        let mut lines: Vec<String> = if rng.chance(10) {
            seed.clone()
        } else {
            let start = rng.below(seed.len());
            let end = (start + 1 + rng.below(60)).min(seed.len());
            seed[start..end].to_vec()
        };
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut lines);
        }
        let sep = if rng.chance(20) { "\r\n" } else { "\n" };
        check("mutated", case, "a.md", lines.join(sep).as_bytes());
    }
    eprintln!("mutated seeds: {n} cases");
}

/// Changes that keep the text: the plan must not change.
fn same_content(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for line in lines.iter_mut() {
        if line.starts_with('#') && rng.chance(50) {
            let rest = line.trim_start_matches('#').to_string();
            *line = format!("{}{rest}", "#".repeat(1 + rng.below(6)));
        } else if line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "IVXL".contains(c)))
            && rng.chance(30)
        {
            *line = format!("{} {line}", "#".repeat(1 + rng.below(6)));
        }
        if rng.chance(10) {
            *line = line.nfd().collect();
        }
        if rng.chance(10) {
            line.push_str(rng.pick(&[" ", "  ", "\t", " \t "]));
        }
    }
    let mut out = String::new();
    if rng.chance(30) {
        out.push_str("\n\n");
    }
    for line in &lines {
        out.push_str(line);
        out.push_str(if rng.chance(30) { "\r\n" } else { "\n" });
        // More blank lines only where there is one already.
        if line.trim().is_empty() && rng.chance(30) {
            out.push_str(&"\n".repeat(1 + rng.below(3)));
        }
    }
    if rng.chance(50) {
        out = out.nfd().collect();
    }
    out
}

#[test]
fn content_preserving_mutations_give_the_seed_plan() {
    let seeds: Vec<(String, Plan)> = SEEDS
        .iter()
        .map(|id| {
            (
                seed_text(id),
                tre::import::import_file(&seed_path(id)).unwrap().plan,
            )
        })
        .collect();
    let mut rng = Rng::new(4);
    let n = cases(SAME_CONTENT);
    for case in 0..n {
        let (text, expected) = &seeds[rng.below(seeds.len())];
        let variant = same_content(&mut rng, text);
        let got = check("same", case, "a.txt", variant.as_bytes());
        let d = got
            .map(|g| diff(expected, &g))
            .unwrap_or_else(|| vec!["refused".into()]);
        if !d.is_empty() {
            let why = format!("the plan differs:\n{}", d.join("\n"));
            fail("import-same", case, &[("a.txt", variant.as_bytes())], &why);
        }
    }
    eprintln!("content-preserving mutations: {n} cases");
}

/// The Word copies of the seeds, taken apart (entries) to mutate their XML or bytes.
fn docx_entries(id: &str) -> Vec<(String, Vec<u8>)> {
    unzip(&std::fs::read(fixtures().join("import-docx").join(format!("{id}.docx"))).unwrap())
}

#[test]
fn mutated_word_files() {
    let files: Vec<Vec<(String, Vec<u8>)>> = SEEDS.iter().map(|id| docx_entries(id)).collect();
    let zipped: Vec<Vec<u8>> = files.iter().map(|f| rezip(f, false)).collect();
    let mut rng = Rng::new(5);
    let n = cases(WORD_FILES);
    for case in 0..n {
        let k = rng.below(files.len());
        let bytes = if rng.chance(30) {
            // Bytes of the package flipped or cut: the ZIP layer's turn.
            let mut b = zipped[k].clone();
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            if rng.chance(20) {
                let cut = rng.below(b.len());
                b.truncate(cut);
            }
            b
        } else {
            // The XML mutated: pieces cut, repeated or swapped, tags broken.
            let mut entries = files[k].clone();
            if let Some((_, xml)) = entries.iter_mut().find(|(n, _)| n == "word/document.xml") {
                for _ in 0..1 + rng.below(4) {
                    let len = xml.len();
                    let (i, j) = (rng.below(len), rng.below(len));
                    let (i, j) = (i.min(j), i.max(j).min(i + 400));
                    match rng.below(4) {
                        0 => {
                            xml.drain(i..j);
                        }
                        1 => {
                            let piece = xml[i..j].to_vec();
                            xml.splice(i..i, piece);
                        }
                        2 => xml
                            .splice(
                                i..i,
                                rng.pick(&["<w:p>", "</w:p>", "<w:t>", "&", "<![CDATA[", "\u{0}"])
                                    .bytes(),
                            )
                            .for_each(drop),
                        _ => {
                            if j > i {
                                xml[i] = rng.next() as u8;
                            }
                        }
                    }
                }
            }
            rezip(&entries, false)
        };
        check("docx", case, "a.docx", &bytes);
    }
    eprintln!("mutated Word files: {n} cases");
}

/// The counts above, added up: the importer's issue asks for at least 10⁵ cases in CI.
#[test]
fn at_least_a_hundred_thousand_cases() {
    let total = total(CASES);
    assert!(
        total >= 100_000 || std::env::var("TRE_FUZZ_SCALE").is_ok(),
        "{total}"
    );
}

/// A large file (4 MB, the seeds over and over) imports in time linear in
/// its size: no step of the importer compares every paragraph or reference with every
/// other one.
#[test]
fn a_large_file_imports_in_linear_time() {
    let body: String = SEEDS
        .iter()
        .map(|id| seed_text(id))
        .collect::<Vec<_>>()
        .join("\n\n");
    let time = |copies: usize| {
        let text = body.repeat(copies);
        let start = std::time::Instant::now();
        let _ = import_bytes("lon.txt", text.as_bytes());
        start.elapsed().as_secs_f64()
    };
    let small = time(10);
    let large = time(100);
    eprintln!(
        "import of {} KB: {small:.2} s; of {} KB: {large:.2} s",
        body.len() * 20 / 1024,
        body.len() * 200 / 1024
    );
    // Ten times the text: well under a hundred times the time (allowing a noisy machine).
    assert!(large < small * 30.0 + 1.0, "{small} s then {large} s");
}

/// Millions of tiny elements in 20 MB of a Word file's XML, or millions of short lines in a
/// text file, stay within a few times the text's size in memory (checked as the peak
/// resident size of this test's process) and are read in linear time.
#[test]
fn many_tiny_word_elements_stay_small() {
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"#,
    );
    while xml.len() < 20 * 1024 * 1024 {
        xml.push_str("<w:p/><w:p></w:p><w:p><w:r><w:t>a</w:t></w:r><w:r><w:t>b</w:t></w:r></w:p>");
    }
    xml.push_str("</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    drop(xml);
    let result = import_bytes("nho.docx", &bytes);
    assert!(result.is_ok() || is_vietnamese(&result.unwrap_err().to_string()));
    // The same in a text file: millions of short lines that all join into one paragraph.
    let text = format!("KẾ HOẠCH\n\n{}", "ab\n".repeat(1024 * 1024));
    let start = std::time::Instant::now();
    let result = import_bytes("dong.txt", text.as_bytes());
    assert!(result.is_ok(), "{:?}", result.err());
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
    if let Some(peak_kb) = super::peak_kb() {
        eprintln!("peak resident memory: {} MB", peak_kb / 1024);
        assert!(peak_kb < 600 * 1024, "peak {peak_kb} kB");
    }
}
