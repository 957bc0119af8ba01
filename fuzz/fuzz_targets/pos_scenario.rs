//! Fuzz target `pos_scenario`: see `harness::loaders::pos_scenario`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::pos_scenario(data));
