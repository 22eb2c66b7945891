//! PDF backend: draws the pages that `layout` placed, and nothing else.
//!
//! printpdf 0.12 is used as a low-level writer (docs/notes.md): every piece is put at an absolute
//! position with a text matrix (`Tm`), justification is written as an offset after each space
//! (`Tw` has no effect on two-byte fonts), and the Liberation Serif faces in use are embedded
//! once each, shared by every page, as subsets without hinting (`sfnt`), in compressed streams. The output is deterministic: printpdf's random font ids and document ID are
//! replaced by values derived from the content, and the dates come from `SOURCE_DATE_EPOCH`
//! when it is set, so the same document gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem, TextMatrix,
};

use crate::document::{Document, Meta};
use crate::error::{Error, Result};
use crate::layout::{self, FontFace, Pages};

/// Lays `doc` out and writes it as a PDF.
pub fn write_pdf(doc: &Document) -> Result<Vec<u8>> {
    render_pages(&layout::layout_document(doc), &doc.meta)
}

/// Writes already laid-out pages as a PDF with `meta` as title and author.
pub fn render_pages(pages: &Pages, meta: &Meta) -> Result<Vec<u8>> {
    let used = used_chars(pages);
    let ids = font_ids(&used);
    let mut pdf = PdfDocument::new(&meta.title);
    for (face, id) in &ids {
        let font = super::face_subset::parsed_subset(*face, &used[face])?;
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(font));
    }
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone();
    info.creator = "Tre".into();
    info.producer = "Tre (printpdf 0.12)".into();
    let date = document_date();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let (w, h) = (Mm::from(Pt(pages.width)), Mm::from(Pt(pages.height)));
    pdf.pages = pages
        .pages
        .iter()
        .map(|p| PdfPage::new(w, h, page_ops(p, pages.height, &ids)))
        .collect();

    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    // What `PdfDocument::save` does (build, compress, write), with the fonts slimmed between
    // and the streams compressed by `compress_streams`.
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    slim_fonts(&mut lo);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    if lo.save_to(&mut bytes).is_err() || bytes.is_empty() {
        return Err(Error::Render("thư viện PDF không trả về dữ liệu".into()));
    }
    fix_document_id(&mut bytes);
    drop_pdfx_claim(&mut bytes);
    Ok(bytes)
}

/// Drops hinting and names from each embedded TrueType program (see `sfnt`), before the
/// streams are compressed. A font the slimmer does not understand is kept whole.
fn slim_fonts(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        // `/Length1` marks a `/FontFile2` program; no `/Filter` yet means its bytes are plain.
        if !stream.dict.has(b"Length1") || stream.dict.has(b"Filter") {
            continue;
        }
        if let Some(slim) = super::sfnt::strip_hinting(&stream.content) {
            stream.dict.set("Length1", slim.len() as i64);
            stream.set_content(slim);
        }
    }
}

/// Flate-compresses every stream that allows it, as lopdf's `Document::compress` does, but
/// with one compressor reset between streams: lopdf makes a new one for each of the twenty-odd
/// streams, and each fresh window and hash table is memory the kernel must hand over page by
/// page. zlib's default level gives these streams the same size as its best, within a few
/// dozen bytes, for far less searching.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut z = flate2::Compress::new(flate2::Compression::default(), true);
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        z.reset();
        let mut out = Vec::with_capacity(stream.content.len() / 2 + 64);
        let done = loop {
            let read = z.total_in() as usize;
            match z.compress_vec(
                &stream.content[read..],
                &mut out,
                flate2::FlushCompress::Finish,
            ) {
                Ok(flate2::Status::StreamEnd) => break true,
                Ok(_) => out.reserve(out.capacity().max(1024)),
                Err(_) => break false,
            }
        };
        // Same rule as lopdf: keep the plain bytes unless compression saves something.
        if done && out.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(out);
        }
    }
}

/// The content stream of one page: all text in one text object, then the rules.
fn page_ops(page: &layout::Page, height: f32, ids: &BTreeMap<FontFace, FontId>) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    let mut current: Option<(FontFace, f32)> = None;
    for t in &page.texts {
        let Some(id) = ids.get(&t.face) else { continue };
        if current != Some((t.face, t.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(t.size),
            });
            current = Some((t.face, t.size));
        }
        // Absolute position (PDF origin is bottom-left); `Td` would be relative.
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(t.x), Pt(height - t.y)),
        });
        ops.push(Op::ShowText {
            items: text_items(&t.text, t.word_spacing, t.size),
        });
    }
    ops.push(Op::EndTextSection);
    if !page.rules.is_empty() {
        ops.push(Op::SetOutlineColor {
            col: Color::Rgb(Rgb {
                r: 0.0,
                g: 0.0,
                b: 0.0,
                icc_profile: None,
            }),
        });
        for r in &page.rules {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(r.thickness),
            });
            let point = |x: f32, y: f32| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(height - y),
                },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(r.x1, r.y1), point(r.x2, r.y2)],
                    is_closed: false,
                },
            });
        }
    }
    ops
}

