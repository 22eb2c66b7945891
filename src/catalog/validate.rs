//! Checks a catalogue before it is used or stored: a province's file with a typo must be
//! refused with the place of the typo, never half-applied.

use std::collections::HashSet;

use super::{Band, Catalog, ItemKind, FORMAT};

/// `Err` holds a Vietnamese sentence naming the first problem found.
pub fn validate(c: &Catalog) -> Result<(), String> {
    if c.format != FORMAT {
        return Err(format!(
            "phiên bản định dạng {} không được hỗ trợ (bản này đọc định dạng {FORMAT}); hãy cập nhật Tre",
            c.format
        ));
    }
    if c.id.trim().is_empty() || c.version.trim().is_empty() || c.name.trim().is_empty() {
        return Err("thiếu mã (id), phiên bản (version) hoặc tên (name) của danh mục".into());
    }
    if c.criteria.is_empty() {
        return Err("danh mục không có tiêu chí nào".into());
    }
    validate_rule(c)?;
    let mut codes = HashSet::new();
    for crit in &c.criteria {
        let at = format!("tiêu chí {}", crit.code);
        if crit.code.trim().is_empty() || crit.name.trim().is_empty() {
            return Err("có tiêu chí thiếu mã hoặc tên".into());
        }
        if !codes.insert(crit.code.clone()) {
            return Err(format!("mã tiêu chí {} bị trùng", crit.code));
        }
        non_negative(crit.max_points, &at)?;
        non_negative(crit.pass_points, &at)?;
        if let (Some(pass), Some(max)) = (crit.pass_points, crit.max_points) {
            if pass > max {
                return Err(format!("{at}: điểm đạt {pass} lớn hơn điểm tối đa {max}"));
            }
        }
        if crit.items.is_empty() {
            return Err(format!("{at} không có chỉ số nào"));
        }
        let mut item_max_sum = 0.0;
        let mut all_known = true;
        for item in &crit.items {
            let at = format!("chỉ số {}", item.code);
            let prefix = format!("{}.", crit.code);
            if !item.code.starts_with(&prefix) || item.code.len() == prefix.len() {
                return Err(format!(
                    "{at}: mã chỉ số phải bắt đầu bằng mã tiêu chí “{prefix}” (ví dụ {prefix}1)"
                ));
            }
            if !codes.insert(item.code.clone()) {
                return Err(format!("mã chỉ số {} bị trùng", item.code));
            }
            if item.name.trim().is_empty() {
                return Err(format!("{at} thiếu tên"));
            }
            non_negative(item.max_points, &at)?;
            non_negative(item.otherwise, &at)?;
            match item.max_points {
                Some(m) => item_max_sum += m,
                None => all_known = false,
            }
            if item.kind == ItemKind::Choice && item.options.len() < 2 {
                return Err(format!("{at}: chỉ số lựa chọn cần ít nhất hai phương án"));
            }
            if item.kind == ItemKind::Choice && !item.bands.is_empty() {
                return Err(format!("{at}: chỉ số lựa chọn không có khoảng điểm"));
            }
            if item.confirmed && item.bands.is_empty() && item.kind != ItemKind::Choice {
                return Err(format!(
                    "{at} ghi là đã xác nhận nhưng không có khoảng điểm"
                ));
            }
            validate_bands(&item.bands, item.kind, item.max_points, &at)?;
        }
        if let (true, Some(max)) = (all_known, crit.max_points) {
            if item_max_sum > max + 1e-9 {
                return Err(format!(
                    "{at}: tổng điểm các chỉ số ({item_max_sum}) lớn hơn điểm tối đa của tiêu chí ({max})"
                ));
            }
        }
    }
    Ok(())
}

fn validate_rule(c: &Catalog) -> Result<(), String> {
    let r = &c.rule;
    if r.categories.is_empty() {
        return Err("quy tắc công nhận không có loại xã nào (ngưỡng điểm)".into());
    }
    let mut ids = HashSet::new();
    for cat in &r.categories {
        if cat.id.trim().is_empty() || cat.name.trim().is_empty() {
            return Err("có loại xã thiếu mã hoặc tên".into());
        }
        if !ids.insert(cat.id.as_str()) {
            return Err(format!("loại xã “{}” bị trùng", cat.id));
        }
        if !(cat.threshold.is_finite() && cat.threshold > 0.0) {
            return Err(format!(
                "ngưỡng điểm của loại “{}” phải là số dương",
                cat.name
            ));
        }
        if let Some(max) = c.max_total {
            if cat.threshold > max {
                return Err(format!(
                    "ngưỡng {} của loại “{}” lớn hơn tổng điểm tối đa {max}",
                    cat.threshold, cat.name
                ));
            }
        }
    }
    if !ids.contains(r.default_category.as_str()) {
        return Err(format!(
            "loại xã mặc định “{}” không có trong danh sách loại xã",
            r.default_category
        ));
    }
    Ok(())
}

