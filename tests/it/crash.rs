//! Crash harness (issue 13, part 4a): a writer is killed with SIGKILL at random points, and
//! after each kill the database must open, pass `PRAGMA integrity_check`, and hold every
//! acknowledged edit.
//!
//! Two writers, as the officer's data meets them:
//! - the `tre` command (`commune set`, `plan new`, `plan set` with a title or a whole plan,
//!   `undo`, `redo`), killed at a random delay after it is started;
//! - the app's autosave: `Session::open`, then `plan_update` again and again with changing
//!   content. The child is this test binary re-run on `session_writer_child`; it prints one
//!   line per acknowledged edit (after `plan_update` returned Ok), and is killed at a random
//!   delay after it says it is about to open the file.
//!
//! The file is started afresh now and then (so kills land in the migration of a new file) and
//! today's daily copy is removed before some runs (so kills land in the integrity check and
//! `VACUUM INTO` of the daily backup). Big edits make the WAL reach SQLite's automatic
//! checkpoint (1,000 pages), so kills also land in checkpoints. The figures printed at the
//! end count the kills by phase: for the Session from what the child had said, for both
//! whether a WAL checkpoint was cut short (read from the `-shm` header after the kill), and
//! how many temporary files killed backup copies left in `backups/`.
//!
//! What is accepted after a kill: the stored state is the last acknowledged one, or the one
//! the killed writer was making (its write completed but the writer died before saying so).
//! Anything older is a lost edit; anything else (a mix, a torn plan) is a failure too.
//!
//! `TRE_CRASH_KILLS` sets the total number of kills (default 1,000: half through the CLI,
//! half through the Session); `TRE_CRASH_SEED` the seed. Every run with the same seed makes
//! the same choices (the kill points themselves depend on timing).

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use tre::model::{Commune, Plan};
use tre::session::Session;

use crate::support::{is_vietnamese, sqlite_english};

const KILLS_ENV: &str = "TRE_CRASH_KILLS";
const SEED_ENV: &str = "TRE_CRASH_SEED";
const DEFAULT_KILLS: u64 = 1_000;
const DEFAULT_SEED: u64 = 0x5472_6531_0013_0004;

/// Tells the re-run test binary to be the autosave writer on this database.
const CHILD_DB_ENV: &str = "TRE_CRASH_CHILD_DB";
/// The first edit number the child writes (every child continues where the last one stopped).
const CHILD_START_ENV: &str = "TRE_CRASH_CHILD_START";
const CHILD_TEST: &str = "crash::session_writer_child";

/// Every this many kills the database is deleted, so the next writer creates and migrates it.
const FRESH_EVERY: u64 = 10;

/// Title prefix of every title this harness writes (a plan's template title never has it).
const TITLE: &str = "Kế hoạch thử lần ";
const AUTOSAVE_TITLE: &str = "Tự động lưu lần ";

// ---------------------------------------------------------------------------------------------
// Small deterministic tools

/// splitmix64: small, seedable, good enough to choose operations and delays.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A delay between `lo` and `hi` microseconds, log-uniform: as many kills in the first
    /// millisecond (opening, migrating) as between 10 and 100 ms (long edits, backups).
    fn delay(&mut self, lo_us: f64, hi_us: f64) -> Duration {
        Duration::from_micros((lo_us * (hi_us / lo_us).powf(self.unit())) as u64)
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v}: a whole number is expected")),
        _ => default,
    }
}

/// (CLI kills, Session kills): `TRE_CRASH_KILLS` split in two halves.
fn kill_targets() -> (u64, u64) {
    let total = env_u64(KILLS_ENV, DEFAULT_KILLS);
    (total / 2, total - total / 2)
}

