//! Finding the signatures in a PDF's bytes. A PDF signature is a dictionary with
//! `/ByteRange [a b c d]` (the two pieces of the file it covers) and `/Contents <hex>` (the
//! CMS blob, filling the gap between the pieces). Scanning the raw bytes for `/ByteRange`
//! finds every signature of every revision, whatever the object layout, and what is checked
//! is then exactly what the signer hashed. Nothing here trusts a number it reads: each range
//! is checked against the file's length, and the gap must hold the hex string and nothing
//! else.

/// One signature dictionary as found in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// `[a, b, c, d]`: the bytes `a..a+b` and `c..c+d` are signed.
    pub range: [usize; 4],
    /// The CMS blob, decoded from hex, trailing zero padding removed.
    pub cms: Vec<u8>,
    /// `/M (D:20261110093000+07'00')`, when the dictionary has one.
    pub m: Option<String>,
    /// `/Name (…)`, when present (some signing tools write the signer's name).
    pub name: Option<String>,
    /// `/SubFilter /adbe.pkcs7.detached`, `/ETSI.CAdES.detached`, `/adbe.pkcs7.sha1`.
    pub sub_filter: Option<String>,
}

impl Found {
    /// Where the signed bytes end: the file up to here is what the signer saw.
    pub fn end(&self) -> usize {
        self.range[2] + self.range[3]
    }

    /// The signed bytes, in order (the two pieces around the `/Contents` gap).
    pub fn signed<'a>(&self, pdf: &'a [u8]) -> [&'a [u8]; 2] {
        let [a, b, c, d] = self.range;
        [&pdf[a..a + b], &pdf[c..c + d]]
    }
}

/// Why a `/ByteRange` could not be used; the caller reports it as a broken signature.
#[derive(Debug, Clone, PartialEq)]
pub enum Malformed {
    /// The range lies outside the file, overlaps, or does not start at the file's start.
    Range([usize; 4]),
    /// The gap between the two pieces is not one hex string.
    Contents([usize; 4]),
}

const KEY: &[u8] = b"/ByteRange";
/// More signatures than any real document carries: stop rather than walk a hostile file.
const MAX_SIGNATURES: usize = 64;
/// The largest gap read, hex digits and spaces: a CMS blob of 2 MB, far more than a
/// signature with its certificates, timestamp and revocation data takes (tools reserve
/// 8–64 KB). Without it, 64 signatures of one 50 MB file could each claim most of it.
const MAX_GAP: usize = 4 << 20;
/// How far before its gap a signature's dictionary is looked for: a dictionary is a few
/// hundred bytes, and a file without "obj" must not be scanned whole 64 times.
const DICT_REACH: usize = 64 * 1024;

/// Every signature in `pdf`, in the order they appear (earlier revisions first), each once.
pub fn find(pdf: &[u8]) -> Vec<Result<Found, Malformed>> {
    let mut out: Vec<Result<Found, Malformed>> = Vec::new();
    let mut seen = Vec::new();
    let mut gaps = Vec::new();
    let mut from = 0;
    while let Some(at) = find_from(pdf, KEY, from) {
        from = at + KEY.len();
        let Some(range) = parse_range(&pdf[from..]) else {
            continue;
        };
        if seen.contains(&range) {
            continue;
        }
        seen.push(range);
        out.push(read(pdf, range, at, &mut gaps));
        if out.len() >= MAX_SIGNATURES {
            break;
        }
    }
    out
}

