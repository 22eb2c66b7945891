//! The documents say what the assessment says: every figure, point and date comes from the
//! overview, blanks stay blanks, and a proposal is refused when the verdict does not hold.

use super::*;
use crate::assess::view::build;
use crate::assess::{Assessment, IssuedDoc, ManualPoints};
use crate::catalog::{fmt_points, Catalog};
use crate::demo::{demo_assessment, demo_commune};
use crate::document::Block;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// The demo commune's assessment, completed with points for every pending criterion so the
/// verdict is "recognised".
pub fn recognised() -> (Overview, Commune) {
    let c = demo_commune();
    let cat = Catalog::builtin().unwrap();
    let mut a = demo_assessment(&c, 2026);
    for (code, p) in [
        ("2", 90.0),
        ("3", 80.0),
        ("4", 80.0),
        ("5", 60.0),
        ("8", 60.0),
        ("9", 50.0),
        ("10", 50.0),
        ("11", 50.0),
        ("12", 50.0),
        ("13", 40.0),
    ] {
        a.criterion_points.insert(
            code.into(),
            ManualPoints {
                points: p,
                reason: "Theo hướng dẫn chấm điểm của Sở Y tế".into(),
            },
        );
    }
    a.meeting.votes_for = Some(15);
    a.meeting.votes_total = Some(15);
    let ov = build(&c, &cat, a, today());
    assert!(ov.scored.verdict.recognised, "{:?}", ov.scored.verdict);
    (ov, c)
}

fn pending() -> (Overview, Commune) {
    let c = demo_commune();
    let a = demo_assessment(&c, 2026);
    (build(&c, &Catalog::builtin().unwrap(), a, today()), c)
}

fn text(d: &Document) -> String {
    d.plain_lines().join("\n")
}

#[test]
fn every_kind_builds_with_its_symbol_and_signer() {
    let (ov, c) = recognised();
    for kind in AssessmentKind::ALL {
        let d = assessment_document(kind, &ov, &c, &[]).unwrap();
        let t = text(&d);
        if kind == AssessmentKind::Assessment {
            assert!(d.annex.is_some());
            assert!(t.contains("(Kèm theo Báo cáo số       /BC-UBND ngày      tháng      năm 2026 của Ủy ban nhân dân xã Minh Hòa)"), "{t}");
            continue;
        }
        assert!(
            d.header
                .number_line
                .ends_with(&format!("/{}", kind.symbol())),
            "{kind:?}"
        );
        assert_eq!(d.type_name, kind.type_name());
        assert!(t.contains("Nguyễn Văn Thành"), "{kind:?}");
        assert!(d
            .body
            .iter()
            .all(|b| !matches!(b, Block::Paragraph(r) if r.is_empty())));
        // The body ends with the closing mark of Nghị định 30.
        let last = d.body.last().unwrap();
        assert!(matches!(last, Block::Paragraph(r) if r.last().unwrap().text.ends_with("./.")));
    }
}

#[test]
fn report_names_figures_units_sources_and_plans() {
    let (ov, c) = recognised();
    let mut plan = crate::template::get("qd06")
        .unwrap()
        .instantiate(&c, 2026)
        .unwrap();
    plan.number = Some("15".into());
    plan.date.day = Some(8);
    let d = assessment_document(AssessmentKind::Report, &ov, &c, &[plan]).unwrap();
    let t = text(&d);
    assert_eq!(d.kinh_gui, vec!["Sở Y tế tỉnh Phú Thọ."]);
    assert_eq!(d.recipients.first().unwrap(), "- Như trên;");
    assert_eq!(d.recipients.last().unwrap(), "- Lưu: VT, VHXH.");
    assert!(
        !d.recipients.iter().any(|r| r.contains("Sở Y tế")),
        "{:?}",
        d.recipients
    );
    assert!(
        t.contains("Kế hoạch số 15/KH-UBND ngày 08/4/2026 về thực hiện Quyết định số 06/QĐ-TTg")
    );
    assert!(t.contains("412/415 (99,28\u{a0}%), tự chấm 50/50 điểm (nguồn số liệu: Sổ tiêm chủng mở rộng, Trạm Y tế xã)."), "{t}");
    assert!(t.contains("Điểm của các chỉ số 1.3, 1.4 và các tiêu chí 2, 3, 4, 5, 8, 9, 10, 11, 12, 13 được chấm bằng tay"), "{t}");
    // Every criterion's points, as scored.
    for cr in &ov.scored.criteria {
        assert!(
            t.contains(&format!("\nTiêu chí {}: {}\n", cr.code, cr.name)),
            "{}",
            cr.code
        );
        assert!(t.contains(&format!("Kết quả: {}", super::common::points_text(cr))));
        assert_eq!(
            t.contains(&format!(
                "Kết quả: {} (chấm trực tiếp cho cả tiêu chí), đạt.",
                super::common::points_text(cr)
            )),
            cr.manual.is_some()
        );
    }
    assert!(t.contains(&format!(
        "Tổng điểm tự đánh giá: {} điểm",
        fmt_points(ov.scored.total)
    )));
    assert!(t.contains("đạt chuẩn xã phù hợp với trẻ em năm 2026"));
    assert!(t.contains("xem xét, thẩm định và công nhận"));
    assert!(
        d.header.place_date.contains("tháng 11 năm 2026"),
        "{}",
        d.header.place_date
    );
}

