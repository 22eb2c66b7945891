//! Fuzzing every parser of a file that comes from outside, with one deterministic generator
//! (no dependency, the same cases on every run): the plan importer (`import`), a unit's and
//! the catalogue's workbooks (`xlsx`), the catalogue's JSON (`catalog`), a received
//! dossier's ZIPs (`dossier`), the signatures in a signed PDF and the trusted roots'
//! certificate files (`signature`). Over 10⁶ cases in all, most of them small and fast,
//! the costly ones (a workbook or a ZIP rebuilt) fewer. A parser must never panic, must
//! answer each case within `SLOW`, and every message it gives must be Vietnamese. `bounds`
//! checks that inputs declaring giant sizes are refused quickly and with little memory.
//!
//! A failing input is written to the target's temporary folder and named in the message.
//! `TRE_FUZZ_SCALE=10` runs ten times as many cases (other seeds of the generator:
//! `TRE_FUZZ_SEED`). Run them alone with `cargo test --test it fuzz::`.

mod bounds;
mod catalog;
mod dossier;
mod import;
mod signature;
mod xlsx;

use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use flate2::{Compress, Compression, FlushCompress};

use crate::common::Tre;
use crate::support::is_vietnamese;

/// xorshift64*: small, fast, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    /// The generator of one test (`stream`), from `TRE_FUZZ_SEED` when set.
    pub fn new(stream: u64) -> Self {
        let seed = std::env::var("TRE_FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0x5eed_7e5a);
        Rng((seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `len` random bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    /// A length that is mostly short: up to 16, 256 or `max` bytes.
    pub fn len(&mut self, max: usize) -> usize {
        match self.below(4) {
            0 => self.below(16),
            1 => self.below(256),
            _ => self.below(max),
        }
    }
}

/// `base` cases, times `TRE_FUZZ_SCALE` when set.
pub fn cases(base: usize) -> usize {
    let scale = std::env::var("TRE_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(1.0);
    ((base as f64) * scale).max(1.0) as usize
}

/// The cases a target's tests run, from their base counts.
pub fn total(bases: &[usize]) -> usize {
    bases.iter().map(|&n| cases(n)).sum()
}

/// Issue 13 asks for at least 10⁶ cases in all, in the tests CI runs. Counted from the
/// constants each target's tests run with (printed for bench/RESULTS.md).
#[test]
fn at_least_a_million_cases() {
    let targets = [
        ("import (plans: .txt, .md, .docx)", total(import::CASES)),
        ("xlsx (unit and catalogue workbooks)", total(xlsx::CASES)),
        ("catalog (JSON and file)", total(catalog::CASES)),
        ("dossier verify (ZIPs)", total(dossier::CASES)),
        (
            "signature (signed PDFs, CMS, roots)",
            total(signature::CASES),
        ),
        ("bounds (giant declared sizes)", bounds::COUNT),
    ];
    let mut all = 0;
    for (target, n) in targets {
        eprintln!("{target}: {n} cases");
        all += n;
    }
    eprintln!("in all: {all} cases");
    assert!(
        all >= 1_000_000 || std::env::var("TRE_FUZZ_SCALE").is_ok(),
        "{all}"
    );
}

/// One case may take this long in the debug build before it counts as a hang (the slowest
/// cases, a signature that still verifies or the real dossier, take a few milliseconds).
const SLOW: Duration = Duration::from_secs(5);

/// Saves the input of a failing case beside the build and fails the test, naming it.
pub fn fail(target: &str, case: usize, files: &[(&str, &[u8])], why: &str) -> ! {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let saved: Vec<String> = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(format!("fuzz-{target}-{case}-{name}"));
            let _ = std::fs::write(&path, bytes);
            path.display().to_string()
        })
        .collect();
    panic!(
        "{target} case {case}: {why}; input saved to {}",
        saved.join(", ")
    );
}

/// Runs one case: `run` must not panic nor take longer than `SLOW`, and each message
/// `messages` finds in its answer must be Vietnamese. `files` is the input, saved if not.
pub fn check<T>(
    target: &str,
    case: usize,
    files: &[(&str, &[u8])],
    run: impl FnOnce() -> T,
    messages: impl FnOnce(&T) -> Vec<String>,
) -> T {
    let start = Instant::now();
    let out = match catch_unwind(AssertUnwindSafe(run)) {
        Ok(out) => out,
        Err(_) => fail(target, case, files, "the parser panicked"),
    };
    if start.elapsed() > SLOW {
        let why = format!("took {:?}", start.elapsed());
        fail(target, case, files, &why);
    }
    for m in messages(&out) {
        if !is_vietnamese(&m) {
            fail(
                target,
                case,
                files,
                &format!("message is not Vietnamese: {m}"),
            );
        }
    }
    out
}

/// The message of a refusal, to check; an accepted input has none of its own.
pub fn refusal<T>(r: &tre::error::Result<T>) -> Vec<String> {
    match r {
        Ok(_) => Vec::new(),
        Err(e) => vec![e.to_string()],
    }
}

/// Numbers a parser may take at face value: zero, negatives, the edges of 32 and 64 bits,
/// more digits than any integer type holds, exponents.
pub const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "255",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999",
    "1e308",
    "1e400",
    "-0",
    "0.5",
    "NaN",
];

/// One random change of `b`: a bit flipped, a byte set, bytes inserted, deleted or cut,
/// a chunk repeated or swapped, a word of `dict` written in, or a number replaced by one
/// of `NUMBERS`.
pub fn mutate_bytes(rng: &mut Rng, b: &mut Vec<u8>, dict: &[&[u8]]) {
    let len = b.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        0 if len > 0 => {
            let i = rng.below(len);
            b[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            let random = rng.next() as u8;
            b[i] = rng.pick(&[0, 0xff, 0x7f, 0x80, b'0', b'9', random]);
        }
        2 => {
            let n = 1 + rng.below(16);
            let bytes = rng.bytes(n);
            b.splice(at..at, bytes);
        }
        3 => {
            let end = (at + 1 + rng.below(64)).min(len);
            b.drain(at.min(end)..end);
        }
        4 => b.truncate(at),
        5 if len > 0 => {
            let i = rng.below(len);
            let j = (i + 1 + rng.below(256)).min(len);
            let chunk = b[i..j].to_vec();
            for _ in 0..1 + rng.below(3) {
                b.splice(at..at, chunk.iter().copied());
            }
        }
        6 if !dict.is_empty() => {
            let word = rng.pick(dict);
            b.splice(at..at, word.iter().copied());
        }
        7 if !dict.is_empty() => {
            let word = rng.pick(dict);
            let end = (at + word.len()).min(len);
            b.splice(at..end, word.iter().copied());
        }
        8 if len > 2 => {
            let n = 1 + rng.below(len / 2).min(64);
            let i = rng.below(len - n + 1);
            let j = rng.below(len - n + 1);
            if i + n <= j || j + n <= i {
                for k in 0..n {
                    b.swap(i + k, j + k);
                }
            }
        }
        _ => replace_number(rng, b, at),
    }
}

/// One byte changed in place (a bit flipped or the byte replaced): the file keeps its
/// length and its offsets, so a ZIP still opens and the change reaches its contents.
pub fn flip(rng: &mut Rng, b: &mut [u8]) {
    if b.is_empty() {
        return;
    }
    let i = rng.below(b.len());
    if rng.chance(50) {
        b[i] ^= 1 << rng.below(8);
    } else {
        b[i] = rng.next() as u8;
    }
}

/// `times` changes in a row.
pub fn mutate_n(rng: &mut Rng, b: &mut Vec<u8>, dict: &[&[u8]], times: usize) {
    for _ in 0..times {
        mutate_bytes(rng, b, dict);
    }
}

/// Replaces the first run of digits at or after `from` by one of `NUMBERS`.
pub fn replace_number(rng: &mut Rng, b: &mut Vec<u8>, from: usize) {
    let Some(start) = b
        .get(from..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
        .map(|i| i + from)
    else {
        return;
    };
    let end = b[start..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(b.len(), |i| i + start);
    let n = rng.pick(NUMBERS);
    b.splice(start..end, n.bytes());
}

/// The entries of a ZIP, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().to_string(), out)
        })
        .collect()
}

