//! One verdict everywhere: the precedence that orders a terminal's conclusions, the verdict
//! (the first conclusion under it) that `terminals.csv`, the batch console, `report summarize`
//! and the TUI all show, and the merge that leaves one conclusion per culprit
//! (docs/diagnosis.md, "One verdict").

use crate::diagnosis::conclusion::{Conclusion, Confidence};
use crate::i18n::Text;
use crate::model::Family;
use std::cmp::Reverse;

/// Where a family stands in the verdict precedence: terminal findings (hardware, software)
/// first, then the network, then the bank, then what concerns one card (card, account,
/// technique, unclassified). A terminal with a worn head is a terminal fault even while a bank
/// is down; the bank outage is reported at batch level, as a bank finding.
pub fn tier(family: Family) -> u8 {
    match family {
        Family::TermHw | Family::TermSw => 0,
        Family::Net => 1,
        Family::Bank => 2,
        Family::Card | Family::Acct | Family::Tech | Family::Unknown => 3,
    }
}

/// The sort key of a conclusion: its family's [`tier`], then confidence, high first. Equal
/// keys keep the rule order (the order of `rules::RULES`).
pub fn precedence(c: &Conclusion) -> (u8, Reverse<Confidence>) {
    (tier(c.family), Reverse(c.confidence))
}

/// Sorts conclusions into verdict order (stable: equal keys keep the rule order).
pub fn order(conclusions: &mut [Conclusion]) {
    conclusions.sort_by_key(precedence);
}

/// A terminal's verdict: the first conclusion under [`precedence`] (whatever order the list
/// is in; the first of equals wins). `None` when nothing was concluded: no fault found.
pub fn verdict(conclusions: &[Conclusion]) -> Option<&Conclusion> {
    conclusions
        .iter()
        .enumerate()
        .min_by_key(|(i, c)| (precedence(c), *i))
        .map(|(_, c)| c)
}

/// Merges conclusions that name the same culprit in the same family into one: the first one's
/// rule and action, the highest confidence, the findings joined (each once), the evidence of
/// all (each once, at most [`crate::diagnosis::conclusion::MAX_EVIDENCE`] then "… and N more").
/// Order is kept (a merged conclusion stands where its first part stood).
pub fn merge(conclusions: Vec<Conclusion>) -> Vec<Conclusion> {
    let mut out: Vec<Conclusion> = Vec::with_capacity(conclusions.len());
    for c in conclusions {
        match out
            .iter_mut()
            .find(|o| o.family == c.family && o.culprit == c.culprit)
        {
            Some(o) => absorb(o, c),
            None => out.push(c),
        }
    }
    out
}

fn absorb(into: &mut Conclusion, c: Conclusion) {
    into.confidence = into.confidence.max(c.confidence);
    if !into.rule.split('+').any(|r| r == c.rule) {
        into.rule = format!("{}+{}", into.rule, c.rule);
    }
    if c.finding != into.finding {
        into.finding.en = format!("{}; {}", into.finding.en, c.finding.en);
        into.finding.zh = format!("{}；{}", into.finding.zh, c.finding.zh);
    }
    use crate::diagnosis::conclusion::{evidence_more, evidence_more_count};
    let mut extra = 0usize;
    let mut ev: Vec<Text> = Vec::new();
    for e in into.evidence.drain(..).chain(c.evidence) {
        if let Some(n) = evidence_more_count(&e) {
            extra += n;
        } else if !ev.contains(&e) {
            ev.push(e);
        }
    }
    let max = crate::diagnosis::conclusion::MAX_EVIDENCE;
    if ev.len() > max {
        extra += ev.len() - max;
        ev.truncate(max);
    }
    if extra > 0 {
        ev.push(evidence_more(extra));
    }
    into.evidence = ev;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(rule: &str, family: Family, culprit: &str, confidence: Confidence) -> Conclusion {
        Conclusion {
            rule: rule.into(),
            family,
            culprit: Text::same(culprit),
            finding: Text::same(format!("{culprit} finding")),
            action: Text::same("act"),
            confidence,
            evidence: vec![Text::same(format!("{rule} ev"))],
        }
    }

    #[test]
    fn terminal_findings_come_before_bank_findings_whatever_the_confidence() {
        let mut v = vec![
            c("R2", Family::Card, "card 3", Confidence::High),
            c("R4", Family::Bank, "ICBC host system", Confidence::High),
            c("R5", Family::Net, "network", Confidence::Low),
            c("R6", Family::TermSw, "AID list", Confidence::Low),
            c("R3", Family::TermHw, "magnetic head", Confidence::Medium),
        ];
        assert_eq!(verdict(&v).map(|c| c.rule.as_str()), Some("R3"));
        order(&mut v);
        let rules: Vec<&str> = v.iter().map(|c| c.rule.as_str()).collect();
        assert_eq!(rules, ["R3", "R6", "R5", "R4", "R2"]);
        assert_eq!(verdict(&v).map(|c| c.rule.as_str()), Some("R3"));
        assert!(verdict(&[]).is_none());
    }

    #[test]
    fn equals_keep_the_rule_order() {
        let v = vec![
            c("R1", Family::TermHw, "reader", Confidence::High),
            c("R3", Family::TermHw, "head", Confidence::High),
        ];
        assert_eq!(verdict(&v).map(|c| c.rule.as_str()), Some("R1"));
    }

    #[test]
    fn one_conclusion_per_culprit() {
        let merged = merge(vec![
            c(
                "R4",
                Family::Bank,
                "CCB (issuer policy)",
                Confidence::Medium,
            ),
            c("R2", Family::Card, "card 3", Confidence::High),
            c("R4", Family::Bank, "CCB (issuer policy)", Confidence::High),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].confidence, Confidence::High);
        assert_eq!(merged[0].rule, "R4");
        assert_eq!(merged[0].evidence, vec![Text::same("R4 ev")]);
        let mut a = c("R3", Family::TermHw, "head", Confidence::Low);
        a.evidence = (0..12).map(|i| Text::same(format!("a{i}"))).collect();
        a.evidence.push("… and 3 more".into());
        let mut b = c("R1", Family::TermHw, "head", Confidence::Low);
        b.finding = Text::same("other");
        b.evidence = vec!["b".into(), "a1".into()];
        let m = merge(vec![a, b]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].rule, "R3+R1");
        assert_eq!(m[0].finding.en, "head finding; other");
        assert_eq!(m[0].evidence.len(), 13);
        assert_eq!(m[0].evidence[12].en, "… and 4 more");
    }
}
