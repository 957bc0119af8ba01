//! One row of `attempts.csv`: one check of one card on one interface. Columns are a contract
//! documented in `docs/report-format.md`; card data is already masked here.

use super::{Family, Interface, Outcome, Signal};
use crate::i18n::{Lang, Text};
use serde::{Deserialize, Serialize};

/// One attempt, typed. Text is made from it once, by the report writer and the UI.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// RFC 3339 local time.
    pub time: String,
    pub station: String,
    /// The device address the run was started with.
    pub terminal_id: String,
    pub serial: String,
    pub model: String,
    pub firmware: String,
    pub profile: String,
    pub card_label: String,
    /// First 6 / last 4 (`622202******0018`); empty when no PAN was read.
    pub masked_pan: String,
    pub bin: String,
    /// Issuing bank abbreviation (`ICBC`), empty when unknown.
    pub bank: String,
    pub scheme: String,
    pub interface: Interface,
    /// `swipe#2`, `atr`, `select`, `records`, `auth`, `echo`, …
    pub step: String,
    pub outcome: Outcome,
    /// Cause family of a FAIL or ERROR row; `None` on PASS and SKIP rows.
    pub family: Option<Family>,
    pub signal: Signal,
    /// Free text, redacted before it is stored. English: the CSV's `detail` column, which the
    /// diagnosis reads back (the tracks a swipe lists).
    pub detail: String,
    /// The same detail in Chinese, for the screen ([`Attempt::detail_in`]); empty when the
    /// judge wrote none. Not a CSV column: a row read back from a file has none.
    #[serde(skip)]
    pub detail_zh: String,
    pub latency_ms: Option<u64>,
    pub atr: String,
    pub aid: String,
    pub sw: String,
    pub tvr: String,
    /// Field 39 as received.
    pub rc: String,
    /// Transaction status information (tag 9B), hex, on chip rows that know it. Absent from
    /// files written before the column existed (read back as empty).
    #[serde(default)]
    pub tsi: String,
}

impl Attempt {
    /// Column names, in file order.
    pub const COLUMNS: [&'static str; 25] = [
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
        "tsi",
    ];

    /// The row's cells in column order: the one place an attempt becomes text.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.time.clone(),
            self.station.clone(),
            self.terminal_id.clone(),
            self.serial.clone(),
            self.model.clone(),
            self.firmware.clone(),
            self.profile.clone(),
            self.card_label.clone(),
            self.masked_pan.clone(),
            self.bin.clone(),
            self.bank.clone(),
            self.scheme.clone(),
            self.interface.as_str().into(),
            self.step.clone(),
            self.outcome.as_str().into(),
            self.family
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
            self.signal.code().into_owned(),
            self.detail.clone(),
            self.latency_ms.map(|m| m.to_string()).unwrap_or_default(),
            self.atr.clone(),
            self.aid.clone(),
            self.sw.clone(),
            self.tvr.clone(),
            self.rc.clone(),
            self.tsi.clone(),
        ]
    }

    /// Sets the judgement of the row, with a detail in English only (the screen shows it in
    /// both languages). Judges use [`Attempt::judge_text`].
    pub fn judge(&mut self, outcome: Outcome, signal: Signal, detail: impl Into<String>) {
        self.outcome = outcome;
        self.signal = signal;
        self.detail = detail.into();
        self.detail_zh.clear();
    }

    /// Sets the judgement of the row with a detail in both languages (from the catalogue).
    pub fn judge_text(&mut self, outcome: Outcome, signal: Signal, detail: Text) {
        self.outcome = outcome;
        self.signal = signal;
        self.detail = detail.en;
        self.detail_zh = detail.zh;
    }

    /// Both details as one [`Text`] (the English one where no Chinese was written).
    pub fn detail_text(&self) -> Text {
        Text::new(self.detail.clone(), self.detail_in(Lang::ZhCn))
    }

    /// The detail to show in `lang`: the Chinese one when there is one, else the English.
    pub fn detail_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn if !self.detail_zh.is_empty() => &self.detail_zh,
            _ => &self.detail,
        }
    }

    /// Sets both details from a [`Text`] (a detail the recorder rewrote: a prefix, a tally).
    pub fn set_detail(&mut self, detail: Text) {
        self.detail = detail.en;
        self.detail_zh = detail.zh;
    }
}
