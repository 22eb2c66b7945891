//! The shell's commands by name, over the same `Session` methods that
//! `src-tauri/src/commands.rs` forwards to: the same names, the same arguments (as the UI
//! sends them to Tauri) and the same results and `{code, message}` errors. A test below
//! keeps this list equal to the shell's.

use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use tre::document::assessment::AssessmentKind;
use tre::export::ExportFormat;
use tre::model::{Commune, Plan};
use tre::province::Issuer;
use tre::register::{SendMethod, Sending};
use tre::session::{AssessmentEdit, Session};

/// What the browser gets back when a command fails: the shell's `CmdError`.
#[derive(Debug, Serialize, PartialEq)]
pub struct Failure {
    pub code: String,
    pub message: String,
}

impl From<tre::Error> for Failure {
    fn from(e: tre::Error) -> Self {
        Failure {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

impl Failure {
    fn request(message: String) -> Self {
        Failure {
            code: "invalid-request".into(),
            message,
        }
    }
}

/// The commands of the shell that only a desktop can do (open a file with the system's
/// program, show it in the file manager): the browser build does without them.
pub const SHELL_ONLY: &[&str] = &["open_written", "reveal_written"];

/// Every command served here, in the order of the shell's `generate_handler!` (the test
/// below holds `dispatch` and the shell to this list).
#[cfg(test)]
const COMMANDS: &[&str] = &[
    "commune_get",
    "commune_set",
    "demo_load",
    "templates_list",
    "plans_list",
    "plan_get",
    "plan_new",
    "plan_update",
    "plan_copy",
    "plan_delete",
    "plan_preview",
    "export_plan",
    "export_plan_to_folder",
    "plan_file_name",
    "undo",
    "redo",
    "history",
    "deadlines",
    "reminder",
    "default_export_dir",
    "assessment_overview",
    "assessment_set",
    "assessment_categories",
    "assessment_trends",
    "assessment_import_scores",
    "assessment_export",
    "dossier_build",
    "province_import",
    "province_table",
    "province_trends",
    "province_issuer",
    "province_set_issuer",
    "province_export",
    "plan_check",
    "plan_check_draft",
    "plan_import",
    "plan_copy_checked",
    "register_list",
    "register_entry",
    "register_sign",
    "register_send",
    "register_attach",
    "register_copy_data",
    "trust_list",
    "trust_import",
    "trust_remove",
    "outbox_settings",
    "outbox_configure",
    "outbox_queue",
    "outbox_list",
    "outbox_retry",
    "outbox_cancel",
    "backup_status",
    "backup_offsite",
    "backups_list",
    "backup_inspect",
    "backup_restore",
];

/// The arguments of one call, as the UI passes them to `invoke`.
struct Args(Map<String, Value>);

impl Args {
    fn get<T: DeserializeOwned>(&self, name: &str) -> Result<T, Failure> {
        let v = self.0.get(name).cloned().unwrap_or(Value::Null);
        serde_json::from_value(v)
            .map_err(|e| Failure::request(format!("Tham số “{name}” không hợp lệ: {e}.")))
    }
}

fn ok<T: Serialize>(r: tre::Result<T>) -> Result<Value, Failure> {
    let v = r?;
    serde_json::to_value(v).map_err(|e| Failure::request(format!("Không trả được kết quả: {e}.")))
}

/// Runs command `cmd` with `args` (a JSON object) on the session. "Xuất PDF", the
/// assessment's documents and the dossier go to the session's export folder.
pub fn dispatch(s: &mut Session, cmd: &str, args: Value) -> Result<Value, Failure> {
    let a = Args(match args {
        Value::Object(m) => m,
        Value::Null => Map::new(),
        _ => {
            return Err(Failure::request(
                "Tham số phải là một đối tượng JSON.".into(),
            ))
        }
    });
    match cmd {
        "commune_get" => ok(s.commune_get()),
        "commune_set" => ok(s.commune_set(&a.get::<Commune>("commune")?)),
        "demo_load" => ok(s.demo_load(a.get("year")?)),
        "templates_list" => ok(Ok(s.templates_list())),
        "plans_list" => ok(s.plans_list(a.get("year")?)),
        "plan_get" => ok(s.plan_get(a.get("id")?)),
        "plan_new" => ok(s.plan_new(a.get("year")?, &a.get::<String>("template")?)),
        "plan_update" => ok(s.plan_update(a.get("id")?, &a.get::<Plan>("plan")?)),
        "plan_copy" => ok(s.plan_copy(a.get("id")?, a.get("year")?)),
        "plan_delete" => ok(s.plan_delete(a.get("id")?)),
        "plan_preview" => ok(s.plan_preview(&a.get::<Plan>("plan")?)),
        "export_plan" => {
            let path: PathBuf = a.get("path")?;
            ok(s.export_plan_to(a.get("id")?, a.get::<ExportFormat>("format")?, &path))
        }
        "export_plan_to_folder" => {
            ok(s.plan_export_to_folder(a.get("id")?, a.get::<ExportFormat>("format")?))
        }
        "plan_file_name" => ok(s.plan_file_name(a.get("id")?, a.get::<ExportFormat>("format")?)),
        "undo" => ok(s.undo()),
        "redo" => ok(s.redo()),
        "history" => ok(s.history(a.get("limit")?)),
        "deadlines" => ok(s.deadlines(a.get("year")?)),
        "reminder" => ok(s.reminder(None)),
        "default_export_dir" => ok(s.export_dir()),
        "assessment_overview" => ok(s.assessment_overview(a.get("year")?)),
        "assessment_set" => ok(s.assessment_set(a.get("year")?, &a.get::<AssessmentEdit>("edit")?)),
        "assessment_categories" => ok(s.assessment_categories()),
        "assessment_trends" => ok(s.assessment_trends()),
        "assessment_import_scores" => ok(s.assessment_import_scores(
            &a.get::<PathBuf>("path")?,
            a.get("year")?,
            a.get::<Option<bool>>("replace")?.unwrap_or(false),
        )),
        "assessment_export" => {
            let kind: AssessmentKind = a.get("kind")?;
            ok(s.assessment_export(kind, a.get("year")?, a.get::<ExportFormat>("format")?))
        }
        // The shell also sends each step as an event; here the result alone comes back.
        "dossier_build" => {
            let dir = s.export_dir()?;
            ok(s.dossier_build(a.get("year")?, &dir, a.get("options")?, &mut |_| {}))
        }
        "province_import" => {
            let (paths, year): (Vec<PathBuf>, i32) = (a.get("paths")?, a.get("year")?);
            ok(s.province_import(&paths, year, &mut |_| {}))
        }
        "province_table" => ok(s.province_table(a.get("year")?)),
        "province_trends" => ok(s.province_trends(a.get::<Option<String>>("commune")?.as_deref())),
        "province_issuer" => ok(s.province_issuer()),
        "province_set_issuer" => ok(s.province_set_issuer(&a.get::<Issuer>("issuer")?)),
        "province_export" => ok(s.province_export_to_folder(a.get("year")?, a.get("pdf")?)),
        "plan_check" => ok(s.plan_check(a.get("id")?)),
        "plan_check_draft" => ok(s.plan_check_draft(&a.get::<Plan>("plan")?)),
        "plan_import" => ok(s.plan_import(&a.get::<PathBuf>("path")?)),
        "plan_copy_checked" => ok(s.plan_copy_checked(a.get("id")?, a.get("year")?)),
        "register_list" => ok(s.register_list(a.get("year")?)),
        "register_entry" => ok(s.register_entry(&a.get::<String>("key")?)),
        "register_sign" => {
            let (key, number, date): (String, String, String) =
                (a.get("key")?, a.get("number")?, a.get("date")?);
            ok(s.register_sign(&key, &number, &date))
        }
        "register_attach" => {
            let (key, files, replace): (String, Vec<PathBuf>, bool) =
                (a.get("key")?, a.get("files")?, a.get("replace")?);
            ok(s.register_attach(&key, &files, replace))
        }
        "register_copy_data" => ok(s.register_copy_base64(&a.get::<String>("key")?)),
        "trust_list" => ok(s.trust_list()),
        "trust_import" => ok(s.trust_import(&a.get::<Vec<PathBuf>>("files")?)),
        "trust_remove" => ok(s.trust_remove(&a.get::<String>("fingerprint")?)),
        "outbox_settings" => ok(s.outbox_settings()),
        "outbox_configure" => {
            let password: Option<String> = a.get("password")?;
            ok(s.outbox_configure(a.get("settings")?, password.as_deref()))
        }
        // No runner here: the browser tests see the queue; sending is the app's and the CLI's.
        "outbox_queue" => ok(s.outbox_queue_dossier(a.get("year")?, a.get("options")?)),
        "outbox_list" => ok(s.outbox_list()),
        "outbox_retry" => ok(s.outbox_retry(a.get("id")?)),
        "outbox_cancel" => ok(s.outbox_cancel(a.get("id")?)),
        "backup_status" => ok(s.backup_status()),
        "backup_offsite" => {
            let folder: Option<PathBuf> = a.get("folder")?;
            ok(s.backup_offsite(folder.as_deref()))
        }
        "backups_list" => {
            let more: Vec<PathBuf> = a.get::<Option<_>>("more")?.unwrap_or_default();
            ok(Ok(Session::backups_list(s.db_path(), &more)))
        }
        "backup_inspect" => ok(Session::backup_inspect(&a.get::<PathBuf>("path")?)),
        "backup_restore" => {
            // Restored under the open session (SQLite's backup API), then reopened so the
            // restored file gets its checks and migrations, as the shell's next command does.
            let db = s.db_path().to_path_buf();
            let kept = Session::restore(&db, &a.get::<PathBuf>("path")?)?;
            let export_dir = s.export_dir()?;
            *s = Session::open(&db)?;
            s.set_export_dir(export_dir);
            ok(Ok(kept))
        }
        "register_send" => {
            let (on, to, note): (String, String, Option<String>) =
                (a.get("on")?, a.get("to")?, a.get("note")?);
            let sending = Sending::new(&on, &to, a.get::<SendMethod>("how")?, note.as_deref())?;
            ok(s.register_send(&a.get::<String>("key")?, sending))
        }
        _ if SHELL_ONLY.contains(&cmd) => Err(Failure::request(format!(
            "Lệnh “{cmd}” chỉ có trong ứng dụng Tre trên máy tính."
        ))),
        _ => Err(Failure::request(format!("Không có lệnh “{cmd}”."))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use std::path::Path;

    fn session(dir: &Path) -> Session {
        let mut s = Session::open(&dir.join("tre.db")).unwrap();
        s.set_export_dir(dir.join("Tre"));
        s
    }

    /// The shell's command list, read from its `generate_handler!`: a command added there
    /// and not here (or the other way round) fails this test.
    #[test]
    fn serves_exactly_the_shells_commands() {
        let main = include_str!("../../src-tauri/src/main.rs");
        let list = main
            .split("generate_handler![")
            .nth(1)
            .unwrap()
            .split(']')
            .next()
            .unwrap();
        let shell: Vec<&str> = list
            .split(',')
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| s.rsplit("::").next().unwrap())
            .collect();
        let served: Vec<&str> = COMMANDS.iter().chain(SHELL_ONLY).copied().collect();
        assert_eq!(shell, served);
        // And every listed command is one the dispatcher knows.
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        for cmd in COMMANDS {
            if let Err(f) = dispatch(&mut s, cmd, json!({})) {
                assert!(
                    !f.message.starts_with("Không có lệnh"),
                    "{cmd}: {}",
                    f.message
                );
            }
        }
    }

    #[test]
    fn forwards_to_the_session_with_the_shells_errors() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        assert_eq!(
            dispatch(&mut s, "commune_get", Value::Null).unwrap(),
            Value::Null
        );
        let e = dispatch(
            &mut s,
            "plan_new",
            json!({"year": 2026, "template": "qd06"}),
        )
        .unwrap_err();
        assert_eq!(e.code, "no-commune");
        let ids = dispatch(&mut s, "demo_load", json!({"year": 2026})).unwrap();
        let first = ids.as_array().unwrap()[0].as_i64().unwrap();
        let name = dispatch(
            &mut s,
            "plan_file_name",
            json!({"id": first, "format": "pdf"}),
        )
        .unwrap();
        let written = dispatch(
            &mut s,
            "export_plan_to_folder",
            json!({"id": first, "format": "pdf"}),
        )
        .unwrap();
        let written = PathBuf::from(written.as_str().unwrap());
        assert_eq!(written.file_name().unwrap().to_str(), name.as_str());
        assert_eq!(written.parent(), Some(dir.path().join("Tre").as_path()));
        assert!(std::fs::read(&written).unwrap().starts_with(b"%PDF"));
        let e = dispatch(&mut s, "plan_get", json!({"id": 99_999})).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.message.contains("99999")),
            ("plan-not-found", true)
        );
    }

    #[test]
    fn bad_requests_get_a_vietnamese_answer() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session(dir.path());
        let e = dispatch(&mut s, "plan_get", json!({"id": "một"})).unwrap_err();
        assert_eq!(e.code, "invalid-request");
        assert!(
            e.message.starts_with("Tham số “id” không hợp lệ"),
            "{}",
            e.message
        );
        assert_eq!(
            dispatch(&mut s, "rm_rf", json!({})).unwrap_err().message,
            "Không có lệnh “rm_rf”."
        );
        assert!(dispatch(&mut s, "open_written", json!({}))
            .unwrap_err()
            .message
            .contains("chỉ có trong ứng dụng"));
        assert_eq!(
            dispatch(&mut s, "undo", json!([1])).unwrap_err().code,
            "invalid-request"
        );
    }
}
