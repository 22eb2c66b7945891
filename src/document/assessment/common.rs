//! What every assessment document shares: the header with its number and date, the signer,
//! the recipients, dates written the Nghị định 30 way, and the sentences that state a
//! criterion's result or the verdict — one wording, so the report, the minutes and the notice
//! can never state the same figure differently.

use chrono::NaiveDate;

use super::AssessmentKind;
use crate::assess::view::Overview;
use crate::assess::{CriterionScore, IssuedDoc};
use crate::catalog::fmt_points;
use crate::document::{
    number_line, place_date_line, recipient_lines, Document, Header, Meta, Signature,
};
use crate::model::{Commune, Plan};
use crate::text::fold;

pub use super::wording::*;

/// The legal basis when the catalogue does not name its own (worded as in docs/domain.md,
/// "Quyết định 06/QĐ-TTg of 03/01/2019").
const QD06: &str = "Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ ban hành Quy định về tiêu chuẩn, trình tự đánh giá và công nhận xã, phường, thị trấn phù hợp với trẻ em";

/// Everything a builder reads, in one place.
pub struct Ctx<'a> {
    pub ov: &'a Overview,
    pub commune: &'a Commune,
    pub plans: &'a [Plan],
    pub year: i32,
}

impl<'a> Ctx<'a> {
    pub fn new(ov: &'a Overview, commune: &'a Commune, plans: &'a [Plan]) -> Self {
        Ctx {
            ov,
            commune,
            plans,
            year: ov.scored.year,
        }
    }

    /// "xã Minh Hòa".
    pub fn name(&self) -> String {
        self.commune.full_name()
    }

    /// "Ủy ban nhân dân xã Minh Hòa".
    pub fn ubnd(&self) -> String {
        format!("Ủy ban nhân dân {}", self.name())
    }

    /// "xã phù hợp với trẻ em" (or "phường …" for a ward).
    pub fn standard(&self) -> String {
        format!("{} phù hợp với trẻ em", self.commune.kind.trim())
    }

    /// The decision the catalogue scores against, as the documents cite it.
    pub fn basis(&self) -> String {
        let s = self.ov.catalog_source.trim();
        if s.is_empty() { QD06 } else { s }.to_string()
    }

    /// The decision's short citation: "Quyết định số 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng
    /// Chính phủ" (the basis up to its title).
    pub fn basis_short(&self) -> String {
        let b = self.basis();
        match b.find(" ban hành") {
            Some(i) => b[..i].to_string(),
            None => b,
        }
    }

    pub fn issued(&self, kind: AssessmentKind) -> IssuedDoc {
        self.ov
            .assessment
            .documents
            .get(kind.key())
            .cloned()
            .unwrap_or_default()
    }

    /// The unit of the commune that reports `item` ("Trạm Y tế xã"), else the catalogue's role.
    pub fn unit_of(&self, code: &str, role: &str) -> String {
        self.ov
            .units
            .iter()
            .find(|u| u.items.iter().any(|c| c == code))
            .map(|u| u.unit.clone())
            .unwrap_or_else(|| role.to_string())
    }

    /// The commune's unit in charge of children's affairs, for "qua …" and contact lines.
    pub fn vhxh(&self) -> String {
        self.commune
            .units
            .iter()
            .find(|u| fold(&u.name).contains("văn hóa - xã hội"))
            .map(|u| u.name.clone())
            .unwrap_or_else(|| "công chức Văn hóa - Xã hội".to_string())
    }

    /// The two-column header of `kind`: its number and date from the assessment, or blanks
    /// with room to write them by hand; `month` is printed when the day is blank.
    pub fn header(
        &self,
        kind: AssessmentKind,
        date: Option<NaiveDate>,
        month: Option<u32>,
    ) -> Header {
        let issued = self.issued(kind);
        let place_date = place_date_line(self.commune.place.trim(), date, month, self.year);
        Header {
            parent_authority: self
                .commune
                .parent_authority
                .clone()
                .filter(|s| !s.trim().is_empty()),
            authority: self.commune.authority_lines.clone(),
            number_line: number_line(issued.number.as_deref(), kind.symbol()),
            place_date,
        }
    }

    /// The date of `kind` as entered, if any.
    pub fn issued_date(&self, kind: AssessmentKind) -> Option<NaiveDate> {
        self.issued(kind).date.as_deref().and_then(parse_iso)
    }

