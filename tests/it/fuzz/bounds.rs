//! Inputs that declare giant sizes or hide them: each parser must answer quickly and without
//! taking memory in proportion to what the input claims. Each input runs in a child process
//! (this test binary again, running `bomb_in_a_child` alone), so its peak resident memory is
//! its own: under `MAX_PEAK_KB`, in under `MAX_TIME` (debug build), with Vietnamese messages.
//!
//! The inputs: workbooks with a shared-string count of four billion, with cells at both
//! ends of the sheet, with a dimension of the whole sheet, and whose shared strings inflate
//! to 1 GiB (their declared size true, or a lie); a catalogue nested a million deep, and one
//! too big to read; dossiers whose manifest or a listed file inflates to 1 GiB, that list a
//! file of a petabyte, or hold 20,000 entries; PDFs whose /ByteRange numbers overflow, whose
//! CMS declares a length of 4 GiB or 2⁶³, one whose 64 signatures share an 8 MB gap, and
//! one of 8 MB without a dictionary ("obj") before its 64 signatures.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tre::catalog::{catalog_from_file, parse_json, Catalog};
use tre::dossier::verify::verify_readers;
use tre::dossier::MANIFEST;
use tre::register::signature::verify_pdf;
use tre::xlsx::{catalog_from_xlsx_bytes, read_unit_sheet_bytes};

use super::{raw_zip, refusal, rezip, unzip, Raw};

/// Each input, and words its messages must hold (it was refused for the right reason).
const BOMBS: &[(&str, &str)] = &[
    ("xlsx-shared-string-count", "bị hỏng (phần chuỗi dùng chung"),
    (
        "xlsx-far-cells",
        "dữ liệu ở quá xa (dòng 1048576, cột 16384)",
    ),
    (
        "xlsx-whole-sheet-dimension",
        "không có trang “Danh mục tiêu chí”",
    ),
    ("xlsx-inflates-to-1-gib", "giải nén lớn bất thường"),
    (
        "xlsx-inflates-to-1-gib-declared-small",
        "giải nén lớn bất thường",
    ),
    ("catalog-json-nested-a-million-deep", "không đúng định dạng"),
    ("catalog-file-too-big", "quá lớn để là danh mục"),
    ("dossier-manifest-inflates-to-1-gib", "lớn bất thường"),
    ("dossier-file-inflates-to-1-gib", "đã bị thay đổi"),
    ("dossier-lists-a-petabyte", "kích thước bất thường"),
    ("dossier-20000-entries", "có hơn 10000 tệp"),
    ("pdf-byte-range-overflows", "Chữ ký số bị hỏng"),
    ("pdf-der-length-4-gib", "KHÔNG hợp lệ"),
    ("pdf-64-signatures-one-8-mb-gap", "Chữ ký số bị hỏng"),
    ("pdf-64-signatures-8-mb-without-obj", "KHÔNG hợp lệ"),
];
/// This target's cases per run (they do not scale).
pub const COUNT: usize = BOMBS.len();

/// Peak resident memory allowed to a child: the test binary itself, the input built in
/// memory (at most a few MB) and the parser's work.
const MAX_PEAK_KB: u64 = 256 * 1024;
const MAX_TIME: Duration = Duration::from_secs(20);

