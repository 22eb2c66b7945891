//! `tre assess trends`: every stored year's points per criterion, then each sub-item's
//! figures and points year by year. The work is `Session::assessment_trends`.

use tre::assess::trend::{ItemPoint, Trends};
use tre::assess::Source;
use tre::catalog::fmt_points;
use tre::session::Session;
use tre::Result;

pub fn run(s: &Session, json: bool) -> Result<i32> {
    let t = s.assessment_trends()?;
    if json {
        crate::print_json(&t)?;
    } else {
        print!("{}", table(&t));
    }
    Ok(0)
}

/// The human table: one column per year; "—" where a year has no data for the row.
fn table(t: &Trends) -> String {
    if t.years.is_empty() {
        return "Chưa có năm nào có số liệu tự đánh giá.\n".into();
    }
    let mut out = format!(
        "Kết quả tự đánh giá qua các năm (chấm theo danh mục {}):\n",
        t.catalog
    );
    let head: String = t.years.iter().map(|y| format!("{y:>12}")).collect();
    out += &format!("{:<24}{head}\n", "Tiêu chí (điểm tối đa)");
    for c in &t.criteria {
        let max = c.max_points.map(fmt_points).unwrap_or_else(|| "?".into());
        let label = format!("Tiêu chí {} ({max})", c.code);
        let cells: String = t
            .years
            .iter()
            .map(|y| {
                let cell = match c.points.iter().find(|p| p.year == *y) {
                    None => "—".to_string(),
                    Some(p) if !p.complete => format!("{} (thiếu)", fmt_points(p.points)),
                    Some(p) => fmt_points(p.points),
                };
                format!("{cell:>12}")
            })
            .collect();
        out += &format!("{label:<24}{cells}\n");
    }
    let totals: String = t
        .years
        .iter()
        .map(|y| {
            let cell = t
                .totals
                .iter()
                .find(|p| p.year == *y)
                .map(|p| fmt_points(p.total))
                .unwrap_or_else(|| "—".into());
            format!("{cell:>12}")
        })
        .collect();
    out += &format!("{:<24}{totals}\n", "Tổng cộng");
    out += "Từng chỉ số (số liệu → điểm):\n";
    for c in &t.criteria {
        for i in c.items.iter().filter(|i| !i.points.is_empty()) {
            let years: Vec<String> = i.points.iter().map(item_cell).collect();
            out += &format!("  {:<5} {}: {}\n", i.code, i.name, years.join("; "));
        }
    }
    out
}

fn item_cell(p: &ItemPoint) -> String {
    let points = match (p.points, p.source) {
        (Some(v), Source::Manual) => format!("{} điểm (nhập tay)", fmt_points(v)),
        (Some(v), _) => format!("{} điểm", fmt_points(v)),
        (None, _) => "chưa chấm".into(),
    };
    if p.display.is_empty() {
        format!("{}: {points}", p.year)
    } else {
        format!("{}: {} → {points}", p.year, p.display)
    }
}
