//! One simulator scenario per fault knob (fixtures/scenarios/faults/): the diagnosis names the
//! right family and culprit, and never blames something else first.

use cardbench::checklist::{self, RunPlan, RunSummary};
use cardbench::diagnosis::Conclusion;
use cardbench::model::Family;
use std::path::Path;
use std::time::Duration;

/// The plan for a fault scenario, at 115200 baud to keep wall time small.
pub fn fault_cfg(device: &str, out: &Path) -> RunPlan {
    let device = cardbench::device::DeviceAddress::parse(device).unwrap();
    let mut p = RunPlan::defaults(device).with_station("faults");
    p.out_dir = out.to_path_buf();
    p.swipes = 3;
    p.prompt_timeout = Duration::from_secs(3);
    p.baud = Some(115_200);
    p
}

/// Runs `PROFILE:sim:fixtures/scenarios/faults/NAME.toml` at 115200 baud.
pub fn run_scenario(
    profile: &str,
    name: &str,
    host: Option<&str>,
) -> (RunSummary, tempfile::TempDir) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/scenarios/faults")
        .join(format!("{name}.toml"));
    assert!(file.exists(), "{}", file.display());
    let d = tempfile::tempdir().unwrap();
    let mut cfg = fault_cfg(&format!("{profile}:sim:{}", file.display()), d.path());
    cfg.host = host.map(|h| cardbench::host::HostSpec::parse(h).unwrap());
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    assert!(
        !matches!(s.end, cardbench::model::RunEnd::CouldNotRun(_)),
        "{name}: {:?}",
        s.end
    );
    (s, d)
}

fn show(cs: &[Conclusion]) -> String {
    cs.iter()
        .map(|c| {
            format!(
                "{} {} [{}] {} — {}",
                c.rule,
                c.family,
                c.confidence.as_str(),
                c.culprit.en,
                c.finding.en
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first conclusion has this family and its culprit mentions `culprit`.
pub fn expect_first(s: &RunSummary, family: Family, culprit: &str) {
    let c = s
        .conclusions
        .first()
        .unwrap_or_else(|| panic!("no conclusion; attempts: {:#?}", s.attempts.len()));
    assert_eq!(c.family, family, "{}", show(&s.conclusions));
    assert!(
        c.culprit.en.contains(culprit),
        "culprit {:?} lacks {culprit:?}\n{}",
        c.culprit.en,
        show(&s.conclusions)
    );
    assert!(!c.evidence.is_empty());
    assert!(!c.culprit.zh.is_empty() && !c.finding.zh.is_empty() && !c.action.zh.is_empty());
    assert!(!s.all_passed);
}

fn no_terminal_blame(s: &RunSummary) {
    assert!(
        s.conclusions
            .iter()
            .all(|c| !matches!(c.family, Family::TermHw | Family::TermSw)),
        "{}",
        show(&s.conclusions)
    );
}

#[test]
fn msr605_demagnetised_card() {
    let (s, _d) = run_scenario("msr605", "msr605-demagnetised", None);
    expect_first(&s, Family::Card, "ABC debit");
    no_terminal_blame(&s);
}

#[test]
fn msr605_blank_card() {
    let (s, _d) = run_scenario("msr605", "msr605-blank", None);
    expect_first(&s, Family::Card, "CCB debit");
    no_terminal_blame(&s);
}

#[test]
fn msr605_expired_card() {
    let (s, _d) = run_scenario("msr605", "msr605-expired", None);
    expect_first(&s, Family::Card, "BOC debit");
    assert!(s.attempts.iter().any(|a| a.signal.code() == "expired"));
    no_terminal_blame(&s);
}

#[test]
fn msr605_worn_head() {
    let (s, _d) = run_scenario("msr605", "msr605-worn-head", None);
    expect_first(&s, Family::TermHw, "head (track 2)");
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Card),
        "{}",
        show(&s.conclusions)
    );
}

#[test]
fn msr605_dead_track() {
    let (s, _d) = run_scenario("msr605", "msr605-dead-track", None);
    expect_first(&s, Family::TermHw, "head (track 1)");
    assert_eq!(
        s.conclusions[0].confidence,
        cardbench::diagnosis::Confidence::High
    );
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Card),
        "{}",
        show(&s.conclusions)
    );
}

