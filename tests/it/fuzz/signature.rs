//! The digital signatures of a signed copy (`register::signature::verify_pdf`) and the
//! trusted roots' certificate files (`parse_roots`). The seeds are made here, in the test:
//! a PDF signed by "Nguyễn Văn An" (ECDSA P-256, PAdES) under a test root (ECDSA P-256:
//! P-384 would cost 30 ms a chain check in the debug build),
//! then signed again by the agency with an RSA certificate, so every case starts from a
//! signature Tre finds intact and trusted. Cases: PDF-like token soup, the signed files with
//! bytes changed, their /ByteRange numbers, /Contents hex and /M dates changed, and CMS
//! blobs changed as DER trees (lengths, tags, nodes cut, repeated or replaced) put back in
//! the signature's gap, plus random DER. Each signature's summary must be Vietnamese.

use std::sync::OnceLock;

use der::asn1::ObjectIdentifier;
use der::Encode;
use p256::ecdsa::signature::Signer as _;
use sha2::Digest;
use tre::register::signature::{parse_roots, verify_pdf, ChainStatus, Signature, Status};

use super::{cases, check, mutate_bytes, mutate_n, refusal, replace_number, Rng, NUMBERS};

// Costs in the debug build: a token soup 9 µs, a root file 60 µs, a signed file 0.4 ms
// (1.5 ms when its signature still verifies).
const TOKEN_SOUP: usize = 500_000;
const SIGNED_BYTES: usize = 15_000;
const SIGNED_FIELDS: usize = 10_000;
const CMS_TREES: usize = 10_000;
const RANDOM_DER: usize = 20_000;
const ROOT_FILES: usize = 60_000;
/// The base counts of this target's tests (each runs `cases(n)`).
pub const CASES: &[usize] = &[
    TOKEN_SOUP,
    SIGNED_BYTES,
    SIGNED_FIELDS,
    CMS_TREES,
    RANDOM_DER,
    ROOT_FILES,
];

/// Runs `verify_pdf` on one input: no panic, and every summary in Vietnamese.
fn verify(target: &str, case: usize, pdf: &[u8], roots: &[Vec<u8>]) -> Vec<Signature> {
    check(
        target,
        case,
        &[("a.pdf", pdf)],
        || verify_pdf(pdf, roots),
        |sigs| sigs.iter().map(|s| s.summary.clone()).collect(),
    )
}

// ---- DER, written by hand: the seeds need no certificate-building dependency. ----

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().position(|&b| b != 0).unwrap();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn oid(s: &str) -> Vec<u8> {
    ObjectIdentifier::new_unwrap(s).to_der().unwrap()
}

fn name(cn: &str, o: &str) -> Vec<u8> {
    let rdn =
        |attr: &str, tag: u8, v: &str| tlv(0x31, &seq(&[&oid(attr), &tlv(tag, v.as_bytes())]));
    seq(&[
        &rdn("2.5.4.6", 0x13, "VN"),
        &rdn("2.5.4.10", 0x0c, o),
        &rdn("2.5.4.3", 0x0c, cn),
    ])
}

const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
const ECDSA_SHA384: &str = "1.2.840.10045.4.3.3";
const RSA_SHA256: &str = "1.2.840.113549.1.1.11";
const DATA: &str = "1.2.840.113549.1.7.1";

/// Every OID a signature may name, and some it must not accept, to swap in.
const OIDS: &[&str] = &[
    "1.3.14.3.2.26",
    SHA256,
    "2.16.840.1.101.3.4.2.2",
    "2.16.840.1.101.3.4.2.3",
    "1.2.840.113549.2.5",
    "1.2.840.113549.1.1.1",
    "1.2.840.113549.1.1.5",
    RSA_SHA256,
    "1.2.840.113549.1.1.10",
    "1.2.840.10045.2.1",
    "1.2.840.10045.4.1",
    ECDSA_SHA256,
    ECDSA_SHA384,
    "1.2.840.10045.3.1.7",
    "1.3.132.0.34",
    "1.3.132.0.35",
    "1.2.840.113549.1.7.2",
    DATA,
    "1.2.840.113549.1.9.4",
    "1.2.840.113549.1.9.5",
    "2.5.29.14",
    "1.2.3",
];

