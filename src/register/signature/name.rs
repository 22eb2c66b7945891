//! The names a certificate gives its holder: the common name (the person or the agency) and
//! the organisation, decoded from whichever string type the CA chose, NFC, with control
//! characters dropped (they are shown to the officer).

use der::asn1::ObjectIdentifier;
use der::{Tag, Tagged};
use x509_cert::name::Name;

const CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const O: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");

/// "Nguyễn Văn An"; empty when the certificate has no common name.
pub fn common_name(name: &Name) -> String {
    attribute(name, CN).unwrap_or_default()
}

/// "UBND xã Minh Hòa".
pub fn organisation(name: &Name) -> Option<String> {
    attribute(name, O)
}

/// The last value of `oid` (the most specific, in RDN order).
fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .rev()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == oid)
        .find_map(|atv| text(atv.value.tag(), atv.value.value()))
}

fn text(tag: Tag, bytes: &[u8]) -> Option<String> {
    let s = match tag {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        // T.61 in theory; Latin-1 in practice.
        Tag::TeletexString => bytes.iter().map(|&b| b as char).collect(),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => return None,
    };
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    let clean = crate::text::nfc(clean.trim());
    (!clean.is_empty()).then_some(clean)
}
