//! The run screen's title bar: station, device and terminal identity on the left, the run
//! state and the card / failure counts on the right.

use super::theme::{ERROR, FAIL, PASS, PENDING, TITLE_BAR};
use super::widgets::{fit_parts, put, title_bar};
use crate::i18n::{t, tr_static};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::run_view::RunState;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

fn state_label(app: &App) -> (String, Style) {
    let lang = app.lang;
    match &app.run.state {
        RunState::Connecting => (tr_static(lang, "tui-connecting").to_string(), PENDING),
        RunState::Running => (tr_static(lang, "tui-running").to_string(), PENDING),
        RunState::Finished { all_passed: true } => {
            (tr_static(lang, "tui-finished-all-passed").to_string(), PASS)
        }
        RunState::Finished { all_passed: false } => (
            tr_static(lang, "tui-finished-faults-found").to_string(),
            FAIL,
        ),
        RunState::Aborted(_) => (tr_static(lang, "tui-aborted").to_string(), ERROR),
    }
}

/// A device address for the header: a simulator's scenario path shortened to its file stem
/// (`crt310:sim:/tmp/x/scenarios/demo.toml` → `crt310:sim:demo`).
fn short_device(device: &str) -> String {
    match device.split_once(":sim:") {
        Some((profile, path)) => {
            let stem = std::path::Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.to_string());
            format!("{profile}:sim:{stem}")
        }
        None => device.to_string(),
    }
}

/// The run's counts in cards, not attempts: "3/8 cards · 2 failed (3 checks)" while it runs,
/// "4 of 8 cards failed (6 checks)" once it is over.
pub(super) fn counts_text(app: &App) -> String {
    let r = &app.run;
    let lang = app.lang;
    let (cards, failed, checks) = (r.cards.len(), r.cards_failed(), r.total.failures());
    if r.state.in_progress() {
        t!(
            lang,
            "tui-counts-running",
            done = r.cards_done(),
            cards = cards,
            failed = failed,
            checks = checks
        )
        .into_owned()
    } else {
        t!(
            lang,
            "tui-counts-failed",
            cards = cards,
            failed = failed,
            checks = checks
        )
        .into_owned()
    }
}

pub(super) fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let lang = app.lang;
    let mut parts = vec!["cardbench".to_string()];
    if !r.station.is_empty() {
        parts.push(r.station.clone());
    }
    parts.push(short_device(&r.device));
    if let Some(kind) = crate::checklist::pos_link_kind(&r.device) {
        parts.push(tr_static(lang, kind).to_string());
    }
    // The terminal's identity in pieces (model, firmware, serial), each shown whole or not at
    // all. Readers often report firmware as "MODEL VERSION": the model is said once.
    let t = &r.terminal;
    let mut identity = Vec::new();
    if t.firmware.starts_with(&t.model) && !t.model.is_empty() {
        identity.push(t.firmware.clone());
    } else {
        if !t.model.is_empty() {
            identity.push(t.model.clone());
        }
        if !t.firmware.is_empty() {
            identity.push(format!("{} {}", tr_static(lang, "tui-fw"), t.firmware));
        }
    }
    if !t.serial.is_empty() && !identity.is_empty() {
        identity.push(format!("{} {}", tr_static(lang, "tui-sn"), t.serial));
    }
    title_bar(buf, area, "", lang);
    let (state, style) = state_label(app);
    let counts = format!(" {} ", counts_text(app));
    let tag_w = width(tr_static(lang, "tui-lang-tag")) as u16;
    // The run state and the counts win over the terminal identity when the line is short;
    // once the run is over, the counts (in cards) win over the state's words.
    let state = format!(" {state} ");
    let (sw, cw) = (width(&state) as u16, width(&counts) as u16);
    let (show_state, show_counts) = if area.width >= sw + cw + tag_w + 24 {
        (true, true)
    } else if !app.run.state.in_progress() && area.width >= cw + tag_w + 16 {
        (false, true)
    } else {
        (true, false)
    };
    let right = if show_state { sw } else { 0 } + if show_counts { cw } else { 0 };
    let x0 = area.right().saturating_sub(tag_w + right + 1);
    // Whole parts only: an identity piece is left out rather than cut ("CRT-3…").
    let room = x0.saturating_sub(area.x + 2);
    let mut text = fit_parts(&parts, " │ ", usize::from(room));
    if text.len() == parts.join(" │ ").len() {
        for (i, piece) in identity.iter().enumerate() {
            let sep = if i == 0 { " │ " } else { " " };
            let next = format!("{text}{sep}{piece}");
            if width(&next) > usize::from(room) {
                break;
            }
            text = next;
        }
    }
    put(
        buf,
        area.x + 1,
        area.y,
        x0.saturating_sub(area.x + 2),
        &text,
        TITLE_BAR.add_modifier(Modifier::BOLD),
    );
    if x0 > area.x + 8 {
        let mut x = x0;
        if show_state {
            x = put(buf, x, area.y, sw, &state, style);
        }
        if show_counts {
            let counts_style = if show_state { TITLE_BAR } else { style };
            put(
                buf,
                x,
                area.y,
                area.right().saturating_sub(x + tag_w),
                &counts,
                counts_style,
            );
        }
    }
}
