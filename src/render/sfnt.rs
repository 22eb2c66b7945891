//! Slims an embedded TrueType subset down to what a PDF reader draws with.
//!
//! printpdf's subsetter keeps the glyphs a document uses but also the font's hinting — the
//! `fpgm`/`prep`/`cvt ` programs and each glyph's instructions — and its `name` table. For
//! Liberation Serif that is more than half of every embedded font, and a PDF never needs it:
//! hinting only snaps outlines to the pixel grid of small screen text (poppler, pdf.js and
//! printers draw unhinted), and readers take a font's names from the PDF's font dictionary.
//! The tables kept are the ones ISO 32000 asks of an embedded TrueType program (`glyf`,
//! `loca`, `head`, `hhea`, `hmtx`, `maxp`) plus the small `cmap` and `post`; outlines,
//! advances and glyph ids are untouched, so the pages look and extract exactly as before.
//! Anything unexpected in the font returns `None` and the caller keeps the font as it was.

/// Tables a PDF reader never consults in an embedded TrueType program.
const DROPPED: [&[u8; 4]; 8] = [
    b"cvt ", b"fpgm", b"prep", b"name", b"hdmx", b"LTSH", b"VDMX", b"gasp",
];

/// The font without hinting and names, or `None` if it is not a TrueType font read here.
pub(crate) fn strip_hinting(font: &[u8]) -> Option<Vec<u8>> {
    let version = be32(font, 0)?;
    if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
        return None;
    }
    let count = usize::from(be16(font, 4)?);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = be32(font, record + 8)? as usize;
        let len = be32(font, record + 12)? as usize;
        let data = font.get(offset..offset.checked_add(len)?)?;
        tables.push((tag, data.to_vec()));
    }
    let find = |tag: &[u8; 4]| tables.iter().position(|(t, _)| t == tag);
    let (head, loca, glyf) = (find(b"head")?, find(b"loca")?, find(b"glyf")?);
    let long_loca = be16(&tables[head].1, 50)? != 0;
    let (new_loca, new_glyf) = strip_glyphs(&tables[loca].1, &tables[glyf].1, long_loca)?;
    tables[loca].1 = new_loca;
    tables[glyf].1 = new_glyf;
    tables.retain(|(tag, _)| !DROPPED.contains(&tag));
    tables.sort_by_key(|(tag, _)| *tag);
    Some(write_sfnt(version, &mut tables))
}

/// `glyf` with every glyph's instructions removed, and the `loca` that indexes it.
fn strip_glyphs(loca: &[u8], glyf: &[u8], long: bool) -> Option<(Vec<u8>, Vec<u8>)> {
    let step = if long { 4 } else { 2 };
    let offset = |i: usize| -> Option<usize> {
        if long {
            be32(loca, i * 4).map(|v| v as usize)
        } else {
            be16(loca, i * 2).map(|v| usize::from(v) * 2)
        }
    };
    let glyphs = (loca.len() / step).checked_sub(1)?;
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(loca.len());
    let push_offset = |out: &mut Vec<u8>, at: usize| -> Option<()> {
        if long {
            out.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        } else {
            out.extend_from_slice(&u16::try_from(at / 2).ok()?.to_be_bytes());
        }
        Some(())
    };
    for i in 0..glyphs {
        push_offset(&mut new_loca, new_glyf.len())?;
        let glyph = glyf.get(offset(i)?..offset(i + 1)?)?;
        if !glyph.is_empty() {
            new_glyf.extend_from_slice(&strip_glyph(glyph)?);
            if new_glyf.len() % 2 == 1 {
                new_glyf.push(0); // short `loca` counts in 2-byte words
            }
        }
    }
    push_offset(&mut new_loca, new_glyf.len())?;
    Some((new_loca, new_glyf))
}

