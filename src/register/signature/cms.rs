//! Checking one CMS signature (RFC 5652, as PAdES and the older adbe.pkcs7 filters use it):
//! the digest of the signed bytes against the signed `messageDigest` attribute, then the
//! signature over the signed attributes with the signer's embedded certificate.
//!
//! The structure is walked as DER elements (`der::AnyRef`) rather than decoded into typed
//! structs, so the signed attributes are hashed exactly as the signer encoded them: some
//! signing tools write them out of DER order, and re-encoding would change their bytes.

use chrono::{DateTime, Utc};
use der::asn1::{AnyRef, GeneralizedTime, ObjectIdentifier, UtcTime};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use x509_cert::Certificate;

use super::algo::{self, Hash};

const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

/// Why a signature does not hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Broken {
    /// Not a CMS SignedData the checker can read.
    Unreadable,
    /// The signer's certificate is not in the signature.
    NoSigner,
    /// The signed bytes' digest differs from the one signed: the file changed.
    Digest,
    /// The signature does not verify with the signer's key.
    Signature,
    /// An algorithm Tre does not check (its name).
    Unsupported(String),
}

/// What a CMS blob says and whether it holds.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The signer's certificate (DER), when found.
    pub signer: Option<Vec<u8>>,
    /// Every certificate the signature carries (DER), for the chain.
    pub certs: Vec<Vec<u8>>,
    /// The signed `signingTime` attribute.
    pub signing_time: Option<DateTime<Utc>>,
    pub outcome: Result<(), Broken>,
}

/// The elements inside a constructed element's content.
fn items(content: &[u8]) -> der::Result<Vec<AnyRef<'_>>> {
    let mut r = SliceReader::new(content)?;
    let mut out = Vec::new();
    while !r.is_finished() {
        out.push(r.decode::<AnyRef>()?);
    }
    Ok(out)
}

fn context(n: u8) -> u8 {
    0xA0 | n
}

fn octet(tag: Tag) -> u8 {
    tag.into()
}

/// Checks `cms` against the signed bytes `data` (the two pieces of the byte range).
pub fn check(cms: &[u8], data: &[&[u8]]) -> Checked {
    let mut out = Checked {
        signer: None,
        certs: Vec::new(),
        signing_time: None,
        outcome: Err(Broken::Unreadable),
    };
    out.outcome = walk(cms, data, &mut out);
    out
}

fn walk(cms: &[u8], data: &[&[u8]], out: &mut Checked) -> Result<(), Broken> {
    let bad = |_| Broken::Unreadable;
    let info = AnyRef::from_der(cms).map_err(bad)?;
    let parts = items(info.value()).map_err(bad)?;
    let [kind, content, ..] = parts.as_slice() else {
        return Err(Broken::Unreadable);
    };
    if kind.decode_as::<ObjectIdentifier>().ok() != Some(SIGNED_DATA)
        || octet(content.tag()) != context(0)
    {
        return Err(Broken::Unreadable);
    }
    let signed_data = items(content.value()).map_err(bad)?;
    let sd = signed_data.first().ok_or(Broken::Unreadable)?;
    let fields = items(sd.value()).map_err(bad)?;
    // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos
    let encap = fields.get(2).ok_or(Broken::Unreadable)?;
    let certs = fields.iter().find(|f| octet(f.tag()) == context(0));
    let signer_infos = fields.last().ok_or(Broken::Unreadable)?;
    if let Some(certs) = certs {
        for c in items(certs.value()).map_err(bad)? {
            if c.tag() == Tag::Sequence {
                out.certs.push(c.to_der().map_err(bad)?);
            }
        }
    }
    // adbe.pkcs7.sha1 signs the SHA-1 of the range, carried as the encapsulated content.
    let econtent = items(encap.value())
        .map_err(bad)?
        .into_iter()
        .find(|e| octet(e.tag()) == context(0))
        .map(|e| -> Result<Vec<u8>, Broken> {
            let inner = AnyRef::from_der(e.value()).map_err(bad)?;
            Ok(inner.value().to_vec())
        })
        .transpose()?;
    let infos = items(signer_infos.value()).map_err(bad)?;
    // One signer per PDF signature; a second signer would be a second signature field.
    let si = infos.first().ok_or(Broken::Unreadable)?;
    let si = items(si.value()).map_err(bad)?;
    let sid = si.get(1).ok_or(Broken::Unreadable)?;
    let digest_alg = si.get(2).ok_or(Broken::Unreadable)?;
    let signed_attrs = si.iter().find(|f| octet(f.tag()) == context(0));
    let at = if signed_attrs.is_some() { 4 } else { 3 };
    let sig_alg = si.get(at).ok_or(Broken::Unreadable)?;
    let signature = si.get(at + 1).ok_or(Broken::Unreadable)?;

    let signer = find_signer(&out.certs, sid).ok_or(Broken::NoSigner)?;
    out.signer = Some(signer.clone());
    let hash = algo::hash_of(&alg_oid(digest_alg)?)?;

    // What the messageDigest covers: the encapsulated content (adbe.pkcs7.sha1, after it is
    // checked against the range) or the range itself.
    let content_digest = match &econtent {
        Some(inner) => {
            if Hash::Sha1.digest(data) != *inner {
                return Err(Broken::Digest);
            }
            hash.digest(&[inner])
        }
        None => hash.digest(data),
    };
    let cert = Certificate::from_der(&signer).map_err(bad)?;
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let sig_oid = alg_oid(sig_alg)?;
    match signed_attrs {
        Some(attrs) => {
            let mut digest_ok = None;
            for attr in items(attrs.value()).map_err(bad)? {
                let a = items(attr.value()).map_err(bad)?;
                let (Some(oid), Some(values)) = (a.first(), a.get(1)) else {
                    continue;
                };
                let oid = oid.decode_as::<ObjectIdentifier>().map_err(bad)?;
                let value = items(values.value()).map_err(bad)?.into_iter().next();
                match (oid, value) {
                    (MESSAGE_DIGEST, Some(v)) => digest_ok = Some(v.value() == content_digest),
                    (SIGNING_TIME, Some(v)) => out.signing_time = time(&v),
                    _ => {}
                }
            }
            if digest_ok != Some(true) {
                return Err(Broken::Digest);
            }
            // The signature covers the attributes encoded as a SET, not as the [0] they are
            // written with.
            let set = AnyRef::new(Tag::Set, attrs.value())
                .and_then(|s| s.to_der())
                .map_err(bad)?;
            algo::verify(spki, &sig_oid, hash, &[&set], signature.value())
        }
        None => {
            // No attributes: the signature is over the content itself.
            let signed: Vec<&[u8]> = match &econtent {
                Some(inner) => vec![inner.as_slice()],
                None => data.to_vec(),
            };
            algo::verify(spki, &sig_oid, hash, &signed, signature.value())
        }
    }
}