    /// "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" and the chair of the profile (blank if unknown).
    pub fn chair_signature(&self) -> Signature {
        Signature {
            titles: vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()],
            name: self
                .commune
                .chair()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
        }
    }

    /// "Nơi nhận" of a document sent upward: "- Như trên;" (the body in "Kính gửi"), the
    /// profile's recipients without that body again, "- Lưu: VT, VHXH." last.
    pub fn upward_recipients(&self) -> Vec<String> {
        let superior = fold(&self.commune.superior);
        let mut items = vec!["Như trên".to_string()];
        items.extend(
            self.commune
                .recipients
                .iter()
                .filter(|r| superior.is_empty() || !fold(r).starts_with(&superior))
                .cloned(),
        );
        recipient_lines(&with_archive(items))
    }

    /// The profile's recipients with the archive line last.
    pub fn recipients(&self) -> Vec<String> {
        recipient_lines(&with_archive(self.commune.recipients.clone()))
    }

    /// "Kính gửi" of a document sent upward: the superior body from the profile.
    pub fn kinh_gui(&self) -> Vec<String> {
        let s = self.commune.superior.trim().trim_end_matches(['.', ';']);
        if s.is_empty() {
            Vec::new()
        } else {
            vec![format!("{s}.")]
        }
    }

    /// A document with the parts every kind shares filled in.
    pub fn document(&self, kind: AssessmentKind, header: Header, subject: String) -> Document {
        let type_name = kind.type_name().to_string();
        Document {
            meta: Meta {
                title: format!("{type_name} {subject}"),
                author: self.commune.authority_lines.join(" "),
            },
            header,
            type_name,
            subject,
            kinh_gui: Vec::new(),
            body: Vec::new(),
            signature: self.chair_signature(),
            recipients: Vec::new(),
            left_signature: None,
            annex: None,
        }
    }

    /// The year's plans as the report names them, most formal first: "Kế hoạch số
    /// 15/KH-UBND ngày 08/4/2026 về thực hiện …". An unnumbered plan is named without a
    /// number rather than with a made-up one.
    pub fn plan_refs(&self) -> Vec<String> {
        self.plans
            .iter()
            .filter(|p| !p.title.trim().is_empty())
            .map(plan_ref)
            .collect()
    }

    pub fn criteria_met(&self) -> usize {
        self.ov.scored.criteria.iter().filter(|c| c.met).count()
    }

    /// "935 điểm", with the maximum when the catalogue knows it: "935/1000 điểm".
    pub fn total_text(&self) -> String {
        let s = &self.ov.scored;
        match s.max_total {
            Some(m) => format!("{}/{} điểm", fmt_points(s.total), fmt_points(m)),
            None => format!("{} điểm", fmt_points(s.total)),
        }
    }

    /// "mức 850 điểm quy định đối với xã, phường, đặc khu khác".
    pub fn threshold_text(&self) -> String {
        let v = &self.ov.scored.verdict;
        format!(
            "mức {} điểm quy định đối với {}",
            fmt_points(v.threshold),
            lower_first(&v.category_name)
        )
    }

    /// The verdict as one sentence about the commune, from the scores, never stronger than
    /// `verdict.recognised`.
    pub fn verdict_sentence(&self) -> String {
        let s = &self.ov.scored;
        let v = &s.verdict;
        let n = s.criteria.len();
        let name = upper_first(&self.name());
        let standard = self.standard();
        if v.recognised {
            return format!(
                "{name} đạt chuẩn {standard} năm {}: {}/{n} tiêu chí đạt, không có tiêu chí nào 0 điểm, tổng điểm {} không thấp hơn {}.",
                self.year,
                self.criteria_met(),
                self.total_text(),
                self.threshold_text()
            );
        }
        let codes = |f: &dyn Fn(&CriterionScore) -> bool| -> Vec<String> {
            s.criteria
                .iter()
                .filter(|c| f(c))
                .map(|c| c.code.clone())
                .collect()
        };
        let missing = codes(&|c| !c.complete);
        if !missing.is_empty() {
            return format!(
                "Chưa đủ căn cứ để kết luận {} đạt chuẩn {standard} năm {}: {} chưa có đủ số liệu hoặc điểm; tổng điểm tạm tính {}.",
                self.name(),
                self.year,
                criteria_list(&missing),
                self.total_text()
            );
        }
        let mut why = Vec::new();
        let zero = codes(&|c| c.points == 0.0);
        if !zero.is_empty() {
            why.push(format!("{} đạt 0 điểm", criteria_list(&zero)));
        }
        let unmet = codes(&|c| !c.met && c.points > 0.0);
        if !unmet.is_empty() {
            why.push(format!("{} chưa đạt", criteria_list(&unmet)));
        }
        if s.total < v.threshold {
            why.push(format!(
                "tổng điểm {} thấp hơn {}",
                self.total_text(),
                self.threshold_text()
            ));
        }
        if why.is_empty() {
            why.push(format!("tổng điểm {}", self.total_text()));
        }
        format!(
            "{name} chưa đạt chuẩn {standard} năm {}: {}.",
            self.year,
            why.join("; ")
        )
    }
}

