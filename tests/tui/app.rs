//! `App::update` driven directly with synthetic engine events and keys: no terminal.

use cardbench::checklist::{BenchCommand, BenchEvent, PromptAction};
use cardbench::i18n::Lang;
use cardbench::model::Outcome;
use cardbench::tui::app::{Action, App, AppEvent, Focus, Overlay, Screen, TICK};
use cardbench::tui::run_view::RunState;
use cardbench::tui::sample;
use cardbench::tui::start::StartState;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(c: char) -> AppEvent {
    AppEvent::Key(KeyEvent::from(KeyCode::Char(c)))
}

fn code(c: KeyCode) -> AppEvent {
    AppEvent::Key(KeyEvent::from(c))
}

fn feed(app: &mut App, evs: Vec<BenchEvent>) {
    for e in evs {
        assert_eq!(app.update(AppEvent::Bench(e)), None);
    }
}

#[test]
fn a_full_run_fills_matrix_banks_latency_and_diagnosis() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    assert_eq!(app.screen, Screen::Run);
    assert_eq!(app.run.state, RunState::Connecting);
    feed(&mut app, sample::full_run(8));
    let r = &app.run;
    assert_eq!(r.state, RunState::Finished { all_passed: false });
    assert_eq!(r.cards.len(), 8);
    assert_eq!(r.cards_done(), 8);
    // ABC (card 3) fails swipe, CMB (card 5) fails swipe and chip, BOC network fails.
    assert_eq!(r.cells[2][0].verdict(), Some(Outcome::Fail));
    assert_eq!(r.cells[2][2].verdict(), Some(Outcome::Skip));
    assert_eq!(r.cells[4][1].verdict(), Some(Outcome::Fail));
    assert_eq!(r.cells[3][2].verdict(), Some(Outcome::Fail));
    assert_eq!(r.cells[0][0].verdict(), Some(Outcome::Pass));
    assert_eq!(r.cells[0][0].pass, 2);
    let boc = r.banks.iter().find(|b| b.name.en == "BOC").unwrap();
    assert_eq!((boc.failures(), boc.attempts()), (2, 8));
    assert_eq!((boc.failed_cards(), boc.cards()), (2, 2));
    // Skipped attempts do not count as tested.
    let abc = r.banks.iter().find(|b| b.name.en == "ABC").unwrap();
    assert_eq!((abc.failures(), abc.attempts()), (2, 3));
    assert_eq!((abc.failed_cards(), abc.cards()), (1, 1));
    let icbc = r.banks.iter().find(|b| b.name.en == "ICBC").unwrap();
    assert_eq!((icbc.failed_cards(), icbc.cards()), (0, 1));
    assert_eq!(r.latencies.len(), 7);
    assert_eq!(r.conclusions.len(), 3);
    assert_eq!(r.timeline.len(), 24);
    assert_eq!(
        app.focus,
        Focus::Diagnosis,
        "the finished run focuses the diagnosis"
    );
}

#[test]
fn keys_become_engine_commands() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    feed(
        &mut app,
        vec![
            sample::started(3),
            sample::prompt(0, 3, PromptAction::Swipe),
        ],
    );
    // Space did nothing the engine acted on: it is no key of the run screen.
    assert_eq!(app.update(key(' ')), None);
    assert_eq!(
        app.update(key('r')),
        Some(Action::Command(BenchCommand::Retry))
    );
    assert_eq!(
        app.update(key('s')),
        Some(Action::Command(BenchCommand::Skip))
    );
    assert_eq!(app.update(key('e')), Some(Action::Export));
    assert!(app.flash.is_some());
}

#[test]
fn quit_asks_while_running_and_not_after() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    feed(&mut app, vec![sample::started(3)]);
    assert_eq!(app.update(key('q')), None);
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    // n keeps running.
    assert_eq!(app.update(key('n')), None);
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.should_quit);
    // q, y: abort, then quit once the engine says it stopped.
    app.update(key('q'));
    assert_eq!(app.update(key('y')), Some(Action::AbortAndQuit));
    assert!(!app.should_quit);
    let done = BenchEvent::Finished {
        report_dir: "r".into(),
        all_passed: false,
        end: cardbench::model::RunEnd::StoppedByOperator,
    };
    assert_eq!(app.update(AppEvent::Bench(done)), Some(Action::Quit));
    assert!(app.should_quit);

    let mut app = App::for_run(Lang::En, "crt310:sim");
    feed(&mut app, sample::full_run(2));
    assert_eq!(app.update(key('q')), Some(Action::Quit));
}

