//! `tre register …`: the document register (sổ văn bản đi) — each document's number, date of
//! signing and where it was sent.

use std::path::PathBuf;

use clap::Subcommand;

use tre::register::{Entry, SendMethod, Sending};
use tre::session::{current_year, Session};
use tre::Result;

use crate::print_json;

#[derive(Subcommand, Debug)]
pub enum RegisterCmd {
    /// Các văn bản của năm: số, ngày ký, trạng thái (dự thảo, đã ký, đã gửi), nơi đã gửi
    List {
        /// Năm (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Ghi số và ngày ký văn thư đã cấp cho một văn bản (văn bản chuyển sang “Đã ký”)
    Sign {
        /// Mã văn bản trong sổ: plan:3, assessment:2026:report
        #[arg(value_name = "MÃ")]
        key: String,
        /// Số văn bản, ví dụ 15
        #[arg(long, value_name = "SỐ")]
        number: String,
        /// Ngày ký, ví dụ 20/04/2026
        #[arg(long, value_name = "NGÀY")]
        date: String,
    },
    /// Đính kèm bản ký: một tệp PDF (quét, hoặc tải từ hệ thống quản lý văn bản) hoặc ảnh chụp từng trang
    Attach {
        /// Mã văn bản trong sổ: plan:3, assessment:2026:report
        #[arg(value_name = "MÃ")]
        key: String,
        /// Tệp PDF bản ký, hoặc các ảnh JPG/PNG theo thứ tự trang
        #[arg(value_name = "TỆP", required = true)]
        files: Vec<PathBuf>,
        /// Thay bản ký đã đính kèm trước đó
        #[arg(long)]
        replace: bool,
    },
    /// Lấy ra bản ký đã đính kèm, nguyên như khi đính kèm
    Copy {
        /// Mã văn bản trong sổ: plan:3, assessment:2026:report
        #[arg(value_name = "MÃ")]
        key: String,
        /// Tệp ghi ra
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
    /// Ghi văn bản đã gửi: ngày, nơi nhận, cách gửi
    Send {
        /// Mã văn bản trong sổ: plan:3, assessment:2026:report
        #[arg(value_name = "MÃ")]
        key: String,
        /// Nơi nhận, ví dụ "Sở Y tế tỉnh Phú Thọ"
        #[arg(long, value_name = "NƠI_NHẬN")]
        to: String,
        /// Cách gửi: email, e-office (hệ thống quản lý văn bản), post (bưu điện), hand (trực tiếp)
        #[arg(long, value_name = "CÁCH")]
        how: String,
        /// Ngày gửi (mặc định: hôm nay)
        #[arg(long, value_name = "NGÀY")]
        date: Option<String>,
        /// Ghi chú, ví dụ số đến của hệ thống quản lý văn bản
        #[arg(long, value_name = "GHI_CHÚ")]
        note: Option<String>,
    },
}

pub fn run(s: &mut Session, cmd: RegisterCmd) -> Result<i32> {
    match cmd {
        RegisterCmd::List { year, json } => {
            let year = year.unwrap_or_else(current_year);
            let entries = s.register_list(year)?;
            if json {
                print_json(&entries)?;
            } else if entries.is_empty() {
                println!("Năm {year} chưa có văn bản nào.");
            } else {
                println!("Sổ văn bản năm {year}:");
                for e in &entries {
                    print!("{}", describe(e));
                }
            }
        }
        RegisterCmd::Sign { key, number, date } => {
            let e = s.register_sign(&key, &number, &date)?;
            println!("Đã ghi: {}", headline(&e));
        }
        RegisterCmd::Attach {
            key,
            files,
            replace,
        } => {
            let done = s.register_attach(&key, &files, replace)?;
            println!("Đã ghi: {}", headline(&done.entry));
            for w in &done.warnings {
                println!("Lưu ý: {w}");
            }
        }
        RegisterCmd::Copy { key, out } => {
            let (copy, bytes) = s.register_copy(&key)?;
            tre::fsutil::write_atomic(&out, &bytes)?;
            println!(
                "Đã ghi bản ký {} ({} trang) ra {}",
                copy.name,
                copy.pages,
                out.display()
            );
        }
        RegisterCmd::Send {
            key,
            to,
            how,
            date,
            note,
        } => {
            let today = chrono::Local::now().date_naive().to_string();
            let sending = Sending::new(
                date.as_deref().unwrap_or(&today),
                &to,
                SendMethod::from_key(&how)?,
                note.as_deref(),
            )?;
            let e = s.register_send(&key, sending)?;
            println!("Đã ghi: {}", headline(&e));
        }
    }
    Ok(0)
}

/// "KẾ HOẠCH số 15/KH-UBND ngày 20/04/2026 — Đã ký" (a draft has no number yet).
fn headline(e: &Entry) -> String {
    let mut s = format!("{} [{}]", e.doc_type, e.key);
    if let Some(n) = &e.number_line {
        s.push_str(&format!(" số {n}"));
    }
    if let Some(d) = &e.date {
        s.push_str(&format!(" ngày {}", vi_date(d)));
    }
    format!("{s} — {}", e.state_label)
}

fn describe(e: &Entry) -> String {
    let mut out = format!("\n{}\n    {}\n", headline(e), e.title);
    if let Some(c) = &e.copy {
        out.push_str(&format!("    bản ký: {} ({} trang)\n", c.name, c.pages));
        for sig in &e.signatures {
            out.push_str(&format!("    {}\n", sig.summary));
        }
        if e.edited_after_copy {
            out.push_str("    Lưu ý: văn bản đã được sửa sau khi đính kèm bản ký; bản ký vẫn giữ nguyên như khi ký.\n");
        }
    }
    for x in &e.sendings {
        out.push_str(&format!(
            "    gửi {} ngày {} ({})",
            x.to,
            vi_date(&x.on),
            x.how.label()
        ));
        if let Some(n) = &x.note {
            out.push_str(&format!(": {n}"));
        }
        out.push('\n');
    }
    out
}

/// "2026-04-20" → "20/04/2026".
fn vi_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}
