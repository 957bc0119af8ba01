//! `cardbench probe`: identify a device and show what it can do.

use super::{out, Globals};
use crate::cli::DeviceArgs;
use crate::error::{Result, Status};
use crate::i18n::t;
use std::time::Duration;

/// How long `probe` lets a reader that senses cards only as they pass (MSR605 sensor test)
/// wait for one.
const PRESENCE_WAIT: Duration = Duration::from_secs(2);

/// Runs `probe`.
pub fn run(g: &Globals, args: &DeviceArgs) -> Result<Status> {
    let lang = g.lang();
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
    // A presence the reader could not report is a line of the probe, not a failed probe.
    let card = match dev.device.card_presence(PRESENCE_WAIT) {
        Ok(Some(true)) => t!(lang, "devices-probe-card-present"),
        Ok(Some(false)) => t!(
            lang,
            "devices-probe-card-none",
            seconds = PRESENCE_WAIT.as_secs()
        ),
        Ok(None) => t!(lang, "devices-probe-card-unknown"),
        Err(e) => t!(lang, "devices-probe-card-error", error = e.to_string()),
    };
    out(format!("card      {card}"));
    out("status    ready");
    Ok(Status::Passed)
}
