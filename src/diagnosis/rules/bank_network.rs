//! R4 / R5, bank system or network: host failures of the system type (bank-system response
//! codes, timeouts, unanswered reversals, an unreachable host) grouped by issuing bank. Some
//! banks failing while others approve on the same link is those banks' systems (R4); every
//! bank failing alike, or the run-level echo failing, is the network (R5) (diagnosis.md §3,
//! rules R4 and R5; §2 rows 27–30).

use crate::bins;
use crate::codec::iso8583::rc;
use crate::diagnosis::conclusion::{evidence, Conclusion, Confidence};
use crate::diagnosis::rules::{Explained, Rule, Verdict};
use crate::diagnosis::view::{Observation, View};
use crate::i18n::{Lang, Text};
use crate::model::{Family, Interface, Outcome, Signal};
use std::collections::{BTreeMap, BTreeSet};

/// R4 / R5.
pub const RULE: Rule = Rule {
    id: "R4/R5",
    about: "system-type host failures: some banks only (bank system) or every bank (network)",
    run,
};

/// Whether a failure points at a system (bank or network), not at a card or an account. An
/// unusable reply (a connection the host closed, a malformed reply) is the host's, grouped by
/// bank like a timeout: the terminal's framing would fail the echo and every bank alike.
fn is_system_failure(o: &Observation) -> bool {
    if !o.failed() {
        return false;
    }
    matches!(
        o.signal,
        Signal::AuthTimeout
            | Signal::ReversalMissing
            | Signal::ConnectFailed
            | Signal::EchoTimeout
            | Signal::HostError
    ) || rc::decline_class(&o.rc).is_some_and(|c| *c == rc::BANK_SYSTEM)
}

/// The culprit of a network conclusion (R5): the line, the switch or the acquirer's host.
pub fn network_culprit() -> Text {
    Text::tr("diagnosis-network-culprit")
}

/// One bank's cards on the network interface.
struct BankGroup<'a> {
    /// The bank's name (from its first card).
    text: Text,
    /// Cards with an approval.
    passing: usize,
    /// Cards with a system failure, and those failures.
    failing: BTreeSet<usize>,
    failures: Vec<&'a Observation>,
}

fn bank_groups<'a>(view: &View<'a>) -> BTreeMap<String, BankGroup<'a>> {
    let on_network = view.attempted_on(Interface::Network);
    let mut out = BTreeMap::new();
    for (key, idx) in view.by_bank(&on_network) {
        let mut g = BankGroup {
            text: view.card(idx[0]).bank_text.clone(),
            passing: 0,
            failing: BTreeSet::new(),
            failures: Vec::new(),
        };
        for i in idx {
            let attempts = &view.card(i).per_if[&Interface::Network];
            if attempts.iter().any(|o| o.outcome == Outcome::Pass) {
                g.passing += 1;
            }
            let sys: Vec<&Observation> = attempts
                .iter()
                .copied()
                .filter(|o| is_system_failure(o))
                .collect();
            if !sys.is_empty() {
                g.failing.insert(i);
                g.failures.extend(sys);
            }
        }
        out.insert(key, g);
    }
    out
}

fn run(view: &View, explained: &Explained) -> Vec<Verdict> {
    // Run-level rows an earlier rule placed (a POS terminal's own rows, rule P1) are not host
    // failures.
    let run_level: Vec<&Observation> = view
        .obs
        .iter()
        .filter(|o| o.interface == Interface::Network && o.card.is_none() && o.failed())
        .filter(|o| !explained.covers(view, o))
        .collect();
    let banks = bank_groups(view);
    let failing: Vec<(&String, &BankGroup)> = banks
        .iter()
        .filter(|(_, b)| !b.failing.is_empty())
        .collect();
    let clean = banks
        .values()
        .filter(|b| b.failing.is_empty() && b.passing > 0)
        .count();
    if failing.is_empty() && run_level.is_empty() {
        Vec::new()
    } else if clean > 0 && !failing.is_empty() {
        failing
            .into_iter()
            .map(|(key, b)| bank_system(key, b, clean))
            .collect()
    } else {
        vec![network(&banks, run_level)]
    }
}