/// Some Vietnamese prose of a length that depends on `n`, between `min` and `min + spread`
/// bytes, ending with `n` so two edits never hold the same text.
fn prose(n: u64, min: usize, spread: u64) -> String {
    const WORDS: &[&str] = &[
        "trẻ em",
        "quyền",
        "chăm sóc",
        "giáo dục",
        "thôn",
        "Ủy ban nhân dân",
        "phối hợp",
        "kế hoạch",
        "năm",
        "xã",
        "bảo vệ",
        "tham gia",
        "y tế",
        "vui chơi",
    ];
    let mut r = Rng(n ^ 0xA5A5_5A5A);
    let len = min + r.below(spread.max(1)) as usize;
    let mut s = String::with_capacity(len + 40);
    while s.len() < len {
        s.push_str(WORDS[r.below(WORDS.len() as u64) as usize]);
        s.push(' ');
    }
    s.push_str(&format!("(lần {n})."));
    s
}

fn sides(db: &Path) -> [PathBuf; 3] {
    let f = |suffix: &str| PathBuf::from(format!("{}{suffix}", db.display()));
    [db.to_path_buf(), f("-wal"), f("-shm")]
}

fn backups(db: &Path) -> PathBuf {
    db.parent().unwrap().join("backups")
}

/// Deletes the database, its side files and its backups: the next writer starts afresh.
fn start_afresh(db: &Path) {
    for p in sides(db) {
        let _ = fs::remove_file(p);
    }
    let _ = fs::remove_dir_all(backups(db));
}

/// Today's daily copy, as `Store::open` names it.
fn daily_copy(db: &Path) -> PathBuf {
    backups(db).join(format!(
        "tre-{}.db",
        chrono::Local::now().date_naive().format("%Y-%m-%d")
    ))
}

/// True while the file still needs migrating: absent, empty, or its header's `user_version`
/// below this build's (read from the bytes, so nothing is opened or recovered).
fn migration_due(db: &Path) -> bool {
    let Ok(bytes) = fs::read(db) else {
        return true;
    };
    let Some(v) = bytes.get(60..64) else {
        return true;
    };
    (u32::from_be_bytes(v.try_into().unwrap()) as i64) < tre::store::SCHEMA_VERSION
}

/// True if the kill cut a WAL checkpoint short: SQLite records in the `-shm` header how far
/// it has started copying WAL frames into the database (`nBackfillAttempted`, byte 128)
/// before it copies them, and how far it has finished (`nBackfill`, byte 96) after; the two
/// differ only while a checkpoint is under way (SQLite's `WalCkptInfo`, native byte order).
fn checkpoint_cut(db: &Path) -> bool {
    let Ok(shm) = fs::read(format!("{}-shm", db.display())) else {
        return false;
    };
    if shm.len() < 136 {
        return false;
    }
    let word = |at: usize| u32::from_ne_bytes(shm[at..at + 4].try_into().unwrap());
    word(128) > word(96)
}

/// `PRAGMA integrity_check` of the file as a crash left it (after SQLite's own WAL recovery,
/// which any reader does): "ok", or the problems. A missing file is "ok" (nothing was
/// written yet).
fn integrity(db: &Path) -> String {
    if !db.exists() {
        return "ok".into();
    }
    let check = || -> rusqlite::Result<String> {
        let c = Connection::open(db)?;
        let mut st = c.prepare("PRAGMA integrity_check")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.join("; "))
    };
    check().unwrap_or_else(|e| format!("không mở được: {e}"))
}

/// Every finished backup beside the database must be a whole Tre database (a copy cut short
/// may only exist under its temporary name). Returns how many temporary files are left.
fn check_backups(db: &Path) -> Result<usize, String> {
    let Ok(entries) = fs::read_dir(backups(db)) else {
        return Ok(0);
    };
    let mut temporary = 0;
    for e in entries {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.contains(".tmp-") {
            temporary += 1;
            continue;
        }
        let c = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| format!("{name}: {e}"))?;
        let check: String = c
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| format!("{name}: {e}"))?;
        let app: i64 = c
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| format!("{name}: {e}"))?;
        if check != "ok" || app != 0x5472_6531 {
            return Err(format!(
                "backup {name} is not a whole Tre database: {check}, application_id {app:#x}"
            ));
        }
    }
    Ok(temporary)
}

