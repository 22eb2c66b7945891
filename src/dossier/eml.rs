//! The e-mail draft beside the ZIP (`F.eml`): RFC 5322 + MIME multipart/mixed with a short
//! Vietnamese text and the ZIP attached. `X-Unsent: 1` makes Outlook open it as a draft to
//! send; Thunderbird opens it too ("Edit as New Message"). Written by hand rather than with
//! a mail crate: the message is small and fixed, and every byte must be reproducible.
//!
//! There is no `From:`: the officer's mail program fills in the account that sends it.

use base64::Engine;
use chrono::{DateTime, FixedOffset};

use super::manifest::{hex, FileEntry};
use crate::model::Commune;

const CRLF: &str = "\r\n";
/// Bytes of text per RFC 2047 encoded-word: 36 bytes → 48 base64 characters, so a header
/// line with its name stays under the 78 characters RFC 5322 recommends.
const WORD_BYTES: usize = 36;

/// Which ZIP of the dossier an e-mail carries.
pub struct Which<'a> {
    /// 1-based.
    pub part: u32,
    pub parts: u32,
    pub zip_name: &'a str,
}

/// The draft's bytes and the warnings for the officer.
pub fn draft(
    commune: &Commune,
    year: i32,
    which: &Which,
    zip: &[u8],
    files: &[FileEntry],
    created: DateTime<FixedOffset>,
) -> (Vec<u8>, Vec<String>) {
    let mut warnings = Vec::new();
    let to = match commune.superior_email.as_deref().map(str::trim) {
        Some(addr) if is_address(addr) => Some(addr),
        Some(addr) if !addr.is_empty() => {
            warnings.push(format!(
                "Địa chỉ thư điện tử của cơ quan cấp trên “{addr}” không hợp lệ nên thư nháp chưa có người nhận. Hãy sửa địa chỉ này trong thông tin xã rồi lập lại hồ sơ, hoặc điền người nhận khi mở thư."
            ));
            None
        }
        _ => {
            warnings.push("Chưa có địa chỉ thư điện tử của cơ quan cấp trên nên thư nháp chưa có người nhận. Hãy nhập địa chỉ này trong thông tin xã rồi lập lại hồ sơ, hoặc điền người nhận khi mở thư.".to_string());
            None
        }
    };
    let digest = hex(&<sha2::Sha256 as sha2::Digest>::digest(zip));
    let boundary = format!("=_tre_{}", &digest[..32]);

    let mut m = String::new();
    let mut header = |name: &str, value: &str| {
        m.push_str(name);
        m.push_str(": ");
        m.push_str(value);
        m.push_str(CRLF);
    };
    header("X-Unsent", "1");
    // RFC 5322 date with a two-digit day, as most mail programs write it.
    header(
        "Date",
        &created.format("%a, %d %b %Y %H:%M:%S %z").to_string(),
    );
    if let Some(addr) = to {
        let name = encode_words(&commune.superior);
        header("To", &format!("{name}{CRLF} <{addr}>"));
    }
    let mut subject = subject(commune, year);
    if which.parts > 1 {
        subject.push_str(&format!(" (phần {}/{})", which.part, which.parts));
    }
    header("Subject", &encode_words(&subject));
    header(
        "Message-ID",
        &format!("<{}.{year}@tre.local>", &digest[..24]),
    );
    header("MIME-Version", "1.0");
    header("X-Mailer", &super::manifest::generator());
    header(
        "Content-Type",
        &format!("multipart/mixed;{CRLF} boundary=\"{boundary}\""),
    );
    m.push_str(CRLF);

    m.push_str(&format!("--{boundary}{CRLF}"));
    m.push_str(&format!("Content-Type: text/plain; charset=UTF-8{CRLF}"));
    m.push_str(&format!("Content-Transfer-Encoding: base64{CRLF}{CRLF}"));
    m.push_str(&base64_lines(body(commune, year, which, files).as_bytes()));

    m.push_str(&format!("--{boundary}{CRLF}"));
    let (type_name, disposition) = filename_params(which.zip_name);
    m.push_str(&format!(
        "Content-Type: application/zip;{CRLF} {type_name}{CRLF}"
    ));
    m.push_str(&format!(
        "Content-Disposition: attachment;{CRLF} {disposition}{CRLF}"
    ));
    m.push_str(&format!("Content-Transfer-Encoding: base64{CRLF}{CRLF}"));
    m.push_str(&base64_lines(zip));
    m.push_str(&format!("--{boundary}--{CRLF}"));
    (m.into_bytes(), warnings)
}

