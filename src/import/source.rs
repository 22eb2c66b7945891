//! Getting the bytes of a file to import, bounded, and telling its format from its first
//! bytes rather than from its name (a ".txt" may be a renamed Word file).

use std::path::Path;

use crate::error::{Error, Result};
use crate::fsutil::Bounded;

/// Plans are a few hundred KB at most; 20 MB means the wrong file. Checked before reading,
/// and the read itself stops there (a device or a growing file has no honest size).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown.
    Text,
    Docx,
}

fn too_big(name: &str, len: u64) -> Error {
    Error::Invalid(format!(
        "Tệp {name} quá lớn ({} MB); kế hoạch thường chỉ vài trăm KB, Tre nhận tệp đến {} MB. Hãy chọn đúng tệp kế hoạch (.txt, .md hoặc .docx).",
        len.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// Reads at most `MAX_FILE_BYTES` of `path`; refuses larger files without reading them.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let name = display_name(path);
    match crate::fsutil::read_bounded(path, MAX_FILE_BYTES)? {
        Bounded::Bytes(bytes) => Ok(bytes),
        Bounded::TooBig(len) => Err(too_big(&name, len)),
        Bounded::Folder => Err(Error::Invalid(format!(
            "{name} là một thư mục, không phải tệp. Hãy chọn tệp kế hoạch (.txt, .md hoặc .docx)."
        ))),
    }
}

/// The file's name as messages show it.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The format from the content; formats Tre cannot read get a message saying what to do.
pub fn sniff(name: &str, bytes: &[u8]) -> Result<Format> {
    let save_as = |what: &str| {
        Error::Invalid(format!(
            "Tệp {name} là {what}, Tre chưa đọc được. Hãy mở bằng Word và lưu lại dạng .docx (Word Document), hoặc lưu thành .txt, rồi nhập lại."
        ))
    };
    // An OpenDocument file is a ZIP too, whose first entry, stored, is its "mimetype".
    if bytes.starts_with(b"PK\x03\x04")
        && bytes.get(30..38) == Some(b"mimetype".as_slice())
        && bytes[38..].starts_with(b"application/vnd.oasis.opendocument")
    {
        return Err(Error::Invalid(format!(
            "Tệp {name} là văn bản OpenDocument (.odt, của LibreOffice), Tre chưa đọc được. Hãy mở bằng LibreOffice Writer, chọn Tệp → Lưu thành… kiểu “Word 2007–365 (.docx)”, rồi nhập lại."
        )));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Format::Docx);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(save_as("tệp Word 97–2003 (.doc)"));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(save_as("tệp RTF"));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(Error::Invalid(format!(
            "Tệp {name} là PDF, Tre chưa nhập được PDF. Hãy dùng tệp Word (.docx) gốc của kế hoạch, hoặc chép nội dung ra tệp .txt rồi nhập."
        )));
    }
    let lower = name.to_lowercase();
    if lower.ends_with(".docx") && !bytes.is_empty() {
        return Err(Error::Invalid(format!(
            "Tệp {name} có đuôi .docx nhưng không phải tệp Word hợp lệ. Hãy mở bằng Word và lưu lại."
        )));
    }
    Ok(Format::Text)
}
