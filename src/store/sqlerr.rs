//! Turns SQLite's errors into the officer-facing `Error`. The store never lets a raw
//! `rusqlite::Error` escape: every result goes through `.db(path)` so the message names the
//! file and says what to do (free disk space, check permissions, close the other window…).

use std::path::Path;

use rusqlite::ffi::ErrorCode;

use crate::error::Error;

/// Maps one SQLite error that happened while working on `path`.
pub(crate) fn map(path: &Path, err: rusqlite::Error) -> Error {
    let path = path.to_path_buf();
    let Some(code) = err.sqlite_error_code() else {
        // Conversion errors (a column of an unexpected type, a bad UTF-8 path…) are bugs or
        // damage, not the officer's doing; the generic message tells them to retry or restore.
        return Error::Database(describe(&err));
    };
    match code {
        ErrorCode::DiskFull => Error::DiskFull { path },
        ErrorCode::ReadOnly
        | ErrorCode::PermissionDenied
        | ErrorCode::AuthorizationForStatementDenied => Error::Io {
            path,
            detail: "tệp hoặc thư mục chỉ cho phép đọc, không ghi được".to_string(),
        },
        ErrorCode::CannotOpen => Error::Io {
            path,
            detail: "không mở được tệp (thư mục không tồn tại hoặc không có quyền truy cập)"
                .to_string(),
        },
        ErrorCode::SystemIoFailure => Error::Io {
            path,
            detail: describe(&err),
        },
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Error::DatabaseBusy { path },
        ErrorCode::NotADatabase => Error::CorruptDatabase {
            path,
            detail: "không phải tệp cơ sở dữ liệu SQLite".to_string(),
        },
        ErrorCode::DatabaseCorrupt => Error::CorruptDatabase {
            path,
            detail: describe(&err),
        },
        _ => Error::Database(describe(&err)),
    }
}

/// What went wrong, in Vietnamese, with SQLite's number for whoever helps the officer.
/// SQLite's own English text ("database disk image is malformed") is never shown: the officer
/// cannot act on it, and a message half in English reads as a broken program.
pub(crate) fn describe(err: &rusqlite::Error) -> String {
    let Some(code) = err.sqlite_error_code() else {
        return "dữ liệu trong tệp không đúng dạng Tre mong đợi".to_string();
    };
    let what = match code {
        ErrorCode::DatabaseCorrupt => "cấu trúc tệp bị hỏng",
        ErrorCode::NotADatabase => "không phải tệp cơ sở dữ liệu SQLite",
        ErrorCode::SystemIoFailure => "lỗi đọc/ghi ổ đĩa",
        ErrorCode::DiskFull => "ổ đĩa đã đầy",
        ErrorCode::ReadOnly | ErrorCode::PermissionDenied => "tệp chỉ cho phép đọc",
        ErrorCode::CannotOpen => "không mở được tệp",
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
            "tệp đang được chương trình khác ghi"
        }
        ErrorCode::ConstraintViolation => "dữ liệu vi phạm ràng buộc của bảng",
        ErrorCode::TooBig => "dữ liệu quá lớn",
        ErrorCode::OutOfMemory => "không đủ bộ nhớ",
        ErrorCode::SchemaChanged => "cấu trúc bảng vừa thay đổi",
        _ => "thao tác với cơ sở dữ liệu thất bại",
    };
    let number = match err {
        rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
        _ => 0,
    };
    format!("{what}, mã SQLite {number}")
}

/// `.db(path)?` on any rusqlite result.
pub(crate) trait SqlResultExt<T> {
    fn db(self, path: &Path) -> Result<T, Error>;
}

impl<T> SqlResultExt<T> for rusqlite::Result<T> {
    fn db(self, path: &Path) -> Result<T, Error> {
        self.map_err(|e| map(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn failure(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)
    }

    #[test]
    fn maps_codes_to_variants() {
        let p = Path::new("/x/tre.db");
        assert_eq!(map(p, failure(ffi::SQLITE_FULL)).code(), "disk-full");
        assert_eq!(map(p, failure(ffi::SQLITE_READONLY)).code(), "io");
        assert_eq!(map(p, failure(ffi::SQLITE_PERM)).code(), "io");
        assert_eq!(map(p, failure(ffi::SQLITE_CANTOPEN)).code(), "io");
        assert_eq!(map(p, failure(ffi::SQLITE_BUSY)).code(), "db-busy");
        assert_eq!(map(p, failure(ffi::SQLITE_NOTADB)).code(), "db-corrupt");
        assert_eq!(map(p, failure(ffi::SQLITE_CORRUPT)).code(), "db-corrupt");
        assert_eq!(map(p, failure(ffi::SQLITE_CONSTRAINT)).code(), "db");
        assert_eq!(map(p, rusqlite::Error::InvalidQuery).code(), "db");
    }

    #[test]
    fn messages_say_what_to_do() {
        let p = Path::new("/x/tre.db");
        let full = map(p, failure(ffi::SQLITE_FULL)).to_string();
        assert!(full.contains("giải phóng dung lượng"), "{full}");
        assert!(full.contains("/x/tre.db"), "{full}");
        let ro = map(p, failure(ffi::SQLITE_READONLY)).to_string();
        assert!(
            ro.contains("chỉ cho phép đọc") && ro.contains("quyền truy cập"),
            "{ro}"
        );
        let busy = map(p, failure(ffi::SQLITE_BUSY)).to_string();
        assert!(busy.contains("Hãy đóng cửa sổ Tre"), "{busy}");
        let other = map(p, failure(ffi::SQLITE_CONSTRAINT)).to_string();
        assert!(other.contains("Lỗi cơ sở dữ liệu"), "{other}");
    }

    #[test]
    fn sqlite_english_never_reaches_the_message() {
        let p = Path::new("/x/tre.db");
        for (code, english) in [
            (ffi::SQLITE_CORRUPT, "database disk image is malformed"),
            (ffi::SQLITE_IOERR, "disk I/O error"),
            (ffi::SQLITE_NOTADB, "file is not a database"),
            (ffi::SQLITE_CONSTRAINT, "UNIQUE constraint failed"),
        ] {
            let err = rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(english.into()));
            let msg = map(p, err).to_string();
            assert!(!msg.contains(english), "{msg}");
        }
        let conversion = map(
            p,
            rusqlite::Error::InvalidColumnType(0, "x".into(), rusqlite::types::Type::Null),
        )
        .to_string();
        assert!(!conversion.contains("Invalid column type"), "{conversion}");
    }
}
