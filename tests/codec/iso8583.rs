//! ISO 8583: known answers (pyiso8583 echo vector, the CUPS 0200 dump of protocols.md §6.7),
//! encode → decode identity in both packings, and no panic on any prefix or corruption.

use cardbench::codec::iso8583::{
    decode, display::parse_tlv, encode, framing, view, FieldValue, Framing, Message, Packing, Value,
};
use cardbench::hexfmt::parse_hex;
use proptest::prelude::*;

fn cups_dump() -> Vec<u8> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/iso8583/cups-0200-purchase.hex"
    ))
    .unwrap();
    parse_hex(&text).unwrap()
}

#[test]
fn pyiso8583_echo_vector() {
    let m = Message::new("0800")
        .with(7, "1126123456")
        .with(11, "000001")
        .with(70, "301");
    let e = encode(&m, Packing::Ascii).unwrap();
    let want = "0800".to_string()
        + "8220000000000000"
        + "0400000000000000"
        + "1126123456"
        + "000001"
        + "301";
    assert_eq!(String::from_utf8(e.clone()).unwrap(), want);
    assert_eq!(decode(&e, Packing::Ascii).unwrap().message, m);
}

#[test]
fn cups_0200_dump_decodes_completely() {
    let raw = cups_dump();
    assert_eq!(raw.len(), 428);
    let f = framing::unframe(Framing::Cups, &raw).unwrap();
    assert_eq!(f.declared_len, 426);
    let h = f.header.unwrap();
    assert_eq!(h.tpdu, [0x60, 0x00, 0x06, 0x00, 0x00]);
    assert_eq!(h.app_type(), "60");
    assert_eq!(h.version(), "31");
    assert_eq!(h.terminal_status(), 0);
    assert_eq!(h.processing_requirement(), 0);
    assert_eq!(h.sub_version(), "311003");
    let d = decode(&f.body, Packing::Cups).unwrap();
    assert_eq!(d.consumed, f.body.len(), "every byte consumed");
    let m = &d.message;
    assert_eq!(m.mti, "0200");
    let nums: Vec<u8> = m.fields.keys().copied().collect();
    assert_eq!(
        nums,
        vec![2, 3, 4, 11, 14, 22, 23, 25, 26, 35, 41, 42, 48, 49, 52, 53, 55, 59, 60, 64]
    );
    let t = |n| m.text(n).unwrap().to_string();
    assert_eq!(t(2), "6224242900000113");
    assert_eq!(t(3), "000000");
    assert_eq!(t(4), "000000000001");
    assert_eq!(t(11), "000403");
    assert_eq!(t(14), "2806");
    assert_eq!(t(22), "071");
    assert_eq!(t(23), "000");
    assert_eq!(t(25), "00");
    assert_eq!(t(26), "12");
    assert_eq!(t(35), "6224242900000113D28062013949031013");
    assert_eq!(t(41), "10000019");
    assert_eq!(t(42), "850100082410002");
    assert_eq!(t(48), "0");
    assert_eq!(t(49), "156");
    assert_eq!(
        m.get(52),
        Some(&Value::Bytes(vec![
            0xD1, 0xEE, 0xF4, 0x19, 0xD0, 0xAE, 0x26, 0x09
        ]))
    );
    assert_eq!(t(53), "2600000000000000");
    let de55 = m.get(55).unwrap().as_bytes();
    assert_eq!(de55.len(), 139);
    let tlv = parse_tlv(de55).unwrap();
    let cid = tlv.iter().find(|x| x.tag == "9F27").unwrap();
    assert_eq!(cid.meaning, "ARQC");
    assert_eq!(tlv.last().unwrap().tag, "9F41");
    assert_eq!(t(59).len(), 153);
    assert_eq!(t(60), "22000024000600");
    assert_eq!(m.get(64).unwrap().as_bytes(), b"8F651B26");
    // And the same bytes come back out.
    assert_eq!(encode(m, Packing::Cups).unwrap(), f.body);
    assert_eq!(framing::wrap(Framing::Cups, Some(&h), &f.body), raw);
}

