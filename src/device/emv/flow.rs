//! The EMV contact flow as a sans-IO state machine over APDU exchange (protocols.md §5, EMV
//! Book 1 §12, Book 3 §10.1–10.2): SELECT PSE and its directory, AID-list fallback, SELECT
//! AID, GPO with the PDOL filled from terminal data, READ RECORD over the AFL, then the
//! terminal's decisions (`process`: restrictions, CVM, risk, action analysis → TVR / TSI) and
//! GENERATE AC 1 with CDOL1, whose answer makes DE55 (`genac`); T=0 `61xx` / `6Cxx` answers
//! are folded into the step they belong to.

use super::frames::describe_capdu;
use super::process::{self, CardTags};
use super::result::{EmvOutcome, EmvRecord, EmvResult, EmvStep, MaskedTlv};
use crate::codec::emv::{commands, read_afl, terminal_aids, TerminalData, PSE};
use crate::codec::tlv;
use crate::crypto::capk::CaKeyStore;
use crate::crypto::rsa::RsaPublicKey;
use crate::hexfmt::hex;
use crate::i18n::Text;
use crate::sensitive::{hides_tag, Pan, Track2, View};
use std::time::Instant;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Phase {
    SelectPse,
    ReadDir {
        sfi: u8,
        rec: u8,
    },
    SelectCandidate,
    SelectListed(usize),
    /// SELECT next occurrence (P2 = 02) of terminal AID `i` (partial-name selection).
    SelectNext(usize),
    Gpo,
    ReadAfl {
        idx: usize,
    },
    /// GET DATA of `getdata::GET_DATA_TAGS[i]`.
    GetData(usize),
    InternalAuth,
    /// VERIFY with a deck test card's plaintext offline PIN (`verify`).
    Verify,
    GenerateAc,
    /// Online completion (`online`): EXTERNAL AUTHENTICATE, issuer script commands,
    /// GENERATE AC 2.
    ExternalAuth,
    Script,
    GenerateAc2,
    Done,
}

/// A status word as `(SW1, SW2)`; `(0, 0)` when the card did not answer.
pub(super) type Sw = (u8, u8);

pub(super) const SW_OK: Sw = (0x90, 0x00);

/// The flow's state machine: call `next_command`, send it, feed the answer to `on_response`
/// (or `on_no_answer`), until `next_command` returns `None`; then take `result()`.
pub struct EmvFlow {
    pub(super) terminal: TerminalData,
    pub(super) aids: Vec<Vec<u8>>,
    pub(super) phase: Phase,
    /// Logical command of the current step, and the bytes last sent.
    pub(super) current: Vec<u8>,
    pub(super) sent: Vec<u8>,
    /// Data gathered through GET RESPONSE.
    pub(super) acc: Vec<u8>,
    pub(super) exchanges: u32,
    pub(super) step_start: Option<Instant>,
    pub(super) candidates: Vec<super::select::Candidate>,
    pub(super) blocked_seen: bool,
    pub(super) gpo_refused_seen: bool,
    pub(super) pdol: Vec<u8>,
    /// `(SFI, record)` pairs still to read, from the AFL.
    pub(super) afl: Vec<(u8, u8)>,
    pub(super) selected_from: Option<Phase>,
    /// The card's data objects from the records (card data: memory only).
    pub(super) card: CardTags,
    pub(super) aip: Vec<u8>,
    /// TVR and TSI as offline data authentication left them (ODA not yet performed).
    pub(super) tvr: [u8; 5],
    pub(super) tsi: [u8; 2],
    /// The terminal's CA public keys (built-in test store unless set).
    pub(super) ca_keys: CaKeyStore,
    /// The terminal configuration's AID parameters and random-selection seed (`terminal`).
    pub(super) aid_table: Vec<super::terminal::AidConfig>,
    pub(super) random_seed: u64,
    /// `(SFI, record)` pairs the AFL flags for offline data authentication, and those records.
    pub(super) oda_flagged: Vec<(u8, u8)>,
    pub(super) oda_records: Vec<(u8, Vec<u8>)>,
    /// DDA in progress: the ICC key and the DDOL data sent.
    pub(super) dda: Option<(RsaPublicKey, Vec<u8>)>,
    /// The PDOL data sent in GET PROCESSING OPTIONS (CDA hashes it).
    pub(super) pdol_data: Vec<u8>,
    /// CDA in progress (`cda`): set at ODA, checked at GENERATE AC 1 and 2.
    pub(super) cda: Option<super::cda::CdaState>,
    /// The terminal data at GENERATE AC time (TVR, TSI, CVM Results set) and its CDOL1 data.
    pub(super) at_genac: Option<(TerminalData, Vec<u8>, u8)>,
    /// The terminal data GENERATE AC 1 was sent with (for CDOL2).
    pub(super) at_genac_terminal: Option<TerminalData>,
    /// The online completion once the host answered.
    pub(super) online: Option<super::online::Completion>,
    /// A deck test card's known offline PIN (`verify`; card data, memory only) and what
    /// VERIFY answered.
    pub(super) offline_pin: Option<crate::crypto::Pin>,
    pub(super) pin_verify: Option<process::PinVerify>,
    pub(super) result: EmvResult,
}

