//! The six fixes of issue 15, each with a second, independent fault on another layer (card +
//! terminal, bank + card, terminal + bank), on both reader profiles: a fixed deck, the faults
//! set by hand, a full run on the simulator with the in-process host, scored like the sweep
//! (the verdict names the fault that comes first under the precedence, every fault is named,
//! no terminal conclusion when only bank-side faults are injected), and one conclusion per
//! culprit.

use super::sweep::{run_all, show, Scored};
use super::sweep_gen::{fault, scenario, Case, Fault, Layer, Planned, Profile};
use cardbench::model::Family;
use cardbench::sim::scenario::{Defect, HeadError, Rng, WornHead};

/// The deck of every case: the reference card, two BOC cards, CCB and ABC carrying track 3
/// (the only ones), CMB, a Visa card; all chip cards on the CRT-310.
fn deck(profile: Profile) -> Vec<Planned> {
    let chip = profile == Profile::Crt310;
    let card = |label: &str, bank: &'static str, scheme: &'static str, tracks: &[u8]| Planned {
        label: label.into(),
        bank,
        scheme,
        tracks: tracks.to_vec(),
        chip,
    };
    vec![
        card("Reference UnionPay debit", "ICBC", "UnionPay", &[1, 2]),
        card("BOC debit 1", "BOC", "UnionPay", &[1, 2]),
        card("BOC debit 2", "BOC", "UnionPay", &[1, 2]),
        card("CCB debit 1", "CCB", "UnionPay", &[1, 2, 3]),
        card("ABC debit 1", "ABC", "UnionPay", &[1, 2, 3]),
        card("CMB debit 1", "CMB", "UnionPay", &[1, 2]),
        card("Visa credit 1", "", "Visa", &[1, 2]),
    ]
}

/// A case on `profile` with no fault yet.
fn base(profile: Profile, name: &str) -> Case {
    let d = deck(profile);
    let seed = 15;
    let sc = scenario(&mut Rng::new(seed), profile, &d, seed);
    Case {
        id: format!("{}: {name}", profile.name()),
        profile,
        scenario: sc,
        rules: String::new(),
        faults: Vec::new(),
    }
}

fn index(c: &Case, label: &str) -> usize {
    c.scenario
        .cards
        .iter()
        .position(|k| k.label == label)
        .unwrap_or_else(|| panic!("no card {label}"))
}

fn short(code: &str) -> String {
    cardbench::bins::find_bank(code)
        .map(|b| b.short.to_string())
        .unwrap_or_else(|| code.to_string())
}

fn rule(c: &mut Case, text: String) {
    c.rules.push_str(&text);
    c.rules.push('\n');
}

/// Every card of one bank declined with a policy code (fix 1).
fn bank_policy(c: &mut Case, bank: &str, rc: &str) -> Fault {
    rule(c, format!("[[rule]]\nbank = \"{bank}\"\nrc = \"{rc}\"\n"));
    fault(
        format!("{bank} policy rc {rc}"),
        Layer::Bank,
        Family::Bank,
        format!("{} (issuer policy)", short(bank)),
    )
}

/// One bank's host replies unusably (`close`, `malformed`) or not at all (fix 2, fix 6).
fn bank_action(c: &mut Case, bank: &str, action: &str) -> Fault {
    rule(
        c,
        format!("[[rule]]\nbank = \"{bank}\"\naction = \"{action}\"\n"),
    );
    fault(
        format!("{bank} {action}"),
        Layer::Bank,
        Family::Bank,
        format!("{} (", short(bank)),
    )
}

/// Every bank's replies unusable: the host link (fix 2).
fn network_action(c: &mut Case, action: &str) -> Fault {
    rule(c, format!("[[rule]]\naction = \"{action}\"\n"));
    fault(
        format!("every bank {action}"),
        Layer::Network,
        Family::Net,
        "network / acquirer link",
    )
}

fn defect(c: &mut Case, label: &str, d: Defect) -> Fault {
    let i = index(c, label);
    c.scenario.cards[i].defects.push(d);
    fault(
        format!("{d} on {label}"),
        Layer::Card,
        Family::Card,
        format!("({label})"),
    )
}

fn account(c: &mut Case, label: &str, rc: &str) -> Fault {
    let pan = &c.scenario.cards[index(c, label)].pan;
    let last4 = pan[pan.len() - 4..].to_string();
    rule(c, format!("[[rule]]\ncard = \"{last4}\"\nrc = \"{rc}\"\n"));
    fault(
        format!("rc {rc} on {label}"),
        Layer::Card,
        Family::Acct,
        format!("({label})"),
    )
}

fn worn_head(c: &mut Case, track: u8, probability: f64) -> Fault {
    c.scenario.device.faults.worn_head = Some(WornHead {
        track,
        probability,
        error: HeadError::Parity,
    });
    head_fault(track)
}

fn dead_track(c: &mut Case, track: u8) -> Fault {
    c.scenario.device.faults.dead_track = Some(track);
    head_fault(track)
}

fn head_fault(track: u8) -> Fault {
    fault(
        format!("head track {track}"),
        Layer::Terminal,
        Family::TermHw,
        format!("magnetic head (track {track})"),
    )
}

