//! CRT-591 frames as frame-log lines: hex and ASCII views with card data masked (track
//! buffers, card-data tags in R-APDUs, the PIN block of VERIFY) and the decoded layers.

use crate::codec::crt591::{command_name, error_text, Frame, FrameEvent, Framer};
use crate::device::crt310::log::guarded_views;
use crate::device::emv::{card_data_mask, describe_capdu};
use crate::hexfmt::hex_spaced;
use crate::trace::Direction;

/// Offset of the bytes after CM PM in a frame (F2 ADDR LENH LENL head CM PM).
const AFTER_PM: usize = 7;

/// Hex and ASCII views of a frame (or control byte) with card data masked, plus its layers.
pub fn describe_frame(raw: &[u8], dir: Direction) -> (String, String, Vec<String>) {
    let mut masked = vec![false; raw.len()];
    let mut layers = Vec::new();
    let mut framer = Framer::new();
    framer.push(raw);
    match framer.next_event() {
        Some(FrameEvent::Control(b)) if raw.len() == 1 => {
            let name = match b {
                0x06 => "ACK",
                0x15 => "NAK",
                _ => "EOT",
            };
            layers.push(format!("CRT-591 {name}"));
        }
        Some(FrameEvent::Frame(f, _)) => describe_body(&f, dir, &mut masked, &mut layers),
        _ => {
            layers.push("bytes".to_string());
            for (m, b) in masked.iter_mut().zip(raw) {
                *m = b.is_ascii_digit();
            }
        }
    }
    let (hex, ascii) = guarded_views(raw, &mut masked);
    (hex, ascii, layers)
}

fn describe_body(f: &Frame, dir: Direction, masked: &mut [bool], layers: &mut Vec<String>) {
    let name = command_name(f.cm, f.pm);
    let head = if let Some(code) = f.error_code() {
        format!("N e={code} {}", error_text(&code))
    } else if let Some(st) = f.status() {
        format!("P st={}", String::from_utf8_lossy(&st))
    } else {
        "C".to_string()
    };
    layers.push(format!("CRT-591 {:02X} {:02X} {name} {head}", f.cm, f.pm));
    let data = &mut masked[AFTER_PM..AFTER_PM + f.data.len()];
    let skip = f.data.len() - f.payload().len();
    let payload = &mut data[skip..];
    match (f.cm, f.pm, dir) {
        (0x51, 0x33 | 0x34 | 0x39, Direction::Tx) => {
            layers.push(format!("C-APDU {}", describe_capdu(&f.data)));
            if f.data.len() > 5 && f.data[1] == 0x20 {
                data[5..].fill(true);
            }
        }
        (0x51, 0x33 | 0x34 | 0x39, Direction::Rx) if f.payload().len() >= 2 => {
            let r = f.payload();
            let (body, sw) = r.split_at(r.len() - 2);
            layers.push(format!(
                "R-APDU {} bytes SW {:02X} {:02X}",
                body.len(),
                sw[0],
                sw[1]
            ));
            for (m, hide) in payload.iter_mut().zip(card_data_mask(body)) {
                *m = hide;
            }
        }
        (0x51, 0x30 | 0x38, Direction::Rx) if f.payload().len() > 1 => {
            layers.push(format!("ATR {}", hex_spaced(&f.payload()[1..])));
        }
        (0x36, _, Direction::Rx) => {
            // The R02 sends the track buffer in a negative-looking reply: mask all of it.
            for (m, b) in data.iter_mut().zip(&f.data) {
                *m = !matches!(b, b'~' | b'%' | b';' | b'?' | b'^' | b'=');
            }
        }
        _ => {}
    }
}
