//! Helpers shared by the integration tests: run the real `tre` binary on a temporary
//! database, and read PDFs back with poppler (installed by scripts/setup.sh).
#![allow(dead_code)]

pub mod assessment;
pub mod oracles;
pub mod spacing;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Tre {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Tre {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tre.db");
        Tre { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `tre --db <tmp> args…` with a pinned creation date, so outputs are reproducible.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tre"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .env_remove("TRE_DB")
            .output()
            .expect("run tre")
    }

    /// `tre demo --year Y`: loads the demo commune and its plans; returns the plans' ids.
    pub fn demo_ids(&self, year: &str) -> Vec<String> {
        self.ok(&["demo", "--year", year])
            .lines()
            .map(String::from)
            .collect()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "tre {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and asserts exit code 2 with a one-line Vietnamese message; returns it.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "tre {args:?}: expected exit 2, stderr: {err}"
        );
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line expected: {err}"
        );
        assert!(err.starts_with("Lỗi: "), "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{err}"
        );
        err
    }
}

fn poppler(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{tool} is needed by the tests ({e}): run `bash scripts/setup.sh` (poppler-utils)"
            )
        });
    assert!(out.status.success(), "{tool} failed on {}", file.display());
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text as `pdftotext` gives it back (reading order, no layout).
pub fn pdf_text(file: &Path) -> String {
    poppler("pdftotext", &[], file)
}

/// The whole PDF's text with `-layout`: header columns side by side on one row, as printed.
pub fn pdf_layout_text(file: &Path) -> String {
    poppler("pdftotext", &["-layout"], file)
}

/// The text of one page.
pub fn pdf_page_text(file: &Path, page: u32) -> String {
    let p = page.to_string();
    poppler("pdftotext", &["-f", &p, "-l", &p, "-layout"], file)
}

/// `pdffonts` rows: (name, embedded, subset).
pub fn pdf_fonts(file: &Path) -> Vec<(String, bool, bool)> {
    let out = Command::new("pdffonts")
        .arg(file)
        .output()
        .expect("pdffonts (poppler-utils) is needed");
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // name type encoding emb sub uni object ID: count from the end, types have spaces.
            let n = cols.len();
            (
                cols[0].to_string(),
                cols[n - 5] == "yes",
                cols[n - 4] == "yes",
            )
        })
        .collect()
}

pub fn pdf_pages(file: &Path) -> u32 {
    let out = Command::new("pdfinfo")
        .arg(file)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap()
}

/// Joins a text the way a reader would compare it: whitespace folded to single spaces.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