/// `gaps` holds the gaps (start, end) already read: two valid gaps are either the same
/// or apart (a hex string holds no `<` or `>`), so reading each once bounds the work and
/// the memory of all signatures by the file's size. Two signatures never share a gap.
fn read(
    pdf: &[u8],
    range: [usize; 4],
    at: usize,
    gaps: &mut Vec<(usize, usize)>,
) -> Result<Found, Malformed> {
    let [a, b, c, d] = range;
    let fits = a == 0
        && b.checked_add(a).is_some_and(|e| e < c)
        && c.checked_add(d).is_some_and(|e| e <= pdf.len());
    if !fits {
        return Err(Malformed::Range(range));
    }
    if c - (a + b) > MAX_GAP || gaps.contains(&(a + b, c)) {
        return Err(Malformed::Contents(range));
    }
    gaps.push((a + b, c));
    let cms = hex_string(&pdf[a + b..c]).ok_or(Malformed::Contents(range))?;
    // The dictionary around the range: from its object's start to its end, so that /M and
    // /Name are read from this signature's dictionary, not a neighbour's.
    let before = at.min(a + b);
    let from = before.saturating_sub(DICT_REACH);
    let start = rfind(&pdf[from..before], b"obj").map_or(from, |i| from + i);
    let reach = (c + 4096).min(pdf.len());
    let end = find_from(&pdf[..reach], b"endobj", c).unwrap_or(reach);
    let dict = [&pdf[start..a + b], &pdf[c..end.max(c)]];
    Ok(Found {
        range,
        cms: strip_padding(cms),
        m: dict.iter().find_map(|p| literal_after(p, b"/M")),
        name: dict.iter().find_map(|p| literal_after(p, b"/Name")),
        sub_filter: dict.iter().find_map(|p| name_after(p, b"/SubFilter")),
    })
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// `[0 840 960 2400]` after `/ByteRange`, with any PDF white space.
fn parse_range(s: &[u8]) -> Option<[usize; 4]> {
    let s = &s[..s.len().min(128)];
    let open = s.iter().position(|&c| !is_space(c))?;
    if s[open] != b'[' {
        return None;
    }
    let close = s.iter().position(|&c| c == b']')?;
    let inner = std::str::from_utf8(&s[open + 1..close]).ok()?;
    let nums: Vec<usize> = inner
        .split(|c: char| c.is_ascii_whitespace() || c == '\0')
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().ok())
        .collect::<Option<_>>()?;
    nums.try_into().ok()
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

/// `<3082…00>` → bytes; `None` unless the gap is exactly one hex string.
fn hex_string(gap: &[u8]) -> Option<Vec<u8>> {
    let inner = gap.strip_prefix(b"<")?.strip_suffix(b">")?;
    let digits: Vec<u8> = inner.iter().copied().filter(|c| !is_space(*c)).collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|p| {
            let h = (p[0] as char).to_digit(16)?;
            let l = (p[1] as char).to_digit(16)?;
            Some((h * 16 + l) as u8)
        })
        .collect()
}

/// The CMS blob is written into a gap reserved in advance and padded with zeros: keep the
/// DER element and drop the padding (the element's length says where it ends).
fn strip_padding(mut cms: Vec<u8>) -> Vec<u8> {
    if let Some(len) = der_len(&cms) {
        if len <= cms.len() {
            cms.truncate(len);
        }
    }
    cms
}

/// The total length of the DER element at the start of `b` (tag, length, content).
fn der_len(b: &[u8]) -> Option<usize> {
    let first = *b.get(1)?;
    if first < 0x80 {
        return Some(2 + first as usize);
    }
    let n = (first & 0x7f) as usize;
    if n == 0 || n > 4 {
        return None;
    }
    let len = b
        .get(2..2 + n)?
        .iter()
        .fold(0usize, |acc, &x| (acc << 8) | x as usize);
    Some(2 + n + len)
}

/// `/M (D:2026…)` → "D:2026…": the literal string after `key`, escapes kept simple (the
/// values read here are dates and names, shown, never interpreted).
fn literal_after(dict: &[u8], key: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(at) = find_from(dict, key, from) {
        from = at + key.len();
        let rest = &dict[from..];
        // `/M` must not match `/MDP` or `/Marked`: the key ends at a delimiter.
        if rest.first().is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let open = rest.iter().position(|&c| !is_space(c))?;
        if rest[open] != b'(' {
            return None;
        }
        return unescape(&rest[open + 1..]).map(|b| pdf_text(&b));
    }
    None
}

/// The bytes of a literal string whose `(` was just read, up to its balancing `)`, with
/// its escapes (`\072`, `\n`, `\(`…) resolved.
fn unescape(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        match c {
            b'\\' => {
                let e = *s.get(i)?;
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match s.get(i) {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(v as u8);
                    }
                    // A backslash before a line break continues the line.
                    b'\r' | b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(c);
            }
            b')' if depth == 0 => return Some(out),
            b')' => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    None
}

/// A PDF text string: UTF-16BE with its byte-order mark, or PDFDocEncoding (Latin-1 for
/// the characters a name or a date uses). Control characters are dropped: the text is shown.
fn pdf_text(bytes: &[u8]) -> String {
    let text = match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| b as char).collect(),
    };
    crate::text::nfc(
        text.chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .trim(),
    )
}

