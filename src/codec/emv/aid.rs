//! The AID registry (protocols.md §5.5, ISO/IEC 7816-5 RIDs): the one table of application
//! identifiers the bench knows. The terminal's default AID list ([`terminal_aids`]), AID →
//! scheme and label ([`lookup_aid`]) and each scheme's RID (`bins::Scheme::rid`) are all read
//! from it.

/// What a row of the registry stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AidKind {
    /// An application in the bench terminal's default AID list, tried in table order when the
    /// card has no PSE (EMV Book 1 §12.3.3).
    Terminal,
    /// A known application the terminal does not select by default.
    Known,
    /// A scheme's registered application provider identifier (5 bytes): names any AID under
    /// it that has no row of its own.
    Rid,
}

/// A known AID with its scheme and a short label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aid {
    /// The payment network, as the registry names it (`UnionPay`, `American Express`).
    pub scheme: &'static str,
    pub aid: &'static [u8],
    /// The same AID in upper-case hex (`A000000333010101`).
    pub hex: &'static str,
    pub label: &'static str,
    /// The label in Chinese (scheme brand names stay as they are; UnionPay is 银联).
    pub zh: &'static str,
    pub kind: AidKind,
}

impl Aid {
    /// The label in `lang`.
    pub fn label_in(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::En => self.label,
            crate::i18n::Lang::ZhCn => self.zh,
        }
    }
}

/// Decodes upper-case hex at compile time (the registry is written in hex, read as bytes).
const fn hex_bytes<const N: usize>(hex: &str) -> [u8; N] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("AID registry: upper-case hex digits only"),
        }
    }
    let h = hex.as_bytes();
    assert!(
        h.len() == 2 * N,
        "AID registry: an even number of hex digits"
    );
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = (nibble(h[2 * i]) << 4) | nibble(h[2 * i + 1]);
        i += 1;
    }
    out
}

macro_rules! aid {
    ($kind:ident, $scheme:expr, $hex:expr, $label:expr, $zh:expr) => {
        Aid {
            scheme: $scheme,
            aid: &{
                const B: [u8; $hex.len() / 2] = hex_bytes($hex);
                B
            },
            hex: $hex,
            label: $label,
            zh: $zh,
            kind: AidKind::$kind,
        }
    };
}

/// Every AID the bench knows. Order matters only for [`AidKind::Terminal`] rows (the order the
/// terminal tries them in); lookups take the longest matching prefix.
#[rustfmt::skip] // one row per AID: the table reads as a table
pub const KNOWN_AIDS: &[Aid] = &[
    aid!(Terminal, "UnionPay", "A000000333010101", "UnionPay debit", "银联借记"),
    aid!(Terminal, "UnionPay", "A000000333010102", "UnionPay credit", "银联贷记"),
    aid!(Terminal, "UnionPay", "A000000333010103", "UnionPay quasi-credit", "银联准贷记"),
    aid!(Terminal, "UnionPay", "A000000333010106", "UnionPay electronic cash", "银联电子现金"),
    aid!(Known, "UnionPay", "A000000333010108", "UnionPay US common debit", "银联美国通用借记"),
    aid!(Terminal, "Visa", "A0000000031010", "Visa credit/debit", "Visa 信用/借记"),
    aid!(Terminal, "Visa", "A0000000032010", "Visa Electron", "Visa Electron"),
    aid!(Known, "Visa", "A0000000032020", "V PAY", "V PAY"),
    aid!(Known, "Visa", "A0000000038010", "Visa Plus", "Visa Plus"),
    aid!(Terminal, "Mastercard", "A0000000041010", "Mastercard credit/debit", "Mastercard 信用/借记"),
    aid!(Terminal, "Mastercard", "A0000000043060", "Maestro", "Maestro"),
    aid!(Known, "Mastercard", "A0000000046000", "Cirrus", "Cirrus"),
    aid!(Known, "Mastercard", "A000000005", "Maestro UK", "Maestro 英国"),
    aid!(Terminal, "American Express", "A00000002501", "American Express", "American Express"),
    aid!(Known, "American Express", "A000000790", "American Express China", "American Express 中国"),
    aid!(Terminal, "JCB", "A0000000651010", "JCB", "JCB"),
    aid!(Terminal, "Discover", "A0000001523010", "Discover", "Discover"),
    aid!(Known, "Discover", "A0000001524010", "Discover US common debit", "Discover 美国通用借记"),
    aid!(Known, "Discover", "A000000324", "Discover ZIP", "Discover ZIP"),
    aid!(Known, "RuPay", "A0000005241010", "RuPay", "RuPay"),
    aid!(Known, "Interac", "A0000002771010", "Interac", "Interac"),
    aid!(Known, "Mir", "A0000006581010", "Mir credit", "Mir 贷记"),
    aid!(Known, "Mir", "A0000006582010", "Mir debit", "Mir 借记"),
    aid!(Rid, "Visa", "A000000003", "Visa", "Visa"),
    aid!(Rid, "Mastercard", "A000000004", "Mastercard", "Mastercard"),
    aid!(Rid, "UnionPay", "A000000333", "UnionPay", "银联"),
    aid!(Rid, "American Express", "A000000025", "American Express", "American Express"),
    aid!(Rid, "JCB", "A000000065", "JCB", "JCB"),
    aid!(Rid, "Discover", "A000000152", "Discover / Diners", "Discover / Diners"),
    aid!(Rid, "RuPay", "A000000524", "RuPay", "RuPay"),
    aid!(Rid, "Interac", "A000000277", "Interac", "Interac"),
    aid!(Rid, "Mir", "A000000658", "Mir", "Mir"),
];

