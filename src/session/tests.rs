//! The app's commands as the shell calls them, on a temporary database.

use super::*;
use crate::assess::view::Overview;
use crate::assess::OFFICER;
use crate::check::Finding;
use crate::document::assessment::AssessmentKind;
use crate::export::ExportFormat;

#[test]
fn the_app_flow_from_empty_to_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    assert!(s.commune_get().unwrap().is_none());
    assert_eq!(s.plan_new(2027, "qd06").unwrap_err().code(), "no-commune");
    let mut c = Commune::new("Tân Lập", "Tuyên Quang");
    c.name = String::new();
    assert_eq!(s.commune_set(&c).unwrap_err().code(), "invalid");
    s.commune_set(&Commune::new("Tân Lập", "Tuyên Quang"))
        .unwrap();
    assert_eq!(s.templates_list().len(), 4);
    let id = s.plan_new(2027, "qd06").unwrap();
    let mut plan = s.plan_get(id).unwrap().plan;
    plan.sections[0].title = "Lồng ghép các hoạt động".into();
    s.plan_update(id, &plan).unwrap();
    let pages = s.plan_preview(&plan).unwrap();
    assert!(pages.len() >= 2);
    assert!(pages[0].svg.contains("LỒNG GHÉP CÁC HOẠT ĐỘNG"));
    s.undo().unwrap();
    assert_eq!(
        s.plan_get(id).unwrap().plan.sections[0].title,
        "MỤC ĐÍCH, YÊU CẦU"
    );
    let copy = s.plan_copy(id, 2028).unwrap();
    assert_eq!(s.plans_list(Some(2028)).unwrap()[0].id, copy);
    let next_year = s.deadlines(2028).unwrap();
    assert_eq!(next_year.iter().filter(|d| d.source == "plan").count(), 2);
    // A year being planned also lists the self-assessment's four steps.
    assert_eq!(next_year.iter().filter(|d| d.step.is_some()).count(), 4);
    s.plan_delete(copy).unwrap();
    assert!(s.plans_list(Some(2028)).unwrap().is_empty());
}

#[test]
fn an_imported_file_becomes_a_checked_plan_and_a_bad_one_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    s.commune_set(&Commune::new("Tân Lập", "Tuyên Quang"))
        .unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-corpus");
    assert!(s.plan_import(&corpus.join("binary.bin")).is_err());
    assert!(s.plans_list(None).unwrap().is_empty());
    let file = corpus.join("header-two-columns.txt");
    let got = s.plan_import(&file).unwrap();
    let stored = s.plan_get(got.id).unwrap();
    assert_eq!(stored.template, "imported");
    let expected = crate::import::import_file(&file).unwrap();
    assert_eq!(stored.plan, expected.plan);
    assert_eq!(got.warnings, expected.warnings);
    // Checked as `tre check FILE` checks it: the model's rules and the text's.
    assert_eq!(got.findings, s.check_file(&file).unwrap());
    let codes: Vec<&str> = got.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["foreign-place"], "{:?}", got.findings);
}

#[test]
fn plans_are_checked_and_copies_checked_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    s.commune_set(&Commune::new("Tân Lập", "Tuyên Quang"))
        .unwrap();
    let id = s.plan_new(2027, "qd06").unwrap();
    // The profile names no leader yet: the plan has no signer, and the copy says so too.
    let codes = |f: &[Finding]| f.iter().map(|f| f.code.clone()).collect::<Vec<_>>();
    assert_eq!(
        codes(&s.plan_check(id).unwrap()),
        vec!["signer-name-missing"]
    );
    let copied = s.plan_copy_checked(id, 2028).unwrap();
    assert_eq!(s.plan_get(copied.id).unwrap().plan.date.year, 2028);
    assert_eq!(codes(&copied.findings), vec!["signer-name-missing"]);
    let mut draft = s.plan_get(id).unwrap().plan;
    draft.signer.name = "Đỗ Minh Khoa".into();
    assert!(s.plan_check_draft(&draft).unwrap().is_empty());
}

