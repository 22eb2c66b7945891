//! The outbox's steps, as the app's background runner and `tre outbox run` take them: claim
//! a due message (holding the session only for that), try it without the session (the
//! network may take a minute; the window must not wait for it), then record the outcome,
//! which on success also writes the sending into the register of each document it carried.

use std::time::Duration;

use super::Session;
use crate::dossier::{self, manifest::created_now, names::dossier_name, Options};
use crate::error::{Error, Result};
use crate::outbox::{message, secret, smtp, Message, Settings};
use crate::register::{SendMethod, Sending};
use crate::store::{NewMessage, Outcome};

/// A message taken for one attempt, with what the attempt needs.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub message: Message,
    pub eml: Vec<u8>,
    pub settings: Settings,
    /// `None` when the credential store has none: the attempt is not made.
    pub password: Option<String>,
}

/// A dossier's messages, built and not yet queued (see `Session::outbox_prepare`).
#[derive(Debug, Clone)]
pub struct Prepared(Vec<NewMessage>);

/// How long to wait for each read or write of the mail server by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// One attempt, without the session: the network part of the runner.
pub fn attempt(c: &Claimed, timeout: Duration) -> std::result::Result<String, smtp::Failure> {
    let Some(password) = &c.password else {
        return Err(smtp::Failure::Auth(
            "Chưa có mật khẩu hộp thư trong kho mật khẩu của máy. Hãy nhập mật khẩu trong phần cài đặt gửi thư.".into(),
        ));
    };
    smtp::send(
        &c.settings,
        password,
        &c.settings.from,
        &c.message.recipients,
        &c.eml,
        timeout,
    )
}

