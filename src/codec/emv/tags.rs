//! The EMV tag dictionary: names and formats of the data objects in EMV 4.3 Book 3 Annex A,
//! plus the PBOC and contactless tags a China POS commonly shows.

use crate::i18n::{tr_static, Lang};

/// Name and format of a tag. `format` follows EMV notation: `b` binary, `n` numeric BCD,
/// `cn` compressed numeric (`F`-padded), `a`/`an`/`ans` text, `tpl` constructed template;
/// followed by the length in bytes where the specification fixes it (`n6 (3)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagInfo {
    /// The EMV name (English).
    pub name: &'static str,
    /// The name in Chinese (PBOC 3.0, JR/T 0025, where it names the tag), in the same row so
    /// the tag has one source for its name in both languages.
    pub zh: &'static str,
    pub format: &'static str,
}

/// Broad value class derived from the format, which decides display and DOL padding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueClass {
    Binary,
    Numeric,
    CompressedNumeric,
    Text,
    Template,
}

impl TagInfo {
    pub fn class(&self) -> ValueClass {
        let f = self.format;
        if f.starts_with("tpl") {
            ValueClass::Template
        } else if f.starts_with("cn") {
            ValueClass::CompressedNumeric
        } else if f.starts_with('n') {
            ValueClass::Numeric
        } else if f.starts_with('a') {
            ValueClass::Text
        } else {
            ValueClass::Binary
        }
    }
}

macro_rules! tags {
    ($(($tag:expr, $name:expr, $zh:expr, $fmt:expr)),* $(,)?) => {
        /// Every tag the dictionary knows (1-byte tags first, then 2-byte tags).
        pub const TAGS: &[(u32, TagInfo)] = &[
            $(($tag, TagInfo { name: $name, zh: $zh, format: $fmt }),)*
        ];
    };
}

