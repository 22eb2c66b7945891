//! Digital signatures in an attached signed copy (PAdES / CMS, as Vietnamese CAs issue them;
//! a document signed in the e-office system often carries two: the signer's and the
//! agency's). For each one: does the signed part of the file still hash to what was signed,
//! does the signature verify with the certificate it carries, who signed and when, whether
//! the file was changed after the last signature, and whether the certificate leads to a
//! root the officer imported.
//!
//! The words matter: without an imported root the app says "chưa kiểm tra chuỗi chứng
//! thư", and it never calls a signature "hợp lệ" — revocation cannot be checked offline.
//!
//! Modules: `pdf` finds the signatures in the bytes, `cms` checks one, `algo` holds the
//! algorithms, `chain` walks to a root, `name` reads the holder's names, `roots` reads the
//! certificate files the officer imports as trusted roots.

mod algo;
mod chain;
mod cms;
mod name;
mod pdf;
mod roots;

pub use chain::Chain;
pub use roots::{parse as parse_roots, Parsed as ParsedRoot, TrustRoot};

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use der::Decode;
use serde::{Deserialize, Serialize};
use x509_cert::Certificate;

use cms::Broken;

/// Vietnam's time (UTC+7, no daylight saving), in which signing times are shown.
fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

/// What a signature's check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "SignatureStatus"))]
pub enum Status {
    /// The signed bytes are unchanged and the signature verifies with its certificate.
    Intact,
    /// The signed bytes were changed after signing.
    Altered,
    /// The signature does not verify, or cannot be read.
    Broken,
    /// An algorithm Tre does not check.
    Unsupported,
}

/// Where the signer's certificate leads (see `chain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "ChainStatus"))]
pub enum ChainStatus {
    Unchecked,
    Trusted,
    Untrusted,
}

/// One signature of a signed copy, as the register shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "SignatureInfo"))]
pub struct Signature {
    /// The holder's common name ("Nguyễn Văn An", "UBND xã Minh Hòa"); empty if unknown.
    pub signer: String,
    /// The holder's organisation (O).
    pub organisation: Option<String>,
    /// When it was signed (the signed signing-time attribute, else the dictionary's /M),
    /// RFC 3339 in Vietnam's time.
    pub signed_at: Option<String>,
    pub status: Status,
    /// The signature covers the file to its last byte.
    pub whole_file: bool,
    /// Bytes follow this signature that no later signature covers: the file was changed
    /// (or added to) after it was signed.
    pub changed_after: bool,
    pub chain: ChainStatus,
    /// The imported root the chain leads to, when trusted.
    pub root: Option<String>,
    /// The certificate was not valid (expired, or not yet) at the signing time.
    pub outside_validity: bool,
    /// One Vietnamese sentence for the officer.
    pub summary: String,
}

/// Every signature in `pdf`, checked against the trusted `roots` (DER certificates).
/// A PDF without signatures gives an empty list.
pub fn verify_pdf(pdf: &[u8], roots: &[Vec<u8>]) -> Vec<Signature> {
    let found = pdf::find(pdf);
    let last_end = found
        .iter()
        .filter_map(|f| f.as_ref().ok().map(pdf::Found::end))
        .max();
    found
        .into_iter()
        .map(|f| match f {
            Ok(f) => {
                let is_last = Some(f.end()) == last_end;
                check_one(pdf, &f, is_last, roots)
            }
            Err(_) => broken_range(),
        })
        .collect()
}

fn broken_range() -> Signature {
    Signature {
        signer: String::new(),
        organisation: None,
        signed_at: None,
        status: Status::Broken,
        whole_file: false,
        changed_after: false,
        chain: ChainStatus::Unchecked,
        root: None,
        outside_validity: false,
        summary: "Chữ ký số bị hỏng: vùng dữ liệu được ký ghi trong tệp không hợp lệ, tệp có thể đã bị sửa. Hãy xin lại bản ký số gốc.".into(),
    }
}

fn check_one(pdf: &[u8], f: &pdf::Found, is_last: bool, roots: &[Vec<u8>]) -> Signature {
    let checked = cms::check(&f.cms, &f.signed(pdf));
    let cert = checked
        .signer
        .as_deref()
        .and_then(|d| Certificate::from_der(d).ok());
    let signer = cert
        .as_ref()
        .map(|c| name::common_name(&c.tbs_certificate.subject))
        .filter(|n| !n.is_empty())
        .or_else(|| f.name.clone())
        .unwrap_or_default();
    let organisation = cert
        .as_ref()
        .and_then(|c| name::organisation(&c.tbs_certificate.subject));
    let at = checked
        .signing_time
        .or_else(|| f.m.as_deref().and_then(pdf_date));
    let outside_validity = match (&cert, at) {
        (Some(c), Some(t)) => {
            let v = &c.tbs_certificate.validity;
            let secs = |t: x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
            let ts = t.timestamp();
            ts < secs(v.not_before) || ts > secs(v.not_after)
        }
        _ => false,
    };
    let status = match &checked.outcome {
        Ok(()) => Status::Intact,
        Err(Broken::Digest) => Status::Altered,
        Err(Broken::Unsupported(_)) => Status::Unsupported,
        Err(_) => Status::Broken,
    };
    let (chain, root) = match (&checked.signer, status) {
        (Some(signer), Status::Intact) => match chain::check(signer, &checked.certs, roots) {
            Chain::Unchecked => (ChainStatus::Unchecked, None),
            Chain::Trusted(root) => (ChainStatus::Trusted, Some(root)),
            Chain::Untrusted => (ChainStatus::Untrusted, None),
        },
        _ => (ChainStatus::Unchecked, None),
    };
    let whole_file = f.end() == pdf.len();
    let mut s = Signature {
        signer,
        organisation,
        signed_at: at.map(|t| t.with_timezone(&vietnam()).to_rfc3339()),
        status,
        whole_file,
        changed_after: is_last && !whole_file,
        chain,
        root,
        outside_validity,
        summary: String::new(),
    };
    s.summary = summary(&s, &checked.outcome);
    s
}

