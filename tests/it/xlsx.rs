//! The workbooks as a user and a spreadsheet see them: the score table read back by openpyxl
//! (formulas intact, cached totals equal to Tre's, print setup), the criteria catalogue sent
//! back by a province, and a unit's fill-in workbook filled by a script (as a unit would in
//! Excel) and imported: values taken in, wrong cells refused with their address, workbooks of
//! another year or commune refused, and values changed in Tre since kept as conflicts.
//!
//! openpyxl (Debian `python3-openpyxl`, installed by scripts/setup.sh) is required, like
//! poppler-utils for the PDF tests.

use crate::common::*;

use std::path::Path;

/// Runs an openpyxl `script` with `args`; returns its stdout parsed as JSON.
fn run_py(script: &str, args: &[&str]) -> serde_json::Value {
    oracles::python_json("openpyxl", script, args)
}

/// `tre export assessment --year 2026 --format … --out path`: the score table.
fn export_table(tre: &Tre, format: &str, out: &Path) {
    tre.ok(&[
        "export",
        "assessment",
        "--year",
        "2026",
        "--format",
        format,
        "--out",
        s(out),
    ]);
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn show(tre: &Tre, year: &str) -> serde_json::Value {
    serde_json::from_str(&tre.ok(&["assess", "show", "--year", year, "--json"])).unwrap()
}

fn demo(year: &str) -> Tre {
    let tre = Tre::new();
    tre.ok(&["demo", "--year", year]);
    tre
}

const READ_SCORE_TABLE: &str = r#"
import json, sys, openpyxl
f = sys.argv[1]
wb = openpyxl.load_workbook(f)
vals = openpyxl.load_workbook(f, data_only=True)
ws, wv = wb["Bảng điểm"], vals["Bảng điểm"]
rows = {}
for r in range(1, ws.max_row + 1):
    code = ws.cell(r, 1).value
    name = ws.cell(r, 2).value
    key = code if code else name
    if key:
        rows[str(key)] = {
            "row": r,
            "formula": ws.cell(r, 8).value if isinstance(ws.cell(r, 8).value, str) else None,
            "points": wv.cell(r, 8).value,
            "num": wv.cell(r, 4).value,
            "den": wv.cell(r, 5).value,
            "rate_formula": ws.cell(r, 6).value,
            "rate": wv.cell(r, 6).value,
            "max": wv.cell(r, 7).value,
            "how": wv.cell(r, 9).value,
        }
ps = ws.page_setup
print(json.dumps({
    "sheets": wb.sheetnames,
    "merged": [str(m) for m in ws.merged_cells.ranges],
    "freeze": ws.freeze_panes,
    "paper": ps.paperSize,
    "orientation": ps.orientation,
    "fit": ws.sheet_properties.pageSetUpPr.fitToPage,
    "fit_height": ps.fitToHeight,
    "print_area": ws.print_area,
    "title_rows": ws.print_title_rows,
    "font": ws.cell(12, 2).font.name,
    "texts": [str(ws.cell(r, 1).value) for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value],
    "rows": rows,
}, ensure_ascii=False))
"#;

#[test]
fn score_table_keeps_formulas_and_tres_totals() {
    let tre = demo("2026");
    let out = tre.path("bang-cham-diem.xlsx");
    export_table(&tre, "xlsx", &out);
    let book = run_py(READ_SCORE_TABLE, &[s(&out)]);
    let ov = show(&tre, "2026");

    assert_eq!(
        book["sheets"],
        serde_json::json!(["Bảng điểm", "Danh mục tiêu chí"])
    );
    let texts = book["texts"].to_string();
    assert!(texts.contains("XÃ MINH HÒA"), "{texts}");
    assert!(
        texts.contains("BẢNG CHẤM ĐIỂM TỰ ĐÁNH GIÁ XÃ PHÙ HỢP VỚI TRẺ EM NĂM 2026"),
        "{texts}"
    );
    assert!(texts.contains("(Kèm theo Báo cáo số"), "{texts}");
    assert_eq!(book["font"], "Times New Roman");

    // Every criterion's points and the total: a SUM formula whose cached value is Tre's.
    let rows = &book["rows"];
    for c in ov["criteria"].as_array().unwrap() {
        let code = c["code"].as_str().unwrap();
        let row = &rows[code];
        let f = row["formula"].as_str().unwrap_or_default();
        assert!(f.starts_with("=SUM(H"), "criterion {code}: {row}");
        assert_eq!(
            row["points"].as_f64(),
            c["points"].as_f64(),
            "criterion {code}"
        );
    }
    let total = &rows["TỔNG CỘNG"];
    assert!(total["formula"].as_str().unwrap().starts_with("=SUM(H"));
    assert_eq!(total["points"].as_f64(), ov["total"].as_f64());
    assert!(ov["total"].as_f64().unwrap() > 0.0);

    // Numbers are numbers; the rate is a formula on them with its value cached.
    let vacc = &rows["7.1"];
    assert_eq!(vacc["num"], 412);
    assert_eq!(vacc["den"], 415);
    let r = vacc["row"].as_u64().unwrap();
    assert_eq!(vacc["rate_formula"], format!("=D{r}/E{r}"));
    assert!((vacc["rate"].as_f64().unwrap() - 412.0 / 415.0).abs() < 1e-12);
    assert_eq!(vacc["points"], 50);
    assert_eq!(vacc["max"], 50);
    // A pending item: no points, and says what is missing; an unknown maximum says so.
    let pending = &rows["8.1"];
    assert!(pending["points"].is_null());
    assert!(pending["how"].as_str().unwrap().contains("Cần nhập điểm"));
    assert_eq!(pending["max"], "chưa rõ");
    // The verdict and its reasons under the table.
    assert!(texts.contains("Kết luận"), "{texts}");
    assert!(texts.contains("Tiêu chí 3 chưa đủ số liệu"), "{texts}");

    // Layout: merged two-row header, frozen under it, A4 landscape one page wide.
    let merged = book["merged"].to_string();
    let header = rows["STT / Mã"]["row"].as_u64().unwrap();
    assert!(
        merged.contains(&format!("\"A{header}:A{}\"", header + 1)),
        "{merged}"
    );
    assert!(
        merged.contains(&format!("\"D{header}:F{header}\"")),
        "{merged}"
    );
    assert_eq!(book["freeze"], format!("C{}", header + 2));
    assert_eq!(book["paper"], 9);
    assert_eq!(book["orientation"], "landscape");
    assert_eq!(book["fit"], true);
    assert_eq!(book["fit_height"], 0);
    assert_eq!(book["title_rows"], format!("${header}:${}", header + 1));
    assert!(book["print_area"].to_string().contains("$A$1:$J$"));

    // Same data, same bytes (SOURCE_DATE_EPOCH is pinned by the test helper).
    let again = tre.path("again.xlsx");
    export_table(&tre, "xlsx", &again);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn score_table_exports_as_xlsx_and_as_the_report_annex() {
    // Since the merge with the documents branch, the same command gives the annex in PDF;
    // a document that has no workbook refuses XLSX.
    let tre = demo("2026");
    let out = tre.path("bang.pdf");
    export_table(&tre, "pdf", &out);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let e = tre.fails(&[
        "export", "report", "--year", "2026", "--format", "xlsx", "--out", "bc.xlsx",
    ]);
    assert!(e.contains("Chỉ bảng điểm"), "{e}");
}

/// Edits cells of the catalogue sheet: argv = file, then JSON {item code: {header: value}}
/// or {"key": {key: value}}; prints the rows it touched.
const EDIT_CATALOG: &str = r#"
import json, sys, openpyxl
f, edits = sys.argv[1], json.loads(sys.argv[2])
wb = openpyxl.load_workbook(f)
ws = wb["Danh mục tiêu chí"]
header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Mã tiêu chí")
cols = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
touched = {}
for r in range(1, ws.max_row + 1):
    key = ws.cell(r, 1).value
    if r < header and key in edits.get("key", {}):
        ws.cell(r, 2).value = edits["key"][key]
        touched[key] = r
    code = ws.cell(r, cols["Mã chỉ số"]).value
    if r > header and code in edits:
        for h, v in edits[code].items():
            ws.cell(r, cols[h]).value = v
            touched[code + "/" + h] = ws.cell(r, cols[h]).coordinate
wb.save(f)
print(json.dumps(touched, ensure_ascii=False))
"#;

#[test]
fn a_province_edits_the_catalogue_sheet_and_tre_imports_it() {
    let tre = demo("2026");
    let book = tre.path("danh-muc.xlsx");
    export_table(&tre, "xlsx", &book);
    // As exported, the sheet reads back as the catalogue in use.
    tre.ok(&["assess", "catalog", "import", s(&book)]);
    assert!(tre
        .ok(&["assess", "catalog", "show"])
        .contains("Đang dùng: qd06-2019 2019.1-tre1"));

    // The province confirms points for 8.1 and bumps the version.
    run_py(
        EDIT_CATALOG,
        &[
            s(&book),
            r#"{"key": {"version": "2019.2-tinh"}, "8.1": {"Điểm tối đa chỉ số": 25, "Khoảng điểm": ";5;25|5;10;10", "Điểm ngoài khoảng": 0, "Chỉ số đã xác nhận": "có"}}"#,
        ],
    );
    tre.ok(&["assess", "catalog", "import", s(&book)]);
    assert!(tre
        .ok(&["assess", "catalog", "show"])
        .contains("Đang dùng: qd06-2019 2019.2-tinh"));
    // 8.1 is now scored from its figures: 52/598 = 8.7 % → 10 points.
    let ov = show(&tre, "2026");
    let item = ov["criteria"][7]["items"][0].clone();
    assert_eq!(item["code"], "8.1");
    assert_eq!(item["points"], 10.0);
    assert_eq!(item["source"], "computed");

    // A typo is refused with the sheet and the cell; the catalogue in use stays.
    let touched = run_py(
        EDIT_CATALOG,
        &[
            s(&book),
            r#"{"7.1": {"Khoảng điểm": "98 trở lên: 50"}, "6.1": {"Loại": "phần trăm"}}"#,
        ],
    );
    let e = tre.fails(&["assess", "catalog", "import", s(&book)]);
    assert!(e.contains("trang “Danh mục tiêu chí”"), "{e}");
    let bands_cell = touched["7.1/Khoảng điểm"].as_str().unwrap();
    let kind_cell = touched["6.1/Loại"].as_str().unwrap();
    assert!(e.contains(&format!("ô {bands_cell}")), "{e}");
    assert!(e.contains(&format!("ô {kind_cell}")), "{e}");
    assert!(tre
        .ok(&["assess", "catalog", "show"])
        .contains("Đang dùng: qd06-2019 2019.2-tinh"));
}

/// Reads a unit workbook's structure: protection, unlocked inputs, validations, hidden sheet.
const INSPECT_UNIT: &str = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Số liệu"]
rows = {}
for r in range(1, ws.max_row + 1):
    code = ws.cell(r, 2).value
    if code and code[0].isdigit():
        rows[code] = {
            "row": r,
            "value": ws.cell(r, 5).value,
            "num": ws.cell(r, 6).value,
            "den": ws.cell(r, 7).value,
            "evidence": ws.cell(r, 9).value,
            "value_locked": ws.cell(r, 5).protection.locked,
            "num_locked": ws.cell(r, 6).protection.locked,
            "name_locked": ws.cell(r, 3).protection.locked,
        }
dvs = [{"type": dv.type, "formula": dv.formula1, "cells": str(dv.sqref)} for dv in ws.data_validations.dataValidation]
print(json.dumps({
    "sheets": [(s.title, s.sheet_state) for s in wb.worksheets],
    "protected": ws.protection.sheet,
    "top": " ".join(str(ws.cell(r, 1).value) for r in range(1, 12) if ws.cell(r, 1).value),
    "rows": rows,
    "validations": dvs,
}, ensure_ascii=False))
"#;

/// Fills a unit workbook as a unit would: argv = file, JSON {code: {column letter: value}};
/// prints each filled cell's address by code and column.
const FILL_UNIT: &str = r#"
import json, sys, openpyxl
f, fills = sys.argv[1], json.loads(sys.argv[2])
wb = openpyxl.load_workbook(f)
ws = wb["Số liệu"]
cells = {}
for r in range(1, ws.max_row + 1):
    code = ws.cell(r, 2).value
    if code in fills:
        for col, v in fills[code].items():
            ws[f"{col}{r}"] = v
            cells[f"{code}/{col}"] = f"{col}{r}"
wb.save(f)
print(json.dumps(cells))
"#;

fn unit_sheet(tre: &Tre, year: &str, unit: &str, name: &str) -> std::path::PathBuf {
    let out = tre.path(name);
    let msg = tre.ok(&[
        "assess",
        "sheet",
        "--year",
        year,
        "--unit",
        unit,
        "--out",
        s(&out),
    ]);
    assert!(msg.contains("Đã tạo bảng số liệu"), "{msg}");
    out
}

fn entry(ov: &serde_json::Value, code: &str) -> serde_json::Value {
    ov["assessment"]["entries"][code].clone()
}

#[test]
fn a_units_workbook_is_locked_except_its_inputs_and_says_what_to_do() {
    let tre = demo("2026");
    let f = unit_sheet(&tre, "2026", "Trạm Y tế", "tram-y-te.xlsx");
    let b = run_py(INSPECT_UNIT, &[s(&f)]);
    assert_eq!(
        b["sheets"],
        serde_json::json!([["Số liệu", "visible"], ["Tre", "hidden"]])
    );
    assert_eq!(b["protected"], true);
    let top = b["top"].as_str().unwrap();
    assert!(top.contains("Đơn vị: Trạm Y tế xã"), "{top}");
    assert!(top.contains("trước ngày 10/11/2026"), "{top}");
    assert!(top.contains("gửi lại cho cán bộ Văn hóa - Xã hội"), "{top}");
    let rows = &b["rows"];
    let codes: Vec<&String> = rows.as_object().unwrap().keys().collect();
    assert_eq!(codes, ["5.1", "7.1", "8.1", "8.2", "9.1"]);
    // Current values prefilled, numbers as numbers.
    assert_eq!(rows["7.1"]["num"], 412);
    assert_eq!(rows["7.1"]["den"], 415);
    assert_eq!(rows["5.1"]["value"], 4);
    assert_eq!(rows["7.1"]["num_locked"], false);
    assert_eq!(rows["5.1"]["value_locked"], false);
    assert_eq!(rows["7.1"]["name_locked"], true);
    // Whole numbers ≥ 0 on every count cell.
    let dvs = b["validations"].as_array().unwrap();
    let r = rows["7.1"]["row"].as_u64().unwrap();
    assert!(
        dvs.iter()
            .any(|d| d["type"] == "whole" && d["formula"] == "0" && d["cells"] == format!("F{r}")),
        "{dvs:?}"
    );

    // The social-affairs unit gets yes/no and choice lists.
    let f = unit_sheet(&tre, "2026", "Phòng Văn hóa - Xã hội", "vhxh.xlsx");
    let b = run_py(INSPECT_UNIT, &[s(&f)]);
    let dvs = b["validations"].to_string();
    assert!(dvs.contains(r#""\"có,không\"""#), "{dvs}");
    assert!(
        dvs.contains("Hằng tháng,Hằng quý,Hằng năm,Không họp"),
        "{dvs}"
    );
    assert_eq!(b["rows"]["1.3"]["value"], "Hằng quý");
}

#[test]
fn a_filled_workbook_comes_back_into_the_assessment() {
    let tre = demo("2026");
    let vacc_at = entry(&show(&tre, "2026"), "7.1")["at"].clone();
    let f = unit_sheet(&tre, "2026", "trạm y tế", "tram-y-te.xlsx");
    run_py(
        FILL_UNIT,
        &[
            s(&f),
            r#"{"5.1": {"E": 3, "I": "Sổ theo dõi tai nạn, thương tích (bản cập nhật)"}, "8.1": {"F": 50, "G": "600"}, "9.1": {"I": "Sổ khám sức khỏe, tháng 10"}}"#,
        ],
    );
    let out = tre.ok(&["assess", "import", "--year", "2026", s(&f)]);
    assert!(out.contains("Đã ghi 3 thay đổi"), "{out}");
    assert!(out.contains("52/598 (8,7 %) → 50/600 (8,33 %)"), "{out}");
    let ov = show(&tre, "2026");
    assert_eq!(entry(&ov, "5.1")["value"], 3);
    assert_eq!(
        entry(&ov, "5.1")["evidence"],
        "Sổ theo dõi tai nạn, thương tích (bản cập nhật)"
    );
    assert_eq!(
        entry(&ov, "8.1")["value"],
        serde_json::json!({"numerator": 50, "denominator": 600})
    );
    assert_eq!(entry(&ov, "8.1")["by"], "Trạm Y tế xã (bảng số liệu)");
    assert_eq!(entry(&ov, "9.1")["evidence"], "Sổ khám sức khỏe, tháng 10");
    // Rows left as prefilled did not change, nor their time.
    assert_eq!(
        entry(&ov, "7.1")["value"],
        serde_json::json!({"numerator": 412, "denominator": 415})
    );
    assert_eq!(entry(&ov, "7.1")["at"], vacc_at);
    // One import, one history entry: one undo takes it back.
    let history = tre.ok(&["history", "--limit", "1"]);
    assert!(
        history.contains("Nhập bảng số liệu của Trạm Y tế xã"),
        "{history}"
    );
    tre.ok(&["undo"]);
    assert_eq!(entry(&show(&tre, "2026"), "5.1")["value"], 4);

    // The police report counts; a missing value is filled in.
    let f = unit_sheet(&tre, "2026", "Công an xã", "cong-an.xlsx");
    run_py(
        FILL_UNIT,
        &[s(&f), r#"{"3.1": {"E": 0}, "4.1": {"E": "1"}}"#],
    );
    tre.ok(&["assess", "import", "--year", "2026", s(&f)]);
    let ov = show(&tre, "2026");
    assert_eq!(entry(&ov, "3.1")["value"], 0);
    assert_eq!(entry(&ov, "4.1")["value"], 1);
}

#[test]
fn wrong_cells_are_all_listed_with_their_address_and_nothing_is_saved() {
    let tre = demo("2026");
    let f = unit_sheet(&tre, "2026", "Trạm Y tế xã", "tram-y-te.xlsx");
    let cells = run_py(
        FILL_UNIT,
        &[
            s(&f),
            r#"{"7.1": {"F": 416, "G": 415}, "8.1": {"F": 0, "G": 0}, "5.1": {"E": -2}, "9.1": {"F": "nhiều", "G": 1532}, "8.2": {"F": 2.5}}"#,
        ],
    );
    let before = show(&tre, "2026")["assessment"].clone();
    let e = tre.fails(&["assess", "import", "--year", "2026", s(&f)]);
    assert!(e.contains("5 ô không đúng, chưa ghi gì"), "{e}");
    for (cell, says) in [
        ("7.1/F", "trên 100 %"),
        ("8.1/G", "bằng 0"),
        ("5.1/E", "bị âm"),
        ("9.1/F", "không phải số nguyên"),
        ("8.2/F", "không phải số nguyên"),
    ] {
        let addr = cells[cell].as_str().unwrap();
        let at = e
            .find(&format!("Ô {addr}:"))
            .unwrap_or_else(|| panic!("no Ô {addr} in {e}"));
        assert!(
            e[at..].split("Ô ").nth(1).unwrap().contains(says),
            "{cell}: {e}"
        );
    }
    assert_eq!(show(&tre, "2026")["assessment"], before);
}

#[test]
fn a_workbook_of_another_year_or_commune_is_refused() {
    let tre = demo("2026");
    let f = unit_sheet(&tre, "2026", "Trạm Y tế xã", "tram-y-te.xlsx");
    run_py(FILL_UNIT, &[s(&f), r#"{"5.1": {"E": 9}}"#]);
    let e = tre.fails(&["assess", "import", "--year", "2027", s(&f)]);
    assert!(e.contains("năm 2026, không phải năm 2027"), "{e}");

    let other = Tre::new();
    other.ok(&[
        "commune",
        "set",
        "--name",
        "Tân Lập",
        "--province",
        "Tuyên Quang",
    ]);
    let e = other.fails(&["assess", "import", "--year", "2026", s(&f)]);
    assert!(
        e.contains("xã Minh Hòa (tỉnh Phú Thọ), không phải của xã Tân Lập (tỉnh Tuyên Quang)"),
        "{e}"
    );
    assert_eq!(
        show(&other, "2026")["assessment"]["entries"],
        serde_json::json!({})
    );
    assert_eq!(entry(&show(&tre, "2026"), "5.1")["value"], 4);

    // Not a unit workbook at all: the score table.
    let table = tre.path("bang.xlsx");
    export_table(&tre, "xlsx", &table);
    let e = tre.fails(&["assess", "import", "--year", "2026", s(&table)]);
    assert!(e.contains("không phải bảng số liệu do Tre tạo"), "{e}");
}

#[test]
fn a_value_changed_in_tre_after_the_export_is_kept_as_a_conflict() {
    // 2025: the demo's entries are dated November 2025, before any run of this test.
    let tre = demo("2025");
    let f = unit_sheet(&tre, "2025", "Trạm Y tế xã", "tram-y-te.xlsx");
    tre.ok(&["assess", "set", "--year", "2025", "7.1", "410/415"]);
    run_py(
        FILL_UNIT,
        &[s(&f), r#"{"7.1": {"F": 413}, "5.1": {"E": 3}}"#],
    );
    let out = tre.run(&["assess", "import", "--year", "2025", s(&f)]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("Đã ghi 1 thay đổi"), "{text}");
    assert!(text.contains("Không ghi 1 chỉ số"), "{text}");
    assert!(
        text.contains("tre assess set --year 2025 7.1 413/415"),
        "{text}"
    );
    let ov = show(&tre, "2025");
    assert_eq!(
        entry(&ov, "7.1")["value"],
        serde_json::json!({"numerator": 410, "denominator": 415})
    );
    assert_eq!(entry(&ov, "5.1")["value"], 3);

    // The officer decides the workbook is right.
    let out = tre.ok(&["assess", "import", "--year", "2025", s(&f), "--yes"]);
    assert!(out.contains("theo --yes"), "{out}");
    assert_eq!(
        entry(&show(&tre, "2025"), "7.1")["value"],
        serde_json::json!({"numerator": 413, "denominator": 415})
    );
}

#[test]
fn the_app_makes_a_units_workbook_and_reads_it_back() {
    let tre = Tre::new();
    let mut app = tre::session::Session::open(&tre.db).unwrap();
    app.demo_load(2026).unwrap();
    let out = tre.path("cong-an.xlsx");
    let info = app.assessment_sheet(2026, "Công an", &out).unwrap();
    assert_eq!(info.unit, "Công an xã");
    assert!(out.exists());

    // Sent back untouched: nothing new, nothing saved.
    let r = app.assessment_import(2026, &out, false).unwrap();
    assert_eq!(r.unit, "Công an xã");
    assert_eq!(r.unchanged, 2);
    assert!(r.applied.is_empty() && r.conflicts.is_empty() && r.errors.is_empty());
    assert!(!r.saved);
    let json = serde_json::to_value(&r).unwrap();
    for key in [
        "unit",
        "year",
        "applied",
        "conflicts",
        "errors",
        "notes",
        "unchanged",
        "saved",
    ] {
        assert!(
            json.get(key).is_some(),
            "ImportReport JSON lacks {key}: {json}"
        );
    }

    // A wrong cell comes back in the report, with its address, and nothing is saved.
    let cells = run_py(
        FILL_UNIT,
        &[s(&out), r#"{"3.1": {"E": -1}, "4.1": {"E": 2}}"#],
    );
    let r = app.assessment_import(2026, &out, false).unwrap();
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert!(r.errors[0].starts_with(&format!("Ô {}:", cells["3.1/E"].as_str().unwrap())));
    assert!(r.errors[0].contains("bị âm"));
    assert!(r.applied.is_empty() && !r.saved);
    assert!(entry(&show(&tre, "2026"), "4.1").is_null());
}
