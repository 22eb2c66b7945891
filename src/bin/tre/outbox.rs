//! `tre outbox …`: sending the dossier from Tre — the mail account, the password (to the OS
//! credential store), queueing a dossier, the list, and the runner that sends what is due
//! and waits out the line's drops.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Duration;

use clap::Subcommand;

use tre::outbox::{Security, Settings};
use tre::session::{current_year, outbox_attempt, unix_now, Session, OUTBOX_TIMEOUT};
use tre::{Error, Result};

use crate::print_json;

#[derive(Subcommand, Debug)]
pub enum OutboxCmd {
    /// Cài đặt hộp thư gửi hồ sơ (không có tham số: in cài đặt hiện có)
    Settings {
        /// Máy chủ gửi thư (SMTP), ví dụ mail.phutho.gov.vn
        #[arg(long, value_name = "MÁY_CHỦ")]
        host: Option<String>,
        /// Cổng: 587 (STARTTLS) hoặc 465 (TLS)
        #[arg(long, value_name = "CỔNG")]
        port: Option<u16>,
        /// starttls (cổng 587) hoặc tls (cổng 465)
        #[arg(long, value_name = "KIỂU")]
        security: Option<String>,
        /// Tên đăng nhập hộp thư
        #[arg(long, value_name = "TÊN")]
        user: Option<String>,
        /// Địa chỉ gửi, ví dụ vhxh.minhhoa@phutho.gov.vn
        #[arg(long, value_name = "ĐỊA_CHỈ")]
        from: Option<String>,
        /// Chứng thư (PEM) của máy chủ thư khi máy chưa tin nó
        #[arg(long, value_name = "TỆP")]
        ca: Option<PathBuf>,
    },
    /// Lưu mật khẩu hộp thư vào kho mật khẩu của hệ điều hành (đọc một dòng từ đầu vào)
    Password,
    /// Đưa hồ sơ của năm vào hộp thư đi (mỗi phần một thư)
    Queue {
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        #[command(flatten)]
        choices: crate::dossier::Choices,
    },
    /// Các thư trong hộp thư đi
    List {
        #[arg(long)]
        json: bool,
    },
    /// Gửi các thư đến hạn; --until-done chờ và gửi lại đến khi không còn thư chờ
    Run {
        #[arg(long)]
        until_done: bool,
        /// Chờ tối đa bấy nhiêu giây (với --until-done)
        #[arg(long, value_name = "GIÂY", default_value_t = 3600)]
        max_wait: u64,
        /// Gửi lại sau tối đa bấy nhiêu giây khi mất kết nối (mặc định: 30 giây, tăng dần đến 30 phút)
        #[arg(long, value_name = "GIÂY")]
        retry_every: Option<i64>,
        /// Chờ máy chủ trả lời tối đa bấy nhiêu giây mỗi lần đọc hoặc ghi
        #[arg(long, value_name = "GIÂY")]
        timeout: Option<u64>,
    },
    /// Gửi lại ngay một thư đang chờ hoặc gửi không được
    Retry { id: i64 },
    /// Bỏ một thư chưa gửi khỏi hộp thư đi
    Cancel { id: i64 },
}

