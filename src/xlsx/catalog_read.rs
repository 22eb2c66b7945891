//! Reading the "Danh mục tiêu chí" sheet back into a `Catalog`: the province's corrected
//! catalogue. Every problem is reported with its cell ("ô L12"), all at once, and nothing is
//! used until the whole catalogue also passes `catalog::validate`.

use std::collections::HashMap;
use std::path::Path;

use calamine::Data;

use super::catalog_sheet::*;
use super::cell_name;
use super::read::{data_number, open, open_bytes, Book, Sheet};
use crate::catalog::{validate, Band, Catalog, Category, Criterion, Item, ItemKind, Rule};
use crate::error::{Error, Result};
use crate::text::{fold, nfc};

/// Reads the catalogue sheet of the workbook at `path`.
pub fn catalog_from_xlsx(path: &Path) -> Result<Catalog> {
    let what = format!("Tệp {}", path.display());
    let mut book = open(path, &what)?;
    catalog_from_book(&mut book, &what)
}

/// The same from bytes (tests, and a file the app already holds).
pub fn catalog_from_xlsx_bytes(bytes: Vec<u8>, what: &str) -> Result<Catalog> {
    let mut book = open_bytes(bytes, what)?;
    catalog_from_book(&mut book, what)
}

fn catalog_from_book(book: &mut Book, what: &str) -> Result<Catalog> {
    let Some(sheet) = Sheet::find(book, CATALOG_SHEET, what)? else {
        return Err(Error::Invalid(format!(
            "{what} không có trang “{CATALOG_SHEET}”. Hãy dùng tệp XLSX bảng điểm do Tre xuất rồi sửa trang đó, hoặc tệp JSON."
        )));
    };
    let mut r = SheetReader {
        sheet: &sheet,
        errors: Vec::new(),
    };
    let cat = r.catalog();
    let place = format!("{what}, trang “{}”", sheet.name);
    if !r.errors.is_empty() {
        return Err(Error::Invalid(format!(
            "{place} có ô không đúng: {}. Hãy sửa các ô này rồi nhập lại; danh mục đang dùng không thay đổi.",
            r.errors.join("; ")
        )));
    }
    let (cat, rows) = cat.expect("no errors means a catalogue was read");
    validate(&cat).map_err(|e| {
        let at = rows
            .iter()
            .find(|(code, _)| mentions(&e, code))
            .map(|(_, row)| format!(" (dòng {})", row + 1))
            .unwrap_or_default();
        Error::Invalid(format!(
            "{place} không hợp lệ: {e}{at}. Hãy sửa rồi nhập lại; danh mục đang dùng không thay đổi."
        ))
    })?;
    Ok(cat)
}

/// True when the validation message `e` names item or criterion `code` ("chỉ số 7.1:",
/// "tiêu chí 6 không…"), and not merely a longer code that starts alike ("7.10", "13").
fn mentions(e: &str, code: &str) -> bool {
    ["chỉ số ", "tiêu chí "].iter().any(|prefix| {
        let needle = format!("{prefix}{code}");
        e.match_indices(&needle).any(|(i, _)| {
            let mut after = e[i + needle.len()..].chars();
            match after.next() {
                Some(c) if c.is_ascii_digit() => false,
                Some('.') => !after.next().is_some_and(|c| c.is_ascii_digit()),
                _ => true,
            }
        })
    })
}

struct SheetReader<'a> {
    sheet: &'a Sheet,
    errors: Vec<String>,
}

/// The codes read and the row each came from, to point a validation message at its row.
type Rows = Vec<(String, u32)>;

