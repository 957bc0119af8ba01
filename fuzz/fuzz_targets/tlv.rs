#![no_main]
//! Fuzz target: BER-TLV parse, re-encode, and the EMV explainers over every parsed object.
use cardbench::codec::{emv, tlv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(items) = tlv::parse(data) {
        // Re-encoding is canonical: encoding what it parses to gives the same bytes again.
        let once = tlv::encode(&items);
        let reparsed = tlv::parse(&once).expect("re-encoded TLV parses");
        assert_eq!(tlv::encode(&reparsed), once);
        let _ = cardbench::explain::tlv::render_text(&items, 0);
        let _ = cardbench::explain::tlv::to_json(&items);
    }
    let _ = emv::parse_dol(data);
    let _ = emv::parse_afl(data);
    let _ = emv::parse_cvm_list(data);
    for tag in [0x95, 0x9B, 0x82, 0x9F27, 0x9F34, 0x8E, 0x94, 0x8C, 0x5A, 0x57, 0x56] {
        let _ = emv::explain_tag(tag, data);
        let _ = emv::display_value(tag, data);
    }
});
