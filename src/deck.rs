//! Test decks (TOML, docs/decks.md): the ordered known cards a checklist runs over, with the
//! expected bank, scheme, interfaces and outcome per interface. Decks never hold card numbers.

mod expect;
mod label;

pub use expect::Expect;

use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use crate::model::Interface;
pub use label::builtin_label;
use label::{card_label, number_twins, LabelFacts};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The deck matching the CRT-310 simulator's default scenario.
pub const CRT310_DEFAULT: &str = include_str!("../fixtures/decks/crt310-default.toml");
/// The deck matching the MSR605 simulator's default scenario.
pub const MSR605_DEFAULT: &str = include_str!("../fixtures/decks/msr605-default.toml");

/// Built-in decks by name (the files under `fixtures/decks/`).
const BUILTIN: &[(&str, &str)] = &[
    ("crt310-default", CRT310_DEFAULT),
    // The CRT-591 simulator plays the CRT-310 default scenario: the same deck.
    ("crt591-default", CRT310_DEFAULT),
    ("msr605-default", MSR605_DEFAULT),
    ("demo", include_str!("../fixtures/decks/demo.toml")),
    (
        "pos8583-default",
        include_str!("../fixtures/decks/pos8583-default.toml"),
    ),
];

/// One card of a deck.
#[derive(Clone, Debug, PartialEq)]
pub struct DeckCard {
    pub label: Text,
    /// Expected issuing bank as written in the deck (code, abbreviation or name); empty when
    /// unknown or not a bank card.
    pub bank: String,
    /// Expected scheme name (`UnionPay`, `Visa`, …); empty when unknown.
    pub scheme: String,
    /// Interfaces to test, in order.
    pub interfaces: Vec<Interface>,
    /// Expected outcome per interface (missing = pass).
    pub expect: BTreeMap<Interface, Expect>,
    /// Known-good card run first (the tie-break of diagnosis R2/R3).
    pub reference: bool,
    /// Magstripe tracks the card carries (a track expected but not read is a failure).
    pub tracks: Vec<u8>,
    /// The card's test PIN (test cards only; never printed): what the operator types on a POS
    /// terminal (the host compares the PIN block with it) and what the chip step sends in
    /// VERIFY when the card's CVM list asks for a plaintext offline PIN. A card without one
    /// never gets VERIFY (docs/decks.md). A [`Secret`](crate::sensitive::Secret): a `{:?}` of
    /// the card shows `****`.
    pub pin: Option<crate::sensitive::Secret>,
}

impl DeckCard {
    /// A card no deck describes (`cardbench read`): no label, bank or scheme to check, chip
    /// only, every check expected to pass, not the reference, no test PIN.
    pub fn unknown() -> DeckCard {
        DeckCard {
            label: Text::same(""),
            bank: String::new(),
            scheme: String::new(),
            interfaces: vec![Interface::Chip],
            expect: BTreeMap::new(),
            reference: false,
            tracks: Vec::new(),
            pin: None,
        }
    }

    pub fn expectation(&self, i: Interface) -> Expect {
        self.expect.get(&i).cloned().unwrap_or(Expect::Pass)
    }

    /// Expected bank in both languages (built-in names when the bank is one of the 13).
    pub fn bank_text(&self) -> Text {
        match crate::bins::find_bank(&self.bank) {
            Some(b) => Text::new(b.short, b.zh),
            None => Text::same(self.bank.clone()),
        }
    }
}

/// A card of the deck as the UI shows it (and as `trace.jsonl` records it).
#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
pub struct CardSummary {
    /// 0-based position in checklist order.
    pub index: usize,
    pub label: Text,
    /// Expected issuing bank (display name), empty if unknown.
    pub bank: Text,
    pub scheme: String,
    pub reference: bool,
    pub interfaces: Vec<Interface>,
}

