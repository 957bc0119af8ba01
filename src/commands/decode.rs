//! `cardbench decode`: explains bytes pasted from a log (tracks, ATR, APDU, TLV, ISO 8583).

use super::Globals;
use crate::cli::{DecodeArgs, DecodeKind};
use crate::error::{Result, Status};
use crate::explain::{DecodeOptions, Layer};
use std::io::Read;

/// Reads the input argument, or stdin for `-` / nothing.
fn read_input(arg: Option<&str>) -> Result<String> {
    match arg {
        Some(s) if s != "-" => Ok(s.to_string()),
        _ => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            Ok(s)
        }
    }
}

/// Runs `decode`.
pub fn run(g: &Globals, args: &DecodeArgs) -> Result<Status> {
    let mut input = read_input(args.input.as_deref())?;
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
        // What was well formed is shown; the first malformed object still makes it exit 2.
        Err(crate::explain::ExplainError::Partial { output, error }) => {
            super::output::out_decoded(&output);
            return Err(crate::explain::ExplainError::Decode(error).into());
        }
        r => r?,
    };
    super::output::out_decoded(&out);
    if layer == Layer::Track {
        unreadable_track(&input, opts.raw, g.lang())?;
    }
    Ok(Status::Passed)
}

/// A track that does not read is bad input, as for the other decoders (exit 2); its
/// explanation is printed first because it says what is wrong (sentinel, parity, LRC).
fn unreadable_track(input: &str, raw: bool, lang: crate::i18n::Lang) -> Result<()> {
    let tracks = crate::explain::track::decode_input(input, raw, lang)?;
    match tracks.iter().find(|t| !t.status.is_ok()) {
        Some(t) => Err(crate::error::Error::Usage(
            crate::i18n::t!(
                lang,
                "errors-track-unreadable",
                track = t.track,
                // English keeps the status's own words (the line tests and logs read).
                status = match lang {
                    crate::i18n::Lang::En => t.status.to_string(),
                    crate::i18n::Lang::ZhCn => t.status.name(lang),
                }
            )
            .into_owned(),
        )),
        None => Ok(()),
    }
}
