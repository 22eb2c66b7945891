use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Years Tre accepts for a document; outside this range it is almost surely a typo.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The date of an official document. The day is often left blank until the leader signs
/// (the seeds all print `ngày      tháng 4 năm 2026`), so it is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DocDate {
    pub day: Option<u32>,
    pub month: u32,
    pub year: i32,
}

impl DocDate {
    /// Builds a date and rejects impossible ones (31/02, month 13, year 20266).
    pub fn new(day: Option<u32>, month: u32, year: i32) -> Result<Self> {
        let d = DocDate { day, month, year };
        d.validate()?;
        Ok(d)
    }

    /// "15/04/2027" (a full date) or "4/2027" (the day left blank for the clerk).
    pub fn parse(text: &str) -> Result<Self> {
        let bad = || {
            Error::Invalid(format!(
                "Ngày “{text}” không hợp lệ. Hãy viết ngày/tháng/năm (15/04/2027) hoặc tháng/năm (4/2027) nếu chưa có ngày."
            ))
        };
        let parts: Vec<&str> = text.trim().split('/').collect();
        let num = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
        let year = |s: &str| s.trim().parse::<i32>().map_err(|_| bad());
        match parts.as_slice() {
            [d, m, y] => DocDate::new(Some(num(d)?), num(m)?, year(y)?),
            [m, y] => DocDate::new(None, num(m)?, year(y)?),
            _ => Err(bad()),
        }
    }

    pub fn validate(&self) -> Result<()> {
        check_year(self.year)?;
        if !(1..=12).contains(&self.month) {
            return Err(Error::Invalid(format!(
                "Tháng {} không hợp lệ: tháng phải từ 1 đến 12.",
                self.month
            )));
        }
        if let Some(day) = self.day {
            if chrono::NaiveDate::from_ymd_opt(self.year, self.month, day).is_none() {
                return Err(Error::Invalid(format!(
                    "Ngày {day:02}/{:02}/{} không có trong lịch. Hãy kiểm tra lại ngày.",
                    self.month, self.year
                )));
            }
        }
        Ok(())
    }
}

pub fn check_year(year: i32) -> Result<()> {
    if YEAR_RANGE.contains(&year) {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "Năm {year} nằm ngoài khoảng cho phép ({}–{}). Hãy nhập năm có 4 chữ số, ví dụ 2027.",
            YEAR_RANGE.start(),
            YEAR_RANGE.end()
        )))
    }
}

/// Parses `dd/mm/yyyy` (as the officer writes it) or ISO `yyyy-mm-dd`, rejecting impossible dates.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate> {
    let t = text.trim();
    let parsed = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d/%m/%Y"));
    match parsed {
        Ok(d) => {
            check_year(d.year_ce().1 as i32)?;
            Ok(d)
        }
        Err(_) => Err(Error::Invalid(format!(
            "Ngày “{t}” không hợp lệ. Hãy viết theo dạng ngày/tháng/năm, ví dụ 15/11/2027, và kiểm tra ngày có trong lịch."
        ))),
    }
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_days() {
        assert!(DocDate::new(Some(31), 2, 2026).is_err());
        assert!(DocDate::new(Some(29), 2, 2028).is_ok());
        assert!(DocDate::new(None, 13, 2026).is_err());
        assert!(DocDate::new(None, 4, 20266).is_err());
        assert!(parse_date("31/02/2026").is_err());
        assert_eq!(parse_date("15/11/2027").unwrap().to_string(), "2027-11-15");
    }
}
