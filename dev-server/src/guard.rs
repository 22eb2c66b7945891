//! Who may talk to the dev server: only pages of the loopback. A web page elsewhere could
//! otherwise post to 127.0.0.1 (a form needs no CORS) or reach it through a DNS name that
//! resolves to it (rebinding), and edit the officer's data.

use tiny_http::{Method, Request};

/// The loopback hosts the UI may be served from (this server, or Vite's proxy to it).
fn loopback(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

fn header<'a>(req: &'a Request, name: &'static str) -> Option<&'a str> {
    req.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Ok when the request may be answered; otherwise why not, in Vietnamese.
pub fn check(req: &Request, port: u16) -> Result<(), &'static str> {
    allowed(
        req.method(),
        header(req, "Host"),
        header(req, "Origin"),
        header(req, "Content-Type"),
        port,
    )
}

fn allowed(
    method: &Method,
    host: Option<&str>,
    origin: Option<&str>,
    content_type: Option<&str>,
    port: u16,
) -> Result<(), &'static str> {
    const REFUSED: &str = "Máy chủ thử nghiệm của Tre chỉ trả lời trang trên chính máy này.";
    // The Host must be this very server: a rebinding name such as evil.example is refused.
    let own = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !host.is_some_and(|h| own.iter().any(|o| o == h)) {
        return Err(REFUSED);
    }
    if let Some(origin) = origin {
        let rest = origin.strip_prefix("http://").ok_or(REFUSED)?;
        if !loopback(rest) {
            return Err(REFUSED);
        }
    }
    // A cross-site form can post text/plain without asking; JSON needs a preflight this
    // server never grants.
    if *method == Method::Post && !content_type.is_some_and(|c| c.starts_with("application/json")) {
        return Err("Lệnh phải được gửi dưới dạng JSON (Content-Type: application/json).");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: Option<&str> = Some("application/json");

    #[test]
    fn loopback_pages_are_answered() {
        assert!(allowed(&Method::Get, Some("127.0.0.1:4173"), None, None, 4173).is_ok());
        assert!(allowed(
            &Method::Post,
            Some("localhost:4173"),
            Some("http://127.0.0.1:4173"),
            JSON,
            4173
        )
        .is_ok());
        // Vite's dev server proxying to this one.
        assert!(allowed(
            &Method::Post,
            Some("127.0.0.1:4173"),
            Some("http://localhost:5173"),
            JSON,
            4173
        )
        .is_ok());
    }

    #[test]
    fn other_hosts_origins_and_plain_posts_are_refused() {
        let own = Some("127.0.0.1:4173");
        // (method, Host, Origin, Content-Type)
        type Request<'a> = (
            &'a Method,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let refused: [Request; 7] = [
            // DNS rebinding: a foreign name that resolves to 127.0.0.1; no Host; another port.
            (&Method::Get, Some("evil.example:4173"), None, None),
            (&Method::Get, None, None, None),
            (&Method::Get, Some("127.0.0.1:9999"), None, None),
            // A page elsewhere posting to the loopback.
            (&Method::Post, own, Some("https://evil.example"), JSON),
            (
                &Method::Post,
                own,
                Some("http://127.0.0.1.evil.example"),
                JSON,
            ),
            (&Method::Post, own, Some("null"), JSON),
            // A form's text/plain post needs no preflight.
            (&Method::Post, own, None, Some("text/plain")),
        ];
        for (method, host, origin, content_type) in refused {
            let verdict = allowed(method, host, origin, content_type, 4173);
            assert!(
                verdict.is_err(),
                "{method:?} {host:?} {origin:?} {content_type:?}"
            );
        }
    }
}
