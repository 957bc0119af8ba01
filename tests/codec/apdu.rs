//! APDU split, status words, and the T=0 exchange against the emv-utils / EMV Book 1 Annex A
//! vectors of protocols.md §4.2.

use cardbench::codec::apdu::{
    parse_command, parse_response, sw_info, transceive_with_get_response, ApduError, Command,
    SwClass, T0Action, T0Error, T0Exchange,
};
use cardbench::hexfmt::parse_hex;
use proptest::prelude::*;
use std::collections::VecDeque;

fn h(s: &str) -> Vec<u8> {
    parse_hex(s).unwrap()
}

fn ascii(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02X}")).collect()
}

/// Runs a T=0 exchange against a scripted card: each entry is (bytes the terminal must send,
/// bytes the card answers, possibly empty).
fn run_script(
    cmd: &Command,
    script: &[(Vec<u8>, Vec<u8>)],
) -> Result<cardbench::codec::apdu::Response, T0Error> {
    let mut ex = T0Exchange::new(cmd);
    let mut script: VecDeque<_> = script.iter().cloned().collect();
    let mut reply: VecDeque<u8> = VecDeque::new();
    loop {
        match ex.next_action() {
            T0Action::Send(b) => {
                let (expect, answer) = script
                    .pop_front()
                    .expect("terminal sent more than scripted");
                assert_eq!(b, expect, "terminal sent the wrong bytes");
                reply.extend(answer);
            }
            T0Action::Receive => {
                // Feed one byte at a time: chunking must not matter.
                let b = reply
                    .pop_front()
                    .expect("terminal waits for bytes the card never sends");
                ex.receive(&[b])?;
            }
            T0Action::Done(r) => {
                assert!(script.is_empty(), "unused script steps");
                assert!(reply.is_empty(), "unread card bytes");
                return Ok(r);
            }
        }
    }
}

#[test]
fn annex_a_read_record_6c() {
    let record = format!(
        "701A61184F07A0000000031010500A{}870101",
        ascii("VISA DEBIT")
    );
    let cmd = parse_command(&h("00 B2 01 0C 00")).unwrap();
    assert_eq!(cmd.case(), 2);
    let r = run_script(
        &cmd,
        &[
            (h("00 B2 01 0C 00"), h("6C 1C")),
            (h("00 B2 01 0C 1C"), h(&format!("B2 {record} 90 00"))),
        ],
    )
    .unwrap();
    assert_eq!(r.data, h(&record));
    assert_eq!(r.data.len(), 0x1C);
    assert!(r.is_ok());
}

#[test]
fn annex_a_select_pse_61() {
    let fci = format!(
        "6F24840E{}A5128801015F2D08{}9F110101",
        ascii("1PAY.SYS.DDF01"),
        ascii("enesfrde")
    );
    let cmd = parse_command(&h(&format!(
        "00 A4 04 00 0E {} 00",
        ascii("1PAY.SYS.DDF01")
    )))
    .unwrap();
    assert_eq!(cmd.case(), 4);
    let r = run_script(
        &cmd,
        &[
            (h("00 A4 04 00 0E"), h("A4")),
            (h(&ascii("1PAY.SYS.DDF01")), h("61 26")),
            (h("00 C0 00 00 26"), h(&format!("C0 {fci} 90 00"))),
        ],
    )
    .unwrap();
    assert_eq!(r.data, h(&fci));
    assert_eq!(r.data.len(), 0x26);
    assert!(r.is_ok());
}

#[test]
fn annex_a_error_on_second_exchange() {
    let cmd = parse_command(&h(&format!(
        "00 A4 04 00 0E {} 00",
        ascii("1PAY.SYS.DDF01")
    )))
    .unwrap();
    let r = run_script(
        &cmd,
        &[
            (h("00 A4 04 00 0E"), h("A4")),
            (h(&ascii("1PAY.SYS.DDF01")), h("6A 82")),
        ],
    )
    .unwrap();
    assert!(r.data.is_empty());
    assert_eq!(r.sw(), 0x6A82);
    assert_eq!(sw_info(r.sw1, r.sw2).text, "file or application not found");
}

