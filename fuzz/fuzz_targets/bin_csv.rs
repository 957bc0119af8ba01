//! Fuzz target `bin_csv`: see `harness::loaders::bin_csv`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::bin_csv(data));