#[test]
fn language_switches_everywhere_including_overlays() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    app.update(key('?'));
    assert_eq!(app.overlay, Overlay::Help);
    app.update(key('l'));
    assert_eq!(app.lang, Lang::ZhCn);
    assert_eq!(app.overlay, Overlay::Help, "l does not close the help");
    app.update(key('x'));
    assert_eq!(app.overlay, Overlay::None);
    app.update(key('l'));
    assert_eq!(app.lang, Lang::En);
}

#[test]
fn timeline_selection_and_details() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    feed(&mut app, sample::full_run(4));
    app.update(key('t'));
    assert_eq!(app.focus, Focus::Timeline);
    assert_eq!(app.selected_frame, None);
    app.update(code(KeyCode::Up));
    assert_eq!(app.selected_frame, Some(10));
    app.update(code(KeyCode::Home));
    assert_eq!(app.selected_frame, Some(0));
    app.update(code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::Frame(0));
    app.update(code(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
    app.update(code(KeyCode::End));
    assert_eq!(app.selected_frame, None);
    // Matrix: Enter opens the card, diagnosis: Enter opens the conclusion.
    app.update(key('t'));
    assert_eq!(app.focus, Focus::Matrix);
    app.update(code(KeyCode::Home));
    app.update(code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::Card(0));
    app.update(code(KeyCode::Esc));
    app.update(code(KeyCode::Tab));
    app.update(code(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Diagnosis);
    app.update(code(KeyCode::Down));
    app.update(code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::Conclusion(1));
}

#[test]
fn timeline_is_a_bounded_ring() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    for k in 0..100_050 {
        app.update(AppEvent::Bench(BenchEvent::Frame(sample::frame(k))));
    }
    assert_eq!(app.run.timeline.len(), 100_000);
    assert_eq!(app.run.timeline.first_seq(), 50);
}

#[test]
fn prompt_countdown_and_clear() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    feed(
        &mut app,
        vec![
            sample::started(3),
            sample::prompt(1, 3, PromptAction::Insert),
        ],
    );
    for _ in 0..8 {
        app.update(AppEvent::Tick);
    }
    assert_eq!(app.run.prompt_elapsed, TICK * 8);
    assert_eq!(app.focus_card(), Some(1));
    app.update(AppEvent::Bench(BenchEvent::PromptCleared));
    assert!(app.run.prompt.is_none());
}

#[test]
fn engine_gone_mid_run_is_shown_as_aborted() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    feed(&mut app, vec![sample::started(3)]);
    app.update(AppEvent::EngineGone);
    assert!(matches!(app.run.state, RunState::Aborted(_)));
    assert_eq!(app.update(key('q')), Some(Action::Quit));
}

#[test]
fn clear_pan_from_the_engine_is_masked_before_display() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    let mut f = sample::frame(0);
    f.layers = vec!["PAN 6212345678901232".into()];
    f.ascii = ";6212345678901232=2612".into();
    app.update(AppEvent::Bench(BenchEvent::Frame(f)));
    let got = app.run.timeline.get(0).unwrap();
    assert!(cardbench::sensitive::find_clear_pan(&got.layers[0]).is_none());
    assert!(cardbench::sensitive::find_clear_pan(&got.ascii).is_none());
}

#[test]
fn start_screen_keys() {
    let mut app = App::new(Lang::En, StartState::empty());
    assert_eq!(app.screen, Screen::Start);
    app.update(code(KeyCode::Down));
    assert_eq!(app.start.selected, 1);
    let a = app.update(code(KeyCode::Enter));
    match a {
        Some(Action::StartRun(c)) => {
            assert_eq!(c.device, "crt310:sim");
            assert!(!c.demo);
        }
        other => panic!("expected StartRun, got {other:?}"),
    }
    app.update(code(KeyCode::Up));
    match app.update(code(KeyCode::Enter)) {
        Some(Action::StartRun(c)) => assert!(c.demo),
        other => panic!("expected StartRun, got {other:?}"),
    }
    assert_eq!(app.update(key('r')), Some(Action::RescanPorts));
    app.update(key('h'));
    assert_eq!(app.start.host_choice(), Some("sim"));
    assert_eq!(
        app.update(AppEvent::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL
        ))),
        Some(Action::Quit)
    );
}

#[test]
fn run_level_attempts_do_not_grow_the_matrix() {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    feed(&mut app, vec![sample::started(3)]);
    let mut evs = sample::card_attempts(1);
    let Some(BenchEvent::Attempt {
        interface,
        outcome,
        row,
        ..
    }) = evs.pop()
    else {
        panic!("sample ends with an attempt")
    };
    app.update(AppEvent::Bench(BenchEvent::Attempt {
        card: None,
        interface,
        outcome,
        row,
    }));
    assert_eq!(app.run.cells.len(), 3);
    assert_eq!(app.run.run_attempts.len(), 1);
    assert_eq!(app.run.latencies.len(), 1);
    assert_eq!(app.run.total.attempts, 1);
}
