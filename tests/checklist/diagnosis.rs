//! Diagnosis rules over synthetic observations (no device): R2, R3, R4/R5, R6, R9, expected
//! failures and bilingual text.

use cardbench::diagnosis::{classify, diagnose, diagnose_attempts, LinkStats, Observation};
use cardbench::i18n::Text;
use cardbench::model::Family;
use cardbench::model::{Attempt, Interface, Outcome, Signal};

const BANKS: [(&str, &str); 6] = [
    ("ICBC", "UnionPay"),
    ("ICBC", "UnionPay"),
    ("CCB", "UnionPay"),
    ("ABC", "UnionPay"),
    ("", "Visa"),
    ("", "Mastercard"),
];

fn obs(
    card: usize,
    iface: Interface,
    step: &str,
    outcome: Outcome,
    signal: &str,
    rc: &str,
) -> Observation {
    let (bank, scheme) = BANKS[card];
    Observation {
        card: Some(card),
        label: Text::new(format!("card{card}"), format!("卡{card}")),
        reference: card == 0,
        bank: bank.into(),
        bank_text: Text::new(bank, bank),
        scheme: scheme.into(),
        interface: iface,
        step: step.into(),
        outcome,
        signal: Signal::parse(signal),
        rc: rc.into(),
        ..Observation::default()
    }
}

/// A healthy run; `f` may change any observation.
fn run(f: impl Fn(&mut Observation)) -> Vec<Observation> {
    let mut v = Vec::new();
    for c in 0..BANKS.len() {
        for k in 1..=3 {
            v.push(obs(
                c,
                Interface::Swipe,
                &format!("swipe#{k}"),
                Outcome::Pass,
                "ok",
                "",
            ));
        }
        v.push(obs(c, Interface::Chip, "atr", Outcome::Pass, "ok", ""));
        v.push(obs(c, Interface::Chip, "select", Outcome::Pass, "ok", ""));
        v.push(obs(
            c,
            Interface::Network,
            "auth",
            Outcome::Pass,
            "ok",
            "00",
        ));
    }
    for o in &mut v {
        f(o);
    }
    v
}

#[test]
fn healthy_run_has_no_conclusion() {
    assert!(diagnose(&run(|_| {}), &LinkStats::default()).is_empty());
}

#[test]
fn r6_one_scheme_fails_selection_is_the_aid_list() {
    let v = run(|o| {
        if o.scheme == "UnionPay" && o.step == "select" {
            o.outcome = Outcome::Fail;
            o.signal = Signal::parse("sw6a82");
        }
    });
    let c = diagnose(&v, &LinkStats::default());
    assert_eq!(c[0].rule, "R6");
    assert_eq!(c[0].family, Family::TermSw);
    assert!(c[0].culprit.en.contains("UnionPay") && c[0].culprit.en.contains("A000000333"));
    assert_eq!(c.len(), 1, "{c:#?}");
}

#[test]
fn r3_reference_card_and_others_fail_chip_is_the_contacts() {
    let v = run(|o| {
        if o.step == "atr" && o.card.is_some_and(|c| c < 4) {
            o.outcome = Outcome::Fail;
            o.signal = Signal::parse("mute");
        }
    });
    let c = diagnose(&v, &LinkStats::default());
    assert_eq!(c[0].family, Family::TermHw, "{c:#?}");
    assert!(c[0].culprit.en.contains("contacts"));
    assert!(c.iter().all(|c| c.family != Family::Card), "{c:#?}");
}

#[test]
fn r2_one_card_failing_everywhere_is_the_card() {
    let v = run(|o| {
        if o.card == Some(3) && o.interface != Interface::Network {
            o.outcome = Outcome::Fail;
            o.signal = Signal::parse(if o.interface == Interface::Swipe {
                "t2:blank"
            } else {
                "mute"
            });
        }
    });
    let c = diagnose(&v, &LinkStats::default());
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].rule, "R2");
    assert_eq!(c[0].family, Family::Card);
    assert_eq!(c[0].confidence, cardbench::diagnosis::Confidence::High);
    assert!(c[0].culprit.en.contains("card3") && c[0].culprit.zh.contains("卡3"));
    assert!(c[0].evidence.iter().any(|e| e.en.contains("t2:blank")));
}