/// How a key signs: the DER signature of a message.
type SignFn = Box<dyn Fn(&[u8]) -> Vec<u8> + Send + Sync>;

/// A signer: its certificate, its issuer's name and its serial (how CMS names it), and how
/// it signs (DER signature) with which algorithm.
struct Key {
    cert: Vec<u8>,
    issuer: Vec<u8>,
    serial: u8,
    sig_alg: &'static str,
    sign: SignFn,
}

fn certificate(
    serial: u8,
    issuer: &[u8],
    subject: &[u8],
    spki: &[u8],
    alg: &str,
    sign: &dyn Fn(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let alg = seq(&[&oid(alg)]);
    let validity = seq(&[&tlv(0x17, b"250101000000Z"), &tlv(0x17, b"351231235959Z")]);
    let version = tlv(0xa0, &tlv(0x02, &[2]));
    let tbs = seq(&[
        &version,
        &tlv(0x02, &[serial]),
        &alg,
        issuer,
        &validity,
        subject,
        spki,
    ]);
    let sig = sign(&tbs);
    seq(&[&tbs, &alg, &tlv(0x03, &[&[0][..], &sig].concat())])
}

fn ec_spki(curve: &str, point: &[u8]) -> Vec<u8> {
    seq(&[
        &seq(&[&oid("1.2.840.10045.2.1"), &oid(curve)]),
        &tlv(0x03, &[&[0][..], point].concat()),
    ])
}

/// The test root (self-signed) and its two signers.
struct Pki {
    root: Vec<u8>,
    person: Key,
    agency: Key,
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let root_key = p256::ecdsa::SigningKey::from_slice(&[0x11; 32]).unwrap();
        let root_point = root_key.verifying_key().to_encoded_point(false);
        let root_sign = move |m: &[u8]| -> Vec<u8> {
            let s: p256::ecdsa::Signature = root_key.sign(m);
            s.to_der().as_bytes().to_vec()
        };
        let root_name = name("Tre Test Root CA", "Tre");
        let root = certificate(
            1,
            &root_name,
            &root_name,
            &ec_spki("1.2.840.10045.3.1.7", root_point.as_bytes()),
            ECDSA_SHA256,
            &root_sign,
        );
        let person_key = p256::ecdsa::SigningKey::from_slice(&[0x22; 32]).unwrap();
        let point = person_key.verifying_key().to_encoded_point(false);
        let person_cert = certificate(
            2,
            &root_name,
            &name("Nguyễn Văn An", "UBND xã Minh Hòa"),
            &ec_spki("1.2.840.10045.3.1.7", point.as_bytes()),
            ECDSA_SHA256,
            &root_sign,
        );
        // The agency's key is RSA: a made-up 1024-bit modulus (odd, top bit set), so the RSA
        // path is walked; its signatures are random and never verify.
        let mut rng = Rng::new(99);
        let mut modulus = rng.bytes(128);
        modulus[0] |= 0x80;
        modulus[127] |= 1;
        let rsa_key = seq(&[
            &tlv(0x02, &[&[0][..], &modulus].concat()),
            &tlv(0x02, &[1, 0, 1]),
        ]);
        let rsa_spki = seq(&[
            &seq(&[&oid("1.2.840.113549.1.1.1"), &[0x05, 0x00]]),
            &tlv(0x03, &[&[0][..], &rsa_key].concat()),
        ]);
        let agency_cert = certificate(
            3,
            &root_name,
            &name("UBND xã Minh Hòa", "UBND xã Minh Hòa"),
            &rsa_spki,
            ECDSA_SHA256,
            &root_sign,
        );
        Pki {
            root,
            person: Key {
                cert: person_cert,
                issuer: root_name.clone(),
                serial: 2,
                sig_alg: ECDSA_SHA256,
                sign: Box::new(move |m| {
                    let s: p256::ecdsa::Signature = person_key.sign(m);
                    s.to_der().as_bytes().to_vec()
                }),
            },
            agency: Key {
                cert: agency_cert,
                issuer: root_name,
                serial: 3,
                sig_alg: RSA_SHA256,
                sign: Box::new(|m| sha2::Sha512::digest(m).repeat(2)),
            },
        }
    })
}

