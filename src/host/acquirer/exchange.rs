//! What the host saw in one exchange with a terminal, as typed facts for the checklist's POS
//! judge and the host log: the message kind, masked card data, the MAC and PIN checks, DE55's
//! TVR/TSI and missing tags, reversal reasons, settlement and download results. Nothing here
//! holds a clear PAN, track, PIN, PIN block or key.

use super::kind::{MessageKind, SignOnLayout};
use crate::crypto::{CheckValue, MacAlgorithm};
use crate::sensitive::Pan;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// How the card was read (DE22 positions 1–2, protocols.md §6.4).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum EntryMode {
    /// `02`/`90`: magnetic stripe.
    Swipe,
    /// `05`: contact chip.
    Chip,
    /// `80`/`91`: stripe read after a chip failure.
    Fallback,
    /// `07`/`98`: contactless.
    Contactless,
    /// `01`: keyed.
    Manual,
    /// Any other code, verbatim.
    Other(String),
}

impl EntryMode {
    /// From DE22 (`021`, `051`, `801` …).
    pub fn of_de22(de22: &str) -> EntryMode {
        match de22.get(..2) {
            Some("02") | Some("90") => EntryMode::Swipe,
            Some("05") => EntryMode::Chip,
            Some("07") | Some("98") => EntryMode::Contactless,
            Some("80") | Some("91") => EntryMode::Fallback,
            Some("01") => EntryMode::Manual,
            _ => EntryMode::Other(de22.to_string()),
        }
    }

    /// `swipe`, `chip`, `fallback`, `contactless`, `manual` or the DE22 code.
    pub fn as_str(&self) -> &str {
        match self {
            EntryMode::Swipe => "swipe",
            EntryMode::Chip => "chip",
            EntryMode::Fallback => "fallback",
            EntryMode::Contactless => "contactless",
            EntryMode::Manual => "manual",
            EntryMode::Other(s) => s,
        }
    }
}

/// The MAC check of one request.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum MacCheck {
    /// The request carries no DE64.
    Absent,
    /// DE64 matches under the terminal's MAC key and algorithm.
    Valid,
    /// DE64 matches only under the other algorithm: the terminal is configured for it.
    OtherAlgorithm(MacAlgorithm),
    /// DE64 does not match under the terminal's keys.
    Invalid,
    /// The terminal has not signed on: the host has no MAC key for it.
    NoKey,
}

impl MacCheck {
    pub fn is_ok(&self) -> bool {
        matches!(self, MacCheck::Valid)
    }
}

/// The PIN check of one request (the PIN itself is never kept).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum PinCheck {
    /// No DE52.
    Absent,
    /// The PIN block decrypts to the PIN the deck gives for the card.
    Correct,
    /// It decrypts to a well-formed block holding another PIN (the keypad sent other digits).
    Wrong,
    /// The block does not decrypt to a format-0 block for this PAN (wrong key or format).
    Malformed,
    /// A PIN arrived but the deck gives none for this card.
    NotExpected,
    /// The terminal has not signed on: no PIN key.
    NoKey,
}

/// DE55 as the host read it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct IccSummary {
    /// Tag 95, hex.
    pub tvr: Option<String>,
    /// Tag 9B, hex.
    pub tsi: Option<String>,
    /// 9F27 cryptogram information data, hex.
    pub cid: Option<String>,
    /// 9F09 application version of the terminal, hex.
    pub app_version: Option<String>,
    /// 84 / 4F application identifier, hex.
    pub aid: Option<String>,
    /// Mandatory tags that are missing (notes §1.7), as hex tags.
    pub missing: Vec<String>,
    /// DE55 did not parse as BER-TLV.
    pub malformed: bool,
}

/// Tags a CUPS terminal must send in the 0200's DE55 (NEWPOS `emvtranproc.c` 38–64).
pub const MANDATORY_DE55: [u32; 14] = [
    0x5F2A, 0x82, 0x95, 0x9A, 0x9C, 0x9F02, 0x9F03, 0x9F10, 0x9F1A, 0x9F26, 0x9F27, 0x9F33, 0x9F36,
    0x9F37,
];

/// A settlement's comparison of totals (field 48).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SettlementCheck {
    pub balanced: bool,
    /// `debit n/amount, credit n/amount` as the terminal and as the host counted.
    pub terminal: String,
    pub host: String,
}

/// What a sign-on delivered (check values only).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SignOnInfo {
    pub layout: SignOnLayout,
    pub mac: MacAlgorithm,
    /// `PIK` / `MAK` / `TDK` → check value.
    pub check_values: Vec<(&'static str, String)>,
    /// The batch number given in 60.2.
    pub batch: String,
}

