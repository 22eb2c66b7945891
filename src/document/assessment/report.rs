//! BÁO CÁO kết quả thực hiện xây dựng xã phù hợp với trẻ em: yearly, or for the first six
//! months. Sent upward: "Kính gửi" the superior body, "Nơi nhận" starting with "Như trên".

use super::common::{
    closing, criteria_list, dash_list, figure, heading, lead, lower_first, para, parse_iso,
    points_text, short_date, status_text, upper_first, Ctx,
};
use super::AssessmentKind;
use crate::assess::{CriterionScore, ItemScore, Source};
use crate::catalog::fmt_points;
use crate::document::{Block, Document};

pub fn report(ctx: &Ctx, half_year: bool) -> Document {
    let kind = if half_year {
        AssessmentKind::Report6m
    } else {
        AssessmentKind::Report
    };
    let period = if half_year {
        format!("6 tháng đầu năm {}", ctx.year)
    } else {
        format!("năm {}", ctx.year)
    };
    // A blank date keeps the month of the step it belongs to (the yearly report goes with
    // the dossier); the 6-month report's month is set by the superior, so it stays blank.
    let month = if half_year {
        None
    } else {
        ctx.ov
            .schedule
            .dossier_due
            .as_deref()
            .and_then(parse_iso)
            .map(|d| chrono::Datelike::month(&d))
    };
    let header = ctx.header(kind, ctx.issued_date(kind), month);
    let subject = format!("Kết quả thực hiện xây dựng {} {period}", ctx.standard());
    let mut doc = ctx.document(kind, header, subject);
    doc.kinh_gui = ctx.kinh_gui();
    doc.recipients = ctx.upward_recipients();

    let b = &mut doc.body;
    b.push(para(format!(
        "Thực hiện {}; {} báo cáo kết quả thực hiện xây dựng {} {period} như sau:",
        ctx.basis(),
        ctx.ubnd(),
        ctx.standard()
    )));
    situation(ctx, b);
    results(ctx, half_year, b);
    overall(ctx, half_year, b);
    if half_year {
        next_half(ctx, b);
    }
    proposals(ctx, half_year, b);
    b.push(closing(&format!(
        "Trên đây là báo cáo kết quả thực hiện xây dựng {} {period} của {}",
        ctx.standard(),
        ctx.ubnd()
    )));
    doc
}

/// I. What the commune is made of (from the profile) and how the work was directed (the
/// year's plans, the units that send figures and whether they did).
fn situation(ctx: &Ctx, b: &mut Vec<Block>) {
    b.push(heading(1, "I. ĐẶC ĐIỂM TÌNH HÌNH VÀ CÔNG TÁC CHỈ ĐẠO"));
    let of_kind = |k: &str| -> Vec<String> {
        ctx.commune
            .units
            .iter()
            .filter(|u| u.kind.trim() == k)
            .map(|u| u.name.clone())
            .collect()
    };
    let villages: Vec<String> = of_kind("thôn")
        .iter()
        .map(|n| n.trim_start_matches("Thôn ").to_string())
        .collect();
    let schools = of_kind("trường");
    let mut facts = Vec::new();
    if !villages.is_empty() {
        facts.push(format!("{} thôn ({})", villages.len(), villages.join(", ")));
    }
    if !schools.is_empty() {
        facts.push(format!(
            "{} trường học ({})",
            schools.len(),
            schools.join(", ")
        ));
    }
    b.push(heading(2, "1. Đặc điểm tình hình"));
    if !facts.is_empty() {
        b.push(para(format!(
            "{} có {}.",
            upper_first(&ctx.name()),
            facts.join("; ")
        )));
    }
    b.push(para(format!(
        "Công tác bảo vệ, chăm sóc trẻ em và xây dựng {} do {} tham mưu Ủy ban nhân dân xã, phối hợp với các ban, ngành, đoàn thể, trường học và các thôn thực hiện.",
        ctx.standard(),
        ctx.vhxh()
    )));

    b.push(heading(2, "2. Công tác chỉ đạo, triển khai"));
    let plans = ctx.plan_refs();
    if plans.is_empty() {
        b.push(para(format!(
            "Thực hiện {}, {} triển khai các nhiệm vụ theo hướng dẫn của {}.",
            ctx.basis_short(),
            ctx.ubnd(),
            ctx.commune.superior.trim()
        )));
    } else {
        b.push(para(format!(
            "Thực hiện {}, {} đã xây dựng và triển khai:",
            ctx.basis_short(),
            ctx.ubnd()
        )));
        b.extend(dash_list(&plans));
    }
    let units = &ctx.ov.units;
    if !units.is_empty() {
        let names: Vec<&str> = units.iter().map(|u| u.unit.as_str()).collect();
        b.push(para(format!(
            "Ủy ban nhân dân xã phân công các đơn vị thu thập số liệu, hồ sơ các tiêu chí theo chức năng, nhiệm vụ: {}.",
            names.join(", ")
        )));
        let late: Vec<String> = units
            .iter()
            .filter(|u| !u.done())
            .map(|u| format!("{} (chỉ số {})", u.unit, u.missing.join(", ")))
            .collect();
        if late.is_empty() {
            b.push(para(format!(
                "Các đơn vị đã gửi đủ số liệu về Ủy ban nhân dân xã (qua {}).",
                ctx.vhxh()
            )));
        } else {
            b.push(para(format!(
                "Đến thời điểm báo cáo, còn {} đơn vị chưa gửi đủ số liệu: {}.",
                late.len(),
                late.join("; ")
            )));
        }
    }
}

