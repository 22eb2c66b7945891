//! Raw figures: reading them from what the officer types or a unit's cell, checking them
//! against the item's kind, and showing them.

use super::model::Figure;
use crate::catalog::{Item, ItemKind};
use crate::text::fold;

/// Reads `text` as a figure of `item`'s kind. `Err` is a Vietnamese sentence that says what
/// to type instead.
pub fn parse_figure(item: &Item, text: &str) -> Result<Figure, String> {
    let t = fold(text);
    let fig = match item.kind {
        ItemKind::YesNo => match t.as_str() {
            "có" | "co" | "yes" | "1" | "đạt" | "x" | "true" => Figure::YesNo(true),
            "không" | "khong" | "no" | "0" | "chưa" | "false" => Figure::YesNo(false),
            _ => {
                return Err(format!(
                    "“{text}” không phải có/không. Hãy nhập “có” hoặc “không”."
                ))
            }
        },
        ItemKind::Count => Figure::Count(parse_count(&t, text)?),
        ItemKind::Rate => {
            let Some((n, d)) = t.split_once('/') else {
                return Err(format!(
                    "“{text}” không phải tỷ lệ. Hãy nhập dạng số đạt/tổng số, ví dụ 412/415."
                ));
            };
            Figure::Rate {
                numerator: parse_count(n.trim(), n)?,
                denominator: parse_count(d.trim(), d)?,
            }
        }
        ItemKind::Choice => {
            let found = item.options.iter().find(|o| fold(o) == t);
            match found {
                Some(o) => Figure::Choice(o.clone()),
                None => {
                    return Err(format!(
                        "“{text}” không có trong các lựa chọn: {}.",
                        item.options.join(", ")
                    ))
                }
            }
        }
    };
    check_figure(item, &fig)?;
    Ok(fig)
}

/// A whole number ≥ 0 as typed ("1.234" is one thousand two hundred and thirty-four, the
/// Vietnamese way); `t` is the folded text, `raw` what to quote in the message.
pub(crate) fn parse_count(t: &str, raw: &str) -> Result<u64, String> {
    let digits: String = t.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if let Some(rest) = digits.strip_prefix('-') {
        if rest.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() {
            return Err(format!(
                "Số “{}” bị âm. Số lượng phải từ 0 trở lên.",
                raw.trim()
            ));
        }
    }
    digits.parse::<u64>().map_err(|_| {
        format!(
            "“{}” không phải số nguyên. Hãy nhập số (ví dụ 412), không kèm chữ.",
            raw.trim()
        )
    })
}

/// Refuses a figure that cannot be right: the wrong kind, a rate above 100 %, a zero
/// denominator, an option not in the list.
pub fn check_figure(item: &Item, fig: &Figure) -> Result<(), String> {
    match (item.kind, fig) {
        (ItemKind::YesNo, Figure::YesNo(_)) | (ItemKind::Count, Figure::Count(_)) => Ok(()),
        (
            ItemKind::Rate,
            Figure::Rate {
                numerator,
                denominator,
            },
        ) => {
            if *denominator == 0 {
                Err(format!(
                    "Chỉ số {}: tổng số (mẫu số) bằng 0 nên không tính được tỷ lệ. Nếu trong năm không có trường hợp nào, hãy để trống số liệu và nhập điểm bằng tay kèm lý do.",
                    item.code
                ))
            } else if numerator > denominator {
                Err(format!(
                    "Chỉ số {}: {numerator}/{denominator} là tỷ lệ trên 100 %. Số đạt không được lớn hơn tổng số; hãy kiểm tra lại số liệu.",
                    item.code
                ))
            } else {
                Ok(())
            }
        }
        (ItemKind::Choice, Figure::Choice(c)) if item.options.contains(c) => Ok(()),
        (ItemKind::Choice, Figure::Choice(c)) => Err(format!(
            "Chỉ số {}: “{c}” không có trong các lựa chọn: {}.",
            item.code,
            item.options.join(", ")
        )),
        _ => Err(format!(
            "Chỉ số {} cần {}, không phải giá trị đã nhập.",
            item.code,
            kind_hint(item.kind)
        )),
    }
}

