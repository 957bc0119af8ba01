//! The ISO 8583:1987 field table as data: name, content kind, length type and maximum length
//! for every data element, plus the few places where the CUPS POS packing differs.

use super::Packing;
use crate::i18n::Lang;

/// What a field holds. Decides BCD vs ASCII in the CUPS packing and how a value is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Numeric digits (`n`): BCD in CUPS, ASCII digits in the ASCII packing.
    N,
    /// Track data (`z`): BCD nibbles in CUPS (`=` becomes `D`), text in ASCII.
    Z,
    /// Text (`a`, `an`, `ans`, `x+n`): ASCII in both packings.
    Ans,
    /// Binary (`b`): raw bytes in CUPS, upper-case hex text in the ASCII packing.
    B,
}

/// Fixed length, or a variable length with a 2- or 3-digit length prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LenType {
    Fixed,
    LlVar,
    LllVar,
}

/// One data element. `max` counts digits for `N`/`Z`, characters for `Ans`, bytes for `B`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub num: u8,
    pub name: &'static str,
    /// The name in Chinese (the China UnionPay POS specification's term), in the same row so
    /// the field has one source for its name in both languages.
    pub zh: &'static str,
    pub kind: Kind,
    pub len: LenType,
    pub max: u16,
}

use Kind::{Ans, B, N, Z};
use LenType::{Fixed as F, LlVar as LL, LllVar as LLL};

const fn f(
    num: u8,
    name: &'static str,
    zh: &'static str,
    kind: Kind,
    len: LenType,
    max: u16,
) -> FieldSpec {
    FieldSpec {
        num,
        name,
        zh,
        kind,
        len,
        max,
    }
}

