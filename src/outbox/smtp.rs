//! One attempt to hand a message to the mail server (SMTP submission with lettre): connect,
//! TLS (STARTTLS required, or TLS from the start), log in, send, and read the server's
//! answer to the data. One connection per attempt: a pooled connection left over a dropped
//! line would only fail later.

use std::time::Duration;

use lettre::address::{Address, Envelope};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};

use super::{Security, Settings};

/// Why an attempt failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Worth another try later: no connection, a dropped line, a timeout, a 4xx answer.
    Transient(String),
    /// The login was refused: the password (or the account) must be corrected.
    Auth(String),
    /// The server refused the message (5xx): trying again will not help.
    Refused(String),
}

impl Failure {
    pub fn message(&self) -> &str {
        match self {
            Failure::Transient(m) | Failure::Auth(m) | Failure::Refused(m) => m,
        }
    }
}

/// Sends `message` from `from` to `to` through the server of `s`, waiting at most `timeout`
/// for each read or write. `Ok` is the server's answer to the data, only once it is 2xx.
pub fn send(
    s: &Settings,
    password: &str,
    from: &str,
    to: &[String],
    message: &[u8],
    timeout: Duration,
) -> Result<String, Failure> {
    let refused = |what: &str| Failure::Refused(what.to_string());
    let from: Address = from
        .parse()
        .map_err(|_| refused("Địa chỉ gửi không hợp lệ."))?;
    let to: Vec<Address> = to
        .iter()
        .map(|a| a.parse())
        .collect::<Result<_, _>>()
        .map_err(|_| refused("Địa chỉ nhận không hợp lệ."))?;
    let envelope = Envelope::new(Some(from), to).map_err(|_| refused("Thư chưa có người nhận."))?;
    let mut tls = TlsParameters::builder(s.host.clone());
    if let Some(pem) = &s.extra_ca_pem {
        let cert = Certificate::from_pem(pem.as_bytes())
            .map_err(|_| refused("Chứng thư bổ sung của máy chủ thư không đọc được."))?;
        tls = tls.add_root_certificate(cert);
    }
    let tls = tls
        .build()
        .map_err(|e| refused(&format!("Không thiết lập được kết nối an toàn ({e}).")))?;
    let transport = SmtpTransport::builder_dangerous(s.host.as_str())
        .port(s.port)
        .tls(match s.security {
            Security::Starttls => Tls::Required(tls),
            Security::Tls => Tls::Wrapper(tls),
        })
        .credentials(Credentials::new(s.username.clone(), password.to_string()))
        .timeout(Some(timeout))
        .build();
    match transport.send_raw(&envelope, message) {
        Ok(reply) => {
            let text: Vec<&str> = reply.message().collect();
            Ok(format!("{} {}", reply.code(), text.join(" "))
                .trim()
                .to_string())
        }
        Err(e) => Err(classify(&e, s)),
    }
}

/// The Vietnamese reading of a lettre error, and whether to try again.
fn classify(e: &lettre::transport::smtp::Error, s: &Settings) -> Failure {
    let code = e.status().map(|c| c.to_string());
    if e.is_permanent() {
        // 535: authentication failed; 534/530: authentication required or too weak.
        if matches!(code.as_deref(), Some("535") | Some("534") | Some("530")) {
            return Failure::Auth(format!(
                "Máy chủ thư từ chối đăng nhập ({e}): sai tên đăng nhập hoặc mật khẩu hộp thư {}. Hãy nhập lại mật khẩu trong phần cài đặt gửi thư.",
                s.username
            ));
        }
        return Failure::Refused(format!(
            "Máy chủ thư từ chối thư ({e}). Hãy kiểm tra địa chỉ nhận và dung lượng thư, hoặc gửi hồ sơ bằng thư nháp .eml."
        ));
    }
    if e.is_timeout() {
        return Failure::Transient(format!(
            "Mạng chậm hoặc mất kết nối khi gửi thư ({e}); Tre sẽ tự gửi lại. Nếu lần nào cũng vậy, hãy kiểm tra cổng và kiểu kết nối an toàn (587 đi với STARTTLS, 465 đi với TLS)."
        ));
    }
    if e.is_tls() {
        return Failure::Transient(format!(
            "Không thiết lập được kết nối an toàn với máy chủ thư {} ({e}); Tre sẽ thử lại. Nếu lỗi lặp lại, hãy kiểm tra tên máy chủ, cổng và chứng thư của máy chủ.",
            s.host
        ));
    }
    Failure::Transient(format!(
        "Chưa gửi được thư qua máy chủ {}:{} ({e}); Tre sẽ tự gửi lại khi có mạng. Nếu lần nào cũng vậy, hãy kiểm tra tên máy chủ, cổng và kiểu kết nối an toàn (587 đi với STARTTLS, 465 đi với TLS).",
        s.host, s.port
    ))
}
