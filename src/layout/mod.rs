//! Breaks a document tree into A4 pages of positioned text, as Nghị định 30 lays it out.
//!
//! The result (`Pages`) is format-neutral: the PDF writer and the SVG preview both draw it
//! piece by piece and decide nothing themselves, so the preview is exactly what prints.
//!
//! - `fonts`: the bundled faces and the one source of glyph widths;
//! - `words`: input text to measured words and gaps (NFC, missing glyphs);
//! - `lines`: breaking between words, justification;
//! - `justify`: justified paragraphs, broken by `totalfit` (Knuth–Plass), set on the width;
//! - `totalfit`: where the lines of a justified paragraph end, as numbers only;
//! - `flow`: the page frame and bands, the unit that pagination moves;
//! - `header`: the two-column header of page 1;
//! - `body`: title block, "Kính gửi", bases, headings, paragraphs;
//! - `closing`: "Nơi nhận" and the signature block, side by side;
//! - `table`: ruled tables, one band per row, the header row repeated on each page;
//! - `paginate`: pages, keep-with-next, page numbers.

mod body;
mod closing;
mod flow;
pub mod fonts;
mod header;
mod justify;
mod lines;
mod pages;
mod paginate;
mod table;
mod totalfit;
mod words;

pub use fonts::FontFace;
pub use pages::{Page, Pages, Rule, TextPiece};

use crate::document::Document;
use flow::Frame;

/// Room between the header and the type name.
const TITLE_GAP: f32 = 20.0;

