//! Reading a catalogue the province sends: the JSON format of `assets/criteria`, or the XLSX
//! that `tre export assessment --format xlsx` / the catalogue sheet writes.

use std::path::Path;

use super::{parse_json, Catalog};
use crate::error::{Error, Result};

/// A catalogue file is small; anything bigger is not one (and is not read whole).
const MAX_BYTES: u64 = 5 * 1024 * 1024;

pub fn catalog_from_file(path: &Path) -> Result<Catalog> {
    let what = format!("Tệp {}", path.display());
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_BYTES {
        return Err(Error::Invalid(format!(
            "{what} quá lớn để là danh mục tiêu chí ({} MB). Hãy kiểm tra lại tệp.",
            meta.len() / (1024 * 1024)
        )));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "json" => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Invalid(format!(
                    "{what} không phải văn bản UTF-8. Hãy dùng tệp JSON do Tre xuất hoặc do tỉnh gửi."
                ))
            })?;
            parse_json(&text, &what)
        }
        // The "Danh mục tiêu chí" sheet, read cell by cell and then validated.
        "xlsx" => crate::xlsx::catalog_from_xlsx(path),
        _ => Err(Error::Invalid(format!(
            "{what} không phải tệp .json hoặc .xlsx. Hãy chọn danh mục tiêu chí dạng JSON hoặc XLSX."
        ))),
    }
}
