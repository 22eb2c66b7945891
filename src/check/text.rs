//! Checks a plan as raw text (a seed, a .txt or .md file): the lines are sorted into the
//! parts of a plan just well enough to run the text rules on them, and the things that the
//! plan model no longer holds are checked here: "Noi nhận" written wrong, a recipient ending
//! with ",", a basis without its ";", the closing "./.", the date line's leading zeros.

use std::sync::LazyLock;

use regex_lite::Regex;
use unicode_normalization::UnicodeNormalization;

use super::doc::{Doc, Out, Part, Spot};
use super::finding::{Finding, Severity};
use super::scan::{fold, last_words};
use super::CheckContext;
use super::{form, text_form};
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

/// One cleaned line: Markdown marks removed, broken lines joined.
struct Line {
    no: usize,
    text: String,
    /// Written as a Markdown heading or all in bold: a heading whatever its length.
    marked: bool,
}

/// The columns of a line typed as two (a header's "Số: 12/KH-UBND        Vân Nham, ngày …",
/// a tail's "- Như trên;        PHÓ CHỦ TỊCH"), left first, each read as a line of its own,
/// as the importer reads them. A column gap is a tab or eight spaces or more; the blanks left
/// for a number or a day to be written by hand ("Số:      /KH-UBND", "ngày      tháng") are not.
fn columns(raw: &str) -> Vec<&str> {
    let Some((left, right)) = column_gap(raw) else {
        return vec![raw];
    };
    let hand_blank = right.starts_with('/')
        || left.trim_end().ends_with("Số:")
        || left.trim_end().ends_with("ngày");
    if hand_blank || left.trim().is_empty() {
        return vec![raw];
    }
    let mut out = vec![left];
    out.extend(columns(right));
    out
}

/// Splits at the first tab or run of 8+ spaces inside the text: (before, after).
fn column_gap(raw: &str) -> Option<(&str, &str)> {
    let body = raw.trim_start();
    let offset = raw.len() - body.len();
    let mut run_start = None;
    for (i, c) in body.char_indices() {
        match c {
            '\t' => return Some((&raw[..offset + i], body[i..].trim_start())),
            ' ' => {
                let start = *run_start.get_or_insert(i);
                if body[start..].starts_with("        ") {
                    let rest = body[start..].trim_start();
                    return (!rest.is_empty()).then(|| (&raw[..offset + start], rest));
                }
            }
            _ => run_start = None,
        }
    }
    None
}

fn clean(raw: &str) -> (String, bool) {
    let t = raw.trim();
    let heading = t.starts_with('#');
    let t = t.trim_start_matches('#').trim();
    let bold = t.starts_with("**");
    let text: String = t.replace('*', "").trim().to_string();
    (text.nfc().collect(), heading || bold)
}

fn lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let cells = text
        .lines()
        .enumerate()
        .flat_map(|(i, raw)| columns(raw).into_iter().map(move |c| (i, c)));
    for (i, raw) in cells {
        let (t, marked) = clean(raw);
        if t.is_empty() {
            continue;
        }
        // Text extraction breaks lines mid-sentence: "… giáo" / "dục, tư vấn …".
        if let Some(prev) = out.last_mut() {
            let open = !prev.text.ends_with(['.', ';', ':', '!', '?', ',']);
            let continues = t.chars().next().is_some_and(char::is_lowercase);
            if open && continues && !prev.text.starts_with("Số") {
                prev.text.push(' ');
                prev.text.push_str(&t);
                continue;
            }
        }
        out.push(Line {
            no: i + 1,
            text: t,
            marked,
        });
    }
    out
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

