//! plan → PDF: document tree, layout and PDF writing of the demo commune's qd06 plan
//! (3 pages), the operation behind "Xuất PDF" and the dossier. Results: bench/RESULTS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use tre::{demo::demo_commune, document::plan_document, render::pdf::write_pdf, template};

fn plan_to_pdf(c: &mut Criterion) {
    let commune = demo_commune();
    let plan = template::get("qd06")
        .unwrap()
        .instantiate(&commune, 2026)
        .unwrap();
    let bytes = write_pdf(&plan_document(&plan, &commune)).unwrap();
    eprintln!("qd06 plan PDF: {} bytes", bytes.len());
    c.bench_function("qd06 plan to pdf", |b| {
        b.iter(|| write_pdf(&plan_document(&plan, &commune)).unwrap())
    });
}

criterion_group!(benches, plan_to_pdf);
criterion_main!(benches);
