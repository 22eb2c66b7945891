//! From styled input text to measured words and gaps: the one place that decides which
//! characters are drawn (NFC, whitespace, characters the font lacks) and how wide they are.

use unicode_normalization::UnicodeNormalization;

use super::fonts::{char_units, has_glyph, FontFace};

/// A styled stretch of input text (one `Run` of a paragraph, or a whole header line).
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    pub text: &'a str,
    pub face: FontFace,
}

impl<'a> Span<'a> {
    pub fn new(text: &'a str, face: FontFace) -> Self {
        Span { text, face }
    }
}

/// Text of one face inside a line: part of a word, or the spaces between words.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Frag {
    pub face: FontFace,
    pub text: String,
    pub units: u32,
    /// Number of U+0020 in `text` (the places where justification adds room).
    pub spaces: u32,
}

/// A word or a gap, as a sequence of same-face fragments.
#[derive(Debug, Default)]
pub(super) struct Token {
    pub frags: Vec<Frag>,
    pub units: u32,
}

impl Token {
    pub fn push(&mut self, face: FontFace, c: char) {
        let u = char_units(face, c);
        self.units += u;
        match self.frags.last_mut() {
            Some(f) if f.face == face => {
                f.text.push(c);
                f.units += u;
                f.spaces += u32::from(c == ' ');
            }
            _ => self.frags.push(Frag {
                face,
                text: c.to_string(),
                units: u,
                spaces: u32::from(c == ' '),
            }),
        }
    }
}

/// Splits spans into alternating words and gaps. Tabs and line feeds count as spaces; other
/// control characters have no glyph and are dropped. Runs of spaces are kept as they are: the
/// header's "Số:      /KH-UBND" leaves room to write the number by hand.
pub(super) fn tokenize(spans: &[Span]) -> Vec<(bool, Token)> {
    let mut out: Vec<(bool, Token)> = Vec::new();
    for span in spans {
        // The tree is NFC already; normalising again is cheap and guarantees that a stray
        // decomposed letter is drawn from its precomposed glyph, never as a loose accent.
        for c in span.text.nfc() {
            let c = if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            };
            if c.is_control() {
                continue;
            }
            drawable(span.face, c, |c| {
                let is_gap = c == ' ';
                match out.last_mut() {
                    Some((gap, tok)) if *gap == is_gap => tok.push(span.face, c),
                    _ => {
                        let mut tok = Token::default();
                        tok.push(span.face, c);
                        out.push((is_gap, tok));
                    }
                }
            });
        }
    }
    out
}

/// What to draw for `c`: itself when the face has it; else its compatibility form when the
/// face has that (a full-width digit → the digit); else "?". A PDF cannot show a
/// glyph the font lacks, and a silent gap in an official document is worse than a visible
/// mark (the linter is where such characters get reported).
fn drawable(face: FontFace, c: char, mut emit: impl FnMut(char)) {
    if has_glyph(face, c) {
        return emit(c);
    }
    let compat: Vec<char> = std::iter::once(c).nfkc().collect();
    if compat != [c] && compat.iter().all(|&k| has_glyph(face, k)) {
        compat.into_iter().for_each(emit);
    } else {
        emit('?');
    }
}
