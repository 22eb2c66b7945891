//! Splitting the dossier into e-mails no larger than the officer's budget. Scanned signed
//! copies make a dossier of 30–60 MB, which no mail server takes as one message; the files
//! are cut, in their order, into numbered parts, each a ZIP with its own e-mail.
//!
//! The split is decided before packing, from each file's deflated size (measured, not
//! guessed: scans do not compress, the XLSX and DOCX barely) and the base64 and MIME
//! overhead of the e-mail around it, so every ZIP is packed once.

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::Compression;

use super::parts::Part;

/// Bytes an e-mail carries beyond its attachment: headers and the text listing the files,
/// with room to spare (the real text is about 2 KB).
const MAIL_RESERVE: u64 = 16 * 1024;
/// Bytes of `manifest.json` per file it lists, deflated, with room to spare (about 120).
const MANIFEST_PER_FILE: u64 = 400;
/// A ZIP entry's local header and central-directory record, without the name.
const ZIP_ENTRY_OVERHEAD: u64 = 30 + 46 + 64;

/// The size an e-mail gets when it carries a ZIP of `zip` bytes: base64 turns 57 bytes into
/// a 76-character line plus CRLF.
pub fn email_size(zip: u64) -> u64 {
    zip.div_ceil(57) * 78 + MAIL_RESERVE
}

/// What a file adds to its ZIP: its deflated size (or stored, when deflating does not
/// help) and the entry's headers, which carry its name twice.
fn zip_cost(part: &Part) -> u64 {
    let mut enc = DeflateEncoder::new(CountingSink(0), Compression::default());
    let deflated = enc
        .write_all(&part.bytes)
        .and_then(|_| enc.finish())
        .map(|sink| sink.0)
        .unwrap_or(part.bytes.len() as u64);
    deflated.min(part.bytes.len() as u64) + ZIP_ENTRY_OVERHEAD + 2 * part.name.len() as u64
}

/// Counts what is written without keeping it: the compressed bytes are not needed.
struct CountingSink(u64);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The part (1-based) each file goes into, in order, so that each part's e-mail stays
/// within `max_email` bytes. A file too large for any e-mail on its own gets a part of its
/// own (the builder warns about it) rather than stopping the dossier.
pub fn assign(parts: &[Part], max_email: u64) -> Vec<u32> {
    // Every ZIP carries the whole manifest, and the manifest names every file.
    let manifest = MANIFEST_PER_FILE * (parts.len() as u64 + 1) + ZIP_ENTRY_OVERHEAD;
    let mut out = Vec::with_capacity(parts.len());
    let mut part = 1;
    let mut used = manifest;
    let mut files_in_part = 0;
    for p in parts {
        let cost = zip_cost(p);
        if files_in_part > 0 && email_size(used + cost) > max_email {
            part += 1;
            used = manifest;
            files_in_part = 0;
        }
        used += cost;
        files_in_part += 1;
        out.push(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::{FileState, Kind, PartFormat};

    fn part(name: &str, bytes: Vec<u8>) -> Part {
        Part {
            name: name.into(),
            kind: Kind::Plan,
            format: PartFormat::Pdf,
            state: FileState::SignedCopy,
            signers: Vec::new(),
            doc: None,
            bytes,
        }
    }

    /// Bytes that do not compress, as a scan's JPEG streams do not.
    fn noise(len: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn files_are_cut_in_order_into_parts_that_fit() {
        let mb = 1_000_000;
        let parts = [
            part("a.pdf", noise(6 * mb, 1)),
            part("b.pdf", noise(6 * mb, 2)),
            part("c.pdf", noise(6 * mb, 3)),
            part("d.pdf", vec![b'x'; 50 * mb]),
        ];
        // 12 MB of noise is 16.4 MB as base64: two fit in 20 MB, three do not; 50 MB of one
        // repeated byte deflates to almost nothing.
        assert_eq!(assign(&parts, 20 * mb as u64), [1, 1, 2, 2]);
        assert_eq!(assign(&parts, 200 * mb as u64), [1, 1, 1, 1]);
        // Too large for any e-mail: each file alone.
        assert_eq!(assign(&parts, mb as u64), [1, 2, 3, 4]);
        assert!(assign(&[], mb as u64).is_empty());
    }

    #[test]
    fn the_e_mail_estimate_covers_base64_and_the_text() {
        assert_eq!(email_size(0), MAIL_RESERVE);
        assert_eq!(email_size(57), 78 + MAIL_RESERVE);
        assert_eq!(email_size(58), 156 + MAIL_RESERVE);
    }
}
