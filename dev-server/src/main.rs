//! `tre-dev-server`: the real core for the UI in a plain browser. It serves the built UI
//! (`ui/dist`) and answers `POST /invoke/<command>` with the same `Session` calls as the
//! Tauri shell, so the browser tests click through the real scoring, edits, preview and
//! findings instead of a TypeScript copy of them (the idea of GitButler's but-server).
//!
//! Development only: it is its own crate, never a dependency of the app or the CLI, and
//! it listens on 127.0.0.1 alone, refusing requests that name another host (DNS
//! rebinding) or come from a page outside the loopback.
//!
//!   tre-dev-server --db /tmp/t/tre.db --ui ui/dist [--port 0]
//!
//! prints `http://127.0.0.1:PORT/` on its first line once it listens.

mod dispatch;
mod files;
mod guard;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use tiny_http::{Header, Method, Request, Response, Server};
use tre::session::Session;

/// A request body above this is refused: the largest real one, a long plan, is far smaller.
const MAX_BODY: u64 = 16 << 20;

struct Options {
    db: PathBuf,
    ui: Option<PathBuf>,
    export_dir: Option<PathBuf>,
    port: u16,
}

fn usage() -> ! {
    eprintln!("Cách dùng: tre-dev-server --db TỆP_DỮ_LIỆU [--ui THƯ_MỤC_ui/dist] [--export-dir THƯ_MỤC] [--port SỐ]");
    std::process::exit(2)
}

fn options() -> Options {
    let mut args = std::env::args_os().skip(1);
    let (mut db, mut ui, mut export_dir, mut port) = (None, None, None, 0u16);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.to_str() {
            Some("--db") => db = Some(PathBuf::from(value())),
            Some("--ui") => ui = Some(PathBuf::from(value())),
            Some("--export-dir") => export_dir = Some(PathBuf::from(value())),
            Some("--port") => {
                port = value()
                    .to_str()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            _ => usage(),
        }
    }
    Options {
        db: db.unwrap_or_else(|| usage()),
        ui,
        export_dir,
        port,
    }
}

fn main() {
    let opts = options();
    let fail = |what: String| -> ! {
        eprintln!("Lỗi: {what}");
        std::process::exit(1)
    };
    let mut session = Session::open(&opts.db).unwrap_or_else(|e| fail(e.to_string()));
    if let Some(dir) = opts.export_dir {
        session.set_export_dir(dir);
    }
    let server = Server::http(("127.0.0.1", opts.port)).unwrap_or_else(|e| {
        fail(format!(
            "không mở được cổng {} trên 127.0.0.1 ({e}).",
            opts.port
        ))
    });
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(opts.port);
    println!("http://127.0.0.1:{port}/");
    let _ = std::io::stdout().flush();
    // One request at a time over one Session: what the shell's Mutex<Session> gives too.
    for request in server.incoming_requests() {
        let answer = handle(&mut session, opts.ui.as_deref(), port, request);
        if let Err(e) = answer {
            eprintln!("tre-dev-server: {e}");
        }
    }
}

fn handle(
    session: &mut Session,
    ui: Option<&Path>,
    port: u16,
    mut req: Request,
) -> std::io::Result<()> {
    if let Err(why) = guard::check(&req, port) {
        return req.respond(text(403, why));
    }
    let url = req.url().to_string();
    match (req.method(), url.strip_prefix("/invoke/")) {
        (Method::Post, Some(cmd)) => {
            let mut body = Vec::new();
            (&mut req.as_reader())
                .take(MAX_BODY + 1)
                .read_to_end(&mut body)?;
            if body.len() as u64 > MAX_BODY {
                return req.respond(text(413, "Yêu cầu quá lớn."));
            }
            let args = if body.is_empty() {
                Ok(serde_json::Value::Null)
            } else {
                serde_json::from_slice(&body)
            };
            // A command the core refuses is an answer, not a failed request: 200 with
            // `{"error": {code, message}}` (as Tauri rejects the invoke), `{"value": …}` else.
            let (status, reply) = match args {
                Err(e) => (
                    400,
                    serde_json::json!({"error": {"code": "invalid-request", "message": format!("Nội dung yêu cầu không phải JSON: {e}.")}}),
                ),
                Ok(args) => match dispatch::dispatch(session, cmd, args) {
                    Ok(v) => (200, serde_json::json!({ "value": v })),
                    Err(f) => (200, serde_json::json!({ "error": f })),
                },
            };
            req.respond(json(status, &reply))
        }
        (Method::Get | Method::Head, None) => match ui {
            Some(root) => req.respond(files::serve(root, &url)),
            None => req.respond(text(
                404,
                "Không phục vụ giao diện: hãy chạy với --ui ui/dist.",
            )),
        },
        _ => req.respond(text(405, "Phương thức không được hỗ trợ.")),
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid ASCII header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn json(status: u16, v: &serde_json::Value) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(serde_json::to_vec(v).unwrap_or_default())
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}
