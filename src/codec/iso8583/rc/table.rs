//! The response-code table itself: one row per field 39 code with its meanings, class and
//! action (CUPS POS specification, ISO 8583:1987 field 39).

use super::*;

/// One catalogue row: code, meaning (en, zh), class, action (en, zh).
pub(super) struct Row {
    pub code: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub class: RcClass,
    pub action: (&'static str, &'static str),
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
pub(super) static TABLE: &[Row] = &[
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
