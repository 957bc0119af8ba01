//! MSR605 frames as frame-log lines: hex and ASCII views with track data masked (ISO tracks
//! through the card-data policy, raw tracks replaced by their length) and decoded layers in
//! both languages (catalogue `devices-msr605-*`).

use crate::codec::msr605::{
    command_name_in, model_text_in, status_text_in, write_block, Coercivity, Command, DataBlock,
    Reply,
};
use crate::hexfmt::{ascii_view, hex_spaced};
use crate::i18n::{t, Lang, Text};

/// A layer in both languages, `f` asked once per language.
fn both(f: impl Fn(Lang) -> String) -> Text {
    Text::new(f(Lang::En), f(Lang::ZhCn))
}

/// The layer naming a status byte.
fn status_layer(s: u8) -> Text {
    both(|lang| {
        t!(
            lang,
            "devices-msr605-layer-status",
            status = format!("{s:02X}"),
            meaning = status_text_in(s, lang)
        )
        .into_owned()
    })
}

/// (hex, ascii, layers) of a command the host sends; a write command's track data is masked
/// as a read block's is.
pub fn describe_command(bytes: &[u8]) -> (String, String, Vec<Text>) {
    let Some(&code) = bytes.get(1) else {
        return (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![Text::tr("devices-msr605-layer-incomplete")],
        );
    };
    let head = both(|lang| {
        t!(
            lang,
            "devices-msr605-layer-command",
            name = command_name_in(code, lang),
            code = format!("{code:02X}")
        )
        .into_owned()
    });
    let command = Command {
        code,
        params: bytes[2..].to_vec(),
    };
    match write_block(&command) {
        Some(b) => {
            let (hex, ascii, mut layers) = describe_block(&b, None);
            layers[0] = head;
            (
                format!("1B {code:02X} {hex}"),
                format!(".{} {ascii}", ascii_view(&[code])),
                layers,
            )
        }
        None => (hex_spaced(bytes), ascii_view(bytes), vec![head]),
    }
}

/// (hex, ascii, layers) of a data block, card data masked; `status` is the trailing
/// `ESC status` of a read reply (a write command's block has none).
fn describe_block(b: &DataBlock, status: Option<u8>) -> (String, String, Vec<Text>) {
    let mut hex = String::from("1B 73");
    let mut ascii = String::from(".s");
    let mut layers = vec![match status {
        Some(s) => both(|lang| {
            let (status, meaning) = (format!("{s:02X}"), status_text_in(s, lang));
            if b.raw {
                t!(
                    lang,
                    "devices-msr605-layer-block-raw",
                    status = status.as_str(),
                    meaning = meaning
                )
            } else {
                t!(
                    lang,
                    "devices-msr605-layer-block-iso",
                    status = status.as_str(),
                    meaning = meaning
                )
            }
            .into_owned()
        }),
        None => Text::same(""),
    }];
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
        layers.push(Text::tr_args(
            "devices-msr605-layer-track",
            &[("track", n.into()), ("bytes", t.len().into())],
        ));
    }
    hex.push_str(" 3F 1C");
    ascii.push_str(" ?.");
    if let Some(s) = status {
        hex.push_str(&format!(" 1B {s:02X}"));
        ascii.push_str(" .");
    }
    (hex, ascii, layers)
}

/// (hex, ascii, layers) of a reply for the frame log, card data masked.
pub fn describe_reply(bytes: &[u8], reply: &Reply) -> (String, String, Vec<Text>) {
    let layer = match reply {
        Reply::Block(b) => return describe_block(b, Some(b.status)),
        Reply::Status(s) => status_layer(*s),
        Reply::CommTestOk { esc_dropped: true } => {
            Text::tr("devices-msr605-layer-comm-ok-esc-dropped")
        }
        Reply::CommTestOk { esc_dropped: false } => Text::tr("devices-msr605-layer-comm-ok"),
        Reply::Model(m) => both(|lang| {
            t!(
                lang,
                "devices-msr605-layer-model",
                model = model_text_in(*m, lang)
            )
            .into_owned()
        }),
        Reply::Coercivity(Coercivity::High) => Text::tr("devices-msr605-layer-hico"),
        Reply::Coercivity(Coercivity::Low) => Text::tr("devices-msr605-layer-loco"),
        Reply::Firmware(f) => Text::tr_args(
            "devices-msr605-layer-firmware",
            &[(
                "firmware",
                crate::sensitive::redact_text(&ascii_view(f)).into(),
            )],
        ),
    };
    (hex_spaced(bytes), ascii_view(bytes), vec![layer])
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
