//! Engine tests over the scripted fake device: the whole deck, expectations, reconnect,
//! diagnosis of card-level and terminal-level faults.

use super::fake::{default_cards, opener, FakeState};
use cardbench::checklist::{self, BenchEvent, RunPlan, RunSummary};
use cardbench::model::Family;
use cardbench::model::{Outcome, TrackStatus};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

pub fn cfg(device: &str, out: &std::path::Path) -> RunPlan {
    let device = cardbench::device::DeviceAddress::parse(device).unwrap();
    let mut p = RunPlan::defaults(device).with_station("test-1");
    p.out_dir = out.to_path_buf();
    p.swipes = 2;
    p.prompt_timeout = Duration::from_secs(2);
    p
}

fn run(
    cfg: RunPlan,
    cards: Vec<super::fake::FakeCard>,
    chip: bool,
    state: Arc<FakeState>,
) -> (RunSummary, Vec<BenchEvent>) {
    let h = checklist::start_with(cfg, opener(cards, chip, state));
    let events: Vec<BenchEvent> = h.events.iter().collect();
    let s = h.thread.join().unwrap();
    (s, events)
}

#[test]
fn healthy_swipe_deck_passes() {
    let d = tempfile::tempdir().unwrap();
    let st = Arc::new(FakeState::default());
    let (s, ev) = run(cfg("msr605:fake", d.path()), default_cards(), false, st);
    assert!(
        !matches!(s.end, cardbench::model::RunEnd::CouldNotRun(_)),
        "{:?}",
        s.end
    );
    assert!(
        s.all_passed,
        "{:#?}",
        s.attempts
            .iter()
            .filter(|a| a.outcome != cardbench::model::Outcome::Pass
                && a.outcome != cardbench::model::Outcome::Skip)
            .collect::<Vec<_>>()
    );
    assert!(s.conclusions.is_empty(), "{:#?}", s.conclusions);
    assert!(matches!(ev.first(), Some(BenchEvent::Started(_))));
    assert!(matches!(
        ev.last(),
        Some(BenchEvent::Finished {
            all_passed: true,
            ..
        })
    ));
    // 8 cards × (2 swipes + network skip)
    assert_eq!(s.attempts.len(), 8 * 3);
    let icbc = &s.attempts[3];
    assert_eq!(icbc.bank, "ICBC");
    assert_eq!(icbc.masked_pan, "621226*********0026");
    for f in ["attempts.csv", "cards.csv", "banks.csv", "diagnosis.csv"] {
        assert!(d.path().join(f).exists(), "{f}");
    }
}

#[test]
fn one_blank_card_is_the_card() {
    let d = tempfile::tempdir().unwrap();
    let mut cards = default_cards();
    cards[3].track_errors = [Some(TrackStatus::Blank), Some(TrackStatus::Blank), None];
    let (s, _) = run(
        cfg("msr605:fake", d.path()),
        cards,
        false,
        Arc::new(FakeState::default()),
    );
    assert!(!s.all_passed);
    let c = &s.conclusions[0];
    assert_eq!(c.family, Family::Card, "{:#?}", s.conclusions);
    assert!(c.culprit.en.contains("ABC debit"), "{:?}", c.culprit);
    assert_eq!(s.conclusions.len(), 1, "{:#?}", s.conclusions);
}

#[test]
fn dead_track_on_every_card_is_the_head() {
    let d = tempfile::tempdir().unwrap();
    let mut cards = default_cards();
    for c in &mut cards {
        c.track_errors[1] = Some(TrackStatus::Blank);
    }
    let (s, _) = run(
        cfg("msr605:fake", d.path()),
        cards,
        false,
        Arc::new(FakeState::default()),
    );
    let c = &s.conclusions[0];
    assert_eq!(c.family, Family::TermHw, "{:#?}", s.conclusions);
    assert!(c.culprit.en.contains("track 2"), "{:?}", c.culprit);
    assert!(
        s.conclusions.iter().all(|c| c.family != Family::Card),
        "{:#?}",
        s.conclusions
    );
}

#[test]
fn mute_chip_card_and_reconnect() {
    let d = tempfile::tempdir().unwrap();
    let mut cards = default_cards();
    cards[5].mute = true;
    let st = Arc::new(FakeState::default());
    st.lose_at.store(20, Ordering::SeqCst);
    let (s, ev) = run(cfg("crt310:fake", d.path()), cards, true, st.clone());
    assert_eq!(st.opens.load(Ordering::SeqCst), 2);
    assert!(ev.iter().any(|e| matches!(e, BenchEvent::DeviceLost(_))));
    assert!(ev.iter().any(|e| matches!(e, BenchEvent::Reconnected)));
    let lost: Vec<_> = s
        .attempts
        .iter()
        .filter(|a| a.signal.code() == "device_lost")
        .collect();
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0].outcome, cardbench::model::Outcome::Error);
    let card = s
        .conclusions
        .iter()
        .find(|c| c.family == Family::Card)
        .unwrap_or_else(|| panic!("{:#?}", s.conclusions));
    assert!(card.culprit.en.contains("CMB debit"), "{:?}", card.culprit);
    // Every card still got its swipes after the reconnect.
    let swipes = s
        .attempts
        .iter()
        .filter(|a| a.step.starts_with("swipe#") && a.outcome == cardbench::model::Outcome::Pass)
        .count();
    assert_eq!(swipes, 16);
    let _ = Outcome::Pass;
}

#[test]
fn prompt_timeout_is_recorded() {
    let d = tempfile::tempdir().unwrap();
    let cards = default_cards()[..2].to_vec();
    let mut c = cfg("msr605:fake", d.path());
    c.prompt_timeout = Duration::from_millis(300);
    let (s, _) = run(c, cards, false, Arc::new(FakeState::default()));
    let to: Vec<_> = s
        .attempts
        .iter()
        .filter(|a| a.signal.code() == "prompt_timeout")
        .collect();
    assert!(!to.is_empty());
    assert!(to
        .iter()
        .all(|a| a.outcome == cardbench::model::Outcome::Error));
    assert!(!s.all_passed);
}

/// Once the card is in, "insert card N" leaves the screen: the chip is read under "working",
/// not under a prompt the operator has already answered.
#[test]
fn the_insert_prompt_clears_when_the_card_is_in() {
    use cardbench::checklist::PromptAction;
    let d = tempfile::tempdir().unwrap();
    let st = Arc::new(FakeState::default());
    let (_, ev) = run(cfg("crt310:fake", d.path()), default_cards(), true, st);
    let insert = ev
        .iter()
        .position(|e| matches!(e, BenchEvent::Prompt(p) if p.action == PromptAction::Insert))
        .expect("an insert prompt");
    let after: Vec<&BenchEvent> = ev[insert + 1..]
        .iter()
        .filter(|e| !matches!(e, BenchEvent::Frame(_) | BenchEvent::Note(_)))
        .take(2)
        .collect();
    assert!(
        matches!(
            after[..],
            [BenchEvent::PromptCleared, BenchEvent::Attempt { .. }]
        ),
        "{after:#?}"
    );
}
