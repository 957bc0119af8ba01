//! `cardbench ports`: serial ports with USB identity and stable names.

use super::{out, Globals};
use crate::error::{Result, Status};

/// Runs `ports`.
pub fn run(g: &Globals) -> Result<Status> {
    let zh = g.lang == Some(crate::i18n::Lang::ZhCn);
    let ports = crate::link::ports::list_ports();
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
