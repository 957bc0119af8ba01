//! The footer: the keys of the current screen, each with what it does.

use super::theme::KEY;
use super::widgets::put;
use crate::checklist::PromptAction;
use crate::i18n::tr_static;
use crate::text::width;
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::start::EntryKind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

pub(super) fn footer_keys(buf: &mut Buffer, area: Rect, keys: &[(&str, &str)]) {
    // Two spaces between keys when they fit, one when the terminal is narrow.
    let total: usize = keys.iter().map(|(k, w)| width(k) + width(w) + 1).sum();
    let sep = if total + 2 * keys.len() <= area.width as usize {
        "  "
    } else {
        " "
    };
    let mut x = area.x;
    for (k, what) in keys {
        let need = (width(k) + width(what) + 1) as u16;
        if x + need > area.right() {
            break;
        }
        x = put(buf, x, area.y, area.right().saturating_sub(x), k, KEY);
        x = put(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            " ",
            Style::new(),
        );
        x = put(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            what,
            Style::new(),
        );
        x = put(
            buf,
            x,
            area.y,
            area.right().saturating_sub(x),
            sep,
            Style::new(),
        );
    }
}

/// The start screen's keys that do something now: `p` only for a serial port, `d` and `h`
/// not for the demo (it brings its own deck and host), `⏎` only when there is a device.
pub(super) fn start_keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let lang = app.lang;
    let s = &app.start;
    let kind = s.entries.get(s.selected).map(|e| &e.kind);
    let port = matches!(kind, Some(EntryKind::Port));
    let demo = matches!(kind, Some(EntryKind::Demo));
    let keys = [
        (s.entries.len() > 1, "↑↓", tr_static(lang, "tui-select")),
        (kind.is_some(), "⏎", tr_static(lang, "tui-start")),
        (port, "p", tr_static(lang, "tui-profile-2")),
        (!demo, "d", tr_static(lang, "tui-deck-2")),
        (!demo, "h", tr_static(lang, "tui-host-2")),
        (true, "a", tr_static(lang, "tui-key-address")),
        (true, "r", tr_static(lang, "tui-rescan")),
        (true, "l", tr_static(lang, "tui-key-lang-other")),
        (true, "?", tr_static(lang, "tui-help")),
        (true, "q", tr_static(lang, "tui-quit")),
    ];
    keys.into_iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, k, what)| (k, what))
        .collect()
}

/// The run screen's keys that do something now: retry while a prompt is up, skip while it
/// asks for a card, details only when the focused panel has something to open, export once there are
/// attempts (never in a replay: the recorded folder is left as it is).
pub(super) fn run_keys(app: &App) -> Vec<(&'static str, &'static str)> {
    let lang = app.lang;
    let r = &app.run;
    let prompt = r.prompt.is_some();
    let has_lines = r.timeline.end_seq() > r.timeline.first_seq();
    let details = match app.focus {
        Focus::Matrix => app.focus_card().is_some(),
        Focus::Timeline => has_lines,
        Focus::Diagnosis => !r.conclusions.is_empty(),
    };
    let quit = quit_word(app);
    // A skip counts only while the bench waits for the card on screen (checklist::operator);
    // the host step is no such wait.
    let card_wait = r
        .prompt
        .as_ref()
        .is_some_and(|p| p.action != PromptAction::Host);
    let keys = [
        (prompt, "r", tr_static(lang, "tui-retry")),
        (card_wait, "s", tr_static(lang, "tui-skip")),
        (has_lines, "t", tr_static(lang, "tui-timeline")),
        (details, "⏎", tr_static(lang, "tui-details")),
        (
            r.total.attempts > 0 && !app.replay,
            "e",
            tr_static(lang, "tui-export"),
        ),
        (true, "l", tr_static(lang, "tui-key-lang-other")),
        (true, "?", tr_static(lang, "tui-help")),
        (true, "q", quit),
    ];
    keys.into_iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, k, what)| (k, what))
        .collect()
}

/// The keys of the overlay on top, which take every key press while it is open: ↑↓ only
/// when its content is taller than its box (`scrolls`), `q` only where it quits from there.
pub(super) fn overlay_keys(app: &App, scrolls: bool) -> Vec<(&'static str, &'static str)> {
    let lang = app.lang;
    let reading = [
        (scrolls, "↑↓", tr_static(lang, "tui-key-scroll")),
        (true, "Esc", tr_static(lang, "tui-key-close")),
        (true, "l", tr_static(lang, "tui-key-lang-other")),
    ];
    let keys: Vec<(bool, &str, &str)> = match app.overlay {
        Overlay::None => return Vec::new(),
        Overlay::Help => reading.to_vec(),
        Overlay::Frame(_) | Overlay::Card(_) | Overlay::Conclusion(_) => {
            let mut keys = reading.to_vec();
            keys.push((true, "q", quit_word(app)));
            keys
        }
        Overlay::ConfirmQuit => vec![
            (
                true,
                "y",
                if app.from_start {
                    tr_static(lang, "tui-key-back")
                } else {
                    tr_static(lang, "tui-quit")
                },
            ),
            (true, "n", tr_static(lang, "tui-key-stay")),
            (true, "l", tr_static(lang, "tui-key-lang-other")),
        ],
        // Typing: every printable key is text, `l` and `q` included.
        Overlay::Input(_) => vec![
            (true, "⏎", tr_static(lang, "tui-key-keep")),
            (true, "Esc", tr_static(lang, "tui-key-cancel")),
            (true, "⌫", tr_static(lang, "tui-key-delete")),
        ],
    };
    keys.into_iter()
        .filter(|(on, _, _)| *on)
        .map(|(_, k, what)| (k, what))
        .collect()
}

/// What `q` does on the run screen: a finished run started from the start screen goes back
/// there; otherwise it quits (asking first while a run is in progress).
fn quit_word(app: &App) -> &'static str {
    if app.screen == crate::tui::app::Screen::Run && app.from_start && !app.run.state.in_progress()
    {
        tr_static(app.lang, "tui-key-back")
    } else {
        tr_static(app.lang, "tui-quit")
    }
}
