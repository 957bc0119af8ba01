//! The simulated chip card behind the CRT-310's contacts: ISO 7816-4 case detection, T=0
//! `61xx` / `6Cxx` procedure bytes, and the card's answers to SELECT (PSE and AID), READ
//! RECORD, GET PROCESSING OPTIONS, GET RESPONSE, GET DATA, VERIFY and GENERATE AC (EMV Book 3
//! §6.5), with the scenario's card defects.

use super::{Crt310Sim, Selected};
use crate::codec::apdu::{parse_command, Command};
use crate::sim::scenario::{parse_dol, push_tlv, CardSpec, Defect, VELOCITY_OFFLINE_RUN};

/// An R-APDU before the T=0 layer: data and SW1 SW2.
type Answer = (Vec<u8>, [u8; 2]);

const SW_OK: [u8; 2] = [0x90, 0x00];

/// The log format (`9F4F`) the simulated cards answer to GET DATA: `9A 03 9F21 03 9F02 06
/// 5F2A 02 9C 01`.
const LOG_FORMAT: [u8; 13] = [
    0x9A, 0x03, 0x9F, 0x21, 0x03, 0x9F, 0x02, 0x06, 0x5F, 0x2A, 0x02, 0x9C, 0x01,
];

/// PIN tries a card starts with (`9F17`, the PIN try limit of the simulated cards).
const PIN_TRY_LIMIT: u8 = 3;

/// An answer without data.
fn sw(sw1: u8, sw2: u8) -> Answer {
    (Vec::new(), [sw1, sw2])
}

/// `6F { 84 name, A5 proprietary }`: the FCI of a selected file (EMV Book 1 §11.3.4).
fn fci(name: &[u8], proprietary: &[u8]) -> Vec<u8> {
    let mut inner = Vec::new();
    push_tlv(&mut inner, &[0x84], name);
    push_tlv(&mut inner, &[0xA5], proprietary);
    let mut out = Vec::new();
    push_tlv(&mut out, &[0x6F], &inner);
    out
}

impl Crt310Sim {
    /// One APDU to the presented card; returns R-APDU (data + SW), or nothing at all when the
    /// card stays mute (`mute_at_genac` on GENERATE AC and INTERNAL AUTHENTICATE).
    pub(super) fn chip_apdu(&mut self, card_idx: usize, c: &[u8], t0: bool) -> Vec<u8> {
        let computes = matches!(c.get(..2), Some([0x80, 0xAE] | [0x00, 0x88]));
        if computes && self.sc.cards[card_idx].has(Defect::MuteAtGenac) {
            return Vec::new();
        }
        // The command's case (ISO 7816-4 §5.1) from the bench's one APDU parser; a command
        // whose lengths do not add up is a wrong length, as a real card answers.
        let Ok(cmd) = parse_command(c) else {
            return vec![0x67, 0x00];
        };
        let case = match (cmd.data.is_empty(), cmd.le) {
            (true, None) => 1,
            (true, Some(_)) => 2,
            (false, None) => 3,
            (false, Some(_)) => 4,
        };
        let (body, status) = self.card_command(card_idx, &cmd);
        if status != SW_OK || body.is_empty() {
            let mut r = body;
            r.extend_from_slice(&status);
            return r;
        }
        if t0 {
            match case {
                3 | 4 => {
                    let n = body.len().min(256);
                    self.get_response = body;
                    return vec![0x61, n as u8];
                }
                2 => {
                    // A short Le of `00` is 256 (the parser's reading).
                    let want = cmd.le.unwrap_or(256);
                    if want != body.len() {
                        if cmd.ins == 0xC0 {
                            // Keep the pending data for the corrected GET RESPONSE.
                            self.get_response = body.clone();
                        }
                        return vec![0x6C, body.len() as u8];
                    }
                }
                _ => {}
            }
        }
        let mut r = body;
        r.extend_from_slice(&status);
        r
    }

