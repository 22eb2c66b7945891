//! The UI's mock backend (ui/src/lib/mock*.ts) plays the core in the browser and in vitest.
//! Its demo data and the overview it must compute are a fixture written by the core itself:
//! this test fails when the core's demo or scoring moved away from the fixture, and rewrites
//! it when run with TRE_UPDATE_FIXTURES=1:
//!
//!   TRE_UPDATE_FIXTURES=1 cargo test --test it ui_fixture
//!
//! The vitest suite then checks that the mock's scoring gives the same overview.

use std::path::PathBuf;

use chrono::NaiveDate;
use tre::assess::view::overview;
use tre::store::Store;

const YEAR: i32 = 2026;

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/fixtures/demo-assessment.json")
}

#[test]
fn the_mock_backends_demo_fixture_is_what_the_core_computes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    tre::demo::load_demo(&mut store, YEAR).unwrap();
    // The demo's assessment "as it stands on 11 November": the units' date (10/11) has passed.
    let today = NaiveDate::from_ymd_opt(YEAR, 11, 11).unwrap();
    let fixture = serde_json::json!({
        "today": today.to_string(),
        "commune": store.commune().unwrap().unwrap(),
        "overview": overview(&store, YEAR, today).unwrap(),
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
