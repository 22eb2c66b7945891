//! WordprocessingML to the Markdown-ish text `lines` reads, so a DOCX and a text file go
//! through the same rules. Each `w:p` (also inside table cells, in reading order: the
//! header and signature tables of our own export come out as the seeds' lines) becomes a
//! paragraph; `w:t` is text, `w:tab` a tab (what separates header columns), `w:br` a line
//! break. A heading style or outline level becomes `## `; bold runs become `**…**`, so an
//! inline heading (`**1. Mục đích:** Duy trì …`) reads as in a text file. Deleted text
//! (tracked changes), field codes and fallback copies of drawings are skipped.
//!
//! When the document uses heading styles, they are its structure: a body paragraph that
//! starts with "1." is then a numbered paragraph, and its label is escaped (`1\.`) so the
//! text rules do not read it as a heading. Names are matched with the `w:` prefix that
//! Word, LibreOffice, python-docx and docx-rs all write.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Debug, Default, Clone, Copy)]
struct StyleInfo {
    heading: bool,
    bold: bool,
}

#[derive(Debug, Default)]
struct Paragraph {
    /// Text pieces and whether each is bold.
    runs: Vec<(String, bool)>,
    style: Option<String>,
    outline: bool,
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// `<w:b/>` is on; `<w:b w:val="0"/>` (or false, off) is off.
fn is_on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"w:val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Paragraph styles: which are headings, which are bold (following `basedOn`).
fn styles(xml: &[u8]) -> HashMap<String, StyleInfo> {
    let mut own: HashMap<String, (StyleInfo, Option<String>)> = HashMap::new();
    let mut reader = Reader::from_reader(xml);
    let mut current: Option<(String, StyleInfo, Option<String>)> = None;
    let mut in_rpr = false;
    loop {
        let (e, start) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    b"w:style" => {
                        if let Some((id, info, based)) = current.take() {
                            own.insert(id, (info, based));
                        }
                    }
                    b"w:rPr" => in_rpr = false,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.name().as_ref() {
            b"w:style" if start => {
                current = attr(&e, b"w:styleId").map(|id| (id, StyleInfo::default(), None));
            }
            b"w:rPr" if start => in_rpr = true,
            b"w:name" => {
                if let (Some(c), Some(n)) = (current.as_mut(), attr(&e, b"w:val")) {
                    let n = n.to_lowercase();
                    c.1.heading |= n.starts_with("heading") || n == "title";
                }
            }
            b"w:outlineLvl" => {
                if let (Some(c), Some(v)) = (current.as_mut(), attr(&e, b"w:val")) {
                    c.1.heading |= v.parse::<u8>().is_ok_and(|v| v < 9);
                }
            }
            b"w:basedOn" => {
                if let Some(c) = current.as_mut() {
                    c.2 = attr(&e, b"w:val");
                }
            }
            b"w:b" if in_rpr => {
                if let Some(c) = current.as_mut() {
                    c.1.bold = is_on(&e);
                }
            }
            _ => {}
        }
    }
    // Resolve inheritance; a bounded walk, so a cycle in a broken file cannot hang us.
    let mut out = HashMap::new();
    for (id, (info, based)) in &own {
        let mut info = *info;
        let mut next = based.clone();
        for _ in 0..16 {
            let Some((parent, up)) = next.as_ref().and_then(|b| own.get(b)) else {
                break;
            };
            info.heading |= parent.heading;
            info.bold |= parent.bold;
            next = up.clone();
        }
        out.insert(id.clone(), info);
    }
    out
}

/// Reads `document.xml` (with `styles.xml` for heading styles) into text; `Err` says why
/// the XML could not be read.
pub fn to_text(document: &[u8], styles_xml: &[u8]) -> Result<String, String> {
    let styles = styles(styles_xml);
    let paragraphs = paragraphs(document)?;
    let style_of = |p: &Paragraph| {
        p.style
            .as_ref()
            .and_then(|s| styles.get(s))
            .copied()
            .unwrap_or_default()
    };
    let is_heading = |p: &Paragraph| p.outline || style_of(p).heading;
    let uses_headings = paragraphs
        .iter()
        .any(|p| is_heading(p) && p.runs.iter().any(|(t, _)| !t.trim().is_empty()));
    let mut out = String::new();
    for p in &paragraphs {
        let bold_style = style_of(p).bold;
        out.push_str(&render(p, is_heading(p), bold_style, uses_headings));
        out.push_str("\n\n");
    }
    Ok(out)
}

/// Escapes what `lines` would read as marks.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('*', "\\*")
}

fn render(p: &Paragraph, heading: bool, bold_style: bool, uses_headings: bool) -> String {
    let plain: String = p.runs.iter().map(|(t, _)| t.as_str()).collect();
    if plain.trim().is_empty() {
        return String::new();
    }
    if heading {
        return format!("## {}", escape(&plain.replace('\n', " ")));
    }
    // Adjacent runs of the same weight merge; the marks hug the text, spaces stay outside.
    let mut merged: Vec<(String, bool)> = Vec::new();
    for (t, bold) in &p.runs {
        let bold = *bold || bold_style;
        match merged.last_mut() {
            Some((prev, b)) if *b == bold => prev.push_str(t),
            _ => merged.push((t.clone(), bold)),
        }
    }
    let starts_bold = merged
        .iter()
        .find(|(t, _)| !t.trim().is_empty())
        .is_some_and(|(_, b)| *b);
    let mut out = String::new();
    for (t, bold) in &merged {
        let trimmed = t.trim();
        if *bold && !trimmed.is_empty() {
            let lead = &t[..t.len() - t.trim_start().len()];
            let trail = &t[t.trim_end().len()..];
            out.push_str(lead);
            out.push_str("**");
            out.push_str(&escape(trimmed));
            out.push_str("**");
            out.push_str(trail);
        } else {
            out.push_str(&escape(t));
        }
    }
    if uses_headings && !starts_bold {
        out = escape_label(&out);
    }
    out
}

