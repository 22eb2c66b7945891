//! One error type for the whole core. Every variant carries a stable code (for the UI and
//! scripts) and a Vietnamese message that tells the officer what is wrong and what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user gave something that cannot be accepted (a date, a year, an empty field).
    #[error("{0}")]
    Invalid(String),
    #[error("Không tìm thấy kế hoạch số {0}: có thể kế hoạch đã bị xóa. Hãy chọn lại trong danh sách kế hoạch.")]
    PlanNotFound(i64),
    #[error("Chưa có thông tin xã. Hãy nhập thông tin xã (tên xã, tỉnh, người ký) trước, hoặc dùng dữ liệu mẫu để dùng thử.")]
    NoCommune,
    #[error("Chưa có thông tin xã: hãy nhập ít nhất tên xã và tên tỉnh.")]
    CommuneIncomplete,
    #[error("Tệp dữ liệu này đã có thông tin {0}; dữ liệu mẫu không ghi đè. Hãy mở dữ liệu mẫu trong một tệp dữ liệu khác.")]
    DemoNeedsEmptyFile(String),
    #[error("Tệp dữ liệu {path} được tạo bởi phiên bản Tre mới hơn (phiên bản dữ liệu {found}, bản này đọc được đến {supported}). Hãy cập nhật Tre; tệp không bị thay đổi.")]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("Tệp dữ liệu {path} bị hỏng hoặc không phải tệp của Tre ({detail}). Hãy khôi phục từ một bản sao lưu; tệp hỏng được giữ nguyên.")]
    CorruptDatabase { path: PathBuf, detail: String },
    #[error("Không còn chỗ trống trên ổ đĩa khi ghi {path}. Hãy giải phóng dung lượng rồi thử lại; dữ liệu đã lưu không bị mất.")]
    DiskFull { path: PathBuf },
    #[error("Không đọc/ghi được {path}: {detail}. Hãy kiểm tra đường dẫn và quyền truy cập.")]
    Io { path: PathBuf, detail: String },
    #[error("Lỗi cơ sở dữ liệu: {0}. Dữ liệu đã lưu không bị thay đổi; hãy thử lại hoặc khôi phục từ bản sao lưu.")]
    Database(String),
    #[error("Không có thao tác nào để hoàn tác.")]
    NothingToUndo,
    #[error("Mẫu kế hoạch “{0}” không có. Các mẫu có: qd06, program, early-childhood, blank.")]
    UnknownTemplate(String),
    #[error("Không xuất được văn bản: {0}.")]
    Render(String),
    #[error("Không có thao tác nào để làm lại.")]
    NothingToRedo,
    #[error("Tệp dữ liệu {path} đang được một chương trình Tre khác ghi. Hãy đóng cửa sổ Tre còn lại rồi thử lại; dữ liệu đã lưu không bị mất.")]
    DatabaseBusy { path: PathBuf },
    #[error("Tệp {path} không phải bản sao lưu hợp lệ của Tre ({detail}). Hãy chọn một bản sao lưu khác; dữ liệu hiện tại không bị thay đổi.")]
    InvalidBackup { path: PathBuf, detail: String },
    #[error("Không xác định được thư mục dữ liệu của người dùng trên máy này (thư mục cá nhân không có hoặc không đọc được). Hãy đăng nhập bằng tài khoản người dùng thường của máy rồi mở lại Tre.")]
    NoDataDir,
    /// A text typed with a pre-Unicode Vietnamese font (TCVN3/ABC, VNI): the letters would
    /// come out as “K¾ ho¹ch”, so the importer refuses it and says how to convert it.
    #[error("Tệp {name} dùng bảng mã cũ (TCVN3/VNI), không phải Unicode, nên chữ tiếng Việt sẽ bị sai. Hãy mở tệp bằng Word, chuyển sang Unicode (Unikey: Công cụ chuyển mã, từ TCVN3 hoặc VNI sang Unicode) rồi lưu lại và nhập lại.")]
    LegacyEncoding { name: String },
    /// The dossier would send documents that have no signed copy in the register.
    #[error("Chưa có bản ký của {} văn bản nên chưa lập hồ sơ gửi: {}. Hãy đính kèm bản ký (bản quét hoặc bản ký số) của từng văn bản vào sổ văn bản; nếu cấp trên chấp nhận bản dự thảo, hãy lập hồ sơ gửi kèm bản dự thảo.", .0.len(), .0.join("; "))]
    MissingSignedCopies(Vec<String>),
}

