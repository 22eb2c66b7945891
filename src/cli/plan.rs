//! `tre plan …` and `tre export plan …`.

use super::args::{ExportCmd, Format, PlanCmd, PlanSet};
use super::print_json;
use crate::document::plan_document;
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
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
            println!("{}", store.insert_plan(&stored.template, &plan)?);
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
            let stored = store.plan(id)?;
            let bytes = match format {
                Format::Json => {
                    let mut s = serde_json::to_string_pretty(&stored.plan)
                        .map_err(|e| Error::Invalid(e.to_string()))?;
                    s.push('\n');
                    s.into_bytes()
                }
                Format::Txt | Format::Pdf | Format::Docx | Format::Svg => {
                    let commune = store.commune()?.ok_or(Error::NoCommune)?;
                    let doc = plan_document(&stored.plan, &commune);
                    match format {
                        Format::Pdf => render::pdf::write_pdf(&doc)?,
                        Format::Docx => render::docx::write_docx(&doc)?,
                        Format::Svg => return write_svg_pages(&doc, out.as_deref()),
                        _ => render::txt::to_text(&doc).into_bytes(),
                    }
                }
            };
            match out {
                Some(path) => {
                    write_atomic(&path, &bytes)?;
                    eprintln!("Đã xuất {}", path.display());
                }
                None if matches!(format, Format::Pdf | Format::Docx) => {
                    let ext = if format == Format::Pdf { "pdf" } else { "docx" };
                    return Err(Error::Invalid(format!(
                        "Hãy nêu tệp {} sẽ tạo bằng --out, ví dụ --out ke-hoach.{ext}.",
                        ext.to_uppercase()
                    )));
                }
                None => {
                    use std::io::Write;
                    let _ = std::io::stdout().lock().write_all(&bytes);
                }
            }
            Ok(0)
        }
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

/// One SVG file per page: `--out ke-hoach.svg` writes `ke-hoach-1.svg`, `ke-hoach-2.svg`, …
fn write_svg_pages(doc: &crate::document::Document, out: Option<&std::path::Path>) -> Result<i32> {
    let out = out.ok_or_else(|| {
        Error::Invalid("Hãy nêu tệp SVG sẽ tạo bằng --out, ví dụ --out ke-hoach.svg.".into())
    })?;
    let stem = out.with_extension("");
    for (i, svg) in render::svg::svg_pages(doc).iter().enumerate() {
        let path = std::path::PathBuf::from(format!("{}-{}.svg", stem.display(), i + 1));
        write_atomic(&path, svg.as_bytes())?;
        eprintln!("Đã xuất {}", path.display());
    }
    Ok(0)
}
