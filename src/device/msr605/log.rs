//! MSR605 frames as frame-log lines: hex and ASCII views with track data masked (ISO tracks
//! through the card-data policy, raw tracks replaced by their length) and a decoded layer.

use crate::codec::msr605::{model_text, status_text, Reply};
use crate::hexfmt::{ascii_view, hex_spaced};

/// (hex, ascii, layers) of a reply for the frame log, card data masked.
pub fn describe_reply(bytes: &[u8], reply: &Reply) -> (String, String, Vec<String>) {
    match reply {
        Reply::Block(b) => {
            let mut hex = String::from("1B 73");
            let mut ascii = String::from(".s");
            let mut layers = vec![format!(
                "MSR605 {} data block, status 1B {:02X} ({})",
                if b.raw { "raw" } else { "ISO" },
                b.status,
                status_text(b.status)
            )];
            for (i, t) in b.tracks.iter().enumerate() {
                let n = i + 1;
                let Some(t) = t else { continue };
                if b.raw {
                    hex.push_str(&format!(" 1B {n:02X} {:02X}", t.len()));
                    if !t.is_empty() {
                        hex.push_str(&format!(" [raw track {n}, {} bytes]", t.len()));
                    }
                    ascii.push_str(&format!(" .{n}[raw track {n}, {} bytes]", t.len()));
                } else {
                    hex.push_str(&format!(" 1B {n:02X}"));
                    if !t.is_empty() {
                        hex.push_str(&format!(" [track {n}, {} chars]", t.len()));
                    }
                    let text = String::from_utf8_lossy(t);
                    ascii.push_str(&format!(
                        " .{n}{}",
                        crate::sensitive::mask_track_text(&text)
                    ));
                }
                layers.push(format!("track {n}: {} bytes", t.len()));
            }
            hex.push_str(&format!(" 3F 1C 1B {:02X}", b.status));
            ascii.push_str(" ?. .");
            (hex, ascii, layers)
        }
        Reply::Status(s) => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![format!("MSR605 status 1B {s:02X} ({})", status_text(*s))],
        ),
        Reply::CommTestOk { esc_dropped } => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![if *esc_dropped {
                "MSR605 communication test OK (ESC dropped by the line)".into()
            } else {
                "MSR605 communication test OK".into()
            }],
        ),
        Reply::Model(m) => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![format!("MSR605 model {}", model_text(*m))],
        ),
        Reply::Firmware(f) => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![format!(
                "MSR605 firmware {}",
                crate::sensitive::redact_text(&ascii_view(f))
            )],
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::codec::msr605::{encode_iso_block, encode_raw_block, parse, status, Expect, Parsed};

    #[test]
    fn frame_records_hide_card_data() {
        let t1 = b"%B6212345678901232^ZHANG/SAN^2812201000000123456?".as_slice();
        let t2 = b";6212345678901232=28122011234567890?".as_slice();
        let bytes = encode_iso_block([Some(t1), Some(t2), None], status::OK);
        let Parsed::Frame { reply, .. } = parse(Expect::IsoBlock, &bytes) else {
            panic!()
        };
        let (hex, ascii, layers) = describe_reply(&bytes, &reply);
        let all = format!("{hex} {ascii} {layers:?}");
        assert!(crate::sensitive::find_clear_pan(&all).is_none(), "{all}");
        assert!(!all.contains("1234567890"), "{all}");
        assert!(!all.contains("000123456"), "{all}");
        let raw = encode_raw_block([Some(&[0xAA; 20]), None, None], status::OK);
        let Parsed::Frame { reply, .. } = parse(Expect::RawBlock, &raw) else {
            panic!()
        };
        let (hex, _, _) = describe_reply(&raw, &reply);
        assert!(!hex.contains("AA"), "{hex}");
        assert!(hex.contains("[raw track 1, 20 bytes]"));
    }
}
