//! Field 39 response codes (protocols.md §6.5, diagnosis.md §3.1): the one catalogue every part
//! of the bench uses — `decode`, the host simulator and client, the checklist, the diagnosis
//! and `summarize`. Each code has its meaning in English and Chinese (from the message
//! catalogue, `src/i18n/*/codes.ftl`), its class (which gives the cause family and the
//! alternative the grouping rules may choose), whether it approves, and the bench's next
//! action. Unknown codes are kept verbatim with family `Unknown`.
//!
//! Approvals are `00`, `10` (approved for a partial amount), `11` (approved, VIP), `Y1` and
//! `Y3`: ISO 8583:1987 field 39 lists 10 and 11 among the approval codes and the CUPS POS
//! specification files them as 承兑 (approved), so neither is a fault to place.

use crate::i18n::{tr_static, Lang, Msg};
use crate::model::Family;
use serde::Serialize;

/// A class of response codes that point to the same place (diagnosis.md §3.1). Its text is the
/// catalogue's `codes-rc-class-<name>` (meaning) and `codes-rc-class-<name>-action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RcClass {
    /// `approved`, `acct-balance`, `bank-system`, …
    pub name: &'static str,
    /// Cause family; `Unknown` for approvals (nothing to place), serialised as `null`.
    #[serde(serialize_with = "fault_family")]
    pub family: Family,
    /// The other family the code alone allows (the cross-card rules decide).
    pub alt: Option<Family>,
    /// The texts as values, for older callers; new code calls [`RcClass::meaning`] and
    /// [`RcClass::action`] with the display language.
    pub meaning_en: Msg,
    pub meaning_zh: Msg,
    pub action_en: Msg,
    pub action_zh: Msg,
}

impl RcClass {
    /// What the class means, in `lang`.
    pub fn meaning(&self, lang: Lang) -> &'static str {
        pick(lang, self.meaning_en, self.meaning_zh).as_str()
    }

    /// What the bench does next, in `lang`.
    pub fn action(&self, lang: Lang) -> &'static str {
        pick(lang, self.action_en, self.action_zh).as_str()
    }
}

fn pick(lang: Lang, en: Msg, zh: Msg) -> Msg {
    match lang {
        Lang::En => en,
        Lang::ZhCn => zh,
    }
}

macro_rules! class {
    ($name:literal, $fam:ident, $alt:expr) => {
        RcClass {
            name: $name,
            family: Family::$fam,
            alt: $alt,
            meaning_en: Msg::new(Lang::En, concat!("codes-rc-class-", $name)),
            meaning_zh: Msg::new(Lang::ZhCn, concat!("codes-rc-class-", $name)),
            action_en: Msg::new(Lang::En, concat!("codes-rc-class-", $name, "-action")),
            action_zh: Msg::new(Lang::ZhCn, concat!("codes-rc-class-", $name, "-action")),
        }
    };
}

pub const APPROVED: RcClass = class!("approved", Unknown, None);
pub const ACCT_BALANCE: RcClass = class!("acct-balance", Acct, None);
pub const ACCT_STATUS: RcClass = class!("acct-status", Acct, Some(Family::Card));
pub const ACCT_PIN: RcClass = class!("acct-pin", Acct, None);
pub const CARD: RcClass = class!("card", Card, None);
pub const CARD_MISREAD: RcClass = class!("card-misread", Card, Some(Family::Tech));
pub const TECH: RcClass = class!("tech", Tech, None);
pub const BANK_POLICY: RcClass = class!("bank-policy", Bank, Some(Family::Acct));
pub const BANK_SYSTEM: RcClass = class!("bank-system", Bank, Some(Family::Net));
pub const TERM_SW: RcClass = class!("term-sw", TermSw, None);
pub const OFFLINE_DECLINED: RcClass = class!("offline-declined", TermSw, Some(Family::Net));

/// Every class, in the order of diagnosis.md §3.1.
pub const CLASSES: &[RcClass] = &[
    APPROVED,
    ACCT_BALANCE,
    ACCT_STATUS,
    ACCT_PIN,
    CARD,
    CARD_MISREAD,
    TECH,
    BANK_POLICY,
    BANK_SYSTEM,
    TERM_SW,
    OFFLINE_DECLINED,
];