// One row per tag: tag, EMV name, Chinese name, format.
#[rustfmt::skip]
tags![
    (0x42, "Issuer Identification Number (IIN)", "发卡行标识号（IIN）", "n6 (3)"),
    (0x4F, "Application Identifier (ADF Name)", "应用标识符（AID）", "b 5-16"),
    (0x50, "Application Label", "应用标签", "ans 1-16"),
    (0x56, "Track 1 Data", "磁道 1 数据", "ans <=76"),
    (0x57, "Track 2 Equivalent Data", "磁道 2 等效数据", "b <=19"),
    (0x5A, "Application PAN", "应用主账号（PAN）", "cn <=10"),
    (0x61, "Application Template", "应用模板", "tpl"),
    (0x6F, "File Control Information (FCI) Template", "文件控制信息（FCI）模板", "tpl"),
    (0x70, "READ RECORD Response Message Template", "读记录响应报文模板", "tpl"),
    (0x71, "Issuer Script Template 1", "发卡行脚本模板 1", "tpl"),
    (0x72, "Issuer Script Template 2", "发卡行脚本模板 2", "tpl"),
    (0x73, "Directory Discretionary Template", "目录自定义模板", "tpl"),
    (0x77, "Response Message Template Format 2", "响应报文模板格式 2", "tpl"),
    (0x80, "Response Message Template Format 1", "响应报文模板格式 1", "b"),
    (0x81, "Amount, Authorised (Binary)", "授权金额（二进制）", "b4 (4)"),
    (0x82, "Application Interchange Profile", "应用交互特征（AIP）", "b (2)"),
    (0x83, "Command Template", "命令模板", "b"),
    (0x84, "Dedicated File (DF) Name", "专用文件（DF）名称", "b 5-16"),
    (0x86, "Issuer Script Command", "发卡行脚本命令", "b <=261"),
    (0x87, "Application Priority Indicator", "应用优先指示器", "b (1)"),
    (0x88, "Short File Identifier (SFI)", "短文件标识符（SFI）", "b (1)"),
    (0x89, "Authorisation Code", "授权码", "an6 (6)"),
    (0x8A, "Authorisation Response Code", "授权响应码", "an2 (2)"),
    (0x8C, "Card Risk Management Data Object List 1 (CDOL1)", "卡片风险管理数据对象列表 1（CDOL1）", "b <=252"),
    (0x8D, "Card Risk Management Data Object List 2 (CDOL2)", "卡片风险管理数据对象列表 2（CDOL2）", "b <=252"),
    (0x8E, "Cardholder Verification Method (CVM) List", "持卡人验证方法（CVM）列表", "b 10-252"),
    (0x8F, "Certification Authority Public Key Index", "认证中心公钥索引", "b (1)"),
    (0x90, "Issuer Public Key Certificate", "发卡行公钥证书", "b"),
    (0x91, "Issuer Authentication Data", "发卡行认证数据", "b 8-16"),
    (0x92, "Issuer Public Key Remainder", "发卡行公钥余项", "b"),
    (0x93, "Signed Static Application Data", "签名的静态应用数据", "b"),
    (0x94, "Application File Locator (AFL)", "应用文件定位器（AFL）", "b 4n"),
    (0x95, "Terminal Verification Results", "终端验证结果（TVR）", "b (5)"),
    (0x97, "Transaction Certificate Data Object List (TDOL)", "交易证书数据对象列表（TDOL）", "b <=252"),
    (0x98, "Transaction Certificate (TC) Hash Value", "交易证书（TC）哈希值", "b (20)"),
    (0x99, "Transaction Personal Identification Number (PIN) Data", "交易个人识别码（PIN）数据", "b"),
    (0x9A, "Transaction Date", "交易日期", "n6 YYMMDD (3)"),
    (0x9B, "Transaction Status Information", "交易状态信息（TSI）", "b (2)"),
    (0x9C, "Transaction Type", "交易类型", "n2 (1)"),
    (0x9D, "Directory Definition File (DDF) Name", "目录定义文件（DDF）名称", "b 5-16"),
    (0xA5, "File Control Information (FCI) Proprietary Template", "文件控制信息（FCI）专用模板", "tpl"),
    (0x5F20, "Cardholder Name", "持卡人姓名", "ans 2-26"),
    (0x5F24, "Application Expiration Date", "应用失效日期", "n6 YYMMDD (3)"),
    (0x5F25, "Application Effective Date", "应用生效日期", "n6 YYMMDD (3)"),
    (0x5F28, "Issuer Country Code", "发卡行国家代码", "n3 (2)"),
    (0x5F2A, "Transaction Currency Code", "交易货币代码", "n3 (2)"),
    (0x5F2D, "Language Preference", "首选语言", "an 2-8"),
    (0x5F30, "Service Code", "服务码", "n3 (2)"),
    (0x5F34, "Application PAN Sequence Number", "应用主账号序列号", "n2 (1)"),
    (0x5F36, "Transaction Currency Exponent", "交易货币指数", "n1 (1)"),
    (0x5F50, "Issuer URL", "发卡行网址", "ans"),
    (0x5F53, "International Bank Account Number (IBAN)", "国际银行账号（IBAN）", "b <=34"),
    (0x5F54, "Bank Identifier Code (BIC)", "银行识别代码（BIC）", "b 8-11"),
    (0x5F55, "Issuer Country Code (alpha2 format)", "发卡行国家代码（2 位字母）", "a2 (2)"),
    (0x5F56, "Issuer Country Code (alpha3 format)", "发卡行国家代码（3 位字母）", "a3 (3)"),
    (0x5F57, "Account Type", "账户类型", "n2 (1)"),
    (0x9F01, "Acquirer Identifier", "收单行标识", "n6-11 (6)"),
    (0x9F02, "Amount, Authorised (Numeric)", "授权金额（数值）", "n12 (6)"),
    (0x9F03, "Amount, Other (Numeric)", "其他金额（数值）", "n12 (6)"),
    (0x9F04, "Amount, Other (Binary)", "其他金额（二进制）", "b4 (4)"),
    (0x9F05, "Application Discretionary Data", "应用自定义数据", "b 1-32"),
    (0x9F06, "Application Identifier (AID) - terminal", "应用标识符（AID）－终端", "b 5-16"),
    (0x9F07, "Application Usage Control", "应用用途控制（AUC）", "b (2)"),
    (0x9F08, "Application Version Number (card)", "应用版本号（卡片）", "b (2)"),
    (0x9F09, "Application Version Number (terminal)", "应用版本号（终端）", "b (2)"),
    (0x9F0B, "Cardholder Name Extended", "持卡人姓名扩展", "ans 27-45"),
    (0x9F0D, "Issuer Action Code - Default", "发卡行行为代码－缺省", "b (5)"),
    (0x9F0E, "Issuer Action Code - Denial", "发卡行行为代码－拒绝", "b (5)"),
    (0x9F0F, "Issuer Action Code - Online", "发卡行行为代码－联机", "b (5)"),
    (0x9F10, "Issuer Application Data", "发卡行应用数据", "b <=32"),
    (0x9F11, "Issuer Code Table Index", "发卡行代码表索引", "n2 (1)"),
    (0x9F12, "Application Preferred Name", "应用首选名称", "ans 1-16"),
    (0x9F13, "Last Online Application Transaction Counter (ATC) Register", "上次联机应用交易计数器（ATC）寄存器", "b (2)"),
    (0x9F14, "Lower Consecutive Offline Limit", "连续脱机交易下限", "b (1)"),
    (0x9F15, "Merchant Category Code", "商户类别码", "n4 (2)"),
    (0x9F16, "Merchant Identifier", "商户标识", "ans15 (15)"),
    (0x9F17, "Personal Identification Number (PIN) Try Counter", "个人识别码（PIN）尝试计数器", "b (1)"),
    (0x9F18, "Issuer Script Identifier", "发卡行脚本标识", "b (4)"),
    (0x9F19, "Token Requestor ID", "令牌请求方标识", "n11 (6)"),
    (0x9F1A, "Terminal Country Code", "终端国家代码", "n3 (2)"),
    (0x9F1B, "Terminal Floor Limit", "终端最低限额", "b (4)"),
    (0x9F1C, "Terminal Identification", "终端标识", "an8 (8)"),
    (0x9F1D, "Terminal Risk Management Data", "终端风险管理数据", "b 1-8"),
    (0x9F1E, "Interface Device (IFD) Serial Number", "接口设备（IFD）序列号", "an8 (8)"),
    (0x9F1F, "Track 1 Discretionary Data", "磁道 1 自定义数据", "ans"),
    (0x9F20, "Track 2 Discretionary Data", "磁道 2 自定义数据", "cn"),
    (0x9F21, "Transaction Time", "交易时间", "n6 HHMMSS (3)"),
    (0x9F22, "Certification Authority Public Key Index (terminal)", "认证中心公钥索引（终端）", "b (1)"),
    (0x9F23, "Upper Consecutive Offline Limit", "连续脱机交易上限", "b (1)"),
    (0x9F24, "Payment Account Reference (PAR)", "支付账户参考号（PAR）", "an29 (29)"),
    (0x9F25, "Last 4 Digits of PAN", "主账号后 4 位", "n4 (2)"),
    (0x9F26, "Application Cryptogram", "应用密文", "b (8)"),
    (0x9F27, "Cryptogram Information Data", "密文信息数据（CID）", "b (1)"),
    (0x9F2D, "ICC PIN Encipherment Public Key Certificate", "IC 卡 PIN 加密公钥证书", "b"),
    (0x9F2E, "ICC PIN Encipherment Public Key Exponent", "IC 卡 PIN 加密公钥指数", "b 1-3"),
    (0x9F2F, "ICC PIN Encipherment Public Key Remainder", "IC 卡 PIN 加密公钥余项", "b"),
    (0x9F32, "Issuer Public Key Exponent", "发卡行公钥指数", "b 1-3"),
    (0x9F33, "Terminal Capabilities", "终端性能", "b (3)"),
    (0x9F34, "Cardholder Verification Method (CVM) Results", "持卡人验证方法（CVM）结果", "b (3)"),
    (0x9F35, "Terminal Type", "终端类型", "n2 (1)"),
    (0x9F36, "Application Transaction Counter (ATC)", "应用交易计数器（ATC）", "b (2)"),
    (0x9F37, "Unpredictable Number", "不可预知数", "b (4)"),
    (0x9F38, "Processing Options Data Object List (PDOL)", "处理选项数据对象列表（PDOL）", "b"),
    (0x9F39, "Point-of-Service (POS) Entry Mode", "服务点输入方式", "n2 (1)"),
    (0x9F3A, "Amount, Reference Currency", "参考货币金额", "b (4)"),
    (0x9F3B, "Application Reference Currency", "应用参考货币", "n3 (2-8)"),
    (0x9F3C, "Transaction Reference Currency Code", "交易参考货币代码", "n3 (2)"),
    (0x9F3D, "Transaction Reference Currency Exponent", "交易参考货币指数", "n1 (1)"),
    (0x9F40, "Additional Terminal Capabilities", "附加终端性能", "b (5)"),
    (0x9F41, "Transaction Sequence Counter", "交易序列计数器", "n4-8 (2-4)"),
    (0x9F42, "Application Currency Code", "应用货币代码", "n3 (2)"),
    (0x9F43, "Application Reference Currency Exponent", "应用参考货币指数", "n1 (1-4)"),
    (0x9F44, "Application Currency Exponent", "应用货币指数", "n1 (1)"),
    (0x9F45, "Data Authentication Code", "数据认证码", "b (2)"),
    (0x9F46, "ICC Public Key Certificate", "IC 卡公钥证书", "b"),
    (0x9F47, "ICC Public Key Exponent", "IC 卡公钥指数", "b 1-3"),
    (0x9F48, "ICC Public Key Remainder", "IC 卡公钥余项", "b"),
    (0x9F49, "Dynamic Data Authentication Data Object List (DDOL)", "动态数据认证数据对象列表（DDOL）", "b <=252"),
    (0x9F4A, "Static Data Authentication Tag List", "静态数据认证标签列表", "b"),
    (0x9F4B, "Signed Dynamic Application Data", "签名的动态应用数据", "b"),
    (0x9F4C, "ICC Dynamic Number", "IC 卡动态数", "b 2-8"),
    (0x9F4D, "Log Entry", "日志入口", "b (2)"),
    (0x9F4E, "Merchant Name and Location", "商户名称和位置", "ans"),
    (0x9F4F, "Log Format", "日志格式", "b"),
    (0x9F51, "Application Currency Code (PBOC/Visa proprietary)", "应用货币代码（PBOC/Visa 专有）", "n3 (2)"),
    (0x9F53, "Transaction Category Code", "交易类别码", "an1 (1)"),
    // PBOC 3.0 (JR/T 0025) and UnionPay IC card tags.
    (0x9F52, "Application Default Action (ADA) (PBOC)", "应用缺省行为（ADA）（PBOC）", "b (2)"),
    (0x9F54, "Cumulative Total Transaction Amount Limit (PBOC)", "累计交易总金额限制（PBOC）", "n12 (6)"),
    (0x9F56, "Issuer Authentication Indicator (PBOC)", "发卡行认证指示位（PBOC）", "b (1)"),
    (0x9F57, "Issuer Country Code (PBOC)", "发卡行国家代码（PBOC）", "n3 (2)"),
    (0x9F58, "Lower Consecutive Offline Limit (PBOC)", "连续脱机交易下限（PBOC）", "b (1)"),
    (0x9F59, "Upper Consecutive Offline Limit (PBOC)", "连续脱机交易上限（PBOC）", "b (1)"),
    (0x9F5C, "Cumulative Total Transaction Amount Upper Limit (PBOC)", "累计交易总金额上限（PBOC）", "n12 (6)"),
    (0x9F63, "Card Product Identification Information (PBOC/UnionPay)", "卡产品标识信息（PBOC/银联）", "b (16)"),
    (0x9F68, "Card Additional Processes (qPBOC)", "卡片附加处理（qPBOC）", "b (4)"),
    (0x9F69, "Card Authentication Related Data (UnionPay fDDA)", "卡片认证相关数据（银联 fDDA）", "b 5-16"),
    (0x9F6D, "Electronic Cash Reset Threshold (PBOC)", "电子现金重置阈值（PBOC）", "n12 (6)"),
    (0x9F77, "Electronic Cash Balance Limit (PBOC)", "电子现金余额上限（PBOC）", "n12 (6)"),
    (0x9F78, "Electronic Cash Single Transaction Limit (PBOC)", "电子现金单笔交易限额（PBOC）", "n12 (6)"),
    (0x9F75, "Cumulative Total Transaction Amount Limit - Dual Currency (PBOC/Visa)", "累计交易总金额限制－双货币（PBOC）", "n12 (6)"),
    (0x9F76, "Secondary Application Currency Code (PBOC/Visa)", "第二应用货币代码（PBOC）", "n3 (2)"),
    (0xDF4D, "Load Log Entry (PBOC electronic cash)", "圈存日志入口（PBOC 电子现金）", "b (2)"),
    (0xDF4F, "Load Log Format (PBOC electronic cash)", "圈存日志格式（PBOC 电子现金）", "b"),
    (0xDF60, "CAPP Transaction Indicator (PBOC)", "CAPP 交易指示位（PBOC）", "b (1)"),
    (0xDF61, "Segmented Charging Application Identifier (PBOC)", "分段扣费应用标识（PBOC）", "b (1)"),
    (0xDF62, "Electronic Cash Segmented Charging Deduction Limit (PBOC)", "电子现金分段扣费抵扣限额（PBOC）", "n12 (6)"),
    (0xDF63, "Electronic Cash Segmented Charging Amount Deducted (PBOC)", "电子现金分段扣费已抵扣额（PBOC）", "n12 (6)"),
    (0xDF69, "SM Algorithm Support Indicator (PBOC, SM2/SM3/SM4)", "SM 算法支持指示器（PBOC，SM2/SM3/SM4）", "b (1)"),
    (0xDF31, "Issuer Script Results (PBOC/UnionPay)", "发卡行脚本结果（PBOC/银联）", "b"),
    // The terminal's action codes as CUPS IC parameters carry them (docs/terminal.md).
    (0xDF11, "Terminal Action Code - Default (UnionPay IC parameter)", "终端行为代码－缺省（银联 IC 卡参数）", "b (5)"),
    (0xDF12, "Terminal Action Code - Online (UnionPay IC parameter)", "终端行为代码－联机（银联 IC 卡参数）", "b (5)"),
    (0xDF13, "Terminal Action Code - Denial (UnionPay IC parameter)", "终端行为代码－拒绝（银联 IC 卡参数）", "b (5)"),
    (0x9F5D, "Available Offline Spending Amount", "可用脱机消费金额", "n12 (6)"),
    (0x9F60, "CVC3 (Track 1)", "CVC3（磁道 1）", "b (2)"),
    // Tags whose meaning differs between the EMV contactless kernels and PBOC name both. 9F61
    // holds the cardholder's ID number on a PBOC card: personal data, never shown (policy).
    (0x9F61, "Cardholder ID Number (PBOC) / CVC3 (Track 2) (Mastercard contactless)", "持卡人证件号（PBOC）／CVC3（磁道 2）（Mastercard 非接）", "b"),
    (0x9F62, "Cardholder ID Type (PBOC) / PCVC3 (Track 1) (Mastercard contactless)", "持卡人证件类型（PBOC）／PCVC3（磁道 1）（Mastercard 非接）", "b"),
    (0x9F67, "NATC (Track 2) (Mastercard contactless) / MSD Offset (Visa)", "NATC（磁道 2）（Mastercard 非接）／MSD 偏移量（Visa）", "b (1)"),
    (0x9F5A, "Issuer URL2 (PBOC) / Application Program Identifier (Visa)", "发卡行 URL2（PBOC）／应用计划标识符（Visa）", "b"),
    (0x9F7D, "DS Summary 1 (Mastercard data storage)", "数据存储摘要 1（Mastercard）", "b"),
    (0x9F66, "Terminal Transaction Qualifiers (TTQ)", "终端交易属性（TTQ）", "b (4)"),
    (0x9F6B, "Track 2 Data (contactless)", "磁道 2 数据（非接触）", "b <=19"),
    (0x9F6C, "Card Transaction Qualifiers (CTQ)", "卡片交易属性（CTQ）", "b (2)"),
    (0x9F6E, "Form Factor Indicator / Third Party Data", "外形因子指示器／第三方数据", "b"),
    (0x9F74, "VLP Issuer Authorisation Code (electronic cash)", "电子现金发卡行授权码", "a6 (6)"),
    (0x9F79, "VLP Available Funds (electronic cash balance)", "电子现金可用余额", "n12 (6)"),
    (0x9F7A, "VLP Terminal Support Indicator (electronic cash)", "电子现金终端支持指示器", "b (1)"),
    (0x9F7B, "VLP Terminal Transaction Limit (electronic cash)", "电子现金终端交易限额", "n12 (6)"),
    (0x9F7C, "Customer Exclusive Data", "客户专用数据", "b <=32"),
    (0xBF0C, "File Control Information (FCI) Issuer Discretionary Data", "文件控制信息（FCI）发卡行自定义数据", "tpl"),
];

