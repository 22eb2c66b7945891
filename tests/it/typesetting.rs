//! Typesetting "better than Word" (issue 11): the gaps between words of justified lines in
//! Tre's PDF of the four demo plans, measured on the printed page (`pdftotext -bbox-layout`),
//! against LibreOffice's rendering of Tre's own DOCX of the same plans.
//!
//! Target: the 95th percentile of the gaps at most 1.3 normal spaces, and below LibreOffice's.
//! poppler-utils and LibreOffice (libreoffice-writer-nogui) are required, as in the other
//! tests that read files back: without them this test fails with the package to install.
//! `TRE_KEEP_TYPESET=/some/dir` keeps the PDFs and DOCX for a look.

use std::path::{Path, PathBuf};

use crate::common::spacing::{measure_pdf, text_frame, Spacing};
use crate::common::{oracles, Tre};

const TARGET_P95: f64 = 1.3;

fn keep(files: &[PathBuf]) {
    if let Ok(dir) = std::env::var("TRE_KEEP_TYPESET") {
        std::fs::create_dir_all(&dir).unwrap();
        for f in files {
            std::fs::copy(f, Path::new(&dir).join(f.file_name().unwrap())).unwrap();
        }
    }
}

fn report(who: &str, s: &Spacing) {
    println!(
        "{who}: {} justified lines, {} gaps; gap in spaces: median {:.3}, p95 {:.3}, max {:.3}",
        s.lines,
        s.gaps.len(),
        s.quantile(0.5),
        s.quantile(0.95),
        s.max()
    );
}

#[test]
fn justified_gaps_are_even_and_tighter_than_libreoffice() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    assert_eq!(ids.len(), 4, "four demo plans: {ids:?}");
    let (mut pdfs, mut docxs) = (Vec::new(), Vec::new());
    for id in &ids {
        for (ext, list) in [("pdf", &mut pdfs), ("docx", &mut docxs)] {
            let out = tre.path(&format!("ke-hoach-{id}.{ext}"));
            let out_s = out.to_str().unwrap();
            tre.ok(&["export", "plan", id, "--format", ext, "--out", out_s]);
            list.push(out);
        }
    }
    keep(&pdfs);
    keep(&docxs);

    let mut ours = Spacing::default();
    for (id, pdf) in ids.iter().zip(&pdfs) {
        let s = measure_pdf(pdf);
        report(&format!("Tre, plan {id}"), &s);
        ours.extend(&s);
    }
    report("Tre, four plans", &ours);
    assert!(
        ours.lines >= 100,
        "too few justified lines found: {}",
        ours.lines
    );
    let (_, _, right) = text_frame();
    assert!(
        ours.max_right <= right + 0.5,
        "text runs past the right margin: {} > {right}",
        ours.max_right
    );
    let p95 = ours.quantile(0.95);
    assert!(p95 <= TARGET_P95, "Tre's p95 gap {p95:.3} > {TARGET_P95}");

    let lo_dir = tre.path("libreoffice");
    std::fs::create_dir_all(&lo_dir).unwrap();
    let lo_pdfs = oracles::libreoffice_pdfs(&docxs, &lo_dir, tre.dir.path());
    let lo_pdfs: Vec<PathBuf> = lo_pdfs
        .into_iter()
        .map(|p| {
            // Same names as ours: keep both apart.
            let to = p.with_file_name(format!("lo-{}", p.file_name().unwrap().to_str().unwrap()));
            std::fs::rename(&p, &to).unwrap();
            to
        })
        .collect();
    keep(&lo_pdfs);
    let mut theirs = Spacing::default();
    for pdf in &lo_pdfs {
        theirs.extend(&measure_pdf(pdf));
    }
    report("LibreOffice, four plans (Tre's DOCX)", &theirs);
    assert!(
        theirs.lines >= 80,
        "too few LibreOffice lines: {}",
        theirs.lines
    );
    let lo_p95 = theirs.quantile(0.95);
    assert!(
        p95 < lo_p95,
        "Tre's p95 gap {p95:.3} is not below LibreOffice's {lo_p95:.3}"
    );
}
