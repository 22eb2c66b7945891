//! Line breaking and line placement.
//!
//! Vietnamese is written in syllables separated by spaces, so a line may break at any space
//! and nowhere else: breaking inside a syllable ("Hạnh" → "Hạ-nh") is never acceptable.
//! Greedy first-fit, what Word does, is used here for left-aligned and centred text (table
//! cells, the header, the closing block), where no gap is stretched and it is as good;
//! justified paragraphs are broken by total-fit (`justify`), which keeps the gaps even.
//! Only a single "word" wider than the whole line (a long URL) is cut between characters, as
//! a last resort, so nothing ever runs past the margin.

use super::fonts::{char_units, units_to_pt};
use super::pages::TextPiece;
pub use super::words::Span;
use super::words::{tokenize, Frag, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    /// Stretch every line but the last to the full width.
    Justify,
}

/// A broken line, not yet placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub(super) frags: Vec<Frag>,
    units: u32,
    pub(super) spaces: u32,
    /// Indent from the left edge of the text box, in points.
    pub indent: f32,
    /// The paragraph's last line (never stretched).
    pub last: bool,
}

impl Line {
    /// Natural width of the line's text at `size`, in points.
    pub fn width(&self, size: f32) -> f32 {
        units_to_pt(self.units, size)
    }

    #[cfg(test)]
    pub fn text(&self) -> String {
        self.frags.iter().map(|f| f.text.as_str()).collect()
    }
}

/// Breaks `spans` into lines no wider than `width` points at `size`. The first line is
/// indented by `first_indent`, the others by `rest_indent` (a hanging indent for lists).
pub fn break_lines(
    spans: &[Span],
    size: f32,
    width: f32,
    first_indent: f32,
    rest_indent: f32,
) -> Vec<Line> {
    let mut b = Breaker {
        size,
        width,
        first_indent,
        rest_indent,
        lines: Vec::new(),
        cur: None,
    };
    let mut gap: Option<Token> = None;
    for (is_gap, tok) in tokenize(spans) {
        if is_gap {
            // Spaces at the start of the text or of a line are dropped with the break.
            gap = if b.cur.is_some() { Some(tok) } else { None };
            continue;
        }
        let cur_units = b.cur.as_ref().map_or(0, |l| l.units);
        let gap_units = gap.as_ref().map_or(0, |g| g.units);
        let fits = b.fits(cur_units + gap_units + tok.units);
        match b.cur.as_mut() {
            Some(line) if fits => {
                if let Some(g) = gap.take() {
                    line.append(g);
                }
                line.append(tok);
            }
            _ => {
                b.finish_line();
                b.start_with(tok);
            }
        }
        gap = None;
    }
    b.finish_line();
    if let Some(l) = b.lines.last_mut() {
        l.last = true;
    }
    b.lines
}

