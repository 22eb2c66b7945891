//! `tre province import|report|trends` on a folder as a province receives it: an intact
//! dossier, a split one, a tampered one, one with a part missing, a duplicate, a wrong year,
//! a file that is not a ZIP, and a ZIP with an entry that inflates to a great size. The
//! workbook is read back with calamine, the report with pdftotext.

use crate::common::*;

use std::io::{Cursor, Read, Write};
use std::path::Path;

use calamine::{Data, DataType, Reader};
use chrono::{DateTime, FixedOffset};
use tre::demo::dossiers::DossierFactory;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// The demo's dossier, re-issued per commune (see `tre::demo::dossiers`).
fn factory() -> DossierFactory {
    let dir = tempfile::tempdir().unwrap();
    let mut store = tre::store::Store::open(&dir.path().join("demo.db")).unwrap();
    tre::demo::load_demo(&mut store, 2026).unwrap();
    DossierFactory::new(&store, 2026).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// The ZIP with `edit` applied to each entry's bytes, and `extra` entries added.
fn repack(zip: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut inp = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..inp.len() {
        let mut e = inp.by_index(i).unwrap();
        let name = e.name().to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        out.start_file(name.as_str(), opts).unwrap();
        out.write_all(&edit(&name, bytes)).unwrap();
    }
    for (name, bytes) in extra {
        out.start_file(*name, opts).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn by_commune<'a>(report: &'a serde_json::Value, commune: &str) -> Vec<&'a serde_json::Value> {
    report["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["commune"] == commune)
        .collect()
}

#[test]
fn a_province_imports_checks_and_consolidates_its_communes_dossiers() {
    let f = factory();
    let tre = Tre::new();
    let inbox = tre.path("ho-so");
    std::fs::create_dir(&inbox).unwrap();
    let one = |k: usize, year: i32, parts: u32, created: &str| {
        f.dossier(k, year, parts, at(created)).unwrap()
    };
    // Intact, and an older dossier of the same commune: the newer is kept.
    write(
        &inbox,
        "xa1.zip",
        &one(1, 2026, 1, "2026-11-20T08:00:00+07:00")[0],
    );
    write(
        &inbox,
        "xa1-cu.zip",
        &one(1, 2026, 1, "2026-11-10T08:00:00+07:00")[0],
    );
    // Split in two parts, in a subfolder.
    std::fs::create_dir(inbox.join("xa2")).unwrap();
    for (i, part) in one(2, 2026, 2, "2026-11-20T08:00:00+07:00")
        .iter()
        .enumerate()
    {
        write(&inbox.join("xa2"), &format!("xa2_phan-{}.zip", i + 1), part);
    }
    // A PDF changed after the manifest was written.
    let tampered = repack(
        &one(3, 2026, 1, "2026-11-20T08:00:00+07:00")[0],
        |name, mut b| {
            if name.ends_with(".pdf") {
                b[200] ^= 1;
            }
            b
        },
        &[],
    );
    write(&inbox, "xa3.zip", &tampered);
    // The year before.
    write(
        &inbox,
        "xa4.zip",
        &one(4, 2025, 1, "2025-11-20T08:00:00+07:00")[0],
    );
    // One part of two.
    write(
        &inbox,
        "xa5_phan-1.zip",
        &one(5, 2026, 2, "2026-11-20T08:00:00+07:00")[0],
    );
    // An added entry of 64 MB of zeros (a few KB packed): reported, never inflated.
    let bomb = repack(
        &one(6, 2026, 1, "2026-11-20T08:00:00+07:00")[0],
        |_, b| b,
        &[("bom.bin", &vec![0u8; 64 << 20])],
    );
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    write(&inbox, "xa6.zip", &bomb);
    write(&inbox, "khong-phai-zip.zip", b"Day khong phai tep ZIP");
    // The same attachment saved twice: one dossier, the copy set aside.
    std::fs::copy(inbox.join("xa1.zip"), inbox.join("xa1_2.zip")).unwrap();
    write(&inbox, "ghi-chu.txt", b"ghi chu");

    let dir = inbox.to_str().unwrap();
    let out = tre.run(&["province", "import", dir, "--year", "2026", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let state = |commune: &str| -> Vec<String> {
        let mut s: Vec<String> = by_commune(&report, commune)
            .iter()
            .map(|d| d["state"].as_str().unwrap().to_string())
            .collect();
        s.sort();
        s
    };
    assert_eq!(state("xã mẫu 1"), ["duplicate", "intact"]);
    assert_eq!(state("xã mẫu 2"), ["intact"]);
    assert_eq!(state("xã mẫu 3"), ["tampered"]);
    assert_eq!(state("xã mẫu 4"), ["wrong-year"]);
    assert_eq!(state("xã mẫu 5"), ["incomplete"]);
    assert_eq!(state("xã mẫu 6"), ["tampered"]);
    let dup = by_commune(&report, "xã mẫu 1")
        .into_iter()
        .find(|d| d["state"] == "duplicate")
        .unwrap();
    assert_eq!(dup["files"][0], "xa1-cu.zip");
    assert!(
        dup["message"].as_str().unwrap().contains("xa1.zip"),
        "{dup}"
    );
    let split = by_commune(&report, "xã mẫu 2")[0];
    assert_eq!(split["files"].as_array().unwrap().len(), 2);
    assert_eq!(split["result"]["parts"], 2);
    let bad: Vec<&serde_json::Value> = report["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["files"][0] == "khong-phai-zip.zip")
        .collect();
    assert_eq!(bad[0]["state"], "unreadable");
    assert!(
        bad[0]["message"]
            .as_str()
            .unwrap()
            .contains("không phải tệp ZIP"),
        "{}",
        bad[0]
    );
    let bomb = by_commune(&report, "xã mẫu 6")[0];
    assert!(bomb["problems"].to_string().contains("bom.bin"), "{bomb}");
    let skipped = report["skipped"].to_string();
    assert!(
        skipped.contains("ghi-chu.txt (không phải tệp .zip)"),
        "{skipped}"
    );
    assert!(
        skipped.contains("xa1_2.zip (bản sao giống hệt"),
        "{skipped}"
    );
    let wrong = by_commune(&report, "xã mẫu 4")[0];
    assert!(
        wrong["message"].as_str().unwrap().contains("năm 2025"),
        "{wrong}"
    );

    // Importing again changes nothing: the same dossiers are "already imported".
    let again = tre.run(&["province", "import", dir, "--year", "2026", "--json"]);
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    let states: Vec<&str> = by_commune(&again, "xã mẫu 2")
        .iter()
        .map(|d| d["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["already-imported"]);

    // The wrong-year dossier counts in its own year, and the trend has both years.
    tre.ok(&[
        "province",
        "import",
        inbox.join("xa4.zip").to_str().unwrap(),
        "--year",
        "2025",
    ]);
    let older = tre.path("nam-truoc.zip");
    std::fs::write(&older, &one(1, 2025, 1, "2025-11-20T08:00:00+07:00")[0]).unwrap();
    tre.ok(&[
        "province",
        "import",
        older.to_str().unwrap(),
        "--year",
        "2025",
    ]);
    let trends: serde_json::Value =
        serde_json::from_str(&tre.ok(&["province", "trends", "--commune", "mau 1", "--json"]))
            .unwrap();
    assert_eq!(trends.as_array().unwrap().len(), 1, "{trends}");
    let years: Vec<i64> = trends[0]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2025, 2026]);
    let text = tre.ok(&["province", "trends"]);
    assert!(
        text.contains("xã mẫu 4") && text.contains("2025:"),
        "{text}"
    );

    // The report needs its issuing body; the workbook does not.
    let xlsx = tre.path("tong-hop.xlsx");
    let pdf = tre.path("bao-cao.pdf");
    let e = tre.fails(&[
        "province",
        "report",
        "--year",
        "2026",
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert!(e.contains("tên cơ quan ban hành"), "{e}");
    tre.ok(&[
        "province",
        "report",
        "--year",
        "2026",
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
        "--issuer",
        "Sở Y tế tỉnh Phú Thọ",
        "--parent",
        "Ủy ban nhân dân tỉnh Phú Thọ",
        "--place",
        "Phú Thọ",
        "--signer-title",
        "GIÁM ĐỐC",
        "--signer",
        "Nguyễn Văn Thử",
        "--date",
        "15/12/2026",
    ]);

    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("Tổng hợp").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let header = &rows[3];
    let total_col = rows[2].iter().position(|c| *c == "Tổng điểm").unwrap();
    assert!(header[2].to_string().starts_with("TC 1"), "{:?}", header);
    let communes: Vec<String> = rows[4..].iter().map(|r| r[1].to_string()).collect();
    assert_eq!(communes, ["xã mẫu 1", "xã mẫu 2", "Số xã đạt"]);
    for r in &rows[4..6] {
        // The total formula's cached value is the sum of the criteria's points.
        let sum: f64 = r[2..total_col].iter().filter_map(|c| c.as_f64()).sum();
        assert_eq!(r[total_col].as_f64(), Some(sum), "{r:?}");
        assert!(sum > 0.0);
    }
    let formulas = book.worksheet_formula("Tổng hợp").unwrap();
    let f = formulas.get_value((4, total_col as u32)).unwrap();
    assert!(f.starts_with("SUM(C5:"), "{f}");
    let problems = book.worksheet_range("Hồ sơ không tính").unwrap();
    let listed: Vec<String> = problems.rows().skip(1).map(|r| r[4].to_string()).collect();
    assert!(listed.contains(&"bị thay đổi".to_string()), "{listed:?}");
    assert!(listed.contains(&"không đọc được".to_string()), "{listed:?}");

    let text = pdf_text(&pdf);
    for needle in [
        "SỞ Y TẾ TỈNH PHÚ THỌ",
        "BÁO CÁO",
        "Tổng hợp kết quả đánh giá xã, phường phù hợp với trẻ em năm 2026",
        "Phú Thọ, ngày 15 tháng 12 năm 2026",
        "xã mẫu 1",
        "XU HƯỚNG QUA CÁC NĂM",
        "HỒ SƠ KHÔNG ĐƯỢC TÍNH",
        "Nguyễn Văn Thử",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}
