//! The bench's normalised results, shared by devices, checklist, reports, TUI and batch:
//! interfaces, outcomes, swipe and chip reads, and the attempt row.

use crate::family::Family;
use crate::sensitive::Pan;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The three interfaces of the checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interface {
    Swipe,
    Chip,
    Network,
}

impl Interface {
    pub const ALL: [Interface; 3] = [Interface::Swipe, Interface::Chip, Interface::Network];

    pub fn as_str(self) -> &'static str {
        match self {
            Interface::Swipe => "swipe",
            Interface::Chip => "chip",
            Interface::Network => "network",
        }
    }

    pub fn parse(s: &str) -> Option<Interface> {
        match s.trim().to_ascii_lowercase().as_str() {
            "swipe" | "magstripe" | "msr" => Some(Interface::Swipe),
            "chip" | "ic" | "icc" | "emv" => Some(Interface::Chip),
            "network" | "host" | "net" => Some(Interface::Network),
            _ => None,
        }
    }

    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        match (self, lang) {
            (Interface::Swipe, crate::i18n::Lang::En) => "swipe",
            (Interface::Chip, crate::i18n::Lang::En) => "chip",
            (Interface::Network, crate::i18n::Lang::En) => "network",
            (Interface::Swipe, crate::i18n::Lang::ZhCn) => "刷卡",
            (Interface::Chip, crate::i18n::Lang::ZhCn) => "插卡",
            (Interface::Network, crate::i18n::Lang::ZhCn) => "网络",
        }
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of one attempt. `Fail` = the terminal did not meet the expectation;
/// `Error` = the step could not be judged (device lost, prompt timed out).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    #[serde(rename = "PASS")]
    Pass,
    #[serde(rename = "FAIL")]
    Fail,
    #[serde(rename = "SKIP")]
    Skip,
    #[serde(rename = "ERROR")]
    Error,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "PASS",
            Outcome::Fail => "FAIL",
            Outcome::Skip => "SKIP",
            Outcome::Error => "ERROR",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        match s.trim() {
            "PASS" => Some(Outcome::Pass),
            "FAIL" => Some(Outcome::Fail),
            "SKIP" => Some(Outcome::Skip),
            "ERROR" => Some(Outcome::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Per-track read status, in the technicians' vocabulary (protocols.md §1.6).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TrackStatus {
    /// Read and checked (sentinels, parity, LRC where visible).
    Ok,
    /// The reader returned nothing for this track (no block / empty block).
    NoData,
    NoStartSentinel,
    NoEndSentinel,
    /// Parity (VRC) error at character index n (0-based, start sentinel = 0), when known.
    Parity(Option<usize>),
    Lrc,
    /// Blank track (no flux transitions / reader code E5).
    Blank,
    /// Characters decoded but the layout is not a valid track (detail kept).
    BadFormat(String),
    /// The reader reported an error it did not explain (raw code kept verbatim).
    ReaderError(String),
}

impl TrackStatus {
    pub fn is_ok(&self) -> bool {
        matches!(self, TrackStatus::Ok)
    }

    /// Stable code for CSV `signal` cells and counters.
    pub fn code(&self) -> String {
        match self {
            TrackStatus::Ok => "ok".into(),
            TrackStatus::NoData => "no_data".into(),
            TrackStatus::NoStartSentinel => "no_start_sentinel".into(),
            TrackStatus::NoEndSentinel => "no_end_sentinel".into(),
            TrackStatus::Parity(_) => "parity".into(),
            TrackStatus::Lrc => "lrc".into(),
            TrackStatus::Blank => "blank".into(),
            TrackStatus::BadFormat(_) => "bad_format".into(),
            TrackStatus::ReaderError(c) => format!("reader_error:{c}"),
        }
    }
}

impl fmt::Display for TrackStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrackStatus::Ok => f.write_str("ok"),
            TrackStatus::NoData => f.write_str("no data"),
            TrackStatus::NoStartSentinel => f.write_str("no start sentinel"),
            TrackStatus::NoEndSentinel => f.write_str("no end sentinel"),
            TrackStatus::Parity(Some(n)) => write!(f, "parity error at character {n}"),
            TrackStatus::Parity(None) => f.write_str("parity error"),
            TrackStatus::Lrc => f.write_str("LRC error"),
            TrackStatus::Blank => f.write_str("blank"),
            TrackStatus::BadFormat(d) => write!(f, "bad format: {d}"),
            TrackStatus::ReaderError(c) => write!(f, "reader error {c}"),
        }
    }
}

