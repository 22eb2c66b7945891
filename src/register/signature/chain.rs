//! Whether a signer's certificate leads to a root the officer or the province imported.
//! Tre ships no root: which CAs a province accepts is its decision (docs/domain.md keeps it
//! as data), and without an imported root the answer is "not checked", never "valid".
//! Revocation (CRL/OCSP) needs the network and is not checked; the app says so.

use der::Decode;
use x509_cert::Certificate;

use super::algo::{issued_by, names};

/// How far a chain is walked: real chains are 2–4 certificates.
const MAX_DEPTH: usize = 8;

/// Where the signer's certificate leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    /// No trusted root imported: nothing to check against.
    Unchecked,
    /// Signed, link by link, up to this imported root (its common name).
    Trusted(String),
    /// Roots are imported, but the chain reaches none of them.
    Untrusted,
}

/// Walks from `signer` through `pool` (the certificates the signature carries) to one of
/// `roots`; every link's signature is checked, names alone prove nothing.
pub fn check(signer: &[u8], pool: &[Vec<u8>], roots: &[Vec<u8>]) -> Chain {
    if roots.is_empty() {
        return Chain::Unchecked;
    }
    let parse = |d: &Vec<u8>| Certificate::from_der(d).ok().map(|c| (d.clone(), c));
    let roots: Vec<(Vec<u8>, Certificate)> = roots.iter().filter_map(parse).collect();
    let pool: Vec<(Vec<u8>, Certificate)> = pool.iter().filter_map(parse).collect();
    let mut current = signer.to_vec();
    for _ in 0..MAX_DEPTH {
        if let Some((_, root)) = roots.iter().find(|(d, _)| *d == current) {
            return Chain::Trusted(super::name::common_name(&root.tbs_certificate.subject));
        }
        let Ok(cert) = Certificate::from_der(&current) else {
            return Chain::Untrusted;
        };
        let Some((_, issuer_name)) = names(&cert) else {
            return Chain::Untrusted;
        };
        let issuer_of = |candidates: &[(Vec<u8>, Certificate)]| {
            candidates
                .iter()
                .find(|(d, c)| {
                    *d != current
                        && names(c).is_some_and(|(subject, _)| subject == issuer_name)
                        && issued_by(&current, c)
                })
                .cloned()
        };
        if let Some((_, root)) = issuer_of(&roots) {
            return Chain::Trusted(super::name::common_name(&root.tbs_certificate.subject));
        }
        match issuer_of(&pool) {
            Some((d, _)) => current = d,
            None => return Chain::Untrusted,
        }
    }
    Chain::Untrusted
}
