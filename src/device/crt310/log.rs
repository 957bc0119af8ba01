//! CRT-310 frames as frame-log lines: hex and ASCII views with card data masked (track data,
//! card-data tags in R-APDUs, the PIN block of VERIFY) and the decoded layers (frame, C-APDU,
//! R-APDU, ATR).

use crate::codec::apdu::{secret_data, split_response};
use crate::codec::creator::frame_parts;
use crate::codec::crt310::{
    command_name_in, control_name, error_text_in, good_track_data, p_char, text, Frame,
};
use crate::codec::nomkit::offset_in;
use crate::device::emv::{card_data_mask, describe_capdu_in};
use crate::hexfmt::hex_spaced;
use crate::i18n::{t, Lang, Text};
use crate::trace::Direction;
use nom::bytes::complete::take;
use nom::combinator::{all_consuming, rest};
use nom::number::complete::be_u8;
use nom::sequence::preceded;
use nom::{IResult, Parser};

/// A layer in both languages, `f` asked once per language.
fn both(f: impl Fn(Lang) -> String) -> Text {
    Text::new(f(Lang::En), f(Lang::ZhCn))
}

/// Hex and ASCII views of a frame with card data masked, plus decoded layers (both languages).
/// `request` is the command this frame answers (for responses), used to know what the data is.
pub fn describe_frame(
    raw: &[u8],
    dir: Direction,
    request: Option<(u8, u8)>,
) -> (String, String, Vec<Text>) {
    let _ = request;
    let mut masked = vec![false; raw.len()];
    let mut layers = Vec::new();
    if let [b] = raw {
        let name = control_name(*b);
        layers.push(Text::same(format!("CRT-310 {name}")));
        return (hex_spaced(raw), name.to_string(), layers);
    }
    // A frame whatever its BCC (the log shows what came); the framer's own parser.
    let text = frame_parts::<Frame>(raw).and_then(|p| text(p.text).ok());
    if let Some((_, (cm, pm, data))) = text {
        describe_body(Body { raw, cm, pm, data }, dir, &mut masked, &mut layers);
    } else {
        layers.push(Text::tr("devices-layer-bytes"));
        // Not a frame we understand: hide digits that could be card data.
        for (m, b) in masked.iter_mut().zip(raw) {
            *m = b.is_ascii_digit();
        }
    }
    let (hex, ascii) = guarded_views(raw, &mut masked);
    (hex, ascii, layers)
}

/// [`masked_views`], and when a card number still shows — outside any block the layout placed
/// (a garbled or malformed reply: the fuzzer's 45 31 reply whose first block lacks its 1F, a
/// CRT-591 track buffer under another CM) — every digit hidden all the same. Whenever a byte is
/// hidden, so is the last byte of the frame, its BCC (see [`hide_check_byte`]).
pub(crate) fn guarded_views(raw: &[u8], masked: &mut [bool]) -> (String, String) {
    hide_check_byte(masked);
    let (hex, ascii) = masked_views(raw, masked);
    if crate::sensitive::find_clear_pan(&ascii).is_none() {
        return (hex, ascii);
    }
    for (m, b) in masked.iter_mut().zip(raw) {
        *m |= b.is_ascii_digit();
    }
    hide_check_byte(masked);
    masked_views(raw, masked)
}

/// Hides the last byte when any byte is hidden. A Creator frame (CRT-310, CRT-591) ends with its
/// BCC, the XOR of every byte before it (protocols.md §3.1): shown next to a hidden PIN block
/// it gives away the XOR of the block's bytes, which narrows a 4-digit PIN from 10 000 to about
/// 100 guesses; next to a hidden track it gives away a check of the card number. For bytes that
/// are not a frame, hiding one more byte costs nothing.
fn hide_check_byte(masked: &mut [bool]) {
    if masked.iter().any(|&m| m) {
        if let Some(last) = masked.last_mut() {
            *last = true;
        }
    }
}

/// The marks of `part` (bytes borrowed from `raw`) in `masked`, the marks of `raw`: the
/// parsers hand out sub-slices, and this is where each one stands.
pub(crate) fn marks_of<'m>(masked: &'m mut [bool], raw: &[u8], part: &[u8]) -> &'m mut [bool] {
    let start = offset_in(raw, part);
    masked
        .get_mut(start..start + part.len())
        .unwrap_or_default()
}

/// A frame's TEXT, `CM PM DATA`, borrowed from the frame's bytes `raw`.
#[derive(Clone, Copy)]
struct Body<'a> {
    raw: &'a [u8],
    cm: u8,
    pm: u8,
    data: &'a [u8],
}

