//! The dossier's e-mail draft made into the message the outbox sends: the draft opens in a
//! mail program as a message to send (`X-Unsent: 1`, no `From:`); the outbox puts the
//! officer's address in its place and keeps every other byte, so what is sent is what the
//! draft shows. Its Message-ID and recipients are read back for the register.

use crate::dossier::eml::encode_words;
use crate::error::{Error, Result};

const UNSENT: &[u8] = b"X-Unsent: 1\r\n";

/// The sendable message: `From: name <from>` instead of the draft's `X-Unsent` line.
pub fn sendable(draft: &[u8], from_name: &str, from: &str) -> Result<Vec<u8>> {
    let rest = draft
        .strip_prefix(UNSENT)
        .ok_or_else(|| Error::Render("thư nháp của hồ sơ không đúng dạng Tre tạo ra".into()))?;
    let mut out = format!("From: {}\r\n <{from}>\r\n", encode_words(from_name)).into_bytes();
    out.extend_from_slice(rest);
    Ok(out)
}

/// The value of header `name` in the message's header block (unfolded), if present.
pub fn header(message: &[u8], name: &str) -> Option<String> {
    let end = message
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(message.len());
    let head = String::from_utf8_lossy(&message[..end]).replace("\r\n ", " ");
    head.split("\r\n").find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// The addresses in the `To:` header: those between angle brackets.
pub fn recipients(message: &[u8]) -> Vec<String> {
    header(message, "To")
        .map(|to| {
            to.split('<')
                .skip(1)
                .filter_map(|p| p.split('>').next())
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &[u8] = b"X-Unsent: 1\r\nDate: Thu, 01 Jan 2026 00:00:00 +0000\r\nTo: =?UTF-8?B?U+G7nyBZIHThur8=?=\r\n <vanthu.syt@phutho.gov.vn>\r\nSubject: x\r\nMessage-ID: <abc.2026@tre.local>\r\n\r\nbody\r\nX-Unsent: 1\r\n";

    #[test]
    fn the_draft_gets_a_sender_and_keeps_every_other_byte() {
        let m = sendable(DRAFT, "UBND xã Minh Hòa", "vhxh@phutho.gov.vn").unwrap();
        assert!(m.starts_with(b"From: =?UTF-8?B?"));
        assert!(m.ends_with(&DRAFT[UNSENT.len()..]));
        assert_eq!(
            header(&m, "message-id").as_deref(),
            Some("<abc.2026@tre.local>")
        );
        assert_eq!(recipients(&m), ["vanthu.syt@phutho.gov.vn"]);
        assert!(header(&m, "X-Unsent").is_none());
        assert!(sendable(b"From: a\r\n\r\n", "x", "a@b.vn").is_err());
    }
}