/// The OID of an AlgorithmIdentifier element.
fn alg_oid(alg: &AnyRef) -> Result<ObjectIdentifier, Broken> {
    items(alg.value())
        .ok()
        .and_then(|a| a.first().and_then(|o| o.decode_as().ok()))
        .ok_or(Broken::Unreadable)
}

/// The certificate `sid` names: by issuer and serial number, or by subject key identifier.
fn find_signer(certs: &[Vec<u8>], sid: &AnyRef) -> Option<Vec<u8>> {
    let parsed: Vec<(&Vec<u8>, Certificate)> = certs
        .iter()
        .filter_map(|d| Certificate::from_der(d).ok().map(|c| (d, c)))
        .collect();
    if sid.tag() == Tag::Sequence {
        let parts = items(sid.value()).ok()?;
        let issuer = parts.first()?.to_der().ok()?;
        let serial = parts.get(1)?.value();
        let same_serial = |c: &Certificate| c.tbs_certificate.serial_number.as_bytes() == serial;
        // Issuer compared as encoded; if a tool re-encoded it, the serial alone decides.
        parsed
            .iter()
            .find(|(_, c)| {
                same_serial(c) && c.tbs_certificate.issuer.to_der().ok().as_ref() == Some(&issuer)
            })
            .or_else(|| parsed.iter().find(|(_, c)| same_serial(c)))
            .map(|(d, _)| (*d).clone())
    } else if octet(sid.tag()) == 0x80 {
        let ski = sid.value();
        parsed
            .iter()
            .find(|(_, c)| algo::subject_key_id(c).as_deref() == Some(ski))
            .map(|(d, _)| (*d).clone())
    } else {
        None
    }
}

fn time(v: &AnyRef) -> Option<DateTime<Utc>> {
    let secs = match v.tag() {
        Tag::UtcTime => v.decode_as::<UtcTime>().ok()?.to_unix_duration(),
        Tag::GeneralizedTime => v.decode_as::<GeneralizedTime>().ok()?.to_unix_duration(),
        _ => return None,
    };
    DateTime::from_timestamp(secs.as_secs() as i64, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_cms_signed_data_is_unreadable() {
        for bad in [
            &b""[..],
            b"\x30\x03\x02\x01\x01",
            b"not der at all",
            &[0x30, 0x82, 0xff],
        ] {
            let c = check(bad, &[b"x"]);
            assert_eq!(c.outcome, Err(Broken::Unreadable), "{bad:?}");
            assert!(c.signer.is_none());
        }
        // A ContentInfo of another type (id-data).
        let data_ci = [
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0,
            0x00,
        ];
        assert_eq!(check(&data_ci, &[b"x"]).outcome, Err(Broken::Unreadable));
    }
}