#[test]
fn msr605_line_noise() {
    let (s, _d) = run_scenario("msr605", "msr605-line-noise", None);
    expect_first(&s, Family::TermHw, "serial line");
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Card),
        "{}",
        show(&s.conclusions)
    );
}

#[test]
fn msr605_freeze() {
    let (s, _d) = run_scenario("msr605", "msr605-freeze", None);
    expect_first(&s, Family::TermHw, "reader");
    assert!(s.attempts.iter().any(|a| a.signal.code() == "no_reply"));
}

#[test]
fn msr605_unplug_reconnects_and_resumes() {
    let (s, _d) = run_scenario("msr605", "msr605-unplug", None);
    expect_first(&s, Family::TermHw, "connection");
    let lost = s
        .attempts
        .iter()
        .filter(|a| a.signal.code() == "device_lost")
        .count();
    assert!(lost >= 1);
    // Every card still got all its swipes judged after the reconnects.
    let swipes = s
        .attempts
        .iter()
        .filter(|a| a.step.starts_with("swipe#") && a.outcome == cardbench::model::Outcome::Pass)
        .count();
    assert_eq!(
        swipes,
        8 * 3,
        "{:#?}",
        s.attempts
            .iter()
            .map(|a| (&a.card_label, &a.step, &a.outcome, &a.signal))
            .collect::<Vec<_>>()
    );
}

fn rules_file(dir: &Path, body: &str) -> String {
    let p = dir.join("rules.toml");
    std::fs::write(&p, body).unwrap();
    p.display().to_string()
}

fn csv_text(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The ICBC-host cases on the msr605-blank deck: ICBC is the BANK conclusion's culprit,
/// nothing is put on the network or the terminal, the blank CCB card is still the card's fault,
/// and each of the two timed-out ICBC sales was reversed and the reversal answered.
fn icbc_named_and_ccb_card_blamed(s: &RunSummary) -> &Conclusion {
    let bank = s
        .conclusions
        .iter()
        .find(|c| c.family == Family::Bank)
        .unwrap_or_else(|| panic!("{}", show(&s.conclusions)));
    assert!(
        bank.culprit.en.contains("Industrial and Commercial"),
        "{:?}",
        bank.culprit
    );
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Net
            && c.family != Family::TermHw
            && c.family != Family::TermSw),
        "{}",
        show(&s.conclusions)
    );
    // The blank CCB card is still the card's fault.
    assert!(s
        .conclusions
        .iter()
        .any(|c| c.family == Family::Card && c.culprit.en.contains("CCB")));
    let rev: Vec<_> = s.attempts.iter().filter(|a| a.step == "reversal").collect();
    assert_eq!(rev.len(), 2, "one reversal per timed-out ICBC card");
    assert!(
        rev.iter()
            .all(|a| a.outcome == cardbench::model::Outcome::Pass),
        "{rev:#?}"
    );
    bank
}

/// Only ICBC's host does not answer: the bank is named (R4), never the terminal; the
/// reversal after each timeout is sent and answered.
#[test]
fn one_bank_down_blames_that_bank() {
    let rd = tempfile::tempdir().unwrap();
    let rules = rules_file(
        rd.path(),
        "[[rule]]\nname = \"icbc down\"\nbank = \"ICBC\"\naction = \"no_reply\"\n",
    );
    let host = format!("sim:{rules}?timeout_ms=400");
    let (s, d) = run_scenario("msr605", "msr605-blank", Some(&host));
    let bank = icbc_named_and_ccb_card_blamed(&s);
    assert_eq!(bank.rule, "R4");
    let banks = csv_text(d.path(), "banks.csv");
    let icbc = banks.lines().find(|l| l.starts_with("ICBC,")).unwrap();
    assert!(icbc.contains("BANK"), "{icbc}");
    assert!(icbc.contains("R4"), "{icbc}");
    let diag = csv_text(d.path(), "diagnosis.csv");
    assert!(
        diag.contains("R4,BANK,") && diag.contains("Industrial and Commercial"),
        "{diag}"
    );
    let other = banks.lines().find(|l| l.starts_with("ABC,")).unwrap();
    assert!(!other.contains("R4"), "{other}");
}

