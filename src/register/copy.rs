//! The signed copy of a document: the PDF the văn thư scanned after signing, or the one the
//! province's e-office system gives back. It is checked before it is kept (a real PDF, not
//! password-protected, within the size limit) and kept byte for byte — an e-signed PDF
//! re-encoded would no longer verify.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::fsutil::Bounded;

/// A scan of a few pages is 1–5 MB; a signed copy over this is refused before it is read.
pub const MAX_COPY_BYTES: u64 = 50 << 20;

/// What the register keeps of a signed copy (the bytes are stored apart, by their SHA-256).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SignedCopy {
    /// The file's name as the officer chose it.
    pub name: String,
    /// Hex SHA-256 of the bytes kept.
    pub sha256: String,
    pub pages: u32,
    pub bytes: u64,
    /// RFC 3339 time it was attached.
    pub attached: String,
}

/// Reads the file at `path`, refusing a folder or a file over `MAX_COPY_BYTES` before reading.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let name = crate::import::display_name(path);
    match crate::fsutil::read_bounded(path, MAX_COPY_BYTES)? {
        Bounded::Bytes(bytes) => Ok(bytes),
        Bounded::Folder => Err(Error::Invalid(format!(
            "{name} là một thư mục. Hãy chọn tệp PDF bản ký."
        ))),
        Bounded::TooBig(len) => Err(Error::Invalid(format!(
            "Tệp {name} nặng {} MB, quá giới hạn {} MB của một bản ký. Hãy quét lại ở độ phân giải thấp hơn (200 dpi, ảnh xám là đủ rõ).",
            len >> 20,
            MAX_COPY_BYTES >> 20
        ))),
    }
}

/// Whether `bytes` say they are a PDF: "%PDF-" within the first 1024 bytes, where readers
/// look for it (some producers put a few bytes before it).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Checks that `bytes` are a PDF Tre can keep as a signed copy; returns its page count.
pub fn check_pdf(name: &str, bytes: &[u8]) -> Result<u32> {
    if !looks_like_pdf(bytes) {
        let hint = if bytes.starts_with(&[0xFF, 0xD8]) || bytes.starts_with(b"\x89PNG") {
            " Đây là ảnh chụp: hãy quét hoặc chuyển các ảnh thành một tệp PDF rồi đính kèm."
        } else {
            ""
        };
        return Err(Error::Invalid(format!(
            "Tệp {name} không phải tệp PDF.{hint}"
        )));
    }
    let locked = || {
        Error::Invalid(format!(
            "Tệp {name} được đặt mật khẩu nên không kiểm tra được. Hãy lấy bản không đặt mật khẩu từ nơi ký."
        ))
    };
    // An encrypted file names its /Encrypt dictionary in the trailer, which is never
    // compressed; a reader may fail on it before it can say so itself.
    let names_encrypt = bytes.windows(8).any(|w| w == b"/Encrypt");
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if names_encrypt => return Err(locked()),
        Err(e) => {
            return Err(Error::Invalid(format!(
                "Tệp {name} không đọc được như một tệp PDF (có thể bị hỏng hoặc tải về chưa hết: {e}). Hãy quét hoặc tải lại bản ký."
            )))
        }
    };
    if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(locked());
    }
    let pages = doc.get_pages().len() as u32;
    if pages == 0 {
        return Err(Error::Invalid(format!(
            "Tệp {name} không có trang nào. Hãy quét hoặc tải lại bản ký."
        )));
    }
    Ok(pages)
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf() -> Vec<u8> {
        crate::render::pdf::write_pdf(&crate::layout::tests::sample_document()).unwrap()
    }

    #[test]
    fn a_real_pdf_is_kept_and_its_pages_counted() {
        let bytes = pdf();
        assert!(check_pdf("ban-ky.pdf", &bytes).unwrap() >= 1);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn photos_damaged_and_truncated_files_are_refused_with_what_to_do() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10];
        assert!(check_pdf("anh.jpg", &jpeg)
            .unwrap_err()
            .to_string()
            .contains("ảnh chụp"));
        assert!(check_pdf("x.pdf", b"hello")
            .unwrap_err()
            .to_string()
            .contains("không phải tệp PDF"));
        let bytes = pdf();
        let cut = &bytes[..bytes.len() / 3];
        assert!(check_pdf("cut.pdf", cut)
            .unwrap_err()
            .to_string()
            .contains("không đọc được"));
    }
}