/// A ZIP of `entries`, stored (fast to write and to read) or deflated. Written by hand
/// (`raw_zip`), so names may repeat or be anything a hostile sender writes.
pub fn rezip(entries: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let raw: Vec<Raw> = entries
        .iter()
        .map(|(name, bytes)| {
            let mut e = Raw::stored(name, bytes.clone());
            if deflate {
                let mut z = flate2::write::DeflateEncoder::new(Vec::new(), Compression::fast());
                z.write_all(bytes).unwrap();
                e.data = z.finish().unwrap();
                e.method = 8;
            }
            e
        })
        .collect();
    raw_zip(&raw)
}

/// The demo's dossier (`tre dossier build --drafts`), made once per test run with the
/// real `tre`: the seed of the dossier target (the workbooks' seeds are made in-process).
pub fn demo_dossier() -> &'static [u8] {
    static DOSSIER: OnceLock<Vec<u8>> = OnceLock::new();
    DOSSIER.get_or_init(|| {
        let tre = Tre::new();
        tre.ok(&["demo", "--year", "2026"]);
        let path = tre.path("ho-so.zip");
        tre.ok(&[
            "dossier",
            "build",
            "--year",
            "2026",
            "--out",
            path.to_str().unwrap(),
            "--drafts",
        ]);
        std::fs::read(&path).unwrap()
    })
}

