//! The `tre` command (CLI.md). Thin: parse arguments, call the library, print. Every message
//! is Vietnamese; errors are one line on stderr with exit code 2, findings exit 1.

mod args;
mod assess;
mod assess_docs;
mod check;
mod commune;
mod dossier;
pub(crate) mod import;
mod plan;
mod workbook;

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::store::{resolve_db_path, Store};
use args::{Cli, Command};

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    install_panic_hook();
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err(e) => return args::report_usage_error(e),
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            2
        }
    }
}

/// A bug must never show a Rust backtrace to the officer: one Vietnamese line instead.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "Lỗi: Tre gặp lỗi không mong muốn{place}. Dữ liệu đã lưu không bị ảnh hưởng; hãy thử lại và báo cho người hỗ trợ."
        );
    }));
}

fn open_store(db: Option<&PathBuf>) -> Result<Store> {
    let path = resolve_db_path(db.map(|p| p.as_path()))?;
    let store = Store::open(&path)?;
    for w in store.warnings() {
        eprintln!("Cảnh báo: {w}");
    }
    Ok(store)
}

fn dispatch(cli: Cli) -> Result<i32> {
    let db = cli.db.as_ref();
    match cli.command {
        Command::Demo { year } => {
            let mut store = open_store(db)?;
            let year = year.unwrap_or_else(current_year);
            let ids = crate::demo::load_demo(&mut store, year)?;
            for id in ids {
                println!("{id}");
            }
            eprintln!("Đã tạo dữ liệu mẫu: xã Minh Hòa, tỉnh Phú Thọ, năm {year}.");
            Ok(0)
        }
        Command::Commune(cmd) => commune::run(&mut open_store(db)?, cmd),
        Command::Plan(cmd) => plan::run(&mut open_store(db)?, cmd),
        Command::Export(cmd) => plan::export(&open_store(db)?, cmd),
        Command::Assess(cmd) => assess::run(&mut open_store(db)?, cmd),
        Command::Check(args) => check::run(db, args),
        Command::Import { file, save, json } => import::run(db, &file, save, json),
        Command::Deadlines { year, json, ics } => {
            let store = open_store(db)?;
            let year = year.unwrap_or_else(current_year);
            let today = chrono::Local::now().date_naive();
            let items = crate::deadlines::for_year(&store, year, today)?;
            if let Some(path) = &ics {
                let n = crate::deadlines::ics::write_ics(&store, year, today, path)?;
                // stderr: stdout stays the list (or pure JSON with --json).
                eprintln!(
                    "Đã ghi lịch {} ({n} thời hạn, nhắc trước 3 ngày).",
                    path.display()
                );
            }
            if json {
                print_json(&items)?;
            } else if items.is_empty() {
                println!("Năm {year} chưa có thời hạn nào trong các kế hoạch.");
            } else {
                for i in items {
                    let state = match i.days_left {
                        d if d < 0 => format!("QUÁ HẠN {} ngày", -d),
                        0 => "HÔM NAY".to_string(),
                        d => format!("còn {d} ngày"),
                    };
                    let state = if i.done == Some(true) {
                        "ĐÃ XONG".to_string()
                    } else {
                        state
                    };
                    let from = match i.plan_id {
                        Some(id) => format!("KH {id}"),
                        None => "tự đánh giá".to_string(),
                    };
                    println!(
                        "{}  {:<16}  {}  ({from})",
                        crate::deadlines::vn_date(&i.date),
                        state,
                        i.text,
                    );
                    if !i.pending_units.is_empty() {
                        println!(
                            "            Chưa gửi số liệu: {}",
                            i.pending_units.join("; ")
                        );
                    }
                }
            }
            Ok(0)
        }
        Command::Dossier(cmd) => dossier::run(db, cmd),
        Command::Backup { out } => {
            open_store(db)?.backup_to(&out)?;
            println!("Đã sao lưu vào {}", out.display());
            Ok(0)
        }
        Command::Restore { backup } => {
            let path = resolve_db_path(db.map(|p| p.as_path()))?;
            Store::restore(&path, &backup)?;
            println!("Đã khôi phục dữ liệu từ {}", backup.display());
            Ok(0)
        }
        Command::Undo => {
            let entry = open_store(db)?.undo()?;
            println!("Đã hoàn tác: {}", entry.summary);
            Ok(0)
        }
        Command::Redo => {
            let entry = open_store(db)?.redo()?;
            println!("Đã làm lại: {}", entry.summary);
            Ok(0)
        }
        Command::History { limit, json } => {
            let entries = open_store(db)?.history(limit)?;
            if json {
                print_json(&entries)?;
            } else {
                for e in entries {
                    let undone = if e.undone { " (đã hoàn tác)" } else { "" };
                    println!("{}  {}{}", e.at, e.summary, undone);
                }
            }
            Ok(0)
        }
    }
}

pub(crate) fn current_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Invalid(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`tre plan list --json | head`) is not an error worth a message.
    let _ = writeln!(out, "{text}");
    Ok(())
}