fn sw_of(r: &[u8]) -> Sw {
    match r {
        [.., a, b] => (*a, *b),
        _ => (0, 0),
    }
}

impl EmvFlow {
    /// `aids`: the terminal AID list ([`EmvFlow::default_aids`] is the registry's).
    pub fn new(terminal: TerminalData, aids: Vec<Vec<u8>>) -> EmvFlow {
        EmvFlow {
            terminal,
            aids,
            phase: Phase::SelectPse,
            current: Vec::new(),
            sent: Vec::new(),
            acc: Vec::new(),
            exchanges: 0,
            step_start: None,
            candidates: Vec::new(),
            blocked_seen: false,
            gpo_refused_seen: false,
            pdol: Vec::new(),
            afl: Vec::new(),
            selected_from: None,
            card: CardTags::new(),
            aip: Vec::new(),
            tvr: [process::TVR_ODA_NOT_PERFORMED.1, 0, 0, 0, 0],
            tsi: [0, 0],
            at_genac: None,
            at_genac_terminal: None,
            online: None,
            ca_keys: CaKeyStore::builtin(),
            aid_table: Vec::new(),
            random_seed: 0,
            oda_flagged: Vec::new(),
            oda_records: Vec::new(),
            dda: None,
            pdol_data: Vec::new(),
            cda: None,
            offline_pin: None,
            pin_verify: None,
            result: EmvResult::empty(),
        }
    }

    /// The terminal's CA public-key store (default: the built-in test store).
    pub fn with_ca_keys(mut self, store: CaKeyStore) -> EmvFlow {
        self.ca_keys = store;
        self
    }

    /// The default terminal AID list: the AID registry's terminal rows
    /// (`codec::emv::terminal_aids`), in order.
    pub fn default_aids() -> Vec<Vec<u8>> {
        terminal_aids().map(|a| a.aid.to_vec()).collect()
    }

    fn logical_command(&self) -> Option<Vec<u8>> {
        match &self.phase {
            Phase::SelectPse => Some(commands::select(PSE)),
            Phase::ReadDir { sfi, rec } => Some(commands::read_record(*sfi, *rec)),
            Phase::SelectCandidate => self.candidates.first().map(|c| commands::select(&c.aid)),
            Phase::SelectListed(i) => self.aids.get(*i).map(|a| commands::select(a)),
            Phase::SelectNext(i) => self.aids.get(*i).map(|a| commands::select_next(a)),
            Phase::Gpo => {
                // A malformed PDOL gets no data: the card answers for itself.
                let data = self.terminal.fill(&self.pdol).unwrap_or_default();
                Some(commands::get_processing_options(&data))
            }
            Phase::ReadAfl { idx } => self
                .afl
                .get(*idx)
                .map(|(sfi, rec)| commands::read_record(*sfi, *rec)),
            Phase::GetData(i) => Self::get_data_command(*i),
            Phase::InternalAuth => self
                .dda
                .as_ref()
                .map(|(_, data)| commands::internal_authenticate(data)),
            Phase::Verify => self.verify_command(),
            Phase::GenerateAc => self
                .at_genac
                .as_ref()
                .map(|(_, data, p1)| commands::generate_ac(*p1, data)),
            Phase::ExternalAuth | Phase::Script | Phase::GenerateAc2 => self.online_command(),
            Phase::Done => None,
        }
    }