/// An approval's class has no fault family: JSON says `null`, not `UNKNOWN` (which means "a
/// code the table does not know").
fn fault_family<S: serde::Serializer>(f: &Family, s: S) -> Result<S::Ok, S::Error> {
    match f {
        Family::Unknown => s.serialize_none(),
        f => s.serialize_some(f),
    }
}

/// What a response code means and whose fault it points to. The text fields are the
/// catalogue's messages (`codes-rc-XX`, its action) in English and Chinese; new code reads them
/// with [`RcInfo::meaning`] / [`RcInfo::action`] in the display language. Serialised with
/// `family: null` for an approval (nothing to place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RcInfo {
    /// The code exactly as received.
    pub code: String,
    pub meaning_en: &'static str,
    pub meaning_zh: &'static str,
    /// The code's class; `None` for a code not in the catalogue.
    pub class: Option<&'static RcClass>,
    /// Cause family (`Unknown` for approvals and unknown codes).
    pub family: Family,
    pub action_en: &'static str,
    pub action_zh: &'static str,
    pub approved: bool,
    /// Whether the code is in the catalogue.
    pub known: bool,
}

impl Serialize for RcInfo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RcInfo", 10)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("meaning_en", self.meaning_en)?;
        st.serialize_field("meaning_zh", self.meaning_zh)?;
        st.serialize_field("class", &self.class)?;
        let family = (!self.approved).then_some(self.family);
        st.serialize_field("family", &family)?;
        st.serialize_field("action_en", self.action_en)?;
        st.serialize_field("action_zh", self.action_zh)?;
        st.serialize_field("approved", &self.approved)?;
        st.serialize_field("known", &self.known)?;
        st.end()
    }
}

impl RcInfo {
    /// What the code means, in `lang`.
    pub fn meaning(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.meaning_en,
            Lang::ZhCn => self.meaning_zh,
        }
    }

    /// What the bench does next, in `lang`.
    pub fn action(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.action_en,
            Lang::ZhCn => self.action_zh,
        }
    }
}

/// One table row: the code, its class and its action's message id. The meaning's id is
/// `codes-rc-<code>`.
struct Row {
    code: &'static str,
    meaning: &'static str,
    class: RcClass,
    action: &'static str,
}

macro_rules! rc {
    ($c:literal, $class:expr, $act:literal) => {
        Row {
            code: $c,
            meaning: concat!("codes-rc-", $c),
            class: $class,
            action: $act,
        }
    };
}

