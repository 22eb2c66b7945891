//! TỜ TRÌNH đề nghị công nhận xã đạt chuẩn xã phù hợp với trẻ em.
//!
//! A proposal asks the superior to recognise the commune, so it can only say what the
//! figures support: while the verdict is not "recognised" it is refused with the reasons,
//! rather than printed with a claim that the officer might sign in front of the Chủ tịch.

use super::common::{
    closing, dash_list, lead, long_date, pad_number, para, parse_iso, short_date, Ctx,
};
use super::AssessmentKind;
use crate::document::{Block, Document};
use crate::error::{Error, Result};

pub fn proposal(ctx: &Ctx) -> Result<Document> {
    let v = &ctx.ov.scored.verdict;
    if !v.recognised {
        // The first reasons are enough to know what to do; a line of fourteen is not read.
        let mut reasons = v
            .reasons
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if v.reasons.len() > 3 {
            reasons += &format!(
                "; và {} lý do khác, xem danh sách lý do của kết quả tự đánh giá",
                v.reasons.len() - 3
            );
        }
        return Err(Error::Invalid(format!(
            "Chưa lập được Tờ trình đề nghị công nhận: kết quả tự đánh giá năm {} chưa đạt chuẩn ({reasons}). Hãy bổ sung số liệu, điểm còn thiếu rồi xuất lại; báo cáo, biên bản và thông báo vẫn xuất được.",
            ctx.year
        )));
    }
    let kind = AssessmentKind::Proposal;
    let month = ctx
        .ov
        .schedule
        .dossier_due
        .as_deref()
        .and_then(parse_iso)
        .map(|d| chrono::Datelike::month(&d));
    let header = ctx.header(kind, ctx.issued_date(kind), month);
    let subject = format!(
        "Đề nghị công nhận {} đạt chuẩn {} năm {}",
        ctx.name(),
        ctx.standard(),
        ctx.year
    );
    let mut doc = ctx.document(kind, header, subject);
    doc.kinh_gui = ctx.kinh_gui();
    doc.recipients = ctx.upward_recipients();

    let meeting = ctx
        .ov
        .assessment
        .meeting
        .date
        .as_deref()
        .and_then(parse_iso);
    let minutes = doc_ref(ctx, AssessmentKind::Minutes, "Biên bản", "họp đánh giá")
        + &match meeting {
            Some(d) if ctx.issued(AssessmentKind::Minutes).number.is_none() => {
                format!(" {}", long_date(Some(d), ctx.year))
            }
            _ => String::new(),
        };
    let b = &mut doc.body;
    b.push(Block::Basis(format!("Căn cứ {};", ctx.basis())));
    b.push(Block::Basis(format!(
        "Căn cứ kết quả tự đánh giá các tiêu chí {} năm {} và {} của {}.",
        ctx.standard(),
        ctx.year,
        lowercase_doc(&minutes),
        ctx.ubnd()
    )));
    let n = ctx.ov.scored.criteria.len();
    b.push(para(format!(
        "{} đã tổ chức thu thập số liệu, tự chấm điểm, họp đánh giá và niêm yết công khai kết quả tự đánh giá theo quy định. Kết quả như sau:",
        ctx.ubnd()
    )));
    b.push(lead(
        "- Tổng điểm tự đánh giá: ",
        format!("{};", ctx.total_text()),
    ));
    b.push(lead(
        "- Số tiêu chí đạt: ",
        format!(
            "{}/{n} tiêu chí; không có tiêu chí nào 0 điểm;",
            ctx.criteria_met()
        ),
    ));
    b.push(lead(
        "- Mức điểm công nhận: ",
        format!("{}.", ctx.threshold_text().trim_start_matches("mức ")),
    ));
    b.push(para(format!(
        "Đối chiếu với quy định tại {}, {} đủ điều kiện đề nghị công nhận đạt chuẩn {} năm {}.",
        ctx.basis_short(),
        ctx.name(),
        ctx.standard(),
        ctx.year
    )));
    b.push(para(format!(
        "{} kính trình {} xem xét, thẩm định và công nhận hoặc đề nghị cấp có thẩm quyền công nhận {} đạt chuẩn {} năm {}.",
        ctx.ubnd(),
        ctx.commune.superior.trim(),
        ctx.name(),
        ctx.standard(),
        ctx.year
    )));
    b.push(para("Hồ sơ kèm theo gồm:"));
    let mut files = vec![
        doc_ref(
            ctx,
            AssessmentKind::Report,
            "Báo cáo",
            &format!(
                "kết quả thực hiện xây dựng {} năm {}",
                ctx.standard(),
                ctx.year
            ),
        ),
        "Bảng tự chấm điểm các tiêu chí (Phụ lục kèm theo Báo cáo)".to_string(),
        minutes,
        doc_ref(
            ctx,
            AssessmentKind::Notice,
            "Thông báo",
            "công khai kết quả tự đánh giá",
        ),
    ];
    files.extend(ctx.plan_refs());
    b.extend(dash_list(&files));
    b.push(closing(&format!(
        "Kính trình {} xem xét, quyết định",
        ctx.commune.superior.trim()
    )));
    Ok(doc)
}

/// "Báo cáo số 45/BC-UBND ngày 13/11/2026 về kết quả …" when numbered, else "Báo cáo kết
/// quả …": a reference never carries a number the document does not have.
fn doc_ref(ctx: &Ctx, kind: AssessmentKind, doc: &str, about: &str) -> String {
    let issued = ctx.issued(kind);
    let Some(n) = issued.number.as_deref().filter(|n| !n.trim().is_empty()) else {
        return format!("{doc} {about}");
    };
    let date = issued
        .date
        .as_deref()
        .and_then(parse_iso)
        .map(|d| format!(" ngày {}", short_date(d)))
        .unwrap_or_default();
    format!(
        "{doc} số {}/{}{date} về {about}",
        pad_number(n.trim()),
        kind.symbol()
    )
}

/// "Biên bản …" inside a sentence: "biên bản …".
fn lowercase_doc(s: &str) -> String {
    super::common::lower_first(s)
}
