//! `tre dossier build|verify` as a user runs them: the ZIP, its manifest and e-mail draft
//! read back by other programs (the zip crate, Python's `email`), and every way a received
//! dossier can differ from what was sent.

use crate::common::*;

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

const PLAN_PDF: &str = "2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf";

fn demo() -> Tre {
    let tre = Tre::new();
    tre.ok(&["demo", "--year", "2026"]);
    tre
}

fn build(tre: &Tre, name: &str) -> std::path::PathBuf {
    let out = tre.path(name);
    let run = build_run(tre, "2026", &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// `tre dossier build` refused: its one-line message (exit 2, checked by `fails`).
fn build_fails(tre: &Tre, year: &str, out: &Path) -> String {
    tre.fails(&build_args(year, out))
}

/// `tre dossier build --year Y --out OUT`, whatever its outcome. The demo has no signed
/// copies, so its drafts are sent, with their Word files (tests/it/dossier_signed.rs covers
/// the signed copies and the split).
fn build_run(tre: &Tre, year: &str, out: &Path) -> std::process::Output {
    tre.run(&build_args(year, out))
}

fn build_args<'a>(year: &'a str, out: &'a Path) -> Vec<&'a str> {
    vec![
        "dossier",
        "build",
        "--year",
        year,
        "--out",
        out.to_str().unwrap(),
        "--drafts",
        "--docx",
    ]
}

pub(crate) fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

/// Writes a new ZIP with `files`, as someone repacking the dossier by hand would.
fn repack(zip: &Path, files: &[(String, Vec<u8>)]) {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in files {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    std::fs::write(zip, w.finish().unwrap().into_inner()).unwrap();
}

/// `dossier verify`: (exit code, stdout lines).
fn verify(tre: &Tre, zip: &Path) -> (i32, Vec<String>) {
    let out = tre.run(&["dossier", "verify", zip.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        stdout.lines().map(String::from).collect(),
    )
}

#[test]
fn build_then_verify_an_intact_dossier() {
    let tre = demo();
    let zip = build(&tre, "ho-so.zip");
    let files = entries(&zip);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "manifest.json");
    assert!(names.contains(&PLAN_PDF), "{names:?}");
    assert!(names.contains(&"2026_MinhHoa_KH-xa-phu-hop-tre-em.docx"));
    assert!(
        names.iter().all(|n| n.is_ascii() && !n.contains('/')),
        "{names:?}"
    );

    let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    assert_eq!(manifest["format"], 2);
    assert_eq!(manifest["parts"], 1);
    assert_eq!(manifest["commune"], "xã Minh Hòa");
    assert_eq!(manifest["province"], "Phú Thọ");
    assert_eq!(manifest["year"], 2026);
    // SOURCE_DATE_EPOCH of the test helper.
    assert_eq!(manifest["created"], "2026-01-01T00:00:00Z");
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(listed.len(), files.len() - 1);
    for (entry, (name, data)) in listed.iter().zip(&files[1..]) {
        assert_eq!(entry["name"], name.as_str());
        assert_eq!(entry["size"], data.len() as u64);
        assert_eq!(entry["sha256"], hex(&Sha256::digest(data)));
        let kind = match &name[13..15] {
            "KH" => "plan",
            "BC" => "report",
            "BB" => "minutes",
            "TB" => "notice",
            "PL" => "assessment",
            other => panic!("unexpected file {name} ({other})"),
        };
        assert_eq!(entry["kind"], kind, "{name}");
        assert_eq!(entry["part"], 1, "{name}");
        // No signed copy in the demo: its documents go as drafts, the score table as figures.
        let state = if kind == "assessment" {
            "data"
        } else {
            "draft"
        };
        assert_eq!(entry["state"], state, "{name}");
        assert_eq!(entry["format"], name.rsplit('.').next().unwrap());
    }
    let pdf = &files.iter().find(|(n, _)| n == PLAN_PDF).unwrap().1;
    assert!(pdf.starts_with(b"%PDF"));

    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(
        lines,
        [format!(
            "Hồ sơ nguyên vẹn: {} tệp (xã Minh Hòa, năm 2026).",
            listed.len()
        )]
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_changed_byte_is_named() {
    let tre = demo();
    let zip = build(&tre, "ho-so.zip");
    let mut files = entries(&zip);
    let pdf = files.iter_mut().find(|(n, _)| n == PLAN_PDF).unwrap();
    let mid = pdf.1.len() / 2;
    pdf.1[mid] ^= 0x01;
    repack(&zip, &files);
    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [format!(
            "Tệp {PLAN_PDF} đã bị thay đổi: nội dung không khớp mã SHA-256 trong manifest.json."
        )]
    );
}

#[test]
fn a_byte_changed_inside_the_compressed_data_is_caught() {
    // Damage the ZIP itself (not a repack): the deflate stream or its CRC no longer match.
    let tre = demo();
    let zip = build(&tre, "ho-so.zip");
    let mut bytes = std::fs::read(&zip).unwrap();
    let at = find(&bytes, PLAN_PDF.as_bytes()).unwrap() + PLAN_PDF.len() + 200;
    bytes[at] ^= 0xff;
    std::fs::write(&zip, &bytes).unwrap();
    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!("Tệp {PLAN_PDF} đã bị thay đổi")));
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn a_missing_and_an_added_file_are_named() {
    let tre = demo();
    let zip = build(&tre, "ho-so.zip");
    let files = entries(&zip);

    let without: Vec<_> = files
        .iter()
        .filter(|(n, _)| n != PLAN_PDF)
        .cloned()
        .collect();
    repack(&zip, &without);
    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [format!(
            "Thiếu tệp {PLAN_PDF}: manifest.json có ghi nhưng trong hồ sơ không có."
        )]
    );

    let mut with = files.clone();
    with.push(("ghi-chu.txt".into(), b"them vao".to_vec()));
    repack(&zip, &with);
    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        ["Tệp “ghi-chu.txt” không có trong manifest.json: tệp lạ đã được thêm vào hồ sơ."]
    );

    let no_manifest: Vec<_> = files[1..].to_vec();
    repack(&zip, &no_manifest);
    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 1);
    assert!(
        lines[0].starts_with("Hồ sơ không có tệp manifest.json"),
        "{lines:?}"
    );

    let mut broken = files.clone();
    broken[0].1 = b"{\"format\": 1, \"files\": [".to_vec();
    repack(&zip, &broken);
    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 1);
    assert!(
        lines[0].starts_with("Không đọc được manifest.json (sai định dạng ở dòng 1"),
        "{lines:?}"
    );
}

