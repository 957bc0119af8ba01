//! Magstripe track decoding: known answers from protocols.md §0/§1 and encode→decode
//! properties over generated tracks (text and raw, both swipe directions).

use cardbench::codec::track::{
    decode_track_raw, decode_track_text, encode_track_raw, encode_track_text, lrc_char,
    service_code_meaning, RawFaults,
};
use cardbench::model::TrackStatus;
use cardbench::sensitive::{find_clear_pan, luhn_check_digit};
use proptest::prelude::*;

const T2_TEXT: &str = ";6212345678901232=28122011234567890?";
const T1_TEXT: &str = "%B6212345678901232^ZHANG/SAN^2812201000000123456?";

fn bits_of(raw: &[u8]) -> String {
    raw.iter().map(|b| format!("{b:08b}")).collect()
}

#[test]
fn track2_vector_lrc_and_bits() {
    assert_eq!(lrc_char(2, T2_TEXT), '5');
    assert_eq!(T2_TEXT.len() + 1, 37);
    let raw = encode_track_raw(
        2,
        "6212345678901232=28122011234567890",
        &RawFaults::default(),
    );
    let bits = bits_of(&raw);
    // SS ';', '6', '2' as on the stripe (LSB first, odd parity last).
    assert!(bits.starts_with("11010"), "{bits}");
    assert_eq!(&bits[..15], "110100110101000");
    // ES + LRC right after the 35 characters before them.
    assert_eq!(&bits[35 * 5..37 * 5], "1111110101");
}

#[test]
fn track1_vector_lrc() {
    assert_eq!(lrc_char(1, T1_TEXT), 'K');
    assert_eq!(T1_TEXT.len() + 1, 50);
    let raw = encode_track_raw(1, &T1_TEXT[1..T1_TEXT.len() - 1], &RawFaults::default());
    assert!(bits_of(&raw).starts_with("1010001"));
}

#[test]
fn track1_fields() {
    let d = decode_track_text(1, &format!("{T1_TEXT}K"));
    assert_eq!(d.status, TrackStatus::Ok);
    let f = d.fields.unwrap();
    assert_eq!(f.pan.to_string(), "621234******1232");
    assert!(f.luhn_ok);
    assert_eq!(f.name.as_deref(), Some("ZHANG/SAN"));
    assert_eq!(f.expiry.as_deref(), Some("2812"));
    assert_eq!(f.service_code.as_deref(), Some("201"));
    assert_eq!(f.discretionary_len, 12);
    assert!(d.track2.is_none());
    assert_eq!(
        decode_track_text(1, &format!("{T1_TEXT}L")).status,
        TrackStatus::Lrc
    );
}

#[test]
fn text_forms() {
    // Without sentinels (what many readers return), with sentinels, with LRC.
    for t in [
        "6212345678901232=28122011234567890",
        T2_TEXT,
        ";6212345678901232=28122011234567890?5",
    ] {
        let d = decode_track_text(2, t);
        assert_eq!(d.status, TrackStatus::Ok, "{t}");
        assert_eq!(d.chars, 34);
    }
    assert_eq!(decode_track_text(2, "").status, TrackStatus::NoData);
    assert_eq!(decode_track_text(2, "  \n").status, TrackStatus::NoData);
    assert_eq!(
        decode_track_text(2, ";6212345678901232=2812201").status,
        TrackStatus::NoEndSentinel
    );
    assert_eq!(
        decode_track_text(2, "6212345678901232=2812201?").status,
        TrackStatus::NoStartSentinel
    );
    assert!(matches!(
        decode_track_text(2, ";62123456789012322812201?").status,
        TrackStatus::BadFormat(_)
    ));
    assert!(matches!(
        decode_track_text(2, ";6212A45678901232=2812201?").status,
        TrackStatus::BadFormat(_)
    ));
    assert_eq!(
        decode_track_text(2, ";E?").status,
        TrackStatus::ReaderError("E".into())
    );
    // Absent expiry and service code: separators in their place.
    let d = decode_track_text(2, ";6212345678901232===123?");
    assert_eq!(d.status, TrackStatus::Ok);
    let f = d.fields.unwrap();
    assert_eq!(f.expiry, None);
    assert_eq!(f.service_code, None);
    assert_eq!(f.discretionary_len, 3);
}