#[test]
fn giant_declared_sizes_are_refused_quickly_and_small() {
    let exe = std::env::current_exe().unwrap();
    for (bomb, _) in BOMBS {
        let start = Instant::now();
        let out = Command::new(&exe)
            .args([
                "fuzz::bounds::bomb_in_a_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("TRE_FUZZ_BOMB", bomb)
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{bomb}: the child failed ({}):\n{stdout}\n{stderr}",
            out.status
        );
        let report = stdout
            .lines()
            .find_map(|l| l.split_once("BOMB ").map(|(_, r)| r))
            .unwrap_or_else(|| panic!("{bomb}: no report:\n{stdout}\n{stderr}"));
        let field = |k: &str| -> u64 {
            report
                .split(' ')
                .find_map(|kv| kv.strip_prefix(k))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        let (peak_kb, ms) = (field("peak_kb="), field("ms="));
        eprintln!("{bomb}: {ms} ms, peak {} MB", peak_kb / 1024);
        assert!(peak_kb < MAX_PEAK_KB, "{bomb}: peak {peak_kb} kB");
        assert!(elapsed < MAX_TIME, "{bomb}: took {elapsed:?}");
    }
}

/// The child's side: builds the input named by `TRE_FUZZ_BOMB`, runs its parser, checks
/// the messages and prints its time and peak memory. Does nothing in a normal run.
#[test]
fn bomb_in_a_child() {
    let Ok(bomb) = std::env::var("TRE_FUZZ_BOMB") else {
        return;
    };
    let start = Instant::now();
    let messages = run(&bomb);
    let ms = start.elapsed().as_millis();
    for m in &messages {
        assert!(crate::support::is_vietnamese(m), "{bomb}: {m}");
    }
    let (_, expected) = BOMBS.iter().find(|(b, _)| *b == bomb).unwrap();
    assert!(
        messages.iter().any(|m| m.contains(expected)),
        "{bomb}: no message says “{expected}”: {messages:?}"
    );
    let peak = super::peak_kb().unwrap_or(0);
    println!("BOMB peak_kb={peak} ms={ms} messages={}", messages.len());
}

fn run(bomb: &str) -> Vec<String> {
    match bomb {
        "xlsx-shared-string-count" => unit_sheet_with("xl/sharedStrings.xml", |xml| {
            replace_attr(xml, "uniqueCount", "4000000000")
        }),
        "xlsx-far-cells" => unit_sheet_with("xl/worksheets/sheet1.xml", |xml| {
            xml.replace(
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
            )
        }),
        "xlsx-whole-sheet-dimension" => unit_sheet_with("xl/worksheets/sheet1.xml", |xml| {
            replace_attr(xml, "ref", "A1:XFD1048576")
        }),
        "xlsx-inflates-to-1-gib" | "xlsx-inflates-to-1-gib-declared-small" => {
            let mut entries: Vec<Raw> = unzip(&unit_sheet())
                .into_iter()
                .filter(|(n, _)| n != "xl/sharedStrings.xml")
                .map(|(n, b)| Raw::stored(&n, b))
                .collect();
            let head = b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>";
            let mut bomb_entry = Raw::bomb("xl/sharedStrings.xml", head, b'a', 1024);
            if bomb.ends_with("declared-small") {
                bomb_entry.size = 100;
            }
            entries.push(bomb_entry);
            let bytes = raw_zip(&entries);
            let cat = Catalog::builtin().unwrap();
            let unit = read_unit_sheet_bytes(bytes.clone(), "Tệp bang.xlsx", &cat);
            let catalog = catalog_from_xlsx_bytes(bytes, "Tệp danh-muc.xlsx");
            assert!(unit.is_err() && catalog.is_err());
            [refusal(&unit), refusal(&catalog)].concat()
        }
        "catalog-json-nested-a-million-deep" => {
            let text = "[".repeat(1 << 20);
            let r = parse_json(&text, "Tệp danh-muc.json");
            assert!(r.is_err());
            refusal(&r)
        }
        "catalog-file-too-big" => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("danh-muc.json");
            std::fs::write(&path, vec![b' '; 6 << 20]).unwrap();
            let r = catalog_from_file(&path);
            assert!(r.is_err());
            refusal(&r)
        }
        "dossier-manifest-inflates-to-1-gib" => {
            let bomb = Raw::bomb(MANIFEST, b"{\"format\": 2, \"files\": [", b' ', 1024);
            verify(&raw_zip(&[bomb]))
        }
        "dossier-file-inflates-to-1-gib" => {
            let manifest =
                br#"{"format": 2, "files": [{"name": "a.pdf", "size": 1000, "sha256": "00"}]}"#;
            let bomb = Raw::bomb("a.pdf", b"%PDF-1.7\n", b'a', 1024);
            verify(&raw_zip(&[Raw::stored(MANIFEST, manifest.to_vec()), bomb]))
        }
        "dossier-lists-a-petabyte" => {
            let manifest = br#"{"format": 2, "files": [{"name": "a.pdf", "size": 1125899906842624, "sha256": "00"}]}"#;
            let bomb = Raw::bomb("a.pdf", b"%PDF-1.7\n", b'a', 1024);
            verify(&raw_zip(&[Raw::stored(MANIFEST, manifest.to_vec()), bomb]))
        }
        "dossier-20000-entries" => {
            let entries: Vec<(String, Vec<u8>)> = (0..20_000)
                .map(|i| (format!("{i}.pdf"), Vec::new()))
                .collect();
            verify(&rezip(&entries, false))
        }
        "pdf-byte-range-overflows" => {
            let pdf = b"%PDF-1.7\n1 0 obj\n<</ByteRange [0 18446744073709551615 18446744073709551615 18446744073709551615]/Contents <00>>>\nendobj\n<</ByteRange [18446744073709551615 1 0 1]/Contents <00>>>\n<</ByteRange [0 99999999999999999999999 1 1]>>";
            signatures(pdf)
        }
        "pdf-der-length-4-gib" => {
            let mut msgs = Vec::new();
            for head in [
                "3084ffffffff",
                "30880fffffffffffffff",
                "3080",
                "a084ffffffff",
            ] {
                let contents = format!("<{head}{}>", "0".repeat(64));
                let pdf = with_range(&contents, 1);
                msgs.extend(signatures(&pdf));
            }
            msgs
        }
        "pdf-64-signatures-one-8-mb-gap" => {
            let contents = format!("<30{}>", "0".repeat(8 << 20));
            signatures(&with_range(&contents, 64))
        }
        "pdf-64-signatures-8-mb-without-obj" => {
            // 8 MB with no "obj" anywhere, then 64 signatures, each with its own gap.
            let mut pdf = vec![b' '; 8 << 20];
            for _ in 0..64 {
                let b = pdf.len() + "/Contents ".len();
                pdf.extend_from_slice(b"/Contents <3003020101>");
                let c = pdf.len();
                pdf.extend(format!("/ByteRange [0 {b} {c} 0]").bytes());
            }
            signatures(&pdf)
        }
        other => panic!("no such input: {other}"),
    }
}

/// The demo's workbook for the Trạm Y tế.
fn unit_sheet() -> Vec<u8> {
    let commune = tre::demo::demo_commune();
    let cat = Catalog::builtin().unwrap();
    let a = tre::demo::demo_assessment(&commune, 2026);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 11).unwrap();
    let ov = tre::assess::view::build(&commune, &cat, a, today);
    let unit = ov.units[0].unit.clone();
    tre::xlsx::unit_sheet_xlsx(&ov, &commune, &unit, "2026-11-11T08:00:00+07:00")
        .unwrap()
        .0
}