/// VmHWM: the peak resident memory of this process, in kB (Linux only).
pub fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// An entry of a ZIP written by hand, to declare what the zip crate would never write.
pub struct Raw {
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    pub data: Vec<u8>,
    pub crc: u32,
    /// The uncompressed size the headers declare.
    pub size: u32,
}

impl Raw {
    pub fn stored(name: &str, data: Vec<u8>) -> Raw {
        let mut crc = flate2::Crc::new();
        crc.update(&data);
        Raw {
            name: name.into(),
            method: 0,
            size: data.len() as u32,
            crc: crc.sum(),
            data,
        }
    }

    /// A deflated entry of `head` then `mib` MiB of `fill`, from a stream of about
    /// `mib` KB: one block of 1 MiB compressed once, repeated (a full flush makes each
    /// copy independent of what came before), then an empty final block. Its CRC is not
    /// computed (a reader that stops at a limit never gets to check it).
    pub fn bomb(name: &str, head: &[u8], fill: u8, mib: usize) -> Raw {
        let flushed = |data: &[u8]| {
            let mut c = Compress::new(Compression::best(), false);
            let mut out = Vec::with_capacity(data.len() + 1024);
            c.compress_vec(data, &mut out, FlushCompress::Full).unwrap();
            out
        };
        let block = flushed(&vec![fill; 1 << 20]);
        let mut data = flushed(head);
        for _ in 0..mib {
            data.extend_from_slice(&block);
        }
        // The final block: fixed Huffman, end of block only.
        data.extend_from_slice(&[0x03, 0x00]);
        Raw {
            name: name.into(),
            method: 8,
            data,
            crc: 0,
            size: (head.len() + (mib << 20)).min(u32::MAX as usize) as u32,
        }
    }
}

/// A ZIP of `entries`: local headers and data, the central directory, its end record.
pub fn raw_zip(entries: &[Raw]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let fields = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(e.method.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(0x21u16.to_le_bytes());
            h.extend(e.crc.to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend(e.size.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                // Comment length, disk, internal and external attributes.
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(fields(0x0403_4b50, false));
        out.extend(&e.data);
        central.extend(fields(0x0201_4b50, true));
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
