//! `cardbench doctor`: pre-flight checks of a serial port, one line per check with a fix —
//! the port exists (stable names followed), permissions (the port's real group), not held by
//! another process, ModemManager, the USB-serial latency timer, and the device's identity
//! answer. Remote ports get a reachability / RFC 2217 check instead of the local ones. The
//! checks are written in the display language (`doctor.ftl`); a check's name is a code.

mod remote;
mod serial;
mod system;

pub use remote::check_remote;
pub use serial::check_serial_path_in;
pub use system::{
    group_name, holders, may_read_write, modem_manager_running, serial_group, sys_info, Identity,
    SysInfo,
};

use crate::device::{DeviceAddress, Target};
use crate::i18n::{t, tr_static, Lang};
use std::time::Duration;

/// How a check ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

impl Level {
    /// The code: `OK`, `WARN`, `FAIL`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "OK",
            Level::Warn => "WARN",
            Level::Fail => crate::model::Outcome::Fail.as_str(),
        }
    }

    /// The level in the display language, padded by the caller.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Level::Ok => tr_static(lang, "doctor-level-ok"),
            Level::Warn => tr_static(lang, "doctor-level-warn"),
            Level::Fail => tr_static(lang, "doctor-level-fail"),
        }
    }
}

/// One line of the doctor's output. `check` is the check's code (`exists`, `permissions`,
/// `not in use`, `ModemManager`, `latency timer`, `reachable`, `rfc2217`, `identity`); the
/// finding and the fix are written in the language the checks ran in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    pub level: Level,
    pub check: String,
    pub finding: String,
    /// What to do; empty when nothing needs doing.
    pub fix: String,
}

impl Check {
    /// A check with its level, finding and fix.
    pub fn new(
        level: Level,
        check: &str,
        finding: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Check {
            level,
            check: check.into(),
            finding: finding.into(),
            fix: fix.into(),
        }
    }
    /// A passing check.
    pub fn ok(check: &str, finding: impl Into<String>) -> Self {
        Check::new(Level::Ok, check, finding, "")
    }

    /// The check's name in `lang` (the code itself for a check without a translation).
    pub fn name(&self, lang: Lang) -> &str {
        let id = match self.check.as_str() {
            "exists" => "doctor-check-exists",
            "permissions" => "doctor-check-permissions",
            "not in use" => "doctor-check-in-use",
            "ModemManager" => "doctor-check-modem-manager",
            "latency timer" => "doctor-check-latency",
            "reachable" => "doctor-check-reachable",
            "rfc2217" => "doctor-check-rfc2217",
            "identity" => "doctor-check-identity",
            _ => return &self.check,
        };
        tr_static(lang, id)
    }

