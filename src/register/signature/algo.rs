//! The algorithms a signature or a certificate may use, and checking one: RSA PKCS#1 v1.5
//! and ECDSA on P-256/P-384, with SHA-1 or SHA-2 — what Vietnamese CAs (VNPT-CA, Viettel-CA,
//! BKAV-CA, FPT-CA, the government's CA) issue. Anything else is reported by name as not
//! checked, never as valid.

use der::asn1::ObjectIdentifier as Oid;
use der::{Decode, Encode};
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::Digest;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;

use super::cms::Broken;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The digest of `parts`, in order.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            Hash::Sha1 => run::<sha1::Sha1>(parts),
            Hash::Sha256 => run::<sha2::Sha256>(parts),
            Hash::Sha384 => run::<sha2::Sha384>(parts),
            Hash::Sha512 => run::<sha2::Sha512>(parts),
        }
    }

    fn pkcs1(self) -> Pkcs1v15Sign {
        match self {
            Hash::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
            Hash::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
            Hash::Sha384 => Pkcs1v15Sign::new::<sha2::Sha384>(),
            Hash::Sha512 => Pkcs1v15Sign::new::<sha2::Sha512>(),
        }
    }
}

const fn oid(s: &str) -> Oid {
    Oid::new_unwrap(s)
}

const SHA1: Oid = oid("1.3.14.3.2.26");
const SHA256: Oid = oid("2.16.840.1.101.3.4.2.1");
const SHA384: Oid = oid("2.16.840.1.101.3.4.2.2");
const SHA512: Oid = oid("2.16.840.1.101.3.4.2.3");
const RSA: Oid = oid("1.2.840.113549.1.1.1");
const RSA_SHA1: Oid = oid("1.2.840.113549.1.1.5");
const RSA_SHA256: Oid = oid("1.2.840.113549.1.1.11");
const RSA_SHA384: Oid = oid("1.2.840.113549.1.1.12");
const RSA_SHA512: Oid = oid("1.2.840.113549.1.1.13");
const RSA_PSS: Oid = oid("1.2.840.113549.1.1.10");
const EC_KEY: Oid = oid("1.2.840.10045.2.1");
const ECDSA_SHA1: Oid = oid("1.2.840.10045.4.1");
const ECDSA_SHA256: Oid = oid("1.2.840.10045.4.3.2");
const ECDSA_SHA384: Oid = oid("1.2.840.10045.4.3.3");
const ECDSA_SHA512: Oid = oid("1.2.840.10045.4.3.4");
const P256: Oid = oid("1.2.840.10045.3.1.7");
const P384: Oid = oid("1.3.132.0.34");
const SUBJECT_KEY_ID: Oid = oid("2.5.29.14");

/// The digest algorithm an OID names.
pub fn hash_of(o: &Oid) -> Result<Hash, Broken> {
    match *o {
        SHA1 => Ok(Hash::Sha1),
        SHA256 => Ok(Hash::Sha256),
        SHA384 => Ok(Hash::Sha384),
        SHA512 => Ok(Hash::Sha512),
        other => Err(Broken::Unsupported(format!("hàm băm {other}"))),
    }
}

/// The hash a signature algorithm fixes (`sha256WithRSAEncryption`), or `None` for plain
/// `rsaEncryption`, whose hash is the signer's digest algorithm.
fn fixed_hash(sig: &Oid) -> Option<Hash> {
    match *sig {
        RSA_SHA1 | ECDSA_SHA1 => Some(Hash::Sha1),
        RSA_SHA256 | ECDSA_SHA256 => Some(Hash::Sha256),
        RSA_SHA384 | ECDSA_SHA384 => Some(Hash::Sha384),
        RSA_SHA512 | ECDSA_SHA512 => Some(Hash::Sha512),
        _ => None,
    }
}

