//! The province's consolidation (issue 14 part 4; target: 1,000 dossiers in < 5 s on 2
//! cores, memory bounded). A fresh database imports a folder of 1,000 dossiers made from
//! the demo with varied figures (`tre::demo::dossiers`; every tenth one split in two
//! parts), verifying every file's SHA-256 and reading each score table inside its ZIP,
//! then writes the consolidated workbook. Printed too: the folder's size and the peak
//! resident memory of the consolidation alone.
//!
//! The dossiers are generated once and cached under target/province-bench/. `cargo test
//! --all-targets` runs this once in the debug profile with 20 dossiers; `cargo bench` uses
//! 1,000. Results: bench/RESULTS.md.

use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use tre::demo::dossiers::DossierFactory;
use tre::session::Session;

const DOSSIERS: usize = 1000;

fn size_of_run() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        DOSSIERS
    } else {
        20
    }
}

/// The folder of `n` dossiers, made once: a marker file says it is complete.
fn fixture(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/province-bench")
        .join(n.to_string());
    let done = dir.join("xong.txt");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let t = Instant::now();
    let db = tempfile::tempdir().unwrap();
    let mut store = tre::store::Store::open(&db.path().join("demo.db")).unwrap();
    tre::demo::load_demo(&mut store, 2026).unwrap();
    let f = DossierFactory::new(&store, 2026).unwrap();
    for k in 1..=n {
        let parts = if k % 10 == 0 { 2 } else { 1 };
        let created = chrono::DateTime::parse_from_rfc3339("2026-11-20T08:00:00+07:00").unwrap()
            + chrono::Duration::minutes(k as i64);
        for (i, zip) in f
            .dossier(k, 2026, parts, created)
            .unwrap()
            .iter()
            .enumerate()
        {
            let name = if parts > 1 {
                format!("xa-{k:04}_phan-{}-cua-{parts}.zip", i + 1)
            } else {
                format!("xa-{k:04}.zip")
            };
            std::fs::write(dir.join(name), zip).unwrap();
        }
    }
    std::fs::write(&done, "").unwrap();
    eprintln!(
        "{n} dossiers generated in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    dir
}

fn folder_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Imports the folder into a fresh database and writes the consolidated workbook.
fn consolidate(dir: &Path, scratch: &Path, n: usize) {
    let db = scratch.join(format!("tinh-{}.db", rand_suffix()));
    let mut s = Session::open(&db).unwrap();
    let report = s
        .province_import(&[dir.to_path_buf()], 2026, &mut |_| {})
        .unwrap();
    assert_eq!(report.dossiers.len(), n);
    assert!(report.all_accepted(), "{}", report.summary());
    s.province_export_xlsx(2026, &scratch.join("tong-hop.xlsx"))
        .unwrap();
    drop(s);
    let _ = std::fs::remove_file(&db);
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Peak resident memory since the last reset, in KB (Linux; 0 elsewhere).
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn province(c: &mut Criterion) {
    let n = size_of_run();
    let dir = fixture(n);
    let scratch = tempfile::tempdir_in(if Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "/tmp"
    })
    .unwrap();
    // Peak memory of one consolidation alone: the generator's memory is forgotten first
    // ("5" resets the peak, Linux 4.0+).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = peak_kb();
    let t = Instant::now();
    consolidate(&dir, scratch.path(), n);
    eprintln!(
        "{n} dossiers ({} MB on disk): first consolidation {:.2} s, peak resident memory {} MB (before: {} MB)",
        folder_size(&dir) / 1_000_000,
        t.elapsed().as_secs_f64(),
        peak_kb() / 1024,
        before / 1024
    );
    let mut g = c.benchmark_group("province");
    g.sample_size(10);
    g.bench_function(format!("import and consolidate {n} dossiers"), |b| {
        b.iter(|| consolidate(&dir, scratch.path(), n))
    });
    g.finish();
}

criterion_group!(benches, province);
criterion_main!(benches);
