//! Field 39 response codes (protocols.md §6.5) with meanings in English and Chinese, the cause
//! family of diagnosis.md §3.1 and the bench's next action. Unknown codes are kept verbatim
//! with family `Unknown`.

use crate::family::Family;
use serde::Serialize;

/// What a response code means and whose fault it points to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RcInfo {
    /// The code exactly as received.
    pub code: String,
    pub meaning_en: &'static str,
    pub meaning_zh: &'static str,
    /// Cause family. For approvals (`00`, `Y1`, `Y3`) it is `Unknown` and
    /// `approved` is true: there is no fault to place.
    pub family: Family,
    pub action_en: &'static str,
    pub action_zh: &'static str,
    pub approved: bool,
    /// Whether the code is in the catalogue.
    pub known: bool,
}

use Family::{Acct, Bank, Card, Net, Tech, TermSw, Unknown};

type Row = (
    &'static str,
    &'static str,
    &'static str,
    Family,
    &'static str,
    &'static str,
);

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

macro_rules! row {
    ($c:expr, $en:expr, $zh:expr, $fam:expr, $act:expr) => {
        ($c, $en, $zh, $fam, $act.0, $act.1)
    };
}

/// The catalogue. Families follow diagnosis.md §3.1 (BANK/NET system codes lean BANK except
/// routing and late-response codes, which lean NET).
static TABLE: &[Row] = &[
    row!(
        "00",
        "approved",
        "承兑或交易成功",
        Unknown,
        ("pass", "通过")
    ),
    row!("01", "refer to card issuer", "查发卡方", Bank, CALL_BANK),
    row!(
        "02",
        "refer to card issuer, special condition",
        "查发卡方的特殊条件",
        Bank,
        CALL_BANK
    ),
    row!("03", "invalid merchant", "无效商户", TermSw, CHECK_CONFIG),
    row!(
        "04",
        "pick up card",
        "没收卡",
        Acct,
        (
            "retain the card per policy; cardholder to bank",
            "按规定没收卡；持卡人联系银行"
        )
    ),
    row!("05", "do not honour", "不予承兑", Bank, CALL_BANK),
    row!("06", "error", "出错", Bank, CALL_BANK),
    row!(
        "07",
        "pick up card, special condition",
        "特殊条件下没收卡",
        Acct,
        ("retain the card per policy", "按规定没收卡")
    ),
    row!("10", "partial approval", "部分金额批准", Acct, NOT_BENCH),
    row!(
        "12",
        "invalid transaction",
        "无效交易",
        TermSw,
        (
            "check DE3 / 60.1 and the card product",
            "检查3域/60.1域和卡产品"
        )
    ),
    row!(
        "13",
        "invalid amount",
        "无效金额",
        TermSw,
        ("check DE4 packing", "检查4域打包")
    ),
    row!(
        "14",
        "invalid card number",
        "无效卡号（无此号）",
        Card,
        REREAD
    ),
    row!("15", "no such issuer", "无此发卡方", Card, REREAD),
    row!(
        "19",
        "re-enter transaction",
        "重新送入交易",
        Bank,
        BANK_RETRY
    ),
    row!("21", "no action taken", "不能采取行动", Bank, CALL_BANK),
    row!("22", "suspected malfunction", "故障怀疑", Bank, BANK_RETRY),
    row!(
        "25",
        "unable to locate original transaction",
        "找不到原始交易",
        TermSw,
        (
            "check the STAN/batch store (61)",
            "检查流水号/批次号存储（61域）"
        )
    ),
    row!("30", "format error", "格式错误", TermSw, PACKING),
    row!(
        "31",
        "bank not supported by switch",
        "交换中心不支持的银行",
        Net,
        ("check routing for this BIN", "检查该BIN的路由")
    ),
    row!(
        "33",
        "expired card",
        "过期的卡",
        Card,
        ("check the track expiry / tag 5F24", "检查磁道有效期/5F24")
    ),
    row!("34", "suspected fraud", "有作弊嫌疑", Acct, CALL_BANK),
    row!(
        "38",
        "PIN tries exceeded",
        "超过允许的PIN试输入",
        Acct,
        CALL_BANK
    ),
    row!(
        "40",
        "function not supported",
        "请求的功能尚不支持",
        TermSw,
        CHECK_CONFIG
    ),
    row!(
        "41",
        "lost card",
        "挂失卡",
        Acct,
        ("retain; cardholder to bank", "没收；持卡人联系银行")
    ),
    row!(
        "43",
        "stolen card",
        "被窃卡",
        Acct,
        ("retain; cardholder to bank", "没收；持卡人联系银行")
    ),
    row!(
        "45",
        "use chip card",
        "请使用IC卡",
        Tech,
        (
            "insert the card (chip card was swiped)",
            "请插卡（芯片卡被刷卡）"
        )
    ),
    row!("51", "insufficient funds", "资金不足", Acct, NOT_BENCH),
    row!("52", "no cheque account", "无此支票账户", Acct, NOT_BENCH),
    row!(
        "53",
        "no savings account",
        "无此储蓄卡账户",
        Acct,
        NOT_BENCH
    ),
    row!(
        "54",
        "expired card",
        "过期的卡",
        Card,
        ("check the track expiry / tag 5F24", "检查磁道有效期/5F24")
    ),
    row!(
        "55",
        "incorrect PIN",
        "密码错",
        Acct,
        ("re-enter the PIN", "重新输入密码")
    ),
    row!("56", "no card record", "无此卡记录", Card, REREAD),
    row!(
        "57",
        "transaction not permitted to cardholder",
        "不允许持卡人进行的交易",
        Acct,
        CALL_BANK
    ),
    row!(
        "58",
        "transaction not permitted to terminal",
        "不允许终端进行的交易",
        TermSw,
        ("sign on; check the terminal profile", "签到；检查终端配置")
    ),
    row!(
        "59",
        "suspected fraud",
        "有作弊嫌疑",
        Acct,
        (
            "check the chip data (cryptogram); cardholder to bank",
            "检查芯片数据（密文）；持卡人联系银行"
        )
    ),
    row!(
        "61",
        "exceeds amount limit",
        "超出金额限制",
        Acct,
        NOT_BENCH
    ),
    row!("62", "restricted card", "受限制的卡", Acct, CALL_BANK),
    row!("63", "security violation", "侵犯安全", TermSw, SIGN_ON),
    row!(
        "64",
        "original amount incorrect",
        "原始金额错误",
        TermSw,
        PACKING
    ),
    row!(
        "65",
        "exceeds frequency limit",
        "超出取款次数限制",
        Acct,
        NOT_BENCH
    ),
    row!(
        "68",
        "response received too late",
        "交易超时",
        Net,
        ("check the reversal logic; retry", "检查冲正逻辑；重试")
    ),
    row!(
        "75",
        "PIN tries exceeded",
        "允许的输入PIN次数超限",
        Acct,
        CALL_BANK
    ),
    row!(
        "77",
        "batch number differs from the centre",
        "POS批次与网络中心不一致",
        TermSw,
        ("settle, then sign on", "结算后重新签到")
    ),
    row!(
        "90",
        "cut-off in progress",
        "正在日终处理",
        Bank,
        (
            "bank maintenance window: retry in a few minutes",
            "银行日终处理：几分钟后重试"
        )
    ),
    row!(
        "91",
        "issuer or switch inoperative",
        "发卡方或交换中心不能操作",
        Bank,
        BANK_RETRY
    ),
    row!(
        "92",
        "routing error, institution unreachable",
        "金融机构或中间网络设施找不到或无法达到",
        Net,
        ("check the network route", "检查网络路由")
    ),
    row!(
        "93",
        "violation of law",
        "交易违法、不能完成",
        Bank,
        CALL_BANK
    ),
    row!(
        "94",
        "duplicate transmission",
        "重复交易",
        TermSw,
        ("check that the STAN increments", "检查流水号是否递增")
    ),
    row!(
        "95",
        "reconcile error",
        "核对差错",
        TermSw,
        ("settle again", "重新结算")
    ),
    row!(
        "96",
        "system malfunction",
        "系统异常、失效",
        Bank,
        BANK_RETRY
    ),
    row!(
        "97",
        "terminal not found",
        "ATM/POS终端号找不到",
        TermSw,
        ("check DE41 registration", "检查41域终端号注册")
    ),
    row!(
        "98",
        "switch got no reply from the issuer",
        "交换中心收不到发卡方应答",
        Bank,
        BANK_RETRY
    ),
    row!("99", "PIN format error", "PIN格式错", TermSw, SIGN_ON),
    row!("A0", "MAC check failed", "MAC鉴别失败", TermSw, SIGN_ON),
    row!(
        "Y1",
        "offline approved",
        "脱机交易成功",
        Unknown,
        ("pass", "通过")
    ),
    row!(
        "Y3",
        "unable to go online, approved offline",
        "无法联机，脱机批准",
        Unknown,
        ("pass", "通过")
    ),
    row!(
        "Z1",
        "offline declined",
        "脱机交易失败",
        Card,
        ("read TVR and CID", "查看TVR和CID")
    ),
    row!(
        "Z3",
        "unable to go online, declined",
        "无法联机，脱机拒绝",
        Net,
        ("check the host link", "检查主机链路")
    ),
];

/// Looks a response code up. Unknown codes come back verbatim with family `Unknown`.
pub fn rc_info(rc: &str) -> RcInfo {
    let key = rc.trim().to_ascii_uppercase();
    match TABLE.iter().find(|r| r.0 == key) {
        Some(&(code, en, zh, family, aen, azh)) => RcInfo {
            code: rc.to_string(),
            meaning_en: en,
            meaning_zh: zh,
            family,
            action_en: aen,
            action_zh: azh,
            approved: matches!(code, "00" | "Y1" | "Y3"),
            known: true,
        },
        None => RcInfo {
            code: rc.to_string(),
            meaning_en: "unknown response code (acquirer-specific)",
            meaning_zh: "未知应答码（收单机构自定义）",
            family: Unknown,
            action_en: "look the code up in the acquirer's table",
            action_zh: "查阅收单机构的应答码表",
            approved: false,
            known: false,
        },
    }
}

/// Every catalogued code, in table order.
pub fn known_codes() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|r| r.0)
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
}
