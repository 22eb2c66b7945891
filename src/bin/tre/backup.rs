//! `tre backup`, `tre backups` and `tre restore`: copies of the data, off the laptop too,
//! the list of good backups to restore from, and restoring one.

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args};

use tre::session::Session;
use tre::store::{resolve_db_path, BackupInfo, BackupKind};
use tre::Result;

use crate::{open, print_json};

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("where").required(true).args(["out", "folder"])))]
pub struct BackupArgs {
    /// Tệp sao lưu sẽ tạo
    #[arg(long, value_name = "TỆP")]
    out: Option<PathBuf>,
    /// Sao lưu ra USB/thư mục khác (được ghi nhớ; bỏ trống để dùng thư mục đã chọn lần trước)
    #[arg(long, value_name = "THƯ_MỤC", num_args = 0..=1)]
    folder: Option<Option<PathBuf>>,
}

#[derive(Args, Debug)]
pub struct BackupsArgs {
    /// Tìm thêm trong thư mục này (USB, thư mục đồng bộ); dùng được nhiều lần
    #[arg(long = "dir", value_name = "THƯ_MỤC")]
    dirs: Vec<PathBuf>,
    /// In dạng JSON
    #[arg(long)]
    json: bool,
}

pub fn backup(db: Option<&PathBuf>, args: BackupArgs) -> Result<i32> {
    let mut s = open(db)?;
    if let Some(out) = args.out {
        s.backup_to(&out)?;
        println!("Đã sao lưu vào {}", out.display());
        return Ok(0);
    }
    let folder = args.folder.flatten();
    let info = s.backup_offsite(folder.as_deref())?;
    println!(
        "Đã sao lưu ra {} và đọc lại thấy đúng ({}).",
        info.path.display(),
        contents(&info)
    );
    Ok(0)
}

pub fn backups(db: Option<&PathBuf>, args: BackupsArgs) -> Result<i32> {
    let db_path = resolve_db_path(db.map(|p| p.as_path()))?;
    let list = Session::backups_list(&db_path, &args.dirs);
    if args.json {
        print_json(&list)?;
        return Ok(0);
    }
    if list.backups.is_empty() {
        println!("Không có bản sao lưu nào dùng được.");
    }
    for b in &list.backups {
        println!("{}  {}  {}", kind(b.kind), b.path.display(), contents(b));
    }
    if list.refused > 0 {
        println!(
            "{} tệp khác không qua được kiểm tra nên không được đưa vào danh sách.",
            list.refused
        );
    }
    // The reminder, when the file itself can be opened.
    if let Ok(s) = Session::open(&db_path) {
        let st = s.backup_status()?;
        match (&st.folder, st.days_since) {
            (Some(f), Some(d)) => {
                println!("Lần sao lưu ra ngoài máy gần nhất: {d} ngày trước, vào {f}.")
            }
            _ => println!("Chưa sao lưu ra ngoài máy lần nào."),
        }
        if st.due {
            println!("Nên sao lưu ra USB hoặc thư mục đồng bộ: `tre backup --folder THƯ_MỤC`.");
        }
    }
    Ok(0)
}

pub fn restore(db: Option<&PathBuf>, file: &Path) -> Result<i32> {
    let db_path = resolve_db_path(db.map(|p| p.as_path()))?;
    let info = Session::backup_inspect(file)?;
    let kept = Session::restore(&db_path, file)?;
    println!(
        "Đã khôi phục dữ liệu từ {} ({}).",
        file.display(),
        contents(&info)
    );
    if let Some(k) = kept {
        println!("Dữ liệu trước khi khôi phục được giữ ở {}.", k.display());
    }
    Ok(0)
}

fn kind(k: BackupKind) -> &'static str {
    match k {
        BackupKind::Daily => "hằng ngày    ",
        BackupKind::BeforeMigration => "trước nâng cấp",
        BackupKind::BeforeRestore => "trước khôi phục",
        BackupKind::OffLaptop => "ngoài máy    ",
        BackupKind::Other => "khác         ",
    }
}

/// "xã Quan Sơn, tỉnh Lạng Sơn; 4 kế hoạch; năm 2026, 2025; thay đổi cuối 2026-12-01 09:30".
fn contents(b: &BackupInfo) -> String {
    let mut parts = Vec::new();
    parts.push(
        b.commune
            .clone()
            .unwrap_or_else(|| "chưa có thông tin xã".into()),
    );
    parts.push(format!("{} kế hoạch", b.plans));
    if !b.years.is_empty() {
        let years: Vec<String> = b.years.iter().map(|y| y.to_string()).collect();
        parts.push(format!("năm {}", years.join(", ")));
    }
    if let Some(t) = &b.last_change {
        parts.push(format!(
            "thay đổi cuối {}",
            t.get(..16).unwrap_or(t).replace('T', " ")
        ));
    }
    parts.join("; ")
}