fn non_negative(v: Option<f64>, at: &str) -> Result<(), String> {
    match v {
        Some(x) if !(x.is_finite() && x >= 0.0) => {
            Err(format!("{at}: điểm {x} phải là số không âm"))
        }
        _ => Ok(()),
    }
}

/// Bands must be ordered pieces that never overlap, inside the range of their kind.
fn validate_bands(
    bands: &[Band],
    kind: ItemKind,
    max: Option<f64>,
    at: &str,
) -> Result<(), String> {
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by(|a, b| {
        a.min
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&b.min.unwrap_or(f64::NEG_INFINITY))
    });
    let (lo, hi) = match kind {
        ItemKind::Rate => (0.0, 100.0),
        ItemKind::YesNo => (0.0, 1.0),
        _ => (0.0, f64::INFINITY),
    };
    let mut prev_max: Option<f64> = None;
    for (i, b) in sorted.iter().enumerate() {
        let min = b.min.unwrap_or(f64::NEG_INFINITY);
        let bmax = b.max.unwrap_or(f64::INFINITY);
        if min >= bmax {
            return Err(format!("{at}: khoảng điểm từ {min} đến {bmax} rỗng"));
        }
        if b.min.is_some_and(|m| m < lo || m > hi)
            || b.max
                .is_some_and(|m| m < lo || m > hi + 1e-9 && hi.is_finite())
        {
            return Err(format!("{at}: khoảng điểm nằm ngoài giới hạn {lo}–{hi}"));
        }
        if !(b.points.is_finite() && b.points >= 0.0) {
            return Err(format!("{at}: điểm {} phải là số không âm", b.points));
        }
        if let Some(m) = max {
            if b.points > m + 1e-9 {
                return Err(format!("{at}: điểm {} lớn hơn điểm tối đa {m}", b.points));
            }
        }
        if i > 0 {
            let pm = prev_max.unwrap_or(f64::INFINITY);
            if min < pm {
                return Err(format!(
                    "{at}: các khoảng điểm chồng lên nhau (quanh {min})"
                ));
            }
        }
        prev_max = Some(bmax);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Catalog;
    use super::*;

    fn builtin() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn refused(c: &Catalog, needle: &str) {
        let e = validate(c).unwrap_err();
        assert!(e.contains(needle), "{e}");
    }

    #[test]
    fn duplicate_codes_are_refused() {
        let mut c = builtin();
        c.criteria[1].code = "1".into();
        refused(&c, "bị trùng");
        let mut c = builtin();
        c.criteria[0].items[1].code = "1.1".into();
        refused(&c, "1.1 bị trùng");
    }

    #[test]
    fn overlapping_bands_are_refused() {
        let mut c = builtin();
        c.criteria[6].items[0].bands = vec![
            Band {
                min: Some(90.0),
                max: Some(98.5),
                points: 30.0,
            },
            Band {
                min: Some(98.0),
                max: None,
                points: 50.0,
            },
        ];
        refused(&c, "chồng lên nhau");
        // Touching bands are fine: [90, 98) and [98, ∞).
        c.criteria[6].items[0].bands[0].max = Some(98.0);
        validate(&c).unwrap();
    }

    #[test]
    fn out_of_range_and_empty_bands_are_refused() {
        let mut c = builtin();
        c.criteria[6].items[0].bands[0].min = Some(120.0);
        refused(&c, "ngoài giới hạn");
        let mut c = builtin();
        c.criteria[6].items[0].bands = vec![Band {
            min: Some(50.0),
            max: Some(50.0),
            points: 1.0,
        }];
        refused(&c, "rỗng");
        let mut c = builtin();
        c.criteria[6].items[0].bands[0].points = 70.0;
        refused(&c, "lớn hơn điểm tối đa");
    }

    #[test]
    fn item_codes_must_belong_to_their_criterion() {
        let mut c = builtin();
        c.criteria[6].items[0].code = "8.9".into();
        refused(&c, "phải bắt đầu bằng mã tiêu chí “7.”");
    }

    #[test]
    fn rule_must_be_consistent() {
        let mut c = builtin();
        c.rule.default_category = "nowhere".into();
        refused(&c, "loại xã mặc định");
        let mut c = builtin();
        c.rule.categories[0].threshold = -1.0;
        refused(&c, "số dương");
        let mut c = builtin();
        c.format = 9;
        refused(&c, "hãy cập nhật Tre");
    }

    #[test]
    fn item_points_cannot_exceed_the_criterion() {
        let mut c = builtin();
        c.criteria[6].max_points = Some(40.0);
        c.criteria[6].items[0].max_points = Some(40.0);
        c.criteria[6].items[0].bands[0].points = 40.0;
        validate(&c).unwrap();
        c.criteria[5].max_points = Some(100.0);
        refused(&c, "tổng điểm các chỉ số");
    }
}
