//! `cardbench ports`: serial ports with USB identity and stable names.

use super::{out, Globals};
use crate::error::{Result, Status};
use crate::i18n::{t, tr};
use crate::text::pad;

/// Runs `ports`.
pub fn run(g: &Globals) -> Result<Status> {
    let lang = g.lang();
    let ports = crate::link::ports::list_ports();
    if ports.is_empty() {
        out(tr(lang, "doctor-ports-none"));
        return Ok(Status::Passed);
    }
    // Columns padded in display columns (CJK counts 2); the values are the system's own.
    let row = |cells: [&str; 4], desc: &str| {
        let [port, kind, vid_pid, serial] = cells;
        format!(
            "{} {} {} {} {desc}",
            pad(port, 16),
            pad(kind, 9),
            pad(vid_pid, 9),
            pad(serial, 16)
        )
    };
    out(row(
        [
            &tr(lang, "doctor-ports-port"),
            &tr(lang, "doctor-ports-type"),
            &tr(lang, "doctor-ports-vid-pid"),
            &tr(lang, "doctor-ports-serial"),
        ],
        &tr(lang, "doctor-ports-description"),
    ));
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    for p in &ports {
        let desc = [p.manufacturer.as_str(), p.product.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let kind = t!(lang, "doctor-ports-kind", kind = p.kind.as_str());
        out(row(
            [&p.path, &kind, &dash(&p.vid_pid), &dash(&p.serial_number)],
            &desc,
        ));
        for l in &p.links {
            out(format!("    {l}"));
        }
    }
    Ok(Status::Passed)
}
