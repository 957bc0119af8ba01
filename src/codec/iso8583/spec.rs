//! The ISO 8583:1987 field table as data: name, content kind, length type and maximum length
//! for every data element, plus the few places where the CUPS POS packing differs.

use super::Packing;

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
    pub kind: Kind,
    pub len: LenType,
    pub max: u16,
}

use Kind::{Ans, B, N, Z};
use LenType::{Fixed as F, LlVar as LL, LllVar as LLL};

const fn f(num: u8, name: &'static str, kind: Kind, len: LenType, max: u16) -> FieldSpec {
    FieldSpec {
        num,
        name,
        kind,
        len,
        max,
    }
}

/// ISO 8583:1987 fields 1–128 (index = number − 1). Names and maximum lengths follow
/// pyiso8583's `default_ascii` spec, so the ASCII packing matches it (binary fields there are
/// hex text of twice the byte length).
pub static FIELDS: [FieldSpec; 128] = [
    f(1, "Bitmap, Secondary", B, F, 8),
    f(2, "Primary Account Number (PAN)", N, LL, 19),
    f(3, "Processing Code", N, F, 6),
    f(4, "Amount, Transaction", N, F, 12),
    f(5, "Amount, Settlement", N, F, 12),
    f(6, "Amount, Cardholder Billing", N, F, 12),
    f(7, "Transmission Date and Time", N, F, 10),
    f(8, "Amount, Cardholder Billing Fee", N, F, 8),
    f(9, "Conversion Rate, Settlement", N, F, 8),
    f(10, "Conversion Rate, Cardholder Billing", N, F, 8),
    f(11, "System Trace Audit Number", N, F, 6),
    f(12, "Time, Local Transaction", N, F, 6),
    f(13, "Date, Local Transaction", N, F, 4),
    f(14, "Date, Expiration", N, F, 4),
    f(15, "Date, Settlement", N, F, 4),
    f(16, "Date, Conversion", N, F, 4),
    f(17, "Date, Capture", N, F, 4),
    f(18, "Merchant Type", N, F, 4),
    f(19, "Acquiring Institution Country Code", N, F, 3),
    f(20, "PAN Country Code", N, F, 3),
    f(21, "Forwarding Institution Country Code", N, F, 3),
    f(22, "Point-of-Service Entry Mode", N, F, 3),
    f(23, "PAN Sequence Number", N, F, 3),
    f(24, "Network International ID (NII)", N, F, 3),
    f(25, "Point-of-Service Condition Code", N, F, 2),
    f(26, "Point-of-Service Capture Code", N, F, 2),
    f(27, "Authorizing ID Response Length", N, F, 1),
    f(28, "Amount, Transaction Fee", Ans, F, 9),
    f(29, "Amount, Settlement Fee", Ans, F, 9),
    f(30, "Amount, Transaction Processing Fee", Ans, F, 9),
    f(31, "Amount, Settlement Processing Fee", Ans, F, 9),
    f(32, "Acquiring Institution ID Code", N, LL, 11),
    f(33, "Forwarding Institution ID Code", N, LL, 11),
    f(34, "Primary Account Number, Extended", Ans, LL, 28),
    f(35, "Track 2 Data", Z, LL, 37),
    f(36, "Track 3 Data", Z, LLL, 104),
    f(37, "Retrieval Reference Number", Ans, F, 12),
    f(38, "Authorization ID Response", Ans, F, 6),
    f(39, "Response Code", Ans, F, 2),
    f(40, "Service Restriction Code", Ans, F, 3),
    f(41, "Card Acceptor Terminal ID", Ans, F, 8),
    f(42, "Card Acceptor ID Code", Ans, F, 15),
    f(43, "Card Acceptor Name/Location", Ans, F, 40),
    f(44, "Additional Response Data", Ans, LL, 25),
    f(45, "Track 1 Data", Ans, LL, 76),
    f(46, "Additional Data - ISO", Ans, LLL, 999),
    f(47, "Additional Data - National", Ans, LLL, 999),
    f(48, "Additional Data - Private", Ans, LLL, 999),
    f(49, "Currency Code, Transaction", Ans, F, 3),
    f(50, "Currency Code, Settlement", Ans, F, 3),
    f(51, "Currency Code, Cardholder Billing", Ans, F, 3),
    f(52, "PIN", B, F, 8),
    f(53, "Security-Related Control Information", N, F, 16),
    f(54, "Additional Amounts", Ans, LLL, 240),
    f(55, "ICC data", B, LLL, 255),
    f(56, "Reserved ISO", Ans, LLL, 999),
    f(57, "Reserved National", Ans, LLL, 999),
    f(58, "Reserved National", Ans, LLL, 999),
    f(59, "Reserved National", Ans, LLL, 999),
    f(60, "Reserved National", Ans, LLL, 999),
    f(61, "Reserved Private", Ans, LLL, 999),
    f(62, "Reserved Private", Ans, LLL, 999),
    f(63, "Reserved Private", Ans, LLL, 999),
    f(64, "MAC", B, F, 8),
    f(65, "Bitmap, Extended", B, F, 8),
    f(66, "Settlement Code", N, F, 1),
    f(67, "Extended Payment Code", N, F, 2),
    f(68, "Receiving Institution Country Code", N, F, 3),
    f(69, "Settlement Institution Country Code", N, F, 3),
    f(70, "Network Management Information Code", N, F, 3),
    f(71, "Message Number", N, F, 4),
    f(72, "Message Number, Last", N, F, 4),
    f(73, "Date, Action", N, F, 6),
    f(74, "Credits, Number", N, F, 10),
    f(75, "Credits, Reversal Number", N, F, 10),
    f(76, "Debits, Number", N, F, 10),
    f(77, "Debits, Reversal Number", N, F, 10),
    f(78, "Transfer, Number", N, F, 10),
    f(79, "Transfer, Reversal Number", N, F, 10),
    f(80, "Inquiries, Number", N, F, 10),
    f(81, "Authorizations, Number", N, F, 10),
    f(82, "Credits, Processing Fee Amount", N, F, 12),
    f(83, "Credits, Transaction Fee Amount", N, F, 12),
    f(84, "Debits, Processing Fee Amount", N, F, 12),
    f(85, "Debits, Transaction Fee Amount", N, F, 12),
    f(86, "Credits, Amount", N, F, 16),
    f(87, "Credits, Reversal Amount", N, F, 16),
    f(88, "Debits, Amount", N, F, 16),
    f(89, "Debits, Reversal Amount", N, F, 16),
    f(90, "Original Data Elements", N, F, 42),
    f(91, "File Update Code", Ans, F, 1),
    f(92, "File Security Code", Ans, F, 2),
    f(93, "Response Indicator", Ans, F, 5),
    f(94, "Service Indicator", Ans, F, 7),
    f(95, "Replacement Amounts", Ans, F, 42),
    f(96, "Message Security Code", B, F, 8),
    f(97, "Amount, Net Settlement", Ans, F, 17),
    f(98, "Payee", Ans, F, 25),
    f(99, "Settlement Institution ID Code", N, LL, 11),
    f(100, "Receiving Institution ID Code", N, LL, 11),
    f(101, "File Name", Ans, LL, 17),
    f(102, "Account ID 1", Ans, LL, 28),
    f(103, "Account ID 2", Ans, LL, 28),
    f(104, "Transaction Description", Ans, LLL, 100),
    f(105, "Reserved for ISO Use", Ans, LLL, 999),
    f(106, "Reserved for ISO Use", Ans, LLL, 999),
    f(107, "Reserved for ISO Use", Ans, LLL, 999),
    f(108, "Reserved for ISO Use", Ans, LLL, 999),
    f(109, "Reserved for ISO Use", Ans, LLL, 999),
    f(110, "Reserved for ISO Use", Ans, LLL, 999),
    f(111, "Reserved for ISO Use", Ans, LLL, 999),
    f(112, "Reserved for National Use", Ans, LLL, 999),
    f(113, "Reserved for National Use", Ans, LLL, 999),
    f(114, "Reserved for National Use", Ans, LLL, 999),
    f(115, "Reserved for National Use", Ans, LLL, 999),
    f(116, "Reserved for National Use", Ans, LLL, 999),
    f(117, "Reserved for National Use", Ans, LLL, 999),
    f(118, "Reserved for National Use", Ans, LLL, 999),
    f(119, "Reserved for National Use", Ans, LLL, 999),
    f(120, "Reserved for Private Use", Ans, LLL, 999),
    f(121, "Reserved for Private Use", Ans, LLL, 999),
    f(122, "Reserved for Private Use", Ans, LLL, 999),
    f(123, "Reserved for Private Use", Ans, LLL, 999),
    f(124, "Reserved for Private Use", Ans, LLL, 999),
    f(125, "Reserved for Private Use", Ans, LLL, 999),
    f(126, "Reserved for Private Use", Ans, LLL, 999),
    f(127, "Reserved for Private Use", Ans, LLL, 999),
    f(128, "MAC", B, F, 8),
];

/// Where the China UnionPay POS packing departs from the 1987 table (protocols.md §6.2, §6.7):
/// 48, 60 and 61 are BCD numerics there.
static CUPS_OVERRIDES: [FieldSpec; 3] = [
    f(48, "Additional Data - Private", N, LLL, 999),
    f(
        60,
        "Reserved National (CUPS: transaction type, batch, network code)",
        N,
        LLL,
        17,
    ),
    f(
        61,
        "Reserved Private (CUPS: original transaction)",
        N,
        LLL,
        29,
    ),
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
