//! The quit question while a run is in progress: stop it and quit, or keep running.

use crate::i18n::Lang;
use crate::tui::ui::theme::KEY;
use ratatui::text::{Line, Span};

pub(super) fn lines(lang: Lang) -> Vec<Line<'static>> {
    vec![
        Line::raw(lang.pick("The run is still in progress.", "检查仍在进行中。")),
        Line::raw(lang.pick(
            "Stop it and quit? Reports so far are kept.",
            "停止并退出？已写入的报告会保留。",
        )),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", KEY),
            Span::raw(lang.pick(" quit   ", " 退出   ")),
            Span::styled("n", KEY),
            Span::raw(lang.pick(" keep running", " 继续运行")),
        ]),
    ]
}
