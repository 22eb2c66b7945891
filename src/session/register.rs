//! The document register (sổ văn bản đi): the year's documents and their states, recording
//! a number and date as the văn thư gives them, and recording a sending.

use super::{today, Session};
use crate::assess::records::DocEdit;
use crate::document::assessment::{assessment_document, AssessmentKind};
use crate::document::number_line;
use crate::error::{Error, Result};
use crate::model::date::parse_date;
use crate::model::PlanEdit;
use crate::register::{
    self as reg, iso_date, DocKey, DocState, Entry, Record, Sending, SignedCopy,
};

/// The assessment's documents that carry a number of their own, in the order they are made.
/// (The score table is the report's annex and carries the report's number.)
const ASSESSMENT_DOCS: [AssessmentKind; 5] = [
    AssessmentKind::Report6m,
    AssessmentKind::Minutes,
    AssessmentKind::Notice,
    AssessmentKind::Report,
    AssessmentKind::Proposal,
];

impl Session {
    /// The register of `year`: its plans, then the self-assessment's documents once the
    /// year has an assessment.
    pub fn register_list(&self, year: i32) -> Result<Vec<Entry>> {
        self.annotate(self.entries_of(year)?)
    }

    /// The year's lines as the numbers, dates and records make them, before their signed
    /// copies are read (`annotate`): reading and checking every copy is for whoever shows
    /// them, not for finding one line.
    fn entries_of(&self, year: i32) -> Result<Vec<Entry>> {
        crate::model::date::check_year(year)?;
        let commune = self.commune()?;
        let records = self.store.register_records()?;
        let record_of = |key: &str| {
            records
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, r)| r.clone())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        let mut plans = Vec::new();
        for summary in self.store.plans(Some(year))? {
            let plan = self.store.plan(summary.id)?.plan;
            let key = DocKey::Plan(summary.id).key();
            out.push(entry(
                key.clone(),
                year,
                plan.doc_type.clone(),
                plan.title.clone(),
                plan.number.clone(),
                &plan.symbol,
                iso_date(&plan.date),
                record_of(&key),
            ));
            plans.push(plan);
        }
        let Some(assessment) = self.store.assessment(year)? else {
            return Ok(out);
        };
        let ov = crate::assess::view::overview(&self.store, year, today())?;
        for kind in ASSESSMENT_DOCS {
            // The subject the document itself prints; a proposal the verdict does not yet
            // support has none, so it is named by its kind.
            let title = assessment_document(kind, &ov, &commune, &plans)
                .map(|d| d.subject)
                .unwrap_or_else(|_| {
                    format!("Đề nghị công nhận năm {year} (chưa đủ điều kiện lập)")
                });
            let issued = assessment
                .documents
                .get(kind.key())
                .cloned()
                .unwrap_or_default();
            let key = DocKey::Assessment { year, kind }.key();
            out.push(entry(
                key.clone(),
                year,
                kind.type_name().to_string(),
                title,
                issued.number,
                kind.symbol(),
                issued.date,
                record_of(&key),
            ));
        }
        Ok(out)
    }

    /// What the signed copies add to their entries: their digital signatures, checked
    /// against the trusted roots as they are now, and whether the document's text changed
    /// after its copy was attached (the plan, or for the assessment's documents the
    /// assessment they print).
    fn annotate(&self, mut entries: Vec<Entry>) -> Result<Vec<Entry>> {
        let mut roots = None;
        for e in entries.iter_mut() {
            let Some(copy) = &e.copy else { continue };
            let bytes = self.store.signed_copy_bytes(&copy.sha256)?;
            let roots = match &roots {
                Some(r) => r,
                None => roots.insert(self.store.trust_root_ders()?),
            };
            e.signatures = reg::signature::verify_pdf(&bytes, roots);
            let last = match DocKey::parse(&e.key)? {
                DocKey::Plan(id) => self.store.last_change("plan", id)?,
                DocKey::Assessment { year, .. } => {
                    self.store.last_change("assessment", year.into())?
                }
            };
            let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
            e.edited_after_copy = matches!((last.as_deref().and_then(at), at(&copy.attached)), (Some(l), Some(c)) if l > c);
        }
        Ok(entries)
    }

    /// One document's line of the register (only its own signed copy is read).
    pub fn register_entry(&self, key: &str) -> Result<Entry> {
        let key = DocKey::parse(key)?;
        let year = match key {
            DocKey::Plan(id) => self.store.plan(id)?.plan.date.year,
            DocKey::Assessment { year, .. } => year,
        };
        let entry = self
            .entries_of(year)?
            .into_iter()
            .find(|e| e.key == key.key())
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "Năm {year} chưa có phần tự đánh giá, nên chưa có văn bản “{}”. Hãy nhập số liệu tự đánh giá trước.",
                    key.key()
                ))
            })?;
        Ok(self.annotate(vec![entry])?.remove(0))
    }

    /// "Đã ký": records the number and the date the văn thư gave the document, where the
    /// document keeps them (the plan, or the assessment's issued documents).
    pub fn register_sign(&mut self, key: &str, number: &str, date: &str) -> Result<Entry> {
        let doc = DocKey::parse(key)?;
        let number = crate::text::nfc(number);
        if number.is_empty() {
            return Err(Error::Invalid(
                "Chưa ghi số văn bản. Hãy ghi số văn thư đã cấp (ví dụ 15).".into(),
            ));
        }
        // A signed document has a whole date; the clerk's blank day is for drafts.
        let date = parse_date(date)?.format("%d/%m/%Y").to_string();
        match doc {
            DocKey::Plan(id) => {
                let edit = PlanEdit {
                    number: Some(number),
                    date: Some(date),
                    ..PlanEdit::default()
                };
                self.plan_edit(id, &edit)?;
            }
            DocKey::Assessment { year, kind } => {
                let edit = DocEdit {
                    number: Some(number),
                    date: Some(date),
                    days: None,
                };
                self.assessment_doc_set(year, kind, &edit)?;
            }
        }
        self.register_entry(&doc.key())
    }

    /// "Đã gửi": records that the document went out. Only a signed document can be sent.
    pub fn register_send(&mut self, key: &str, sending: Sending) -> Result<Entry> {
        let entry = self.register_entry(key)?;
        if entry.state == DocState::Draft {
            return Err(Error::Invalid(format!(
                "{} “{}” chưa có số và ngày ký, nên chưa thể ghi là đã gửi. Hãy ghi số, ngày ký trước.",
                entry.doc_type, entry.title
            )));
        }
        let mut record = self.store.register_record(&entry.key)?;
        let summary = format!(
            "{} gửi {} ngày {} ({})",
            entry.number_line.as_deref().unwrap_or(&entry.key),
            sending.to,
            parse_date(&sending.on)?.format("%d/%m/%Y"),
            sending.how.label()
        );
        record.sendings.push(sending);
        record.sendings.sort_by(|a, b| a.on.cmp(&b.on));
        self.store
            .save_register_record(&entry.key, &record, &summary, None)?;
        self.register_entry(&entry.key)
    }
}