/// "1. Triển khai …" → "1\. Triển khai …": a numbered paragraph, not a heading.
fn escape_label(text: &str) -> String {
    let lead = text.len() - text.trim_start().len();
    let body = &text[lead..];
    if let Some((label, _, _)) = super::sections::split_label(body) {
        let at = label.len();
        if body[at..].starts_with(['.', ')']) {
            return format!("{}{}\\{}", &text[..lead], &body[..at], &body[at..]);
        }
    }
    text.to_string()
}

/// Every `w:p` in document order with its runs.
fn paragraphs(xml: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut done: Vec<Paragraph> = Vec::new();
    // Paragraphs can nest (a text box inside a run): the innermost gets the text, and each
    // keeps the place where it started, so the outer one reads first.
    let mut open: Vec<(usize, Paragraph)> = Vec::new();
    let (mut in_ppr, mut in_rpr, mut in_run, mut in_t) = (false, false, false, false);
    let mut run_bold: Option<bool> = None;
    let mut skip = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("nội dung XML bị hỏng: {e}"))?;
        if skip > 0 {
            match event {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        // Runs of the same weight are merged as they come: a file of tiny runs must not
        // turn into millions of strings.
        let push = |open: &mut Vec<(usize, Paragraph)>, text: &str, bold: bool| {
            if let Some((_, p)) = open.last_mut() {
                match p.runs.last_mut() {
                    Some((t, b)) if *b == bold => t.push_str(text),
                    _ => p.runs.push((text.to_string(), bold)),
                }
            }
        };
        let bold = run_bold.unwrap_or(false);
        match event {
            Event::Start(e) => match e.name().as_ref() {
                b"w:del" | b"w:delText" | b"w:instrText" | b"mc:Fallback" => skip = 1,
                b"w:p" => {
                    open.push((done.len(), Paragraph::default()));
                    done.push(Paragraph::default());
                }
                b"w:pPr" => in_ppr = true,
                b"w:rPr" => in_rpr = true,
                b"w:r" => {
                    in_run = true;
                    run_bold = None;
                }
                b"w:t" => in_t = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                // An empty paragraph only separates others, as a blank line would.
                b"w:p" => {}
                b"w:pStyle" if in_ppr && !in_rpr => {
                    if let Some((_, p)) = open.last_mut() {
                        p.style = attr(&e, b"w:val");
                    }
                }
                b"w:outlineLvl" if in_ppr && !in_rpr => {
                    if let Some((_, p)) = open.last_mut() {
                        p.outline = attr(&e, b"w:val")
                            .and_then(|v| v.parse::<u8>().ok())
                            .is_some_and(|v| v < 9);
                    }
                }
                b"w:b" if in_rpr && in_run && !in_ppr => run_bold = Some(is_on(&e)),
                b"w:tab" if in_run && !in_ppr => push(&mut open, "\t", bold),
                b"w:br" | b"w:cr" if in_run => push(&mut open, "\n", bold),
                b"w:noBreakHyphen" if in_run => push(&mut open, "-", bold),
                _ => {}
            },
            Event::Text(t) if in_t => {
                let s = t
                    .decode()
                    .map_err(|e| format!("mã ký tự không đọc được: {e}"))?;
                push(&mut open, &s, bold);
            }
            Event::CData(t) if in_t => {
                push(&mut open, &String::from_utf8_lossy(&t), bold);
            }
            Event::GeneralRef(r) if in_t => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => r.decode().ok().and_then(|name| entity(&name)),
                };
                if let Some(c) = c {
                    push(&mut open, c.encode_utf8(&mut [0; 4]), bold);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:r" => in_run = false,
                b"w:rPr" => in_rpr = false,
                b"w:pPr" => in_ppr = false,
                b"w:p" => {
                    if let Some((at, p)) = open.pop() {
                        if p.runs.is_empty() && at + 1 == done.len() {
                            done.pop();
                        } else {
                            done[at] = p;
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> Vec<u8> {
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
            .into_bytes()
    }

    #[test]
    fn runs_marks_and_tables() {
        let body = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>Quan Sơn, ngày 05 tháng 4 năm 2026</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">1. Mục đích: </w:t></w:r>
            <w:r><w:t>Duy trì &amp; giữ</w:t></w:r><w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del></w:p>
            <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>KT. CHỦ TỊCH</w:t><w:br/><w:t>PHÓ CHỦ TỊCH</w:t></w:r></w:p>"#;
        let text = to_text(&doc(body), b"").unwrap();
        assert_eq!(
            text,
            "Số: 12/KH-UBND\n\nQuan Sơn, ngày 05 tháng 4 năm 2026\n\n**1. Mục đích:** Duy trì & giữ\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
        );
    }

    #[test]
    fn heading_styles_make_numbered_body_paragraphs_literal() {
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/></w:style></w:styles>"#
        );
        let body = r#"<w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr><w:r><w:t>1. Mục đích</w:t></w:r></w:p>
            <w:p><w:r><w:t>1. Triển khai *thực* hiện.</w:t></w:r></w:p>"#;
        let text = to_text(&doc(body), styles.as_bytes()).unwrap();
        assert_eq!(
            text,
            "## 1. Mục đích\n\n1\\. Triển khai \\*thực\\* hiện.\n\n"
        );
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(to_text(b"<w:document><w:body><w:p><w:r><w:t>x</w:p>", b"").is_err());
    }
}
