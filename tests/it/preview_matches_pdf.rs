//! The live preview (SVG) and the printout (PDF) come from the same layout; this reads both
//! back — the SVG as drawn, the PDF through `pdftotext -bbox` — and checks that every page
//! has the same words on the same lines.

use crate::common::*;

use std::collections::BTreeMap;
use std::process::Command;

/// Per page: baseline (rounded to 1 pt) → words in left-to-right order.
type Lines = Vec<BTreeMap<i32, Vec<String>>>;

fn svg_lines(svgs: &[String]) -> Lines {
    svgs.iter()
        .map(|svg| {
            let mut pieces: Vec<(i32, f32, String)> = Vec::new();
            for chunk in svg.split("<text ").skip(1) {
                let attr = |name: &str| -> f32 {
                    let start = chunk
                        .find(&format!(" {name}=\""))
                        .or_else(|| chunk.find(&format!("{name}=\"")))
                        .unwrap();
                    let rest = &chunk[start..];
                    let v = rest.split('"').nth(1).unwrap();
                    v.parse().unwrap()
                };
                let text = chunk
                    .split_once('>')
                    .unwrap()
                    .1
                    .split("</text>")
                    .next()
                    .unwrap();
                let text = text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&");
                pieces.push((attr("y").round() as i32, attr("x"), text));
            }
            pieces.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut lines: BTreeMap<i32, Vec<String>> = BTreeMap::new();
            for (y, _, text) in pieces {
                lines
                    .entry(y)
                    .or_default()
                    .extend(text.split_whitespace().map(String::from));
            }
            lines
        })
        .collect()
}

fn pdf_lines(pdf: &std::path::Path) -> Lines {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let html = String::from_utf8(out.stdout).unwrap();
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let mut words: Vec<(i32, f32, String)> = Vec::new();
            for w in page.split("<word ").skip(1) {
                let num = |name: &str| -> f32 {
                    let i = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    w[i..].split('"').next().unwrap().parse().unwrap()
                };
                let (y_min, y_max, x) = (num("yMin"), num("yMax"), num("xMin"));
                // poppler's box spans ascent + descent (0.891 + 0.216 em for Liberation
                // Serif); the baseline sits the descent above its bottom.
                let baseline = y_max - (y_max - y_min) * 0.216 / 1.107;
                let text = w
                    .split_once('>')
                    .unwrap()
                    .1
                    .split("</word>")
                    .next()
                    .unwrap();
                let text = text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&");
                words.push((baseline.round() as i32, x, text));
            }
            words.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut lines: BTreeMap<i32, Vec<String>> = BTreeMap::new();
            for (y, _, text) in words {
                lines.entry(y).or_default().push(text);
            }
            lines
        })
        .collect()
}

#[test]
fn preview_and_pdf_have_the_same_lines_on_every_page() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    for id in &ids {
        let pdf = tre.path(&format!("{id}.pdf"));
        tre.ok(&[
            "export",
            "plan",
            id,
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ]);
        let svg_base = tre.path(&format!("{id}.svg"));
        tre.ok(&[
            "export",
            "plan",
            id,
            "--format",
            "svg",
            "--out",
            svg_base.to_str().unwrap(),
        ]);
        let pages = pdf_pages(&pdf) as usize;
        let svgs: Vec<String> = (1..=pages)
            .map(|n| {
                std::fs::read_to_string(tre.path(&format!("{id}-{n}.svg")))
                    .expect("one SVG per PDF page")
            })
            .collect();
        assert!(
            !tre.path(&format!("{id}-{}.svg", pages + 1)).exists(),
            "more SVG pages than PDF pages"
        );
        let (svg, pdf) = (svg_lines(&svgs), pdf_lines(&pdf));
        assert_eq!(svg.len(), pdf.len());
        for (n, (s, p)) in svg.iter().zip(&pdf).enumerate() {
            // Baselines may differ by rounding; compare the sequence of lines and their words.
            let s: Vec<&Vec<String>> = s.values().collect();
            let p: Vec<&Vec<String>> = p.values().collect();
            assert_eq!(s.len(), p.len(), "plan {id}, page {}: line count", n + 1);
            for (a, b) in s.iter().zip(&p) {
                assert_eq!(a, b, "plan {id}, page {}", n + 1);
            }
        }
    }
}
