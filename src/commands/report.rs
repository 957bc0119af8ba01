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
    // It is made before anything is read, so a folder that cannot be made (a read-only or
    // virtual file system) is said before the summary, not after it; left again, when still
    // empty, if there is nothing to summarise.
    let made = match &args.out {
        Some(dir) => {
            let existed = std::fs::symlink_metadata(dir).is_ok();
            crate::report::create_run_dir(dir)?;
            (!existed).then_some(dir)
        }
        None => None,
    };
    let s = summarize_paths(&args.dirs).inspect_err(|_| {
        if let Some(dir) = made {
            let _ = std::fs::remove_dir(dir);
        }
    })?;
    if args.json {
        super::out_json(&s)?;
    } else {
        super::out_text(&s.render_in(g.lang()));
    }
    if let Some(dir) = &args.out {
        write_csvs(&s, dir)?;
    }
    // A summary is a report, not a check: exit 1 when it shows failures, like `run`.
    Ok(if s.total.fail + s.total.error > 0 {
        Status::Failed
    } else {
        Status::Passed
    })
}
