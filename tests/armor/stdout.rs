//! Card data and terminal control on stdout (issue 18, kind 6): a label holding a card
//! number or ESC/CR/LF is refused at load, and whatever still reaches a printed line (device
//! text, a host's reply) goes through the same guard as the CSV cells.

use crate::common::{file, fixture, fixture_with, refused, run_headless, texts};

#[test]
fn a_deck_label_holding_a_card_number_is_refused_never_printed() {
    let d = tempfile::tempdir().unwrap();
    for label in [
        "6217000000000000038",
        "6217 0000 0000 0000 038",
        "6217-0000-0000-0000-038",
    ] {
        let deck = fixture("decks/crt310-default.toml").replacen(
            "label = \"",
            &format!("label = \"{label} "),
            1,
        );
        let p = file(d.path(), "pan-label.toml", deck);
        let o = run_headless(d.path(), "crt310:sim", &["--deck", p.to_str().unwrap()]);
        let err = refused(&o, &["pan-label.toml", "card[1].label", "card number"]);
        let (out, _) = texts(&o);
        for text in [&out, &err] {
            assert!(
                cardbench::sensitive::find_clear_pan(text).is_none(),
                "{text}"
            );
        }
    }
}

#[test]
fn a_deck_label_with_terminal_controls_is_refused() {
    let d = tempfile::tempdir().unwrap();
    for label in [
        "\\u001b]0;pwned\\u0007",
        "ok\\r\\nPASS: every expectation met",
        "\\u001b[2J",
    ] {
        let deck = fixture("decks/crt310-default.toml").replacen(
            "label = \"",
            &format!("label = \"{label}"),
            1,
        );
        let p = file(d.path(), "ctl-label.toml", deck);
        let o = run_headless(d.path(), "crt310:sim", &["--deck", p.to_str().unwrap()]);
        let err = refused(&o, &["ctl-label.toml", "card[1].label", "control"]);
        assert!(!err.contains('\u{1b}') && !err.contains('\r'), "{err:?}");
        assert!(!o.stdout.contains(&0x1b));
    }
}

#[test]
fn every_headless_line_is_guarded() {
    // A run whose reader reports identity strings with separators that look like a card
    // number and ESC: the scenario loader refuses ESC, so the number is the test here.
    let d = tempfile::tempdir().unwrap();
    let sc = fixture_with(
        "scenarios/crt310-default.toml",
        "serial",
        "\"6217 0000 0000 0000 038\"",
    );
    let p = file(d.path(), "sn.toml", sc);
    let o = run_headless(d.path(), &format!("crt310:sim:{}", p.display()), &[]);
    let (out, err) = texts(&o);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{out}\n{err}"
    );
    assert!(out.contains("6217 00** **** ***0 038"), "{out}");
    assert!(
        cardbench::sensitive::find_clear_pan(&out).is_none(),
        "{out}"
    );
    assert!(!out.bytes().any(|b| b == 0x1b || b == b'\r'), "{out:?}");
}