/// `/SubFilter /adbe.pkcs7.detached` → "adbe.pkcs7.detached".
fn name_after(dict: &[u8], key: &[u8]) -> Option<String> {
    let at = find_from(dict, key, 0)? + key.len();
    let rest = &dict[at..];
    let open = rest.iter().position(|&c| !is_space(c))?;
    let name = rest[open..].strip_prefix(b"/")?;
    let end = name
        .iter()
        .position(|&c| is_space(c) || b"/<>[]()".contains(&c))
        .unwrap_or(name.len());
    Some(String::from_utf8_lossy(&name[..end]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_pdf(contents: &str, range: &str) -> Vec<u8> {
        format!(
            "%PDF-1.7\n5 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M(D:20261110093000+07'00')/ByteRange {range}/Contents {contents}>>\nendobj\n%%EOF\n"
        )
        .into_bytes()
    }

    /// A file whose range really covers it around `contents` (numbers zero-padded to a
    /// fixed width, so writing them does not move the offsets).
    fn with_true_range(contents: &str) -> Vec<u8> {
        let template = signed_pdf(contents, "[0 0000000 0000000 0000000]");
        let gap = template.windows(9).position(|w| w == b"/Contents").unwrap() + 10;
        let end = gap + contents.len();
        let range = format!("[0 {gap:07} {end:07} {:07}]", template.len() - end);
        signed_pdf(contents, &range)
    }

    #[test]
    fn a_signature_is_found_with_its_range_and_dictionary() {
        // The gap holds a DER SEQUENCE of 3 bytes padded with zeros.
        let pdf = with_true_range("<3003020101000000>");
        let found = find(&pdf);
        assert_eq!(found.len(), 1);
        let f = found[0].clone().unwrap();
        assert_eq!(f.cms, [0x30, 0x03, 0x02, 0x01, 0x01]);
        assert_eq!(f.m.as_deref(), Some("D:20261110093000+07'00'"));
        assert_eq!(f.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
        assert_eq!(f.end(), pdf.len());
        let [first, second] = f.signed(&pdf);
        assert!(first.starts_with(b"%PDF") && second.ends_with(b"%%EOF\n"));
    }

    #[test]
    fn ranges_outside_the_file_or_gaps_that_are_not_hex_are_malformed() {
        let pdf = signed_pdf("<00>", "[0 10 5 3]");
        assert_eq!(find(&pdf), [Err(Malformed::Range([0, 10, 5, 3]))]);
        let pdf = signed_pdf("<00>", "[0 10 20 99999]");
        assert!(matches!(find(&pdf)[0], Err(Malformed::Range(_))));
        // A gap that holds more than the hex string (someone moved the range).
        let pdf = signed_pdf("<00>", "[0 3 20 5]");
        assert!(matches!(find(&pdf)[0], Err(Malformed::Contents(_))));
        assert!(find(b"%PDF-1.4 no signature").is_empty());
        assert!(find(b"/ByteRange [1 2").is_empty());
    }

    /// `copies` signatures around one gap `contents`, each with its own tail.
    fn sharing_a_gap(contents: &str, copies: usize) -> (Vec<u8>, usize, usize) {
        let head = "%PDF-1.7\n1 0 obj\n<</Type/Sig/Contents ";
        let mut pdf = format!("{head}{contents}").into_bytes();
        let (b, c) = (head.len(), pdf.len());
        for d in 0..copies {
            pdf.extend(format!("/ByteRange [0 {b} {c} {}]", 10 + d).bytes());
        }
        pdf.extend(b">>\nendobj\n%%EOF\n");
        (pdf, b, c)
    }

    #[test]
    fn a_gap_is_read_once_and_never_longer_than_a_signature() {
        // A hostile file made 64 signatures share one gap of most of the file: each
        // decoded it again (64 × 4 MB kept for an 8 MB file, and minutes in a debug build).
        let (pdf, b, c) = sharing_a_gap("<3003020101>", 3);
        let found = find(&pdf);
        assert_eq!(
            found[0].as_ref().unwrap().cms,
            [0x30, 0x03, 0x02, 0x01, 0x01]
        );
        assert_eq!(found[1], Err(Malformed::Contents([0, b, c, 11])));
        assert_eq!(found[2], Err(Malformed::Contents([0, b, c, 12])));
        let long = format!("<{}>", "0".repeat(MAX_GAP));
        let (pdf, b, c) = sharing_a_gap(&long, 1);
        assert_eq!(find(&pdf), [Err(Malformed::Contents([0, b, c, 10]))]);
    }

    #[test]
    fn text_strings_are_read_as_utf16_or_latin1() {
        let name = [
            b"/Name(".as_slice(),
            &[0xfe, 0xff, 0x00, b'L', 0x1e, 0xa1, 0x00, b'i'],
            b")",
        ]
        .concat();
        assert_eq!(literal_after(&name, b"/Name").as_deref(), Some("Lại"));
        assert_eq!(
            literal_after(b"/MDP 1 /M (D:2026)", b"/M").as_deref(),
            Some("D:2026")
        );
        // pyHanko writes the colon as an octal escape.
        assert_eq!(
            literal_after(br"/M(D\07220261207013557Z)", b"/M").as_deref(),
            Some("D:20261207013557Z")
        );
        assert_eq!(
            literal_after(br"/Name(a \(b\) (c))", b"/Name").as_deref(),
            Some("a (b) (c)")
        );
        assert_eq!(der_len(&[0x30, 0x82, 0x01, 0x00]), Some(260));
        assert_eq!(hex_string(b"<0a 1B>"), Some(vec![10, 27]));
        assert_eq!(hex_string(b"<0g>"), None);
    }
}
