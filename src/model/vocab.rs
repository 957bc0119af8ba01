//! The checklist's interfaces and the outcome of one attempt. `Outcome::as_str` is the one
//! place that spells outcomes (`PASS`, `FAIL`, `SKIP`, `ERROR`: the CSV contract).

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

    /// The interface's name in the UI language.
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
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