#[test]
fn null_bytes_and_single_byte_procedure() {
    // Case 3 sent byte by byte (INS^FF), with NULL procedure bytes in between.
    let cmd = Command::new(0x00, 0x20, 0x00, 0x80, &[1, 2, 3], None);
    let r = run_script(
        &cmd,
        &[
            (h("00 20 00 80 03"), h("60 DF")),
            (h("01"), h("DF")),
            (h("02"), h("60 60 20")),
            (h("03"), h("63 C2")),
        ],
    )
    .unwrap();
    assert_eq!(r.sw(), 0x63C2);
    assert_eq!(
        sw_info(r.sw1, r.sw2).text,
        "verification failed, 2 tries left"
    );
    // Case 2 received byte by byte.
    let cmd = Command::new(0x80, 0xCA, 0x9F, 0x36, &[], Some(5));
    let r = run_script(
        &cmd,
        &[(h("80 CA 9F 36 05"), h("35 9F 35 36 35 02 CA 00 01 90 00"))],
    )
    .unwrap();
    assert_eq!(r.data, h("9F 36 02 00 01"));
}

#[test]
fn bad_procedure_byte_and_loops() {
    let cmd = Command::new(0x00, 0xB2, 0x01, 0x0C, &[], Some(256));
    let mut ex = T0Exchange::new(&cmd);
    assert_eq!(ex.next_action(), T0Action::Send(h("00 B2 01 0C 00")));
    assert_eq!(ex.receive(&[0x42]), Err(T0Error::BadProcedureByte(0x42)));
    // A card that answers 6C forever is cut off.
    let mut ex = T0Exchange::new(&cmd);
    let mut err = None;
    for _ in 0..100 {
        match ex.next_action() {
            T0Action::Send(_) => {}
            T0Action::Receive => {
                if let Err(e) = ex.receive(&[0x6C, 0x10]) {
                    err = Some(e);
                    break;
                }
            }
            T0Action::Done(_) => break,
        }
    }
    assert!(matches!(err, Some(T0Error::TooManyRounds(_))));
}

#[derive(Debug)]
struct Dead;
impl std::fmt::Display for Dead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("reader gone")
    }
}
impl std::error::Error for Dead {}

#[test]
fn apdu_level_get_response_and_resend() {
    let mut sent = Vec::new();
    let r = transceive_with_get_response(
        |c: &[u8]| -> Result<Vec<u8>, Dead> {
            sent.push(c.to_vec());
            Ok(match c {
                [0x00, 0xA4, ..] => h("61 04"),
                [0x00, 0xC0, 0x00, 0x00, 0x04] => h("6F 02 84 00 90 00"),
                _ => h("6F 00"),
            })
        },
        &h("00 A4 04 00 02 3F 00 00"),
    )
    .unwrap();
    assert_eq!(r.data, h("6F 02 84 00"));
    assert_eq!(sent.len(), 2);

    let mut sent = Vec::new();
    let r = transceive_with_get_response(
        |c: &[u8]| -> Result<Vec<u8>, Dead> {
            sent.push(c.to_vec());
            Ok(if c == h("00 B2 01 0C 00").as_slice() {
                h("6C 03")
            } else {
                h("70 01 00 90 00")
            })
        },
        &h("00 B2 01 0C 00"),
    )
    .unwrap();
    assert_eq!(sent[1], h("00 B2 01 0C 03"));
    assert_eq!(r.data, h("70 01 00"));

    let e = transceive_with_get_response(
        |_c: &[u8]| -> Result<Vec<u8>, Dead> { Err(Dead) },
        &h("00 B2 01 0C 00"),
    )
    .unwrap_err();
    assert!(matches!(e, ApduError::Transport(Dead)));
    let e = transceive_with_get_response(
        |_c: &[u8]| -> Result<Vec<u8>, Dead> { Ok(vec![0x90]) },
        &h("00 B2 01 0C 00"),
    )
    .unwrap_err();
    assert!(matches!(e, ApduError::Decode(_)));
}

