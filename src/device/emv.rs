//! The EMV contact flow (protocols.md §5) as a sans-IO state machine over APDU exchange:
//! SELECT PSE and its directory, AID-list fallback, SELECT AID, GPO with the PDOL filled from
//! terminal data, READ RECORD over the AFL, T=0 `61xx`/`6Cxx`; plus `run_emv`, the blocking
//! driver over a `Device`, and the card-data masking used by frame logs.

use super::{Device, DeviceError};
use crate::hexfmt::hex;
use crate::model::ChipPower;
use crate::sensitive::{Pan, Track2};
use serde::Serialize;
use std::time::Instant;

pub use crate::codec::emv::PSE;

/// The terminal's AID list when the card has no PSE (protocols.md §5.5).
pub const TERMINAL_AIDS: &[(&str, &str)] = &[
    ("A000000333010101", "UnionPay debit"),
    ("A000000333010102", "UnionPay credit"),
    ("A000000333010103", "UnionPay quasi-credit"),
    ("A000000333010106", "UnionPay e-cash"),
    ("A0000000031010", "Visa"),
    ("A0000000032010", "Visa Electron"),
    ("A0000000041010", "Mastercard"),
    ("A0000000043060", "Maestro"),
    ("A00000002501", "American Express"),
    ("A0000000651010", "JCB"),
    ("A0000001523010", "Discover"),
];

/// Tags whose values are masked in frame logs and results: the codec's card-data tags (PAN,
/// track data, discretionary data) plus, stricter for raw frame logs, cardholder name and expiry.
pub fn is_card_data_tag(tag: &[u8]) -> bool {
    let n = tag.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b));
    tag.len() <= 4 && crate::codec::emv::is_card_data_tag(n)
        || matches!(
            tag,
            [0x5A]
                | [0x57]
                | [0x56]
                | [0x5F, 0x20]
                | [0x5F, 0x24]
                | [0x9F, 0x0B]
                | [0x9F, 0x1F]
                | [0x9F, 0x20]
                | [0x9F, 0x6B]
        )
}

/// Visitor of [`walk_tlv`]: (tag, value offset, value length, constructed).
pub type TlvVisitor<'a> = dyn FnMut(&[u8], usize, usize, bool) + 'a;

/// Walks BER-TLV objects in `bytes` (recursing into constructed ones), calling `f(tag, value
/// offset, value length, constructed)` with offsets into `bytes`. `Err` on malformed input.
pub fn walk_tlv(
    bytes: &[u8],
    base: usize,
    depth: usize,
    f: &mut TlvVisitor<'_>,
) -> Result<(), usize> {
    if depth > 16 {
        return Err(base);
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x00 || bytes[i] == 0xFF {
            i += 1;
            continue;
        }
        let tstart = i;
        let first = bytes[i];
        i += 1;
        if first & 0x1F == 0x1F {
            loop {
                let b = *bytes.get(i).ok_or(base + i)?;
                i += 1;
                if b & 0x80 == 0 {
                    break;
                }
                if i - tstart > 4 {
                    return Err(base + i);
                }
            }
        }
        let tag = &bytes[tstart..i];
        let l0 = *bytes.get(i).ok_or(base + i)?;
        i += 1;
        let len = if l0 < 0x80 {
            usize::from(l0)
        } else {
            let n = usize::from(l0 & 0x7F);
            if n == 0 || n > 2 {
                return Err(base + i - 1);
            }
            let mut v = 0usize;
            for _ in 0..n {
                v = (v << 8) | usize::from(*bytes.get(i).ok_or(base + i)?);
                i += 1;
            }
            v
        };
        if i + len > bytes.len() {
            return Err(base + i);
        }
        let constructed = first & 0x20 != 0;
        f(tag, base + i, len, constructed);
        if constructed {
            walk_tlv(&bytes[i..i + len], base + i, depth + 1, f)?;
        }
        i += len;
    }
    Ok(())
}

/// Finds the first value of `tag` anywhere in a TLV tree.
pub fn find_tag<'a>(bytes: &'a [u8], tag: &[u8]) -> Option<&'a [u8]> {
    let mut hit = None;
    let _ = walk_tlv(bytes, 0, 0, &mut |t, off, len, _| {
        if hit.is_none() && t == tag {
            hit = Some((off, len));
        }
    });
    hit.map(|(o, l)| &bytes[o..o + l])
}

