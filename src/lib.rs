//! cardbench: a card-reader and POS terminal test bench.
//!
//! Module map, bottom-up:
//! - `sensitive`, `hexfmt`, `text`, `family`, `i18n`, `model`: shared values (masked card data,
//!   hex, display width, cause families, languages, normalised results).
//! - `codec`: sans-IO nom decoders/encoders (tracks, ATR, APDU/T=0, BER-TLV/EMV, ISO 8583).
//! - `crypto`: payment keys, check values, MACs and PIN blocks (RustCrypto ciphers).
//! - `explain`: `cardbench decode`.
//! - `device`: transports, per-profile framers and drivers, EMV flow; `sim`: simulators.
//! - `host`: ISO 8583 host simulator, host checks, POS host-link profile.
//! - `bins`, `deck`, `checklist`, `diagnosis`, `report`: the checklist and its verdicts.
//! - `tui`: the technician's screen; `batch`, `doctor`, `summarize`: QA-line tools.
//! - `cli`: clap definitions; `main.rs` only dispatches and maps errors to exit codes.

pub mod batch;
pub mod bins;
pub mod checklist;
pub mod cli;
pub mod codec;
pub mod commands;
pub mod crypto;
pub mod deck;
pub mod device;
pub mod diagnosis;
pub mod doctor;
pub mod error;
pub mod explain;
pub mod hexfmt;
pub mod host;
pub mod i18n;
pub mod link;
pub mod load;
pub mod model;
pub mod report;
pub mod sensitive;
pub mod sim;
pub mod summarize;
pub mod text;
pub mod trace;
pub mod tui;

pub use error::{Error, Result, Status};