/// What to type for a kind, for messages and the unit workbook's instructions.
pub fn kind_hint(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::YesNo => "có hoặc không",
        ItemKind::Count => "một số nguyên từ 0 trở lên",
        ItemKind::Rate => "số đạt và tổng số (ví dụ 412/415)",
        ItemKind::Choice => "một trong các lựa chọn",
    }
}

/// The value on which bands are read: 1/0, the count, or the percentage.
pub(crate) fn band_value(fig: &Figure) -> Option<(i128, i128)> {
    // As a fraction (numerator, denominator) so band edges compare exactly: 97.9 % < 98 %.
    match fig {
        Figure::YesNo(b) => Some((i128::from(*b), 1)),
        Figure::Count(n) => Some((i128::from(*n), 1)),
        Figure::Rate {
            numerator,
            denominator,
        } if *denominator > 0 => Some((i128::from(*numerator) * 100, i128::from(*denominator))),
        _ => None,
    }
}

/// The percentage of a rate, as a float for display.
pub fn percent(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 * 100.0 / denominator as f64)
}

/// "412/415 (99,28 %)", "có", "3", "Hằng quý".
pub fn display(fig: &Figure) -> String {
    match fig {
        Figure::YesNo(true) => "có".into(),
        Figure::YesNo(false) => "không".into(),
        Figure::Count(n) => n.to_string(),
        Figure::Rate {
            numerator,
            denominator,
        } => match percent(*numerator, *denominator) {
            Some(p) => format!("{numerator}/{denominator} ({} %)", fmt_percent(p)),
            None => format!("{numerator}/{denominator}"),
        },
        Figure::Choice(c) => c.clone(),
    }
}

/// Two decimals at most, Vietnamese comma, no trailing zeros: 98 → "98", 99.277 → "99,28".
pub fn fmt_percent(p: f64) -> String {
    let s = format!("{p:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn item(code: &str) -> Item {
        Catalog::builtin().unwrap().item(code).unwrap().1.clone()
    }

    #[test]
    fn reads_each_kind() {
        assert_eq!(
            parse_figure(&item("1.1"), "Có").unwrap(),
            Figure::YesNo(true)
        );
        assert_eq!(
            parse_figure(&item("1.1"), "không").unwrap(),
            Figure::YesNo(false)
        );
        assert_eq!(parse_figure(&item("3.1"), "2").unwrap(), Figure::Count(2));
        assert_eq!(
            parse_figure(&item("7.1"), "412 / 415").unwrap(),
            Figure::Rate {
                numerator: 412,
                denominator: 415
            }
        );
        assert_eq!(
            parse_figure(&item("1.3"), "hằng quý").unwrap(),
            Figure::Choice("Hằng quý".into())
        );
    }

    #[test]
    fn refuses_impossible_figures_with_a_reason() {
        let e = parse_figure(&item("7.1"), "416/415").unwrap_err();
        assert!(e.contains("trên 100 %"), "{e}");
        let e = parse_figure(&item("7.1"), "0/0").unwrap_err();
        assert!(e.contains("mẫu số) bằng 0"), "{e}");
        let e = parse_figure(&item("3.1"), "-2").unwrap_err();
        assert!(e.contains("bị âm"), "{e}");
        let e = parse_figure(&item("7.1"), "98%").unwrap_err();
        assert!(e.contains("412/415"), "{e}");
        let e = parse_figure(&item("1.3"), "hằng tuần").unwrap_err();
        assert!(e.contains("Hằng quý"), "{e}");
        assert!(parse_figure(&item("3.1"), "hai").is_err());
    }

    #[test]
    fn shows_figures_the_vietnamese_way() {
        assert_eq!(
            display(&Figure::Rate {
                numerator: 412,
                denominator: 415
            }),
            "412/415 (99,28 %)"
        );
        assert_eq!(
            display(&Figure::Rate {
                numerator: 49,
                denominator: 50
            }),
            "49/50 (98 %)"
        );
        assert_eq!(display(&Figure::YesNo(true)), "có");
    }
}
