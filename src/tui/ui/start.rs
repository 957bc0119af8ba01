//! The start screen: the device list (the demo, the built-in simulators, detected serial
//! ports), the run settings the next run will use, and the footer.

use super::footer::{footer_keys, start_keys};
use super::theme::{DIM, ERROR, KEY};
use super::widgets::{panel, put, title_bar};
use crate::i18n::tr_static;
use crate::i18n::Lang;
use crate::text::pad;
use crate::tui::app::{App, Overlay};
use crate::tui::start::{DeviceEntry, EntryKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub(super) fn render_start(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    // A refused start (a bad address, a deck that cannot load) is said above the footer; the
    // input overlay shows its own refusals.
    let flash = app
        .flash
        .as_ref()
        .filter(|_| !matches!(app.overlay, Overlay::Input(_)));
    let [title, list, settings, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(11),
        Constraint::Length(u16::from(flash.is_some())),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(
        buf,
        title,
        tr_static(lang, "tui-cardbench-choose-a-terminal-to"),
        lang,
    );
    render_devices(app, list, buf);
    render_settings(app, settings, buf);
    if let Some(f) = flash {
        put(
            buf,
            status.x + 1,
            status.y,
            status.width.saturating_sub(1),
            f.get(lang),
            ERROR,
        );
    }
    footer_keys(buf, footer, &start_keys(app));
}

/// The device list, scrolled to keep the selection in view.
fn render_devices(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let s = &app.start;
    let block = panel(
        tr_static(lang, "tui-devices").to_string(),
        app.overlay == Overlay::None,
    );
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = inner.height as usize;
    let start = s
        .selected
        .saturating_sub(rows.saturating_sub(1))
        .min(s.entries.len().saturating_sub(rows));
    let has_ports = s.entries.iter().any(|e| e.kind == EntryKind::Port);
    for (i, e) in s.entries.iter().enumerate().skip(start).take(rows) {
        let y = inner.y + (i - start) as u16;
        let sel = i == s.selected;
        let style = if sel {
            Style::new().bold().reversed()
        } else {
            Style::new()
        };
        let mut x = put(buf, inner.x, y, 2, if sel { "▶ " } else { "  " }, KEY);
        let right = inner.right();
        let (name, info) = entry_text(e, lang);
        x = put(buf, x, y, right.saturating_sub(x), &pad(&name, 14), style);
        x = put(buf, x, y, right.saturating_sub(x), "  ", Style::new());
        put(buf, x, y, right.saturating_sub(x), &info, DIM);
    }
    if !has_ports && s.entries.len() < rows {
        let y = inner.y + s.entries.len() as u16;
        put(
            buf,
            inner.x + 2,
            y,
            inner.width.saturating_sub(2),
            tr_static(lang, "tui-no-serial-ports-detected-r"),
            DIM,
        );
    }
}

/// A device row's name and description.
fn entry_text(e: &DeviceEntry, lang: Lang) -> (String, String) {
    match &e.kind {
        EntryKind::Demo => (
            tr_static(lang, "tui-demo").to_string(),
            tr_static(lang, "tui-simulated-terminal-with-faults-demo").to_string(),
        ),
        EntryKind::Sim(p) => (
            format!("{p}:sim"),
            match *p {
                "crt310" => tr_static(lang, "tui-built-in-crt-310-simulator"),
                "crt591" => tr_static(lang, "tui-built-in-crt-591-simulator"),
                "msr605" => tr_static(lang, "tui-built-in-msr605-simulator-swipe"),
                _ => tr_static(lang, "tui-built-in-pos-simulator"),
            }
            .to_string(),
        ),
        EntryKind::Address => (
            e.path.clone(),
            tr_static(lang, "tui-entry-typed-address").to_string(),
        ),
        EntryKind::Port => {
            let mut info = e.info.clone();
            if let Some(st) = &e.stable {
                if !info.is_empty() {
                    info.push_str("  ");
                }
                info.push_str(st);
            }
            (e.path.clone(), info)
        }
    }
}

fn render_settings(app: &App, area: Rect, buf: &mut Buffer) {
    let block = panel(tr_static(app.lang, "tui-run-settings").to_string(), false);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = settings_rows(app);
    for (i, (label, key, value, active)) in rows.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let mut x = put(buf, inner.x + 1, y, 16, label, Style::new().bold());
        x = x.max(inner.x + 17);
        let kx = put(buf, x, y, 4, if key.is_empty() { "" } else { key }, KEY);
        x = kx.max(x + 4);
        put(
            buf,
            x,
            y,
            inner.right().saturating_sub(x),
            value,
            if *active { Style::new() } else { DIM },
        );
    }
}

/// The run settings as `(label, key, value, active)`: what Enter would start with.
fn settings_rows(app: &App) -> Vec<(&'static str, &'static str, String, bool)> {
    let lang = app.lang;
    let s = &app.start;
    let kind = s.entries.get(s.selected).map(|e| &e.kind);
    let port_selected = kind == Some(&EntryKind::Port);
    let demo_selected = kind == Some(&EntryKind::Demo);
    let deck = if demo_selected {
        tr_static(lang, "tui-the-demo-deck").to_string()
    } else {
        match s.deck_choice().filter(|_| s.deck_fits(s.deck)) {
            Some(p) => p.display().to_string(),
            None if matches!(kind, Some(EntryKind::Sim(_))) => {
                tr_static(lang, "tui-default-the-simulator-s-deck").to_string()
            }
            // A real device: the profile's built-in deck (`Deck::builtin`).
            None => {
                let name = format!("{}-default", s.current_profile());
                crate::i18n::t!(lang, "tui-default-builtin-deck", name = name.as_str()).into_owned()
            }
        }
    };
    let host = if demo_selected {
        tr_static(lang, "tui-the-demo-host-boc-down").to_string()
    } else {
        match s.host_choice() {
            Some(h) => h.to_string(),
            None => tr_static(lang, "tui-none-network-steps-skip").to_string(),
        }
    };
    let or_dash = |v: &str| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.to_string()
        }
    };
    let out = match &s.out {
        Some(p) => p.display().to_string(),
        None => tr_static(lang, "tui-settings-out-default").to_string(),
    };
    let config = s
        .config_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "-".into());
    let address = s
        .entries
        .get(s.selected)
        .map(|e| s.address(e))
        .unwrap_or_default();
    vec![
        (
            tr_static(lang, "tui-profile"),
            "p",
            s.current_profile().to_string(),
            port_selected,
        ),
        (tr_static(lang, "tui-deck"), "d", deck, !demo_selected),
        (tr_static(lang, "tui-host"), "h H", host, !demo_selected),
        (tr_static(lang, "tui-device-address"), "a", address, true),
        (
            tr_static(lang, "tui-settings-station"),
            "n",
            or_dash(&s.station),
            true,
        ),
        (
            tr_static(lang, "tui-settings-operator"),
            "o",
            or_dash(&s.operator),
            true,
        ),
        (
            tr_static(lang, "tui-settings-ticket"),
            "t",
            or_dash(&s.ticket),
            true,
        ),
        (tr_static(lang, "tui-settings-out"), "f", out, true),
        (tr_static(lang, "tui-remembered-in"), "", config, true),
    ]
}
