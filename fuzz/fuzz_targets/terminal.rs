//! Fuzz target `terminal`: see `harness::loaders::terminal`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::terminal(data));
