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
    /// A second signer in the left column, where "Nơi nhận" usually stands: the minutes of a
    /// meeting are signed by the secretary (left) and the chair (right).
    pub left_signature: Option<Signature>,
    /// Set for an annex (Phụ lục): it has no two-column header and no type name; its own
    /// heading stands at the top of page 1 instead (`header` is then used for metadata only).
    pub annex: Option<Annex>,
}

/// The heading of an annex (Nghị định 30, Phụ lục I): "Phụ lục" (14, bold, centred), the
/// title (uppercase, bold) and "(Kèm theo … số …/… ngày … của …)" (italic).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annex {
    /// "Phụ lục", or "Phụ lục I" when a document has several.
    pub label: String,
    pub title: String,
    /// "(Kèm theo Báo cáo số      /BC-UBND ngày      tháng 11 năm 2026 của …)".
    pub reference: String,
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
    /// A ruled table across the text width (the score table of an annex). Its header row is
    /// repeated at the top of every page it continues on; a row is never split between pages.
    Table(Table),
}

/// A ruled table: column widths as shares of the text width, one header row, body rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Header cells (bold, centred); empty for a table without a header row.
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Share of the text width; the shares of a table are scaled to add up to 1.
    pub share: f32,
    pub align: CellAlign,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellAlign {
    Left,
    Center,
}

/// One row of cells; a missing cell is empty, cells beyond the columns are ignored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableRow {
    pub cells: Vec<String>,
    pub bold: bool,
    /// A group's heading row (a criterion above its sub-items): never the last row of a page.
    pub keep_with_next: bool,
}

impl Table {
    /// The column shares scaled to add up to 1 (equal shares if none is positive).
    pub fn shares(&self) -> Vec<f32> {
        let n = self.columns.len();
        let sum: f32 = self.columns.iter().map(|c| c.share.max(0.0)).sum();
        self.columns
            .iter()
            .map(|c| {
                if sum > 0.0 {
                    c.share.max(0.0) / sum
                } else {
                    1.0 / n as f32
                }
            })
            .collect()
    }

    /// The cells of a row, exactly one per column.
    pub fn cells<'a>(&self, cells: &'a [String]) -> Vec<&'a str> {
        (0..self.columns.len())
            .map(|i| cells.get(i).map_or("", |c| c.as_str()))
            .collect()
    }
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
        if let Some(a) = &self.annex {
            out.push(a.label.clone());
            out.push(a.title.to_uppercase());
            out.push(a.reference.clone());
        } else {
            let h = &self.header;
            out.extend(h.parent_authority.iter().cloned());
            out.extend(h.authority.iter().cloned());
            out.push(h.number_line.clone());
            out.push(Header::NATIONAL_TITLE.to_string());
            out.push(Header::MOTTO.to_string());
            out.push(h.place_date.clone());
            out.push(self.type_name.clone());
            out.push(self.subject.clone());
        }
        if !self.kinh_gui.is_empty() {
            out.push(format!("Kính gửi: {}", self.kinh_gui.join("; ")));
        }
        for b in &self.body {
            match b {
                Block::Basis(t) => out.push(t.clone()),
                Block::Heading { text, .. } => out.push(text.clone()),
                Block::Paragraph(runs) => out.push(runs.iter().map(|r| r.text.as_str()).collect()),
                Block::Table(t) => {
                    // One line per row, cells separated by " | ", so a pasted table still reads.
                    if !t.header.is_empty() {
                        out.push(t.cells(&t.header).join(" | "));
                    }
                    for r in &t.rows {
                        out.push(t.cells(&r.cells).join(" | "));
                    }
                }
            }
        }
        if !self.recipients.is_empty() {
            out.push("Nơi nhận:".to_string());
            out.extend(self.recipients.iter().cloned());
        }
        if let Some(left) = &self.left_signature {
            out.extend(left.titles.iter().cloned());
            out.push(left.name.clone());
        }
        out.extend(self.signature.titles.iter().cloned());
        out.push(self.signature.name.clone());
        out
    }
}
