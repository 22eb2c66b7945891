//! The outbox against a real SMTP server (aiosmtpd with STARTTLS and AUTH, started by the
//! test: tests/fixtures/smtp_server.py) through a fault-injecting TCP proxy on loopback that
//! refuses, drops and stalls connections part-way through a message. The server must
//! receive each part of the dossier exactly once, every message Tre marks sent must be one
//! the server accepted, and the register must carry each Message-ID.

use crate::common::oracles::test_venv_python;
use crate::common::*;
use crate::dossier_signed::attach_all;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const USER: &str = "vhxh.minhhoa@phutho.gov.vn";
const PASSWORD: &str = "mật-khẩu-thử";

/// The SMTP server, stopped when dropped (its stdin closes).
struct Server {
    child: Child,
    port: u16,
    ca: PathBuf,
    out: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn server() -> Server {
    server_speaking("starttls")
}

/// The server speaking `mode`: "starttls" (port 587's way) or "tls" (465's).
fn server_speaking(mode: &str) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("received");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smtp_server.py");
    let mut child = Command::new(test_venv_python("aiosmtpd"))
        .arg(script)
        .arg(&out)
        .arg(USER)
        .arg(PASSWORD)
        .arg(mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut value = |key: &str| {
        let line = lines.next().expect("the server's first lines").unwrap();
        line.strip_prefix(key)
            .unwrap_or_else(|| panic!("{line}"))
            .trim()
            .to_string()
    };
    let port = value("PORT").parse().unwrap();
    let ca = PathBuf::from(value("CA"));
    Server {
        child,
        port,
        ca,
        out,
        _dir: dir,
    }
}

/// What the proxy does to the n-th connection.
#[derive(Clone, Copy, Debug)]
enum Fault {
    Pass,
    /// Closed at once, before the server's greeting.
    Refuse,
    /// Cut after this many bytes from the client (TLS included).
    DropAfter(usize),
    /// Holds the client's bytes after this many, longer than the client waits.
    StallAfter(usize),
}

/// A loopback proxy to `upstream` applying `faults` to the connections in turn (then
/// passing); returns its port and how many connections it took.
fn proxy(upstream: u16, faults: Vec<Fault>) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { continue };
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let fault = faults.get(n).copied().unwrap_or(Fault::Pass);
            if let Fault::Refuse = fault {
                drop(client);
                continue;
            }
            let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            // Server to client: as is.
            std::thread::spawn(move || pipe(s2, c2, Fault::Pass));
            std::thread::spawn(move || pipe(client, server, fault));
        }
    });
    (port, count)
}

fn pipe(mut from: TcpStream, mut to: TcpStream, fault: Fault) {
    let mut buf = [0u8; 16 * 1024];
    let mut passed = 0usize;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let limit = match fault {
            Fault::DropAfter(l) | Fault::StallAfter(l) => Some(l),
            _ => None,
        };
        if let Some(l) = limit.filter(|l| passed + n > *l) {
            let _ = to.write_all(&buf[..l.saturating_sub(passed)]);
            if let Fault::StallAfter(_) = fault {
                // Longer than the client's timeout: it gives up, the server never sees the end.
                std::thread::sleep(Duration::from_secs(6));
            }
            break;
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
        passed += n;
    }
    let _ = to.shutdown(Shutdown::Both);
    let _ = from.shutdown(Shutdown::Both);
}

fn tre_with_password(tre: &Tre, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tre"))
        .arg("--db")
        .arg(&tre.db)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .env("TRE_SMTP_PASSWORD", password)
        .env_remove("TRE_DB")
        .output()
        .unwrap()
}

/// A demo commune with the superior's address and the outbox set for `port` (STARTTLS).
fn configured(port: u16, ca: &Path) -> Tre {
    configured_as(port, ca, "starttls")
}

fn configured_as(port: u16, ca: &Path, security: &str) -> Tre {
    let tre = Tre::new();
    tre.demo_ids("2026");
    tre.ok(&[
        "commune",
        "set",
        "--superior-email",
        "vanthu.syt@phutho.gov.vn",
    ]);
    tre.ok(&[
        "outbox",
        "settings",
        "--host",
        "localhost",
        "--port",
        &port.to_string(),
        "--security",
        security,
        "--user",
        USER,
        "--from",
        USER,
        "--ca",
        ca.to_str().unwrap(),
    ]);
    tre
}

fn received(s: &Server) -> Vec<Vec<u8>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(&s.out)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    names.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    names.sort();
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn message_id(eml: &[u8]) -> String {
    let text = String::from_utf8_lossy(eml);
    text.lines()
        .find_map(|l| l.strip_prefix("Message-ID:"))
        .unwrap()
        .trim()
        .to_string()
}

fn outbox(tre: &Tre) -> Vec<serde_json::Value> {
    let list: serde_json::Value =
        serde_json::from_str(&tre.ok(&["outbox", "list", "--json"])).unwrap();
    list.as_array().unwrap().clone()
}

