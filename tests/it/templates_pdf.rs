//! Each template, for two different communes and years, exports a PDF that names the right
//! commune, province, superior and year, and nothing of the communes the templates came from.

use crate::common::*;

/// Names and years of the seed documents the templates were drawn from.
const ORIGINALS: &[&str] = &[
    "Vân Nham",
    "Hữu Lũng",
    "Quan Sơn",
    "Lạng Sơn",
    "Hà Giang",
    "Hà Trung",
    "Thanh Hóa",
    "Bằng Mạc",
    "Chi Lăng",
    "Tam Đường",
    "Sâm Văn Dậu",
    "Hoàng Đức Bình",
    "Tổng Văn Trưởng",
    "Triệu Thị Diệp",
    "Vũ Xuân Thịnh",
    "đồng chí Lộc",
    "Minh Hòa",
    "Phú Thọ",
    "2022",
    "2023",
    "2024",
    "2025",
    "2026",
];

struct Case {
    kind: &'static str,
    name: &'static str,
    province: &'static str,
    vice: &'static str,
    year: &'static str,
    other_year: &'static str,
}

const CASES: [Case; 2] = [
    Case {
        kind: "xã",
        name: "Tân Lập",
        province: "Tuyên Quang",
        vice: "Đỗ Minh Khoa",
        year: "2027",
        other_year: "2031",
    },
    Case {
        kind: "phường",
        name: "Bắc Lý",
        province: "Ninh Bình",
        vice: "Phạm Thu Trang",
        year: "2031",
        other_year: "2027",
    },
];

#[test]
fn every_template_exports_a_clean_pdf_for_two_communes_and_years() {
    for case in &CASES {
        let tre = Tre::new();
        tre.ok(&[
            "commune",
            "set",
            "--name",
            case.name,
            "--province",
            case.province,
            "--kind",
            case.kind,
            "--chair",
            "Nguyễn Hữu An",
            "--vice-chair",
            case.vice,
        ]);
        let superior = format!("Sở Y tế tỉnh {}", case.province);
        let full = format!("{} {}", case.kind, case.name);
        for template in ["qd06", "program", "early-childhood", "blank"] {
            let id = tre.ok(&["plan", "new", "--year", case.year, "--template", template]);
            let pdf = tre.path(&format!("{template}.pdf"));
            tre.ok(&[
                "export",
                "plan",
                id.trim(),
                "--format",
                "pdf",
                "--out",
                pdf.to_str().unwrap(),
            ]);
            let text = fold(&pdf_layout_text(&pdf));
            let ctx = format!("{template} for {full} {}", case.year);
            assert!(
                text.contains(&format!("{}, ngày tháng", case.name)),
                "{ctx}: date line\n{text}"
            );
            assert!(text.contains(&format!("năm {}", case.year)), "{ctx}: year");
            assert!(
                text.contains(&case.name.to_uppercase()),
                "{ctx}: authority line"
            );
            assert!(text.contains(case.vice), "{ctx}: signer");
            assert!(text.contains("Lưu: VT, VHXH."), "{ctx}: archive line");
            assert!(text.contains("Số: /KH-UBND"), "{ctx}: blank number");
            if template != "blank" {
                assert!(text.contains(&superior), "{ctx}: superior body");
                assert!(text.contains(&full), "{ctx}: commune in the text");
            }
            for original in ORIGINALS.iter().chain([&case.other_year]) {
                assert!(
                    !text.contains(original),
                    "{ctx}: stale “{original}” survived"
                );
            }
            // Nghị định 30: four faces embedded as subsets, no page number on page 1.
            let fonts = pdf_fonts(&pdf);
            assert!(
                fonts.iter().all(|(_, emb, sub)| *emb && *sub),
                "{ctx}: {fonts:?}"
            );
            let first = pdf_page_text(&pdf, 1);
            assert!(
                !first.lines().take(3).any(|l| l.trim() == "1"),
                "{ctx}: page number on page 1"
            );
            if pdf_pages(&pdf) > 1 {
                let second = pdf_page_text(&pdf, 2);
                assert_eq!(
                    second.lines().find(|l| !l.trim().is_empty()).map(str::trim),
                    Some("2"),
                    "{ctx}: page 2 number"
                );
            }
            if template != "blank" {
                assert_eq!(fonts.len(), 4, "{ctx}: {fonts:?}");
            }
        }
    }
}
