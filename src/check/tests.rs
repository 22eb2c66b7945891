//! Each rule on small plans: the mistake is found, the correct text next to it is not.

use super::*;
use crate::model::{Commune, DocDate, Leader, Section, Signer};

/// A clean plan of xã Minh Hòa; tests put one mistake into it.
fn plan(month: u32, year: i32) -> Plan {
    Plan {
        doc_type: "KẾ HOẠCH".into(),
        authority: None,
        number: None,
        symbol: "KH-UBND".into(),
        place: "Minh Hòa".into(),
        date: DocDate {
            day: None,
            month,
            year,
        },
        title: format!(
            "Thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định tiêu chuẩn, trình tự đánh giá và công nhận xã, phường phù hợp với trẻ em năm {year} trên địa bàn xã Minh Hòa"
        ),
        bases: vec![],
        intro: "Ủy ban nhân dân xã Minh Hòa xây dựng Kế hoạch như sau:".into(),
        sections: vec![Section {
            label: "I".into(),
            title: "NỘI DUNG".into(),
            paragraphs: vec![
                "1. Lồng ghép các hoạt động bảo vệ trẻ em.".into(),
                "2. Thực hiện Luật Trẻ em năm 2016 và Chương trình giai đoạn 2021-2030.".into(),
            ],
            children: vec![],
        }],
        closing: format!("Trên đây là Kế hoạch năm {year} trên địa bàn xã Minh Hòa./."),
        recipients: vec!["TT Đảng ủy".into(), "Lưu: VT, VHXH".into()],
        signer: Signer {
            titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            name: "Lê Thị Hương".into(),
        },
        deadlines: vec![],
        events: vec![],
        references: vec![],
    }
}

fn ctx() -> CheckContext {
    let mut c = Commune::new("Minh Hòa", "Phú Thọ");
    c.leaders.push(Leader {
        name: "Lê Thị Hương".into(),
        position: "Phó Chủ tịch".into(),
    });
    CheckContext::from_commune(&c)
}

fn codes(p: &Plan) -> Vec<String> {
    check_plan(p, &ctx()).into_iter().map(|f| f.code).collect()
}

fn para(p: &mut Plan, text: &str) {
    p.sections[0].paragraphs.push(text.into());
}

#[test]
fn a_clean_plan_has_no_finding() {
    for year in [2024, 2026] {
        let p = plan(4, year);
        assert!(codes(&p).is_empty(), "{:?}", check_plan(&p, &ctx()));
    }
}

#[test]
fn a_legal_date_after_the_plan_or_unlike_the_known_one() {
    let mut p = plan(3, 2023);
    p.bases.push("Thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2029 của Thủ tướng Chính phủ ban hành Quy định công nhận xã phù hợp với trẻ em".into());
    let f = &check_plan(&p, &ctx())[0];
    assert_eq!(
        (
            f.code.as_str(),
            f.severity,
            f.excerpt.as_str(),
            f.suggestion.as_deref(),
            f.section.as_str(),
            f.field.as_deref(),
            f.index
        ),
        (
            "date-future-reference",
            Severity::Error,
            "03/01/2029",
            Some("03/01/2019"),
            "preamble",
            Some("bases"),
            Some(0)
        )
    );
    let mut p = plan(3, 2023);
    para(
        &mut p,
        "Theo Quyết định số 06/QĐ-TTg ngày 03/02/2019 về xã phù hợp với trẻ em.",
    );
    assert_eq!(codes(&p), vec!["ref-date-wrong"]);
    // Another decision numbered 06/QĐ-TTg (numbers restart every year) is not that one.
    let mut p = plan(3, 2023);
    p.title = "Kế hoạch công tác trẻ em năm 2023".into();
    para(
        &mut p,
        "Theo Quyết định số 06/QĐ-TTg ngày 05/01/2022 về một việc khác.",
    );
    assert!(codes(&p).is_empty(), "{:?}", codes(&p));
}

