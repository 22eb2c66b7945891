//! BÁO CÁO tổng hợp kết quả of the province's Sở Y tế, laid out per Nghị định 30 through
//! the document tree (`document`), so the PDF, the preview and Word come out of the same
//! layout as every other document. Who issues it, where and who signs come from the
//! officer (`Issuer`): Tre knows no province's office and invents none.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::table::{Consolidated, Trend};
use crate::catalog::fmt_points;
use crate::document::{
    number_line, place_date_line, recipient_lines, Block, CellAlign, Column, Document, Header,
    Meta, Run, Signature, Table, TableRow,
};
use crate::error::{Error, Result};

/// The issuing body and the signer, as the officer typed them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ProvinceIssuer"))]
pub struct Issuer {
    /// The body above it ("ỦY BAN NHÂN DÂN TỈNH …"), if printed.
    #[serde(default)]
    pub parent: String,
    /// "SỞ Y TẾ TỈNH …" (required).
    pub name: String,
    /// The place in the date line (required).
    pub place: String,
    /// The symbol after "BC-" in the number line ("SYT"), when the office uses one.
    #[serde(default)]
    pub symbol: String,
    /// "Kính gửi" addressees.
    #[serde(default)]
    pub recipients_to: Vec<String>,
    /// "Nơi nhận" items; "Lưu: VT" is added last when absent.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The signer's title lines ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC").
    #[serde(default)]
    pub signer_titles: Vec<String>,
    #[serde(default)]
    pub signer_name: String,
}

impl Issuer {
    /// Refuses an issuer without a name or a place: the header cannot be printed without them.
    pub fn check(&self) -> Result<()> {
        if self.name.trim().is_empty() || self.place.trim().is_empty() {
            return Err(Error::Invalid(
                "Báo cáo tổng hợp cần tên cơ quan ban hành (ví dụ Sở Y tế của tỉnh) và địa danh ghi ở dòng ngày tháng. Hãy nhập hai thông tin này rồi xuất lại.".into(),
            ));
        }
        Ok(())
    }
}

/// Years of the trend table: the newest few, so the table fits the page's width.
const TREND_YEARS: usize = 5;

/// The report on `t`, with each commune's trend; `date` is the issue date when known (its
/// day and month are left blank to fill by hand otherwise, in the year of `today`).
pub fn report_document(
    t: &Consolidated,
    trends: &[Trend],
    issuer: &Issuer,
    date: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Document> {
    issuer.check()?;
    let place = issuer.place.trim();
    let place_date = place_date_line(place, date, None, today.year());
    let symbol = match issuer.symbol.trim() {
        "" => "BC".to_string(),
        s => format!("BC-{s}"),
    };
    let subject = format!(
        "Tổng hợp kết quả đánh giá xã, phường phù hợp với trẻ em năm {}",
        t.year
    );
    let org = issuer.name.trim();
    let mut recipients: Vec<String> = issuer
        .recipients
        .iter()
        .filter(|r| !r.trim().is_empty())
        .cloned()
        .collect();
    if !recipients.iter().any(|r| {
        crate::text::fold(r)
            .trim_start_matches("- ")
            .starts_with("lưu")
    }) {
        recipients.push("Lưu: VT".into());
    }
    let mut doc = Document {
        meta: Meta {
            title: format!("BÁO CÁO {subject}"),
            author: org.to_string(),
        },
        header: Header {
            parent_authority: Some(issuer.parent.trim().to_uppercase()).filter(|p| !p.is_empty()),
            authority: vec![org.to_uppercase()],
            number_line: number_line(None, &symbol),
            place_date,
        },
        type_name: "BÁO CÁO".into(),
        subject,
        kinh_gui: issuer
            .recipients_to
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        body: Vec::new(),
        signature: Signature {
            titles: issuer.signer_titles.clone(),
            name: issuer.signer_name.trim().to_string(),
        },
        recipients: recipient_lines(&recipients),
        left_signature: None,
        annex: None,
    };
    body(&mut doc.body, t, trends, org);
    Ok(doc)
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Run::plain(text)])
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn points(p: Option<f64>) -> String {
    p.map(fmt_points).unwrap_or_default()
}

