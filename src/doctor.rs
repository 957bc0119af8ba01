//! `cardbench doctor`: pre-flight checks of a serial port, one line per check with a fix.

use crate::cli::DoctorArgs;
use crate::error::{Error, Globals, Result, Status};

pub fn run_doctor(_g: &Globals, _args: &DoctorArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench doctor"))
}
