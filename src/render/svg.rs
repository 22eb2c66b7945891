//! SVG pages for the app's live preview: the same `Pages` the PDF writer draws, piece by
//! piece, so the preview breaks lines and pages exactly where the printout does.
//!
//! The UI ships the same Liberation Serif files (`assets/fonts/`) under the family name
//! "Tre Serif". Kerning and ligatures are switched off because the layout measured plain
//! advances, as the PDF draws them.

use std::fmt::Write;

use crate::document::Document;
use crate::layout::{layout_document, FontFace, Page, Pages};

/// Font family the UI declares with @font-face over the bundled files.
pub const FONT_FAMILY: &str = "Tre Serif";

/// One SVG document per page.
pub fn svg_pages(doc: &Document) -> Vec<String> {
    let pages = layout_document(doc);
    pages.pages.iter().map(|p| page_svg(&pages, p)).collect()
}

pub fn page_svg(pages: &Pages, page: &Page) -> String {
    let (w, h) = (pages.width, pages.height);
    let mut s = String::with_capacity(64 * page.texts.len() + 512);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.2} {h:.2}" width="{w:.2}pt" height="{h:.2}pt" data-page="{n}"><style>text{{font-family:'{FONT_FAMILY}','Liberation Serif','Times New Roman',serif;font-kerning:none;font-variant-ligatures:none;white-space:pre}}</style><rect width="100%" height="100%" fill="#fff"/>"##,
        n = page.number
    );
    for t in &page.texts {
        let (weight, style) = match t.face {
            FontFace::Regular => ("normal", "normal"),
            FontFace::Bold => ("bold", "normal"),
            FontFace::Italic => ("normal", "italic"),
            FontFace::BoldItalic => ("bold", "italic"),
        };
        let _ = write!(
            s,
            r#"<text x="{:.2}" y="{:.2}" font-size="{}" font-weight="{weight}" font-style="{style}""#,
            t.x, t.y, t.size
        );
        if t.word_spacing != 0.0 {
            let _ = write!(s, r#" word-spacing="{:.3}""#, t.word_spacing);
        }
        s.push_str(r#" xml:space="preserve">"#);
        if t.word_spacing != 0.0 {
            // CSS word spacing also widens a no-break space, which layout (and the PDF)
            // does not stretch: keep it at its natural width.
            for (i, part) in t.text.split('\u{a0}').enumerate() {
                if i > 0 {
                    s.push_str("<tspan word-spacing=\"0\">\u{a0}</tspan>");
                }
                escape_into(&mut s, part);
            }
        } else {
            escape_into(&mut s, &t.text);
        }
        s.push_str("</text>");
    }
    for r in &page.rules {
        let _ = write!(
            s,
            r##"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#000" stroke-width="{}"/>"##,
            r.x1, r.y1, r.x2, r.y2, r.thickness
        );
    }
    s.push_str("</svg>");
    s
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{demo::demo_commune, document::plan_document, template};

    #[test]
    fn one_svg_per_page_with_escaped_text() {
        let c = demo_commune();
        let mut plan = template::get("qd06")
            .unwrap()
            .instantiate(&c, 2026)
            .unwrap();
        plan.intro = "A < B & \"C\"".into();
        let svgs = svg_pages(&plan_document(&plan, &c));
        assert_eq!(
            svgs.len(),
            crate::layout::layout_document(&plan_document(&plan, &c))
                .pages
                .len()
        );
        assert!(svgs[0].starts_with("<svg") && svgs[0].ends_with("</svg>"));
        assert!(svgs[0].contains("A &lt; B &amp; &quot;C&quot;"));
        assert!(svgs[0].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    }
}
