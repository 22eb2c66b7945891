//! The criteria catalogue a province sends as JSON (`catalog::parse_json`, and
//! `catalog_from_file`, which picks the reader by the file's extension). Cases: the shipped
//! catalogue with its JSON tree changed (values of another type, out of range or repeated,
//! keys dropped, lists emptied or doubled) and then sometimes its text too; JSON-like token
//! soup (unbalanced, deeply nested, huge numbers); and files of every extension, with text
//! that is not UTF-8. The catalogue validation must refuse what is wrong, in Vietnamese.

use serde_json::{json, Value};
use tre::catalog::{catalog_from_file, parse_json};

use super::{cases, check, mutate_n, refusal, Rng, NUMBERS};

const TREE_CHANGES: usize = 20_000;
const TOKEN_SOUP: usize = 100_000;
const FILES: usize = 1_000;
/// The base counts of this target's tests (each runs `cases(n)`).
pub const CASES: &[usize] = &[TREE_CHANGES, TOKEN_SOUP, FILES];

const BUILTIN: &str = include_str!("../../../assets/criteria/qd06-2019.json");

fn parse(target: &str, case: usize, text: &str) {
    let _ = check(
        target,
        case,
        &[("danh-muc.json", text.as_bytes())],
        || parse_json(text, "Tệp danh-muc.json"),
        refusal,
    );
}

/// Values to put anywhere in the tree.
fn value(rng: &mut Rng, near: &Value) -> Value {
    match rng.below(14) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(0),
        4 => json!(1e308),
        5 => json!(-1e-9),
        6 => json!(u64::MAX),
        7 => json!(""),
        8 => json!(" "),
        9 => {
            json!(rng
                .pick(&["yes_no", "count", "rate", "choice", "7.1", "7", "standard", "x", "có"]))
        }
        10 => json!([]),
        11 => json!({}),
        12 => json!([near.clone(), near.clone()]),
        _ => json!({"min": 100, "max": 0, "points": -5}),
    }
}

/// Changes one node of `v`, chosen by walking down at random.
fn mutate_tree(rng: &mut Rng, v: &mut Value) {
    // Go deeper most of the time, so leaves are reached as often as whole lists.
    let deeper = rng.chance(80);
    match v {
        Value::Object(map) if deeper && !map.is_empty() => {
            let key = map.keys().nth(rng.below(map.len())).unwrap().clone();
            if rng.chance(10) {
                map.remove(&key);
            } else if rng.chance(5) {
                map.insert(format!("{key}_"), Value::Null);
            } else {
                mutate_tree(rng, map.get_mut(&key).unwrap());
            }
        }
        Value::Array(items) if deeper && !items.is_empty() => {
            let i = rng.below(items.len());
            match rng.below(10) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.insert(i, copy);
                }
                2 => {
                    let j = rng.below(items.len());
                    items.swap(i, j);
                }
                _ => mutate_tree(rng, &mut items[i]),
            }
        }
        _ => {
            let near = v.clone();
            *v = value(rng, &near);
        }
    }
}

#[test]
fn shipped_catalogue_with_its_tree_changed() {
    let tree: Value = serde_json::from_str(BUILTIN).unwrap();
    let mut rng = Rng::new(40);
    let n = cases(TREE_CHANGES);
    for case in 0..n {
        let mut t = tree.clone();
        for _ in 0..1 + rng.below(4) {
            mutate_tree(&mut rng, &mut t);
        }
        let mut text = serde_json::to_vec(&t).unwrap();
        if rng.chance(20) {
            let times = 1 + rng.below(3);
            mutate_n(&mut rng, &mut text, JSON_WORDS, times);
        }
        let text = String::from_utf8_lossy(&text);
        parse("catalog-tree", case, &text);
    }
    eprintln!("shipped catalogue, tree changed: {n} cases");
}

const JSON_WORDS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"\"",
    b"\\u0000",
    b"\\ud800",
    b"\"format\": 1",
    b"\"format\":",
    b"\"id\":",
    b"\"version\":",
    b"\"name\":",
    b"\"rule\":",
    b"\"criteria\":",
    b"\"items\":",
    b"\"bands\":",
    b"\"code\":",
    b"\"kind\":",
    b"\"options\":",
    b"\"min\":",
    b"\"max\":",
    b"\"points\":",
    b"\"categories\":",
    b"\"threshold\":",
    b"\"default_category\":",
    b"\"yes_no\"",
    b"\"rate\"",
    b"\"1\"",
    b"\"1.1\"",
    b"null",
    b"true",
    b"false",
    b"1e400",
    b"-",
    b"\xef\xbb\xbf",
    b"e\xcc\x81",
];

#[test]
fn json_token_soup() {
    let mut rng = Rng::new(41);
    let n = cases(TOKEN_SOUP);
    for case in 0..n {
        let mut text = Vec::new();
        if rng.chance(1) {
            // Nested deeper than any parser's stack should go.
            let depth = 1 + rng.below(100_000);
            text.extend(std::iter::repeat_n(b'[', depth));
        }
        for _ in 0..rng.below(40) {
            if rng.chance(20) {
                text.extend_from_slice(rng.pick(NUMBERS).as_bytes());
            } else {
                text.extend_from_slice(rng.pick(JSON_WORDS));
            }
        }
        parse("catalog-soup", case, &String::from_utf8_lossy(&text));
    }
    eprintln!("JSON token soup: {n} cases");
}

#[test]
fn catalogue_files_of_every_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(42);
    let n = cases(FILES);
    for case in 0..n {
        let mut bytes = BUILTIN.as_bytes().to_vec();
        match rng.below(4) {
            0 => {
                let times = 1 + rng.below(4);
                mutate_n(&mut rng, &mut bytes, JSON_WORDS, times);
            }
            // Not UTF-8: a legacy encoding's bytes in the middle.
            1 => {
                let at = rng.below(bytes.len());
                bytes.splice(at..at, [0xc3, 0x28, 0xff]);
            }
            2 => bytes.truncate(rng.below(bytes.len())),
            _ => {}
        }
        let ext = rng.pick(&["json", "JSON", "xlsx", "txt", "", "json.xlsx"]);
        let path = dir.path().join(format!("danh-muc.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        let _ = check(
            "catalog-file",
            case,
            &[("danh-muc", &bytes)],
            || catalog_from_file(&path),
            refusal,
        );
    }
    eprintln!("catalogue files of every kind: {n} cases");
}
