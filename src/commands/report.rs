//! `cardbench report summarize`: merge attempts.csv files of several runs into per-bank,
//! per-card and per-terminal summaries.

use super::Globals;
use crate::cli::SummarizeArgs;
use crate::error::{Result, Status};
use crate::summarize::{summarize_paths, write_csvs};

/// Runs `report summarize`.
pub fn run_summarize(g: &Globals, args: &SummarizeArgs) -> Result<Status> {
    // The run folders' rule (docs/report-format.md, "Run folders"): `--out` is a new folder
    // or an empty real one; a run's folder or an earlier summary is refused before anything
    // is read, never written into or overwritten.
    if let Some(dir) = &args.out {
        crate::report::check_fresh(dir).map_err(crate::report::ReportError::from)?;
    }
    let s = summarize_paths(&args.dirs)?;
    if args.json {
        super::out_json(&s)?;
    } else {
        super::out_text(&s.render_in(g.lang()));
    }
    if let Some(dir) = &args.out {
        crate::report::create_run_dir(dir)?;
        write_csvs(&s, dir)?;
    }
    // A summary is a report, not a check: exit 1 when it shows failures, like `run`.
    Ok(if s.total.fail + s.total.error > 0 {
        Status::Failed
    } else {
        Status::Passed
    })
}
