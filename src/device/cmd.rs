//! `cardbench ports`, `probe` and `read`: the device commands.

use crate::cli::{DeviceArgs, ReadArgs};
use crate::error::{Error, Globals, Result, Status};

pub fn run_ports(_g: &Globals) -> Result<Status> {
    Err(Error::NotImplemented("cardbench ports"))
}

pub fn run_probe(_g: &Globals, _args: &DeviceArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench probe"))
}

pub fn run_read(_g: &Globals, _args: &ReadArgs) -> Result<Status> {
    Err(Error::NotImplemented("cardbench read"))
}
