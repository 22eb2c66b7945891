//! Tre: the core library. Plans and self-assessment of a commune, stored in one SQLite file,
//! exported as official documents laid out as Nghị định 30/2020/NĐ-CP requires.
//! No Tauri or clap type is used here: the `tre` command (src/bin/tre) and the desktop
//! shell (src-tauri) are two thin front doors onto `session::Session`.

pub mod assess;
pub mod catalog;
pub mod check;
#[cfg(test)]
mod contract;
pub mod deadlines;
pub mod demo;
pub mod document;
pub mod dossier;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod import;
pub mod layout;
pub mod model;
pub mod outbox;
pub mod province;
pub mod register;
pub mod render;
pub mod rollover;
pub mod session;
pub mod store;
pub mod template;
pub mod text;
pub mod xlsx;

pub use error::{Error, Result};
