//! The checklist's interfaces and the outcome of one attempt. `Outcome::as_str` is the one
//! place that spells outcomes (`PASS`, `FAIL`, `SKIP`, `ERROR`: the CSV contract); their names
//! for people come from the catalogue (`common-interface-*`, `common-outcome-*`).

use crate::i18n::{tr_static, Lang};
use serde::{Deserialize, Serialize};

/// The three interfaces of the checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interface {
    Swipe,
    Chip,
    Network,
}

impl Default for Interface {
    /// Run-level rows (connect, echo) belong to the network interface.
    fn default() -> Self {
        Interface::Network
    }
}

impl Interface {
    /// The three interfaces in checklist order.
    pub const ALL: [Interface; 3] = [Interface::Swipe, Interface::Chip, Interface::Network];

    /// The CSV spelling (`swipe`, `chip`, `network`).
    pub fn as_str(self) -> &'static str {
        match self {
            Interface::Swipe => "swipe",
            Interface::Chip => "chip",
            Interface::Network => "network",
        }
    }

    /// Parses the CSV spelling and the deck's synonyms (`magstripe`, `ic`, `host`, …).
    pub fn parse(s: &str) -> Option<Interface> {
        match s.trim().to_ascii_lowercase().as_str() {
            "swipe" | "magstripe" | "msr" => Some(Interface::Swipe),
            "chip" | "ic" | "icc" | "emv" => Some(Interface::Chip),
            "network" | "host" | "net" => Some(Interface::Network),
            _ => None,
        }
    }

    /// The interface's name in the UI language (catalogue `common-interface-*`).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Interface::Swipe => tr_static(lang, "common-interface-swipe"),
            Interface::Chip => tr_static(lang, "common-interface-chip"),
            Interface::Network => tr_static(lang, "common-interface-network"),
        }
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

impl Default for Outcome {
    /// A row nobody judged must never count as a pass.
    fn default() -> Self {
        Outcome::Error
    }
}

impl Outcome {
    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "PASS",
            Outcome::Fail => "FAIL",
            Outcome::Skip => "SKIP",
            Outcome::Error => "ERROR",
        }
    }

    /// Parses the CSV spelling.
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

impl Outcome {
    /// Whether the outcome counts towards "every expectation met" (PASS, or a step SKIPped).
    pub fn is_ok(self) -> bool {
        matches!(self, Outcome::Pass | Outcome::Skip)
    }

    /// Whether the outcome is a failure worth a cause (FAIL or ERROR).
    pub fn is_bad(self) -> bool {
        matches!(self, Outcome::Fail | Outcome::Error)
    }

    /// The outcome's display name in the UI language (catalogue `common-outcome-*`); files
    /// keep the code ([`Outcome::as_str`]).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Outcome::Pass => tr_static(lang, "common-outcome-pass"),
            Outcome::Fail => tr_static(lang, "common-outcome-fail"),
            Outcome::Skip => tr_static(lang, "common-outcome-skip"),
            Outcome::Error => tr_static(lang, "common-outcome-error"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_catalogue() {
        assert_eq!(Interface::Chip.name(Lang::En), "chip");
        assert_eq!(Interface::Swipe.name(Lang::ZhCn), "刷卡");
        assert_eq!(Outcome::Error.name(Lang::En), "ERROR");
        assert_eq!(Outcome::Skip.name(Lang::ZhCn), "跳过");
        assert_eq!(Outcome::Pass.as_str(), "PASS");
    }
}
