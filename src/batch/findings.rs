//! Batch-level bank findings: a bank outage or policy seen by the terminals of a batch is one
//! finding about the bank, reported once for the batch (console, `BatchResult`), not a fault
//! of each terminal; each terminal's own verdict still follows the diagnosis' precedence
//! (terminal findings first).

use crate::diagnosis::Conclusion;
use crate::i18n::{tr_args, Lang, Text};
use crate::model::Family;

/// One bank finding of a batch: the bank conclusion and the terminals that reached it.
#[derive(Clone, Debug, PartialEq)]
pub struct BankFinding {
    /// The culprit (`ICBC (Industrial and Commercial Bank of China) host system`).
    pub culprit: Text,
    /// The most confident of the terminals' conclusions about it.
    pub conclusion: Conclusion,
    /// Labels of the terminals whose diagnosis names it, in station order.
    pub terminals: Vec<String>,
    /// Terminals in the batch.
    pub of: usize,
}

impl BankFinding {
    /// The console line, in `lang`.
    pub fn line(&self, lang: Lang) -> String {
        tr_args(
            lang,
            "batch-bank-finding",
            &[
                ("culprit", self.culprit.get(lang).to_string().into()),
                ("terminals", (self.terminals.len() as i64).into()),
                ("total", (self.of as i64).into()),
                ("rule", self.conclusion.rule.clone().into()),
            ],
        )
        .into_owned()
    }
}

/// The bank findings of a batch, from each terminal's conclusions (label, conclusions), in
/// the order first seen.
pub fn bank_findings<'a>(
    terminals: impl IntoIterator<Item = (&'a str, &'a [Conclusion])>,
) -> Vec<BankFinding> {
    let mut out: Vec<BankFinding> = Vec::new();
    let mut n = 0;
    for (label, conclusions) in terminals {
        n += 1;
        for c in conclusions.iter().filter(|c| c.family == Family::Bank) {
            match out.iter_mut().find(|f| f.culprit == c.culprit) {
                Some(f) => {
                    if !f.terminals.iter().any(|t| t == label) {
                        f.terminals.push(label.to_string());
                    }
                    if c.confidence > f.conclusion.confidence {
                        f.conclusion = c.clone();
                    }
                }
                None => out.push(BankFinding {
                    culprit: c.culprit.clone(),
                    conclusion: c.clone(),
                    terminals: vec![label.to_string()],
                    of: 0,
                }),
            }
        }
    }
    for f in &mut out {
        f.of = n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::Confidence;

    fn c(family: Family, culprit: &str, confidence: Confidence) -> Conclusion {
        Conclusion {
            rule: "R4".into(),
            family,
            culprit: Text::same(culprit),
            finding: Text::same("f"),
            action: Text::same("a"),
            confidence,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn one_finding_per_bank_across_terminals() {
        let a = [
            c(Family::TermHw, "magnetic head (track 2)", Confidence::High),
            c(Family::Bank, "ICBC host system", Confidence::Medium),
        ];
        let b = [c(Family::Bank, "ICBC host system", Confidence::High)];
        let none: Vec<Conclusion> = Vec::new();
        let f = bank_findings([("T01", &a[..]), ("T02", &b[..]), ("T03", &none[..])]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].terminals, ["T01", "T02"]);
        assert_eq!((f[0].of, f[0].conclusion.confidence), (3, Confidence::High));
        assert_eq!(
            f[0].line(Lang::En),
            "bank finding (R4): ICBC host system — on 2 of 3 terminals; a bank fault, not the terminals'"
        );
    }
}