/// A message shown to the officer: Vietnamese, with none of SQLite's English.
fn assert_officer_message(what: &str, msg: &str) {
    assert!(is_vietnamese(msg), "{what}: not Vietnamese: {msg}");
    assert!(
        sqlite_english(msg).is_none(),
        "{what}: SQLite's English text {:?} reaches the officer: {msg}",
        sqlite_english(msg)
    );
}

/// A link to `exe` in `dir` that keeps this build's binary even if a concurrent `cargo build`
/// replaces the file while the harness runs (the original path if a link cannot be made,
/// e.g. the temporary folder is on another file system).
fn pinned(exe: &Path, dir: &Path) -> PathBuf {
    let link = dir.join(exe.file_name().unwrap());
    match fs::hard_link(exe, &link) {
        Ok(()) => link,
        Err(_) => exe.to_path_buf(),
    }
}

/// Starts `cmd`, trying again for a few seconds if the binary is missing or busy for a moment
/// (being relinked by a concurrent build).
fn spawn(cmd: &mut Command) -> Child {
    let mut tries = 0;
    loop {
        match cmd.spawn() {
            Ok(child) => return child,
            Err(e)
                if tries < 50
                    && (e.kind() == std::io::ErrorKind::NotFound
                        || e.raw_os_error() == Some(26)) =>
            {
                tries += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => panic!("cannot start {cmd:?}: {e}"),
        }
    }
}

/// Reads a child's stdout lines on a thread, so the parent can wait for one with a timeout
/// and still get every line written before the kill.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let out = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Kills `child` (SIGKILL) unless it has already finished; true if the kill is what ended it.
fn kill(child: &mut Child) -> (bool, std::process::ExitStatus) {
    let _ = child.kill(); // an exited child not yet reaped is still there to be signalled
    let status = child.wait().unwrap();
    (status.signal() == Some(9), status)
}

/// One line of figures, printed by each harness and copied into bench/RESULTS.md.
struct Figures {
    kills: u64,
    acknowledged: u64,
    in_flight_saved: u64,
    in_flight_not_saved: u64,
    lost: u64,
    failures: Vec<String>,
    temporary_left: usize,
    phases: BTreeMap<String, u64>,
    started: Instant,
}

impl Figures {
    fn new() -> Self {
        Figures {
            kills: 0,
            acknowledged: 0,
            in_flight_saved: 0,
            in_flight_not_saved: 0,
            lost: 0,
            failures: Vec::new(),
            temporary_left: 0,
            phases: BTreeMap::new(),
            started: Instant::now(),
        }
    }

    fn phase(&mut self, name: &str) {
        *self.phases.entry(name.to_string()).or_default() += 1;
    }

    fn fail(&mut self, what: String) {
        eprintln!("crash: {what}");
        self.failures.push(what);
    }

    fn report(&self, path: &str) {
        let phases: Vec<String> = self
            .phases
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        println!(
            "crash harness, {path}: {} kills, {} acknowledged edits, lost edits {}, \
             in-flight edits found saved {} / not saved {}, failures {}, \
             backup temporary files left by killed copies {}, {:.1} s; kills by phase: {}",
            self.kills,
            self.acknowledged,
            self.lost,
            self.in_flight_saved,
            self.in_flight_not_saved,
            self.failures.len(),
            self.temporary_left,
            self.started.elapsed().as_secs_f64(),
            phases.join(", ")
        );
    }

    fn assert_clean(&self) {
        assert_eq!(self.lost, 0, "lost edits: {:#?}", self.failures);
        assert!(self.failures.is_empty(), "failures: {:#?}", self.failures);
    }
}

// ---------------------------------------------------------------------------------------------
// Path 1: the `tre` command

/// What the harness tracks of a database: the chair's name (the commune exists when set) and
/// each plan's title (`None`: the title its template gave it).
#[derive(Clone, Debug, Default, PartialEq)]
struct Data {
    chair: Option<String>,
    plans: BTreeMap<i64, Option<String>>,
}

impl Data {
    /// True if the stored data is this state.
    fn matches(&self, stored: &Data) -> bool {
        self.chair == stored.chair
            && self.plans.len() == stored.plans.len()
            && self
                .plans
                .iter()
                .zip(&stored.plans)
                .all(|((a, ta), (b, tb))| {
                    a == b
                        && match (ta, tb) {
                            (Some(t), Some(s)) => t == s,
                            (None, Some(s)) => !s.starts_with(TITLE),
                            _ => false,
                        }
                })
    }

    fn read(s: &Session) -> tre::Result<Data> {
        Ok(Data {
            chair: s
                .commune_get()?
                .and_then(|c| c.chair().map(|l| l.name.clone())),
            plans: s
                .plans_list(None)?
                .into_iter()
                .map(|p| (p.id, Some(p.title)))
                .collect(),
        })
    }
}

/// The database as the acknowledged commands left it, with history as Tre keeps it: undo
/// goes back one change, redo forward, a new change forgets what was undone.
#[derive(Clone, Debug)]
struct Model {
    data: Data,
    undo: Vec<Data>,
    redo: Vec<Data>,
    /// The id the next new plan gets (ids are never reused: AUTOINCREMENT).
    next_id: i64,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            data: Data::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            next_id: 1,
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    Commune(String),
    PlanNew(&'static str),
    Title(i64, String),
    /// `plan set ID --from-json FILE`: a whole (big) plan, as an editor's save would be.
    Whole(i64, String, PathBuf),
    Undo,
    Redo,
}

impl Op {
    fn name(&self) -> &'static str {
        match self {
            Op::Commune(_) => "commune set",
            Op::PlanNew(_) => "plan new",
            Op::Title(..) => "plan set --title",
            Op::Whole(..) => "plan set --from-json",
            Op::Undo => "undo",
            Op::Redo => "redo",
        }
    }

    fn args(&self) -> Vec<String> {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            Op::Commune(chair) => v(&[
                "commune",
                "set",
                "--name",
                "Quan Sơn",
                "--province",
                "Lạng Sơn",
                "--chair",
                chair,
            ]),
            Op::PlanNew(t) => v(&["plan", "new", "--year", "2026", "--template", t]),
            Op::Title(id, title) => v(&["plan", "set", &id.to_string(), "--title", title]),
            Op::Whole(id, _, file) => v(&[
                "plan",
                "set",
                &id.to_string(),
                "--from-json",
                &file.display().to_string(),
            ]),
            Op::Undo => v(&["undo"]),
            Op::Redo => v(&["redo"]),
        }
    }
}

