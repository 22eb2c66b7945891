//! A ruled table (the annex's score table) as bands: one band per row, so pagination never
//! splits a row between pages, and every row carries its table's header row, which
//! pagination draws again at the top of each page the table continues on.
//!
//! Cell text wraps between words inside its column (the same breaking as the body, same
//! font metrics), is centred vertically in the row, and left-aligned or centred in the
//! column. Each row draws its own grid (top, bottom, column lines), so a row standing
//! alone at the top of a page is still a closed box.

use super::flow::{line_height, Band, Frame};
use super::fonts::{ascent, FontFace};
use super::lines::{break_lines, place_line, Align, Line, Span};
use super::pages::Rule;
use crate::document::{style, CellAlign, Table};

/// The table's rows as bands of the text width; empty when the table has no column.
pub fn table_bands(t: &Table, f: &Frame) -> Vec<Band> {
    if t.columns.is_empty() {
        return Vec::new();
    }
    let geo = Geometry::new(t, f);
    let header = (!t.header.is_empty()).then(|| {
        let mut h = row_bands(&geo, &t.cells(&t.header), true, true, f.body_height())
            .into_iter()
            .next()
            .unwrap_or_default();
        // A header never ends a page without a row under it.
        h.keep_with_next = true;
        h
    });
    // Room for a row on a page that starts with the repeated header.
    let max_row = f.body_height() - header.as_ref().map_or(0.0, |h| h.height);
    let mut bands: Vec<Band> = header.iter().cloned().collect();
    for r in &t.rows {
        for mut b in row_bands(&geo, &t.cells(&r.cells), r.bold, false, max_row) {
            b.repeat_header = header.clone().map(Box::new);
            b.keep_with_next = r.keep_with_next;
            bands.push(b);
        }
    }
    if let Some(last) = bands.last_mut() {
        last.space_after = style::PARAGRAPH_SPACING_PT;
    }
    bands
}

/// Where the columns stand.
struct Geometry {
    /// Left edge of each column, then the table's right edge.
    edges: Vec<f32>,
    aligns: Vec<CellAlign>,
}

impl Geometry {
    fn new(t: &Table, f: &Frame) -> Self {
        let mut edges = vec![f.left];
        let mut x = f.left;
        for share in t.shares() {
            x += share * f.width;
            edges.push(x);
        }
        Geometry {
            edges,
            aligns: t.columns.iter().map(|c| c.align).collect(),
        }
    }

    fn inner(&self, col: usize) -> (f32, f32) {
        let pad = style::CELL_PAD_X_PT;
        let x = self.edges[col] + pad;
        (
            x,
            (self.edges[col + 1] - self.edges[col] - 2.0 * pad).max(1.0),
        )
    }
}

/// One row as a band, or as several when it is taller than `max_height` (a cell of a whole
/// page of text): then each part is a closed box of its own, cut between lines.
fn row_bands(
    geo: &Geometry,
    cells: &[&str],
    bold: bool,
    header: bool,
    max_height: f32,
) -> Vec<Band> {
    let size = style::TABLE_SIZE;
    let lh = line_height(size);
    let face = if bold {
        FontFace::Bold
    } else {
        FontFace::Regular
    };
    let lines: Vec<Vec<Line>> = cells
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let (_, w) = geo.inner(i);
            break_lines(&[Span::new(text, face)], size, w, 0.0, 0.0)
        })
        .collect();
    let tallest = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let pad = style::CELL_PAD_Y_PT;
    let per_part = (((max_height - 2.0 * pad) / lh).floor() as usize).max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while start < tallest {
        let end = (start + per_part).min(tallest);
        let rows = end - start;
        let height = rows as f32 * lh + 2.0 * pad;
        let mut band = Band {
            height,
            ..Band::default()
        };
        for (i, cell) in lines.iter().enumerate() {
            let part: Vec<&Line> = cell.iter().skip(start).take(rows).collect();
            let (x, w) = geo.inner(i);
            let align = match (header, geo.aligns[i]) {
                (true, _) | (false, CellAlign::Center) => Align::Center,
                (false, CellAlign::Left) => Align::Left,
            };
            // Centred vertically: short cells sit level with the middle of a tall name.
            let top = pad + (rows - part.len()) as f32 * lh / 2.0;
            for (k, line) in part.iter().enumerate() {
                let base = top + k as f32 * lh + ascent(size);
                band.texts.extend(place_line(line, x, w, base, size, align));
            }
        }
        band.rules = grid(&geo.edges, height);
        out.push(band);
        start = end;
    }
    out
}

