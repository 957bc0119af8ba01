//! Fuzz target `deck`: see `harness::loaders::deck`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::deck(data));