#[test]
fn hostile_names_and_bombs_are_reported_never_extracted() {
    let tre = demo();
    let zip = build(&tre, "ho-so.zip");
    let mut files = entries(&zip);
    // 64 MB of zeros compresses to about 64 KB; the manifest says the file has 3 bytes.
    let mut manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    manifest["files"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "name": "bom.pdf", "kind": "plan", "format": "pdf", "size": 3,
            "sha256": hex(&Sha256::digest(b"abc"))
        }));
    files[0].1 = serde_json::to_vec(&manifest).unwrap();
    files.push(("bom.pdf".into(), vec![0u8; 64 << 20]));
    files.push(("../../thoat-ra.txt".into(), b"x".to_vec()));
    repack(&zip, &files);
    let started = std::time::Instant::now();
    let (code, lines) = verify(&tre, &zip);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "Tệp bom.pdf đã bị thay đổi: nội dung không khớp mã SHA-256 trong manifest.json.",
            "Tệp “../../thoat-ra.txt” không có trong manifest.json: tệp lạ đã được thêm vào hồ sơ.",
        ]
    );
    assert!(!tre
        .dir
        .path()
        .parent()
        .unwrap()
        .join("thoat-ra.txt")
        .exists());
    // The 64 MB were not inflated: reading stopped after the declared size.
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn a_truncated_or_foreign_file_exits_2_with_a_message() {
    let tre = demo();
    let zip = build(&tre, "ho-so.zip");
    let bytes = std::fs::read(&zip).unwrap();
    std::fs::write(&zip, &bytes[..bytes.len() / 2]).unwrap();
    let err = tre.fails(&["dossier", "verify", zip.to_str().unwrap()]);
    assert!(
        err.contains("không phải tệp ZIP hợp lệ hoặc đã bị cắt cụt"),
        "{err}"
    );
    assert!(err.contains("ho-so.zip"), "{err}");

    let text = tre.path("thu.zip");
    std::fs::write(&text, "Kính gửi Sở Y tế").unwrap();
    tre.fails(&["dossier", "verify", text.to_str().unwrap()]);
    let err = tre.fails(&[
        "dossier",
        "verify",
        tre.path("khong-co.zip").to_str().unwrap(),
    ]);
    assert!(err.contains("khong-co.zip"), "{err}");
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let tre = demo();
    let a = std::fs::read(build(&tre, "a.zip")).unwrap();
    let b = std::fs::read(build(&tre, "b.zip")).unwrap();
    // (assert! rather than assert_eq!: a failure should not print 250 KB of bytes.)
    assert!(a == b, "two builds from one database differ");
    // Another database with the same data, too, and its e-mail draft.
    let other = demo();
    assert!(std::fs::read(build(&other, "a.zip")).unwrap() == a);
    let eml = |t: &Tre| std::fs::read(t.path("a.eml")).unwrap();
    assert!(eml(&tre) == eml(&other), "the e-mail drafts differ");
}

