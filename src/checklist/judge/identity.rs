//! Whether what was read is the deck's card, and a card date that can be true: the checks that
//! keep a wrong card or an impossible expiry from passing (issue 18, false PASS). Every judge
//! that sees a card number or an expiry calls these; none keeps its own twin.

use super::Judging;
use crate::bins::{find_bank, scheme_of, Scheme};
use crate::deck::DeckCard;
use crate::i18n::{tr_args, Arg, Text};
use crate::sensitive::Pan;

impl Judging<'_> {
    /// Why the card read is not the deck's `card`: another issuing bank (the BIN table's bank
    /// against the deck's `bank`) or another scheme (the BIN table's scheme, else the IIN
    /// range's, against the deck's `scheme`), as `"BOC card, the deck says CMB"`. `None` when
    /// it is the deck's card, or when the deck or the tables do not say. A wrong card fails its
    /// step (`card_mismatch`) and never counts as the deck card, whatever order the reader
    /// presents its cards in (after a reconnect that restarted it, say).
    pub(crate) fn wrong_card(&self, card: &DeckCard, pan: &Pan) -> Option<Text> {
        // In Chinese, banks and schemes by their Chinese names.
        let wrong = |got: Text, want: Text| {
            Some(super::both(|l| {
                let args = [("got", got.get(l).into()), ("want", want.get(l).into())];
                tr_args(l, "judge-wrong-card", &args)
            }))
        };
        let entry = self.bins.lookup(pan.expose_clear());
        let deck_bank = card.bank.trim();
        if let (Some(e), false) = (&entry, deck_bank.is_empty()) {
            let got = e.bank_short();
            // A deck bank outside the built-in table is compared with the BIN row's code and
            // names as written, so a typo (`NOPE`) fails the card instead of turning the check
            // off; a bank only an override file knows still matches its own rows.
            let (same, want) = match find_bank(deck_bank) {
                Some(w) => (got == w.short, Text::new(w.short, w.zh)),
                None => (
                    [&e.bank_code, &e.bank_en, &e.bank_zh]
                        .iter()
                        .any(|b| b.eq_ignore_ascii_case(deck_bank)),
                    Text::same(deck_bank.to_string()),
                ),
            };
            if !same && !got.is_empty() {
                let got_zh = find_bank(&got).map_or(got.clone(), |b| b.zh.to_string());
                return wrong(Text::new(got, got_zh), want);
            }
        }
        let read = entry
            .as_ref()
            .and_then(|e| Scheme::parse(&e.scheme))
            .or_else(|| scheme_of(pan.expose_clear()));
        match (read, Scheme::parse(&card.scheme)) {
            (Some(got), Some(want)) if got != want => wrong(
                Text::new(got.name(), got.name_zh()),
                Text::new(want.name(), want.name_zh()),
            ),
            _ => None,
        }
    }
}

/// What is wrong with a card date `YYMM` or `YYMMDD` (stripe expiry, EMV 5F24) that no card
/// can carry: a month outside 01–12 (`2899`) or a day outside 01–31. `None` for a possible
/// date, and for a shape that is not 4 or 6 digits (the decoder's to reject).
pub(crate) fn impossible_date(date: &str) -> Option<Text> {
    if !(date.len() == 4 || date.len() == 6) || !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = &date[2..4];
    if !("01"..="12").contains(&month) {
        let args = [("date", Arg::from(date)), ("month", Arg::from(month))];
        return Some(Text::tr_args("judge-date-no-month", &args));
    }
    let day = date.get(4..6).unwrap_or("01");
    if !("01"..="31").contains(&day) {
        let args = [("date", Arg::from(date)), ("day", Arg::from(day))];
        return Some(Text::tr_args("judge-date-no-day", &args));
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::super::tests::{deck_card as card, judging};
    use super::*;

    /// A deck bank no table knows (a typo) does not turn the check off: the BIN table's bank
    /// for the card read is another bank, so the card is not the deck's.
    #[test]
    fn an_unknown_deck_bank_is_checked_against_the_bin_row() {
        let j = judging();
        let ccb = Pan::new("6217000000000000038");
        let why = j.wrong_card(&card("NOPE", "UnionPay"), &ccb).unwrap();
        assert_eq!(why.en, "CCB card, the deck says NOPE");
        assert!(j.wrong_card(&card("CCB", "UnionPay"), &ccb).is_none());
        assert!(j.wrong_card(&card("", "UnionPay"), &ccb).is_none());
    }

    #[test]
    fn another_bank_or_scheme_is_a_wrong_card() {
        let j = judging();
        let boc = Pan::new("6216610000000000057");
        let ccb = Pan::new("6217000000000000038");
        let why = j.wrong_card(&card("CMB", "UnionPay"), &boc).unwrap();
        assert_eq!(why.en, "BOC card, the deck says CMB");
        let why = j.wrong_card(&card("", "Visa"), &ccb).unwrap();
        assert_eq!(why.en, "UnionPay card, the deck says Visa");
        assert_eq!(j.wrong_card(&card("BOC", "UnionPay"), &boc), None);
        assert_eq!(j.wrong_card(&card("中国银行", "银联"), &boc), None);
        // The deck does not say: nothing to compare.
        assert_eq!(j.wrong_card(&card("", ""), &boc), None);
        let visa = Pan::new("4761730000000078");
        assert_eq!(j.wrong_card(&card("", "Visa"), &visa), None);
        assert!(j.wrong_card(&card("", "Mastercard"), &visa).is_some());
    }

    #[test]
    fn month_99_is_no_date() {
        assert_eq!(
            impossible_date("2899").map(|t| t.en).as_deref(),
            Some("expiry 2899 has no month 99")
        );
        assert!(impossible_date("2800").is_some());
        assert!(impossible_date("281300").is_some());
        assert!(impossible_date("281232").is_some());
        assert!(impossible_date("281200").is_some());
        assert_eq!(impossible_date("2812"), None);
        assert_eq!(impossible_date("281231"), None);
        assert_eq!(impossible_date("28x2"), None);
        assert_eq!(impossible_date("12"), None);
    }
}
