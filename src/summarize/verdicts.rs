//! Each terminal's verdict in `report summarize`: read from the diagnosis its run wrote
//! (`diagnosis.csv` beside `attempts.csv`; in a batch folder the merged file, whose
//! `terminal` column names the station), and chosen with the diagnosis' own precedence
//! (`diagnosis::verdict`) — the same verdict as terminals.csv, the batch console and the TUI.
//! Summarize does not diagnose again: the run's diagnosis saw the deck's reference cards and
//! the link's statistics, which attempts.csv does not carry.

use super::TerminalSummary;
use crate::diagnosis::{Conclusion, Confidence};
use crate::i18n::Text;
use crate::model::Family;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The conclusions of a `diagnosis.csv`, each with the terminal label of its `terminal`
/// column (a batch folder's merged file), `None` in a run folder's own file. A missing or
/// unreadable file gives nothing; a row that does not parse is skipped.
pub fn read(path: &Path) -> Vec<(Option<String>, Conclusion)> {
    let Ok(mut rdr) = csv::ReaderBuilder::new().flexible(true).from_path(path) else {
        return Vec::new();
    };
    let Ok(h) = rdr.headers().cloned() else {
        return Vec::new();
    };
    let col = |name: &str| {
        h.iter()
            .position(|c| c.trim_start_matches('\u{feff}').trim() == name)
    };
    let terminal = col("terminal");
    let mut out = Vec::new();
    for rec in rdr.records().flatten() {
        // Cells were written with a leading `'` when they could read as a formula.
        let at = |i: Option<usize>| {
            i.and_then(|i| rec.get(i))
                .unwrap_or("")
                .trim_start_matches('\'')
                .to_string()
        };
        let get = |name: &str| at(col(name));
        let Some(family) = Family::parse(&get("family")) else {
            continue;
        };
        let Some(confidence) = Confidence::parse(&get("confidence")) else {
            continue;
        };
        let c = Conclusion {
            rule: get("rule"),
            family,
            culprit: Text::new(get("culprit"), get("culprit_zh")),
            finding: Text::new(get("finding"), get("finding_zh")),
            action: Text::new(get("action"), get("action_zh")),
            confidence,
            evidence: Vec::new(),
        };
        out.push((terminal.map(|_| at(terminal)), c));
    }
    out
}

/// Gives the terminals met in one attempts file (`keys`) the conclusions of the
/// `diagnosis.csv` beside it.
pub fn attach(
    terminals: &mut BTreeMap<String, TerminalSummary>,
    keys: &BTreeSet<String>,
    attempts: &Path,
) {
    let Some(dir) = attempts.parent() else { return };
    for (label, c) in read(&dir.join(crate::report::DIAGNOSIS)) {
        for k in keys {
            let Some(t) = terminals.get_mut(k) else {
                continue;
            };
            if label.as_deref().is_none_or(|l| l == t.station) {
                t.conclusions.push(c.clone());
            }
        }
    }
}

/// Sets a terminal's verdict and its culprit from its conclusions (empty when its runs wrote
/// no diagnosis, or concluded nothing).
pub fn settle(t: &mut TerminalSummary) {
    if let Some(v) = crate::diagnosis::verdict(&t.conclusions) {
        t.verdict = v.family.as_str().to_string();
        t.culprit = v.culprit.en.clone();
    }
}
