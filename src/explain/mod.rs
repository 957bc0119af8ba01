//! `cardbench decode`: human-readable and JSON explanations of pasted bytes, one submodule
//! per layer. Bad input is an error naming the byte offset (exit 2).

pub mod apdu;
pub mod atr;
mod charset8583;
mod fields8583;
pub mod iso8583;
pub mod tlv;
pub mod track;

use crate::codec::iso8583::Packing;
use crate::i18n::Lang;
use thiserror::Error;

/// Which layer the pasted bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Track,
    Atr,
    Apdu,
    Tlv,
    Iso8583,
}

/// How to read and show the input.
#[derive(Clone, Copy, Debug)]
pub struct DecodeOptions {
    /// ISO 8583 packing.
    pub packing: Packing,
    /// The ISO 8583 input carries its transport framing.
    pub framed: bool,
    /// Track input is a raw bit stream.
    pub raw: bool,
    /// One JSON document instead of text.
    pub json: bool,
}

/// Input that cannot be explained: the message names the layer and the byte offset.
#[derive(Debug, Error)]
pub enum ExplainError {
    /// Not input of this layer (odd hex, no input, a hint about framing).
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Decode(#[from] crate::codec::DecodeError),
    /// Decoded in part: `output` shows what was well formed (and marks the rest); `error` is
    /// the first malformed object. `decode` prints the output, then fails with the error.
    #[error("{error}")]
    Partial {
        output: String,
        error: crate::codec::DecodeError,
    },
}

impl ExplainError {
    /// The error for people in `lang`: `Input` is already in the language it was made in
    /// (the explainers take `lang`), a decoder's error is said in `lang` ([`DecodeError::text`](crate::codec::DecodeError::text)).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ExplainError::Input(s) => s.clone(),
            ExplainError::Decode(e) | ExplainError::Partial { error: e, .. } => e.text(lang),
        }
    }
}

impl From<crate::hexfmt::HexError> for ExplainError {
    fn from(e: crate::hexfmt::HexError) -> Self {
        ExplainError::Input(e.to_string())
    }
}

/// Explains `input` as `layer`: text for a person (in English), or JSON.
pub fn explain(layer: Layer, input: &str, opts: &DecodeOptions) -> Result<String, ExplainError> {
    explain_in(layer, input, opts, Lang::En)
}

/// [`explain`] with the text in `lang`: every layer's explanation (JSON keys, names and codes
/// stay English in every language).
pub fn explain_in(
    layer: Layer,
    input: &str,
    opts: &DecodeOptions,
    lang: Lang,
) -> Result<String, ExplainError> {
    match layer {
        Layer::Track => track::explain(input, opts, lang),
        Layer::Atr => atr::explain(input, opts, lang),
        Layer::Apdu => apdu::explain(input, opts, lang),
        Layer::Tlv => tlv::explain_in(input, opts, lang),
        Layer::Iso8583 => iso8583::explain(input, opts, lang),
    }
}
