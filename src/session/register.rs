//! The document register (sổ văn bản đi): the year's documents and their states, recording
//! a number and date as the văn thư gives them, and recording a sending.

use super::{today, Session};
use crate::assess::records::DocEdit;
use crate::document::assessment::{assessment_document, AssessmentKind};
use crate::document::number_line;
use crate::error::{Error, Result};
use crate::model::date::parse_date;
use crate::model::PlanEdit;
use crate::register::{iso_date, DocKey, DocState, Entry, Record, Sending};

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

    /// One document's line of the register.
    pub fn register_entry(&self, key: &str) -> Result<Entry> {
        let key = DocKey::parse(key)?;
        let year = match key {
            DocKey::Plan(id) => self.store.plan(id)?.plan.date.year,
            DocKey::Assessment { year, .. } => year,
        };
        self.register_list(year)?
            .into_iter()
            .find(|e| e.key == key.key())
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "Năm {year} chưa có phần tự đánh giá, nên chưa có văn bản “{}”. Hãy nhập số liệu tự đánh giá trước.",
                    key.key()
                ))
            })
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
            .save_register_record(&entry.key, &record, &summary)?;
        self.register_entry(&entry.key)
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
        sendings: record.sendings,
    }
}
