//! Workbooks that come back from outside: a unit's fill-in workbook (read with the catalogue,
//! then sorted against the assessment as `tre assess import` does, without saving) and the
//! catalogue sheet a province edits. Seeds: the demo's workbooks, made in-process. Cases:
//! random bytes and damaged ZIPs; the package rebuilt with one XML part mutated (pieces
//! cut or repeated, cells at the far end of the sheet, absurd references and counts,
//! other types); and the cells' values replaced (numbers, words, empty, far too long).

use std::sync::OnceLock;

use tre::assess::Assessment;
use tre::catalog::Catalog;
use tre::model::Commune;
use tre::xlsx::{
    catalog_from_xlsx_bytes, plan_import, read_unit_sheet_bytes, score_table_xlsx, unit_sheet_xlsx,
};

use super::{cases, check, mutate_bytes, mutate_n, refusal, replace_number, rezip, unzip, Rng};

// Costs in the debug build: refusing random bytes takes microseconds; reading a whole
// workbook, a few milliseconds.
const RANDOM_BYTES: usize = 80_000;
const DAMAGED_ZIPS: usize = 3_000;
const MUTATED_PARTS: usize = 6_000;
const CELL_VALUES: usize = 4_000;
/// The base counts of this target's tests (each runs `cases(n)`).
pub const CASES: &[usize] = &[RANDOM_BYTES, DAMAGED_ZIPS, MUTATED_PARTS, CELL_VALUES];

/// The demo's commune, catalogue and assessment, and its workbooks: one per unit (of the
/// first three) and the score table with the catalogue sheet.
struct Demo {
    commune: Commune,
    catalog: Catalog,
    assessment: Assessment,
    units: Vec<Vec<u8>>,
    score_table: Vec<u8>,
}

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let commune = tre::demo::demo_commune();
        let catalog = Catalog::builtin().unwrap();
        let assessment = tre::demo::demo_assessment(&commune, 2026);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 11).unwrap();
        let ov = tre::assess::view::build(&commune, &catalog, assessment.clone(), today);
        let units = ov
            .units
            .iter()
            .take(3)
            .map(|u| {
                unit_sheet_xlsx(&ov, &commune, &u.unit, "2026-11-11T08:00:00+07:00")
                    .unwrap()
                    .0
            })
            .collect();
        let score_table = score_table_xlsx(&ov, &commune).unwrap();
        Demo {
            commune,
            catalog,
            assessment,
            units,
            score_table,
        }
    })
}

/// Reads `bytes` as a unit's workbook (then sorts it against the assessment) or as the
/// catalogue sheet: no panic, every refusal, wrong cell and note in Vietnamese.
fn read(target: &str, case: usize, bytes: &[u8], as_unit: bool) {
    let d = demo();
    if as_unit {
        let _ = check(
            target,
            case,
            &[("bang.xlsx", bytes)],
            || {
                let sheet = read_unit_sheet_bytes(bytes.to_vec(), "Tệp bang.xlsx", &d.catalog)?;
                plan_import(&sheet, &d.assessment, &d.catalog, &d.commune, 2026, false)
            },
            |r| match r {
                Ok(report) => report.errors.iter().chain(&report.notes).cloned().collect(),
                Err(e) => vec![e.to_string()],
            },
        );
    } else {
        let _ = check(
            target,
            case,
            &[("danh-muc.xlsx", bytes)],
            || catalog_from_xlsx_bytes(bytes.to_vec(), "Tệp danh-muc.xlsx"),
            refusal,
        );
    }
}

/// The seeds as they are are read without a refusal, so the cases start deep.
#[test]
fn the_seeds_read() {
    let d = demo();
    for unit in &d.units {
        let sheet = read_unit_sheet_bytes(unit.clone(), "Tệp bang.xlsx", &d.catalog).unwrap();
        assert!(sheet.errors.is_empty(), "{:?}", sheet.errors);
    }
    catalog_from_xlsx_bytes(d.score_table.clone(), "Tệp danh-muc.xlsx").unwrap();
}

#[test]
fn random_bytes_as_workbooks() {
    let mut rng = Rng::new(30);
    let n = cases(RANDOM_BYTES);
    for case in 0..n {
        let len = rng.len(2048);
        let mut bytes = rng.bytes(len);
        let prefix: &[u8] = rng.pick(&[b"PK\x03\x04", b"PK\x05\x06", b"PK\x01\x02", b"", b""]);
        bytes.splice(0..0, prefix.iter().copied());
        read("xlsx-bytes", case, &bytes, rng.chance(50));
    }
    eprintln!("random bytes as workbooks: {n} cases");
}