/// "D:20261110093000+07'00'" → the instant; a missing offset is read as Vietnam's time.
fn pdf_date(m: &str) -> Option<DateTime<Utc>> {
    let digits: String = m
        .trim_start_matches("D:")
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.len() < 8 {
        return None;
    }
    let padded = format!("{digits:0<14}");
    let naive = NaiveDateTime::parse_from_str(&padded[..14], "%Y%m%d%H%M%S").ok()?;
    let rest = &m.trim_start_matches("D:")[digits.len()..];
    let offset = match rest.chars().next() {
        Some('Z') => FixedOffset::east_opt(0),
        Some(sign @ ('+' | '-')) => {
            // Wide enough that "+99999999'" cannot overflow; east_opt refuses what is not
            // an offset of less than a day.
            let nums: Vec<i64> = rest[1..]
                .split('\'')
                .filter_map(|p| p.parse::<i32>().ok().map(i64::from))
                .collect();
            let secs =
                nums.first().copied().unwrap_or(0) * 3600 + nums.get(1).copied().unwrap_or(0) * 60;
            i32::try_from(if sign == '-' { -secs } else { secs })
                .ok()
                .and_then(FixedOffset::east_opt)
        }
        _ => Some(vietnam()),
    }?;
    offset
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

fn summary(s: &Signature, outcome: &Result<(), Broken>) -> String {
    let who = match (s.signer.as_str(), &s.organisation) {
        ("", _) => "Chữ ký số (không rõ người ký)".to_string(),
        (n, Some(o)) if o != n => format!("Chữ ký số của {n} ({o})"),
        (n, _) => format!("Chữ ký số của {n}"),
    };
    let when = s
        .signed_at
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| format!(", ký lúc {}", t.format("%H:%M ngày %d/%m/%Y")))
        .unwrap_or_default();
    let mut text = match (s.status, outcome) {
        (Status::Intact, _) => {
            let chain = match (s.chain, &s.root) {
                (ChainStatus::Trusted, Some(root)) => format!(
                    "chứng thư của người ký dẫn đến chứng thư gốc tin cậy “{root}” (chưa kiểm tra thu hồi chứng thư vì việc này cần mạng)"
                ),
                (ChainStatus::Untrusted, _) => "nhưng chứng thư của người ký không dẫn đến chứng thư gốc tin cậy nào đã nhập, nên chưa xác định được tổ chức đã cấp".into(),
                _ => "chưa kiểm tra chuỗi chứng thư (chưa nhập chứng thư gốc tin cậy)".into(),
            };
            let sep = if s.chain == ChainStatus::Untrusted { "," } else { ";" };
            format!("{who}{when}: nội dung được ký không bị thay đổi{sep} {chain}.")
        }
        (Status::Altered, _) => format!(
            "{who}{when}: KHÔNG còn nguyên vẹn — nội dung tệp đã bị sửa sau khi ký. Đừng dùng tệp này; hãy xin lại bản ký số gốc."
        ),
        (Status::Unsupported, Err(Broken::Unsupported(what))) => format!(
            "{who}{when}: chưa kiểm tra được vì Tre chưa hỗ trợ thuật toán ({what})."
        ),
        (_, Err(Broken::NoSigner)) => format!(
            "{who}{when}: KHÔNG kiểm tra được — chữ ký không kèm chứng thư của người ký."
        ),
        _ => format!(
            "{who}{when}: KHÔNG hợp lệ — chữ ký không khớp với chứng thư của người ký, hoặc dữ liệu chữ ký bị hỏng. Hãy xin lại bản ký số gốc."
        ),
    };
    if s.outside_validity {
        text.push_str(" Lưu ý: lúc ký, chứng thư của người ký không còn (hoặc chưa) có hiệu lực.");
    }
    if s.changed_after {
        text.push_str(" Tệp có nội dung được thêm hoặc sửa sau chữ ký này mà không được ký lại.");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_with_their_offset() {
        let t = pdf_date("D:20261110093000+07'00'").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-10T02:30:00+00:00");
        assert_eq!(pdf_date("D:20261110023000Z"), Some(t));
        // No offset: Vietnam's time.
        assert_eq!(pdf_date("D:20261110093000"), Some(t));
        assert_eq!(pdf_date("D:2026"), None);
        // Offsets no clock has, which overflowed in 32 bits and panicked.
        for far in [
            "D:20261110093000+99999999'00'",
            "D:20261110093000-99999999'00'",
            "D:20261110093000+2147483647'2147483647'",
            "D:20261110093000+07'9999'",
        ] {
            assert_eq!(pdf_date(far), None, "{far}");
        }
        assert_eq!(pdf_date("hôm qua"), None);
    }

    #[test]
    fn a_file_without_signatures_has_none_and_a_bad_range_is_broken() {
        assert!(verify_pdf(b"%PDF-1.4\n%%EOF\n", &[]).is_empty());
        let bad = verify_pdf(b"%PDF-1.4 /ByteRange [0 10 5 3] /Contents <00>", &[]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].status, Status::Broken);
        assert!(bad[0].summary.contains("bị hỏng"), "{}", bad[0].summary);
    }
}
