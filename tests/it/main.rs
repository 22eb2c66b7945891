//! The integration tests, as one test binary: one link instead of one per file, which is
//! most of what `cargo test` spent building them. Each module is one subject; `common` runs
//! the real `tre` binary on a temporary database and finds the independent readers (poppler,
//! python-docx, openpyxl, LibreOffice); `support` holds the importer's corpus helpers.
//! Run one subject with `cargo test --test it NAME::`.

mod common;
mod support;

mod assess;
mod assessment_docx;
mod assessment_pdf;
mod backups;
mod check;
mod cli;
mod crash;
mod deadlines_ics;
mod docx_render;
mod dossier;
mod dossier_signed;
mod faults;
mod fuzz;
mod import;
mod injection;
mod outbox;
mod pdf_render;
mod pdf_size;
mod preview_matches_pdf;
mod province;
mod register;
mod score_import;
mod signature;
mod store;
mod templates_pdf;
mod trends;
mod typesetting;
mod ui_fixture;
mod xlsx;