/// Which bytes of an R-APDU body (without SW) are card data and must be masked. A body that
/// does not parse as TLV is masked whole (it could be anything).
pub fn card_data_mask(body: &[u8]) -> Vec<bool> {
    let mut mask = vec![false; body.len()];
    let ok = walk_tlv(body, 0, 0, &mut |tag, off, len, constructed| {
        if !constructed && is_card_data_tag(tag) {
            for m in mask[off..off + len].iter_mut() {
                *m = true;
            }
        }
    });
    if ok.is_err() {
        return vec![true; body.len()];
    }
    mask
}

/// A short human description of a C-APDU (safe to log: PIN blocks are not shown).
pub fn describe_capdu(c: &[u8]) -> String {
    if c.len() < 4 {
        return format!("{} (short)", hex(c));
    }
    let data = if c.len() > 5 {
        let lc = usize::from(c[4]);
        c.get(5..5 + lc).unwrap_or(&[])
    } else {
        &[]
    };
    match (c[0], c[1]) {
        (0x00, 0xA4) => {
            if data == PSE {
                "SELECT PSE".to_string()
            } else if data.starts_with(b"2PAY") {
                "SELECT PPSE".to_string()
            } else {
                format!("SELECT {}", hex(data))
            }
        }
        (0x00, 0xB2) => format!("READ RECORD {} SFI {}", c[2], c[3] >> 3),
        (0x80, 0xA8) => "GET PROCESSING OPTIONS".to_string(),
        (0x00, 0xC0) => format!("GET RESPONSE {:02X}", c.get(4).copied().unwrap_or(0)),
        (0x80, 0xCA) => format!("GET DATA {:02X}{:02X}", c[2], c[3]),
        (0x00, 0x20) => "VERIFY (PIN block hidden)".to_string(),
        (0x80, 0xAE) => "GENERATE AC".to_string(),
        (0x00, 0x88) => "INTERNAL AUTHENTICATE".to_string(),
        _ => format!("{:02X} {:02X} {:02X} {:02X}", c[0], c[1], c[2], c[3]),
    }
}

/// Terminal data (codec-b's table of terminal values by tag) used to fill the PDOL.
pub use crate::codec::emv::TerminalData;

/// Fills a DOL (raw tag+length list) from terminal data; a malformed DOL gives no data.
pub fn fill_dol(dol: &[u8], terminal: &TerminalData) -> Vec<u8> {
    match crate::codec::emv::parse_dol(dol) {
        Ok(entries) => crate::codec::emv::fill_dol(&entries, terminal),
        Err(_) => Vec::new(),
    }
}

/// How the flow ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmvOutcome {
    /// Application selected, GPO done, records read.
    Ok,
    /// SELECT PSE answered `6A81`.
    CardBlocked,
    /// Every matching application answered `6283`.
    AppBlocked,
    /// No PSE and no terminal AID on the card (`6A82` everywhere).
    NoApplication,
    /// GPO answered `6985` (or another error) for every candidate.
    GpoRefused,
    /// A READ RECORD of the AFL failed.
    ReadRecordFailed,
    /// No ATR after cold and warm reset, or the card stopped answering.
    Mute,
    /// The reader has no card at the IC position.
    NoCard,
    /// The device was lost or misbehaved (detail in `error`).
    DeviceError,
}

impl EmvOutcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            EmvOutcome::Ok => "ok",
            EmvOutcome::CardBlocked => "card_blocked",
            EmvOutcome::AppBlocked => "app_blocked",
            EmvOutcome::NoApplication => "no_application",
            EmvOutcome::GpoRefused => "gpo_refused",
            EmvOutcome::ReadRecordFailed => "read_record_failed",
            EmvOutcome::Mute => "mute",
            EmvOutcome::NoCard => "no_card",
            EmvOutcome::DeviceError => "device_error",
        }
    }
}

