//! BER-TLV: known answers from protocols.md §4.2/§5.1/§6.7 and python-emv, round-trip and
//! robustness properties, the depth cap, and `cardbench decode tlv`.

use cardbench::codec::tlv::{self, cons, encode, find, find_all, parse, prim, Tag, Tlv};
use cardbench::codec::DecodeErrorKind;
use cardbench::hexfmt::parse_hex;
use proptest::prelude::*;

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/tlv/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_hex(&text).unwrap()
}

pub const FIXTURES: &[&str] = &[
    "gpo-format1.hex",
    "gpo-format2.hex",
    "gpo-format2-acceptance.hex",
    "select-pse-fci.hex",
    "read-record-pse-dir.hex",
    "python-emv-duplicates.hex",
    "python-emv-fci.hex",
    "python-emv-genac-format2.hex",
    "cups-de55.hex",
];

#[test]
fn every_fixture_round_trips() {
    for f in FIXTURES {
        let b = fixture(f);
        let t = parse(&b).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(encode(&t), b, "{f}");
    }
}

#[test]
fn gpo_format1() {
    let t = parse(&fixture("gpo-format1.hex")).unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].tag, 0x80);
    assert!(!t[0].is_constructed());
    assert_eq!(&t[0].value[..2], &[0x78, 0x00]);
    assert_eq!(t[0].value.len(), 14);
}

#[test]
fn gpo_format2() {
    let t = parse(&fixture("gpo-format2.hex")).unwrap();
    assert_eq!(t[0].tag, 0x77);
    assert_eq!(find(&t, 0x82).unwrap().value, vec![0x39, 0x00]);
    let afl = find(&t, 0x94).unwrap();
    assert_eq!(afl.value, parse_hex("18 01 02 01 20 02 04 00").unwrap());
    assert_eq!(afl.offset, 6);
}

#[test]
fn select_pse_fci() {
    let t = parse(&fixture("select-pse-fci.hex")).unwrap();
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].tag, 0x6F);
    assert_eq!(find(&t, 0x84).unwrap().value, b"1PAY.SYS.DDF01");
    let a5 = find(&t, 0xA5).unwrap();
    assert_eq!(a5.children.len(), 3);
    assert_eq!(find(&t, 0x88).unwrap().value, vec![1]);
    assert_eq!(find(&t, 0x5F2D).unwrap().value, b"enesfrde");
    assert_eq!(find(&t, 0x9F11).unwrap().value, vec![1]);
    assert_eq!(find(&t, 0x9F11).unwrap().tag.to_hex(), "9F11");
}

#[test]
fn read_record_directory() {
    let t = parse(&fixture("read-record-pse-dir.hex")).unwrap();
    assert_eq!(t[0].tag, 0x70);
    assert_eq!(t[0].children[0].tag, 0x61);
    assert_eq!(find(&t, 0x50).unwrap().value, b"VISA DEBIT");
    assert_eq!(
        find(&t, 0x4F).unwrap().value,
        parse_hex("A0 00 00 00 03 10 10").unwrap()
    );
    assert_eq!(find(&t, 0x87).unwrap().value, vec![1]);
}

#[test]
fn duplicate_tags_kept_in_order() {
    let t = parse(&fixture("python-emv-duplicates.hex")).unwrap();
    assert_eq!(t.len(), 1);
    let apps = &t[0].children;
    assert_eq!(apps.len(), 3);
    assert!(apps.iter().all(|a| a.tag == 0x61));
    let labels: Vec<&[u8]> = find_all(&t, 0x50).iter().map(|l| &l.value[..]).collect();
    assert_eq!(
        labels,
        vec![&b"LINK ATM"[..], &b"VISA DEBIT"[..], &b"BARCLAYS"[..]]
    );
}

#[test]
fn python_emv_tlv() {
    let t = parse(&fixture("python-emv-fci.hex")).unwrap();
    assert!(find(&t, 0xA5)
        .unwrap()
        .children
        .iter()
        .any(|c| c.tag == 0x50));
    let t = parse(&fixture("python-emv-genac-format2.hex")).unwrap();
    assert_eq!(
        find(&t, 0x9F26).unwrap().value,
        parse_hex("6E CF 93 47 C1 A9 24 71").unwrap()
    );
    assert_eq!(parse(&[0x9F, 0x17, 0x01, 0x03]).unwrap()[0].value, vec![3]);
}

