//! Fuzz target `tlv`: see `harness::codec::tlv`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::codec::tlv(data));