/// ICBC's host answers only long after the terminal's timeout, on a host that answers each
/// request when its own delay ends (`concurrent_requests`), plus a blank CCB card: the slow
/// bank is named, the reversals behind the held authorisations are answered (not reported
/// missing), and the card is still the card's fault.
#[test]
fn slow_bank_on_a_concurrent_host_with_a_blank_card() {
    let rd = tempfile::tempdir().unwrap();
    let rules = rules_file(
        rd.path(),
        "concurrent_requests = true\n[[rule]]\nname = \"icbc slow\"\nbank = \"ICBC\"\nmti = \"0200\"\ndelay_ms = 4000\n",
    );
    let host = format!("sim:{rules}?timeout_ms=400");
    let (s, _d) = run_scenario("msr605", "msr605-blank", Some(&host));
    icbc_named_and_ccb_card_blamed(&s);
}

/// Every issuer gets RC 91: the network (or acquirer), not a bank, not the terminal.
#[test]
fn all_banks_down_is_the_network() {
    let rd = tempfile::tempdir().unwrap();
    let rules = rules_file(rd.path(), "default_rc = \"91\"\n");
    let (s, _d) = run_scenario("msr605", "msr605-blank", Some(&format!("sim:{rules}")));
    let net = s
        .conclusions
        .iter()
        .find(|c| c.family == Family::Net)
        .unwrap_or_else(|| panic!("{}", show(&s.conclusions)));
    assert_eq!(net.rule, "R5");
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Bank),
        "{}",
        show(&s.conclusions)
    );
}

/// Account response codes are the account's business (R9), not the terminal's.
#[test]
fn account_rc_is_the_account() {
    let rd = tempfile::tempdir().unwrap();
    let rules = rules_file(rd.path(), "[[rule]]\nbank = \"BOC\"\nrc = \"51\"\n");
    let (s, _d) = run_scenario("msr605", "msr605-blank", Some(&format!("sim:{rules}")));
    let acct = s
        .conclusions
        .iter()
        .find(|c| c.family == Family::Acct)
        .unwrap_or_else(|| panic!("{}", show(&s.conclusions)));
    assert_eq!(acct.rule, "R9");
    assert!(acct.culprit.en.contains("BOC debit"), "{:?}", acct.culprit);
    assert!(s
        .attempts
        .iter()
        .any(|a| a.rc == "51" && a.family.map(|f| f.as_str()) == Some("ACCT")));
    no_terminal_blame(&s);
}

#[test]
fn crt310_card_faults() {
    for (scen, family, culprit) in [
        ("crt310-mute", Family::Card, "CMB debit"),
        ("crt310-app-blocked", Family::Acct, "CCB debit"),
        ("crt310-card-blocked", Family::Card, "ABC debit"),
        ("crt310-expired", Family::Card, "BOC debit"),
        ("crt310-demagnetised", Family::Card, "ABC debit"),
        ("crt310-blank", Family::Card, "CCB debit"),
        ("crt310-gpo-refused", Family::Card, "ICBC debit"),
        ("crt310-track2-mismatch", Family::Card, "Visa credit"),
    ] {
        let (s, _d) = run_scenario("crt310", scen, None);
        eprintln!("{scen}:\n{}", show(&s.conclusions));
        expect_first(&s, family, culprit);
        no_terminal_blame(&s);
        assert_eq!(s.conclusions.len(), 1, "{scen}: {}", show(&s.conclusions));
    }
}

#[test]
fn crt310_expired_card_is_seen_on_stripe_and_chip() {
    let (s, _d) = run_scenario("crt310", "crt310-expired", None);
    assert!(
        s.attempts
            .iter()
            .any(|a| a.signal.code() == "expired"
                && a.interface == cardbench::model::Interface::Swipe)
    );
    assert!(s
        .attempts
        .iter()
        .any(|a| a.signal.code() == "chip_expired"
            && a.interface == cardbench::model::Interface::Chip));
}

