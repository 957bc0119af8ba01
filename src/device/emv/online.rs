//! Online completion on the terminal side (EMV 4.3 Book 3 §10.9–10.10, Book 4 §6.3.6–6.3.9):
//! after GENERATE AC 1 gave an ARQC and the host answered, the issuer authentication data
//! (DE55 tag `91`: ARPC ‖ ARC) goes to the card in EXTERNAL AUTHENTICATE when the AIP says the
//! card supports issuer authentication; issuer scripts `71` go before GENERATE AC 2 (CDOL2 with
//! the ARC `8A`), scripts `72` after it. TVR byte 5 and TSI byte 1 record what happened. Scripts
//! are sent only when the caller allows it (deck test cards): they can change a live card.

use super::cda::{self, CdaAnswer, CdaState};
use super::flow::{EmvFlow, Phase, Sw, SW_OK};
use super::genac;
use super::oda::{OdaMethod, OdaOutcome};
use super::process;
use super::result::EmvOnline;
use crate::codec::emv::commands;
use crate::codec::tlv;
use crate::hexfmt::hex;
use crate::i18n::Text;

/// TVR byte 5 `40`: issuer authentication failed.
pub const TVR_ISSUER_AUTH_FAILED: (usize, u8) = (4, 0x40);
/// TVR byte 5 `20`: script processing failed before the final GENERATE AC.
pub const TVR_SCRIPT_FAILED_BEFORE: (usize, u8) = (4, 0x20);
/// TVR byte 5 `10`: script processing failed after the final GENERATE AC.
pub const TVR_SCRIPT_FAILED_AFTER: (usize, u8) = (4, 0x10);
/// TSI byte 1 `10`: issuer authentication performed.
pub const TSI_ISSUER_AUTH: u8 = 0x10;
/// TSI byte 1 `04`: script processing performed.
pub const TSI_SCRIPTS: u8 = 0x04;
/// ARC of a terminal that could not go online (Book 4 §6.3.7: "unable to go online, declined").
pub const ARC_UNABLE_ONLINE: [u8; 2] = *b"Z3";

/// What the host answered, as the terminal hands it to the card.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostAnswer {
    /// The response code (DE39); `None` when no usable reply came (unable to go online).
    pub rc: Option<String>,
    /// DE55 of the reply (`91`, `71`, `72`), possibly empty.
    pub de55: Vec<u8>,
}

/// The online completion in progress.
#[derive(Clone, Debug, Default)]
pub(super) struct Completion {
    arc: [u8; 2],
    approved: bool,
    iad: Option<Vec<u8>>,
    /// Script commands (`86`) still to send, with whether they come before GENERATE AC 2.
    scripts: Vec<(bool, Vec<u8>)>,
    tvr: [u8; 5],
    tsi: [u8; 2],
    result: EmvOnline,
}

/// The `86` commands of the script templates `tag` (`71` or `72`) of DE55, in order.
fn script_commands(de55: &[u8], tag: u32) -> Vec<Vec<u8>> {
    tlv::walk(de55)
        .map_while(Result::ok)
        .filter(|o| o.tag.0 == tag)
        .flat_map(|t| {
            tlv::walk(t.value)
                .map_while(Result::ok)
                // A command shorter than its header is not sent (the card could not parse it).
                .filter(|o| o.tag.0 == 0x86 && o.value.len() >= 4)
                .map(|o| o.value.to_vec())
                .collect::<Vec<_>>()
        })
        .collect()
}

impl EmvFlow {
    /// Whether the flow ended on an ARQC and waits for the host's answer
    /// ([`EmvFlow::complete_online`]); the card must stay powered until then.
    pub fn awaits_online(&self) -> bool {
        self.phase == Phase::Done
            && self.online.is_none()
            && self.result.cid.as_deref() == Some("80")
            && !self.result.de55.is_empty()
    }