#[test]
fn damaged_workbook_zips() {
    let d = demo();
    let mut rng = Rng::new(31);
    let n = cases(DAMAGED_ZIPS);
    for case in 0..n {
        let as_unit = rng.chance(60);
        let mut bytes = if as_unit {
            d.units[rng.below(d.units.len())].clone()
        } else {
            d.score_table.clone()
        };
        let times = 1 + rng.below(8);
        mutate_n(
            &mut rng,
            &mut bytes,
            &[b"PK\x03\x04", b"PK\x01\x02", b"\xff\xff\xff\xff"],
            times,
        );
        read("xlsx-zip", case, &bytes, as_unit);
    }
    eprintln!("damaged workbook ZIPs: {n} cases");
}

/// Pieces of SpreadsheetML a damaged or hostile workbook may hold.
const XML_WORDS: &[&[u8]] = &[
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<c r=\"A1048576\" t=\"s\"><v>0</v></c>",
    b"<c r=\"A1\"><v>1</v></c>",
    b"<c r=\"AAAAAAAAAAAAAAAAAAAA1\"><v>1</v></c>",
    b"<c r=\"A99999999999\"><v>1</v></c>",
    b"<c r=\"1A\"><v>1</v></c>",
    b"<c><v>1</v></c>",
    b"<row r=\"4294967295\">",
    b"<row r=\"0\">",
    b"<row>",
    b"</row>",
    b"<dimension ref=\"B2:A1\"/>",
    b"<dimension ref=\"A1:XFD1048576\"/>",
    b"<dimension ref=\"A1:B2:C3\"/>",
    b"<mergeCell ref=\"A1:XFD1048576\"/>",
    b"<sst count=\"1\" uniqueCount=\"4000000000\">",
    b"<sst uniqueCount=\"18446744073709551615\">",
    b"<si><t>x</t></si>",
    b"<si><r><t>x</t></r><rPh><t>y</t></rPh></si>",
    b"<c t=\"s\"><v>4294967295</v></c>",
    b"<c t=\"s\"><v>-1</v></c>",
    b"<c t=\"e\"><v>#DIV/0!</v></c>",
    b"<c t=\"b\"><v>2</v></c>",
    b"<c t=\"d\"><v>2026-13-45</v></c>",
    b"<c t=\"str\"><v>x</v></c>",
    b"<c t=\"inlineStr\"><is><t>c\xc3\xb3</t></is></c>",
    b"<c s=\"1\"><v>1e308</v></c>",
    b"<c s=\"1\"><v>-1e308</v></c>",
    b"<v>NaN</v>",
    b"<v>inf</v>",
    b"<f>SUM(A1:A2)</f>",
    b"<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>",
    b"<xf numFmtId=\"14\"/>",
    b"<xf numFmtId=\"4294967295\"/>",
    b"&amp;",
    b"&#0;",
    b"&#x1F600;",
    b"&#99999999;",
    b"&nope;",
    b"<![CDATA[x]]>",
    b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>",
    b"<?xml version=\"1.0\"?>",
    b"</sheetData>",
    b"<sheetData>",
    b"<sheet name=\"Tre\" sheetId=\"9\" r:id=\"rId9\"/>",
    b"<sheet name=\"\" sheetId=\"0\" r:id=\"\"/>",
    b"<Relationship Id=\"rId1\" Target=\"../../../../etc/passwd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>",
    b"<Relationship Id=\"rId2\" Target=\"worksheets/sheet1.xml\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>",
    b"<definedName name=\"_xlnm.Print_Area\">x!$A$1:$XFD$1048576</definedName>",
    b"\"",
    b"<",
    b">",
    b"/>",
    b"\0",
];

/// One change of an XML part: a piece from one tag to another cut or repeated, a piece of
/// `XML_WORDS` put in at a tag, an attribute's reference replaced, a number replaced, or
/// bytes changed.
fn mutate_xml(rng: &mut Rng, xml: &mut Vec<u8>) {
    let tags: Vec<usize> = xml
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == b'<')
        .map(|(i, _)| i)
        .collect();
    let tag = |rng: &mut Rng| tags.get(rng.below(tags.len())).copied().unwrap_or(0);
    match rng.below(6) {
        0 => {
            let (i, j) = (tag(rng), tag(rng));
            xml.drain(i.min(j)..i.max(j));
        }
        1 => {
            let (i, j) = (tag(rng), tag(rng));
            let piece = xml[i.min(j)..i.max(j)].to_vec();
            let at = tag(rng);
            for _ in 0..1 + rng.below(3) {
                xml.splice(at..at, piece.iter().copied());
            }
        }
        2 => {
            let at = tag(rng);
            xml.splice(at..at, rng.pick(XML_WORDS).iter().copied());
        }
        3 => {
            // The value of an attribute: a cell's or a range's reference, a count, an id.
            let quotes: Vec<usize> = xml
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w == b"=\"")
                .map(|(i, _)| i + 2)
                .collect();
            if let Some(&at) = quotes.get(rng.below(quotes.len())) {
                let end = at + xml[at..].iter().position(|&c| c == b'"').unwrap_or(0);
                let value: &[u8] = rng.pick(&[
                    b"XFD1048576",
                    b"A1:XFD1048576",
                    b"B2:A1",
                    b"A0",
                    b"ZZZZZZZZ99999999999",
                    b"",
                    b"4294967296",
                    b"-1",
                    b"rId99",
                    b"s",
                    b"e",
                    b"inlineStr",
                ]);
                xml.splice(at..end, value.iter().copied());
            }
        }
        4 => {
            let at = rng.below(xml.len() + 1);
            replace_number(rng, xml, at);
        }
        _ => mutate_bytes(rng, xml, XML_WORDS),
    }
}