impl Model {
    /// The model once `op` is saved.
    fn after(&self, op: &Op) -> Model {
        let mut m = self.clone();
        match op {
            Op::Undo => {
                let before = m.undo.pop().expect("undo with an empty history");
                m.redo.push(std::mem::replace(&mut m.data, before));
            }
            Op::Redo => {
                let after = m.redo.pop().expect("redo with nothing undone");
                m.undo.push(std::mem::replace(&mut m.data, after));
            }
            _ => {
                m.undo.push(m.data.clone());
                m.redo.clear();
                match op {
                    Op::Commune(chair) => m.data.chair = Some(chair.clone()),
                    Op::PlanNew(_) => {
                        m.data.plans.insert(m.next_id, None);
                        m.next_id += 1;
                    }
                    Op::Title(id, title) | Op::Whole(id, title, _) => {
                        m.data.plans.insert(*id, Some(title.clone()));
                    }
                    Op::Undo | Op::Redo => unreachable!(),
                }
            }
        }
        m
    }

    /// A command that makes sense now (the CLI would refuse the others, which is not a write).
    fn choose(&self, rng: &mut Rng, n: u64, dir: &Path) -> Op {
        let chair = || Op::Commune(format!("Người ký số {n}"));
        if self.data.chair.is_none() && self.data.plans.is_empty() {
            return if !self.redo.is_empty() && rng.below(2) == 0 {
                Op::Redo
            } else {
                chair()
            };
        }
        let ids: Vec<i64> = self.data.plans.keys().copied().collect();
        loop {
            let roll = rng.below(100);
            let op = match roll {
                0..=11 => chair(),
                12..=21 => Op::PlanNew(if rng.below(2) == 0 { "qd06" } else { "blank" }),
                22..=61 if !ids.is_empty() => {
                    let id = ids[rng.below(ids.len() as u64) as usize];
                    Op::Title(id, format!("{TITLE}{n}"))
                }
                62..=71 if !ids.is_empty() => {
                    let id = ids[rng.below(ids.len() as u64) as usize];
                    let title = format!("{TITLE}{n}");
                    let file = dir.join(format!("plan-{n}.json"));
                    fs::write(&file, whole_plan(&title, n).to_string()).unwrap();
                    Op::Whole(id, title, file)
                }
                72..=89 if !self.undo.is_empty() => Op::Undo,
                90..=99 if !self.redo.is_empty() => Op::Redo,
                _ => continue,
            };
            if matches!(op, Op::PlanNew(_)) && self.data.chair.is_none() {
                continue; // a new plan needs the commune's profile
            }
            return op;
        }
    }
}