/// "tiêu chí 3" or "các tiêu chí 2, 3, 10".
pub fn criteria_list(codes: &[String]) -> String {
    match codes {
        [one] => format!("tiêu chí {one}"),
        many => format!("các tiêu chí {}", many.join(", ")),
    }
}

/// A criterion's points: "95/100 điểm" or "40 điểm" when its maximum is unknown.
pub fn points_text(c: &CriterionScore) -> String {
    match c.max_points {
        Some(m) => format!("{}/{} điểm", fmt_points(c.points), fmt_points(m)),
        None => format!("{} điểm", fmt_points(c.points)),
    }
}

/// "đạt", "chưa đạt" or "chưa đủ số liệu".
pub fn status_text(c: &CriterionScore) -> &'static str {
    if c.met {
        "đạt"
    } else if c.complete {
        "chưa đạt"
    } else {
        "chưa đủ số liệu"
    }
}

/// "Tiêu chí 1. Nguồn lực thực hiện quyền trẻ em: 95/100 điểm, đạt".
pub fn criterion_line(c: &CriterionScore) -> String {
    format!(
        "Tiêu chí {}. {}: {}, {}",
        c.code,
        c.name,
        points_text(c),
        status_text(c)
    )
}

fn plan_ref(p: &Plan) -> String {
    let kind = upper_first(&p.doc_type.to_lowercase());
    let number = p.number.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let when = match (number, p.date.day) {
        (Some(n), Some(d)) => format!(
            " số {}/{} ngày {}",
            pad_number(n),
            p.symbol,
            short_date_parts(d, p.date.month, p.date.year)
        ),
        (Some(n), None) => format!(
            " số {}/{} tháng {}/{}",
            pad_number(n),
            p.symbol,
            p.date.month,
            p.date.year
        ),
        (None, _) => String::new(),
    };
    let title = p.title.trim().trim_end_matches('.');
    // "Kế hoạch công tác năm 2026" already says what it is.
    // "Kế hoạch số 15/KH-UBND ngày 08/4/2026 về thực hiện …" as the seeds cite plans; without
    // a number, "Kế hoạch thực hiện …" reads better.
    let rest = match strip_prefix_ci(title, &p.doc_type) {
        Some(rest) => rest.trim().to_string(),
        None if when.is_empty() => lower_first(title),
        None => format!("về {}", lower_first(title)),
    };
    format!("{kind}{when} {rest}")
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let n = prefix.chars().count();
    let head: String = text.chars().take(n).collect();
    (fold(&head) == fold(prefix) && !prefix.trim().is_empty()).then(|| &text[head.len()..])
}

/// The profile's recipients, "Lưu: VT, VHXH" last (added when missing).
fn with_archive(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let archive = out
        .iter()
        .position(|l| l.starts_with("Lưu"))
        .map(|i| out.remove(i))
        .unwrap_or_else(|| "Lưu: VT, VHXH".to_string());
    out.retain(|l| !l.starts_with("Lưu"));
    out.push(archive);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_named_with_what_is_known() {
        let c = crate::demo::demo_commune();
        let mut p = crate::template::get("qd06")
            .unwrap()
            .instantiate(&c, 2026)
            .unwrap();
        p.number = Some("15".into());
        p.date.day = Some(8);
        let r = plan_ref(&p);
        assert!(
            r.starts_with(
                "Kế hoạch số 15/KH-UBND ngày 08/4/2026 về thực hiện Quyết định số 06/QĐ-TTg"
            ),
            "{r}"
        );
        p.number = None;
        let r = plan_ref(&p);
        assert!(r.starts_with("Kế hoạch thực hiện Quyết định"), "{r}");
        p.title = "Kế hoạch công tác năm 2026".into();
        assert_eq!(plan_ref(&p), "Kế hoạch công tác năm 2026");
    }

    #[test]
    fn archive_line_is_last_once() {
        let items = with_archive(vec!["Lưu: VT".into(), "TT Đảng ủy".into(), " ".into()]);
        assert_eq!(items, vec!["TT Đảng ủy", "Lưu: VT"]);
        let items = with_archive(vec!["TT Đảng ủy".into()]);
        assert_eq!(items, vec!["TT Đảng ủy", "Lưu: VT, VHXH"]);
    }
}
