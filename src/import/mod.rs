//! Importing a plan written elsewhere (`tre import FILE`): a .txt or .md file — such as
//! the seeds, text extracted from the commune's Word files — or a .docx, read into the
//! plan model. The importer reads what is written and does not correct it (the linter
//! reports mistakes); all text comes out NFC.
//!
//! One responsibility per module, in the order the data flows:
//! `source` (bounded read, format) → `encoding` or `docx` + `wordml` (to text) → `lines`
//! (paragraphs, marks, broken lines) → `outline` (parts of the document) with `header`,
//! `sections`, `tail` → `dates` and `refs` (deadlines, events, cited documents).
//!
//! Bad input never panics and never takes unbounded memory: files over 20 MB are refused
//! before reading, a DOCX entry is read through a 50 MB limit, legacy encodings and binary
//! files get a Vietnamese message saying what to do.

pub(crate) mod dates;
mod docx;
mod encoding;
mod header;
mod lines;
mod outline;
mod refs;
mod sections;
pub(crate) mod source;
mod tail;
mod vn;
mod wordml;

use std::path::Path;

use crate::error::Result;
use crate::model::{Plan, Section};

pub use docx::{MAX_ENTRIES, MAX_XML_BYTES};
pub(crate) use lines::Para;
pub use source::{display_name, MAX_FILE_BYTES};

/// Template id of plans that came from a file rather than from a template.
pub const IMPORTED_TEMPLATE: &str = "imported";

/// An imported plan and what the importer could not find (Vietnamese, for the officer).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    pub warnings: Vec<String>,
    /// The decoded text (NFC, `\n` line ends) of a .txt or .md file, for the linter's text
    /// rules, which see what the model normalises away ("Noi nhận", a final ","). `None` for
    /// a .docx, whose paragraphs the model already holds as Word wrote them.
    pub source_text: Option<String>,
}

/// Imports the file at `path` (.txt, .md or .docx, told apart by content).
pub fn import_file(path: &Path) -> Result<Imported> {
    let bytes = source::read(path)?;
    import_bytes(&source::display_name(path), &bytes)
}

/// Imports a file's content; `name` is used in messages and to recognise a .docx.
pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<Imported> {
    match source::sniff(name, bytes)? {
        source::Format::Docx => {
            let text = encoding::normalise(&docx::text_of(name, bytes)?);
            from_normalised(name, &text)
        }
        source::Format::Text => with_source(name, encoding::decode(name, bytes)?),
    }
}

/// Imports text (plain or Markdown-ish) that is already decoded.
pub fn import_text(name: &str, text: &str) -> Result<Imported> {
    with_source(name, encoding::normalise(text))
}

/// The paragraphs of a text as the importer reads them (marks, broken lines, columns), for
/// the linter's rules that look at what the model normalises away.
pub(crate) fn paragraphs(text: &str) -> Vec<Para> {
    lines::paragraphs(&encoding::normalise(text))
}

/// A text file's plan, keeping the text for the linter.
fn with_source(name: &str, text: String) -> Result<Imported> {
    let mut imported = from_normalised(name, &text)?;
    imported.source_text = Some(text);
    Ok(imported)
}

/// The plan from NFC text with `\n` line ends.
fn from_normalised(name: &str, text: &str) -> Result<Imported> {
    let paras = lines::paragraphs(text);
    let mut warnings = Vec::new();
    let plan = outline::build(&paras, name, &mut warnings)?;
    Ok(Imported {
        plan: all_nfc(plan),
        warnings,
        source_text: None,
    })
}

/// Every string of the plan as `text::nfc` makes it, the one door into the model. The text
/// was normalised on the way in, so this is mostly a quick check.
fn all_nfc(mut p: Plan) -> Plan {
    fn nfc(s: &str) -> String {
        let quick = unicode_normalization::is_nfc_quick(s.chars());
        if quick == unicode_normalization::IsNormalized::Yes && s.trim().len() == s.len() {
            s.to_string()
        } else {
            crate::text::nfc(s)
        }
    }
    fn section(s: &mut Section) {
        s.label = nfc(&s.label);
        s.title = nfc(&s.title);
        s.paragraphs.iter_mut().for_each(|t| *t = nfc(t));
        s.children.iter_mut().for_each(section);
    }
    for s in [
        &mut p.doc_type,
        &mut p.symbol,
        &mut p.place,
        &mut p.title,
        &mut p.intro,
        &mut p.closing,
        &mut p.signer.name,
    ] {
        *s = nfc(s);
    }
    if let Some(a) = p.authority.as_mut() {
        a.iter_mut().for_each(|t| *t = nfc(t));
    }
    p.number = p.number.as_deref().map(nfc);
    p.bases.iter_mut().for_each(|t| *t = nfc(t));
    p.recipients.iter_mut().for_each(|t| *t = nfc(t));
    p.signer.titles.iter_mut().for_each(|t| *t = nfc(t));
    p.sections.iter_mut().for_each(section);
    for d in &mut p.deadlines {
        d.text = nfc(&d.text);
    }
    for e in &mut p.events {
        e.text = nfc(&e.text);
    }
    for r in &mut p.references {
        r.issuer = nfc(&r.issuer);
        r.number = nfc(&r.number);
    }
    p
}
