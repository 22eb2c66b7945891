//! Self-assessment against the criteria catalogue: the figures per sub-item, their points,
//! the verdict. `model` is the stored data, `figure` reads and checks raw figures, `score`
//! turns them into points, `units` tells which units still owe figures, `trend` scores every
//! stored year for the trends across years, `seed` fills a past year from its score table.

pub mod edit;
pub mod figure;
pub mod model;
pub mod records;
pub mod score;
pub mod seed;
pub mod trend;
pub mod units;
pub mod view;

/// Who an entry typed at the command line or in the app is recorded as.
pub const OFFICER: &str = "Cán bộ Văn hóa - Xã hội";

pub use model::{Assessment, Entry, Figure, IssuedDoc, ManualPoints, Meeting, Schedule};
pub use score::{score, CriterionScore, ItemScore, Scored, Source, Verdict};
