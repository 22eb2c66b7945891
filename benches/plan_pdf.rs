//! plan → PDF: document tree, layout and PDF writing of the demo commune's qd06 plan
//! (3 pages), the operation behind "Xuất PDF" and the dossier; and the layout alone (line
//! breaking, justification, pagination) of the four demo plans, what the preview redoes on
//! every edit. Results: bench/RESULTS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use tre::document::{plan_document, Block, Document};
use tre::{demo::demo_commune, layout::layout_document, render::pdf::write_pdf, template};

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

fn demo_plans_layout(c: &mut Criterion) {
    let commune = demo_commune();
    let docs: Vec<Document> = template::all()
        .iter()
        .map(|t| plan_document(&t.instantiate(&commune, 2026).unwrap(), &commune))
        .collect();
    let paragraphs: usize = docs
        .iter()
        .flat_map(|d| &d.body)
        .filter(|b| !matches!(b, Block::Table(_)))
        .count();
    eprintln!(
        "{} demo plans, {paragraphs} body paragraphs and headings",
        docs.len()
    );
    c.bench_function("demo plans layout", |b| {
        b.iter(|| docs.iter().map(layout_document).count())
    });
}

criterion_group!(benches, plan_to_pdf, demo_plans_layout);
criterion_main!(benches);
