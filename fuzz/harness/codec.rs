//! Codec targets: magstripe tracks, ATR, T=0/APDU, BER-TLV with the EMV explainers, and
//! ISO 8583 in both packings, framed and unframed, with the masked frame log.

use super::assert_no_clear_pan;
use cardbench::codec::iso8583::{decode, encode, framing, Framing, Packing};
use cardbench::codec::{emv, tlv as ber};
use cardbench::explain::{explain, DecodeOptions, Layer};
use cardbench::hexfmt::hex;
use cardbench::trace::Direction;

/// Runs `decode` explanations of `data` (as pasted hex) in text and JSON.
fn explain_both(layer: Layer, data: &[u8], packing: Packing, framed: bool, raw: bool) {
    let input = hex(data);
    for json in [false, true] {
        let opts = DecodeOptions {
            packing,
            framed,
            raw,
            json,
        };
        let _ = explain(layer, &input, &opts);
    }
}

/// Byte 0 selects the track; the rest is a raw bit stream and track text.
pub fn track(data: &[u8]) {
    cardbench::codec::track::fuzz_input(data);
    if let Some((_, rest)) = data.split_first() {
        explain_both(Layer::Track, rest, Packing::Ascii, false, true);
    }
}

/// The ATR bytes: parse, EMV rule check, explanation.
pub fn atr(data: &[u8]) {
    cardbench::codec::atr::fuzz_input(data);
    explain_both(Layer::Atr, data, Packing::Ascii, false, false);
}

/// Byte 0 = n, then an n-byte command APDU, then what the card sends (the T=0 exchange and
/// the GET RESPONSE loop).
pub fn apdu_t0(data: &[u8]) {
    cardbench::codec::apdu::fuzz_input(data);
    // An R-APDU body may be a GENERATE AC answer carrying a CDA signature (9F4B).
    cardbench::device::emv::cda::fuzz_input(data);
    explain_both(Layer::Apdu, data, Packing::Ascii, false, false);
}

/// The depth-first walk as one reader per level, each constructed object's children read by
/// its own [`ber::Iter`]: the walk's single cursor must see exactly this.
fn walk_by_levels(data: &[u8]) -> Vec<Result<ber::Obj<'_>, cardbench::codec::DecodeError>> {
    let mut out = Vec::new();
    let mut stack = vec![ber::iter(data)];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(Err(e)) => {
                out.push(Err(e));
                break;
            }
            Some(Ok(o)) => {
                out.push(Ok(o));
                if o.is_constructed() {
                    stack.push(o.children());
                }
            }
        }
    }
    out
}

/// BER-TLV: the walk against a reader per level, the borrowed tree against the walk, the
/// well-formed-part decode, parse, canonical
/// re-encoding, the EMV explainers over every object, and the
/// DOL / AFL / CVM-list parsers over the same bytes.
pub fn tlv(data: &[u8]) {
    assert_eq!(ber::walk(data).collect::<Vec<_>>(), walk_by_levels(data));
    // The borrowed tree reads exactly what the walk reads, and fails where `parse` fails.
    let walked: Result<Vec<_>, _> = ber::walk(data).collect();
    match (ber::tree(data), walked) {
        (Ok(t), Ok(w)) => assert!(t.iter().eq(w.iter())),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (t, w) => panic!("tree {:?} and walk {:?} disagree", t.is_ok(), w.is_ok()),
    }
    assert_eq!(ber::tree(data).is_ok(), ber::parse(data).is_ok());
    let _ = ber::parse_partial(data);
    if let Ok(items) = ber::parse(data) {
        // Re-encoding is canonical: encoding what it parses gives the same bytes again.
        let once = ber::encode(&items);
        let reparsed = ber::parse(&once).expect("re-encoded TLV parses");
        assert_eq!(ber::encode(&reparsed), once);
        let _ = cardbench::explain::tlv::render_text(&items, 0);
        let _ = cardbench::explain::tlv::to_json(&items);
    }
    let _ = emv::parse_dol(data);
    let _ = emv::parse_afl(data);
    let _ = emv::parse_cvm_list(data);
    for tag in [
        0x95, 0x9B, 0x82, 0x9F27, 0x9F34, 0x8E, 0x94, 0x8C, 0x5A, 0x57, 0x56,
    ] {
        let _ = emv::explain_tag(tag, data);
        let _ = emv::display_value(tag, data);
    }
    let _ = cardbench::codec::iso8583::display::masked_tlv_hex(data);
    explain_both(Layer::Tlv, data, Packing::Ascii, false, false);
}

/// ISO 8583: byte 0 picks the framing for the framed half; the rest is decoded unframed in
/// both packings (and re-encoded), cut as frames in every framing, and logged as the host and
/// the client log it (masked frame records, which must hold no clear card number).
pub fn iso8583(data: &[u8]) {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    for packing in [Packing::Ascii, Packing::Cups] {
        if let Ok(d) = decode(body, packing) {
            // What decodes must encode, and the encoding must decode again.
            if let Ok(e) = encode(&d.message, packing) {
                decode(&e, packing).expect("an encoded message decodes");
            }
        }
    }
    let framings = [Framing::Cups, Framing::Len2, Framing::Ascii4];
    for f in framings {
        let _ = framing::unframe(f, body);
        let _ = framing::split(f, body);
        let _ = framing::diagnose(body, f);
    }
    let f = framings[usize::from(sel % 3)];
    let packing = if sel & 0x10 == 0 {
        Packing::Ascii
    } else {
        Packing::Cups
    };
    let r = cardbench::host::wire::record("fuzz", Direction::Rx, body, f, packing);
    let shown = format!("{} {} {}", r.hex, r.ascii, r.layers.join(" "));
    assert_no_clear_pan("frame record", &shown);
    explain_both(Layer::Iso8583, body, packing, sel & 0x20 != 0, false);
}