#[test]
fn errors_exit_2_and_leave_no_file() {
    let tre = demo();
    let err = build_fails(&tre, "2031", &tre.path("x.zip"));
    assert!(err.contains("Năm 2031 chưa có kế hoạch"), "{err}");
    let err = build_fails(&tre, "2026", &tre.path("x.pdf"));
    assert!(err.contains(".zip"), "{err}");
    // A folder that cannot be created (a file stands in its way).
    std::fs::write(tre.path("tep"), "x").unwrap();
    let err = build_fails(&tre, "2026", &tre.path("tep/x.zip"));
    assert!(err.contains("tep"), "{err}");
    let left: Vec<_> = std::fs::read_dir(tre.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".zip") || n.ends_with(".eml") || n.contains("tre-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Reads an .eml with Python's `email` package (stdlib), as a mail program would.
pub(crate) fn read_eml(path: &Path) -> serde_json::Value {
    let script = r#"
import email, hashlib, json, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
atts = list(m.iter_attachments())
body = m.get_body(preferencelist=('plain',))
print(json.dumps({
    'subject': str(m['subject']),
    'to': str(m['to']) if m['to'] is not None else None,
    'unsent': m['X-Unsent'],
    'date': str(m['date']),
    'type': m.get_content_type(),
    'attachments': [{'filename': a.get_filename(), 'type': a.get_content_type(),
                     'sha256': hashlib.sha256(a.get_payload(decode=True)).hexdigest()} for a in atts],
    'body': body.get_content(),
    'defects': [str(d) for part in m.walk() for d in part.defects],
}))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 is needed (scripts/setup.sh)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_email_draft_parses_and_carries_the_zip() {
    let tre = demo();
    let out = build_run(&tre, "2026", &tre.path("ho-so.zip"));
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("Cảnh báo: Chưa có địa chỉ thư điện tử của cơ quan cấp trên")
            && stderr.contains("trong thông tin xã"),
        "{stderr}"
    );
    let zip = std::fs::read(tre.path("ho-so.zip")).unwrap();
    let eml = read_eml(&tre.path("ho-so.eml"));
    assert_eq!(
        eml["subject"],
        "UBND xã Minh Hòa gửi hồ sơ tự đánh giá xã phù hợp với trẻ em năm 2026"
    );
    assert!(eml["to"].is_null());
    assert_eq!(eml["unsent"], "1");
    assert_eq!(eml["type"], "multipart/mixed");
    assert_eq!(eml["date"], "Thu, 01 Jan 2026 00:00:00 +0000");
    let att = &eml["attachments"][0];
    assert_eq!(att["filename"], "ho-so.zip");
    assert_eq!(att["type"], "application/zip");
    assert_eq!(att["sha256"], hex(&Sha256::digest(&zip)));
    let body = eml["body"].as_str().unwrap();
    assert!(
        body.starts_with("Kính gửi: Sở Y tế tỉnh Phú Thọ."),
        "{body}"
    );
    assert!(
        body.contains("- Kế hoạch (PDF, ") && body.contains(PLAN_PDF),
        "{body}"
    );
    assert_eq!(eml["defects"], serde_json::json!([]));
    let raw = std::fs::read(tre.path("ho-so.eml")).unwrap();
    assert!(raw.is_ascii(), "headers and bodies are 7-bit");
    let text = String::from_utf8(raw).unwrap();
    let body = text.strip_suffix("\r\n").unwrap();
    for line in body.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 78, "{} characters: {line}", line.len());
    }
}

