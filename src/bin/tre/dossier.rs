//! `tre dossier build|verify`: the ZIP sent upward with its e-mail draft, and the check the
//! receiving office (or the commune, before sending) runs on it.

use std::path::PathBuf;

use clap::Subcommand;

use tre::dossier::Options;
use tre::session::{current_year, Session};
use tre::Result;

/// What goes into the dossier and how large an e-mail may be: the same for writing it
/// (`dossier build`) and for sending it (`outbox queue`).
#[derive(clap::Args, Debug)]
pub struct Choices {
    /// Văn bản chưa có bản ký thì gửi bản dự thảo (manifest.json và thư ghi rõ “dự thảo”); không có tùy chọn này thì thiếu bản ký là dừng
    #[arg(long)]
    drafts: bool,
    /// Kèm bản Word (DOCX) của từng văn bản
    #[arg(long)]
    docx: bool,
    /// Dung lượng tối đa của một thư, tính bằng MB
    #[arg(long, value_name = "MB", default_value_t = 20)]
    max_mb: u64,
}

impl Choices {
    pub fn options(&self) -> Options {
        Options {
            drafts: self.drafts,
            docx: self.docx,
            max_email_bytes: self.max_mb.saturating_mul(1_000_000),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum DossierCmd {
    /// Lập hồ sơ gửi cấp trên: tệp ZIP (văn bản PDF, Word, bảng điểm, manifest.json) và thư nháp .eml bên cạnh
    Build {
        /// Năm (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Tệp ZIP sẽ tạo; thư nháp cùng tên, đuôi .eml. Hồ sơ quá lớn cho một thư được chia thành các phần …_phan-1-cua-2.zip, mỗi phần một thư
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
        #[command(flatten)]
        choices: Choices,
    },
    /// Kiểm tra hồ sơ nhận được: tệp nào bị sửa, bị thiếu hoặc bị thêm vào. Hồ sơ nhiều phần: đưa tất cả các phần
    Verify {
        #[arg(value_name = "TỆP", required = true)]
        files: Vec<PathBuf>,
    },
}

pub fn run(db: Option<&PathBuf>, cmd: DossierCmd) -> Result<i32> {
    match cmd {
        DossierCmd::Build { year, out, choices } => {
            let year = year.unwrap_or_else(current_year);
            let result =
                crate::open(db)?.dossier_build_to(year, &out, choices.options(), &mut |_| {})?;
            let n = result.parts.len();
            println!(
                "Đã lập hồ sơ năm {year}: {} tệp trong {n} thư.",
                result.files.len()
            );
            for (k, part) in result.parts.iter().enumerate() {
                let size = std::fs::metadata(&part.zip).map(|m| m.len()).unwrap_or(0);
                println!(
                    "Phần {}/{n}: {} ({} KB), thư nháp {} ({} KB)",
                    k + 1,
                    part.zip.display(),
                    size.div_ceil(1024),
                    part.eml.display(),
                    part.email_bytes.div_ceil(1024)
                );
                for f in result.files.iter().filter(|f| f.part as usize == k + 1) {
                    println!("  {}  {} ({})", f.name, f.kind.label(), f.state.label());
                }
            }
            for w in &result.warnings {
                eprintln!("Cảnh báo: {w}");
            }
            Ok(0)
        }
        // Needs no database: the receiving office checks a ZIP it was sent.
        DossierCmd::Verify { files } => {
            let report = Session::dossier_verify(&files)?;
            if report.intact() {
                println!("{}", report.summary());
                return Ok(0);
            }
            for p in &report.problems {
                println!("{}", p.message);
            }
            eprintln!("{}", report.summary());
            Ok(1)
        }
    }
}