/// One request and the host's answer, as facts.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Exchange {
    /// Seconds since the host started (for ordering; wall time is in the frame log).
    pub seq: u64,
    pub terminal_id: String,
    pub merchant_id: String,
    pub kind: Option<MessageKind>,
    pub mti: String,
    pub stan: Option<String>,
    /// CUPS header application type (`60`/`61`) and software version (`31/311003`).
    pub app_type: Option<String>,
    pub software_version: Option<String>,
    pub entry: Option<EntryMode>,
    /// 60.5 `2`: the terminal flags a fallback.
    pub fallback_flag: bool,
    /// Masked on display.
    pub pan: Option<Pan>,
    pub bank: Option<String>,
    /// Why DE35 is not a well-formed track-2 equivalent (None when absent or good).
    pub track2_problem: Option<String>,
    pub has_track2: bool,
    pub amount_minor: Option<u64>,
    pub icc: Option<IccSummary>,
    pub mac: Option<MacCheck>,
    pub pin: Option<PinCheck>,
    /// DE39 the terminal sent (the reason of a reversal).
    pub reason: Option<String>,
    /// The response code the host answered with; None = no reply.
    pub rc_sent: Option<String>,
    /// The host's round trip: milliseconds from the request's arrival to its reply, the
    /// rules' delay included; None when the host did not answer.
    pub reply_ms: Option<u64>,
    /// The issuer's check of DE55's ARQC (`ARQC ok`, `ARQC wrong`, `no issuer key`, `no
    /// ARQC`: `host::chip::ArqcCheck`); None when the request had no DE55.
    pub arqc: Option<String>,
    /// The rule (or host check) that chose the answer.
    pub rule: String,
    /// Processing requirement set in the reply header.
    pub requirement_sent: u8,
    pub sign_on: Option<SignOnInfo>,
    pub settlement: Option<SettlementCheck>,
    /// Download paging: entries sent, and whether the list is complete.
    pub download: Option<String>,
    /// Batch-upload records matched against the host's journal (`3/3`).
    pub upload: Option<String>,
    /// The master key's check value used for this terminal's sign-on.
    pub master_kcv: Option<String>,
}

/// The PINs the operator is to type (test cards only): by card, and the one of the sale the
/// bench is prompting for now (decks hold no card numbers). Clones share the current PIN, so
/// the bench can set it while the host runs. Debug shows only counts; a PIN leaves it only
/// inside [`PinBook::check`].
#[derive(Clone, Default)]
pub struct PinBook {
    by_pan: BTreeMap<String, String>,
    current: Arc<Mutex<Option<String>>>,
}

impl fmt::Debug for PinBook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PinBook(<{} cards>)", self.by_pan.len())
    }
}

impl PinBook {
    /// Adds the PIN for a card (clear PAN digits).
    pub fn insert(&mut self, pan: &str, pin: &str) {
        self.by_pan.insert(pan.to_string(), pin.to_string());
    }

    /// Sets the PIN of the sale the operator is asked for now (`None`: no PIN expected).
    pub fn expect(&self, pin: Option<&str>) {
        if let Ok(mut c) = self.current.lock() {
            *c = pin.map(str::to_string);
        }
    }

    fn want(&self, pan: &str) -> Option<String> {
        self.by_pan
            .get(pan)
            .cloned()
            .or_else(|| self.current.lock().ok().and_then(|c| c.clone()))
    }

    /// Whether a PIN is expected for this card.
    pub fn has(&self, pan: &str) -> bool {
        self.want(pan).is_some()
    }

    /// Compares a decrypted PIN with the expected one.
    pub fn check(&self, pan: &str, pin: &crate::crypto::Pin) -> PinCheck {
        match self.want(pan) {
            None => PinCheck::NotExpected,
            Some(want) if pin.matches(&want) => PinCheck::Correct,
            Some(_) => PinCheck::Wrong,
        }
    }
}

/// A bench request to the host that applies once: leave the next financial request
/// unanswered (to see the terminal reverse it). Clones share it.
#[derive(Clone, Debug, Default)]
pub struct Withhold(Arc<AtomicBool>);

impl Withhold {
    /// The next financial request gets no reply.
    pub fn next(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether to withhold this reply (taken).
    pub fn take(&self) -> bool {
        self.0.swap(false, Ordering::SeqCst)
    }
}

/// Check values of a sign-on's keys, for the record.
pub fn kcvs(keys: &[(&'static str, CheckValue)]) -> Vec<(&'static str, String)> {
    keys.iter().map(|(n, c)| (*n, c.to_string())).collect()
}
