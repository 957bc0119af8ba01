//! `cardbench batch`: the checklist on many terminals at once (QA line).

use super::Globals;
use crate::batch::stations::{self, Station};
use crate::batch::{run_stations, BatchOptions};
use crate::cli::BatchArgs;
use crate::error::{Error, Result, Status};
use crate::host::HostSpec;
use crate::model::Outcome;
use crate::report::tally::Counts;
use std::path::PathBuf;
use std::time::Duration;

/// Default batch folder: `reports/batch-YYYYmmdd-HHMMSS` (`-2`… when taken).
fn default_out() -> PathBuf {
    crate::report::folder::unused_dir(&PathBuf::from("reports").join(format!(
        "batch-{}",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    )))
}

/// Runs `batch`.
pub fn run(g: &Globals, args: &BatchArgs) -> Result<Status> {
    let mut stations = Vec::new();
    if let Some(f) = &args.stations {
        stations.extend(stations::load_stations(f)?);
    }
    if !args.devices.is_empty() {
        let mut extra = stations::from_devices(&args.devices)?;
        // Labels of --device terminals continue after the stations file's.
        let offset = stations.len();
        for (k, s) in extra.iter_mut().enumerate() {
            if s.label.starts_with('T') {
                s.label = format!("T{:02}", offset + k + 1);
            }
            if stations.iter().any(|o: &Station| o.label == s.label) {
                s.label = format!("{}-{}", s.label, k + 1);
            }
        }
        stations.extend(extra);
    }
    if let Some(out) = &args.plan.out {
        crate::report::check_fresh(out).map_err(|e| Error::Usage(e.text(g.lang())))?;
    }
    let opts = BatchOptions {
        deck: args
            .plan
            .deck
            .as_ref()
            .map(|d| d.to_string_lossy().into_owned()),
        host: args.plan.host.as_deref().map(HostSpec::parse).transpose()?,
        terminal: super::run::checked_terminal(args.plan.terminal.as_deref())?,
        baud: args.baud,
        out_dir: args.plan.out.clone().unwrap_or_else(default_out),
        swipes: args.swipes.max(1),
        excel: args.excel,
        bins: g.bins.clone(),
        lang: g.lang(),
        prompt_timeout: Duration::from_secs(60),
        progress: true,
        operator: args.plan.who.operator.clone().unwrap_or_default(),
        ticket: args.plan.who.ticket.clone().unwrap_or_default(),
        stop: crate::checklist::StopSignals::install(true),
    };
    let result = run_stations(&stations, &opts)?;
    let verdicts: Counts = result.terminals.iter().map(|t| t.verdict).collect();
    super::out(crate::i18n::t!(
        opts.lang,
        "batch-summary",
        terminals = result.terminals.len(),
        pass = verdicts.pass,
        fail = verdicts.fail,
        error = verdicts.error,
        csv = result.out_dir.join("terminals.csv").display().to_string()
    ));
    for f in &result.bank_findings {
        super::out(f.line(opts.lang));
    }
    // Nothing could run at all (every terminal failed to open): exit 2.
    if result
        .terminals
        .iter()
        .all(|t| t.verdict == Outcome::Error && t.attempts == 0)
    {
        return Err(Error::NoTerminalTested(
            result
                .terminals
                .iter()
                .map(|t| format!("{}: {}", t.label, t.note))
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    Ok(result.status())
}