#[test]
fn assessment_documents_go_to_the_export_folder_under_ascii_names() {
    let dir = tempfile::tempdir().unwrap();
    // The only test that sets the variable, so parallel tests do not race on it.
    std::env::set_var(EXPORT_DIR_ENV_VAR, dir.path().join("ra"));
    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    s.demo_load(2026).unwrap();
    let out = s
        .assessment_export(AssessmentKind::Report, 2026, ExportFormat::Pdf)
        .unwrap();
    assert_eq!(
        out,
        dir.path()
            .join("ra")
            .join("2026_MinhHoa_BC-tu-danh-gia-xa-phu-hop-tre-em.pdf")
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let docx = s
        .assessment_export(AssessmentKind::Minutes, 2026, ExportFormat::Docx)
        .unwrap();
    assert!(docx.ends_with("2026_MinhHoa_BB-hop-danh-gia-xa-phu-hop-tre-em.docx"));
    // The demo's verdict is provisional: no proposal, and nothing written.
    let e = s
        .assessment_export(AssessmentKind::Proposal, 2026, ExportFormat::Pdf)
        .unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(!dir
        .path()
        .join("ra")
        .join("2026_MinhHoa_TTr-de-nghi-cong-nhan-xa-phu-hop-tre-em.pdf")
        .exists());
    std::env::remove_var(EXPORT_DIR_ENV_VAR);
}

#[test]
fn the_assessment_page_scores_each_change_and_refuses_impossible_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    s.demo_load(2026).unwrap();
    let before = s.assessment_overview(2026).unwrap();
    let crit = |ov: &Overview, code: &str| {
        ov.scored
            .criteria
            .iter()
            .find(|c| c.code == code)
            .unwrap()
            .clone()
    };
    assert!(!crit(&before, "3").complete);
    let edit = |code: &str| AssessmentEdit {
        code: code.into(),
        ..Default::default()
    };

    // 3.1: no case this year, points by the province's guidance.
    let mut e = edit("3.1");
    e.value = Some("0".into());
    e.points = Some("40".into());
    e.reason = Some("Theo hướng dẫn của Sở Y tế".into());
    let ov = s.assessment_set(2026, &e).unwrap();
    let c3 = crit(&ov, "3");
    assert!(c3.complete && c3.met, "{c3:?}");
    assert_eq!(ov.scored.total, before.scored.total + 40.0);
    assert!(!ov
        .scored
        .verdict
        .reasons
        .iter()
        .any(|r| r.starts_with("Tiêu chí 3 ")));
    assert_eq!(ov.assessment.entries["3.1"].by, OFFICER);

    // 416/415 is refused with the core's message and nothing is written.
    let mut e = edit("7.1");
    e.value = Some("416/415".into());
    let err = s.assessment_set(2026, &e).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("trên 100 %"), "{err}");
    let after = s.assessment_overview(2026).unwrap();
    assert_eq!(after.assessment, ov.assessment);
    // Points without a reason, and points typed wrongly, are refused too.
    let mut e = edit("5.1");
    e.points = Some("12,5".into());
    assert!(s
        .assessment_set(2026, &e)
        .unwrap_err()
        .to_string()
        .contains("lý do"));
    e.points = Some("mười".into());
    e.reason = Some("Hội nghị".into());
    assert!(s
        .assessment_set(2026, &e)
        .unwrap_err()
        .to_string()
        .contains("không phải số điểm"));

    // An empty points field clears the hand points: criterion 3 waits for points again.
    let mut e = edit("3.1");
    e.points = Some(String::new());
    let ov = s.assessment_set(2026, &e).unwrap();
    assert!(!crit(&ov, "3").complete);
    assert_eq!(ov.scored.total, before.scored.total);
    assert_eq!(
        s.history(1).unwrap()[0].summary,
        "Tự đánh giá năm 2026: 3.1: xóa điểm nhập tay"
    );

    // The commune's category must be one of the rule's; it moves the threshold.
    let cats = s.assessment_categories().unwrap();
    assert_eq!(cats.len(), 3);
    let mut c = s.commune_get().unwrap().unwrap();
    c.category = Some("nowhere".into());
    assert!(s
        .commune_set(&c)
        .unwrap_err()
        .to_string()
        .contains("disadvantaged"));
    c.category = Some("disadvantaged".into());
    s.commune_set(&c).unwrap();
    assert_eq!(
        s.assessment_overview(2026)
            .unwrap()
            .scored
            .verdict
            .threshold,
        800.0
    );
}

