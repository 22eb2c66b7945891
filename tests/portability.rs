//! Windows is where officers are. Linux CI cannot run Windows, but it can feed the core what
//! Windows gives it: folders named like `C:\Users\Nguyễn Thị Hoà\Tài liệu` (spaces, marks,
//! parentheses, a drive-like component), files saved by Notepad and Excel (CRLF, a BOM, "\r\n"
//! inside JSON strings), and the names Windows refuses (`CON`, `a:b`, a trailing dot).
//! `make test` also runs the whole suite with `TMPDIR` under such a folder (Makefile,
//! `PORTABLE_TMP`), so every test that writes a temporary file walks a Windows-style path.
//!
//! Its own test target (not in `tests/it/`, whose crash tests are Unix-only) so that the
//! installers' workflow runs it on a real Windows runner too, where the paths are real ones.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A profile and documents folder as a Windows user's would look, under a temporary root. The
/// first component keeps Windows' own spelling, backslashes and colon included: on Linux
/// those are ordinary characters, so any code that parsed a path as a string would break here.
fn windows_style(root: &Path) -> PathBuf {
    let dir = root
        .join(user_folder())
        .join("Tài liệu của tôi")
        .join("Hồ sơ xã Minh Hòa (2026)");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The user's folder below the temporary root: Windows' own spelling on Linux and macOS; on
/// Windows, where `C:\` would leave the root, real components.
#[cfg(not(windows))]
fn user_folder() -> PathBuf {
    PathBuf::from(r"C:\Users\Nguyễn Thị Hoà")
}

#[cfg(windows)]
fn user_folder() -> PathBuf {
    Path::new("Users").join("Nguyễn Thị Hoà")
}

struct Cli {
    db: PathBuf,
    home: PathBuf,
}

impl Cli {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tre"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("HOME", &self.home)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .env_remove("TRE_DB")
            .env_remove("XDG_DATA_HOME")
            .output()
            .expect("run tre")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "tre {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn starts_with(path: &Path, magic: &[u8]) -> bool {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes.len() > 1000 && bytes.starts_with(magic)
}

/// The whole year's work in a Windows-style folder: the database, every export, the dossier,
/// a backup to a "USB" folder and the restore from it.
#[test]
fn a_year_of_work_in_a_windows_style_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = windows_style(tmp.path());
    let usb = tmp.path().join("USB (E:)").join("Sao lưu Tre");
    let cli = Cli {
        db: docs.join("Dữ liệu Tre.db"),
        home: tmp.path().join(user_folder()),
    };

    let ids: Vec<String> = cli
        .ok(&["demo", "--year", "2026"])
        .lines()
        .map(String::from)
        .collect();
    assert!(!ids.is_empty());
    let id = &ids[0];

    let pdf = docs.join("Kế hoạch số 1 (bản in).pdf");
    let docx = docs.join("Kế hoạch số 1.docx");
    cli.ok(&["export", "plan", id, "--format", "pdf", "--out", arg(&pdf)]);
    cli.ok(&[
        "export",
        "plan",
        id,
        "--format",
        "docx",
        "--out",
        arg(&docx),
    ]);
    assert!(starts_with(&pdf, b"%PDF-"));
    assert!(starts_with(&docx, b"PK"));

    let xlsx = docs.join("Bảng điểm tự đánh giá 2026.xlsx");
    cli.ok(&[
        "export",
        "assessment",
        "--year",
        "2026",
        "--format",
        "xlsx",
        "--out",
        arg(&xlsx),
    ]);
    assert!(starts_with(&xlsx, b"PK"));

    let ics = docs.join("Lịch thời hạn.ics");
    cli.ok(&["deadlines", "--year", "2026", "--ics", arg(&ics)]);
    let calendar = fs::read_to_string(&ics).unwrap();
    assert!(
        calendar.starts_with("BEGIN:VCALENDAR\r\n"),
        "{calendar:.80}"
    );

    // The dossier: its ZIP and e-mail beside it, and the receiving side's check of it.
    let zip = docs.join("Hồ sơ gửi Sở Y tế.zip");
    cli.ok(&[
        "dossier",
        "build",
        "--year",
        "2026",
        "--drafts",
        "--out",
        arg(&zip),
    ]);
    assert!(starts_with(&zip, b"PK"));
    assert!(docs.join("Hồ sơ gửi Sở Y tế.eml").is_file());
    let verified = cli.ok(&["dossier", "verify", arg(&zip)]);
    assert!(verified.contains("nguyên vẹn"), "{verified}");
    // Entry names inside the ZIP are ASCII with forward slashes only, whatever the folder.
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    for i in 0..archive.len() {
        let name = archive.by_index(i).unwrap().name().to_string();
        assert!(name.is_ascii() && !name.contains('\\'), "{name}");
    }

    // Backup to the "USB" folder, a change, then restore: the change is gone, the data back.
    let backup = usb.join("tre-2026.db");
    fs::create_dir_all(&usb).unwrap();
    cli.ok(&["backup", "--out", arg(&backup)]);
    assert!(backup.is_file());
    cli.ok(&["plan", "set", id, "--title", "Tiêu đề đổi sau khi sao lưu"]);
    let listed = cli.ok(&["backups", "--dir", arg(&usb), "--json"]);
    assert!(listed.contains("tre-2026.db"), "{listed}");
    cli.ok(&["restore", arg(&backup)]);
    let shown: Value = serde_json::from_str(&cli.ok(&["plan", "show", id, "--json"])).unwrap();
    assert_ne!(shown["title"], "Tiêu đề đổi sau khi sao lưu");
}