pub fn check_text(text: &str, ctx: &CheckContext) -> Vec<Finding> {
    let mut spots: Vec<Spot> = Vec::new();
    let mut header = Header::default();
    let mut out = Out::default();
    let mut state = State::Header;
    let mut path: Vec<String> = Vec::new();
    let (mut bases, mut recipients, mut titles) = (0, 0, 0);
    let push = |spots: &mut Vec<Spot>,
                l: &Line,
                part: Part,
                section: &str,
                field: Option<&'static str>,
                index: Option<usize>| {
        spots.push(Spot {
            text: l.text.clone(),
            part,
            section: section.to_string(),
            field,
            index,
            line: Some(l.no),
        })
    };
    for l in lines(text) {
        let t = l.text.as_str();
        let bare = fold(&strip_marks(t));
        if state != State::Recipients && state != State::Signer && bare.starts_with("noi nhan") {
            state = State::Recipients;
            push(
                &mut spots,
                &l,
                Part::RecipientsHeading,
                "recipients",
                None,
                None,
            );
            continue;
        }
        match state {
            State::Header => {
                if let Some(sym) = t.strip_prefix("Số:") {
                    let sym = sym.split('/').nth(1).unwrap_or("").trim().to_string();
                    header.symbol = Some((l.no, sym));
                } else if let Some(c) = DATE_LINE.captures(t) {
                    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
                    header.place = Some(c[1].trim().to_string());
                    header.date = Some(DocDate {
                        day: num(2),
                        month: num(3).unwrap_or(1),
                        year: c[4].parse().unwrap_or(0),
                    });
                    text_form::date_line_format(&l.text, l.no, &mut out);
                } else if is_type_name(t, header.date.is_some()) {
                    header.doc_type = Some((l.no, t.to_string()));
                    state = State::Title;
                } else if ROMAN.is_match(t) {
                    // No type name: the body starts anyway.
                    state = State::Body;
                    let part = body_line(&l, &mut path);
                    push(&mut spots, &l, part, &display_path(&path), None, None);
                    continue;
                }
                push(&mut spots, &l, Part::Header, "header", None, None);
            }
            State::Title => {
                push(&mut spots, &l, Part::Title, "preamble", Some("title"), None);
                state = State::Preamble;
            }
            State::Preamble if !ROMAN.is_match(t) => {
                if t.starts_with("Căn cứ") || t.starts_with("Thực hiện") {
                    push(
                        &mut spots,
                        &l,
                        Part::Basis,
                        "preamble",
                        Some("bases"),
                        Some(bases),
                    );
                    bases += 1;
                    if !t.ends_with([';', '.', ':']) {
                        let tail = last_words(t, 6);
                        let f = Finding::new(
                            Severity::Info,
                            "basis-end-punct",
                            "Mỗi căn cứ kết thúc bằng dấu “;”, căn cứ cuối bằng dấu “.”.",
                        )
                        .excerpt(&tail)
                        .suggest(format!("{tail};"));
                        out.at("preamble", Some("bases"), Some(bases - 1), Some(l.no), f);
                    }
                } else {
                    push(&mut spots, &l, Part::Intro, "preamble", Some("intro"), None);
                }
            }
            State::Preamble | State::Body => {
                state = State::Body;
                if t.starts_with("Trên đây") {
                    state = State::Closing;
                    push(
                        &mut spots,
                        &l,
                        Part::Closing,
                        "closing",
                        Some("closing"),
                        None,
                    );
                    continue;
                }
                let part = body_line(&l, &mut path);
                let section = display_path(&path);
                push(&mut spots, &l, part, &section, None, None);
                if part == Part::Paragraph {
                    if let Some(f) = form::paragraph_end(t) {
                        out.at(&section, None, None, Some(l.no), f);
                    }
                }
            }
            State::Closing => push(
                &mut spots,
                &l,
                Part::Closing,
                "closing",
                Some("closing"),
                None,
            ),
            // Two-column tails interleave recipients and signer lines; a name never
            // starts with "-".
            State::Recipients | State::Signer if t.starts_with('-') => {
                push(
                    &mut spots,
                    &l,
                    Part::Recipient,
                    "recipients",
                    Some("recipients"),
                    Some(recipients),
                );
                recipients += 1;
            }
            State::Recipients | State::Signer => {
                state = State::Signer;
                if is_upper(t) {
                    push(
                        &mut spots,
                        &l,
                        Part::SignerTitle,
                        "signer",
                        Some("titles"),
                        Some(titles),
                    );
                    titles += 1;
                } else {
                    push(
                        &mut spots,
                        &l,
                        Part::SignerName,
                        "signer",
                        Some("name"),
                        None,
                    );
                }
            }
        }
    }
    text_form::structure(&spots, &header, &mut out);
    let doc = Doc::new(spots, header.date, header.place.clone(), None, ctx);
    super::run_text_rules(&doc, &mut out);
    out.into_sorted()
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

    #[test]
    fn two_columns_typed_on_one_line_are_read_as_two() {
        assert_eq!(
            columns("Số: 12/KH-UBND                  Vân Nham, ngày 05 tháng 3 năm 2023"),
            vec!["Số: 12/KH-UBND", "Vân Nham, ngày 05 tháng 3 năm 2023"]
        );
        assert_eq!(
            columns("- Như trên;\tPHÓ CHỦ TỊCH"),
            vec!["- Như trên;", "PHÓ CHỦ TỊCH"]
        );
        // Blanks left for the clerk, and a double space typed by mistake, are not columns.
        for one in [
            "Số:        /KH-UBND",
            "Quan Sơn, ngày         tháng 4 năm 2026",
            "Căn cứ  Luật Trẻ em",
            "        - Lưu: VT.",
        ] {
            assert_eq!(columns(one), vec![one]);
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
