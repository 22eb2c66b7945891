//! Puts docx-rs's XML in the order the WordprocessingML schema prescribes.
//!
//! docx-rs 0.4.22 writes the children of property elements in its own order (`w:rPr` first in
//! every `w:pPr`, `w:sz` before `w:b`, `w:headerReference` after `w:pgMar`, `w:name` after
//! `w:rPr` in a style…). LibreOffice does not mind, but the schema (ECMA-376 / ISO 29500) has
//! these as sequences and Word is known to drop run properties that come out of sequence, to
//! ignore or "repair" the rest. This pass re-sorts, stably, the children of the property
//! elements only (never the content of a paragraph or a run) and fixes two small things:
//! `w:gridCol` takes no `w:type`, "Normal" must be the default paragraph style, and empty
//! `w:rPr` in paragraph properties (not allowed in those of styles) are dropped.
//!
//! The input is XML that docx-rs wrote (well-formed, attribute values quoted); the text and
//! attributes are copied through byte for byte.

/// Schema order of the children of each property element (ISO/IEC 29500-4, wml.xsd).
#[rustfmt::skip]
const ORDERS: &[(&str, &[&str])] = &[
    ("w:pPr", &[
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
        "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ]),
    ("w:rPr", &[
        "ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps",
        "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
        "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz",
        "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
        "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
    ]),
    ("w:tblPr", &[
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
        "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
        "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
    ]),
    ("w:tcPr", &[
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
        "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
        "cellDel", "cellMerge", "tcPrChange",
    ]),
    ("w:sectPr", &[
        "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
        "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
        "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
        "printerSettings", "sectPrChange",
    ]),
    ("w:style", &[
        "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
        "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
        "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
    ]),
    ("w:lvl", &[
        "start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlPicBulletId",
        "legacy", "lvlJc", "pPr", "rPr",
    ]),
    ("w:pBdr", &[
        "top", "left", "bottom", "right", "between", "bar",
    ]),
    ("w:tblBorders", &[
        "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
    ]),
    ("w:tcBorders", &[
        "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
        "tr2bl",
    ]),
    ("w:settings", &[
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
        "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
        "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
        "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
        "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
        "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
        "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
        "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
        "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
        "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
        "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
        "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
        "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
        "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
        "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
        "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
        "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
        "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
        "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
        "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
    ]),
];

#[derive(Debug)]
enum Node {
    /// Text, a comment or a processing instruction, copied as is.
    Raw(String),
    Elem(Elem),
}

#[derive(Debug)]
struct Elem {
    name: String,
    /// Everything between the name and the closing `>` or `/>`, as written.
    attrs: String,
    children: Vec<Node>,
}

/// Re-sorts the property elements of one XML part; returns the input unchanged if it cannot
/// be read as the simple XML docx-rs writes.
pub fn canonical(xml: &str) -> String {
    let mut stack: Vec<Elem> = vec![Elem {
        name: String::new(),
        attrs: String::new(),
        children: Vec::new(),
    }];
    let mut rest = xml;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("</") {
            let Some(end) = after.find('>') else {
                return xml.to_string();
            };
            let Some(done) = stack.pop() else {
                return xml.to_string();
            };
            if done.name != after[..end].trim() {
                return xml.to_string();
            }
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Elem(done)),
                None => return xml.to_string(),
            }
            rest = &after[end + 1..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            let Some(end) = rest.find('>') else {
                return xml.to_string();
            };
            push_raw(&mut stack, &rest[..=end]);
            rest = &rest[end + 1..];
        } else if rest.starts_with('<') {
            let Some(end) = tag_end(rest) else {
                return xml.to_string();
            };
            let inner = &rest[1..end];
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let name_len = inner
                .find(|c: char| c.is_whitespace())
                .unwrap_or(inner.len());
            let elem = Elem {
                name: inner[..name_len].to_string(),
                attrs: inner[name_len..].to_string(),
                children: Vec::new(),
            };
            if empty {
                push_elem(&mut stack, elem);
            } else {
                stack.push(elem);
            }
            rest = &rest[end + 1..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            push_raw(&mut stack, &rest[..end]);
            rest = &rest[end..];
        }
    }
    if stack.len() != 1 {
        return xml.to_string();
    }
    let mut root = stack.pop().unwrap_or_else(|| unreachable!());
    let mut out = String::with_capacity(xml.len());
    for node in &mut root.children {
        fix(node);
        write(node, &mut out);
    }
    out
}

/// Index of the `>` that closes the tag starting at `s[0]`, skipping quoted values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn push_raw(stack: &mut [Elem], text: &str) {
    if let Some(top) = stack.last_mut() {
        top.children.push(Node::Raw(text.to_string()));
    }
}

