#![no_main]
//! Fuzz target: APDU parsing, the sans-IO T=0 exchange and the APDU-level GET RESPONSE loop.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cardbench::codec::apdu::fuzz_input(data);
});