    /// Continues the flow with the host's answer: EXTERNAL AUTHENTICATE, scripts `71`,
    /// GENERATE AC 2, scripts `72` (each as the card's data allow). `scripts`: whether issuer
    /// scripts may be sent to this card (deck test cards only). Keep calling `next_command`.
    /// Does nothing unless [`EmvFlow::awaits_online`].
    pub fn complete_online(&mut self, answer: &HostAnswer, scripts: bool) {
        if !self.awaits_online() {
            return;
        }
        let (arc, approved) = match &answer.rc {
            Some(rc) => {
                let b = rc.as_bytes();
                let arc = [
                    b.first().copied().unwrap_or(b'0'),
                    b.get(1).copied().unwrap_or(b'0'),
                ];
                (arc, crate::codec::iso8583::rc::is_approved(rc))
            }
            None => (ARC_UNABLE_ONLINE, false),
        };
        let iad = tlv::walk(&answer.de55)
            .find_tag(0x91)
            .map(|o| o.value.to_vec());
        let mut c = Completion {
            arc,
            approved,
            iad: iad.clone(),
            tvr: self.tvr_now(),
            tsi: self.tsi_now(),
            ..Completion::default()
        };
        c.result.arc = String::from_utf8_lossy(&arc).to_string();
        let all: Vec<(bool, Vec<u8>)> = script_commands(&answer.de55, 0x71)
            .into_iter()
            .map(|s| (true, s))
            .chain(
                script_commands(&answer.de55, 0x72)
                    .into_iter()
                    .map(|s| (false, s)),
            )
            .collect();
        c.result.scripts_received = all.len();
        if scripts {
            c.scripts = all;
        }
        let issuer_auth = self.aip.first().is_some_and(|b| b & 0x04 != 0);
        self.online = Some(c);
        self.phase = match iad {
            Some(_) if issuer_auth => Phase::ExternalAuth,
            _ => Phase::Script,
        };
    }

    /// The TVR and TSI as GENERATE AC 1 left them.
    fn tvr_now(&self) -> [u8; 5] {
        let v = self.result.tvr.as_deref().map(crate::hexfmt::parse_hex);
        v.and_then(Result::ok)
            .and_then(|v| v.try_into().ok())
            .unwrap_or(self.tvr)
    }

    fn tsi_now(&self) -> [u8; 2] {
        let v = self.result.tsi.as_deref().map(crate::hexfmt::parse_hex);
        v.and_then(Result::ok)
            .and_then(|v| v.try_into().ok())
            .unwrap_or(self.tsi)
    }

    /// The command of an online-completion phase.
    pub(super) fn online_command(&self) -> Option<Vec<u8>> {
        let c = self.online.as_ref()?;
        match self.phase {
            Phase::ExternalAuth => c.iad.as_deref().map(commands::external_authenticate),
            Phase::Script => c
                .scripts
                .first()
                .filter(|(before, _)| *before || c.result.cid2.is_some())
                .map(|(_, s)| s.clone()),
            Phase::GenerateAc2 => {
                let cdol2 = self.card.get(&0x8D)?;
                let mut term = self.at_genac_terminal.clone()?;
                term.set(0x8A, c.arc.to_vec());
                term.set(0x95, c.tvr.to_vec());
                term.set(0x9B, c.tsi.to_vec());
                if let Some(iad) = &c.iad {
                    term.set(0x91, iad.clone());
                }
                let data = term.fill(cdol2).ok()?;
                let p1 = if c.approved && c.tvr[4] & 0x40 == 0 {
                    0x40
                } else {
                    0x00
                };
                // A card that passed CDA at GENERATE AC 1 signs its TC too (Book 2 §6.6.1).
                let p1 = match (&self.cda, &self.result.oda) {
                    (Some(_), OdaOutcome::Passed(OdaMethod::Cda)) => cda::request(p1),
                    _ => p1,
                };
                Some(commands::generate_ac(p1, &data))
            }
            _ => None,
        }
    }

    /// Nothing (more) to send in this phase: the next one.
    pub(super) fn online_exhausted(&mut self) {
        let Some(c) = self.online.as_mut() else {
            self.phase = Phase::Done;
            return;
        };
        self.phase = match self.phase {
            Phase::ExternalAuth => Phase::Script,
            Phase::Script if c.result.cid2.is_none() && !c.result.gen_ac2_sent => {
                c.result.gen_ac2_sent = true;
                Phase::GenerateAc2
            }
            Phase::GenerateAc2 => Phase::Script,
            _ => {
                self.finish_online();
                Phase::Done
            }
        };
    }