/// "UBND xã Minh Hòa gửi hồ sơ tự đánh giá xã phù hợp với trẻ em năm 2026".
pub fn subject(commune: &Commune, year: i32) -> String {
    format!(
        "UBND {} gửi hồ sơ tự đánh giá {} phù hợp với trẻ em năm {year}",
        commune.full_name(),
        commune.kind
    )
}

fn body(commune: &Commune, year: i32, which: &Which, files: &[FileEntry]) -> String {
    let zip_name = which.zip_name;
    let whose = format!(
        "Ủy ban nhân dân {} gửi hồ sơ tự đánh giá {} phù hợp với trẻ em năm {year}",
        commune.full_name(),
        commune.kind
    );
    let what = if which.parts > 1 {
        format!(
            "{whose}. Hồ sơ được chia thành {n} thư cho vừa dung lượng thư điện tử; thư này là phần {k}/{n}, \
             trong tệp nén đính kèm {zip_name}, gồm:",
            k = which.part,
            n = which.parts
        )
    } else {
        format!("{whose}, trong tệp nén đính kèm {zip_name}, gồm:")
    };
    let mut b = format!("Kính gửi: {}.\n\n{what}\n", commune.superior);
    for f in files {
        // An e-signed copy names its signers: "bản ký số của Nguyễn Văn An; UBND xã Minh Hòa".
        let state = if f.signers.is_empty() {
            f.state.label().to_string()
        } else {
            let names: Vec<&str> = f.signers.iter().map(|s| s.name.as_str()).collect();
            format!("bản ký số của {}", names.join("; "))
        };
        b.push_str(&format!(
            "- {} ({}, {state}, {}): {}\n",
            f.kind.label(),
            f.format.label(),
            size_text(f.size),
            f.name
        ));
    }
    b.push_str(
        "\nTệp manifest.json trong mỗi tệp nén liệt kê mọi tệp của hồ sơ, tình trạng (bản ký, \
         dự thảo, số liệu) và mã SHA-256 của từng tệp để kiểm tra hồ sơ không bị thay đổi \
         (lệnh `tre dossier verify`, cho tất cả các phần cùng lúc).\n\nTrân trọng./.\n",
    );
    b.push_str(&format!("UBND {}\n", commune.full_name()));
    // Mail bodies use CRLF; the text is written with \n for readability.
    b.replace('\n', CRLF)
}

fn size_text(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} byte")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A plain address, nothing a header could be smuggled through (CR, LF, `<`, `,`…).
pub fn is_address(addr: &str) -> bool {
    let Some((local, domain)) = addr.split_once('@') else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._%+-!#$&'*/=?^`{|}~".contains(&b))
    };
    ok(local) && ok(domain) && !domain.contains('@') && domain.contains('.')
}

/// RFC 2047 "B" encoded-words for non-ASCII text, split on character boundaries and folded
/// one per line; plain ASCII text is left as it is.
pub fn encode_words(text: &str) -> String {
    // A header is one line whatever the text held: control characters become spaces.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.as_str();
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) && !text.contains("=?") {
        return text.to_string();
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > WORD_BYTES {
            words.push(format!("=?UTF-8?B?{}?=", b64.encode(&chunk)));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", b64.encode(&chunk)));
    }
    words.join(&format!("{CRLF} "))
}

