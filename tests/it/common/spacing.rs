//! How even the spacing of justified text is, measured on the printed PDF as a reader sees
//! it: word boxes from `pdftotext -bbox-layout`, put back into lines by baseline, and the gap
//! between neighbouring words in units of a normal space at the line's font size.
//!
//! Only lines that justification set count: they start at the left margin (or at the
//! first-line indent) and end at the right margin. Last lines of paragraphs (ragged), centred
//! lines and the header's and closing block's two columns (a gap of many spaces between them)
//! are left out, and so are table cells, which never span the text width. A heading is a
//! ragged last line too unless it wraps; the word boxes do not tell faces apart, so the lines
//! of a heading long enough to wrap (none in the demo plans) would count like any other.

use std::path::Path;
use std::process::Command;

use regex_lite::Regex;
use tre::document::style;

/// Points per millimetre.
const PT_PER_MM: f64 = 72.0 / 25.4;
/// How far a line's ends may be from the margin or indent and still "reach" it, in points.
/// Tre's lines end on the margin to the hundredth of a point; LibreOffice rounds positions
/// (its lines start at 85.2 pt for a margin at 85.04) and its italic lines stop up to 2 pt
/// short. A ragged last line that ends this close to the margin is full anyway.
const EDGE: f64 = 2.0;
/// A gap wider than this many spaces separates two columns, not two words of one line.
const COLUMN_GAP: f64 = 5.0;
/// A gap narrower than this many spaces is a change of face inside a word ("2026" bold and
/// "." regular are two boxes for poppler), not a space.
const NOT_A_SPACE: f64 = 0.3;
/// Width of the space in Times New Roman / Liberation Serif, in ems (all four faces).
const SPACE_EM: f64 = 0.25;

#[derive(Debug, Clone, Copy)]
struct WordBox {
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

/// What a file's justified lines measure.
#[derive(Debug, Default, Clone)]
pub struct Spacing {
    /// Every gap between words of a justified line, in normal spaces.
    pub gaps: Vec<f64>,
    /// Number of justified lines found.
    pub lines: usize,
    /// Rightmost end of any word, in points from the left edge of its page.
    pub max_right: f64,
}

impl Spacing {
    pub fn extend(&mut self, other: &Spacing) {
        self.gaps.extend(&other.gaps);
        self.lines += other.lines;
        self.max_right = self.max_right.max(other.max_right);
    }

    /// The `q`-quantile of the gaps (nearest rank), e.g. 0.95.
    pub fn quantile(&self, q: f64) -> f64 {
        assert!(!self.gaps.is_empty(), "no justified line measured");
        let mut g = self.gaps.clone();
        g.sort_by(f64::total_cmp);
        let rank = ((q * g.len() as f64).ceil() as usize).clamp(1, g.len());
        g[rank - 1]
    }