/// Like `break_lines` without indents, but for centred text: keeps the number of lines
/// greedy breaking needs and makes them as even as possible, so a long authority name reads
/// "ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN" instead of leaving one word alone on the second line.
pub fn break_balanced(spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    let lines = break_lines(spans, size, width, 0.0, 0.0);
    let n = lines.len();
    if n < 2 {
        return lines;
    }
    // The narrowest width that still gives `n` lines (line count only grows as width shrinks).
    let (mut lo, mut hi) = (width / n as f32, width);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if break_lines(spans, size, mid, 0.0, 0.0).len() <= n {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    break_lines(spans, size, hi, 0.0, 0.0)
}

struct Breaker {
    size: f32,
    width: f32,
    first_indent: f32,
    rest_indent: f32,
    lines: Vec<Line>,
    cur: Option<Line>,
}

impl Breaker {
    fn indent(&self) -> f32 {
        if self.lines.is_empty() {
            self.first_indent
        } else {
            self.rest_indent
        }
    }

    fn fits(&self, units: u32) -> bool {
        // A hundredth of a point of tolerance absorbs float noise on exact fits.
        units_to_pt(units, self.size) <= self.width - self.indent() + 0.01
    }

    fn finish_line(&mut self) {
        if let Some(line) = self.cur.take() {
            self.lines.push(line);
        }
    }

    fn empty_line(&self) -> Line {
        Line::new(self.indent(), false)
    }

    /// Starts a new line with `word`; a word wider than the line is cut between characters.
    fn start_with(&mut self, word: Token) {
        let mut line = self.empty_line();
        for frag in word.frags {
            for c in frag.text.chars() {
                let u = char_units(frag.face, c);
                if !line.frags.is_empty() && !self.fits(line.units + u) {
                    self.lines.push(line);
                    line = self.empty_line();
                }
                let mut t = Token::default();
                t.push(frag.face, c);
                line.append(t);
            }
        }
        self.cur = Some(line);
    }
}

impl Line {
    pub(super) fn new(indent: f32, last: bool) -> Self {
        Line {
            frags: Vec::new(),
            units: 0,
            spaces: 0,
            indent,
            last,
        }
    }

    pub(super) fn append(&mut self, tok: Token) {
        self.units += tok.units;
        for f in tok.frags {
            self.spaces += f.spaces;
            match self.frags.last_mut() {
                Some(last) if last.face == f.face => {
                    last.text.push_str(&f.text);
                    last.units += f.units;
                    last.spaces += f.spaces;
                }
                _ => self.frags.push(f),
            }
        }
    }
}

/// Places `line` in a text box starting at `x` and `width` points wide, with its baseline at
/// `baseline`, and returns one piece per face change.
pub fn place_line(
    line: &Line,
    x: f32,
    width: f32,
    baseline: f32,
    size: f32,
    align: Align,
) -> Vec<TextPiece> {
    let avail = width - line.indent;
    let natural = line.width(size);
    let (offset, extra) = match align {
        // Room added to each space, or taken from it (negative) on a line total-fit set a
        // little tighter than natural; the spaces stay in the text either way, so copying
        // from the PDF gives the words with their spaces.
        Align::Justify
            if !line.last && line.spaces > 0 && (natural < avail || natural > avail + 0.005) =>
        {
            (0.0, (avail - natural) / line.spaces as f32)
        }
        Align::Center => (((avail - natural) / 2.0).max(0.0), 0.0),
        _ => (0.0, 0.0),
    };
    let mut cx = x + line.indent + offset;
    line.frags
        .iter()
        .map(|f| {
            let word_spacing = if f.spaces > 0 { extra } else { 0.0 };
            let w = units_to_pt(f.units, size) + word_spacing * f.spaces as f32;
            let piece = TextPiece {
                x: cx,
                y: baseline,
                face: f.face,
                size,
                text: f.text.clone(),
                word_spacing,
                width: w,
            };
            cx += w;
            piece
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::layout::fonts::FontFace;

    /// A paragraph of a real plan, shared with the total-fit tests (`justify`).
    pub(in crate::layout) const SAMPLE: &str =
        "Xây dựng môi trường sống an toàn, lành mạnh mà ở đó tất cả trẻ em đều \
        được bảo vệ. Chủ động phòng ngừa, giảm thiểu, loại bỏ các nguy cơ gây tổn hại trẻ em, \
        ngăn ngừa trẻ em rơi vào hoàn cảnh đặc biệt, trẻ em bị xâm hại, bạo lực.";

    pub(in crate::layout) fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn breaks_only_between_words() {
        for width in [120.0, 200.0, 333.3, 467.7] {
            let lines = break_lines(
                &[Span::new(SAMPLE, FontFace::Regular)],
                14.0,
                width,
                36.0,
                0.0,
            );
            assert!(lines.len() > 1);
            // Every line is made of whole words of the input, in order.
            let joined: Vec<String> = lines.iter().flat_map(|l| words(&l.text())).collect();
            assert_eq!(joined, words(SAMPLE));
            for l in &lines {
                assert!(l.width(14.0) <= width - l.indent + 0.01);
                assert_eq!(l.text(), l.text().trim(), "no space at a line end");
            }
        }
    }

    #[test]
    fn justified_lines_fill_the_width() {
        let width = 467.7;
        let spans = [
            Span::new(
                "Tổng hợp hồ sơ đánh giá các tiêu chí gửi về UBND xã, ",
                FontFace::Regular,
            ),
            Span::new("trước ngày 10/11/2026", FontFace::Bold),
            Span::new(", đồng thời báo cáo kết quả. ", FontFace::Italic),
            Span::new(SAMPLE, FontFace::Regular),
        ];
        let lines = break_lines(&spans, 14.0, width, 36.0, 0.0);
        assert!(lines.len() >= 3);
        for l in &lines {
            let pieces = place_line(l, 85.0, width, 100.0, 14.0, Align::Justify);
            let right = pieces.last().unwrap().right();
            if l.last {
                assert!(right < 85.0 + width - 1.0);
            } else {
                assert!((right - (85.0 + width)).abs() < 0.5, "line ends at {right}");
            }
            // Pieces follow each other without overlap.
            for w in pieces.windows(2) {
                assert!((w[0].right() - w[1].x).abs() < 0.01);
            }
        }
        // Styles survive the break.
        let all: Vec<TextPiece> = lines
            .iter()
            .flat_map(|l| place_line(l, 0.0, width, 0.0, 14.0, Align::Left))
            .collect();
        assert!(all
            .iter()
            .any(|p| p.face == FontFace::Bold && p.text.contains("10/11/2026")));
        assert!(all.iter().any(|p| p.face == FontFace::Italic));
    }

    #[test]
    fn overlong_word_is_cut_as_a_last_resort() {
        let long = "https://example.gov.vn/".repeat(10);
        let text = format!("Xem {long} nhé");
        let lines = break_lines(
            &[Span::new(&text, FontFace::Regular)],
            14.0,
            150.0,
            0.0,
            0.0,
        );
        assert!(lines.len() > 3);
        assert_eq!(lines[0].text(), "Xem");
        for l in &lines {
            assert!(l.width(14.0) <= 150.01);
        }
        let back: String = lines.iter().map(|l| l.text()).collect::<Vec<_>>().join("");
        assert_eq!(back.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn decomposed_input_is_set_precomposed() {
        let decomposed = "Ha\u{323}nh phu\u{301}c";
        let lines = break_lines(
            &[Span::new(decomposed, FontFace::Regular)],
            14.0,
            400.0,
            0.0,
            0.0,
        );
        assert_eq!(lines[0].text(), "Hạnh phúc");
    }

    #[test]
    fn characters_without_glyphs_are_replaced() {
        let lines = break_lines(
            &[Span::new("Số １２ 😀 漢", FontFace::Bold)],
            14.0,
            400.0,
            0.0,
            0.0,
        );
        assert_eq!(lines[0].text(), "Số 12 ? ?");
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        assert!(break_lines(&[], 14.0, 100.0, 0.0, 0.0).is_empty());
        assert!(break_lines(
            &[Span::new("   \n", FontFace::Regular)],
            14.0,
            100.0,
            0.0,
            0.0
        )
        .is_empty());
        // A box narrower than one character still advances.
        let l = break_lines(&[Span::new("abc", FontFace::Regular)], 14.0, 1.0, 5.0, 0.0);
        assert_eq!(l.len(), 3);
    }

    #[test]
    fn balanced_lines_are_even() {
        let text = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN";
        let lines = break_balanced(&[Span::new(text, FontFace::Regular)], 13.0, 200.0);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]);
        let one = break_balanced(&[Span::new("XÃ QUAN SƠN", FontFace::Bold)], 13.0, 200.0);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn keeps_blank_runs_and_centres() {
        let lines = break_lines(
            &[Span::new("Số:      /KH-UBND", FontFace::Regular)],
            13.0,
            200.0,
            0.0,
            0.0,
        );
        assert_eq!(lines.len(), 1);
        let p = place_line(&lines[0], 10.0, 200.0, 50.0, 13.0, Align::Center);
        assert_eq!(p[0].text, "Số:      /KH-UBND");
        let mid = (p[0].x + p[0].right()) / 2.0;
        assert!((mid - 110.0).abs() < 0.01);
    }
}
