//! The device commands: `cardbench ports` (serial ports with USB identity and stable names),
//! `cardbench probe` (device identity) and `cardbench read` (one card, masked).

use crate::cli::{DeviceArgs, ReadArgs};
use crate::device::open::{open_device, OpenOptions, OpenedDevice};
use crate::device::DeviceAddress;
use crate::error::{Error, Globals, Result, Status};
use crate::model::SwipeRead;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// Last line of defence: anything printed goes through here.
fn safe(line: &str) -> String {
    if crate::sensitive::find_clear_pan(line).is_some() {
        crate::sensitive::redact_text(line)
    } else {
        line.to_string()
    }
}

fn out(line: impl AsRef<str>) {
    println!("{}", safe(line.as_ref()));
}

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

pub fn run_ports(g: &Globals) -> Result<Status> {
    let zh = g.lang == Some(crate::i18n::Lang::ZhCn);
    let ports = list_ports();
    if ports.is_empty() {
        out(if zh {
            "未找到串口。USB 读卡器请检查连接与权限（dialout 组）；虚拟终端（pty）不会列出，请直接使用路径。"
        } else {
            "no serial ports found (check the cable and permissions: dialout group; pseudo-terminals are not listed, pass their path directly)"
        });
        return Ok(Status::Passed);
    }
    out(format!(
        "{:<16} {:<9} {:<9} {:<16} {}",
        "PORT", "TYPE", "VID:PID", "SERIAL", "DESCRIPTION"
    ));
    for p in &ports {
        let desc = [p.manufacturer.as_str(), p.product.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        out(format!(
            "{:<16} {:<9} {:<9} {:<16} {}",
            p.path,
            p.kind,
            if p.vid_pid.is_empty() {
                "-"
            } else {
                &p.vid_pid
            },
            if p.serial_number.is_empty() {
                "-"
            } else {
                &p.serial_number
            },
            desc
        ));
        for l in &p.links {
            out(format!("    {l}"));
        }
    }
    Ok(Status::Passed)
}

fn open(args: &DeviceArgs) -> Result<OpenedDevice> {
    let addr = DeviceAddress::parse(&args.device)?;
    let opts = OpenOptions {
        baud: args.baud,
        ..OpenOptions::default()
    };
    Ok(open_device(&addr, &opts)?)
}

pub fn run_probe(_g: &Globals, args: &DeviceArgs) -> Result<Status> {
    let mut dev = open(args)?;
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

/// Human-readable lines for a swipe (masked).
pub fn swipe_lines(s: &SwipeRead) -> Vec<String> {
    let mut v = vec![format!("reader status  {}", s.reader_status)];
    for t in &s.tracks {
        let mut line = format!("track {}  {:<22}", t.track, t.status.to_string());
        if t.fields.is_none() {
            line.truncate(line.trim_end().len());
        }
        if let Some(f) = &t.fields {
            line.push_str(&format!(
                " PAN {} (Luhn {})",
                f.pan,
                if f.luhn_ok { "ok" } else { "BAD" }
            ));
            if let Some(n) = &f.name {
                line.push_str(&format!("  name {n}"));
            }
            if let Some(e) = &f.expiry {
                line.push_str(&format!("  expiry {e}"));
            }
            if let Some(sc) = &f.service_code {
                line.push_str(&format!("  service code {sc}"));
            }
            line.push_str(&format!("  discretionary {} chars", f.discretionary_len));
        }
        v.push(line);
    }
    v
}

pub fn run_read(g: &Globals, args: &ReadArgs) -> Result<Status> {
    let mut dev = open(&args.dev)?;
    let info = dev.device.identify()?;
    let wait = Duration::from_secs(args.wait.max(1));
    if args.chip {
        return read_chip(g, args, &mut dev, &info, wait);
    }
    if !dev.device.capabilities().swipe {
        return Err(Error::Usage(format!(
            "{} cannot read a stripe",
            dev.device.profile()
        )));
    }
    if !args.json {
        out(format!(
            "{}: {} {} — swipe a card (waiting {} s)",
            dev.address,
            info.model,
            info.firmware,
            wait.as_secs()
        ));
    }
    let swipe = dev.device.read_swipe(wait)?;
    // Blank / no data is neutral (many cards carry no track 3); a read error on any track
    // or no readable track at all is a failed read.
    use crate::model::TrackStatus;
    let pass = swipe.tracks.iter().all(|t| {
        matches!(
            t.status,
            TrackStatus::Ok | TrackStatus::NoData | TrackStatus::Blank
        )
    }) && swipe.tracks.iter().any(|t| t.status.is_ok());
    // Operator feedback (LEDs) and, on a simulator, the next card for the next read.
    let _ = dev.device.card_done(pass);
    if args.json {
        let doc = serde_json::json!({
            "device": dev.address.to_string(),
            "info": info,
            "swipe": swipe,
            "pass": pass,
        });
        out(serde_json::to_string_pretty(&doc).map_err(|e| Error::Other(e.to_string()))?);
    } else {
        for l in swipe_lines(&swipe) {
            out(l);
        }
    }
    Ok(if pass { Status::Passed } else { Status::Failed })
}

fn read_chip(
    _g: &Globals,
    args: &ReadArgs,
    dev: &mut OpenedDevice,
    info: &crate::model::DeviceInfo,
    wait: Duration,
) -> Result<Status> {
    if !dev.device.capabilities().chip {
        return Err(Error::Usage(format!(
            "{} has no chip reader (read without --chip)",
            dev.device.profile()
        )));
    }
    if !args.json {
        out(format!(
            "{}: {} {} — insert a card (waiting {} s)",
            dev.address,
            info.model,
            info.firmware,
            wait.as_secs()
        ));
    }
    // The stripe of the same card, when the reader has a head: only for the chip-vs-stripe
    // track-2 comparison (never printed).
    let stripe = if dev.device.capabilities().swipe {
        match dev.device.read_swipe(wait) {
            Ok(s) => s.track2,
            Err(e) if e.is_lost() => return Err(e.into()),
            Err(_) => None,
        }
    } else {
        None
    };
    let terminal = crate::device::emv::TerminalData::default();
    let r = crate::device::emv::run_emv(dev.device.as_mut(), &terminal, stripe.as_ref());
    let pass = r.outcome == crate::device::emv::EmvOutcome::Ok;
    let _ = dev.device.card_done(pass);
    if args.json {
        let doc = serde_json::json!({
            "device": dev.address.to_string(),
            "info": info,
            "chip": r,
            "pass": pass,
        });
        out(serde_json::to_string_pretty(&doc).map_err(|e| Error::Other(e.to_string()))?);
    } else {
        for l in chip_lines(&r) {
            out(l);
        }
    }
    Ok(if pass { Status::Passed } else { Status::Failed })
}

/// Human-readable lines for an EMV result (masked).
pub fn chip_lines(r: &crate::device::emv::EmvResult) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let mut v = vec![
        format!("outcome        {}", r.outcome.as_str()),
        format!(
            "ATR            {}{}",
            opt(&r.atr),
            if r.t1 { " (T=1)" } else { " (T=0)" }
        ),
        format!("application    {} {}", opt(&r.aid), opt(&r.label)),
        format!(
            "PAN            {}",
            r.pan
                .as_ref()
                .map(|p| p.masked())
                .unwrap_or_else(|| "-".into())
        ),
        format!("expiry         {}", opt(&r.expiry)),
        format!("service code   {}", opt(&r.service_code)),
        format!(
            "chip = stripe  {}",
            match r.track2_matches_stripe {
                Some(true) => "yes (track 2 equivalent agrees)",
                Some(false) => "NO (track 2 equivalent differs from the stripe)",
                None => "not compared",
            }
        ),
    ];
    if let Some(e) = &r.error {
        v.push(format!("error          {e}"));
    }
    for s in &r.steps {
        v.push(format!(
            "  {:<32} SW {:<4} {} ({} ms)",
            s.name,
            if s.sw.is_empty() { "-" } else { &s.sw },
            s.note,
            s.duration_ms
        ));
    }
    v
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

    #[test]
    fn output_guard_masks_a_clear_pan() {
        let s = safe("card 6222020000000000018 read");
        assert!(crate::sensitive::find_clear_pan(&s).is_none(), "{s}");
    }
}
