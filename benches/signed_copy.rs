//! Signed copies (issue 12): phone photos of a page made into an A4 PDF page (decode, turn
//! upright, scale to 150 dpi, re-encode as JPEG), and the check a signed PDF passes before it
//! is kept. A phone photo is 12 MP (3000 × 4000). Then the digital signatures: a page signed
//! twice by pyHanko (RSA, then ECDSA; target/test-venv from scripts/setup.sh), checked without
//! and with a trusted root, and the search for signatures in a 10 MB scan that has none (what
//! the register pays for each plain scan it shows). Results: bench/RESULTS.md.

use std::path::Path;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use tre::register::signature::{parse_roots, verify_pdf};
use tre::register::{check_pdf, photos_to_pdf};

/// A 12 MP photo of a page: lines of "text" on paper, as a phone's JPEG.
fn photo() -> Vec<u8> {
    let (w, h) = (3000, 4000);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let ink = y % 48 < 7 && x > 300 && x < 2700 && (x / 23) % 7 != 0;
        image::Rgb(if ink { [28, 28, 36] } else { [238, 234, 226] })
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

fn signed_copy(c: &mut Criterion) {
    let one = vec![("trang-1.jpg".to_string(), photo())];
    let pdf = photos_to_pdf(&one).unwrap();
    println!(
        "one 12 MP photo ({} bytes) -> one A4 page: {} bytes",
        one[0].1.len(),
        pdf.len()
    );
    c.bench_function("photo_to_pdf_page_12mp", |b| {
        b.iter(|| photos_to_pdf(&one).unwrap())
    });
    c.bench_function("check_signed_pdf_one_page", |b| {
        b.iter(|| check_pdf("ban-ky.pdf", &pdf).unwrap())
    });
}

/// `pdf` signed by pyHanko: (two.pdf, root.pem), or `None` without the test venv.
fn e_signed(pdf: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo.join("target"));
    let python = target.join("test-venv/bin/python");
    if !python.exists() {
        eprintln!(
            "no {}: run scripts/setup.sh to bench signatures",
            python.display()
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pdf).unwrap();
    let out = dir.path().join("signed");
    let ok = Command::new(python)
        .arg(repo.join("tests/fixtures/sign_pdf.py"))
        .arg(&input)
        .arg(&out)
        .status()
        .unwrap()
        .success();
    assert!(ok, "pyHanko failed");
    Some((
        std::fs::read(out.join("two.pdf")).unwrap(),
        std::fs::read(out.join("root.pem")).unwrap(),
    ))
}

fn signatures(c: &mut Criterion) {
    let one = vec![("trang-1.jpg".to_string(), photo())];
    let page = photos_to_pdf(&one).unwrap();
    if let Some((two, root)) = e_signed(&page) {
        let roots: Vec<Vec<u8>> = parse_roots("root.pem", &root)
            .unwrap()
            .into_iter()
            .map(|r| r.der)
            .collect();
        assert_eq!(verify_pdf(&two, &[]).len(), 2);
        println!(
            "a {}-byte page signed twice (RSA 2048, ECDSA P-256)",
            two.len()
        );
        c.bench_function("verify_two_signatures_no_root", |b| {
            b.iter(|| verify_pdf(&two, &[]))
        });
        c.bench_function("verify_two_signatures_with_chain", |b| {
            b.iter(|| verify_pdf(&two, &roots))
        });
    }
    // A 10 MB scan without signatures: 36 pages like the one above.
    let scan: Vec<u8> = page.iter().copied().cycle().take(10 << 20).collect();
    c.bench_function("find_signatures_in_10mb_scan_without_any", |b| {
        b.iter(|| assert!(verify_pdf(&scan, &[]).is_empty()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = signed_copy, signatures
}
criterion_main!(benches);
