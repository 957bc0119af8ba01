//! Fuzz target `crt310`: see `harness::devices::crt310`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::devices::crt310(data));