    /// The output line in `lang`: `FAIL  permissions: … — fix: …`.
    pub fn line(&self, lang: Lang) -> String {
        let level = crate::text::pad(self.level.name(lang), 4);
        let mut s = format!("{level}  {}: {}", self.name(lang), self.finding);
        if !self.fix.is_empty() {
            s.push_str(&t!(lang, "doctor-fix", fix = self.fix.as_str()));
        }
        s
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}

/// An I/O error for people in `lang`: the common kinds in words, anything else as the system
/// says it.
pub fn io_text(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let id = match e.kind() {
        K::NotFound => "doctor-io-not-found",
        K::PermissionDenied => "doctor-io-permission-denied",
        K::ConnectionRefused => "doctor-io-refused",
        K::TimedOut | K::WouldBlock => "doctor-io-timed-out",
        K::ConnectionReset | K::ConnectionAborted => "doctor-io-reset",
        K::AddrNotAvailable | K::HostUnreachable | K::NetworkUnreachable => "doctor-io-unreachable",
        _ => return e.to_string(),
    };
    tr_static(lang, id).to_string()
}

/// The local checks of one serial path, in English (see [`check_serial_path_in`]).
pub fn check_serial_path(path: &str, who: &Identity) -> Vec<Check> {
    check_serial_path_in(path, who, Lang::En)
}

/// Opens the device with its driver and asks for its identity; an error in `lang`.
fn identify(
    addr: &DeviceAddress,
    lang: Lang,
) -> std::result::Result<crate::model::DeviceInfo, String> {
    use crate::device::open::{open_device, profile, profile_names, OpenOptions};
    if profile(&addr.profile).is_none() {
        return Err(t!(
            lang,
            "doctor-identity-unknown-profile",
            profile = addr.profile.as_str(),
            known = profile_names().join(", ")
        )
        .into_owned());
    }
    let opts = OpenOptions {
        connect_timeout: Duration::from_secs(3),
        ..OpenOptions::default()
    };
    let mut opened = open_device(addr, &opts).map_err(|e| e.text(lang))?;
    opened.device.identify().map_err(|e| e.text(lang))
}

fn check_identity(addr: &DeviceAddress, lang: Lang) -> Check {
    match identify(addr, lang) {
        Ok(info) => Check::ok(
            "identity",
            t!(
                lang,
                "doctor-identity-ok",
                profile = addr.profile.as_str(),
                model = info.model,
                firmware = info.firmware,
                serial = info.serial
            ),
        ),
        Err(e) => Check::new(
            Level::Fail,
            "identity",
            crate::sensitive::redact_text(&e),
            t!(lang, "doctor-identity-fix", profile = addr.profile.as_str()),
        ),
    }
}

/// All checks for one device address, in `lang`.
pub fn check_device_in(addr: &DeviceAddress, who: &Identity, lang: Lang) -> Vec<Check> {
    let mut out = match &addr.target {
        Target::Serial(p) => check_serial_path_in(p, who, lang),
        Target::Tcp(_) | Target::Rfc2217(_) => check_remote(&addr.target, lang),
        Target::Sim(_) => vec![Check::ok("exists", t!(lang, "doctor-exists-simulator"))],
        Target::TcpListen(a) => vec![Check::ok(
            "exists",
            t!(lang, "doctor-exists-listen", addr = a.to_string()),
        )],
    };
    // A POS terminal (`pos8583`) is not a reader: there is no identity to ask it for.
    let reader = addr.profile != crate::device::open::POS_PROFILE;
    if reader && out.iter().all(|c| c.level != Level::Fail) {
        out.push(check_identity(addr, lang));
    }
    out
}

/// All checks for one device address, in English.
pub fn check_device(addr: &DeviceAddress, who: &Identity) -> Vec<Check> {
    check_device_in(addr, who, Lang::En)
}

/// ModemManager's check on its own (when there is no port to check).
pub fn check_modem_manager(lang: Lang) -> Check {
    serial::check_modem_manager(&SysInfo::default(), lang)
}

/// Serial ports to check when no `--device` is given: what serialport lists, plus by-id names.
pub fn list_ports() -> Vec<String> {
    let mut ports: Vec<String> = crate::link::ports::list_ports()
        .into_iter()
        .map(|p| p.path)
        .collect();
    ports.retain(|p| {
        !p.starts_with("/dev/ttyS") || sys_info(&p[5..]).driver.is_some_and(|d| d != "serial8250")
    });
    ports.sort();
    ports.dedup();
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_from_status() {
        let id = Identity::from_status("Name:\tx\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nGroups:\t4 20 27 1000\n");
        assert_eq!(id.euid, 1000);
        assert!(id.groups.contains(&20));
    }

    #[test]
    fn permission_rules() {
        let user = Identity {
            euid: 1000,
            groups: vec![1000],
        };
        let dialout = Identity {
            euid: 1000,
            groups: vec![1000, 20],
        };
        assert!(!may_read_write(&user, 0, 20, 0o660));
        assert!(may_read_write(&dialout, 0, 20, 0o660));
        assert!(may_read_write(&user, 1000, 20, 0o600));
        assert!(may_read_write(
            &Identity {
                euid: 0,
                groups: vec![]
            },
            0,
            20,
            0o000
        ));
    }

    #[test]
    fn line_format() {
        let c = Check::new(
            Level::Fail,
            "permissions",
            "not in dialout",
            "sudo usermod -aG dialout $USER",
        );
        assert_eq!(
            c.to_string(),
            "FAIL  permissions: not in dialout — fix: sudo usermod -aG dialout $USER"
        );
        assert_eq!(
            Check::ok("exists", "/dev/x").to_string(),
            "OK    exists: /dev/x"
        );
    }
}
