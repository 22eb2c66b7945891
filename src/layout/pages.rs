//! The laid-out pages: everything a renderer needs and nothing it may decide for itself.
//! The PDF writer and the SVG preview draw exactly these pieces, so what the officer sees on
//! screen is what prints. Serialisable, so the app can send it to the UI as JSON.
//!
//! Coordinates are points (1/72 inch) from the page's top-left corner; `y` of a text piece is
//! its baseline.

use serde::Serialize;

use super::fonts::FontFace;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pages {
    /// Page size in points (A4: 595.28 × 841.89).
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub texts: Vec<TextPiece>,
    pub rules: Vec<Rule>,
}

/// A run of text in one face and size, drawn from `(x, y)` rightwards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextPiece {
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    pub face: FontFace,
    pub size: f32,
    pub text: String,
    /// Extra points added after every space (U+0020) of `text` to justify the line; 0 when the
    /// line is not stretched. In SVG this is the `word-spacing` attribute; in PDF an offset
    /// after each space (word spacing `Tw` does not apply to two-byte fonts).
    pub word_spacing: f32,
    /// Advance of the whole piece in points, `word_spacing` included.
    pub width: f32,
}

/// A straight solid line (the short rules of the header and the title block).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    /// Stroke width in points.
    pub thickness: f32,
}

impl Page {
    /// The page's text in drawing order, one string per piece (for tests and debugging).
    pub fn text(&self) -> String {
        self.texts
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl TextPiece {
    /// Right end of the piece.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
}