/// The catalogue (CUPS / ISO 8583:1987 field 39 meanings).
static TABLE: &[Row] = &[
    rc!("00", APPROVED, "codes-rc-action-pass"),
    rc!("01", BANK_POLICY, "codes-rc-action-call-bank"),
    rc!("02", BANK_POLICY, "codes-rc-action-call-bank"),
    rc!("03", TERM_SW, "codes-rc-action-check-config"),
    rc!("04", ACCT_STATUS, "codes-rc-action-retain-card-call-bank"),
    rc!("05", BANK_POLICY, "codes-rc-action-call-bank"),
    rc!("06", BANK_POLICY, "codes-rc-action-call-bank"),
    rc!("07", ACCT_STATUS, "codes-rc-action-retain-card"),
    rc!("10", APPROVED, "codes-rc-action-pass-partial"),
    rc!("11", APPROVED, "codes-rc-action-pass"),
    rc!("12", TERM_SW, "codes-rc-action-check-de3"),
    rc!("13", TERM_SW, "codes-rc-action-check-de4"),
    rc!("14", CARD_MISREAD, "codes-rc-action-reread"),
    rc!("15", CARD_MISREAD, "codes-rc-action-reread"),
    rc!("19", BANK_SYSTEM, "codes-rc-action-bank-retry"),
    rc!("21", BANK_POLICY, "codes-rc-action-call-bank"),
    rc!("22", BANK_SYSTEM, "codes-rc-action-bank-retry"),
    rc!("25", TERM_SW, "codes-rc-action-check-stan-store"),
    rc!("30", TERM_SW, "codes-rc-action-packing"),
    rc!("31", BANK_SYSTEM, "codes-rc-action-check-bin-routing"),
    rc!("33", CARD, "codes-rc-action-check-expiry"),
    rc!("34", ACCT_STATUS, "codes-rc-action-call-bank"),
    rc!("38", ACCT_PIN, "codes-rc-action-call-bank"),
    rc!("40", TERM_SW, "codes-rc-action-check-config"),
    rc!("41", ACCT_STATUS, "codes-rc-action-retain-lost-stolen"),
    rc!("43", ACCT_STATUS, "codes-rc-action-retain-lost-stolen"),
    rc!("45", TECH, "codes-rc-action-insert-chip"),
    rc!("51", ACCT_BALANCE, "codes-rc-action-not-bench"),
    rc!("52", ACCT_BALANCE, "codes-rc-action-not-bench"),
    rc!("53", ACCT_BALANCE, "codes-rc-action-not-bench"),
    rc!("54", CARD, "codes-rc-action-check-expiry"),
    rc!("55", ACCT_PIN, "codes-rc-action-reenter-pin"),
    rc!("56", CARD_MISREAD, "codes-rc-action-reread"),
    rc!("57", ACCT_STATUS, "codes-rc-action-call-bank"),
    rc!("58", TERM_SW, "codes-rc-action-sign-on-profile"),
    rc!("59", ACCT_STATUS, "codes-rc-action-check-cryptogram"),
    rc!("61", ACCT_BALANCE, "codes-rc-action-not-bench"),
    rc!("62", ACCT_STATUS, "codes-rc-action-call-bank"),
    rc!("63", TERM_SW, "codes-rc-action-sign-on-keys"),
    rc!("64", TERM_SW, "codes-rc-action-packing"),
    rc!("65", ACCT_BALANCE, "codes-rc-action-not-bench"),
    rc!("68", BANK_SYSTEM, "codes-rc-action-check-reversal"),
    rc!("75", ACCT_PIN, "codes-rc-action-call-bank"),
    rc!("77", TERM_SW, "codes-rc-action-settle-sign-on"),
    rc!("90", BANK_SYSTEM, "codes-rc-action-cut-off-retry"),
    rc!("91", BANK_SYSTEM, "codes-rc-action-bank-retry"),
    rc!("92", BANK_SYSTEM, "codes-rc-action-check-network-route"),
    rc!("93", BANK_POLICY, "codes-rc-action-call-bank"),
    rc!("94", TERM_SW, "codes-rc-action-check-stan-increments"),
    rc!("95", TERM_SW, "codes-rc-action-settle-again"),
    rc!("96", BANK_SYSTEM, "codes-rc-action-bank-retry"),
    rc!("97", TERM_SW, "codes-rc-action-check-de41"),
    rc!("98", BANK_SYSTEM, "codes-rc-action-bank-retry"),
    rc!("99", TERM_SW, "codes-rc-action-sign-on-keys"),
    rc!("A0", TERM_SW, "codes-rc-action-sign-on-keys"),
    rc!("Y1", APPROVED, "codes-rc-action-pass"),
    rc!("Y3", APPROVED, "codes-rc-action-pass"),
    rc!("Z1", OFFLINE_DECLINED, "codes-rc-action-read-tvr-cid"),
    rc!("Z3", OFFLINE_DECLINED, "codes-rc-action-check-host-link"),
];

/// Looks a response code up (case-insensitive). Unknown codes come back verbatim with family
/// `Unknown`.
pub fn rc_info(rc: &str) -> RcInfo {
    let key = rc.trim().to_ascii_uppercase();
    match TABLE.iter().find(|r| r.code == key) {
        Some(r) => RcInfo {
            code: rc.to_string(),
            meaning_en: tr_static(Lang::En, r.meaning),
            meaning_zh: tr_static(Lang::ZhCn, r.meaning),
            class: CLASSES.iter().find(|c| c.name == r.class.name),
            family: r.class.family,
            action_en: tr_static(Lang::En, r.action),
            action_zh: tr_static(Lang::ZhCn, r.action),
            approved: r.class.name == APPROVED.name,
            known: true,
        },
        None => RcInfo {
            code: rc.to_string(),
            meaning_en: tr_static(Lang::En, "codes-rc-unknown"),
            meaning_zh: tr_static(Lang::ZhCn, "codes-rc-unknown"),
            class: None,
            family: Family::Unknown,
            action_en: tr_static(Lang::En, "codes-rc-unknown-action"),
            action_zh: tr_static(Lang::ZhCn, "codes-rc-unknown-action"),
            approved: false,
            known: false,
        },
    }
}

/// Whether a response code approves the transaction (`00`, `10`, `11`, `Y1`, `Y3`).
pub fn is_approved(rc: &str) -> bool {
    rc_info(rc).approved
}