/// `P LENH LENL` and what follows (an APDU reply's R-APDU, a reset reply's ATR), whatever LEN
/// says: the log masks every byte the card could have sent.
fn after_p_len(data: &[u8]) -> Option<&[u8]> {
    let parsed: IResult<&[u8], &[u8], ()> = preceded(take(3usize), rest).parse(data);
    parsed.ok().map(|(_, r)| r)
}

/// `LENH LENL` and the C-APDU of an APDU command (`37 31`, `37 32`).
fn after_len(data: &[u8]) -> Option<&[u8]> {
    let parsed: IResult<&[u8], &[u8], ()> = preceded(take(2usize), rest).parse(data);
    parsed.ok().map(|(_, r)| r)
}

/// The abnormal-response layer when `b` is one: `N`, the refused command, one error byte.
fn error_layer(b: Body<'_>) -> Option<Text> {
    if b.cm != b'N' {
        return None;
    }
    let (_, code) = all_consuming(be_u8::<_, ()>).parse(b.data).ok()?;
    Some(both(|lang| {
        t!(
            lang,
            "devices-crt310-layer-error",
            pm = format!("{:02X}", b.pm),
            code = format!("{code:02X}"),
            meaning = error_text_in(code, lang)
        )
        .into_owned()
    }))
}

/// The layers of a well-formed frame; marks the bytes that hold card data.
fn describe_body(b: Body<'_>, dir: Direction, masked: &mut [bool], layers: &mut Vec<Text>) {
    if let Some(layer) = error_layer(b) {
        layers.push(layer);
        return;
    }
    let Body { raw, cm, pm, data } = b;
    // Reset replies (30 30..32) carry the version string, not a status byte P.
    let p = if dir == Direction::Rx && !(cm == 0x30 && matches!(pm, 0x30..=0x32)) {
        data.first()
            .map(|p| format!(" P={}", p_char(*p)))
            .unwrap_or_default()
    } else {
        String::new()
    };
    layers.push(both(|lang| {
        format!(
            "CRT-310 {cm:02X} {pm:02X} {}{p}",
            command_name_in(cm, pm, lang)
        )
    }));
    match (cm, pm, dir) {
        (0x37, 0x31 | 0x32, Direction::Tx) => {
            let Some(apdu) = after_len(data) else { return };
            layers.push(both(|lang| {
                format!("C-APDU {}", describe_capdu_in(apdu, lang))
            }));
            // VERIFY carries a PIN block: never shown.
            if let Some(secret) = secret_data(apdu) {
                marks_of(masked, raw, secret).fill(true);
            }
        }
        (0x37, 0x31 | 0x32, Direction::Rx) => {
            let Some((body, sw1, sw2)) = after_p_len(data).and_then(split_response) else {
                return;
            };
            let sw = format!("{sw1:02X} {sw2:02X}");
            layers.push(Text::tr_args(
                "devices-layer-rapdu",
                &[("bytes", body.len().into()), ("sw", sw.as_str().into())],
            ));
            for (m, hide) in marks_of(masked, raw, body)
                .iter_mut()
                .zip(card_data_mask(body))
            {
                *m = hide;
            }
        }
        (0x37, 0x30 | 0x2F, Direction::Rx) => {
            if let Some(atr) = after_p_len(data).filter(|a| !a.is_empty()) {
                layers.push(Text::same(format!("ATR {}", hex_spaced(atr))));
            }
        }
        (0x45, _, Direction::Rx) if data.len() > 2 => {
            mask_track_blocks(data, marks_of(masked, raw, data))
        }
        _ => {}
    }
}

/// Every byte inside a good track block is card data except SS/ES/separators. The blocks are
/// the ones the reply parser reads (`codec::crt310::good_track_data`), so what it decodes as
/// a track is what the log hides.
fn mask_track_blocks(data: &[u8], masked: &mut [bool]) {
    for (start, block) in good_track_data(data) {
        let marks = masked.iter_mut().skip(start).zip(block);
        for (m, b) in marks {
            if !matches!(b, b'%' | b';' | b'?' | b'^' | b'=') {
                *m = true;
            }
        }
    }
}

