//! EMV on top of TLV: bit maps, CID, CVM list/results, AFL, DOL (python-emv Barclays CDOL1),
//! terminal data, AIDs, masking of card-data tags.

use super::tlv::fixture;
use cardbench::codec::emv::*;
use cardbench::codec::tlv::{find, parse};
use cardbench::codec::DecodeErrorKind;
use cardbench::hexfmt::parse_hex;

fn set_meanings(bits: &[Bit]) -> Vec<&'static str> {
    bits.iter().filter(|b| b.set).map(|b| b.meaning).collect()
}

#[test]
fn aip_7c00() {
    let m = set_meanings(&decode_aip(&[0x7C, 0x00]));
    assert_eq!(
        m,
        [
            "SDA supported",
            "DDA supported",
            "cardholder verification is supported",
            "terminal risk management is to be performed",
            "issuer authentication is supported"
        ]
    );
    let m = set_meanings(&decode_aip(&[0x78, 0x00]));
    assert_eq!(m.len(), 4);
    assert!(!m.contains(&"issuer authentication is supported"));
}

#[test]
fn tvr_bits() {
    let tvr = decode_tvr(&parse_hex("80 40 20 80 40").unwrap());
    let m = set_meanings(&tvr);
    assert_eq!(
        m,
        [
            "offline data authentication was not performed",
            "expired application",
            "PIN try limit exceeded",
            "transaction exceeds floor limit",
            "issuer authentication failed"
        ]
    );
    assert_eq!(tvr.len(), 40);
    assert!(decode_tvr(&[0; 5]).iter().all(|b| !b.set));
    // short value: missing bytes read as clear, no panic
    assert!(decode_tvr(&[0xFF]).iter().filter(|b| b.set).count() == 8);
}

#[test]
fn tsi_auc_caps() {
    let m = set_meanings(&decode_tsi(&[0xE8, 0x00]));
    assert_eq!(m.len(), 4);
    assert!(m.contains(&"terminal risk management was performed"));
    let m = set_meanings(&decode_auc(&[0xFF, 0x00]));
    assert_eq!(m.len(), 8);
    let m = set_meanings(&decode_term_caps(&[0xE0, 0xE1, 0xC8]));
    assert!(m.contains(&"IC with contacts"));
    assert!(m.contains(&"CDA"));
    assert!(!m.contains(&"card capture"));
}

#[test]
fn cid() {
    for (b, code) in [(0x00, "AAC"), (0x40, "TC"), (0x80, "ARQC"), (0xC0, "RFU")] {
        assert_eq!(decode_cid(&[b]).unwrap().kind.code(), code);
    }
    let c = decode_cid(&[0x0A]).unwrap();
    assert!(c.advice_required);
    assert_eq!(c.reason_text(), "PIN try limit exceeded");
    assert!(decode_cid(&[]).is_none());
    assert_eq!(display_value(0x9F27, &[0x80]), "80 (ARQC)");
}

#[test]
fn cvm_list_and_results() {
    // X = 0, Y = 0; online PIN always (next if fails); signature; no CVM
    let l = parse_cvm_list(&parse_hex("00000000 00000000 4203 1E03 1F00").unwrap()).unwrap();
    assert_eq!((l.x, l.y), (0, 0));
    assert_eq!(l.rules.len(), 3);
    assert_eq!(l.rules[0].method(), "enciphered PIN verified online");
    assert!(l.rules[0].apply_next_if_fails);
    assert_eq!(l.rules[0].condition_text(), "if terminal supports the CVM");
    assert_eq!(l.rules[1].method(), "signature (paper)");
    assert_eq!(l.rules[2].method(), "no CVM required");
    assert_eq!(l.rules[2].condition_text(), "always");
    let e = parse_cvm_list(&[0; 7]).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Truncated);
    assert!(parse_cvm_list(&[0; 9]).is_err());
    let r = decode_cvm_results(&[0x42, 0x03, 0x00]).unwrap();
    assert_eq!(r.rule.code, 0x02);
    assert_eq!(r.result_text(), "unknown");
    let r = decode_cvm_results(&[0x1F, 0x00, 0x02]).unwrap();
    assert_eq!(r.rule.method(), "no CVM required");
    assert_eq!(r.result_text(), "successful");
    assert!(decode_cvm_results(&[0x1F]).is_none());
}

