//! Shared by tests/it/import.rs and tests/it/fuzz/import.rs: where the fixtures are, and a
//! field-by-field comparison of plans whose messages name the field that differs
//! ("sections[IV].children[3].title: …").
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use tre::model::Plan;

pub const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn seed_path(id: &str) -> PathBuf {
    fixtures().join("seeds").join(format!("{id}.txt"))
}

pub fn seed_text(id: &str) -> String {
    std::fs::read_to_string(seed_path(id)).unwrap()
}

pub fn golden(id: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/import")
        .join(format!("{id}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every difference between two plans, one line each, naming the field.
pub fn diff(expected: &Plan, got: &Plan) -> Vec<String> {
    let e = serde_json::to_value(expected).unwrap();
    let g = serde_json::to_value(got).unwrap();
    let mut out = Vec::new();
    walk("", &e, &g, &mut out);
    out
}

/// Panics with all differences, if any.
pub fn assert_same(what: &str, expected: &Plan, got: &Plan) {
    let d = diff(expected, got);
    assert!(
        d.is_empty(),
        "{what}: {} field(s) differ:\n{}",
        d.len(),
        d.join("\n")
    );
}

fn name_of(item: &Value, i: usize) -> String {
    match item.get("label").and_then(Value::as_str) {
        Some(label) => format!("[{label}]"),
        None => format!("[{i}]"),
    }
}

fn walk(path: &str, e: &Value, g: &Value, out: &mut Vec<String>) {
    match (e, g) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(
                    &p,
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!(
                    "{path}: expected {} item(s), got {}: expected {}, got {}",
                    a.len(),
                    b.len(),
                    short(&Value::Array(a.clone())),
                    short(&Value::Array(b.clone()))
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                walk(&format!("{path}{}", name_of(x, i)), x, y, out);
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            out.push(format!("{path}: {}", first_difference(a, b)));
        }
        _ if e != g => out.push(format!("{path}: expected {}, got {}", short(e), short(g))),
        _ => {}
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        format!("{}…", s.chars().take(300).collect::<String>())
    } else {
        s
    }
}

/// "differs at char 41: expected «…trẻ em năm 2023», got «…trẻ em năm 2029»".
pub fn first_difference(a: &str, b: &str) -> String {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(30);
    let piece = |s: &[char]| s[from..s.len().min(at + 40)].iter().collect::<String>();
    format!(
        "differs at char {at} (lengths {} and {}): expected «{}», got «{}»",
        a.len(),
        b.len(),
        piece(&a),
        piece(&b)
    )
}

/// Messages the officer reads are Vietnamese: they carry its letters.
pub fn is_vietnamese(message: &str) -> bool {
    const LETTERS: &str = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    message.to_lowercase().chars().any(|c| LETTERS.contains(c))
}

/// SQLite's own English error texts (sqlite3_errstr), which must never reach the officer:
/// the first one `message` contains, if any.
pub fn sqlite_english(message: &str) -> Option<&'static str> {
    const TEXTS: &[&str] = &[
        "SQL logic error",
        "out of memory",
        "access permission denied",
        "query aborted",
        "database is locked",
        "database table is locked",
        "attempt to write a readonly database",
        "interrupted",
        "disk I/O error",
        "database disk image is malformed",
        "unknown operation",
        "database or disk is full",
        "unable to open database file",
        "locking protocol",
        "constraint failed",
        "datatype mismatch",
        "bad parameter or other API misuse",
        "authorization denied",
        "column index out of range",
        "file is not a database",
        "unknown error",
        "Error code",
    ];
    let lower = message.to_lowercase();
    TEXTS
        .iter()
        .find(|t| lower.contains(&t.to_lowercase()))
        .copied()
}
