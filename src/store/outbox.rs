//! The outbox's rows (schema V6): the mail account's settings and the queued messages.
//! Claiming a message and recording its outcome are each one transaction, so two runners
//! (the app and `tre outbox run`) never send the same message at once, and a runner that
//! stopped mid-send leaves the message to be tried again.

use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::sqlerr::SqlResultExt;
use super::{history, Store};
use crate::error::{Error, Result};
use crate::outbox::{Message, Settings, State};

/// A claim older than this is a runner that stopped (Tre closed, the machine slept).
const STALE_CLAIM_SECS: i64 = 15 * 60;

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub year: i32,
    pub part: u32,
    pub parts: u32,
    pub subject: String,
    pub recipients: Vec<String>,
    pub message_id: String,
    pub manifest_sha256: String,
    pub documents: Vec<String>,
    pub eml: Vec<u8>,
}

/// How an attempt ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    Sent {
        reply: String,
    },
    /// Tried again at `at` (Unix seconds).
    Retry {
        error: String,
        at: i64,
    },
    /// Stopped until the officer retries it.
    Stop {
        error: String,
    },
}

const COLUMNS: &str = "id, year, part, parts, subject, recipients, message_id, manifest_sha256, length(eml), state, attempts, next_attempt, last_error, sent_at, server_reply, documents";

fn row(r: &Row) -> rusqlite::Result<(Message, String, String)> {
    let state: String = r.get(9)?;
    let next: Option<i64> = r.get(11)?;
    let m = Message {
        id: r.get(0)?,
        year: r.get(1)?,
        part: r.get(2)?,
        parts: r.get(3)?,
        subject: r.get(4)?,
        recipients: Vec::new(),
        message_id: r.get(6)?,
        manifest_sha256: r.get(7)?,
        bytes: r.get::<_, i64>(8)? as u64,
        state: State::from_key(&state).unwrap_or(State::Failed),
        state_label: String::new(),
        attempts: r.get(10)?,
        next_attempt: next
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
            }),
        last_error: r.get(12)?,
        sent_at: r.get(13)?,
        server_reply: r.get(14)?,
        documents: Vec::new(),
    };
    Ok((m, r.get(5)?, r.get(15)?))
}

fn finish_row(
    path: &std::path::Path,
    (mut m, recipients, documents): (Message, String, String),
) -> Result<Message> {
    let bad = |e: serde_json::Error| Error::CorruptDatabase {
        path: path.to_path_buf(),
        detail: format!(
            "hộp thư đi không đọc được: {}",
            crate::error::json_detail(&e)
        ),
    };
    m.recipients = serde_json::from_str(&recipients).map_err(bad)?;
    m.documents = serde_json::from_str(&documents).map_err(bad)?;
    m.state_label = m.state.label().to_string();
    Ok(m)
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| {
        Error::Database(format!(
            "không chuyển được sang JSON: {}",
            crate::error::json_detail(&e)
        ))
    })
}

