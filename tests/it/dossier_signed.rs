//! The dossier made of signed copies, as the officer sends it: a document without a signed
//! copy stops the build with the list of what is missing (unless drafts are asked for), the
//! signed copies go in byte for byte, the manifest says each file's state, and a dossier too
//! large for one e-mail is split into parts that `tre dossier verify` checks together.

use crate::common::*;
use crate::dossier::{entries, read_eml};

use std::path::{Path, PathBuf};

use lopdf::{dictionary, Document, Object, Stream};

/// A one-page PDF standing for a scanned signed copy: `marker` in its content stream and
/// `noise` bytes that do not compress, as a scan's image does not.
fn scan_pdf(marker: &str, noise: usize, seed: u64) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let mut x = seed | 1;
    let bytes: Vec<u8> = (0..noise)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let image = doc.add_object(Stream::new(
        dictionary! {"Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8},
        bytes,
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        format!("% {marker}\nq 1 0 0 1 0 0 cm /Im0 Do Q\n").into_bytes(),
    ));
    let pages_id = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! {"XObject" => dictionary! {"Im0" => image}},
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1},
        ),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The register keys of the documents the demo's dossier needs: its plans, the report, the
/// minutes and the notice (the demo is not recognised, so no proposal).
fn needed_keys(tre: &Tre) -> Vec<String> {
    let out = tre.ok(&["register", "list", "--year", "2026", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].as_str().unwrap().to_string())
        .filter(|k| {
            k.starts_with("plan:")
                || ["report", "minutes", "notice"]
                    .iter()
                    .any(|d| k == &format!("assessment:2026:{d}"))
        })
        .collect()
}

/// Signs (number, date) and attaches a scan of `noise` bytes to every document the dossier
/// needs, as the officer does when the signed papers come back; returns each key with the
/// bytes attached.
pub(crate) fn attach_all(tre: &Tre, noise: usize) -> Vec<(String, Vec<u8>)> {
    needed_keys(tre)
        .into_iter()
        .enumerate()
        .map(|(i, key)| {
            sign(tre, &key, i);
            let bytes = scan_pdf(&key, noise, i as u64 + 7);
            let file = tre.path(&format!("scan-{i}.pdf"));
            std::fs::write(&file, &bytes).unwrap();
            tre.ok(&["register", "attach", &key, file.to_str().unwrap()]);
            (key, bytes)
        })
        .collect()
}

