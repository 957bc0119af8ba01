//! Fuzz target `apdu_t0`: see `harness::codec::apdu_t0`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::codec::apdu_t0(data));