    fn card_command(&mut self, card_idx: usize, cmd: &Command) -> Answer {
        let card = self.sc.cards[card_idx].clone();
        self.serving = card_idx;
        let data = cmd.data.as_slice();
        let (p1, p2) = (cmd.p1, cmd.p2);
        match (cmd.cla, cmd.ins) {
            (0x00, 0xA4) => self.select(&card, data, p2),
            (0x00, 0xB2) => self.read_record(card_idx, &card, p1, p2 >> 3),
            (0x00, 0x88) => self.internal_authenticate(data),
            (0x80, 0xA8) => self.get_processing_options(card_idx, &card, data),
            (0x00, 0xC0) => self.get_response(),
            (0x80, 0xCA) => self.get_data(&card, p1, p2),
            (0x00, 0x20) => self.verify(&card, p1, p2, data),
            (0x80, 0xAE) => {
                let second = self.tx.awaits_second_ac();
                let p1 = if second && card.has(Defect::DeclineAtGenac2) {
                    0x00
                } else {
                    p1
                };
                self.generate_ac(&card, p1, data)
            }
            (0x00, 0x82) => self.external_authenticate(&card, data),
            // Issuer script commands (secure messaging, Book 3 §6.5 / Book 2 §9).
            (0x84 | 0x04, _) if matches!(self.selected, Selected::App(_)) => {
                if card.has(Defect::ScriptFails) {
                    sw(0x6A, 0x80)
                } else {
                    sw(0x90, 0x00)
                }
            }
            _ => sw(0x6D, 0x00),
        }
    }

