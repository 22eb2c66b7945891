//! The four faces of Liberation Serif (Times New Roman metrics, full Vietnamese), compiled into
//! the binary, and the one source of glyph widths that layout, the PDF writer and the SVG
//! preview all share.
//!
//! Widths are read with `ttf-parser` and quantised to thousandths of an em, truncating, exactly
//! as printpdf writes a font's `/W` widths into the PDF. A PDF viewer advances the pen by those
//! `/W` numbers, so measuring with the same numbers here makes the printed line end exactly
//! where layout put it (a justified line meets the right margin to the hundredth of a point).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use serde::Serialize;

/// One face of the document font. Text pieces carry it, renderers map it to their font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FontFace {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontFace {
    pub const ALL: [FontFace; 4] = [
        FontFace::Regular,
        FontFace::Bold,
        FontFace::Italic,
        FontFace::BoldItalic,
    ];

    pub fn from_style(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => FontFace::Regular,
            (true, false) => FontFace::Bold,
            (false, true) => FontFace::Italic,
            (true, true) => FontFace::BoldItalic,
        }
    }

    pub fn is_bold(self) -> bool {
        matches!(self, FontFace::Bold | FontFace::BoldItalic)
    }

    pub fn is_italic(self) -> bool {
        matches!(self, FontFace::Italic | FontFace::BoldItalic)
    }

    /// The TrueType file of this face (to embed it in a PDF or serve it to the preview).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontFace::Regular => REGULAR,
            FontFace::Bold => BOLD,
            FontFace::Italic => ITALIC,
            FontFace::BoldItalic => BOLD_ITALIC,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf");

/// A parsed face plus what layout asks of it most.
struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

/// Each face is parsed once per process, the first time it is measured (a document without
/// bold italic never parses it); parsing only reads table offsets, so this is cheap.
fn metrics(face: FontFace) -> &'static Metrics {
    static FACES: [OnceLock<Metrics>; 4] = [const { OnceLock::new() }; 4];
    FACES[face.index()].get_or_init(|| {
        // The files are ours and compiled in: a parse failure is a build defect that the unit
        // tests catch, not a user error.
        let parsed = ttf_parser::Face::parse(face.bytes(), 0)
            .expect("bundled Liberation Serif face must parse");
        let units_per_em = f32::from(parsed.units_per_em());
        Metrics {
            face: parsed,
            units_per_em,
        }
    })
}

/// What layout asks of a character, remembered per face for the characters a Vietnamese
/// text is made of (up to the end of General Punctuation, U+206F): whether the face has a
/// glyph and its advance. Layout asks for each character of every word several times, and a
/// lookup in the font's `cmap` is a binary search each time. 0 means not asked yet; otherwise
/// bit 31 is set, bit 30 says the face has the glyph, the low 16 bits are the advance in
/// thousandths of an em. Zero-initialised statics cost nothing until a page of them is used.
const CACHED: usize = 0x2070;
static GLYPHS: [[AtomicU32; CACHED]; 4] = [const { [const { AtomicU32::new(0) }; CACHED] }; 4];

fn cached(face: FontFace, c: char) -> (bool, u32) {
    let Some(slot) = GLYPHS[face.index()].get(c as usize) else {
        let m = metrics(face);
        return (m.face.glyph_index(c).is_some(), units_of(m, c));
    };
    let v = slot.load(Ordering::Relaxed);
    if v != 0 {
        return (v & 1 << 30 != 0, v & 0xFFFF);
    }
    let m = metrics(face);
    let (has, units) = (m.face.glyph_index(c).is_some(), units_of(m, c).min(0xFFFF));
    slot.store(1 << 31 | u32::from(has) << 30 | units, Ordering::Relaxed);
    (has, units)
}

fn units_of(m: &Metrics, c: char) -> u32 {
    // A character the font lacks is drawn as glyph 0 (.notdef) by printpdf: measure that.
    let gid = m.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    let advance = m.face.glyph_hor_advance(gid).unwrap_or(0);
    // Same expression (f32, truncating) as printpdf's `get_scaled_glyph_width`.
    (f32::from(advance) * 1000.0 / m.units_per_em) as u32
}

/// Advance of `c` in thousandths of an em.
pub fn char_units(face: FontFace, c: char) -> u32 {
    cached(face, c).1
}

/// Advance of `text` in thousandths of an em (no kerning: the PDF applies none either).
pub fn text_units(face: FontFace, text: &str) -> u32 {
    text.chars().map(|c| char_units(face, c)).sum()
}

/// Converts thousandths of an em at `size` points into points.
pub fn units_to_pt(units: u32, size: f32) -> f32 {
    units as f32 * size / 1000.0
}

/// Width of `text` in points at `size`.
pub fn text_width(face: FontFace, text: &str, size: f32) -> f32 {
    units_to_pt(text_units(face, text), size)
}

/// Distance from the top of a line box to the baseline, in points: the font's ascender, so
/// lines stack the way a word processor stacks "single" lines of Times New Roman.
pub fn ascent(size: f32) -> f32 {
    let m = metrics(FontFace::Regular);
    f32::from(m.face.ascender()) / m.units_per_em * size
}

/// The glyph `face` draws `c` with; `None` when it has none (.notdef is drawn).
pub fn glyph_id(face: FontFace, c: char) -> Option<u16> {
    metrics(face).face.glyph_index(c).map(|g| g.0)
}

/// Whether the face has a real glyph for `c` (tests use it to prove Vietnamese coverage).
pub fn has_glyph(face: FontFace, c: char) -> bool {
    cached(face, c).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_parse_and_cover_vietnamese() {
        for f in FontFace::ALL {
            for c in "ẮẰẲẴẶắằẳẵặĐđƠơƯưỰựỹỸẠạỆệỘộ“”–…".chars()
            {
                assert!(has_glyph(f, c), "{f:?} lacks {c}");
            }
        }
    }

    #[test]
    fn times_metrics() {
        // Times New Roman: space 250/1000 em, "M" 889/1000 em.
        assert_eq!(char_units(FontFace::Regular, ' '), 250);
        assert_eq!(char_units(FontFace::Regular, 'M'), 889);
        assert!(
            text_width(FontFace::Bold, "ABC", 14.0) > text_width(FontFace::Regular, "ABC", 14.0)
        );
        let a = ascent(14.0);
        assert!(a > 12.0 && a < 13.0, "{a}");
    }
}