impl Error {
    /// Every code `code()` returns, in the order of the variants: the UI's `ErrorCode` union is
    /// generated from it (src/contract.rs), so the app can choose its wording by code and a
    /// misspelt code fails type-checking.
    pub const CODES: &'static [&'static str] = &[
        "invalid",
        "plan-not-found",
        "no-commune",
        "commune-incomplete",
        "demo-needs-empty-file",
        "db-newer",
        "db-corrupt",
        "disk-full",
        "io",
        "db",
        "nothing-to-undo",
        "unknown-template",
        "render",
        "nothing-to-redo",
        "db-busy",
        "backup-invalid",
        "no-data-dir",
        "legacy-encoding",
        "missing-signed-copies",
    ];

    /// Stable machine-readable code, handed to the UI as `{code, message}`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::PlanNotFound(_) => "plan-not-found",
            Error::NoCommune => "no-commune",
            Error::CommuneIncomplete => "commune-incomplete",
            Error::DemoNeedsEmptyFile(_) => "demo-needs-empty-file",
            Error::NewerDatabase { .. } => "db-newer",
            Error::CorruptDatabase { .. } => "db-corrupt",
            Error::DiskFull { .. } => "disk-full",
            Error::Io { .. } => "io",
            Error::Database(_) => "db",
            Error::NothingToUndo => "nothing-to-undo",
            Error::UnknownTemplate(_) => "unknown-template",
            Error::Render(_) => "render",
            Error::NothingToRedo => "nothing-to-redo",
            Error::DatabaseBusy { .. } => "db-busy",
            Error::InvalidBackup { .. } => "backup-invalid",
            Error::NoDataDir => "no-data-dir",
            Error::LegacyEncoding { .. } => "legacy-encoding",
            Error::MissingSignedCopies(_) => "missing-signed-copies",
        }
    }

    /// Maps an I/O error on `path` to the right variant (a full disk gets its own message).
    pub fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Self {
        let path = path.into();
        if err.raw_os_error() == Some(28) || err.kind() == std::io::ErrorKind::StorageFull {
            Error::DiskFull { path }
        } else {
            Error::Io {
                path,
                detail: io_detail(&err),
            }
        }
    }
}

/// An I/O error in Vietnamese. The system's own text is English ("Permission denied (os
/// error 13)") on an officer's Linux and whatever language Windows has; the kind is enough to
/// say what to do, and the OS number stays for whoever helps.
pub(crate) fn io_detail(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match err.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục",
        K::PermissionDenied => "không có quyền truy cập",
        K::ReadOnlyFilesystem => "ổ đĩa hoặc thư mục chỉ cho phép đọc",
        K::AlreadyExists => "đã có một tệp trùng tên",
        K::IsADirectory => "đây là thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải thư mục",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::InvalidFilename => "tên tệp không hợp lệ",
        K::StorageFull | K::QuotaExceeded => "ổ đĩa đã đầy",
        K::FileTooLarge => "tệp quá lớn",
        K::UnexpectedEof => "tệp bị cắt cụt",
        K::InvalidData => "nội dung tệp không đúng định dạng",
        K::TimedOut => "quá thời gian chờ",
        K::Interrupted => "thao tác bị ngắt",
        K::OutOfMemory => "không đủ bộ nhớ",
        K::ResourceBusy => "tệp đang được chương trình khác dùng",
        K::StaleNetworkFileHandle | K::NetworkDown | K::NotConnected => "mất kết nối tới ổ mạng",
        _ => "lỗi đọc/ghi của hệ thống",
    };
    match err.raw_os_error() {
        Some(n) => format!("{what}, mã lỗi {n}"),
        None => what.to_string(),
    }
}

/// Where a JSON text stored by Tre stopped making sense, in Vietnamese (serde's own message
/// is English and names Rust types).
pub(crate) fn json_detail(err: &serde_json::Error) -> String {
    format!(
        "dữ liệu sai dạng ở dòng {}, cột {}",
        err.line(),
        err.column()
    )
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One value of each variant. The match below has no wildcard, so a new variant does not
    /// compile until it is added here too (and its code to `CODES`).
    fn one_of_each() -> Vec<Error> {
        let p = || PathBuf::from("tre.db");
        let all = vec![
            Error::Invalid(String::new()),
            Error::PlanNotFound(1),
            Error::NoCommune,
            Error::CommuneIncomplete,
            Error::DemoNeedsEmptyFile(String::new()),
            Error::NewerDatabase {
                path: p(),
                found: 2,
                supported: 1,
            },
            Error::CorruptDatabase {
                path: p(),
                detail: String::new(),
            },
            Error::DiskFull { path: p() },
            Error::Io {
                path: p(),
                detail: String::new(),
            },
            Error::Database(String::new()),
            Error::NothingToUndo,
            Error::UnknownTemplate(String::new()),
            Error::Render(String::new()),
            Error::NothingToRedo,
            Error::DatabaseBusy { path: p() },
            Error::InvalidBackup {
                path: p(),
                detail: String::new(),
            },
            Error::NoDataDir,
            Error::LegacyEncoding {
                name: String::new(),
            },
            Error::MissingSignedCopies(Vec::new()),
        ];
        for e in &all {
            match e {
                Error::Invalid(_)
                | Error::PlanNotFound(_)
                | Error::NoCommune
                | Error::CommuneIncomplete
                | Error::DemoNeedsEmptyFile(_)
                | Error::NewerDatabase { .. }
                | Error::CorruptDatabase { .. }
                | Error::DiskFull { .. }
                | Error::Io { .. }
                | Error::Database(_)
                | Error::NothingToUndo
                | Error::UnknownTemplate(_)
                | Error::Render(_)
                | Error::NothingToRedo
                | Error::DatabaseBusy { .. }
                | Error::InvalidBackup { .. }
                | Error::NoDataDir
                | Error::LegacyEncoding { .. }
                | Error::MissingSignedCopies(_) => {}
            }
        }
        all
    }

    #[test]
    fn codes_lists_every_variant_code_once() {
        let codes: Vec<&str> = one_of_each().iter().map(Error::code).collect();
        assert_eq!(
            codes,
            Error::CODES,
            "CODES must list each variant's code, in order"
        );
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "two variants share a code");
    }
}