#[test]
fn the_same_citation_with_two_dates() {
    let mut p = plan(4, 2026);
    para(
        &mut p,
        "Theo Kế hoạch số 23/KH-SYT ngày 15/01/2026 của Sở Y tế.",
    );
    para(
        &mut p,
        "Thực hiện Kế hoạch số 23/KH-SYT ngày 15/01/2026 của Sở Y tế.",
    );
    para(
        &mut p,
        "Như Kế hoạch số 23/KH-SYT ngày 16/01/2026 của Sở Y tế.",
    );
    let f = check_plan(&p, &ctx());
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].code.as_str(), f[0].suggestion.as_deref()),
        ("ref-date-inconsistent", Some("15/01/2026"))
    );
}

#[test]
fn citation_form() {
    let mut p = plan(3, 2023);
    para(
        &mut p,
        "Căn cứ Quyết định số 3944/QĐ-UBND, ngày 20/12/2021 của UBND xã Minh Hòa.",
    );
    para(
        &mut p,
        "Theo Quyết định số 06/QĐ-TTg ngày 03/01/2019 Thủ tướng Chính phủ.",
    );
    para(
        &mut p,
        "Thực hiện kế hoạch số 73/KH-UBND ngày 22/3/2023 của UBND xã Minh Hòa.",
    );
    para(
        &mut p,
        "Thực hiện Kế hoạch số 74/QĐ-UBND ngày 22/3/2023 của UBND xã Minh Hòa.",
    );
    assert_eq!(
        codes(&p),
        vec![
            "citation-comma",
            "citation-missing-of",
            "citation-type-case",
            "citation-type-symbol"
        ]
    );
}

#[test]
fn older_years_of_cited_documents_are_not_year_mismatches() {
    let mut p = plan(4, 2026);
    para(&mut p, "Theo Hướng dẫn số 604/TE-PTTG ngày 20/9/2019 của Cục Trẻ em, Bộ Lao động - Thương binh và Xã hội.");
    para(
        &mut p,
        "Phấn đấu đến năm 2030 đạt 75% xã phù hợp với trẻ em; đăng ký cho năm 2027.",
    );
    assert!(codes(&p).is_empty(), "{:?}", check_plan(&p, &ctx()));
}

#[test]
fn a_year_left_from_last_years_plan() {
    let mut p = plan(4, 2025);
    para(&mut p, "3. Tổ chức Tháng hành động vì trẻ em năm 2024.");
    p.closing = "Trên đây là Kế hoạch năm 2024 trên địa bàn xã Minh Hòa./.".into();
    let f = check_plan(&p, &ctx());
    let got: Vec<_> = f
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.severity,
                f.section.as_str(),
                f.suggestion.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("year-mismatch", Severity::Warning, "I", Some("năm 2025")),
            (
                "year-mismatch",
                Severity::Error,
                "closing",
                Some("năm 2025")
            ),
        ]
    );
}

#[test]
fn a_basis_from_the_year_before_after_a_copy() {
    let mut p = plan(3, 2024);
    p.bases.push("Thực hiện Kế hoạch số 77/KH-UBND ngày 24/02/2023 của UBND huyện Hữu Lũng về xây dựng xã phù hợp với trẻ em năm 2024".into());
    assert_eq!(codes(&p), vec!["ref-outdated-basis"]);
    // Issued in December for the next year: right.
    let mut p = plan(3, 2022);
    p.bases.push("Căn cứ Quyết định số 3944/QĐ-UBND ngày 20/12/2021 của UBND huyện về giao chỉ tiêu năm 2022".into());
    assert!(codes(&p).is_empty(), "{:?}", codes(&p));
}

#[test]
fn the_district_before_and_after_the_reform() {
    for (month, year, expected) in [
        (4, 2024, vec![]),
        (6, 2025, vec![]),
        (7, 2025, vec!["body-abolished", "body-abolished"]),
        (4, 2026, vec!["body-abolished", "body-abolished"]),
    ] {
        let mut p = plan(month, year);
        para(
            &mut p,
            "4. Báo cáo kết quả về UBND huyện (qua Phòng LĐTBXH).",
        );
        assert_eq!(codes(&p), expected, "{month}/{year}");
    }
    let mut p = plan(4, 2026);
    p.recipients.insert(0, "Phòng LĐTBXH-DT huyện (b/c)".into());
    let f = &check_plan(&p, &ctx())[0];
    assert_eq!(
        (
            f.excerpt.as_str(),
            f.suggestion.as_deref(),
            f.section.as_str()
        ),
        (
            "Phòng LĐTBXH-DT huyện",
            Some("Sở Y tế tỉnh Phú Thọ"),
            "recipients"
        )
    );
}

