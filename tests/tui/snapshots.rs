//! TestBackend + insta snapshots of every screen, in English and Chinese, at 80×24,
//! 100×32 (a common tmux width), 120×40 and 200×50, each checked for cut labels (no wide character cut, the panels' labels
//! whole); plus colour assertions (a FAIL cell is red) and a full-PAN scan of every capture.

use cardbench::checklist::{BenchEvent, PromptAction};
use cardbench::i18n::Lang;
use cardbench::tui::app::{App, AppEvent, Overlay};
use cardbench::tui::config::TuiConfig;
use cardbench::tui::sample;
use cardbench::tui::start::{DeviceEntry, EntryKind, StartState};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Color;
use ratatui::Terminal;
use std::path::{Path, PathBuf};

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 32), (120, 40), (200, 50)];

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t
}

fn text_of(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

fn check_no_pan(name: &str, text: &str) {
    assert!(
        cardbench::sensitive::find_clear_pan(text).is_none(),
        "{name}: a full PAN is on screen"
    );
}

/// Issue 17, "no cut labels", part one: no wide (CJK) character is cut. A wide character
/// takes its cell and the next; that next cell must be blank (a border or a character there is
/// hidden by it: one of the two was cut where panels meet) and must exist (a wide character
/// cannot start in the last column).
fn check_no_cut_wide_char(name: &str, t: &Terminal<TestBackend>) {
    let buf = t.backend().buffer();
    let (w, h) = (buf.area.width, buf.area.height);
    for y in 0..h {
        for x in 0..w {
            let sym = buf[(x, y)].symbol();
            if cardbench::text::width(sym) < 2 {
                continue;
            }
            assert!(x + 1 < w, "{name}: {sym:?} cut at the right edge, row {y}");
            let next = buf[(x + 1, y)].symbol();
            assert!(
                next.trim().is_empty(),
                "{name}: {sym:?} at {x},{y} hides {next:?}:\n{}",
                text_of(t)
            );
        }
    }
}

/// Part two: every label the screen shows appears whole (`labels`: catalogue ids of the panel
/// titles, column heads and overlay titles that screen must show in full at every size).
fn check_labels_whole(name: &str, t: &Terminal<TestBackend>, lang: Lang, labels: &[&str]) {
    let text = text_of(t);
    for id in labels {
        let label = cardbench::i18n::tr(lang, id);
        let label = label.trim();
        assert!(
            text.contains(label),
            "{name}: label {id} ({label:?}) is cut or missing:\n{text}"
        );
    }
}

/// Part three, the run screen's own text: no bank name of the chart ends cut (`…` after any
/// prefix of it: a name is whole or shortened by rule), and the latency title ends on a whole
/// part (its name or a number), never on a cut `·`.
fn check_run_panels_whole(name: &str, t: &Terminal<TestBackend>) {
    let text = text_of(t);
    // The chart is the first panel of its rows (the diagnosis beside it may cut its text).
    let left: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split(['│', '┃']).nth(1))
        .collect();
    for c in sample::cards(8) {
        for bank in [&c.bank.en, &c.bank.zh] {
            let chars: Vec<char> = bank.chars().collect();
            for n in 1..chars.len() {
                let cut: String = chars[..n].iter().chain(['…'].iter()).collect();
                let row = left.iter().find(|l| l.trim_start().starts_with(&cut));
                assert!(row.is_none(), "{name}: bank {bank:?} cut:\n{text}");
            }
        }
    }
    for lang in [Lang::En, Lang::ZhCn] {
        let label = cardbench::i18n::tr(lang, "tui-host-latency-ms");
        for line in text.lines().filter(|l| l.contains(&*label)) {
            let after = &line[line.find(&*label).unwrap() + label.len()..];
            let title = after
                .split(['─', '╮', '━', '┓'])
                .next()
                .unwrap_or("")
                .trim_end();
            assert!(
                title.is_empty() || title.ends_with(|c: char| c.is_ascii_digit()),
                "{name}: latency title cut: {line:?}"
            );
        }
    }
}

