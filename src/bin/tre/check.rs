//! `tre check FILE|--plan ID [--json]`: the linter's findings, one Vietnamese line each and a
//! summary (or JSON, docs/cli.md); exit 1 when a finding is an error. A file is checked as
//! importing it in the app would check it, with the commune profile when there is one.

use crate::args::CheckArgs;
use crate::print_json;
use tre::check::{has_errors, human_line, Finding, Severity, Summary};
use tre::session::Session;
use tre::{Error, Result};

pub fn run(s: &Session, args: CheckArgs) -> Result<i32> {
    let findings = match (args.plan, &args.file) {
        (Some(id), _) => s.plan_check(id)?,
        (None, Some(path)) => s.check_file(path)?,
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

/// After `plan copy` or `import --save`: errors and warnings of the new plan and a summary, on stderr (stdout
/// keeps only the new id).
pub fn report_new_plan(id: i64, findings: &[Finding]) {
    for f in findings.iter().filter(|f| f.severity != Severity::Info) {
        eprintln!("{}", human_line(f));
    }
    eprintln!(
        "Kiểm tra kế hoạch mới {id}: {}. Xem đủ bằng `tre check --plan {id}`.",
        Summary::of(findings).sentence()
    );
}
