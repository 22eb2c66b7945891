//! Total-fit line breaking (Knuth & Plass, "Breaking paragraphs into lines", 1981) for
//! justified paragraphs.
//!
//! Greedy first-fit fills each line as full as it can and leaves whatever room is left to the
//! next one, so one long word pushed to the next line makes the line it left very loose.
//! Total-fit chooses all the breaks of a paragraph at once, minimising the sum of demerits
//! over its lines, so the stretch is shared out between lines instead of falling on a few.
//!
//! The model, with Vietnamese in mind: every word (syllable) is a box, every gap between words
//! is glue that may stretch, or shrink a little, and a line may end at any gap and nowhere else
//! (no hyphenation: a syllable is never cut). The last line is set ragged, as if it ended with
//! infinitely stretchable glue. Words are measured in thousandths of an em like the rest of
//! layout, so a line this module accepts is exactly as wide as `lines::Line::width` says.
//!
//! The search is the usual dynamic programme over break positions: for each possible end of
//! a line, every feasible start (at most one line's worth of words back) and every fitness
//! class of the line before. That is O(n·k) for n words and k words a line, with four fitness
//! classes as the only extra state, a few microseconds for a paragraph of an official letter.

use super::fonts::units_to_pt;

/// Stretch of one space, as a share of its natural width: badness is 100 when every gap of a
/// line has grown by this much. TeX lets a space grow by half; measured on the four demo
/// plans, 0.3 puts the 95th-percentile gap at 1.26 spaces against 1.38 with 0.5, because
/// stretching then costs about as much as shrinking by the same few tenths of a point, and
/// total-fit stops preferring a loose line to a slightly tight one.
const STRETCH: f32 = 0.3;

/// Shrink of one space, as a share of its natural width: a gap may narrow to 3/4 of a space
/// (TeX allows 2/3; Word and LibreOffice never shrink). Without any shrink a short paragraph
/// has no choice at all: its first line holds as many words as fit and whatever room is left
/// is stretched; with a quarter of a space on each of a line's 15 or so gaps, one more
/// syllable can usually come up instead. A gap of 0.75 space is 2.6 pt at 14 pt, which the
/// eye does not tell from a full one. Text never runs past the margin: a shrunk line is
/// exactly as wide as the text box (`lines::place_line`, with a negative word spacing).
const SHRINK: f32 = 0.25;

/// Highest badness a line may have in the first pass: 100, a gap between 0.75 and 1.3
/// spaces (the target for the 95th percentile). Paragraphs that cannot be set within
/// it (a line of few, long words) get a second pass that accepts any line that fits. TeX's
/// default is 200; on the demo plans 50, 100 or 200 choose the same breaks.
const TOLERANCE: f32 = 100.0;

/// Badness of a line that cannot be stretched to the width (one word alone on a line that
/// is not the last): TeX's "infinitely bad", usable only in the second pass.
const INF_BAD: f32 = 10_000.0;

/// Demerits added for every line (TeX's `\linepenalty`): prefers fewer lines when the
/// spacing is about equal, so a paragraph is not made longer only to look even.
const LINE_PENALTY: f32 = 10.0;

/// Demerits for a line whose spacing class is two or more away from the line above
/// (TeX's `\adjdemerits`): a loose line right under a tight one catches the eye.
const ADJ_DEMERITS: f32 = 10_000.0;

/// Float tolerance on an exact fit, the same hundredth of a point as greedy breaking.
const EPS: f32 = 0.01;

/// One word of a paragraph and the gap before it, in thousandths of an em.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub units: u32,
    /// Width of the spaces before the word (0 for the first word); justification stretches
    /// them in proportion to their width, one space as much as another.
    pub gap_units: u32,
}

/// Lines of a justified paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Font size in points.
    pub size: f32,
    /// Room for text on the first line, in points (width minus the first-line indent).
    pub first: f32,
    /// Room for text on the other lines.
    pub rest: f32,
}

/// The spacing class of a line by its stretch (positive) or shrink (negative) ratio, TeX's:
/// 0 very loose, 1 loose, 2 decent, 3 tight.
fn fitness(ratio: f32) -> usize {
    if ratio > 1.0 {
        0
    } else if ratio > 0.5 {
        1
    } else if ratio >= -0.5 {
        2
    } else {
        3
    }
}

const CLASSES: usize = 4;

