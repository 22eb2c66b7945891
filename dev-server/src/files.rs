//! The built UI's files (ui/dist), read only from inside that folder.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use tiny_http::{Header, Response};

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

/// The file a URL names under `root`, or None for anything that could leave it: `..`,
/// a backslash, an encoded character, an absolute or hidden part.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rel = path.strip_prefix('/')?;
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let safe = rel.split('/').all(|part| {
        !part.is_empty() && !part.starts_with('.') && !part.contains(['\\', '%', '\0', ':'])
    });
    safe.then(|| root.join(rel))
}

pub fn serve(root: &Path, url: &str) -> Response<Cursor<Vec<u8>>> {
    let found = resolve(root, url).and_then(|p| fs::read(&p).ok().map(|bytes| (p, bytes)));
    match found {
        Some((p, bytes)) => Response::from_data(bytes).with_header(
            Header::from_bytes("Content-Type", content_type(&p)).expect("ASCII header"),
        ),
        None => Response::from_string("Không có tệp này.").with_status_code(404),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_inside_the_ui_folder() {
        let root = Path::new("/srv/dist");
        assert_eq!(resolve(root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(root, "/?demo"), Some(root.join("index.html")));
        assert_eq!(
            resolve(root, "/assets/index-1a2b.js"),
            Some(root.join("assets/index-1a2b.js"))
        );
        for bad in [
            "/../etc/passwd",
            "/assets/../../x",
            "/%2e%2e/x",
            "/a\\..\\b",
            "//etc/passwd",
            "/.env",
            "relative",
            "/C:/x",
        ] {
            assert_eq!(resolve(root, bad), None, "{bad}");
        }
    }
}