    pub(super) fn on_external_authenticate(&mut self, sw: Sw) {
        let ok = sw == SW_OK;
        self.finish_step(
            sw,
            if ok {
                Text::tr("devices-emv-note-issuer-authenticated")
            } else {
                Text::tr("devices-emv-note-arpc-refused")
            },
        );
        if let Some(c) = self.online.as_mut() {
            c.tsi[0] |= TSI_ISSUER_AUTH;
            if !ok {
                process::mark(&mut c.tvr, TVR_ISSUER_AUTH_FAILED);
            }
            c.result.issuer_auth = Some(ok);
        }
        self.phase = Phase::Script;
    }

    pub(super) fn on_script(&mut self, sw: Sw) {
        // ISO 7816-4: 90xx, 62xx and 63xx are "processed" (warnings included).
        let ok = matches!(sw.0, 0x90 | 0x62 | 0x63);
        self.finish_step(
            sw,
            if ok {
                Text::tr("devices-emv-note-script")
            } else {
                Text::tr("devices-emv-note-script-refused")
            },
        );
        let Some(c) = self.online.as_mut() else {
            return;
        };
        c.tsi[0] |= TSI_SCRIPTS;
        let (before, _) = c.scripts.remove(0);
        c.result.scripts_sent += 1;
        if !ok {
            c.result.script_failed = true;
            let bit = if before {
                TVR_SCRIPT_FAILED_BEFORE
            } else {
                TVR_SCRIPT_FAILED_AFTER
            };
            process::mark(&mut c.tvr, bit);
            // Book 3 §10.10: the rest of the failed script is not sent.
            c.scripts.retain(|(b, _)| *b != before);
        }
    }

    pub(super) fn on_generate_ac2(&mut self, sw: Sw, data: &[u8]) {
        let signed = self.current.get(2).is_some_and(|p1| p1 & cda::P1_CDA != 0);
        let parsed = match (sw == SW_OK, self.cda.clone()) {
            (false, _) => None,
            (true, Some(c)) if signed => self.cda2_checked(&c, data),
            (true, _) => genac::parse_response(data),
        };
        self.finish_step(
            sw,
            if parsed.is_some() {
                Text::tr("devices-emv-note-final-cryptogram")
            } else {
                Text::tr("devices-emv-note-no-cryptogram")
            },
        );
        if let Some(c) = self.online.as_mut() {
            c.result.cid2 = Some(parsed.map_or_else(String::new, |r| format!("{:02X}", r.cid)));
            c.result.gen_ac2_sw = format!("{:02X}{:02X}", sw.0, sw.1);
        }
        self.phase = Phase::Script;
    }

    /// The CDA check of GENERATE AC 2's response: the hash covers the PDOL, CDOL1 and CDOL2
    /// data (Book 2 §6.6.1); a failure sets TVR byte 1 `04` and fails ODA.
    fn cda2_checked(&mut self, c: &CdaState, data: &[u8]) -> Option<genac::AcResponse> {
        let cdol2 = self.current.get(5..).unwrap_or(&[]);
        let lc = usize::from(self.current.get(4).copied().unwrap_or(0));
        let cdol2 = cdol2.get(..lc).unwrap_or(cdol2).to_vec();
        let term = self.at_genac_terminal.as_ref();
        let un = term.and_then(|t| t.get(0x9F37)).unwrap_or(&[]).to_vec();
        let dols: [&[u8]; 2] = [&c.cdol1_data, &cdol2];
        match cda::check(&c.icc, data, &un, &c.pdol_data, &dols) {
            CdaAnswer::Verified(r) | CdaAnswer::Declined(r) => Some(r),
            CdaAnswer::Failed(r, f) => {
                if let Some(o) = self.online.as_mut() {
                    process::mark(&mut o.tvr, process::TVR_CDA_FAILED);
                }
                self.result.oda = OdaOutcome::Failed(OdaMethod::Cda, f);
                r
            }
        }
    }

