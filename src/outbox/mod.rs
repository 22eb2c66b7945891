//! The outbox: the dossier's e-mails sent from Tre over a patchy line. Each part of a
//! dossier is queued as the exact message to send (the .eml draft made sendable: a From,
//! no X-Unsent); a runner sends what is due, one message per connection, and records it as
//! sent only when the server answered 250 to its data. A failed attempt waits longer each
//! time (30 s up to 30 min); a wrong password or a refusal stops that message until the
//! officer acts.
//!
//! SMTP cannot promise exactly once: when the line drops after the server took the data
//! but before its 250 arrived, the message is sent again. Every attempt carries the same
//! Message-ID, so the receiving office's mail program sees one message twice rather than two
//! messages.
//!
//! Modules: `smtp` (one attempt, with lettre), `secret` (the password in the OS credential
//! store), `message` (the draft made sendable). The queue lives in the store
//! (`store::outbox`), the runner's steps in `session::outbox`.

pub mod message;
pub mod secret;
pub mod smtp;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::nfc;

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "SmtpSecurity"))]
pub enum Security {
    /// Port 587: plain connect, then STARTTLS (required, never skipped).
    Starttls,
    /// Port 465: TLS from the first byte.
    Tls,
}

/// The officer's mail account, as the mail provider gives it. No password: that is in the
/// OS credential store (`secret`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "SmtpSettings"))]
pub struct Settings {
    /// "mail.phutho.gov.vn", "smtp.gmail.com".
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login, often the address itself.
    pub username: String,
    /// The sender's address: "vhxh.minhhoa@phutho.gov.vn".
    pub from: String,
    /// A certificate (PEM) to trust for this server besides the system's, for a province
    /// whose mail server's CA the system does not know.
    #[serde(default)]
    pub extra_ca_pem: Option<String>,
}

impl Settings {
    /// Checks and normalises what was typed; Vietnamese messages say which field is wrong.
    pub fn checked(mut self) -> Result<Self> {
        self.host = self.host.trim().to_ascii_lowercase();
        self.username = nfc(&self.username);
        self.from = self.from.trim().to_string();
        let host_ok = !self.host.is_empty()
            && self
                .host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !host_ok {
            return Err(Error::Invalid(format!(
                "Máy chủ thư “{}” không hợp lệ. Hãy ghi tên máy chủ gửi thư (SMTP) do nhà cung cấp thư cho biết, ví dụ mail.phutho.gov.vn.",
                self.host
            )));
        }
        if self.port == 0 {
            return Err(Error::Invalid(
                "Cổng máy chủ thư phải là một số, thường là 587 (STARTTLS) hoặc 465 (TLS).".into(),
            ));
        }
        if self.username.is_empty() {
            return Err(Error::Invalid(
                "Chưa ghi tên đăng nhập hộp thư (thường là chính địa chỉ thư).".into(),
            ));
        }
        if !crate::dossier::eml::is_address(&self.from) {
            return Err(Error::Invalid(format!(
                "Địa chỉ gửi “{}” không hợp lệ. Hãy ghi địa chỉ thư của xã, ví dụ vhxh.minhhoa@phutho.gov.vn.",
                self.from
            )));
        }
        if let Some(pem) = &self.extra_ca_pem {
            if !pem.contains("-----BEGIN CERTIFICATE-----") {
                return Err(Error::Invalid(
                    "Chứng thư bổ sung của máy chủ thư phải là tệp PEM (-----BEGIN CERTIFICATE-----).".into(),
                ));
            }
        }
        Ok(self)
    }
}

/// Where a queued message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "OutboxState"))]
pub enum State {
    /// Waiting for its next attempt.
    Queued,
    /// An attempt is under way (or was, when Tre stopped: then it is tried again).
    Sending,
    /// The server answered 250 to its data.
    Sent,
    /// Stopped: a wrong password or a refusal; the officer must act, then retry.
    Failed,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Queued => "queued",
            State::Sending => "sending",
            State::Sent => "sent",
            State::Failed => "failed",
        }
    }

    pub fn from_key(k: &str) -> Option<Self> {
        [State::Queued, State::Sending, State::Sent, State::Failed]
            .into_iter()
            .find(|s| s.key() == k)
    }

    pub fn label(self) -> &'static str {
        match self {
            State::Queued => "Đang chờ gửi",
            State::Sending => "Đang gửi",
            State::Sent => "Đã gửi",
            State::Failed => "Gửi không được",
        }
    }
}

/// One message of the outbox, as the app lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[cfg_attr(test, ts(rename = "OutboxMessage"))]
pub struct Message {
    pub id: i64,
    pub year: i32,
    /// Part `part` of `parts` of the dossier.
    pub part: u32,
    pub parts: u32,
    pub subject: String,
    pub recipients: Vec<String>,
    pub message_id: String,
    /// Hex SHA-256 of the dossier's manifest.json.
    pub manifest_sha256: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub bytes: u64,
    pub state: State,
    pub state_label: String,
    pub attempts: u32,
    /// RFC 3339: when it is tried next (queued).
    pub next_attempt: Option<String>,
    /// The last failure, in Vietnamese.
    pub last_error: Option<String>,
    /// RFC 3339: when the server accepted it.
    pub sent_at: Option<String>,
    /// The server's answer to the data ("250 2.0.0 Ok: queued as …").
    pub server_reply: Option<String>,
    /// The register keys of the documents it carries, for recording the sending.
    pub documents: Vec<String>,
}

/// How long to wait after the `attempts`-th failed attempt: 30 s, 1, 2, 5, 10, then 30 min.
pub fn backoff_secs(attempts: u32) -> i64 {
    match attempts {
        0 | 1 => 30,
        2 => 60,
        3 => 120,
        4 => 300,
        5 => 600,
        _ => 1800,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            host: " Mail.PhuTho.gov.vn ".into(),
            port: 587,
            security: Security::Starttls,
            username: "vhxh.minhhoa@phutho.gov.vn".into(),
            from: "vhxh.minhhoa@phutho.gov.vn".into(),
            extra_ca_pem: None,
        }
    }

    #[test]
    fn settings_are_normalised_and_bad_fields_named() {
        assert_eq!(settings().checked().unwrap().host, "mail.phutho.gov.vn");
        let bad = |f: fn(&mut Settings), says: &str| {
            let mut s = settings();
            f(&mut s);
            let e = s.checked().unwrap_err().to_string();
            assert!(e.contains(says), "{e}");
        };
        bad(|s| s.host = "mail phutho".into(), "Máy chủ thư");
        bad(|s| s.host = "a\r\nRCPT".into(), "Máy chủ thư");
        bad(|s| s.port = 0, "Cổng");
        bad(|s| s.username = " ".into(), "tên đăng nhập");
        bad(|s| s.from = "xã Minh Hòa".into(), "Địa chỉ gửi");
        bad(|s| s.extra_ca_pem = Some("abc".into()), "PEM");
    }

    #[test]
    fn backoff_grows_and_stops_growing() {
        let waits: Vec<i64> = (1..=8).map(backoff_secs).collect();
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(waits.last(), Some(&1800));
        for s in [State::Queued, State::Sending, State::Sent, State::Failed] {
            assert_eq!(State::from_key(s.key()), Some(s));
        }
    }
}