#[test]
fn cups_de55() {
    let b = fixture("cups-de55.hex");
    assert_eq!(b.len(), 139);
    let t = parse(&b).unwrap();
    let tags: Vec<String> = t.iter().map(|x| x.tag.to_string()).collect();
    assert_eq!(
        tags,
        [
            "9F26", "9F27", "9F10", "9F37", "9F36", "95", "9A", "9C", "9F02", "5F2A", "82", "9F1A",
            "9F03", "9F33", "9F35", "9F1E", "84", "9F09", "9F41"
        ]
    );
    assert_eq!(find(&t, 0x9F27).unwrap().value, vec![0x80]);
    assert_eq!(find(&t, 0x82).unwrap().value, vec![0x7C, 0x00]);
    assert_eq!(find(&t, 0x9F33).unwrap().value, vec![0xE0, 0xE1, 0xC8]);
    assert_eq!(
        find(&t, 0x84).unwrap().value,
        parse_hex("A0 00 00 03 33 01 01 02").unwrap()
    );
}

#[test]
fn padding_between_objects_is_skipped() {
    let b = parse_hex("00 00 70 08 5A 01 12 00 FF 9F 36 00 FF FF 82 02 7C 00 00").unwrap();
    let t = parse(&b).unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].children.len(), 2);
    assert_eq!(t[0].children[1].tag, 0x9F36);
    assert!(t[0].children[1].value.is_empty());
    assert_eq!(t[1].offset, 14);
}

#[test]
fn unknown_and_long_tags_kept_raw() {
    // DF8101 (3-byte tag, private class) and BF0C constructed
    let b = parse_hex("DF 81 01 02 AB CD BF 0C 03 C1 01 07").unwrap();
    let t = parse(&b).unwrap();
    assert_eq!(t[0].tag, Tag(0xDF8101));
    assert_eq!(t[0].tag.to_hex(), "DF8101");
    assert_eq!(t[1].tag.to_string(), "BF0C");
    assert_eq!(t[1].children[0].tag, 0xC1);
    assert_eq!(encode(&t), b);
}

#[test]
fn errors_name_the_offset() {
    let e = parse(&parse_hex("5A 08 01 02").unwrap()).unwrap_err();
    assert_eq!((e.kind, e.offset), (DecodeErrorKind::Truncated, 1));
    // inner object truncated: offset is absolute
    let e = parse(&parse_hex("70 04 00 5A 05 01").unwrap()).unwrap_err();
    assert_eq!((e.kind, e.offset), (DecodeErrorKind::Truncated, 4));
    // 83 length beyond input
    let e = parse(&parse_hex("9F 10 83 FF FF FF 01 02").unwrap()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Truncated);
    let e = parse(&parse_hex("9F 10 82 01").unwrap()).unwrap_err();
    assert_eq!((e.kind, e.offset), (DecodeErrorKind::Truncated, 4));
    // tag cut in the middle
    let e = parse(&[0x9F]).unwrap_err();
    assert_eq!((e.kind, e.offset), (DecodeErrorKind::Truncated, 1));
    // indefinite length
    let e = parse(&[0x70, 0x80, 0x00, 0x00]).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Invalid);
    // 9 length bytes
    let e = parse(&[0x5A, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::TooLong);
    assert!(e.to_string().contains("at byte 1"), "{e}");
}

fn nested(depth: usize) -> Vec<u8> {
    // `70 84 <len32>` headers around one primitive; lengths computed inside out.
    let mut b = Vec::with_capacity(depth * 6 + 3);
    for i in 0..depth {
        let inner = (depth - i - 1) * 6 + 3;
        b.push(0x70);
        b.push(0x84);
        b.extend_from_slice(&(inner as u32).to_be_bytes());
    }
    b.extend_from_slice(&[0x9F, 0x36, 0x00]);
    b
}

