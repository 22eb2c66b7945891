//! `tre check FILE|--plan ID [--json]`: the linter's findings, one Vietnamese line each and a
//! summary (or JSON, CLI.md); exit 1 when a finding is an error.

use std::path::{Path, PathBuf};

use super::args::CheckArgs;
use super::{open_store, print_json};
use crate::check::{
    check_plan, check_source, has_errors, human_line, CheckContext, Finding, Severity, Summary,
};
use crate::error::{Error, Result};
use crate::model::Plan;
use crate::store::Store;

pub fn run(db: Option<&PathBuf>, args: CheckArgs) -> Result<i32> {
    let findings = match (args.plan, &args.file) {
        (Some(id), _) => {
            let store = open_store(db)?;
            let plan = store.plan(id)?.plan;
            check_plan(&plan, &context(&store)?)
        }
        (None, Some(path)) => check_file(path)?,
        (None, None) => {
            return Err(Error::Invalid(
                "Hãy nêu tệp kế hoạch hoặc --plan ID, ví dụ `tre check --plan 1`.".into(),
            ))
        }
    };
    if args.json {
        print_json(&findings)?;
    } else {
        for f in &findings {
            println!("{}", human_line(f));
        }
        println!("Kết quả: {}.", Summary::of(&findings).sentence());
    }
    Ok(if has_errors(&findings) { 1 } else { 0 })
}

/// The commune profile as the linter's context (none yet: an empty one).
pub fn context(store: &Store) -> Result<CheckContext> {
    Ok(store
        .commune()?
        .map(|c| CheckContext::from_commune(&c))
        .unwrap_or_default())
}

/// A plan file: JSON as `plan show --json` prints it, or raw text (.txt, .md) checked line by
/// line. A file has no commune profile: its own place name stands for the commune.
fn check_file(path: &Path) -> Result<Vec<Finding>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ctx = CheckContext::default();
    match ext.as_str() {
        "json" => {
            let plan: Plan = serde_json::from_str(&read(path)?).map_err(|e| {
                Error::Invalid(format!(
                    "Tệp {} không đúng định dạng kế hoạch ({e}); hãy dùng tệp do `tre plan show ID --json` tạo ra.",
                    path.display()
                ))
            })?;
            Ok(check_plan(&plan, &ctx))
        }
        // The model's rules need the imported plan; the text rules see what the model
        // normalises away (final punctuation, "Noi nhận"). A mistake both see is told once.
        "txt" | "md" => Ok(check_source(
            &crate::import::import_file(path)?.plan,
            &read(path)?,
            &ctx,
        )),
        "docx" => Ok(check_plan(&crate::import::import_file(path)?.plan, &ctx)),
        _ => Err(Error::Invalid(format!(
            "Không kiểm tra được tệp {}: hãy dùng tệp .json (như `tre plan show ID --json` in ra), .txt, .md hoặc .docx.",
            path.display()
        ))),
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidData {
            Error::Invalid(format!(
                "Tệp {} không phải văn bản Unicode (UTF-8); hãy lưu lại với bảng mã UTF-8.",
                path.display()
            ))
        } else {
            Error::io(path, e)
        }
    })
}

/// After `plan copy`: errors and warnings of the new plan and a summary, on stderr (stdout
/// keeps only the new id).
pub fn report_copy(id: i64, findings: &[Finding]) {
    for f in findings.iter().filter(|f| f.severity != Severity::Info) {
        eprintln!("{}", human_line(f));
    }
    eprintln!(
        "Kiểm tra kế hoạch mới {id}: {}. Xem đủ bằng `tre check --plan {id}`.",
        Summary::of(findings).sentence()
    );
}