    /// The next C-APDU to send, or `None` when the flow is over.
    pub fn next_command(&mut self) -> Option<Vec<u8>> {
        if !self.sent.is_empty() {
            return Some(self.sent.clone());
        }
        loop {
            if self.phase == Phase::Done {
                return None;
            }
            match self.logical_command() {
                Some(c) => {
                    self.current = c.clone();
                    self.sent = c.clone();
                    self.acc.clear();
                    self.exchanges = 0;
                    self.step_start = Some(Instant::now());
                    return Some(c);
                }
                None => self.advance_when_exhausted(),
            }
        }
    }

    /// When the current phase has nothing left to send.
    fn advance_when_exhausted(&mut self) {
        if matches!(
            self.phase,
            Phase::ExternalAuth | Phase::Script | Phase::GenerateAc2
        ) {
            return self.online_exhausted();
        }
        if matches!(self.phase, Phase::SelectListed(_)) && !self.candidates.is_empty() {
            // The AID list scanned: final selection among the partial-name matches.
            self.candidates.sort_by_key(|c| c.priority);
            self.phase = Phase::SelectCandidate;
            return;
        }
        if matches!(self.phase, Phase::SelectCandidate | Phase::SelectListed(_)) {
            self.result.outcome = if self.gpo_refused_seen {
                EmvOutcome::GpoRefused
            } else if self.blocked_seen {
                EmvOutcome::AppBlocked
            } else {
                EmvOutcome::NoApplication
            };
        }
        self.phase = Phase::Done;
    }

    pub(super) fn finish_step(&mut self, sw: Sw, note: Text) {
        let name = describe_capdu(&self.current);
        let name_zh = super::frames::describe_capdu_in(&self.current, crate::i18n::Lang::ZhCn);
        self.result.steps.push(EmvStep {
            name,
            name_zh,
            sw: if sw == (0, 0) {
                String::new()
            } else {
                format!("{:02X}{:02X}", sw.0, sw.1)
            },
            note,
            directory_record: false,
            exchanges: self.exchanges,
            duration_ms: self
                .step_start
                .map(|s| s.elapsed().as_millis() as u64)
                .unwrap_or(0),
        });
        self.sent.clear();
    }

    /// A READ RECORD of the PSE directory, answered or not: flagged for the judges.
    fn finish_directory_step(&mut self, sw: Sw, note: Text) {
        self.finish_step(sw, note);
        if let Some(step) = self.result.steps.last_mut() {
            step.directory_record = true;
        }
    }

    /// The card (or reader) gave no answer: the flow ends as `Mute`.
    pub fn on_no_answer(&mut self, why: &str) {
        self.exchanges += 1;
        let note = Text::tr_args("devices-emv-note-no-answer", &[("what", why.into())]);
        self.finish_step((0, 0), note);
        self.result.outcome = EmvOutcome::Mute;
        self.phase = Phase::Done;
        self.finish_online();
    }

    /// Feeds the R-APDU (data + SW1 SW2) answering the last `next_command`.
    pub fn on_response(&mut self, r: &[u8]) {
        self.exchanges += 1;
        let sw = sw_of(r);
        let body = &r[..r.len().saturating_sub(2)];
        if self.fold_t0(sw, body) {
            return;
        }
        let mut data = std::mem::take(&mut self.acc);
        data.extend_from_slice(body);
        match self.phase.clone() {
            Phase::SelectPse => self.on_select_pse(sw, &data),
            Phase::ReadDir { sfi, rec } => self.on_directory_record(sw, sfi, rec, &data),
            phase @ (Phase::SelectCandidate | Phase::SelectListed(_) | Phase::SelectNext(_)) => {
                self.on_select_application(sw, phase, &data)
            }
            Phase::Gpo => self.on_gpo(sw, &data),
            Phase::ReadAfl { idx } => self.on_afl_record(sw, idx, &data),
            Phase::GetData(i) => self.on_get_data(sw, i, &data),
            Phase::InternalAuth => self.on_internal_authenticate(sw, &data),
            Phase::Verify => self.on_verify(sw),
            Phase::GenerateAc => self.on_generate_ac(sw, &data),
            Phase::ExternalAuth => self.on_external_authenticate(sw),
            Phase::Script => self.on_script(sw),
            Phase::GenerateAc2 => self.on_generate_ac2(sw, &data),
            Phase::Done => {}
        }
    }

