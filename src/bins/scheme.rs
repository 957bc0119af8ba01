//! Card schemes: names in English and Chinese, IIN ranges (protocols.md §7.1), and the RID
//! and AID mapping, read from the AID registry (`codec::emv::KNOWN_AIDS`).

use super::norm;
use crate::codec::emv::{scheme_of_aid, AidKind, KNOWN_AIDS};

/// Card schemes known to the bench (by IIN range).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    Visa,
    Mastercard,
    UnionPay,
    Amex,
    Jcb,
    Discover,
    Diners,
    Mir,
    Maestro,
}

impl Scheme {
    pub const ALL: [Scheme; 9] = [
        Scheme::Visa,
        Scheme::Mastercard,
        Scheme::UnionPay,
        Scheme::Amex,
        Scheme::Jcb,
        Scheme::Discover,
        Scheme::Diners,
        Scheme::Mir,
        Scheme::Maestro,
    ];

    /// Display name (also the spelling in decks and reports).
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Visa => "Visa",
            Scheme::Mastercard => "Mastercard",
            Scheme::UnionPay => "UnionPay",
            Scheme::Amex => "Amex",
            Scheme::Jcb => "JCB",
            Scheme::Discover => "Discover",
            Scheme::Diners => "Diners",
            Scheme::Mir => "Mir",
            Scheme::Maestro => "Maestro",
        }
    }

    /// Chinese name: UnionPay is 银联; Visa and Mastercard keep their brand names, as on
    /// Chinese cards and terminals.
    pub fn name_zh(self) -> &'static str {
        match self {
            Scheme::Visa => "Visa",
            Scheme::Mastercard => "Mastercard",
            Scheme::UnionPay => "银联",
            Scheme::Amex => "美国运通",
            Scheme::Jcb => "JCB",
            Scheme::Discover => "发现卡",
            Scheme::Diners => "大来卡",
            Scheme::Mir => "Mir",
            Scheme::Maestro => "Maestro",
        }
    }

    /// The name in `lang` ([`Scheme::name`] or [`Scheme::name_zh`]).
    pub fn name_in(self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::En => self.name(),
            crate::i18n::Lang::ZhCn => self.name_zh(),
        }
    }

    /// Parses a scheme name (case-insensitive, a few aliases: `cup`, `银联`, `mc`, `amex`).
    pub fn parse(s: &str) -> Option<Scheme> {
        Some(match norm(s).as_str() {
            "VISA" | "维萨" => Scheme::Visa,
            "MASTERCARD" | "MC" | "MASTER" | "万事达" => Scheme::Mastercard,
            "UNIONPAY" | "CUP" | "CUPS" | "银联" | "UPI" => Scheme::UnionPay,
            "AMEX" | "AMERICANEXPRESS" => Scheme::Amex,
            "JCB" => Scheme::Jcb,
            "DISCOVER" => Scheme::Discover,
            "DINERS" | "DINERSCLUB" => Scheme::Diners,
            "MIR" => Scheme::Mir,
            "MAESTRO" => Scheme::Maestro,
            _ => return None,
        })
    }

    /// Registered application provider identifier (first 5 bytes of the AID, hex), from the
    /// AID registry. Maestro cards use Mastercard's RID, Diners cards Discover's.
    pub fn rid(self) -> Option<&'static str> {
        let network = match self {
            Scheme::Maestro => Scheme::Mastercard,
            Scheme::Diners => Scheme::Discover,
            s => s,
        };
        KNOWN_AIDS
            .iter()
            .find(|a| a.kind == AidKind::Rid && Scheme::parse(a.scheme) == Some(network))
            .map(|a| a.hex)
    }

    /// The scheme of an AID (hex, any case), from the AID registry; `None` for an AID of a
    /// network the bench has no scheme for (RuPay, Interac) or an unknown one.
    pub fn of_aid(aid_hex: &str) -> Option<Scheme> {
        let aid = crate::hexfmt::parse_hex(aid_hex).ok()?;
        scheme_of_aid(&aid).and_then(Scheme::parse)
    }
}

