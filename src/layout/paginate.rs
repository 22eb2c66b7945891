//! Pagination: puts the bands on A4 pages, top to bottom, and numbers the pages.
//!
//! Greedy, like a word processor: a band goes on the current page if it fits above the bottom
//! margin. When it does not, the page breaks before it, or earlier when the bands just before
//! it ask to be kept with the next one (a heading, the first line of a paragraph, the lines
//! before the signature block). A keep chain that fills a whole page is broken where the page
//! is full, rather than leaving an empty page.

use super::flow::{Band, Frame};
use super::fonts::{ascent, text_width, FontFace};
use super::header::HeaderLayout;
use super::pages::{Page, Rule, TextPiece};
use crate::document::style;

/// Float tolerance when a band ends exactly at the bottom margin.
const EPS: f32 = 0.01;

/// Lays `bands` out after the page-1 `header`, starting at `first_top` on page 1. No band may
/// be taller than a page (`flow::split_tall` sees to that).
pub fn paginate(header: HeaderLayout, first_top: f32, bands: &[Band], f: &Frame) -> Vec<Page> {
    let (slots, repeats) = assign(first_top, bands, f);
    let count = slots.iter().map(|s| s.page).max().map_or(1, |p| p + 1);
    let mut pages: Vec<Page> = (0..count)
        .map(|i| Page {
            number: i as u32 + 1,
            texts: Vec::new(),
            rules: Vec::new(),
        })
        .collect();
    pages[0].texts.extend(header.texts);
    pages[0].rules.extend(header.rules);
    let placed = bands
        .iter()
        .zip(&slots)
        .map(|(b, s)| (b, *s))
        .chain(repeats.iter().map(|(i, s)| {
            // `assign` only records a repeat for a band that has a header.
            let h = bands[*i].repeat_header.as_deref();
            (h.unwrap_or(&bands[*i]), *s)
        }));
    for (band, slot) in placed {
        let page = &mut pages[slot.page];
        page.texts.extend(band.texts.iter().map(|t| TextPiece {
            y: slot.y + t.y,
            ..t.clone()
        }));
        page.rules.extend(band.rules.iter().map(|r| Rule {
            y1: slot.y + r.y1,
            y2: slot.y + r.y2,
            ..r.clone()
        }));
    }
    for page in pages.iter_mut().skip(1) {
        page.texts.insert(0, page_number(page.number, f));
    }
    pages
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    page: usize,
    /// Top of the band, from the top of the page.
    y: f32,
}

/// Decides the page and height of every band, and where a table's header row is drawn again
/// (the index of the row that asked for it, and the slot of the copy).
fn assign(first_top: f32, bands: &[Band], f: &Frame) -> (Vec<Slot>, Vec<(usize, Slot)>) {
    let mut slots = vec![Slot { page: 0, y: 0.0 }; bands.len()];
    let mut repeats = Vec::new();
    let mut page = 0;
    let mut y = first_top;
    // Index of the first band on the current page.
    let mut first = 0;
    let mut i = 0;
    while i < bands.len() {
        let b = &bands[i];
        // On a fresh page (not page 1, which starts under the header) a band is placed even
        // if it does not fit, so that pagination always moves forward.
        if y + b.height <= f.bottom + EPS || (i == first && page > 0) {
            slots[i] = Slot { page, y };
            y += b.height + b.space_after;
            i += 1;
            continue;
        }
        // Break before `i`, or before the start of the keep chain that ends at `i`; a chain
        // that fills everything since the page began is broken where the page is full.
        let mut j = i;
        while j > first && bands[j - 1].keep_with_next {
            j -= 1;
        }
        if j == first && first != i {
            j = i;
        }
        page += 1;
        y = f.top;
        first = j;
        i = j;
        // A table continues under its header row, drawn again.
        if let Some(h) = &bands[j].repeat_header {
            repeats.retain(|(_, s): &(usize, Slot)| s.page != page);
            repeats.push((j, Slot { page, y }));
            y += h.height;
        }
    }
    (slots, repeats)
}

/// The page number: Arabic, 13 pt, centred in the top margin.
fn page_number(n: u32, f: &Frame) -> TextPiece {
    let text = n.to_string();
    let size = style::PAGE_NUMBER_SIZE;
    let width = text_width(FontFace::Regular, &text, size);
    TextPiece {
        x: f.left + (f.width - width) / 2.0,
        y: f.top / 2.0 + ascent(size) / 2.0,
        face: FontFace::Regular,
        size,
        text,
        word_spacing: 0.0,
        width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Run};
    use crate::layout::body::body_bands;

    /// Where a band comes from: its block, its line in that block, the block's line count.
    type Owner = (usize, usize, usize);

    /// The sample plan's body after some filler that depends on `pad`, as bands, with the
    /// owner of each band, and the blocks.
    fn shifted_body(pad: usize, f: &Frame) -> (Vec<Band>, Vec<Owner>, Vec<Block>) {
        let mut blocks = crate::layout::tests::sample_document().body;
        for _ in 0..pad % 6 {
            blocks.insert(0, Block::Basis("Căn cứ Luật Trẻ em năm 2016;".into()));
        }
        blocks.insert(
            0,
            Block::Paragraph(vec![Run::plain("Xin chào ".repeat(1 + pad * 4))]),
        );
        let mut bands = Vec::new();
        let mut owner = Vec::new();
        for (k, block) in blocks.iter().enumerate() {
            let b = body_bands(std::slice::from_ref(block), f);
            let n = b.len();
            owner.extend((0..n).map(|i| (k, i, n)));
            bands.extend(b);
        }
        assert_eq!(
            bands,
            body_bands(&blocks, f),
            "blocks are laid out independently"
        );
        (bands, owner, blocks)
    }

    /// Over many shifts of the same text, no paragraph leaves its first line alone at a page
    /// bottom (orphan) or its last line alone at a page top (widow), and no heading ends a
    /// page.
    #[test]
    fn no_orphans_widows_or_stranded_headings() {
        let f = Frame::a4();
        let mut breaks_seen = 0;
        for pad in 0..60 {
            let (bands, owner, blocks) = shifted_body(pad, &f);
            let (slots, _) = assign(f.top, &bands, &f);
            for i in 1..bands.len() {
                if slots[i].page == slots[i - 1].page {
                    continue;
                }
                breaks_seen += 1;
                let (before, after) = (owner[i - 1], owner[i]);
                if before.0 == after.0 {
                    let (_, line, n) = after;
                    assert!(
                        line >= 2,
                        "pad {pad}: orphan, line {line} of {n} starts a page"
                    );
                    assert!(line + 1 < n, "pad {pad}: widow, last of {n} lines alone");
                }
                assert!(
                    !matches!(blocks[before.0], Block::Heading { .. }),
                    "pad {pad}: a heading ends page {}",
                    slots[i - 1].page + 1
                );
            }
        }
        assert!(
            breaks_seen > 60,
            "the shifts cross page breaks: {breaks_seen}"
        );
    }

    /// The keep chain never leaves a page empty, even when it is longer than a page.
    #[test]
    fn a_chain_longer_than_a_page_is_cut() {
        let f = Frame::a4();
        let band = Band {
            height: 20.0,
            keep_with_next: true,
            ..Band::default()
        };
        let bands = vec![band; 100];
        let (slots, _) = assign(f.top, &bands, &f);
        let pages = slots.last().unwrap().page + 1;
        let per_page = ((f.bottom - f.top) / 20.0).floor() as usize;
        assert_eq!(pages, 100usize.div_ceil(per_page));
    }
}