/// Badness of a line of `natural` width set in `avail` with gaps of `glue` points in all,
/// and its spacing class; `None` when it cannot be set (too long even shrunk, or a last
/// line longer than the box: the last line is ragged, never shrunk, and any that fits is
/// perfect).
fn line_badness(natural: f32, avail: f32, glue: f32, last: bool) -> Option<(f32, usize)> {
    let short = avail - natural;
    if short.abs() <= EPS || (last && short > 0.0) {
        return Some((0.0, 2));
    }
    let room = if short > 0.0 { STRETCH } else { SHRINK } * glue;
    if last || (short < 0.0 && -short > room + EPS) {
        return None;
    }
    if room <= 0.0 {
        return Some((INF_BAD, 0));
    }
    let r = (short / room).max(-1.0);
    Some(((100.0 * r.abs().powi(3)).min(INF_BAD), fitness(r)))
}

/// Demerits of a line (TeX's formula without penalties, as lines only end at spaces).
fn demerits(badness: f32, class: usize, prev_class: usize) -> f32 {
    let adj = if prev_class.abs_diff(class) > 1 {
        ADJ_DEMERITS
    } else {
        0.0
    };
    (LINE_PENALTY + badness).powi(2) + adj
}

/// Best way found so far to end a line at a break: total demerits and where the line began.
#[derive(Debug, Clone, Copy)]
struct Node {
    demerits: f32,
    /// Break (number of words before it) where the line starts, and that line's class.
    from: usize,
    from_class: usize,
}

/// Chooses where lines end: returns, for each line, the number of words set on it and the
/// lines before (so the last entry is `words.len()`). Every word must fit on a line alone
/// (`lines` cuts overlong words before asking); an empty paragraph has no lines.
pub fn breaks(words: &[Word], m: &Measure) -> Vec<usize> {
    if words.is_empty() {
        return Vec::new();
    }
    search(words, m, TOLERANCE).unwrap_or_else(|| {
        // A single word a line is always feasible in the second pass.
        search(words, m, f32::INFINITY).expect("every word fits on a line alone")
    })
}