/// Splits `text` after each space and puts the justification room there as a `TJ` offset
/// (in thousandths of an em; negative moves right, positive narrows a tightened line's gaps).
fn text_items(text: &str, word_spacing: f32, size: f32) -> Vec<TextItem> {
    // A no-break space is drawn with the space glyph, so it must be written as one: the
    // ToUnicode map can give only one character back per glyph. It takes no justification
    // room (layout counted only the ordinary spaces), so the split comes first.
    let nbsp = |t: &str| t.replace('\u{a0}', " ");
    if word_spacing == 0.0 || size <= 0.0 {
        return vec![TextItem::Text(nbsp(text))];
    }
    let offset = -word_spacing * 1000.0 / size;
    let mut items = Vec::new();
    for part in text.split_inclusive(' ') {
        items.push(TextItem::Text(nbsp(part)));
        if part.ends_with(' ') {
            items.push(TextItem::Offset(offset));
        }
    }
    items
}

/// One font resource per face in use, named by a tag derived from the characters drawn in
/// it. The first six letters are the subset tag (`ABCDEF+LiberationSerif`): derived from the
/// content, it is stable for the same document and differs for different subsets.
fn font_ids(used: &BTreeMap<FontFace, BTreeSet<char>>) -> BTreeMap<FontFace, FontId> {
    let mut taken = BTreeSet::new();
    used.iter()
        .map(|(face, chars)| {
            let mut h = Fnv::new();
            h.write(&[*face as u8]);
            for &c in chars {
                h.write(&u32::from(c).to_le_bytes());
            }
            let mut tag = letters(h.finish(), 6);
            while !taken.insert(tag.clone()) {
                h.write(b"+");
                tag = letters(h.finish(), 6);
            }
            (*face, FontId(tag))
        })
        .collect()
}

/// The characters drawn in each face. A no-break space is drawn as a space (`text_items`).
fn used_chars(pages: &Pages) -> BTreeMap<FontFace, BTreeSet<char>> {
    let mut used: BTreeMap<FontFace, BTreeSet<char>> = BTreeMap::new();
    for t in pages.pages.iter().flat_map(|p| &p.texts) {
        let chars = t.text.chars().map(|c| if c == '\u{a0}' { ' ' } else { c });
        used.entry(t.face).or_default().extend(chars);
    }
    used
}

/// `SOURCE_DATE_EPOCH` (reproducible builds convention) if set, otherwise now.
fn document_date() -> printpdf::OffsetDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| printpdf::OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or_else(printpdf::OffsetDateTime::now_utc)
}

/// printpdf writes a random document `/ID` in the trailer. Replace both strings, in place and
/// with the same length (the trailer follows the cross-reference table, so no offset moves),
/// by a hash of everything before the trailer.
fn fix_document_id(bytes: &mut [u8]) {
    let Some(trailer) = find_last(bytes, b"trailer") else {
        return;
    };
    let Some(rel) = find_last(&bytes[trailer..], b"/ID") else {
        return;
    };
    let mut h = Fnv::new();
    h.write(&bytes[..trailer]);
    let id = letters(h.finish(), 16);
    let mut i = trailer + rel + 3;
    let mut replaced = 0;
    while i < bytes.len() && replaced < 2 {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|&b| b == b')') else {
                return;
            };
            for (k, b) in bytes[start..start + len].iter_mut().enumerate() {
                *b = id.as_bytes()[k % id.len()];
            }
            replaced += 1;
            i = start + len;
        } else if bytes[i] == b']' {
            break;
        }
        i += 1;
    }
}

/// printpdf writes an empty `/GTS_PDFXVersion` into the document information, which readers
/// take as a claim of PDF/X (print-shop) conformance that the file does not meet. Blank the
/// entry out with spaces: same length, so every offset stays valid.
fn drop_pdfx_claim(bytes: &mut [u8]) {
    const KEY: &[u8] = b"/GTS_PDFXVersion()";
    if let Some(at) = find_last(bytes, KEY) {
        bytes[at..at + KEY.len()].fill(b' ');
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// 64-bit FNV-1a: a tiny, stable hash for names (not for security).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, data: &[u8]) {
        for b in data {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `n` uppercase letters from a hash.
fn letters(mut v: u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v = (v / 26) ^ v.rotate_left(17);
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn justification_goes_after_each_space() {
        let items = text_items("a b  c", 2.8, 14.0);
        assert_eq!(items.len(), 7);
        assert_eq!(items[0], TextItem::Text("a ".into()));
        assert_eq!(items[1], TextItem::Offset(-200.0));
        assert_eq!(items[6], TextItem::Text("c".into()));
        assert_eq!(
            text_items("x\u{a0}y", 0.0, 14.0),
            vec![TextItem::Text("x y".into())]
        );
        // A no-break space gets no justification room: layout did not count it.
        assert_eq!(
            text_items("a b\u{a0}c", 2.8, 14.0),
            vec![
                TextItem::Text("a ".into()),
                TextItem::Offset(-200.0),
                TextItem::Text("b c".into())
            ]
        );
    }

    #[test]
    fn tags_are_six_letters_and_distinct() {
        let pages = layout::layout_document(&crate::layout::tests::sample_document());
        let ids = font_ids(&used_chars(&pages));
        assert_eq!(ids.len(), 4);
        for id in ids.values() {
            assert_eq!(id.0.len(), 6);
            assert!(id.0.bytes().all(|b| b.is_ascii_uppercase()));
        }
    }

    #[test]
    fn empty_document_writes() {
        let mut doc = crate::layout::tests::sample_document();
        doc.body.clear();
        doc.header.authority.clear();
        doc.subject.clear();
        doc.type_name.clear();
        doc.recipients.clear();
        doc.signature = Default::default();
        doc.header.number_line.clear();
        doc.header.place_date.clear();
        let bytes = write_pdf(&doc).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
    }
}