    /// The final TVR and TSI into the result.
    pub(super) fn finish_online(&mut self) {
        if let Some(c) = self.online.as_ref() {
            let mut r = c.result.clone();
            r.tvr = hex(&c.tvr);
            r.tsi = hex(&c.tsi);
            self.result.online = Some(r);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::emv::TerminalData;
    use crate::hexfmt::parse_hex;

    /// A flow over a scripted card up to GENERATE AC 1's ARQC (AIP `7C00`: issuer
    /// authentication supported; CDOL2 = `8A 02`).
    fn at_arqc() -> EmvFlow {
        let aid = parse_hex("A000000333010101").unwrap();
        let mut f = EmvFlow::new(TerminalData::default(), vec![aid]);
        let script = [
            "6A82",
            "6F0A8408A0000003330101019000",
            "80067C00080101009000",
            "700E8C089F02069F37049A038D028A029000",
            "6A88",
            "6A88",
            "6A88",
            "6A88",
            "7714 9F2701 80 9F3602 0001 9F2608 1122334455667788 9000",
        ];
        for r in script {
            f.next_command().unwrap();
            f.on_response(&parse_hex(r).unwrap());
        }
        assert!(f.awaits_online(), "{:?}", f.result(None).steps);
        f
    }

    fn answer(rc: &str) -> HostAnswer {
        let de55 = parse_hex(
            "910A 0102030405060708 3030 710E 9F1804 00000001 8605 8418000000 7208 8606 841800000400",
        );
        HostAnswer {
            rc: Some(rc.into()),
            de55: de55.unwrap(),
        }
    }

    /// EXTERNAL AUTHENTICATE with tag 91, script 71, GENERATE AC 2 (TC asked, ARC `00`),
    /// script 72; a refused 71 command sets TVR byte 5 `20`; TSI gets `10` and `04`.
    #[test]
    fn completion_sends_arpc_scripts_and_second_generate_ac() {
        let mut f = at_arqc();
        f.complete_online(&answer("00"), true);
        let c = f.next_command().unwrap();
        assert_eq!(c, parse_hex("008200000A 0102030405060708 3030").unwrap());
        f.on_response(&[0x90, 0x00]);
        assert_eq!(f.next_command().unwrap(), parse_hex("8418000000").unwrap());
        f.on_response(&[0x6A, 0x80]);
        let c = f.next_command().unwrap();
        assert_eq!(&c[..7], &[0x80, 0xAE, 0x40, 0x00, 0x02, 0x30, 0x30]);
        f.on_response(
            &parse_hex("7714 9F2701 40 9F3602 0001 9F2608 99887766554433229000").unwrap(),
        );
        assert_eq!(
            f.next_command().unwrap(),
            parse_hex("841800000400").unwrap()
        );
        f.on_response(&[0x90, 0x00]);
        assert_eq!(f.next_command(), None);
        let o = f.result(None).online.unwrap();
        assert_eq!(o.issuer_auth, Some(true));
        assert_eq!(o.cid2.as_deref(), Some("40"));
        assert!(o.script_failed);
        assert_eq!((o.scripts_received, o.scripts_sent), (2, 2));
        assert_eq!(&o.tvr[8..], "20");
        let tsi = u8::from_str_radix(&o.tsi[..2], 16).unwrap();
        assert_eq!(tsi & 0x14, 0x14);
    }

    /// A refused ARPC: TVR byte 5 `40`, and GENERATE AC 2 asks for an AAC; scripts are not
    /// sent to a card that is not a test card.
    #[test]
    fn refused_arpc_asks_for_an_aac() {
        let mut f = at_arqc();
        f.complete_online(&answer("00"), false);
        f.next_command().unwrap();
        f.on_response(&[0x63, 0x00]);
        let c = f.next_command().unwrap();
        assert_eq!(&c[..4], &[0x80, 0xAE, 0x00, 0x00]);
        f.on_response(
            &parse_hex("7714 9F2701 00 9F3602 0001 9F2608 99887766554433229000").unwrap(),
        );
        assert_eq!(f.next_command(), None);
        let o = f.result(None).online.unwrap();
        assert_eq!((o.issuer_auth, o.scripts_sent), (Some(false), 0));
        assert_eq!(&o.tvr[8..], "40");
        assert_eq!(o.cid2.as_deref(), Some("00"));
    }

    /// No reply from the host: ARC `Z3`, straight to GENERATE AC 2 for an AAC.
    #[test]
    fn unable_to_go_online_declines_with_z3() {
        let mut f = at_arqc();
        f.complete_online(&HostAnswer::default(), true);
        let c = f.next_command().unwrap();
        assert_eq!(&c[..7], &[0x80, 0xAE, 0x00, 0x00, 0x02, b'Z', b'3']);
        assert!(!f.awaits_online());
    }
}
