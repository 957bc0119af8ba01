//! The help overlay: the keys of the current screen.

use crate::i18n::tr_static;
use crate::tui::app::{App, Screen};
use crate::tui::ui::theme::{DIM, KEY};
use ratatui::text::{Line, Span};

pub(super) fn lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut keys: Vec<(&str, &str)> = match app.screen {
        Screen::Start => vec![
            ("↑ ↓", tr_static(lang, "tui-choose-a-device")),
            ("Enter", tr_static(lang, "tui-start-the-checklist")),
            ("p", tr_static(lang, "tui-reader-profile-for-a-serial")),
            ("d", tr_static(lang, "tui-test-deck")),
            ("h", tr_static(lang, "tui-acquirer-host-none-network-steps")),
            ("H", tr_static(lang, "tui-help-type-host")),
            ("a", tr_static(lang, "tui-help-type-address")),
            ("n", tr_static(lang, "tui-help-station")),
            ("o", tr_static(lang, "tui-help-operator")),
            ("t", tr_static(lang, "tui-help-ticket")),
            ("f", tr_static(lang, "tui-help-out")),
            ("r", tr_static(lang, "tui-rescan-serial-ports")),
            ("l", tr_static(lang, "tui-english")),
            ("?", tr_static(lang, "tui-this-help")),
            ("q Esc Ctrl-C", tr_static(lang, "tui-quit")),
        ],
        Screen::Run => vec![
            ("r", tr_static(lang, "tui-retry-this-step")),
            ("s", tr_static(lang, "tui-skip-this-step")),
            ("t", tr_static(lang, "tui-focus-the-link-timeline")),
            (
                "Tab",
                tr_static(lang, "tui-next-panel-matrix-timeline-diagnosis"),
            ),
            (
                "↑ ↓ PgUp PgDn",
                tr_static(lang, "tui-move-in-the-focused-panel"),
            ),
            ("Home", tr_static(lang, "tui-first-line-of-the-panel")),
            ("Enter", tr_static(lang, "tui-details-of-the-selected-line")),
            ("End / Esc", tr_static(lang, "tui-follow-the-run-again")),
            (
                "e",
                tr_static(lang, "tui-export-summaries-and-diagnosis-now"),
            ),
            ("l", tr_static(lang, "tui-english")),
            ("?", tr_static(lang, "tui-this-help")),
            ("q Ctrl-C", tr_static(lang, "tui-quit-asks-while-a-run")),
        ],
    };
    if app.replay {
        // A replay leaves the recorded folder as it is: no export.
        keys.retain(|(k, _)| *k != "e");
    }
    let mut lines: Vec<Line<'static>> = keys
        .into_iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(
                    format!(
                        "{}{k}  ",
                        " ".repeat(14usize.saturating_sub(crate::text::width(k)))
                    ),
                    KEY,
                ),
                Span::raw(what.to_string()),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        tr_static(lang, "tui-pgup-pgdn-scroll-any-other").to_string(),
        DIM,
    ));
    lines
}