/// A whole plan as `plan show --json` gives it, with a long introduction (20–300 KB), so a
/// save is a big transaction and the WAL reaches its checkpoint now and then.
fn whole_plan(title: &str, n: u64) -> serde_json::Value {
    serde_json::json!({
        "doc_type": "KẾ HOẠCH", "symbol": "KH-UBND", "place": "Quan Sơn",
        "date": {"day": null, "month": 4, "year": 2026},
        "title": title,
        "intro": prose(n, 20_000, 280_000),
        "signer": {"titles": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Hoàng Đức Bình"}
    })
}

fn run_cli_harness(kills: u64, seed: u64) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let mut rng = Rng(seed);
    let mut fig = Figures::new();
    let mut model = Model::default();
    let mut n = 0u64;
    let mut since_fresh = 0u64;
    let tre = pinned(Path::new(env!("CARGO_BIN_EXE_tre")), dir.path());
    let mut in_a_row = 0;
    while fig.kills < kills {
        n += 1;
        if since_fresh >= FRESH_EVERY {
            fig.temporary_left += check_backups(&db).unwrap_or(0);
            start_afresh(&db);
            model = Model::default();
            since_fresh = 0;
        }
        if rng.below(5) == 0 {
            let _ = fs::remove_file(daily_copy(&db));
        }
        let fresh = migration_due(&db);
        let daily_due = !daily_copy(&db).exists();
        let op = model.choose(&mut rng, n, dir.path());
        let delay = rng.delay(300.0, 120_000.0);

        let mut child = spawn(
            Command::new(&tre)
                .arg("--db")
                .arg(&db)
                .args(op.args())
                .env_remove("TRE_DB")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped()),
        );
        // After three kills in a row one command runs to its end: a slow one (creating and
        // migrating a file takes ~100 ms) would otherwise be killed again and again.
        let (killed, status) = if in_a_row >= 3 {
            (false, child.wait().unwrap())
        } else {
            std::thread::sleep(delay);
            kill(&mut child)
        };
        in_a_row = if killed { in_a_row + 1 } else { 0 };
        let out = child.wait_with_output().unwrap();
        if let Op::Whole(_, _, file) = &op {
            let _ = fs::remove_file(file);
        }
        if !killed {
            let stderr = String::from_utf8_lossy(&out.stderr);
            if !status.success() {
                fig.fail(format!(
                    "tre {:?} failed on its own ({status}): {stderr}",
                    op.args()
                ));
                start_afresh(&db);
                model = Model::default();
                continue;
            }
            let after = model.after(&op);
            if let Op::PlanNew(_) = op {
                let printed = String::from_utf8_lossy(&out.stdout).trim().to_string();
                assert_eq!(printed, model.next_id.to_string(), "ids are never reused");
            }
            model = after;
            fig.acknowledged += 1;
            continue;
        }

        fig.kills += 1;
        since_fresh += 1;
        fig.phase(op.name());
        if fresh {
            fig.phase("(file to create or migrate)");
        } else if daily_due {
            fig.phase("(today's daily copy due)");
        }
        if checkpoint_cut(&db) {
            fig.phase("(cut a WAL checkpoint short)");
        }
        match verify_cli(&db, &model, &op) {
            Ok(true) => {
                model = model.after(&op);
                fig.in_flight_saved += 1;
            }
            Ok(false) => fig.in_flight_not_saved += 1,
            Err((lost, what)) => {
                if lost {
                    fig.lost += 1;
                }
                fig.fail(format!(
                    "kill {} during `tre {:?}`: {what}",
                    fig.kills,
                    op.args()
                ));
                start_afresh(&db);
                model = Model::default();
                since_fresh = 0;
            }
        }
        if let Err(e) = check_backups(&db) {
            fig.fail(format!("kill {}: {e}", fig.kills));
        }
    }
    fig.temporary_left += check_backups(&db).unwrap_or(0);
    fig
}

