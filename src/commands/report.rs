//! `cardbench report summarize`: merge attempts.csv files of several runs into per-bank,
//! per-card and per-terminal summaries.

use super::Globals;
use crate::cli::SummarizeArgs;
use crate::error::{Result, Status};
use crate::summarize::{summarize_paths, write_csvs};
use std::io::Write;

/// Runs `report summarize`.
pub fn run_summarize(_g: &Globals, args: &SummarizeArgs) -> Result<Status> {
    let s = summarize_paths(&args.dirs)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &s)?;
        writeln!(out)?;
    } else {
        out.write_all(s.render().as_bytes())?;
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
