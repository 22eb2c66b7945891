//! What the rules look at: the plan's texts as a list of "spots" (a piece of text and where
//! it is), the plan's date, and the citations found in the texts. A plan and a raw text file
//! both become a `Doc`, so the text rules are written once.

use chrono::{Datelike, NaiveDate};

use super::citations::{self, Citation};
use super::finding::Finding;
use super::CheckContext;
use crate::model::{DocDate, Plan};

/// What kind of text a spot is; rules skip the parts they do not apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    Title,
    Basis,
    Intro,
    Heading,
    Paragraph,
    Closing,
    RecipientsHeading,
    Recipient,
    SignerTitle,
    SignerName,
}

impl Part {
    /// Parts written in running text, where words, years and bodies are checked.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            Part::Title
                | Part::Basis
                | Part::Intro
                | Part::Heading
                | Part::Paragraph
                | Part::Closing
                | Part::Recipient
        )
    }
}

#[derive(Debug, Clone)]
pub struct Spot {
    pub text: String,
    pub part: Part,
    pub section: String,
    pub field: Option<&'static str>,
    pub index: Option<usize>,
    /// Line in a text file, from 1.
    pub line: Option<usize>,
}

pub struct Doc<'a> {
    pub spots: Vec<Spot>,
    /// The date line; `None` when a text has none.
    pub date: Option<DocDate>,
    /// The place name of the date line.
    pub place: Option<String>,
    pub plan: Option<&'a Plan>,
    pub ctx: &'a CheckContext,
    pub citations: Vec<Citation>,
}

impl<'a> Doc<'a> {
    pub fn new(
        spots: Vec<Spot>,
        date: Option<DocDate>,
        place: Option<String>,
        plan: Option<&'a Plan>,
        ctx: &'a CheckContext,
    ) -> Self {
        let citations = citations::scan(&spots);
        Doc {
            spots,
            date,
            place,
            plan,
            ctx,
            citations,
        }
    }

    pub fn from_plan(plan: &'a Plan, ctx: &'a CheckContext) -> Self {
        Doc::new(
            plan_spots(plan),
            Some(plan.date),
            Some(plan.place.clone()),
            Some(plan),
            ctx,
        )
    }

    /// The year the plan's activities belong to: the date line's year, or the next one when
    /// a plan signed late in the year says so in its subject ("… năm 2027", dated 12/2026).
    pub fn activity_year(&self) -> Option<i32> {
        let date = self.date?;
        let next = format!("năm {}", date.year + 1);
        let title_says_next = self
            .spots
            .iter()
            .find(|s| s.part == Part::Title)
            .is_some_and(|t| super::scan::fold(&t.text).contains(&next));
        Some(if title_says_next && date.month >= 9 {
            date.year + 1
        } else {
            date.year
        })
    }

    /// The latest day the plan can be dated: its day, or the end of its month when the day
    /// is left blank.
    pub fn latest_day(&self) -> Option<NaiveDate> {
        let d = self.date?;
        match d.day {
            Some(day) => NaiveDate::from_ymd_opt(d.year, d.month, day),
            None => last_of_month(d.year, d.month),
        }
    }

    /// The earliest day the plan can be dated.
    pub fn earliest_day(&self) -> Option<NaiveDate> {
        let d = self.date?;
        NaiveDate::from_ymd_opt(d.year, d.month, d.day.unwrap_or(1))
    }

    /// The commune's own names: the profile's name and place, else the plan's place.
    pub fn own_names(&self) -> Vec<String> {
        let profile: Vec<String> = [&self.ctx.commune_name, &self.ctx.place]
            .into_iter()
            .flatten()
            .filter(|n| !n.trim().is_empty())
            .cloned()
            .collect();
        if !profile.is_empty() {
            // A plan copied from another commune carries that commune's place line too:
            // with a profile, the place is checked against it (copied::place), not trusted.
            return profile;
        }
        self.place
            .iter()
            .filter(|n| !n.trim().is_empty())
            .cloned()
            .collect()
    }
}

pub fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    next.pred_opt().filter(|d| d.year() == year)
}

/// Every text of a plan, in reading order.
pub fn plan_spots(plan: &Plan) -> Vec<Spot> {
    let mut out = Vec::new();
    let mut push = |text: &str, part, section: &str, field, index| {
        out.push(Spot {
            text: text.to_string(),
            part,
            section: section.to_string(),
            field: Some(field),
            index,
            line: None,
        })
    };
    push(&plan.title, Part::Title, "preamble", "title", None);
    for (i, b) in plan.bases.iter().enumerate() {
        push(b, Part::Basis, "preamble", "bases", Some(i));
    }
    if !plan.intro.trim().is_empty() {
        push(&plan.intro, Part::Intro, "preamble", "intro", None);
    }
    for (path, s) in plan.walk_sections() {
        if !s.title.trim().is_empty() {
            push(&s.title, Part::Heading, &path, "title", None);
        }
        for (i, p) in s.paragraphs.iter().enumerate() {
            push(p, Part::Paragraph, &path, "paragraphs", Some(i));
        }
    }
    if !plan.closing.trim().is_empty() {
        push(&plan.closing, Part::Closing, "closing", "closing", None);
    }
    for (i, r) in plan.recipients.iter().enumerate() {
        push(r, Part::Recipient, "recipients", "recipients", Some(i));
    }
    for (i, t) in plan.signer.titles.iter().enumerate() {
        push(t, Part::SignerTitle, "signer", "titles", Some(i));
    }
    if !plan.signer.name.trim().is_empty() {
        push(&plan.signer.name, Part::SignerName, "signer", "name", None);
    }
    out
}

/// Order of the top-level places, for sorting findings in reading order.
fn rank(section: &str) -> u8 {
    match section {
        "header" => 0,
        "preamble" => 1,
        "closing" => 3,
        "recipients" => 4,
        "signer" => 5,
        "deadlines" => 6,
        "references" => 7,
        _ => 2,
    }
}

/// Collects findings with their position, and gives them back in reading order.
#[derive(Default)]
pub struct Out {
    items: Vec<((u8, usize, usize), Finding)>,
}

impl Out {
    /// A finding at byte `pos` of spot `i`.
    pub fn at_spot(&mut self, doc: &Doc, i: usize, pos: usize, mut f: Finding) {
        let spot = &doc.spots[i];
        f.section = spot.section.clone();
        f.field = spot.field.map(str::to_string);
        f.index = spot.index;
        f.line = spot.line;
        let key = match spot.line {
            Some(line) => (0, line, pos),
            None => (rank(&spot.section), i, pos),
        };
        self.items.push((key, f));
    }

    /// A finding about a place that is not a text spot (the signer, a deadline…);
    /// `seq` orders findings of the same section, `line` places it in a text file.
    pub fn at(
        &mut self,
        section: &str,
        field: Option<&str>,
        index: Option<usize>,
        line: Option<usize>,
        mut f: Finding,
    ) {
        f.section = section.to_string();
        f.field = field.map(str::to_string);
        f.index = index;
        f.line = line;
        let key = match line {
            // After what the line's text shows: these are about the line as a whole.
            Some(line) => (0, line, usize::MAX),
            None => (rank(section), index.unwrap_or(0), usize::MAX),
        };
        self.items.push((key, f));
    }

    pub fn into_sorted(mut self) -> Vec<Finding> {
        self.items.sort_by_key(|(k, _)| *k);
        self.items.into_iter().map(|(_, f)| f).collect()
    }
}
