#![no_main]
//! Fuzz target: ATR parsing and the EMV rule check.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cardbench::codec::atr::fuzz_input(data);
});
