//! The diagnosis panel: per conclusion the cause family, who is at fault, the finding, the
//! action and the evidence, wrapped; a hint on the border when not all of it fits (Enter
//! shows one conclusion whole).

use super::theme::{family_style, DIM, KEY};
use super::widgets::{panel, wrap_line};
use crate::diagnosis::Conclusion;
use crate::i18n::Lang;
use crate::i18n::{t, tr_static};
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::run_view::RunState;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub(super) fn render_diagnosis(app: &App, area: Rect, buf: &mut Buffer) {
    let r = &app.run;
    let focused = app.focus == Focus::Diagnosis && app.overlay == Overlay::None;
    let mut block = panel(tr_static(app.lang, "tui-diagnosis").to_string(), focused);
    let inner = block.inner(area);
    let w = inner.width as usize;
    let rows = inner.height as usize;
    let mut more = false;
    let lines = if r.conclusions.is_empty() {
        wrap_line(Line::styled(empty_message(app), DIM), w, 0)
    } else {
        let first = if focused { app.selected_conclusion } else { 0 };
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (i, c) in r.conclusions.iter().enumerate().skip(first) {
            // Built only while the panel has room; the rest is behind Enter / arrows.
            if lines.len() >= rows {
                more = true;
                break;
            }
            let selected = focused && i == app.selected_conclusion;
            lines.extend(conclusion_lines(c, selected, w, app.lang));
        }
        more |= lines.len() > rows;
        lines
    };
    // What does not fit is said on the border, with the keys that reach it.
    if more {
        block = block.title_bottom(
            Line::styled(tr_static(app.lang, "tui-diag-more"), KEY)
                .alignment(ratatui::layout::Alignment::Right),
        );
    }
    block.render(area, buf);
    for (i, l) in lines.iter().take(rows).enumerate() {
        buf.set_line(inner.x, inner.y + i as u16, l, inner.width);
    }
}

/// What the panel says before there is a diagnosis.
fn empty_message(app: &App) -> String {
    let lang = app.lang;
    // A run that could not start tested nothing: say so and why, never "no fault found".
    if let Some(crate::model::RunEnd::CouldNotRun(why)) = &app.run.end {
        let why = crate::sensitive::redact_text(why.get(lang));
        return t!(lang, "tui-the-run-could-not-start", why = why).into_owned();
    }
    empty_words(app).to_string()
}

/// [`empty_message`] for a run that started.
fn empty_words(app: &App) -> &'static str {
    let lang = app.lang;
    match &app.run.state {
        // A run stopped or lost before its end found nothing in what ran, not "every
        // expectation met" (the console and report.html say the same).
        RunState::Finished { .. }
            if app
                .run
                .end
                .as_ref()
                .is_some_and(|e| *e != crate::model::RunEnd::Complete) =>
        {
            tr_static(lang, "report-no-fault-in-what-ran")
        }
        RunState::Finished { .. } => tr_static(lang, "tui-no-fault-found-every-expectation"),
        RunState::Aborted(_) => tr_static(lang, "tui-the-run-stopped-before-a"),
        _ => tr_static(lang, "tui-the-diagnosis-appears-at-the"),
    }
}

/// One conclusion wrapped to `w` columns: cause and culprit, finding, action and evidence.
fn conclusion_lines(c: &Conclusion, selected: bool, w: usize, lang: Lang) -> Vec<Line<'static>> {
    let marker = if selected { "▶ " } else { "• " };
    let head = Line::from(vec![
        Span::styled(marker, KEY),
        Span::styled(
            format!("[{} {}]", c.family.as_str(), c.family.name(lang)),
            family_style(c.family),
        ),
        Span::raw(" "),
        Span::styled(c.culprit.get(lang).to_string(), Style::new().bold()),
        Span::styled(format!(" ({})", c.confidence.name(lang)), DIM),
    ]);
    let mut lines = wrap_line(head, w, 4);
    lines.extend(wrap_line(
        Line::raw(format!("  {}", c.finding.get(lang))),
        w,
        4,
    ));
    lines.extend(wrap_line(
        Line::from(vec![
            Span::styled("  → ", KEY),
            Span::raw(c.action.get(lang).to_string()),
        ]),
        w,
        4,
    ));
    if !c.evidence.is_empty() {
        let ev = Line::from(vec![
            Span::styled(
                format!(
                    "  {} ",
                    crate::i18n::t!(lang, "tui-evidence-count", count = c.evidence.len())
                ),
                DIM,
            ),
            Span::styled(
                c.evidence
                    .iter()
                    .map(|e| e.get(lang))
                    .collect::<Vec<_>>()
                    .join(&crate::i18n::tr(lang, "tui-list-separator")),
                DIM,
            ),
        ]);
        // Wrapped whole: the panel scrolls (with a hint) when it does not all fit.
        lines.extend(wrap_line(ev, w, 4));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RunEnd;
    use crate::tui::start::StartState;

    /// A run that could not start (the device would not open) says so and why on the end
    /// screen, in both languages: never "no fault found".
    #[test]
    fn a_run_that_could_not_start_says_why() {
        for (lang, want) in [
            (
                Lang::En,
                "The run could not start: cannot open /dev/ttyUSB9",
            ),
            (Lang::ZhCn, "测试未能开始：无法打开 /dev/ttyUSB9"),
        ] {
            let mut app = App::new(lang, StartState::empty());
            app.run.state = RunState::Finished { all_passed: false };
            app.run.end = Some(RunEnd::CouldNotRun(crate::i18n::Text::new(
                "cannot open /dev/ttyUSB9",
                "无法打开 /dev/ttyUSB9",
            )));
            let said = empty_message(&app);
            assert!(said.starts_with(want), "{said}");
            assert!(
                !said.contains("no fault") && !said.contains("未发现"),
                "{said}"
            );
        }
    }
}
