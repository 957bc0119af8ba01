//! The ISO 8583 link: the acquirer host simulator (`cardbench host`), the bench's host
//! checks (client), and the `pos8583` host-link profile.

use crate::cli::HostArgs;
use crate::error::{Error, Globals, Result, Status};

pub fn run_host(_g: &Globals, _args: &HostArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench host"))
}
