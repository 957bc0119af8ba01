//! `cardbench decode`: explains bytes pasted from a log (tracks, ATR, APDU, TLV, ISO 8583).

use super::Globals;
use crate::cli::{DecodeArgs, DecodeKind};
use crate::error::{Error, Result, Status};
use crate::explain::{DecodeOptions, Layer};
use crate::hexfmt::parse_hex;
use crate::i18n::Text;
use std::io::Read;

/// Reads the input argument, or stdin for `-` / nothing. An argument that names a file and is
/// not hex is refused with the way to feed the file (`- < FILE`): read as hex it gave
/// "invalid hex character 'u' at offset 1", which sends the technician after the wrong bytes.
/// Standard input that is a folder (`- < /tmp`) or not text (a binary file) is refused with
/// what decode reads and how to feed it, not the system's "Is a directory" or "stream did not
/// contain valid UTF-8".
fn read_input(arg: Option<&str>, kind: DecodeKind) -> Result<String> {
    match arg {
        Some(s) if s != "-" && std::path::Path::new(s).is_file() && parse_hex(s).is_err() => {
            Err(Error::Said(Text::tr_args(
                "errors-decode-file-argument",
                &[("path", s.into())],
            )))
        }
        Some(s) if s != "-" => Ok(s.to_string()),
        _ => {
            let mut bytes = Vec::new();
            let said =
                |id: &str| Error::Said(Text::tr_args(id, &[("kind", kind_name(kind).into())]));
            match std::io::stdin().read_to_end(&mut bytes) {
                Err(e) if e.kind() == std::io::ErrorKind::IsADirectory => {
                    return Err(said("errors-decode-stdin-folder"))
                }
                r => r?,
            };
            String::from_utf8(bytes).map_err(|_| said("errors-decode-stdin-not-text"))
        }
    }
}

/// Runs `decode`.
pub fn run(g: &Globals, args: &DecodeArgs) -> Result<Status> {
    let mut input = read_input(args.input.as_deref(), args.kind)?;
    for word in &args.more {
        input.push(' ');
        input.push_str(word);
    }
    let layer = match args.kind {
        DecodeKind::Track => Layer::Track,
        DecodeKind::Atr => Layer::Atr,
        DecodeKind::Apdu => Layer::Apdu,
        DecodeKind::Tlv => Layer::Tlv,
        DecodeKind::Iso8583 => Layer::Iso8583,
    };
    let opts = DecodeOptions {
        packing: args.format.into(),
        framed: args.framed,
        raw: args.raw,
        json: args.json,
    };
    let out = match crate::explain::explain_in(layer, &input, &opts, g.lang()) {
        // What was well formed is shown, the bad object marked in it; the first malformed
        // object still makes it exit 2, with a line that points at the output.
        Err(crate::explain::ExplainError::Partial { output, .. }) => {
            super::output::out_decoded(&output);
            return Err(incomplete(args.kind, g.lang()));
        }
        r => r?,
    };
    super::output::out_decoded(&out);
    if layer == Layer::Track {
        let tracks = crate::explain::track::decode_input(&input, opts.raw, g.lang())?;
        // A track that does not read is bad input, as for the other decoders (exit 2); its
        // explanation, printed above, already says what is wrong (sentinel, parity, LRC).
        if tracks.iter().any(|t| !t.status.is_ok()) {
            return Err(incomplete(args.kind, g.lang()));
        }
    }
    Ok(Status::Passed)
}

/// The stderr line of a decode whose output already names its bad object (a track that does
/// not read, a malformed TLV object): it points there instead of saying the fault again
/// (issue 17: an error is said once).
fn incomplete(kind: DecodeKind, lang: crate::i18n::Lang) -> crate::error::Error {
    let layer = kind_name(kind);
    crate::error::Error::Usage(
        crate::i18n::t!(lang, "errors-decode-incomplete", layer = layer).into_owned(),
    )
}

/// The kind as the command line spells it (`decode tlv`).
fn kind_name(kind: DecodeKind) -> &'static str {
    match kind {
        DecodeKind::Track => "track",
        DecodeKind::Atr => "atr",
        DecodeKind::Apdu => "apdu",
        DecodeKind::Tlv => "tlv",
        DecodeKind::Iso8583 => "8583",
    }
}
