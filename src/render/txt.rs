//! Plain-text export: the document's text in reading order, one paragraph per line, so it can
//! be pasted into an e-mail or compared with `pdftotext`.

use crate::document::Document;

pub fn to_text(doc: &Document) -> String {
    let mut s = doc.plain_lines().join("\n");
    s.push('\n');
    s
}
