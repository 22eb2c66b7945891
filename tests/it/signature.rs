//! Digital signatures in signed copies, checked against an independent signer and an
//! independent verifier: pyHanko signs a plan Tre printed (once with RSA, then again by the
//! agency with ECDSA, with the older pkcs7 filter, tampered, and with an unsigned update
//! after signing) under a test CA made at test time; poppler's `pdfsig` reads the same files,
//! and Tre must agree with it on every signature. Then the same files go through the
//! register and into the dossier, byte for byte.

use crate::common::oracles::test_venv_python;
use crate::common::*;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The signed files, made once per test run.
struct Signed {
    _dir: tempfile::TempDir,
    out: PathBuf,
    plan: PathBuf,
}

fn signed() -> &'static Signed {
    static SIGNED: OnceLock<Signed> = OnceLock::new();
    SIGNED.get_or_init(|| {
        let tre = Tre::new();
        tre.demo_ids("2026");
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.pdf");
        tre.ok(&[
            "export",
            "plan",
            "1",
            "--format",
            "pdf",
            "--out",
            plan.to_str().unwrap(),
        ]);
        let out = dir.path().join("signed");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sign_pdf.py");
        let run = Command::new(test_venv_python("pyHanko"))
            .arg(script)
            .arg(&plan)
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        Signed {
            _dir: dir,
            out,
            plan,
        }
    })
}

fn file(name: &str) -> PathBuf {
    signed().out.join(name)
}