/// II. Each criterion: its sub-items' figures with the unit and source, points, result.
fn results(ctx: &Ctx, half_year: bool, b: &mut Vec<Block>) {
    b.push(heading(1, "II. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ"));
    if half_year {
        b.push(para(
            "Số liệu dưới đây tính đến thời điểm báo cáo; kết quả chính thức được xác định khi tự đánh giá cuối năm.",
        ));
    } else {
        b.push(para(
            "Kết quả thu thập số liệu và tự chấm điểm từng tiêu chí như sau (chi tiết tại Phụ lục bảng tự chấm điểm kèm theo):",
        ));
    }
    for c in &ctx.ov.scored.criteria {
        b.push(heading(2, format!("Tiêu chí {}: {}", c.code, c.name)));
        let items: Vec<String> = c.items.iter().map(|it| item_line(ctx, c, it)).collect();
        b.extend(dash_list(&items));
        // A criterion scored as a whole says so; why is said once for all hand points,
        // under III.
        let how = if c.manual.is_some() {
            " (chấm trực tiếp cho cả tiêu chí)"
        } else {
            ""
        };
        b.push(lead(
            "Kết quả: ",
            format!("{}{how}, {}.", points_text(c), status_text(c)),
        ));
    }
}

/// "Tỷ lệ …: 412/415 (99,28 %), tự chấm 50/50 điểm (nguồn số liệu: Sổ tiêm chủng mở rộng,
/// Trạm Y tế xã)".
fn item_line(ctx: &Ctx, c: &CriterionScore, it: &ItemScore) -> String {
    let value = if it.display.is_empty() {
        "chưa có số liệu".to_string()
    } else {
        figure(&it.display)
    };
    let points = match (it.source, it.points) {
        (_, Some(p)) if c.manual.is_none() => match it.max_points {
            Some(m) => format!(", tự chấm {}/{} điểm", fmt_points(p), fmt_points(m)),
            None => format!(", tự chấm {} điểm", fmt_points(p)),
        },
        (Source::NeedsPoints, _) if c.manual.is_none() => ", chưa chấm điểm".to_string(),
        _ => String::new(),
    };
    let unit = ctx.unit_of(&it.code, &it.unit);
    let source = match (it.evidence.trim().trim_end_matches('.'), unit.trim()) {
        ("", "") => String::new(),
        ("", u) => format!(" (đơn vị báo cáo: {u})"),
        (e, "") => format!(" (nguồn số liệu: {e})"),
        (e, u) => format!(" (nguồn số liệu: {e}, {u})"),
    };
    format!("{}: {value}{points}{source}", it.name)
}

/// III. Total, criteria met, the verdict with its reasons, how hand points were given.
fn overall(ctx: &Ctx, half_year: bool, b: &mut Vec<Block>) {
    b.push(heading(1, "III. ĐÁNH GIÁ CHUNG"));
    let n = ctx.ov.scored.criteria.len();
    b.push(lead(
        "Tổng điểm tự đánh giá: ",
        format!(
            "{}; số tiêu chí đạt: {}/{n}; {}.",
            ctx.total_text(),
            ctx.criteria_met(),
            ctx.threshold_text().replacen("mức", "mức công nhận", 1)
        ),
    ));
    let label = if half_year {
        "Kết quả tạm tính: "
    } else {
        "Kết luận: "
    };
    b.push(lead(label, ctx.verdict_sentence()));
    hand_points(ctx, b);
    if !half_year {
        b.extend(super::past_years::past_years(ctx));
    }
}