/// Looks a tag up in the dictionary.
pub fn tag_info(tag: u32) -> Option<TagInfo> {
    TAGS.iter().find(|(t, _)| *t == tag).map(|(_, i)| *i)
}

/// The tag's name, or `"unknown tag"`.
pub fn tag_name(tag: u32) -> &'static str {
    tag_name_in(tag, Lang::En)
}

impl TagInfo {
    /// The value length in bytes the format allows, `(min, max)` inclusive: from `(N)` or
    /// `(A-B)` when the format gives the byte length in parentheses (`n6 (3)`), else from a
    /// trailing `A-B` or `<=N` (`b 8-16`, `b <=252`). `None` when the format sets no bound
    /// (`b`, `tpl`, `b 4n`).
    pub fn length(&self) -> Option<(usize, usize)> {
        let f = self.format;
        let range = match (f.find('('), f.rfind(')')) {
            (Some(open), Some(close)) if open < close => &f[open + 1..close],
            _ => f.rsplit(' ').next().filter(|t| *t != f)?,
        };
        let num = |t: &str| t.parse::<usize>().ok();
        if let Some(max) = range.strip_prefix("<=") {
            return Some((0, num(max)?));
        }
        match range.split_once('-') {
            Some((lo, hi)) => Some((num(lo)?, num(hi)?)),
            None => num(range).map(|n| (n, n)),
        }
    }

