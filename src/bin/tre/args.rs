//! Argument definitions, with Vietnamese help, and Vietnamese messages for usage errors.

use std::path::PathBuf;

use clap::error::{ContextKind, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// clap's headings are English; these templates give the help screens Vietnamese ones.
const PARENT_TEMPLATE: &str =
    "{about}\n\nCách dùng: {usage}\n\nLệnh:\n{subcommands}\n\nTùy chọn:\n{options}";
const HELP_TEMPLATE: &str = "{about}\n\nCách dùng: {usage}\n\nTùy chọn:\n{options}";

#[derive(Parser, Debug)]
#[command(
    name = "tre",
    version,
    about = "Tre: kế hoạch và tự đánh giá xã phù hợp với trẻ em, xuất văn bản theo Nghị định 30/2020/NĐ-CP.",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    /// In hướng dẫn
    #[arg(short = 'h', long, global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// In phiên bản
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Tệp dữ liệu (mặc định: biến TRE_DB, nếu không có thì thư mục dữ liệu của người dùng)
    #[arg(long, global = true, value_name = "TỆP")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tạo xã mẫu với một kế hoạch của mỗi mẫu, để dùng thử
    Demo {
        /// Năm của các kế hoạch mẫu (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
    },
    /// Xem hoặc sửa thông tin xã
    #[command(subcommand)]
    Commune(CommuneCmd),
    /// Danh sách, tạo, xem, sao chép, xóa kế hoạch
    #[command(subcommand)]
    Plan(PlanCmd),
    /// Xuất văn bản ra tệp PDF, DOCX, SVG, TXT hoặc JSON
    #[command(subcommand)]
    Export(ExportCmd),
    /// Tự đánh giá xã phù hợp với trẻ em: số liệu, điểm, kết luận
    #[command(subcommand)]
    Assess(crate::assess::AssessCmd),
    /// Kiểm tra lỗi một kế hoạch (ngày văn bản, năm, chính tả, thể thức); mã thoát 1 nếu có lỗi
    Check(CheckArgs),
    /// Đọc một kế hoạch từ tệp .txt, .md hoặc .docx (xem trước; --save để lưu)
    Import {
        /// Tệp kế hoạch cần đọc
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Lưu thành kế hoạch mới và in ra số (id) của nó
        #[arg(long)]
        save: bool,
        /// In kế hoạch dạng JSON (như `plan show --json`)
        #[arg(long)]
        json: bool,
    },
    /// Các thời hạn trong năm (việc nào đã quá hạn)
    Deadlines {
        /// Năm (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
        /// Ghi thêm các thời hạn ra tệp lịch .ics (nhập vào Google Calendar, Outlook, điện thoại)
        #[arg(long, value_name = "TỆP")]
        ics: Option<PathBuf>,
    },
    /// Lời nhắc của ngày: việc quá hạn và việc đến hạn trong 7 ngày tới (như thông báo của ứng dụng)
    Reminders {
        /// In dạng JSON
        #[arg(long)]
        json: bool,
        /// Nhắc như vào ngày này (ngày/tháng/năm hoặc năm-tháng-ngày; mặc định: hôm nay)
        #[arg(long, value_name = "NGÀY")]
        today: Option<String>,
    },
    /// Hồ sơ gửi cấp trên (tệp ZIP và thư nháp) và kiểm tra hồ sơ nhận được
    #[command(subcommand)]
    Dossier(crate::dossier::DossierCmd),
    /// Phía tỉnh: nhập hồ sơ của các xã, kiểm tra, tổng hợp (Excel, báo cáo PDF) và xu hướng qua các năm
    #[command(subcommand)]
    Province(crate::province::ProvinceCmd),
    /// Sổ văn bản đi: số, ngày ký và nơi đã gửi của từng văn bản
    #[command(subcommand)]
    Register(crate::register::RegisterCmd),
    /// Hộp thư đi: gửi hồ sơ từ Tre qua máy chủ thư, tự gửi lại khi mạng chập chờn
    #[command(subcommand)]
    Outbox(crate::outbox::OutboxCmd),
    /// Chứng thư gốc tin cậy để kiểm tra chữ ký số
    #[command(subcommand)]
    Trust(crate::trust::TrustCmd),
    /// Kiểm tra chữ ký số trong một tệp PDF: người ký, thời điểm ký, nội dung có bị sửa sau khi ký
    Signatures {
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Sao lưu toàn bộ dữ liệu ra một tệp, hoặc ra USB/thư mục khác
    Backup(crate::backup::BackupArgs),
    /// Các bản sao lưu dùng được (đã kiểm tra), mới nhất trước
    Backups(crate::backup::BackupsArgs),
    /// Khôi phục dữ liệu từ một tệp sao lưu (dữ liệu hiện tại được giữ lại một bản)
    Restore {
        #[arg(value_name = "TỆP")]
        backup: PathBuf,
    },
    /// Hoàn tác thay đổi gần nhất
    Undo,
    /// Làm lại thay đổi vừa hoàn tác
    Redo,
    /// Lịch sử thay đổi (mới nhất trước)
    History {
        /// Số mục tối đa
        #[arg(long, default_value_t = 20, value_name = "SỐ")]
        limit: usize,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum CommuneCmd {
    /// Xem thông tin xã
    Show {
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Nhập hoặc sửa thông tin xã (chỉ những mục được nêu)
    Set(Box<CommuneSet>),
}

#[derive(Args, Debug, Default)]
pub struct CommuneSet {
    /// Toàn bộ thông tin xã từ một tệp JSON (như `commune show --json`)
    #[arg(long, value_name = "TỆP")]
    pub from_json: Option<PathBuf>,
    /// Tên xã, không kèm chữ "xã": "Quan Sơn"
    #[arg(long, value_name = "TÊN")]
    pub name: Option<String>,
    /// Loại đơn vị: xã, phường hoặc đặc khu
    #[arg(long, value_name = "LOẠI")]
    pub kind: Option<String>,
    /// Tên tỉnh, không kèm chữ "tỉnh": "Lạng Sơn"
    #[arg(long, value_name = "TỈNH")]
    pub province: Option<String>,
    /// Cơ quan cấp trên nhận hồ sơ: "Sở Y tế tỉnh Lạng Sơn"
    #[arg(long, value_name = "CƠ_QUAN")]
    pub superior: Option<String>,
    /// Địa chỉ thư điện tử của cơ quan cấp trên
    #[arg(long, value_name = "THƯ_ĐIỆN_TỬ")]
    pub superior_email: Option<String>,
    /// Tên cơ quan chủ quản in phía trên (nếu có; để trống để bỏ)
    #[arg(long, value_name = "CƠ_QUAN")]
    pub parent_authority: Option<String>,
    /// Dòng tên cơ quan ban hành (nêu hai lần: "ỦY BAN NHÂN DÂN", "XÃ QUAN SƠN")
    #[arg(long = "authority", value_name = "DÒNG")]
    pub authority: Vec<String>,
    /// Địa danh ở dòng ngày tháng
    #[arg(long, value_name = "ĐỊA_DANH")]
    pub place: Option<String>,
    /// Họ tên Chủ tịch UBND
    #[arg(long, value_name = "HỌ_TÊN")]
    pub chair: Option<String>,
    /// Họ tên Phó Chủ tịch UBND (nêu nhiều lần nếu có nhiều người)
    #[arg(long = "vice-chair", value_name = "HỌ_TÊN")]
    pub vice_chairs: Vec<String>,
    /// Đơn vị thực hiện (ban, ngành, trường, thôn); nêu nhiều lần
    #[arg(long = "unit", value_name = "ĐƠN_VỊ")]
    pub units: Vec<String>,
    /// Loại xã để xét ngưỡng điểm: ward-city (900), standard (850), disadvantaged (800)
    #[arg(long, value_name = "LOẠI")]
    pub category: Option<String>,
    /// Nơi nhận mặc định; nêu nhiều lần, mục cuối "Lưu: VT, VHXH"
    #[arg(long = "recipient", value_name = "NƠI_NHẬN")]
    pub recipients: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum PlanCmd {
    /// Danh sách kế hoạch
    List {
        /// Chỉ các kế hoạch của năm này
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Tạo kế hoạch mới từ một mẫu; in ra số (id) của kế hoạch
    New {
        /// Năm của kế hoạch
        #[arg(long, value_name = "NĂM")]
        year: i32,
        /// Mẫu: qd06, program, early-childhood hoặc blank (xem `tre plan templates`)
        #[arg(long, value_enum, hide_possible_values = true, value_name = "MẪU")]
        template: TemplateArg,
    },
    /// Xem một kế hoạch
    Show {
        /// Số (id) của kế hoạch, như `tre plan list` in ra
        id: i64,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Sao chép kế hoạch sang năm khác; in ra số (id) của kế hoạch mới
    Copy {
        /// Số (id) của kế hoạch, như `tre plan list` in ra
        id: i64,
        /// Năm của kế hoạch mới
        #[arg(long, value_name = "NĂM")]
        year: i32,
    },
    /// Sửa số, ngày, trích yếu hoặc toàn bộ kế hoạch
    Set(PlanSet),
    /// Xóa một kế hoạch (có thể hoàn tác bằng `tre undo`)
    Delete {
        /// Số (id) của kế hoạch, như `tre plan list` in ra
        id: i64,
    },
    /// Danh sách mẫu kế hoạch
    Templates,
}

#[derive(Args, Debug)]
pub struct PlanSet {
    pub id: i64,
    /// Toàn bộ kế hoạch từ một tệp JSON (như `plan show --json`)
    #[arg(long, value_name = "TỆP")]
    pub from_json: Option<std::path::PathBuf>,
    /// Số văn bản ("12"); để trống ("") để bỏ số
    #[arg(long, value_name = "SỐ")]
    pub number: Option<String>,
    /// Ngày ký: ngày/tháng/năm (15/04/2027), hoặc tháng/năm (4/2027) để trống ngày
    #[arg(long, value_name = "NGÀY")]
    pub date: Option<String>,
    /// Trích yếu (tên kế hoạch)
    #[arg(long, value_name = "TRÍCH_YẾU")]
    pub title: Option<String>,
    /// Họ tên người ký
    #[arg(long, value_name = "HỌ_TÊN")]
    pub signer_name: Option<String>,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("nguon").required(true).args(["file", "plan"])))]
pub struct CheckArgs {
    /// Tệp kế hoạch: JSON (như `plan show --json` in ra), hoặc văn bản .txt, .md
    #[arg(value_name = "TỆP")]
    pub file: Option<PathBuf>,
    /// Số (id) của kế hoạch đã lưu (kiểm tra cả tên xã, người ký theo thông tin xã)
    #[arg(long, value_name = "ID")]
    pub plan: Option<i64>,
    /// In dạng JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum TemplateArg {
    Qd06,
    Program,
    EarlyChildhood,
    Blank,
}

impl TemplateArg {
    pub fn id(self) -> &'static str {
        match self {
            TemplateArg::Qd06 => "qd06",
            TemplateArg::Program => "program",
            TemplateArg::EarlyChildhood => "early-childhood",
            TemplateArg::Blank => "blank",
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// Xuất một kế hoạch
    Plan {
        /// Số (id) của kế hoạch, như `tre plan list` in ra
        id: i64,
        /// Định dạng: pdf, docx, svg (mỗi trang một tệp), txt hoặc json
        #[arg(
            long,
            value_enum,
            hide_possible_values = true,
            value_name = "ĐỊNH_DẠNG"
        )]
        format: Format,
        /// Tệp sẽ tạo (với txt và json có thể bỏ trống để in ra màn hình)
        #[arg(long, value_name = "TỆP")]
        out: Option<PathBuf>,
    },
    /// Xuất bảng tự chấm điểm (phụ lục của báo cáo năm): pdf, docx hoặc xlsx
    Assessment(crate::assess_docs::AssessExport),
    /// Xuất báo cáo kết quả xây dựng xã phù hợp với trẻ em cả năm
    Report(crate::assess_docs::AssessExport),
    /// Xuất báo cáo kết quả 6 tháng đầu năm
    #[command(name = "report-6m")]
    Report6m(crate::assess_docs::AssessExport),
    /// Xuất tờ trình đề nghị công nhận (chỉ khi kết quả đạt chuẩn)
    Proposal(crate::assess_docs::AssessExport),
    /// Xuất biên bản họp đánh giá
    Minutes(crate::assess_docs::AssessExport),
    /// Xuất thông báo công khai kết quả tự đánh giá
    Notice(crate::assess_docs::AssessExport),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Pdf,
    Docx,
    Svg,
    Txt,
    Json,
}

/// Parses the command line with Vietnamese help screens on every command.
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let cmd = vietnamese_help(Cli::command());
    Cli::from_arg_matches(&cmd.try_get_matches()?)
}

fn vietnamese_help(cmd: clap::Command) -> clap::Command {
    let template = if cmd.has_subcommands() {
        PARENT_TEMPLATE
    } else {
        HELP_TEMPLATE
    };
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let mut cmd = cmd.help_template(template);
    for name in names {
        cmd = cmd.mut_subcommand(name, vietnamese_help);
    }
    cmd
}

/// clap's own messages are English; the officer gets a Vietnamese line instead.
pub fn report_usage_error(e: clap::Error) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return 0;
        }
        _ => {}
    }
    let arg = e.get(ContextKind::InvalidArg).map(|v| v.to_string());
    let value = e.get(ContextKind::InvalidValue).map(|v| v.to_string());
    let what = match (e.kind(), arg, value) {
        (ErrorKind::InvalidValue, Some(a), Some(v)) => {
            format!("giá trị “{v}” không hợp lệ cho {a}")
        }
        (ErrorKind::ValueValidation, Some(a), Some(v)) => {
            format!("giá trị “{v}” không hợp lệ cho {a}")
        }
        (ErrorKind::MissingRequiredArgument, _, _) => {
            let missing = e
                .get(ContextKind::InvalidArg)
                .map(|v| v.to_string())
                .unwrap_or_default();
            format!("thiếu {missing}")
        }
        (ErrorKind::UnknownArgument, Some(a), _) => format!("không hiểu tùy chọn {a}"),
        (ErrorKind::InvalidSubcommand, _, Some(v)) => format!("không có lệnh “{v}”"),
        (ErrorKind::MissingSubcommand, _, _) => "thiếu lệnh con".to_string(),
        _ => "câu lệnh không đúng".to_string(),
    };
    eprintln!("Lỗi: {what}. Xem hướng dẫn bằng `tre --help`.");
    2
}