/// With no `--db`, the data folder is found under a home named with marks and spaces. (On
/// Windows the folder comes from the shell's Known Folders, not `HOME`: not redirected here.)
#[cfg(unix)]
#[test]
fn default_data_folder_under_a_home_with_marks() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("Nguyễn Thị Hoà");
    fs::create_dir_all(&home).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tre"))
        .args(["demo", "--year", "2026"])
        .env("HOME", &home)
        .env_remove("TRE_DB")
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = walk(&home)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .expect("a database under the home folder");
    assert!(db.starts_with(&home), "{}", db.display());
}

#[cfg(unix)]
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A plan and a commune profile saved by a Windows editor: CRLF between lines, and "\r\n"
/// inside strings where a line was typed in Notepad. No carriage return reaches the data or
/// the printed document, and a one-line value keeps no line break at all.
#[test]
fn json_saved_with_crlf_loads_without_carriage_returns() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = windows_style(tmp.path());
    let cli = Cli {
        db: docs.join("tre.db"),
        home: tmp.path().to_path_buf(),
    };
    let id = cli
        .ok(&["demo", "--year", "2026"])
        .lines()
        .next()
        .unwrap()
        .to_string();

    let mut plan: Value = serde_json::from_str(&cli.ok(&["plan", "show", &id, "--json"])).unwrap();
    plan["title"] = Value::from("Kế hoạch thực hiện\r\nxã phù hợp với trẻ em năm 2026");
    plan["intro"] = Value::from("Dòng một của đoạn.\r\nDòng hai của đoạn.\rDòng ba.");
    plan["sections"][0]["children"][0]["paragraphs"][0] = Value::from("- Ý một;\r\n- Ý hai.");
    let file = docs.join("Kế hoạch (Notepad).json");
    fs::write(&file, crlf(&serde_json::to_string_pretty(&plan).unwrap())).unwrap();
    cli.ok(&["plan", "set", &id, "--from-json", arg(&file)]);

    let saved = cli.ok(&["plan", "show", &id, "--json"]);
    assert!(!saved.contains("\\r"), "a carriage return was stored");
    let saved: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(
        saved["title"],
        "Kế hoạch thực hiện xã phù hợp với trẻ em năm 2026"
    );
    let txt = cli.ok(&["export", "plan", &id, "--format", "txt"]);
    assert!(!txt.contains('\r'));
    assert!(txt.contains("Dòng hai của đoạn."), "{txt}");
    assert!(txt.contains("- Ý hai."), "{txt}");

    let mut commune: Value = serde_json::from_str(&cli.ok(&["commune", "show", "--json"])).unwrap();
    commune["leaders"][0]["name"] = Value::from("Nguyễn Văn\r\nAn");
    commune["place"] = Value::from("Minh\rHòa");
    let file = docs.join("Thông tin xã.json");
    fs::write(
        &file,
        crlf(&serde_json::to_string_pretty(&commune).unwrap()),
    )
    .unwrap();
    cli.ok(&["commune", "set", "--from-json", arg(&file)]);
    let shown: Value = serde_json::from_str(&cli.ok(&["commune", "show", "--json"])).unwrap();
    assert_eq!(shown["leaders"][0]["name"], "Nguyễn Văn An");
    assert_eq!(shown["place"], "Minh Hòa");
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// A plan typed in Notepad (BOM, CRLF) in a folder with marks imports as the same plan as
/// its LF copy, and the linter reads it the same way.
#[test]
fn notepad_text_file_in_a_windows_style_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = windows_style(tmp.path());
    let cli = Cli {
        db: docs.join("tre.db"),
        home: tmp.path().to_path_buf(),
    };
    let seed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/000.txt"),
    )
    .unwrap();
    let lf = docs.join("ke-hoach-LF.txt");
    fs::write(&lf, &seed).unwrap();
    let notepad = docs.join("Kế hoạch gõ trong Notepad.txt");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(crlf(&seed).as_bytes());
    fs::write(&notepad, bytes).unwrap();

    let a: Value = serde_json::from_str(&cli.ok(&["import", arg(&lf), "--json"])).unwrap();
    let b: Value = serde_json::from_str(&cli.ok(&["import", arg(&notepad), "--json"])).unwrap();
    assert_eq!(a, b);
    let check = |p: &Path| {
        let out = cli.run(&["check", arg(p)]);
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(check(&lf), check(&notepad));
}

