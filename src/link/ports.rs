//! Serial port discovery: the ports the system knows with their USB identity, and the stable
//! names (`/dev/serial/by-id`, `by-path`) a port is reopened by after a replug (reliability.md
//! §2.4). `cardbench ports`, `doctor`, the start screen and batch all use this one list.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One serial port as `cardbench ports` lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PortEntry {
    pub path: String,
    /// `usb`, `pci`, `bluetooth` or `unknown`.
    pub kind: String,
    /// `0403:6001` for USB ports.
    pub vid_pid: String,
    pub serial_number: String,
    pub manufacturer: String,
    pub product: String,
    /// Stable names pointing at this port (`/dev/serial/by-id/...`, `/dev/serial/by-path/...`).
    pub links: Vec<String>,
}

/// Symlinks in `dir` (e.g. `/dev/serial/by-id`) by the canonical device they point at.
fn links_in(dir: &Path, into: &mut BTreeMap<String, Vec<String>>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if let Ok(target) = std::fs::canonicalize(&p) {
            into.entry(target.to_string_lossy().into_owned())
                .or_default()
                .push(p.to_string_lossy().into_owned());
        }
    }
}

/// Reads a sysfs attribute of a tty's USB device (for ports `serialport` reports without
/// USB details): walks up from `/sys/class/tty/NAME/device` to the node with `idVendor`.
fn sysfs_usb(name: &str) -> Option<(String, String, String, String)> {
    let dev = std::fs::canonicalize(format!("/sys/class/tty/{name}/device")).ok()?;
    let mut cur = dev.as_path();
    for _ in 0..6 {
        let vid = cur.join("idVendor");
        if vid.exists() {
            let read = |f: &str| {
                std::fs::read_to_string(cur.join(f))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            };
            return Some((
                format!("{}:{}", read("idVendor"), read("idProduct")),
                read("serial"),
                read("manufacturer"),
                read("product"),
            ));
        }
        cur = cur.parent()?;
    }
    None
}

/// Lists the serial ports the system knows, with USB identity and stable names.
pub fn list_ports() -> Vec<PortEntry> {
    let mut links = BTreeMap::new();
    links_in(Path::new("/dev/serial/by-id"), &mut links);
    links_in(Path::new("/dev/serial/by-path"), &mut links);
    let mut outv = Vec::new();
    for p in serialport::available_ports().unwrap_or_default() {
        let mut e = PortEntry {
            path: p.port_name.clone(),
            ..PortEntry::default()
        };
        match &p.port_type {
            serialport::SerialPortType::UsbPort(u) => {
                e.kind = "usb".into();
                e.vid_pid = format!("{:04x}:{:04x}", u.vid, u.pid);
                e.serial_number = u.serial_number.clone().unwrap_or_default();
                e.manufacturer = u.manufacturer.clone().unwrap_or_default();
                e.product = u.product.clone().unwrap_or_default();
            }
            serialport::SerialPortType::PciPort => e.kind = "pci".into(),
            serialport::SerialPortType::BluetoothPort => e.kind = "bluetooth".into(),
            serialport::SerialPortType::Unknown => {
                e.kind = "unknown".into();
                let name = p.port_name.rsplit('/').next().unwrap_or_default();
                if let Some((vp, sn, m, pr)) = sysfs_usb(name) {
                    e.kind = "usb".into();
                    e.vid_pid = vp;
                    e.serial_number = sn;
                    e.manufacturer = m;
                    e.product = pr;
                }
            }
        }
        let canon = std::fs::canonicalize(&p.port_name)
            .map(|c| c.to_string_lossy().into_owned())
            .unwrap_or_else(|_| p.port_name.clone());
        e.links = links.get(&canon).cloned().unwrap_or_default();
        outv.push(e);
    }
    outv.sort_by(|a, b| a.path.cmp(&b.path));
    outv
}

/// The `/dev/serial/by-id` (else `by-path`) name of a serial device, so a replugged adapter
/// that comes back as another ttyUSBn is still found (reliability.md §2.4).
pub fn stable_name(path: &str) -> Option<String> {
    if path.starts_with("/dev/serial/") {
        return None;
    }
    let target = std::fs::canonicalize(path).ok()?;
    for dir in ["/dev/serial/by-id", "/dev/serial/by-path"] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for n in names {
            if std::fs::canonicalize(&n).ok().as_ref() == Some(&target) {
                return Some(n.display().to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn stable_names_are_grouped_by_device() {
        let dir = tempfile::tempdir().unwrap();
        let dev = dir.path().join("ttyUSB7");
        std::fs::write(&dev, b"").unwrap();
        let by_id = dir.path().join("by-id");
        std::fs::create_dir(&by_id).unwrap();
        std::os::unix::fs::symlink(&dev, by_id.join("usb-FTDI_FT232R_A1-if00-port0")).unwrap();
        std::os::unix::fs::symlink(&dev, by_id.join("usb-other-if00")).unwrap();
        let mut m = BTreeMap::new();
        links_in(&by_id, &mut m);
        let canon = std::fs::canonicalize(&dev).unwrap();
        let names = &m[canon.to_str().unwrap()];
        assert_eq!(names.len(), 2);
        assert!(names[0].ends_with("usb-FTDI_FT232R_A1-if00-port0"));
        links_in(&dir.path().join("missing"), &mut m);
    }
}
