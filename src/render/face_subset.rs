//! The faces handed to printpdf, cut down first to the characters a document draws.
//!
//! printpdf's `ParsedFont::from_bytes` copies the whole face it is given and reads every
//! glyph in it, and a Liberation Serif face is about 400 KB of some 2,600 glyphs. A plan draws
//! perhaps 120 of them per face: handing printpdf a subset of those makes its parse and copy
//! a few kilobytes instead of 1.6 MB over four faces, which for a whole `tre export` process was
//! the largest single cost after starting it (the kernel zeroing and mapping those pages).
//! printpdf still subsets again when it writes the PDF, from this small face (cheap now); the
//! glyphs, their advance widths and their order are the same, so the page is drawn exactly as
//! before.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::ParsedFont;

use crate::error::{Error, Result};
use crate::layout::{fonts, FontFace};

/// `face` reduced to `chars` (plus .notdef) and parsed for printpdf. The subset keeps what a
/// valid font needs (cmap, head, hhea, hmtx, maxp, name, OS/2, post, glyf, loca) and drops the
/// hinting, which `sfnt::strip_hinting` would drop from the PDF anyway.
pub fn parsed_subset(face: FontFace, chars: &BTreeSet<char>) -> Result<ParsedFont> {
    let fail = |what: String| Error::Render(format!("không cắt được phông chữ {face:?} ({what})"));
    let mut ids: Vec<u16> = chars
        .iter()
        .filter_map(|&c| fonts::glyph_id(face, c))
        .collect();
    ids.push(0);
    ids.sort_unstable();
    ids.dedup();
    let scope = ReadScope::new(face.bytes());
    let file = scope
        .read::<FontData<'_>>()
        .map_err(|e| fail(e.to_string()))?;
    let provider = file.table_provider(0).map_err(|e| fail(e.to_string()))?;
    let bytes = subset(
        &provider,
        &ids,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|e| fail(e.to_string()))?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| fail("printpdf".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_maps_each_character_to_a_glyph_of_the_same_width() {
        let chars: BTreeSet<char> = "Kế hoạch Ủy ban nhân dân xã Minh Hòa, năm 2026./."
            .chars()
            .collect();
        for face in FontFace::ALL {
            let small = parsed_subset(face, &chars).unwrap();
            let bytes = small.source_bytes_for_subset().unwrap().as_slice().len();
            assert!(bytes < 40_000, "{face:?}: {bytes} bytes");
            for &c in &chars {
                let gid = small
                    .lookup_glyph_index(c as u32)
                    .unwrap_or_else(|| panic!("{face:?} lost {c}"));
                let width = small.get_horizontal_advance(gid);
                assert_eq!(
                    u32::from(width) * 1000 / u32::from(small.font_metrics.units_per_em),
                    fonts::char_units(face, c),
                    "{face:?} {c}"
                );
            }
        }
    }
}
