//! Integration tests: codec (one test binary; modules under tests/codec/).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "codec/apdu.rs"]
mod apdu;
#[path = "codec/atr.rs"]
mod atr;
#[path = "codec/cases.rs"]
mod cases;
#[path = "codec/cli_decode.rs"]
mod cli_decode;
#[path = "codec/dict.rs"]
mod dict;
#[path = "codec/emv.rs"]
mod emv;
#[path = "tui/english.rs"]
mod english;
#[path = "codec/iso8583.rs"]
mod iso8583;
#[path = "codec/partial.rs"]
mod partial;
#[path = "codec/tlv.rs"]
mod tlv;
#[path = "codec/track.rs"]
mod track;
