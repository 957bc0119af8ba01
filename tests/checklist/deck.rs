//! Deck files: the shipped decks match the simulators' default scenarios; parsing rules.

use cardbench::bins::BinTable;
use cardbench::deck::{Deck, Expect};
use cardbench::model::Interface;
use cardbench::sim::scenario::Scenario;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Labels, order, banks, schemes and tracks of the shipped decks are those of the scenarios.
#[test]
fn shipped_decks_match_default_scenarios() {
    let bins = BinTable::builtin();
    for p in ["crt310", "msr605"] {
        let deck = Deck::load(&root().join(format!("fixtures/decks/{p}-default.toml"))).unwrap();
        let sc =
            Scenario::load(root().join(format!("fixtures/scenarios/{p}-default.toml"))).unwrap();
        let derived = Deck::from_scenario(&sc, &bins);
        assert_eq!(deck.cards.len(), sc.cards.len(), "{p}");
        for (d, s) in deck.cards.iter().zip(&derived.cards) {
            assert_eq!(d.label, s.label, "{p}");
            assert_eq!(d.scheme, s.scheme, "{p} {}", d.label.en);
            assert_eq!(d.tracks, s.tracks, "{p} {}", d.label.en);
            assert_eq!(d.reference, s.reference, "{p} {}", d.label.en);
            let want = cardbench::bins::find_bank(&d.bank)
                .map(|b| b.short.to_string())
                .unwrap_or_default();
            assert_eq!(want, s.bank, "{p} {}", d.label.en);
        }
        assert!(deck.cards[0].reference);
        assert!(deck.cards.iter().any(|c| c.label.zh.contains("工商银行")));
        // The built-in copy is the file.
        assert_eq!(Deck::builtin(p).unwrap(), deck);
    }
}

#[test]
fn expectations_and_reference_order() {
    let text = r#"
[deck]
name = "t"
[[card]]
label = "Expired BOC"
bank = "BOC"
scheme = "cup"
interfaces = ["msr", "ic"]
[card.expect]
swipe = "expired"
chip = "Expired"
[[card]]
label = "Ref"
reference = true
"#;
    let d = Deck::parse(text, "t").unwrap();
    assert_eq!(d.cards[0].label.en, "Ref");
    // No label_zh: built from what the deck knows (deck::label), here only the reference role.
    assert_eq!(d.cards[0].label.zh, "参考卡");
    let c = &d.cards[1];
    assert_eq!(c.scheme, "UnionPay");
    assert_eq!(c.interfaces, vec![Interface::Swipe, Interface::Chip]);
    assert_eq!(
        c.expectation(Interface::Swipe),
        Expect::Fail("expired".into())
    );
    assert_eq!(c.expectation(Interface::Network), Expect::Pass);
    assert_eq!(c.bank_text().zh, "中国银行");
}

#[test]
fn bad_decks_name_the_problem() {
    for (text, needle) in [
        (
            "[deck]\nname='x'\n[[card]]\nlabel='a'\ntracks=[4]\n",
            "tracks",
        ),
        (
            "[deck]\nname='x'\n[[card]]\nlabel='a'\ncolour='red'\n",
            "colour",
        ),
        (
            "[deck]\nname='x'\n[[card]]\nlabel='a'\n[card.expect]\nnfc='pass'\n",
            "nfc",
        ),
        ("not toml at all [", ""),
    ] {
        let e = Deck::parse(text, "my.toml").unwrap_err().to_string();
        assert!(e.contains("my.toml") && e.contains(needle), "{e}");
    }
}