impl SheetReader<'_> {
    fn err(&mut self, row: u32, col: u16, msg: impl std::fmt::Display) {
        self.errors
            .push(format!("ô {}: {msg}", cell_name(row, col)));
    }

    fn catalog(&mut self) -> Option<(Catalog, Rows)> {
        let sheet = self.sheet;
        let Some(header) =
            (0..sheet.end_row()).find(|&r| fold(&sheet.text(r, 0)) == fold(H_CRIT_CODE))
        else {
            self.errors.push(format!(
                "không thấy dòng tiêu đề bảng (ô đầu ghi “{H_CRIT_CODE}”)"
            ));
            return None;
        };
        let keys = self.keys(header);
        let cols = self.columns(header)?;
        let (criteria, rows) = self.items(header + 1, &cols);
        let rule = self.rule(&keys);
        let get = |k: &str| keys.get(k).map(|(_, v)| v.clone()).unwrap_or_default();
        let format = match keys.get(K_FORMAT) {
            Some((row, v)) => match v.parse::<u32>() {
                Ok(f) => f,
                Err(_) => {
                    self.err(
                        *row,
                        KV_VALUE,
                        format!("định dạng “{v}” phải là một số nguyên"),
                    );
                    0
                }
            },
            None => {
                self.errors
                    .push(format!("thiếu dòng khóa “{K_FORMAT}” ở cột A"));
                0
            }
        };
        let max_total = match keys.get(K_MAX_TOTAL) {
            Some((row, _)) => match data_number(sheet.get(*row, KV_VALUE)) {
                Ok(v) => v,
                Err(e) => {
                    self.err(*row, KV_VALUE, e);
                    None
                }
            },
            None => None,
        };
        for k in [K_ID, K_VERSION, K_NAME] {
            if !keys.contains_key(k) {
                self.errors.push(format!("thiếu dòng khóa “{k}” ở cột A"));
            }
        }
        let rule = rule?;
        if !self.errors.is_empty() {
            return None;
        }
        Some((
            Catalog {
                format,
                id: get(K_ID),
                version: get(K_VERSION),
                name: get(K_NAME),
                source: get(K_SOURCE),
                note: get(K_NOTE),
                max_total,
                rule,
                criteria,
            },
            rows,
        ))
    }

    /// The key/value rows above the table (categories apart): key → (row, value text).
    fn keys(&mut self, header: u32) -> HashMap<&'static str, (u32, String)> {
        let known = [
            K_FORMAT,
            K_ID,
            K_VERSION,
            K_NAME,
            K_SOURCE,
            K_NOTE,
            K_MAX_TOTAL,
            K_ALL_MET,
            K_NO_ZERO,
            K_DEFAULT_CATEGORY,
            K_RULE_CONFIRMED,
        ];
        let mut out = HashMap::new();
        for r in 0..header {
            let key = fold(&self.sheet.text(r, 0));
            if let Some(k) = known.iter().find(|k| **k == key) {
                out.insert(*k, (r, self.sheet.text(r, KV_VALUE)));
            }
        }
        out
    }

    fn rule(&mut self, keys: &HashMap<&'static str, (u32, String)>) -> Option<Rule> {
        let flag = |this: &mut Self, k: &str, required: bool| match keys.get(k) {
            Some((row, v)) => this.yes_no(*row, KV_VALUE, v).unwrap_or(false),
            None => {
                if required {
                    this.errors.push(format!("thiếu dòng khóa “{k}” ở cột A"));
                }
                false
            }
        };
        let all_criteria_met = flag(self, K_ALL_MET, true);
        let no_criterion_zero = flag(self, K_NO_ZERO, true);
        let confirmed = flag(self, K_RULE_CONFIRMED, false);
        let default_category = match keys.get(K_DEFAULT_CATEGORY) {
            Some((_, v)) => v.clone(),
            None => {
                self.errors
                    .push(format!("thiếu dòng khóa “{K_DEFAULT_CATEGORY}” ở cột A"));
                String::new()
            }
        };
        let mut categories = Vec::new();
        let end = self.sheet.end_row();
        for r in 0..end {
            if fold(&self.sheet.text(r, 0)) != K_CATEGORY {
                continue;
            }
            let threshold = match data_number(self.sheet.get(r, KV_THRESHOLD)) {
                Ok(Some(t)) => t,
                Ok(None) => {
                    self.err(r, KV_THRESHOLD, "thiếu ngưỡng điểm của loại xã");
                    0.0
                }
                Err(e) => {
                    self.err(r, KV_THRESHOLD, e);
                    0.0
                }
            };
            categories.push(Category {
                id: self.sheet.text(r, KV_VALUE),
                name: self.sheet.text(r, KV_MEANING),
                threshold,
            });
        }
        if categories.is_empty() {
            self.errors.push(format!(
                "không có dòng “{K_CATEGORY}” nào (loại xã và ngưỡng điểm)"
            ));
        }
        Some(Rule {
            all_criteria_met,
            no_criterion_zero,
            categories,
            default_category,
            confirmed,
        })
    }

    /// Where each column is, found by its header text.
    fn columns(&mut self, header: u32) -> Option<HashMap<&'static str, u16>> {
        let mut cols = HashMap::new();
        for c in 0..self.sheet.end_col() {
            let h = fold(&self.sheet.text(header, c));
            if let Some(name) = COLUMNS.iter().find(|n| fold(n) == h) {
                cols.entry(*name).or_insert(c);
            }
        }
        let missing: Vec<&str> = COLUMNS
            .iter()
            .filter(|n| !cols.contains_key(*n))
            .copied()
            .collect();
        if !missing.is_empty() {
            self.errors.push(format!(
                "dòng tiêu đề bảng (dòng {}) thiếu cột {}",
                header + 1,
                missing.join(", ")
            ));
            return None;
        }
        Some(cols)
    }

    fn items(&mut self, first: u32, cols: &HashMap<&'static str, u16>) -> (Vec<Criterion>, Rows) {
        let col = |name: &str| cols[name];
        let mut criteria: Vec<Criterion> = Vec::new();
        // Where each criterion's own cells were first read, to point at a disagreeing row.
        let mut first_row: HashMap<String, u32> = HashMap::new();
        let mut rows = Vec::new();
        for r in first..self.sheet.end_row() {
            if COLUMNS
                .iter()
                .all(|n| self.sheet.text(r, col(n)).is_empty())
            {
                continue;
            }
            let crit_code = self.sheet.text(r, col(H_CRIT_CODE));
            let code = self.sheet.text(r, col(H_CODE));
            if crit_code.is_empty() {
                self.err(r, col(H_CRIT_CODE), "thiếu mã tiêu chí");
                continue;
            }
            if code.is_empty() {
                self.err(r, col(H_CODE), "thiếu mã chỉ số");
                continue;
            }
            let crit = Criterion {
                code: crit_code.clone(),
                name: self.sheet.text(r, col(H_CRIT_NAME)),
                max_points: self.number(r, col(H_CRIT_MAX)),
                pass_points: self.number(r, col(H_CRIT_PASS)),
                confirmed: self.flag(r, col(H_CRIT_CONFIRMED)),
                items: Vec::new(),
            };
            let item = self.item(r, cols, code.clone());
            rows.push((code, r));
            match criteria.iter_mut().find(|c| c.code == crit_code) {
                Some(existing) => {
                    if (
                        &existing.name,
                        existing.max_points,
                        existing.pass_points,
                        existing.confirmed,
                    ) != (
                        &crit.name,
                        crit.max_points,
                        crit.pass_points,
                        crit.confirmed,
                    ) {
                        let at = first_row[&crit_code];
                        self.err(
                            r,
                            col(H_CRIT_NAME),
                            format!(
                                "tên, điểm hoặc xác nhận của tiêu chí {crit_code} khác với dòng {}; hãy ghi giống nhau trên mọi dòng của một tiêu chí",
                                at + 1
                            ),
                        );
                    }
                    existing.items.extend(item);
                }
                None => {
                    rows.push((crit_code.clone(), r));
                    first_row.insert(crit_code, r);
                    let mut crit = crit;
                    crit.items.extend(item);
                    criteria.push(crit);
                }
            }
        }
        if criteria.is_empty() && self.errors.is_empty() {
            self.errors
                .push("bảng tiêu chí không có dòng nào dưới dòng tiêu đề".into());
        }
        (criteria, rows)
    }

    fn item(&mut self, r: u32, cols: &HashMap<&'static str, u16>, code: String) -> Option<Item> {
        let col = |name: &str| cols[name];
        let kind_text = self.sheet.text(r, col(H_KIND));
        let kind = match parse_kind(&kind_text) {
            Some(k) => k,
            None => {
                self.err(
                    r,
                    col(H_KIND),
                    format!("loại “{kind_text}” không có; hãy ghi yes_no, count, rate hoặc choice"),
                );
                return None;
            }
        };
        let options: Vec<String> = split_list(&self.sheet.text(r, col(H_OPTIONS)));
        let bands = self.bands(r, col(H_BANDS))?;
        Some(Item {
            code,
            name: self.sheet.text(r, col(H_NAME)),
            kind,
            unit: self.sheet.text(r, col(H_UNIT)),
            options,
            max_points: self.number(r, col(H_MAX)),
            bands,
            otherwise: self.number(r, col(H_OTHERWISE)),
            confirmed: self.flag(r, col(H_CONFIRMED)),
        })
    }

    fn bands(&mut self, r: u32, c: u16) -> Option<Vec<Band>> {
        match parse_bands(&self.sheet.text(r, c)) {
            Ok(b) => Some(b),
            Err(e) => {
                self.err(r, c, e);
                None
            }
        }
    }

    fn number(&mut self, r: u32, c: u16) -> Option<f64> {
        match data_number(self.sheet.get(r, c)) {
            Ok(v) => v,
            Err(e) => {
                self.err(r, c, e);
                None
            }
        }
    }

    fn flag(&mut self, r: u32, c: u16) -> bool {
        let text = self.sheet.text(r, c);
        self.yes_no(r, c, &text).unwrap_or(false)
    }

    fn yes_no(&mut self, r: u32, c: u16, text: &str) -> Option<bool> {
        if let Data::Bool(b) = self.sheet.get(r, c) {
            return Some(*b);
        }
        match fold(text).as_str() {
            "có" | "co" | "x" | "1" | "true" | "yes" => Some(true),
            "không" | "khong" | "0" | "false" | "no" | "" => Some(false),
            _ => {
                self.err(r, c, format!("“{text}” phải là “có” hoặc “không”"));
                None
            }
        }
    }
}

