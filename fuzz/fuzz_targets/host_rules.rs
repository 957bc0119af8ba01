//! Fuzz target `host_rules`: see `harness::loaders::host_rules`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::loaders::host_rules(data));
