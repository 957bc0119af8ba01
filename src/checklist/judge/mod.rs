//! Pure judges: what the device, the EMV flow or the host client returned, the deck card and
//! the terminal's capabilities in; attempt rows out. No I/O, no clock, no engine — each judge
//! is tested on its own.
//!
//! Every judge starts from a `base` row the recorder pre-filled with the run, terminal and card
//! columns (`Recorder::row`) and fills the judged columns: outcome, signal, detail, the card
//! columns from what was read, and the step's own columns (ATR, AID, SW, RC). The recorder then
//! applies the deck's expectation and classifies the row.

pub(crate) mod chip;
pub(crate) mod identity;
pub(crate) mod network;
pub(crate) mod online;
pub(crate) mod pos;
pub(crate) mod swipe;

use crate::bins::BinTable;
use crate::device::DeviceError;
use crate::i18n::{tr, Lang, Text};
use crate::model::{Attempt, Outcome, Signal};
use crate::sensitive::Pan;
use std::borrow::Cow;

/// What every judge may consult besides its input: the BIN table and today's date.
pub(crate) struct Judging<'a> {
    pub bins: &'a BinTable,
    /// The current month as `YYMM`, the bound for expiry dates.
    pub today: String,
}

impl<'a> Judging<'a> {
    /// Judging against `bins` as of the local clock's current month.
    pub(crate) fn now(bins: &'a BinTable) -> Judging<'a> {
        Judging {
            bins,
            today: chrono::Local::now().format("%y%m").to_string(),
        }
    }

    /// Expiry `YYMM` earlier than the current month (a malformed expiry is not "expired").
    pub(crate) fn expired(&self, yymm: &str) -> bool {
        yymm.len() == 4 && yymm.bytes().all(|b| b.is_ascii_digit()) && yymm < self.today.as_str()
    }

    /// Fills the card columns from a PAN that was read: masked PAN, BIN, and the bank and
    /// scheme of the BIN table (else the scheme of the IIN range). No PAN: the row is unchanged.
    pub(crate) fn fill_card(&self, a: &mut Attempt, pan: Option<&Pan>) {
        let Some(pan) = pan else { return };
        a.masked_pan = pan.masked();
        a.bin = pan.bin(6);
        if let Some(e) = self.bins.lookup(pan.expose_clear()) {
            a.bank = e.bank_short();
            if !e.scheme.is_empty() {
                a.scheme = e.scheme;
            }
        } else if let Some(s) = crate::bins::scheme_of(pan.expose_clear()) {
            a.scheme = s.name().to_string();
        }
    }

    /// Whether the BIN table or the IIN ranges know the PAN.
    pub(crate) fn knows_bin(&self, pan: &Pan) -> bool {
        self.bins.lookup(pan.expose_clear()).is_some()
            || crate::bins::scheme_of(pan.expose_clear()).is_some()
    }
}

/// A detail in both languages from one catalogue call per language: `f` gets the language
/// (for arguments that are themselves text in that language).
pub(crate) fn both(f: impl Fn(Lang) -> Cow<'static, str>) -> Text {
    Text::new(f(Lang::En), f(Lang::ZhCn))
}

/// The parts of a detail joined in each language (`t1 ok; t2 ok` / `磁道 1 正常；磁道 2 正常`).
pub(crate) fn join_parts(parts: &[Text]) -> Text {
    join_with(parts, |l| tr(l, "judge-part-separator"))
}

/// The entries of a list joined in each language (`t1 3/3 ok, t2 2/3 ok`).
pub(crate) fn join_list(parts: &[Text]) -> Text {
    join_with(parts, |l| tr(l, "judge-list-separator"))
}

fn join_with(parts: &[Text], sep: impl Fn(Lang) -> Cow<'static, str>) -> Text {
    let join = |l: Lang| {
        let v: Vec<&str> = parts.iter().map(|p| p.get(l)).collect();
        v.join(&sep(l))
    };
    Text::new(join(Lang::En), join(Lang::ZhCn))
}

/// A device error inside a step: `ERROR` with the matching signal (`no_reply`,
/// `protocol_error`, `device_lost`), or `SKIP` / `unsupported` for a command the device does
/// not have.
pub(crate) fn device_error(mut base: Attempt, e: &DeviceError) -> Attempt {
    let (outcome, signal) = match e {
        DeviceError::Timeout { .. } => (Outcome::Error, Signal::NoReply),
        DeviceError::Protocol(_) | DeviceError::Nak(_) => (Outcome::Error, Signal::ProtocolError),
        DeviceError::Unsupported(_) => (Outcome::Skip, Signal::Unsupported),
        _ => (Outcome::Error, Signal::DeviceLost),
    };
    base.judge_text(
        outcome,
        signal,
        Text::new(e.text(Lang::En), e.text(Lang::ZhCn)),
    );
    base
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::device::Silent;
    use crate::model::Interface;
    use std::sync::OnceLock;

    /// The built-in BIN table, built once for all judge tests.
    pub(crate) fn bins() -> &'static BinTable {
        static BINS: OnceLock<BinTable> = OnceLock::new();
        BINS.get_or_init(BinTable::builtin)
    }