fn parse_kind(text: &str) -> Option<ItemKind> {
    match fold(text).as_str() {
        "yes_no" | "có/không" | "có / không" => Some(ItemKind::YesNo),
        "count" | "số lượng" => Some(ItemKind::Count),
        "rate" | "tỷ lệ" | "tỉ lệ" => Some(ItemKind::Rate),
        "choice" | "lựa chọn" => Some(ItemKind::Choice),
        _ => None,
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split(LIST_SEP)
        .map(nfc)
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::catalog_sheet::write_catalog_sheet;

    fn workbook_of(cat: &Catalog) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        write_catalog_sheet(wb.add_worksheet(), cat).unwrap();
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn builtin_catalogue_survives_the_round_trip() {
        let cat = Catalog::builtin().unwrap();
        let back = catalog_from_xlsx_bytes(workbook_of(&cat), "Tệp thử").unwrap();
        assert_eq!(back, cat);
    }

    #[test]
    fn a_provinces_corrections_come_through() {
        let mut cat = Catalog::builtin().unwrap();
        cat.version = "2019.2".into();
        cat.max_total = Some(1000.0);
        let crit = &mut cat.criteria[7];
        crit.max_points = Some(75.0);
        crit.items[0].max_points = Some(37.5);
        crit.items[0].bands = vec![
            Band {
                min: None,
                max: Some(5.0),
                points: 37.5,
            },
            Band {
                min: Some(5.0),
                max: Some(10.0),
                points: 20.0,
            },
        ];
        crit.items[0].otherwise = Some(0.0);
        crit.items[0].confirmed = true;
        let back = catalog_from_xlsx_bytes(workbook_of(&cat), "Tệp thử").unwrap();
        assert_eq!(back, cat);
        assert_eq!(back.criteria[7].items[0].bands[0].points, 37.5);
    }

    #[test]
    fn kinds_read_in_either_language() {
        assert_eq!(parse_kind("Tỷ lệ"), Some(ItemKind::Rate));
        assert_eq!(parse_kind("yes_no"), Some(ItemKind::YesNo));
        assert_eq!(parse_kind("phần trăm"), None);
    }

    #[test]
    fn validation_messages_point_at_the_row() {
        assert!(mentions(
            "chỉ số 7.1: điểm 70 lớn hơn điểm tối đa 50",
            "7.1"
        ));
        assert!(!mentions("chỉ số 7.10: điểm 70 lớn hơn", "7.1"));
        assert!(mentions("tiêu chí 6: tổng điểm các chỉ số", "6"));
        assert!(!mentions("tiêu chí 13: tổng", "1"));
    }
}