fn body(b: &mut Vec<Block>, t: &Consolidated, trends: &[Trend], org: &str) {
    let y = t.year;
    let met = t.rows.iter().filter(|r| r.recognised == Some(true)).count();
    b.push(para(format!(
        "Trên cơ sở hồ sơ tự đánh giá năm {y} do các xã, phường gửi (mỗi tệp đã được kiểm tra theo mã SHA-256 ghi trong manifest.json của hồ sơ), {org} tổng hợp kết quả như sau:"
    )));
    b.push(heading(1, "I. TÌNH HÌNH TIẾP NHẬN HỒ SƠ"));
    b.push(para(format!(
        "Số hồ sơ được tổng hợp: {} xã, phường. Số hồ sơ không được tính: {}{}.",
        t.rows.len(),
        t.problems.len(),
        if t.problems.is_empty() {
            String::new()
        } else {
            " (chi tiết tại mục V)".into()
        }
    )));
    b.push(heading(1, "II. KẾT QUẢ ĐÁNH GIÁ CỦA CÁC XÃ, PHƯỜNG"));
    b.push(para(format!(
        "Số xã, phường đạt chuẩn theo kết quả tự đánh giá: {met}/{}.",
        t.rows.len()
    )));
    let col = |share: f32, align: CellAlign| Column { share, align };
    let mut results = Table {
        columns: vec![
            col(0.07, CellAlign::Center),
            col(0.33, CellAlign::Left),
            col(0.14, CellAlign::Center),
            col(0.16, CellAlign::Center),
            col(0.30, CellAlign::Left),
        ],
        header: [
            "STT",
            "Xã, phường",
            "Tổng điểm",
            "Kết luận",
            "Văn bản đã có bản ký",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for (i, r) in t.rows.iter().enumerate() {
        let signed: Vec<&str> = super::KINDS
            .iter()
            .zip(&r.documents)
            .filter(|(_, s)| s.as_str() == crate::dossier::FileState::SignedCopy.label())
            .map(|(k, _)| k.label())
            .collect();
        let present = r.documents.iter().filter(|s| !s.is_empty()).count();
        results.rows.push(TableRow {
            cells: vec![
                (i + 1).to_string(),
                r.commune.clone(),
                points(r.total),
                r.verdict_label.clone(),
                if signed.is_empty() {
                    format!("Chưa có (0/{present})")
                } else {
                    format!("{} ({}/{present})", signed.join(", "), signed.len())
                },
            ],
            ..Default::default()
        });
    }
    b.push(Block::Table(results));

    b.push(heading(1, "III. ĐIỂM BÌNH QUÂN THEO TIÊU CHÍ"));
    let mut by_criterion = Table {
        columns: vec![
            col(0.1, CellAlign::Center),
            col(0.5, CellAlign::Left),
            col(0.13, CellAlign::Center),
            col(0.13, CellAlign::Center),
            col(0.14, CellAlign::Center),
        ],
        header: [
            "Tiêu chí",
            "Nội dung",
            "Điểm tối đa",
            "Bình quân",
            "Số xã có điểm",
        ]
        .map(String::from)
        .to_vec(),
        rows: Vec::new(),
    };
    for (j, c) in t.criteria.iter().enumerate() {
        let scored: Vec<f64> = t.rows.iter().filter_map(|r| r.points[j]).collect();
        let mean = (!scored.is_empty()).then(|| scored.iter().sum::<f64>() / scored.len() as f64);
        by_criterion.rows.push(TableRow {
            cells: vec![
                c.code.clone(),
                c.name.clone(),
                points(c.max_points),
                mean.map(|m| fmt_points((m * 10.0).round() / 10.0))
                    .unwrap_or_default(),
                scored.len().to_string(),
            ],
            ..Default::default()
        });
    }
    b.push(Block::Table(by_criterion));

    b.push(heading(1, "IV. XU HƯỚNG QUA CÁC NĂM"));
    trend_table(b, t, trends);

    if !t.problems.is_empty() {
        b.push(heading(1, "V. HỒ SƠ KHÔNG ĐƯỢC TÍNH"));
        let mut problems = Table {
            columns: vec![
                col(0.07, CellAlign::Center),
                col(0.33, CellAlign::Left),
                col(0.25, CellAlign::Left),
                col(0.35, CellAlign::Left),
            ],
            header: ["STT", "Tệp", "Xã, phường", "Tình trạng"]
                .map(String::from)
                .to_vec(),
            rows: Vec::new(),
        };
        for (i, d) in t.problems.iter().enumerate() {
            problems.rows.push(TableRow {
                cells: vec![
                    (i + 1).to_string(),
                    d.files.join(", "),
                    d.commune.clone().unwrap_or_default(),
                    d.state_label.clone(),
                ],
                ..Default::default()
            });
        }
        b.push(Block::Table(problems));
        b.push(para(
            "Các hồ sơ trên cần được xã, phường gửi lại (hồ sơ bị thay đổi, thiếu phần hoặc không đọc được) hoặc nhập vào đúng năm (hồ sơ sai năm).",
        ));
    }
    b.push(para(format!(
        "Trên đây là báo cáo tổng hợp kết quả đánh giá xã, phường phù hợp với trẻ em năm {y} của {org}./."
    )));
}

/// Each commune of the year's table, its total in each of the newest years imported.
fn trend_table(b: &mut Vec<Block>, t: &Consolidated, trends: &[Trend]) {
    let mut years: Vec<i32> = trends
        .iter()
        .flat_map(|tr| tr.years.iter().map(|p| p.year))
        .filter(|y| *y <= t.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let years: Vec<i32> = years.into_iter().rev().take(TREND_YEARS).rev().collect();
    if years.len() < 2 {
        b.push(para(format!(
            "Chưa có hồ sơ của năm trước năm {} để so sánh; khi nhập hồ sơ các năm trước, bảng xu hướng sẽ có ở mục này.",
            t.year
        )));
        return;
    }
    let n = years.len() as f32;
    let mut columns = vec![Column {
        share: 0.3,
        align: CellAlign::Left,
    }];
    columns.extend((0..years.len()).map(|_| Column {
        share: 0.55 / n,
        align: CellAlign::Center,
    }));
    columns.push(Column {
        share: 0.15,
        align: CellAlign::Center,
    });
    let mut header = vec!["Xã, phường".to_string()];
    header.extend(years.iter().map(|y| format!("Năm {y}")));
    header.push("Thay đổi".into());
    let mut table = Table {
        columns,
        header,
        rows: Vec::new(),
    };
    for r in &t.rows {
        let key = super::commune_key(&r.province, &r.commune);
        let Some(tr) = trends
            .iter()
            .find(|tr| super::commune_key(&tr.province, &tr.commune) == key)
        else {
            continue;
        };
        let mut cells = vec![r.commune.clone()];
        cells.extend(years.iter().map(|y| {
            tr.years
                .iter()
                .find(|p| p.year == *y)
                .map(|p| points(p.total))
                .unwrap_or_else(|| "-".into())
        }));
        let this = tr.years.iter().find(|p| p.year == t.year);
        cells.push(
            this.and_then(|p| p.change)
                .map(|c| {
                    if c > 0.0 {
                        format!("+{}", fmt_points(c))
                    } else {
                        fmt_points(c)
                    }
                })
                .unwrap_or_default(),
        );
        table.rows.push(TableRow {
            cells,
            ..Default::default()
        });
    }
    b.push(Block::Table(table));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::province::{consolidate, trends, CommuneResult, CriterionPoints};

    fn result(year: i32, total: f64) -> CommuneResult {
        CommuneResult {
            commune: "xã Minh Hòa".into(),
            province: "Phú Thọ".into(),
            year,
            created: String::new(),
            manifest_sha256: String::new(),
            files: 1,
            parts: 1,
            criteria: vec![CriterionPoints {
                code: "1".into(),
                name: "Nguồn lực".into(),
                max_points: Some(100.0),
                points: Some(total),
            }],
            total: Some(total),
            verdict: None,
            recognised: Some(false),
            documents: Vec::new(),
        }
    }

    #[test]
    fn the_report_names_only_the_issuer_typed_and_follows_the_years() {
        let all = vec![result(2025, 80.0), result(2026, 95.0)];
        let t = consolidate(2026, all.clone(), Vec::new());
        let tr = trends(all, None);
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let e = report_document(&t, &tr, &Issuer::default(), None, today).unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert!(e.to_string().contains("tên cơ quan ban hành"), "{e}");
        let issuer = Issuer {
            name: "Sở Y tế tỉnh Phú Thọ".into(),
            place: "Phú Thọ".into(),
            symbol: "SYT".into(),
            ..Default::default()
        };
        let doc = report_document(&t, &tr, &issuer, None, today).unwrap();
        assert_eq!(doc.header.authority, ["SỞ Y TẾ TỈNH PHÚ THỌ"]);
        assert_eq!(doc.header.parent_authority, None);
        assert!(
            doc.header.number_line.ends_with("/BC-SYT"),
            "{}",
            doc.header.number_line
        );
        assert_eq!(
            doc.header.place_date,
            "Phú Thọ, ngày      tháng      năm 2026"
        );
        assert_eq!(doc.recipients, ["- Lưu: VT."]);
        assert!(doc.signature.titles.is_empty() && doc.signature.name.is_empty());
        let lines = doc.plain_lines();
        assert!(
            lines.iter().any(|l| l == "xã Minh Hòa | 80 | 95 | +15"),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("1 | xã Minh Hòa | 95 | Chưa đạt")),
            "{lines:#?}"
        );
    }
}