/// One logical step (T=0 GET RESPONSE / Le retries are folded into it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmvStep {
    /// `SELECT PSE`, `READ RECORD 1 SFI 1`, `SELECT A000000333010101`, `GET PROCESSING OPTIONS`.
    pub name: String,
    /// Final SW1 SW2 as hex (`9000`), empty when the card did not answer.
    pub sw: String,
    /// What the bench made of it (`ok`, `no PSE`, `card blocked`, …).
    pub note: String,
    /// APDU exchanges this step took (3 = command + 6Cxx retry + GET RESPONSE, …).
    pub exchanges: u32,
    pub duration_ms: u64,
}

/// One TLV of a record, value masked when it is card data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MaskedTlv {
    pub tag: String,
    pub len: usize,
    /// Spaced hex value, or `**` per byte for card data.
    pub value: String,
}

/// A record read over the AFL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmvRecord {
    pub sfi: u8,
    pub record: u8,
    pub tlv: Vec<MaskedTlv>,
}

/// What the EMV flow found. Everything serialisable is masked.
#[derive(Clone, Debug, Serialize)]
pub struct EmvResult {
    pub outcome: EmvOutcome,
    /// Spaced hex (`3B 67 00 …`): unspaced, an ATR's digit run can pass Luhn and trip the
    /// clear-PAN scanner.
    pub atr: Option<String>,
    pub t1: bool,
    /// AID selected (hex).
    pub aid: Option<String>,
    pub label: Option<String>,
    pub pan: Option<Pan>,
    /// 5F24 YYMMDD.
    pub expiry: Option<String>,
    pub service_code: Option<String>,
    pub aip: Option<String>,
    pub afl: Option<String>,
    /// Whether the chip's track-2 equivalent (57) equals the stripe's track 2 (compared in
    /// clear inside, never printed); `None` when either is missing.
    pub track2_matches_stripe: Option<bool>,
    pub steps: Vec<EmvStep>,
    pub records: Vec<EmvRecord>,
    /// Device error text when the outcome is `device_error`.
    pub error: Option<String>,
    /// The raw record templates (card data: never serialised or printed).
    #[serde(skip)]
    pub raw_records: Vec<Vec<u8>>,
    #[serde(skip)]
    pub track2: Option<Track2>,
}

impl EmvResult {
    fn empty() -> EmvResult {
        EmvResult {
            outcome: EmvOutcome::Ok,
            atr: None,
            t1: false,
            aid: None,
            label: None,
            pan: None,
            expiry: None,
            service_code: None,
            aip: None,
            afl: None,
            track2_matches_stripe: None,
            steps: Vec::new(),
            records: Vec::new(),
            error: None,
            raw_records: Vec::new(),
            track2: None,
        }
    }

    /// SW of every step, as `STEP=SW` joined with `;` (for CSV cells).
    pub fn sw_trail(&self) -> String {
        self.steps
            .iter()
            .map(|s| format!("{}={}", s.name, if s.sw.is_empty() { "-" } else { &s.sw }))
            .collect::<Vec<_>>()
            .join(";")
    }
}