#[test]
fn every_part_reaches_the_server_exactly_once_over_a_failing_line() {
    let s = server();
    let faults = vec![
        Fault::Refuse,
        Fault::DropAfter(2_000),    // during the greeting and STARTTLS
        Fault::Pass,                // part 1
        Fault::DropAfter(300_000),  // part 2, in the middle of its data
        Fault::Pass,                // part 2 again
        Fault::StallAfter(200_000), // part 3 stalls mid-data
    ];
    let (port, connections) = proxy(s.port, faults);
    let tre = configured(port, &s.ca);
    // Scans of 600 KB: one a message at a 1 MB limit.
    attach_all(&tre, 600_000);
    let out = tre.ok(&["outbox", "queue", "--year", "2026", "--max-mb", "1"]);
    let queued = outbox(&tre);
    let n = queued.len();
    assert!(n >= 6, "{out}");
    let run = tre_with_password(
        &tre,
        PASSWORD,
        &[
            "outbox",
            "run",
            "--until-done",
            "--retry-every",
            "1",
            "--timeout",
            "2",
            "--max-wait",
            "120",
        ],
    );
    let said = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        said.contains("Chưa gửi được thư"),
        "the faults were not felt: {said}"
    );
    assert!(connections.load(Ordering::SeqCst) >= n + 4);

    // Exactly once each, and only what Tre says it sent.
    let got: Vec<String> = received(&s).iter().map(|m| message_id(m)).collect();
    let unique: BTreeSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), got.len(), "a part arrived twice: {got:?}");
    let list = outbox(&tre);
    let sent: BTreeSet<String> = list
        .iter()
        .map(|m| {
            assert_eq!(m["state"], "sent", "{m}");
            m["message_id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(sent, got.iter().cloned().collect::<BTreeSet<_>>());
    assert!(list.iter().any(|m| m["attempts"].as_u64().unwrap() > 1));
    // What arrived is the queued message: from the officer's address, not a draft.
    let first = String::from_utf8_lossy(&received(&s)[0]).into_owned();
    assert!(
        first.starts_with("From: ") && !first.contains("X-Unsent"),
        "{}",
        &first[..200]
    );

    // The register records each sending with its Message-ID and the manifest's hash.
    let reg: serde_json::Value =
        serde_json::from_str(&tre.ok(&["register", "list", "--year", "2026", "--json"])).unwrap();
    let notes: Vec<String> = reg
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["sendings"].as_array().unwrap().clone())
        .map(|x| x["note"].as_str().unwrap_or_default().to_string())
        .collect();
    for id in &sent {
        assert!(
            notes.iter().any(|n| n.contains(id.as_str())),
            "{id} not in the register"
        );
    }
    let sha = list[0]["manifest_sha256"].as_str().unwrap();
    assert!(
        notes.iter().all(|n| n.contains(sha) && n.contains("250")),
        "{notes:?}"
    );
}

#[test]
fn a_wrong_password_stops_the_message_and_nothing_is_sent() {
    let s = server();
    let tre = configured(s.port, &s.ca);
    tre.ok(&["outbox", "queue", "--year", "2026", "--drafts"]);
    let wrong = "Wr0ng-pass!";
    let run = tre_with_password(
        &tre,
        wrong,
        &[
            "outbox",
            "run",
            "--until-done",
            "--timeout",
            "5",
            "--max-wait",
            "10",
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("sai tên đăng nhập hoặc mật khẩu"), "{said}");
    let list = outbox(&tre);
    // Not the password itself, in what is shown or kept.
    assert!(!said.contains(wrong) && !list[0].to_string().contains(wrong));
    assert_eq!(
        (list[0]["state"].as_str(), list[0]["attempts"].as_u64()),
        (Some("failed"), Some(1))
    );
    assert!(received(&s).is_empty());
    // The right password, after "Gửi lại": sent.
    let id = list[0]["id"].to_string();
    tre.ok(&["outbox", "retry", &id]);
    let run = tre_with_password(&tre, PASSWORD, &["outbox", "run", "--timeout", "5"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert_eq!(received(&s).len(), 1);
    // The database holds no password.
    let db = std::fs::read(&tre.db).unwrap();
    assert!(!db.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()));
}

#[test]
fn tls_from_the_first_byte_works_as_port_465_does() {
    let s = server_speaking("tls");
    let tre = configured_as(s.port, &s.ca, "tls");
    tre.ok(&["outbox", "queue", "--year", "2026", "--drafts"]);
    let run = tre_with_password(&tre, PASSWORD, &["outbox", "run", "--timeout", "5"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert_eq!(received(&s).len(), 1);
    assert_eq!(outbox(&tre)[0]["state"], "sent");
    // The same server through STARTTLS settings: the greeting is TLS, so nothing is sent
    // in the clear and the attempt waits to be tried again.
    let plain = configured_as(s.port, &s.ca, "starttls");
    plain.ok(&["outbox", "queue", "--year", "2026", "--drafts"]);
    let run = tre_with_password(&plain, PASSWORD, &["outbox", "run", "--timeout", "3"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(outbox(&plain)[0]["state"], "queued");
    assert_eq!(received(&s).len(), 1);
}

#[test]
fn queueing_needs_settings_and_the_superior_address() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    let e = tre.fails(&["outbox", "queue", "--year", "2026", "--drafts"]);
    assert!(e.contains("Chưa cài đặt gửi thư"), "{e}");
    let e = tre.fails(&[
        "outbox",
        "settings",
        "--host",
        "mail phutho",
        "--user",
        "a",
        "--from",
        "a@b.vn",
    ]);
    assert!(e.contains("Máy chủ thư"), "{e}");
    tre.ok(&[
        "outbox",
        "settings",
        "--host",
        "localhost",
        "--user",
        USER,
        "--from",
        USER,
    ]);
    let e = tre.fails(&["outbox", "queue", "--year", "2026", "--drafts"]);
    assert!(
        e.contains("địa chỉ thư điện tử hợp lệ của cơ quan cấp trên"),
        "{e}"
    );
    // Without drafts, missing signed copies stop it as they stop the dossier.
    tre.ok(&[
        "commune",
        "set",
        "--superior-email",
        "vanthu.syt@phutho.gov.vn",
    ]);
    let e = tre.fails(&["outbox", "queue", "--year", "2026"]);
    assert!(e.contains("Chưa có bản ký"), "{e}");
    assert!(outbox(&tre).is_empty());
}
