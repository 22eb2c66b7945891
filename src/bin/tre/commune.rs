//! `tre commune show|set`.

use super::args::{CommuneCmd, CommuneSet};
use super::print_json;
use crate::error::{Error, Result};
use crate::model::{Commune, Leader, Unit};
use crate::store::Store;
use crate::text::nfc;

pub fn run(store: &mut Store, cmd: CommuneCmd) -> Result<i32> {
    match cmd {
        CommuneCmd::Show { json } => {
            let commune = store.commune()?.ok_or(Error::NoCommune)?;
            if json {
                print_json(&commune)?;
            } else {
                print!("{}", describe(&commune));
            }
            Ok(0)
        }
        CommuneCmd::Set(set) => {
            let current = store.commune()?;
            let commune = apply(current, *set)?;
            crate::assess::view::check_category(&commune, &store.catalog()?)?;
            store.set_commune(&commune)?;
            println!("Đã lưu thông tin {} {}.", commune.kind, commune.name);
            Ok(0)
        }
    }
}

fn describe(c: &Commune) -> String {
    let mut s = String::new();
    let mut line = |k: &str, v: &str| s.push_str(&format!("{k:<22}{v}\n"));
    line("Tên:", &c.full_name());
    line("Tỉnh:", &c.province);
    line("Cơ quan cấp trên:", &c.superior);
    line(
        "Thư điện tử cấp trên:",
        c.superior_email.as_deref().unwrap_or("(chưa có)"),
    );
    line("Cơ quan ban hành:", &c.authority_lines.join(" / "));
    line("Địa danh:", &c.place);
    for l in &c.leaders {
        line(&format!("{}:", l.position), &l.name);
    }
    line(
        "Đơn vị:",
        &c.units
            .iter()
            .map(|u| u.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    );
    line("Nơi nhận mặc định:", &c.recipients.join("; "));
    if let Some(k) = &c.category {
        line("Loại xã (ngưỡng điểm):", k);
    }
    s
}

/// Applies only the options given; a new profile needs at least the name and the province.
fn apply(current: Option<Commune>, set: CommuneSet) -> Result<Commune> {
    if let Some(path) = &set.from_json {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let c: Commune = serde_json::from_str(&text).map_err(|e| {
            Error::Invalid(format!(
                "Tệp {} không đúng định dạng thông tin xã: {e}",
                path.display()
            ))
        })?;
        return Ok(normalise(c));
    }
    let mut c = match current {
        Some(c) => c,
        None => match (&set.name, &set.province) {
            (Some(n), Some(p)) => Commune::new(&nfc(n), &nfc(p)),
            _ => {
                return Err(Error::Invalid(
                    "Chưa có thông tin xã: hãy nêu ít nhất --name và --province, ví dụ `tre commune set --name \"Quan Sơn\" --province \"Lạng Sơn\"`.".into(),
                ))
            }
        },
    };
    // The authority line derived from the kind and name ("XÃ QUAN SƠN") follows a new kind
    // or name, unless the officer wrote it differently or gives it explicitly below.
    let old_line = format!("{} {}", c.kind, c.name).to_uppercase();
    if let Some(kind) = &set.kind {
        let kind = nfc(kind).to_lowercase();
        if !["xã", "phường", "đặc khu"].contains(&kind.as_str()) {
            return Err(Error::Invalid(format!(
                "Loại đơn vị “{kind}” không hợp lệ: chọn xã, phường hoặc đặc khu."
            )));
        }
        c.kind = kind;
    }
    if let Some(name) = &set.name {
        let name = nfc(name);
        if c.place == c.name {
            c.place = name.clone();
        }
        c.name = name;
    }
    let new_line = format!("{} {}", c.kind, c.name).to_uppercase();
    for l in &mut c.authority_lines {
        if *l == old_line {
            *l = new_line.clone();
        }
    }
    if let Some(p) = &set.province {
        let old_superior = format!("Sở Y tế tỉnh {}", c.province);
        c.province = nfc(p);
        if c.superior == old_superior {
            c.superior = format!("Sở Y tế tỉnh {}", c.province);
        }
    }
    if let Some(s) = &set.superior {
        c.superior = nfc(s);
    }
    if let Some(e) = &set.superior_email {
        let e = nfc(e);
        c.superior_email = if e.is_empty() { None } else { Some(e) };
    }
    if let Some(p) = &set.parent_authority {
        let p = nfc(p);
        c.parent_authority = if p.is_empty() {
            None
        } else {
            Some(p.to_uppercase())
        };
    }
    if !set.authority.is_empty() {
        c.authority_lines = set
            .authority
            .iter()
            .map(|l| nfc(l).to_uppercase())
            .collect();
    }
    if let Some(p) = &set.place {
        c.place = nfc(p);
    }
    if let Some(chair) = &set.chair {
        c.leaders
            .retain(|l| l.position.to_lowercase() != "chủ tịch");
        c.leaders.insert(
            0,
            Leader {
                name: nfc(chair),
                position: "Chủ tịch".into(),
            },
        );
    }
    if !set.vice_chairs.is_empty() {
        c.leaders
            .retain(|l| !l.position.to_lowercase().starts_with("phó"));
        c.leaders.extend(set.vice_chairs.iter().map(|n| Leader {
            name: nfc(n),
            position: "Phó Chủ tịch".into(),
        }));
    }
    if !set.units.is_empty() {
        c.units = set
            .units
            .iter()
            .map(|n| Unit {
                kind: unit_kind(n).into(),
                name: nfc(n),
            })
            .collect();
    }
    if !set.recipients.is_empty() {
        c.recipients = set.recipients.iter().map(|r| nfc(r)).collect();
    }
    if let Some(k) = &set.category {
        let k = nfc(k);
        c.category = (!k.is_empty()).then_some(k);
    }
    Ok(c)
}

fn normalise(mut c: Commune) -> Commune {
    c.name = nfc(&c.name);
    c.province = nfc(&c.province);
    c.superior = nfc(&c.superior);
    c.place = nfc(&c.place);
    c.authority_lines = c.authority_lines.iter().map(|l| nfc(l)).collect();
    c.recipients = c.recipients.iter().map(|l| nfc(l)).collect();
    for l in &mut c.leaders {
        l.name = nfc(&l.name);
        l.position = nfc(&l.position);
    }
    for u in &mut c.units {
        u.name = nfc(&u.name);
    }
    c
}

/// Guesses the kind of a unit from its name, for grouping in the app.
fn unit_kind(name: &str) -> &'static str {
    let n = nfc(name).to_lowercase();
    if n.starts_with("thôn") || n.starts_with("bản") || n.starts_with("tổ dân phố") {
        "thôn"
    } else if n.starts_with("trường") {
        "trường"
    } else if n.starts_with("trạm y tế") {
        "trạm y tế"
    } else if n.starts_with("phòng") {
        "phòng"
    } else if n.starts_with("hội")
        || n.starts_with("đoàn")
        || n.starts_with("mặt trận")
        || n.starts_with("mttq")
    {
        "đoàn thể"
    } else {
        "ngành"
    }
}
