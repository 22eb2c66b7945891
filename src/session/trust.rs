//! The roots trusted for digital signatures: importing a CA's or the province's certificate
//! file, listing and removing them. The register checks every signed copy against them.

use std::path::PathBuf;

use super::Session;
use crate::error::{Error, Result};
use crate::fsutil::Bounded;
use crate::register::signature::{parse_roots, verify_pdf, Signature, TrustRoot};

/// A certificate file is a few KB; a bundle of every CA a few hundred.
const MAX_CERT_FILE: u64 = 4 << 20;

impl Session {
    /// The trusted roots, oldest first.
    pub fn trust_list(&self) -> Result<Vec<TrustRoot>> {
        Ok(self
            .store
            .trust_roots()?
            .into_iter()
            .map(|(r, _)| r)
            .collect())
    }

    /// Imports every certificate in `files` (DER or PEM) as a trusted root; all files are
    /// read and checked before anything is saved. Returns the roots now trusted.
    pub fn trust_import(&mut self, files: &[PathBuf]) -> Result<Vec<TrustRoot>> {
        if files.is_empty() {
            return Err(Error::Invalid("Chưa chọn tệp chứng thư gốc nào.".into()));
        }
        let mut parsed = Vec::new();
        for path in files {
            let name = crate::import::display_name(path);
            let bytes = match crate::fsutil::read_bounded(path, MAX_CERT_FILE)? {
                Bounded::Bytes(b) => b,
                _ => {
                    return Err(Error::Invalid(format!(
                        "{name} không phải tệp chứng thư (thư mục, hoặc tệp quá lớn). Hãy chọn tệp .cer, .crt hoặc .pem."
                    )))
                }
            };
            parsed.extend(parse_roots(&name, &bytes)?);
        }
        self.store.add_trust_roots(&parsed)?;
        self.trust_list()
    }

    /// The digital signatures of the PDF at `path`, checked against the trusted roots.
    pub fn signatures_of(&self, path: &std::path::Path) -> Result<Vec<Signature>> {
        let bytes = crate::register::read_bounded(path)?;
        if !crate::register::looks_like_pdf(&bytes) {
            return Err(Error::Invalid(format!(
                "Tệp {} không phải tệp PDF nên không có chữ ký số để kiểm tra.",
                crate::import::display_name(path)
            )));
        }
        Ok(verify_pdf(&bytes, &self.store.trust_root_ders()?))
    }

    /// Removes the trusted root whose fingerprint starts with `fingerprint` (at least 8 hex
    /// digits, as the list shows them); refuses a prefix that names none or several.
    pub fn trust_remove(&mut self, fingerprint: &str) -> Result<Vec<TrustRoot>> {
        let want = fingerprint.trim().to_ascii_lowercase().replace(':', "");
        let matches: Vec<TrustRoot> = self
            .trust_list()?
            .into_iter()
            .filter(|r| want.len() >= 8 && r.sha256.starts_with(&want))
            .collect();
        match matches.as_slice() {
            [one] => {
                self.store.remove_trust_root(&one.sha256)?;
                self.trust_list()
            }
            [] => Err(Error::Invalid(format!(
                "Không có chứng thư gốc nào có dấu vân tay bắt đầu bằng “{}”. Hãy ghi ít nhất 8 ký tự đầu của dấu vân tay trong danh sách.",
                fingerprint.trim()
            ))),
            _ => Err(Error::Invalid(format!(
                "Có {} chứng thư gốc có dấu vân tay bắt đầu bằng “{}”. Hãy ghi thêm ký tự.",
                matches.len(),
                fingerprint.trim()
            ))),
        }
    }
}
