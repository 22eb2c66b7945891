//! Changing an assessment: one sub-item's figures, evidence, unit or hand points, or a whole
//! criterion's points. Every change is checked against the catalogue before it touches the
//! assessment, so a refused value leaves it as it was.

use super::figure::parse_figure;
use super::model::{Assessment, ManualPoints};
use crate::catalog::{fmt_points, Catalog};
use crate::error::{Error, Result};
use crate::text::{fold, nfc};

/// Words that clear a value: `tre assess set --year 2026 7.1 xóa`.
const CLEAR: &[&str] = &["xóa", "xoá", "xoa", "-"];

#[derive(Debug, Clone, Default)]
pub struct SetRequest {
    /// A sub-item ("7.1") or a whole criterion ("3").
    pub code: String,
    /// The figures as typed ("412/415", "có", "3"); for a criterion, its points.
    pub value: Option<String>,
    pub evidence: Option<String>,
    /// Hand points for a sub-item whose points the catalogue does not know.
    pub points: Option<f64>,
    pub reason: Option<String>,
    pub unit: Option<String>,
    /// Who enters it.
    pub by: String,
}

/// Applies `req` to `a`; returns a Vietnamese summary for history ("7.1 = 412/415 (99,28 %)").
pub fn apply_set(a: &mut Assessment, cat: &Catalog, req: &SetRequest, now: &str) -> Result<String> {
    let code = req.code.trim();
    if let Some(crit) = cat.criterion(code) {
        return set_criterion(a, crit.max_points, code, req);
    }
    let Some((_, item)) = cat.item(code) else {
        return Err(Error::Invalid(format!(
            "Không có tiêu chí hay chỉ số mã “{code}”. Hãy xem các mã trong danh sách tiêu chí tự đánh giá năm {}.",
            a.year
        )));
    };
    let mut entry = a.entries.get(code).cloned().unwrap_or_default();
    let mut said = Vec::new();
    if let Some(v) = &req.value {
        if CLEAR.contains(&fold(v).as_str()) || v.trim().is_empty() {
            entry.value = None;
            said.push(format!("{code}: xóa số liệu"));
        } else {
            let fig = parse_figure(item, v).map_err(Error::Invalid)?;
            said.push(format!("{code} = {}", super::figure::display(&fig)));
            entry.value = Some(fig);
        }
    }
    if let Some(p) = req.points {
        let reason = required_reason(req, code)?;
        check_points(p, item.max_points, code)?;
        entry.manual = Some(ManualPoints { points: p, reason });
        said.push(format!("{code}: {} điểm (nhập tay)", fmt_points(p)));
    }
    if let Some(e) = &req.evidence {
        entry.evidence = nfc(e);
        said.push(format!("{code}: nguồn số liệu"));
    }
    if let Some(u) = &req.unit {
        let u = nfc(u);
        entry.unit = (!u.is_empty()).then_some(u);
        said.push(format!("{code}: đơn vị"));
    }
    if said.is_empty() {
        return Err(Error::Invalid(format!(
            "Chưa có gì để ghi cho chỉ số {code}: hãy nêu số liệu, điểm, minh chứng hoặc đơn vị báo cáo."
        )));
    }
    entry.by = nfc(&req.by);
    entry.at = now.to_string();
    if entry.value.is_none()
        && entry.manual.is_none()
        && entry.evidence.is_empty()
        && entry.unit.is_none()
    {
        a.entries.remove(code);
    } else {
        a.entries.insert(code.to_string(), entry);
    }
    Ok(said.join("; "))
}

/// True for the words that clear a value ("xóa", "-").
pub fn is_clear_word(v: &str) -> bool {
    CLEAR.contains(&fold(v).as_str())
}

/// Removes the hand points of sub-item `code`, so its points come from the figures again (or
/// wait to be entered). Returns the summary for history.
pub fn clear_points(
    a: &mut Assessment,
    cat: &Catalog,
    code: &str,
    by: &str,
    now: &str,
) -> Result<String> {
    let code = code.trim();
    if cat.item(code).is_none() {
        return Err(Error::Invalid(format!(
            "Không có chỉ số mã “{code}” để xóa điểm nhập tay."
        )));
    }
    let Some(entry) = a.entries.get_mut(code) else {
        return Ok(format!("{code}: không có điểm nhập tay"));
    };
    if entry.manual.take().is_none() {
        return Ok(format!("{code}: không có điểm nhập tay"));
    }
    entry.by = nfc(by);
    entry.at = now.to_string();
    if entry.value.is_none() && entry.evidence.is_empty() && entry.unit.is_none() {
        a.entries.remove(code);
    }
    Ok(format!("{code}: xóa điểm nhập tay"))
}

fn set_criterion(
    a: &mut Assessment,
    max: Option<f64>,
    code: &str,
    req: &SetRequest,
) -> Result<String> {
    let Some(v) = req.value.as_deref() else {
        return Err(Error::Invalid(format!(
            "Hãy nêu số điểm của tiêu chí {code} (hoặc “xóa” để tính lại từ các chỉ số)."
        )));
    };
    if CLEAR.contains(&fold(v).as_str()) {
        a.criterion_points.remove(code);
        return Ok(format!("Tiêu chí {code}: tính lại từ các chỉ số"));
    }
    let p = parse_points(v)?;
    check_points(p, max, &format!("tiêu chí {code}"))?;
    let reason = required_reason(req, &format!("tiêu chí {code}"))?;
    a.criterion_points
        .insert(code.to_string(), ManualPoints { points: p, reason });
    Ok(format!(
        "Tiêu chí {code}: {} điểm (nhập tay)",
        fmt_points(p)
    ))
}