/// After a kill during `op`: Ok(true) if `op` was saved, Ok(false) if the acknowledged state
/// is what is stored, Err((lost, what)) otherwise.
fn verify_cli(db: &Path, model: &Model, op: &Op) -> Result<bool, (bool, String)> {
    let check = integrity(db);
    if check != "ok" {
        return Err((false, format!("integrity_check: {check}")));
    }
    let s = Session::open(db).map_err(|e| {
        assert_officer_message("opening after a kill", &e.to_string());
        (false, format!("the file does not open: {e}"))
    })?;
    for w in s.warnings() {
        assert_officer_message("warning after a kill", w);
    }
    let stored = Data::read(&s).map_err(|e| (false, format!("reading: {e}")))?;
    drop(s);
    let in_flight = model.after(op);
    if in_flight.data.matches(&stored) {
        Ok(true)
    } else if model.data.matches(&stored) {
        Ok(false)
    } else {
        Err((
            true,
            format!(
                "stored {stored:?}, expected the acknowledged {:?} or the in-flight {:?}",
                model.data, in_flight.data
            ),
        ))
    }
}

#[test]
fn killing_the_cli_at_random_points_loses_no_acknowledged_edit() {
    let (kills, _) = kill_targets();
    let seed = env_u64(SEED_ENV, DEFAULT_SEED);
    let fig = run_cli_harness(kills, seed);
    fig.report(&format!("CLI `tre` (seed {seed:#x})"));
    fig.assert_clean();
    assert_eq!(fig.kills, kills);
}

// ---------------------------------------------------------------------------------------------
// Path 2: the app's autosave through Session

/// Where the autosaved plan stands, in the order the child moves through: no plan, the plan
/// as its template made it, then edit 1, 2, 3…
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Saved {
    Absent,
    Template,
    Edit(u64),
}

fn autosave_plan(base: &Plan, n: u64) -> Plan {
    let mut plan = base.clone();
    plan.title = format!("{AUTOSAVE_TITLE}{n}");
    // 4–120 KB: the WAL passes SQLite's 1,000-page checkpoint every dozen edits or so.
    plan.intro = prose(n, 4_000, 116_000);
    plan
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "CRASH {line}").unwrap();
    out.flush().unwrap();
}

/// The child reports a failure of its own and stops (the parent counts it as a failure).
fn fail(what: &str, e: tre::Error) -> ! {
    say(&format!("error {what}: {} {e}", e.code()));
    std::process::exit(3)
}

/// The child: does nothing in a normal test run. Re-run by the harness with `CHILD_DB_ENV`
/// set, it opens the file as the app does and autosaves until it is killed.
#[test]
fn session_writer_child() {
    let Some(db) = std::env::var_os(CHILD_DB_ENV).map(PathBuf::from) else {
        return;
    };
    let start = env_u64(CHILD_START_ENV, 1);
    let fresh = migration_due(&db);
    let daily_due = !daily_copy(&db).exists();
    say(&format!("open fresh={fresh} daily={daily_due}"));
    let mut s = Session::open(&db).unwrap_or_else(|e| fail("open", e));
    say("opened");
    if s.commune_get()
        .unwrap_or_else(|e| fail("commune", e))
        .is_none()
    {
        s.commune_set(&Commune::new("Quan Sơn", "Lạng Sơn"))
            .unwrap_or_else(|e| fail("commune", e));
    }
    let plans = s.plans_list(None).unwrap_or_else(|e| fail("list", e));
    let id = match plans.first() {
        Some(p) => p.id,
        None => s
            .plan_new(2026, "blank")
            .unwrap_or_else(|e| fail("plan new", e)),
    };
    say(&format!("ready {id}"));
    let base = s.plan_get(id).unwrap_or_else(|e| fail("plan get", e)).plan;
    let deadline = Instant::now() + Duration::from_secs(60); // never outlive a dead parent
    let mut n = start;
    while Instant::now() < deadline {
        s.plan_update(id, &autosave_plan(&base, n))
            .unwrap_or_else(|e| fail("plan update", e));
        say(&format!("ack {n}"));
        n += 1;
    }
}