/// The unit's workbook with one part changed by `edit`, read as a unit's workbook and as
/// a catalogue.
fn unit_sheet_with(part: &str, edit: impl Fn(&str) -> String) -> Vec<String> {
    let mut entries = unzip(&unit_sheet());
    let (_, xml) = entries.iter_mut().find(|(n, _)| n == part).unwrap();
    let changed = edit(std::str::from_utf8(xml).unwrap());
    assert_ne!(changed.as_bytes(), xml.as_slice(), "{part} unchanged");
    *xml = changed.into_bytes();
    let bytes = rezip(&entries, true);
    let cat = Catalog::builtin().unwrap();
    let unit = read_unit_sheet_bytes(bytes.clone(), "Tệp bang.xlsx", &cat);
    let catalog = catalog_from_xlsx_bytes(bytes, "Tệp danh-muc.xlsx");
    let unit = match unit {
        Ok(sheet) => sheet.errors,
        Err(e) => vec![e.to_string()],
    };
    [unit, refusal(&catalog)].concat()
}

/// `xml` with the first value of attribute `name` replaced.
fn replace_attr(xml: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    let at = xml.find(&key).unwrap() + key.len();
    let end = at + xml[at..].find('"').unwrap();
    format!("{}{value}{}", &xml[..at], &xml[end..])
}

fn verify(zip: &[u8]) -> Vec<String> {
    let r = verify_readers(vec![(Cursor::new(zip), Path::new("ho-so.zip"))]);
    match r {
        Ok(report) => {
            assert!(!report.intact());
            report
                .problems
                .iter()
                .map(|p| p.message.clone())
                .chain([report.summary()])
                .collect()
        }
        Err(e) => vec![e.to_string()],
    }
}

fn signatures(pdf: &[u8]) -> Vec<String> {
    verify_pdf(pdf, &[])
        .into_iter()
        .map(|s| s.summary)
        .collect()
}

/// A PDF whose `copies` signature dictionaries all have `contents` as their gap, each with
/// another (true) range: the first piece is the file up to the gap, the second a
/// different tail.
fn with_range(contents: &str, copies: usize) -> Vec<u8> {
    let head = "%PDF-1.7\n1 0 obj\n<</Type/Sig/Contents ";
    let mut pdf = format!("{head}{contents}").into_bytes();
    let (b, c) = (head.len(), pdf.len());
    for i in 0..copies {
        let range = format!("/ByteRange [0 {b} {c} {}]", 32 + i);
        pdf.extend_from_slice(range.as_bytes());
    }
    pdf.extend_from_slice(&[b' '; 64]);
    pdf.extend_from_slice(b">>\nendobj\n%%EOF\n");
    pdf
}