/// Lays `doc` out on A4 pages. Never fails: empty parts are left out, overlong words are cut,
/// and an overlong closing block continues on the next page.
pub fn layout_document(doc: &Document) -> Pages {
    let f = Frame::a4();
    // An annex has no two-column header: its own heading starts at the top margin.
    let (header, first_top, mut bands) = match &doc.annex {
        Some(annex) => (
            header::HeaderLayout {
                texts: Vec::new(),
                rules: Vec::new(),
                bottom: f.top,
            },
            f.top,
            body::annex_bands(annex, &f),
        ),
        None => {
            let header = header::layout_header(&doc.header, &f);
            let top = header.bottom + TITLE_GAP;
            (header, top, body::title_bands(doc, &f))
        }
    };
    let mut body = body::body_bands(&doc.body, &f);
    let closing = closing::closing_band(doc, &f);
    if closing.is_some() {
        // The signature block never stands alone on a page: the last two lines of the body
        // go with it.
        for b in body.iter_mut().rev().take(2) {
            b.keep_with_next = true;
        }
    }
    bands.append(&mut body);
    if let Some(c) = closing {
        bands.extend(flow::split_tall(c, f.body_height()));
    }

    Pages {
        width: f.page_width,
        height: f.page_height,
        pages: paginate::paginate(header, first_top, &bands, &f),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::document::{Block, Header, Meta, Run, Signature};

    /// A plan shaped like seed 001 (Quan Sơn, 2026), long enough for three pages.
    pub fn sample_document() -> Document {
        let para =
            "Tổ chức các hoạt động truyền thông, nâng cao vai trò, trách nhiệm của gia đình \
            và cộng đồng đối với việc bảo vệ, chăm sóc và giáo dục trẻ em; giáo dục, tư vấn, tham \
            vấn kỹ năng làm cha mẹ và kỹ năng sống cho trẻ em. Phòng ngừa, ngăn chặn không để trẻ \
            em rơi vào hoàn cảnh đặc biệt.";
        let mut body = vec![
            Block::Basis("Thực hiện Kế hoạch số 23/KH-SYT ngày 15/01/2026 của Sở Y tế tỉnh Lạng Sơn về thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ.".into()),
            Block::Paragraph(vec![Run::plain("Ủy ban nhân dân xã Quan Sơn xây dựng Kế hoạch thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ trên địa bàn xã Quan Sơn, như sau:")]),
        ];
        for (i, h) in [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG",
            "III. TỔ CHỨC THỰC HIỆN",
        ]
        .iter()
        .enumerate()
        {
            body.push(Block::Heading {
                level: 1,
                text: h.to_string(),
            });
            for j in 1..=3 {
                body.push(Block::Heading {
                    level: 2,
                    text: format!("{j}. Nhiệm vụ {}.{j}", i + 1),
                });
                body.push(Block::Paragraph(vec![Run::plain(para)]));
                body.push(Block::Heading {
                    level: 3,
                    text: "a) Phòng Văn hóa - Xã hội".into(),
                });
                body.push(Block::Paragraph(vec![
                    Run::plain("- Tổng hợp hồ sơ đánh giá các tiêu chí xã phù hợp với trẻ em gửi về UBND xã, "),
                    Run { text: "trước ngày 10/11/2026".into(), bold: false, italic: true },
                    Run::plain("."),
                ]));
            }
        }
        body.push(Block::Paragraph(vec![Run::plain("Trên đây là Kế hoạch thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ năm 2026 trên địa bàn xã Quan Sơn./.")]));
        Document {
            meta: Meta { title: "KẾ HOẠCH thực hiện QĐ 06".into(), author: "ỦY BAN NHÂN DÂN XÃ QUAN SƠN".into() },
            header: Header {
                parent_authority: None,
                authority: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ QUAN SƠN".into()],
                number_line: "Số:      /KH-UBND".into(),
                place_date: "Quan Sơn, ngày      tháng 4 năm 2026".into(),
            },
            type_name: "KẾ HOẠCH".into(),
            subject: "Thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định tiêu chuẩn, trình tự đánh giá và công nhận xã, phường phù hợp với trẻ em năm 2026 trên địa bàn xã Quan Sơn".into(),
            kinh_gui: vec![],
            body,
            signature: Signature { titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()], name: "Hoàng Đức Bình".into() },
            recipients: vec!["- TT Đảng ủy;".into(), "- TT HĐND xã;".into(), "- Chủ tịch, các PCT UBND xã;".into(), "- Lưu: VT, VHXH.".into()],
            left_signature: None,
            annex: None,
        }
    }

    fn f() -> Frame {
        Frame::a4()
    }

    #[test]
    fn sample_spans_pages_within_the_frame() {
        let pages = layout_document(&sample_document());
        assert!(pages.pages.len() >= 3, "{} pages", pages.pages.len());
        for p in &pages.pages {
            for t in &p.texts {
                assert!(
                    t.x >= f().left - 0.01 && t.right() <= f().right() + 0.5,
                    "{t:?}"
                );
                assert!(t.y <= f().bottom + 0.01, "{t:?}");
            }
        }
    }

    #[test]
    fn pages_serialise_for_the_preview() {
        let json = serde_json::to_string(&layout_document(&sample_document())).unwrap();
        assert!(json.contains(r#""face":"bold-italic""#));
        assert!(json.contains(r#""text":"Nơi nhận:""#));
        assert!(json.contains(r#""word_spacing":"#));
    }

    #[test]
    fn page_numbers_from_page_two_only() {
        let pages = layout_document(&sample_document());
        let in_margin = |p: &Page| {
            p.texts
                .iter()
                .filter(|t| t.y < f().top)
                .map(|t| t.text.clone())
                .collect::<Vec<_>>()
        };
        assert!(in_margin(&pages.pages[0]).is_empty());
        for p in &pages.pages[1..] {
            assert_eq!(in_margin(p), vec![p.number.to_string()]);
        }
    }

    /// Indices, among a page's body lines, of those set in a heading face at heading size.
    fn is_heading_line(p: &Page, y: f32) -> bool {
        let line: Vec<&TextPiece> = p.texts.iter().filter(|t| t.y == y).collect();
        line.iter().all(|t| t.face == FontFace::Bold)
            || line.iter().all(|t| t.text.starts_with("a)"))
    }

    #[test]
    fn heading_is_never_last_on_a_page() {
        // Shift the content line by line so that every heading meets a page bottom once.
        for pad in 0..40 {
            let mut doc = sample_document();
            for _ in 0..pad % 8 {
                doc.body
                    .insert(0, Block::Basis("Căn cứ Luật Trẻ em năm 2016;".into()));
            }
            if pad >= 8 {
                doc.body.insert(
                    0,
                    Block::Paragraph(vec![Run::plain("Xin chào ".repeat(pad * 3))]),
                );
            }
            let pages = layout_document(&doc);
            for p in &pages.pages[..pages.pages.len() - 1] {
                let last_y = p.texts.iter().map(|t| t.y).fold(f32::MIN, f32::max);
                assert!(
                    !is_heading_line(p, last_y),
                    "pad {pad}: page {} ends with a heading",
                    p.number
                );
            }
        }
    }

    #[test]
    fn signature_block_never_alone() {
        // About one more body line per step, over more than a page, so the closing block meets
        // the page bottom in every possible way.
        for pad in 0..55 {
            let mut doc = sample_document();
            doc.body.insert(
                0,
                Block::Paragraph(vec![Run::plain("Xin chào ".repeat(pad * 8 + 1))]),
            );
            let pages = layout_document(&doc);
            let last = pages.pages.last().unwrap();
            let mut ys: Vec<f32> = last
                .texts
                .iter()
                .filter(|t| t.size == 14.0 && t.face == FontFace::Regular && t.y > f().top)
                .map(|t| t.y)
                .collect();
            ys.dedup();
            let body_lines = ys.len();
            assert!(
                body_lines >= 2,
                "pad {pad}: the closing block has {body_lines} body lines before it"
            );
            assert!(last.texts.iter().any(|t| t.text == "Hoàng Đức Bình"));
            assert!(last.texts.iter().any(|t| t.text == "Nơi nhận:"));
        }
    }

    #[test]
    fn degenerate_documents_lay_out() {
        let mut doc = sample_document();
        doc.body.clear();
        doc.subject.clear();
        doc.recipients.clear();
        doc.signature = Signature::default();
        doc.header.authority.clear();
        let pages = layout_document(&doc);
        assert_eq!(pages.pages.len(), 1);
        doc.recipients = (0..200)
            .map(|i| {
                format!("- Nơi nhận số {i} với một tên rất dài để xuống dòng trong cột bên trái;")
            })
            .collect();
        doc.body = vec![
            Block::Paragraph(vec![Run::plain("x".repeat(5000))]),
            Block::Paragraph(vec![]),
        ];
        let pages = layout_document(&doc);
        assert!(pages.pages.len() > 5);
        for p in &pages.pages {
            for t in &p.texts {
                assert!(t.y <= f().bottom + 0.01 && t.right() <= f().right() + 0.5);
            }
        }
    }
}