/// Fields decoded from a track (or a track-2 equivalent), already safe to show:
/// the PAN masks itself, discretionary data is kept only as a length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardFields {
    pub pan: Pan,
    pub luhn_ok: bool,
    /// Cardholder name (track 1 / tag 5F20).
    pub name: Option<String>,
    /// Expiry YYMM.
    pub expiry: Option<String>,
    /// Three-digit service code.
    pub service_code: Option<String>,
    /// Length of the discretionary data (the data itself holds CVV-type values: never kept).
    pub discretionary_len: usize,
}

/// One track of a swipe.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrackRead {
    /// 1, 2 or 3.
    pub track: u8,
    pub status: TrackStatus,
    pub fields: Option<CardFields>,
}

/// What one swipe gave, per track. `clear_track2` is kept (unserialised, masked in `Debug`)
/// only so the chip-vs-stripe comparison and the host authorisation can use it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SwipeRead {
    pub tracks: Vec<TrackRead>,
    /// The reader's overall status, verbatim (e.g. `1B 30`, `Y`, `N 05`).
    pub reader_status: String,
    #[serde(skip)]
    pub track2: Option<crate::sensitive::Track2>,
}

impl SwipeRead {
    pub fn track(&self, n: u8) -> Option<&TrackRead> {
        self.tracks.iter().find(|t| t.track == n)
    }

    /// The best decoded fields: track 2, else track 1, else track 3.
    pub fn fields(&self) -> Option<&CardFields> {
        [2u8, 1, 3]
            .iter()
            .filter_map(|n| self.track(*n))
            .filter(|t| t.status.is_ok())
            .find_map(|t| t.fields.as_ref())
    }
}

/// Result of powering a chip card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ChipPower {
    /// The card answered to reset.
    Atr { atr: Vec<u8>, t1: bool },
    /// No ATR after cold and warm reset (mute card).
    Mute,
    /// No card in the reader / not at the IC position (reader code kept).
    NoCard(String),
}

/// Identity of a terminal or reader, as read from the device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    /// Profile name (`crt310`, `msr605`, `pos8583`).
    pub profile: String,
    pub model: String,
    pub firmware: String,
    pub serial: String,
}

/// One row of `attempts.csv`: one check of one card on one interface. Columns are a contract
/// documented in `docs/report-format.md`; card data is already masked here.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// RFC 3339 local time.
    pub time: String,
    pub station: String,
    pub terminal_id: String,
    pub serial: String,
    pub model: String,
    pub firmware: String,
    pub profile: String,
    pub card_label: String,
    pub masked_pan: String,
    pub bin: String,
    pub bank: String,
    pub scheme: String,
    pub interface: String,
    pub step: String,
    pub outcome: String,
    pub family: String,
    pub signal: String,
    pub detail: String,
    pub latency_ms: String,
    pub atr: String,
    pub aid: String,
    pub sw: String,
    pub tvr: String,
    pub rc: String,
}

impl Attempt {
    /// Column names, in file order.
    pub const COLUMNS: [&'static str; 24] = [
        "time",
        "station",
        "terminal_id",
        "serial",
        "model",
        "firmware",
        "profile",
        "card_label",
        "masked_pan",
        "bin",
        "bank",
        "scheme",
        "interface",
        "step",
        "outcome",
        "family",
        "signal",
        "detail",
        "latency_ms",
        "atr",
        "aid",
        "sw",
        "tvr",
        "rc",
    ];

    pub fn outcome(&self) -> Option<Outcome> {
        Outcome::parse(&self.outcome)
    }

    pub fn family(&self) -> Option<Family> {
        Family::parse(&self.family)
    }

    pub fn interface(&self) -> Option<Interface> {
        Interface::parse(&self.interface)
    }
}
