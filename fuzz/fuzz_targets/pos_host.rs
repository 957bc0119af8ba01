//! Fuzz target `pos_host`: see `harness::host::pos_host`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::host::pos_host(data));
