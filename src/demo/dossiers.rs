//! Many communes' dossiers for the province's side, made from the demo: the demo's dossier
//! is built once (the slow part: rendering), then re-issued for commune k with the demo's
//! figures varied, its own score table and a manifest of its own. For the benchmark and the
//! tests of `province`; every name says it is made up ("Xã mẫu 17").

use std::io::{Cursor, Read};

use chrono::{DateTime, FixedOffset};

use crate::assess::{Assessment, Figure};
use crate::catalog::Catalog;
use crate::dossier::build::pack;
use crate::dossier::{self, Kind, Manifest, Options, Part, PartFormat};
use crate::error::{Error, Result};
use crate::model::Commune;
use crate::store::Store;

pub struct DossierFactory {
    commune: Commune,
    assessment: Assessment,
    catalog: Catalog,
    /// The demo's files; the score table is replaced per commune.
    parts: Vec<Part>,
}

impl DossierFactory {
    /// From a database holding the demo (`load_demo`) for `year`: its dossier, with drafts.
    pub fn new(store: &Store, year: i32) -> Result<Self> {
        let created = dossier::manifest::created_now();
        let options = Options {
            drafts: true,
            docx: false,
            max_email_bytes: u64::MAX / 4,
        };
        let built = dossier::build(store, year, "demo.zip", options, created, &mut |_| {})?;
        let zip = built
            .parts
            .first()
            .ok_or_else(|| Error::Render("hồ sơ mẫu trống".into()))?;
        let mut archive = zip::ZipArchive::new(Cursor::new(&zip.zip))
            .map_err(|e| Error::Render(format!("hồ sơ mẫu hỏng ({e})")))?;
        let mut parts = Vec::new();
        for f in &built.manifest.files {
            let mut bytes = Vec::new();
            archive
                .by_name(&f.name)
                .and_then(|mut e| Ok(e.read_to_end(&mut bytes)?))
                .map_err(|e| Error::Render(format!("hồ sơ mẫu hỏng ({e})")))?;
            parts.push(Part {
                name: f.name.clone(),
                kind: f.kind,
                format: f.format,
                state: f.state,
                signers: Vec::new(),
                doc: None,
                bytes,
            });
        }
        Ok(DossierFactory {
            commune: store.commune()?.ok_or(Error::NoCommune)?,
            assessment: store
                .assessment(year)?
                .unwrap_or_else(|| Assessment::new(year)),
            catalog: Catalog::builtin()?,
            parts,
        })
    }

    /// Commune `k`'s dossier of `year` in `parts` ZIPs (1 or more), made at `created`.
    pub fn dossier(
        &self,
        k: usize,
        year: i32,
        parts: u32,
        created: DateTime<FixedOffset>,
    ) -> Result<Vec<Vec<u8>>> {
        let mut commune = self.commune.clone();
        commune.name = format!("mẫu {k}");
        let mut a = self.assessment.clone();
        a.year = year;
        vary(&mut a, k + year as usize);
        let today = created.date_naive();
        let ov = crate::assess::view::build(&commune, &self.catalog, a, today);
        let table = crate::xlsx::score_table_xlsx(&ov, &commune)?;
        let mut files = self.parts.clone();
        for p in &mut files {
            if p.kind == Kind::Assessment && p.format == PartFormat::Xlsx {
                p.bytes = table.clone();
            }
        }
        let n = parts.max(1);
        let assigned: Vec<u32> = (0..files.len()).map(|i| (i as u32 % n) + 1).collect();
        let manifest = Manifest::new(&commune, year, created, &files, &assigned);
        let bytes = manifest.to_bytes()?;
        (1..=n)
            .map(|part| {
                let mine: Vec<Part> = files
                    .iter()
                    .zip(&assigned)
                    .filter(|(_, a)| **a == part)
                    .map(|(p, _)| p.clone())
                    .collect();
                pack(&bytes, &mine, created)
            })
            .collect()
    }
}

/// The demo's figures moved by commune (and year): each count, rate's numerator and point
/// entered by hand scaled between 70 and 100 per cent (a numerator stays within its
/// denominator, a point stays whole).
fn vary(a: &mut Assessment, k: usize) {
    let scale = |p: f64, pct: u64| (p * pct as f64 / 100.0).round();
    for (i, m) in a.criterion_points.values_mut().enumerate() {
        m.points = scale(m.points, 70 + ((k * 29 + i * 7) % 31) as u64);
    }
    for (i, e) in a.entries.values_mut().enumerate() {
        let pct = 70 + ((k * 37 + i * 11) % 31) as u64;
        if let Some(m) = &mut e.manual {
            m.points = scale(m.points, pct);
        }
        match &mut e.value {
            Some(Figure::Rate {
                numerator,
                denominator,
            }) => *numerator = (*denominator * pct / 100).min(*denominator),
            Some(Figure::Count(n)) => *n = *n * pct / 100,
            _ => {}
        }
    }
}
