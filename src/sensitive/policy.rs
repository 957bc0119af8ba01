//! The card-data policy: which EMV tags and ISO 8583 data elements hold card data, and which
//! of them each kind of output may show. Masking, `decode`, the frame logs and the CSV guard
//! all ask here; nothing else keeps a list of card-data tags or fields.
//!
//! The rule (PCI DSS 3.3/3.4, reliability.md §1.2): the PAN is shown as first 6 + last 4 at
//! most; track data, discretionary data, CVV and PIN data are never shown. The cardholder name
//! is personal data a technician may need to read in a `decode` of bytes they pasted, and stays
//! out of everything else. The expiry is a value the bench checks (the expiry steps, a decline
//! for an expired card): shown wherever the bench reports a card's data — its rows, `read`, the
//! chip records, 8583 messages — and hidden only in raw reader frames, which show no field.

/// What a data element holds, as far as the card-data rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CardData {
    /// The PAN (`5A`, DE2, DE34 extended PAN): first 6 / last 4 at most.
    Pan,
    /// Track 1 data (`56`, DE45): the PAN masked, the rest never shown.
    Track1,
    /// Track 2 or its chip equivalent (`57`, `9F6B`, DE35): the PAN masked, the rest never shown.
    Track2,
    /// Track 3 data (DE36): the PAN masked, the rest never shown.
    Track3,
    /// Track 1 / track 2 discretionary data (`9F1F`, `9F20`): may carry the CVV; never shown.
    Discretionary,
    /// A card verification value (`9F60`, `9F61` CVC3): never shown.
    Cvv,
    /// PIN data (`99` transaction PIN data, DE52 PIN block): never shown.
    PinBlock,
    /// Cardholder name (`5F20`, `9F0B`).
    CardholderName,
    /// Application expiration date (`5F24`, DE14).
    Expiry,
}

/// Where a value is about to be shown. Card data proper ([`CardData::is_card_data`]) is
/// hidden or masked in every view; the views differ only for personal data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// `cardbench decode tlv|apdu` on bytes the technician pasted: name and expiry shown.
    Decode,
    /// ISO 8583 messages and their DE55 (`decode 8583`, the host's frame log, POS lines), the
    /// records of a chip result (`read --chip`, a run's chip rows) and the tracks `read`
    /// prints: name hidden (starred, its length kept), expiry shown (a decline for an expired
    /// card must stay readable; `read` prints the expiry).
    Message,
    /// Raw reader frames kept in frame logs: name and expiry hidden too.
    FrameLog,
}

impl CardData {
    /// PAN, track data, discretionary data, CVV and PIN data: hidden or masked in every view.
    pub fn is_card_data(self) -> bool {
        !matches!(self, CardData::CardholderName | CardData::Expiry)
    }

    /// Whether a value of this kind is hidden (or masked) in `view`.
    pub fn hidden_in(self, view: View) -> bool {
        match self {
            CardData::CardholderName => view != View::Decode,
            CardData::Expiry => view == View::FrameLog,
            _ => true,
        }
    }
}

/// EMV tags that hold card or personal data (EMV 4.3 Book 3 Annex A, EMV contactless).
const EMV_TAGS: &[(u32, CardData)] = &[
    (0x5A, CardData::Pan),
    (0x56, CardData::Track1),
    (0x57, CardData::Track2),
    (0x9F6B, CardData::Track2),
    (0x9F1F, CardData::Discretionary),
    (0x9F20, CardData::Discretionary),
    (0x99, CardData::PinBlock),
    (0x9F60, CardData::Cvv),
    (0x9F61, CardData::Cvv),
    (0x5F20, CardData::CardholderName),
    (0x9F0B, CardData::CardholderName),
    (0x5F24, CardData::Expiry),
];

/// ISO 8583:1987 data elements that hold card or personal data.
const ISO8583_FIELDS: &[(u8, CardData)] = &[
    (2, CardData::Pan),
    (14, CardData::Expiry),
    (34, CardData::Pan),
    (35, CardData::Track2),
    (36, CardData::Track3),
    (45, CardData::Track1),
    (52, CardData::PinBlock),
];

/// What the EMV tag `tag` (`0x5F24`) holds, when it is card or personal data.
pub fn emv_tag(tag: u32) -> Option<CardData> {
    EMV_TAGS.iter().find(|(t, _)| *t == tag).map(|(_, c)| *c)
}