/// R4: this bank's cards fail at the host while other banks approve on the same link.
fn bank_system(key: &str, b: &BankGroup, clean: usize) -> Verdict {
    let nfail = b.failing.len();
    let en_name = match bins::find_bank(key) {
        Some(bank) => format!("{} ({})", bank.short, bank.en),
        None => b.text.en.clone(),
    };
    let c = Conclusion {
        rule: "R4".into(),
        family: Family::Bank,
        culprit: Text::tr_each("diagnosis-bank-system-culprit", |lang| {
            let name = match lang {
                Lang::En => en_name.as_str(),
                Lang::ZhCn => b.text.zh.as_str(),
            };
            vec![("bank", name.into())]
        }),
        finding: Text::tr_each("diagnosis-bank-system-finding", |lang| {
            vec![("bank", b.text.get(lang).into()), ("failed", nfail.into())]
        }),
        action: Text::tr("diagnosis-bank-system-action"),
        confidence: if b.passing == 0 && clean >= 2 {
            Confidence::High
        } else {
            Confidence::Medium
        },
        evidence: evidence(&b.failures),
    };
    Verdict::new(c).explaining(b.failing.iter().map(|i| (*i, Interface::Network)))
}

/// R5: every issuer fails alike (or the echo already failed): the network.
fn network(banks: &BTreeMap<String, BankGroup>, run_level: Vec<&Observation>) -> Verdict {
    let run_level_failed = !run_level.is_empty();
    let mut ev = run_level;
    let mut cards = BTreeSet::new();
    for b in banks.values() {
        ev.extend(b.failures.iter().copied());
        cards.extend(b.failing.iter().copied());
    }
    let nbanks = banks.len();
    let c = Conclusion {
        rule: "R5".into(),
        family: Family::Net,
        culprit: network_culprit(),
        finding: Text::tr_args("diagnosis-network-finding", &[("banks", nbanks.into())]),
        action: Text::tr("diagnosis-network-action"),
        confidence: if nbanks >= 2 || run_level_failed {
            Confidence::High
        } else {
            Confidence::Low
        },
        evidence: evidence(&ev),
    };
    Verdict::new(c).explaining(cards.into_iter().map(|i| (i, Interface::Network)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnosis::rules::testkit::{apply, conclusions, fail, healthy};
    use crate::diagnosis::LinkStats;

    #[test]
    fn one_bank_timing_out_is_that_banks_system() {
        let v = healthy(|o| {
            if o.bank == "ICBC" && o.interface == Interface::Network {
                fail(o, "auth_timeout");
            }
        });
        let out = apply(RULE, &v, &LinkStats::default(), &Explained::default());
        assert_eq!(out.len(), 1);
        let c = &out[0].conclusion;
        assert_eq!((c.rule.as_str(), c.family), ("R4", Family::Bank));
        assert!(c.culprit.en.contains("ICBC") && c.culprit.en.ends_with("host system"));
        assert!(c.finding.en.contains("(2 cards, system-type signals)"));
        assert_eq!(c.confidence, Confidence::High);
        let explained: Vec<_> = out[0].explains.iter().copied().collect();
        assert_eq!(
            explained,
            vec![(0, Interface::Network), (1, Interface::Network)]
        );
    }

    #[test]
    fn every_bank_failing_alike_is_the_network() {
        let v = healthy(|o| {
            if o.interface == Interface::Network {
                fail(o, "rc:96");
            }
        });
        let c = conclusions(RULE, &v);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].rule.as_str(), c[0].family), ("R5", Family::Net));
        // ICBC, CCB, ABC and the two bankless cards grouped by scheme.
        assert!(c[0].finding.en.contains("(5 issuer groups)"));
        assert_eq!(c[0].confidence, Confidence::High);
    }

    #[test]
    fn a_failed_echo_is_the_network_and_account_codes_are_not_systems() {
        let mut v = healthy(|_| {});
        let mut echo = v[0].clone();
        echo.card = None;
        echo.interface = Interface::Network;
        echo.step = "echo".into();
        fail(&mut echo, "echo_timeout");
        v.push(echo);
        let c = conclusions(RULE, &v);
        assert_eq!(c[0].rule, "R5");
        assert_eq!(c[0].evidence[0].en, "run network echo: FAIL echo_timeout");

        let acct = healthy(|o| {
            if o.card == Some(2) && o.interface == Interface::Network {
                fail(o, "rc:51");
            }
        });
        assert!(conclusions(RULE, &acct).is_empty());
    }
}