impl std::fmt::Display for Scheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A scheme as files spell it (`UnionPay`, a deck's or `banks.csv`'s scheme cell) named in
/// `lang`: the one function that names a scheme for people. A name the bench does not know
/// (or an empty cell) is shown as it is.
pub fn scheme_label(scheme: &str, lang: crate::i18n::Lang) -> std::borrow::Cow<'_, str> {
    match Scheme::parse(scheme) {
        Some(s) => std::borrow::Cow::Borrowed(s.name_in(lang)),
        None => std::borrow::Cow::Borrowed(scheme),
    }
}

/// IIN ranges, most specific first: (low, high, scheme), compared on as many leading digits
/// as the bounds have.
const RANGES: &[(&str, &str, Scheme)] = &[
    ("2200", "2204", Scheme::Mir),
    ("2221", "2720", Scheme::Mastercard),
    ("300", "305", Scheme::Diners),
    ("3095", "3095", Scheme::Diners),
    ("36", "36", Scheme::Diners),
    ("38", "39", Scheme::Diners),
    ("34", "34", Scheme::Amex),
    ("37", "37", Scheme::Amex),
    ("3528", "3589", Scheme::Jcb),
    ("4", "4", Scheme::Visa),
    ("51", "55", Scheme::Mastercard),
    ("50", "50", Scheme::Maestro),
    ("56", "58", Scheme::Maestro),
    ("6011", "6011", Scheme::Discover),
    ("644", "649", Scheme::Discover),
    ("65", "65", Scheme::Discover),
    ("62", "62", Scheme::UnionPay),
    ("81", "81", Scheme::UnionPay),
];

/// The scheme of a PAN (or of a prefix of one) by IIN range; `None` when no range matches.
pub fn scheme_of(pan: &str) -> Option<Scheme> {
    let digits: String = pan.chars().take_while(char::is_ascii_digit).collect();
    RANGES.iter().find_map(|(lo, hi, s)| {
        let n = lo.len();
        if digits.len() < n {
            return None;
        }
        let head = &digits[..n];
        (head >= *lo && head <= *hi).then_some(*s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rids_come_from_the_aid_registry() {
        let rids: Vec<(Scheme, Option<&str>)> = Scheme::ALL.iter().map(|s| (*s, s.rid())).collect();
        assert_eq!(
            rids,
            [
                (Scheme::Visa, Some("A000000003")),
                (Scheme::Mastercard, Some("A000000004")),
                (Scheme::UnionPay, Some("A000000333")),
                (Scheme::Amex, Some("A000000025")),
                (Scheme::Jcb, Some("A000000065")),
                (Scheme::Discover, Some("A000000152")),
                (Scheme::Diners, Some("A000000152")),
                (Scheme::Mir, Some("A000000658")),
                (Scheme::Maestro, Some("A000000004")),
            ]
        );
        assert_eq!(Scheme::of_aid("a0000000043060"), Some(Scheme::Mastercard));
        assert_eq!(Scheme::of_aid("A0000000651010"), Some(Scheme::Jcb));
        assert_eq!(Scheme::of_aid("A0000005241010"), None);
        assert_eq!(Scheme::of_aid("not hex"), None);
    }

    /// UnionPay is 银联 in Chinese; Visa and Mastercard keep their brand names; a name the
    /// bench does not know is shown as it is.
    #[test]
    fn scheme_names_follow_the_language() {
        use crate::i18n::Lang;
        assert_eq!(scheme_label("UnionPay", Lang::ZhCn), "银联");
        assert_eq!(scheme_label("UnionPay", Lang::En), "UnionPay");
        assert_eq!(scheme_label("Visa", Lang::ZhCn), "Visa");
        assert_eq!(scheme_label("Mastercard", Lang::ZhCn), "Mastercard");
        assert_eq!(scheme_label("RuPay", Lang::ZhCn), "RuPay");
        assert_eq!(scheme_label("", Lang::ZhCn), "");
    }
}