#[test]
fn values_in_place_are_what_the_owned_decode_copies() {
    // CUPS: BCD numerics with their alignment, binary kept, text as text.
    let body = framing::unframe(Framing::Cups, &cups_dump()).unwrap().body;
    let v = view(&body, Packing::Cups).unwrap();
    let of = |n: u8| v.fields.iter().find(|f| f.spec.num == n).unwrap();
    assert!(matches!(
        of(4).value(Packing::Cups),
        FieldValue::Bcd {
            digits: 12,
            right_aligned: true,
            ..
        }
    ));
    assert!(matches!(
        of(22).value(Packing::Cups),
        FieldValue::Bcd {
            digits: 3,
            right_aligned: false,
            ..
        }
    ));
    assert!(matches!(of(55).value(Packing::Cups), FieldValue::Bytes(b) if b.len() > 20));
    assert!(matches!(of(41).value(Packing::Cups), FieldValue::Text(t) if t.len() == 8));
    // ASCII: DE55 stays hex text in place (bytes when owned), a control byte in a text field
    // makes it bytes, an odd-length DE55 is text.
    let mut m = Message::new("0200")
        .with(11, "999999")
        .with(44, "SHOP\u{1}");
    m.set_bytes(55, vec![0x9F, 0x27, 0x01, 0x80]);
    let e = encode(&m, Packing::Ascii).unwrap();
    let v = view(&e, Packing::Ascii).unwrap();
    let got: Vec<FieldValue<'_>> = v.fields.iter().map(|f| f.value(Packing::Ascii)).collect();
    assert_eq!(
        got,
        [
            FieldValue::Text("999999"),
            FieldValue::Bytes(b"SHOP\x01"),
            FieldValue::Hex("9F270180"),
        ]
    );
    assert_eq!(format!("{:?}", got[2]), "Hex(<8 chars>)");
    let shown = format!("{v:?}");
    assert!(!shown.contains("57, 57, 57"), "{shown}");
    let d = decode(&e, Packing::Ascii).unwrap().message;
    assert_eq!(d.get(55), Some(&Value::Bytes(vec![0x9F, 0x27, 0x01, 0x80])));
    assert_eq!(d.get(44), Some(&Value::Bytes(b"SHOP\x01".to_vec())));
    let odd = String::from_utf8(e)
        .unwrap()
        .replace("0089F270180", "0079F27018");
    let v = view(odd.as_bytes(), Packing::Ascii).unwrap();
    assert_eq!(
        v.fields[2].value(Packing::Ascii),
        FieldValue::Text("9F27018")
    );
}

#[test]
fn every_prefix_and_corruption_is_handled() {
    let raw = cups_dump();
    for n in 0..raw.len() {
        let _ = framing::unframe(Framing::Cups, &raw[..n]);
        let _ = decode(&raw[13..n.max(13)], Packing::Cups);
        let _ = framing::diagnose(&raw[..n], Framing::Cups);
    }
    let ascii = encode(
        &Message::new("0200")
            .with(2, "6212345678901232")
            .with(4, "000000000100")
            .with(35, "6212345678901232=2812201")
            .with(70, "301"),
        Packing::Ascii,
    )
    .unwrap();
    for (buf, packing, skip) in [(&raw, Packing::Cups, 13usize), (&ascii, Packing::Ascii, 0)] {
        for i in 0..buf.len() {
            for x in [0x00u8, 0xFF, 0x30, 0x99, buf[i] ^ 0x01] {
                let mut c = buf.clone();
                c[i] = x;
                let _ = framing::unframe(Framing::Cups, &c);
                let _ = decode(&c[skip.min(c.len())..], packing);
            }
        }
    }
}

#[test]
fn bad_input_names_the_offset() {
    let e = decode(b"08X0", Packing::Ascii).unwrap_err();
    assert_eq!(e.offset, 2);
    let e = decode(&[0x02, 0x00, 0x40], Packing::Cups).unwrap_err();
    assert!(e.to_string().contains("bitmap"), "{e}");
}

fn digits(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, 1..=max)
        .prop_map(|v| v.into_iter().map(|d| char::from(b'0' + d)).collect())
}

fn fixed(n: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, n)
        .prop_map(|v| v.into_iter().map(|d| char::from(b'0' + d)).collect())
}

fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Za-z0-9 ]{{{min},{max}}}")).unwrap()
}