    pub fn max(&self) -> f64 {
        self.gaps.iter().copied().fold(0.0, f64::max)
    }
}

/// Left margin, first-line indent and right margin of an A4 page of Nghị định 30, in points.
pub fn text_frame() -> (f64, f64, f64) {
    let mm = |v: f32| f64::from(v) * PT_PER_MM;
    let left = mm(style::MARGIN_LEFT_MM);
    let right = mm(style::PAGE_WIDTH_MM) - mm(style::MARGIN_RIGHT_MM);
    (left, left + mm(style::FIRST_LINE_INDENT_MM), right)
}

/// Measures the justified lines of `pdf`.
pub fn measure_pdf(pdf: &Path) -> Spacing {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: run `bash scripts/setup.sh`");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    measure_bbox(&String::from_utf8(out.stdout).unwrap())
}

/// Measures the justified lines of `pdftotext -bbox-layout` output.
pub fn measure_bbox(xhtml: &str) -> Spacing {
    let word =
        Regex::new(r#"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">"#)
            .unwrap();
    let mut spacing = Spacing::default();
    let mut pages = Vec::new();
    for page in xhtml.split("<page ").skip(1) {
        let boxes: Vec<WordBox> = word
            .captures_iter(page)
            .map(|c| {
                let v = |i: usize| c[i].parse::<f64>().unwrap();
                WordBox {
                    x_min: v(1),
                    y_min: v(2),
                    x_max: v(3),
                    y_max: v(4),
                }
            })
            .collect();
        pages.push(lines(boxes));
    }
    let box_em = box_height_em(pages.iter().flatten());
    for line in pages.iter().flatten() {
        spacing.max_right = spacing.max_right.max(line.last().unwrap().x_max);
        if let Some(gaps) = justified_gaps(line, box_em) {
            spacing.lines += 1;
            spacing.gaps.extend(gaps);
        }
    }
    spacing
}

/// Height of a word box in ems of its font size. Poppler draws a box from the ascent to the
/// descent the PDF declares for its font, which differs between producers (Tre's 1.107 em,
/// LibreOffice's 1.3 em for the same Liberation Serif), so it is read from the file itself:
/// on lines that were not stretched (ragged last lines, headings, the header), neighbouring
/// words are one space apart, and a space is a quarter of an em. The most common ratio wins.
fn box_height_em<'a>(lines: impl Iterator<Item = &'a Vec<WordBox>>) -> f64 {
    let (_, _, right) = text_frame();
    let mut ratios = Vec::new();
    for line in lines.filter(|l| (l.last().unwrap().x_max - right).abs() > EDGE) {
        for w in line.windows(2) {
            let gap = w[1].x_min - w[0].x_max;
            if gap > 0.5 {
                ratios.push((w[0].y_max - w[0].y_min) * SPACE_EM / gap);
            }
        }
    }
    // The most common ratio to a hundredth, then the median of those near it.
    let mut votes = std::collections::BTreeMap::<i64, usize>::new();
    for r in &ratios {
        *votes.entry((r * 100.0).round() as i64).or_default() += 1;
    }
    let (mode, _) = votes
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .expect("no ragged line to measure a space on");
    let mut near: Vec<f64> = ratios
        .into_iter()
        .filter(|r| (r * 100.0 - mode as f64).abs() <= 1.0)
        .collect();
    near.sort_by(f64::total_cmp);
    near[near.len() / 2]
}

/// Groups word boxes into lines by the bottom of their boxes (the same font size on one
/// baseline gives the same bottom), each line sorted left to right.
fn lines(mut boxes: Vec<WordBox>) -> Vec<Vec<WordBox>> {
    boxes.sort_by(|a, b| a.y_max.total_cmp(&b.y_max));
    let mut out: Vec<Vec<WordBox>> = Vec::new();
    for b in boxes {
        match out.last_mut() {
            Some(line) if (line[0].y_max - b.y_max).abs() < 1.0 => line.push(b),
            _ => out.push(vec![b]),
        }
    }
    for line in &mut out {
        line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
    }
    out
}

/// The gaps of `line` in normal spaces, if it is a justified line.
fn justified_gaps(line: &[WordBox], box_em: f64) -> Option<Vec<f64>> {
    let (left, indent, right) = text_frame();
    let first = line.first()?;
    let last = line.last()?;
    let starts = (first.x_min - left).abs() <= EDGE || (first.x_min - indent).abs() <= EDGE;
    if line.len() < 2 || !starts || (last.x_max - right).abs() > EDGE {
        return None;
    }
    // The size the line is set at, from its tallest box (a line mixes faces, not sizes).
    let height = line.iter().map(|b| b.y_max - b.y_min).fold(0.0, f64::max);
    let space = SPACE_EM * height / box_em;
    let gaps: Vec<f64> = line
        .windows(2)
        .map(|w| (w[1].x_min - w[0].x_max) / space)
        .filter(|g| *g >= NOT_A_SPACE)
        .collect();
    if gaps.is_empty() || gaps.iter().any(|g| *g > COLUMN_GAP) {
        return None;
    }
    Some(gaps)
}