/// The file to keep as a signed copy: the one PDF given, or the photos given made into one.
fn signed_copy_of(files: &[std::path::PathBuf]) -> Result<(String, Vec<u8>)> {
    let mut read = Vec::new();
    for path in files {
        read.push((crate::import::display_name(path), reg::read_bounded(path)?));
    }
    match read.as_slice() {
        [] => Err(Error::Invalid("Chưa chọn tệp bản ký nào.".into())),
        [(name, bytes)] if reg::looks_like_pdf(bytes) => Ok((name.clone(), bytes.clone())),
        _ if read.iter().any(|(_, b)| reg::looks_like_pdf(b)) => Err(Error::Invalid(
            "Bản ký là một tệp PDF, hoặc các ảnh chụp từng trang; không trộn PDF với ảnh. Hãy chọn lại.".into(),
        )),
        _ => {
            let pdf = reg::photos_to_pdf(&read)?;
            let stem = read[0].0.rsplit_once('.').map_or(read[0].0.as_str(), |(s, _)| s);
            Ok((format!("{stem} ({} ảnh).pdf", read.len()), pdf))
        }
    }
}

/// What attaching a signed copy did, and what the officer should look at.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Attached {
    pub entry: Entry,
    /// Vietnamese: the copy's page count differs from the draft's, …
    pub warnings: Vec<String>,
}

