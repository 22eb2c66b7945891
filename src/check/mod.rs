//! The linter (`tre check`): finds the mistakes officers really make in plans — a legal
//! document cited with a wrong date, a year left from last year's plan, a body the 2025 reform
//! abolished, misspellings, Nghị định 30 form, another commune's name left after a copy.
//!
//! One module per family of rules, each with one job:
//! - `citations`: finds "<type> số N/SYM ngày dd/mm/yyyy" in the texts;
//! - `legal`: dates of cited documents (known table in `assets/check/legal.json`, the same
//!   citation elsewhere, the plan's date), citation form, a basis from an earlier year;
//! - `years`: years in the texts that are not the plan's;
//! - `deadlines`: deadlines before the plan, after its year, units after the commune;
//! - `reform`: bodies abolished on 01/7/2025 (`assets/check/bodies.json`);
//! - `words`: misspellings and wrong forms (`assets/check/words.json`);
//! - `form`: signer, subject, type name ↔ symbol, place, recipients, paragraphs;
//! - `copied`: another commune's or province's name, a signer who is not a leader;
//! - `text`: a raw text file, as the importer's paragraphs (`import::paragraphs`: marks,
//!   broken lines, columns read once for both), sorted into the parts of a plan;
//! - `text_form`: the form that only raw text still shows (recipients' ";", "./.").
//!
//! `check_plan` checks the model, `check_text` a raw text, `check_source` both (an imported
//! file: the model and the text it came from) without reporting a mistake twice.

mod citations;
mod copied;
mod deadlines;
mod doc;
mod finding;
mod form;
mod legal;
mod reform;
mod scan;
mod text;
mod text_form;
mod words;
mod years;

pub use finding::{human_line, place_label, Finding, Severity, Summary};

use serde::{Deserialize, Serialize};

use crate::model::{Commune, Plan};
use doc::{Doc, Out};

/// What the linter knows of the commune, to find names copied in from elsewhere. All
/// optional: a plan file checked on its own has no profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckContext {
    /// "Quan Sơn" (without "xã").
    pub commune_name: Option<String>,
    /// "xã", "phường" or "đặc khu".
    pub commune_kind: Option<String>,
    /// The place name of the date line.
    pub place: Option<String>,
    /// "Lạng Sơn" (without "tỉnh").
    pub province: Option<String>,
    /// The body reports go to: "Sở Y tế tỉnh Lạng Sơn".
    pub superior: Option<String>,
    /// (name, position) of the people who sign.
    pub leaders: Vec<(String, String)>,
}

impl CheckContext {
    pub fn from_commune(c: &Commune) -> Self {
        let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        CheckContext {
            commune_name: some(&c.name),
            commune_kind: some(&c.kind),
            place: some(&c.place),
            province: some(&c.province),
            superior: some(&c.superior),
            leaders: c
                .leaders
                .iter()
                .map(|l| (l.name.clone(), l.position.clone()))
                .collect(),
        }
    }
}

/// The rules that read texts, for a plan and for a raw text alike.
fn run_text_rules(doc: &Doc, out: &mut Out) {
    legal::check(doc, out);
    years::check(doc, out);
    reform::check(doc, out);
    words::check(doc, out);
    copied::check(doc, out);
}

/// Every finding of a plan, in reading order.
pub fn check_plan(plan: &Plan, ctx: &CheckContext) -> Vec<Finding> {
    let doc = Doc::from_plan(plan, ctx);
    let mut out = Out::default();
    form::check(&doc, &mut out);
    run_text_rules(&doc, &mut out);
    deadlines::check(&doc, &mut out);
    out.into_sorted()
}

/// Every finding of a plan given as raw text (a .txt or .md file, a seed), in line order.
pub fn check_text(text: &str, ctx: &CheckContext) -> Vec<Finding> {
    text::check_text(text, ctx)
}

/// A plan imported from a text: the model's findings, then those only the raw text shows
/// ("Noi nhận", a recipient ending with ","). A mistake both see (same code and excerpt) is
/// reported once, at its place in the model.
pub fn check_source(plan: &Plan, raw: &str, ctx: &CheckContext) -> Vec<Finding> {
    let mut found = check_plan(plan, ctx);
    let mut seen: Vec<(String, String)> = found
        .iter()
        .map(|f| (f.code.clone(), f.excerpt.clone()))
        .collect();
    for f in check_text(raw, ctx) {
        let key = (f.code.clone(), f.excerpt.clone());
        if let Some(i) = seen.iter().position(|k| *k == key) {
            seen.remove(i);
        } else {
            found.push(f);
        }
    }
    found
}

/// The findings of an imported file: the model's rules, and for a text file its text rules
/// too. The app's import and `tre check FILE` both come here, so they report the same.
pub fn check_imported(imported: &crate::import::Imported, ctx: &CheckContext) -> Vec<Finding> {
    match &imported.source_text {
        Some(text) => check_source(&imported.plan, text, ctx),
        None => check_plan(&imported.plan, ctx),
    }
}

/// True when a finding is wrong on paper: `tre check` exits with 1.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

#[cfg(test)]
mod tests;
