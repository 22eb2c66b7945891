//! Plain data of Tre: no I/O here, only types, serde and the rules that belong to the data
//! itself (valid dates, labels).

mod commune;
mod commune_edit;
pub mod date;
mod plan;
mod plan_edit;

pub use commune::{Commune, Leader, Unit};
pub use commune_edit::{CommuneEdit, KINDS};
pub use date::DocDate;
pub use plan::{section_path, Deadline, Event, Plan, Reference, Section, Signer};
pub use plan_edit::PlanEdit;