#[test]
fn track3_pan_only() {
    let d = decode_track_text(3, ";016212345678901232=156000012345?");
    assert_eq!(d.status, TrackStatus::Ok);
    let f = d.fields.unwrap();
    assert_eq!(f.pan.to_string(), "621234******1232");
    assert_eq!(f.expiry, None);
}

#[test]
fn raw_directions_and_faults() {
    let data = "6212345678901232=28122011234567890";
    for reverse in [false, true] {
        for lz in [0, 1, 7, 22] {
            let f = RawFaults {
                reverse,
                leading_zeros: lz,
                ..Default::default()
            };
            let d = decode_track_raw(2, &encode_track_raw(2, data, &f));
            assert_eq!(d.status, TrackStatus::Ok);
            assert_eq!(
                d.direction,
                Some(if reverse { "reverse" } else { "forward" })
            );
        }
    }
    for n in 0..37 {
        let f = RawFaults {
            parity_error_at: Some(n),
            ..Default::default()
        };
        let d = decode_track_raw(2, &encode_track_raw(2, data, &f));
        assert!(!d.status.is_ok(), "parity fault at {n}");
    }
    let f = RawFaults {
        parity_error_at: Some(9),
        reverse: true,
        ..Default::default()
    };
    assert_eq!(
        decode_track_raw(2, &encode_track_raw(2, data, &f)).status,
        TrackStatus::Parity(Some(9))
    );
    assert_eq!(decode_track_raw(1, &[0; 40]).status, TrackStatus::Blank);
    // Truncated mid-track: no end sentinel.
    let raw = encode_track_raw(2, data, &RawFaults::default());
    assert_eq!(
        decode_track_raw(2, &raw[..10]).status,
        TrackStatus::NoEndSentinel
    );
}

#[test]
fn service_code_digits() {
    let meanings = service_code_meaning("201");
    let m: Vec<(char, &str)> = meanings.iter().map(|(c, s)| (*c, s.as_ref())).collect();
    assert_eq!(
        m[0],
        (
            '2',
            "international interchange, use IC (chip) where feasible"
        )
    );
    assert_eq!(m[1], ('0', "normal authorisation"));
    assert_eq!(m[2], ('1', "no restrictions"));
    assert!(service_code_meaning("381")[1].1.contains("unknown"));
}

#[test]
fn debug_output_is_masked() {
    let d = decode_track_text(2, T2_TEXT);
    let dbg = format!("{d:?}");
    assert!(find_clear_pan(&dbg).is_none(), "{dbg}");
    assert!(!dbg.contains("1234567890"));
    let json = serde_json::to_string(&d).unwrap();
    assert!(find_clear_pan(&json).is_none(), "{json}");
}

/// YYMM with a month 01-12 (the decoder refuses month 00 and 13, ISO/IEC 7813).
const EXPIRY: &str = "[0-9]{2}(0[1-9]|1[0-2])";

fn pan_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, 12..=18).prop_map(|d| {
        let mut s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        let c = luhn_check_digit(&s).unwrap();
        s.push(char::from(b'0' + c));
        s
    })
}

fn t2_strategy() -> impl Strategy<Value = String> {
    (pan_strategy(), EXPIRY, "[0-9]{3}", "[0-9]{0,5}")
        .prop_map(|(p, e, s, d)| format!("{p}={e}{s}{d}"))
}

fn t1_strategy() -> impl Strategy<Value = String> {
    (
        pan_strategy(),
        "[A-Z]{1,10}/[A-Z]{1,10}",
        EXPIRY,
        "[0-9]{3}",
        "[0-9A-Z ]{0,12}",
    )
        .prop_map(|(p, n, e, s, d)| format!("B{p}^{n}^{e}{s}{d}"))
}