#[test]
fn the_draft_is_addressed_and_a_vietnamese_file_name_survives() {
    let tre = demo();
    tre.ok(&[
        "commune",
        "set",
        "--superior-email",
        "vanthu.syt@phutho.gov.vn",
    ]);
    let name = "Hồ sơ trẻ em năm 2026 gửi Sở Y tế.zip";
    let out = build_run(&tre, "2026", &tre.path(name));
    assert!(out.status.success());
    // The warnings left: the missing proposal (the demo is not recognised yet) and the
    // drafts sent for want of signed copies.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("thư điện tử"), "{err}");
    assert_eq!(err.matches("Cảnh báo").count(), 2, "{err}");
    assert!(err.contains("ở dạng dự thảo"), "{err}");
    assert!(err.contains("chưa có Tờ trình"), "{err}");
    let eml = read_eml(&tre.path("Hồ sơ trẻ em năm 2026 gửi Sở Y tế.eml"));
    assert_eq!(eml["to"], "Sở Y tế tỉnh Phú Thọ <vanthu.syt@phutho.gov.vn>");
    assert_eq!(eml["attachments"][0]["filename"], name);
    assert_eq!(eml["defects"], serde_json::json!([]));
    let (code, _) = verify(&tre, &tre.path(name));
    assert_eq!(code, 0);
}

#[test]
fn a_recognised_year_sends_the_proposal_too() {
    let tre = Tre::new();
    tre.ok(&["demo", "--year", "2026"]);
    for code in 1..=13 {
        let pts = match code {
            1 => "95",
            6 => "125",
            7 => "50",
            _ => "70",
        };
        tre.ok(&[
            "assess",
            "set",
            "--year",
            "2026",
            &code.to_string(),
            pts,
            "--reason",
            "Hội nghị đánh giá thống nhất",
        ]);
    }
    let zip = tre.path("hs.zip");
    let out = build_run(&tre, "2026", &zip);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("Tờ trình"), "{err}");
    let (code, _) = verify(&tre, &zip);
    assert_eq!(code, 0);
    let names: Vec<String> = entries(&zip).into_iter().map(|(n, _)| n).collect();
    for n in [
        "2026_MinhHoa_TTr-de-nghi-cong-nhan-xa-phu-hop-tre-em.pdf",
        "2026_MinhHoa_TTr-de-nghi-cong-nhan-xa-phu-hop-tre-em.docx",
        "2026_MinhHoa_BC-tu-danh-gia-xa-phu-hop-tre-em.pdf",
        "2026_MinhHoa_PL-bang-diem-tu-danh-gia.xlsx",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
    }
}