/// Gives document `key` a number and a date, unless it has them (the demo's first plan).
fn sign(tre: &Tre, key: &str, i: usize) {
    let out = tre.ok(&["register", "list", "--year", "2026", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == key)
        .unwrap();
    if entry["state"] == "draft" {
        let number = (30 + i).to_string();
        tre.ok(&[
            "register",
            "sign",
            key,
            "--number",
            &number,
            "--date",
            "10/11/2026",
        ]);
    }
}

fn build(tre: &Tre, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "dossier",
        "build",
        "--year",
        "2026",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    tre.run(&args)
}

fn files_here(tre: &Tre, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(tre.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names
}

fn verify(tre: &Tre, zips: &[PathBuf]) -> (i32, String) {
    let mut args = vec!["dossier", "verify"];
    args.extend(zips.iter().map(|z| z.to_str().unwrap()));
    let out = tre.run(&args);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn documents_without_a_signed_copy_stop_the_dossier_with_their_list() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    let out = tre.path("ho-so.zip");
    let run = build(&tre, &out, &[]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("Chưa có bản ký của 7 văn bản"), "{err}");
    // Named as the officer knows them: the plan by its number, the others by their kind.
    for what in [
        "Kế hoạch số 15/KH-UBND",
        "Báo cáo năm 2026",
        "Biên bản họp đánh giá năm 2026",
        "Thông báo kết quả năm 2026",
        "sổ văn bản",
        "kèm bản dự thảo",
        "tre register attach",
        "--drafts",
    ] {
        assert!(err.contains(what), "{what}: {err}");
    }
    assert!(files_here(&tre, ".zip").is_empty() && files_here(&tre, ".eml").is_empty());

    // One copy attached: one fewer missing.
    let keys = needed_keys(&tre);
    sign(&tre, &keys[0], 0);
    let scan = tre.path("scan.pdf");
    std::fs::write(&scan, scan_pdf("x", 10, 1)).unwrap();
    tre.ok(&["register", "attach", &keys[0], scan.to_str().unwrap()]);
    let err = String::from_utf8(build(&tre, &out, &[]).stderr).unwrap();
    assert!(err.contains("Chưa có bản ký của 6 văn bản"), "{err}");
    assert!(!err.contains("Kế hoạch số 15/KH-UBND"), "{err}");

    // Drafts asked for: the dossier is made, the rest marked as drafts.
    let run = build(&tre, &out, &["--drafts"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let warned = String::from_utf8(run.stderr).unwrap();
    assert!(warned.contains("6 văn bản ở dạng dự thảo"), "{warned}");
    let files = entries(&out);
    let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    let states: Vec<(&str, &str)> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states[0],
        ("2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf", "signed-copy")
    );
    assert_eq!(states.iter().filter(|(_, s)| *s == "draft").count(), 6);
    // No Word file unless asked for.
    assert!(
        states.iter().all(|(n, _)| !n.ends_with(".docx")),
        "{states:?}"
    );
}

#[test]
fn signed_copies_go_in_byte_for_byte_and_the_manifest_says_so() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    let attached = attach_all(&tre, 2_000);
    let out = tre.path("ho-so.zip");
    let run = build(&tre, &out, &["--docx"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(stdout.contains("trong 1 thư"), "{stdout}");
    let files = entries(&out);
    let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    let listed = manifest["files"].as_array().unwrap();
    // Every attached copy is in the ZIP, unchanged, once.
    for (key, bytes) in &attached {
        let found: Vec<_> = files.iter().filter(|(_, b)| b == bytes).collect();
        assert_eq!(found.len(), 1, "{key}");
        let entry = listed
            .iter()
            .find(|f| f["name"] == found[0].0.as_str())
            .unwrap();
        assert_eq!(
            (entry["state"].as_str(), entry["format"].as_str()),
            (Some("signed-copy"), Some("pdf"))
        );
    }
    // Each PDF is a signed copy or the score-table annex (figures); Word files are drafts.
    for f in listed {
        let want = match (f["format"].as_str().unwrap(), f["kind"].as_str().unwrap()) {
            ("pdf", "assessment") | ("xlsx", _) | ("docx", "assessment") => "data",
            ("pdf", _) => "signed-copy",
            _ => "draft",
        };
        assert_eq!(f["state"], want, "{f}");
    }
    assert_eq!(
        listed
            .iter()
            .filter(|f| f["state"] == "signed-copy")
            .count(),
        attached.len()
    );
    let (code, said) = verify(&tre, std::slice::from_ref(&out));
    assert_eq!(code, 0, "{said}");
    let eml = read_eml(&tre.path("ho-so.eml"));
    let body = eml["body"].as_str().unwrap();
    assert!(body.contains("(PDF, bản ký, "), "{body}");
    assert!(body.contains("(Word, dự thảo, "), "{body}");
}

#[test]
fn a_dossier_too_large_for_one_e_mail_is_split_and_verified_as_a_set() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    // Six scans of 600 KB: 820 KB each once base64-encoded, so one per 1 MB e-mail.
    attach_all(&tre, 600_000);
    let out = tre.path("ho-so.zip");
    let run = build(&tre, &out, &["--max-mb", "1"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let zips = files_here(&tre, ".zip");
    let emls = files_here(&tre, ".eml");
    let n = zips.len();
    assert!(n >= 6, "{zips:?}");
    assert_eq!(emls.len(), n);
    let mut manifests = Vec::new();
    for k in 1..=n {
        let zip = tre.path(&format!("ho-so_phan-{k}-cua-{n}.zip"));
        let eml_path = zip.with_extension("eml");
        let size = std::fs::metadata(&eml_path).unwrap().len();
        assert!(size <= 1_000_000, "part {k}: {size} bytes");
        let eml = read_eml(&eml_path);
        assert_eq!(
            eml["subject"],
            format!("UBND xã Minh Hòa gửi hồ sơ tự đánh giá xã phù hợp với trẻ em năm 2026 (phần {k}/{n})")
        );
        assert_eq!(eml["defects"], serde_json::json!([]));
        assert!(eml["body"]
            .as_str()
            .unwrap()
            .contains(&format!("thư này là phần {k}/{n}")));
        manifests.push(entries(&zip).remove(0));
    }
    // One manifest for the whole dossier, in every part, naming every part.
    assert!(manifests.windows(2).all(|w| w[0] == w[1]));
    let m: serde_json::Value = serde_json::from_slice(&manifests[0].1).unwrap();
    assert_eq!(m["parts"], n);

    let all: Vec<PathBuf> = zips.iter().map(|z| tre.path(z)).collect();
    let (code, said) = verify(&tre, &all);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains(&format!("trong {n} phần")), "{said}");

    // Only the first part: each other part is reported missing by its name.
    let (code, said) = verify(&tre, &all[..1]);
    assert_eq!(code, 1);
    assert!(
        said.contains(&format!("Thiếu phần 2/{n} của hồ sơ (tệp nén có “")),
        "{said}"
    );
    assert_eq!(said.matches("Thiếu phần").count(), n - 1, "{said}");

    // A part of another dossier mixed in is named, not trusted.
    let other = Tre::new();
    other.demo_ids("2026");
    attach_all(&other, 1_000);
    let foreign = other.path("khac.zip");
    assert!(build(&other, &foreign, &[]).status.success());
    let (code, said) = verify(&tre, &[all[0].clone(), foreign]);
    assert_eq!(code, 1);
    assert!(said.contains("không thuộc cùng hồ sơ"), "{said}");
}

#[test]
fn an_e_mail_limit_below_one_megabyte_is_refused() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    let err = tre.fails(&[
        "dossier",
        "build",
        "--year",
        "2026",
        "--out",
        tre.path("x.zip").to_str().unwrap(),
        "--drafts",
        "--max-mb",
        "0",
    ]);
    assert!(err.contains("từ 1 MB trở lên"), "{err}");
}
