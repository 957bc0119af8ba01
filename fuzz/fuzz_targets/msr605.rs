//! Fuzz target `msr605`: see `harness::devices::msr605`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::devices::msr605(data));