/// The most specific known AID that `aid` starts with (an AID may carry an extra suffix).
pub fn lookup_aid(aid: &[u8]) -> Option<&'static Aid> {
    KNOWN_AIDS
        .iter()
        .filter(|k| aid.starts_with(k.aid))
        .max_by_key(|k| k.aid.len())
}

/// The scheme an AID belongs to, by its RID or a longer known prefix.
pub fn scheme_of_aid(aid: &[u8]) -> Option<&'static str> {
    lookup_aid(aid).map(|a| a.scheme)
}

/// The terminal's default AID list, in the order it tries them.
pub fn terminal_aids() -> impl Iterator<Item = &'static Aid> {
    KNOWN_AIDS.iter().filter(|a| a.kind == AidKind::Terminal)
}

/// The registered RID row of a scheme, by the registry's scheme name (`UnionPay`).
pub fn rid_of(scheme: &str) -> Option<&'static Aid> {
    KNOWN_AIDS
        .iter()
        .find(|a| a.kind == AidKind::Rid && a.scheme == scheme)
}

/// An AID as `RID PIX` (`A000000333 010101`, ISO/IEC 7816-5): public data, but the digit
/// runs of an unbroken AID can pass Luhn and be taken for a card number by the output guard.
/// Anything that is not a hex AID longer than its 5-byte RID is returned unchanged.
pub fn aid_rid_pix(aid: &str) -> String {
    let is_aid = aid.len() > 10 && aid.len() <= 32 && aid.bytes().all(|b| b.is_ascii_hexdigit());
    if is_aid {
        format!("{} {}", &aid[..10], &aid[10..])
    } else {
        aid.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_bytes_agree() {
        for a in KNOWN_AIDS {
            assert_eq!(crate::hexfmt::hex(a.aid), a.hex);
            assert!((5..=16).contains(&a.aid.len()), "{}", a.hex);
            assert_eq!(
                a.kind == AidKind::Rid,
                rid_of(a.scheme) == Some(a),
                "{}",
                a.hex
            );
        }
    }

    #[test]
    fn terminal_list_starts_with_unionpay() {
        let t: Vec<&str> = terminal_aids().map(|a| a.hex).collect();
        assert_eq!(
            t,
            [
                "A000000333010101",
                "A000000333010102",
                "A000000333010103",
                "A000000333010106",
                "A0000000031010",
                "A0000000032010",
                "A0000000041010",
                "A0000000043060",
                "A00000002501",
                "A0000000651010",
                "A0000001523010",
            ]
        );
        assert_eq!(rid_of("UnionPay").map(|a| a.hex), Some("A000000333"));
    }
}
