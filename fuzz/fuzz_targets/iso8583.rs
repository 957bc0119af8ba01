//! Fuzz target: ISO 8583 decode in both packings, the framings and the framing diagnosis.
#![no_main]
use cardbench::codec::iso8583::{decode, encode, framing, Framing, Packing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for packing in [Packing::Ascii, Packing::Cups] {
        if let Ok(d) = decode(data, packing) {
            // What decodes must encode back to the same bytes.
            if let Ok(e) = encode(&d.message, packing) {
                let _ = decode(&e, packing);
            }
        }
    }
    for f in [Framing::Cups, Framing::Len2, Framing::Ascii4] {
        let _ = framing::unframe(f, data);
        let _ = framing::split(f, data);
        let _ = framing::diagnose(data, f);
    }
});
