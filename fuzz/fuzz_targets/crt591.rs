//! Fuzz target `crt591`: see `harness::devices::crt591`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::devices::crt591(data));
