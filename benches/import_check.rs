//! Bringing a plan in and checking it (issue 6): `import_bytes` on each seed as text and as
//! the python-docx copy in tests/fixtures, and `check_plan` with the demo commune's profile —
//! the call the editor makes after every autosave, so it must stay far below a keystroke's
//! worth of time on the officer's old laptop. Results: bench/RESULTS.md.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use tre::check::{check_plan, CheckContext};
use tre::demo::demo_commune;
use tre::import::import_bytes;

const SEEDS: [&str; 5] = [
    "000_63566ade06a03815",
    "001_1530d5c4b8cd801b",
    "002_08c120f56a01cf28",
    "003_72972d9dbfe5af68",
    "004_b7b716d4a337770d",
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn import_and_check(c: &mut Criterion) {
    let texts: Vec<(String, Vec<u8>)> = SEEDS
        .iter()
        .map(|id| {
            let name = format!("{id}.txt");
            (
                name.clone(),
                std::fs::read(fixtures().join("seeds").join(&name)).unwrap(),
            )
        })
        .collect();
    let docx: Vec<(String, Vec<u8>)> = SEEDS
        .iter()
        .map(|id| {
            let name = format!("{}.docx", &id[..3]);
            (
                name.clone(),
                std::fs::read(fixtures().join("import-docx").join(&name)).unwrap(),
            )
        })
        .collect();
    let plans: Vec<_> = texts
        .iter()
        .map(|(n, b)| import_bytes(n, b).unwrap().plan)
        .collect();
    let ctx = CheckContext::from_commune(&demo_commune());
    let findings: usize = plans.iter().map(|p| check_plan(p, &ctx).len()).sum();
    let bytes: usize = texts.iter().map(|(_, b)| b.len()).sum();
    eprintln!("five seeds: {bytes} bytes of text, {findings} findings with the demo profile");

    c.bench_function("import the five seeds (.txt)", |b| {
        b.iter(|| {
            for (n, bytes) in &texts {
                import_bytes(n, bytes).unwrap();
            }
        })
    });
    c.bench_function("import the five seeds (.docx)", |b| {
        b.iter(|| {
            for (n, bytes) in &docx {
                import_bytes(n, bytes).unwrap();
            }
        })
    });
    c.bench_function("check the five imported plans", |b| {
        b.iter(|| {
            for p in &plans {
                check_plan(p, &ctx);
            }
        })
    });
}

criterion_group!(benches, import_and_check);
criterion_main!(benches);