/// A CMS SignedData (PAdES) by `key` over the bytes whose SHA-256 is `digest`.
fn cms(key: &Key, certs: &[&[u8]], digest: &[u8]) -> Vec<u8> {
    let attribute = |o: &str, v: &[u8]| seq(&[&oid(o), &tlv(0x31, v)]);
    let attrs = [
        attribute("1.2.840.113549.1.9.3", &oid(DATA)),
        attribute("1.2.840.113549.1.9.5", &tlv(0x17, b"261110023000Z")),
        attribute("1.2.840.113549.1.9.4", &tlv(0x04, digest)),
    ]
    .concat();
    let signature = (key.sign)(&tlv(0x31, &attrs));
    let signer_info = seq(&[
        &tlv(0x02, &[1]),
        &seq(&[&key.issuer, &tlv(0x02, &[key.serial])]),
        &seq(&[&oid(SHA256)]),
        &tlv(0xa0, &attrs),
        &seq(&[&oid(key.sig_alg)]),
        &tlv(0x04, &signature),
    ]);
    let signed_data = seq(&[
        &tlv(0x02, &[1]),
        &tlv(0x31, &seq(&[&oid(SHA256)])),
        &seq(&[&oid(DATA)]),
        &tlv(0xa0, &certs.concat()),
        &tlv(0x31, &signer_info),
    ]);
    seq(&[&oid("1.2.840.113549.1.7.2"), &tlv(0xa0, &signed_data)])
}

/// Room for the CMS blob in the signature's gap, in bytes: a little more than the agency's
/// (a real tool reserves 8–16 KB; a smaller gap keeps each case fast).
const GAP: usize = 1200;

/// A signed file: its bytes, where the gap's hex digits are, and the CMS blob.
#[derive(Clone)]
struct Signed {
    pdf: Vec<u8>,
    gap: std::ops::Range<usize>,
    cms: Vec<u8>,
}

