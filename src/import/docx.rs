//! A DOCX is a ZIP package; the text is in `word/document.xml`, the paragraph styles in
//! `word/styles.xml`. Only those two entries are read, by name, into memory, each through
//! a size limit: a ZIP bomb (a few KB that inflate to gigabytes) stops at the limit, and an
//! entry named `../../x` is never looked at — nothing is ever written to disk.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::{Error, Result};

/// More than any real plan's `document.xml` (a 30-page plan is about 300 KB).
pub const MAX_XML_BYTES: u64 = 50 * 1024 * 1024;
/// A Word file has a few dozen entries; thousands mean something else.
pub const MAX_ENTRIES: usize = 10_000;

fn not_docx(name: &str, why: &str) -> Error {
    Error::Invalid(format!(
        "Tệp {name} không phải tệp Word (.docx) hợp lệ ({why}). Hãy mở bằng Word và lưu lại dạng .docx, hoặc lưu thành .txt rồi nhập."
    ))
}

/// Reads the package and returns the Markdown-ish text of its body (see `wordml`).
pub fn text_of(name: &str, bytes: &[u8]) -> Result<String> {
    let mut zip =
        ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_docx(name, "không mở được gói ZIP"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(not_docx(name, "quá nhiều tệp bên trong"));
    }
    let document = read_entry(&mut zip, name, "word/document.xml")?
        .ok_or_else(|| not_docx(name, "thiếu phần nội dung word/document.xml"))?;
    // Styles only say which paragraphs are headings; a package without them still reads.
    let styles = read_entry(&mut zip, name, "word/styles.xml")
        .ok()
        .flatten()
        .unwrap_or_default();
    super::wordml::to_text(&document, &styles).map_err(|why| not_docx(name, &why))
}

/// One entry's bytes, at most `MAX_XML_BYTES`; `None` if the package has no such entry.
fn read_entry(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    entry: &str,
) -> Result<Option<Vec<u8>>> {
    let file = match zip.by_name(entry) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(not_docx(name, "gói ZIP bị hỏng")),
    };
    let mut out = Vec::new();
    // One byte more than allowed tells an entry at the limit from one above it.
    file.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|_| not_docx(name, "không giải nén được nội dung"))?;
    if out.len() as u64 > MAX_XML_BYTES {
        return Err(Error::Invalid(format!(
            "Tệp {name} có nội dung giải nén lớn bất thường (trên {} MB), có thể là tệp độc hại; Tre không mở tệp này.",
            MAX_XML_BYTES / (1024 * 1024)
        )));
    }
    Ok(Some(out))
}
