//! `tre province import|report|trends`: the province's side. The Sở Y tế imports the
//! communes' dossiers (verified one by one), then writes the consolidated workbook and
//! report, and follows each commune across the years. Exit codes as `tre dossier verify`:
//! 0 every dossier counted, 1 some could not be, 2 an error.

use std::path::PathBuf;

use clap::Subcommand;

use tre::province::Trend;
use tre::session::Session;
use tre::Result;

// Parsed once per process: the size of the report's variant costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum ProvinceCmd {
    /// Nhập hồ sơ của các xã (thư mục chứa các tệp .zip, hoặc từng tệp; hồ sơ nhiều phần: đưa đủ các phần): kiểm tra từng hồ sơ và lưu kết quả để tổng hợp
    Import {
        #[arg(value_name = "THƯ_MỤC_HOẶC_TỆP", required = true)]
        inputs: Vec<PathBuf>,
        /// Năm đang tổng hợp
        #[arg(long, value_name = "NĂM")]
        year: i32,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Xuất bảng tổng hợp (Excel) và báo cáo tổng hợp (PDF) của một năm
    Report {
        /// Năm cần tổng hợp
        #[arg(long, value_name = "NĂM")]
        year: i32,
        /// Tệp Excel (.xlsx) sẽ tạo
        #[arg(long, value_name = "TỆP")]
        xlsx: Option<PathBuf>,
        /// Tệp PDF sẽ tạo (cần tên cơ quan ban hành và địa danh)
        #[arg(long, value_name = "TỆP")]
        pdf: Option<PathBuf>,
        /// Cơ quan ban hành, ví dụ "Sở Y tế tỉnh …" (được ghi nhớ cho lần sau)
        #[arg(long, value_name = "TÊN")]
        issuer: Option<String>,
        /// Cơ quan chủ quản in phía trên, ví dụ "Ủy ban nhân dân tỉnh …"
        #[arg(long, value_name = "TÊN")]
        parent: Option<String>,
        /// Địa danh ở dòng ngày tháng
        #[arg(long, value_name = "ĐỊA_DANH")]
        place: Option<String>,
        /// Chữ viết tắt sau "BC-" ở dòng số văn bản
        #[arg(long, value_name = "CHỮ")]
        symbol: Option<String>,
        /// Kính gửi (có thể nêu nhiều lần)
        #[arg(long = "to", value_name = "NƠI")]
        to: Vec<String>,
        /// Nơi nhận (có thể nêu nhiều lần)
        #[arg(long = "cc", value_name = "NƠI")]
        cc: Vec<String>,
        /// Chức vụ người ký, mỗi dòng một lần nêu (ví dụ "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
        #[arg(long = "signer-title", value_name = "DÒNG")]
        signer_titles: Vec<String>,
        /// Họ tên người ký
        #[arg(long, value_name = "HỌ_TÊN")]
        signer: Option<String>,
        /// Ngày ban hành (mặc định: để trống ngày, tháng để ghi tay)
        #[arg(long, value_name = "NGÀY")]
        date: Option<String>,
    },
    /// Tổng điểm và kết luận của từng xã qua các năm đã nhập
    Trends {
        /// Chỉ xã có tên chứa chữ này (không phân biệt dấu, hoa thường)
        #[arg(long, value_name = "TÊN")]
        commune: Option<String>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(s: &mut Session, cmd: ProvinceCmd) -> Result<i32> {
    match cmd {
        ProvinceCmd::Import { inputs, year, json } => {
            let report = s.province_import(&inputs, year, &mut |_| {})?;
            if json {
                crate::print_json(&report)?;
            } else {
                for d in &report.dossiers {
                    let who = match (&d.commune, d.year) {
                        (Some(c), Some(y)) => format!("{c}, năm {y}"),
                        (Some(c), None) => c.clone(),
                        _ => "không rõ xã".into(),
                    };
                    println!("{} ({who}): {}", d.files.join(", "), d.state_label);
                    println!("  {}", d.message);
                    for p in &d.problems {
                        println!("  - {p}");
                    }
                }
                for f in &report.skipped {
                    println!("Bỏ qua: {f}");
                }
            }
            eprintln!("{}", report.summary());
            Ok(if report.all_accepted() { 0 } else { 1 })
        }
        ProvinceCmd::Report {
            year,
            xlsx,
            pdf,
            issuer,
            parent,
            place,
            symbol,
            to,
            cc,
            signer_titles,
            signer,
            date,
        } => {
            if xlsx.is_none() && pdf.is_none() {
                return Err(tre::Error::Invalid(
                    "Hãy nêu tệp cần xuất: --xlsx TỆP.xlsx, --pdf TỆP.pdf hoặc cả hai.".into(),
                ));
            }
            let typed = issuer.is_some()
                || parent.is_some()
                || place.is_some()
                || symbol.is_some()
                || signer.is_some()
                || !to.is_empty()
                || !cc.is_empty()
                || !signer_titles.is_empty();
            if typed {
                let mut i = s.province_issuer()?.unwrap_or_default();
                let set = |v: Option<String>, field: &mut String| {
                    if let Some(v) = v {
                        *field = v;
                    }
                };
                set(issuer, &mut i.name);
                set(parent, &mut i.parent);
                set(place, &mut i.place);
                set(symbol, &mut i.symbol);
                set(signer, &mut i.signer_name);
                let list = |v: Vec<String>, field: &mut Vec<String>| {
                    if !v.is_empty() {
                        *field = v;
                    }
                };
                list(to, &mut i.recipients_to);
                list(cc, &mut i.recipients);
                list(signer_titles, &mut i.signer_titles);
                s.province_set_issuer(&i)?;
            }
            let date = date
                .as_deref()
                .map(tre::model::date::parse_date)
                .transpose()?;
            let t = s.province_table(year)?;
            if let Some(out) = xlsx {
                let p = s.province_export_xlsx(year, &out)?;
                println!("Đã xuất bảng tổng hợp: {}", p.display());
            }
            if let Some(out) = pdf {
                let p = s.province_export_pdf(year, date, &out)?;
                println!("Đã xuất báo cáo tổng hợp: {}", p.display());
            }
            eprintln!(
                "Năm {year}: {} xã được tổng hợp, {} hồ sơ không được tính.",
                t.rows.len(),
                t.problems.len()
            );
            Ok(0)
        }
        ProvinceCmd::Trends { commune, json } => {
            let trends = s.province_trends(commune.as_deref())?;
            if json {
                crate::print_json(&trends)?;
            } else {
                print!("{}", text(&trends));
            }
            Ok(0)
        }
    }
}

/// One block per commune: "2025: 860 điểm, Đạt" then each later year with its change.
fn text(trends: &[Trend]) -> String {
    if trends.is_empty() {
        return "Chưa có kết quả nào đã nhập.\n".into();
    }
    let mut out = String::new();
    for t in trends {
        out.push_str(&format!("{} ({})\n", t.commune, t.province));
        for p in &t.years {
            let total = p
                .total
                .map(|x| format!("{} điểm", tre::catalog::fmt_points(x)))
                .unwrap_or_else(|| "chưa có tổng điểm".into());
            let change = p
                .change
                .map(|c| {
                    let sign = if c > 0.0 { "+" } else { "" };
                    format!(" ({sign}{} so với năm trước)", tre::catalog::fmt_points(c))
                })
                .unwrap_or_default();
            out.push_str(&format!(
                "  {}: {total}{change}, {}\n",
                p.year, p.verdict_label
            ));
        }
    }
    out
}
