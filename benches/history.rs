//! History growth (issue 13, part 3): a database holding 10 years of plans and 20,000 edits
//! must open and export a plan within 2× of a new one. Measured as one `tre` command does
//! it: `Session::open` (the quick check of every page, no daily housekeeping: that runs once
//! a day) then exporting one plan to PDF. Also printed: the file sizes, and what the daily
//! pruning does to the same 20,000 edits once they are older than 30 days.
//!
//! The fixtures are written on /dev/shm when there is one (20,000 commits with
//! synchronous=FULL on a laptop disk take minutes and measure the disk, not Tre).
//! Results: bench/RESULTS.md.

use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use tre::export::ExportFormat;
use tre::session::Session;

const EDITS: usize = 20_000;
const YEARS: i32 = 10;

/// `cargo test --all-targets` (CI) runs each bench once, in the debug profile, to prove it
/// works: there a small fixture is enough. `cargo bench` passes `--bench`.
fn size_of_run() -> (usize, i32) {
    if std::env::args().any(|a| a == "--bench") {
        (EDITS, YEARS)
    } else {
        (200, 2)
    }
}

fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

/// The demo commune and its four plans of 2026: what a new user has after a day.
fn new_db(dir: &Path) -> (PathBuf, i64) {
    let db = dir.join("moi.db");
    let mut s = Session::open(&db).unwrap();
    let ids = s.demo_load(2026).unwrap();
    (db, ids[0])
}

/// Ten years of the demo's plans (each year copied from the one before, as the officer
/// does), then 20,000 autosaves spread over every plan: one paragraph retyped each time.
fn old_db(dir: &Path) -> (PathBuf, i64) {
    let (edits, years) = size_of_run();
    let db = dir.join("cu.db");
    let mut s = Session::open(&db).unwrap();
    let mut year_ids = s.demo_load(2026 - years + 1).unwrap();
    let mut all = year_ids.clone();
    for year in (2026 - years + 2)..=2026 {
        year_ids = year_ids
            .iter()
            .map(|&id| s.plan_copy(id, year).unwrap())
            .collect();
        all.extend(&year_ids);
    }
    let started = Instant::now();
    for n in 0..edits {
        let id = all[n % all.len()];
        let mut plan = s.plan_get(id).unwrap().plan;
        let section = n % plan.sections.len().max(1);
        if let Some(sec) = plan.sections.get_mut(section) {
            let text =
                format!("Tổ chức các hoạt động truyền thông về quyền trẻ em (lần sửa {n}).",);
            match sec.paragraphs.first_mut() {
                Some(p) => *p = text,
                None => sec.paragraphs.push(text),
            }
        } else {
            plan.intro = format!("Lần sửa {n}");
        }
        s.plan_update(id, &plan).unwrap();
    }
    eprintln!(
        "{edits} edits over {} plans written in {:.1} s",
        all.len(),
        started.elapsed().as_secs_f64()
    );
    (db, *year_ids.first().unwrap())
}

fn size(db: &Path) -> u64 {
    let wal = db.with_extension("db-wal");
    std::fs::metadata(db).unwrap().len() + std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

fn open_and_export(db: &Path, id: i64, out: &Path) {
    let s = Session::open(db).unwrap();
    s.export_plan_to(id, ExportFormat::Pdf, out).unwrap();
}

fn history(c: &mut Criterion) {
    let dir = scratch();
    let (fresh, fresh_id) = new_db(dir.path());
    let (old, old_id) = old_db(dir.path());
    // One open each first: the day's housekeeping (a copy, the full check) is not what is
    // measured; every later command of the day skips it.
    open_and_export(&fresh, fresh_id, &dir.path().join("a.pdf"));
    open_and_export(&old, old_id, &dir.path().join("b.pdf"));
    let (edits, years) = size_of_run();
    eprintln!(
        "file sizes: new {} KB, {years} years + {edits} edits {} KB",
        size(&fresh) / 1024,
        size(&old) / 1024
    );
    let mut g = c.benchmark_group("open and export a plan");
    g.sample_size(20);
    g.bench_function("new database", |b| {
        b.iter(|| open_and_export(&fresh, fresh_id, &dir.path().join("a.pdf")))
    });
    g.bench_function("10 years, 20000 edits", |b| {
        b.iter(|| open_and_export(&old, old_id, &dir.path().join("b.pdf")))
    });
    g.finish();

    let mut g = c.benchmark_group("open only");
    g.sample_size(30);
    g.bench_function("new database", |b| {
        b.iter(|| Session::open(&fresh).unwrap())
    });
    g.bench_function("10 years, 20000 edits", |b| {
        b.iter(|| Session::open(&old).unwrap())
    });
    g.finish();

    prune_report(&old);
}

/// The same edits seen 40 days later: the day's pruning merges them (they were all made
/// "today", so they become one entry per plan).
fn prune_report(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let rows = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM history", [], |r| r.get(0))
            .unwrap()
    };
    let before = rows(&conn);
    conn.execute("UPDATE history SET at = '2020-01-01T09:00:00+07:00'", [])
        .unwrap();
    drop(conn);
    // A new day: remove today's daily copy so the open does the day's housekeeping.
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let _ = std::fs::remove_file(
        db.parent()
            .unwrap()
            .join("backups")
            .join(format!("tre-{today}.db")),
    );
    let size_before = size(db);
    let t = Instant::now();
    drop(Session::open(db).unwrap());
    let took = t.elapsed();
    let conn = rusqlite::Connection::open(db).unwrap();
    eprintln!(
        "daily pruning of {before} rows older than 30 days: {} rows left, file {} KB -> {} KB, first open of the day {:.2} s",
        rows(&conn),
        size_before / 1024,
        size(db) / 1024,
        took.as_secs_f64()
    );
}

criterion_group!(benches, history);
criterion_main!(benches);
