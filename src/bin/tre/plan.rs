//! `tre plan …` and `tre export plan …`.

use super::args::{ExportCmd, Format, PlanCmd, PlanSet};
use super::print_json;
use crate::document::plan_document;
use crate::error::{Error, Result};
use crate::export::{export_plan, ExportFormat};
use crate::model::{DocDate, Plan};
use crate::render;
use crate::store::Store;
use crate::text::nfc;
use crate::{rollover, template};

pub fn run(store: &mut Store, cmd: PlanCmd) -> Result<i32> {
    match cmd {
        PlanCmd::List { year, json } => {
            let plans = store.plans(year)?;
            if json {
                print_json(&plans)?;
            } else if plans.is_empty() {
                println!(
                    "Chưa có kế hoạch nào. Tạo mới bằng `tre plan new --year {} --template qd06`.",
                    super::current_year()
                );
            } else {
                for p in plans {
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
            }
            Ok(0)
        }
        PlanCmd::New { year, template } => {
            let commune = store.commune()?.ok_or(Error::NoCommune)?;
            let plan = template::get(template.id())?.instantiate(&commune, year)?;
            println!("{}", store.insert_plan(template.id(), &plan)?);
            Ok(0)
        }
        PlanCmd::Show { id, json } => {
            let stored = store.plan(id)?;
            if json {
                print_json(&stored.plan)?;
            } else {
                let commune = store.commune()?.ok_or(Error::NoCommune)?;
                print!(
                    "{}",
                    render::txt::to_text(&plan_document(&stored.plan, &commune))
                );
            }
            Ok(0)
        }
        PlanCmd::Copy { id, year } => {
            let stored = store.plan(id)?;
            let plan = rollover::roll_over(&stored.plan, year)?;
            let new_id = store.insert_plan(&stored.template, &plan)?;
            println!("{new_id}");
            // The copy is checked at once: what was left from last year shows now.
            let ctx = super::check::context(store)?;
            super::check::report_copy(new_id, &crate::check::check_plan(&plan, &ctx));
            Ok(0)
        }
        PlanCmd::Set(set) => {
            let mut plan = store.plan(set.id)?.plan;
            apply_set(&mut plan, &set)?;
            store.update_plan(set.id, &plan)?;
            println!("Đã lưu kế hoạch {}.", set.id);
            Ok(0)
        }
        PlanCmd::Delete { id } => {
            store.delete_plan(id)?;
            println!("Đã xóa kế hoạch {id}. Có thể khôi phục bằng `tre undo`.");
            Ok(0)
        }
        PlanCmd::Templates => {
            for t in template::all() {
                println!("{:<16} {}", t.id, t.name);
            }
            Ok(0)
        }
    }
}

pub fn export(store: &Store, cmd: ExportCmd) -> Result<i32> {
    match cmd {
        ExportCmd::Plan { id, format, out } => {
            let format = match format {
                Format::Pdf => ExportFormat::Pdf,
                Format::Docx => ExportFormat::Docx,
                Format::Svg => ExportFormat::Svg,
                Format::Txt => ExportFormat::Txt,
                Format::Json => ExportFormat::Json,
            };
            match out {
                Some(path) => {
                    for written in export_plan(store, id, format, &path)? {
                        eprintln!("Đã xuất {}", written.display());
                    }
                }
                // Text formats can go to the screen; the others need a file.
                None if matches!(format, ExportFormat::Txt | ExportFormat::Json) => {
                    let stored = store.plan(id)?;
                    let text = if format == ExportFormat::Json {
                        serde_json::to_string_pretty(&stored.plan)
                            .map_err(|e| Error::Invalid(e.to_string()))?
                            + "\n"
                    } else {
                        let commune = store.commune()?.ok_or(Error::NoCommune)?;
                        render::txt::to_text(&plan_document(&stored.plan, &commune))
                    };
                    use std::io::Write;
                    let _ = std::io::stdout().lock().write_all(text.as_bytes());
                }
                None => {
                    let ext = if format == ExportFormat::Docx {
                        "docx"
                    } else {
                        "pdf"
                    };
                    return Err(Error::Invalid(format!(
                        "Hãy nêu tệp {} sẽ tạo bằng --out, ví dụ --out ke-hoach.{ext}.",
                        ext.to_uppercase()
                    )));
                }
            }
            Ok(0)
        }
        other => super::assess_docs::export(store, other),
    }
}

fn apply_set(plan: &mut Plan, set: &PlanSet) -> Result<()> {
    if let Some(path) = &set.from_json {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        *plan = serde_json::from_str(&text).map_err(|e| {
            Error::Invalid(format!(
                "Tệp {} không đúng định dạng kế hoạch: {e}",
                path.display()
            ))
        })?;
    }
    if let Some(n) = &set.number {
        let n = nfc(n);
        plan.number = if n.is_empty() { None } else { Some(n) };
    }
    if let Some(d) = &set.date {
        plan.date = parse_doc_date(d)?;
    }
    if let Some(t) = &set.title {
        plan.title = nfc(t);
    }
    if let Some(n) = &set.signer_name {
        plan.signer.name = nfc(n);
    }
    plan.validate()
}

/// "15/04/2027" (a full date) or "4/2027" (the day left blank for the clerk).
fn parse_doc_date(text: &str) -> Result<DocDate> {
    let bad = || {
        Error::Invalid(format!(
            "Ngày “{text}” không hợp lệ. Hãy viết ngày/tháng/năm (15/04/2027) hoặc tháng/năm (4/2027) nếu chưa có ngày."
        ))
    };
    let parts: Vec<&str> = text.trim().split('/').collect();
    let num = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [d, m, y] => DocDate::new(Some(num(d)?), num(m)?, num(y)? as i32),
        [m, y] => DocDate::new(None, num(m)?, num(y)? as i32),
        _ => Err(bad()),
    }
}