/// What Windows refuses in a file name: these characters, a trailing dot or space, and the
/// device names even with an extension (`CON.pdf`).
fn windows_refuses(name: &str) -> Option<&'static str> {
    const DEVICES: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if name
        .chars()
        .any(|c| "<>:\"/\\|?*".contains(c) || c.is_control())
    {
        return Some("reserved character");
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("trailing dot or space");
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    if DEVICES.contains(&stem.trim_end()) {
        return Some("device name");
    }
    // Under MAX_PATH with room for a folder such as C:\Users\<name>\Documents\.
    if name.len() > 120 {
        return Some("too long for MAX_PATH");
    }
    None
}

/// The names Tre proposes when the officer exports ("Xuất") are ones Windows accepts, whatever
/// the plan's title, the commune's name or the number typed.
#[test]
fn proposed_file_names_are_valid_on_windows() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("tre.db");
    let mut session = tre::session::Session::open(&db).unwrap();
    let id = session.demo_load(2026).unwrap()[0];
    let long_title = "Kế hoạch rất dài ".repeat(40);
    let hostile = [
        ("CON", "CON"),
        ("a<b>c:d\"e/f\\g|h?i*j", "12/KH-UBND"),
        ("Kế hoạch . . .", "  7.  "),
        ("NUL.txt", "LPT1"),
        (
            long_title.as_str(),
            "1234567890123456789012345678901234567890",
        ),
    ];
    for (title, number) in hostile {
        let edit = tre::model::PlanEdit {
            title: Some(title.to_string()),
            number: Some(number.to_string()),
            ..Default::default()
        };
        session.plan_edit(id, &edit).ok();
        for format in [
            tre::export::ExportFormat::Pdf,
            tre::export::ExportFormat::Docx,
        ] {
            let name = session.plan_file_name(id, format).unwrap();
            assert_eq!(
                windows_refuses(&name),
                None,
                "{title:?} {number:?} → {name}"
            );
        }
    }
    for commune_name in ["CON", "Hòa: \"Đông\"", &"Rất Dài ".repeat(30)] {
        let mut commune = session.commune_get().unwrap().unwrap();
        commune.name = commune_name.to_string();
        session.commune_set(&commune).ok();
        let name = session
            .assessment_file_name(
                tre::document::assessment::AssessmentKind::Report,
                2026,
                "pdf",
            )
            .unwrap();
        assert_eq!(windows_refuses(&name), None, "{commune_name:?} → {name}");
    }
    assert_eq!(windows_refuses("CON.pdf"), Some("device name"));
    assert_eq!(windows_refuses("a:b.pdf"), Some("reserved character"));
}