#[test]
fn afl_example_of_protocols_5_1() {
    let afl = parse_afl(&parse_hex("08 02 02 00 10 01 04 00 18 01 02 01").unwrap()).unwrap();
    assert_eq!(
        afl,
        vec![
            AflEntry {
                sfi: 1,
                first: 2,
                last: 2,
                oda: 0
            },
            AflEntry {
                sfi: 2,
                first: 1,
                last: 4,
                oda: 0
            },
            AflEntry {
                sfi: 3,
                first: 1,
                last: 2,
                oda: 1
            },
        ]
    );
    assert_eq!(afl[2].p2(), 0x1C);
    assert_eq!(afl[1].records().count(), 4);
    // from the GPO format 1 response
    let t = parse(&fixture("gpo-format1.hex")).unwrap();
    assert_eq!(parse_afl(&t[0].value[2..]).unwrap(), afl);
}

#[test]
fn afl_refuses_what_emv_refuses() {
    assert_eq!(
        parse_afl(&[0x08, 1, 1]).unwrap_err().kind,
        DecodeErrorKind::Truncated
    );
    assert_eq!(parse_afl(&[0x00, 1, 1, 0]).unwrap_err().offset, 0); // SFI 0
    assert_eq!(parse_afl(&[0xF8, 1, 1, 0]).unwrap_err().offset, 0); // SFI 31
    assert_eq!(
        parse_afl(&[0x08, 1, 1, 0, 0x10, 0, 1, 0])
            .unwrap_err()
            .offset,
        5
    );
    assert_eq!(parse_afl(&[0x08, 3, 2, 0]).unwrap_err().offset, 1);
    assert_eq!(parse_afl(&[0x08, 1, 2, 3]).unwrap_err().offset, 3);
    assert!(parse_afl(&[]).unwrap().is_empty());
}

/// The bench reads a card's AFL with the same entry reader, leniently (EMV Book 3 §10.2 says
/// refuse; the bench reads what it can and lets the records tell): record 0 skipped, a last
/// record before the first read as the first alone, and a short entry at the end kept as
/// trailing bytes (a warning), not dropped.
#[test]
fn afl_as_the_bench_reads_it() {
    let v = [0x08, 0, 2, 2, 0x10, 5, 3, 1, 0x18, 1, 1, 0, 0x20, 1];
    assert_eq!(
        parse_afl(&v).unwrap_err().offset,
        1,
        "the strict reader refuses record 0"
    );
    let afl = read_afl(&v);
    assert_eq!(afl.entries.len(), 3);
    assert_eq!(afl.entries[1], AflEntry::from_bytes([0x10, 5, 3, 1]));
    assert_eq!(afl.trailing, [0x20, 1]);
    let records: Vec<_> = afl.records().collect();
    assert_eq!(records, [(1, 1), (1, 2), (2, 5), (3, 1)]);
    let oda: Vec<_> = afl.oda_records().collect();
    assert_eq!(oda, [(1, 1), (2, 5)]);
    // ODA counts past record 255 stop there.
    let high = read_afl(&[0x08, 0xFF, 0xFF, 3]);
    assert_eq!(high.oda_records().collect::<Vec<_>>(), [(1, 255)]);
    assert!(high.trailing.is_empty());
    let short = read_afl(&[0x08, 1, 1]);
    assert!(short.entries.is_empty() && short.trailing.len() == 3);
}

#[test]
fn barclays_cdol1_is_29_bytes() {
    let dol = parse_dol(&fixture("barclays-cdol1.hex")).unwrap();
    assert_eq!(dol.len(), 8);
    assert_eq!(
        dol[0],
        DolEntry {
            tag: 0x9F02,
            len: 6
        }
    );
    assert_eq!(dol[5], DolEntry { tag: 0x9A, len: 3 });
    assert_eq!(
        dol[7],
        DolEntry {
            tag: 0x9F37,
            len: 4
        }
    );
    assert_eq!(dol_len(&dol), 29);

    // python-emv TestDOL.test_serialise: 9A = 01 01 01, 95 = 80 00 00 00 00, rest zeros
    let want = parse_hex(
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 80 00 00 00 00 00 00 01 01 01 00 00 00 00 00",
    )
    .unwrap();
    let data = TerminalData::empty()
        .with(0x9A, [1, 1, 1])
        .with(0x95, [0x80, 0, 0, 0, 0]);
    assert_eq!(fill_dol(&dol, &data), want);
    let split = split_dol(&dol, &want).unwrap();
    assert_eq!(split[5], (0x9A, vec![1, 1, 1]));
    assert_eq!(split[3], (0x95, vec![0x80, 0, 0, 0, 0]));
    // python-emv TestDOL.test_unserialise: wrong length refused
    assert!(split_dol(&dol, &want[..24]).is_err());
}