impl Session {
    /// "Có bản ký": keeps the signed copy with the document — one PDF (a scan, or the e-office
    /// system's PDF) byte for byte, or photos of its pages (JPG, PNG) made into one A4 PDF.
    /// Only a signed document (numbered and dated) has a signed copy; an existing copy is
    /// replaced only when `replace` says so.
    pub fn register_attach(
        &mut self,
        key: &str,
        files: &[std::path::PathBuf],
        replace: bool,
    ) -> Result<Attached> {
        let entry = self.register_entry(key)?;
        if entry.state == DocState::Draft {
            return Err(Error::Invalid(format!(
                "{} “{}” chưa có số và ngày ký. Hãy ghi số, ngày ký trước rồi đính kèm bản ký.",
                entry.doc_type, entry.title
            )));
        }
        let mut record = self.store.register_record(&entry.key)?;
        if let (Some(old), false) = (&record.copy, replace) {
            return Err(Error::Invalid(format!(
                "Văn bản này đã có bản ký ({}, {} trang). Muốn thay bằng tệp khác thì chọn thay bản ký.",
                old.name, old.pages
            )));
        }
        let (name, bytes) = signed_copy_of(files)?;
        let pages = reg::check_pdf(&name, &bytes)?;
        let mut warnings = Vec::new();
        // A text layer (e-office PDF, OCR) printing another number or date than the register.
        if let Some(printed) = reg::text_layer::printed(&bytes) {
            warnings.extend(reg::text_layer::mismatches(
                &printed,
                entry.number.as_deref(),
                entry.date.as_deref(),
            ));
        }
        let draft = self.draft_pages(DocKey::parse(&entry.key)?)?;
        let page_count = (draft != pages as usize).then(|| format!(
            "Bản ký có {pages} trang, bản dự thảo Tre in ra {draft} trang. Hãy kiểm tra đã quét đủ trang và đúng văn bản."
        ));
        record.copy = Some(SignedCopy {
            name: name.clone(),
            sha256: reg::sha256_hex(&bytes),
            pages,
            bytes: bytes.len() as u64,
            attached: crate::store::now(),
        });
        let summary = format!(
            "bản ký của {} ({name}, {pages} trang)",
            entry.number_line.as_deref().unwrap_or(&entry.key)
        );
        self.store
            .save_register_record(&entry.key, &record, &summary, Some(&bytes))?;
        let entry = self.register_entry(&entry.key)?;
        // An e-signed PDF whose signature does not hold is kept (it is what was received)
        // but the officer is told at once, not when the province refuses it: the entry just
        // read has checked its signatures.
        warnings.extend(
            entry
                .signatures
                .iter()
                .filter(|sig| sig.status != reg::signature::Status::Intact || sig.changed_after)
                .map(|sig| sig.summary.clone()),
        );
        warnings.extend(page_count);
        Ok(Attached { entry, warnings })
    }

    /// The signed copy of document `key` and its bytes, exactly as attached.
    pub fn register_copy(&self, key: &str) -> Result<(SignedCopy, Vec<u8>)> {
        let entry = self.register_entry(key)?;
        let copy = entry.copy.ok_or_else(|| {
            Error::Invalid(format!(
                "{} “{}” chưa có bản ký đính kèm.",
                entry.doc_type, entry.title
            ))
        })?;
        let bytes = self.store.signed_copy_bytes(&copy.sha256)?;
        Ok((copy, bytes))
    }

    /// The signed copy's bytes as base64, for the app: its webview renders the page
    /// thumbnails itself (pdf.js), from exactly the bytes kept.
    pub fn register_copy_base64(&self, key: &str) -> Result<String> {
        use base64::Engine;
        let (_, bytes) = self.register_copy(key)?;
        Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    /// How many pages Tre prints the document on: what its signed copy should have.
    fn draft_pages(&self, key: DocKey) -> Result<usize> {
        let commune = self.commune()?;
        let doc = match key {
            DocKey::Plan(id) => {
                crate::document::plan_document(&self.store.plan(id)?.plan, &commune)
            }
            DocKey::Assessment { year, kind } => {
                let ov = crate::assess::view::document_overview(&self.store, year, today())?;
                let plans = crate::export::year_plans(&self.store, year)?;
                assessment_document(kind, &ov, &commune, &plans)?
            }
        };
        Ok(crate::layout::layout_document(&doc).pages.len())
    }
}

#[allow(clippy::too_many_arguments)]
fn entry(
    key: String,
    year: i32,
    doc_type: String,
    title: String,
    number: Option<String>,
    symbol: &str,
    date: Option<String>,
    record: Record,
) -> Entry {
    let number = number.filter(|n| !n.trim().is_empty());
    let state = DocState::of(number.as_deref(), date.as_deref(), &record);
    Entry {
        number_line: number.as_deref().map(|n| {
            number_line(Some(n), symbol)
                .trim_start_matches("Số: ")
                .to_string()
        }),
        key,
        year,
        doc_type,
        title,
        number,
        date,
        state,
        state_label: state.label().to_string(),
        copy: record.copy,
        signatures: Vec::new(),
        edited_after_copy: false,
        sendings: record.sendings,
    }
}
