//! `cardbench doctor`: check a serial port (or every port) before a run, in the display
//! language.

use super::{out, Globals};
use crate::cli::DoctorArgs;
use crate::device::DeviceAddress;
use crate::doctor::{
    check_device_in, check_modem_manager, check_serial_path_in, list_ports, Check, Identity, Level,
};
use crate::error::{Error, Result, Status};
use crate::i18n::t;

/// Runs `doctor`.
pub fn run(g: &Globals, args: &DoctorArgs) -> Result<Status> {
    let lang = g.lang();
    let who = Identity::current();
    let mut checks: Vec<(String, Vec<Check>)> = Vec::new();
    match &args.device {
        Some(d) => {
            let addr = DeviceAddress::parse(d)?;
            // A mistyped profile is a wrong command line, not a failed check (exit 2).
            super::known_profile(&addr, "errors-device-unknown-profile")?;
            checks.push((addr.to_string(), check_device_in(&addr, &who, lang)));
        }
        None => {
            let ports = list_ports();
            if ports.is_empty() {
                out(t!(lang, "doctor-no-ports"));
                out(check_modem_manager(lang).line(lang));
                return Ok(Status::Passed);
            }
            for p in ports {
                let c = check_serial_path_in(&p, &who, lang);
                checks.push((p, c));
            }
        }
    }
    let mut failed = false;
    for (name, list) in &checks {
        out(name);
        for c in list {
            failed |= c.level == Level::Fail;
            out(format!("  {}", c.line(lang)));
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