/// What ISO 8583 data element `de` holds, when it is card or personal data.
pub fn iso8583_field(de: u8) -> Option<CardData> {
    ISO8583_FIELDS
        .iter()
        .find(|(n, _)| *n == de)
        .map(|(_, c)| *c)
}

/// Whether the tag's value is card data proper (PAN, track, discretionary, CVV, PIN data):
/// never shown in clear, whatever the view.
pub fn is_card_data_tag(tag: u32) -> bool {
    emv_tag(tag).is_some_and(CardData::is_card_data)
}

/// Whether `view` hides (or masks) the value of EMV tag `tag`.
pub fn hides_tag(view: View, tag: u32) -> bool {
    emv_tag(tag).is_some_and(|c| c.hidden_in(view))
}

/// Whether `view` hides (or masks) ISO 8583 data element `de`.
pub fn hides_field(view: View, de: u8) -> bool {
    iso8583_field(de).is_some_and(|c| c.hidden_in(view))
}

/// Whether a value that is not card data by its tag still goes through the digit scan
/// (`mask_clear_pans`) before it is shown, judged by its EMV format (`b 4n`, `n12 (6)`, `cn`,
/// `ans 1-16`; `None` for a tag the dictionary does not know). Binary and numeric formats hold
/// keys, counters, file locators, bit maps, data object lists and amounts, never a PAN: they
/// are shown in full (AFL `94`, IAD `9F10`, GPO command data `83`, amounts `9F02`). Compressed
/// numeric and text formats can hold a PAN, and a tag the dictionary does not know may hold
/// anything: those are scanned.
pub fn digit_scan_applies(format: Option<&str>) -> bool {
    match format {
        None => true,
        Some(f) => !(f.starts_with('b') || f.starts_with('n') || f.starts_with("tpl")),
    }
}

/// Whether the data field of a command APDU with instruction `ins` goes through the digit
/// scan. The data of SELECT (an AID), GET PROCESSING OPTIONS (`83` with the PDOL values:
/// amounts, dates, TVR, unpredictable number), GENERATE AC (CDOL values), INTERNAL and
/// EXTERNAL AUTHENTICATE (DDOL values, a cryptogram) is binary by definition and cannot hold a
/// PAN: shown in full; so is the data of the issuer script commands that carry only a MAC:
/// APPLICATION BLOCK `1E`, APPLICATION UNBLOCK `18`, CARD BLOCK `16` (EMV Book 3 §6.5.1–6.5.3).
/// Any other command's data is scanned.
pub fn command_data_scan_applies(ins: u8) -> bool {
    !matches!(ins, 0xA4 | 0xA8 | 0xAE | 0x88 | 0x82 | 0x1E | 0x18 | 0x16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_differ_only_for_personal_data() {
        for (tag, _) in EMV_TAGS {
            if is_card_data_tag(*tag) {
                for v in [View::Decode, View::Message, View::FrameLog] {
                    assert!(hides_tag(v, *tag), "{tag:X} {v:?}");
                }
            }
        }
        assert!(!hides_tag(View::Decode, 0x5F20));
        assert!(hides_tag(View::Message, 0x5F20));
        assert!(!hides_tag(View::Message, 0x5F24));
        assert!(hides_tag(View::FrameLog, 0x5F24));
        assert!(!hides_tag(View::FrameLog, 0x9F26));
    }

    #[test]
    fn message_fields() {
        let hidden: Vec<u8> = (0..=128)
            .filter(|&n| hides_field(View::Message, n))
            .collect();
        assert_eq!(hidden, [2, 34, 35, 36, 45, 52]);
        assert_eq!(iso8583_field(35), Some(CardData::Track2));
        assert!(hides_field(View::FrameLog, 14));
    }

    #[test]
    fn digit_scan_only_where_a_pan_can_hide() {
        for f in ["b 4n", "b <=32", "n12 (6)", "b", "tpl"] {
            assert!(!digit_scan_applies(Some(f)), "{f}");
        }
        for f in ["cn <=10", "ans 1-16", "an6 (6)"] {
            assert!(digit_scan_applies(Some(f)), "{f}");
        }
        assert!(digit_scan_applies(None));
    }
}
