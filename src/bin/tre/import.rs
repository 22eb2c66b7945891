//! `tre import FILE [--save] [--json]`: reads a plan from a file and shows what was read.
//! Without `--save` nothing is written. With it the plan is stored (template "imported")
//! and, like `plan new`, the new id is what stdout carries; the summary goes to stderr.

use std::path::{Path, PathBuf};

use crate::{open, print_json};
use tre::model::Plan;
use tre::session::Session;
use tre::Result;

pub fn run(db: Option<&PathBuf>, file: &Path, save: bool, json: bool) -> Result<i32> {
    // Without --save no database is opened: a file can be looked at anywhere.
    let imported = Session::plan_read_file(file)?;
    let (plan, warnings) = (&imported.plan, &imported.warnings);
    let saved = match save {
        true => Some(open(db)?.plan_save_imported(&imported)?),
        false => None,
    };
    let id = saved.as_ref().map(|s| s.id);
    // After saving: a refusal is then the one line the officer reads.
    for w in warnings {
        eprintln!("Cảnh báo: {w}");
    }
    let summary = summary(file, plan);
    match (json, id) {
        (true, id) => {
            print_json(plan)?;
            if let Some(id) = id {
                eprintln!("Đã lưu thành kế hoạch số {id}.");
            }
        }
        (false, Some(id)) => {
            eprint!("{summary}");
            eprintln!("Đã lưu thành kế hoạch số {id}.");
            println!("{id}");
        }
        (false, None) => {
            print!("{summary}");
            println!(
                "Chưa lưu. Lưu bằng: tre import \"{}\" --save",
                file.display()
            );
        }
    }
    // Saved: checked at once, as the app's import checks it.
    if let Some(saved) = &saved {
        crate::check::report_new_plan(saved.id, &saved.findings);
    }
    Ok(0)
}

/// A few lines that tell the officer whether the file was read as expected.
fn summary(file: &Path, plan: &Plan) -> String {
    let number = plan.number.as_deref().unwrap_or("…");
    let day = plan
        .date
        .day
        .map(|d| format!("ngày {d:02} "))
        .unwrap_or_default();
    let all = plan.walk_sections().len();
    let signer = if plan.signer.name.is_empty() {
        "(chưa rõ)".to_string()
    } else {
        plan.signer.name.clone()
    };
    format!(
        "Đã đọc {file}:\n  {doc_type} số {number}/{symbol}, {place}, {day}tháng {month} năm {year}\n  Trích yếu: {title}\n  {top} phần lớn, {all} mục tất cả; {deadlines} thời hạn; {events} sự kiện; {refs} văn bản được dẫn\n  Nơi nhận: {recipients}; người ký: {signer}\n",
        file = file.display(),
        doc_type = if plan.doc_type.is_empty() { "(không rõ loại)" } else { &plan.doc_type },
        symbol = plan.symbol,
        place = plan.place,
        month = plan.date.month,
        year = plan.date.year,
        title = plan.title,
        top = plan.sections.len(),
        deadlines = plan.deadlines.len(),
        events = plan.events.len(),
        refs = plan.references.len(),
        recipients = plan.recipients.len(),
    )
}