/// The attachment's `name=` (Content-Type) and `filename=` (Content-Disposition). An ASCII
/// name is quoted as is; any other gets RFC 2231 (`filename*=UTF-8''…`, in pieces so lines
/// stay short) and an RFC 2047 `name=` for mail programs that only read that.
fn filename_params(name: &str) -> (String, String) {
    let plain = name
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    if plain {
        return (format!("name=\"{name}\""), format!("filename=\"{name}\""));
    }
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in name.chars() {
        let mut enc = String::new();
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                enc.push(b as char);
            } else {
                enc.push_str(&format!("%{b:02X}"));
            }
        }
        if piece.len() + enc.len() > 45 {
            pieces.push(std::mem::take(&mut piece));
        }
        piece.push_str(&enc);
    }
    pieces.push(piece);
    let disposition = pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let charset = if i == 0 { "UTF-8''" } else { "" };
            format!("filename*{i}*={charset}{p}")
        })
        .collect::<Vec<_>>()
        .join(&format!(";{CRLF} "));
    let type_name = format!("name=\"{}\"", encode_words(name));
    (type_name, disposition)
}

/// Base64 in lines of 76 characters (RFC 2045), each ending in CRLF.
fn base64_lines(bytes: &[u8]) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(text.len() + text.len() / 76 * 2 + 2);
    for line in text.as_bytes().chunks(76) {
        // Base64 output is ASCII, so every chunk is valid UTF-8.
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push_str(CRLF);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_are_short_and_decode_back() {
        let text = "UBND xã Minh Hòa gửi hồ sơ tự đánh giá xã phù hợp với trẻ em năm 2026";
        let enc = encode_words(text);
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut back = Vec::new();
        for word in enc.split("\r\n ") {
            assert!(word.len() <= 75, "{word}");
            let inner = word
                .strip_prefix("=?UTF-8?B?")
                .unwrap()
                .strip_suffix("?=")
                .unwrap();
            // Each word holds whole characters, as RFC 2047 requires.
            let part = b64.decode(inner).unwrap();
            assert!(String::from_utf8(part.clone()).is_ok());
            back.extend(part);
        }
        assert_eq!(String::from_utf8(back).unwrap(), text);
        assert_eq!(encode_words("Plain text"), "Plain text");
        // A line break never reaches a header, encoded or not.
        assert_eq!(encode_words("a\r\nBcc: x@y.vn"), "a  Bcc: x@y.vn");
        let enc = encode_words("Sở\r\nBcc: x@y.vn");
        let b64 = base64::engine::general_purpose::STANDARD;
        let decoded: Vec<u8> = enc
            .split("\r\n ")
            .flat_map(|w| {
                b64.decode(w.trim_start_matches("=?UTF-8?B?").trim_end_matches("?="))
                    .unwrap()
            })
            .collect();
        assert!(!decoded.contains(&b'\r') && !decoded.contains(&b'\n'));
    }

    #[test]
    fn addresses_that_could_inject_headers_are_refused() {
        assert!(is_address("vanthu.syt@phutho.gov.vn"));
        for bad in [
            "",
            "no-at",
            "a@b",
            "a@b.vn\r\nBcc: x@y.vn",
            "Sở <a@b.vn>",
            "a@b@c.vn",
            "a b@c.vn",
        ] {
            assert!(!is_address(bad), "{bad:?}");
        }
    }

    #[test]
    fn non_ascii_attachment_names_use_rfc_2231_pieces() {
        let (t, d) = filename_params("2026_MinhHoa_Ho-so.zip");
        assert_eq!(t, "name=\"2026_MinhHoa_Ho-so.zip\"");
        assert_eq!(d, "filename=\"2026_MinhHoa_Ho-so.zip\"");
        let (t, d) = filename_params("Hồ sơ trẻ em xã Minh Hòa năm 2026 gửi Sở Y tế.zip");
        assert!(t.starts_with("name=\"=?UTF-8?B?"), "{t}");
        assert!(
            d.starts_with("filename*0*=UTF-8''H%E1%BB%93%20s%C6%A1"),
            "{d}"
        );
        assert!(d.contains(";\r\n filename*1*="), "{d}");
        assert!(d.lines().all(|l| l.len() < 78), "{d}");
        // A percent-encoded character is never split across two pieces.
        assert!(d
            .split("filename*")
            .all(|p| !p.trim_end_matches([';', '\r', '\n', ' ']).ends_with('%')));
    }
}