#[derive(Clone, Debug)]
struct Candidate {
    aid: Vec<u8>,
    priority: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Phase {
    SelectPse,
    ReadDir { sfi: u8, rec: u8 },
    SelectCandidate,
    SelectListed(usize),
    Gpo,
    ReadAfl { idx: usize },
    Done,
}

/// The flow's state machine: call `next_command`, send it, feed the answer to `on_response`
/// (or `on_no_answer`), until `next_command` returns `None`; then take `result()`.
pub struct EmvFlow {
    terminal: TerminalData,
    aids: Vec<Vec<u8>>,
    phase: Phase,
    /// Logical command of the current step, and the bytes last sent.
    current: Vec<u8>,
    sent: Vec<u8>,
    /// Data gathered through GET RESPONSE.
    acc: Vec<u8>,
    exchanges: u32,
    step_start: Option<Instant>,
    candidates: Vec<Candidate>,
    blocked_seen: bool,
    gpo_refused_seen: bool,
    pdol: Vec<u8>,
    afl: Vec<(u8, u8)>,
    selected_from: Option<Phase>,
    result: EmvResult,
}

fn sw_of(r: &[u8]) -> (u8, u8) {
    match r {
        [.., a, b] => (*a, *b),
        _ => (0, 0),
    }
}

fn select(name: &[u8]) -> Vec<u8> {
    let mut c = vec![0x00, 0xA4, 0x04, 0x00, name.len() as u8];
    c.extend_from_slice(name);
    c.push(0x00);
    c
}

impl EmvFlow {
    /// `aids`: the terminal AID list (hex strings are in [`TERMINAL_AIDS`]).
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
            result: EmvResult::empty(),
        }
    }

    /// The default terminal AID list.
    pub fn default_aids() -> Vec<Vec<u8>> {
        TERMINAL_AIDS
            .iter()
            .filter_map(|(a, _)| crate::hexfmt::parse_hex(a).ok())
            .collect()
    }

    fn logical_command(&self) -> Option<Vec<u8>> {
        match &self.phase {
            Phase::SelectPse => Some(select(PSE)),
            Phase::ReadDir { sfi, rec } => Some(vec![0x00, 0xB2, *rec, (sfi << 3) | 4, 0x00]),
            Phase::SelectCandidate => self.candidates.first().map(|c| select(&c.aid)),
            Phase::SelectListed(i) => self.aids.get(*i).map(|a| select(a)),
            Phase::Gpo => {
                let v = fill_dol(&self.pdol, &self.terminal);
                let mut data = vec![0x83, v.len() as u8];
                data.extend_from_slice(&v);
                let mut c = vec![0x80, 0xA8, 0x00, 0x00, data.len() as u8];
                c.extend_from_slice(&data);
                c.push(0x00);
                Some(c)
            }
            Phase::ReadAfl { idx } => self
                .afl
                .get(*idx)
                .map(|(sfi, rec)| vec![0x00, 0xB2, *rec, (sfi << 3) | 4, 0x00]),
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
        self.phase = match self.phase {
            Phase::SelectCandidate | Phase::SelectListed(_) => {
                self.result.outcome = if self.gpo_refused_seen {
                    EmvOutcome::GpoRefused
                } else if self.blocked_seen {
                    EmvOutcome::AppBlocked
                } else {
                    EmvOutcome::NoApplication
                };
                Phase::Done
            }
            Phase::ReadAfl { .. } => Phase::Done,
            _ => Phase::Done,
        };
    }

    fn finish_step(&mut self, sw: (u8, u8), note: &str) {
        let name = describe_capdu(&self.current);
        self.result.steps.push(EmvStep {
            name,
            sw: if sw == (0, 0) {
                String::new()
            } else {
                format!("{:02X}{:02X}", sw.0, sw.1)
            },
            note: note.to_string(),
            exchanges: self.exchanges,
            duration_ms: self
                .step_start
                .map(|s| s.elapsed().as_millis() as u64)
                .unwrap_or(0),
        });
        self.sent.clear();
    }

    /// The card (or reader) gave no answer: the flow ends as `Mute`.
    pub fn on_no_answer(&mut self, why: &str) {
        self.exchanges += 1;
        self.finish_step((0, 0), why);
        self.result.outcome = EmvOutcome::Mute;
        self.phase = Phase::Done;
    }

    /// Feeds the R-APDU (data + SW1 SW2) answering the last `next_command`.
    pub fn on_response(&mut self, r: &[u8]) {
        self.exchanges += 1;
        let (sw1, sw2) = sw_of(r);
        let body = &r[..r.len().saturating_sub(2)];
        // T=0 procedure-level answers: fold them into the step.
        if sw1 == 0x61 && self.exchanges < 8 {
            self.acc.extend_from_slice(body);
            self.sent = vec![0x00, 0xC0, 0x00, 0x00, sw2];
            return;
        }
        if sw1 == 0x6C && self.exchanges < 8 {
            let mut c = self.current.clone();
            if let Some(last) = c.last_mut() {
                // Case 2 commands carry Le last; with Le only (len 5) too.
                *last = sw2;
            }
            self.sent = c;
            return;
        }
        let mut data = std::mem::take(&mut self.acc);
        data.extend_from_slice(body);
        let ok = (sw1, sw2) == (0x90, 0x00);
        let phase = self.phase.clone();
        match phase {
            Phase::SelectPse => {
                if ok {
                    let sfi = find_tag(&data, &[0x88]).and_then(|v| v.first().copied());
                    self.finish_step((sw1, sw2), "PSE found");
                    self.phase = match sfi {
                        Some(sfi) => Phase::ReadDir { sfi, rec: 1 },
                        None => Phase::SelectListed(0),
                    };
                } else if (sw1, sw2) == (0x6A, 0x81) {
                    self.finish_step((sw1, sw2), "card blocked");
                    self.result.outcome = EmvOutcome::CardBlocked;
                    self.phase = Phase::Done;
                } else {
                    self.finish_step((sw1, sw2), "no PSE: trying the terminal AID list");
                    self.phase = Phase::SelectListed(0);
                }
            }
            Phase::ReadDir { sfi, rec } => {
                if ok {
                    self.collect_directory(&data);
                    self.finish_step((sw1, sw2), "directory record");
                    self.phase = if rec < 16 {
                        Phase::ReadDir { sfi, rec: rec + 1 }
                    } else {
                        Phase::SelectCandidate
                    };
                } else {
                    self.finish_step((sw1, sw2), "end of directory");
                    self.candidates.sort_by_key(|c| c.priority);
                    self.phase = if self.candidates.is_empty() {
                        Phase::SelectListed(0)
                    } else {
                        Phase::SelectCandidate
                    };
                }
            }
            Phase::SelectCandidate | Phase::SelectListed(_) => {
                if ok {
                    self.finish_step((sw1, sw2), "application selected");
                    self.selected_from = Some(phase.clone());
                    self.take_fci(&data);
                    self.phase = Phase::Gpo;
                } else {
                    let note = match (sw1, sw2) {
                        (0x62, 0x83) => {
                            self.blocked_seen = true;
                            "application blocked"
                        }
                        (0x6A, 0x81) => "card blocked",
                        (0x6A, 0x82) => "not on the card",
                        _ => "refused",
                    };
                    self.finish_step((sw1, sw2), note);
                    self.next_selection();
                }
            }
            Phase::Gpo => {
                if ok {
                    self.finish_step((sw1, sw2), "processing options");
                    self.take_gpo(&data);
                    self.phase = if self.afl.is_empty() {
                        Phase::Done
                    } else {
                        Phase::ReadAfl { idx: 0 }
                    };
                } else {
                    self.gpo_refused_seen = true;
                    self.finish_step(
                        (sw1, sw2),
                        if (sw1, sw2) == (0x69, 0x85) {
                            "conditions of use not satisfied: application dropped"
                        } else {
                            "GPO refused"
                        },
                    );
                    self.result.aid = None;
                    self.result.label = None;
                    self.next_selection();
                }
            }
            Phase::ReadAfl { idx } => {
                let (sfi, rec) = self.afl.get(idx).copied().unwrap_or((0, 0));
                if ok {
                    self.finish_step((sw1, sw2), "record");
                    self.take_record(sfi, rec, &data);
                } else {
                    self.finish_step((sw1, sw2), "record missing");
                    self.result.outcome = EmvOutcome::ReadRecordFailed;
                }
                self.phase = if idx + 1 < self.afl.len() {
                    Phase::ReadAfl { idx: idx + 1 }
                } else {
                    Phase::Done
                };
            }
            Phase::Done => {}
        }
    }

    fn next_selection(&mut self) {
        let from = if self.phase == Phase::Gpo {
            self.selected_from.clone().unwrap_or(Phase::SelectCandidate)
        } else {
            self.phase.clone()
        };
        self.phase = match from {
            Phase::SelectListed(i) => Phase::SelectListed(i + 1),
            _ => {
                if !self.candidates.is_empty() {
                    self.candidates.remove(0);
                }
                Phase::SelectCandidate
            }
        };
    }

    fn collect_directory(&mut self, data: &[u8]) {
        let mut entries: Vec<(usize, usize)> = Vec::new();
        let _ = walk_tlv(data, 0, 0, &mut |t, off, len, _| {
            if t == [0x61] {
                entries.push((off, len));
            }
        });
        for (off, len) in entries {
            let e = &data[off..off + len];
            if let Some(aid) = find_tag(e, &[0x4F]) {
                let priority = find_tag(e, &[0x87])
                    .and_then(|v| v.first().copied())
                    .map(|p| p & 0x0F)
                    .unwrap_or(15);
                self.candidates.push(Candidate {
                    aid: aid.to_vec(),
                    priority: if priority == 0 { 15 } else { priority },
                });
            }
        }
    }

    fn take_fci(&mut self, fci: &[u8]) {
        let aid = find_tag(fci, &[0x84])
            .map(<[u8]>::to_vec)
            .unwrap_or_else(|| {
                self.current
                    .get(5..self.current.len() - 1)
                    .unwrap_or(&[])
                    .to_vec()
            });
        self.result.aid = Some(hex(&aid));
        self.result.label = find_tag(fci, &[0x50]).map(|v| String::from_utf8_lossy(v).to_string());
        self.pdol = find_tag(fci, &[0x9F, 0x38])
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
    }

    fn take_gpo(&mut self, r: &[u8]) {
        let (aip, afl) = if r.first() == Some(&0x80) {
            let v = find_tag(r, &[0x80]).unwrap_or(&[]);
            (
                v.get(..2).unwrap_or(&[]).to_vec(),
                v.get(2..).unwrap_or(&[]).to_vec(),
            )
        } else {
            (
                find_tag(r, &[0x82]).unwrap_or(&[]).to_vec(),
                find_tag(r, &[0x94]).unwrap_or(&[]).to_vec(),
            )
        };
        self.result.aip = Some(hex(&aip));
        self.result.afl = Some(hex(&afl));
        self.afl.clear();
        for e in afl.chunks_exact(4) {
            let sfi = e[0] >> 3;
            for rec in e[1]..=e[2].max(e[1]) {
                if rec > 0 {
                    self.afl.push((sfi, rec));
                }
            }
        }
    }

    fn take_record(&mut self, sfi: u8, rec: u8, data: &[u8]) {
        let mut tlv = Vec::new();
        let _ = walk_tlv(data, 0, 0, &mut |t, off, len, constructed| {
            if constructed {
                return;
            }
            let v = &data[off..off + len];
            tlv.push(MaskedTlv {
                tag: hex(t),
                len,
                // Spaced hex: long zero runs (CVM amounts) must not look like a PAN.
                value: if is_card_data_tag(t) {
                    vec!["**"; len].join(" ")
                } else {
                    crate::hexfmt::hex_spaced(v)
                },
            });
        });
        self.result.records.push(EmvRecord {
            sfi,
            record: rec,
            tlv,
        });
        if let Some(p) = find_tag(data, &[0x5A]) {
            self.result.pan = Some(Pan::new(hex(p).trim_end_matches('F').to_string()));
        }
        if let Some(e) = find_tag(data, &[0x5F, 0x24]) {
            self.result.expiry = Some(hex(e));
        }
        if let Some(s) = find_tag(data, &[0x5F, 0x30]) {
            let h = hex(s);
            self.result.service_code = Some(h[h.len().saturating_sub(3)..].to_string());
        }
        if let Some(t) = find_tag(data, &[0x57]) {
            self.result.track2 = Some(Track2::new(hex(t).trim_end_matches('F').to_string()));
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
            (Some(chip), Some(stripe)) => Some(track2_equal(chip, stripe)),
            _ => None,
        };
        r
    }
}

