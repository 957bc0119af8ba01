//! Whether a deck fits the reader it runs on: a deck that asks for an interface the device
//! cannot test is refused, as the TUI start screen never offers it (docs/decks.md).

use crate::deck::Deck;
use crate::device::Capabilities;
use crate::i18n::{t, Lang, Text};
use crate::model::Interface;

/// The card interfaces `deck` asks for that a device with `caps` cannot test (a chip deck on
/// a stripe-only reader: `[Chip]`), each once, in `Interface` order; empty when it fits.
pub(crate) fn unmet(deck: &Deck, caps: Capabilities) -> Vec<Interface> {
    let mut out: Vec<Interface> = deck
        .cards
        .iter()
        .flat_map(|c| c.interfaces.iter().copied())
        .filter(|i| match i {
            Interface::Swipe => !caps.swipe,
            Interface::Chip => !caps.chip,
            Interface::Network => false,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Why the run refuses `deck` on a `profile` reader with `caps` (`run-end-deck-unfit`, both
/// languages); `None` when the deck fits.
pub(crate) fn refusal(deck: &Deck, caps: Capabilities, profile: &str) -> Option<Text> {
    let unmet = unmet(deck, caps);
    if unmet.is_empty() {
        return None;
    }
    Some(Text::each(|lang| {
        let what: Vec<&str> = unmet.iter().map(|i| i.name(lang)).collect();
        let sep = if lang == Lang::ZhCn { "、" } else { ", " };
        t!(
            lang,
            "run-end-deck-unfit",
            profile = profile,
            what = what.join(sep)
        )
        .into_owned()
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_chip_deck_does_not_fit_a_stripe_reader() {
        let deck = Deck::builtin("crt310").unwrap();
        let stripe = Capabilities {
            swipe: true,
            chip: false,
            ..Capabilities::default()
        };
        assert_eq!(unmet(&deck, stripe), [Interface::Chip]);
        let why = refusal(&deck, stripe, "msr605").unwrap();
        assert!(
            why.en.contains("chip") && why.en.contains("msr605"),
            "{}",
            why.en
        );
        let both = Capabilities {
            chip: true,
            ..stripe
        };
        assert!(refusal(&deck, both, "crt310").is_none());
        let own = Deck::builtin("msr605").unwrap();
        assert!(unmet(&own, stripe).is_empty());
    }
}