#[test]
fn fill_dol_pads_and_truncates_by_format() {
    let dol = parse_dol(&parse_hex("9F02 03 9F02 08 50 04 50 02 5A 06 DF01 02").unwrap()).unwrap();
    let data = TerminalData::empty()
        .with(0x9F02, [0, 0, 0, 0x12, 0x34, 0x56])
        .with(0x50, *b"ABC")
        .with(0x5A, [0x12, 0x34]);
    let out = fill_dol(&dol, &data);
    assert_eq!(
        out,
        parse_hex("123456 0000000000123456 41424300 4142 1234FFFFFFFF 0000").unwrap()
    );
}

#[test]
fn terminal_data_defaults_fill_the_cups_pdol_style_lists() {
    let d = TerminalData::fixed();
    assert_eq!(d.get(0x9F1A), Some(&[0x01, 0x56][..]));
    assert_eq!(d.get(0x5F2A), Some(&[0x01, 0x56][..]));
    assert_eq!(d.get(0x9F35), Some(&[0x22][..]));
    assert_eq!(d.get(0x9F33), Some(&[0xE0, 0xE1, 0xC8][..]));
    let dol = parse_dol(&fixture("barclays-cdol1.hex")).unwrap();
    let out = fill_dol(&dol, &d);
    assert_eq!(out.len(), 29);
    assert_eq!(&out[12..14], &[0x01, 0x56]);
    let mut d = TerminalData::now();
    d.set_amount(12345);
    assert_eq!(d.get(0x9F02), Some(&[0, 0, 0, 0x01, 0x23, 0x45][..]));
    assert_eq!(d.get(0x9A).map(<[u8]>::len), Some(3));
}

#[test]
fn dol_errors() {
    assert_eq!(
        parse_dol(&[0x9F]).unwrap_err().kind,
        DecodeErrorKind::Truncated
    );
    let e = parse_dol(&[0x9A, 0x03, 0x9F, 0x37]).unwrap_err();
    assert_eq!((e.kind, e.offset), (DecodeErrorKind::Truncated, 4));
    assert_eq!(e.layer, "emv");
}

#[test]
fn aids() {
    let cups_credit = parse_hex("A0 00 00 03 33 01 01 02").unwrap();
    assert_eq!(scheme_of_aid(&cups_credit), Some("UnionPay"));
    assert_eq!(lookup_aid(&cups_credit).unwrap().label, "UnionPay credit");
    assert_eq!(
        lookup_aid(&parse_hex("A000000333010101").unwrap())
            .unwrap()
            .label,
        "UnionPay debit"
    );
    assert_eq!(
        lookup_aid(&parse_hex("A000000333010103").unwrap())
            .unwrap()
            .label,
        "UnionPay quasi-credit"
    );
    assert_eq!(
        lookup_aid(&parse_hex("A000000333010106").unwrap())
            .unwrap()
            .label,
        "UnionPay electronic cash"
    );
    for (aid, scheme) in [
        ("A0000000031010", "Visa"),
        ("A0000000041010", "Mastercard"),
        ("A00000002501", "American Express"),
        ("A0000000651010", "JCB"),
        ("A0000001523010", "Discover"),
        ("A0000005241010", "RuPay"),
        ("A0000002771010", "Interac"),
        ("A0000006581010", "Mir"),
        ("A000000003999999", "Visa"),
    ] {
        assert_eq!(
            scheme_of_aid(&parse_hex(aid).unwrap()),
            Some(scheme),
            "{aid}"
        );
    }
    assert_eq!(scheme_of_aid(&parse_hex("A0000009999999").unwrap()), None);
    assert_eq!(scheme_of_aid(&[]), None);
}

