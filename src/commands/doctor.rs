//! `cardbench doctor`: check a serial port (or every port) before a run.

use super::Globals;
use crate::cli::DoctorArgs;
use crate::device::DeviceAddress;
use crate::doctor::{
    check_device, check_serial_path, list_ports, modem_manager_running, Check, Identity, Level,
};
use crate::error::{Error, Result, Status};

/// Runs `doctor`.
pub fn run(_g: &Globals, args: &DoctorArgs) -> Result<Status> {
    let who = Identity::current();
    let mut checks: Vec<(String, Vec<Check>)> = Vec::new();
    match &args.device {
        Some(d) => {
            let addr = DeviceAddress::parse(d)?;
            checks.push((addr.to_string(), check_device(&addr, &who)));
        }
        None => {
            let ports = list_ports();
            if ports.is_empty() {
                super::out(
                    "no serial ports found (USB adapters show as /dev/ttyUSBn or /dev/ttyACMn)",
                );
                let mm = match modem_manager_running() {
                    Some(pid) => Check::new(
                        Level::Warn,
                        "ModemManager",
                        format!("running (pid {pid})"),
                        "add a udev rule with ENV{ID_MM_DEVICE_IGNORE}=\"1\" for the reader's adapter",
                    ),
                    None => Check::ok("ModemManager", "not running"),
                };
                super::out(mm.to_string());
                return Ok(Status::Passed);
            }
            for p in ports {
                let c = check_serial_path(&p, &who);
                checks.push((p, c));
            }
        }
    }
    let mut failed = false;
    for (name, list) in &checks {
        super::out(name);
        for c in list {
            failed |= c.level == Level::Fail;
            super::out(format!("  {c}"));
        }
    }
    if checks.is_empty() {
        return Err(Error::NothingToCheck);
    }
    Ok(if failed {
        Status::Failed
    } else {
        Status::Passed
    })
}
