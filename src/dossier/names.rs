//! File names inside the dossier: ASCII only, because the ZIP travels to offices whose
//! archivers and mail gateways still mangle non-ASCII names (docs/documents.md, file
//! names: `2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf`). Vietnamese letters lose their marks (đ → d),
//! anything else that is not a letter or digit becomes a separator.

use std::collections::BTreeSet;

use super::Kind;
use crate::document::assessment::AssessmentKind;
use crate::model::Commune;
use crate::text::strip_marks;

/// The longest slug kept in a name, so paths stay short on old Windows machines.
const MAX_SLUG: usize = 48;

/// "Hòa Đồng" → "Hoa Dong": Vietnamese marks removed, đ/Đ → d/D; other non-ASCII dropped.
pub fn ascii(text: &str) -> String {
    strip_marks(text)
        .chars()
        .map(|c| if c.is_ascii() { c } else { ' ' })
        .collect()
}

/// Lowercase words joined by "-": "Bảng điểm tự đánh giá" → "bang-diem-tu-danh-gia".
pub fn slug(text: &str) -> String {
    let words = words(&ascii(text).to_ascii_lowercase());
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && out.len() + 1 + w.len() > MAX_SLUG {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    // A single word longer than the limit is cut rather than lost.
    out.truncate(MAX_SLUG);
    out
}

/// The longest commune part of a name: a real name is 2–4 words; a pasted paragraph must not
/// push the path past Windows' 260 characters.
const MAX_CAMEL: usize = 32;

/// "Minh Hòa" → "MinhHoa": the commune as the example in docs/documents.md writes it.
pub fn camel(text: &str) -> String {
    let mut out: String = words(&ascii(text))
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect();
    out.truncate(MAX_CAMEL);
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// The symbol that starts a part's name, as in `Số: 12/KH-UBND`; the score table is an
/// annex (phụ lục), hence PL.
pub fn symbol(kind: Kind) -> &'static str {
    match kind {
        Kind::Plan => "KH",
        Kind::Report => "BC",
        Kind::Proposal => "TTr",
        Kind::Minutes => "BB",
        Kind::Notice => "TB",
        Kind::Assessment => "PL",
    }
}

/// What a document of this kind is about, for its name when its producer has nothing more
/// specific: "xa-phu-hop-tre-em" (or "phuong-…" for a ward).
pub fn default_slug(kind: Kind, commune: &Commune) -> String {
    // "xã phù hợp với trẻ em" becomes "xa-phu-hop-tre-em" (docs/documents.md, file names).
    let friendly = format!("{}-phu-hop-tre-em", slug(&commune.kind));
    match kind {
        Kind::Plan => friendly,
        Kind::Report => format!("tu-danh-gia-{friendly}"),
        Kind::Proposal => format!("de-nghi-cong-nhan-{friendly}"),
        Kind::Minutes => format!("hop-danh-gia-{friendly}"),
        Kind::Notice => "ket-qua-tu-danh-gia".to_string(),
        Kind::Assessment => "bang-diem-tu-danh-gia".to_string(),
    }
}

/// `2026_MinhHoa_KH-xa-phu-hop-tre-em.pdf`; `slug_text` `None` takes the kind's default.
pub fn file_name(
    year: i32,
    commune: &Commune,
    kind: Kind,
    slug_text: Option<&str>,
    ext: &str,
) -> String {
    let s = match slug_text {
        Some(t) if !slug(t).is_empty() => slug(t),
        _ => default_slug(kind, commune),
    };
    format!("{year}_{}_{}-{s}.{ext}", camel(&commune.name), symbol(kind))
}

/// The file name of the assessment's document `kind`, in the dossier and in "Xuất" alike:
/// `2026_MinhHoa_BC-tu-danh-gia-xa-phu-hop-tre-em.pdf`. The 6-month report, which the dossier
/// does not carry, is a report about the first six months.
pub fn assessment_file_name(
    kind: AssessmentKind,
    year: i32,
    commune: &Commune,
    ext: &str,
) -> String {
    let (kind, slug_text) = match kind {
        AssessmentKind::Assessment => (Kind::Assessment, None),
        AssessmentKind::Report => (Kind::Report, None),
        AssessmentKind::Report6m => (Kind::Report, Some("6 tháng đầu năm")),
        AssessmentKind::Proposal => (Kind::Proposal, None),
        AssessmentKind::Minutes => (Kind::Minutes, None),
        AssessmentKind::Notice => (Kind::Notice, None),
    };
    file_name(year, commune, kind, slug_text, ext)
}

/// The ZIP's own default name: `2026_MinhHoa_Ho-so-xa-phu-hop-tre-em.zip`.
pub fn dossier_name(year: i32, commune: &Commune) -> String {
    format!(
        "{year}_{}_Ho-so-{}.zip",
        camel(&commune.name),
        default_slug(Kind::Plan, commune)
    )
}

/// True for the names this module makes: ASCII letters, digits, `.`, `_`, `-`, no leading
/// dot, no folder. Verify uses it to flag names a hostile ZIP could carry (`../x`, `C:\x`).
pub fn is_safe(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Hands out names that are unique in one dossier: a second `x.pdf` becomes `x-2.pdf`.
#[derive(Default)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    pub fn claim(&mut self, name: &str) -> String {
        let (stem, ext) = match name.rfind('.') {
            Some(i) if i > 0 => (&name[..i], &name[i..]),
            _ => (name, ""),
        };
        let mut candidate = name.to_string();
        let mut n = 2;
        // manifest.json is the dossier's own file: no part may take its name.
        while self.taken.contains(&candidate) || candidate == super::MANIFEST {
            candidate = format!("{stem}-{n}{ext}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn vietnamese_becomes_ascii() {
        assert_eq!(
            ascii("Đường Đồng Hới, Quảng Bình"),
            "Duong Dong Hoi, Quang Binh"
        );
        assert_eq!(camel("Quan Sơn"), "QuanSon");
        assert_eq!(camel("Minh Hòa"), "MinhHoa");
        assert_eq!(camel("đặc khu Phú Quốc"), "DacKhuPhuQuoc");
        assert_eq!(
            slug("Kế hoạch công tác năm 2026 (bổ sung)"),
            "ke-hoach-cong-tac-nam-2026-bo-sung"
        );
        // Decomposed input (as some editors write it) gives the same result.
        let nfd: String = "Hòa".nfd().collect();
        assert_eq!(camel(&nfd), "Hoa");
        assert!(slug(&"trẻ em ".repeat(30)).len() <= MAX_SLUG);
    }

    #[test]
    fn names_follow_documents_md() {
        let c = Commune::new("Quan Sơn", "Lạng Sơn");
        let name = file_name(2026, &c, Kind::Plan, None, "pdf");
        assert_eq!(name, "2026_QuanSon_KH-xa-phu-hop-tre-em.pdf");
        assert!(is_safe(&name));
        let table = file_name(2026, &c, Kind::Assessment, None, "xlsx");
        assert_eq!(table, "2026_QuanSon_PL-bang-diem-tu-danh-gia.xlsx");
        let mut ward = c.clone();
        ward.kind = "phường".into();
        assert_eq!(
            file_name(2026, &ward, Kind::Proposal, None, "docx"),
            "2026_QuanSon_TTr-de-nghi-cong-nhan-phuong-phu-hop-tre-em.docx"
        );
        assert_eq!(
            dossier_name(2026, &c),
            "2026_QuanSon_Ho-so-xa-phu-hop-tre-em.zip"
        );
    }

    #[test]
    fn unsafe_names_are_recognised() {
        for bad in [
            "../x.pdf",
            "/etc/passwd",
            "a/b.pdf",
            "C:\\x",
            ".hidden",
            "",
            "hòa.pdf",
        ] {
            assert!(!is_safe(bad), "{bad}");
        }
    }

    #[test]
    fn two_plans_do_not_collide() {
        let mut u = UniqueNames::default();
        assert_eq!(u.claim("a.pdf"), "a.pdf");
        assert_eq!(u.claim("a.docx"), "a.docx");
        assert_eq!(u.claim("a.pdf"), "a-2.pdf");
        assert_eq!(u.claim("a.pdf"), "a-3.pdf");
        assert_eq!(u.claim("manifest.json"), "manifest-2.json");
    }
}
