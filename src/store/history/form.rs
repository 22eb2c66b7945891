//! How a change is kept in the history table's `old`/`new` columns.
//!
//! An insert or a delete keeps the whole snapshot of the side that exists (`form` =
//! 'snapshot'): there is nothing to diff against. An update keeps two JSON Patches (RFC 6902,
//! `form` = 'patch'): `old` turns the state after the change back into the state before it
//! (undo), `new` the other way (redo). Editing one paragraph of a 20-page plan then costs the
//! paragraph, not two copies of the plan: 2,000 autosaves of one plan took 32 MB as snapshots.
//!
//! A patch only means something applied to the state it was made from. That holds by
//! construction: every write to a plan, the commune, an assessment or a register row goes
//! through `record` in the same transaction, and undo/redo move along the stack in order, so
//! the row's current content is always the "after" of the newest change not undone.

use std::path::Path;

use rusqlite::Transaction;
use serde_json::Value;

use super::super::{assessments, commune, plans, register};
use crate::error::{Error, Result};

/// One entity a history row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Target<'a> {
    pub entity: &'a str,
    pub entity_id: Option<i64>,
}

/// The columns a change is stored as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stored {
    /// "snapshot" or "patch".
    pub form: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Encodes the change from `before` to `after` (JSON snapshots; `None` = absent). Patches
/// are used for an update unless, for a change that rewrites nearly everything, the two
/// snapshots would be smaller.
pub(crate) fn encode(before: Option<&str>, after: Option<&str>) -> Result<Stored> {
    let snapshots = || Stored {
        form: "snapshot",
        old: before.map(str::to_string),
        new: after.map(str::to_string),
    };
    let (Some(b), Some(a)) = (before, after) else {
        return Ok(snapshots());
    };
    let (Ok(bv), Ok(av)) = (
        serde_json::from_str::<Value>(b),
        serde_json::from_str::<Value>(a),
    ) else {
        return Ok(snapshots());
    };
    let back = to_text(&json_patch::diff(&av, &bv))?;
    let fwd = to_text(&json_patch::diff(&bv, &av))?;
    if back.len() + fwd.len() >= b.len() + a.len() {
        return Ok(snapshots());
    }
    Ok(Stored {
        form: "patch",
        old: Some(back),
        new: Some(fwd),
    })
}

/// The state on the other side of a stored change. `from` is the state on this side: the
/// entity as it is now (undo: after the change; redo: before it). For a snapshot the stored
/// side is the answer; for a patch it is applied to `from`.
pub(crate) fn other_side(
    path: &Path,
    history_id: i64,
    form: &str,
    stored_side: Option<&str>,
    from: Option<&str>,
) -> Result<Option<String>> {
    if form != "patch" {
        return Ok(stored_side.map(str::to_string));
    }
    let mismatch = || mismatch(path, history_id);
    let (Some(patch), Some(from)) = (stored_side, from) else {
        return Err(mismatch());
    };
    let ops: json_patch::Patch = serde_json::from_str(patch).map_err(|_| mismatch())?;
    let mut doc: Value = serde_json::from_str(from).map_err(|_| mismatch())?;
    json_patch::patch(&mut doc, &ops).map_err(|_| mismatch())?;
    Ok(Some(to_text(&doc)?))
}

/// A patch that does not fit the current content: only a damaged file or an edit made
/// outside Tre can cause it. Nothing is changed.
pub(crate) fn mismatch(path: &Path, history_id: i64) -> Error {
    Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: format!("mục lịch sử {history_id} không khớp với dữ liệu hiện tại"),
    }
}

/// The entity's content now, as the snapshot its history rows describe.
pub(crate) fn current(tx: &Transaction, path: &Path, t: Target) -> Result<Option<String>> {
    match (t.entity, t.entity_id) {
        ("plan", Some(id)) => plans::current_snapshot(tx, path, id),
        ("commune", _) => commune::current_snapshot(tx, path),
        ("assessment", Some(year)) => assessments::current_snapshot(tx, path, year),
        ("register", Some(id)) => register::current_snapshot(tx, path, id),
        _ => Err(unknown(path, t)),
    }
}

/// Puts the entity into `snapshot`'s state (`None` = absent).
pub(crate) fn apply(
    tx: &Transaction,
    path: &Path,
    t: Target,
    snapshot: Option<&str>,
) -> Result<()> {
    match (t.entity, t.entity_id) {
        ("plan", Some(id)) => plans::apply_snapshot(tx, path, id, snapshot),
        ("commune", _) => commune::apply_snapshot(tx, path, snapshot),
        ("assessment", Some(year)) => assessments::apply_snapshot(tx, path, year, snapshot),
        ("register", Some(id)) => register::apply_snapshot(tx, path, id, snapshot),
        _ => Err(unknown(path, t)),
    }
}

fn unknown(path: &Path, t: Target) -> Error {
    Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: format!("lịch sử nói về một đối tượng không có ({})", t.entity),
    }
}

fn to_text<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        Error::Database(format!(
            "không chuyển được lịch sử sang JSON: {}",
            crate::error::json_detail(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_like(paragraph: &str) -> String {
        let long = "Nội dung dài của kế hoạch. ".repeat(200);
        serde_json::json!({"title": "Kế hoạch", "body": [long, paragraph], "year": 2026})
            .to_string()
    }

    #[test]
    fn an_update_is_kept_as_two_small_patches_that_undo_and_redo_it() {
        let before = plan_like("Đoạn cũ");
        let after = plan_like("Đoạn mới");
        let s = encode(Some(&before), Some(&after)).unwrap();
        assert_eq!(s.form, "patch");
        let size = s.old.as_ref().unwrap().len() + s.new.as_ref().unwrap().len();
        assert!(size < 200, "{size} bytes for a one-paragraph edit");
        let p = Path::new("tre.db");
        let undone = other_side(p, 1, s.form, s.old.as_deref(), Some(&after)).unwrap();
        let parsed = |t: &str| serde_json::from_str::<Value>(t).unwrap();
        assert_eq!(parsed(&undone.unwrap()), parsed(&before));
        let redone = other_side(p, 1, s.form, s.new.as_deref(), Some(&before)).unwrap();
        assert_eq!(parsed(&redone.unwrap()), parsed(&after));
    }

    #[test]
    fn inserts_deletes_and_rewrites_keep_snapshots() {
        let a = r#"{"x":1}"#;
        assert_eq!(encode(None, Some(a)).unwrap().form, "snapshot");
        assert_eq!(encode(Some(a), None).unwrap().form, "snapshot");
        // Everything changed: two patches would repeat both sides and more.
        let s = encode(Some(a), Some(r#"{"y":2}"#)).unwrap();
        assert_eq!(s.form, "snapshot");
        let p = Path::new("tre.db");
        assert_eq!(
            other_side(p, 1, "snapshot", Some(a), None)
                .unwrap()
                .as_deref(),
            Some(a)
        );
    }

    #[test]
    fn a_patch_that_does_not_fit_is_refused_in_vietnamese() {
        let s = encode(Some(&plan_like("a")), Some(&plan_like("b"))).unwrap();
        let p = Path::new("tre.db");
        let e = other_side(p, 7, s.form, s.old.as_deref(), Some(r#"{"other":true}"#)).unwrap_err();
        assert_eq!(e.code(), "db-corrupt");
        assert!(e.to_string().contains("mục lịch sử 7"), "{e}");
        assert!(other_side(p, 7, "patch", Some("not json"), Some("{}")).is_err());
        assert!(other_side(p, 7, "patch", None, Some("{}")).is_err());
    }
}
