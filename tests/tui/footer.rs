//! Issue 17 §5, "the footer shows only the keys that do something now": under an overlay the
//! footer shows the overlay's keys, not the screen's underneath; the quit question and the
//! input line offer no scrolling; ↑↓ are offered only where the content is taller than its
//! box. And the diagnosis panel wraps its evidence instead of cutting it with `…`, with a hint
//! on its border when not all of it fits.

use cardbench::checklist::{BenchEvent, PromptAction};
use cardbench::i18n::{tr, Lang};
use cardbench::tui::app::{App, AppEvent, Overlay};
use cardbench::tui::sample;
use cardbench::tui::start::Field;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    cells(app, w, h).into_iter().map(|r| r.concat()).collect()
}

/// A run waiting for the operator: the footer offers space, `r` and `s`.
fn prompted() -> App {
    let mut app = App::for_run(Lang::ZhCn, "crt310:sim");
    let mut evs = vec![sample::started(8)];
    evs.extend(sample::card_attempts(0));
    evs.push(BenchEvent::Frame(sample::frame(0)));
    evs.push(sample::prompt(1, 8, PromptAction::Swipe));
    for e in evs {
        app.update(AppEvent::Bench(e));
    }
    app
}

fn finished(lang: Lang) -> App {
    let mut app = App::for_run(lang, "crt310:sim");
    for e in sample::full_run(8) {
        app.update(AppEvent::Bench(e));
    }
    app
}

fn footer(app: &App, w: u16, h: u16) -> String {
    screen(app, w, h).pop().unwrap()
}

#[test]
fn the_footer_follows_the_overlay_on_top() {
    let mut app = prompted();
    let bare = footer(&app, 120, 40);
    for word in ["重试", "跳过"] {
        assert!(bare.contains(word), "the prompt's keys are offered: {bare}");
    }
    let overlays = [
        Overlay::Help,
        Overlay::Card(0),
        Overlay::Frame(0),
        Overlay::ConfirmQuit,
        Overlay::Input(Field::Device),
    ];
    for o in overlays {
        app.overlay = o;
        for lang in [Lang::ZhCn, Lang::En] {
            app.lang = lang;
            let f = footer(&app, 120, 40);
            for id in ["tui-retry", "tui-skip", "tui-export", "tui-timeline"] {
                let word = tr(lang, id);
                assert!(!f.contains(&*word), "{o:?} {lang:?}: {word} offered: {f}");
            }
            let want = match o {
                Overlay::ConfirmQuit => "y ",
                Overlay::Input(_) => "Esc ",
                _ => "Esc ",
            };
            assert!(
                f.contains(want),
                "{o:?} {lang:?}: {want:?} not offered: {f}"
            );
        }
    }
    app.overlay = Overlay::None;
    app.lang = Lang::ZhCn;
    assert_eq!(footer(&app, 120, 40), bare);
}

#[test]
fn the_quit_question_and_the_input_line_offer_no_scrolling() {
    let mut app = prompted();
    for o in [Overlay::ConfirmQuit, Overlay::Input(Field::Host)] {
        app.overlay = o;
        for (w, h) in [(80, 24), (120, 40), (200, 50)] {
            // The overlay's box (inside its double border) and the footer.
            let rows = screen(&app, w, h);
            let mut text: Vec<String> = rows
                .iter()
                .filter_map(|l| {
                    let (a, b) = (l.find('║')?, l.rfind('║')?);
                    (b > a).then(|| l[a..b].to_string())
                })
                .collect();
            text.extend(rows.iter().filter(|l| l.contains('╚')).cloned());
            text.push(rows.last().unwrap().clone());
            let text = text.join("\n");
            assert!(
                !text.contains("滚动"),
                "{o:?} {w}x{h}: scrolling offered:\n{text}"
            );
            assert!(!text.contains('↑'), "{o:?} {w}x{h}: ↑ offered:\n{text}");
        }
    }
}

#[test]
fn scrolling_is_offered_only_when_the_overlay_scrolls() {
    let mut app = finished(Lang::ZhCn);
    app.overlay = Overlay::Help;
    // The run screen's help has 13 keys: it scrolls at the smallest size, not at 200×50.
    let small = footer(&app, 60, 16);
    assert!(small.contains("↑↓ 滚动"), "{small}");
    let large = screen(&app, 200, 50);
    assert!(!large.last().unwrap().contains('↑'), "{}", large.join("\n"));
    assert!(
        !large.join("\n").contains("Esc 关闭 · ↑↓"),
        "{}",
        large.join("\n")
    );
}

fn cells(app: &App, w: u16, h: u16) -> Vec<Vec<String>> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buf = t.backend().buffer().clone();
    // A wide (CJK) character takes two cells: the second, blank, is kept as "" so that
    // columns line up and text reads whole.
    (0..h)
        .map(|y| {
            let mut row = Vec::new();
            let mut wide = false;
            for x in 0..w {
                let sym = buf[(x, y)].symbol().to_string();
                row.push(if wide { String::new() } else { sym.clone() });
                wide = !wide && cardbench::text::width(&sym) > 1;
            }
            row
        })
        .collect()
}