/// Checks `sig` over `data` (hashed with `hash`, or the hash `sig_alg` fixes) with `key`.
pub fn verify(
    key: &SubjectPublicKeyInfoOwned,
    sig_alg: &Oid,
    hash: Hash,
    data: &[&[u8]],
    sig: &[u8],
) -> Result<(), Broken> {
    let hash = fixed_hash(sig_alg).unwrap_or(hash);
    let hashed = hash.digest(data);
    let key_bits = key.subject_public_key.raw_bytes();
    match (key.algorithm.oid, *sig_alg) {
        (RSA, RSA | RSA_SHA1 | RSA_SHA256 | RSA_SHA384 | RSA_SHA512) => {
            let pk = RsaPublicKey::from_pkcs1_der(key_bits).map_err(|_| Broken::Unreadable)?;
            pk.verify(hash.pkcs1(), &hashed, sig)
                .map_err(|_| Broken::Signature)
        }
        (RSA, RSA_PSS) => Err(Broken::Unsupported("RSASSA-PSS".into())),
        (EC_KEY, ECDSA_SHA1 | ECDSA_SHA256 | ECDSA_SHA384 | ECDSA_SHA512) => {
            let curve = key
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<Oid>().ok());
            match curve {
                Some(P256) => {
                    let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bits)
                        .map_err(|_| Broken::Unreadable)?;
                    let s = p256::ecdsa::Signature::from_der(sig).map_err(|_| Broken::Signature)?;
                    vk.verify_prehash(&hashed, &s)
                        .map_err(|_| Broken::Signature)
                }
                Some(P384) => {
                    let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bits)
                        .map_err(|_| Broken::Unreadable)?;
                    let s = p384::ecdsa::Signature::from_der(sig).map_err(|_| Broken::Signature)?;
                    vk.verify_prehash(&hashed, &s)
                        .map_err(|_| Broken::Signature)
                }
                other => Err(Broken::Unsupported(format!(
                    "đường cong {}",
                    other.map(|o| o.to_string()).unwrap_or_default()
                ))),
            }
        }
        (k, s) => Err(Broken::Unsupported(format!("khóa {k} với chữ ký {s}"))),
    }
}

/// Whether `issuer`'s key signed certificate `cert` (both DER). The signed part is taken
/// as encoded in `cert`, never re-encoded.
pub fn issued_by(cert: &[u8], issuer: &Certificate) -> bool {
    let Ok(outer) = der::asn1::AnyRef::from_der(cert) else {
        return false;
    };
    let Ok(Ok(parts)) = der::SliceReader::new(outer.value()).map(|mut r| {
        let mut v = Vec::new();
        while !der::Reader::is_finished(&r) {
            v.push(der::Reader::decode::<der::asn1::AnyRef>(&mut r)?);
        }
        Ok::<_, der::Error>(v)
    }) else {
        return false;
    };
    let (Some(tbs), Some(alg), Some(sig)) = (parts.first(), parts.get(1), parts.get(2)) else {
        return false;
    };
    let Ok(tbs) = tbs.to_der() else { return false };
    let Ok(alg) =
        der::SliceReader::new(alg.value()).and_then(|mut r| der::Reader::decode::<Oid>(&mut r))
    else {
        return false;
    };
    // A BIT STRING: its first byte counts the unused bits, always 0 for a signature.
    let Some((0, sig)) = sig.value().split_first() else {
        return false;
    };
    let Some(hash) = fixed_hash(&alg) else {
        return false;
    };
    verify(
        &issuer.tbs_certificate.subject_public_key_info,
        &alg,
        hash,
        &[&tbs],
        sig,
    )
    .is_ok()
}

/// The certificate's subject key identifier, when it has one.
pub fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    cert.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == SUBJECT_KEY_ID)
        .and_then(|e| der::asn1::OctetStringRef::from_der(e.extn_value.as_bytes()).ok())
        .map(|o| o.as_bytes().to_vec())
}

/// The DER of a certificate's subject and issuer, to link a chain by names.
pub fn names(cert: &Certificate) -> Option<(Vec<u8>, Vec<u8>)> {
    Some((
        cert.tbs_certificate.subject.to_der().ok()?,
        cert.tbs_certificate.issuer.to_der().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_match_the_published_examples() {
        // FIPS 180 examples for "abc", split in two pieces as a byte range is.
        let abc: [&[u8]; 2] = [b"a", b"bc"];
        assert!(hex(&Hash::Sha1.digest(&abc)).starts_with("a9993e36"));
        assert!(hex(&Hash::Sha256.digest(&abc)).starts_with("ba7816bf"));
        assert!(hex(&Hash::Sha384.digest(&abc)).starts_with("cb00753f"));
        assert!(hex(&Hash::Sha512.digest(&abc)).starts_with("ddaf35a1"));
        assert_eq!(hash_of(&SHA256), Ok(Hash::Sha256));
        assert!(matches!(hash_of(&RSA), Err(Broken::Unsupported(_))));
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
}