    /// T=0 procedure-level answers: `61xx` asks for a GET RESPONSE (its data is kept), `6Cxx`
    /// for the same command with Le = xx. Returns whether the answer was folded.
    fn fold_t0(&mut self, (sw1, sw2): Sw, body: &[u8]) -> bool {
        if self.exchanges >= 8 {
            return false;
        }
        match sw1 {
            0x61 => {
                self.acc.extend_from_slice(body);
                self.sent = commands::get_response(sw2);
                true
            }
            0x6C => {
                let mut c = self.current.clone();
                if let Some(last) = c.last_mut() {
                    // Case 2 commands carry Le last; with Le only (len 5) too.
                    *last = sw2;
                }
                self.sent = c;
                true
            }
            _ => false,
        }
    }

    fn on_select_pse(&mut self, sw: Sw, data: &[u8]) {
        if sw == SW_OK {
            let sfi = tlv::walk(data)
                .find_tag(0x88)
                .and_then(|o| o.value.first().copied());
            self.finish_step(sw, Text::tr("devices-emv-note-pse-found"));
            self.phase = match sfi {
                Some(sfi) => Phase::ReadDir { sfi, rec: 1 },
                None => Phase::SelectListed(0),
            };
        } else if sw == (0x6A, 0x81) {
            self.finish_step(sw, Text::tr("devices-emv-note-card-blocked"));
            self.result.outcome = EmvOutcome::CardBlocked;
            self.phase = Phase::Done;
        } else {
            self.finish_step(sw, Text::tr("devices-emv-note-no-pse"));
            self.phase = Phase::SelectListed(0);
        }
    }

    fn on_directory_record(&mut self, sw: Sw, sfi: u8, rec: u8, data: &[u8]) {
        if sw == SW_OK {
            let note = self.collect_directory(data);
            self.finish_directory_step(sw, note);
            self.phase = if rec < 16 {
                Phase::ReadDir { sfi, rec: rec + 1 }
            } else {
                Phase::SelectCandidate
            };
        } else {
            self.finish_directory_step(sw, Text::tr("devices-emv-note-end-of-directory"));
            self.candidates.sort_by_key(|c| c.priority);
            self.phase = if self.candidates.is_empty() {
                Phase::SelectListed(0)
            } else {
                Phase::SelectCandidate
            };
        }
    }

    fn on_gpo(&mut self, sw: Sw, data: &[u8]) {
        if sw == SW_OK {
            let trailing = self.take_gpo(data);
            let note = if trailing == 0 {
                Text::tr("devices-emv-note-processing-options")
            } else {
                Text::tr_args("devices-emv-note-afl-short", &[("bytes", trailing.into())])
            };
            self.finish_step(sw, note);
            self.pdol_data = self.terminal.fill(&self.pdol).unwrap_or_default();
            self.phase = if self.afl.is_empty() {
                Phase::Done
            } else {
                Phase::ReadAfl { idx: 0 }
            };
            return;
        }
        self.gpo_refused_seen = true;
        self.finish_step(
            sw,
            if sw == (0x69, 0x85) {
                Text::tr("devices-emv-note-gpo-conditions")
            } else {
                Text::tr("devices-emv-note-gpo-refused")
            },
        );
        self.result.aid = None;
        self.result.label = None;
        self.next_selection();
    }

    fn on_afl_record(&mut self, sw: Sw, idx: usize, data: &[u8]) {
        let (sfi, rec) = self.afl.get(idx).copied().unwrap_or((0, 0));
        if sw == SW_OK {
            self.finish_step(sw, Text::tr("devices-emv-note-record"));
            self.take_record(sfi, rec, data);
        } else {
            self.finish_step(sw, Text::tr("devices-emv-note-record-missing"));
            self.result.outcome = EmvOutcome::ReadRecordFailed;
        }
        if idx + 1 < self.afl.len() {
            self.phase = Phase::ReadAfl { idx: idx + 1 };
        } else {
            self.after_afl();
        }
    }

