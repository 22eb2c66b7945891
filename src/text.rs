//! Text hygiene shared by every input path: all Vietnamese text is kept NFC.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalises and trims; every string that enters the model goes through here.
pub fn nfc(s: &str) -> String {
    line_ends(s).trim().to_string()
}

/// NFC with "\n" line ends, untrimmed. Text typed or saved on Windows carries "\r\n" (an
/// old Mac file "\r"), and a stray carriage return would print as a box or a second break.
pub fn line_ends(s: &str) -> String {
    let text: String = s.nfc().collect();
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// A one-line value (a name, a title, an address): NFC, every control character (a pasted
/// line break, a tab) a space, runs of spaces one, trimmed. Such values go into e-mail
/// headers, file names and single lines of a document, where a line break would split them.
pub fn one_line(s: &str) -> String {
    nfc(s)
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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

/// Vietnamese letters without their marks, "đ"/"Đ" as "d"/"D": "Nơi nhận Đ" → "Noi nhan D".
/// Tre's one ASCII folding: file names and slugs, and the diacritic-blind matching of the
/// importer and the linter ("Noi nhận" typed without its marks is still the heading).
pub fn strip_marks(s: &str) -> String {
    s.nfd()
        // Combining marks (tones and hats) follow their letter after NFD.
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_old_mac_line_ends_become_newlines() {
        assert_eq!(
            nfc(" Dòng một\r\nDòng hai\rDòng ba \r\n"),
            "Dòng một\nDòng hai\nDòng ba"
        );
        assert_eq!(one_line("Nguyễn Văn\r\nAn"), "Nguyễn Văn An");
        // NFD in, NFC out.
        assert_eq!(nfc("Hoa\u{300}"), "Hoà");
    }
}