/// What the child said before it died.
#[derive(Debug, Default)]
struct Heard {
    opening: Option<String>,
    opened: bool,
    ready: bool,
    last_ack: Option<u64>,
    error: Option<String>,
}

impl Heard {
    fn hear(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("CRASH ") else {
            return;
        };
        if let Some(o) = rest.strip_prefix("open ") {
            self.opening = Some(o.to_string());
        } else if rest == "opened" {
            self.opened = true;
        } else if rest.starts_with("ready ") {
            self.ready = true;
        } else if let Some(n) = rest.strip_prefix("ack ") {
            self.last_ack = Some(n.parse().unwrap());
        } else if let Some(e) = rest.strip_prefix("error ") {
            self.error = Some(e.to_string());
        }
    }

    fn phase(&self) -> String {
        match (&self.opening, self.opened, self.ready, self.last_ack) {
            (None, ..) => "before opening".into(),
            (Some(o), false, ..) => format!(
                "during Session::open{}",
                if o.starts_with("fresh=true") {
                    " (file to create or migrate)"
                } else if o.ends_with("daily=true") {
                    " (daily copy due)"
                } else {
                    ""
                }
            ),
            (_, true, false, _) => "after open, before the plan is ready".into(),
            (_, _, true, None) => "before the first acknowledged edit".into(),
            _ => "between acknowledged edits".into(),
        }
    }
}

/// The stored plan: where it stands, and whether its content is whole.
fn read_saved(s: &Session) -> Result<Saved, String> {
    let plans = s.plans_list(None).map_err(|e| e.to_string())?;
    let Some(p) = plans.first() else {
        return Ok(Saved::Absent);
    };
    let plan = s.plan_get(p.id).map_err(|e| e.to_string())?.plan;
    let Some(n) = plan.title.strip_prefix(AUTOSAVE_TITLE) else {
        return Ok(Saved::Template);
    };
    let n: u64 = n.parse().map_err(|_| format!("title {:?}", plan.title))?;
    if plan.intro != prose(n, 4_000, 116_000) {
        return Err(format!(
            "edit {n} is stored torn: its title without its content"
        ));
    }
    Ok(Saved::Edit(n))
}

