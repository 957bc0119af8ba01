//! The start screen (issue 17 point 6): absolute paths, back to the start screen after an
//! abort, typed devices (`tcp://`, `rfc2217://`), hosts, station, operator, ticket and report
//! folder, and only the decks that fit the chosen profile.

use cardbench::checklist::{BenchCommand, BenchEvent, PromptAction};
use cardbench::i18n::Lang;
use cardbench::tui::app::{Action, App, AppEvent, Overlay, Screen};
use cardbench::tui::config::TuiConfig;
use cardbench::tui::sample;
use cardbench::tui::start::{Field, StartState};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::path::Path;

fn key(c: char) -> AppEvent {
    AppEvent::Key(KeyEvent::from(KeyCode::Char(c)))
}

fn code(c: KeyCode) -> AppEvent {
    AppEvent::Key(KeyEvent::from(c))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        assert_eq!(app.update(key(c)), None);
    }
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn paths_are_absolute() {
    let s = StartState::with_ports(Vec::new(), &TuiConfig::default(), Path::new("."));
    assert!(s.decks.len() > 1, "no decks found");
    for d in s.decks.iter().flatten() {
        assert!(d.is_absolute(), "{}", d.display());
    }
    for h in s.hosts.iter().flatten().filter(|h| h.starts_with("sim:")) {
        assert!(Path::new(&h[4..]).is_absolute(), "{h}");
    }
    let mut s = s;
    s.set_field(Field::Out, "some/reports").unwrap();
    assert!(s.out.as_ref().unwrap().is_absolute());
}

#[test]
fn an_aborted_run_returns_to_the_start_screen() {
    let mut app = App::new(Lang::En, StartState::empty());
    app.update(code(KeyCode::Down));
    let Some(Action::StartRun(choice)) = app.update(code(KeyCode::Enter)) else {
        panic!("no run started");
    };
    // What the session does with StartRun.
    app.begin_run(&choice.device);
    app.from_start = true;
    for e in [
        sample::started(8),
        sample::prompt(0, 8, PromptAction::Swipe),
    ] {
        app.update(AppEvent::Bench(e));
    }
    assert_eq!(app.update(key('q')), None);
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    assert_eq!(
        app.update(key('y')),
        Some(Action::Command(BenchCommand::Abort))
    );
    assert!(!app.should_quit);
    app.update(AppEvent::Bench(BenchEvent::Aborted(
        "stopped by operator".into(),
    )));
    app.update(AppEvent::EngineGone);
    assert_eq!(app.screen, Screen::Start);
    assert!(!app.should_quit);
    // A run that ended by itself: q goes back too.
    app.begin_run("crt310:sim");
    app.from_start = true;
    for e in sample::full_run(8) {
        app.update(AppEvent::Bench(e));
    }
    assert_eq!(app.update(key('q')), None);
    assert_eq!(app.screen, Screen::Start);
    // From the start screen, q quits.
    assert_eq!(app.update(key('q')), Some(Action::Quit));
}

#[test]
fn typed_devices_hosts_and_run_details_reach_the_choice() {
    let mut app = App::new(Lang::En, StartState::empty());
    for (k, text) in [
        ('a', "crt310:tcp://10.0.0.7:4001"),
        ('H', "10.0.0.5:5800"),
        ('n', "bench-7"),
        ('o', "Li Lei"),
        ('t', "RMA-1234"),
        ('f', "/tmp/cardbench-reports"),
    ] {
        app.update(key(k));
        assert!(matches!(app.overlay, Overlay::Input(_)), "{k}");
        // Clear what the field held, then type.
        for _ in 0..64 {
            app.update(code(KeyCode::Backspace));
        }
        type_text(&mut app, text);
        app.update(code(KeyCode::Enter));
        assert_eq!(app.overlay, Overlay::None, "{k}: {:?}", app.flash);
    }
    let Some(Action::StartRun(c)) = app.update(code(KeyCode::Enter)) else {
        panic!("no run started");
    };
    assert_eq!(c.device, "crt310:tcp://10.0.0.7:4001");
    assert_eq!(c.host.as_deref(), Some("10.0.0.5:5800"));
    assert_eq!(
        (c.station.as_str(), c.operator.as_str(), c.ticket.as_str()),
        ("bench-7", "Li Lei", "RMA-1234")
    );
    assert_eq!(c.out.as_deref(), Some(Path::new("/tmp/cardbench-reports")));
    // rfc2217 too; a bad profile is refused with the known ones, and the line stays open.
    app.update(key('a'));
    for _ in 0..64 {
        app.update(code(KeyCode::Backspace));
    }
    type_text(&mut app, "crt-310:rfc2217://10.0.0.7:4002");
    app.update(code(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::Input(Field::Device)));
    let why = app.flash.as_ref().unwrap().get(Lang::En).to_string();
    assert!(
        why.contains("unknown profile; known: crt310, crt591, msr605, pos8583"),
        "{why}"
    );
    // Esc cancels the line and the refusal with it: nothing stale on the start screen.
    app.update(code(KeyCode::Esc));
    assert_eq!((&app.overlay, &app.flash), (&Overlay::None, &None));
    // A whole POS terminal on the network is an address like any other (docs/pos.md).
    assert!(app
        .start
        .set_field(Field::Device, "pos8583:tcp-listen:5800")
        .is_ok());
    assert_eq!(app.start.current_profile(), "pos8583");
    assert!(app
        .start
        .set_field(Field::Device, "msr605:rfc2217://10.0.0.7:4002")
        .is_ok());
    assert_eq!(
        app.start.choice().unwrap().device,
        "msr605:rfc2217://10.0.0.7:4002"
    );
}

