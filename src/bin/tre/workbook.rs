//! The workbook commands: `tre assess sheet` and `tre assess import`. Thin: the work is in
//! `tre::xlsx`, reached through the session.

use std::path::Path;

use tre::session::Session;
use tre::xlsx::ImportReport;
use tre::{Error, Result};

pub fn sheet(s: &Session, year: i32, unit: &str, out: &Path) -> Result<i32> {
    let info = s.assessment_sheet(year, unit, out)?;
    println!(
        "Đã tạo bảng số liệu năm {year} cho {} ({} chỉ số: {}): {}",
        info.unit,
        info.items.len(),
        info.items.join(", "),
        out.display()
    );
    println!(
        "Gửi tệp này cho đơn vị; khi nhận lại, nhập bằng: tre assess import --year {year} {}",
        out.display()
    );
    Ok(0)
}

/// Exit 0 when everything new was taken in, 1 when conflicts were kept aside (the command
/// ran and found something to resolve), an error (exit 2) when a cell is wrong.
pub fn import(s: &mut Session, year: i32, file: &Path, force: bool) -> Result<i32> {
    let report = s.assessment_import(year, file, force)?;
    if !report.errors.is_empty() {
        return Err(Error::Invalid(format!(
            "Bảng số liệu {} có {} ô không đúng, chưa ghi gì: {}. Hãy sửa các ô này (hoặc nhờ đơn vị sửa) rồi nhập lại.",
            file.display(),
            report.errors.len(),
            report.errors.join(" ").trim_end_matches('.')
        )));
    }
    print_report(&report);
    println!(
        "{}",
        crate::assess::verdict_line(&s.assessment_overview(year)?)
    );
    Ok(if report.conflicts.is_empty() { 0 } else { 1 })
}

/// `tre assess import-scores`: a past year's score table seeds that year.
pub fn import_scores(
    s: &mut Session,
    file: &Path,
    year: Option<i32>,
    replace: bool,
) -> Result<i32> {
    let r = s
        .assessment_import_scores(file, year, replace)
        .map_err(|e| match e {
            // The core says to choose replacing; at the command line that is --replace.
            Error::Invalid(m) if m.contains("chọn thay thế") => {
                Error::Invalid(format!("{m} Dòng lệnh: thêm --replace."))
            }
            e => e,
        })?;
    println!(
        "Đã nhập bảng điểm năm {} từ {}: số liệu của {} chỉ số; điểm giữ theo bảng cho {} chỉ số và {} tiêu chí.",
        r.year,
        file.display(),
        r.figures,
        r.manual_items,
        r.manual_criteria
    );
    if !r.skipped.is_empty() {
        println!(
            "Không nhập (danh mục đang dùng không có): {}.",
            r.skipped.join(", ")
        );
    }
    for n in &r.notes {
        println!("{n}");
    }
    println!(
        "Tổng điểm năm {}: {}. Xem các năm: tre assess trends. Hoàn tác: tre undo.",
        r.year,
        tre::catalog::fmt_points(r.total)
    );
    Ok(0)
}

fn print_report(r: &ImportReport) {
    println!("Bảng số liệu của {}, năm {}:", r.unit, r.year);
    let or_blank = |s: &str| {
        if s.is_empty() {
            "(trống)".to_string()
        } else {
            s.to_string()
        }
    };
    if r.applied.is_empty() {
        println!("Không có số liệu mới để ghi.");
    } else {
        println!("Đã ghi {} thay đổi:", r.applied.len());
        for c in &r.applied {
            let mut line = format!("  {:<5} {}", c.code, c.name);
            if c.old != c.new {
                line += &format!(": {} → {}", or_blank(&c.old), or_blank(&c.new));
            }
            if let Some(e) = &c.evidence {
                line += &format!("; nguồn số liệu: {e}");
            }
            if c.forced {
                line += " (thay giá trị mới hơn trong Tre, theo --yes)";
            }
            println!("{line}");
        }
    }
    if !r.conflicts.is_empty() {
        println!(
            "Không ghi {} chỉ số vì đã được sửa trong Tre sau khi gửi bảng (giữ giá trị trong Tre):",
            r.conflicts.len()
        );
        for c in &r.conflicts {
            println!(
                "  {:<5} trong Tre: {} ({}, {}); trong bảng: {}",
                c.code,
                or_blank(&c.in_tre),
                c.in_tre_by,
                when(&c.in_tre_at),
                or_blank(&c.in_sheet)
            );
            if !c.sheet_value.is_empty() {
                println!(
                    "        Nếu số trong bảng đúng: tre assess set --year {} {} {}",
                    r.year, c.code, c.sheet_value
                );
            }
        }
        println!("Hoặc nhập lại bảng với --yes để lấy mọi giá trị trong bảng.");
    }
    for n in &r.notes {
        println!("Lưu ý: {n}");
    }
    if r.unchanged > 0 {
        println!("Không đổi: {} chỉ số.", r.unchanged);
    }
}

/// "23/11/2026 14:28" from an entry's RFC 3339 time, in the time zone it was written in.
fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}
