//! The start screen: the device list (the demo, the built-in simulators, detected serial
//! ports), the run settings the next run will use, and the footer.

use super::footer::{footer_keys, start_keys};
use super::theme::{DIM, KEY};
use super::widgets::{panel, put, title_bar};
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
    let [title, list, settings, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(7),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(
        buf,
        title,
        lang.pick(
            "cardbench — choose a terminal to test",
            "cardbench — 选择要测试的终端",
        ),
        lang,
    );
    render_devices(app, list, buf);
    render_settings(app, settings, buf);
    footer_keys(buf, footer, &start_keys(lang));
}

/// The device list, scrolled to keep the selection in view.
fn render_devices(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let s = &app.start;
    let block = panel(
        lang.pick("Devices", "设备").to_string(),
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
            lang.pick(
                "(no serial ports detected — r rescans)",
                "（未检测到串口 — 按 r 重新扫描）",
            ),
            DIM,
        );
    }
}

/// A device row's name and description.
fn entry_text(e: &DeviceEntry, lang: Lang) -> (String, String) {
    match &e.kind {
        EntryKind::Demo => (
            lang.pick("Demo", "演示").to_string(),
            lang.pick(
                "simulated terminal with faults, demo deck and host",
                "带故障的模拟终端，演示卡组与主机",
            )
            .to_string(),
        ),
        EntryKind::Sim(p) => (
            format!("{p}:sim"),
            match *p {
                "crt310" => lang.pick(
                    "built-in CRT-310 simulator (swipe + chip)",
                    "内置 CRT-310 模拟器（刷卡 + 插卡）",
                ),
                _ => lang.pick(
                    "built-in MSR605 simulator (swipe)",
                    "内置 MSR605 模拟器（刷卡）",
                ),
            }
            .to_string(),
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
    let block = panel(app.lang.pick("Run settings", "运行设置").to_string(), false);
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
fn settings_rows(app: &App) -> [(&'static str, &'static str, String, bool); 5] {
    let lang = app.lang;
    let s = &app.start;
    let port_selected = s
        .entries
        .get(s.selected)
        .is_some_and(|e| e.kind == EntryKind::Port);
    let demo_selected = s
        .entries
        .get(s.selected)
        .is_some_and(|e| e.kind == EntryKind::Demo);
    let profile = if port_selected {
        s.profile_name().to_string()
    } else {
        match s.entries.get(s.selected).map(|e| &e.kind) {
            Some(EntryKind::Sim(p)) => (*p).to_string(),
            _ => "crt310".into(),
        }
    };
    let deck = if demo_selected {
        lang.pick("the demo deck", "演示卡组").to_string()
    } else {
        match s.deck_choice() {
            Some(p) => p.display().to_string(),
            None => lang
                .pick("default (the simulator's deck)", "默认（模拟器自带卡组）")
                .to_string(),
        }
    };
    let host = if demo_selected {
        lang.pick("the demo host (BOC down)", "演示主机（中国银行故障）")
            .to_string()
    } else {
        match s.host_choice() {
            Some(h) => h.to_string(),
            None => lang
                .pick("none (network steps SKIP)", "无（网络检查跳过）")
                .to_string(),
        }
    };
    let config = s
        .config_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "-".into());
    [
        (
            lang.pick("Profile", "设备类型"),
            "p",
            profile,
            port_selected,
        ),
        (lang.pick("Deck", "卡组"), "d", deck, !demo_selected),
        (lang.pick("Host", "主机"), "h", host, !demo_selected),
        (
            lang.pick("Device address", "设备地址"),
            "",
            s.entries
                .get(s.selected)
                .map(|e| s.address(e))
                .unwrap_or_default(),
            true,
        ),
        (lang.pick("Remembered in", "设置保存于"), "", config, true),
    ]
}