/// Unix seconds now.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Session {
    pub fn outbox_settings(&self) -> Result<Option<Settings>> {
        self.store.outbox_settings()
    }

    /// Saves the mail account (checked) and, when given, its password in the OS credential
    /// store, never in the database.
    pub fn outbox_configure(&mut self, s: Settings, password: Option<&str>) -> Result<Settings> {
        let s = s.checked()?;
        if let Some(p) = password {
            secret::set(&s, p)?;
        }
        self.store.set_outbox_settings(&s)?;
        Ok(s)
    }

    /// Queues the dossier of `year` (each part one message) to be sent from Tre to the
    /// superior body's address. Refused without mail settings or a valid recipient, and,
    /// like the dossier itself, while signed copies are missing unless drafts are asked for.
    pub fn outbox_queue_dossier(&mut self, year: i32, options: Options) -> Result<Vec<Message>> {
        let prepared = self.outbox_prepare(year, options)?;
        self.outbox_enqueue(prepared)
    }

    /// The reading and rendering half of `outbox_queue_dossier`: the messages to queue, built
    /// without writing. The app runs it on a snapshot (`Session::open_snapshot`), so the
    /// session is not held while the dossier renders.
    pub fn outbox_prepare(&self, year: i32, options: Options) -> Result<Prepared> {
        let settings = self.store.outbox_settings()?.ok_or_else(|| {
            Error::Invalid(
                "Chưa cài đặt gửi thư (máy chủ, tài khoản). Hãy nhập cài đặt gửi thư trước, hoặc gửi hồ sơ bằng thư nháp .eml."
                    .into(),
            )
        })?;
        let commune = self.commune()?;
        let to = commune
            .superior_email
            .as_deref()
            .map(str::trim)
            .unwrap_or("");
        if !dossier::eml::is_address(to) {
            return Err(Error::Invalid(
                "Chưa có địa chỉ thư điện tử hợp lệ của cơ quan cấp trên. Hãy nhập địa chỉ này trong thông tin xã rồi gửi lại."
                    .into(),
            ));
        }
        let zip_name = dossier_name(year, &commune);
        let built = dossier::build(
            &self.store,
            year,
            &zip_name,
            options,
            created_now(),
            &mut |_| {},
        )?;
        let manifest_sha256 = dossier::manifest::sha256_hex(&built.manifest.to_bytes()?);
        let n = built.parts.len() as u32;
        let from_name = format!("UBND {}", commune.full_name());
        let mut queued = Vec::new();
        for (k, part) in (1..).zip(&built.parts) {
            let eml = message::sendable(&part.eml, &from_name, &settings.from)?;
            let mut subject = dossier::eml::subject(&commune, year);
            if n > 1 {
                subject.push_str(&format!(" (phần {k}/{n})"));
            }
            queued.push(NewMessage {
                year,
                part: k,
                parts: n,
                subject,
                recipients: message::recipients(&eml),
                message_id: message::header(&eml, "Message-ID").unwrap_or_default(),
                manifest_sha256: manifest_sha256.clone(),
                documents: part.documents.clone(),
                eml,
            });
        }
        Ok(Prepared(queued))
    }

    /// The writing half of `outbox_queue_dossier`: queues what `outbox_prepare` built.
    pub fn outbox_enqueue(&mut self, prepared: Prepared) -> Result<Vec<Message>> {
        let queued = prepared.0;
        let ids = self.store.outbox_queue(&queued, unix_now())?;
        Ok(self
            .store
            .outbox_messages()?
            .into_iter()
            .filter(|m| ids.contains(&m.id))
            .collect())
    }

    /// Every message of the outbox, newest first.
    pub fn outbox_list(&self) -> Result<Vec<Message>> {
        self.store.outbox_messages()
    }

    /// Takes the next due message for an attempt, with the settings and the password.
    pub fn outbox_claim(&mut self, now: i64) -> Result<Option<Claimed>> {
        let Some(settings) = self.store.outbox_settings()? else {
            return Ok(None);
        };
        let Some((message, eml)) = self.store.outbox_claim(now)? else {
            return Ok(None);
        };
        let password = secret::get(&settings)?;
        Ok(Some(Claimed {
            message,
            eml,
            settings,
            password,
        }))
    }

    /// Records the attempt's outcome; a transient failure waits its backoff, at most
    /// `retry_cap` seconds when given. On success the sending goes into the register of each
    /// document the message carried.
    pub fn outbox_finish(
        &mut self,
        c: &Claimed,
        result: &std::result::Result<String, smtp::Failure>,
        now: i64,
        retry_cap: Option<i64>,
    ) -> Result<()> {
        let m = &c.message;
        let wait = crate::outbox::backoff_secs(m.attempts);
        let outcome = match result {
            Ok(reply) => Outcome::Sent {
                reply: reply.clone(),
            },
            Err(smtp::Failure::Transient(e)) => Outcome::Retry {
                error: e.clone(),
                at: now + retry_cap.map_or(wait, |cap| wait.min(cap)),
            },
            Err(f) => Outcome::Stop {
                error: f.message().to_string(),
            },
        };
        self.store.outbox_finish(m.id, &outcome)?;
        if let Ok(reply) = result {
            self.record_sent(m, reply)?;
        }
        Ok(())
    }

    fn record_sent(&mut self, m: &Message, reply: &str) -> Result<()> {
        let commune = self.commune()?;
        let today = chrono::Local::now().date_naive().to_string();
        let part = if m.parts > 1 {
            format!(" (phần {}/{})", m.part, m.parts)
        } else {
            String::new()
        };
        let note = format!(
            "Gửi từ Tre đến {}: thư {}{part}, manifest SHA-256 {}; máy chủ trả lời: {}",
            m.recipients.join(", "),
            m.message_id,
            m.manifest_sha256,
            reply
        );
        for key in &m.documents {
            let mut record = self.store.register_record(key)?;
            record.sendings.push(Sending::new(
                &today,
                &commune.superior,
                SendMethod::Email,
                Some(&note),
            )?);
            let summary = format!("gửi {key} qua thư điện tử {}", m.message_id);
            self.store
                .save_register_record(key, &record, &summary, None)?;
        }
        Ok(())
    }

    /// Tries a waiting or failed message again now.
    pub fn outbox_retry(&mut self, id: i64) -> Result<Vec<Message>> {
        if !self.store.outbox_retry(id, unix_now())? {
            return Err(Error::Invalid(format!(
                "Không có thư số {id} đang chờ hoặc gửi không được trong hộp thư đi."
            )));
        }
        self.outbox_list()
    }

    /// Removes a message not yet sent.
    pub fn outbox_cancel(&mut self, id: i64) -> Result<Vec<Message>> {
        if !self.store.outbox_cancel(id)? {
            return Err(Error::Invalid(format!(
                "Không có thư số {id} chưa gửi trong hộp thư đi (thư đã gửi được giữ lại làm bằng chứng)."
            )));
        }
        self.outbox_list()
    }
}