/// The reader stops answering on the last card (the runner places it): fix 4.
fn freeze() -> Fault {
    let mut f = fault(
        "freeze".into(),
        Layer::Terminal,
        Family::TermHw,
        "reader (link)",
    );
    f.kills = true;
    f
}

fn with(mut c: Case, faults: Vec<Fault>) -> Case {
    let names: Vec<&str> = faults.iter().map(|f| f.knob.as_str()).collect();
    c.id = format!("{} ({})", c.id, names.join(" + "));
    c.faults = faults;
    c
}

/// Both profiles' cases, built by `make`.
fn both(name: &str, make: impl Fn(&mut Case) -> Vec<Fault>) -> Vec<Case> {
    [Profile::Crt310, Profile::Msr605]
        .into_iter()
        .map(|p| {
            let mut c = base(p, name);
            let f = make(&mut c);
            with(c, f)
        })
        .collect()
}

/// Every case right, no terminal blamed for bank-side faults, one conclusion per culprit.
fn check(cases: Vec<Case>) -> Vec<Scored> {
    let scored = run_all(cases);
    for s in &scored {
        println!("{}", show(s));
        assert!(s.right(), "not right:\n{}", show(s));
        assert!(!s.terminal_blamed, "terminal blamed:\n{}", show(s));
        let mut culprits: Vec<&str> = s
            .conclusions
            .iter()
            .map(|c| c.culprit.en.as_str())
            .collect();
        culprits.sort_unstable();
        let n = culprits.len();
        culprits.dedup();
        assert_eq!(
            culprits.len(),
            n,
            "two conclusions share a culprit:\n{}",
            show(s)
        );
    }
    scored
}

/// Fix 1: every BOC card declined by policy is BOC's (BANK), not an account fault per card;
/// with an expired card of another bank (bank + card).
#[test]
fn fix1_policy_codes_grouped_by_bank_with_a_card_fault() {
    let scored = check(both("fix 1", |c| {
        vec![
            bank_policy(c, "BOC", "57"),
            defect(c, "CMB debit 1", Defect::Expired),
        ]
    }));
    for s in &scored {
        assert!(
            s.conclusions.iter().all(|c| c.family != Family::Acct),
            "{}",
            show(s)
        );
    }
}

/// Fix 2: one bank's host hanging up is that bank (BANK), with a worn head (bank + terminal);
/// every bank's replies malformed is the host link (NET), with a blank card (network + card).
/// Neither is the terminal's framing.
#[test]
fn fix2_unusable_host_replies_grouped() {
    let mut cases = both("fix 2, one bank", |c| {
        vec![bank_action(c, "CCB", "close"), worn_head(c, 2, 0.9)]
    });
    cases.extend(both("fix 2, every bank", |c| {
        vec![
            network_action(c, "malformed"),
            defect(c, "ABC debit 1", Defect::Blank),
        ]
    }));
    let scored = check(cases);
    for s in scored.iter().filter(|s| s.case.id.contains("every bank")) {
        assert!(
            s.conclusions
                .iter()
                .all(|c| !matches!(c.family, Family::TermHw | Family::TermSw)),
            "{}",
            show(s)
        );
    }
}

/// Fix 3: a track-1 error on every swipe does not hide the expired date track 2 read: the
/// head and the expired card are both named (terminal + card).
#[test]
fn fix3_every_signal_of_a_swipe_reaches_the_diagnosis() {
    check(both("fix 3", |c| {
        vec![
            worn_head(c, 1, 1.0),
            defect(c, "BOC debit 2", Defect::Expired),
        ]
    }));
}

/// Fix 4: a reader that stops answering on the last card is the reader (TERM-HW), not "no
/// card presented"; with BOC's host down (terminal + bank).
#[test]
fn fix4_a_silent_reader_is_probed_before_no_card() {
    let scored = check(both("fix 4", |c| {
        vec![freeze(), bank_action(c, "BOC", "no_reply")]
    }));
    for s in &scored {
        assert!(
            s.conclusions.iter().all(|c| c.family != Family::Tech),
            "no TECH (no card presented) for a silent reader:\n{}",
            show(s)
        );
    }
}

/// Fix 5: track 3 dead counts only the two cards that carry it ("2 of 2", not "of 7"); with
/// an account decline on a third card (terminal + card).
#[test]
fn fix5_denominators_count_the_cards_that_carry_the_track() {
    let scored = check(both("fix 5", |c| {
        vec![dead_track(c, 3), account(c, "BOC debit 1", "51")]
    }));
    for s in &scored {
        let head = s
            .conclusions
            .iter()
            .find(|c| c.culprit.en.contains("track 3"))
            .unwrap_or_else(|| panic!("{}", show(s)));
        assert!(
            head.finding.en.contains("of 2 cards"),
            "{}",
            head.finding.en
        );
    }
}

/// Fix 6: a worn head while a bank is down is a TERM-HW terminal (terminal findings before
/// bank findings); the outage is still named as a bank finding (terminal + bank).
#[test]
fn fix6_one_verdict_terminal_before_bank() {
    let scored = check(both("fix 6", |c| {
        vec![worn_head(c, 2, 0.9), bank_action(c, "BOC", "no_reply")]
    }));
    for s in &scored {
        let v = cardbench::diagnosis::verdict(&s.conclusions).unwrap();
        assert_eq!(v.family, Family::TermHw, "{}", show(s));
    }
}
