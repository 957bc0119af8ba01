//! One conclusion in full: cause, who is at fault, confidence, rule, finding, action and
//! all of its evidence.

use super::field;
use crate::i18n::tr_static;
use crate::tui::app::App;
use ratatui::style::Style;
use ratatui::text::Line;

pub(super) fn lines(app: &App, i: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(c) = app.run.conclusions.get(i) else {
        return vec![];
    };
    let mut v = vec![
        field(
            tr_static(lang, "tui-cause"),
            format!("{} ({})", c.family.name(lang), c.family.as_str()),
        ),
        field(
            tr_static(lang, "tui-at-fault"),
            c.culprit.get(lang).to_string(),
        ),
        field(tr_static(lang, "tui-confidence"), c.confidence.name(lang)),
        field(tr_static(lang, "tui-rule"), c.rule.clone()),
        Line::raw(""),
        field(
            tr_static(lang, "tui-finding"),
            c.finding.get(lang).to_string(),
        ),
        field(
            tr_static(lang, "tui-action"),
            c.action.get(lang).to_string(),
        ),
        Line::raw(""),
        Line::styled(
            format!("{} ({})", tr_static(lang, "tui-evidence"), c.evidence.len()),
            Style::new().bold(),
        ),
    ];
    for e in &c.evidence {
        v.push(Line::raw(format!("  · {}", e.get(lang))));
    }
    v
}