#[test]
fn deep_nesting_is_refused_at_the_cap() {
    let e = parse(&nested(100_000)).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::TooDeep);
    // just under the cap still parses
    let ok = parse(&nested(tlv::MAX_DEPTH)).unwrap();
    assert!(find(&ok, 0x9F36).is_some());
    let e = parse(&nested(tlv::MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::TooDeep);
    // the short-length form of the same attack
    let mut b = vec![0x70; 100_000];
    b.push(0x00);
    assert!(parse(&b).is_err());
}

#[test]
fn builders_encode_like_parsed() {
    let t = cons(
        0x77,
        vec![
            prim(0x82, [0x7C, 0x00]),
            prim(0x94, parse_hex("08010100 10010200").unwrap()),
        ],
    );
    let b = encode(std::slice::from_ref(&t));
    assert_eq!(b, fixture("gpo-format2-acceptance.hex"));
    let back = parse(&b).unwrap();
    assert_eq!(back[0].without_offsets(), t);
    // long lengths: 81 and 82 forms
    let big = prim(0x9F4B, vec![0xAA; 300]);
    let b = encode(std::slice::from_ref(&big));
    assert_eq!(&b[..5], &[0x9F, 0x4B, 0x82, 0x01, 0x2C]);
    let mid = prim(0x90, vec![0x55; 200]);
    assert_eq!(&encode(&[mid])[..3], &[0x90, 0x81, 0xC8]);
}

#[test]
fn every_prefix_and_corruption_of_every_fixture_never_panics() {
    for f in FIXTURES {
        let b = fixture(f);
        for n in 0..=b.len() {
            let _ = parse(&b[..n]);
        }
        for i in 0..b.len() {
            for v in [0x00, 0xFF, 0x80, 0x81, 0x82, 0x83, 0x84, 0x1F, 0x20, 0x7F] {
                let mut c = b.clone();
                c[i] = v;
                if let Ok(t) = parse(&c) {
                    // whatever parses re-encodes without panicking
                    let _ = encode(&t);
                }
            }
            let mut c = b.clone();
            c[i] ^= 0x5A;
            let _ = parse(&c);
        }
    }
}

// ---- property tests ----------------------------------------------------------------------

/// Tags of 1–3 bytes with a given constructed bit; never `00`/`FF` first bytes (padding).
fn tag_strategy(constructed: bool) -> impl Strategy<Value = u32> {
    let c = if constructed { 0x20u8 } else { 0x00 };
    prop_oneof![
        // 1 byte: low 5 bits not 11111
        (0u8..4, 0u8..0x1F).prop_filter_map("not padding", move |(class, n)| {
            let b = (class << 6) | c | n;
            (b != 0x00 && b != 0xFF).then_some(u32::from(b))
        }),
        // 2 bytes: second byte < 0x80
        (0u8..4, 0x1Fu8..0x80).prop_map(move |(class, n)| {
            (u32::from((class << 6) | c | 0x1F) << 8) | u32::from(n)
        }),
        // 3 bytes
        (0u8..4, 0x81u8..=0xFF, 0u8..0x80).prop_map(move |(class, m, n)| {
            (u32::from((class << 6) | c | 0x1F) << 16) | (u32::from(m) << 8) | u32::from(n)
        }),
    ]
    .prop_filter("first byte not FF", |t| Tag(*t).first_byte() != 0xFF)
}

