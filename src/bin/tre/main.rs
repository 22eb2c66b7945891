//! The `tre` command (docs/cli.md): every feature of the app, scriptable and testable without a
//! window. Thin: parse the arguments, call `tre::session::Session`, print. Every message is
//! Vietnamese; errors are one line on stderr with exit code 2, findings exit 1.

mod args;
mod assess;
mod assess_docs;
mod backup;
mod check;
mod commune;
mod dossier;
mod import;
mod outbox;
mod plan;
mod province;
#[cfg(test)]
mod reference;
mod register;
mod trends;
mod trust;
mod workbook;

use std::io::Write;
use std::path::PathBuf;

use args::{Cli, Command};
use tre::session::{current_year, Session};
use tre::store::resolve_db_path;
use tre::{Error, Result};

fn main() {
    std::process::exit(run());
}

/// Runs the command line and returns the process exit code.
fn run() -> i32 {
    install_panic_hook();
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err(e) => return args::report_usage_error(e),
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            match hint(&e) {
                Some(h) => eprintln!("Lỗi: {e} {h}"),
                None => eprintln!("Lỗi: {e}"),
            }
            2
        }
    }
}

/// The core's messages name no interface; at the command line, say which command helps.
fn hint(e: &Error) -> Option<&'static str> {
    Some(match e.code() {
        "plan-not-found" => "Xem danh sách bằng `tre plan list`.",
        "no-commune" => "Nhập bằng `tre commune set --name … --province …` hoặc chạy `tre demo` để dùng dữ liệu mẫu.",
        "commune-incomplete" => "Ví dụ: `tre commune set --name \"Quan Sơn\" --province \"Lạng Sơn\"`.",
        "db-corrupt" => "Khôi phục bằng `tre restore TỆP_SAO_LƯU` (các bản sao lưu hằng ngày ở thư mục backups cạnh tệp dữ liệu).",
        "backup-invalid" => "Các bản sao lưu dùng được: `tre backups`.",
        "no-data-dir" => "Hoặc nêu tệp dữ liệu bằng `tre --db ĐƯỜNG_DẪN` hay biến môi trường TRE_DB.",
        "demo-needs-empty-file" => "Ví dụ: `tre --db mau.db demo`.",
        "missing-signed-copies" => "Mã từng văn bản: `tre register list`; đính kèm: `tre register attach MÃ TỆP.pdf`; gửi bản dự thảo: thêm `--drafts`.",
        _ => return None,
    })
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

/// Opens the session on `--db`, `$TRE_DB` or the user's data folder, and says what opening
/// the file found worth telling.
fn open(db: Option<&PathBuf>) -> Result<Session> {
    let session = Session::open(&resolve_db_path(db.map(|p| p.as_path()))?)?;
    for w in session.warnings() {
        eprintln!("Cảnh báo: {w}");
    }
    Ok(session)
}

fn dispatch(cli: Cli) -> Result<i32> {
    let db = cli.db.as_ref();
    match cli.command {
        Command::Demo { year } => {
            let year = year.unwrap_or_else(current_year);
            for id in open(db)?.demo_load(year)? {
                println!("{id}");
            }
            eprintln!("Đã tạo dữ liệu mẫu: xã Minh Hòa, tỉnh Phú Thọ, năm {year}.");
            Ok(0)
        }
        Command::Commune(cmd) => commune::run(&mut open(db)?, cmd),
        Command::Plan(cmd) => plan::run(&mut open(db)?, cmd),
        Command::Export(cmd) => plan::export(&open(db)?, cmd),
        Command::Assess(cmd) => assess::run(&mut open(db)?, cmd),
        Command::Check(args) => check::run(&open(db)?, args),
        Command::Import { file, save, json } => import::run(db, &file, save, json),
        Command::Deadlines { year, json, ics } => {
            deadlines(&open(db)?, year.unwrap_or_else(current_year), json, ics)
        }
        Command::Reminders { json, today } => reminders(&open(db)?, json, today.as_deref()),
        Command::Dossier(cmd) => dossier::run(db, cmd),
        Command::Province(cmd) => province::run(&mut open(db)?, cmd),
        Command::Register(cmd) => register::run(&mut open(db)?, cmd),
        Command::Trust(cmd) => trust::run(&mut open(db)?, cmd),
        Command::Outbox(cmd) => outbox::run(&mut open(db)?, cmd),
        Command::Signatures { file, json } => trust::check(&open(db)?, &file, json),
        Command::Backup(args) => backup::backup(db, args),
        Command::Backups(args) => backup::backups(db, args),
        Command::Restore { backup } => backup::restore(db, &backup),
        Command::Undo => {
            let entry = open(db)?.undo()?;
            println!("Đã hoàn tác: {}", entry.summary);
            Ok(0)
        }
        Command::Redo => {
            let entry = open(db)?.redo()?;
            println!("Đã làm lại: {}", entry.summary);
            Ok(0)
        }
        Command::History { limit, json } => {
            let entries = open(db)?.history(limit)?;
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

/// `tre deadlines`: the year's deadlines, what is late, and optionally an .ics calendar.
fn deadlines(s: &Session, year: i32, json: bool, ics: Option<PathBuf>) -> Result<i32> {
    let items = s.deadlines(year)?;
    if let Some(path) = &ics {
        let n = s.deadlines_ics(year, path)?;
        // stderr: stdout stays the list (or pure JSON with --json).
        eprintln!(
            "Đã ghi lịch {} ({n} thời hạn, nhắc trước 3 ngày).",
            path.display()
        );
    }
    if json {
        print_json(&items)?;
        return Ok(0);
    }
    if items.is_empty() {
        println!("Năm {year} chưa có thời hạn nào trong các kế hoạch.");
    }
    for i in items {
        let state = match i.days_left {
            _ if i.done == Some(true) => "ĐÃ XONG".to_string(),
            d if d < 0 => format!("QUÁ HẠN {} ngày", -d),
            0 => "HÔM NAY".to_string(),
            d => format!("còn {d} ngày"),
        };
        let from = match i.plan_id {
            Some(id) => format!("KH {id}"),
            None => "tự đánh giá".to_string(),
        };
        println!(
            "{}  {:<16}  {}  ({from})",
            tre::deadlines::vn_date(&i.date),
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
    Ok(0)
}

/// `tre reminders`: the reminder the app gives today (or on `--today`), without noting it as
/// given: the app's own once-a-day notification is not used up by a look from the terminal.
fn reminders(s: &Session, json: bool, today: Option<&str>) -> Result<i32> {
    let today = today.map(tre::model::date::parse_date).transpose()?;
    let reminder = s.reminder(today)?;
    if json {
        print_json(&reminder)?;
        return Ok(0);
    }
    match reminder {
        Some(r) => println!("{}\n{}", r.title, r.body),
        None => println!(
            "Không có việc nào quá hạn hay đến hạn trong {} ngày tới.",
            tre::deadlines::reminders::WITHIN_DAYS
        ),
    }
    Ok(0)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Invalid(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`tre plan list --json | head`) is not an error worth a message.
    let _ = writeln!(out, "{text}");
    Ok(())
}
