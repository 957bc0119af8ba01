//! Colours and the words for outcomes, families and confidence: one look for every screen.

use crate::diagnosis::Confidence;
use crate::i18n::Lang;
use crate::model::{Family, Outcome};
use ratatui::style::{Color, Modifier, Style};

pub(super) const TITLE_BAR: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub(super) const PASS: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub(super) const FAIL: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Red)
    .add_modifier(Modifier::BOLD);
pub(super) const SKIP: Style = Style::new().fg(Color::DarkGray);
pub(super) const ERROR: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
pub(super) const PENDING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub(super) const DIM: Style = Style::new().fg(Color::DarkGray);
pub(super) const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub(super) const PROMPT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub(super) const SELECTED: Style = Style::new().bg(Color::DarkGray);
pub(super) const LAYER: Style = Style::new().fg(Color::Cyan);

/// Label of an outcome in a matrix cell (same display width in both languages).
pub fn outcome_label(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Pass => lang.pick(Outcome::Pass.as_str(), "通过"),
        Outcome::Fail => lang.pick(Outcome::Fail.as_str(), "失败"),
        Outcome::Skip => lang.pick(Outcome::Skip.as_str(), "跳过"),
        Outcome::Error => lang.pick("ERR ", "错误"),
    }
}

/// Colour of an outcome.
pub fn outcome_style(o: Outcome) -> Style {
    match o {
        Outcome::Pass => PASS,
        Outcome::Fail => FAIL,
        Outcome::Skip => SKIP,
        Outcome::Error => ERROR,
    }
}

pub(super) fn family_style(f: Family) -> Style {
    match f {
        Family::Bank | Family::Net => Style::new().fg(Color::LightBlue).bold(),
        Family::TermHw | Family::TermSw => Style::new().fg(Color::LightRed).bold(),
        Family::Card | Family::Acct => Style::new().fg(Color::Yellow).bold(),
        Family::Tech | Family::Unknown => Style::new().fg(Color::White).bold(),
    }
}

pub(super) fn confidence_name(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::High => lang.pick("high", "高"),
        Confidence::Medium => lang.pick("medium", "中"),
        Confidence::Low => lang.pick("low", "低"),
    }
}
