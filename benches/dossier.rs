//! The whole dossier of the demo year in memory: every plan rendered to PDF and DOCX, the
//! manifest, the deterministic ZIP and the e-mail draft (`dossier::build`), the operation
//! behind `tre dossier build` apart from writing two files. Results: bench/RESULTS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use tre::dossier::{build, manifest::created_now};
use tre::{demo::load_demo, store::Store};

fn dossier(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    load_demo(&mut store, 2026).unwrap();
    let created = created_now();
    let built = build(&store, 2026, "ho-so.zip", created, &mut |_| {}).unwrap();
    eprintln!(
        "demo 2026 dossier: {} files, ZIP {} bytes, e-mail draft {} bytes",
        built.manifest.files.len(),
        built.zip.len(),
        built.eml.len()
    );
    c.bench_function("demo year dossier (zip + eml)", |b| {
        b.iter(|| build(&store, 2026, "ho-so.zip", created, &mut |_| {}).unwrap())
    });
}

criterion_group!(benches, dossier);
criterion_main!(benches);