/// Snapshots `app` in both languages and all sizes, checking that no label is cut.
fn snap_all(name: &str, app: &mut App) {
    snap_labels(name, app, &[]);
}

/// [`snap_all`], checking also that each of `labels` (catalogue ids) shows whole.
fn snap_labels(name: &str, app: &mut App, labels: &[&str]) {
    for lang in [Lang::En, Lang::ZhCn] {
        app.lang = lang;
        for (w, h) in SIZES {
            let t = draw(app, w, h);
            let snap = format!("{name}_{}_{w}x{h}", lang.code());
            check_no_pan(&snap, &text_of(&t));
            check_no_cut_wide_char(&snap, &t);
            check_labels_whole(&snap, &t, lang, labels);
            if labels == RUN_PANELS {
                check_run_panels_whole(&snap, &t);
            }
            insta::assert_snapshot!(snap, t.backend());
        }
    }
    app.lang = Lang::En;
}

/// The panels of a run screen: their titles and the checklist's column heads.
const RUN_PANELS: &[&str] = &[
    "tui-checklist",
    "tui-card",
    "common-interface-swipe",
    "common-interface-chip",
    "common-interface-network",
    "tui-failed-cards-by-bank",
    "tui-host-latency-ms",
    "tui-diagnosis",
];

fn mid_run() -> App {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    let mut evs = vec![sample::started(8)];
    let mut k = 0;
    for i in 0..4 {
        for _ in 0..3 {
            evs.push(BenchEvent::Frame(sample::frame(k)));
            k += 1;
        }
        evs.extend(sample::card_attempts(i));
    }
    evs.push(BenchEvent::Frame(sample::frame(k)));
    evs.push(sample::prompt(4, 8, PromptAction::Swipe));
    for e in evs {
        app.update(AppEvent::Bench(e));
    }
    for _ in 0..12 {
        app.update(AppEvent::Tick);
    }
    app
}

fn finished() -> App {
    let mut app = App::for_run(Lang::En, "crt310:sim");
    for e in sample::full_run(8) {
        app.update(AppEvent::Bench(e));
    }
    app
}

fn start_screen() -> App {
    let ports = vec![DeviceEntry {
        kind: EntryKind::Port,
        path: "/dev/ttyUSB0".into(),
        stable: Some("/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K1234-if00-port0".into()),
        info: "USB 0403:6001 FT232R USB UART".into(),
    }];
    let mut s = StartState::with_ports(ports, &TuiConfig::default(), Path::new("/nonexistent"));
    s.config_path = Some(PathBuf::from("~/.config/cardbench/tui.toml"));
    App::new(Lang::En, s)
}

#[test]
fn start_screen_snapshots() {
    snap_labels(
        "start",
        &mut start_screen(),
        &[
            "tui-devices",
            "tui-run-settings",
            "tui-profile",
            "tui-deck",
            "tui-host",
        ],
    );
}

#[test]
fn connecting_snapshots() {
    snap_all("connecting", &mut App::for_run(Lang::En, "crt310:sim"));
}

#[test]
fn mid_run_snapshots() {
    snap_labels("running", &mut mid_run(), RUN_PANELS);
}

#[test]
fn finished_snapshots() {
    snap_labels("finished", &mut finished(), RUN_PANELS);
}

#[test]
fn overlay_snapshots() {
    let mut app = finished();
    app.overlay = Overlay::Help;
    snap_labels("help", &mut app, &["tui-keys"]);
    app.overlay = Overlay::Frame(1);
    snap_labels(
        "frame_details",
        &mut app,
        &["tui-frame-details", "tui-decoded"],
    );
    app.overlay = Overlay::Card(2);
    snap_labels("card_details", &mut app, &["tui-card-details", "tui-bank"]);
    app.overlay = Overlay::Conclusion(0);
    snap_labels(
        "conclusion_details",
        &mut app,
        &["tui-conclusion", "tui-finding", "tui-action"],
    );
    let mut app = mid_run();
    app.update(AppEvent::Key(KeyEvent::from(KeyCode::Char('q'))));
    assert_eq!(app.overlay, Overlay::ConfirmQuit);
    snap_labels("confirm_quit", &mut app, &["tui-quit-3"]);
}