fn terminal_fault(scen: &str, family: Family, culprit: &str) {
    let (s, _d) = run_scenario("crt310", scen, None);
    expect_first(&s, family, culprit);
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Card),
        "{scen}: {}",
        show(&s.conclusions)
    );
}

#[test]
fn crt310_no_atr_is_the_contacts() {
    terminal_fault("crt310-no-atr", Family::TermHw, "chip contacts");
}

#[test]
fn crt310_t0_timeout_is_the_contacts() {
    terminal_fault("crt310-t0-timeout", Family::TermHw, "chip contacts");
}

/// The AID list is the terminal's software (`--terminal`): a terminal file without UnionPay
/// on the healthy reader makes the UnionPay cards fail selection, and the diagnosis says
/// TERM-SW (AID list), not CARD.
#[test]
fn crt310_aid_list_without_unionpay_is_terminal_software() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let d = tempfile::tempdir().unwrap();
    let mut cfg = fault_cfg("crt310:sim", d.path());
    cfg.terminal = Some(root.join("fixtures/terminal/no-unionpay.toml"));
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    let s = h.thread.join().unwrap();
    expect_first(&s, Family::TermSw, "AID list (lacks UnionPay");
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Card),
        "{}",
        show(&s.conclusions)
    );
}

#[test]
fn crt310_worn_head() {
    terminal_fault("crt310-worn-head", Family::TermHw, "head (track 2)");
}

#[test]
fn crt310_dead_track() {
    terminal_fault("crt310-dead-track", Family::TermHw, "head (track 1)");
}

#[test]
fn crt310_line_noise() {
    terminal_fault("crt310-line-noise", Family::TermHw, "serial line");
}

/// Once the reader stopped answering, what failed on it afterwards is the freeze's, not the
/// contacts' or a card's: the reader is the only conclusion.
#[test]
fn crt310_freeze() {
    terminal_fault("crt310-freeze", Family::TermHw, "reader");
    let (s, _d) = run_scenario("crt310", "crt310-freeze", None);
    assert_eq!(s.conclusions.len(), 1, "{}", show(&s.conclusions));
}

#[test]
fn crt310_unplug() {
    terminal_fault("crt310-unplug", Family::TermHw, "connection");
}

/// A deck that expects the BOC card to be expired: met on the expired scenario (exit 0, no
/// conclusion), not met on the healthy one (`expectation_not_met`).
#[test]
fn expected_failure_counts_as_a_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let deck = std::fs::read_to_string(root.join("fixtures/decks/crt310-default.toml")).unwrap();
    let deck = deck.replacen(
        "label = \"BOC debit\"",
        "label = \"BOC debit\"\nexpect = { swipe = \"expired\", chip = \"expired\" }",
        1,
    );
    let dd = tempfile::tempdir().unwrap();
    let deck_path = dd.path().join("deck.toml");
    std::fs::write(&deck_path, deck).unwrap();
    for (scen, want_pass) in [
        ("faults/crt310-expired.toml", true),
        ("crt310-default.toml", false),
    ] {
        let d = tempfile::tempdir().unwrap();
        let file = root.join("fixtures/scenarios").join(scen);
        let mut cfg = fault_cfg(&format!("crt310:sim:{}", file.display()), d.path());
        cfg.deck = Some(deck_path.display().to_string());
        cfg.swipes = 1;
        let h = checklist::start(cfg);
        for _ in h.events.iter() {}
        let s = h.thread.join().unwrap();
        assert_eq!(s.all_passed, want_pass, "{scen}: {}", show(&s.conclusions));
        if want_pass {
            assert!(s.conclusions.is_empty(), "{}", show(&s.conclusions));
            assert!(s
                .attempts
                .iter()
                .any(|a| a.detail.starts_with("expected failure (expired) met")));
        } else {
            let n = s
                .attempts
                .iter()
                .filter(|a| a.signal.code() == "expectation_not_met")
                .count();
            assert_eq!(n, 2, "swipe and chip");
        }
    }
}
