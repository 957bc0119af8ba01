//! Fuzz target `iso8583`: see `harness::codec::iso8583`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::codec::iso8583(data));