/// The closed box of one row: top, bottom and every column line.
fn grid(edges: &[f32], height: f32) -> Vec<Rule> {
    let (Some(&left), Some(&right)) = (edges.first(), edges.last()) else {
        return Vec::new();
    };
    let t = style::TABLE_RULE_PT;
    let mut rules = vec![
        Rule {
            x1: left,
            y1: 0.0,
            x2: right,
            y2: 0.0,
            thickness: t,
        },
        Rule {
            x1: left,
            y1: height,
            x2: right,
            y2: height,
            thickness: t,
        },
    ];
    rules.extend(edges.iter().map(|&x| Rule {
        x1: x,
        y1: 0.0,
        x2: x,
        y2: height,
        thickness: t,
    }));
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Column, TableRow};

    fn table(rows: usize) -> Table {
        Table {
            columns: vec![
                Column {
                    share: 1.0,
                    align: CellAlign::Center,
                },
                Column {
                    share: 4.0,
                    align: CellAlign::Left,
                },
                Column {
                    share: 1.0,
                    align: CellAlign::Center,
                },
            ],
            header: vec!["TT".into(), "Tiêu chí, chỉ số".into(), "Điểm".into()],
            rows: (0..rows)
                .map(|i| TableRow {
                    cells: vec![
                        format!("{i}"),
                        "Tỷ lệ trẻ em bị xâm hại tình dục, bị bỏ rơi, bị mua bán có kế hoạch can thiệp được Chủ tịch UBND xã phê duyệt".into(),
                        "75".into(),
                    ],
                    bold: i % 5 == 0,
                    keep_with_next: i == 1,
                })
                .collect(),
        }
    }

    #[test]
    fn cells_wrap_inside_their_columns_and_rows_are_boxed() {
        let f = Frame::a4();
        let bands = table_bands(&table(3), &f);
        assert_eq!(bands.len(), 4);
        assert!(bands[0].keep_with_next && bands[0].repeat_header.is_none());
        assert!(!bands[1].keep_with_next && bands[2].keep_with_next);
        let (x1, w1) = (f.left + f.width / 6.0, f.width * 4.0 / 6.0);
        for b in &bands[1..] {
            assert_eq!(b.repeat_header.as_deref(), Some(&bands[0]));
            // The long name wraps onto several lines, all inside the middle column.
            let name: Vec<_> = b
                .texts
                .iter()
                .filter(|t| t.x > x1 && t.x < x1 + w1)
                .collect();
            assert!(name.len() >= 2, "{name:?}");
            assert!(name.iter().all(|t| t.right() <= x1 + w1 - 2.9));
            // Closed box: top, bottom and the four column lines.
            assert_eq!(b.rules.len(), 6);
            assert!(b.texts.iter().all(|t| t.y > 0.0 && t.y < b.height));
        }
        let bold = bands[1].texts.iter().all(|t| t.face == FontFace::Bold);
        assert!(bold, "row 0 is bold");
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_into_boxes() {
        let f = Frame::a4();
        let mut t = table(1);
        t.rows[0].cells[1] = "Nguồn số liệu rất dài ".repeat(400);
        let bands = table_bands(&t, &f);
        assert!(bands.len() > 2);
        let header_h = bands[0].height;
        for b in &bands[1..] {
            assert!(b.height + header_h <= f.body_height() + 0.01);
        }
    }

    #[test]
    fn the_header_row_heads_every_page_and_rows_are_whole() {
        let mut doc = crate::layout::tests::sample_document();
        doc.body = vec![crate::document::Block::Table(table(60))];
        let pages = crate::layout::layout_document(&doc);
        assert!(pages.pages.len() >= 3);
        let f = Frame::a4();
        for p in &pages.pages[1..] {
            // Below the page number, the first text is the repeated header, at the top margin.
            let first = p
                .texts
                .iter()
                .filter(|t| t.y > f.top)
                .min_by(|a, b| a.y.total_cmp(&b.y));
            assert_eq!(
                first.map(|t| t.text.as_str()),
                Some("TT"),
                "page {}",
                p.number
            );
            let top_rule = p.rules.iter().map(|r| r.y1).fold(f32::MAX, f32::min);
            assert!((top_rule - f.top).abs() < 0.01);
        }
        // Every row's three cells stand on one page: count the row numbers in column 1.
        let numbers: usize = pages
            .pages
            .iter()
            .flat_map(|p| &p.texts)
            .filter(|t| {
                t.size == style::TABLE_SIZE
                    && t.text.parse::<u32>().is_ok()
                    && t.x < f.left + f.width / 6.0
            })
            .count();
        assert_eq!(numbers, 60);
        for p in &pages.pages {
            assert!(
                p.rules.iter().all(|r| r.y2 <= f.bottom + 0.01),
                "page {}",
                p.number
            );
        }
    }

    #[test]
    fn a_no_break_space_keeps_the_percent_sign_with_its_number() {
        let f = Frame::a4();
        let mut t = table(1);
        t.columns[2].share = 0.6;
        t.rows[0].cells[2] = "386/420 (91,9\u{a0}%)".into();
        let bands = table_bands(&t, &f);
        let right = &bands[1].texts;
        assert!(right.iter().any(|p| p.text == "(91,9\u{a0}%)"), "{right:?}");
        assert!(!right.iter().any(|p| p.text == "%)"));
    }

    #[test]
    fn degenerate_tables() {
        let f = Frame::a4();
        assert!(table_bands(&Table::default(), &f).is_empty());
        let mut t = table(2);
        t.header.clear();
        t.rows[0].cells.clear();
        t.rows[1].cells.push("extra".into());
        t.columns[0].share = -1.0;
        let bands = table_bands(&t, &f);
        assert_eq!(bands.len(), 2);
        assert!(bands.iter().all(|b| b.repeat_header.is_none()));
    }
}