impl Signed {
    /// The same file with `blob` in the gap instead (cut to the gap's room): the signed
    /// bytes, hence the digest, stay those of the real signature.
    fn with_cms(&self, blob: &[u8]) -> Vec<u8> {
        let mut pdf = self.pdf.clone();
        let hex = hex(&blob[..blob.len().min(GAP)]);
        pdf[self.gap.start..self.gap.start + hex.len()].copy_from_slice(hex.as_bytes());
        pdf[self.gap.start + hex.len()..self.gap.end].fill(b'0');
        pdf
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// `prefix` with one more object, a signature dictionary by `key` covering the whole file
/// (an incremental update when `prefix` is already signed).
fn sign(prefix: &[u8], key: &Key, who: &str, certs: &[&[u8]]) -> Signed {
    assemble(prefix, who, "D:20261110093000+07'00'", |digest| {
        cms(key, certs, digest)
    })
}

/// `prefix` and a signature dictionary with `who` and the date `m`, whose gap holds the
/// blob `blob` makes from the SHA-256 of the signed bytes.
fn assemble(prefix: &[u8], who: &str, m: &str, blob: impl FnOnce(&[u8]) -> Vec<u8>) -> Signed {
    let dict = |range: &str, contents: &str| {
        format!(
            "\n9 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M({m})/Name({who})/ByteRange {range}/Contents <{contents}>>>\nendobj\ntrailer\n<</Root 1 0 R>>\n%%EOF\n"
        )
    };
    let zeros = "0".repeat(2 * GAP);
    let template = [
        prefix,
        dict("[0 0000000 0000000 0000000]", &zeros).as_bytes(),
    ]
    .concat();
    let lt = prefix.len()
        + template[prefix.len()..]
            .windows(11)
            .position(|w| w == b"/Contents <")
            .unwrap()
        + 10;
    let gt = lt + 2 + 2 * GAP;
    let range = format!("[0 {lt:07} {gt:07} {:07}]", template.len() - gt);
    let mut pdf = [prefix, dict(&range, &zeros).as_bytes()].concat();
    let digest = sha2::Sha256::new()
        .chain_update(&pdf[..lt])
        .chain_update(&pdf[gt..])
        .finalize();
    let blob = blob(&digest);
    assert!(blob.len() <= GAP, "{}", blob.len());
    let gap = lt + 1..gt - 1;
    pdf[gap.start..gap.start + 2 * blob.len()].copy_from_slice(hex(&blob).as_bytes());
    Signed {
        pdf,
        gap,
        cms: blob,
    }
}

/// What the signatures sign: a PDF of no pages.
const SIGNED_BODY: &str = "%PDF-1.7\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n";

/// one.pdf (signed by the person) and two.pdf (then by the agency, incrementally).
fn signed_files() -> &'static [Signed; 2] {
    static FILES: OnceLock<[Signed; 2]> = OnceLock::new();
    FILES.get_or_init(|| {
        let p = pki();
        let one = sign(
            SIGNED_BODY.as_bytes(),
            &p.person,
            "Nguyễn Văn An",
            &[&p.person.cert],
        );
        let two = sign(
            &one.pdf,
            &p.agency,
            "UBND xã Minh Hòa",
            &[&p.agency.cert, &p.root],
        );
        [one, two]
    })
}

/// The seeds are what they claim: intact, trusted, and broken where the agency's made-up
/// RSA signature is. Otherwise the cases below would start from the wrong place.
#[test]
fn the_seeds_verify() {
    let [one, two] = signed_files();
    let roots = [pki().root.clone()];
    let sigs = verify_pdf(&one.pdf, &roots);
    assert_eq!(sigs.len(), 1);
    assert_eq!(sigs[0].status, Status::Intact, "{}", sigs[0].summary);
    assert_eq!(sigs[0].chain, ChainStatus::Trusted);
    assert_eq!(sigs[0].signer, "Nguyễn Văn An");
    assert!(sigs[0].whole_file);
    let sigs = verify_pdf(&two.pdf, &roots);
    let statuses: Vec<Status> = sigs.iter().map(|s| s.status).collect();
    assert_eq!(statuses, [Status::Intact, Status::Broken], "{sigs:?}");
    assert_eq!(sigs[1].signer, "UBND xã Minh Hòa");
    assert!(parse_roots("goc.cer", &pki().root).is_ok());
}

/// Pieces of PDF syntax around signatures.
const PDF_WORDS: &[&[u8]] = &[
    b"/ByteRange",
    b"/ByteRange [",
    b"[0 ",
    b"]",
    b"[",
    b" ",
    b"\n",
    b"\0",
    b"<",
    b">",
    b"<<",
    b">>",
    b"/Contents",
    b"/Contents <",
    b"3082",
    b"30800000",
    b"308401000000",
    b"3088ffffffffffffffff",
    b"00",
    b"0",
    b"/M",
    b"/M(",
    b"/M (D:20261110093000+07'00')",
    b"(D:2026",
    b"+99999999'",
    b"-2147483648'",
    b"'00'",
    b"Z",
    b"/Name(",
    b"\xfe\xff",
    b"\\",
    b"\\0",
    b"\\(",
    b"(",
    b")",
    b"/SubFilter /",
    b"adbe.pkcs7.sha1",
    b"obj",
    b"endobj",
    b"%%EOF",
    b"%PDF-1.7",
];

#[test]
fn pdf_token_soup() {
    let mut rng = Rng::new(20);
    let n = cases(TOKEN_SOUP);
    for case in 0..n {
        let mut pdf = Vec::new();
        for _ in 0..rng.below(24) {
            if rng.chance(25) {
                pdf.extend_from_slice(rng.pick(NUMBERS).as_bytes());
            } else if rng.chance(10) {
                let n = rng.len(64);
                pdf.extend(rng.bytes(n));
            } else {
                pdf.extend_from_slice(rng.pick(PDF_WORDS));
            }
            if rng.chance(50) {
                pdf.push(b' ');
            }
        }
        verify("sig-soup", case, &pdf, &[]);
    }
    eprintln!("PDF token soup: {n} cases");
}

#[test]
fn signed_files_with_bytes_changed() {
    let files = signed_files();
    let roots = [pki().root.clone()];
    let mut rng = Rng::new(21);
    let n = cases(SIGNED_BYTES);
    for case in 0..n {
        let mut pdf = files[rng.below(2)].pdf.clone();
        let times = 1 + rng.below(4);
        mutate_n(&mut rng, &mut pdf, PDF_WORDS, times);
        let roots: &[Vec<u8>] = if rng.chance(50) { &roots } else { &[] };
        verify("sig-bytes", case, &pdf, roots);
    }
    eprintln!("signed files, bytes changed: {n} cases");
}

/// Strange dates in /M: offsets past any zone, fields out of range, digits cut.
const DATES: &[&str] = &[
    "D:20261110093000+07'00'",
    "D:20261110093000+99999999'00'",
    "D:20261110093000-2147483648'00'",
    "D:20261110093000+07'2147483647'",
    "D:20261110093000+2147483647'2147483647'",
    "D:20261110093000+'",
    "D:20261110093000Z",
    "D:20261310093000",
    "D:20260230",
    "D:2026",
    "D:99999999999999999999",
    "D:+07",
    "D:",
    "",
    "D:20261110093000+07'00'\\",
];

#[test]
fn signed_files_with_fields_changed() {
    let files = signed_files();
    let roots = [pki().root.clone()];
    let mut rng = Rng::new(22);
    let n = cases(SIGNED_FIELDS);
    for case in 0..n {
        let seed = &files[rng.below(2)];
        let mut pdf = seed.pdf.clone();
        match rng.below(4) {
            // One number of a /ByteRange: one of NUMBERS, or moved by a little.
            0 => {
                let at = find_all(&pdf, b"/ByteRange");
                let at = at[rng.below(at.len())] + 11;
                let digits: Vec<usize> =
                    (at..at + 34).filter(|&i| pdf[i].is_ascii_digit()).collect();
                let from = digits[rng.below(digits.len())];
                if rng.chance(50) {
                    replace_number(&mut rng, &mut pdf, from);
                } else {
                    pdf[from] = b'0' + rng.below(10) as u8;
                }
            }
            // The hex digits of the gap: changed, cut, odd in number, not hex.
            1 => {
                for _ in 0..1 + rng.below(6) {
                    let i = seed.gap.start + rng.below(seed.gap.len());
                    pdf[i] = rng.pick(b"0123456789abcdefABCDEFgx <>\n");
                }
            }
            // The signing date, read from /M when the CMS gives none (here, none at all).
            2 => {
                let m = rng.pick(DATES);
                let who = rng.pick(&["Nguyễn Văn An", "", "\\376\\377"]);
                pdf = assemble(SIGNED_BODY.as_bytes(), who, m, |_| {
                    b"\x30\x03\x02\x01\x01".to_vec()
                })
                .pdf;
            }
            // The CMS blob's own bytes, in place: its lengths and tags go wrong.
            _ => {
                let mut blob = seed.cms.clone();
                let times = 1 + rng.below(3);
                mutate_n(&mut rng, &mut blob, &[], times);
                pdf = seed.with_cms(&blob);
            }
        }
        let roots: &[Vec<u8>] = if rng.chance(50) { &roots } else { &[] };
        verify("sig-fields", case, &pdf, roots);
    }
    eprintln!("signed files, fields changed: {n} cases");
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// A DER element as a tree: the tag, and its bytes or, when constructed, its elements.
#[derive(Clone)]
enum Der {
    Prim(u8, Vec<u8>),
    Cons(u8, Vec<Der>),
}

fn parse_der(mut b: &[u8]) -> Option<Vec<Der>> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let tag = b[0];
        let first = *b.get(1)? as usize;
        let (len, head) = if first < 0x80 {
            (first, 2)
        } else {
            let n = first & 0x7f;
            let len = b
                .get(2..2 + n)?
                .iter()
                .fold(0usize, |a, &x| (a << 8) | x as usize);
            (len, 2 + n)
        };
        let content = b.get(head..head + len)?;
        out.push(if tag & 0x20 != 0 {
            Der::Cons(tag, parse_der(content)?)
        } else {
            Der::Prim(tag, content.to_vec())
        });
        b = &b[head + len..];
    }
    Some(out)
}