#[test]
fn r4_one_bank_timeouts_is_that_bank_r5_all_is_net() {
    let v = run(|o| {
        if o.bank == "ICBC" && o.interface == Interface::Network {
            o.outcome = Outcome::Fail;
            o.signal = Signal::parse("auth_timeout");
            o.rc = String::new();
        }
    });
    let c = diagnose(&v, &LinkStats::default());
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!((c[0].rule.as_str(), c[0].family), ("R4", Family::Bank));
    assert!(c[0].culprit.en.contains("ICBC"));

    let v = run(|o| {
        if o.interface == Interface::Network {
            o.outcome = Outcome::Fail;
            o.signal = Signal::parse("rc:96");
            o.rc = "96".into();
        }
    });
    let c = diagnose(&v, &LinkStats::default());
    assert_eq!(
        (c[0].rule.as_str(), c[0].family),
        ("R5", Family::Net),
        "{c:#?}"
    );
    assert!(c.iter().all(|c| c.family != Family::Bank));
}

#[test]
fn r9_account_codes_and_classification_table() {
    let v = run(|o| {
        if o.card == Some(2) && o.interface == Interface::Network {
            o.outcome = Outcome::Fail;
            o.signal = Signal::parse("rc:62");
            o.rc = "62".into();
        }
    });
    let c = diagnose(&v, &LinkStats::default());
    assert_eq!(
        (c[0].rule.as_str(), c[0].family),
        ("R9", Family::Acct),
        "{c:#?}"
    );
    assert_eq!(classify(&Signal::parse("rc:62")).family, Family::Acct);
    assert_eq!(
        classify(&Signal::parse("t1:no_start_sentinel")).family,
        Family::Card
    );
    assert_eq!(classify(&Signal::parse("rc:ZZ")).family, Family::Unknown);
}

#[test]
fn from_csv_rows() {
    let row = |label: &str, step: &str, outcome: &str, signal: &str| Attempt {
        card_label: label.into(),
        interface: Interface::Swipe,
        step: step.into(),
        outcome: Outcome::parse(outcome).unwrap(),
        signal: Signal::parse(signal),
        ..Attempt::default()
    };
    let mut rows = Vec::new();
    for l in ["Reference", "A", "B", "C"] {
        for k in 1..=2 {
            let bad = l == "B";
            rows.push(row(
                l,
                &format!("swipe#{k}"),
                if bad { "FAIL" } else { "PASS" },
                if bad { "t2:blank" } else { "ok" },
            ));
        }
    }
    let c = diagnose_attempts(&rows, |l| l.starts_with("Reference"));
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].family, Family::Card);
    assert!(c[0].culprit.en.contains('B'));
}

/// The rows of the markdown table that follows `heading` in docs/diagnosis.md, as cells.
fn doc_table(heading: &str) -> Vec<Vec<String>> {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnosis.md")).unwrap();
    let at = doc
        .find(heading)
        .unwrap_or_else(|| panic!("{heading} not in the doc"));
    doc[at..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn docs_signal_table_is_the_code_table() {
    use cardbench::diagnosis::{SignalKind, SIGNALS};
    let mut documented = Vec::new();
    for row in doc_table("## Signal codes") {
        let (codes, n, family) = (&row[0], &row[1], &row[2]);
        for code in codes.split(", ") {
            let code = code
                .trim_matches('`')
                .replace("tN:", "t2:")
                .replace(":XX", ":E5");
            if code == "rc:NN" {
                continue;
            }
            let c = classify(&Signal::parse(&code));
            let want_row = if n == "—" { 0 } else { n.parse().unwrap() };
            assert_eq!(c.row, want_row, "{code}: §2 row");
            if family != "—" {
                let (main, alt) = match family.split_once(" (") {
                    Some((m, a)) => (m, Family::parse(a.trim_end_matches(')'))),
                    None => (family.as_str(), None),
                };
                assert_eq!(Some(c.family), Family::parse(main), "{code}: family");
                assert_eq!(c.alt, alt, "{code}: alternative family");
            }
            documented.push(SignalKind::of(&Signal::parse(&code)));
        }
    }
    for r in SIGNALS {
        assert!(
            documented.contains(&r.kind),
            "{} is not documented",
            r.kind.code()
        );
    }
}

#[test]
fn docs_rule_table_is_the_rule_order() {
    let documented: Vec<String> = doc_table("## Rules across cards")
        .iter()
        .map(|row| row[2].replace(' ', ""))
        .collect();
    let ids: Vec<&str> = cardbench::diagnosis::rules::RULES
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(documented, ids);
}