    /// Judging as of January 2026.
    pub(crate) fn judging() -> Judging<'static> {
        Judging {
            bins: bins(),
            today: "2601".into(),
        }
    }

    /// A deck card of `bank` and `scheme` (tracks 1 and 2, expected to pass).
    pub(crate) fn deck_card(bank: &str, scheme: &str) -> crate::deck::DeckCard {
        crate::deck::DeckCard {
            label: crate::i18n::Text::same(format!("{bank} card")),
            bank: bank.into(),
            scheme: scheme.into(),
            interfaces: vec![Interface::Swipe, Interface::Chip],
            expect: Default::default(),
            reference: false,
            tracks: vec![1, 2],
            pin: None,
        }
    }

    /// A base row as the recorder makes it.
    pub(crate) fn base(iface: Interface, step: &str) -> Attempt {
        Attempt {
            station: "test".into(),
            interface: iface,
            step: step.into(),
            ..Attempt::default()
        }
    }

    #[test]
    fn expiry_against_today() {
        let j = judging();
        assert!(j.expired("2512"));
        assert!(!j.expired("2601"));
        assert!(!j.expired("2812"));
        assert!(!j.expired("12"));
        assert!(!j.expired("28x2"));
    }

    #[test]
    fn card_columns_from_the_pan() {
        let j = judging();
        let mut a = base(Interface::Swipe, "swipe#1");
        j.fill_card(&mut a, Some(&Pan::new("6212260000000000026")));
        assert_eq!(a.masked_pan, "621226*********0026");
        assert_eq!(a.bin, "621226");
        assert_eq!(a.bank, "ICBC");
        let mut none = base(Interface::Swipe, "swipe#1");
        j.fill_card(&mut none, None);
        assert_eq!(none, base(Interface::Swipe, "swipe#1"));
    }

    #[test]
    fn device_errors_map_to_signals() {
        let b = || base(Interface::Chip, "atr");
        let t = DeviceError::Timeout {
            what: "ATR".into(),
            after_ms: 500,
            silent: Silent::Reader,
        };
        let a = device_error(b(), &t);
        assert_eq!((a.outcome, a.signal), (Outcome::Error, Signal::NoReply));
        let a = device_error(b(), &DeviceError::Unsupported("chip"));
        assert_eq!((a.outcome, a.signal), (Outcome::Skip, Signal::Unsupported));
        let a = device_error(b(), &DeviceError::Lost("EIO".into()));
        assert_eq!((a.outcome, a.signal), (Outcome::Error, Signal::DeviceLost));
        assert!(a.detail.contains("EIO"), "{}", a.detail);
    }
}
