//! THÔNG BÁO công khai kết quả tự đánh giá: the result posted for the people to see and
//! comment on before the dossier goes upward.

use super::common::{closing, criterion_line, dash_list, lead, long_date, para, parse_iso, Ctx};
use super::AssessmentKind;
use crate::assess::view::DEFAULT_NOTICE_DAYS;
use crate::document::Document;

pub fn notice(ctx: &Ctx) -> Document {
    let kind = AssessmentKind::Notice;
    let s = &ctx.ov.schedule;
    let posted = s.notice_due.as_deref().and_then(parse_iso);
    let header = ctx.header(
        kind,
        ctx.issued_date(kind),
        posted.map(|d| chrono::Datelike::month(&d)),
    );
    let subject = format!(
        "Công khai kết quả tự đánh giá {} năm {}",
        ctx.standard(),
        ctx.year
    );
    let mut doc = ctx.document(kind, header, subject);
    doc.recipients = ctx.recipients();

    let meeting = ctx
        .ov
        .assessment
        .meeting
        .date
        .as_deref()
        .and_then(parse_iso);
    let b = &mut doc.body;
    let after_meeting = match meeting {
        Some(d) => format!(
            "; căn cứ kết quả cuộc họp đánh giá {}",
            long_date(Some(d), ctx.year)
        ),
        None => String::new(),
    };
    b.push(para(format!(
        "Thực hiện {}{after_meeting}, {} thông báo công khai kết quả tự đánh giá {} năm {} như sau:",
        ctx.basis_short(),
        ctx.ubnd(),
        ctx.standard(),
        ctx.year
    )));
    b.push(lead("1. Kết quả tự chấm điểm các tiêu chí:", ""));
    let lines: Vec<String> = ctx.ov.scored.criteria.iter().map(criterion_line).collect();
    b.extend(dash_list(&lines));
    b.push(lead(
        "2. Tổng điểm tự đánh giá: ",
        format!(
            "{}; số tiêu chí đạt: {}/{}.",
            ctx.total_text(),
            ctx.criteria_met(),
            ctx.ov.scored.criteria.len()
        ),
    ));
    b.push(lead("3. Kết quả: ", ctx.verdict_sentence()));
    let days = s.notice_days.unwrap_or(DEFAULT_NOTICE_DAYS);
    let from = match ctx.issued_date(kind).or(posted) {
        Some(d) => format!(", kể từ {}", long_date(Some(d), ctx.year)),
        None => String::new(),
    };
    b.push(lead(
        "4. Hình thức và thời gian công khai: ",
        format!(
            "niêm yết tại trụ sở {} và nhà văn hóa các thôn trong thời gian {days:02} ngày{from}.",
            ctx.ubnd()
        ),
    ));
    b.push(lead(
        "5. Tiếp nhận ý kiến: ",
        format!(
            "mọi ý kiến phản ánh, góp ý về kết quả tự đánh giá xin gửi về {} (qua {}) trong thời gian niêm yết để tổng hợp, xem xét trước khi hoàn thiện hồ sơ gửi {}.",
            ctx.ubnd(),
            ctx.vhxh(),
            ctx.commune.superior.trim()
        ),
    ));
    b.push(closing(&format!(
        "{} thông báo để các cơ quan, đơn vị, tổ chức và Nhân dân trên địa bàn {} được biết",
        ctx.ubnd(),
        ctx.commune.kind.trim()
    )));
    doc
}