#[test]
fn dictionary() {
    assert!(TAGS.len() >= 80);
    assert_eq!(
        tag_info(0x9F27).unwrap().name,
        "Cryptogram Information Data"
    );
    assert_eq!(
        tag_info(0x5A).unwrap().class(),
        ValueClass::CompressedNumeric
    );
    assert_eq!(tag_info(0x9F02).unwrap().class(), ValueClass::Numeric);
    assert_eq!(tag_info(0x50).unwrap().class(), ValueClass::Text);
    assert_eq!(tag_info(0x70).unwrap().class(), ValueClass::Template);
    assert!(tag_info(0xDF8101).is_none());
    // every tag of protocols.md §5.3 is known
    for t in [
        0x4F, 0x50, 0x57, 0x5A, 0x5F20, 0x5F24, 0x5F25, 0x5F28, 0x5F2A, 0x5F30, 0x5F34, 0x61, 0x6F,
        0x70, 0x77, 0x80, 0x82, 0x84, 0x87, 0x88, 0x8A, 0x8C, 0x8D, 0x8E, 0x91, 0x94, 0x95, 0x9A,
        0x9B, 0x9C, 0x9F02, 0x9F03, 0x9F06, 0x9F07, 0x9F08, 0x9F09, 0x9F10, 0x9F1A, 0x9F26, 0x9F27,
        0x9F33, 0x9F34, 0x9F35, 0x9F36, 0x9F37, 0x9F38, 0x9F6B, 0xA5, 0xBF0C,
    ] {
        assert!(tag_info(t).is_some(), "{t:X}");
    }
}

#[test]
fn card_data_tags_are_masked() {
    for t in [0x5A, 0x56, 0x57, 0x9F6B, 0x9F1F, 0x9F20, 0x99] {
        assert!(is_card_data_tag(t), "{t:X}");
    }
    assert!(!is_card_data_tag(0x9F26));
    let pan = parse_hex("62 12 34 56 78 90 12 32").unwrap();
    assert_eq!(display_value(0x5A, &pan), "621234******1232");
    // odd-length PAN with F pad
    let pan19 = parse_hex("62 12 34 56 78 90 12 34 56 7F").unwrap();
    let s = display_value(0x5A, &pan19);
    assert!(
        s.starts_with("621234") && s.ends_with("4567") && !s.contains('F'),
        "{s}"
    );
    let t2 = parse_hex("62 12 34 56 78 90 12 32 D2 81 22 01 12 34 56 78 9F").unwrap();
    for tag in [0x57, 0x9F6B] {
        let s = display_value(tag, &t2);
        assert!(s.starts_with("621234******1232"), "{s}");
        assert!(!s.contains("2812201"), "{s}");
        assert!(cardbench::sensitive::find_clear_pan(&s).is_none());
    }
    let t1 = b"B6212345678901232^ZHANG/SAN^2812201000000123456";
    let s = display_value(0x56, t1);
    assert!(s.contains("621234******1232"), "{s}");
    assert!(!s.contains("2812201"), "{s}");
    assert_eq!(display_value(0x9F20, &[1, 2, 3]), "(hidden, 3 bytes)");
    assert_eq!(display_value(0x99, &[1; 8]), "(hidden, 8 bytes)");
    // a PAN hidden in an unknown tag's value is masked by the guard
    let s = display_value(0xDF01, &pan);
    assert!(cardbench::sensitive::find_clear_pan(&s).is_none(), "{s}");
    // zeros are not mistaken for a PAN
    assert_eq!(display_value(0x9F10, &[0; 10]), "00000000000000000000");
}