#[test]
fn the_app_builds_and_verifies_a_dossier_and_writes_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    s.demo_load(2026).unwrap();
    let out = dir.path().join("xuat");
    let mut seen = Vec::new();
    let drafts = crate::dossier::Options {
        drafts: true,
        docx: true,
        ..Default::default()
    };
    // The demo has no signed copies: without drafts asked for, the build stops.
    let err = s.dossier_build(2026, &out, Default::default(), &mut |_| {});
    assert_eq!(err.unwrap_err().code(), "missing-signed-copies");
    let r = s
        .dossier_build(2026, &out, drafts, &mut |p| seen.push((p.done, p.total)))
        .unwrap();
    assert_eq!(r.parts.len(), 1);
    let part = &r.parts[0];
    assert_eq!(
        part.zip,
        out.join("2026_MinhHoa_Ho-so-xa-phu-hop-tre-em.zip")
    );
    assert_eq!(
        part.eml,
        out.join("2026_MinhHoa_Ho-so-xa-phu-hop-tre-em.eml")
    );
    assert_eq!(
        part.email_bytes,
        std::fs::metadata(&part.eml).unwrap().len()
    );
    // 4 plans, report, minutes, notice, annex as PDF and DOCX, the XLSX; no proposal yet.
    assert_eq!(r.files.len(), 17);
    assert!(
        r.warnings[0].contains("thư điện tử của cơ quan cấp trên"),
        "{:?}",
        r.warnings
    );
    let (done, total) = *seen.last().unwrap();
    assert_eq!(done, total);
    let report = Session::dossier_verify(std::slice::from_ref(&part.zip)).unwrap();
    assert!(report.intact(), "{report:?}");
    assert_eq!(report.files, 17);
    let ics = dir.path().join("han.ics");
    let n = s.deadlines_ics(2026, &ics).unwrap();
    let text = std::fs::read_to_string(&ics).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), n);
    assert_eq!(n, s.deadlines(2026).unwrap().len());
}

#[test]
fn the_export_folder_can_be_set_by_env_and_is_created_on_export() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chia se").join("Tre");
    assert_eq!(
        export_dir_with(Some(target.clone().into())).unwrap(),
        target
    );
    // Empty means "not set"; a relative path is made absolute.
    assert!(export_dir_with(Some("  ".into())).unwrap().ends_with("Tre"));
    assert!(export_dir_with(Some("ra".into())).unwrap().is_absolute());

    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    s.commune_set(&Commune::new("Tân Lập", "Tuyên Quang"))
        .unwrap();
    let id = s.plan_new(2027, "qd06").unwrap();
    let out = target.join("2027_TanLap_KH.pdf");
    assert!(!target.exists());
    assert_eq!(
        s.export_plan(id, ExportFormat::Pdf, &out).unwrap(),
        vec![out.clone()]
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
}

#[test]
fn export_names_are_the_dossiers_and_twins_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::open(&dir.path().join("t.db")).unwrap();
    let ids = s.demo_load(2026).unwrap();
    let twin = s.plan_copy(ids[0], 2026).unwrap();
    let first = s.plan_file_name(ids[0], ExportFormat::Pdf).unwrap();
    let second = s.plan_file_name(twin, ExportFormat::Pdf).unwrap();
    // Twins each carry a mark of their own: the number, the id while there is none (a copy
    // starts unnumbered).
    assert_eq!(first, "2026_MinhHoa_KH-xa-phu-hop-tre-em-so-15.pdf");
    assert_eq!(
        second,
        format!("2026_MinhHoa_KH-xa-phu-hop-tre-em-du-thao-{twin}.pdf")
    );

    // The dossier carries the same names, so the officer finds the same file twice.
    let drafts = crate::dossier::Options {
        drafts: true,
        ..Default::default()
    };
    let r = s
        .dossier_build(2026, dir.path(), drafts, &mut |_| {})
        .unwrap();
    let names: Vec<&str> = r.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&first.as_str()) && names.contains(&second.as_str()),
        "{names:?}"
    );
    let report = s
        .assessment_file_name(AssessmentKind::Report, 2026, "pdf")
        .unwrap();
    assert!(names.contains(&report.as_str()), "{report} in {names:?}");
    assert_eq!(
        s.plan_file_name(999, ExportFormat::Pdf).unwrap_err().code(),
        "plan-not-found"
    );
}
