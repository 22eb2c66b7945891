//! `manifest.json`: who sent the dossier, when, in which ZIPs, and each file with its size,
//! SHA-256, state (signed copy, draft, figures) and the ZIP it travels in. Every part of a
//! split dossier carries the same manifest. The field order is fixed by the struct, so the
//! same dossier gives the same bytes.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{FileState, Kind, Part, PartFormat};
use crate::error::{Error, Result};
use crate::model::Commune;
use crate::register::signature::{ChainStatus, Signature, Status};

/// The manifest's own format; a reader refuses a newer one rather than misjudge it.
/// 2 added the parts, each file's part and its state.
pub const FORMAT: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// "xã Minh Hòa".
    pub commune: String,
    /// "Phú Thọ".
    pub province: String,
    pub year: i32,
    /// RFC 3339 with offset.
    pub created: String,
    /// "Tre 0.1.0".
    pub generator: String,
    /// How many ZIPs (each with its e-mail) the dossier was sent as. Their names are not
    /// recorded: the same data gives the same bytes whatever the file is called.
    pub parts: u32,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "DossierFile"))]
pub struct FileEntry {
    pub name: String,
    pub kind: Kind,
    pub format: PartFormat,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
    pub state: FileState,
    /// The ZIP (1-based, of `parts`) that carries the file.
    pub part: u32,
    /// The digital signatures of an e-signed PDF, as checked when the dossier was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signers: Vec<Signer>,
}

/// One digital signature of a file, as the manifest records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "DossierSigner"))]
pub struct Signer {
    pub name: String,
    pub organisation: Option<String>,
    pub signed_at: Option<String>,
    pub status: Status,
    pub chain: ChainStatus,
}

impl From<&Signature> for Signer {
    fn from(s: &Signature) -> Self {
        Signer {
            name: s.signer.clone(),
            organisation: s.organisation.clone(),
            signed_at: s.signed_at.clone(),
            status: s.status,
            chain: s.chain,
        }
    }
}

impl Manifest {
    pub fn new(
        commune: &Commune,
        year: i32,
        created: DateTime<FixedOffset>,
        parts: &[Part],
        assigned: &[u32],
    ) -> Self {
        Manifest {
            format: FORMAT,
            commune: commune.full_name(),
            province: commune.province.clone(),
            year,
            created: created.to_rfc3339_opts(SecondsFormat::Secs, true),
            generator: generator(),
            parts: assigned.iter().copied().max().unwrap_or(1),
            files: parts
                .iter()
                .zip(assigned)
                .map(|(p, &part)| FileEntry {
                    name: p.name.clone(),
                    kind: p.kind,
                    format: p.format,
                    size: p.bytes.len() as u64,
                    sha256: sha256_hex(&p.bytes),
                    state: p.state,
                    part,
                    signers: p.signers.iter().map(Signer::from).collect(),
                })
                .collect(),
        }
    }

    /// Pretty JSON ending with a newline: the receiving officer may open it in a text editor.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut s = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Render(format!("không tạo được manifest.json ({e})")))?;
        s.push('\n');
        Ok(s.into_bytes())
    }
}

pub fn generator() -> String {
    format!("Tre {}", env!("CARGO_PKG_VERSION"))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The dossier's creation time: `SOURCE_DATE_EPOCH` (the reproducible-builds convention the
/// PDF and DOCX follow) when set, so the same data gives the same ZIP; otherwise now, in the
/// commune's local time, to the second.
pub fn created_now() -> DateTime<FixedOffset> {
    created_from(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

fn created_from(epoch: Option<&str>) -> DateTime<FixedOffset> {
    let pinned = epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0));
    match pinned {
        Some(t) => t.fixed_offset(),
        None => {
            let now = chrono::Local::now().fixed_offset();
            DateTime::from_timestamp(now.timestamp(), 0)
                .map(|t| t.with_timezone(now.offset()))
                .unwrap_or(now)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lists_each_file_with_its_hash() {
        let commune = crate::demo::demo_commune();
        let parts = vec![Part {
            name: "2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf".into(),
            kind: Kind::Plan,
            format: PartFormat::Pdf,
            state: FileState::SignedCopy,
            signers: Vec::new(),
            doc: None,
            bytes: b"abc".to_vec(),
        }];
        let created = created_from(Some("1767225600"));
        let m = Manifest::new(&commune, 2026, created, &parts, &[1]);
        let json: serde_json::Value = serde_json::from_slice(&m.to_bytes().unwrap()).unwrap();
        assert_eq!(json["format"], 2);
        assert_eq!(json["parts"], 1);
        assert_eq!(json["commune"], "xã Minh Hòa");
        assert_eq!(json["province"], "Phú Thọ");
        assert_eq!(json["created"], "2026-01-01T00:00:00Z");
        assert!(json["generator"].as_str().unwrap().starts_with("Tre "));
        let f = &json["files"][0];
        assert_eq!(f["kind"], "plan");
        assert_eq!(f["format"], "pdf");
        assert_eq!(f["size"], 3);
        assert_eq!(f["state"], "signed-copy");
        assert_eq!(f["part"], 1);
        // SHA-256 of "abc" (FIPS 180-2 example).
        assert_eq!(
            f["sha256"],
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn creation_time_is_pinned_or_now_to_the_second() {
        assert_eq!(created_from(Some(" 0 ")).timestamp(), 0);
        let now = created_from(Some("not a number"));
        assert_eq!(now.timestamp_subsec_nanos(), 0);
        assert!((now.timestamp() - chrono::Utc::now().timestamp()).abs() < 5);
    }
}
