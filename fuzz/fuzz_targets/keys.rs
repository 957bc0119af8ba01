//! Fuzz target `keys`: see `harness::loaders::keys`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::keys(data));
