//! A received dossier (`dossier::verify_readers`, what `tre dossier verify` runs on the
//! ZIPs given). The seed is the demo's dossier built by the real `tre`; most cases use a
//! small copy of it: the same names and manifest, each file cut to a few hundred bytes and
//! listed with its new size and SHA-256 (hashing 250 KB per case would make the cases few),
//! as one ZIP or split into two parts. Cases: random bytes as one to three parts; the
//! manifest's fields changed (sizes, hashes, names with `../` or control characters,
//! parts, format), entries dropped, doubled, swapped, cut or renamed, parts dropped or given
//! twice, and the ZIPs' bytes changed; and the real dossier with its bytes changed. Every
//! refusal, problem and summary must be Vietnamese.

use std::io::Cursor;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tre::dossier::verify::verify_readers;
use tre::dossier::{VerifyReport, MANIFEST};

use super::{cases, check, demo_dossier, flip, mutate_n, rezip, unzip, Rng, NUMBERS};

// Costs in the debug build: random bytes a few µs; a small dossier well under a
// millisecond; the real one several milliseconds (its 250 KB are inflated and hashed).
const RANDOM_BYTES: usize = 60_000;
const SMALL_DOSSIERS: usize = 30_000;
const REAL_DOSSIER: usize = 600;
/// The base counts of this target's tests (each runs `cases(n)`).
pub const CASES: &[usize] = &[RANDOM_BYTES, SMALL_DOSSIERS, REAL_DOSSIER];

/// Verifies the given parts: no panic, every message Vietnamese.
fn verify(target: &str, case: usize, parts: &[Vec<u8>]) {
    let names: Vec<String> = (1..=parts.len())
        .map(|i| format!("ho-so-{i}.zip"))
        .collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .zip(parts)
        .map(|(n, p)| (n.as_str(), p.as_slice()))
        .collect();
    let _ = check(
        target,
        case,
        &files,
        || {
            let readers = parts
                .iter()
                .zip(&names)
                .map(|(p, n)| (Cursor::new(p.as_slice()), Path::new(n.as_str())))
                .collect();
            verify_readers(readers)
        },
        |r| match r {
            Ok(report) => messages(report),
            Err(e) => vec![e.to_string()],
        },
    );
}

fn messages(report: &VerifyReport) -> Vec<String> {
    report
        .problems
        .iter()
        .map(|p| p.message.clone())
        .chain([report.summary()])
        .collect()
}

#[test]
fn random_bytes_as_dossiers() {
    let mut rng = Rng::new(50);
    let n = cases(RANDOM_BYTES);
    for case in 0..n {
        let parts: Vec<Vec<u8>> = (0..rng.pick(&[0, 1, 1, 1, 2, 3]))
            .map(|_| {
                let len = rng.len(1024);
                let mut b = rng.bytes(len);
                let prefix: &[u8] = rng.pick(&[b"PK\x03\x04", b"PK\x05\x06", b""]);
                b.splice(0..0, prefix.iter().copied());
                b
            })
            .collect();
        verify("dossier-bytes", case, &parts);
    }
    eprintln!("random bytes as dossiers: {n} cases");
}

/// A dossier as its entries: (name, bytes), the manifest first.
type Entries = Vec<(String, Vec<u8>)>;

/// The small copies of the demo's dossier: whole as one ZIP, and split in two parts.
struct Small {
    one: Entries,
    two: [Entries; 2],
}