fn message() -> impl Strategy<Value = Message> {
    (
        (
            prop_oneof![Just("0200"), Just("0210"), Just("0800"), Just("0400")],
            proptest::option::of(digits(19)),
            proptest::option::of(fixed(6)),
            proptest::option::of(fixed(12)),
            proptest::option::of(fixed(3)),
            proptest::option::of(digits(30)),
        ),
        (
            proptest::option::of(text(2, 2)),
            proptest::option::of(text(8, 8)),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 8)),
            proptest::option::of(proptest::collection::vec(any::<u8>(), 0..255)),
            proptest::option::of(text(0, 40)),
            proptest::option::of(fixed(3)),
            proptest::option::of(digits(11)),
        ),
    )
        .prop_map(
            |((mti, f2, f3, f4, f22, f35), (f39, f41, f52, f55, f63, f70, f100))| {
                let mut m = Message::new(mti);
                if let Some(v) = f2 {
                    m.set(2, v);
                }
                if let Some(v) = f3 {
                    m.set(3, v);
                }
                if let Some(v) = f4 {
                    m.set(4, v);
                }
                if let Some(v) = f22 {
                    m.set(22, v);
                }
                if let Some(v) = f35 {
                    // Track 2 with a separator, as BCD carries it.
                    let (a, b) = v.split_at(v.len() / 2);
                    m.set(35, format!("{a}D{b}"));
                }
                if let Some(v) = f39 {
                    m.set(39, v);
                }
                if let Some(v) = f41 {
                    m.set(41, v);
                }
                if let Some(v) = f52 {
                    m.set_bytes(52, v);
                }
                if let Some(v) = f55 {
                    m.set_bytes(55, v);
                }
                if let Some(v) = f63 {
                    m.set(63, v);
                }
                if let Some(v) = f70 {
                    m.set(70, v);
                }
                if let Some(v) = f100 {
                    m.set(100, v);
                }
                m
            },
        )
}

proptest! {
    #[test]
    fn encode_decode_identity(m in message()) {
        for packing in [Packing::Ascii, Packing::Cups] {
            let e = encode(&m, packing).unwrap();
            let d = decode(&e, packing).unwrap();
            prop_assert_eq!(&d.message, &m);
            prop_assert_eq!(d.consumed, e.len());
        }
    }

    #[test]
    fn random_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode(&b, Packing::Cups);
        let _ = decode(&b, Packing::Ascii);
        let _ = framing::unframe(Framing::Cups, &b);
        let _ = framing::split(Framing::Ascii4, &b);
        let _ = framing::diagnose(&b, Framing::Len2);
    }
}

fn cli(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_explains_the_cups_dump_without_showing_card_data() {
    let dump = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/iso8583/cups-0200-purchase.hex"
    ))
    .unwrap();
    let (code, out, _) = cli(
        &["decode", "8583", "--format", "cups", "--framed", "-"],
        &dump,
    );
    assert_eq!(code, 0);
    assert!(out.contains("Fields (20):"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("  DE")).count(), 20);
    assert!(out.contains("622424******0113"));
    assert!(out.contains("9F27 Cryptogram Information Data") && out.contains("ARQC"));
    assert!(out.contains("[PIN block, 8 bytes]"));
    assert!(out.contains("60.1 transaction type: 22 (purchase)"));
    let (code, js, _) = cli(
        &[
            "decode", "8583", "--format", "cups", "--framed", "--json", "-",
        ],
        &dump,
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&js).unwrap();
    assert_eq!(v["mti"], "0200");
    assert_eq!(v["fields"]["2"], "622424******0113");
    assert_eq!(v["fields"]["52"], "[PIN block, 8 bytes]");
    assert_eq!(v["fields"].as_object().unwrap().len(), 20);
    assert!(v["de55"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["tag"] == "9F27" && t["value"].as_str().unwrap().contains("ARQC")));
    // (find_clear_pan is not used here: hex of DE55/DE59 holds Luhn-valid digit runs that
    // are not PANs.)
    for text in [&out, &js] {
        assert!(!text.contains("6224242900000113"));
        assert!(!text.contains("3949031013"));
        assert!(!text.contains("D1EEF419"));
    }
    // Truncated: exit 2, one line naming the offset and the length mismatch.
    let (code, _, err) = cli(
        &["decode", "8583", "--format", "cups", "--framed", "-"],
        &dump[..600],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("at byte") && err.contains("the length header says 426"),
        "{err}"
    );
    let (code, _, err) = cli(&["decode", "8583", "-"], b"zz\n");
    assert_eq!(code, 2);
    assert!(err.contains("offset 0"), "{err}");
    // ASCII text or hex of it both decode.
    let (code, out, _) = cli(
        &[
            "decode",
            "8583",
            "0800822000000000000004000000000000001126123456000001301",
        ],
        b"",
    );
    assert_eq!(code, 0);
    assert!(out.contains("echo test"), "{out}");
}
