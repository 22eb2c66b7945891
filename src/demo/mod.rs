//! `tre demo`: a realistic commune (not one of the seeds') with a plan of each template, so a
//! new user sees every page working before typing anything.

mod assessment;
pub mod dossiers;

pub use assessment::demo_assessment;
#[cfg(test)]
pub use assessment::demo_overview;

use crate::error::{Error, Result};
use crate::model::{Commune, Leader, Unit};
use crate::store::Store;
use crate::template;

pub fn demo_commune() -> Commune {
    let mut c = Commune::new("Minh Hòa", "Phú Thọ");
    c.leaders = vec![
        Leader {
            name: "Nguyễn Văn Thành".into(),
            position: "Chủ tịch".into(),
        },
        Leader {
            name: "Lê Thị Hương".into(),
            position: "Phó Chủ tịch".into(),
        },
        Leader {
            name: "Hà Quang Vinh".into(),
            position: "Phó Chủ tịch".into(),
        },
    ];
    let units = [
        ("Phòng Văn hóa - Xã hội", "phòng"),
        ("Phòng Kinh tế", "phòng"),
        ("Trạm Y tế xã", "trạm y tế"),
        ("Công an xã", "ngành"),
        ("Công chức Tư pháp - Hộ tịch", "ngành"),
        ("Trường Mầm non Minh Hòa", "trường"),
        ("Trường Tiểu học Minh Hòa", "trường"),
        ("Trường THCS Minh Hòa", "trường"),
        ("Đoàn Thanh niên xã", "đoàn thể"),
        ("Hội Liên hiệp Phụ nữ xã", "đoàn thể"),
        ("Thôn Đồng Xuân", "thôn"),
        ("Thôn Gò Mít", "thôn"),
        ("Thôn Làng Chùa", "thôn"),
    ];
    c.units = units
        .iter()
        .map(|(n, k)| Unit {
            name: (*n).into(),
            kind: (*k).into(),
        })
        .collect();
    c.recipients = vec![
        "Sở Y tế tỉnh Phú Thọ (b/c)".into(),
        "TT Đảng ủy, HĐND xã (b/c)".into(),
        "Chủ tịch, các PCT UBND xã".into(),
        "Các cơ quan, ban, ngành, đoàn thể xã".into(),
        "Các trường học, các thôn trên địa bàn xã".into(),
        "Lưu: VT, VHXH".into(),
    ];
    c
}

/// Fills an empty database with the demo commune, one plan per template and the year's
/// self-assessment as it stands in mid-November; returns the plans' ids.
pub fn load_demo(store: &mut Store, year: i32) -> Result<Vec<i64>> {
    if let Some(existing) = store.commune()? {
        return Err(Error::DemoNeedsEmptyFile(existing.full_name()));
    }
    let commune = demo_commune();
    store.set_commune(&commune)?;
    let mut ids = Vec::new();
    for t in template::all() {
        let mut plan = t.instantiate(&commune, year)?;
        if t.id == "qd06" {
            // One plan already numbered and dated, as it is once signed.
            plan.number = Some("15".into());
            plan.date.day = Some(8);
        }
        ids.push(store.insert_plan(&t.id, &plan)?);
    }
    store.save_assessment(&demo_assessment(&commune, year), "số liệu mẫu")?;
    Ok(ids)
}