fn small() -> &'static Small {
    static SMALL: OnceLock<Small> = OnceLock::new();
    SMALL.get_or_init(|| {
        let entries = unzip(demo_dossier());
        assert_eq!(entries[0].0, MANIFEST);
        let real: Value = serde_json::from_slice(&entries[0].1).unwrap();
        // Each file cut to 100 bytes, 160, 220…: sizes differ, so swapped files show.
        let mut files: Entries = entries
            .into_iter()
            .skip(1)
            .enumerate()
            .map(|(i, (n, b))| (n, b[..b.len().min(100 + 60 * i)].to_vec()))
            .collect();
        let manifest = |files: &Entries, parts: u32| {
            let mut m = real.clone();
            m["parts"] = json!(parts);
            for (i, f) in m["files"].as_array_mut().unwrap().iter_mut().enumerate() {
                let (name, bytes) = &files[i];
                assert_eq!(f["name"], json!(name));
                f["size"] = json!(bytes.len());
                f["sha256"] = json!(hex(&Sha256::digest(bytes)));
                f["part"] = json!(if parts == 1 { 1 } else { 1 + i % 2 });
            }
            serde_json::to_vec_pretty(&m).unwrap()
        };
        let with = |m: Vec<u8>, files: &[(String, Vec<u8>)]| {
            let mut e = vec![(MANIFEST.to_string(), m)];
            e.extend(files.iter().cloned());
            e
        };
        let one = with(manifest(&files, 1), &files);
        let split = manifest(&files, 2);
        let odd: Entries = files.iter().skip(1).step_by(2).cloned().collect();
        files = files.into_iter().step_by(2).collect();
        Small {
            one,
            two: [with(split.clone(), &files), with(split, &odd)],
        }
    })
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The small copies are intact, so a case that changes nothing is not a problem found.
#[test]
fn the_small_dossiers_are_intact() {
    let s = small();
    let one = rezip(&s.one, true);
    let two: Vec<Vec<u8>> = s.two.iter().map(|e| rezip(e, true)).collect();
    for parts in [vec![one], two] {
        let readers = parts
            .iter()
            .map(|p| (Cursor::new(p.as_slice()), Path::new("ho-so.zip")))
            .collect();
        let report = verify_readers(readers).unwrap();
        assert!(report.intact(), "{:?}", report.problems);
    }
}

/// Names a hostile or careless sender may write.
const NAMES: &[&str] = &[
    "../ngoai.pdf",
    "/etc/passwd",
    "a/../../b.pdf",
    "C:\\Windows\\x.pdf",
    "",
    ".",
    "manifest.json",
    "MANIFEST.JSON",
    "ten\nmoi.pdf",
    "\u{202E}fdp.exe",
    "tệp có dấu.pdf",
];

/// One change of a manifest's fields.
fn mutate_manifest(rng: &mut Rng, m: &mut Value) {
    if !m.is_object() {
        *m = json!({});
    }
    let n = m["files"].as_array().map_or(0, Vec::len);
    let i = rng.below(n);
    let op = rng.below(12);
    if op < 4 || op == 10 {
        // A change of one file's listing, when there is one.
        let Some(f) = m["files"].as_array_mut().and_then(|l| l.get_mut(i)) else {
            return;
        };
        if !f.is_object() {
            *f = json!({});
        }
        match op {
            0 => f["size"] = number(rng),
            1 => {
                let h = f["sha256"].as_str().unwrap_or("").to_string();
                let choices = [
                    String::new(),
                    h.to_uppercase(),
                    format!(" {h} "),
                    h.chars().take(h.chars().count() / 2).collect(),
                    "zz".repeat(32),
                ];
                f["sha256"] = json!(choices[rng.below(choices.len())]);
            }
            2 => f["name"] = json!(rng.pick(NAMES)),
            3 => f["part"] = number(rng),
            _ => *f = [json!(null), json!(1), json!([]), json!({})][rng.below(4)].clone(),
        }
        return;
    }
    match op {
        4 => m["parts"] = number(rng),
        5 => m["format"] = number(rng),
        6 => m["year"] = number(rng),
        7 | 8 => {
            if let Some(list) = m["files"].as_array_mut().filter(|l| !l.is_empty()) {
                if op == 7 {
                    let copy = list[i].clone();
                    list.push(copy);
                } else {
                    list.remove(i);
                }
            }
        }
        9 => {
            let key = rng.pick(&["files", "format", "parts", "commune", "year"]);
            m.as_object_mut().unwrap().remove(key);
        }
        _ => m["commune"] = json!(rng.pick(&["", "xã\u{0}Minh Hòa", "x"])),
    }
}

