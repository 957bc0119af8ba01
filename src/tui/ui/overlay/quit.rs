//! The quit question while a run is in progress: stop it and quit, or keep running. It stays
//! open when the run finishes meanwhile, and then says so (nothing left to stop).

use crate::i18n::tr_static;
use crate::tui::app::App;
use crate::tui::ui::theme::KEY;
use ratatui::text::{Line, Span};

pub(super) fn lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let (first, second) = if app.run.state.in_progress() {
        (
            tr_static(lang, "tui-the-run-is-still-in"),
            if app.from_start {
                tr_static(lang, "tui-quit-stop-and-back")
            } else {
                tr_static(lang, "tui-stop-it-and-quit-reports")
            },
        )
    } else {
        (
            tr_static(lang, "tui-the-run-has-finished"),
            tr_static(lang, "tui-quit-the-reports-are-written"),
        )
    };
    vec![
        Line::raw(first),
        Line::raw(second),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", KEY),
            Span::raw(tr_static(lang, "tui-quit-2")),
            Span::styled("n", KEY),
            Span::raw(tr_static(lang, "tui-stay")),
        ]),
    ]
}
