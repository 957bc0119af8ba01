//! CRT-591 frames as frame-log lines: hex and ASCII views with card data masked (track
//! buffers, card-data tags in R-APDUs, the PIN block of VERIFY) and the decoded layers.

use crate::codec::apdu::{secret_data, split_response};
use crate::codec::creator::frame_parts;
use crate::codec::crt591::{
    command_name, error_text, reply_data, text, Frame, Reply, ACK, EOT, NAK,
};
use crate::device::crt310::log::{guarded_views, marks_of};
use crate::device::emv::{card_data_mask, describe_capdu};
use crate::hexfmt::hex_spaced;
use crate::trace::Direction;
use nom::number::complete::be_u8;
use nom::Parser;

/// Hex and ASCII views of a frame (or control byte) with card data masked, plus its layers.
pub fn describe_frame(raw: &[u8], dir: Direction) -> (String, String, Vec<String>) {
    let mut masked = vec![false; raw.len()];
    let mut layers = Vec::new();
    // The framer's parser: a frame with a good BCC is described, anything else is bytes.
    let body = frame_parts::<Frame>(raw)
        .filter(|p| p.bcc_ok)
        .and_then(|p| text(p.text).ok());
    match (raw, body) {
        ([b @ (ACK | NAK | EOT)], _) => {
            let name = match *b {
                ACK => "ACK",
                NAK => "NAK",
                _ => "EOT",
            };
            layers.push(format!("CRT-591 {name}"));
        }
        (_, Some((_, (head, cm, pm, data)))) => {
            let body = Body {
                raw,
                head,
                cm,
                pm,
                data,
            };
            describe_body(body, dir, &mut masked, &mut layers)
        }
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

/// A frame's TEXT, `head CM PM DATA`, borrowed from the frame's bytes `raw`.
struct Body<'a> {
    raw: &'a [u8],
    head: u8,
    cm: u8,
    pm: u8,
    data: &'a [u8],
}

fn describe_body(b: Body<'_>, dir: Direction, masked: &mut [bool], layers: &mut Vec<String>) {
    let Body {
        raw,
        head,
        cm,
        pm,
        data,
    } = b;
    let name = command_name(cm, pm);
    let reply = reply_data(head, data);
    let head = match reply {
        Reply::Negative(code, _) => {
            let code = String::from_utf8_lossy(&code);
            format!("N e={code} {}", error_text(&code))
        }
        Reply::Positive(st, _) => format!("P st={}", String::from_utf8_lossy(&st)),
        Reply::Plain(_) | Reply::Short(_) => "C".to_string(),
    };
    layers.push(format!("CRT-591 {cm:02X} {pm:02X} {name} {head}"));
    let payload = reply.payload();
    match (cm, pm, dir) {
        (0x51, 0x33 | 0x34 | 0x39, Direction::Tx) => {
            layers.push(format!("C-APDU {}", describe_capdu(data)));
            if let Some(secret) = secret_data(data) {
                marks_of(masked, raw, secret).fill(true);
            }
        }
        (0x51, 0x33 | 0x34 | 0x39, Direction::Rx) => {
            let Some((body, sw1, sw2)) = split_response(payload) else {
                return;
            };
            layers.push(format!(
                "R-APDU {} bytes SW {sw1:02X} {sw2:02X}",
                body.len()
            ));
            for (m, hide) in marks_of(masked, raw, body)
                .iter_mut()
                .zip(card_data_mask(body))
            {
                *m = hide;
            }
        }
        (0x51, 0x30 | 0x38, Direction::Rx) => {
            // The card's protocol byte, then the ATR.
            let atr = be_u8::<_, ()>.parse(payload).ok().map(|(atr, _)| atr);
            if let Some(atr) = atr.filter(|a| !a.is_empty()) {
                layers.push(format!("ATR {}", hex_spaced(atr)));
            }
        }
        (0x36, _, Direction::Rx) => {
            // The R02 sends the track buffer in a negative-looking reply: mask all of it.
            for (m, b) in marks_of(masked, raw, data).iter_mut().zip(data) {
                *m = !matches!(b, b'~' | b'%' | b';' | b'?' | b'^' | b'=');
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The layers and masks come from the frame's parts where they stand: the PIN block of a
    /// VERIFY, the card-data tags of an R-APDU; a frame whose BCC fails is bytes.
    #[test]
    fn parts_are_masked_where_they_stand() {
        let verify = [
            0x00, 0x20, 0x00, 0x80, 0x08, 0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF,
        ];
        let raw = Frame::command(0, 0x51, 0x39, verify.to_vec())
            .encode()
            .unwrap();
        let (hex, _, layers) = describe_frame(&raw, Direction::Tx);
        assert!(hex.contains("43 51 39 00 20 00 80 08 ** **"), "{hex}");
        assert!(layers[1].starts_with("C-APDU VERIFY"), "{layers:?}");
        let mut r = vec![
            0x70, 0x0A, 0x5A, 0x08, 0x62, 0x12, 0x26, 0x00, 0x00, 0x00, 0x00, 0x02,
        ];
        r.extend([0x90, 0x00]);
        let raw = Frame::positive(0, 0x51, 0x39, *b"200", &r)
            .encode()
            .unwrap();
        let (hex, _, layers) = describe_frame(&raw, Direction::Rx);
        assert_eq!(layers[1], "R-APDU 12 bytes SW 90 00");
        assert!(
            hex.contains("70 0A 5A 08 ** **") && !hex.contains("62 12"),
            "{hex}"
        );
        let mut bad = raw.clone();
        *bad.last_mut().unwrap() ^= 1;
        let (_, _, layers) = describe_frame(&bad, Direction::Rx);
        assert_eq!(layers, ["bytes"]);
        let atr = Frame::positive(0, 0x51, 0x30, *b"200", &[0x30, 0x3B, 0x60, 0x00, 0x00]);
        let (_, _, layers) = describe_frame(&atr.encode().unwrap(), Direction::Rx);
        assert_eq!(layers[1], "ATR 3B 60 00 00");
        let (_, _, layers) = describe_frame(&[ACK], Direction::Rx);
        assert_eq!(layers, ["CRT-591 ACK"]);
    }
}
