//! A deck card's expected outcome on one interface (docs/decks.md `expect`): pass, or the
//! failure reason the checklist must see, and whether a run's failure matches it.

use crate::i18n::{Arg, Text};
use crate::model::{Signal, TrackFault};

/// What a card is expected to do on one interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The terminal reads / authorises the card.
    Pass,
    /// The card is expected to fail with this reason (`expired`, `blank`, `mute`,
    /// `app_blocked`, `card_blocked`, `no_app`, `chip_card`, `decline`, `rc:51`, `fail`).
    Fail(String),
}

impl Expect {
    pub fn parse(s: &str) -> Expect {
        let t = s.trim().to_ascii_lowercase();
        if t.is_empty() || t == "pass" || t == "ok" {
            Expect::Pass
        } else {
            Expect::Fail(t)
        }
    }

    /// [`Expect::parse`], refusing a reason [`Expect::matches_failure`] can never match: a
    /// typo (`bogus`) would otherwise fail the card with "expectation not met" and send the
    /// diagnosis after the operator. `Err` names the reasons a deck may use.
    pub fn parse_checked(s: &str) -> Result<Expect, Text> {
        let e = Expect::parse(s);
        let Expect::Fail(r) = &e else {
            return Ok(e);
        };
        const WORDS: [&str; 10] = [
            "fail",
            "any",
            "expired",
            "blank",
            "mute",
            "app_blocked",
            "card_blocked",
            "no_app",
            "chip_card",
            "decline",
        ];
        let rc_ok = r
            .strip_prefix("rc:")
            .is_some_and(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphanumeric()));
        let known = WORDS.contains(&r.as_str())
            || rc_ok
            || TrackFault::parse(r).is_some()
            || !matches!(Signal::parse(r), Signal::Other(_));
        if known {
            Ok(e)
        } else {
            let args = [
                ("value", Arg::from(format!("{r:?}"))),
                ("words", Arg::from(WORDS.join(", "))),
            ];
            Err(Text::tr_args("errors-load-deck-expect", &args))
        }
    }

    pub fn as_string(&self) -> String {
        match self {
            Expect::Pass => "pass".into(),
            Expect::Fail(r) => r.clone(),
        }
    }

    /// Whether a failure with `signal` (and RC `rc`, may be empty) is the expected one.
    pub fn matches_failure(&self, signal: &Signal, rc: &str) -> bool {
        let Expect::Fail(reason) = self else {
            return false;
        };
        let rc = rc.trim();
        let fault = match signal {
            Signal::Track { fault, .. } => Some(fault),
            _ => None,
        };
        match reason.as_str() {
            "fail" | "any" => true,
            "expired" => {
                matches!(signal, Signal::Expired | Signal::ChipExpired) || matches!(rc, "54" | "33")
            }
            "blank" => matches!(fault, Some(TrackFault::Blank | TrackFault::NoData)),
            "mute" => *signal == Signal::Mute,
            "app_blocked" => *signal == Signal::Sw(0x6283),
            "card_blocked" => *signal == Signal::Sw(0x6A81),
            "no_app" => *signal == Signal::Sw(0x6A82),
            "chip_card" => *signal == Signal::ChipCardSwiped || rc == "45",
            "decline" => !rc.is_empty() && !crate::codec::iso8583::rc::is_approved(rc),
            r => match r.strip_prefix("rc:") {
                Some(code) => rc.eq_ignore_ascii_case(code),
                None => signal.code() == r || fault.is_some_and(|f| f.code() == r),
            },
        }
    }
}
