//! Field 39 response codes (protocols.md §6.5, diagnosis.md §3.1): the one catalogue every part
//! of the bench uses — `decode`, the host simulator and client, the checklist, the diagnosis
//! and `summarize`. Each code has its meaning in English and Chinese, its class (which gives
//! the cause family and the alternative the grouping rules may choose), whether it approves,
//! and the bench's next action. Unknown codes are kept verbatim with family `Unknown`.
//!
//! Approvals are `00`, `10` (approved for a partial amount), `11` (approved, VIP), `Y1` and
//! `Y3`: ISO 8583:1987 field 39 lists 10 and 11 among the approval codes and the CUPS POS
//! specification files them as 承兑 (approved), so neither is a fault to place.

use crate::model::Family;
use serde::Serialize;

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

/// One catalogue row: code, meaning (en, zh), class, action (en, zh).
struct Row {
    code: &'static str,
    en: &'static str,
    zh: &'static str,
    class: RcClass,
    action: (&'static str, &'static str),
}

macro_rules! rc {
    ($c:expr, $en:expr, $zh:expr, $class:expr, $act:expr) => {
        Row {
            code: $c,
            en: $en,
            zh: $zh,
            class: $class,
            action: $act,
        }
    };
}

const BANK_RETRY: (&str, &str) = (
    "retry later; count failures per issuer BIN",
    "稍后重试；按发卡行BIN统计失败",
);
const CALL_BANK: (&str, &str) = ("cardholder contacts the issuing bank", "持卡人联系发卡行");
const SIGN_ON: (&str, &str) = ("sign on again (keys out of sync)", "重新签到（密钥不同步）");
const CHECK_CONFIG: (&str, &str) = (
    "check terminal/merchant registration and parameters",
    "检查终端/商户注册和参数",
);
const PACKING: (&str, &str) = (
    "diff the message against the spec/oracle (packing bug)",
    "对照规范检查报文（打包错误）",
);
const NOT_BENCH: (&str, &str) = ("account state: not a bench fault", "账户状态：非终端故障");
const REREAD: (&str, &str) = (
    "re-read the card; check Luhn, track LRC and the BIN table",
    "重新读卡；检查Luhn校验、磁道LRC和BIN表",
);

