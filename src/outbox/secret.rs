//! The mail password, kept in the OS credential store and nowhere else: not in the
//! database, the backups, the logs or any message. `TRE_SMTP_PASSWORD`, when set, is used
//! instead (for scripts and the tests, on machines without a credential store); it is read,
//! never written.

use super::Settings;
use crate::error::{Error, Result};

const SERVICE: &str = "tre-smtp";
const ENV: &str = "TRE_SMTP_PASSWORD";

fn entry(s: &Settings) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("{}@{}", s.username, s.host)).map_err(unavailable)
}

fn unavailable(e: keyring::Error) -> Error {
    Error::Invalid(format!(
        "Không dùng được kho mật khẩu của hệ điều hành ({e}). Trên Linux cần dịch vụ lưu mật khẩu (GNOME Keyring hoặc KWallet) đang chạy; hãy đăng nhập lại máy rồi thử lại."
    ))
}

/// Keeps `password` for this account in the OS credential store.
pub fn set(s: &Settings, password: &str) -> Result<()> {
    if password.is_empty() {
        return Err(Error::Invalid("Chưa nhập mật khẩu hộp thư.".into()));
    }
    entry(s)?.set_password(password).map_err(unavailable)
}

/// The password for this account: `TRE_SMTP_PASSWORD`, else the credential store's;
/// `None` when neither has one.
pub fn get(s: &Settings) -> Result<Option<String>> {
    if let Some(p) = std::env::var(ENV).ok().filter(|p| !p.is_empty()) {
        return Ok(Some(p));
    }
    match entry(s)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(unavailable(e)),
    }
}

/// Forgets the password of this account (when the officer changes account).
pub fn delete(s: &Settings) -> Result<()> {
    match entry(s)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(unavailable(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbox::Security;

    #[test]
    fn the_password_goes_to_the_store_and_back() {
        // The mock store: the real one needs a desktop session.
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        let s = Settings {
            host: "mail.example.vn".into(),
            port: 587,
            security: Security::Starttls,
            username: "a@example.vn".into(),
            from: "a@example.vn".into(),
            extra_ca_pem: None,
        };
        assert!(set(&s, "").is_err());
        // The mock keeps nothing between entries, so only the calls' success is checked.
        set(&s, "mật khẩu").unwrap();
        delete(&s).unwrap();
    }
}