pub fn run(s: &mut Session, cmd: OutboxCmd) -> Result<i32> {
    match cmd {
        OutboxCmd::Settings {
            host,
            port,
            security,
            user,
            from,
            ca,
        } => {
            let old = s.outbox_settings()?;
            if host.is_none()
                && port.is_none()
                && security.is_none()
                && user.is_none()
                && from.is_none()
                && ca.is_none()
            {
                match old {
                    Some(o) => print_settings(&o),
                    None => println!("Chưa cài đặt gửi thư. Ví dụ: tre outbox settings --host mail.phutho.gov.vn --port 587 --security starttls --user vhxh.minhhoa@phutho.gov.vn --from vhxh.minhhoa@phutho.gov.vn"),
                }
                return Ok(0);
            }
            let security = match security.as_deref().map(str::trim) {
                None => old.as_ref().map(|o| o.security).unwrap_or(Security::Starttls),
                Some("starttls") => Security::Starttls,
                Some("tls") => Security::Tls,
                Some(other) => {
                    return Err(Error::Invalid(format!(
                        "Kiểu kết nối “{other}” không có: dùng starttls (cổng 587) hoặc tls (cổng 465)."
                    )))
                }
            };
            let extra_ca_pem = match ca {
                Some(path) => {
                    Some(std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?)
                }
                None => old.as_ref().and_then(|o| o.extra_ca_pem.clone()),
            };
            let pick = |new: Option<String>, old: Option<String>| new.or(old).unwrap_or_default();
            let settings = Settings {
                host: pick(host, old.as_ref().map(|o| o.host.clone())),
                port: port
                    .or(old.as_ref().map(|o| o.port))
                    .unwrap_or(match security {
                        Security::Starttls => 587,
                        Security::Tls => 465,
                    }),
                security,
                username: pick(user, old.as_ref().map(|o| o.username.clone())),
                from: pick(from, old.as_ref().map(|o| o.from.clone())),
                extra_ca_pem,
            };
            let saved = s.outbox_configure(settings, None)?;
            println!("Đã lưu cài đặt gửi thư.");
            print_settings(&saved);
        }
        OutboxCmd::Password => {
            let settings = s.outbox_settings()?.ok_or_else(|| {
                Error::Invalid("Hãy cài đặt hộp thư trước (tre outbox settings …).".into())
            })?;
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| Error::Invalid(format!("Không đọc được mật khẩu ({e}).")))?;
            let password = line.trim_end_matches(['\r', '\n']);
            s.outbox_configure(settings, Some(password))?;
            println!(
                "Đã lưu mật khẩu vào kho mật khẩu của hệ điều hành (không lưu trong tệp dữ liệu)."
            );
        }
        OutboxCmd::Queue { year, choices } => {
            let year = year.unwrap_or_else(current_year);
            let queued = s.outbox_queue_dossier(year, choices.options())?;
            println!(
                "Đã đưa hồ sơ năm {year} vào hộp thư đi: {} thư.",
                queued.len()
            );
            for m in &queued {
                println!(
                    "  [{}] {} → {} ({} KB)",
                    m.id,
                    m.subject,
                    m.recipients.join(", "),
                    m.bytes.div_ceil(1024)
                );
            }
            println!("Gửi bằng: tre outbox run --until-done");
        }
        OutboxCmd::List { json } => {
            let list = s.outbox_list()?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                println!("Hộp thư đi trống.");
            } else {
                for m in &list {
                    println!(
                        "[{}] {} — {} (lần thử: {})",
                        m.id, m.subject, m.state_label, m.attempts
                    );
                    if let Some(e) = &m.last_error {
                        println!("    {e}");
                    }
                }
            }
        }
        OutboxCmd::Run {
            until_done,
            max_wait,
            retry_every,
            timeout,
        } => return run_queue(s, until_done, max_wait, retry_every, timeout),
        OutboxCmd::Retry { id } => {
            s.outbox_retry(id)?;
            println!("Thư {id} sẽ được gửi ở lần chạy tới (tre outbox run).");
        }
        OutboxCmd::Cancel { id } => {
            s.outbox_cancel(id)?;
            println!("Đã bỏ thư {id} khỏi hộp thư đi.");
        }
    }
    Ok(0)
}

fn print_settings(o: &Settings) {
    let kind = match o.security {
        Security::Starttls => "STARTTLS",
        Security::Tls => "TLS",
    };
    println!(
        "Máy chủ {}:{} ({kind}), đăng nhập {}, gửi từ {}{}",
        o.host,
        o.port,
        o.username,
        o.from,
        if o.extra_ca_pem.is_some() {
            ", có chứng thư bổ sung"
        } else {
            ""
        }
    );
}

/// Sends what is due; with `until_done`, sleeps until the next attempt is due and goes on
/// until nothing waits (or `max_wait` seconds passed). Exit 0 when nothing is left waiting
/// or failed, 1 otherwise.
fn run_queue(
    s: &mut Session,
    until_done: bool,
    max_wait: u64,
    retry_every: Option<i64>,
    timeout: Option<u64>,
) -> Result<i32> {
    let timeout = timeout.map(Duration::from_secs).unwrap_or(OUTBOX_TIMEOUT);
    let started = std::time::Instant::now();
    loop {
        while let Some(claimed) = s.outbox_claim(unix_now())? {
            let m = &claimed.message;
            let result = outbox_attempt(&claimed, timeout);
            s.outbox_finish(&claimed, &result, unix_now(), retry_every)?;
            match &result {
                Ok(reply) => println!("Đã gửi thư {} ({}): {reply}", m.id, m.message_id),
                Err(f) => println!(
                    "Chưa gửi được thư {} (lần {}): {}",
                    m.id,
                    m.attempts,
                    f.message()
                ),
            }
        }
        let waiting: Vec<_> = s
            .outbox_list()?
            .into_iter()
            .filter(|m| m.state == tre::outbox::State::Queued)
            .collect();
        if !until_done || waiting.is_empty() || started.elapsed().as_secs() >= max_wait {
            let failed = s
                .outbox_list()?
                .iter()
                .filter(|m| m.state == tre::outbox::State::Failed)
                .count();
            if !waiting.is_empty() {
                println!("Còn {} thư chờ gửi lại.", waiting.len());
            }
            return Ok(if waiting.is_empty() && failed == 0 {
                0
            } else {
                1
            });
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}
