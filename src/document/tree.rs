/// A whole document, ready for any backend. Strings are final text (NFC), already
/// punctuated; backends only choose fonts and positions (see `style`).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub meta: Meta,
    pub header: Header,
    /// "KẾ HOẠCH", "BÁO CÁO", …
    pub type_name: String,
    /// The trích yếu under the type name.
    pub subject: String,
    /// "Kính gửi" recipients of reports and proposals sent upward; empty for a plan.
    pub kinh_gui: Vec<String>,
    pub body: Vec<Block>,
    pub signature: Signature,
    /// Items of "Nơi nhận", printed as given: "- TT Đảng ủy;" … "- Lưu: VT, VHXH.".
    pub recipients: Vec<String>,
}

/// PDF metadata (title, author).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
}

/// The two-column header of Nghị định 30.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Superior authority line (uppercase, regular), if any.
    pub parent_authority: Option<String>,
    /// Issuing authority lines (uppercase, bold); a short rule is drawn under the last one.
    pub authority: Vec<String>,
    /// "Số: 09/KH-UBND" or, while unnumbered, "Số:      /KH-UBND".
    pub number_line: String,
    /// "Quan Sơn, ngày 05 tháng 4 năm 2026" or "Quan Sơn, ngày      tháng 4 năm 2026".
    pub place_date: String,
}

impl Header {
    pub const NATIONAL_TITLE: &'static str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    pub const MOTTO: &'static str = "Độc lập - Tự do - Hạnh phúc";
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// "Căn cứ …;" / "Thực hiện …;": italic, first-line indent, one per basis.
    Basis(String),
    /// A section heading with its label: level 1 "I. MỤC ĐÍCH, YÊU CẦU" (uppercase bold),
    /// level 2 "1. Mục đích" (bold), level 3+ "1.1. …" / "a) …" (italic). Kept with the next line.
    Heading { level: u8, text: String },
    /// A body paragraph (justified, first-line indent) made of styled runs, so an inline
    /// heading ("**1. Mục đích:** Duy trì …") or an italic deadline stays in one paragraph.
    Paragraph(Vec<Run>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// The signature block (right half): title lines, room to sign and seal, the name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Signature {
    pub titles: Vec<String>,
    pub name: String,
}

impl Signature {
    /// The title lines as printed: trimmed, uppercase, empty ones dropped.
    pub fn title_lines(&self) -> Vec<String> {
        self.titles
            .iter()
            .map(|t| t.trim().to_uppercase())
            .filter(|t| !t.is_empty())
            .collect()
    }
}

/// The non-empty "Kính gửi" addressees (or "Nơi nhận" items), trimmed.
pub fn kinh_gui_items(items: &[String]) -> Vec<&str> {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Several "Kính gửi" addressees print one per line with exactly one leading dash, whether
/// or not they came with theirs.
pub fn kinh_gui_lines(items: &[&str]) -> Vec<String> {
    items
        .iter()
        .map(|i| format!("- {}", i.trim_start_matches('-').trim_start()))
        .collect()
}

impl Document {
    /// The document's text in reading order, one line per paragraph. Used by the TXT export
    /// and by tests that compare it with what `pdftotext` gives back.
    pub fn plain_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let h = &self.header;
        out.extend(h.parent_authority.iter().cloned());
        out.extend(h.authority.iter().cloned());
        out.push(h.number_line.clone());
        out.push(Header::NATIONAL_TITLE.to_string());
        out.push(Header::MOTTO.to_string());
        out.push(h.place_date.clone());
        out.push(self.type_name.clone());
        out.push(self.subject.clone());
        if !self.kinh_gui.is_empty() {
            out.push(format!("Kính gửi: {}", self.kinh_gui.join("; ")));
        }
        for b in &self.body {
            out.push(match b {
                Block::Basis(t) => t.clone(),
                Block::Heading { text, .. } => text.clone(),
                Block::Paragraph(runs) => runs.iter().map(|r| r.text.as_str()).collect(),
            });
        }
        out.push("Nơi nhận:".to_string());
        out.extend(self.recipients.iter().cloned());
        out.extend(self.signature.titles.iter().cloned());
        out.push(self.signature.name.clone());
        out
    }
}
