//! The assessment's documents at the command line: `tre export report|report-6m|proposal|
//! minutes|notice|assessment`, and `tre assess doc` / `tre assess meeting`, which record the
//! numbers, dates and meeting facts the documents print (nothing is typed into a document).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::args::ExportCmd;
use crate::assess::{Assessment, Meeting};
use crate::document::assessment::AssessmentKind;
use crate::error::{Error, Result};
use crate::export::{export_assessment_doc, render_assessment_doc, ExportFormat};
use crate::model::date::parse_date;
use crate::store::Store;
use crate::text::nfc;

#[derive(Args, Debug)]
pub struct AssessExport {
    /// Năm tự đánh giá (mặc định: năm nay)
    #[arg(long, value_name = "NĂM")]
    pub year: Option<i32>,
    /// Định dạng: pdf, docx, txt; xlsx chỉ cho bảng điểm (assessment)
    #[arg(
        long,
        value_enum,
        hide_possible_values = true,
        value_name = "ĐỊNH_DẠNG"
    )]
    pub format: AssessFormat,
    /// Tệp sẽ tạo (với txt có thể bỏ trống để in ra màn hình)
    #[arg(long, value_name = "TỆP")]
    pub out: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum AssessFormat {
    Pdf,
    Docx,
    Xlsx,
    Txt,
}

impl AssessFormat {
    fn export(self) -> ExportFormat {
        match self {
            AssessFormat::Pdf => ExportFormat::Pdf,
            AssessFormat::Docx => ExportFormat::Docx,
            AssessFormat::Xlsx => ExportFormat::Xlsx,
            AssessFormat::Txt => ExportFormat::Txt,
        }
    }
}

/// `tre export <kind> …` for the assessment's documents.
pub fn export(store: &Store, cmd: ExportCmd) -> Result<i32> {
    let (kind, args) = match cmd {
        ExportCmd::Assessment(a) => (AssessmentKind::Assessment, a),
        ExportCmd::Report(a) => (AssessmentKind::Report, a),
        ExportCmd::Report6m(a) => (AssessmentKind::Report6m, a),
        ExportCmd::Proposal(a) => (AssessmentKind::Proposal, a),
        ExportCmd::Minutes(a) => (AssessmentKind::Minutes, a),
        ExportCmd::Notice(a) => (AssessmentKind::Notice, a),
        ExportCmd::Plan { .. } => {
            return Err(Error::Invalid(
                "Kế hoạch xuất bằng `tre export plan ID`.".into(),
            ))
        }
    };
    let year = args.year.unwrap_or_else(super::current_year);
    let format = args.format.export();
    match args.out {
        Some(out) => {
            let written = export_assessment_doc(store, kind, year, format, &out)?;
            eprintln!("Đã xuất {}", written.display());
        }
        None if format == ExportFormat::Txt => {
            let bytes = render_assessment_doc(store, kind, year, format)?;
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(&bytes);
        }
        None => {
            let commune = store.commune()?.ok_or(Error::NoCommune)?;
            let ext = format.extension();
            return Err(Error::Invalid(format!(
                "Hãy nêu tệp {} sẽ tạo bằng --out, ví dụ --out {}.",
                ext.to_uppercase(),
                kind.file_name(&commune, year, ext)
            )));
        }
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub struct DocArgs {
    #[arg(long, value_name = "NĂM")]
    pub year: Option<i32>,
    /// Văn bản: report, report-6m, proposal, minutes, notice
    #[arg(value_name = "LOẠI")]
    pub kind: String,
    /// Số văn bản ("12"); "" để bỏ số (để trống viết tay)
    #[arg(long, value_name = "SỐ")]
    pub number: Option<String>,
    /// Ngày ký: ngày/tháng/năm (13/11/2026); "" để để trống
    #[arg(long, value_name = "NGÀY")]
    pub date: Option<String>,
    /// Số ngày niêm yết công khai (chỉ với notice)
    #[arg(long, value_name = "SỐ_NGÀY")]
    pub days: Option<u32>,
}

#[derive(Args, Debug, Default)]
pub struct MeetingArgs {
    #[arg(long, value_name = "NĂM")]
    pub year: Option<i32>,
    /// Ngày họp: ngày/tháng/năm
    #[arg(long, value_name = "NGÀY")]
    pub date: Option<String>,
    /// Giờ bắt đầu: "08 giờ 00"
    #[arg(long, value_name = "GIỜ")]
    pub start: Option<String>,
    /// Giờ kết thúc: "10 giờ 30"
    #[arg(long, value_name = "GIỜ")]
    pub end: Option<String>,
    /// Địa điểm họp
    #[arg(long, value_name = "ĐỊA_ĐIỂM")]
    pub place: Option<String>,
    /// Người chủ trì
    #[arg(long, value_name = "HỌ_TÊN")]
    pub chair: Option<String>,
    /// Thư ký cuộc họp
    #[arg(long, value_name = "HỌ_TÊN")]
    pub secretary: Option<String>,
    /// Thành phần tham dự, mỗi lần một dòng (thay cả danh sách cũ)
    #[arg(long = "attendee", value_name = "DÒNG")]
    pub attendees: Vec<String>,
    /// Biểu quyết: số tán thành/số có mặt, ví dụ 15/15; "" để xóa
    #[arg(long, value_name = "TÁN_THÀNH/CÓ_MẶT")]
    pub votes: Option<String>,
}

/// `tre assess doc`: the number, date (and for the notice, days posted) of one document.
pub fn set_doc(store: &mut Store, args: DocArgs) -> Result<i32> {
    let year = args.year.unwrap_or_else(super::current_year);
    let kind = AssessmentKind::from_key(&args.kind)?;
    if kind == AssessmentKind::Assessment {
        return Err(Error::Invalid(
            "Bảng điểm là phụ lục của báo cáo và mang số, ngày của báo cáo: hãy đặt bằng `tre assess doc report --number … --date …`.".into(),
        ));
    }
    if args.days.is_some() && kind != AssessmentKind::Notice {
        return Err(Error::Invalid(
            "--days chỉ dùng cho thông báo công khai (notice).".into(),
        ));
    }
    let mut a = load(store, year)?;
    let doc = a.documents.entry(kind.key().to_string()).or_default();
    if let Some(n) = &args.number {
        let n = nfc(n);
        if !n.is_empty() && !n.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::Invalid(format!(
                "Số văn bản “{n}” không hợp lệ: chỉ gồm chữ số (ví dụ 12), hoặc \"\" để bỏ số."
            )));
        }
        doc.number = (!n.is_empty()).then_some(n);
    }
    if let Some(d) = &args.date {
        doc.date = optional_date(d, year)?;
    }
    if let Some(days) = args.days {
        if !(1..=60).contains(&days) {
            return Err(Error::Invalid(format!(
                "Số ngày niêm yết {days} không hợp lệ: hãy nhập từ 1 đến 60."
            )));
        }
        a.schedule.notice_days = Some(days);
    }
    let summary = format!(
        "Số, ngày của {} năm {year}",
        kind.type_name().to_lowercase()
    );
    store.save_assessment(&a, &summary)?;
    println!("Đã ghi: {summary}");
    Ok(0)
}

