//! What follows the closing sentence: "Nơi nhận:" with its items (left) and the signature
//! block (right): titles in capitals, then the signer's name. Text extraction puts the two
//! columns one after the other in either order, so each line is recognised by its form.

use super::lines::Para;
use super::vn;
use crate::model::Signer;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tail {
    pub recipients: Vec<String>,
    pub signer: Signer,
    pub has_recipients_heading: bool,
}

/// "Nơi nhận:", also misspelt "Noi nhận" (seed 002) or in capitals.
pub fn is_recipients_heading(text: &str) -> bool {
    if !text.starts_with(['N', 'n', '*', '#']) {
        return false;
    }
    let f = vn::fold_start(text, 16);
    let f = f.trim_start_matches(['*', '#', ' ']);
    f.starts_with("noi nhan") && (f.len() == "noi nhan".len() || f[8..].starts_with([':', ' ']))
}

/// Signature titles say who signs for whom; an upper-case line without these is a name.
fn is_position(line: &str) -> bool {
    const WORDS: [&str; 12] = [
        "TM.",
        "KT.",
        "TL.",
        "TUQ.",
        "Q.",
        "CHỦ TỊCH",
        "ỦY BAN",
        "UỶ BAN",
        "TRƯỞNG",
        "GIÁM ĐỐC",
        "BÍ THƯ",
        "UBND",
    ];
    WORDS.iter().any(|w| line.contains(w))
}

/// A recipients item as the model keeps it: no dash in front, no ";", "." or "," after.
pub fn clean_item(text: &str) -> String {
    text.trim_start_matches(['-', '+', '•', '–', ' '])
        .trim_end_matches([';', '.', ',', ' '])
        .trim()
        .to_string()
}

fn is_item(text: &str) -> bool {
    text.starts_with(['-', '+', '•', '–'])
}

pub fn parse(paras: &[Para]) -> Tail {
    let mut tail = Tail::default();
    let mut in_list = false;
    let mut names: Vec<String> = Vec::new();
    // A typed file may put both columns on one line ("Nơi nhận:      KT. CHỦ TỊCH").
    let lines = paras.iter().flat_map(|p| {
        if p.cells.len() > 1 {
            p.cells.clone()
        } else {
            vec![p.text.clone()]
        }
    });
    for line in lines {
        let t = line.as_str();
        if is_recipients_heading(t) {
            tail.has_recipients_heading = true;
            in_list = true;
            // "Nơi nhận: - Như trên;" on one line.
            let after = t.split_once(':').map_or("", |(_, a)| a).trim();
            if !after.is_empty() {
                tail.recipients.push(clean_item(after));
            }
        } else if in_list && is_item(t) {
            let item = clean_item(t);
            if !item.is_empty() {
                tail.recipients.push(item);
            }
        } else if vn::is_upper(t) {
            tail.signer.titles.push(t.to_string());
        } else if t.starts_with('(') && t.ends_with(')') {
            // "(Đã ký)", "(Ký tên, đóng dấu)": notes in the signature block, not a name.
        } else if !is_item(t) {
            names.push(t.to_string());
        }
    }
    tail.signer.name = names.pop().unwrap_or_default();
    // A name typed in capitals ("SÂM VĂN DẬU") came in as a title.
    if tail.signer.name.is_empty()
        && tail.signer.titles.len() >= 2
        && tail.signer.titles.last().is_some_and(|l| !is_position(l))
    {
        tail.signer.name = tail.signer.titles.pop().unwrap_or_default();
    }
    tail
}

/// Where a signature block starts when there is no "Nơi nhận" to show the way: the last
/// paragraph is a name and the ones before it are titles in capitals.
pub fn signature_start(paras: &[Para]) -> Option<usize> {
    let last = paras.len().checked_sub(1)?;
    let name = &paras[last].text;
    if vn::word_count(name) > 6 || vn::closes_sentence(name) {
        return None;
    }
    let mut start = last;
    while start > 0 && vn::is_upper(&paras[start - 1].text) && is_position(&paras[start - 1].text) {
        start -= 1;
    }
    (start < last).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::paragraphs;

    #[test]
    fn recipients_and_signer() {
        let t = parse(&paragraphs(
            "### **Noi nhận:**\n\n- Sở LĐTB&XH tỉnh (B/c);\n- Lưu: VT,\n\n\
             **TM. ỦY BAN NHÂN DÂN  \nKT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH**\n\n**Vũ Xuân Thịnh**",
        ));
        assert!(t.has_recipients_heading);
        assert_eq!(t.recipients, ["Sở LĐTB&XH tỉnh (B/c)", "Lưu: VT"]);
        assert_eq!(
            t.signer.titles,
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        assert_eq!(t.signer.name, "Vũ Xuân Thịnh");
    }

    #[test]
    fn name_in_capitals() {
        let t = parse(&paragraphs(
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nSÂM VĂN DẬU",
        ));
        assert_eq!(t.signer.name, "SÂM VĂN DẬU");
        assert_eq!(t.signer.titles.len(), 2);
    }
}
