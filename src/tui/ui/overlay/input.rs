//! The input line of a start-screen setting: what is typed, an example of what fits, and why
//! the last Enter was refused.

use crate::i18n::{tr_static, Lang};
use crate::tui::app::App;
use crate::tui::start::Field;
use crate::tui::ui::theme::{DIM, FAIL, KEY};
use ratatui::text::{Line, Span};

/// The overlay's title for `field`.
pub(super) fn title(field: Field, lang: Lang) -> &'static str {
    match field {
        Field::Device => tr_static(lang, "tui-device-address"),
        Field::Host => tr_static(lang, "tui-host"),
        Field::Station => tr_static(lang, "tui-settings-station"),
        Field::Operator => tr_static(lang, "tui-settings-operator"),
        Field::Ticket => tr_static(lang, "tui-settings-ticket"),
        Field::Out => tr_static(lang, "tui-settings-out"),
    }
}

pub(super) fn lines(app: &App, field: Field) -> Vec<Line<'static>> {
    let lang = app.lang;
    let example = match field {
        Field::Device => tr_static(lang, "tui-input-device-example"),
        Field::Host => tr_static(lang, "tui-input-host-example"),
        Field::Station => tr_static(lang, "tui-input-station-example"),
        Field::Operator | Field::Ticket => tr_static(lang, "tui-input-free-text"),
        Field::Out => tr_static(lang, "tui-input-out-example"),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("> ", KEY),
            Span::raw(app.input.clone()),
            Span::styled("▏", KEY),
        ]),
        Line::raw(""),
        Line::styled(example.to_string(), DIM),
    ];
    if let Some(why) = &app.flash {
        lines.push(Line::styled(why.get(lang).to_string(), FAIL));
    }
    lines.push(Line::styled(
        tr_static(lang, "tui-input-keys").to_string(),
        DIM,
    ));
    lines
}
