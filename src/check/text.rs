//! Checks a plan as raw text (a seed, a .txt or .md file): the importer's paragraphs (its
//! marks, joined lines and columns, so the two never read a file differently) are sorted
//! into the parts of a plan just well enough to run the text rules on them, and the things that the
//! plan model no longer holds are checked here: "Noi nhận" written wrong, a recipient ending
//! with ",", a basis without its ";", the closing "./.", the date line's leading zeros.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::doc::{Doc, Out, Part, Spot};
use super::finding::{Finding, Severity};
use super::scan::{fold, last_words};
use super::CheckContext;
use super::{form, text_form};
use crate::import::Para;
use crate::model::DocDate;
use crate::text::strip_marks;

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
        .expect("date line")
});
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]+)\.\s+").expect("roman heading"));
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:\.\d+)*)\.\s*").expect("numbered heading"));
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ])\)\s+").expect("letter heading"));

/// One line the rules read: an importer's paragraph, or one column of it.
struct Line {
    no: usize,
    text: String,
    /// Written as a Markdown heading or all in bold: a heading whatever its length.
    marked: bool,
}

/// The columns of a paragraph typed as two on one line (a header's "Số: 12/KH-UBND
/// Vân Nham, ngày …", a tail's "- Như trên;      PHÓ CHỦ TỊCH"), left first, each read as a
/// line of its own, as the importer's header and tail read them. The blanks left for a
/// number or a day to be written by hand ("Số:      /KH-UBND", "ngày      tháng") are not
/// columns.
fn columns(p: &Para) -> Vec<Line> {
    let hand_blank = p.cells.windows(2).any(|w| {
        w[1].starts_with('/')
            || w[0].ends_with("Số:")
            || w[0].ends_with("ngày")
            || w[1].starts_with("tháng")
    });
    if p.cells.len() < 2 || hand_blank {
        return vec![line_of(p, &p.text)];
    }
    p.cells.iter().map(|c| line_of(p, c)).collect()
}

/// `text` (the paragraph or one of its columns) as a line of paragraph `p`.
fn line_of(p: &Para, text: &str) -> Line {
    Line {
        no: p.line,
        text: text.to_string(),
        // "## 1. Mục đích", "**1. Mục đích**": a heading whatever its length.
        marked: p.heading || p.all_bold || p.bold_head.is_some(),
    }
}

fn is_upper(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
}

/// The type name line: a known one ("KẾ HOẠCH"), or any line in capitals after the date
/// line (the authority's "ỦY BAN NHÂN DÂN" and the national title come before it).
fn is_type_name(t: &str, after_date: bool) -> bool {
    let known = form::TYPE_SYMBOLS.iter().any(|(name, _)| *name == t);
    known || (after_date && is_upper(t) && !ROMAN.is_match(t))
}

#[derive(PartialEq, Clone, Copy)]
enum State {
    Header,
    Title,
    Preamble,
    Body,
    Closing,
    Recipients,
    Signer,
}

/// What the header lines said: (line, text) of the symbol and the type name, the date.
#[derive(Default)]
pub struct Header {
    pub symbol: Option<(usize, String)>,
    pub doc_type: Option<(usize, String)>,
    pub date: Option<DocDate>,
    pub place: Option<String>,
}

/// Reads a plan's lines in order, sorting each into its part of the plan, and keeps the
/// findings only the raw text shows.
struct Reader {
    spots: Vec<Spot>,
    header: Header,
    out: Out,
    state: State,
    /// The section path of the body so far: ["II", "1"].
    path: Vec<String>,
    bases: usize,
    recipients: usize,
    titles: usize,
}

/// "Nơi nhận:", also misspelt "Noi nhận" (which `text_form` reports).
fn is_recipients_heading(t: &str) -> bool {
    fold(&strip_marks(t)).starts_with("noi nhan")
}

pub fn check_text(text: &str, ctx: &CheckContext) -> Vec<Finding> {
    let mut r = Reader {
        spots: Vec::new(),
        header: Header::default(),
        out: Out::default(),
        state: State::Header,
        path: Vec::new(),
        bases: 0,
        recipients: 0,
        titles: 0,
    };
    // The importer's paragraphs: marks read, broken lines joined, columns cut.
    for p in crate::import::paragraphs(text) {
        // Columns are where a plan has them: its header and its tail.
        let in_columns = matches!(r.state, State::Header | State::Recipients | State::Signer)
            || is_recipients_heading(&p.text);
        if in_columns {
            columns(&p).iter().for_each(|l| r.line(l));
        } else {
            r.line(&line_of(&p, &p.text));
        }
    }
    text_form::structure(&r.spots, &r.header, &mut r.out);
    let doc = Doc::new(r.spots, r.header.date, r.header.place.clone(), None, ctx);
    super::run_text_rules(&doc, &mut r.out);
    r.out.into_sorted()
}

