//! The local checks of a serial port: it exists (stable names followed), permissions (the
//! port's real group), not held by another process, ModemManager, the USB-serial latency
//! timer. Every finding and fix is in the display language.

use super::system::{group_name, holders, is_cardbench_sim, may_read_write};
use super::system::{modem_manager_running, serial_group};
use super::system::{sys_info, Identity, SysInfo};
use super::{io_text, Check, Level};
use crate::i18n::{t, Lang};
use std::path::Path;
use std::time::Duration;

/// The local checks of one serial path (everything but the identity command), in `lang`.
pub fn check_serial_path_in(path: &str, who: &Identity, lang: Lang) -> Vec<Check> {
    // Following by-id / by-path symlinks; nothing else can be checked without the node.
    let real = match std::fs::canonicalize(path) {
        Ok(r) => r,
        Err(e) => {
            return vec![Check::new(
                Level::Fail,
                "exists",
                format!("{path}: {}", io_text(&e, lang)),
                t!(lang, "doctor-exists-missing-fix"),
            )]
        }
    };
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let sys = sys_info(&name);
    let permissions = check_permissions(&real, who, lang);
    // A port this user may not open cannot be tried for "in use": the open would fail for
    // lack of permission, which is the permissions check's finding, not a busy port.
    let in_use = if permissions.level == Level::Fail {
        Check::new(
            Level::Warn,
            "not in use",
            t!(lang, "doctor-in-use-not-checked"),
            "",
        )
    } else {
        check_not_in_use(&real, lang)
    };
    vec![
        check_exists(path, &real, lang),
        permissions,
        in_use,
        check_modem_manager(&sys, lang),
        check_latency_timer(&sys, lang),
    ]
}

/// The path exists; a `ttyUSBn` / `ttyACMn` name with a stable name is a warning.
fn check_exists(path: &str, real: &Path, lang: Lang) -> Check {
    let stable = crate::link::ports::stable_name(path);
    let finding = if real != Path::new(path) {
        format!("{path} → {}", real.display())
    } else if let Some(s) = &stable {
        t!(
            lang,
            "doctor-exists-stable-name",
            path = path,
            stable = s.as_str()
        )
        .into_owned()
    } else {
        path.to_string()
    };
    match stable {
        Some(s) if path.starts_with("/dev/ttyUSB") || path.starts_with("/dev/ttyACM") => {
            Check::new(
                Level::Warn,
                "exists",
                finding,
                t!(lang, "doctor-exists-use-stable-name", stable = s.as_str()),
            )
        }
        _ => Check::ok("exists", finding),
    }
}

/// This user may read and write the device node (root, owner, group or other bits). The
/// advice names the port's real group; a port owned by group root gets a udev rule for the
/// system's serial group instead (joining root is never the fix).
fn check_permissions(real: &Path, who: &Identity, lang: Lang) -> Check {
    use std::os::unix::fs::MetadataExt;
    let m = match std::fs::metadata(real) {
        Ok(m) => m,
        Err(e) => {
            return Check::new(
                Level::Fail,
                "permissions",
                io_text(&e, lang),
                t!(lang, "doctor-permissions-node-fix"),
            )
        }
    };
    let gname = group_name(m.gid()).unwrap_or_else(|| m.gid().to_string());
    let node = Node {
        path: real.display().to_string(),
        uid: m.uid(),
        gid: m.gid(),
        group: gname,
        mode: m.mode() & 0o777,
    };
    permission_check(&node, who, &serial_group(), lang)
}

/// A device node's owner, group (id and name) and mode bits.
pub(super) struct Node {
    pub path: String,
    pub uid: u32,
    pub gid: u32,
    pub group: String,
    pub mode: u32,
}