/// A test deck.
#[derive(Clone, Debug, PartialEq)]
pub struct Deck {
    pub name: String,
    pub description: String,
    /// Ordered cards; references are moved first (stable order otherwise).
    pub cards: Vec<DeckCard>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDeck {
    deck: FileMeta,
    #[serde(default, rename = "card")]
    cards: Vec<FileCard>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileMeta {
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCard {
    label: String,
    #[serde(default)]
    label_zh: Option<String>,
    #[serde(default)]
    bank: String,
    #[serde(default)]
    scheme: String,
    #[serde(default)]
    interfaces: Option<Vec<String>>,
    #[serde(default)]
    expect: BTreeMap<String, String>,
    #[serde(default)]
    reference: bool,
    #[serde(default)]
    tracks: Option<Vec<u8>>,
    #[serde(default)]
    pin: Option<crate::sensitive::Secret>,
}

impl Deck {
    pub fn load(path: &Path) -> Result<Deck, LoadError> {
        let text = crate::load::read_text(path)?;
        Deck::parse(&text, &path.display().to_string())
    }

    /// Parses deck TOML; `origin` names the file in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Deck, LoadError> {
        let cfg = |why: Text| LoadError::said(origin, why);
        let f: FileDeck = crate::load::parse_toml(text, origin)?;
        crate::load::check_label(&f.deck.name)
            .map_err(|m| LoadError::said_at(origin, "deck.name", m))?;
        if f.cards.is_empty() {
            return Err(cfg(Text::tr("errors-load-deck-no-cards")));
        }
        let mut cards = Vec::with_capacity(f.cards.len());
        let mut built = Vec::with_capacity(f.cards.len());
        for (i, c) in f.cards.into_iter().enumerate() {
            let n = i + 1;
            let interfaces = match c.interfaces {
                None => vec![Interface::Swipe, Interface::Chip, Interface::Network],
                Some(list) => {
                    let mut v = Vec::new();
                    for s in list {
                        let it = Interface::parse(&s).ok_or_else(|| {
                            let args = [
                                ("card_no", Arg::from(n)),
                                ("value", format!("{s:?}").into()),
                            ];
                            cfg(Text::tr_args("errors-load-deck-interface", &args))
                        })?;
                        if !v.contains(&it) {
                            v.push(it);
                        }
                    }
                    v
                }
            };
            let mut expect = BTreeMap::new();
            for (k, v) in c.expect {
                let it = Interface::parse(&k).ok_or_else(|| {
                    let args = [
                        ("card_no", Arg::from(n)),
                        ("value", format!("{k:?}").into()),
                    ];
                    cfg(Text::tr_args("errors-load-deck-expect-interface", &args))
                })?;
                let e = Expect::parse_checked(&v)
                    .map_err(|m| LoadError::said_at(origin, format!("card[{n}].expect.{k}"), m))?;
                expect.insert(it, e);
            }
            let tracks = c.tracks.unwrap_or_else(|| vec![1, 2]);
            if tracks.iter().any(|t| !(1..=3).contains(t)) {
                let args = [("card_no", Arg::from(n))];
                return Err(cfg(Text::tr_args("errors-load-deck-tracks", &args)));
            }
            if !c.scheme.is_empty() && crate::bins::Scheme::parse(&c.scheme).is_none() {
                let args = [
                    ("card_no", Arg::from(n)),
                    ("value", format!("{:?}", c.scheme).into()),
                ];
                return Err(cfg(Text::tr_args("errors-load-deck-scheme", &args)));
            }
            let scheme = crate::bins::Scheme::parse(&c.scheme)
                .map(|s| s.name().to_string())
                .unwrap_or_default();
            crate::load::check_label(&c.label)
                .map_err(|m| LoadError::said_at(origin, format!("card[{n}].label"), m))?;
            if let Some(z) = &c.label_zh {
                crate::load::check_label(z)
                    .map_err(|m| LoadError::said_at(origin, format!("card[{n}].label_zh"), m))?;
            }
            if let Some(p) = c.pin.as_ref().map(crate::sensitive::Secret::expose_clear) {
                if p.len() < 4 || p.len() > 12 || !p.bytes().all(|b| b.is_ascii_digit()) {
                    let args = [("card_no", Arg::from(n))];
                    return Err(cfg(Text::tr_args("errors-load-deck-pin", &args)));
                }
            }
            let (label, zh_built) = card_label(&LabelFacts {
                en: &c.label,
                zh: c.label_zh.as_deref(),
                bank: &c.bank,
                scheme: &scheme,
                card_type: "",
                reference: c.reference,
            });
            built.push(zh_built);
            cards.push(DeckCard {
                label,
                bank: c.bank,
                scheme,
                interfaces,
                expect,
                reference: c.reference,
                tracks,
                pin: c.pin,
            });
        }
        number_twins(&mut cards, &built);
        // References first: the diagnosis needs their verdict before judging other cards.
        cards.sort_by_key(|c| !c.reference);
        Ok(Deck {
            name: f.deck.name,
            description: f.deck.description,
            cards,
        })
    }

    /// The built-in deck for a profile's default simulator scenario.
    pub fn builtin(profile: &str) -> Option<Deck> {
        Deck::resolve(&format!("{profile}-default")).ok()
    }

    /// A built-in deck by name (`crt310-default`, `msr605-default`, `demo`) or a deck file.
    pub fn resolve(name_or_path: &str) -> Result<Deck, LoadError> {
        match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            Some((name, text)) => Deck::parse(text, &format!("builtin:{name}")),
            None => Deck::load(Path::new(name_or_path)),
        }
    }

    /// Names of the built-in decks.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// The deck a run uses: the one chosen (built-in name or file), else the cards of the
    /// device's simulator scenario, else the profile's default deck.
    pub fn for_device(
        choice: Option<&str>,
        device: &crate::device::DeviceAddress,
        bins: &crate::bins::BinTable,
    ) -> Result<Deck, LoadError> {
        if let Some(c) = choice {
            return Deck::resolve(c);
        }
        if let crate::device::Target::Sim(Some(sc)) = &device.target {
            // A run over no cards would test nothing and still end "every expectation met".
            let no_cards = || {
                LoadError::said_at(
                    sc.as_str(),
                    "card",
                    Text::tr("errors-load-scenario-no-cards"),
                )
            };
            if device.profile == crate::device::open::POS_PROFILE {
                let pos = crate::sim::pos::PosScenario::resolve(sc)?;
                if pos.cards.is_empty() {
                    return Err(no_cards());
                }
                return Ok(Deck::from_pos_scenario(&pos, bins));
            }
            let scenario = crate::sim::scenario::Scenario::resolve(sc)?;
            if scenario.cards.is_empty() {
                return Err(no_cards());
            }
            return Ok(Deck::from_scenario(&scenario, bins));
        }
        Deck::builtin(&device.profile).ok_or_else(|| {
            let profile = format!("{:?}", device.profile);
            LoadError::said(
                format!("{device}"),
                Text::tr_args(
                    "errors-load-no-builtin-deck",
                    &[("profile", profile.into())],
                ),
            )
        })
    }

    /// The deck a simulator scenario presents: its cards in order, labels from the scenario,
    /// bank and scheme from the BIN table (and the first application's AID), every
    /// expectation `pass` (faults in a scenario are faults). A card labelled "reference" /
    /// "参考" is the reference card; without one, the first card is.
    pub fn from_scenario(
        sc: &crate::sim::scenario::Scenario,
        bins: &crate::bins::BinTable,
    ) -> Deck {
        let mut reference: Vec<bool> = sc
            .cards
            .iter()
            .map(|c| {
                c.label.to_lowercase().contains("reference")
                    || c.label_zh.as_deref().is_some_and(|z| z.contains("参考"))
            })
            .collect();
        if !reference.contains(&true) {
            if let Some(first) = reference.first_mut() {
                *first = true;
            }
        }
        let mut built = Vec::with_capacity(sc.cards.len());
        let mut cards: Vec<DeckCard> = sc
            .cards
            .iter()
            .zip(reference)
            .map(|(c, reference)| {
                let entry = bins.lookup(&c.pan);
                let scheme = c
                    .apps
                    .first()
                    .and_then(|a| crate::bins::Scheme::of_aid(&a.aid))
                    .or_else(|| crate::bins::scheme_of(&c.pan))
                    .map(|s| s.name().to_string())
                    .unwrap_or_default();
                let mut interfaces = vec![Interface::Swipe];
                if !c.apps.is_empty() {
                    interfaces.push(Interface::Chip);
                }
                interfaces.push(Interface::Network);
                let bank = entry.as_ref().map(|e| e.bank_short()).unwrap_or_default();
                let (label, zh_built) = card_label(&LabelFacts {
                    en: &c.label,
                    zh: c.label_zh.as_deref(),
                    bank: &bank,
                    scheme: &scheme,
                    card_type: entry.as_ref().map_or("", |e| e.card_type.as_str()),
                    reference,
                });
                built.push(zh_built);
                DeckCard {
                    label,
                    bank,
                    scheme,
                    interfaces,
                    expect: BTreeMap::new(),
                    reference,
                    tracks: c.tracks.clone(),
                    // A simulated card with an offline PIN is a test card with a known PIN.
                    pin: c.pin.clone(),
                }
            })
            .collect();
        number_twins(&mut cards, &built);
        cards.sort_by_key(|c| !c.reference);
        Deck {
            name: sc.scenario.name.clone(),
            description: format!("derived from scenario {}", sc.scenario.name),
            cards,
        }
    }

    /// The deck a POS simulator scenario's operator uses: its cards in order (the first is
    /// the reference card), bank and scheme from the BIN table, swipe and, for chip cards,
    /// chip; the cards' test PINs.
    pub fn from_pos_scenario(
        sc: &crate::sim::pos::PosScenario,
        bins: &crate::bins::BinTable,
    ) -> Deck {
        let mut built = Vec::with_capacity(sc.cards.len());
        let mut cards: Vec<DeckCard> = sc
            .cards
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let entry = bins.lookup(&c.pan);
                let bank = entry.as_ref().map(|e| e.bank_short()).unwrap_or_default();
                let scheme = crate::bins::scheme_of(&c.pan)
                    .map(|s| s.name().to_string())
                    .unwrap_or_default();
                let (label, zh_built) = card_label(&LabelFacts {
                    en: &c.label,
                    zh: None,
                    bank: &bank,
                    scheme: &scheme,
                    card_type: entry.as_ref().map_or("", |e| e.card_type.as_str()),
                    reference: i == 0,
                });
                built.push(zh_built);
                DeckCard {
                    label,
                    bank,
                    scheme,
                    interfaces: if c.has_chip() {
                        vec![Interface::Swipe, Interface::Chip]
                    } else {
                        vec![Interface::Swipe]
                    },
                    expect: BTreeMap::new(),
                    reference: i == 0,
                    tracks: vec![2],
                    pin: c.pin.clone(),
                }
            })
            .collect();
        number_twins(&mut cards, &built);
        Deck {
            name: sc.pos.name.clone(),
            description: format!("derived from POS scenario {}", sc.pos.name),
            cards,
        }
    }

    /// Keeps only the interfaces a device can test (a swipe-only reader has no chip step).
    pub fn restrict(&mut self, caps: crate::device::Capabilities) {
        for c in &mut self.cards {
            c.interfaces.retain(|i| match i {
                Interface::Swipe => caps.swipe,
                Interface::Chip => caps.chip,
                Interface::Network => true,
            });
        }
    }

    /// Cards as the UI shows them.
    pub fn summaries(&self) -> Vec<CardSummary> {
        self.cards
            .iter()
            .enumerate()
            .map(|(index, c)| CardSummary {
                index,
                label: c.label.clone(),
                bank: c.bank_text(),
                scheme: c.scheme.clone(),
                reference: c.reference,
                interfaces: c.interfaces.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::model::Signal;

    #[test]
    fn builtin_decks_parse() {
        let d = Deck::builtin("crt310").unwrap();
        assert_eq!(d.cards.len(), 8);
        assert!(d.cards[0].reference);
        let d = Deck::builtin("msr605").unwrap();
        assert_eq!(d.cards.len(), 8);
        assert!(!d.cards[0].interfaces.contains(&Interface::Chip));
        // pos8583 became a device profile with its own deck (issue 11); a profile without one
        // still has none.
        assert!(Deck::builtin("nosuchprofile").is_none());
        let card = &Deck::builtin("pos8583").unwrap().cards[0];
        let pin = card.pin.as_ref().unwrap().expose_clear();
        // A test PIN never prints, not even in a `{:?}` of the card.
        assert!(
            !format!("{card:?}").contains(&format!("\"{pin}\"")),
            "{card:?}"
        );
    }

    #[test]
    fn an_unknown_expectation_is_refused() {
        assert!(Expect::parse_checked("bogus").is_err());
        for ok in [
            "pass", "expired", "rc:51", "t2:blank", "sw6a82", "blank", "FAIL",
        ] {
            assert!(Expect::parse_checked(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn expectations() {
        let e = Expect::parse("expired");
        assert!(e.matches_failure(&Signal::parse("chip_expired"), ""));
        assert!(e.matches_failure(&Signal::parse("rc:54"), "54"));
        assert!(!e.matches_failure(&Signal::parse("t2:lrc"), ""));
        assert!(Expect::parse("rc:51").matches_failure(&Signal::parse("rc:51"), "51"));
        assert_eq!(Expect::parse(" PASS "), Expect::Pass);
    }

    #[test]
    fn bad_decks() {
        assert!(Deck::parse("[deck]\nname='x'\n", "t").is_err());
        let bad = "[deck]\nname='x'\n[[card]]\nlabel='a'\ninterfaces=['nfc']\n";
        assert!(Deck::parse(bad, "t")
            .unwrap_err()
            .to_string()
            .contains("nfc"));
        let bad = "[deck]\nname='x'\n[[card]]\nlabel='a'\nscheme='foo'\n";
        assert!(Deck::parse(bad, "t").is_err());
    }
}