/// One sentence for every point entered by hand (sub-items, whole criteria) and why.
fn hand_points(ctx: &Ctx, b: &mut Vec<Block>) {
    let mut reasons: Vec<String> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let mut criteria: Vec<String> = Vec::new();
    let mut why = |r: &str| {
        let r = lower_first(r.trim().trim_end_matches('.'));
        if !r.is_empty() && !reasons.contains(&r) {
            reasons.push(r);
        }
    };
    for c in &ctx.ov.scored.criteria {
        if let Some(m) = &c.manual {
            criteria.push(c.code.clone());
            why(&m.reason);
            continue;
        }
        for it in c.items.iter().filter(|i| i.source == Source::Manual) {
            items.push(it.code.clone());
            why(&it.reason);
        }
    }
    let mut what = Vec::new();
    match items.as_slice() {
        [] => {}
        [one] => what.push(format!("chỉ số {one}")),
        many => what.push(format!("các chỉ số {}", many.join(", "))),
    }
    if !criteria.is_empty() {
        what.push(criteria_list(&criteria));
    }
    if what.is_empty() {
        return;
    }
    let basis = if reasons.is_empty() {
        String::new()
    } else {
        format!(" Căn cứ chấm: {}.", reasons.join("; "))
    };
    b.push(para(format!(
        "Điểm của {} được chấm bằng tay vì danh mục tiêu chí chưa có thang điểm chi tiết.{basis}",
        what.join(" và ")
    )));
}

/// IV (6-month report). The second half's steps, dated from the assessment's schedule.
fn next_half(ctx: &Ctx, b: &mut Vec<Block>) {
    b.push(heading(1, "IV. NHIỆM VỤ 6 THÁNG CUỐI NĂM"));
    let s = &ctx.ov.schedule;
    let date = |d: &Option<String>| {
        d.as_deref()
            .and_then(parse_iso)
            .map(short_date)
            .unwrap_or_default()
    };
    let mut items = vec![
        "Tiếp tục triển khai các kế hoạch đã ban hành; tổ chức các hoạt động Tháng hành động vì trẻ em và Diễn đàn trẻ em".to_string(),
        format!(
            "Đôn đốc các đơn vị thu thập, gửi số liệu các tiêu chí về Ủy ban nhân dân xã trước ngày {}",
            date(&s.units_due)
        ),
        format!(
            "Tổ chức họp đánh giá, niêm yết công khai kết quả và hoàn thiện hồ sơ gửi {} trước ngày {}",
            ctx.commune.superior.trim(),
            date(&s.dossier_due)
        ),
    ];
    let pending: Vec<String> = ctx
        .ov
        .scored
        .criteria
        .iter()
        .filter(|c| !c.complete)
        .map(|c| c.code.clone())
        .collect();
    if !pending.is_empty() {
        items.insert(
            2,
            format!("Hoàn thiện số liệu và điểm của {}", criteria_list(&pending)),
        );
    }
    b.extend(dash_list(&items));
}

/// Last part: proposals to the superior; asking for recognition only when the verdict holds.
fn proposals(ctx: &Ctx, half_year: bool, b: &mut Vec<Block>) {
    let label = if half_year { "V" } else { "IV" };
    b.push(heading(1, format!("{label}. ĐỀ XUẤT, KIẾN NGHỊ")));
    let superior = ctx.commune.superior.trim();
    let mut items = Vec::new();
    if !half_year && ctx.ov.scored.verdict.recognised {
        items.push(format!(
            "Đề nghị {superior} xem xét, thẩm định và công nhận hoặc đề nghị cấp có thẩm quyền công nhận {} đạt chuẩn {} năm {}.",
            ctx.name(),
            ctx.standard(),
            ctx.year
        ));
    } else if !half_year {
        items.push(format!(
            "{} tiếp tục chỉ đạo các đơn vị hoàn thiện số liệu, khắc phục các tiêu chí chưa đạt để đề nghị công nhận khi đủ điều kiện.",
            ctx.ubnd()
        ));
    }
    items.push(format!(
        "Đề nghị {superior} tiếp tục quan tâm hướng dẫn nghiệp vụ, tập huấn cho người làm công tác bảo vệ trẻ em ở cấp xã và hỗ trợ kinh phí thực hiện các hoạt động bảo vệ, chăm sóc trẻ em."
    ));
    for (i, t) in items.iter().enumerate() {
        b.push(para(format!("{}. {t}", i + 1)));
    }
}
