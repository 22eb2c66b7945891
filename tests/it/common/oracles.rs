//! The independent readers the tests check Tre's files with: python-docx, openpyxl and
//! LibreOffice (installed by scripts/setup.sh). One place finds them and says what to install.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python that can `import module`. Debian's python3-docx and python3-openpyxl go with
/// /usr/bin/python3, which may not be the first python3 on PATH (pyenv).
pub fn python_with(module: &str) -> &'static str {
    for py in ["/usr/bin/python3", "python3"] {
        let ok = Command::new(py)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return py;
        }
    }
    let package = format!("python3-{module}");
    panic!("{module} is needed by this test: apt-get install {package} (or run `bash scripts/setup.sh`)")
}

/// The Python of target/test-venv (scripts/setup.sh makes it, with tests/requirements.txt
/// from PyPI: pyHanko, aiosmtpd), or `TRE_TEST_PYTHON`. `needs` says what the test uses it for.
pub fn test_venv_python(needs: &str) -> PathBuf {
    if let Some(p) = std::env::var_os("TRE_TEST_PYTHON") {
        return p.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let py = target.join("test-venv/bin/python");
    assert!(
        py.exists(),
        "{needs} is needed by this test: run `bash scripts/setup.sh` (it makes {})",
        py.display()
    );
    py
}

/// Runs `script` with a Python that has `module`, with `args`; returns its stdout as JSON.
pub fn python_json<I, S>(module: &str, script: &str, args: I) -> serde_json::Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new(python_with(module))
        .args(["-c", script])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python ({module}) failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Converts `files` to PDF with LibreOffice into `out_dir`, with a private profile under
/// `work` (a shared one would clash between tests running at once); returns the PDFs' paths.
pub fn libreoffice_pdfs(files: &[PathBuf], out_dir: &Path, work: &Path) -> Vec<PathBuf> {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "LibreOffice is needed by this test: apt-get install libreoffice-writer-nogui (or run `bash scripts/setup.sh`)"
    );
    let profile = file_url(&work.join("lo-profile"));
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .args(files)
        .output()
        .unwrap();
    let pdfs: Vec<PathBuf> = files
        .iter()
        .map(|f| out_dir.join(f.with_extension("pdf").file_name().unwrap()))
        .collect();
    assert!(
        out.status.success() && pdfs.iter().all(|p| p.exists()),
        "LibreOffice could not convert {files:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdfs
}

/// `file:///…` with every byte outside the URL's unreserved set percent-encoded. LibreOffice
/// waits forever on a raw path with spaces, backslashes or marks in its profile URL, which is
/// what `TMPDIR` under `C:\Users\Nguyễn Thị Hoà (…)` gives (Makefile, PORTABLE_TMP).
fn file_url(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}