/// The diagnosis panel (its title row, then what is inside its borders, row by row).
fn diagnosis_panel(app: &App, w: u16, h: u16) -> String {
    let rows = cells(app, w, h);
    let first = tr(Lang::ZhCn, "tui-diagnosis")
        .chars()
        .next()
        .unwrap()
        .to_string();
    // The panel's title: right after its top-left corner.
    const CORNERS: [&str; 4] = ["┌", "╭", "┏", "╔"];
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            let x = (0..r.len()).find(|&x| {
                r[x] == first && (x.saturating_sub(3)..x).any(|i| CORNERS.contains(&r[i].as_str()))
            })?;
            let left = (0..x).rev().find(|&i| CORNERS.contains(&r[i].as_str()))?;
            Some((y, left))
        })
        .unwrap();
    let mut out = vec![rows[top][left..].concat()];
    for r in &rows[top + 1..rows.len() - 1] {
        let inside: String = r[left + 1..]
            .iter()
            .take_while(|c| !["│", "┃", "║"].contains(&c.as_str()))
            .map(String::as_str)
            .collect();
        out.push(inside);
    }
    out.join("\n")
}

#[test]
fn diagnosis_evidence_is_wrapped_not_cut() {
    let app = finished(Lang::ZhCn);
    let panel = diagnosis_panel(&app, 200, 50);
    assert!(!panel.contains('…'), "evidence cut at 200×50:\n{panel}");
    // Every evidence line of the first conclusion shows, whole (wrapped lines joined).
    let flat: String = panel.lines().skip(1).collect();
    for e in &sample::conclusions()[0].evidence {
        let want: String = e.zh.split_whitespace().collect();
        let have: String = flat.split_whitespace().collect();
        assert!(have.contains(&want), "{want} not whole in:\n{panel}");
    }
    assert!(
        !panel.contains("↓ 更多"),
        "nothing is hidden at 200×50:\n{panel}"
    );
    // At 80×24 not all of it fits: the border says so and how to reach the rest.
    let small = diagnosis_panel(&app, 80, 24);
    assert!(small.contains("↓ 更多"), "no hint at 80×24:\n{small}");
}

/// The finished demo run reopened as `cardbench replay` reopens it (no engine behind it).
fn replayed(lang: Lang) -> App {
    let replay = cardbench::tui::replay::Replay {
        events: sample::full_run(8),
        conclusions: Vec::new(),
        device: "crt310:sim".into(),
        bad_lines: 0,
        end: None,
    };
    cardbench::tui::replay::app_for(replay, lang)
}

#[test]
fn a_replay_offers_no_export_and_e_does_nothing() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    for lang in [Lang::En, Lang::ZhCn] {
        let export = format!("e {}", tr(lang, "tui-export"));
        let help_line = tr(lang, "tui-export-summaries-and-diagnosis-now").to_string();
        let live = finished(lang);
        assert!(
            footer(&live, 120, 40).contains(&export),
            "live offers export"
        );
        let mut app = replayed(lang);
        let bare = footer(&app, 120, 40);
        assert!(
            !bare.contains(&export),
            "{lang:?}: replay offers export: {bare}"
        );
        let before = screen(&app, 120, 40);
        let action = app.update(AppEvent::Key(KeyEvent::from(KeyCode::Char('e'))));
        assert_eq!(action, None, "e asks for nothing in a replay");
        assert!(app.flash.is_none(), "no 'writing…' message");
        assert_eq!(screen(&app, 120, 40), before, "the screen is unchanged");
        app.overlay = Overlay::Help;
        let help = screen(&app, 200, 50).join("\n");
        assert!(!help.contains(&help_line), "{lang:?}: help offers export");
        let mut live = live;
        live.overlay = Overlay::Help;
        assert!(screen(&live, 200, 50).join("\n").contains(&help_line));
    }
}

/// Skip counts only while the bench waits for a card (`checklist::operator`): the host step's
/// prompt offers retry but no skip, and no prompt offers space (the engine never acted on it).
#[test]
fn the_host_wait_offers_retry_but_no_skip() {
    for (action, skip) in [(PromptAction::Host, false), (PromptAction::Insert, true)] {
        let mut app = App::for_run(Lang::En, "crt310:sim");
        for e in [sample::started(3), sample::prompt(0, 3, action)] {
            app.update(AppEvent::Bench(e));
        }
        let f = footer(&app, 120, 40);
        assert!(f.contains("r retry") && !f.contains("space"), "{f}");
        assert_eq!(f.contains("s skip"), skip, "{action:?}: {f}");
    }
}