#[test]
fn fail_cells_are_red_and_pass_cells_green() {
    let app = finished();
    let t = draw(&app, 120, 40);
    let buf = t.backend().buffer();
    let mut saw_fail = false;
    let mut saw_pass = false;
    let w = buf.area.width;
    for y in 0..buf.area.height {
        for x in 0..w.saturating_sub(4) {
            let word: String = (x..x + 4)
                .map(|i| buf[(i, y)].symbol().to_string())
                .collect();
            if word == "FAIL" {
                assert_eq!(buf[(x, y)].bg, Color::Red, "FAIL at {x},{y}");
                saw_fail = true;
            }
            if word == "PASS" {
                assert_eq!(buf[(x, y)].fg, Color::Green, "PASS at {x},{y}");
                saw_pass = true;
            }
        }
    }
    assert!(saw_fail && saw_pass);
}

#[test]
fn chinese_labels_replace_english_ones() {
    let mut app = finished();
    app.lang = Lang::ZhCn;
    let text = text_of(&draw(&app, 120, 40));
    for zh in [
        "检查清单",
        "链路时间线",
        "各银行失败卡数",
        "主机延迟",
        "诊断",
        "中国银行",
        "农业银行借记卡",
        "刷卡",
        "插卡",
        "网络",
        "失败",
        "通过",
        "退出",
    ] {
        assert!(text.contains(zh), "missing {zh}:\n{text}");
    }
    for en in [
        "Checklist",
        "Link timeline",
        "Failed cards by bank",
        "Diagnosis",
        "Swipe",
        "quit",
        "PASS",
        "FAIL",
    ] {
        assert!(
            !text.contains(en),
            "English label {en} left in Chinese mode:\n{text}"
        );
    }
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    let mut app = finished();
    for (w, h) in [
        (1, 1),
        (10, 5),
        (40, 12),
        (80, 24),
        (81, 25),
        (200, 60),
        (300, 10),
    ] {
        for ov in [
            Overlay::None,
            Overlay::Help,
            Overlay::Frame(0),
            Overlay::Card(0),
            Overlay::Conclusion(0),
        ] {
            app.overlay = ov;
            for lang in [Lang::En, Lang::ZhCn] {
                app.lang = lang;
                draw(&app, w, h);
            }
        }
    }
    let mut s = start_screen();
    for (w, h) in [(1, 1), (20, 6), (200, 60)] {
        draw(&s, w, h);
        s.lang = Lang::ZhCn;
        draw(&s, w, h);
    }
}

proptest::proptest! {
    /// Wrapped lines never exceed the width, whatever mix of ASCII, CJK and spaces, and no
    /// character is lost.
    #[test]
    fn wrapping_never_overflows(
        text in "[a-z0-9 ,;:()（）：；中国银行刷卡失败磁条消磁]{0,120}",
        max in 1usize..60,
        indent in 0usize..6,
    ) {
        use cardbench::tui::ui::wrap_line;
        use ratatui::text::Line;
        let lines = wrap_line(Line::raw(text.clone()), max, indent);
        let mut kept = String::new();
        for l in &lines {
            proptest::prop_assert!(l.width() <= max, "{:?} is wider than {}", l, max);
            for s in &l.spans {
                kept.push_str(&s.content);
            }
        }
        let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        // Only a character wider than the whole line may be dropped.
        if max >= 2 {
            proptest::prop_assert_eq!(strip(&kept), strip(&text));
        }
    }
}