impl Store {
    pub fn outbox_settings(&self) -> Result<Option<Settings>> {
        let data: Option<String> = self
            .conn
            .query_row("SELECT data FROM outbox_settings WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()
            .db(&self.path)?;
        data.map(|d| {
            serde_json::from_str(&d).map_err(|e| Error::CorruptDatabase {
                path: self.path.clone(),
                detail: format!(
                    "cài đặt gửi thư không đọc được: {}",
                    crate::error::json_detail(&e)
                ),
            })
        })
        .transpose()
    }

    pub fn set_outbox_settings(&mut self, s: &Settings) -> Result<()> {
        self.ensure_in_place()?;
        self.conn
            .execute(
                "INSERT INTO outbox_settings (id, data) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET data = excluded.data",
                [json(s)?],
            )
            .db(&self.path)?;
        Ok(())
    }

    /// Queues `messages` (one dossier's parts) together: all or none.
    pub fn outbox_queue(&mut self, messages: &[NewMessage], now: i64) -> Result<Vec<i64>> {
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self.conn.transaction().db(path)?;
        let mut ids = Vec::new();
        for m in messages {
            tx.execute(
                "INSERT INTO outbox (created, year, part, parts, subject, recipients, message_id, manifest_sha256, documents, eml, state, next_attempt)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'queued', ?11)",
                params![
                    history::now(),
                    m.year,
                    m.part,
                    m.parts,
                    m.subject,
                    json(&m.recipients)?,
                    m.message_id,
                    m.manifest_sha256,
                    json(&m.documents)?,
                    m.eml,
                    now
                ],
            )
            .db(path)?;
            ids.push(tx.last_insert_rowid());
        }
        tx.commit().db(path)?;
        Ok(ids)
    }

    /// Every message, newest first.
    pub fn outbox_messages(&self) -> Result<Vec<Message>> {
        let path = self.path.as_path();
        let mut st = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC"))
            .db(path)?;
        let rows = st
            .query_map([], row)
            .db(path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .db(path)?;
        rows.into_iter().map(|r| finish_row(path, r)).collect()
    }

    /// Takes the next message due at `now` for sending, with its bytes: queued and due, or
    /// claimed by a runner that stopped. `None` when nothing is due.
    pub fn outbox_claim(&mut self, now: i64) -> Result<Option<(Message, Vec<u8>)>> {
        self.ensure_in_place()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .db(&path)?;
        let found = tx
            .query_row(
                &format!(
                    "SELECT {COLUMNS}, eml FROM outbox
                     WHERE (state = 'queued' AND coalesce(next_attempt, 0) <= ?1)
                        OR (state = 'sending' AND coalesce(claimed_at, 0) <= ?2)
                     ORDER BY id LIMIT 1"
                ),
                params![now, now - STALE_CLAIM_SECS],
                |r| Ok((row(r)?, r.get::<_, Vec<u8>>(16)?)),
            )
            .optional()
            .db(&path)?;
        let Some((r, eml)) = found else {
            return Ok(None);
        };
        let mut m = finish_row(&path, r)?;
        tx.execute(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_at = ?2 WHERE id = ?1",
            params![m.id, now],
        )
        .db(&path)?;
        tx.commit().db(&path)?;
        m.attempts += 1;
        m.state = State::Sending;
        m.state_label = m.state.label().to_string();
        Ok(Some((m, eml)))
    }

    /// Records how the attempt on message `id` ended.
    pub fn outbox_finish(&mut self, id: i64, outcome: &Outcome) -> Result<()> {
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let n = match outcome {
            Outcome::Sent { reply } => self.conn.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?2, server_reply = ?3, last_error = NULL, next_attempt = NULL, claimed_at = NULL WHERE id = ?1",
                params![id, history::now(), reply],
            ),
            Outcome::Retry { error, at } => self.conn.execute(
                "UPDATE outbox SET state = 'queued', last_error = ?2, next_attempt = ?3, claimed_at = NULL WHERE id = ?1 AND state = 'sending'",
                params![id, error, at],
            ),
            Outcome::Stop { error } => self.conn.execute(
                "UPDATE outbox SET state = 'failed', last_error = ?2, next_attempt = NULL, claimed_at = NULL WHERE id = ?1 AND state = 'sending'",
                params![id, error],
            ),
        }
        .db(path)?;
        if n == 0 {
            return Err(Error::Invalid(format!(
                "Không có thư số {id} đang gửi trong hộp thư đi."
            )));
        }
        Ok(())
    }

    /// Puts a failed or waiting message back to be tried at `now`; false if there is none.
    pub fn outbox_retry(&mut self, id: i64, now: i64) -> Result<bool> {
        let n = self
            .conn
            .execute(
                "UPDATE outbox SET state = 'queued', next_attempt = ?2 WHERE id = ?1 AND state IN ('queued', 'failed')",
                params![id, now],
            )
            .db(&self.path)?;
        Ok(n > 0)
    }

    /// Removes a message not yet sent; false if there is none (a sent one stays as a record).
    pub fn outbox_cancel(&mut self, id: i64) -> Result<bool> {
        let n = self
            .conn
            .execute(
                "DELETE FROM outbox WHERE id = ?1 AND state IN ('queued', 'failed')",
                [id],
            )
            .db(&self.path)?;
        Ok(n > 0)
    }
}
