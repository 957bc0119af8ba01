//! VERIFY for deck test cards (EMV 4.3 Book 3 §10.5.1, §6.5.12): when cardholder
//! verification reaches a plaintext offline PIN rule the terminal supports and the deck gives
//! the card's PIN, the flow sends it once, as a plaintext offline PIN block (P2 `80`), before
//! the terminal's decisions and GENERATE AC 1; the answer (`process::PinVerify`) then counts
//! for that rule. A PIN try counter (`9F17`, GET DATA) of 0 means the PIN is blocked: no VERIFY
//! is sent. Cards without a deck PIN never get VERIFY. Enciphered offline PIN (`04`, `05`) is
//! not offered (it needs GET CHALLENGE and the ICC PIN key): it stays "PIN not entered".

use super::flow::{EmvFlow, Sw};
use super::process::{self, PinVerify};
use crate::codec::emv::commands;
use crate::crypto::pin::{encode_offline_plaintext, Pin};
use crate::i18n::Text;

impl EmvFlow {
    /// The deck's known offline PIN of a test card (`DeckCard::pin`); `None` (the default) for
    /// every other card, which then never gets VERIFY.
    pub fn with_offline_pin(mut self, pin: Option<Pin>) -> EmvFlow {
        self.offline_pin = pin;
        self
    }

    /// Whether VERIFY goes before the decisions: a test card's PIN is known, not yet sent,
    /// and the CVM list reaches a plaintext offline PIN rule. A try counter of 0 makes the
    /// outcome "blocked" at once, without VERIFY.
    pub(super) fn verify_first(&mut self) -> bool {
        if self.pin_verify.is_some()
            || self.offline_pin.is_none()
            || !process::wants_offline_pin(&self.card, &self.terminal, &self.aip)
        {
            return false;
        }
        if self.card.get(&0x9F17).is_some_and(|c| c.as_slice() == [0]) {
            self.pin_verify = Some(PinVerify::Blocked);
            self.result.pin_verify = self.pin_verify;
            return false;
        }
        true
    }

    /// The VERIFY command with the plaintext offline PIN block.
    pub(super) fn verify_command(&self) -> Option<Vec<u8>> {
        let pin = self.offline_pin.as_ref()?;
        Some(commands::verify_plaintext(&encode_offline_plaintext(pin)))
    }

    /// The card's answer to VERIFY; then the decisions and GENERATE AC 1.
    pub(super) fn on_verify(&mut self, sw: Sw) {
        let v = PinVerify::from_sw(sw.0, sw.1);
        let note = match v {
            PinVerify::Ok => Text::tr("devices-emv-note-pin-ok"),
            PinVerify::Wrong { .. } => Text::tr("devices-emv-note-pin-wrong"),
            PinVerify::Blocked => Text::tr("devices-emv-note-pin-blocked"),
            PinVerify::Refused(_) => Text::tr("devices-emv-note-verify-refused"),
        };
        self.finish_step(sw, note);
        self.pin_verify = Some(v);
        self.result.pin_verify = Some(v);
        self.go_to_generate_ac();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::emv::TerminalData;
    use crate::hexfmt::parse_hex;

    /// A flow over a scripted card up to its GET DATA answers: CVM list plaintext offline PIN
    /// (`41 03`, next rule if it fails) then signature (`1E 03`); AIP `7C00`.
    fn at_get_data(pin: Option<&str>, tries: &str) -> EmvFlow {
        let aid = parse_hex("A000000333010101").unwrap();
        let mut f = EmvFlow::new(TerminalData::fixed(), vec![aid])
            .with_offline_pin(pin.map(|p| Pin::new(p).unwrap()));
        let script = [
            "6A82".to_string(),
            "6F0A8408A0000003330101019000".into(),
            "80067C00080101009000".into(),
            "701C8C089F02069F37049A038D028A02 8E0C 0000000000000000 4103 1E03 9000".into(),
            "6A88".into(),
            "6A88".into(),
            format!("9F1701{tries}9000"),
            "6A88".into(),
        ];
        for r in script {
            f.next_command().unwrap();
            f.on_response(&parse_hex(&r).unwrap());
        }
        f
    }

    fn tvr_byte3(f: &EmvFlow) -> u8 {
        let tvr = f.result(None).tvr.unwrap();
        u8::from_str_radix(&tvr[4..6], 16).unwrap()
    }

    /// The test card's PIN goes in VERIFY P2 `80` as `24 12 34 FF…`; `90 00` makes the rule
    /// successful (CVM Results `41 03 02`) and no TVR byte 3 bit is set.
    #[test]
    fn a_test_card_gets_verify_and_its_pin_counts() {
        let mut f = at_get_data(Some("1234"), "03");
        let c = f.next_command().unwrap();
        assert_eq!(c, parse_hex("0020008008 241234FFFFFFFFFF").unwrap());
        f.on_response(&[0x90, 0x00]);
        let c = f.next_command().unwrap();
        assert_eq!(&c[..2], &[0x80, 0xAE]);
        let r = f.result(None);
        assert_eq!(r.pin_verify, Some(PinVerify::Ok));
        assert_eq!(r.cvm_results.as_deref(), Some("410302"));
        assert_eq!(tvr_byte3(&f), 0);
        let step = r
            .steps
            .iter()
            .find(|s| s.name.starts_with("VERIFY"))
            .unwrap();
        assert_eq!(
            (step.sw.as_str(), step.note.en.as_str()),
            ("9000", "PIN ok")
        );
        assert!(!step.name.contains("1234"), "{}", step.name);
    }

    /// `63 C2`: wrong PIN, two tries left; VERIFY is not repeated, the rule fails and the next
    /// (signature) decides. `69 83`: blocked, TVR byte 3 `20`.
    #[test]
    fn wrong_and_blocked_pins() {
        let mut f = at_get_data(Some("1234"), "03");
        f.next_command().unwrap();
        f.on_response(&[0x63, 0xC2]);
        assert_eq!(&f.next_command().unwrap()[..2], &[0x80, 0xAE]);
        let r = f.result(None);
        assert_eq!(r.pin_verify, Some(PinVerify::Wrong { tries_left: 2 }));
        assert_eq!(r.cvm_results.as_deref(), Some("1E0300"));
        assert_eq!(tvr_byte3(&f), 0);

        let mut f = at_get_data(Some("1234"), "01");
        f.next_command().unwrap();
        f.on_response(&[0x69, 0x83]);
        f.next_command().unwrap();
        assert_eq!(f.result(None).pin_verify, Some(PinVerify::Blocked));
        assert_eq!(tvr_byte3(&f), 0x20);
        assert_eq!(PinVerify::from_sw(0x69, 0x84), PinVerify::Refused(0x6984));
        assert_eq!(PinVerify::from_sw(0x63, 0xC0), PinVerify::Blocked);
    }

    /// A try counter of 0: no VERIFY, PIN try limit exceeded. No deck PIN: no VERIFY, the
    /// offline PIN rule is "PIN not entered" (TVR byte 3 `08`) as before.
    #[test]
    fn no_verify_without_a_pin_or_tries() {
        let mut f = at_get_data(Some("1234"), "00");
        assert_eq!(&f.next_command().unwrap()[..2], &[0x80, 0xAE]);
        assert_eq!(f.result(None).pin_verify, Some(PinVerify::Blocked));
        assert_eq!(tvr_byte3(&f), 0x20);
        let mut f = at_get_data(None, "03");
        assert_eq!(&f.next_command().unwrap()[..2], &[0x80, 0xAE]);
        assert_eq!(f.result(None).pin_verify, None);
        assert_eq!(tvr_byte3(&f), 0x08);
    }
}
