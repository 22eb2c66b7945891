//! The hidden sheet "Tre" of a unit's workbook: which commune, year, unit and catalogue it
//! was made for, and, per sub-item, the row it sits on and the time of the value it was
//! exported with. Import refuses a workbook of another commune or year, and uses the times
//! to never overwrite, silently, a value changed in Tre after the workbook was sent.

use rust_xlsxwriter::Worksheet;

use super::read::{Book, Sheet};
use super::{catalog_sheet::kind_id, failed, style};
use crate::assess::Figure;
use crate::catalog::ItemKind;
use crate::error::{Error, Result};
use crate::text::fold;

pub const IDENT_SHEET: &str = "Tre";
/// What kind of Tre workbook this is; another kind (or none) is refused.
const KIND: &str = "unit-sheet";
const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// "xã Minh Hòa".
    pub commune: String,
    pub province: String,
    pub year: i32,
    /// The unit's name as the commune lists it.
    pub unit: String,
    /// The catalogue's label ("qd06-2019 2019.1-tre1").
    pub catalog: String,
    pub created: String,
    pub items: Vec<IdentItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdentItem {
    pub code: String,
    /// Row of the item on the data sheet, counted from 0.
    pub row: u32,
    pub kind: ItemKind,
    /// `at` of the entry when the workbook was made; empty when there was none.
    pub at: String,
    /// The value and evidence prefilled: a cell the unit left as it was is not news.
    pub value: Option<Figure>,
    pub evidence: String,
}

pub fn write_ident(ws: &mut Worksheet, id: &Ident) -> Result<()> {
    ws.set_name(IDENT_SHEET).map_err(failed)?;
    ws.set_column_width(0, 12).map_err(failed)?;
    ws.set_column_width(1, 30).map_err(failed)?;
    let f = style::base();
    let s = |ws: &mut Worksheet, r: u32, c: u16, v: &str| {
        ws.write_string_with_format(r, c, v, &f)
            .map(|_| ())
            .map_err(failed)
    };
    s(
        ws,
        0,
        0,
        "Trang này để Tre nhận lại bảng số liệu. Xin đừng sửa.",
    )?;
    let keys = [
        ("kind", KIND.to_string()),
        ("format", FORMAT.to_string()),
        ("commune", id.commune.clone()),
        ("province", id.province.clone()),
        ("year", id.year.to_string()),
        ("unit", id.unit.clone()),
        ("catalog", id.catalog.clone()),
        ("created", id.created.clone()),
    ];
    let mut row = 1;
    for (k, v) in keys {
        s(ws, row, 0, k)?;
        s(ws, row, 1, &v)?;
        row += 1;
    }
    for (c, h) in ["", "code", "row", "kind", "at", "value", "evidence"]
        .iter()
        .enumerate()
        .skip(1)
    {
        s(ws, row, c as u16, h)?;
    }
    row += 1;
    for it in &id.items {
        s(ws, row, 0, "item")?;
        s(ws, row, 1, &it.code)?;
        s(ws, row, 2, &(it.row + 1).to_string())?;
        s(ws, row, 3, kind_id(it.kind))?;
        s(ws, row, 4, &it.at)?;
        // JSON, the form the database stores a figure in: it reads back exactly.
        let value = match &it.value {
            Some(v) => serde_json::to_string(v).map_err(|e| Error::Render(e.to_string()))?,
            None => String::new(),
        };
        s(ws, row, 5, &value)?;
        s(ws, row, 6, &it.evidence)?;
        row += 1;
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

/// Reads the identification of a unit's workbook; `what` names the file in messages.
pub fn read_ident(book: &mut Book, what: &str) -> Result<Ident> {
    let not_ours = || {
        Error::Invalid(format!(
            "{what} không phải bảng số liệu do Tre tạo cho một đơn vị (thiếu phần nhận dạng). Hãy dùng đúng tệp bảng số liệu Tre đã tạo và gửi cho đơn vị."
        ))
    };
    let sheet = Sheet::find(book, IDENT_SHEET, what)?.ok_or_else(not_ours)?;
    let mut keys = std::collections::HashMap::new();
    let mut items = Vec::new();
    for r in 0..sheet.end_row() {
        let key = sheet.text(r, 0);
        if key == "item" {
            let kind = parse_kind_id(&sheet.text(r, 3)).ok_or_else(not_ours)?;
            let row = sheet
                .text(r, 2)
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(not_ours)?;
            let value = match sheet.text(r, 5) {
                v if v.is_empty() => None,
                v => Some(serde_json::from_str::<Figure>(&v).map_err(|_| not_ours())?),
            };
            items.push(IdentItem {
                code: sheet.text(r, 1),
                row: row - 1,
                kind,
                at: sheet.text(r, 4),
                value,
                evidence: sheet.text(r, 6),
            });
        } else if !key.is_empty() {
            keys.insert(key, sheet.text(r, 1));
        }
    }
    let get = |k: &str| keys.get(k).cloned().unwrap_or_default();
    if get("kind") != KIND {
        return Err(not_ours());
    }
    if get("format").parse::<u32>().ok() != Some(FORMAT) {
        return Err(Error::Invalid(format!(
            "{what} được tạo bởi phiên bản Tre khác (định dạng {}). Hãy cập nhật Tre hoặc tạo lại bảng số liệu cho đơn vị.",
            get("format")
        )));
    }
    let year = get("year").parse::<i32>().map_err(|_| not_ours())?;
    if items.is_empty() {
        return Err(not_ours());
    }
    Ok(Ident {
        commune: get("commune"),
        province: get("province"),
        year,
        unit: get("unit"),
        catalog: get("catalog"),
        created: get("created"),
        items,
    })
}

fn parse_kind_id(s: &str) -> Option<ItemKind> {
    [
        ItemKind::YesNo,
        ItemKind::Count,
        ItemKind::Rate,
        ItemKind::Choice,
    ]
    .into_iter()
    .find(|k| kind_id(*k) == fold(s))
}