fn run_session_harness(kills: u64, seed: u64) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tre.db");
    let stderr_file = dir.path().join("child-stderr.txt");
    let mut rng = Rng(seed ^ 0x5E55_1011);
    let mut fig = Figures::new();
    let exe = pinned(&std::env::current_exe().unwrap(), dir.path());
    // What is known stored (acknowledged, or seen stored after a kill).
    let mut baseline = Saved::Absent;
    let mut next = 1u64;
    let mut since_fresh = 0u64;
    while fig.kills < kills {
        if since_fresh >= FRESH_EVERY {
            fig.temporary_left += check_backups(&db).unwrap_or(0);
            start_afresh(&db);
            baseline = Saved::Absent;
            since_fresh = 0;
        }
        if rng.below(4) == 0 {
            let _ = fs::remove_file(daily_copy(&db));
        }
        let delay = rng.delay(50.0, 250_000.0);
        let start = next;
        let mut child = spawn(
            Command::new(&exe)
                .args([
                    CHILD_TEST,
                    "--exact",
                    "--nocapture",
                    "--test-threads=1",
                    "-q",
                ])
                .env(CHILD_DB_ENV, &db)
                .env(CHILD_START_ENV, start.to_string())
                .env_remove("TRE_DB")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(fs::File::create(&stderr_file).unwrap()),
        );
        let lines = lines_of(&mut child);
        let mut heard = Heard::default();
        // The clock starts when the child is about to open the file.
        match lines.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => heard.hear(&line),
            Err(_) => panic!("the child never started: {}", stderr_of(&stderr_file)),
        }
        while heard.opening.is_none() {
            match lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => heard.hear(&line),
                Err(_) => panic!("the child never opened: {}", stderr_of(&stderr_file)),
            }
        }
        std::thread::sleep(delay);
        let (killed, status) = kill(&mut child);
        for line in lines.iter() {
            heard.hear(&line);
        }
        if let Some(e) = &heard.error {
            fig.fail(format!("the writer failed on its own: {e}"));
        }
        if !killed {
            fig.fail(format!(
                "the writer ended before the kill ({status}): {}",
                stderr_of(&stderr_file)
            ));
            start_afresh(&db);
            baseline = Saved::Absent;
            since_fresh = 0;
            continue;
        }
        fig.kills += 1;
        since_fresh += 1;
        fig.phase(&heard.phase());
        if checkpoint_cut(&db) {
            fig.phase("(cut a WAL checkpoint short)");
        }
        if let Some(a) = heard.last_ack {
            fig.acknowledged += a - start + 1;
        }

        // The acknowledged point and the one in flight, in the child's order.
        let acknowledged = match heard.last_ack {
            Some(a) => Saved::Edit(a),
            None if heard.ready => baseline.max(Saved::Template),
            None => baseline,
        };
        let in_flight = match acknowledged {
            Saved::Absent => Saved::Template,
            Saved::Template => Saved::Edit(start),
            Saved::Edit(a) if a >= start => Saved::Edit(a + 1),
            Saved::Edit(_) => Saved::Edit(start),
        };
        next = match in_flight {
            Saved::Edit(f) => f + 1,
            _ => start,
        };

        let check = integrity(&db);
        let stored = if check != "ok" {
            Err(format!("integrity_check: {check}"))
        } else {
            match Session::open(&db) {
                Ok(s) => {
                    for w in s.warnings() {
                        assert_officer_message("warning after a kill", w);
                    }
                    read_saved(&s)
                }
                Err(e) => {
                    assert_officer_message("opening after a kill", &e.to_string());
                    Err(format!("the file does not open: {e}"))
                }
            }
        };
        match stored {
            Ok(got) if got == acknowledged => fig.in_flight_not_saved += 1,
            Ok(got) if got == in_flight => {
                fig.in_flight_saved += 1;
                baseline = got;
            }
            Ok(got) => {
                if got < acknowledged {
                    fig.lost += 1;
                }
                fig.fail(format!(
                    "kill {} ({}): stored {got:?}, acknowledged {acknowledged:?}, in flight {in_flight:?}",
                    fig.kills,
                    heard.phase()
                ));
                start_afresh(&db);
                baseline = Saved::Absent;
                since_fresh = 0;
                continue;
            }
            Err(what) => {
                fig.fail(format!("kill {} ({}): {what}", fig.kills, heard.phase()));
                start_afresh(&db);
                baseline = Saved::Absent;
                since_fresh = 0;
                continue;
            }
        }
        baseline = baseline.max(acknowledged);
        if let Err(e) = check_backups(&db) {
            fig.fail(format!("kill {}: {e}", fig.kills));
        }
    }
    fig.temporary_left += check_backups(&db).unwrap_or(0);
    fig
}

fn stderr_of(file: &Path) -> String {
    fs::read_to_string(file).unwrap_or_default()
}

#[test]
fn killing_the_autosave_at_random_points_loses_no_acknowledged_edit() {
    let (_, kills) = kill_targets();
    let seed = env_u64(SEED_ENV, DEFAULT_SEED);
    let fig = run_session_harness(kills, seed);
    fig.report(&format!("Session autosave (seed {seed:#x})"));
    fig.assert_clean();
    assert_eq!(fig.kills, kills);
}
