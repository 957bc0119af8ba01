//! MSR605 frames as frame-log lines: hex and ASCII views with track data masked (ISO tracks
//! through the card-data policy, raw tracks replaced by their length) and decoded layers in
//! both languages (catalogue `devices-msr605-*`).

use crate::codec::msr605::{
    cmd, command_name_in, model_text_in, parse_command, status_text_in, write_block, Coercivity,
    Command, CommandParse, DataBlock, Reply,
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

/// (hex, ascii, layers) of a command the host sends, read by the codec's framer
/// ([`parse_command`]); a write command's track data is masked as a read block's is. Bytes
/// the framer refuses are logged as [`describe_refused`] says.
pub fn describe_command(bytes: &[u8]) -> (String, String, Vec<Text>) {
    match parse_command(bytes) {
        CommandParse::Command {
            command,
            skipped: 0,
            len,
        } if len == bytes.len() => describe_parsed(bytes, &command),
        _ => describe_refused(bytes),
    }
}

/// The layer naming a command code.
fn command_layer(code: u8) -> Text {
    both(|lang| {
        t!(
            lang,
            "devices-msr605-layer-command",
            name = command_name_in(code, lang),
            code = format!("{code:02X}")
        )
        .into_owned()
    })
}

/// (hex, ascii, layers) of `bytes`, read as `command`: a write's data block masked, any
/// other command as it is.
fn describe_parsed(bytes: &[u8], command: &Command) -> (String, String, Vec<Text>) {
    let code = command.code;
    match write_block(command) {
        Some(b) => {
            let (hex, ascii, mut layers) = describe_block(&b, None);
            layers[0] = command_layer(code);
            (
                format!("1B {code:02X} {hex}"),
                format!(".{} {ascii}", ascii_view(&[code])),
                layers,
            )
        }
        None => (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![command_layer(code)],
        ),
    }
}

/// (hex, ascii, layers) of bytes the framer refuses (garbled, truncated, or with bytes after
/// the command), as the frame log has always read them: the second byte named as the code
/// and the rest as its parameters. A write whose block does not parse shows its parameters
/// by their length only: they may hold track data.
fn describe_refused(bytes: &[u8]) -> (String, String, Vec<Text>) {
    let (Some(head), Some(params)) = (bytes.get(..2), bytes.get(2..)) else {
        return (
            hex_spaced(bytes),
            ascii_view(bytes),
            vec![Text::tr("devices-msr605-layer-incomplete")],
        );
    };
    let command = Command {
        code: head[1],
        params: params.to_vec(),
    };
    let is_write = matches!(command.code, cmd::WRITE_ISO | cmd::WRITE_RAW);
    if !is_write || params.is_empty() || write_block(&command).is_some() {
        return describe_parsed(bytes, &command);
    }
    let hidden = format!("[write block, {} bytes]", params.len());
    (
        format!("{} {hidden}", hex_spaced(head)),
        format!("{}{hidden}", ascii_view(head)),
        vec![command_layer(command.code)],
    )
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
    // Each track was masked alone; the view as a whole goes through the guard too (the
    // campaign's crash: the marker `.1` before a garbled track 1 made a card number).
    (hex, crate::sensitive::mask_clear_pans(&ascii), layers)
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

    /// (hex, ascii, English layers) of a command as the frame log shows it.
    fn logged(bytes: &[u8]) -> (String, String, Vec<String>) {
        let (hex, ascii, layers) = describe_command(bytes);
        (hex, ascii, layers.into_iter().map(|t| t.en).collect())
    }

    fn row(hex: &str, ascii: &str, layers: &[&str]) -> (String, String, Vec<String>) {
        let layers = layers.iter().map(|s| (*s).to_string()).collect();
        (hex.into(), ascii.into(), layers)
    }

    /// What the framer refuses reads as it did when the log split `ESC code params` itself.
    #[test]
    fn refused_commands_read_as_before() {
        let incomplete = ["MSR605 (incomplete command)"];
        assert_eq!(logged(&[]), row("", "", &incomplete));
        assert_eq!(logged(&[0x1B]), row("1B", ".", &incomplete));
        let erase = ["MSR605 erase card (ESC 63)"];
        assert_eq!(logged(&[0x1B, 0x63]), row("1B 63", ".c", &erase));
        let reset = ["MSR605 reset (ESC 61)"];
        assert_eq!(logged(&[0x00, 0x61]), row("00 61", ".a", &reset));
        assert_eq!(logged(&[0x1B, 0x61, 0xFF]), row("1B 61 FF", ".a.", &reset));
        // The same commands well formed.
        assert_eq!(logged(&[0x1B, 0x61]), row("1B 61", ".a", &reset));
        assert_eq!(logged(&[0x1B, 0x63, 0x02]), row("1B 63 02", ".c.", &erase));
    }

    /// A write with a byte after its block is refused by the framer; its block is still shown
    /// masked, as before. A truncated write's parameters show by their length only (before,
    /// they were logged in clear).
    #[test]
    fn refused_writes_hide_track_data() {
        let t2 = b";6212345678901232=28122011234567890?".as_slice();
        let good = crate::codec::msr605::write_command(false, [None, Some(t2), None]);
        let mut trailing = good.clone();
        trailing.push(0x41);
        let (hex, ascii, layers) = logged(&trailing);
        assert_eq!((hex.clone(), ascii.clone(), layers.clone()), logged(&good));
        assert!(
            hex.ends_with("1B 02 [track 2, 36 chars] 1B 03 3F 1C"),
            "{hex}"
        );
        assert_eq!(
            ascii,
            ".w .s .1 .2;621234******1232=*****************? .3 ?."
        );
        assert_eq!(layers[0], "MSR605 write ISO (ESC 77)");
        let truncated = &good[..good.len() - 1];
        let expected = row(
            "1B 77 [write block, 45 bytes]",
            ".w[write block, 45 bytes]",
            &["MSR605 write ISO (ESC 77)"],
        );
        assert_eq!(logged(truncated), expected);
    }
}