proptest! {
    #[test]
    fn text_roundtrip_t2(data in t2_strategy()) {
        let full = encode_track_text(2, &data);
        let with_lrc = format!("{full}{}", lrc_char(2, &full));
        let d = decode_track_text(2, &with_lrc);
        prop_assert_eq!(d.status, TrackStatus::Ok);
        let t2 = d.track2.unwrap();
        prop_assert_eq!(t2.expose_clear(), data.as_str());
    }

    #[test]
    fn raw_roundtrip(data in prop_oneof![t2_strategy().prop_map(|d| (2u8, d)), t1_strategy().prop_map(|d| (1u8, d))],
                     reverse in any::<bool>(), lz in 0usize..40) {
        let (track, data) = data;
        let f = RawFaults { reverse, leading_zeros: lz, ..Default::default() };
        let d = decode_track_raw(track, &encode_track_raw(track, &data, &f));
        prop_assert_eq!(&d.status, &TrackStatus::Ok);
        prop_assert_eq!(d.chars, data.len());
        prop_assert_eq!(d.direction, Some(if reverse { "reverse" } else { "forward" }));
        let text = decode_track_text(track, &format!("{}{}", encode_track_text(track, &data),
            lrc_char(track, &encode_track_text(track, &data))));
        prop_assert_eq!(&text.status, &TrackStatus::Ok);
        prop_assert_eq!(text.fields, d.fields);
    }

    #[test]
    fn raw_never_panics(track in 1u8..=3, raw in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = decode_track_raw(track, &raw);
    }

    #[test]
    fn text_never_panics(track in 1u8..=3, text in "\\PC{0,80}") {
        let _ = decode_track_text(track, &text);
    }
}

#[test]
fn every_prefix_and_corruption_is_safe() {
    let raw = encode_track_raw(1, &T1_TEXT[1..T1_TEXT.len() - 1], &RawFaults::default());
    let text = format!("{T1_TEXT}K");
    for track in 1..=3u8 {
        for n in 0..=raw.len() {
            let _ = decode_track_raw(track, &raw[..n]);
        }
        for n in 0..=text.len() {
            let _ = decode_track_text(track, &text[..n]);
        }
        for i in 0..raw.len() {
            for v in [0u8, 0xFF, raw[i] ^ 0x01, raw[i] ^ 0x80] {
                let mut r = raw.clone();
                r[i] = v;
                let _ = decode_track_raw(track, &r);
            }
        }
        for i in 0..text.len() {
            for c in ['?', '%', ';', '^', '=', 'E', '\u{e9}'] {
                let mut t: Vec<char> = text.chars().collect();
                t[i] = c;
                let t: String = t.into_iter().collect();
                let _ = decode_track_text(track, &t);
            }
        }
    }
}

/// Cross-check against msrx (PyPI `msrx`, oracle of §2.4): its ISO 7811 codec packs the
/// characters LSB first; the MSR605 sends every byte bit-reversed, which is our convention.
#[test]
fn msrx_oracle() {
    let script = "import codecs, sys, msrx\nfor t, s in ((1, sys.argv[1]), (2, sys.argv[2])):\n    print(codecs.decode(s, 'iso7811_t%d' % t).hex())\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script, T1_TEXT, T2_TEXT])
        .output();
    let out = match out {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => {
            eprintln!("SKIPPED: msrx_oracle: python3 with the msrx package is not available (pip install msrx)");
            return;
        }
    };
    let lines: Vec<&str> = out.lines().collect();
    for (track, text, hexline) in [(1u8, T1_TEXT, lines[0]), (2, T2_TEXT, lines[1])] {
        let msrx: Vec<u8> = cardbench::hexfmt::parse_hex(hexline).unwrap();
        let ours = encode_track_raw(track, &text[1..text.len() - 1], &RawFaults::default());
        let ours_lsb: Vec<u8> = ours.iter().map(|b| b.reverse_bits()).collect();
        // msrx stops after the ES (no LRC): compare every whole bit it wrote.
        let bits = text.len() * if track == 1 { 7 } else { 5 };
        for i in 0..bits {
            let a = (msrx[i / 8] >> (i % 8)) & 1;
            let b = (ours_lsb[i / 8] >> (i % 8)) & 1;
            assert_eq!(a, b, "track {track}: bit {i} differs from msrx");
        }
        // And msrx's stream (no LRC) decodes with everything right but the LRC.
        let mut dev: Vec<u8> = msrx.iter().map(|b| b.reverse_bits()).collect();
        dev.extend([0, 0]);
        assert_eq!(decode_track_raw(track, &dev).status, TrackStatus::Lrc);
    }
}
