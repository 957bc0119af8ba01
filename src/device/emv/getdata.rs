//! GET DATA after the records (EMV 4.3 Book 3 §6.5.7, §10.6.3; Book 4 §6.3.3): the ATC, the
//! last online ATC, the PIN try counter and the log format, put into the card's data objects
//! for terminal risk management (velocity checking) and CVM processing. A card that does not
//! keep one (`6A 88`, referenced data not found) is not a failure: the object is absent.

use super::flow::{EmvFlow, Phase, Sw, SW_OK};
use crate::codec::tlv;
use crate::i18n::Text;

/// The data objects asked for, in order: ATC (`9F36`), last online ATC register (`9F13`), PIN
/// try counter (`9F17`), log format (`9F4F`).
pub const GET_DATA_TAGS: [u16; 4] = [0x9F36, 0x9F13, 0x9F17, 0x9F4F];

impl EmvFlow {
    /// After the last record: GET DATA when the flow goes on to GENERATE AC (the card gave a
    /// CDOL1 — terminal risk management is part of that path), else straight on.
    pub(super) fn after_afl(&mut self) {
        if self.card.contains_key(&0x8C) && self.result.outcome == super::EmvOutcome::Ok {
            self.phase = Phase::GetData(0);
        } else {
            self.after_records();
        }
    }

    /// The GET DATA command of step `i`, if any is left.
    pub(super) fn get_data_command(i: usize) -> Option<Vec<u8>> {
        GET_DATA_TAGS
            .get(i)
            .map(|t| crate::codec::emv::commands::get_data(*t))
    }

    /// The card's answer to GET DATA `i`: `9000` with the object (template or bare value) puts
    /// it into the card's data; `6A88` is "not available"; anything else is noted and the flow
    /// goes on (GET DATA is optional for the card).
    pub(super) fn on_get_data(&mut self, sw: Sw, i: usize, data: &[u8]) {
        let tag = GET_DATA_TAGS.get(i).copied().unwrap_or(0);
        let note = if sw == SW_OK {
            let value = tlv::walk(data)
                .find_tag(u32::from(tag))
                .map(|o| o.value.to_vec());
            match value {
                Some(v) => {
                    self.card.insert(u32::from(tag), v);
                    Text::tr("devices-emv-note-data-object")
                }
                None => Text::tr("devices-emv-note-no-data-object"),
            }
        } else if sw == (0x6A, 0x88) {
            Text::tr("devices-emv-note-not-available")
        } else {
            Text::tr("devices-emv-note-refused")
        };
        self.finish_step(sw, note);
        if i + 1 < GET_DATA_TAGS.len() {
            self.phase = Phase::GetData(i + 1);
        } else {
            self.after_records();
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::emv::TerminalData;
    use crate::hexfmt::parse_hex;

    /// Up to the records of a card with a CDOL1: the flow then asks for the four objects and
    /// keeps what the card has; `6A88` and a refusal do not stop it.
    #[test]
    fn get_data_fills_the_card_tags() {
        let aid = parse_hex("A000000333010101").unwrap();
        let mut f = EmvFlow::new(TerminalData::default(), vec![aid]);
        let script = [
            "6A82",
            "6F0A8408A0000003330101019000",
            "80067C00080101009000",
            "700A8C089F02069F37049A039000",
        ];
        for r in script {
            f.next_command().unwrap();
            f.on_response(&parse_hex(r).unwrap());
        }
        let answers = ["9F360200059000", "6A88", "9F1701039000", "6D00"];
        for (i, r) in answers.iter().enumerate() {
            let c = f.next_command().unwrap();
            assert_eq!(c, crate::codec::emv::commands::get_data(GET_DATA_TAGS[i]));
            f.on_response(&parse_hex(r).unwrap());
        }
        assert_eq!(f.card.get(&0x9F36).unwrap(), &[0x00, 0x05]);
        assert_eq!(f.card.get(&0x9F17).unwrap(), &[0x03]);
        assert!(!f.card.contains_key(&0x9F13));
        let r = f.result(None);
        let notes: Vec<_> = r.steps.iter().map(|s| s.note.en.as_str()).collect();
        assert!(notes.contains(&"not available"), "{notes:?}");
        assert_ne!(r.outcome, super::super::EmvOutcome::ReadRecordFailed);
    }
}
