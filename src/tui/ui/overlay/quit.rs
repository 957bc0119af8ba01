//! The quit question while a run is in progress: stop it and quit, or keep running. It stays
//! open when the run finishes meanwhile, and then says so (nothing left to stop).

use crate::tui::app::App;
use crate::tui::ui::theme::KEY;
use ratatui::text::{Line, Span};

pub(super) fn lines(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let (first, second) = if app.run.state.in_progress() {
        (
            lang.pick("The run is still in progress.", "检查仍在进行中。"),
            lang.pick(
                "Stop it and quit? Reports so far are kept.",
                "停止并退出？已写入的报告会保留。",
            ),
        )
    } else {
        (
            lang.pick("The run has finished.", "检查已经结束。"),
            lang.pick(
                "Quit? The reports are written.",
                "退出？报告已写入。",
            ),
        )
    };
    vec![
        Line::raw(first),
        Line::raw(second),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", KEY),
            Span::raw(lang.pick(" quit   ", " 退出   ")),
            Span::styled("n", KEY),
            Span::raw(lang.pick(" stay", " 留在此页")),
        ]),
    ]
}