fn push_elem(stack: &mut [Elem], elem: Elem) {
    if let Some(top) = stack.last_mut() {
        top.children.push(Node::Elem(elem));
    }
}

fn fix(node: &mut Node) {
    let Node::Elem(e) = node else { return };
    for c in &mut e.children {
        fix(c);
    }
    match e.name.as_str() {
        "w:gridCol" => e.attrs = e.attrs.replace(r#" w:type="dxa""#, ""),
        // An empty `w:rPr` says nothing, and the `w:pPr` of styles and numbering levels may
        // not have one at all.
        "w:pPr" => e.children.retain(|c| {
            !matches!(c, Node::Elem(r) if r.name == "w:rPr" && r.children.is_empty() && r.attrs.trim().is_empty())
        }),
        "w:style"
            if e.attrs.contains(r#"w:styleId="Normal""#) && !e.attrs.contains("w:default") =>
        {
            e.attrs.push_str(r#" w:default="1""#);
        }
        _ => {}
    }
    let Some((_, order)) = ORDERS.iter().find(|(name, _)| *name == e.name) else {
        return;
    };
    if e.children.iter().any(|c| matches!(c, Node::Raw(_))) {
        return; // mixed content: not a property element after all
    }
    let rank = |n: &Node| match n {
        Node::Elem(c) => {
            let local = c.name.rsplit(':').next().unwrap_or(&c.name);
            order
                .iter()
                .position(|o| *o == local)
                .unwrap_or(order.len())
        }
        Node::Raw(_) => order.len(),
    };
    e.children.sort_by_key(rank);
}

fn write(node: &Node, out: &mut String) {
    match node {
        Node::Raw(t) => out.push_str(t),
        Node::Elem(e) if e.children.is_empty() => {
            out.push('<');
            out.push_str(&e.name);
            out.push_str(e.attrs.trim_end());
            out.push_str(" />");
        }
        Node::Elem(e) => {
            out.push('<');
            out.push_str(&e.name);
            out.push_str(&e.attrs);
            out.push('>');
            for c in &e.children {
                write(c, out);
            }
            out.push_str("</");
            out.push_str(&e.name);
            out.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_properties_not_content() {
        let xml = r#"<?xml version="1.0"?><w:p><w:pPr><w:rPr /><w:jc w:val="both" /><w:pStyle w:val="Body" /></w:pPr><w:r><w:rPr><w:sz w:val="28" /><w:b /></w:rPr><w:t xml:space="preserve">B </w:t></w:r><w:r><w:t>a &amp; "x"</w:t></w:r></w:p>"#;
        assert_eq!(
            canonical(xml),
            r#"<?xml version="1.0"?><w:p><w:pPr><w:pStyle w:val="Body" /><w:jc w:val="both" /></w:pPr><w:r><w:rPr><w:b /><w:sz w:val="28" /></w:rPr><w:t xml:space="preserve">B </w:t></w:r><w:r><w:t>a &amp; "x"</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn unreadable_input_is_left_alone() {
        for bad in ["<a><b></a>", "<a>", "</a>", "<a x=\"1"] {
            assert_eq!(canonical(bad), bad);
        }
    }
}