/// ISO 8583:1987 fields 1–128 (index = number − 1). Names and maximum lengths follow
/// pyiso8583's `default_ascii` spec, so the ASCII packing matches it (binary fields there are
/// hex text of twice the byte length).
#[rustfmt::skip] // one row per field: number, name, Chinese name, kind, length type, max
pub static FIELDS: [FieldSpec; 128] = [
    f(1, "Bitmap, Secondary", "第二位图", B, F, 8),
    f(2, "Primary Account Number (PAN)", "主账号（PAN）", N, LL, 19),
    f(3, "Processing Code", "交易处理码", N, F, 6),
    f(4, "Amount, Transaction", "交易金额", N, F, 12),
    f(5, "Amount, Settlement", "清算金额", N, F, 12),
    f(6, "Amount, Cardholder Billing", "持卡人扣账金额", N, F, 12),
    f(7, "Transmission Date and Time", "交易传输时间", N, F, 10),
    f(8, "Amount, Cardholder Billing Fee", "持卡人扣账手续费金额", N, F, 8),
    f(9, "Conversion Rate, Settlement", "清算汇率", N, F, 8),
    f(10, "Conversion Rate, Cardholder Billing", "持卡人扣账汇率", N, F, 8),
    f(11, "System Trace Audit Number", "受卡方系统跟踪号（STAN）", N, F, 6),
    f(12, "Time, Local Transaction", "受卡方所在地时间", N, F, 6),
    f(13, "Date, Local Transaction", "受卡方所在地日期", N, F, 4),
    f(14, "Date, Expiration", "卡有效期", N, F, 4),
    f(15, "Date, Settlement", "清算日期", N, F, 4),
    f(16, "Date, Conversion", "兑换日期", N, F, 4),
    f(17, "Date, Capture", "获取日期", N, F, 4),
    f(18, "Merchant Type", "商户类型", N, F, 4),
    f(19, "Acquiring Institution Country Code", "受理机构国家代码", N, F, 3),
    f(20, "PAN Country Code", "主账号国家代码", N, F, 3),
    f(21, "Forwarding Institution Country Code", "发送机构国家代码", N, F, 3),
    f(22, "Point-of-Service Entry Mode", "服务点输入方式码", N, F, 3),
    f(23, "PAN Sequence Number", "卡序列号", N, F, 3),
    f(24, "Network International ID (NII)", "网络国际标识符（NII）", N, F, 3),
    f(25, "Point-of-Service Condition Code", "服务点条件码", N, F, 2),
    f(26, "Point-of-Service Capture Code", "服务点 PIN 获取码", N, F, 2),
    f(27, "Authorizing ID Response Length", "授权标识应答码长度", N, F, 1),
    f(28, "Amount, Transaction Fee", "交易费金额", Ans, F, 9),
    f(29, "Amount, Settlement Fee", "清算费金额", Ans, F, 9),
    f(30, "Amount, Transaction Processing Fee", "交易处理费金额", Ans, F, 9),
    f(31, "Amount, Settlement Processing Fee", "清算处理费金额", Ans, F, 9),
    f(32, "Acquiring Institution ID Code", "受理机构标识码", N, LL, 11),
    f(33, "Forwarding Institution ID Code", "发送机构标识码", N, LL, 11),
    f(34, "Primary Account Number, Extended", "扩展主账号", Ans, LL, 28),
    f(35, "Track 2 Data", "第二磁道数据", Z, LL, 37),
    f(36, "Track 3 Data", "第三磁道数据", Z, LLL, 104),
    f(37, "Retrieval Reference Number", "检索参考号", Ans, F, 12),
    f(38, "Authorization ID Response", "授权标识应答码", Ans, F, 6),
    f(39, "Response Code", "应答码", Ans, F, 2),
    f(40, "Service Restriction Code", "服务限制码", Ans, F, 3),
    f(41, "Card Acceptor Terminal ID", "受卡机终端标识码", Ans, F, 8),
    f(42, "Card Acceptor ID Code", "受卡方标识码", Ans, F, 15),
    f(43, "Card Acceptor Name/Location", "受卡方名称地址", Ans, F, 40),
    f(44, "Additional Response Data", "附加响应数据", Ans, LL, 25),
    f(45, "Track 1 Data", "第一磁道数据", Ans, LL, 76),
    f(46, "Additional Data - ISO", "附加数据－ISO", Ans, LLL, 999),
    f(47, "Additional Data - National", "附加数据－国家", Ans, LLL, 999),
    f(48, "Additional Data - Private", "附加数据－私有", Ans, LLL, 999),
    f(49, "Currency Code, Transaction", "交易货币代码", Ans, F, 3),
    f(50, "Currency Code, Settlement", "清算货币代码", Ans, F, 3),
    f(51, "Currency Code, Cardholder Billing", "持卡人账户货币代码", Ans, F, 3),
    f(52, "PIN", "个人标识码数据（PIN）", B, F, 8),
    f(53, "Security-Related Control Information", "安全控制信息", N, F, 16),
    f(54, "Additional Amounts", "附加金额", Ans, LLL, 240),
    f(55, "ICC data", "IC 卡数据域", B, LLL, 255),
    f(56, "Reserved ISO", "ISO 保留", Ans, LLL, 999),
    f(57, "Reserved National", "国家保留", Ans, LLL, 999),
    f(58, "Reserved National", "国家保留", Ans, LLL, 999),
    f(59, "Reserved National", "国家保留", Ans, LLL, 999),
    f(60, "Reserved National", "国家保留", Ans, LLL, 999),
    f(61, "Reserved Private", "私有保留", Ans, LLL, 999),
    f(62, "Reserved Private", "私有保留", Ans, LLL, 999),
    f(63, "Reserved Private", "私有保留", Ans, LLL, 999),
    f(64, "MAC", "报文鉴别码（MAC）", B, F, 8),
    f(65, "Bitmap, Extended", "扩展位图", B, F, 8),
    f(66, "Settlement Code", "清算代码", N, F, 1),
    f(67, "Extended Payment Code", "扩展支付代码", N, F, 2),
    f(68, "Receiving Institution Country Code", "接收机构国家代码", N, F, 3),
    f(69, "Settlement Institution Country Code", "清算机构国家代码", N, F, 3),
    f(70, "Network Management Information Code", "网络管理信息码", N, F, 3),
    f(71, "Message Number", "报文编号", N, F, 4),
    f(72, "Message Number, Last", "最后报文编号", N, F, 4),
    f(73, "Date, Action", "处理日期", N, F, 6),
    f(74, "Credits, Number", "贷记交易笔数", N, F, 10),
    f(75, "Credits, Reversal Number", "贷记冲正交易笔数", N, F, 10),
    f(76, "Debits, Number", "借记交易笔数", N, F, 10),
    f(77, "Debits, Reversal Number", "借记冲正交易笔数", N, F, 10),
    f(78, "Transfer, Number", "转账交易笔数", N, F, 10),
    f(79, "Transfer, Reversal Number", "转账冲正交易笔数", N, F, 10),
    f(80, "Inquiries, Number", "查询交易笔数", N, F, 10),
    f(81, "Authorizations, Number", "授权交易笔数", N, F, 10),
    f(82, "Credits, Processing Fee Amount", "贷记处理费金额", N, F, 12),
    f(83, "Credits, Transaction Fee Amount", "贷记交易费金额", N, F, 12),
    f(84, "Debits, Processing Fee Amount", "借记处理费金额", N, F, 12),
    f(85, "Debits, Transaction Fee Amount", "借记交易费金额", N, F, 12),
    f(86, "Credits, Amount", "贷记交易金额", N, F, 16),
    f(87, "Credits, Reversal Amount", "贷记冲正金额", N, F, 16),
    f(88, "Debits, Amount", "借记交易金额", N, F, 16),
    f(89, "Debits, Reversal Amount", "借记冲正金额", N, F, 16),
    f(90, "Original Data Elements", "原始数据元", N, F, 42),
    f(91, "File Update Code", "文件更新码", Ans, F, 1),
    f(92, "File Security Code", "文件安全码", Ans, F, 2),
    f(93, "Response Indicator", "响应指示符", Ans, F, 5),
    f(94, "Service Indicator", "服务指示符", Ans, F, 7),
    f(95, "Replacement Amounts", "替换金额", Ans, F, 42),
    f(96, "Message Security Code", "报文安全码", B, F, 8),
    f(97, "Amount, Net Settlement", "净清算金额", Ans, F, 17),
    f(98, "Payee", "收款方", Ans, F, 25),
    f(99, "Settlement Institution ID Code", "清算机构标识码", N, LL, 11),
    f(100, "Receiving Institution ID Code", "接收机构标识码", N, LL, 11),
    f(101, "File Name", "文件名", Ans, LL, 17),
    f(102, "Account ID 1", "账户标识 1", Ans, LL, 28),
    f(103, "Account ID 2", "账户标识 2", Ans, LL, 28),
    f(104, "Transaction Description", "交易描述", Ans, LLL, 100),
    f(105, "Reserved for ISO Use", "ISO 保留", Ans, LLL, 999),
    f(106, "Reserved for ISO Use", "ISO 保留", Ans, LLL, 999),
    f(107, "Reserved for ISO Use", "ISO 保留", Ans, LLL, 999),
    f(108, "Reserved for ISO Use", "ISO 保留", Ans, LLL, 999),
    f(109, "Reserved for ISO Use", "ISO 保留", Ans, LLL, 999),
    f(110, "Reserved for ISO Use", "ISO 保留", Ans, LLL, 999),
    f(111, "Reserved for ISO Use", "ISO 保留", Ans, LLL, 999),
    f(112, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(113, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(114, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(115, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(116, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(117, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(118, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(119, "Reserved for National Use", "国家保留", Ans, LLL, 999),
    f(120, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(121, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(122, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(123, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(124, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(125, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(126, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(127, "Reserved for Private Use", "私有保留", Ans, LLL, 999),
    f(128, "MAC", "报文鉴别码（MAC）", B, F, 8),
];

/// Where the China UnionPay POS packing departs from the 1987 table (protocols.md §6.2, §6.7):
/// 48, 60 and 61 are BCD numerics there.
#[rustfmt::skip]
static CUPS_OVERRIDES: [FieldSpec; 3] = [
    f(48, "Additional Data - Private", "附加数据－私有", N, LLL, 999),
    f(60, "Reserved National (CUPS: transaction type, batch, network code)", "自定义域（交易类型码、批次号、网络管理信息码）", N, LLL, 17),
    f(61, "Reserved Private (CUPS: original transaction)", "原始信息域", N, LLL, 29),
];

/// The spec of field `num` (1–128) in this packing; `None` outside 1–128.
pub fn field_spec(num: u8, packing: Packing) -> Option<&'static FieldSpec> {
    if num == 0 || num > 128 {
        return None;
    }
    if packing == Packing::Cups {
        if let Some(o) = CUPS_OVERRIDES.iter().find(|o| o.num == num) {
            return Some(o);
        }
    }
    FIELDS.get(usize::from(num) - 1)
}

/// Whether an odd-digit BCD value of this field is left-aligned (pad nibble last) in the CUPS
/// packing. Only DE22 among the fixed-length fields is; variable-length numerics (LLVAR/LLLVAR:
/// DE2, DE32, DE35, DE48, DE60…) are left-aligned too. Every other fixed-length `n` field with
/// an odd number of digits (DE23 n3 card sequence number, DE19, DE24, DE70…) is ordinary
/// right-aligned BCD: `00 01` is `001` (CUPS POS specification, China UnionPay 2.x §4).
pub fn cups_left_aligned(spec: &FieldSpec) -> bool {
    spec.len != LenType::Fixed || spec.num == 22
}

/// The field's name (packing-independent).
pub fn field_name(num: u8) -> &'static str {
    field_spec(num, Packing::Ascii)
        .map(|s| s.name)
        .unwrap_or("(no such field)")
}

impl FieldSpec {
    /// The name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name,
            Lang::ZhCn => self.zh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_number() {
        for (i, s) in FIELDS.iter().enumerate() {
            assert_eq!(usize::from(s.num), i + 1);
        }
    }
}