impl Reader {
    fn push(
        &mut self,
        l: &Line,
        part: Part,
        section: &str,
        field: Option<&'static str>,
        index: Option<usize>,
    ) {
        self.spots.push(Spot {
            text: l.text.clone(),
            part,
            section: section.to_string(),
            field,
            index,
            line: Some(l.no),
        })
    }

    fn line(&mut self, l: &Line) {
        let t = l.text.as_str();
        if self.state != State::Recipients
            && self.state != State::Signer
            && is_recipients_heading(t)
        {
            self.state = State::Recipients;
            self.push(l, Part::RecipientsHeading, "recipients", None, None);
            return;
        }
        match self.state {
            State::Header => {
                if let Some(sym) = t.strip_prefix("Số:") {
                    let sym = sym.split('/').nth(1).unwrap_or("").trim().to_string();
                    self.header.symbol = Some((l.no, sym));
                } else if let Some(c) = DATE_LINE.captures(t) {
                    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
                    self.header.place = Some(c[1].trim().to_string());
                    self.header.date = Some(DocDate {
                        day: num(2),
                        month: num(3).unwrap_or(1),
                        year: c[4].parse().unwrap_or(0),
                    });
                    text_form::date_line_format(&l.text, l.no, &mut self.out);
                } else if is_type_name(t, self.header.date.is_some()) {
                    self.header.doc_type = Some((l.no, t.to_string()));
                    self.state = State::Title;
                } else if ROMAN.is_match(t) {
                    // No type name: the body starts anyway.
                    self.state = State::Body;
                    let part = body_line(l, &mut self.path);
                    self.push(l, part, &display_path(&self.path), None, None);
                    return;
                }
                self.push(l, Part::Header, "header", None, None);
            }
            State::Title => {
                self.push(l, Part::Title, "preamble", Some("title"), None);
                self.state = State::Preamble;
            }
            State::Preamble if !ROMAN.is_match(t) => {
                if t.starts_with("Căn cứ") || t.starts_with("Thực hiện") {
                    self.push(l, Part::Basis, "preamble", Some("bases"), Some(self.bases));
                    self.bases += 1;
                    if !t.ends_with([';', '.', ':']) {
                        let tail = last_words(t, 6);
                        let f = Finding::new(
                            Severity::Info,
                            "basis-end-punct",
                            "Mỗi căn cứ kết thúc bằng dấu “;”, căn cứ cuối bằng dấu “.”.",
                        )
                        .excerpt(&tail)
                        .suggest(format!("{tail};"));
                        self.out.at(
                            "preamble",
                            Some("bases"),
                            Some(self.bases - 1),
                            Some(l.no),
                            f,
                        );
                    }
                } else {
                    self.push(l, Part::Intro, "preamble", Some("intro"), None);
                }
            }
            State::Preamble | State::Body => {
                self.state = State::Body;
                if t.starts_with("Trên đây") {
                    self.state = State::Closing;
                    self.push(l, Part::Closing, "closing", Some("closing"), None);
                    return;
                }
                let part = body_line(l, &mut self.path);
                let section = display_path(&self.path);
                self.push(l, part, &section, None, None);
                if part == Part::Paragraph {
                    if let Some(f) = form::paragraph_end(t) {
                        self.out.at(&section, None, None, Some(l.no), f);
                    }
                }
            }
            State::Closing => self.push(l, Part::Closing, "closing", Some("closing"), None),
            // Two-column tails interleave recipients and signer lines; a name never
            // starts with "-".
            State::Recipients | State::Signer if t.starts_with('-') => {
                self.push(
                    l,
                    Part::Recipient,
                    "recipients",
                    Some("recipients"),
                    Some(self.recipients),
                );
                self.recipients += 1;
            }
            State::Recipients | State::Signer => {
                self.state = State::Signer;
                if is_upper(t) {
                    self.push(
                        l,
                        Part::SignerTitle,
                        "signer",
                        Some("titles"),
                        Some(self.titles),
                    );
                    self.titles += 1;
                } else {
                    self.push(l, Part::SignerName, "signer", Some("name"), None);
                }
            }
        }
    }
}

