//! `cardbench probe`: identify a device and show what it can do.

use super::{out, Globals};
use crate::cli::DeviceArgs;
use crate::error::{Result, Status};
use crate::i18n::{t, tr, tr_static};
use crate::model::Interface;
use std::time::Duration;

/// How long `probe` lets a reader that senses cards only as they pass (MSR605 sensor test)
/// wait for one.
const PRESENCE_WAIT: Duration = Duration::from_secs(2);

/// The link as `device::open` describes it, in `lang`: a stable name followed to its device
/// (`/dev/serial/by-id/… (now /dev/ttyUSB0 …)`) says "now" in the display language.
fn link_in(description: &str, lang: crate::i18n::Lang) -> String {
    match description
        .split_once(" (now ")
        .and_then(|(path, rest)| Some((path, rest.strip_suffix(')')?)))
    {
        Some((path, now)) => t!(lang, "doctor-probe-link-now", path = path, now = now).into_owned(),
        None => description.to_string(),
    }
}

/// Runs `probe`.
pub fn run(g: &Globals, args: &DeviceArgs) -> Result<Status> {
    let lang = g.lang();
    let mut dev = super::open(args)?;
    let info = dev.device.identify()?;
    let caps = dev.device.capabilities();
    // Labels are padded in display columns (CJK counts 2), the values stay as the device
    // reports them (model, firmware and serial are the device's own words).
    let line =
        |id: &str, value: &str| out(format!("{}{value}", crate::text::pad(&tr(lang, id), 10)));
    line("doctor-probe-device", &dev.address.to_string());
    let link = match &dev.sim {
        Some(session) => t!(lang, "doctor-probe-link-sim", pty = session.path()).into_owned(),
        None => link_in(&dev.description, lang),
    };
    line("doctor-probe-link", &link);
    line("doctor-probe-profile", &info.profile);
    line("doctor-probe-model", &info.model);
    line("doctor-probe-firmware", &info.firmware);
    let serial = if info.serial.is_empty() {
        tr(lang, "doctor-probe-serial-none").into_owned()
    } else {
        info.serial.clone()
    };
    line("doctor-probe-serial", &serial);
    let mut c = Vec::new();
    if caps.swipe {
        c.push(Interface::Swipe.name(lang));
    }
    if caps.chip {
        c.push(Interface::Chip.name(lang));
    }
    if caps.host {
        c.push(tr_static(lang, "doctor-probe-can-host"));
    }
    line(
        "doctor-probe-can",
        &c.join(tr_static(lang, "doctor-probe-list-sep")),
    );
    // A presence the reader could not report is a line of the probe, not a failed probe.
    let card = match dev.device.card_presence(PRESENCE_WAIT) {
        Ok(Some(true)) => t!(lang, "devices-probe-card-present"),
        Ok(Some(false)) => t!(
            lang,
            "devices-probe-card-none",
            seconds = PRESENCE_WAIT.as_secs()
        ),
        Ok(None) => t!(lang, "devices-probe-card-unknown"),
        Err(e) => t!(lang, "devices-probe-card-error", error = e.text(lang)),
    };
    line("doctor-probe-card", &card);
    line("doctor-probe-status", &tr(lang, "doctor-probe-ready"));
    Ok(Status::Passed)
}