/// The class of a code that declines (`None` for approvals and unknown codes).
pub fn decline_class(rc: &str) -> Option<&'static RcClass> {
    rc_info(rc).class.filter(|c| c.name != APPROVED.name)
}

/// Every catalogued code, in table order.
pub fn known_codes() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|r| r.code)
}

/// The codes of one class, in table order.
pub fn codes_of(class: &RcClass) -> impl Iterator<Item = &'static str> + '_ {
    TABLE
        .iter()
        .filter(move |r| r.class.name == class.name)
        .map(|r| r.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        assert_eq!(rc_info("91").family, Family::Bank);
        assert_eq!(rc_info("51").family, Family::Acct);
        assert_eq!(rc_info("45").family, Family::Tech);
        assert_eq!(rc_info("a0").family, Family::TermSw);
        assert!(rc_info("00").approved);
        let u = rc_info("Q7");
        assert_eq!(u.code, "Q7");
        assert_eq!(u.family, Family::Unknown);
        assert!(!u.known);
    }

    #[test]
    fn approvals_include_10_and_11() {
        for c in ["00", "10", "11", "Y1", "Y3"] {
            assert!(is_approved(c), "{c}");
            assert!(decline_class(c).is_none(), "{c}");
        }
        assert!(!is_approved("05"));
        assert_eq!(decline_class("91").map(|c| c.name), Some("bank-system"));
    }

    #[test]
    fn every_code_and_class_has_its_text_in_the_catalogue() {
        for lang in Lang::ALL {
            for r in TABLE {
                assert!(
                    crate::i18n::has(lang, r.meaning),
                    "{} {}",
                    lang.code(),
                    r.meaning
                );
                assert!(
                    crate::i18n::has(lang, r.action),
                    "{} {}",
                    lang.code(),
                    r.action
                );
            }
            for c in CLASSES {
                for m in [c.meaning_en, c.meaning_zh, c.action_en, c.action_zh] {
                    assert!(crate::i18n::has(lang, m.id()), "{} {}", lang.code(), m.id());
                }
            }
        }
    }

    #[test]
    fn text_comes_from_the_catalogue_in_both_languages() {
        let i = rc_info("05");
        assert_eq!(i.meaning_en, "do not honour");
        assert_eq!(i.meaning(Lang::ZhCn), "不予承兑");
        assert_eq!(i.action(Lang::En), "cardholder contacts the issuing bank");
        assert_eq!(i.action_zh, "持卡人联系发卡行");
        let u = rc_info("Q7");
        assert_eq!(u.meaning_en, "unknown response code (acquirer-specific)");
        assert_eq!(u.action(Lang::ZhCn), "查阅收单行的应答码表");
        assert_eq!(OFFLINE_DECLINED.action(Lang::En), "read TVR and CID");
        assert_eq!(
            BANK_SYSTEM.meaning_zh.to_string(),
            "发卡行或交换中心故障、超时或日终"
        );
        assert_eq!(
            format!("{}", TECH.meaning_en),
            "chip card swiped: use the chip"
        );
    }

    /// Session 6: one meaning for 00 in each language, and no cause family for an approval.
    #[test]
    fn approval_has_one_meaning_and_no_family() {
        let i = rc_info("00");
        assert_eq!(i.meaning_zh, "承兑或交易成功");
        assert_eq!(APPROVED.meaning(Lang::ZhCn), i.meaning_zh);
        assert_eq!(APPROVED.meaning(Lang::En), i.meaning_en);
        let j = serde_json::to_value(&i).unwrap();
        assert!(j["family"].is_null(), "{j}");
        assert!(j["class"]["family"].is_null(), "{j}");
        assert_eq!(j["class"]["meaning_zh"], "承兑或交易成功");
        let d = serde_json::to_value(rc_info("91")).unwrap();
        assert_eq!(d["family"], "BANK");
        assert_eq!(
            serde_json::to_value(rc_info("Q7")).unwrap()["family"],
            "UNKNOWN"
        );
    }

    #[test]
    fn every_code_once_every_class_used() {
        let mut seen = std::collections::BTreeSet::new();
        for c in known_codes() {
            assert!(seen.insert(c), "{c} twice");
        }
        for c in CLASSES {
            assert!(codes_of(c).next().is_some(), "{} has no code", c.name);
        }
    }
}
