//! Fuzz target `args`: see `harness::loaders::args`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::args(data));