/// The permissions check of `node` for `who`; `serial_group` is the system's group for
/// serial ports (advice for a node owned by group root).
pub(super) fn permission_check(
    node: &Node,
    who: &Identity,
    serial_group: &str,
    lang: Lang,
) -> Check {
    let mode = format!("{:03o}", node.mode);
    let desc = t!(
        lang,
        "doctor-permissions-mode",
        mode = mode,
        group = node.group.as_str()
    );
    if who.euid == 0 {
        Check::ok(
            "permissions",
            t!(lang, "doctor-permissions-root", desc = desc),
        )
    } else if may_read_write(who, node.uid, node.gid, node.mode) {
        Check::ok(
            "permissions",
            t!(lang, "doctor-permissions-ok", desc = desc),
        )
    } else if node.gid == 0 {
        let name = Path::new(&node.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Check::new(
            Level::Fail,
            "permissions",
            t!(lang, "doctor-permissions-root-group", desc = desc),
            t!(
                lang,
                "doctor-permissions-root-group-fix",
                group = serial_group,
                node = name
            ),
        )
    } else {
        Check::new(
            Level::Fail,
            "permissions",
            t!(
                lang,
                "doctor-permissions-not-in-group",
                desc = desc,
                group = node.group.as_str()
            ),
            t!(
                lang,
                "doctor-permissions-join-group-fix",
                group = node.group.as_str()
            ),
        )
    }
}

/// No other process holds the port, and an exclusive open succeeds.
fn check_not_in_use(real: &Path, lang: Lang) -> Check {
    let (sims, held): (Vec<_>, Vec<_>) = holders(real)
        .into_iter()
        .partition(|(pid, _)| real.starts_with("/dev/pts") && is_cardbench_sim(*pid));

    if let Some((pid, _)) = held.first() {
        let list = held
            .iter()
            .map(|(p, c)| format!("{c} (pid {p})"))
            .collect::<Vec<_>>()
            .join(", ");
        let mm = held.iter().any(|(_, c)| c == "ModemManager");
        let fix = if mm {
            t!(lang, "doctor-in-use-modem-manager-fix")
        } else {
            t!(lang, "doctor-in-use-close-fix", pid = pid.to_string())
        };
        return Check::new(
            Level::Fail,
            "not in use",
            t!(lang, "doctor-in-use-held-by", holders = list),
            fix,
        );
    }
    match serialport::new(real.to_string_lossy(), 9600)
        .timeout(Duration::from_millis(50))
        .open()
    {
        Ok(port) => {
            drop(port);
            match sims.first() {
                Some((pid, _)) => Check::ok(
                    "not in use",
                    t!(lang, "doctor-in-use-simulator", pid = pid.to_string()),
                ),
                None => Check::ok("not in use", t!(lang, "doctor-in-use-free")),
            }
        }
        Err(e) => {
            let io = std::io::Error::from(e.clone());
            if io.kind() == std::io::ErrorKind::PermissionDenied {
                // Not busy: this user may not open it (ACLs, SELinux, a read-only node).
                return Check::new(
                    Level::Fail,
                    "permissions",
                    t!(lang, "doctor-open-permission-denied"),
                    t!(lang, "doctor-permissions-node-fix"),
                );
            }
            let msg = e.to_string();
            let busy = msg.contains("lock") || msg.contains("busy");
            let fix = if busy {
                t!(lang, "doctor-in-use-busy-fix")
            } else {
                t!(lang, "doctor-in-use-other-fix")
            };
            Check::new(
                if busy { Level::Fail } else { Level::Warn },
                "not in use",
                t!(
                    lang,
                    "doctor-in-use-open-failed",
                    error = io_text(&io, lang)
                ),
                fix,
            )
        }
    }
}

/// ModemManager is not running (it probes new serial ports with AT commands).
pub(super) fn check_modem_manager(sys: &SysInfo, lang: Lang) -> Check {
    let Some(pid) = modem_manager_running() else {
        return Check::ok("ModemManager", t!(lang, "doctor-mm-not-running"));
    };
    let rule = match &sys.vid_pid {
        Some((v, p)) => format!(
            "ATTRS{{idVendor}}==\"{v}\", ATTRS{{idProduct}}==\"{p}\", ENV{{ID_MM_DEVICE_IGNORE}}=\"1\""
        ),
        None => "ATTRS{idVendor}==\"VVVV\", ATTRS{idProduct}==\"PPPP\", ENV{ID_MM_DEVICE_IGNORE}=\"1\"".into(),
    };
    Check::new(
        Level::Warn,
        "ModemManager",
        t!(lang, "doctor-mm-running", pid = pid.to_string()),
        t!(lang, "doctor-mm-fix", rule = rule),
    )
}

/// A USB-serial adapter's latency timer is 1 ms (the default 16 ms delays every short reply).
fn check_latency_timer(sys: &SysInfo, lang: Lang) -> Check {
    let Some(f) = &sys.latency_file else {
        let finding = match &sys.driver {
            Some(d) => t!(lang, "doctor-latency-none-driver", driver = d.as_str()),
            None => t!(lang, "doctor-latency-none"),
        };
        return Check::ok("latency timer", finding);
    };
    let v = std::fs::read_to_string(f)
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    let driver = sys.driver.clone().unwrap_or_else(|| "usb-serial".into());
    let file = f.display().to_string();
    match v {
        Some(ms) if ms > 1 => Check::new(
            Level::Warn,
            "latency timer",
            t!(
                lang,
                "doctor-latency-slow",
                ms = ms,
                driver = driver.as_str()
            ),
            t!(
                lang,
                "doctor-latency-fix",
                file = file,
                driver = driver.as_str()
            ),
        ),
        Some(ms) => Check::ok(
            "latency timer",
            t!(lang, "doctor-latency-ok", ms = ms, driver = driver),
        ),
        None => Check::new(
            Level::Warn,
            "latency timer",
            t!(lang, "doctor-latency-unreadable", file = file),
            t!(lang, "doctor-latency-unreadable-fix"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(gid: u32, group: &str) -> Node {
        Node {
            path: "/dev/ttyUSB0".into(),
            uid: 0,
            gid,
            group: group.into(),
            mode: 0o660,
        }
    }

    fn user() -> Identity {
        Identity {
            euid: 1000,
            groups: vec![1000],
        }
    }

    #[test]
    fn advice_names_the_ports_real_group() {
        for group in ["dialout", "uucp"] {
            let c = permission_check(&node(20, group), &user(), "dialout", Lang::En);
            assert_eq!(c.level, Level::Fail);
            assert!(c.fix.contains(&format!("-aG {group} ")), "{c}");
        }
    }

    #[test]
    fn a_port_owned_by_root_never_advises_joining_root() {
        for serial in ["dialout", "uucp"] {
            for lang in Lang::ALL {
                let c = permission_check(&node(0, "root"), &user(), serial, lang);
                assert_eq!(c.level, Level::Fail);
                assert!(!c.fix.contains("-aG root"), "{c}");
                assert!(c.fix.contains(&format!("GROUP=\"{serial}\"")), "{c}");
                assert!(c.fix.contains(&format!("-aG {serial} ")), "{c}");
            }
        }
    }

    #[test]
    fn a_permission_failure_is_not_called_in_use() {
        // A real pty, checked for a user who may not open it.
        let (_master, slave) = crate::link::pty_pair().unwrap();
        let path = serialport::SerialPort::name(&slave).unwrap();
        let checks = check_serial_path_in(&path, &user(), Lang::En);
        let perm = checks.iter().find(|c| c.check == "permissions").unwrap();
        assert_eq!(perm.level, Level::Fail, "{perm}");
        let in_use = checks.iter().find(|c| c.check == "not in use").unwrap();
        assert_ne!(in_use.level, Level::Fail, "{in_use}");
        assert!(!in_use.finding.contains("held"), "{in_use}");
        assert!(in_use.finding.contains("permissions"), "{in_use}");
    }
}
