//! Frame details: one timeline line in full — time, link, direction, a hex dump sixteen
//! bytes to a line, the ASCII and every decoded layer.

use super::field;
use crate::i18n::tr_static;
use crate::trace::Direction;
use crate::tui::app::App;
use crate::tui::ui::theme::{DIM, LAYER};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub(super) fn lines(app: &App, seq: u64) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(f) = app.run.timeline.get(seq) else {
        return vec![Line::raw(tr_static(lang, "tui-this-line-has-left-the"))];
    };
    let dir = match f.dir {
        Direction::Tx => tr_static(lang, "tui-bench-device"),
        Direction::Rx => tr_static(lang, "tui-device-bench"),
        Direction::Note => tr_static(lang, "tui-bench-note"),
    };
    let mut v = vec![
        field(tr_static(lang, "tui-time"), f.at.clone()),
        field(tr_static(lang, "tui-link"), f.link.clone()),
        field(tr_static(lang, "tui-direction"), dir),
        field(
            tr_static(lang, "tui-bytes"),
            (f.hex.split_whitespace().count()).to_string(),
        ),
        Line::raw(""),
        Line::styled(tr_static(lang, "tui-hex").to_string(), Style::new().bold()),
    ];
    // Sixteen bytes per line, like a hex dump.
    let bytes: Vec<&str> = f.hex.split_whitespace().collect();
    for chunk in bytes.chunks(16) {
        v.push(Line::raw(format!("  {}", chunk.join(" "))));
    }
    v.push(Line::raw(""));
    v.push(field("ASCII", f.ascii.clone()));
    v.push(Line::raw(""));
    v.push(Line::styled(
        tr_static(lang, "tui-decoded").to_string(),
        Style::new().bold(),
    ));
    if f.layers.is_empty() {
        v.push(Line::styled(
            tr_static(lang, "tui-nothing-decoded").to_string(),
            DIM,
        ));
    }
    for (depth, l) in f.layers_in(lang).iter().enumerate() {
        v.push(Line::from(vec![
            Span::raw(" ".repeat(2 + 2 * depth.min(6))),
            Span::styled("└ ", DIM),
            Span::styled(l.clone(), LAYER),
        ]));
    }
    v
}