/// The catalogue (CUPS / ISO 8583:1987 field 39 meanings).
static TABLE: &[Row] = &[
    rc!(
        "00",
        "approved",
        "承兑或交易成功",
        APPROVED,
        ("pass", "通过")
    ),
    rc!(
        "01",
        "refer to card issuer",
        "查发卡方",
        BANK_POLICY,
        CALL_BANK
    ),
    rc!(
        "02",
        "refer to card issuer, special condition",
        "查发卡方的特殊条件",
        BANK_POLICY,
        CALL_BANK
    ),
    rc!("03", "invalid merchant", "无效商户", TERM_SW, CHECK_CONFIG),
    rc!(
        "04",
        "pick up card",
        "没收卡",
        ACCT_STATUS,
        (
            "retain the card per policy; cardholder to bank",
            "按规定没收卡；持卡人联系银行"
        )
    ),
    rc!("05", "do not honour", "不予承兑", BANK_POLICY, CALL_BANK),
    rc!("06", "error", "出错", BANK_POLICY, CALL_BANK),
    rc!(
        "07",
        "pick up card, special condition",
        "特殊条件下没收卡",
        ACCT_STATUS,
        ("retain the card per policy", "按规定没收卡")
    ),
    rc!(
        "10",
        "approved for partial amount",
        "部分金额批准",
        APPROVED,
        ("pass (partial amount)", "通过（部分金额）")
    ),
    rc!(
        "11",
        "approved (VIP)",
        "重要人物批准（VIP）",
        APPROVED,
        ("pass", "通过")
    ),
    rc!(
        "12",
        "invalid transaction",
        "无效交易",
        TERM_SW,
        (
            "check DE3 / 60.1 and the card product",
            "检查3域/60.1域和卡产品"
        )
    ),
    rc!(
        "13",
        "invalid amount",
        "无效金额",
        TERM_SW,
        ("check DE4 packing", "检查4域打包")
    ),
    rc!(
        "14",
        "invalid card number",
        "无效卡号（无此号）",
        CARD_MISREAD,
        REREAD
    ),
    rc!("15", "no such issuer", "无此发卡方", CARD_MISREAD, REREAD),
    rc!(
        "19",
        "re-enter transaction",
        "重新送入交易",
        BANK_SYSTEM,
        BANK_RETRY
    ),
    rc!(
        "21",
        "no action taken",
        "不能采取行动",
        BANK_POLICY,
        CALL_BANK
    ),
    rc!(
        "22",
        "suspected malfunction",
        "故障怀疑",
        BANK_SYSTEM,
        BANK_RETRY
    ),
    rc!(
        "25",
        "unable to locate original transaction",
        "找不到原始交易",
        TERM_SW,
        (
            "check the STAN/batch store (61)",
            "检查流水号/批次号存储（61域）"
        )
    ),
    rc!("30", "format error", "格式错误", TERM_SW, PACKING),
    rc!(
        "31",
        "bank not supported by switch",
        "交换中心不支持的银行",
        BANK_SYSTEM,
        ("check routing for this BIN", "检查该BIN的路由")
    ),
    rc!(
        "33",
        "expired card",
        "过期的卡",
        CARD,
        ("check the track expiry / tag 5F24", "检查磁道有效期/5F24")
    ),
    rc!(
        "34",
        "suspected fraud",
        "有作弊嫌疑",
        ACCT_STATUS,
        CALL_BANK
    ),
    rc!(
        "38",
        "PIN tries exceeded",
        "超过允许的PIN试输入",
        ACCT_PIN,
        CALL_BANK
    ),
    rc!(
        "40",
        "function not supported",
        "请求的功能尚不支持",
        TERM_SW,
        CHECK_CONFIG
    ),
    rc!(
        "41",
        "lost card",
        "挂失卡",
        ACCT_STATUS,
        ("retain; cardholder to bank", "没收；持卡人联系银行")
    ),
    rc!(
        "43",
        "stolen card",
        "被窃卡",
        ACCT_STATUS,
        ("retain; cardholder to bank", "没收；持卡人联系银行")
    ),
    rc!(
        "45",
        "use chip card",
        "请使用IC卡",
        TECH,
        (
            "insert the card (chip card was swiped)",
            "请插卡（芯片卡被刷卡）"
        )
    ),
    rc!(
        "51",
        "insufficient funds",
        "资金不足",
        ACCT_BALANCE,
        NOT_BENCH
    ),
    rc!(
        "52",
        "no cheque account",
        "无此支票账户",
        ACCT_BALANCE,
        NOT_BENCH
    ),
    rc!(
        "53",
        "no savings account",
        "无此储蓄卡账户",
        ACCT_BALANCE,
        NOT_BENCH
    ),
    rc!(
        "54",
        "expired card",
        "过期的卡",
        CARD,
        ("check the track expiry / tag 5F24", "检查磁道有效期/5F24")
    ),
    rc!(
        "55",
        "incorrect PIN",
        "密码错",
        ACCT_PIN,
        ("re-enter the PIN", "重新输入密码")
    ),
    rc!("56", "no card record", "无此卡记录", CARD_MISREAD, REREAD),
    rc!(
        "57",
        "transaction not permitted to cardholder",
        "不允许持卡人进行的交易",
        ACCT_STATUS,
        CALL_BANK
    ),
    rc!(
        "58",
        "transaction not permitted to terminal",
        "不允许终端进行的交易",
        TERM_SW,
        ("sign on; check the terminal profile", "签到；检查终端配置")
    ),
    rc!(
        "59",
        "suspected fraud",
        "有作弊嫌疑",
        ACCT_STATUS,
        (
            "check the chip data (cryptogram); cardholder to bank",
            "检查芯片数据（密文）；持卡人联系银行"
        )
    ),
    rc!(
        "61",
        "exceeds amount limit",
        "超出金额限制",
        ACCT_BALANCE,
        NOT_BENCH
    ),
    rc!(
        "62",
        "restricted card",
        "受限制的卡",
        ACCT_STATUS,
        CALL_BANK
    ),
    rc!("63", "security violation", "侵犯安全", TERM_SW, SIGN_ON),
    rc!(
        "64",
        "original amount incorrect",
        "原始金额错误",
        TERM_SW,
        PACKING
    ),
    rc!(
        "65",
        "exceeds frequency limit",
        "超出取款次数限制",
        ACCT_BALANCE,
        NOT_BENCH
    ),
    rc!(
        "68",
        "response received too late",
        "交易超时",
        BANK_SYSTEM,
        ("check the reversal logic; retry", "检查冲正逻辑；重试")
    ),
    rc!(
        "75",
        "PIN tries exceeded",
        "允许的输入PIN次数超限",
        ACCT_PIN,
        CALL_BANK
    ),
    rc!(
        "77",
        "batch number differs from the centre",
        "POS批次与网络中心不一致",
        TERM_SW,
        ("settle, then sign on", "结算后重新签到")
    ),
    rc!(
        "90",
        "cut-off in progress",
        "正在日终处理",
        BANK_SYSTEM,
        (
            "bank maintenance window: retry in a few minutes",
            "银行日终处理：几分钟后重试"
        )
    ),
    rc!(
        "91",
        "issuer or switch inoperative",
        "发卡方或交换中心不能操作",
        BANK_SYSTEM,
        BANK_RETRY
    ),
    rc!(
        "92",
        "routing error, institution unreachable",
        "金融机构或中间网络设施找不到或无法达到",
        BANK_SYSTEM,
        ("check the network route", "检查网络路由")
    ),
    rc!(
        "93",
        "violation of law",
        "交易违法、不能完成",
        BANK_POLICY,
        CALL_BANK
    ),
    rc!(
        "94",
        "duplicate transmission",
        "重复交易",
        TERM_SW,
        ("check that the STAN increments", "检查流水号是否递增")
    ),
    rc!(
        "95",
        "reconcile error",
        "核对差错",
        TERM_SW,
        ("settle again", "重新结算")
    ),
    rc!(
        "96",
        "system malfunction",
        "系统异常、失效",
        BANK_SYSTEM,
        BANK_RETRY
    ),
    rc!(
        "97",
        "terminal not found",
        "ATM/POS终端号找不到",
        TERM_SW,
        ("check DE41 registration", "检查41域终端号注册")
    ),
    rc!(
        "98",
        "switch got no reply from the issuer",
        "交换中心收不到发卡方应答",
        BANK_SYSTEM,
        BANK_RETRY
    ),
    rc!("99", "PIN format error", "PIN格式错", TERM_SW, SIGN_ON),
    rc!("A0", "MAC check failed", "MAC鉴别失败", TERM_SW, SIGN_ON),
    rc!(
        "Y1",
        "offline approved",
        "脱机交易成功",
        APPROVED,
        ("pass", "通过")
    ),
    rc!(
        "Y3",
        "unable to go online, approved offline",
        "无法联机，脱机批准",
        APPROVED,
        ("pass", "通过")
    ),
    rc!(
        "Z1",
        "offline declined",
        "脱机交易失败",
        OFFLINE_DECLINED,
        ("read TVR and CID", "查看TVR和CID")
    ),
    rc!(
        "Z3",
        "unable to go online, declined",
        "无法联机，脱机拒绝",
        OFFLINE_DECLINED,
        ("check the host link", "检查主机链路")
    ),
];

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