/// Compares chip and stripe track 2 (separator `D` vs `=`, trailing `F` pad ignored).
pub fn track2_equal(a: &Track2, b: &Track2) -> bool {
    let norm = |t: &Track2| {
        t.expose_clear()
            .trim_start_matches(';')
            .trim_end_matches('?')
            .trim_end_matches(['F', 'f'])
            .replace(['D', 'd'], "=")
    };
    norm(a) == norm(b)
}

/// Runs the whole flow on a device: power on (cold, then warm reset), the state machine,
/// power off. Never fails: device problems become the outcome.
pub fn run_emv(
    dev: &mut dyn Device,
    terminal: &TerminalData,
    stripe_track2: Option<&Track2>,
) -> EmvResult {
    let mut r = EmvResult::empty();
    match dev.chip_power_on() {
        Ok(ChipPower::Atr { atr, t1 }) => {
            r.atr = Some(crate::hexfmt::hex_spaced(&atr));
            r.t1 = t1;
        }
        Ok(ChipPower::Mute) => {
            r.outcome = EmvOutcome::Mute;
            let _ = dev.chip_power_off();
            return r;
        }
        Ok(ChipPower::NoCard(code)) => {
            r.outcome = EmvOutcome::NoCard;
            r.error = Some(format!("reader status {code}"));
            return r;
        }
        Err(e) => {
            r.outcome = EmvOutcome::DeviceError;
            r.error = Some(e.to_string());
            return r;
        }
    }
    let mut flow = EmvFlow::new(terminal.clone(), EmvFlow::default_aids());
    let mut lost = None;
    while let Some(c) = flow.next_command() {
        match dev.transmit(&c) {
            Ok(resp) => flow.on_response(&resp),
            Err(DeviceError::Timeout { what, .. }) => flow.on_no_answer(&what),
            Err(e) => {
                lost = Some(e);
                break;
            }
        }
    }
    let mut out = flow.result(stripe_track2);
    out.atr = r.atr;
    out.t1 = r.t1;
    match lost {
        Some(e) => {
            out.outcome = EmvOutcome::DeviceError;
            out.error = Some(e.to_string());
            if !e.is_lost() {
                let _ = dev.chip_power_off();
            }
        }
        None => {
            let _ = dev.chip_power_off();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn masks_card_data_tags() {
        let body = parse_hex("70 0E 5A 08 62 12 26 00 00 00 00 02 5F 34 01 00").unwrap();
        let m = card_data_mask(&body);
        assert_eq!(m.iter().filter(|x| **x).count(), 8);
        assert!(!m[15]);
        assert!(card_data_mask(&[0x70, 0x05, 0x01]).iter().all(|x| *x));
    }

    #[test]
    fn dol_fill_sizes() {
        let t = TerminalData::default();
        let v = fill_dol(&parse_hex("9F1A029F02065F2A029A039C019F3704").unwrap(), &t);
        assert_eq!(v.len(), 18);
        assert_eq!(&v[..2], &[0x01, 0x56]);
        assert_eq!(&v[2..8], &[0, 0, 0, 0, 0, 0x01]);
    }

    /// Flow against scripted card answers including T=0 61xx and 6Cxx.
    #[test]
    fn flow_handles_t0_procedure_answers() {
        let mut f = EmvFlow::new(TerminalData::default(), EmvFlow::default_aids());
        let c = f.next_command().unwrap();
        assert_eq!(describe_capdu(&c), "SELECT PSE");
        f.on_response(&[0x61, 0x10]);
        assert_eq!(f.next_command().unwrap(), vec![0, 0xC0, 0, 0, 0x10]);
        f.on_response(
            &parse_hex("6F 0E 84 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 90 00").unwrap()[..],
        );
        // No 88 in that FCI: AID list.
        let c = f.next_command().unwrap();
        assert_eq!(describe_capdu(&c), "SELECT A000000333010101");
        f.on_response(&[0x6A, 0x82]);
        let c = f.next_command().unwrap();
        assert_eq!(describe_capdu(&c), "SELECT A000000333010102");
        f.on_response(&parse_hex("6F 0A 84 08 A0 00 00 03 33 01 01 02 90 00").unwrap());
        let c = f.next_command().unwrap();
        assert_eq!(c, parse_hex("80 A8 00 00 02 83 00 00").unwrap());
        f.on_response(&parse_hex("80 06 7C 00 08 01 01 00 90 00").unwrap());
        let c = f.next_command().unwrap();
        assert_eq!(c, parse_hex("00 B2 01 0C 00").unwrap());
        f.on_response(&[0x6C, 0x0C]);
        assert_eq!(
            f.next_command().unwrap(),
            parse_hex("00 B2 01 0C 0C").unwrap()
        );
        f.on_response(&parse_hex("70 0A 5A 08 62 12 26 00 00 00 00 02 90 00").unwrap());
        assert_eq!(f.next_command(), None);
        let r = f.result(None);
        assert_eq!(r.outcome, EmvOutcome::Ok);
        assert_eq!(r.aid.as_deref(), Some("A000000333010102"));
        assert_eq!(r.pan.unwrap().masked(), "621226******0002");
        assert_eq!(r.steps[0].exchanges, 2);
    }
}
