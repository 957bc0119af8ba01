//! ATR parsing: every worked ATR of protocols.md §4.1, EMV rules, and robustness.

use cardbench::codec::atr::parse_atr;
use cardbench::codec::DecodeErrorKind;
use cardbench::hexfmt::parse_hex;
use proptest::prelude::*;

fn atr(h: &str) -> cardbench::codec::atr::Atr {
    parse_atr(&parse_hex(h).unwrap()).unwrap()
}

pub const WORKED: [&str; 5] = [
    "3B 60 00 00",
    "3B E0 00 FF 81 31 7C 41 92",
    "3B 67 00 00 86 60 22 22 27 80 01",
    "3B 6A 00 00 86 65 00 A7 58 C0 46 00 90 00",
    "3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00 9F",
];

#[test]
fn basic_t0() {
    let a = atr("3B 60 00 00");
    assert_eq!(a.byte("TB1"), Some(0));
    assert_eq!(a.byte("TC1"), Some(0));
    assert_eq!(a.k, 0);
    assert_eq!(a.protocols, vec![0]);
    assert!(!a.tck_required);
    assert_eq!(a.tck, None);
    assert!(a.tck_ok);
    assert!(a.emv_issues().is_empty());
}

#[test]
fn t1_with_tck() {
    let a = atr("3B E0 00 FF 81 31 7C 41 92");
    assert_eq!(a.byte("TD1"), Some(0x81));
    assert_eq!(a.byte("TD2"), Some(0x31));
    assert_eq!(a.ifsc, Some(124));
    assert_eq!(a.bwi, Some(4));
    assert_eq!(a.cwi, Some(1));
    assert_eq!(a.tck, Some(0x92));
    assert!(a.tck_ok);
    assert!(a.emv_issues().is_empty(), "{:?}", a.emv_issues());
}

#[test]
fn bank_cards() {
    let icbc = atr("3B 67 00 00 86 60 22 22 27 80 01");
    assert_eq!(icbc.protocols, vec![0]);
    assert_eq!(
        icbc.historical_bytes,
        parse_hex("86 60 22 22 27 80 01").unwrap()
    );
    assert_eq!(icbc.category, Some(0x86));
    let cmb = atr("3B 6A 00 00 86 65 00 A7 58 C0 46 00 90 00");
    assert_eq!(cmb.historical_bytes.len(), 10);
    assert_eq!(cmb.historical_bytes[8..], [0x90, 0x00]);
    let abc = atr("3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00 9F");
    assert_eq!(abc.byte("TD1"), Some(0x80));
    assert_eq!(abc.byte("TD2"), Some(0x01));
    assert_eq!(abc.protocols, vec![0, 1]);
    assert_eq!(abc.historical_bytes.len(), 13);
    assert!(abc.tck_required && abc.tck_ok);
    assert_eq!(abc.tck, Some(0x9F));
}

#[test]
fn wrong_and_missing_tck() {
    let a = atr("3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00 9E");
    assert!(!a.tck_ok);
    assert_eq!(a.tck_expected, Some(0x9F));
    assert!(a.emv_issues().iter().any(|i| i.contains("TCK")));
    let a = atr("3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00");
    assert!(!a.tck_ok);
    assert_eq!(a.tck, None);
}

#[test]
fn emv_rejects_ta1_18() {
    // The §4.1 example is abbreviated; this is its head with TA1=18 and a consistent tail.
    let a = atr("3B 9A 18 00 00 00 00 00 00 00 00 00 00 00");
    assert_eq!(a.d, Some(12));
    assert_eq!(a.f, Some(372));
    let issues = a.emv_issues();
    assert!(issues.iter().any(|i| i.contains("TA1")), "{issues:?}");
}

#[test]
fn emv_other_rules() {
    // TC1 = 05, TD1 offers T=0 with TC2 = 0B.
    let a = atr("3B C0 05 40 0B");
    let i = a.emv_issues();
    assert!(i.iter().any(|x| x.contains("TC1")), "{i:?}");
    assert!(i.iter().any(|x| x.contains("TC2")), "{i:?}");
    // T=1 with CWI 6, TC3 = 01 (CRC), IFSC 0F.
    let mut v = parse_hex("3B 80 81 71 0F 46 01").unwrap();
    let tck = v[1..].iter().fold(0, |a, b| a ^ b);
    v.push(tck);
    let a = parse_atr(&v).unwrap();
    assert!(a.tck_ok);
    assert_eq!(a.t1_edc, Some("CRC"));
    let i = a.emv_issues();
    assert_eq!(i.len(), 3, "{i:?}");
}

#[test]
fn bad_atrs_are_errors_with_offsets() {
    let e = parse_atr(&[0x03, 0x00]).unwrap_err();
    assert_eq!((e.offset, e.kind), (0, DecodeErrorKind::Invalid));
    let e = parse_atr(&parse_hex("3B 8D 80 01 00 04").unwrap()).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::Truncated);
    assert_eq!(e.offset, 6);
    let e = parse_atr(&parse_hex("3B F0 11").unwrap()).unwrap_err();
    assert_eq!(e.offset, 3);
}

#[test]
fn every_prefix_and_corruption_is_safe() {
    for h in WORKED {
        let v = parse_hex(h).unwrap();
        for n in 0..=v.len() {
            let _ = parse_atr(&v[..n]);
        }
        for i in 0..v.len() {
            for x in [0u8, 0xFF, 0x80, 0x0F, v[i] ^ 1, v[i] ^ 0x10] {
                let mut c = v.clone();
                c[i] = x;
                if let Ok(a) = parse_atr(&c) {
                    let _ = a.emv_issues();
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn never_panics(mut v in proptest::collection::vec(any::<u8>(), 0..40), direct in any::<bool>()) {
        if !v.is_empty() { v[0] = if direct { 0x3B } else { 0x3F }; }
        if let Ok(a) = parse_atr(&v) {
            let _ = a.emv_issues();
            prop_assert!(a.raw.len() + a.extra.len() == v.len());
        }
    }
}

/// Real bank-card ATRs from pcsc-tools (fixtures/atr/smartcard_list-bank.txt): all parse
/// without panicking, nearly all decode, and the TCK of those that carry one checks out.
#[test]
fn real_bank_atrs() {
    let text = include_str!("../../fixtures/atr/smartcard_list-bank.txt");
    let (mut total, mut ok, mut with_tck, mut tck_ok) = (0, 0, 0, 0);
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let atr_hex = line.split('\t').next().unwrap();
        let v = parse_hex(atr_hex).unwrap();
        total += 1;
        if let Ok(a) = parse_atr(&v) {
            ok += 1;
            let _ = a.emv_issues();
            if a.tck.is_some() {
                with_tck += 1;
                tck_ok += usize::from(a.tck_ok);
            }
        }
    }
    eprintln!("real ATRs: {total}, decoded {ok}, with TCK {with_tck}, TCK ok {tck_ok}");
    assert!(total > 800);
    assert!(ok * 100 >= total * 95, "{ok}/{total} decoded");
    assert!(tck_ok * 100 >= with_tck * 95, "{tck_ok}/{with_tck} TCK ok");
}
