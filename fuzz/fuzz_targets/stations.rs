//! Fuzz target `stations`: see `harness::loaders::stations`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::stations(data));
