//! The UI's unit tests (vitest) need real data of the core without running it: the demo
//! commune, its self-assessment's overview and a fresh plan of every template. This test
//! writes them as the core computes them into ui/src/lib/fixtures/demo.json, and fails when
//! the core's demo, scoring or templates moved away from the file; rewrite it with
//!
//!   TRE_UPDATE_FIXTURES=1 cargo test --test it ui_fixture
//!
//! (The browser tests need no fixture: they run on the core through tre-dev-server.)

use std::path::PathBuf;

use chrono::NaiveDate;
use tre::assess::view::overview;
use tre::store::Store;

const YEAR: i32 = 2026;

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/fixtures/demo.json")
}

#[test]
fn the_uis_demo_fixture_is_what_the_core_computes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    tre::demo::load_demo(&mut store, YEAR).unwrap();
    let commune = store.commune().unwrap().unwrap();
    // The demo's assessment "as it stands on 11 November": the units' date (10/11) has passed.
    let today = NaiveDate::from_ymd_opt(YEAR, 11, 11).unwrap();
    let plans: serde_json::Map<String, serde_json::Value> = tre::template::all()
        .iter()
        .map(|t| {
            let plan = t.instantiate(&commune, YEAR).unwrap();
            (t.id.clone(), serde_json::to_value(plan).unwrap())
        })
        .collect();
    let fixture = serde_json::json!({
        "today": today.to_string(),
        "commune": commune,
        "overview": overview(&store, YEAR, today).unwrap(),
        "plans": plans,
    });
    let path = fixture_path();
    let text = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
    if std::env::var_os("TRE_UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    let stored: serde_json::Value = serde_json::from_str(&stored).unwrap_or_default();
    assert!(
        stored == fixture,
        "{} is not what the core computes; rewrite it with TRE_UPDATE_FIXTURES=1 cargo test --test it ui_fixture",
        path.display()
    );
}