/// A workbook taken apart: its parts, (name, XML).
type Parts = Vec<(String, Vec<u8>)>;

/// The seeds taken apart: (is a unit's workbook, parts).
fn seed_entries() -> Vec<(bool, Parts)> {
    let d = demo();
    d.units
        .iter()
        .map(|u| (true, unzip(u)))
        .chain([(false, unzip(&d.score_table))])
        .collect()
}

/// An entry to mutate: mostly the sheets and the shared strings, where the cells are.
fn pick_entry(rng: &mut Rng, entries: &Parts) -> usize {
    let cells: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            let n = &entries[i].0;
            n.starts_with("xl/worksheets/") || n == "xl/sharedStrings.xml"
        })
        .collect();
    if rng.chance(70) && !cells.is_empty() {
        cells[rng.below(cells.len())]
    } else {
        rng.below(entries.len())
    }
}

#[test]
fn workbooks_with_xml_parts_mutated() {
    let seeds = seed_entries();
    let mut rng = Rng::new(32);
    let n = cases(MUTATED_PARTS);
    for case in 0..n {
        let (as_unit, mut entries) = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(3) {
            let k = pick_entry(&mut rng, &entries);
            mutate_xml(&mut rng, &mut entries[k].1);
        }
        // Sometimes a part missing, doubled or renamed as well.
        if rng.chance(10) {
            let k = rng.below(entries.len());
            match rng.below(3) {
                0 => {
                    entries.remove(k);
                }
                1 => entries[k].0 = entries[k].0.to_uppercase(),
                _ => {
                    let j = rng.below(entries.len());
                    entries[k].1 = entries[j].1.clone();
                }
            }
        }
        let bytes = rezip(&entries, false);
        read("xlsx-xml", case, &bytes, as_unit);
    }
    eprintln!("workbooks with XML parts mutated: {n} cases");
}

/// What a unit or a province may type in a cell, and some of what a program may write.
const VALUES: &[&str] = &[
    "",
    " ",
    "0",
    "-5",
    "412",
    "1.234",
    "12,5",
    "1e308",
    "NaN",
    "99999999999999999999",
    "4294967296",
    "có",
    "không",
    "Có",
    "KHÔNG",
    "x",
    "mười",
    "7.1",
    "7.99",
    "1",
    "2025",
    "2026",
    "yes_no",
    "count",
    "rate",
    "choice",
    "unit-sheet",
    "item",
    "format",
    "{\"count\":5}",
    "{}",
    "null",
    ";5;25|5;10;10",
    ";;",
    "|",
    "5;1;x",
    "Mã tiêu chí",
    "Mã chỉ số",
    "Loại",
    "e\u{301}",
    "\u{0}",
    "\u{202E}",
];

/// The text between `<t…>` and `</t>`, or `<v>` and `</v>`: every cell value of a part.
fn values(xml: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 < xml.len() {
        let open = (xml[i..].starts_with(b"<t>") || xml[i..].starts_with(b"<t "))
            .then_some(b"</t>".as_slice())
            .or_else(|| xml[i..].starts_with(b"<v>").then_some(b"</v>".as_slice()));
        if let Some(close) = open {
            if let Some(gt) = xml[i..].iter().position(|&c| c == b'>') {
                let start = i + gt + 1;
                if let Some(len) = xml[start..].windows(4).position(|w| w == close) {
                    out.push(start..start + len);
                    i = start + len;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[test]
fn workbooks_with_cell_values_replaced() {
    let seeds = seed_entries();
    let mut rng = Rng::new(33);
    let n = cases(CELL_VALUES);
    for case in 0..n {
        let (as_unit, mut entries) = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(6) {
            let k = pick_entry(&mut rng, &entries);
            let xml = &mut entries[k].1;
            let spots = values(xml);
            if spots.is_empty() {
                continue;
            }
            let at = spots[rng.below(spots.len())].clone();
            let value = if rng.chance(3) {
                "9".repeat(40_000)
            } else {
                rng.pick(VALUES).to_string()
            };
            xml.splice(at, value.into_bytes());
        }
        let bytes = rezip(&entries, rng.chance(20));
        read("xlsx-cells", case, &bytes, as_unit);
    }
    eprintln!("workbooks with cell values replaced: {n} cases");
}
