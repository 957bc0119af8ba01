//! `cardbench probe`: identify a device and show what it can do.

use super::{out, Globals};
use crate::cli::DeviceArgs;
use crate::error::{Result, Status};

/// Runs `probe`.
pub fn run(_g: &Globals, args: &DeviceArgs) -> Result<Status> {
    let mut dev = super::open(args)?;
    let info = dev.device.identify()?;
    let caps = dev.device.capabilities();
    out(format!("device    {}", dev.address));
    out(format!("link      {}", dev.description));
    out(format!("profile   {}", info.profile));
    out(format!("model     {}", info.model));
    out(format!("firmware  {}", info.firmware));
    out(format!(
        "serial    {}",
        if info.serial.is_empty() {
            "(the device reports none)"
        } else {
            &info.serial
        }
    ));
    let mut c = Vec::new();
    if caps.swipe {
        c.push("swipe");
    }
    if caps.chip {
        c.push("chip");
    }
    if caps.host {
        c.push("host");
    }
    out(format!("can       {}", c.join(", ")));
    out("status    ready");
    Ok(Status::Passed)
}
