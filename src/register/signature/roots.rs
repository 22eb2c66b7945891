//! Reading the roots the officer imports: a certificate file as CAs and provinces hand them
//! out (`.cer`/`.crt` in DER, or PEM, possibly several in one file). Each must parse as an
//! X.509 certificate; anything else is refused with what to do.

use base64::Engine;
use der::{Decode, Encode};
use serde::Serialize;
use x509_cert::Certificate;

use super::name;
use crate::error::{Error, Result};

/// A trusted root as the register's settings show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TrustRoot {
    /// Hex SHA-256 of the certificate (its fingerprint, as CAs publish it).
    pub sha256: String,
    /// The root's common name ("Vietnam National Root CA").
    pub name: String,
    pub organisation: Option<String>,
    /// ISO date the certificate expires.
    pub not_after: String,
    /// RFC 3339 time it was imported; empty until it is saved.
    pub added: String,
}

/// One certificate read from a file: its DER and what the list shows.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub der: Vec<u8>,
    pub info: TrustRoot,
}

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";

/// The certificates in `bytes` (PEM blocks, or one DER certificate). `file` names the file
/// in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<Parsed>> {
    let refuse = || {
        Error::Invalid(format!(
            "Tệp {file} không phải chứng thư số (tệp .cer, .crt hoặc .pem do tổ chức cung cấp dịch vụ chứng thực cấp). Hãy chọn đúng tệp chứng thư gốc."
        ))
    };
    let ders: Vec<Vec<u8>> = match std::str::from_utf8(bytes) {
        Ok(text) if text.contains(BEGIN) => {
            let b64 = base64::engine::general_purpose::STANDARD;
            let mut out = Vec::new();
            for block in text.split(BEGIN).skip(1) {
                let body = block.split(END).next().unwrap_or_default();
                let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                out.push(b64.decode(clean).map_err(|_| refuse())?);
            }
            out
        }
        _ => vec![bytes.to_vec()],
    };
    ders.into_iter()
        .map(|der| {
            let cert = Certificate::from_der(&der).map_err(|_| refuse())?;
            // Kept as the file gave it, after checking it is exactly one certificate.
            if cert.to_der().map_err(|_| refuse())?.len() != der.len() {
                return Err(refuse());
            }
            let tbs = &cert.tbs_certificate;
            let not_after = chrono::DateTime::from_timestamp(
                tbs.validity.not_after.to_unix_duration().as_secs() as i64,
                0,
            )
            .map(|t| t.date_naive().to_string())
            .unwrap_or_default();
            let info = TrustRoot {
                sha256: crate::register::sha256_hex(&der),
                name: name::common_name(&tbs.subject),
                organisation: name::organisation(&tbs.subject),
                not_after,
                added: String::new(),
            };
            Ok(Parsed { der, info })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_certificate_is_refused_by_name() {
        for bad in [
            &b""[..],
            b"hello",
            b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----",
        ] {
            let e = parse("goc.cer", bad).unwrap_err().to_string();
            assert!(e.contains("goc.cer") && e.contains("chứng thư"), "{e}");
        }
    }
}
