//! The assessment's documents at the command line: `tre export report|report-6m|proposal|
//! minutes|notice|assessment`, and `tre assess doc` / `tre assess meeting`, which record the
//! numbers, dates and meeting facts the documents print (nothing is typed into a document).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::args::ExportCmd;
use tre::assess::records::{DocEdit, MeetingEdit};
use tre::document::assessment::AssessmentKind;
use tre::export::ExportFormat;
use tre::session::{current_year, Session};
use tre::{Error, Result};

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
pub fn export(s: &Session, cmd: ExportCmd) -> Result<i32> {
    let (kind, args) = match cmd {
        ExportCmd::Assessment(a) => (AssessmentKind::Assessment, a),
        ExportCmd::Report(a) => (AssessmentKind::Report, a),
        ExportCmd::Report6m(a) => (AssessmentKind::Report6m, a),
        ExportCmd::Proposal(a) => (AssessmentKind::Proposal, a),
        ExportCmd::Minutes(a) => (AssessmentKind::Minutes, a),
        ExportCmd::Notice(a) => (AssessmentKind::Notice, a),
        // plan::export takes plans; never a panic in the officer's face all the same.
        ExportCmd::Plan { .. } => {
            return Err(Error::Invalid(
                "Kế hoạch xuất bằng `tre export plan ID`.".into(),
            ))
        }
    };
    let year = args.year.unwrap_or_else(current_year);
    let format = args.format.export();
    match args.out {
        Some(out) => {
            let written = s.assessment_export_to(kind, year, format, &out)?;
            eprintln!("Đã xuất {}", written.display());
        }
        None if format == ExportFormat::Txt => {
            let bytes = s.assessment_render(kind, year, format)?;
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(&bytes);
        }
        None => {
            let ext = format.extension();
            return Err(Error::Invalid(format!(
                "Hãy nêu tệp {} sẽ tạo bằng --out, ví dụ --out {}.",
                ext.to_uppercase(),
                s.assessment_file_name(kind, year, ext)?
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
pub fn set_doc(s: &mut Session, args: DocArgs) -> Result<i32> {
    let year = args.year.unwrap_or_else(current_year);
    let kind = AssessmentKind::from_key(&args.kind)?;
    let edit = DocEdit {
        number: args.number,
        date: args.date,
        days: args.days,
    };
    println!("Đã ghi: {}", s.assessment_doc_set(year, kind, &edit)?);
    Ok(0)
}

/// `tre assess meeting`: the facts of the assessment meeting the minutes print.
pub fn set_meeting(s: &mut Session, args: MeetingArgs) -> Result<i32> {
    let year = args.year.unwrap_or_else(current_year);
    let edit = MeetingEdit {
        date: args.date,
        start: args.start,
        end: args.end,
        place: args.place,
        chair: args.chair,
        secretary: args.secretary,
        attendees: args.attendees,
        votes: args.votes,
    };
    println!("Đã ghi: {}", s.assessment_meeting_set(year, &edit)?);
    Ok(0)
}