#[test]
fn only_decks_that_fit_the_profile_are_offered() {
    let mut s = StartState::with_ports(Vec::new(), &TuiConfig::default(), crate_root());
    // msr605:sim (a stripe reader): the chip decks (crt310-default, demo) do not fit.
    s.selected = s
        .entries
        .iter()
        .position(|e| e.path == "msr605:sim")
        .unwrap();
    let mut seen = Vec::new();
    for _ in 0..s.decks.len() * 2 {
        s.cycle_deck();
        if let Some(d) = s.deck_choice() {
            seen.push(d.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(seen.iter().all(|d| d == "msr605-default.toml"), "{seen:?}");
    assert!(!seen.is_empty());
    // crt310:sim takes every deck (it reads stripes and chips).
    s.selected = s
        .entries
        .iter()
        .position(|e| e.path == "crt310:sim")
        .unwrap();
    let mut all = std::collections::BTreeSet::new();
    for _ in 0..s.decks.len() {
        s.cycle_deck();
        all.insert(s.deck);
    }
    assert_eq!(all.len(), s.decks.len());
}

#[test]
fn every_profile_with_a_simulator_is_offered_crt591_included() {
    let mut s = StartState::with_ports(Vec::new(), &TuiConfig::default(), crate_root());
    let sims: Vec<&str> = s
        .entries
        .iter()
        .filter(|e| e.path.ends_with(":sim"))
        .map(|e| e.path.as_str())
        .collect();
    assert_eq!(
        sims,
        ["crt310:sim", "crt591:sim", "msr605:sim", "pos8583:sim"]
    );
    s.selected = s
        .entries
        .iter()
        .position(|e| e.path == "crt591:sim")
        .unwrap();
    assert_eq!(s.current_profile(), "crt591");
    assert_eq!(s.choice().unwrap().device, "crt591:sim");
    // A port can be driven as a CRT-591 or as a whole POS terminal on a serial line too: `p`
    // cycles through the device layer's profiles.
    let mut names = Vec::new();
    for _ in 0..4 {
        names.push(s.profile_name());
        s.cycle_profile();
    }
    assert_eq!(names, ["crt310", "crt591", "msr605", "pos8583"]);
    assert_eq!(s.profile_name(), "crt310");
}

/// Issue 17: the start screen in Chinese, with a refused device address (unknown profile) and
/// a refused empty station under the input line, shows no English word outside the allow-list
/// (at 100×32). The station is the user's own text (`T01`).
#[test]
fn the_start_screen_in_chinese_has_no_english_words() {
    use ratatui::{backend::TestBackend, Terminal};
    let screen = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(100, 32)).unwrap();
        t.draw(|f| f.render_widget(app, f.area())).unwrap();
        // The cells' text row by row (the backend's `Display` adds notes on wide characters).
        let buf = t.backend().buffer().clone();
        let (w, h) = (buf.area.width, buf.area.height);
        let mut text = String::new();
        for y in 0..h {
            let mut x = 0;
            while x < w {
                let sym = buf[(x, y)].symbol();
                text.push_str(sym);
                // A wide character covers the next cell too.
                x += cardbench::text::width(sym).max(1) as u16;
            }
            text.push('\n');
        }
        text
    };
    let cfg = TuiConfig {
        station: Some("T01".into()),
        ..TuiConfig::default()
    };
    let s = StartState::with_ports(Vec::new(), &cfg, crate_root());
    let mut app = App::new(Lang::ZhCn, s);
    let words = crate::english::english_words(&screen(&app));
    assert!(words.is_empty(), "English {words:?} in:\n{}", screen(&app));
    for (k, text, want) in [
        ('a', "crt-310:/dev/ttyUSB0", "未知的设备类型"),
        ('a', "12345", "设备地址 12345 无效"),
        ('n', "", "工位名称不能为空"),
    ] {
        app.update(key(k));
        for _ in 0..64 {
            app.update(code(KeyCode::Backspace));
        }
        type_text(&mut app, text);
        app.update(code(KeyCode::Enter));
        let shown = screen(&app);
        assert!(shown.contains(want), "{want} missing in:\n{shown}");
        let words = crate::english::english_words(&shown);
        assert!(words.is_empty(), "English {words:?} in:\n{shown}");
        app.update(code(KeyCode::Esc));
    }
}

/// A run the start screen could not start says why on the start screen itself (it was set and
/// never drawn), and the next key clears it.
#[test]
fn a_refused_start_is_said_on_the_start_screen_until_the_next_key() {
    let mut app = App::new(Lang::En, StartState::empty());
    app.flash = Some(cardbench::i18n::Text::same(
        "deck demo.toml: line 3: bad card",
    ));
    assert!(drawn(&app).contains("deck demo.toml: line 3: bad card"));
    app.update(key('j'));
    assert_eq!(app.flash, None);
    assert!(!drawn(&app).contains("bad card"));
}

/// The default deck of a real device is named as what it is, the profile's built-in deck; only
/// a simulator's row says "the simulator's deck".
#[test]
fn a_real_devices_default_deck_is_named() {
    let mut app = App::new(Lang::En, StartState::empty());
    app.start
        .set_field(Field::Device, "msr605:tcp://10.0.0.7:4001")
        .unwrap();
    assert!(drawn(&app).contains("default (the built-in deck msr605-default)"));
    app.start.selected = 1; // crt310:sim
    assert!(drawn(&app).contains("default (the simulator's deck)"));
}

/// The start screen drawn at 100×32, its cells' text in one string.
fn drawn(app: &App) -> String {
    use ratatui::{backend::TestBackend, Terminal};
    let mut t = Terminal::new(TestBackend::new(100, 32)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = t.backend().buffer().clone();
    buf.content().iter().map(|c| c.symbol()).collect::<String>()
}
