//! Field 39 response codes (protocols.md §6.5, diagnosis.md §3.1): the one catalogue every part
//! of the bench uses — `decode`, the host simulator and client, the checklist, the diagnosis
//! and `summarize`. Each code has its meaning in English and Chinese, its class (which gives
//! the cause family and the alternative the grouping rules may choose), whether it approves,
//! and the bench's next action. Unknown codes are kept verbatim with family `Unknown`.
//!
//! Approvals are `00`, `10` (approved for a partial amount), `11` (approved, VIP), `Y1` and
//! `Y3`: ISO 8583:1987 field 39 lists 10 and 11 among the approval codes and the CUPS POS
//! specification files them as 承兑 (approved), so neither is a fault to place.

mod table;

use crate::model::Family;
use serde::Serialize;
use table::TABLE;

/// A class of response codes that point to the same place (diagnosis.md §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RcClass {
    /// `approved`, `acct-balance`, `bank-system`, …
    pub name: &'static str,
    /// Cause family; `Unknown` for approvals (nothing to place).
    pub family: Family,
    /// The other family the code alone allows (the cross-card rules decide).
    pub alt: Option<Family>,
    pub meaning_en: &'static str,
    pub meaning_zh: &'static str,
    pub action_en: &'static str,
    pub action_zh: &'static str,
}

macro_rules! class {
    ($name:expr, $fam:ident, $alt:expr, $men:expr, $mzh:expr, $aen:expr, $azh:expr) => {
        RcClass {
            name: $name,
            family: Family::$fam,
            alt: $alt,
            meaning_en: $men,
            meaning_zh: $mzh,
            action_en: $aen,
            action_zh: $azh,
        }
    };
}

pub const APPROVED: RcClass =
    class!("approved", Unknown, None, "approved", "批准", "pass", "通过");
pub const ACCT_BALANCE: RcClass = class!(
    "acct-balance",
    Acct,
    None,
    "balance or limits",
    "余额或限额",
    "not a bench fault",
    "非终端故障"
);
pub const ACCT_STATUS: RcClass = class!(
    "acct-status",
    Acct,
    Some(Family::Card),
    "account restricted, lost, stolen or flagged",
    "账户受限、挂失、被窃或风险标记",
    "cardholder to the bank; not a bench fault",
    "持卡人联系银行；非终端故障"
);
pub const ACCT_PIN: RcClass = class!(
    "acct-pin",
    Acct,
    None,
    "PIN wrong or tries exceeded",
    "密码错误或超次数",
    "not a bench fault",
    "非终端故障"
);
pub const CARD: RcClass = class!(
    "card",
    Card,
    None,
    "expired card",
    "过期卡",
    "check the track expiry / 5F24; replace the card",
    "检查磁道有效期 / 5F24；换卡"
);
pub const CARD_MISREAD: RcClass = class!(
    "card-misread",
    Card,
    Some(Family::Tech),
    "invalid card number or unknown issuer",
    "无效卡号或无此发卡方",
    "re-read; check Luhn, LRC and the BIN table",
    "重读；检查 Luhn、LRC 和 BIN 表"
);
pub const TECH: RcClass = class!(
    "tech",
    Tech,
    None,
    "chip card swiped: use the chip",
    "请使用IC卡",
    "insert the card",
    "请插卡"
);
pub const BANK_POLICY: RcClass = class!(
    "bank-policy",
    Bank,
    Some(Family::Acct),
    "issuer declines or refers",
    "发卡行拒绝或要求查询",
    "cardholder contacts the bank",
    "持卡人联系发卡行"
);
pub const BANK_SYSTEM: RcClass = class!(
    "bank-system",
    Bank,
    Some(Family::Net),
    "issuer or switch down, late or in cut-off",
    "发卡行或交换中心故障、超时或日终",
    "retry later; compare issuers (one bank → that bank, all → network)",
    "稍后重试；比较各发卡行（单一银行→该行系统，全部→网络）"
);
pub const TERM_SW: RcClass = class!(
    "term-sw",
    TermSw,
    None,
    "terminal registration, sign-on, packing or keys",
    "终端登记、签到、打包或密钥问题",
    "sign on again; check DE41/42 and the message packing",
    "重新签到；检查 41/42 域和报文打包"
);
pub const OFFLINE_DECLINED: RcClass = class!(
    "offline-declined",
    TermSw,
    Some(Family::Net),
    "declined offline",
    "脱机拒绝",
    "read TVR and CID",
    "查看 TVR 和 CID"
);

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

/// What a response code means and whose fault it points to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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

/// Looks a response code up (case-insensitive). Unknown codes come back verbatim with family
/// `Unknown`.
pub fn rc_info(rc: &str) -> RcInfo {
    let key = rc.trim().to_ascii_uppercase();
    match TABLE.iter().find(|r| r.code == key) {
        Some(r) => RcInfo {
            code: rc.to_string(),
            meaning_en: r.en,
            meaning_zh: r.zh,
            class: CLASSES.iter().find(|c| c.name == r.class.name),
            family: r.class.family,
            action_en: r.action.0,
            action_zh: r.action.1,
            approved: r.class.name == APPROVED.name,
            known: true,
        },
        None => RcInfo {
            code: rc.to_string(),
            meaning_en: "unknown response code (acquirer-specific)",
            meaning_zh: "未知应答码（收单机构自定义）",
            class: None,
            family: Family::Unknown,
            action_en: "look the code up in the acquirer's table",
            action_zh: "查阅收单机构的应答码表",
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
