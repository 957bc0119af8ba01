//! Fuzz target `scenario`: see `harness::loaders::scenario`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::scenario(data));