fn encode(nodes: &[Der]) -> Vec<u8> {
    nodes
        .iter()
        .flat_map(|n| match n {
            Der::Prim(tag, bytes) => tlv(*tag, bytes),
            Der::Cons(tag, children) => tlv(*tag, &encode(children)),
        })
        .collect()
}

/// The number of elements in the tree.
fn count(nodes: &[Der]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Der::Prim(..) => 1,
            Der::Cons(_, c) => 1 + count(c),
        })
        .sum()
}

const TAGS: &[u8] = &[
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x18, 0x30, 0x31, 0x80, 0x81, 0xa0, 0xa1,
    0xa3, 0x1f, 0x00, 0xff,
];

/// Changes the `target`-th element (counted depth first); returns the count left.
fn mutate_at(rng: &mut Rng, nodes: &mut Vec<Der>, mut target: usize) -> usize {
    let mut i = 0;
    while i < nodes.len() {
        if target == 0 {
            match rng.below(8) {
                0 => {
                    nodes.remove(i);
                }
                1 => {
                    let copy = nodes[i].clone();
                    nodes.insert(i, copy);
                }
                2 if i + 1 < nodes.len() => nodes.swap(i, i + 1),
                3 => {
                    let tag = rng.pick(TAGS);
                    match &mut nodes[i] {
                        Der::Prim(t, _) | Der::Cons(t, _) => *t = tag,
                    }
                }
                4 => nodes[i] = Der::Prim(0x06, oid(rng.pick(OIDS))[2..].to_vec()),
                5 => nodes[i] = random_der(rng, 2),
                _ => match &mut nodes[i] {
                    Der::Prim(_, bytes) => {
                        if rng.chance(20) {
                            // A big number (an INTEGER or a key far too long).
                            let n = rng.pick(&[0, 1, 64, 513, 1100]);
                            *bytes = rng.bytes(n);
                        } else {
                            mutate_bytes(rng, bytes, &[]);
                        }
                    }
                    Der::Cons(tag, children) => {
                        let bytes = encode(children);
                        *nodes.get_mut(i).unwrap() = Der::Prim(*tag, bytes);
                    }
                },
            }
            return 0;
        }
        target -= 1;
        if let Der::Cons(_, children) = &mut nodes[i] {
            let inner = count(children);
            if target < inner {
                mutate_at(rng, children, target);
                return 0;
            }
            target -= inner;
        }
        i += 1;
    }
    target
}

