//! `tre assess …`: the year's self-assessment against the criteria catalogue.

use std::path::PathBuf;

use clap::Subcommand;

use tre::assess::view::Overview;
use tre::assess::Source;
use tre::catalog::fmt_points;
use tre::session::{current_year, AssessmentEdit, Session};
use tre::Result;

#[derive(Subcommand, Debug)]
pub enum AssessCmd {
    /// Các tiêu chí, số liệu, điểm, tổng điểm và kết luận có lý do
    Show {
        /// Năm (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Nhập số liệu của một chỉ số (7.1 412/415) hoặc điểm của cả một tiêu chí (3 60 --reason …)
    Set {
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Mã chỉ số ("7.1") hoặc mã tiêu chí ("3")
        #[arg(value_name = "MÃ")]
        code: String,
        /// Số liệu: "412/415", "có", "3", "Hằng quý"; với tiêu chí: số điểm; "xóa" để xóa
        #[arg(value_name = "GIÁ_TRỊ", allow_hyphen_values = true)]
        value: Option<String>,
        /// Nguồn số liệu, minh chứng
        #[arg(long, value_name = "VĂN_BẢN")]
        evidence: Option<String>,
        /// Điểm nhập tay (khi danh mục chưa có thang điểm)
        #[arg(long, value_name = "ĐIỂM", allow_hyphen_values = true)]
        points: Option<String>,
        /// Lý do của điểm nhập tay
        #[arg(long, value_name = "LÝ_DO")]
        reason: Option<String>,
        /// Đơn vị chịu trách nhiệm (nếu khác danh mục)
        #[arg(long, value_name = "ĐƠN_VỊ")]
        unit: Option<String>,
    },
    /// Điểm từng tiêu chí, số liệu và điểm từng chỉ số qua các năm đã lưu
    Trends {
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Nhập bảng điểm (XLSX) của một năm trước (bảng của Tre hoặc của tỉnh cùng các cột)
    ImportScores {
        /// Tệp XLSX có trang "Bảng điểm"
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Năm của bảng (mặc định: năm ghi trong tiêu đề bảng)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Thay toàn bộ số liệu đã có của năm đó bằng bảng này (hoàn tác được bằng tre undo)
        #[arg(long)]
        replace: bool,
    },
    /// Danh mục tiêu chí: nhập bản mới của tỉnh
    #[command(subcommand)]
    Catalog(CatalogCmd),
    /// Số, ngày của một văn bản (report, report-6m, proposal, minutes, notice)
    Doc(crate::assess_docs::DocArgs),
    /// Thông tin cuộc họp đánh giá để in biên bản
    Meeting(crate::assess_docs::MeetingArgs),
    /// Tạo bảng số liệu (XLSX) để một đơn vị điền rồi gửi lại
    Sheet {
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Tên đơn vị: "Trạm Y tế xã", "Công an xã"
        #[arg(long, value_name = "ĐƠN_VỊ")]
        unit: String,
        /// Tệp XLSX sẽ tạo
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
    /// Nhập bảng số liệu đơn vị gửi lại: kiểm tra từng ô, ghi thay đổi, báo xung đột
    Import {
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Tệp XLSX đơn vị gửi lại
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Ghi cả các chỉ số đã được sửa trong Tre sau khi gửi bảng (lấy giá trị trong bảng)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum CatalogCmd {
    /// Thay danh mục tiêu chí bằng tệp JSON hoặc XLSX (sau khi kiểm tra; bản cũ được giữ lại)
    Import {
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    /// Danh mục đang dùng và các bản đã nhập
    Show,
}

pub fn run(s: &mut Session, cmd: AssessCmd) -> Result<i32> {
    match cmd {
        AssessCmd::Show { year, json } => {
            let ov = s.assessment_overview(year.unwrap_or_else(current_year))?;
            if json {
                crate::print_json(&ov)?;
            } else {
                print_overview(&ov);
            }
            Ok(0)
        }
        AssessCmd::Set {
            year,
            code,
            value,
            evidence,
            points,
            reason,
            unit,
        } => {
            let year = year.unwrap_or_else(current_year);
            let edit = AssessmentEdit {
                code,
                value,
                evidence,
                points,
                reason,
                unit,
            };
            let summary = s.assessment_apply(year, &edit)?;
            println!("Đã ghi: {summary}");
            println!("{}", verdict_line(&s.assessment_overview(year)?));
            Ok(0)
        }
        AssessCmd::Catalog(CatalogCmd::Import { file }) => {
            let (cat, old) = s.catalog_import(&file)?;
            println!(
                "Đã thay danh mục tiêu chí: {} (trước đó: {}). Bản cũ vẫn được lưu.",
                cat.label(),
                old.label()
            );
            Ok(0)
        }
        AssessCmd::Catalog(CatalogCmd::Show) => {
            let (cat, imported) = s.catalog()?;
            println!("Đang dùng: {} — {}", cat.label(), cat.name);
            for c in &cat.criteria {
                let max = c
                    .max_points
                    .map(fmt_points)
                    .unwrap_or_else(|| "chưa rõ".into());
                println!("  {:>3}. {} (tối đa: {max})", c.code, c.name);
            }
            for r in imported {
                println!("Đã nhập {}: {} từ {}", r.imported, r.label, r.source);
            }
            Ok(0)
        }
        AssessCmd::Trends { json } => crate::trends::run(s, json),
        AssessCmd::ImportScores {
            file,
            year,
            replace,
        } => crate::workbook::import_scores(s, &file, year, replace),
        AssessCmd::Doc(args) => crate::assess_docs::set_doc(s, args),
        AssessCmd::Meeting(args) => crate::assess_docs::set_meeting(s, args),
        AssessCmd::Sheet { year, unit, out } => {
            crate::workbook::sheet(s, year.unwrap_or_else(current_year), &unit, &out)
        }
        AssessCmd::Import { year, file, yes } => {
            crate::workbook::import(s, year.unwrap_or_else(current_year), &file, yes)
        }
    }
}

pub(crate) fn verdict_line(ov: &Overview) -> String {
    let v = &ov.scored.verdict;
    let head = match (v.recognised, v.complete) {
        (true, _) => "ĐẠT chuẩn xã phù hợp với trẻ em",
        (false, true) => "CHƯA ĐẠT chuẩn",
        (false, false) => "Chưa đủ số liệu để kết luận",
    };
    format!(
        "Tổng điểm: {} — {head}: {}",
        fmt_points(ov.scored.total),
        v.reasons.join("; ")
    )
}

fn print_overview(ov: &Overview) {
    println!(
        "Tự đánh giá {} năm {} — {} ({})",
        ov.commune, ov.scored.year, ov.catalog_name, ov.scored.catalog
    );
    for c in &ov.scored.criteria {
        let max = c
            .max_points
            .map(|m| format!("/{}", fmt_points(m)))
            .unwrap_or_default();
        let mark = if c.met {
            "đạt"
        } else if c.complete {
            "chưa đạt"
        } else {
            "thiếu"
        };
        println!(
            "Tiêu chí {}. {} — {}{max} điểm ({mark})",
            c.code,
            c.name,
            fmt_points(c.points)
        );
        if let Some(m) = &c.manual {
            println!("      điểm nhập tay cho cả tiêu chí; lý do: {}", m.reason);
        }
        for i in &c.items {
            let pts = match (i.source, i.points) {
                (Source::Computed, Some(p)) => format!("{} điểm", fmt_points(p)),
                (Source::Manual, Some(p)) => {
                    format!("{} điểm (nhập tay: {})", fmt_points(p), i.reason)
                }
                (Source::NeedsPoints, _) => "cần nhập điểm (danh mục chưa có thang điểm)".into(),
                _ => "chưa có số liệu".into(),
            };
            let val = if i.display.is_empty() {
                "—".to_string()
            } else {
                i.display.clone()
            };
            println!("   {:<5} {} : {val} → {pts} [{}]", i.code, i.name, i.unit);
        }
    }
    let late: Vec<&str> = ov
        .units
        .iter()
        .filter(|u| !u.done())
        .map(|u| u.unit.as_str())
        .collect();
    if !late.is_empty() {
        let when = ov
            .schedule
            .units_due
            .as_deref()
            .map(tre::deadlines::vn_date)
            .unwrap_or_default();
        let state = if ov.units_late { "QUÁ HẠN" } else { "hạn" };
        println!(
            "Đơn vị chưa gửi số liệu ({state} {when}): {}",
            late.join(", ")
        );
    }
    println!("{}", verdict_line(ov));
}
