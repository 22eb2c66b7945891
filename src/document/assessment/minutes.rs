//! BIÊN BẢN of the assessment meeting (docs/domain.md, the documents the commune issues):
//! when and where it starts, who attends, chairs and keeps the minutes, each criterion's
//! result, the total and verdict, the vote, when it ends; signed by the secretary (left) and
//! the chair (right), no "Nơi nhận".
//!
//! What the meeting has not recorded yet (the start, the vote) prints as dotted room to
//! write by hand, never as a guess.

use super::common::{
    closing, criterion_line, dash_list, heading, lead, long_date, para, parse_iso, write_in, Ctx,
    DOTS,
};
use super::AssessmentKind;
use crate::document::{Document, Signature};
use crate::text::fold;

pub fn minutes(ctx: &Ctx) -> Document {
    let kind = AssessmentKind::Minutes;
    let m = &ctx.ov.assessment.meeting;
    let day = m.date.as_deref().and_then(parse_iso);
    // The minutes are dated the day of the meeting unless the officer set another date.
    let header = ctx.header(
        kind,
        ctx.issued_date(kind).or(day),
        ctx.ov
            .schedule
            .meeting_due
            .as_deref()
            .and_then(parse_iso)
            .map(|d| chrono::Datelike::month(&d)),
    );
    let subject = format!(
        "Họp đánh giá kết quả thực hiện tiêu chuẩn {} năm {}",
        ctx.standard(),
        ctx.year
    );
    let mut doc = ctx.document(kind, header, subject);
    let or_dots = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            DOTS.to_string()
        } else {
            s.to_string()
        }
    };
    let place = if m.place.trim().is_empty() {
        DOTS.repeat(4)
    } else {
        m.place.trim().to_string()
    };
    let chair = if m.chair.trim().is_empty() {
        ctx.commune
            .chair()
            .map(|l| l.name.clone())
            .unwrap_or_default()
    } else {
        m.chair.trim().to_string()
    };
    let b = &mut doc.body;
    b.push(para(format!(
        "Vào hồi {}, {}, tại {place}, {} tổ chức họp đánh giá kết quả thực hiện tiêu chuẩn {} năm {}.",
        or_dots(&m.start),
        long_date(day, ctx.year),
        ctx.ubnd(),
        ctx.standard(),
        ctx.year
    )));

    b.push(heading(1, "I. THÀNH PHẦN THAM DỰ"));
    b.push(lead(
        "1. Chủ trì: ",
        format!("{}.", chair_line(ctx, &chair)),
    ));
    b.push(lead("2. Thư ký: ", format!("{}.", or_dots(&m.secretary))));
    b.push(lead("3. Thành phần tham dự:", ""));
    if m.attendees.iter().all(|a| a.trim().is_empty()) {
        b.extend(write_in(3));
    } else {
        b.extend(dash_list(&m.attendees));
    }

    b.push(heading(1, "II. NỘI DUNG CUỘC HỌP"));
    b.push(para(format!(
        "1. Cuộc họp nghe báo cáo kết quả thu thập số liệu và tự chấm điểm các tiêu chí {} năm {}, cụ thể:",
        ctx.standard(),
        ctx.year
    )));
    let lines: Vec<String> = ctx.ov.scored.criteria.iter().map(criterion_line).collect();
    b.extend(dash_list(&lines));
    b.push(lead(
        "Tổng điểm tự đánh giá: ",
        format!(
            "{}; số tiêu chí đạt: {}/{}.",
            ctx.total_text(),
            ctx.criteria_met(),
            ctx.ov.scored.criteria.len()
        ),
    ));
    b.push(para("2. Ý kiến thảo luận của các đại biểu dự họp:"));
    b.extend(write_in(4));
    b.push(para(format!("3. Kết quả biểu quyết: {}", vote_text(ctx))));

    b.push(heading(1, "III. KẾT LUẬN"));
    b.push(para(ctx.verdict_sentence()));
    if ctx.ov.scored.verdict.recognised {
        b.push(para(format!(
            "Cuộc họp thống nhất giao {} hoàn thiện hồ sơ, niêm yết công khai kết quả và trình {} xem xét, công nhận theo quy định.",
            ctx.vhxh(),
            ctx.commune.superior.trim()
        )));
    }
    let end_day = if m.end.trim().is_empty() {
        long_date(None, ctx.year)
    } else {
        long_date(day, ctx.year)
    };
    b.push(closing(&format!(
        "Cuộc họp kết thúc vào hồi {}, {end_day}. Biên bản đã được đọc lại cho các đại biểu dự họp cùng nghe và thống nhất",
        or_dots(&m.end)
    )));

    doc.signature = Signature {
        titles: vec!["CHỦ TRÌ".into()],
        name: chair,
    };
    doc.left_signature = Some(Signature {
        titles: vec!["THƯ KÝ".into()],
        name: m.secretary.trim().to_string(),
    });
    doc
}

/// "Nguyễn Văn Thành - Chủ tịch Ủy ban nhân dân xã" when the chair is the profile's chair.
fn chair_line(ctx: &Ctx, chair: &str) -> String {
    if chair.is_empty() {
        return DOTS.repeat(3);
    }
    let is_chair = ctx
        .commune
        .chair()
        .is_some_and(|l| fold(&l.name) == fold(chair));
    if is_chair {
        format!("{chair} - Chủ tịch Ủy ban nhân dân xã")
    } else {
        chair.to_string()
    }
}

/// "15/15 đại biểu có mặt tán thành (100 %)." or room to write the count by hand.
fn vote_text(ctx: &Ctx) -> String {
    let m = &ctx.ov.assessment.meeting;
    match (m.votes_for, m.votes_total) {
        (Some(f), Some(t)) if t > 0 => {
            let pct = crate::assess::figure::fmt_percent(f as f64 * 100.0 / t as f64);
            format!(
                "{f}/{t} đại biểu có mặt tán thành kết quả tự đánh giá nêu trên ({pct}\u{a0}%)."
            )
        }
        _ => format!("{DOTS}/{DOTS} đại biểu có mặt tán thành kết quả tự đánh giá nêu trên."),
    }
}
