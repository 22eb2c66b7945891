//! `tre dossier build|verify`: the ZIP sent upward with its e-mail draft, and the check the
//! receiving office (or the commune, before sending) runs on it.

use std::path::PathBuf;

use clap::Subcommand;

use tre::session::{current_year, Session};
use tre::Result;

#[derive(Subcommand, Debug)]
pub enum DossierCmd {
    /// Lập hồ sơ gửi cấp trên: tệp ZIP (văn bản PDF, Word, bảng điểm, manifest.json) và thư nháp .eml bên cạnh
    Build {
        /// Năm (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Tệp ZIP sẽ tạo; thư nháp cùng tên, đuôi .eml
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
    /// Kiểm tra hồ sơ nhận được: tệp nào bị sửa, bị thiếu hoặc bị thêm vào
    Verify {
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
}

pub fn run(db: Option<&PathBuf>, cmd: DossierCmd) -> Result<i32> {
    match cmd {
        DossierCmd::Build { year, out } => {
            let year = year.unwrap_or_else(current_year);
            let result = crate::open(db)?.dossier_build_to(year, &out, &mut |_| {})?;
            let size = std::fs::metadata(&result.zip).map(|m| m.len()).unwrap_or(0);
            println!(
                "Đã lập hồ sơ {} ({} tệp, {} KB):",
                result.zip.display(),
                result.files.len(),
                size.div_ceil(1024)
            );
            for f in &result.files {
                println!("  {}  {}", f.name, f.kind.label());
            }
            println!("Thư nháp gửi cấp trên: {}", result.eml.display());
            for w in &result.warnings {
                eprintln!("Cảnh báo: {w}");
            }
            Ok(0)
        }
        // Needs no database: the receiving office checks a ZIP it was sent.
        DossierCmd::Verify { file } => {
            let report = Session::dossier_verify(&file)?;
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