#[test]
fn another_communes_name_or_signer() {
    let mut p = plan(4, 2026);
    para(&mut p, "5. Phối hợp với các thôn trên địa bàn xã Vân Nham.");
    p.signer.name = "Sâm Văn Dậu".into();
    let f = check_plan(&p, &ctx());
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.code.as_str(), f.excerpt.as_str(), f.suggestion.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("foreign-commune", "xã Vân Nham", Some("xã Minh Hòa")),
            ("signer-not-leader", "Sâm Văn Dậu", Some("Lê Thị Hương")),
        ]
    );
    // Without a profile the plan's place is the commune's name.
    let f = check_plan(&p, &CheckContext::default());
    assert_eq!(f[0].code, "foreign-commune");
}

#[test]
fn a_plan_borrowed_from_another_commune() {
    // The officer of xã Minh Hòa imports the plan of xã Vân Nham: its place line and its
    // "xã Vân Nham" are both the neighbour's, and neither may count as the commune's own.
    let mut p = plan(4, 2026);
    p.place = "Vân Nham".into();
    p.title = p.title.replace("xã Minh Hòa", "xã Vân Nham");
    para(&mut p, "5. Phối hợp với các thôn trên địa bàn xã Vân Nham.");
    let f = check_plan(&p, &ctx());
    let got: Vec<_> = f
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.section.as_str(),
                f.field.as_deref(),
                f.excerpt.as_str(),
                f.suggestion.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "foreign-place",
                "header",
                Some("place"),
                "Vân Nham",
                Some("Minh Hòa")
            ),
            // After the cited decision's date, but "trên địa bàn" is the plan's own ground.
            (
                "foreign-commune",
                "preamble",
                Some("title"),
                "xã Vân Nham",
                Some("xã Minh Hòa")
            ),
            (
                "foreign-commune",
                "I",
                Some("paragraphs"),
                "xã Vân Nham",
                Some("xã Minh Hòa")
            ),
        ]
    );
    assert!(f[0].message.contains("xã Minh Hòa"), "{}", f[0].message);
    // Written in another case or in NFD, the own place is still the own place.
    p.place = "minh ho\u{300}a".into();
    assert!(!codes(&p).contains(&"foreign-place".to_string()));
    // Without a profile there is nothing to compare the place with.
    p.place = "Vân Nham".into();
    let f = check_plan(&p, &CheckContext::default());
    assert!(f.iter().all(|f| f.code != "foreign-place"), "{f:?}");
}

#[test]
fn form_of_nd30() {
    let mut p = plan(4, 2026);
    p.doc_type = "BÁO CÁO".into();
    p.place = String::new();
    p.signer = Signer::default();
    p.recipients = vec!["TT Đảng ủy".into()];
    p.title = String::new();
    assert_eq!(
        codes(&p),
        vec![
            "doc-type-symbol",
            "place-missing",
            "subject-missing",
            "recipients-archive",
            "signer-title-missing",
            "signer-name-missing"
        ]
    );
}

#[test]
fn source_check_reports_a_mistake_once() {
    let mut p = plan(4, 2026);
    para(&mut p, "6. Lòng ghép các hoạt động.");
    let raw = "Số: /KH-UBND\nMinh Hòa, ngày tháng 4 năm 2026\nKẾ HOẠCH\nKế hoạch năm 2026\nI. NỘI DUNG\n6. Lòng ghép các hoạt động.\nTrên đây là Kế hoạch./.\nNoi nhận:\n- TT Đảng ủy,\n- Lưu: VT, VHXH.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hương";
    let f = check_source(&p, raw, &ctx());
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.code.as_str(), f.excerpt.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("word-spelling", "Lòng ghép"),
            ("word-spelling", "Noi nhận"),
            ("recipients-punct", "- TT Đảng ủy,"),
        ]
    );
}
