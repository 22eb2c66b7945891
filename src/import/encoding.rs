//! Bytes to text. Plans come as UTF-8 (with or without a BOM), as UTF-16 (Notepad's
//! "Unicode"), or — from older offices — in a pre-Unicode Vietnamese encoding (TCVN3/ABC
//! with the .VnTime fonts, VNI with VNI-Times). The last cannot be read correctly without
//! knowing the font, so it is refused with a message saying how to convert it; binary
//! files are refused as such. The result is NFC with `\n` line ends.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

fn not_text(name: &str) -> Error {
    Error::Invalid(format!(
        "Tệp {name} không phải văn bản đọc được (có vẻ là tệp nhị phân hoặc bị hỏng). Hãy chọn tệp kế hoạch dạng .txt, .md hoặc .docx."
    ))
}

fn empty(name: &str) -> Error {
    Error::Invalid(format!(
        "Tệp {name} trống, không có nội dung để nhập. Hãy chọn đúng tệp kế hoạch."
    ))
}

/// Decodes `bytes` of the file `name` (used in messages) to NFC text with `\n` line ends.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(name, rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(name, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(name, rest, u16::from_be_bytes)?
    } else {
        utf8(name, bytes)?
    };
    let text = normalise(&text);
    if text.trim().is_empty() {
        return Err(empty(name));
    }
    Ok(text)
}

fn utf8(name: &str, bytes: &[u8]) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_text(name, s)?;
            Ok(s.to_string())
        }
        Err(_) if looks_like_8bit_text(bytes) => Err(Error::LegacyEncoding {
            name: name.to_string(),
        }),
        Err(_) => Err(not_text(name)),
    }
}

fn utf16(name: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let s: String = char::decode_utf16(units)
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| not_text(name))?;
    check_text(name, &s)?;
    Ok(s)
}

/// Text in an 8-bit code page (TCVN3, VNI, Windows-1258): printable bytes and line ends,
/// with some bytes above 127, and no control characters as binary files have.
fn looks_like_8bit_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    let high = sample.iter().filter(|&&b| b >= 0x80).count();
    let letters = sample.iter().filter(|&&b| b.is_ascii_alphabetic()).count();
    controls == 0 && high > 0 && letters * 4 >= sample.len()
}

/// Refuses valid UTF-8 that is not a document: binary (control characters) or text typed
/// with a legacy Vietnamese font (its letters show as "K¸ ho¹ch", "Keá hoaïch").
fn check_text(name: &str, s: &str) -> Result<()> {
    let mut chars = 0usize;
    let mut controls = 0usize;
    let mut letters = 0usize;
    let mut legacy = 0usize;
    for c in s.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}') {
            controls += 1;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
        if is_legacy_glyph(c) {
            legacy += 1;
        }
    }
    if controls * 100 > chars || c_replacement_heavy(s, chars) {
        return Err(not_text(name));
    }
    if legacy >= 5 && legacy * 50 >= letters {
        return Err(Error::LegacyEncoding {
            name: name.to_string(),
        });
    }
    Ok(())
}

/// Many U+FFFD: the file was already decoded wrongly once.
fn c_replacement_heavy(s: &str, chars: usize) -> bool {
    let bad = s.chars().filter(|&c| c == '\u{FFFD}').count();
    bad >= 5 && bad * 20 > chars
}

/// Latin-1 characters that Vietnamese Unicode text does not use but TCVN3 and VNI text
/// shown as Unicode is full of: "¸" (á in TCVN3), "µ" (à), "®" (đ), "ª" (ê), "ï" and "ø"
/// (VNI tone marks), "ñ" (VNI đ)… The letters Vietnamese shares with Latin-1 (à, á, â, ã,
/// è, é, ê, ì, í, ò, ó, ô, õ, ù, ú, ý and capitals) and common signs («», °, §, ©, ±, ×, ÷)
/// do not count.
fn is_legacy_glyph(c: char) -> bool {
    if !('\u{A1}'..='\u{FF}').contains(&c) {
        return false;
    }
    const VIETNAMESE: &str = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";
    const SIGNS: &str = "«»°§©±×÷";
    !VIETNAMESE.contains(c) && !SIGNS.contains(c)
}

/// NFC, `\n` line ends, no zero-width or byte-order marks, no-break spaces as spaces.
pub fn normalise(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .nfc()
        .filter_map(|c| match c {
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{2060}' => None,
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => Some(' '),
            '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' => Some('\n'),
            c if c.is_control() && c != '\n' && c != '\t' => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_utf16_and_bom() {
        let s = "Kế hoạch\r\nsố 1";
        assert_eq!(decode("a", s.as_bytes()).unwrap(), "Kế hoạch\nsố 1");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode("a", &bom).unwrap(), "Kế hoạch\nsố 1");
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("a", &le).unwrap(), "Kế hoạch\nsố 1");
        let nfd: String = s.nfd().collect();
        assert_eq!(decode("a", nfd.as_bytes()).unwrap(), "Kế hoạch\nsố 1");
    }

    #[test]
    fn legacy_and_binary_are_refused() {
        // "KẾ HOẠCH thực hiện" typed with .VnTime (TCVN3), saved as UTF-8.
        let tcvn3 = "KÕ ho¹ch thùc hiÖn QuyÕt ®Þnh sè 06 cña Thñ t\u{AD}íng ChÝnh phñ";
        assert_eq!(
            decode("a", tcvn3.as_bytes()).unwrap_err().code(),
            "legacy-encoding"
        );
        // The same bytes in the 8-bit code page itself are not UTF-8.
        let bytes: Vec<u8> =
            b"K\xd5 ho\xb9ch th\xf9c hi\xd6n Quy\xd5t \xae\xdfnh s\xe8 06".to_vec();
        assert_eq!(decode("a", &bytes).unwrap_err().code(), "legacy-encoding");
        // VNI-Times: "Keá hoaïch thöïc hieän".
        let vni = "Keá hoaïch thöïc hieän Quyeát ñònh soá 06 cuûa Thuû töôùng";
        assert_eq!(
            decode("a", vni.as_bytes()).unwrap_err().code(),
            "legacy-encoding"
        );
        assert_eq!(
            decode("a", &[0, 1, 2, 3, 0xff, 0xfe, 7])
                .unwrap_err()
                .code(),
            "invalid"
        );
        assert!(decode("a", b"").is_err());
        assert!(decode("a", b" \n\r\n").is_err());
        // A real plan quoting one foreign name still passes.
        assert!(decode("a", "Kế hoạch với ông Müller".as_bytes()).is_ok());
    }
}