/// One glyph without its instructions (a simple glyph's program, or a composite's trailing one).
fn strip_glyph(glyph: &[u8]) -> Option<Vec<u8>> {
    let contours = be16(glyph, 0)? as i16;
    if contours >= 0 {
        let at = 10 + 2 * usize::try_from(contours).ok()?;
        let len = usize::from(be16(glyph, at)?);
        let rest = glyph.get(at + 2 + len..)?;
        let mut out = Vec::with_capacity(at + 2 + rest.len());
        out.extend_from_slice(&glyph[..at]);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // Composite: walk the components, clear WE_HAVE_INSTRUCTIONS, cut what follows the last.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_2X2: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = glyph.to_vec();
    let mut at = 10;
    loop {
        let flags = be16(glyph, at)?;
        out[at..at + 2].copy_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        let args = if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        let scale = if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_XY_SCALE != 0 {
            4
        } else if flags & HAVE_2X2 != 0 {
            8
        } else {
            0
        };
        at += 4 + args + scale;
        if at > glyph.len() {
            return None;
        }
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    out.truncate(at);
    Some(out)
}

/// Writes the tables (sorted by tag) as an sfnt with correct checksums.
fn write_sfnt(version: u32, tables: &mut [([u8; 4], Vec<u8>)]) -> Vec<u8> {
    // head.checkSumAdjustment is summed as zero, then set so the whole file sums to B1B0AFBA.
    let head = tables.iter().position(|(t, _)| t == b"head");
    if let Some(h) = head {
        tables[h].1[8..12].fill(0);
    }
    let count = tables.len() as u16;
    let pow = 1u16 << (15 - count.max(1).leading_zeros()); // largest power of two ≤ count
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(pow * 16).to_be_bytes());
    out.extend_from_slice(&(pow.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&((count - pow) * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables.iter() {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    let mut head_at = None;
    for (tag, data) in tables.iter() {
        if tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

/// The sfnt checksum: the sum of big-endian u32 words, the last one zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::FontFace;

    #[test]
    fn a_whole_face_keeps_its_glyphs_and_loses_its_hinting() {
        for face in FontFace::ALL {
            let before = ttf_parser::Face::parse(face.bytes(), 0).unwrap();
            let slim = strip_hinting(face.bytes()).expect("Liberation Serif is TrueType");
            assert!(slim.len() < face.bytes().len(), "{face:?} did not shrink");
            let after = ttf_parser::Face::parse(&slim, 0).unwrap();
            assert_eq!(after.number_of_glyphs(), before.number_of_glyphs());
            let raw = after.raw_face();
            for tag in DROPPED {
                let tag = ttf_parser::Tag::from_bytes(tag);
                assert!(raw.table(tag).is_none(), "{face:?} still has {tag}");
            }
            for c in "AaĐđẮặỡỰự“”–… ".chars() {
                assert_eq!(after.glyph_index(c), before.glyph_index(c));
            }
            // Same outlines and advances, glyph by glyph (composites included: Vietnamese
            // letters with stacked marks are built from components).
            for g in (0..before.number_of_glyphs()).map(ttf_parser::GlyphId) {
                assert_eq!(after.glyph_hor_advance(g), before.glyph_hor_advance(g));
                assert_eq!(outline(&after, g), outline(&before, g), "{face:?} {g:?}");
            }
            assert_eq!(checksum(&slim), 0xB1B0_AFBA, "whole-file checksum");
        }
    }

    /// The drawing commands of a glyph, as text.
    fn outline(face: &ttf_parser::Face, g: ttf_parser::GlyphId) -> String {
        struct Pen(String);
        impl ttf_parser::OutlineBuilder for Pen {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("M{x},{y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("L{x},{y}");
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0 += &format!("Q{a},{b},{x},{y}");
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0 += &format!("C{a},{b},{c},{d},{x},{y}");
            }
            fn close(&mut self) {
                self.0 += "Z";
            }
        }
        let mut pen = Pen(String::new());
        face.outline_glyph(g, &mut pen);
        pen.0
    }

    #[test]
    fn what_is_not_truetype_is_left_alone() {
        assert_eq!(strip_hinting(b"OTTO and then some bytes"), None);
        assert_eq!(strip_hinting(&[]), None);
        let mut cut = FontFace::Regular.bytes().to_vec();
        cut.truncate(4000);
        assert_eq!(strip_hinting(&cut), None);
    }
}