/// Hex and ASCII views with the marked bytes shown as `**` / `*`.
pub(crate) fn masked_views(raw: &[u8], masked: &[bool]) -> (String, String) {
    let mut hex = String::with_capacity(raw.len() * 3);
    let mut ascii = String::with_capacity(raw.len());
    for (i, (&b, &m)) in raw.iter().zip(masked.iter()).enumerate() {
        if i > 0 {
            hex.push(' ');
        }
        if m {
            hex.push_str("**");
            ascii.push('*');
        } else {
            hex.push_str(&format!("{b:02X}"));
            ascii.push(if (0x20..0x7f).contains(&b) {
                b as char
            } else {
                '.'
            });
        }
    }
    (hex, ascii)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::crt310::Frame;

    /// The parse of the same reply is tested in `codec::crt310`.
    #[test]
    fn track_reply_masks_in_log() {
        let mut data = vec![0x30, 0x37, 0x1F, 0x4F, 0xE5, 0x1F, 0x59];
        data.extend_from_slice(b";6212260000000000026=28122200000123456?");
        data.extend_from_slice(&[0x1F, 0x4F, 0xE4]);
        let raw = Frame::new(0x45, 0x30, data.clone()).encode().unwrap();
        let (hex, ascii, _) = describe_frame(&raw, Direction::Rx, Some((0x45, 0x30)));
        assert!(crate::sensitive::find_clear_pan(&ascii).is_none());
        assert!(!hex.contains("36 32 31 32"), "{hex}");
    }

    /// A block the reply parser reads as a track is masked, whatever precedes it: after an
    /// empty block (`1F 1F 59 …`) the old byte walk skipped the second `1F` as a status byte
    /// and left the track in clear, while the parser read it.
    #[test]
    fn the_log_masks_every_block_the_parser_reads() {
        let t2 = b";6212260000000000026=28122200000123456?";
        let mut data = vec![0x30, 0x37, 0x1F, 0x1F, 0x59];
        data.extend_from_slice(t2);
        let read = crate::codec::crt310::parse_track_reply(&data, 0x37).unwrap();
        assert!(read.track2.is_some());
        let raw = Frame::new(0x45, 0x30, data).encode().unwrap();
        let (hex, ascii, _) = describe_frame(&raw, Direction::Rx, Some((0x45, 0x30)));
        assert!(
            crate::sensitive::find_clear_pan(&ascii).is_none(),
            "{ascii}"
        );
        assert!(!hex.contains("36 32 31 32"), "{hex}");
    }

    /// The chip step's VERIFY (`device::emv::verify`): the plaintext offline PIN block of the
    /// deck's PIN is hidden in the hex and ASCII views of the frame log.
    #[test]
    fn verify_pin_block_is_hidden() {
        let pin = crate::crypto::Pin::new("2580").unwrap();
        let block = crate::crypto::pin::encode_offline_plaintext(&pin);
        let apdu = crate::codec::emv::commands::verify_plaintext(&block);
        let mut data = vec![0x00, apdu.len() as u8];
        data.extend_from_slice(&apdu);
        let raw = Frame::new(0x37, 0x31, data).encode().unwrap();
        let (hex, ascii, layers) = describe_frame(&raw, Direction::Tx, None);
        assert!(hex.contains("00 20 00 80 08"), "{hex}");
        assert!(!hex.contains("24 25 80"), "{hex}");
        assert!(!hex.contains("FF FF FF"), "{hex}");
        assert!(!ascii.contains("%"), "{ascii}");
        let text: String = layers.iter().map(|l| l.get(Lang::En).to_string()).collect();
        assert!(!text.contains("2580") && text.contains("VERIFY"), "{text}");
        // The BCC (XOR of the frame) would give away the XOR of the PIN block's bytes.
        assert!(hex.ends_with("03 **"), "{hex}");
    }

    /// A track reply's BCC is hidden with the track; a frame with nothing hidden keeps its BCC.
    #[test]
    fn the_check_byte_is_hidden_with_the_data_it_covers() {
        let mut data = vec![0x30, 0x37, 0x1F, 0x1F, 0x59];
        data.extend_from_slice(b";6212260000000000026=28122200000123456?");
        let raw = Frame::new(0x45, 0x30, data).encode().unwrap();
        let (hex, ascii, _) = describe_frame(&raw, Direction::Rx, Some((0x45, 0x30)));
        assert!(hex.ends_with("03 **") && ascii.ends_with('*'), "{hex}");
        let status = Frame::new(0x31, 0x30, Vec::new()).encode().unwrap();
        let (hex, _, _) = describe_frame(&status, Direction::Tx, None);
        let bcc = format!("{:02X}", status[status.len() - 1]);
        assert!(hex.ends_with(&bcc), "{hex}");
    }

    /// The log reads a frame with the framer's parser but shows what came: a frame whose BCC
    /// fails is still described (its R-APDU masked by tag), and the PIN data of CHANGE
    /// REFERENCE DATA (`24`) is hidden like VERIFY's.
    #[test]
    fn bad_bcc_frames_are_described_and_pin_changes_hidden() {
        let mut r = vec![0x59, 0x00, 0x0E, 0x70, 0x0A, 0x5A, 0x08, 0x62, 0x12, 0x26];
        r.extend([0x00, 0x00, 0x00, 0x00, 0x02, 0x90, 0x00]);
        let mut raw = Frame::new(0x37, 0x31, r).encode().unwrap();
        *raw.last_mut().unwrap() ^= 1;
        let (hex, _, layers) = describe_frame(&raw, Direction::Rx, Some((0x37, 0x31)));
        assert!(layers[0].get(Lang::En).ends_with("P=Y"), "{layers:?}");
        assert_eq!(layers[1].get(Lang::En), "R-APDU 12 bytes SW 90 00");
        assert!(!hex.contains("62 12"), "{hex}");
        let change = [0x00, 0x24, 0x00, 0x80, 0x02, 0x12, 0x34];
        let raw = Frame::new(0x37, 0x31, [&[0x00, 0x07][..], &change].concat())
            .encode()
            .unwrap();
        let (hex, _, _) = describe_frame(&raw, Direction::Tx, None);
        assert!(hex.contains("00 24 00 80 02 ** **"), "{hex}");
    }

    /// Arbitrary VERIFY data to a card with an offline PIN never panics the card: wrong
    /// blocks cost tries (`63 Cx`, then `69 83`), malformed ones are `6A 80` / `67 00`.
    #[test]
    fn random_verify_blocks_never_panic_the_card() {
        use crate::sim::crt310::Crt310Sim;
        use crate::sim::scenario::{Rng, Scenario};
        let mut sc = Scenario::builtin("crt310-default").unwrap();
        sc.cards[0].pin = Some("1234".into());
        let aid = crate::hexfmt::parse_hex(&sc.cards[0].apps[0].aid).unwrap();
        let mut sim = Crt310Sim::new(sc, crate::sim::SimOptions::default());
        let mut rng = Rng::new(5);
        let _ = sim.card_apdu(0, &crate::codec::emv::commands::select(&aid));
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..3000 {
            let n = if i % 3 == 0 {
                8
            } else {
                rng.below(20) as usize
            };
            let mut data: Vec<u8> = (0..n).map(|_| rng.below(256) as u8).collect();
            if i % 6 == 0 {
                let wrong = crate::crypto::Pin::new("9999").unwrap();
                data = crate::crypto::pin::encode_offline_plaintext(&wrong).to_vec();
            }
            let p2 = [0x80, 0x88, rng.below(256) as u8][i % 3];
            let mut c = vec![0x00, 0x20, 0x00, p2, data.len() as u8];
            c.extend_from_slice(&data);
            let r = sim.card_apdu(0, &c);
            seen.insert(r[r.len() - 2..].to_vec());
        }
        assert!(seen.contains(&vec![0x69, 0x83]), "{seen:?}");
    }

    /// Random frames (valid BCC, arbitrary CM/PM/data) never panic the simulator or the
    /// frame-log masker.
    #[test]
    fn random_frames_never_panic() {
        use crate::sim::crt310::Crt310Sim;
        use crate::sim::scenario::{Rng, Scenario};
        let sc = Scenario::builtin("crt310-default").unwrap();
        let mut sim = Crt310Sim::new(sc, crate::sim::SimOptions::default());
        let mut rng = Rng::new(3);
        for i in 0..5000 {
            let cm = [0x30, 0x31, 0x33, 0x37, 0x45, rng.below(256) as u8][i % 6];
            let pm = if rng.chance(0.5) {
                0x30 + rng.below(4) as u8
            } else {
                rng.below(256) as u8
            };
            let n = rng.below(40) as usize;
            let mut data: Vec<u8> = (0..n).map(|_| rng.below(256) as u8).collect();
            if cm == 0x37 && data.len() >= 2 && rng.chance(0.7) {
                let l = data.len() - 2;
                data[0] = (l >> 8) as u8;
                data[1] = l as u8;
                if l >= 2 {
                    data[2] = [0x00, 0x80][i % 2];
                    data[3] = [0xA4, 0xB2, 0xA8, 0xC0, 0xCA, 0xAE][i % 6];
                }
            }
            let req = Frame::new(cm, pm, data);
            let resp = sim.execute(&req).encode().unwrap();
            let _ = describe_frame(&req.encode().unwrap(), Direction::Tx, None);
            let _ = describe_frame(&resp, Direction::Rx, Some((cm, pm)));
            if i % 50 == 0 {
                sim.execute(&Frame::new(0x30, 0x31, vec![]));
            }
        }
    }
}