/// Points as typed: "40", "12,5", "12.5".
pub fn parse_points(v: &str) -> Result<f64> {
    crate::catalog::parse_decimal(v.trim()).ok_or_else(|| {
        Error::Invalid(format!(
            "“{}” không phải số điểm. Hãy nhập một số, ví dụ 40.",
            v.trim()
        ))
    })
}

fn check_points(p: f64, max: Option<f64>, what: &str) -> Result<()> {
    if p < 0.0 {
        return Err(Error::Invalid(format!("Điểm của {what} không được âm.")));
    }
    if let Some(m) = max {
        if p > m {
            return Err(Error::Invalid(format!(
                "Điểm của {what} ({}) lớn hơn điểm tối đa {}.",
                fmt_points(p),
                fmt_points(m)
            )));
        }
    }
    Ok(())
}

fn required_reason(req: &SetRequest, what: &str) -> Result<String> {
    let r = req.reason.as_deref().map(nfc).unwrap_or_default();
    if r.is_empty() {
        return Err(Error::Invalid(format!(
            "Điểm của {what} nhập bằng tay cần ghi lý do, ví dụ “Theo hướng dẫn của Sở Y tế”."
        )));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Figure;

    fn req(code: &str, value: &str) -> SetRequest {
        SetRequest {
            code: code.into(),
            value: Some(value.into()),
            by: "Cán bộ Văn hóa - Xã hội".into(),
            ..Default::default()
        }
    }

    #[test]
    fn sets_and_clears_figures() {
        let cat = Catalog::builtin().unwrap();
        let mut a = Assessment::new(2026);
        let s = apply_set(&mut a, &cat, &req("7.1", "412/415"), "t").unwrap();
        assert_eq!(s, "7.1 = 412/415 (99,28 %)");
        assert_eq!(
            a.entries["7.1"].value,
            Some(Figure::Rate {
                numerator: 412,
                denominator: 415
            })
        );
        apply_set(&mut a, &cat, &req("7.1", "xóa"), "t").unwrap();
        assert!(!a.entries.contains_key("7.1"));
    }

    #[test]
    fn a_refused_value_changes_nothing() {
        let cat = Catalog::builtin().unwrap();
        let mut a = Assessment::new(2026);
        apply_set(&mut a, &cat, &req("7.1", "412/415"), "t").unwrap();
        let before = a.clone();
        assert!(apply_set(&mut a, &cat, &req("7.1", "416/415"), "t").is_err());
        assert!(apply_set(&mut a, &cat, &req("99.1", "1"), "t").is_err());
        assert_eq!(a, before);
    }

    #[test]
    fn hand_points_need_a_reason_and_stay_in_range() {
        let cat = Catalog::builtin().unwrap();
        let mut a = Assessment::new(2026);
        let mut r = req("1.3", "Hằng quý");
        r.points = Some(10.0);
        assert!(apply_set(&mut a, &cat, &r, "t")
            .unwrap_err()
            .to_string()
            .contains("lý do"));
        r.reason = Some("Theo hướng dẫn của Sở Y tế".into());
        apply_set(&mut a, &cat, &r, "t").unwrap();
        r.points = Some(16.0);
        assert!(apply_set(&mut a, &cat, &r, "t")
            .unwrap_err()
            .to_string()
            .contains("tối đa 15"));
        let mut c = req("3", "60");
        assert!(apply_set(&mut a, &cat, &c, "t").is_err());
        c.reason = Some("Hội nghị thống nhất".into());
        apply_set(&mut a, &cat, &c, "t").unwrap();
        assert_eq!(a.criterion_points["3"].points, 60.0);
        assert!(apply_set(&mut a, &cat, &req("7", "60"), "t").is_err()); // above 50
    }

    #[test]
    fn hand_points_can_be_cleared_and_the_figures_stay() {
        let cat = Catalog::builtin().unwrap();
        let mut a = Assessment::new(2026);
        let mut r = req("3.1", "0");
        r.points = Some(40.0);
        r.reason = Some("Theo hướng dẫn của Sở Y tế".into());
        apply_set(&mut a, &cat, &r, "t1").unwrap();
        let s = clear_points(&mut a, &cat, "3.1", "Cán bộ", "t2").unwrap();
        assert_eq!(s, "3.1: xóa điểm nhập tay");
        let e = &a.entries["3.1"];
        assert_eq!(
            (e.manual.is_none(), e.value.clone(), e.at.as_str()),
            (true, Some(Figure::Count(0)), "t2")
        );
        // With nothing else left the entry goes; an unknown code is refused.
        let mut b = Assessment::new(2026);
        let mut p = SetRequest {
            code: "5.1".into(),
            points: Some(5.0),
            reason: Some("Hội nghị".into()),
            ..Default::default()
        };
        apply_set(&mut b, &cat, &p, "t").unwrap();
        clear_points(&mut b, &cat, "5.1", "Cán bộ", "t").unwrap();
        assert!(b.entries.is_empty());
        p.code = "99.1".into();
        assert!(clear_points(&mut b, &cat, "99.1", "Cán bộ", "t").is_err());
        assert!(is_clear_word("Xóa") && is_clear_word("-") && !is_clear_word("0"));
    }
}
