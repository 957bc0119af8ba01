//! Fuzz target `track`: see `harness::codec::track`.
#![no_main]
#[path = "../harness/mod.rs"]
mod harness;
libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::codec::track(data));
