//! Text hygiene shared by every input path: all Vietnamese text is kept NFC.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalises and trims; every string that enters the model goes through here.
pub fn nfc(s: &str) -> String {
    s.nfc().collect::<String>().trim().to_string()
}

/// NFC-normalises a whole text without trimming it: used on a file's content before parsing,
/// so every string read from it is NFC whatever the sender's editor wrote.
pub fn nfc_text(s: &str) -> String {
    s.nfc().collect()
}

/// Folds for matching names typed in different ways: NFC, lowercase, single spaces,
/// "-"/"–" alike ("Trạm Y tế xã" ~ "trạm y tế").
pub fn fold(s: &str) -> String {
    nfc(s)
        .to_lowercase()
        .replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
