//! The batch's printable `report.html`: the run report's page (same style sheet, charts and
//! bank table, `report::html`) for a whole QA batch — who ran it and when, the yield and the
//! bank findings first, failed checks per terminal and cards failed per bank as inline SVG,
//! one row per terminal (result, cause, failed checks in words, action), and the bank table
//! over every terminal. In the batch's language; self-contained; A4.

use super::findings::BankFinding;
use super::output::TerminalRow;
use super::BatchOptions;
use crate::i18n::{t, tr, Lang};
use crate::model::{Family, Outcome};
use crate::report::charts::{stacked_bars, StackedBar};
use crate::report::html::{bank_table, legend, outcome_words, s, CSS};
use crate::report::BANK_COLUMNS;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// Everything the batch's page is made from.
pub struct BatchPage<'a> {
    pub opts: &'a BatchOptions,
    /// When the batch started, RFC 3339.
    pub started: &'a str,
    pub terminals: &'a [TerminalRow],
    /// The batch-wide bank rows (`banks.csv`).
    pub banks: &'a [Vec<String>],
    pub findings: &'a [BankFinding],
}

impl BatchPage<'_> {
    /// The whole page.
    pub fn render(&self) -> String {
        let lang = self.opts.lang;
        let title = tr(lang, "report-html-batch-title");
        html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    style { (PreEscaped(CSS)) }
                }
                body {
                    h1 { (title) }
                    div.sub { (s(&self.opts.out_dir.display().to_string())) " · " (self.started) }
                    (self.identity())
                    (self.verdict())
                    (self.charts())
                    (self.terminal_table())
                    (bank_table(self.banks, lang))
                    footer { (t!(lang, "report-html-footer")) }
                }
            }
        }
        .into_string()
    }

    fn identity(&self) -> Markup {
        let (o, lang) = (self.opts, self.opts.lang);
        let none = tr(lang, "report-html-none").into_owned();
        let or_none = |v: &str| {
            if v.is_empty() {
                none.clone()
            } else {
                v.to_string()
            }
        };
        let rows = [
            ("batch-html-folder", o.out_dir.display().to_string()),
            ("report-html-terminals", self.terminals.len().to_string()),
            ("report-html-operator", or_none(&o.operator)),
            ("report-html-ticket", or_none(&o.ticket)),
            ("report-html-deck", or_none(o.deck.as_deref().unwrap_or(""))),
            (
                "report-html-host",
                or_none(&o.host.as_ref().map(|h| h.to_string()).unwrap_or_default()),
            ),
            ("report-html-started", self.started.to_string()),
            ("report-html-ended", crate::trace::now_stamp()),
            (
                "report-html-tool",
                format!("cardbench {}", env!("CARGO_PKG_VERSION")),
            ),
        ];
        html! {
            h2 { (t!(lang, "report-html-identity")) }
            table.identity { tbody {
                @for pair in rows.chunks(2) {
                    tr { @for (id, v) in pair { th { (tr(lang, id)) } td { (s(v)) } } }
                }
            } }
        }
    }

    /// The yield, then each bank finding (a bank fault, not the terminals').
    fn verdict(&self) -> Markup {
        let lang = self.opts.lang;
        let passed = self
            .terminals
            .iter()
            .filter(|t| t.verdict == Outcome::Pass)
            .count();
        let tested = self.terminals.len();
        html! {
            h2 { (t!(lang, "report-html-verdict")) }
            div.verdict.pass[passed == tested] {
                div.headline {
                    (t!(lang, "report-html-yield")) ": "
                    (t!(lang, "report-html-yield-value", passed = passed, tested = tested))
                }
                @if !self.findings.is_empty() {
                    ul { @for f in self.findings {
                        li {
                            (s(&t!(lang, "batch-bank-finding", rule = f.conclusion.rule.as_str(),
                                culprit = f.culprit.get(lang), terminals = f.terminals.len(),
                                total = f.of)))
                            " — " (s(f.conclusion.action.get(lang)))
                        }
                    } }
                }
            }
        }
    }

    fn charts(&self) -> Markup {
        let lang = self.opts.lang;
        let per_terminal: Vec<StackedBar> = self
            .terminals
            .iter()
            .map(|t| StackedBar {
                label: t.label.clone(),
                failed: (t.fail + t.error) as usize,
                passed: t.pass as usize,
                not_tested: 0,
            })
            .collect();
        let col = |name: &str| BANK_COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
        let count = |r: &Vec<String>, name: &str| r[col(name)].parse::<usize>().unwrap_or(0);
        let per_bank: Vec<StackedBar> = self
            .banks
            .iter()
            .map(|r| StackedBar {
                label: match lang {
                    Lang::ZhCn if !r[col("bank_zh")].is_empty() => r[col("bank_zh")].clone(),
                    _ => r[0].clone(),
                },
                failed: count(r, "cards_failed"),
                passed: count(r, "cards_tested").saturating_sub(count(r, "cards_failed")),
                not_tested: count(r, "cards_not_tested"),
            })
            .collect();
        let (t_terms, t_banks) = (
            tr(lang, "batch-html-chart-terminals"),
            tr(lang, "report-html-chart-banks"),
        );
        html! {
            h2 { (t!(lang, "report-html-charts")) }
            div.chart-box { h3 { (t_terms) } (stacked_bars(&per_terminal, &t_terms)) }
            div.chart-box { h3 { (t_banks) } (stacked_bars(&per_bank, &t_banks)) (legend(lang)) }
        }
    }

    /// One row per terminal: identity, result, cause, failed checks in words, action.
    fn terminal_table(&self) -> Markup {
        let lang = self.opts.lang;
        html! {
            h2 { (t!(lang, "report-html-terminals")) }
            table {
                colgroup {
                    col style="width:11%"; col style="width:17%"; col style="width:9%";
                    col style="width:12%"; col style="width:29%"; col style="width:22%";
                }
                thead { tr {
                    th { (t!(lang, "report-html-station")) } th { (t!(lang, "report-html-terminal")) }
                    th { (t!(lang, "report-html-result")) } th { (t!(lang, "report-html-verdict")) }
                    th { (t!(lang, "batch-html-failing")) } th { (t!(lang, "report-html-action")) }
                } }
                tbody { @for r in self.terminals {
                    @let family = Family::parse(&r.family).filter(|_| !r.family.is_empty());
                    tr {
                        td { (s(&r.label)) }
                        td { (s(&format!("{} {} {}", crate::codec::msr605::model_label_in(&r.model, lang), r.firmware, r.serial))) }
                        td class=(r.verdict.as_str()) { (outcome_words(r.verdict.as_str(), lang)) }
                        td { @if let Some(f) = family { (f.as_str()) " " (f.name(lang)) } }
                        td { (s(&r.failing_checks_text)) @if !r.note.is_empty() { div.note { (s(&r.note)) } } }
                        td { (s(&r.action)) }
                    }
                } }
            }
        }
    }
}