/// A random DER element, `depth` levels at most.
fn random_der(rng: &mut Rng, depth: usize) -> Der {
    if depth == 0 || rng.chance(40) {
        let tag = rng.pick(TAGS) & !0x20;
        let bytes = match tag {
            0x06 => oid(rng.pick(OIDS))[2..].to_vec(),
            0x17 => b"261110023000Z".to_vec(),
            _ => {
                let n = rng.len(80);
                rng.bytes(n)
            }
        };
        Der::Prim(tag, bytes)
    } else {
        let tag = rng.pick(&[0x30, 0x31, 0xa0, 0xa3]);
        let children = (0..rng.below(5))
            .map(|_| random_der(rng, depth - 1))
            .collect();
        Der::Cons(tag, children)
    }
}

/// A length field rewritten: longer than the data, indefinite, 8 bytes, or cut.
fn damage_length(rng: &mut Rng, blob: &mut Vec<u8>) {
    // Offsets of elements whose length is long-form: a 0x30/0x31/0xa0 followed by 0x81–0x84.
    let heads: Vec<usize> = (0..blob.len().saturating_sub(1))
        .filter(|&i| {
            matches!(blob[i], 0x30 | 0x31 | 0xa0 | 0x04 | 0x03)
                && blob[i + 1] > 0x80
                && blob[i + 1] <= 0x84
        })
        .collect();
    if heads.is_empty() {
        return;
    }
    let at = heads[rng.below(heads.len())] + 1;
    let n = (blob[at] & 0x7f) as usize;
    let new: Vec<u8> = match rng.below(4) {
        0 => vec![0x84, 0xff, 0xff, 0xff, 0xff],
        1 => vec![0x80],
        2 => vec![0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        _ => vec![0x82, 0x00, 0x05],
    };
    let end = (at + 1 + n).min(blob.len());
    blob.splice(at..end, new);
}

#[test]
fn cms_blobs_changed_as_der_trees() {
    let files = signed_files();
    let roots = [pki().root.clone()];
    let trees: Vec<Vec<Der>> = files.iter().map(|f| parse_der(&f.cms).unwrap()).collect();
    assert_eq!(encode(&trees[0]), files[0].cms);
    let mut rng = Rng::new(23);
    let n = cases(CMS_TREES);
    for case in 0..n {
        let k = rng.below(2);
        let mut tree = trees[k].clone();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(count(&tree));
            mutate_at(&mut rng, &mut tree, at);
        }
        let mut blob = encode(&tree);
        if rng.chance(15) {
            damage_length(&mut rng, &mut blob);
        }
        let pdf = files[k].with_cms(&blob);
        let roots: &[Vec<u8>] = if rng.chance(50) { &roots } else { &[] };
        verify("sig-cms", case, &pdf, roots);
    }
    eprintln!("CMS blobs changed as DER trees: {n} cases");
}

