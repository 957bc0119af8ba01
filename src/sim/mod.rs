//! Device simulators that speak the documented wire protocols on real pseudo-terminals
//! (`cardbench sim`), with fault knobs from scenario files (docs/scenarios.md).

pub mod crt310;
pub mod msr605;
pub mod pos;
pub mod scenario;

use crate::cli::SimArgs;
use crate::error::{Error, Globals, Result, Status};

pub fn run_sim(_g: &Globals, _args: &SimArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench sim"))
}
