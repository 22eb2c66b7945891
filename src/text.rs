//! Text hygiene shared by every input path: all Vietnamese text is kept NFC.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalises and trims; every string that enters the model goes through here.
pub fn nfc(s: &str) -> String {
    s.nfc().collect::<String>().trim().to_string()
}
