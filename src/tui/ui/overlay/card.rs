//! Card details: the card's bank, scheme and interfaces, and every attempt with its outcome,
//! family, signal, latency, masked PAN and detail.

use super::field;
use crate::i18n::tr_static;
use crate::model::{step_name, Outcome};
use crate::text::pad;
use crate::tui::app::App;
use crate::tui::ui::theme::{outcome_label, outcome_style, DIM, PENDING};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

pub(super) fn lines(app: &App, i: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let r = &app.run;
    let mut v = Vec::new();
    if let Some(c) = r.cards.get(i) {
        v.push(Line::styled(
            format!("{}. {}", i + 1, c.label.get(lang)),
            Style::new().bold(),
        ));
        v.push(field(
            tr_static(lang, "tui-bank"),
            c.bank.get(lang).to_string(),
        ));
        v.push(field(
            tr_static(lang, "tui-scheme"),
            crate::bins::scheme_label(&c.scheme, lang).into_owned(),
        ));
        let itfs: Vec<&str> = c.interfaces.iter().map(|x| x.name(lang)).collect();
        v.push(field(tr_static(lang, "tui-interfaces"), itfs.join(", ")));
        if c.reference {
            v.push(Line::styled(
                tr_static(lang, "tui-reference-card-known-good").to_string(),
                PENDING,
            ));
        }
    }
    v.push(Line::raw(""));
    let rows = r.attempts.get(i).map(Vec::as_slice).unwrap_or(&[]);
    if rows.is_empty() {
        v.push(Line::styled(
            tr_static(lang, "tui-no-attempts-yet").to_string(),
            DIM,
        ));
    }
    for a in rows {
        let o = a.outcome;
        let itf = a.interface.name(lang);
        let fam = a.family.map(|f| f.name(lang)).unwrap_or_default();
        let mut spans = vec![
            Span::raw(format!(
                "{} {} ",
                pad(itf, 4),
                pad(&step_name(&a.step, lang), 10)
            )),
            Span::styled(outcome_label(o, lang).to_string(), outcome_style(o)),
            Span::raw(" "),
        ];
        if !fam.is_empty() && o != Outcome::Pass {
            spans.push(Span::styled(
                format!("[{fam}] "),
                Style::new().fg(Color::Yellow),
            ));
        }
        if !a.signal.is_empty() {
            let label = crate::diagnosis::signal_label(&a.signal, lang);
            if !label.is_empty() {
                spans.push(Span::raw(format!("{label} ")));
            }
        }
        if let Some(ms) = a.latency_ms {
            spans.push(Span::styled(format!("{ms} ms "), DIM));
        }
        if !a.masked_pan.is_empty() {
            spans.push(Span::styled(format!("{} ", a.masked_pan), DIM));
        }
        v.push(Line::from(spans));
        if !a.detail.is_empty() {
            v.push(Line::styled(format!("      {}", a.detail_in(lang)), DIM));
        }
    }
    v
}
