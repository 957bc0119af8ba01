//! `cardbench report summarize`: streaming merge of attempt CSVs into summaries.

use crate::cli::SummarizeArgs;
use crate::error::{Error, Globals, Result, Status};

pub fn run_summarize(_g: &Globals, _args: &SummarizeArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench report summarize"))
}
