//! `cardbench batch`: the checklist on many terminals at once, one worker thread per port.

use crate::cli::BatchArgs;
use crate::error::{Error, Globals, Result, Status};

pub fn run_batch(_g: &Globals, _args: &BatchArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench batch"))
}