fn tlv_strategy() -> impl Strategy<Value = Tlv> {
    let leaf = (
        tag_strategy(false),
        prop_oneof![
            3 => proptest::collection::vec(any::<u8>(), 0..20),
            1 => proptest::collection::vec(any::<u8>(), 120..300),
        ],
    )
        .prop_map(|(t, v)| prim(t, v));
    leaf.prop_recursive(4, 40, 5, |inner| {
        (tag_strategy(true), proptest::collection::vec(inner, 0..5))
            .prop_map(|(t, children)| cons(t, children))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn encode_then_parse_is_identity(items in proptest::collection::vec(tlv_strategy(), 1..4)) {
        let bytes = encode(&items);
        let back = parse(&bytes).unwrap();
        let back: Vec<Tlv> = back.iter().map(Tlv::without_offsets).collect();
        prop_assert_eq!(back, items);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(items) = parse(&bytes) {
            // re-encoding is canonical
            let once = encode(&items);
            prop_assert_eq!(encode(&parse(&once).unwrap()), once);
            let _ = cardbench::explain::tlv::render_text(&items, 0);
        }
        let _ = cardbench::codec::emv::parse_dol(&bytes);
        let _ = cardbench::codec::emv::parse_afl(&bytes);
        let _ = cardbench::codec::emv::parse_cvm_list(&bytes);
    }
}

// ---- `cardbench decode tlv` ----------------------------------------------------------------

fn run_cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_gpo_acceptance() {
    let (rc, out, _) = run_cli(&["decode", "tlv", "770E82027C0094080801010010010200"], "");
    assert_eq!(rc, 0);
    assert!(
        out.contains("77 Response Message Template Format 2"),
        "{out}"
    );
    assert!(out.contains("[x] byte 1 bit 40: SDA supported"), "{out}");
    assert!(out.contains("[ ] byte 1 bit 01: CDA supported"), "{out}");
    assert!(out.contains("SFI 1 record 1 "), "{out}");
    assert!(out.contains("SFI 2 records 1-2 "), "{out}");
}

#[test]
fn cli_bad_hex_and_truncated_exit_2_with_offset() {
    let (rc, out, err) = run_cli(&["decode", "tlv", "-"], "zz\n");
    assert_eq!(rc, 2);
    assert!(out.is_empty());
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("offset 0"), "{err}");
    // Truncated: the output marks the object with its offset; stderr points there (said once).
    let (rc, out, err) = run_cli(&["decode", "tlv", "-"], "77 0E 82 02 7C 00 94 08 08 01\n");
    assert_eq!(rc, 2);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(out.contains("at byte 1"), "{out}");
    assert!(
        !err.contains("at byte 1") && err.contains("output marks"),
        "{err}"
    );
}

#[test]
fn cli_json_masks_card_data() {
    // synthetic test PAN 6212345678901232 in 5A and a track-2 equivalent in 57
    let hex = "70 1D 5A 08 62 12 34 56 78 90 12 32 57 11 62 12 34 56 78 90 12 32 D2 81 22 01 12 34 56 78 9F";
    let (rc, out, _) = run_cli(&["decode", "tlv", "--json", "-"], hex);
    assert_eq!(rc, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rec = &v[0];
    assert_eq!(rec["tag"], "70");
    assert_eq!(rec["len"], 29);
    assert!(rec["value"].is_null());
    assert_eq!(rec["children"][0]["tag"], "5A");
    assert_eq!(rec["children"][0]["value"], "621234******1232");
    assert_eq!(rec["children"][0]["name"], "Application PAN");
    assert!(
        cardbench::sensitive::find_clear_pan(&out).is_none(),
        "{out}"
    );
    assert!(!out.contains("6212345678901232"));
    assert!(!out.contains("2812201"));
    let (_, text, _) = run_cli(&["decode", "tlv", hex], "");
    assert!(
        cardbench::sensitive::find_clear_pan(&text).is_none(),
        "{text}"
    );
    assert!(text.contains("621234******1232"), "{text}");
}

#[test]
fn cli_cups_de55_reads_arqc() {
    let hex = std::fs::read_to_string(format!(
        "{}/fixtures/tlv/cups-de55.hex",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (rc, out, _) = run_cli(&["decode", "tlv", "-"], &hex);
    assert_eq!(rc, 0);
    assert!(
        out.contains("9F27 Cryptogram Information Data (1 byte): 80 (ARQC)"),
        "{out}"
    );
    let (rc, out, _) = run_cli(&["decode", "tlv", "--json", "-"], &hex);
    assert_eq!(rc, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 19);
    assert_eq!(v[1]["tag"], "9F27");
    assert_eq!(v[1]["value"], "80");
}

#[test]
fn cli_splits_a_trailing_status_word() {
    let (rc, out, _) = run_cli(
        &["decode", "tlv", "770E82027C0094080801010010010200 9000"],
        "",
    );
    assert_eq!(rc, 0);
    assert!(out.contains("SFI 2 records 1-2"), "{out}");
    assert!(
        out.trim_end().ends_with("status word 90 00: success"),
        "{out}"
    );
    assert!(!out.contains("Issuer Public Key Certificate"), "{out}");
    let (rc, out, _) = run_cli(&["decode", "tlv", "6F0784051122334455 6A82"], "");
    assert_eq!(rc, 0);
    assert!(out.contains("status word 6A 82"), "{out}");
    // a real `90` object is not mistaken for a status word
    let (rc, out, _) = run_cli(&["decode", "tlv", "9003AABBCC"], "");
    assert_eq!(rc, 0);
    assert!(
        out.contains("90 Issuer Public Key Certificate (3 bytes)"),
        "{out}"
    );
    assert!(!out.contains("status word"), "{out}");
}

#[test]
fn len_is_the_wire_length_and_rebuild_refreshes_it() {
    let t = parse(&parse_hex("70 06 00 5A 01 12 00 00").unwrap()).unwrap();
    assert_eq!(t[0].len(), 6);
    assert_eq!(encode(&t), parse_hex("70 03 5A 01 12").unwrap());
    let mut c = cons(0x77, vec![prim(0x82, [0x7C, 0x00])]);
    c.children.push(prim(0x9F36, [0x00, 0x01]));
    assert_eq!(c.len(), 4);
    c.rebuild();
    assert_eq!(c.len(), 9);
}

#[test]
fn pushed_values_past_127_bytes_round_trip() {
    // 1-, 2- and 3-byte length fields (short, `81 xx`, `82 xx xx`).
    for n in [0usize, 1, 127, 128, 200, 255, 256, 300, 1000, 65_535] {
        let value: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
        let mut b = Vec::new();
        tlv::push(&mut b, 0x9F10, &value);
        tlv::push(&mut b, 0x9F27, &[0x80]);
        let want_len_bytes = match n {
            0..=127 => 1,
            128..=255 => 2,
            _ => 3,
        };
        assert_eq!(b.len(), 2 + want_len_bytes + n + 4, "{n}");
        let t = parse(&b).unwrap();
        assert_eq!(t[0].value, value, "{n}");
        assert_eq!(t[1].value, [0x80], "{n}");
        assert_eq!(encode(&t), b, "{n}");
        let o = tlv::iter(&b).find_tag(0x9F10).unwrap();
        assert_eq!((o.value, o.value_offset), (&value[..], 2 + want_len_bytes));
    }
}

#[test]
fn borrowed_walk_agrees_with_the_owned_tree() {
    fn flatten(items: &[Tlv], depth: usize, out: &mut Vec<(u32, usize, usize, Vec<u8>)>) {
        for t in items {
            out.push((t.tag.0, t.offset, depth, t.value.clone()));
            flatten(&t.children, depth + 1, out);
        }
    }
    for f in FIXTURES {
        let b = fixture(f);
        let mut owned = Vec::new();
        flatten(&parse(&b).unwrap(), 0, &mut owned);
        let borrowed: Vec<_> = tlv::walk(&b)
            .map(|o| o.unwrap())
            .map(|o| (o.tag.0, o.offset, o.depth, o.value.to_vec()))
            .collect();
        assert_eq!(borrowed, owned, "{f}");
        let tree = parse(&b).unwrap();
        for (tag, ..) in &owned {
            assert_eq!(
                tlv::walk(&b).find_tag(*tag).map(|o| o.value.to_vec()),
                find(&tree, *tag).map(|t| t.value.clone()),
                "{f} {tag:X}"
            );
        }
    }
    // A malformed input: the walk yields what precedes the fault, then the parser's error.
    let b = parse_hex("70 04 00 5A 05 01").unwrap();
    let e = tlv::walk(&b).find_map(Result::err).unwrap();
    assert_eq!(e, parse(&b).unwrap_err());
    let e = tlv::walk(&nested(tlv::MAX_DEPTH + 1))
        .find_map(Result::err)
        .unwrap();
    assert_eq!(e.kind, DecodeErrorKind::TooDeep);
}