#[test]
fn random_der_in_the_gap() {
    let files = signed_files();
    let mut rng = Rng::new(24);
    let n = cases(RANDOM_DER);
    for case in 0..n {
        let blob = match rng.below(3) {
            0 => {
                let n = rng.len(600);
                rng.bytes(n)
            }
            _ => {
                let nodes: Vec<Der> = (0..1 + rng.below(2))
                    .map(|_| random_der(&mut rng, 5))
                    .collect();
                let mut blob = encode(&nodes);
                if rng.chance(20) {
                    damage_length(&mut rng, &mut blob);
                }
                blob
            }
        };
        let pdf = files[0].with_cms(&blob);
        verify("sig-der", case, &pdf, &[]);
    }
    eprintln!("random DER in the gap: {n} cases");
}

#[test]
fn root_certificate_files() {
    let p = pki();
    let certs = [p.root.clone(), p.person.cert.clone(), p.agency.cert.clone()];
    let trees: Vec<Vec<Der>> = certs.iter().map(|c| parse_der(c).unwrap()).collect();
    let b64 = |b: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(b)
    };
    let mut rng = Rng::new(25);
    let n = cases(ROOT_FILES);
    for case in 0..n {
        let k = rng.below(certs.len());
        let der = match rng.below(3) {
            0 => {
                let mut d = certs[k].clone();
                let times = 1 + rng.below(3);
                mutate_n(&mut rng, &mut d, &[], times);
                d
            }
            1 => {
                let mut tree = trees[k].clone();
                let at = rng.below(count(&tree));
                mutate_at(&mut rng, &mut tree, at);
                encode(&tree)
            }
            _ => {
                let n = rng.len(400);
                rng.bytes(n)
            }
        };
        let file = if rng.chance(40) {
            let mut pem = format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                b64(&der)
            )
            .into_bytes();
            if rng.chance(30) {
                mutate_bytes(
                    &mut rng,
                    &mut pem,
                    &[
                        b"-----BEGIN CERTIFICATE-----",
                        b"-----END CERTIFICATE-----",
                        b"=",
                        b"\n",
                    ],
                );
            }
            pem
        } else {
            der
        };
        let _ = check(
            "sig-roots",
            case,
            &[("goc.cer", &file)],
            || parse_roots("goc.cer", &file),
            refusal,
        );
    }
    eprintln!("root certificate files: {n} cases");
}
