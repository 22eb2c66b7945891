//! Justified paragraphs: where their lines end and how a line set tighter than natural is
//! drawn. Breaking is total-fit (`totalfit`), so the room justification adds is shared out
//! between the lines of a paragraph instead of falling on a few; the PDF and the preview both
//! draw what this decides, like everything in `layout`.

use super::fonts::units_to_pt;
use super::lines::{break_lines, Line, Span};
use super::totalfit::{self, Measure, Word};
use super::words::{tokenize, Token};

/// Breaks a justified paragraph: total-fit (`totalfit`) chooses all the breaks at once so
/// the room justification adds is shared out between lines instead of falling on a few. Same
/// contract as `break_lines`, which it falls back on when a word is wider than a line (that
/// word is then cut between characters, as a last resort).
pub fn break_justified(
    spans: &[Span],
    size: f32,
    width: f32,
    first_indent: f32,
    rest_indent: f32,
) -> Vec<Line> {
    let mut words: Vec<(Option<Token>, Token)> = Vec::new();
    let mut gap: Option<Token> = None;
    for (is_gap, tok) in tokenize(spans) {
        if is_gap {
            // Spaces before the first word are dropped, like those at a line start.
            gap = if words.is_empty() { None } else { Some(tok) };
        } else {
            words.push((gap.take(), tok));
        }
    }
    let m = Measure {
        size,
        first: width - first_indent,
        rest: width - rest_indent,
    };
    let narrowest = m.first.min(m.rest);
    if words
        .iter()
        .any(|(_, w)| units_to_pt(w.units, size) > narrowest + 0.01)
    {
        return break_lines(spans, size, width, first_indent, rest_indent);
    }
    let metrics: Vec<Word> = words
        .iter()
        .map(|(g, w)| Word {
            units: w.units,
            gap_units: g.as_ref().map_or(0, |g| g.units),
        })
        .collect();
    let ends = totalfit::breaks(&metrics, &m);
    let mut words = words.into_iter();
    let mut start = 0;
    let mut lines = Vec::with_capacity(ends.len());
    for &end in &ends {
        let indent = if lines.is_empty() {
            first_indent
        } else {
            rest_indent
        };
        let mut line = Line::new(indent, end == metrics.len());
        for (i, (g, w)) in words.by_ref().take(end - start).enumerate() {
            // The gap before a line's first word goes with the break.
            if let (Some(g), true) = (g, i > 0) {
                line.append(g);
            }
            line.append(w);
        }
        lines.push(line);
        start = end;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fonts::char_units;
    use crate::layout::fonts::FontFace;
    use crate::layout::lines::tests::{words, SAMPLE};
    use crate::layout::lines::{place_line, Align};
    use crate::layout::pages::TextPiece;

    /// Largest room justification adds to a gap, in spaces, over a paragraph's lines.
    fn loosest(lines: &[Line], width: f32) -> f32 {
        let space = units_to_pt(char_units(FontFace::Regular, ' '), 14.0);
        lines
            .iter()
            .filter(|l| !l.last)
            .map(|l| (width - l.indent - l.width(14.0)) / l.spaces as f32 / space)
            .fold(f32::MIN, f32::max)
    }

    #[test]
    fn total_fit_evens_the_gaps_and_never_overflows() {
        let text = format!("{SAMPLE} {SAMPLE} {SAMPLE}");
        let spans = [Span::new(&text, FontFace::Regular)];
        let (width, x) = (467.7, 85.0);
        let greedy = break_lines(&spans, 14.0, width, 36.0, 0.0);
        let fit = break_justified(&spans, 14.0, width, 36.0, 0.0);
        let joined: Vec<String> = fit.iter().flat_map(|l| words(&l.text())).collect();
        assert_eq!(joined, words(&text));
        assert!(fit.last().unwrap().last && fit.iter().filter(|l| l.last).count() == 1);
        assert!(
            loosest(&fit, width) < loosest(&greedy, width),
            "total-fit {} vs greedy {} extra spaces",
            loosest(&fit, width),
            loosest(&greedy, width)
        );
        let mut shrunk = 0;
        for l in &fit {
            let pieces = place_line(l, x, width, 100.0, 14.0, Align::Justify);
            let right = pieces.last().unwrap().right();
            let natural = l.width(14.0);
            if l.last {
                assert!((right - (x + l.indent + natural)).abs() < 0.01);
                continue;
            }
            // Every stretched or shrunk line ends on the margin, never past it.
            assert!((right - (x + width)).abs() < 0.01, "line ends at {right}");
            if natural > width - l.indent {
                shrunk += 1;
                // The spaces stay in the text, each narrowed by at most a quarter of a space
                // (a space is 3.5 pt at 14 pt).
                assert!(pieces.iter().any(|p| p.text.contains(' ')));
                for p in pieces.iter().filter(|p| p.text.contains(' ')) {
                    assert!((-0.25 * 3.5 - 0.01..0.0).contains(&p.word_spacing), "{p:?}");
                }
            }
        }
        assert!(shrunk > 0, "no line was set tighter than natural");
    }

    #[test]
    fn total_fit_keeps_styles_and_cuts_overlong_words() {
        let spans = [
            Span::new("Gửi về UBND xã ", FontFace::Regular),
            Span::new("trước ngày 10/11/2026", FontFace::Bold),
            Span::new(". ", FontFace::Regular),
            Span::new(SAMPLE, FontFace::Italic),
        ];
        let lines = break_justified(&spans, 14.0, 300.0, 36.0, 0.0);
        let all: Vec<TextPiece> = lines
            .iter()
            .flat_map(|l| place_line(l, 0.0, 300.0, 0.0, 14.0, Align::Justify))
            .collect();
        assert!(all
            .iter()
            .any(|p| p.face == FontFace::Bold && p.text.contains("10/11/2026")));
        assert!(all.iter().any(|p| p.face == FontFace::Italic));
        let long = "https://example.gov.vn/".repeat(10);
        let text = format!("Xem {long} nhé");
        let cut = break_justified(
            &[Span::new(&text, FontFace::Regular)],
            14.0,
            150.0,
            0.0,
            0.0,
        );
        assert_eq!(
            cut,
            break_lines(
                &[Span::new(&text, FontFace::Regular)],
                14.0,
                150.0,
                0.0,
                0.0
            )
        );
        let nfc = break_justified(
            &[Span::new("Ha\u{323}nh phu\u{301}c", FontFace::Regular)],
            14.0,
            400.0,
            0.0,
            0.0,
        );
        assert_eq!(nfc[0].text(), "Hạnh phúc");
        assert!(
            break_justified(&[Span::new("  ", FontFace::Regular)], 14.0, 100.0, 0.0, 0.0)
                .is_empty()
        );
    }
}