/// `tre assess meeting`: the facts of the assessment meeting the minutes print.
pub fn set_meeting(store: &mut Store, args: MeetingArgs) -> Result<i32> {
    let year = args.year.unwrap_or_else(super::current_year);
    let mut a = load(store, year)?;
    // Everything is checked before anything is changed: never save half-way.
    let date = args
        .date
        .as_deref()
        .map(|d| optional_date(d, year))
        .transpose()?;
    let votes = args.votes.as_deref().map(parse_votes).transpose()?;
    let m: &mut Meeting = &mut a.meeting;
    if let Some(d) = date {
        m.date = d;
    }
    for (field, value) in [
        (&mut m.start, &args.start),
        (&mut m.end, &args.end),
        (&mut m.place, &args.place),
        (&mut m.chair, &args.chair),
        (&mut m.secretary, &args.secretary),
    ] {
        if let Some(v) = value {
            *field = nfc(v);
        }
    }
    if !args.attendees.is_empty() {
        m.attendees = args
            .attendees
            .iter()
            .map(|s| nfc(s))
            .filter(|s| !s.is_empty())
            .collect();
    }
    if let Some(v) = votes {
        (m.votes_for, m.votes_total) = v;
    }
    let summary = format!("Cuộc họp đánh giá năm {year}");
    store.save_assessment(&a, &summary)?;
    println!("Đã ghi: {summary}");
    Ok(0)
}

fn load(store: &Store, year: i32) -> Result<Assessment> {
    crate::model::date::check_year(year)?;
    store.commune()?.ok_or(Error::NoCommune)?;
    Ok(store
        .assessment(year)?
        .unwrap_or_else(|| Assessment::new(year)))
}

/// "" → blank; else a date of the assessment's year or the next (ISO).
fn optional_date(text: &str, year: i32) -> Result<Option<String>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let d = parse_date(text)?;
    let y = chrono::Datelike::year(&d);
    if y != year && y != year + 1 {
        return Err(Error::Invalid(format!(
            "Ngày {} không thuộc năm {year} (hoặc đầu năm {}). Hãy kiểm tra lại năm.",
            d.format("%d/%m/%Y"),
            year + 1
        )));
    }
    Ok(Some(d.format("%Y-%m-%d").to_string()))
}

/// "15/15" → (Some(15), Some(15)); "" → (None, None).
fn parse_votes(text: &str) -> Result<(Option<u32>, Option<u32>)> {
    let t = text.trim();
    if t.is_empty() {
        return Ok((None, None));
    }
    let bad = || {
        Error::Invalid(format!(
            "Biểu quyết “{t}” không hợp lệ. Hãy nhập số tán thành/số đại biểu có mặt, ví dụ 15/15."
        ))
    };
    let (f, n) = t.split_once('/').ok_or_else(bad)?;
    let f: u32 = f.trim().parse().map_err(|_| bad())?;
    let n: u32 = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || f > n {
        return Err(Error::Invalid(format!(
            "Biểu quyết {f}/{n} không hợp lệ: số tán thành không được lớn hơn số đại biểu có mặt, và phải có ít nhất 1 đại biểu."
        )));
    }
    Ok((Some(f), Some(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_and_dates_are_checked() {
        assert_eq!(parse_votes("15/15").unwrap(), (Some(15), Some(15)));
        assert_eq!(parse_votes(" ").unwrap(), (None, None));
        assert!(parse_votes("16/15").is_err());
        assert!(parse_votes("15").is_err());
        assert!(parse_votes("0/0").is_err());
        assert_eq!(
            optional_date("13/11/2026", 2026).unwrap().as_deref(),
            Some("2026-11-13")
        );
        assert_eq!(optional_date("", 2026).unwrap(), None);
        assert!(optional_date("13/11/2024", 2026).is_err());
    }
}