/// `tre signatures FILE --json`: (exit code, the signatures).
fn tre_signatures(tre: &Tre, pdf: &Path) -> (i32, Vec<serde_json::Value>) {
    let out = tre.run(&["signatures", pdf.to_str().unwrap(), "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), list.as_array().unwrap().clone())
}

/// What `pdfsig` says of each signature: (common name, valid, total document signed).
fn pdfsig(pdf: &Path) -> Vec<(String, String, bool)> {
    let out = Command::new("pdfsig")
        .arg(pdf)
        .output()
        .expect("pdfsig (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut sigs = Vec::new();
    for block in text.split("Signature #").skip(1) {
        let field = |key: &str| {
            block
                .lines()
                .find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string()))
                .unwrap_or_default()
        };
        sigs.push((
            field("- Signer Certificate Common Name:"),
            field("- Signature Validation:"),
            block.contains("- Total document signed"),
        ));
    }
    sigs
}

#[test]
fn tre_agrees_with_pdfsig_on_every_signature() {
    let tre = Tre::new();
    let cases = [
        // (file, Tre's statuses, the file changed after the last signature)
        ("one.pdf", vec!["intact"], false),
        ("two.pdf", vec!["intact", "intact"], false),
        ("pkcs7.pdf", vec!["intact"], false),
        ("tampered.pdf", vec!["altered"], false),
        ("appended.pdf", vec!["intact"], true),
    ];
    for (name, statuses, changed) in cases {
        let pdf = file(name);
        let (code, sigs) = tre_signatures(&tre, &pdf);
        let theirs = pdfsig(&pdf);
        assert_eq!(sigs.len(), theirs.len(), "{name}: {sigs:?} / {theirs:?}");
        let ours: Vec<&str> = sigs.iter().map(|s| s["status"].as_str().unwrap()).collect();
        assert_eq!(ours, statuses, "{name}");
        for (s, (cn, valid, total)) in sigs.iter().zip(&theirs) {
            assert_eq!(s["signer"].as_str().unwrap(), cn, "{name}");
            let intact = s["status"] == "intact";
            assert_eq!(
                intact,
                valid == "Signature is Valid.",
                "{name}: pdfsig says {valid}"
            );
            if !intact {
                assert_eq!(valid, "Digest Mismatch.", "{name}");
            }
            assert_eq!(s["whole_file"].as_bool().unwrap(), *total, "{name}");
            // No root imported: never called trusted.
            assert_eq!(s["chain"], "unchecked", "{name}");
            let summary = s["summary"].as_str().unwrap();
            assert!(
                !summary.replace("KHÔNG hợp lệ", "").contains("hợp lệ"),
                "{name}: {summary}"
            );
        }
        let last_changed = sigs.iter().any(|s| s["changed_after"] == true);
        assert_eq!(last_changed, changed, "{name}");
        let ok = statuses.iter().all(|s| *s == "intact") && !changed;
        assert_eq!(code, if ok { 0 } else { 1 }, "{name}");
    }
    // The first of two signatures is followed by the agency's, not by an unsigned change.
    let (_, two) = tre_signatures(&tre, &file("two.pdf"));
    assert_eq!(two[0]["whole_file"], false);
    assert_eq!(two[0]["changed_after"], false);
    assert_eq!(two[0]["organisation"], "UBND xã Minh Hòa");
    assert_eq!(two[1]["signer"], "UBND xã Minh Hòa");
    let (_, one) = tre_signatures(&tre, &file("one.pdf"));
    assert!(
        one[0]["summary"]
            .as_str()
            .unwrap()
            .contains("chưa kiểm tra chuỗi chứng thư"),
        "{}",
        one[0]["summary"]
    );
    // The time pyHanko wrote, in Vietnam's time.
    assert!(one[0]["signed_at"].as_str().unwrap().ends_with("+07:00"));
    let (_, tampered) = tre_signatures(&tre, &file("tampered.pdf"));
    assert!(tampered[0]["summary"]
        .as_str()
        .unwrap()
        .contains("KHÔNG còn nguyên vẹn"));
    let (_, appended) = tre_signatures(&tre, &file("appended.pdf"));
    assert!(appended[0]["summary"]
        .as_str()
        .unwrap()
        .contains("sau chữ ký này"));
    // A plain PDF has none (exit 1: nothing to rely on); a non-PDF is refused.
    let (code, none) = tre_signatures(&tre, &signed().plan);
    assert_eq!((code, none.len()), (1, 0));
    let text = tre.path("x.pdf");
    std::fs::write(&text, "không phải PDF").unwrap();
    assert!(tre
        .fails(&["signatures", text.to_str().unwrap()])
        .contains("không phải tệp PDF"));
}

#[test]
fn imported_roots_decide_the_chain() {
    let tre = Tre::new();
    let status = |tre: &Tre| {
        let (_, sigs) = tre_signatures(tre, &file("two.pdf"));
        sigs.iter()
            .map(|s| {
                (
                    s["chain"].as_str().unwrap().to_string(),
                    s["root"].as_str().map(String::from),
                )
            })
            .collect::<Vec<_>>()
    };
    let root = file("root.pem");
    let other = file("other-root.pem");
    tre.ok(&["trust", "import", other.to_str().unwrap()]);
    assert!(status(&tre).iter().all(|(c, _)| c == "untrusted"));
    let out = tre.ok(&["trust", "import", root.to_str().unwrap()]);
    assert!(
        out.contains("Tre Test Root CA") && out.contains("Other Root CA"),
        "{out}"
    );
    let trusted = status(&tre);
    assert!(
        trusted
            .iter()
            .all(|(c, r)| c == "trusted" && r.as_deref() == Some("Tre Test Root CA")),
        "{trusted:?}"
    );
    let (_, sigs) = tre_signatures(&tre, &file("one.pdf"));
    let summary = sigs[0]["summary"].as_str().unwrap();
    assert!(
        summary.contains("chứng thư gốc tin cậy “Tre Test Root CA”"),
        "{summary}"
    );
    assert!(summary.contains("chưa kiểm tra thu hồi"), "{summary}");
    // Importing the same root again adds nothing; removing it by its fingerprint's start.
    tre.ok(&["trust", "import", root.to_str().unwrap()]);
    let list: serde_json::Value =
        serde_json::from_str(&tre.ok(&["trust", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let ours = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Tre Test Root CA")
        .unwrap();
    let fp = &ours["sha256"].as_str().unwrap()[..10];
    tre.ok(&["trust", "remove", fp]);
    assert!(status(&tre).iter().all(|(c, _)| c == "untrusted"));
    // Bad input: not a certificate, a prefix too short or unknown.
    let e = tre.fails(&["trust", "import", signed().plan.to_str().unwrap()]);
    assert!(e.contains("không phải chứng thư số"), "{e}");
    assert!(tre
        .fails(&["trust", "remove", "ab"])
        .contains("ít nhất 8 ký tự"));
}

#[test]
fn an_e_signed_copy_is_kept_byte_for_byte_and_its_signers_reach_the_dossier() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    let two = file("two.pdf");
    let out = tre.ok(&["register", "attach", "plan:1", two.to_str().unwrap()]);
    assert!(!out.contains("KHÔNG"), "{out}");
    let list = tre.ok(&["register", "list", "--year", "2026"]);
    assert!(list.contains("Chữ ký số của Nguyễn Văn An"), "{list}");
    let back = tre.path("lay-ra.pdf");
    tre.ok(&[
        "register",
        "copy",
        "plan:1",
        "--out",
        back.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&back).unwrap() == std::fs::read(&two).unwrap());

    // The dossier (drafts for the rest) carries the e-signed PDF unchanged, with its signers.
    let zip = tre.path("ho-so.zip");
    tre.ok(&[
        "dossier",
        "build",
        "--year",
        "2026",
        "--out",
        zip.to_str().unwrap(),
        "--drafts",
    ]);
    let files = crate::dossier::entries(&zip);
    let pdf = &files
        .iter()
        .find(|(n, _)| n == "2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf")
        .unwrap()
        .1;
    assert!(
        *pdf == std::fs::read(&two).unwrap(),
        "the e-signed PDF was changed"
    );
    let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    let entry = &manifest["files"][0];
    assert_eq!(entry["state"], "signed-copy");
    let signers: Vec<&str> = entry["signers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(signers, ["Nguyễn Văn An", "UBND xã Minh Hòa"]);
    assert!(entry["signers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["status"] == "intact"));
    // Drafts carry no signers field at all.
    assert!(manifest["files"][1].get("signers").is_none());
    let eml = crate::dossier::read_eml(&tre.path("ho-so.eml"));
    assert!(
        eml["body"]
            .as_str()
            .unwrap()
            .contains("bản ký số của Nguyễn Văn An; UBND xã Minh Hòa"),
        "{}",
        eml["body"]
    );

    // A tampered e-signed PDF is kept as received, with the warning at once.
    let tampered = file("tampered.pdf");
    let key = "plan:1";
    let out = tre.ok(&[
        "register",
        "attach",
        key,
        tampered.to_str().unwrap(),
        "--replace",
    ]);
    assert!(
        out.contains("Lưu ý: Chữ ký số của Nguyễn Văn An") && out.contains("KHÔNG còn nguyên vẹn"),
        "{out}"
    );
    tre.ok(&["register", "copy", key, "--out", back.to_str().unwrap()]);
    assert!(std::fs::read(&back).unwrap() == std::fs::read(&tampered).unwrap());
}
