//! Plain data of Tre: no I/O here, only types, serde and the rules that belong to the data
//! itself (valid dates, labels).

mod commune;
pub mod date;
mod plan;

pub use commune::{Commune, Leader, Unit};
pub use date::DocDate;
pub use plan::{Deadline, Event, Plan, Reference, Section, Signer};
