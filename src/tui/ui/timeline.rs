//! The link timeline: one line per frame (time, direction, hex │ ASCII) with its decoded
//! layers below. Only the records that fit are built: the panel walks back from its anchor
//! (the newest line, or a little past the selection), so 100 000 lines cost what ten do.

use super::theme::{DIM, LAYER, SELECTED};
use super::widgets::{panel, placeholder, put};
use crate::i18n::tr_static;
use crate::text::truncate;
use crate::trace::{Direction, FrameRecord};
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::ring::Ring;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

/// `HH:MM:SS.mmm` out of an RFC 3339 timestamp.
fn short_time(at: &str) -> &str {
    at.get(11..23).unwrap_or(at)
}

pub(super) fn render_timeline(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let t = &r.timeline;
    let focused = app.focus == Focus::Timeline && app.overlay == Overlay::None;
    let mut title = crate::i18n::t!(lang, "tui-timeline-title", count = t.len()).into_owned();
    if app.selected_frame.is_some() {
        title.push_str(tr_static(lang, "tui-paused-end-follows"));
    }
    let block = panel(title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width < 10 {
        return;
    }
    let Some(last) = t.end_seq().checked_sub(1) else {
        placeholder(buf, inner, tr_static(lang, "tui-no-traffic-yet"));
        return;
    };
    // Bottom anchor: the newest line, or a little past the selection.
    let anchor = match app.selected_frame {
        Some(s) => s.saturating_add(2).min(last),
        None => last,
    };
    let (first, skip) = window(&r.timeline, anchor, inner.height as usize);
    let w = inner.width;
    // Rows are counted from the top of the (partly hidden) first record.
    let mut row: u16 = 0;
    for seq in first..=anchor {
        let Some(f) = t.get(seq) else { break };
        if row >= skip + inner.height {
            break;
        }
        if row >= skip {
            let y = inner.y + (row - skip);
            timeline_head(
                app,
                f,
                seq,
                focused,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
        row += 1;
        for (depth, layer) in f.layers_in(lang).iter().enumerate() {
            if row >= skip + inner.height {
                break;
            }
            if row >= skip {
                let y = inner.y + (row - skip);
                let indent = 2 + 2 * depth.min(3) as u16;
                let x = put(
                    buf,
                    inner.x + indent,
                    y,
                    w.saturating_sub(indent),
                    "└ ",
                    DIM,
                );
                put(buf, x, y, inner.right().saturating_sub(x), layer, LAYER);
            }
            row += 1;
        }
    }
}

/// The records shown when `anchor` is the bottom one and the panel has `h` rows: walks back
/// from the anchor until the panel is full, so only these records are ever built. Returns the
/// first record shown and how many of its rows are scrolled off the top (the oldest record
/// may be cut).
fn window(t: &Ring<FrameRecord>, anchor: u64, h: usize) -> (u64, u16) {
    let mut first = anchor;
    let mut used = 0usize;
    let mut seq = anchor;
    while let Some(f) = t.get(seq) {
        used += 1 + f.layers.len();
        first = seq;
        if seq == t.first_seq() || used >= h {
            break;
        }
        seq -= 1;
    }
    (first, used.saturating_sub(h) as u16)
}

/// The first line of a timeline record: time, direction, hex │ ASCII.
fn timeline_head(
    app: &App,
    f: &FrameRecord,
    seq: u64,
    focused: bool,
    inner: Rect,
    buf: &mut Buffer,
) {
    let y = inner.y;
    let w = inner.width;
    {
        let selected = app.selected_frame == Some(seq);
        if selected {
            buf.set_style(
                Rect {
                    x: inner.x,
                    y,
                    width: w,
                    height: 1,
                },
                if focused {
                    SELECTED
                } else {
                    Style::new().bold()
                },
            );
        }
        let (arrow_style, arrow) = match f.dir {
            Direction::Tx => (Style::new().fg(Color::Yellow).bold(), f.dir.arrow()),
            Direction::Rx => (Style::new().fg(Color::Green).bold(), f.dir.arrow()),
            Direction::Note => (DIM, f.dir.arrow()),
        };
        let mut x = put(buf, inner.x, y, w, short_time(&f.at), DIM);
        x = put(
            buf,
            x + 1,
            y,
            inner.right().saturating_sub(x + 1),
            arrow,
            arrow_style,
        );
        x += 1;
        let avail = inner.right().saturating_sub(x) as usize;
        let (hex, ascii) = (f.hex.as_str(), f.ascii.as_str());
        if f.dir == Direction::Note {
            put(
                buf,
                x,
                y,
                avail as u16,
                if ascii.is_empty() { hex } else { ascii },
                DIM,
            );
        } else if hex.len() + 3 + ascii.len() <= avail || ascii.is_empty() {
            x = put(buf, x, y, avail as u16, hex, Style::new());
            if !ascii.is_empty() {
                put(buf, x, y, inner.right().saturating_sub(x), " │ ", DIM);
                put(
                    buf,
                    x + 3,
                    y,
                    inner.right().saturating_sub(x + 3),
                    ascii,
                    DIM,
                );
            }
        } else {
            let aw = (avail / 3).min(ascii.len());
            let hw = avail.saturating_sub(aw + 3);
            let hex_cut = truncate(hex, hw);
            put(buf, x, y, hw as u16, &hex_cut, Style::new());
            let ax = x + hw as u16;
            put(buf, ax, y, 3, " │ ", DIM);
            put(buf, ax + 3, y, aw as u16, &truncate(ascii, aw), DIM);
        }
    }
}
