//! `report.html`: the printable report of one run — self-contained (inline CSS and SVG, no
//! script, no network), in the run's language, laid out for A4 paper: the run's identity, the
//! verdict and what to do first, charts (failures by bank and by interface, host latency), one
//! row per card, the diagnosis with its evidence, and the bank table. Every value is escaped
//! by the template (maud) and passed through the card-number guard.

use super::charts::{latency_bars, stacked_bars, StackedBar};
use super::run::RunReport;
use super::summaries::{attempts_of, bank_key, bank_rows, card_action, card_status, BANK_COLUMNS};
use super::{guard_pan, NOT_TESTED};
use crate::diagnosis::Conclusion;
use crate::i18n::{t, tr, Lang};
use crate::model::{Attempt, Interface, Outcome};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The report's style sheet: screen and print (A4, repeated table headers, rows never split).
pub const CSS: &str = r#"
@page { size: A4; margin: 12mm 11mm 14mm 11mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  "Microsoft YaHei", "PingFang SC", "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111;
  margin: 0 auto; max-width: 188mm; line-height: 1.35; }
@media screen { body { padding: 6mm 4mm; } }
h1 { font-size: 16pt; margin: 0 0 2mm 0; }
h2 { font-size: 12pt; margin: 5mm 0 2mm 0; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 10pt; margin: 3mm 0 1mm 0; break-after: avoid; }
.sub { color: #444; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 2mm; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; word-break: break-word; }
th { background: #eee; font-weight: 600; }
thead { display: table-header-group; }
tr, .conclusion, .chart-box, .verdict { break-inside: avoid; page-break-inside: avoid; }
table.identity th { width: 22%; }
.verdict { border: 2px solid #c62828; padding: 2mm 3mm; margin: 2mm 0; }
.verdict.pass { border-color: #2e7d32; }
.verdict .headline { font-size: 11.5pt; font-weight: 700; }
.counts { font-weight: 600; }
.note { color: #8a4b00; }
.FAIL { color: #c62828; font-weight: 700; }
.ERROR { color: #6a1b9a; font-weight: 700; }
.PASS { color: #2e7d32; }
.SKIP, .NOT-TESTED { color: #616161; }
.chart-box { margin: 1mm 0 3mm 0; }
svg.chart { display: block; max-width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 4mm; }
.legend i { display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm; vertical-align: middle; }
.conclusion { border-left: 3px solid #999; padding: 1mm 0 1mm 3mm; margin: 2mm 0; }
.conclusion .family { font-weight: 700; }
ul.evidence { margin: 1mm 0 0 0; padding-left: 5mm; color: #333; font-size: 8.5pt; }
footer { margin-top: 6mm; color: #555; font-size: 8pt; border-top: 1px solid #bbb; padding-top: 2mm; }
"#;

/// The CSS class of an outcome cell (`NOT TESTED` → `NOT-TESTED`).
fn class(code: &str) -> String {
    code.replace(' ', "-")
}

/// An outcome code in words in `lang` (`FAIL` → 失败, `NOT TESTED` → 未测试).
pub fn outcome_words(code: &str, lang: Lang) -> String {
    if code == NOT_TESTED {
        return tr(lang, "report-html-not-tested-cell").into_owned();
    }
    match Outcome::parse(code) {
        Some(o) => o.name(lang).to_string(),
        None => code.to_string(),
    }
}

pub use super::run::end_words;

/// Text for the page: the card-number guard, then escaped by the template.
pub fn s(text: &str) -> &str {
    guard_pan(text)
}

/// The whole page of one run.
pub fn render_run(r: &RunReport) -> String {
    let lang = r.lang;
    let title = tr(lang, "report-html-title");
    let page = html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (s(&r.record.station)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { (title) }
                div.sub {
                    (s(&r.record.station)) " · " (s(&crate::codec::msr605::model_label_in(&r.record.terminal.model, lang))) " "
                    (s(&r.record.terminal.serial)) " · " (s(&r.record.started))
                }
                (identity(r))
                (verdict(r))
                (charts(r))
                (cards_table(r))
                (diagnosis(&r.conclusions, lang, r.incomplete()))
                (banks_table(r))
                footer { (t!(lang, "report-html-footer")) }
            }
        }
    };
    page.into_string()
}

/// The identity block: who, where, what, when, how it ended.
fn identity(r: &RunReport) -> Markup {
    let lang = r.lang;
    let rec = &r.record;
    let none = tr(lang, "report-html-none");
    let or_none = |v: &str| {
        if v.is_empty() {
            none.to_string()
        } else {
            v.to_string()
        }
    };
    // A record read back from run.toml has the English reason only.
    let reason = match rec.end_reason_text.get(lang) {
        "" => rec.end_reason.as_str(),
        r => r,
    };
    let end = crate::model::RunEnd::words_with_reason(&rec.end, reason, lang);
    let deck = if rec.deck.source.is_empty() || rec.deck.source == rec.deck.name {
        rec.deck.name.clone()
    } else {
        format!("{} ({})", rec.deck.name, rec.deck.source)
    };
    let rows: Vec<(&str, String)> = vec![
        ("report-html-station", rec.station.clone()),
        ("report-html-operator", or_none(&rec.operator)),
        ("report-html-ticket", or_none(&rec.ticket)),
        (
            "report-html-model",
            or_none(&crate::codec::msr605::model_label_in(
                &rec.terminal.model,
                lang,
            )),
        ),
        ("report-html-firmware", or_none(&rec.terminal.firmware)),
        ("report-html-serial", or_none(&rec.terminal.serial)),
        ("report-html-device", rec.terminal.device.clone()),
        ("report-html-deck", deck),
        ("report-html-host", or_none(&rec.host)),
        ("report-html-started", rec.started.clone()),
        ("report-html-ended", or_none(&rec.ended)),
        ("report-html-end", end),
        ("report-html-tool", format!("{} {}", rec.tool, rec.version)),
        ("report-html-computer", or_none(&rec.computer)),
    ];
    html! {
        h2 { (t!(lang, "report-html-identity")) }
        table.identity {
            tbody {
                @for pair in rows.chunks(2) {
                    tr {
                        @for (id, v) in pair {
                            th { (tr(lang, id)) }
                            td { (s(v)) }
                        }
                    }
                }
            }
        }
    }
}

/// The verdict first: the counts in cards, the terminal's verdict, and what to do.
fn verdict(r: &RunReport) -> Markup {
    let lang = r.lang;
    let c = r.counts();
    let counts = t!(
        lang,
        "report-html-counts",
        failed = c.cards_failed,
        cards = r.cards.len(),
        checks = c.checks_failed,
        untested = c.cards_not_tested
    );
    let top = crate::diagnosis::verdict(&r.conclusions);
    let complete = r.record.end == "complete";
    let pass = r.standing() == super::run::Standing::Passed;
    let incomplete = r.incomplete();
    let untested = if incomplete {
        r.not_tested(lang)
    } else {
        Vec::new()
    };
    let mut actions: Vec<(String, String)> = Vec::new();
    for k in &r.conclusions {
        let a = k.action.get(lang).to_string();
        if !actions.iter().any(|(_, x)| *x == a) {
            actions.push((k.culprit.get(lang).to_string(), a));
        }
    }
    html! {
        h2 { (t!(lang, "report-html-verdict")) }
        div.verdict.pass[pass] {
            div.counts { (counts) }
            @if !complete {
                div.note { (t!(lang, "report-html-not-complete")) " (" (end_words(&r.record.end, lang)) ")" }
            }
            @match top {
                Some(k) if k.finds_a_fault() => div.headline {
                    "[" (k.family.as_str()) " " (k.family.name(lang)) "] "
                    (s(k.culprit.get(lang))) " — " (s(k.finding.get(lang)))
                },
                _ if incomplete => div.headline {
                    (t!(lang, "report-html-incomplete", why = r.incomplete_why(lang)))
                },
                _ => div.headline { (t!(lang, "report-html-no-fault")) },
            }
            @if !untested.is_empty() {
                div.note { (s(&t!(lang, "report-not-tested-list", checks = untested.join(&crate::i18n::tr(lang, "common-semicolon"))))) }
            }
            @if !actions.is_empty() {
                h3 { (t!(lang, "report-html-actions")) }
                ol {
                    @for (who, a) in &actions {
                        li { b { (s(who)) } ": " (s(a)) }
                    }
                }
            }
        }
    }
}

/// The bar data of the run's banks (in the bank table's order) and interfaces: cards failed
/// (FAIL or ERROR), passed, not tested.
fn chart_data(r: &RunReport) -> (Vec<StackedBar>, Vec<StackedBar>) {
    let lang = r.lang;
    let statuses: Vec<_> = r
        .cards
        .iter()
        .map(|c| {
            let mine = attempts_of(&r.recs, c.index);
            let bank = mine
                .iter()
                .map(|a| a.bank.as_str())
                .find(|b| !b.is_empty())
                .unwrap_or(&c.bank.en)
                .to_string();
            (bank_key(&bank, &c.scheme), card_status(c, &mine))
        })
        .collect();
    let zh = BANK_COLUMNS
        .iter()
        .position(|c| *c == "bank_zh")
        .unwrap_or(0);
    let banks = bank_rows(&r.cards, &r.recs, &r.conclusions)
        .into_iter()
        .map(|row| {
            let mine = statuses.iter().filter(|(k, _)| *k == row[0]);
            let mut bar = StackedBar {
                label: match lang {
                    Lang::ZhCn if !row[zh].is_empty() => row[zh].clone(),
                    _ => row[0].clone(),
                },
                failed: 0,
                passed: 0,
                not_tested: 0,
            };
            for (_, st) in mine {
                if st.failed() {
                    bar.failed += 1;
                } else if st.not_tested() {
                    bar.not_tested += 1;
                } else {
                    bar.passed += 1;
                }
            }
            bar
        })
        .collect();
    let ifaces = Interface::ALL
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let cells: Vec<&str> = statuses.iter().filter_map(|(_, s)| s.cells[k]).collect();
            let bad = |c: &str| Outcome::parse(c).is_some_and(Outcome::is_bad);
            StackedBar {
                label: i.name(lang).to_string(),
                failed: cells.iter().filter(|c| bad(c)).count(),
                passed: cells
                    .iter()
                    .filter(|c| !bad(c) && **c != NOT_TESTED)
                    .count(),
                not_tested: cells.iter().filter(|c| **c == NOT_TESTED).count(),
            }
        })
        .collect();
    (banks, ifaces)
}

/// The chart legend: failed, passed, not tested.
pub fn legend(lang: Lang) -> Markup {
    html! {
        div.legend {
            span { i style=(format!("background:{}", super::charts::FAILED)) {} (t!(lang, "report-html-legend-failed")) }
            span { i style=(format!("background:{}", super::charts::PASSED)) {} (t!(lang, "report-html-legend-passed")) }
            span { i style=(format!("background:{}", super::charts::NOT_TESTED)) {} (t!(lang, "report-html-legend-not-tested")) }
        }
    }
}

fn charts(r: &RunReport) -> Markup {
    let lang = r.lang;
    let (banks, ifaces) = chart_data(r);
    let latency: Vec<(String, u64)> = r
        .recs
        .iter()
        .filter(|x| x.attempt.interface == Interface::Network && x.attempt.step == "auth")
        .filter_map(|x| {
            let ms = x.attempt.latency_ms?;
            Some((x.card.map(|c| (c + 1).to_string()).unwrap_or_default(), ms))
        })
        .collect();
    let t_banks = tr(lang, "report-html-chart-banks");
    let t_ifaces = tr(lang, "report-html-chart-interfaces");
    let t_lat = tr(lang, "report-html-chart-latency");
    html! {
        h2 { (t!(lang, "report-html-charts")) }
        div.chart-box { h3 { (t_banks) } (stacked_bars(&banks, &t_banks)) }
        div.chart-box { h3 { (t_ifaces) } (stacked_bars(&ifaces, &t_ifaces)) (legend(lang)) }
        div.chart-box {
            h3 { (t_lat) }
            @if latency.is_empty() { p { (t!(lang, "report-html-no-latency")) } }
            @else { (latency_bars(&latency, &t_lat)) }
        }
    }
}

/// A card's bank for the page: the bank read (else the deck's), in Chinese when the page is,
/// else its abbreviation; a card of no known bank by its scheme (`(Visa)`).
fn bank_name(c: &crate::deck::CardSummary, rows: &[&crate::model::Attempt], lang: Lang) -> String {
    let code = rows
        .iter()
        .map(|a| a.bank.as_str())
        .find(|b| !b.is_empty())
        .unwrap_or(&c.bank.en);
    match crate::bins::find_bank(code) {
        Some(b) if lang == Lang::ZhCn => b.zh.to_string(),
        _ => bank_key(code, &crate::bins::scheme_label(&c.scheme, lang)),
    }
}

/// One row per card: bank, per-interface outcome, result, first failure, action.
fn cards_table(r: &RunReport) -> Markup {
    let lang = r.lang;
    html! {
        h2 { (t!(lang, "report-html-cards")) }
        table {
            colgroup {
                col style="width:4%"; col style="width:16%"; col style="width:11%";
                col style="width:7%"; col style="width:7%"; col style="width:9%";
                col style="width:9%"; col style="width:17%"; col style="width:20%";
            }
            thead { tr {
                th { "#" } th { (t!(lang, "report-html-card")) } th { (t!(lang, "report-html-bank")) }
                @for i in Interface::ALL { th { (i.name(lang)) } }
                th { (t!(lang, "report-html-result")) } th { (t!(lang, "report-html-first-failure")) }
                th { (t!(lang, "report-html-action")) }
            } }
            tbody {
                @for c in &r.cards {
                    @let mine = attempts_of(&r.recs, c.index);
                    @let st = card_status(c, &mine);
                    @let action = if st.failed() { card_action(&r.conclusions, c.index, &mine, st.first_failure) } else { None };
                    tr {
                        td { (c.index + 1) }
                        td { (s(c.label.get(lang))) }
                        td { (s(&bank_name(c, &mine, lang))) }
                        @for cell in st.cells {
                            @let code = cell.unwrap_or("");
                            td class=(class(code)) { (outcome_words(code, lang)) }
                        }
                        td class=(class(st.outcome)) { (outcome_words(st.outcome, lang)) }
                        td { (s(&st.first_failure.map(|a| first_failure_words(a, lang)).unwrap_or_default())) }
                        td { (s(action.as_ref().map(|a| a.get(lang)).unwrap_or(""))) }
                    }
                }
            }
        }
    }
}

/// A card's first failed check for a reader of the report: the interface and the step in
/// `lang`, and the signal's meaning from the signal table (the signal code itself stays in
/// `cards.csv` and `attempts.csv`, where technicians grep for it).
fn first_failure_words(a: &Attempt, lang: Lang) -> String {
    let meaning = crate::diagnosis::signals::classify(&a.signal).meaning;
    let label = format!(
        "{} {}",
        a.interface.name(lang),
        crate::model::step_name(&a.step, lang)
    );
    t!(
        lang,
        "common-label-value",
        label = label,
        value = meaning.get(lang)
    )
    .into_owned()
}

/// Every conclusion with its finding, action and evidence; with none, "no fault found" — in
/// the checks that ran when the run is `incomplete`.
pub fn diagnosis(conclusions: &[Conclusion], lang: Lang, incomplete: bool) -> Markup {
    html! {
        h2 { (t!(lang, "report-html-diagnosis")) }
        @if conclusions.is_empty() {
            p { @if incomplete { (t!(lang, "report-no-fault-in-what-ran")) } @else { (t!(lang, "report-html-no-fault")) } }
        }
        @for k in conclusions {
            div.conclusion {
                div {
                    span.family { "[" (k.family.as_str()) " " (k.family.name(lang)) "] " }
                    b { (s(k.culprit.get(lang))) }
                    " (" (k.rule) ", " (t!(lang, "report-html-confidence")) " " (k.confidence.name(lang)) ")"
                }
                div { (s(k.finding.get(lang))) }
                div { "→ " (s(k.action.get(lang))) }
                @if !k.evidence.is_empty() {
                    ul.evidence { @for e in &k.evidence { li { (s(e.get(lang))) } } }
                }
            }
        }
    }
}

/// The bank table, most failures first, with verdict and reason.
fn banks_table(r: &RunReport) -> Markup {
    bank_table(&bank_rows(&r.cards, &r.recs, &r.conclusions), r.lang)
}

/// The bank table of `rows` (`banks.csv` rows, [`BANK_COLUMNS`]) in `lang`: a run's, or a
/// batch's over every terminal.
pub fn bank_table(rows: &[Vec<String>], lang: Lang) -> Markup {
    let col = |name: &str| BANK_COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
    let zh = lang == Lang::ZhCn;
    html! {
        h2 { (t!(lang, "report-html-banks")) }
        table {
            colgroup { col style="width:18%"; col style="width:8%"; col style="width:8%"; col style="width:9%"; col style="width:14%"; col style="width:43%"; }
            thead { tr {
                th { (t!(lang, "report-html-bank")) } th { (t!(lang, "report-html-tested")) }
                th { (t!(lang, "report-html-failed")) } th { (t!(lang, "report-html-not-tested")) }
                th { (t!(lang, "report-html-verdict")) } th { (t!(lang, "report-html-reason")) }
            } }
            tbody {
                @for row in rows {
                    tr {
                        td {
                            (s(&row[0]))
                            @if row[col(if zh { "bank_zh" } else { "bank_en" })] != row[0] {
                                " " (s(&row[col(if zh { "bank_zh" } else { "bank_en" })]))
                            }
                        }
                        td { (row[col("cards_tested")]) }
                        td { (row[col("cards_failed")]) }
                        td { (row[col("cards_not_tested")]) }
                        td { (s(&row[col(if zh { "verdict_zh" } else { "verdict" })])) }
                        td { (s(&row[col(if zh { "reason_zh" } else { "reason" })])) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Signal;

    /// The cards table names a failure in words, in the report's language: a technician reads
    /// "card expired", not the CSV code `expired` (the code stays in the CSVs).
    #[test]
    fn first_failure_is_in_words_in_both_languages() {
        let a = Attempt {
            interface: Interface::Swipe,
            step: "swipe#1".into(),
            signal: Signal::Expired,
            ..Attempt::default()
        };
        assert_eq!(
            first_failure_words(&a, Lang::En),
            "swipe swipe#1: card expired"
        );
        assert_eq!(
            first_failure_words(&a, Lang::ZhCn),
            "刷卡 第 1 次：卡片已过期"
        );
    }

    /// A conclusion's confidence is a word of the page's language, not the file code.
    #[test]
    fn confidence_is_in_the_page_language() {
        let c = crate::diagnosis::Conclusion {
            rule: "R1".into(),
            family: crate::model::Family::TermHw,
            culprit: crate::i18n::Text::same("x"),
            finding: crate::i18n::Text::same("y"),
            action: crate::i18n::Text::same("z"),
            confidence: crate::diagnosis::Confidence::High,
            evidence: Vec::new(),
        };
        let zh = diagnosis(std::slice::from_ref(&c), Lang::ZhCn, false).into_string();
        assert!(zh.contains("(R1, 可信度 高)"), "{zh}");
        let en = diagnosis(&[c], Lang::En, false).into_string();
        assert!(en.contains("(R1, confidence high)"), "{en}");
    }
}