    /// SELECT by name: the PSE, or the first application whose AID begins with `data`; with
    /// P2 = `02` (next occurrence, Book 1 §11.3.2) the first such application after the one
    /// selected.
    fn select(&mut self, card: &CardSpec, data: &[u8], p2: u8) -> Answer {
        if card.has(Defect::CardBlocked) {
            return sw(0x6A, 0x81);
        }
        if data == crate::codec::emv::PSE {
            if !card.pse {
                return sw(0x6A, 0x82);
            }
            self.selected = Selected::Pse;
            let mut a5 = Vec::new();
            push_tlv(&mut a5, &[0x88], &[0x01]);
            push_tlv(&mut a5, &[0x5F, 0x2D], b"zhen");
            return (fci(data, &a5), SW_OK);
        }
        let fw = &self.sc.device.firmware_aids;
        if !fw.is_empty()
            && !fw
                .iter()
                .any(|p| crate::hexfmt::parse_hex(p).is_ok_and(|p| data.starts_with(&p)))
        {
            return sw(0x6A, 0x82);
        }
        let from = match (p2 & 0x03, self.selected) {
            (0x02, Selected::App(ai)) => ai + 1,
            _ => 0,
        };
        let Some(ai) = card
            .apps
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, a)| !data.is_empty() && a.aid_bytes().starts_with(data))
            .map(|(i, _)| i)
        else {
            return sw(0x6A, 0x82);
        };
        if card.has(Defect::AppBlocked) {
            self.selected = Selected::None;
            return sw(0x62, 0x83);
        }
        self.selected = Selected::App(ai);
        self.tx = Default::default();
        let app = &card.apps[ai];
        let mut a5 = Vec::new();
        if !app.label.is_empty() {
            push_tlv(&mut a5, &[0x50], app.label.as_bytes());
        }
        push_tlv(&mut a5, &[0x87], &[app.priority]);
        if let Some(p) = app.pdol_bytes() {
            push_tlv(&mut a5, &[0x9F, 0x38], &p);
        }
        push_tlv(&mut a5, &[0x5F, 0x2D], b"zhen");
        (fci(&app.aid_bytes(), &a5), SW_OK)
    }

    /// The application's records then its ODA records (`oda`), made once per card.
    fn app_records(&mut self, card_idx: usize, card: &CardSpec, ai: usize) -> Vec<Vec<u8>> {
        self.oda_cache
            .entry((card_idx, ai))
            .or_insert_with(|| {
                let app = &card.apps[ai];
                let mut recs = app.record_templates(card);
                if app.records.is_empty() {
                    recs.extend(super::oda::records(card, app));
                }
                recs
            })
            .clone()
    }

    fn internal_authenticate(&mut self, data: &[u8]) -> Answer {
        let Selected::App(_) = self.selected else {
            return sw(0x69, 0x85);
        };
        match super::oda::internal_authenticate(self.atc, data) {
            Some(r) => (r, SW_OK),
            None => sw(0x6A, 0x81),
        }
    }

    fn read_record(&mut self, card_idx: usize, card: &CardSpec, rec: u8, sfi: u8) -> Answer {
        match self.selected {
            Selected::Pse if sfi == 1 && rec == 1 => {
                let mut entries = Vec::new();
                for a in &card.apps {
                    let mut e = Vec::new();
                    push_tlv(&mut e, &[0x4F], &a.aid_bytes());
                    if !a.label.is_empty() {
                        push_tlv(&mut e, &[0x50], a.label.as_bytes());
                    }
                    push_tlv(&mut e, &[0x87], &[a.priority]);
                    push_tlv(&mut entries, &[0x61], &e);
                }
                let mut r = Vec::new();
                push_tlv(&mut r, &[0x70], &entries);
                (r, SW_OK)
            }
            Selected::App(ai) if sfi == 1 => {
                let recs = self.app_records(card_idx, card, ai);
                match recs.get(usize::from(rec).wrapping_sub(1)) {
                    Some(r) => (r.clone(), SW_OK),
                    None => sw(0x6A, 0x83),
                }
            }
            Selected::None => sw(0x69, 0x85),
            _ => sw(0x6A, 0x83),
        }
    }

    fn get_processing_options(&mut self, card_idx: usize, card: &CardSpec, data: &[u8]) -> Answer {
        let Selected::App(ai) = self.selected else {
            return sw(0x69, 0x85);
        };
        if card.has(Defect::GpoRefused) {
            return sw(0x69, 0x85);
        }
        let n = self.app_records(card_idx, card, ai).len().clamp(1, 255) as u8;
        let app = &card.apps[ai];
        let want: usize = app
            .pdol_bytes()
            .and_then(|p| parse_dol(&p))
            .map(|d| d.iter().map(|x| x.1).sum())
            .unwrap_or(0);
        // Exactly one `83` template (its length a BER length: `83 81 xx` past 127 bytes,
        // as the terminal sends it) holding the PDOL data the card asked for.
        let mut objs = crate::codec::tlv::iter(data);
        let pdol_data = match (objs.next(), objs.next()) {
            (Some(Ok(o)), None) if o.tag.0 == 0x83 && o.value.len() == want => o.value,
            _ => return sw(0x67, 0x00),
        };
        self.atc = self.atc.wrapping_add(1);
        self.tx.pdol_data = pdol_data.to_vec();
        let mut inner = Vec::new();
        push_tlv(&mut inner, &[0x82], &super::oda::aip(card, app));
        // SFI 1, records 1..n, the first one signed (the ODA records follow the app's own).
        push_tlv(&mut inner, &[0x94], &[0x08, 0x01, n, 0x01]);
        let mut r = Vec::new();
        push_tlv(&mut r, &[0x77], &inner);
        (r, SW_OK)
    }

    /// The data a T=0 `61xx` left pending, whatever the Le: a wrong Le is answered `6Cxx` by
    /// the T=0 layer in `chip_apdu` (which keeps the data for the corrected command).
    fn get_response(&mut self) -> Answer {
        if self.get_response.is_empty() {
            return sw(0x6F, 0x00);
        }
        (std::mem::take(&mut self.get_response), SW_OK)
    }

    fn get_data(&mut self, card: &CardSpec, p1: u8, p2: u8) -> Answer {
        let mut r = Vec::new();
        match (p1, p2) {
            (0x9F, 0x36) => push_tlv(&mut r, &[0x9F, 0x36], &self.atc.to_be_bytes()),
            (0x9F, 0x13) => {
                let last = self.last_online(card);
                push_tlv(&mut r, &[0x9F, 0x13], &last.to_be_bytes())
            }
            (0x9F, 0x17) => push_tlv(&mut r, &[0x9F, 0x17], &[self.pin_tries(card)]),
            // Log format (Book 3 Annex D): date, time, amount, currency, transaction type.
            (0x9F, 0x4F) => push_tlv(&mut r, &[0x9F, 0x4F], &LOG_FORMAT),
            _ => return sw(0x6A, 0x88),
        }
        (r, SW_OK)
    }

    /// GENERATE AC: the cryptogram type asked for in P1 (AAC, TC, ARQC) over the CDOL1 data,
    /// or after an ARQC the second one over the CDOL2 data (`cryptogram`).
    fn generate_ac(&mut self, card: &CardSpec, p1: u8, data: &[u8]) -> Answer {
        let Selected::App(ai) = self.selected else {
            return sw(0x69, 0x85);
        };
        let r = super::cryptogram::generate(card, &card.apps[ai], p1, self.atc, data, &mut self.tx);
        if self.tx.issuer_auth == Some(true) {
            self.went_online();
        }
        match r {
            Some(r) => (r, SW_OK),
            None => sw(0x67, 0x00),
        }
    }

    /// EXTERNAL AUTHENTICATE: the ARPC of the host's answer against this transaction's ARQC.
    fn external_authenticate(&mut self, card: &CardSpec, data: &[u8]) -> Answer {
        let Selected::App(_) = self.selected else {
            return sw(0x69, 0x85);
        };
        let status = super::cryptogram::external_authenticate(card, self.atc, data, &mut self.tx);
        if status == SW_OK {
            self.went_online();
        }
        (Vec::new(), status)
    }
}