    /// The name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name,
            Lang::ZhCn => self.zh,
        }
    }
}

/// [`tag_name`] in `lang` (`未知标签` for an unknown tag in Chinese).
pub fn tag_name_in(tag: u32, lang: Lang) -> &'static str {
    tag_info(tag).map_or_else(|| tr_static(lang, "codes-tag-unknown"), |i| i.name_in(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_come_from_the_format() {
        let len = |format| {
            TagInfo {
                name: "",
                zh: "",
                format,
            }
            .length()
        };
        assert_eq!(len("b 8-16"), Some((8, 16)));
        assert_eq!(len("n6 YYMMDD (3)"), Some((3, 3)));
        assert_eq!(len("n3 (2-8)"), Some((2, 8)));
        assert_eq!(len("b <=252"), Some((0, 252)));
        assert_eq!(len("ans 2-26"), Some((2, 26)));
        assert_eq!(len("n6-11 (6)"), Some((6, 6)));
        for none in ["b", "tpl", "b 4n", "ans"] {
            assert_eq!(len(none), None, "{none}");
        }
        // Every row of the dictionary reads: a bound, or none.
        for (tag, info) in TAGS {
            if let Some((lo, hi)) = info.length() {
                assert!(lo <= hi, "{tag:X} {}", info.format);
            }
        }
    }
}
