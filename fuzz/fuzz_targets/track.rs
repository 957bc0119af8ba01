#![no_main]
//! Fuzz target: magstripe track decoding (raw bit streams and text). First byte picks the track.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cardbench::codec::track::fuzz_input(data);
});