/// A number for a size, a count or a format: one of `NUMBERS` that JSON can hold.
fn number(rng: &mut Rng) -> Value {
    let n = rng.pick(NUMBERS);
    serde_json::from_str(n).unwrap_or_else(|_| json!(n))
}

/// One change of a ZIP's entries.
fn mutate_entries(rng: &mut Rng, e: &mut Entries) {
    let i = rng.below(e.len());
    match rng.below(7) {
        0 => {
            e.remove(i);
        }
        1 => {
            let copy = e[i].clone();
            e.push(copy);
        }
        2 => {
            let j = rng.below(e.len());
            let (a, b) = (e[i].1.clone(), e[j].1.clone());
            e[i].1 = b;
            e[j].1 = a;
        }
        3 => {
            let cut = rng.below(e[i].1.len() + 1);
            e[i].1.truncate(cut);
        }
        4 => e[i].0 = rng.pick(NAMES).to_string(),
        5 => e.push((format!("them-{i}.pdf"), b"%PDF-1.7".to_vec())),
        _ => {
            let at = rng.below(e[i].1.len() + 1);
            e[i].1.insert(at, b'x');
        }
    }
}

#[test]
fn small_dossiers_changed() {
    let s = small();
    let mut rng = Rng::new(51);
    let n = cases(SMALL_DOSSIERS);
    for case in 0..n {
        let mut parts: Vec<Entries> = if rng.chance(60) {
            vec![s.one.clone()]
        } else {
            s.two.to_vec()
        };
        for _ in 0..1 + rng.below(3) {
            let k = rng.below(parts.len());
            if rng.chance(50) {
                let mut m: Value = serde_json::from_slice(&parts[k][0].1).unwrap_or(Value::Null);
                mutate_manifest(&mut rng, &mut m);
                let text = serde_json::to_vec(&m).unwrap();
                // The same manifest in every part, unless the parts are meant to differ.
                for p in parts.iter_mut() {
                    if p.first().is_some_and(|(n, _)| n == MANIFEST) {
                        p[0].1 = text.clone();
                    }
                }
                if rng.chance(10) {
                    let times = 1 + rng.below(3);
                    mutate_n(&mut rng, &mut parts[k][0].1, &[b"\"", b"{", b"]"], times);
                }
            } else {
                mutate_entries(&mut rng, &mut parts[k]);
            }
        }
        // A part missing, or given twice.
        if parts.len() == 2 && rng.chance(10) {
            if rng.chance(50) {
                parts.remove(rng.below(2));
            } else {
                parts[1] = parts[0].clone();
            }
        }
        let deflate = rng.chance(50);
        let mut zips: Vec<Vec<u8>> = parts.iter().map(|p| rezip(p, deflate)).collect();
        if rng.chance(20) {
            let k = rng.below(zips.len());
            let times = 1 + rng.below(4);
            mutate_n(
                &mut rng,
                &mut zips[k],
                &[b"PK\x01\x02", b"PK\x05\x06"],
                times,
            );
        }
        verify("dossier-small", case, &zips);
    }
    eprintln!("small dossiers changed: {n} cases");
}

#[test]
fn the_real_dossier_with_bytes_changed() {
    let real = demo_dossier();
    let mut rng = Rng::new(52);
    let n = cases(REAL_DOSSIER);
    for case in 0..n {
        let mut bytes = real.to_vec();
        // Mostly bytes changed in place: a ZIP whose offsets all moved is refused at once.
        for _ in 0..1 + rng.below(4) {
            flip(&mut rng, &mut bytes);
        }
        let times = rng.below(2);
        mutate_n(
            &mut rng,
            &mut bytes,
            &[b"PK\x01\x02", b"PK\x05\x06", b"\xff\xff\xff\xff"],
            times,
        );
        verify("dossier-real", case, &[bytes]);
    }
    eprintln!("the real dossier, bytes changed: {n} cases");
}
