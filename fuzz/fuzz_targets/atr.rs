//! Fuzz target `atr`: see `harness::codec::atr`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::codec::atr(data));