impl Crt310Sim {
    /// The card being served went online with issuer authentication at the current ATC: its
    /// last online ATC register (`9F13`) follows (Book 3 §10.6.3).
    fn went_online(&mut self) {
        self.last_online_atc.insert(self.serving, self.atc);
    }

    /// The card's last online ATC register: on first sight its previous transaction went
    /// online (one behind the ATC), or for `velocity_exceeded` [`VELOCITY_OFFLINE_RUN`] behind;
    /// never 0 (that means "new card").
    fn last_online(&mut self, card: &CardSpec) -> u16 {
        let since = if card.has(Defect::VelocityExceeded) {
            VELOCITY_OFFLINE_RUN
        } else {
            1
        };
        let first = self.atc.saturating_sub(since).max(1);
        *self.last_online_atc.entry(self.serving).or_insert(first)
    }

    /// The card's PIN try counter (`9F17`).
    fn pin_tries(&mut self, card: &CardSpec) -> u8 {
        let start = if card.has(Defect::PinBlocked) {
            0
        } else {
            PIN_TRY_LIMIT
        };
        *self.pin_tries.entry(self.serving).or_insert(start)
    }

    /// VERIFY with a plaintext offline PIN (EMV Book 3 §6.5.12, P2 `80`, block `2L PP … FF`):
    /// `90 00` and the try counter back to its limit when the PIN matches; else one try less,
    /// `63 Cx` with x tries left, `69 83` once none is left (and from then on). A card without
    /// an offline PIN has no reference data (`6A 88`); enciphered PIN (P2 `88`) is not
    /// offered by these cards (`6A 86`); a malformed block is `6A 80`.
    fn verify(&mut self, card: &CardSpec, p1: u8, p2: u8, data: &[u8]) -> Answer {
        let Selected::App(_) = self.selected else {
            return sw(0x69, 0x85);
        };
        let Some(pin) = card
            .pin
            .as_ref()
            .map(crate::sensitive::Secret::expose_clear)
        else {
            return sw(0x6A, 0x88);
        };
        if (p1, p2) != (0x00, 0x80) {
            return sw(0x6A, 0x86);
        }
        if self.pin_tries(card) == 0 {
            return sw(0x69, 0x83);
        }
        let Ok(entered) = crate::crypto::pin::decode_offline_plaintext(data) else {
            return sw(0x6A, 0x80);
        };
        let tries = self.pin_tries.entry(self.serving).or_insert(PIN_TRY_LIMIT);
        if entered.matches(pin) {
            *tries = PIN_TRY_LIMIT;
            return sw(0x90, 0x00);
        }
        *tries = tries.saturating_sub(1);
        match *tries {
            0 => sw(0x69, 0x83),
            n => sw(0x63, 0xC0 | n),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use crate::codec::emv::commands;
    use crate::sim::crt310::Crt310Sim;
    use crate::sim::scenario::Scenario;

    /// GET PROCESSING OPTIONS data is one `83` template read as BER-TLV: a PDOL past 127 bytes
    /// comes as `83 81 xx` (as the terminal sends it) and is accepted; a wrong length or bytes
    /// after the template are `67 00`.
    #[test]
    fn gpo_data_is_one_83_template() {
        let mut sc = Scenario::builtin("crt310-default").unwrap();
        sc.cards[0].apps[0].pdol = Some("9F7A 82".into());
        let aid = crate::hexfmt::parse_hex(&sc.cards[0].apps[0].aid).unwrap();
        let mut sim = Crt310Sim::new(sc, crate::sim::SimOptions::default());
        let sw = |r: Vec<u8>| r[r.len() - 2..].to_vec();
        assert_eq!(sw(sim.card_apdu(0, &commands::select(&aid))), [0x90, 0x00]);
        let gpo = commands::get_processing_options(&[0x11; 130]);
        assert_eq!(&gpo[5..8], &[0x83, 0x81, 130]);
        assert_eq!(sw(sim.card_apdu(0, &gpo)), [0x90, 0x00]);
        let short = commands::get_processing_options(&[0x11; 129]);
        assert_eq!(sw(sim.card_apdu(0, &short)), [0x67, 0x00]);
        let mut extra = gpo[..gpo.len() - 1].to_vec();
        extra[4] += 2;
        extra.extend([0x5A, 0x00]);
        assert_eq!(sw(sim.card_apdu(0, &extra)), [0x67, 0x00]);
    }
}
