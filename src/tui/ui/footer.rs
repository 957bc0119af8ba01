//! The footer: the keys of the current screen, each with what it does.

use super::theme::KEY;
use super::widgets::put;
use crate::text::width;
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
