//! `tre commune show|set`.

use crate::args::{CommuneCmd, CommuneSet};
use crate::print_json;
use tre::model::{Commune, CommuneEdit};
use tre::session::Session;
use tre::{Error, Result};

pub fn run(s: &mut Session, cmd: CommuneCmd) -> Result<i32> {
    match cmd {
        CommuneCmd::Show { json } => {
            let commune = s.commune_get()?.ok_or(Error::NoCommune)?;
            if json {
                print_json(&commune)?;
            } else {
                print!("{}", describe(&commune));
            }
            Ok(0)
        }
        CommuneCmd::Set(set) => {
            let commune = match &set.from_json {
                Some(path) => {
                    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                    let c = Commune::from_json(&text, &path.display().to_string())?;
                    s.commune_set(&c)?;
                    c
                }
                None => s.commune_edit(&edit(*set))?,
            };
            println!("Đã lưu thông tin {} {}.", commune.kind, commune.name);
            Ok(0)
        }
    }
}

fn edit(set: CommuneSet) -> CommuneEdit {
    CommuneEdit {
        name: set.name,
        kind: set.kind,
        province: set.province,
        superior: set.superior,
        superior_email: set.superior_email,
        parent_authority: set.parent_authority,
        authority: set.authority,
        place: set.place,
        chair: set.chair,
        vice_chairs: set.vice_chairs,
        units: set.units,
        recipients: set.recipients,
        category: set.category,
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