#[test]
fn pending_report_says_so_and_the_proposal_is_refused() {
    let (ov, c) = pending();
    let t = text(&assessment_document(AssessmentKind::Report, &ov, &c, &[]).unwrap());
    assert!(
        t.contains("Chưa đủ căn cứ để kết luận xã Minh Hòa đạt chuẩn"),
        "{t}"
    );
    assert!(t.contains("còn 2 đơn vị chưa gửi đủ số liệu: Công an xã (chỉ số 3.1, 4.1); Trường Mầm non Minh Hòa (chỉ số 10.1)"), "{t}");
    assert!(!t.contains("xem xét, thẩm định và công nhận"));
    let e = assessment_document(AssessmentKind::Proposal, &ov, &c, &[]).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("Chưa lập được Tờ trình"), "{msg}");
    assert!(msg.contains("Tiêu chí 3 chưa đủ số liệu"), "{msg}");
    let six = text(&assessment_document(AssessmentKind::Report6m, &ov, &c, &[]).unwrap());
    assert!(six.contains("6 tháng đầu năm 2026"));
    assert!(six.contains("IV. NHIỆM VỤ 6 THÁNG CUỐI NĂM"));
    assert!(six.contains("trước ngày 10/11/2026"), "{six}");
}

#[test]
fn minutes_have_two_signers_the_vote_and_blanks_to_fill() {
    let (mut ov, c) = recognised();
    let d = assessment_document(AssessmentKind::Minutes, &ov, &c, &[]).unwrap();
    let t = text(&d);
    assert!(t.contains("Vào hồi 08 giờ 00, ngày 12 tháng 11 năm 2026, tại Hội trường Ủy ban nhân dân xã Minh Hòa"), "{t}");
    assert!(t.contains("15/15 đại biểu có mặt tán thành"));
    assert!(t.contains("Cuộc họp kết thúc vào hồi 10 giờ 30, ngày 12 tháng 11 năm 2026."));
    assert_eq!(d.left_signature.as_ref().unwrap().name, "Đinh Thị Lan");
    assert_eq!(d.signature.titles, vec!["CHỦ TRÌ"]);
    assert!(d.recipients.is_empty());
    assert_eq!(d.header.place_date, "Minh Hòa, ngày 12 tháng 11 năm 2026");
    // Not yet recorded: dots to write on, never a guess.
    ov.assessment.meeting.votes_for = None;
    ov.assessment.meeting.start.clear();
    ov.assessment.meeting.date = None;
    let t = text(&assessment_document(AssessmentKind::Minutes, &ov, &c, &[]).unwrap());
    assert!(t.contains("……/…… đại biểu"), "{t}");
    assert!(t.contains("Vào hồi ……, ngày …… tháng …… năm 2026"), "{t}");
}

#[test]
fn numbers_and_dates_come_from_the_assessment() {
    let (mut ov, c) = recognised();
    ov.assessment.documents.insert(
        "report".into(),
        IssuedDoc {
            number: Some("7".into()),
            date: Some("2026-11-13".into()),
        },
    );
    ov.assessment.documents.insert(
        "minutes".into(),
        IssuedDoc {
            number: Some("3".into()),
            date: Some("2026-11-12".into()),
        },
    );
    let d = assessment_document(AssessmentKind::Report, &ov, &c, &[]).unwrap();
    assert_eq!(d.header.number_line, "Số: 07/BC-UBND");
    assert_eq!(d.header.place_date, "Minh Hòa, ngày 13 tháng 11 năm 2026");
    let a = assessment_document(AssessmentKind::Assessment, &ov, &c, &[]).unwrap();
    assert_eq!(
        a.annex.unwrap().reference,
        "(Kèm theo Báo cáo số 07/BC-UBND ngày 13 tháng 11 năm 2026 của Ủy ban nhân dân xã Minh Hòa)"
    );
    let t = text(&assessment_document(AssessmentKind::Proposal, &ov, &c, &[]).unwrap());
    assert!(
        t.contains("Báo cáo số 07/BC-UBND ngày 13/11/2026 về kết quả thực hiện"),
        "{t}"
    );
    assert!(
        t.contains("biên bản số 03/BB-UBND ngày 12/11/2026 về họp đánh giá"),
        "{t}"
    );
}