/// A line of the body: a heading moves the section path; numbered items are paragraphs
/// when they read as sentences.
fn body_line(l: &Line, path: &mut Vec<String>) -> Part {
    let t = l.text.as_str();
    let short = t.split_whitespace().count() <= 12 && !t.ends_with(['.', ';']);
    if let Some(c) = ROMAN.captures(t) {
        *path = vec![c[1].to_string()];
        return Part::Heading;
    }
    let label = if let Some(c) = NUMBERED.captures(t) {
        let label = c[1].to_string();
        path.truncate(1);
        path.push(label);
        true
    } else if let Some(c) = LETTER.captures(t) {
        path.truncate(2);
        path.push(c[1].to_string());
        true
    } else {
        false
    };
    if label && (l.marked || short) {
        Part::Heading
    } else {
        Part::Paragraph
    }
}

/// ["II", "1.2"] → "II.1.2", as `Plan::walk_sections` writes it.
fn display_path(path: &[String]) -> String {
    if path.is_empty() {
        "preamble".to_string()
    } else {
        path.join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<String> {
        check_text(text, &CheckContext::default())
            .into_iter()
            .map(|f| f.code)
            .collect()
    }

    const GOOD: &str = "Số: /KH-UBND\n\nQuan Sơn, ngày tháng 4 năm 2026\n\nKẾ HOẠCH\n\nThực hiện công tác trẻ em năm 2026\n\nCăn cứ tình hình thực tế;\n\nUBND xã xây dựng Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Lồng ghép các hoạt động.\n\nTrên đây là Kế hoạch năm 2026./.\n\nNơi nhận:\n\n- TT Đảng ủy;\n- Lưu: VT, VHXH.\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nHoàng Đức Bình";

    #[test]
    fn a_clean_text_has_no_finding() {
        assert!(
            codes(GOOD).is_empty(),
            "{:?}",
            check_text(GOOD, &CheckContext::default())
        );
    }

    fn cols(line: &str) -> Vec<String> {
        let p = &crate::import::paragraphs(line)[0];
        columns(p).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn two_columns_typed_on_one_line_are_read_as_two() {
        assert_eq!(
            cols("Số: 12/KH-UBND                  Vân Nham, ngày 05 tháng 3 năm 2023"),
            vec!["Số: 12/KH-UBND", "Vân Nham, ngày 05 tháng 3 năm 2023"]
        );
        assert_eq!(
            cols("- Như trên;\tPHÓ CHỦ TỊCH"),
            vec!["- Như trên;", "PHÓ CHỦ TỊCH"]
        );
        // Blanks left for the clerk are not columns.
        for one in [
            "Số:        /KH-UBND",
            "Quan Sơn, ngày         tháng 4 năm 2026",
        ] {
            assert_eq!(cols(one).len(), 1, "{one}");
        }
        let two = GOOD
            .replace(
                "Số: /KH-UBND\n\nQuan Sơn,",
                "Số: /KH-UBND            Quan Sơn,",
            )
            .replace(
                "Nơi nhận:\n\n- TT Đảng ủy;\n- Lưu: VT, VHXH.\n\n**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**",
                "Nơi nhận:            KT. CHỦ TỊCH\n- TT Đảng ủy;            PHÓ CHỦ TỊCH\n- Lưu: VT, VHXH.",
            );
        assert!(
            codes(&two).is_empty(),
            "{:?}",
            check_text(&two, &CheckContext::default())
        );
    }

    #[test]
    fn raw_text_mistakes() {
        let bad = GOOD
            .replace("Nơi nhận", "Noi nhận")
            .replace("- Lưu: VT, VHXH.", "- Lưu: VT,")
            .replace("tháng 4", "tháng 04")
            .replace("năm 2026./.", "năm 2026.")
            .replace("thực tế;", "thực tế");
        assert_eq!(
            codes(&bad),
            vec![
                "date-line-format",
                "basis-end-punct",
                "closing-end",
                "word-spelling",
                "recipients-punct"
            ]
        );
    }

    #[test]
    fn the_header_of_an_export_and_a_text_without_one() {
        let exported = GOOD.replace(
            "Số: /KH-UBND",
            "ỦY BAN NHÂN DÂN\nXÃ QUAN SƠN\nSố: 15/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        );
        assert!(codes(&exported).is_empty(), "{:?}", codes(&exported));
        let body_only = "I. NỘI DUNG\n1. Lòng ghép các hoạt động.";
        // What is missing is reported after what the last line shows.
        assert_eq!(
            codes(body_only),
            [
                "doc-type-missing",
                "place-missing",
                "subject-missing",
                "word-spelling",
                "closing-missing",
                "recipients-missing",
                "signer-title-missing",
                "signer-name-missing"
            ]
        );
    }

    #[test]
    fn sections_follow_the_numbering() {
        let t = GOOD.replace("- Lồng ghép", "- Lòng ghép");
        let f = check_text(&t, &CheckContext::default());
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].section.as_str(), f[0].line), ("I.1", Some(17)));
    }
}