#[test]
fn display_values() {
    assert_eq!(display_value(0x50, b"VISA DEBIT"), "\"VISA DEBIT\"");
    assert_eq!(display_value(0x9F02, &[0, 0, 0, 0, 0, 1]), "000000000001");
    assert_eq!(display_value(0x5F2A, &[0x01, 0x56]), "0156 (CNY)");
    assert_eq!(display_value(0x9F1A, &[0x01, 0x56]), "0156 (China)");
    assert_eq!(
        display_value(0x9A, &[0x19, 0x08, 0x30]),
        "190830 (2019-08-30)"
    );
    assert_eq!(display_value(0x9C, &[0x00]), "00 (goods and services)");
    assert_eq!(
        display_value(0x84, &parse_hex("A000000333010102").unwrap()),
        "A000000333010102 (UnionPay credit)"
    );
    assert_eq!(display_value(0x82, &[0x7C, 0x00]), "7C00");
    assert_eq!(display_value(0x84, b"1PAY.SYS.DDF01"), "\"1PAY.SYS.DDF01\"");
    assert_eq!(display_value(0x84, &[0xA0, 0, 0, 0x09, 0x99]), "A000000999");
    assert_eq!(display_value(0x50, &[0x01, 0x02]), "0102");
}

#[test]
fn explain_lines() {
    let l = explain_tag(0x94, &parse_hex("0801010010010200").unwrap());
    assert_eq!(
        l,
        [
            "SFI 1 record 1 (0 for offline data authentication)",
            "SFI 2 records 1-2 (0 for offline data authentication)"
        ]
    );
    let l = explain_tag(0x8C, &fixture("barclays-cdol1.hex"));
    assert_eq!(l.len(), 9);
    assert_eq!(l[0], "9F02 Amount, Authorised (Numeric) (6 bytes)");
    assert_eq!(l[8], "total 29 bytes");
    let l = explain_tag(0x95, &[0; 5]);
    assert_eq!(l, ["no TVR bit set"]);
    let l = explain_tag(0x95, &[0, 0x40, 0, 0, 0]);
    assert_eq!(l, ["[x] byte 2 bit 40: expired application"]);
    let l = explain_tag(0x9B, &[0x00, 0x01]);
    assert_eq!(l, ["[x] byte 2 bits 01: RFU"]);
    let l = explain_tag(0x9F27, &[0x80]);
    assert_eq!(l, ["ARQC: online authorisation requested"]);
    let l = explain_tag(0x9F34, &[0x1E, 0x03, 0x00]);
    assert_eq!(l[0], "CVM performed: 1E signature (paper)");
    let l = explain_tag(0x94, &[0x08, 0x01]);
    assert!(l[0].starts_with("! "), "{l:?}");
    let l = explain_tag(0x9F35, &[0x22]);
    assert_eq!(l, ["merchant, attended, offline with online capability"]);
    assert!(explain_tag(0x9F26, &[0; 8]).is_empty());
    // CUPS DE55: every line of every tag explains without panicking
    let t = parse(&fixture("cups-de55.hex")).unwrap();
    for x in &t {
        let _ = explain_tag(x.tag.0, &x.value);
    }
    assert_eq!(
        display_value(0x9F27, &find(&t, 0x9F27).unwrap().value),
        "80 (ARQC)"
    );
}

#[test]
fn more_explanations() {
    let l = explain_tag(0x5F30, &[0x02, 0x01]);
    assert_eq!(l.len(), 3, "{l:?}");
    assert!(l[0].starts_with("2: "), "{l:?}");
    assert_eq!(explain_tag(0x9F39, &[0x07]), ["contactless chip"]);
    // IACs use the TVR layout
    let l = explain_tag(0x9F0E, &[0, 0x40, 0, 0, 0]);
    assert_eq!(l, ["[x] byte 2 bit 40: expired application"]);
    let l = explain_tag(0x9F66, &[0x36, 0x00, 0x40, 0x00]);
    assert!(l.contains(&"[x] byte 1 bit 20: EMV mode (qVSDC) supported".to_string()));
    let l = explain_tag(0x9F6C, &[0x00, 0x80]);
    assert_eq!(l, ["[x] byte 2 bit 80: consumer device CVM performed"]);
    let l = explain_tag(0x9F40, &parse_hex("6000F0A001").unwrap());
    assert!(l.contains(&"[x] byte 1 bit 40: goods".to_string()));
    assert_eq!(l.len(), 9);
    // short or odd values never panic
    for tag in [0x5F30, 0x9F39, 0x9F0D, 0x9F66, 0x9F6C, 0x9F40, 0x87, 0x9F35] {
        let _ = explain_tag(tag, &[]);
        let _ = explain_tag(tag, &[0xFF]);
        let _ = display_value(tag, &[]);
    }
}