#[test]
fn annex_table_has_a_row_per_criterion_and_item() {
    let (ov, c) = recognised();
    let d = assessment_document(AssessmentKind::Assessment, &ov, &c, &[]).unwrap();
    let table = d
        .body
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap();
    let items: usize = ov.scored.criteria.iter().map(|c| c.items.len()).sum();
    assert_eq!(table.rows.len(), ov.scored.criteria.len() + items + 1);
    assert_eq!(table.header.len(), table.columns.len());
    let vacc = table.rows.iter().find(|r| r.cells[0] == "7.1").unwrap();
    assert_eq!(vacc.cells[2], "412/415 (99,28\u{a0}%)");
    let crit7 = table.rows.iter().find(|r| r.cells[0] == "7").unwrap();
    assert!(crit7.bold && crit7.keep_with_next);
    assert_eq!(vacc.cells[4..], ["50".to_string(), "50".to_string()]);
    let total = table.rows.last().unwrap();
    assert_eq!(total.cells[5], fmt_points(ov.scored.total));
    assert!(d.signature.name.is_empty() && d.recipients.is_empty());
}

#[test]
fn notice_posts_for_the_set_days() {
    let (mut ov, c) = recognised();
    let t = text(&assessment_document(AssessmentKind::Notice, &ov, &c, &[]).unwrap());
    assert!(
        t.contains("trong thời gian 05 ngày, kể từ ngày 13 tháng 11 năm 2026"),
        "{t}"
    );
    assert!(t.contains("(qua Phòng Văn hóa - Xã hội)"));
    ov.schedule.notice_days = Some(10);
    let d = assessment_document(AssessmentKind::Notice, &ov, &c, &[]).unwrap();
    assert!(text(&d).contains("trong thời gian 10 ngày"));
    assert!(d.kinh_gui.is_empty());
    assert_eq!(d.recipients.last().unwrap(), "- Lưu: VT, VHXH.");
}

#[test]
fn kinds_and_file_names() {
    let c = demo_commune();
    assert_eq!(
        crate::dossier::names::assessment_file_name(AssessmentKind::Report6m, 2026, &c, "pdf"),
        "2026_MinhHoa_BC-6-thang-dau-nam.pdf"
    );
    assert_eq!(crate::dossier::names::camel("Đồng Xuân  Ỷ"), "DongXuanY");
    for k in AssessmentKind::ALL {
        assert_eq!(AssessmentKind::from_key(k.key()).unwrap(), k);
    }
    assert!(AssessmentKind::from_key("plan").is_err());
    let _ = Assessment::new(2026);
}

/// The yearly report with 2024, 2025 and 2027 stored beside 2026: a table of the years up to
/// the report's, a blank where a year has no data for a criterion.
#[test]
fn yearly_report_shows_past_years_only_when_there_are_some() {
    let (mut ov, c) = recognised();
    let report_tables = |ov: &Overview, kind| -> Vec<crate::document::Table> {
        assessment_document(kind, ov, &c, &[])
            .unwrap()
            .body
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    };
    assert!(report_tables(&ov, AssessmentKind::Report).is_empty());
    let cat = Catalog::builtin().unwrap();
    let mut years = vec![ov.assessment.clone()];
    for (y, fig) in [(2024, "900/1000"), (2025, "98/100"), (2027, "1/1")] {
        let mut a = Assessment::new(y);
        let (_, item) = cat.item("7.1").unwrap();
        let value = crate::assess::figure::parse_figure(item, fig).unwrap();
        a.entries.insert(
            "7.1".into(),
            crate::assess::Entry {
                value: Some(value),
                ..Default::default()
            },
        );
        years.push(a);
    }
    ov.trends = crate::assess::trend::trends(&cat, "", &years);
    let tables = report_tables(&ov, AssessmentKind::Report);
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t.header, ["TT", "Tiêu chí", "2024", "2025", "2026"]);
    assert_eq!(t.columns.len(), t.header.len());
    let row = |code: &str| t.rows.iter().find(|r| r.cells[0] == code).unwrap();
    assert_eq!(row("7").cells[2..], ["0", "50", "50"]);
    assert_eq!(row("1").cells[2..], ["", "", "95"]);
    let total = t.rows.last().unwrap();
    assert_eq!(total.cells[1], "Tổng cộng");
    assert_eq!(total.cells[4], fmt_points(ov.scored.total));
    let words = text(&assessment_document(AssessmentKind::Report, &ov, &c, &[]).unwrap());
    assert!(words.contains("Kết quả qua các năm"), "{words}");
    // The 6-month report and the other documents do not carry it.
    assert!(report_tables(&ov, AssessmentKind::Report6m).is_empty());
}
