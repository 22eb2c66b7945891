//! `tre trust …` and `tre signatures`: the roots trusted for digital signatures, and checking
//! the signatures of any PDF (one received, or one about to be attached).

use std::path::PathBuf;

use clap::Subcommand;

use tre::register::signature::{Signature, Status, TrustRoot};
use tre::session::Session;
use tre::Result;

use crate::print_json;

#[derive(Subcommand, Debug)]
pub enum TrustCmd {
    /// Các chứng thư gốc tin cậy đã nhập
    List {
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Nhập chứng thư gốc tin cậy (tệp .cer, .crt hoặc .pem của tổ chức chứng thực hoặc do tỉnh cung cấp)
    Import {
        #[arg(value_name = "TỆP", required = true)]
        files: Vec<PathBuf>,
    },
    /// Bỏ một chứng thư gốc khỏi danh sách tin cậy
    Remove {
        /// Dấu vân tay SHA-256 (ít nhất 8 ký tự đầu, như trong danh sách)
        #[arg(value_name = "DẤU_VÂN_TAY")]
        fingerprint: String,
    },
}

pub fn run(s: &mut Session, cmd: TrustCmd) -> Result<i32> {
    let roots = match cmd {
        TrustCmd::List { json: true } => {
            print_json(&s.trust_list()?)?;
            return Ok(0);
        }
        TrustCmd::List { json: false } => s.trust_list()?,
        TrustCmd::Import { files } => {
            let roots = s.trust_import(&files)?;
            println!("Đã nhập chứng thư gốc.");
            roots
        }
        TrustCmd::Remove { fingerprint } => {
            let roots = s.trust_remove(&fingerprint)?;
            println!("Đã bỏ chứng thư gốc.");
            roots
        }
    };
    print_roots(&roots);
    Ok(0)
}

fn print_roots(roots: &[TrustRoot]) {
    if roots.is_empty() {
        println!("Chưa có chứng thư gốc tin cậy nào: chữ ký số được kiểm tra tính toàn vẹn, nhưng chưa kiểm tra chuỗi chứng thư.");
        return;
    }
    println!("Chứng thư gốc tin cậy:");
    for r in roots {
        let org = r
            .organisation
            .as_deref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default();
        println!(
            "  {}{org}, hết hạn {}, dấu vân tay {}",
            r.name,
            r.not_after,
            &r.sha256[..16]
        );
    }
}

/// `tre signatures FILE.pdf`: exit 0 when every signature is intact and nothing was added
/// after the last one, 1 otherwise (or when there is none), 2 when the file cannot be read.
pub fn check(s: &Session, file: &std::path::Path, json: bool) -> Result<i32> {
    let sigs = s.signatures_of(file)?;
    if json {
        print_json(&sigs)?;
    } else if sigs.is_empty() {
        println!("Tệp không có chữ ký số nào.");
    } else {
        for (i, sig) in sigs.iter().enumerate() {
            println!("{}. {}", i + 1, sig.summary);
        }
    }
    Ok(if all_hold(&sigs) { 0 } else { 1 })
}

fn all_hold(sigs: &[Signature]) -> bool {
    !sigs.is_empty()
        && sigs
            .iter()
            .all(|s| s.status == Status::Intact && !s.changed_after)
}