    /// AIP and AFL; the AFL becomes the records to read, as the bench reads it
    /// (`codec::emv::read_afl`: record 0 skipped, a last record before the first read as the
    /// first alone). Returns how many bytes of a short entry end the AFL (a warning).
    fn take_gpo(&mut self, r: &[u8]) -> usize {
        let po = commands::processing_options(r);
        self.result.aip = Some(hex(&po.aip));
        self.aip = po.aip.clone();
        self.card.insert(0x82, po.aip.clone());
        self.result.afl = Some(hex(&po.afl));
        let afl = read_afl(&po.afl);
        self.afl = afl.records().collect();
        self.oda_flagged.extend(afl.oda_records());
        afl.trailing.len()
    }

    fn take_record(&mut self, sfi: u8, rec: u8, data: &[u8]) {
        let items = tlv::walk(data)
            .map_while(Result::ok)
            .filter(|o| !o.is_constructed())
            .map(|o| MaskedTlv {
                tag: o.tag.to_hex(),
                len: o.len(),
                // Spaced hex: long zero runs (CVM amounts) must not look like a PAN. The records
                // are the card's data as the bench reports it (View::Message): the expiry shown
                // as the expiry step and `read`'s `expiry` show it, the name and PAN never.
                value: if hides_tag(View::Message, o.tag.0) {
                    vec!["**"; o.len()].join(" ")
                } else {
                    crate::hexfmt::hex_spaced(o.value)
                },
            })
            .collect();
        self.result.records.push(EmvRecord {
            sfi,
            record: rec,
            tlv: items,
        });
        for o in tlv::walk(data).map_while(Result::ok) {
            if !o.is_constructed() {
                self.card.insert(o.tag.0, o.value.to_vec());
            }
        }
        if let Some(&[psn]) = self.card.get(&0x5F34).map(Vec::as_slice) {
            self.result.pan_seq = Some(psn);
        }
        if self.oda_flagged.contains(&(sfi, rec)) {
            self.oda_records.push((sfi, data.to_vec()));
        }
        let found = |tag| tlv::walk(data).find_tag(tag).map(|o| hex(o.value));
        if let Some(p) = found(0x5A) {
            self.result.pan = Some(Pan::new(p.trim_end_matches('F').to_string()));
        }
        if let Some(e) = found(0x5F24) {
            self.result.expiry = Some(e);
        }
        if let Some(h) = found(0x5F30) {
            self.result.service_code = Some(h[h.len().saturating_sub(3)..].to_string());
        }
        if let Some(t) = found(0x57) {
            self.result.track2 = Some(Track2::new(t.trim_end_matches('F').to_string()));
        }
        self.result.raw_records.push(data.to_vec());
    }

    /// The result so far (complete once `next_command` returned `None`).
    pub fn result(&self, stripe_track2: Option<&Track2>) -> EmvResult {
        let mut r = self.result.clone();
        if r.pan.is_none() {
            if let Some(t) = &r.track2 {
                r.pan = Some(t.pan());
            }
        }
        r.track2_matches_stripe = match (&r.track2, stripe_track2) {
            (Some(chip), Some(stripe)) => Some(super::result::track2_equal(chip, stripe)),
            _ => None,
        };
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GPO's AFL as the flow reads it (`codec::emv::read_afl`): record 0 skipped, last before
    /// first read as the first alone, and a short entry at the end a warning in the step's
    /// note, in both languages.
    #[test]
    fn gpo_reads_the_afl_leniently_and_warns_of_a_short_entry() {
        let mut flow = EmvFlow::new(TerminalData::fixed(), EmvFlow::default_aids());
        flow.phase = Phase::Gpo;
        flow.current = commands::get_processing_options(&[]);
        let afl = [0x08, 0, 2, 2, 0x10, 5, 3, 0, 0x18, 1];
        let mut r = vec![0x80, 2 + afl.len() as u8, 0x7C, 0x00];
        r.extend(afl);
        flow.on_gpo(SW_OK, &r);
        assert_eq!(flow.afl, [(1, 1), (1, 2), (2, 5)]);
        assert_eq!(flow.oda_flagged, [(1, 1)]);
        assert_eq!(flow.phase, Phase::ReadAfl { idx: 0 });
        let note = &flow.result.steps[0].note;
        assert!(note.en.contains("2 bytes short"), "{}", note.en);
        assert!(note.zh.contains("2 字节"), "{}", note.zh);
        assert_eq!(flow.result.afl.as_deref(), Some("08000202100503001801"));
    }
}