/// The app builds a dossier from a read-only snapshot on a second connection: autosave on
/// the session goes on during the build, and the dossier holds the data as it was when the
/// build began (issue 13, "the app never freezes").
#[test]
fn a_dossier_builds_from_a_snapshot_while_autosave_goes_on() {
    use tre::session::Session;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let mut s = Session::open(&db).unwrap();
    let ids = s.demo_load(2026).unwrap();
    let snapshot = Session::open_snapshot(&db).unwrap();
    let before = s.plan_get(ids[0]).unwrap().plan.title;

    let options = tre::dossier::Options {
        drafts: true,
        ..Default::default()
    };
    let out = dir.path().join("out");
    let builder =
        std::thread::spawn(move || snapshot.dossier_build(2026, &out, options, &mut |_| {}));
    // Autosaves while the dossier renders: none waits for the build, none is refused.
    let mut saves = 0;
    while !builder.is_finished() || saves < 3 {
        let mut p = s.plan_get(ids[0]).unwrap().plan;
        p.title = format!("{before} (sửa {saves})");
        let t = std::time::Instant::now();
        s.plan_update(ids[0], &p).unwrap();
        assert!(
            t.elapsed().as_secs() < 2,
            "an autosave waited for the build"
        );
        saves += 1;
    }
    let built = builder.join().unwrap().unwrap();
    assert!(saves >= 3);
    // The dossier was made from the data as it was when the build began.
    let manifest = tre::session::Session::dossier_verify(&[built.parts[0].zip.clone()]).unwrap();
    assert!(manifest.intact(), "{}", manifest.summary());
    let text = pdf_text_of_zip_entry(&built.parts[0].zip, PLAN_PDF);
    assert!(!text.contains("(sửa "), "the snapshot saw a later autosave");
}

/// The text of one PDF inside a dossier ZIP.
fn pdf_text_of_zip_entry(zip: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    let entry = (0..archive.len())
        .find(|&i| archive.by_index(i).unwrap().name().ends_with(name))
        .expect("the plan's PDF is in the dossier");
    archive
        .by_index(entry)
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    let file = zip.with_extension("plan.pdf");
    std::fs::write(&file, bytes).unwrap();
    pdf_text(&file)
}

/// Two plans of a year with the same title: exported to the folder and in the dossier, each
/// has a file of its own, and neither export writes over the other's, whichever comes first.
#[test]
fn two_plans_with_the_same_title_never_share_a_file() {
    use tre::export::ExportFormat;
    use tre::session::Session;
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("tre.db")).unwrap();
    let folder = dir.path().join("export");
    s.set_export_dir(folder.clone());
    let ids = s.demo_load(2026).unwrap();
    // The twin starts in another year, so the first plan is alone when it is exported.
    let twin = s.plan_copy(ids[0], 2027).unwrap();
    let alone = s.plan_export_to_folder(ids[0], ExportFormat::Pdf).unwrap();
    let first_bytes = std::fs::read(&alone).unwrap();
    assert_eq!(
        alone.file_name().unwrap(),
        "2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf"
    );

    // Moved into 2026, the twin has the same year and title; it gets another number.
    let mut p = s.plan_get(twin).unwrap().plan;
    p.date.year = 2026;
    p.number = Some("27".into());
    p.title = s.plan_get(ids[0]).unwrap().plan.title;
    s.plan_update(twin, &p).unwrap();
    let a = s.plan_export_to_folder(ids[0], ExportFormat::Pdf).unwrap();
    let b = s.plan_export_to_folder(twin, ExportFormat::Pdf).unwrap();
    assert_ne!(a, b);
    assert_ne!(a, alone);
    assert_ne!(b, alone);
    assert_eq!(
        b.file_name().unwrap(),
        "2026_MinhHoa_KH-xa-phu-hop-tre-em-so-27.pdf"
    );
    // The file written while the first plan was alone is still that plan's.
    assert_eq!(std::fs::read(&alone).unwrap(), first_bytes);
    let text_a = pdf_text(&a);
    let text_b = pdf_text(&b);
    assert!(!text_a.contains("27/KH"), "{text_a}");
    assert!(text_b.contains("27/KH"), "{text_b}");
    let names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");

    // The dossier carries both plans, under the names the folder has.
    let options = tre::dossier::Options {
        drafts: true,
        docx: true,
        ..Default::default()
    };
    let built = s
        .dossier_build(2026, &dir.path().join("out"), options, &mut |_| {})
        .unwrap();
    let in_zip: Vec<&str> = built.files.iter().map(|f| f.name.as_str()).collect();
    for path in [&a, &b] {
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(in_zip.contains(&name), "{name} in {in_zip:?}");
        let docx = name.replace(".pdf", ".docx");
        assert!(in_zip.contains(&docx.as_str()), "{docx} in {in_zip:?}");
    }
    let twins = in_zip
        .iter()
        .filter(|n| n.contains("_KH-xa-phu-hop"))
        .count();
    assert_eq!(twins, 4, "{in_zip:?}");
}
