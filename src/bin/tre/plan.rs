//! `tre plan …` and `tre export plan …`.

use std::io::Write;

use crate::args::{ExportCmd, Format, PlanCmd, PlanSet};
use crate::{check, print_json};
use tre::export::ExportFormat;
use tre::model::{Plan, PlanEdit};
use tre::session::{current_year, Session};
use tre::{Error, Result};

pub fn run(s: &mut Session, cmd: PlanCmd) -> Result<i32> {
    match cmd {
        PlanCmd::List { year, json } => {
            let plans = s.plans_list(year)?;
            if json {
                print_json(&plans)?;
            } else if plans.is_empty() {
                println!(
                    "Chưa có kế hoạch nào. Tạo mới bằng `tre plan new --year {} --template qd06`.",
                    current_year()
                );
            }
            for p in plans.iter().filter(|_| !json) {
                let number = p
                    .number
                    .as_deref()
                    .map(|n| format!("Số {n}"))
                    .unwrap_or_else(|| "chưa số".into());
                println!(
                    "{:>4}  {}  {:<15}  {:<8}  {}",
                    p.id, p.year, p.template, number, p.title
                );
            }
            Ok(0)
        }
        PlanCmd::New { year, template } => {
            println!("{}", s.plan_new(year, template.id())?);
            Ok(0)
        }
        PlanCmd::Show { id, json } => {
            if json {
                print_json(&s.plan_get(id)?.plan)?;
            } else {
                print!("{}", s.plan_text(id)?);
            }
            Ok(0)
        }
        PlanCmd::Copy { id, year } => {
            let copied = s.plan_copy_checked(id, year)?;
            println!("{}", copied.id);
            // The copy is checked at once: what was left from last year shows now.
            check::report_new_plan(copied.id, &copied.findings);
            Ok(0)
        }
        PlanCmd::Set(set) => {
            match &set.from_json {
                // The file and the options together, saved in one step or not at all.
                Some(path) => {
                    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                    let plan = Plan::from_json(&text, &path.display().to_string())?;
                    s.plan_update(set.id, &edit(&set).apply(&plan)?)?;
                }
                None => s.plan_edit(set.id, &edit(&set))?,
            }
            println!("Đã lưu kế hoạch {}.", set.id);
            Ok(0)
        }
        PlanCmd::Delete { id } => {
            s.plan_delete(id)?;
            println!("Đã xóa kế hoạch {id}. Có thể khôi phục bằng `tre undo`.");
            Ok(0)
        }
        PlanCmd::Templates => {
            for t in s.templates_list() {
                println!("{:<16} {}", t.id, t.name);
            }
            Ok(0)
        }
    }
}

fn edit(set: &PlanSet) -> PlanEdit {
    PlanEdit {
        number: set.number.clone(),
        date: set.date.clone(),
        title: set.title.clone(),
        signer_name: set.signer_name.clone(),
    }
}

pub fn export(s: &Session, cmd: ExportCmd) -> Result<i32> {
    let ExportCmd::Plan { id, format, out } = cmd else {
        return crate::assess_docs::export(s, cmd);
    };
    let format = match format {
        Format::Pdf => ExportFormat::Pdf,
        Format::Docx => ExportFormat::Docx,
        Format::Svg => ExportFormat::Svg,
        Format::Txt => ExportFormat::Txt,
        Format::Json => ExportFormat::Json,
    };
    let text = match (out, format) {
        (Some(path), _) => {
            for written in s.export_plan(id, format, &path)? {
                eprintln!("Đã xuất {}", written.display());
            }
            return Ok(0);
        }
        // Text formats can go to the screen; the others need a file.
        (None, ExportFormat::Json) => {
            serde_json::to_string_pretty(&s.plan_get(id)?.plan)
                .map_err(|e| Error::Invalid(e.to_string()))?
                + "\n"
        }
        (None, ExportFormat::Txt) => s.plan_text(id)?,
        (None, _) => {
            return Err(Error::Invalid(format!(
                "Hãy nêu tệp {} sẽ tạo bằng --out, ví dụ --out {}.",
                format.extension().to_uppercase(),
                s.plan_file_name(id, format)?
            )));
        }
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(0)
}