/// The dynamic programme: `best[b][c]` is the least total demerits of setting the first `b`
/// words with the last line in class `c`.
fn search(words: &[Word], m: &Measure, tolerance: f32) -> Option<Vec<usize>> {
    let n = words.len();
    // prefix[b]: units of the first b words with the gaps between them and before word b.
    let mut units = vec![0u32; n + 1];
    let mut gaps = vec![0u32; n + 1];
    for (i, w) in words.iter().enumerate() {
        units[i + 1] = units[i] + w.gap_units + w.units;
        gaps[i + 1] = gaps[i] + w.gap_units;
    }
    let mut best: Vec<[Option<Node>; CLASSES]> = vec![[None; CLASSES]; n + 1];
    // The paragraph starts as if after a decent line.
    best[0][2] = Some(Node {
        demerits: 0.0,
        from: 0,
        from_class: 2,
    });
    for end in 1..=n {
        let last = end == n;
        let mut start = end;
        while start > 0 {
            start -= 1;
            // The gap before the line's first word is dropped with the break.
            let first = &words[start];
            let natural = units_to_pt(units[end] - units[start] - first.gap_units, m.size);
            let avail = if start == 0 { m.first } else { m.rest };
            let glue = units_to_pt(gaps[end] - gaps[start] - first.gap_units, m.size);
            if natural - SHRINK * glue > avail + EPS {
                // Lines only get longer as they start earlier; only the first line may be
                // wider (a hanging indent), so try it before giving up.
                if start > 1 && m.first > m.rest {
                    start = 1;
                    continue;
                }
                break;
            }
            let Some((badness, class)) = line_badness(natural, avail, glue, last) else {
                continue;
            };
            if badness > tolerance {
                continue;
            }
            let prevs = best[start];
            for (prev_class, prev) in prevs.iter().enumerate() {
                let Some(prev) = prev else { continue };
                let total = prev.demerits + demerits(badness, class, prev_class);
                let slot = &mut best[end][class];
                if slot.is_none_or(|s| total < s.demerits) {
                    *slot = Some(Node {
                        demerits: total,
                        from: start,
                        from_class: prev_class,
                    });
                }
            }
        }
    }
    // Walk back from the cheapest way to set the whole paragraph.
    let mut node = best[n]
        .iter()
        .flatten()
        .min_by(|a, b| a.demerits.total_cmp(&b.demerits))
        .copied()?;
    let mut ends = vec![n];
    while node.from > 0 {
        ends.push(node.from);
        node = best[node.from][node.from_class]?;
    }
    ends.reverse();
    Some(ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(widths: &[u32]) -> Vec<Word> {
        widths
            .iter()
            .enumerate()
            .map(|(i, &u)| Word {
                units: u,
                gap_units: if i == 0 { 0 } else { 250 },
            })
            .collect()
    }

    /// Natural width in points of words `a..b` set on one line.
    fn width(w: &[Word], a: usize, b: usize, size: f32) -> f32 {
        let u: u32 = w[a..b].iter().map(|x| x.units + x.gap_units).sum::<u32>() - w[a].gap_units;
        units_to_pt(u, size)
    }

    #[test]
    fn every_line_fits_and_all_words_are_set() {
        let w = words(&[
            900, 1400, 600, 2100, 800, 1500, 700, 1900, 400, 1200, 1000, 2600, 500, 900, 1300, 700,
            1800, 600, 1100, 900,
        ]);
        let m = Measure {
            size: 10.0,
            first: 60.0,
            rest: 70.0,
        };
        let ends = breaks(&w, &m);
        assert_eq!(*ends.last().unwrap(), w.len());
        let mut start = 0;
        for (i, &end) in ends.iter().enumerate() {
            assert!(end > start);
            let avail = if i == 0 { m.first } else { m.rest };
            let glue: u32 = w[start + 1..end].iter().map(|x| x.gap_units).sum();
            let tightest = width(&w, start, end, m.size) - SHRINK * units_to_pt(glue, m.size);
            assert!(tightest <= avail + EPS);
            start = end;
        }
    }

    /// Greedy first-fit, for comparison: as many words as fit on each line.
    fn greedy(w: &[Word], m: &Measure) -> Vec<usize> {
        let mut ends = Vec::new();
        let mut start = 0;
        for end in 1..=w.len() {
            let avail = if ends.is_empty() { m.first } else { m.rest };
            if end > start + 1 && width(w, start, end, m.size) > avail + EPS {
                ends.push(end - 1);
                start = end - 1;
            }
        }
        ends.push(w.len());
        ends
    }

    /// Sum over the stretched lines of the cube of the room added a gap, in points.
    fn cost(w: &[Word], m: &Measure, ends: &[usize]) -> f32 {
        let mut start = 0;
        let mut sum = 0.0;
        for (i, &end) in ends[..ends.len() - 1].iter().enumerate() {
            let avail = if i == 0 { m.first } else { m.rest };
            let extra = (avail - width(w, start, end, m.size)) / (end - start - 1) as f32;
            sum += extra.abs().powi(3);
            start = end;
        }
        sum
    }

    /// Total demerits of setting `w` with lines ending at `ends`.
    fn total(w: &[Word], m: &Measure, ends: &[usize]) -> f32 {
        let (mut start, mut prev, mut sum) = (0, 2, 0.0);
        for (i, &end) in ends.iter().enumerate() {
            let avail = if i == 0 { m.first } else { m.rest };
            let glue: u32 = w[start + 1..end].iter().map(|x| x.gap_units).sum();
            let glue = units_to_pt(glue, m.size);
            let (b, class) =
                line_badness(width(w, start, end, m.size), avail, glue, end == w.len()).unwrap();
            sum += demerits(b, class, prev);
            (start, prev) = (end, class);
        }
        sum
    }

    /// Greedy leaves the room of a long word pushed down on the line it left; total-fit
    /// shares it out, over many pseudo-random paragraphs of syllable-sized words.
    #[test]
    fn shares_room_between_lines() {
        let m = Measure {
            size: 14.0,
            first: 431.7,
            rest: 467.7,
        };
        let mut seed: u32 = 7;
        let mut sums = (0.0, 0.0);
        for _ in 0..50 {
            let widths: Vec<u32> = (0..120)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    800 + (seed >> 16) % 2_700
                })
                .collect();
            let w = words(&widths);
            let (tf, gr) = (breaks(&w, &m), greedy(&w, &m));
            assert!(total(&w, &m, &tf) <= total(&w, &m, &gr), "{tf:?} vs {gr:?}");
            sums.0 += cost(&w, &m, &tf);
            sums.1 += cost(&w, &m, &gr);
        }
        assert!(
            sums.0 < 0.9 * sums.1,
            "sum of cubes {sums:?}, total-fit vs greedy"
        );
    }

    #[test]
    fn last_line_is_free_and_lone_words_still_set() {
        let m = Measure {
            size: 10.0,
            first: 50.0,
            rest: 50.0,
        };
        assert_eq!(breaks(&words(&[1000]), &m), vec![1]);
        assert!(breaks(&[], &m).is_empty());
        // Words nearly as wide as the line: one a line, which only the second pass allows.
        let w = words(&[4800, 4900, 4700]);
        assert_eq!(breaks(&w, &m), vec![1, 2, 3]);
    }
}
