//! The cause families of the field article (diagnosis.md §1): the vocabulary of every verdict.

use crate::i18n::{tr_static, Lang};
use serde::{Deserialize, Serialize};

/// Where a fault lies. The CSV spelling (`as_str`) is a contract: reports and tools rely on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Family {
    /// Bank system: issuer host slow, down, in maintenance, or declining by policy.
    #[serde(rename = "BANK")]
    Bank,
    /// Network: line, switch, routing or host link.
    #[serde(rename = "NET")]
    Net,
    /// Terminal hardware: read head, chip contacts, sensors, power, cable.
    #[serde(rename = "TERM-HW")]
    TermHw,
    /// Terminal software: firmware, kernel, parameters, AID list, keys, registration, packing.
    #[serde(rename = "TERM-SW")]
    TermSw,
    /// The card itself: damaged stripe or chip, expired, misread or unknown PAN.
    #[serde(rename = "CARD")]
    Card,
    /// The cardholder's account: frozen, lost/stolen, balance, limits, PIN.
    #[serde(rename = "ACCT")]
    Acct,
    /// Handling technique: swipe speed/direction, chip card swiped, card inserted wrongly.
    #[serde(rename = "TECH")]
    Tech,
    /// A signal the tables do not classify (kept verbatim elsewhere).
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

impl Family {
    pub const ALL: [Family; 8] = [
        Family::Bank,
        Family::Net,
        Family::TermHw,
        Family::TermSw,
        Family::Card,
        Family::Acct,
        Family::Tech,
        Family::Unknown,
    ];

    /// The label used in CSV files and headless output.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Bank => "BANK",
            Family::Net => "NET",
            Family::TermHw => "TERM-HW",
            Family::TermSw => "TERM-SW",
            Family::Card => "CARD",
            Family::Acct => "ACCT",
            Family::Tech => "TECH",
            Family::Unknown => "UNKNOWN",
        }
    }

    /// Parses a label; accepts `TERM` as terminal software-or-hardware → `TermSw`.
    pub fn parse(s: &str) -> Option<Family> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "BANK" => Family::Bank,
            "NET" => Family::Net,
            "TERM-HW" | "TERM_HW" => Family::TermHw,
            "TERM-SW" | "TERM_SW" | "TERM" => Family::TermSw,
            "CARD" => Family::Card,
            "ACCT" => Family::Acct,
            "TECH" => Family::Tech,
            "UNKNOWN" | "" => Family::Unknown,
            _ => return None,
        })
    }

    /// Human name in English (catalogue `common-family-*`; also the `family_name` column of
    /// diagnosis.csv).
    pub fn name_en(self) -> &'static str {
        self.name(Lang::En)
    }

    /// Human name in Simplified Chinese (catalogue `common-family-*`).
    pub fn name_zh(self) -> &'static str {
        self.name(Lang::ZhCn)
    }

    /// Human name in the given language (catalogue `common-family-*`).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Family::Bank => tr_static(lang, "common-family-bank"),
            Family::Net => tr_static(lang, "common-family-net"),
            Family::TermHw => tr_static(lang, "common-family-term-hw"),
            Family::TermSw => tr_static(lang, "common-family-term-sw"),
            Family::Card => tr_static(lang, "common-family-card"),
            Family::Acct => tr_static(lang, "common-family-acct"),
            Family::Tech => tr_static(lang, "common-family-tech"),
            Family::Unknown => tr_static(lang, "common-family-unknown"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_catalogue() {
        // The English names are the `family_name` column of diagnosis.csv: a contract.
        let en: Vec<&str> = Family::ALL.iter().map(|f| f.name_en()).collect();
        assert_eq!(
            en,
            [
                "bank system",
                "network",
                "terminal hardware",
                "terminal software",
                "card",
                "cardholder account",
                "handling technique",
                "unclassified"
            ]
        );
        assert_eq!(Family::Tech.name_zh(), "操作手法");
        assert_eq!(Family::Acct.name(Lang::ZhCn), "持卡人账户");
    }
}