#[test]
fn status_word_catalogue() {
    for (sw1, sw2, class) in [
        (0x90, 0x00, SwClass::Success),
        (0x61, 0x10, SwClass::Transport),
        (0x6C, 0x1C, SwClass::Transport),
        (0x62, 0x83, SwClass::Warning),
        (0x63, 0xC0, SwClass::Warning),
        (0x69, 0x85, SwClass::Error),
        (0x6A, 0x81, SwClass::Error),
        (0x6F, 0x00, SwClass::Error),
        (0x9F, 0x12, SwClass::Proprietary),
        (0x12, 0x34, SwClass::Invalid),
    ] {
        assert_eq!(sw_info(sw1, sw2).class, class, "{sw1:02X}{sw2:02X}");
    }
    assert!(sw_info(0x62, 0x83).text.contains("application blocked"));
    assert!(sw_info(0x6A, 0x81).text.contains("card blocked"));
    assert!(sw_info(0x6A, 0x83).text.contains("record not found"));
    assert!(sw_info(0x61, 0x26).text.contains("38 more bytes"));
    assert!(sw_info(0x6E, 0x01).text.contains("6E01"));
}

#[test]
fn command_forms() {
    let gpo = parse_command(&h("80 A8 00 00 02 83 00 00")).unwrap();
    assert_eq!(gpo.ins_name(), Some("GET PROCESSING OPTIONS"));
    assert_eq!(gpo.lc(), Some(2));
    assert_eq!(gpo.to_bytes(), h("80 A8 00 00 02 83 00 00"));
    let ext = parse_command(&h("00 B0 00 00 00 01 00")).unwrap();
    assert!(ext.extended);
    assert_eq!(ext.le, Some(256));
    assert_eq!(ext.to_bytes(), h("00 B0 00 00 00 01 00"));
    assert!(parse_command(&h("00 A4 04")).is_err());
    assert!(parse_command(&h("00 A4 04 00 02 3F 00 00 00")).is_err());
    let r = parse_response(&h("6A 82")).unwrap();
    assert!(r.data.is_empty());
    assert!(parse_response(&h("90")).is_err());
}

proptest! {
    #[test]
    fn command_roundtrip(cla in any::<u8>(), ins in any::<u8>(), p1 in any::<u8>(), p2 in any::<u8>(),
                         data in proptest::collection::vec(any::<u8>(), 0..300),
                         le in proptest::option::of(1usize..=256)) {
        let c = Command::new(cla, ins, p1, p2, &data, le);
        let back = parse_command(&c.to_bytes()).unwrap();
        prop_assert_eq!(back.data, c.data);
        prop_assert_eq!(back.le, c.le);
    }

    #[test]
    fn parsers_never_panic(b in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_command(&b);
        let _ = parse_response(&b);
    }

    #[test]
    fn t0_never_panics(hdr in proptest::collection::vec(any::<u8>(), 4..12),
                       card in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(cmd) = parse_command(&hdr) {
            let mut ex = T0Exchange::new(&cmd);
            let mut it = card.chunks(7);
            for _ in 0..2000 {
                match ex.next_action() {
                    T0Action::Send(_) => {}
                    T0Action::Receive => match it.next() {
                        Some(c) => if ex.receive(c).is_err() { break },
                        None => break,
                    },
                    T0Action::Done(_) => break,
                }
            }
        }
    }
}

/// The borrowed readers the frame logs and the CRT-310 driver use: an R-APDU split in place,
/// the secret data of the PIN commands whatever Lc says, and a short case-4 command as T=0
/// carries it (without Le; anything else is not case 4).
#[test]
fn borrowed_readers_for_logs_and_t0() {
    use cardbench::codec::apdu::{case4_without_le, secret_data, split_response};
    assert_eq!(
        split_response(&h("6F00 9000")),
        Some((&h("6F00")[..], 0x90, 0x00))
    );
    assert_eq!(split_response(&[0x90]), None);
    assert_eq!(secret_data(&h("00200080 02 2412")), Some(&h("2412")[..]));
    assert_eq!(secret_data(&h("002C0080 02 1234")), Some(&h("1234")[..]));
    assert_eq!(secret_data(&h("00A40400 02 1234")), None);
    assert_eq!(secret_data(&h("00200080 00")[..4]), None);
    let select = h("00A40400 02 3F00 00");
    assert_eq!(case4_without_le(&select), Some(&select[..7]));
    assert_eq!(case4_without_le(&h("00A40400 02 3F00")), None);
    assert_eq!(case4_without_le(&h("00B2010C 00")), None);
    assert_eq!(case4_without_le(&h("00A40400 02 3F00 00 00")), None);
}
