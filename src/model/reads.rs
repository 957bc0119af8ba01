//! What a device read gave, normalised across profiles: per-track swipe results, decoded card
//! fields (already masked), chip power-on, and the device's identity.

use super::TrackFault;
use crate::i18n::{t, Lang};
use crate::sensitive::Pan;
use serde::{Deserialize, Serialize};
use std::fmt;

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
    /// The track failed its checks in a way one byte damaged on the serial line explains and
    /// no misread character does (`codec::track::damaged_in_transit`, MSR605 raw reads).
    LineDamaged,
}

impl TrackStatus {
    pub fn is_ok(&self) -> bool {
        matches!(self, TrackStatus::Ok)
    }

    /// How the track failed, as the signal table names it (`None` when it read fine).
    pub fn fault(&self) -> Option<TrackFault> {
        Some(match self {
            TrackStatus::Ok => return None,
            TrackStatus::NoData => TrackFault::NoData,
            TrackStatus::NoStartSentinel => TrackFault::NoStartSentinel,
            TrackStatus::NoEndSentinel => TrackFault::NoEndSentinel,
            TrackStatus::Parity(_) => TrackFault::Parity,
            TrackStatus::Lrc => TrackFault::Lrc,
            TrackStatus::Blank => TrackFault::Blank,
            TrackStatus::BadFormat(_) => TrackFault::BadFormat,
            TrackStatus::ReaderError(c) => TrackFault::ReaderError(c.clone()),
            TrackStatus::LineDamaged => TrackFault::LineDamaged,
        })
    }

    /// Stable code for counters: `ok` or the fault's CSV spelling.
    pub fn code(&self) -> String {
        self.fault()
            .map(|f| f.code().into_owned())
            .unwrap_or_else(|| "ok".into())
    }
}

impl TrackStatus {
    /// The status in words in `lang` (catalogue `common-track-*`); the English is the
    /// `Display` spelling.
    pub fn name(&self, lang: Lang) -> String {
        match self {
            TrackStatus::Parity(Some(n)) => t!(lang, "common-track-parity-at", char_no = *n),
            TrackStatus::BadFormat(why) => {
                t!(
                    lang,
                    "common-track-bad-format",
                    why = bad_format_in(why, lang)
                )
            }
            TrackStatus::ReaderError(code) => {
                t!(lang, "common-track-reader-error", code = code.as_str())
            }
            _ => t!(lang, "common-track-status", code = self.code()),
        }
        .into_owned()
    }
}

/// Each phrase the track decoder writes in `BadFormat` (`codec::track`; `{}`: a number, a
/// character, a field name) and its catalogue id; the captures are `$a` … `$d` in order.
const BAD_FORMAT: &[(&str, &str)] = &[
    (
        "no field separator {} after the {}",
        "common-track-why-no-separator",
    ),
    ("empty PAN", "common-track-why-empty-pan"),
    ("PAN of {} digits (at most 19)", "common-track-why-pan-long"),
    ("PAN holds a non-digit", "common-track-why-pan-non-digit"),
    (
        "{}: expected {} digits at character {}",
        "common-track-why-digits",
    ),
    (
        "expiry {} has month {} (01-12) at character {}",
        "common-track-why-month",
    ),
    ("format code {}, expected 'B'", "common-track-why-format-b"),
    ("empty track", "common-track-why-empty"),
    (
        "name field empty at character {} (ISO/IEC 7813: 2 to 26 characters)",
        "common-track-why-name-empty",
    ),
    (
        "name of {} characters at character {} (ISO/IEC 7813: 2 to 26 characters)",
        "common-track-why-name-length",
    ),
    (
        "name of {} character at character {} (ISO/IEC 7813: 2 to 26 characters)",
        "common-track-why-name-length",
    ),
    (
        "format code: expected 2 digits",
        "common-track-why-format-digits",
    ),
    ("track data ended early", "common-track-why-ended"),
    (
        "character {} ({}) is not allowed in track {} data",
        "common-track-why-char",
    ),
    (
        "{} characters between the sentinels, at most {} on track {} (ISO/IEC 7813, ISO 4909): \
         character {} is one too many",
        "common-track-why-too-long",
    ),
    (
        "{} characters after the end sentinel (at most one LRC character)",
        "common-track-why-after-es",
    ),
    (
        "start sentinel inside the data",
        "common-track-why-ss-inside",
    ),
];

/// The field names in those phrases (`after the PAN`, `expiry YYMM: expected …`).
const FIELDS: &[(&str, &str)] = &[
    ("PAN", "common-track-field-pan"),
    ("name", "common-track-field-name"),
    ("expiry YYMM", "common-track-field-expiry"),
    ("service code", "common-track-field-service-code"),
];

/// A `BadFormat` detail in `lang`: English as the decoder wrote it; otherwise each `; `-joined
/// phrase from [`BAD_FORMAT`], or the kind of fault alone for a phrase not listed.
fn bad_format_in(why: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return why.to_string();
    }
    let said: Vec<String> = why
        .split("; ")
        .map(|phrase| {
            BAD_FORMAT
                .iter()
                .find_map(|(template, id)| {
                    let caps = crate::i18n::captures(template, phrase)?;
                    let said: Vec<String> = caps
                        .iter()
                        .map(|c| match FIELDS.iter().find(|(f, _)| f == c) {
                            Some((_, id)) => crate::i18n::tr(lang, id).into_owned(),
                            None => (*c).to_string(),
                        })
                        .collect();
                    let args: Vec<(&str, crate::i18n::Arg<'_>)> = ["a", "b", "c", "d"]
                        .into_iter()
                        .zip(said.iter().map(|s| crate::i18n::Arg::from(s.as_str())))
                        .collect();
                    Some(crate::i18n::tr_args(lang, id, &args).into_owned())
                })
                .unwrap_or_else(|| crate::i18n::tr(lang, "common-track-why-other").into_owned())
        })
        .collect();
    said.join("；")
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
            TrackStatus::LineDamaged => f.write_str("damaged on the line"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_format_phrase_is_said_in_chinese() {
        for (_, id) in BAD_FORMAT.iter().chain(FIELDS) {
            assert!(crate::i18n::has(Lang::ZhCn, id), "{id}");
        }
        let why = "name field empty at character 19 (ISO/IEC 7813: 2 to 26 characters); \
                   expiry 2800 has month 00 (01-12) at character 22";
        assert_eq!(bad_format_in(why, Lang::En), why);
        assert_eq!(
            bad_format_in(why, Lang::ZhCn),
            "第 19 个字符处持卡人姓名为空（ISO/IEC 7813：2 至 26 个字符）；\
             有效期 2800 的月份 00 不在 01–12 之间（第 22 个字符）"
        );
        let zh = bad_format_in(
            "service code: expected 3 digits at character 21",
            Lang::ZhCn,
        );
        assert_eq!(zh, "服务代码：第 21 个字符处应为 3 位数字");
        assert_eq!(bad_format_in("Tag", Lang::ZhCn), "数据不符合磁道的格式");
    }
}
