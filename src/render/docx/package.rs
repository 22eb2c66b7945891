//! Turns docx-rs's parts into the final ZIP package, deterministically.
//!
//! docx-rs 0.4.22 cannot set the document's title and author nor the language of the text,
//! and its ZIP entries carry the current time when the `zip` crate's `time` feature is on
//! (any crate in the build may turn it on). So the package it writes is read back and
//! written again: entries in the same order, a fixed date (1980-01-01, the ZIP epoch),
//! deflated; `docProps/core.xml` is replaced, the XML is put in schema order (`canon`), `w:lang` (vi-VN) is added to the style
//! defaults, and the paragraph ids, which docx-rs takes from a per-thread counter that only
//! grows, are numbered afresh. Dates in `core.xml` come from `SOURCE_DATE_EPOCH` when it is set and are left
//! out otherwise (Word fills them in on the first save), so the same document always gives
//! the same bytes.

use std::io::{Cursor, Read, Write};

use docx_rs::Docx;
use zip::write::SimpleFileOptions;

use super::canon::canonical;
use super::clean;
use crate::document::Meta;
use crate::error::{Error, Result};

/// The language of every run, for Word's spelling and hyphenation.
pub const LANG: &str = "vi-VN";

pub fn pack(docx: Docx, meta: &Meta) -> Result<Vec<u8>> {
    let mut raw = Cursor::new(Vec::new());
    docx.build().pack(&mut raw).map_err(failed)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(raw.into_inner())).map_err(failed)?;

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut next_id = 1u32;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(failed)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| failed(zip::result::ZipError::Io(e)))?;
        let data = match name.as_str() {
            "docProps/core.xml" => core_xml(meta, source_date().as_deref()).into_bytes(),
            n if n.starts_with("word/") && n.ends_with(".xml") => {
                let mut xml = String::from_utf8_lossy(&data).into_owned();
                if n == "word/styles.xml" {
                    xml = with_language(&xml);
                }
                if n == "word/document.xml" {
                    xml = xml.replace(super::table::HEADER_ROW_MARK, super::table::HEADER_ROW);
                }
                renumber_paragraphs(&canonical(&xml), &mut next_id).into_bytes()
            }
            _ => data,
        };
        out.start_file(name, options).map_err(failed)?;
        out.write_all(&data)
            .map_err(|e| failed(zip::result::ZipError::Io(e)))?;
    }
    Ok(out.finish().map_err(failed)?.into_inner())
}

fn failed(e: zip::result::ZipError) -> Error {
    Error::Render(format!("không ghi được tệp DOCX ({e})"))
}

/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention the PDF follows too) as a W3C
/// date-time, or `None` when it is not set.
fn source_date() -> Option<String> {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse::<i64>()
        .ok()?;
    let t = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// The document's core properties: title, author, language and, if known, dates.
pub fn core_xml(meta: &Meta, date: Option<&str>) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    let author = escape(&meta.author);
    s += &format!("<dc:title>{}</dc:title>", escape(&meta.title));
    s += &format!("<dc:creator>{author}</dc:creator>");
    s += &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>");
    s += &format!("<dc:language>{LANG}</dc:language>");
    s += "<cp:revision>1</cp:revision>";
    if let Some(d) = date {
        s += &format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created>"#);
        s += &format!(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{d}</dcterms:modified>"#);
    }
    s += "</cp:coreProperties>";
    s
}

fn escape(text: &str) -> String {
    clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Adds `<w:lang>` to the default run properties (after the size, where the schema wants
/// it). Left unchanged if docx-rs ever writes the defaults differently; a test watches that.
pub fn with_language(styles: &str) -> String {
    let lang = format!(r#"<w:lang w:val="{LANG}" w:eastAsia="{LANG}" w:bidi="ar-SA" />"#);
    let Some(start) = styles.find("<w:rPrDefault>") else {
        return styles.to_string();
    };
    let Some(len) = styles[start..].find("</w:rPrDefault>") else {
        return styles.to_string();
    };
    let block = &styles[start..start + len];
    let patched = if let Some(end) = block.rfind("</w:rPr>") {
        format!("{}{lang}{}", &block[..end], &block[end..])
    } else if block.contains("<w:rPr />") {
        block.replace("<w:rPr />", &format!("<w:rPr>{lang}</w:rPr>"))
    } else {
        return styles.to_string();
    };
    format!("{}{patched}{}", &styles[..start], &styles[start + len..])
}

/// Gives the paragraphs of a part the ids `next`, `next + 1`, … in order (8 hex digits, as
/// Word writes them), so ids do not depend on what the thread built before.
pub fn renumber_paragraphs(xml: &str, next: &mut u32) -> String {
    const KEY: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(KEY) {
        let start = i + KEY.len();
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&format!("{:08X}", *next));
        *next += 1;
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}
