//! The field's inputs (fixtures/cases/decode/, copied from the team's shared cases with their
//! `.expected` lines) and, for each kind of fault, more inputs of the same kind: CUPS field
//! alignment, masking by what the data is, partial TLV, tracks as readers send them.

use cardbench::codec::iso8583::{decode, encode, Message, Packing};
use cardbench::hexfmt::parse_hex;
use std::io::Write;
use std::process::{Command, Stdio};

/// The input of a shared case (`NAME.hex` or `NAME.txt`), trailing newline removed.
pub(crate) fn case(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/cases/decode/");
    let read = |ext: &str| std::fs::read_to_string(format!("{dir}{name}.{ext}"));
    let text = read("hex").or_else(|_| read("txt")).unwrap();
    text.trim_end_matches(['\r', '\n']).to_string()
}

/// Runs `cardbench ARGS` with `stdin`; (exit code, stdout, stderr). (No `find_clear_pan` scan
/// here: an AFL shown in full may hold a Luhn-valid digit run; tests name the clear values.)
pub(crate) fn cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(args)
        .env_remove("CARDBENCH_LANG")
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

fn cups(hex: &str) -> cardbench::codec::iso8583::Decoded {
    decode(&parse_hex(hex).unwrap(), Packing::Cups).unwrap()
}

// --- Kind 1: CUPS field alignment -------------------------------------------------------

#[test]
fn case_cups_de23_right_aligned() {
    let d = cups(&case("cups-de23-right-aligned"));
    assert_eq!(d.message.text(23), Some("001"));
    assert!(d.warnings.is_empty());
    let (code, out, _) = cli(
        &["decode", "8583", "--format", "cups", "-"],
        &case("cups-de23-right-aligned"),
    );
    assert_eq!(code, 0);
    assert!(out.contains("DE23") && out.contains(" 001"), "{out}");
}

#[test]
fn cups_odd_fixed_fields_are_right_aligned_except_de22() {
    // DE22 071 left-aligned (07 10), DE23 011 (00 11), DE24 NII 009 (00 09), DE19 156 (01 56).
    let m = Message::new("0200")
        .with(19, "156")
        .with(22, "071")
        .with(23, "011")
        .with(24, "009");
    let e = encode(&m, Packing::Cups).unwrap();
    assert_eq!(&e[10..], &[0x01, 0x56, 0x07, 0x10, 0x00, 0x11, 0x00, 0x09]);
    assert_eq!(decode(&e, Packing::Cups).unwrap().message, m);
    // DE70 (n3, secondary bitmap) 301 is 03 01; a variable DE2 of odd length stays left-aligned.
    let m = Message::new("0800").with(2, "123").with(70, "301");
    let e = encode(&m, Packing::Cups).unwrap();
    assert_eq!(&e[e.len() - 5..], &[0x03, 0x12, 0x30, 0x03, 0x01]);
    assert_eq!(decode(&e, Packing::Cups).unwrap().message, m);
}

#[test]
fn cups_pad_nibble_that_is_not_0_or_f_is_a_warning() {
    // DE23 A0 01: the leading pad nibble A; DE22 07 1C: the trailing pad nibble C.
    let d = cups("0200000006000000000007 1C A0 01");
    assert_eq!(d.message.text(22), Some("071"));
    assert_eq!(d.message.text(23), Some("001"));
    let offsets: Vec<usize> = d.warnings.iter().map(|w| w.offset).collect();
    assert_eq!(offsets, vec![11, 12]);
    assert!(
        d.warnings[0].what.contains("pad nibble C"),
        "{:?}",
        d.warnings
    );
    assert!(
        d.warnings[1].what.contains("pad nibble A"),
        "{:?}",
        d.warnings
    );
    // F and 0 pads are silent.
    assert!(cups("02000000060000000000071F F0 01").warnings.is_empty());
    let (code, out, _) = cli(
        &["decode", "8583", "--format", "cups", "-"],
        "0200000006000000000007 1C A0 01",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("Warning") && out.contains("pad nibble A"),
        "{out}"
    );
}

#[test]
fn cups_message_from_an_independent_encoder_round_trips_byte_for_byte() {
    // Written by pyiso8583 4.0.1 with a UnionPay spec (tests/codec/peers/cups_pyiso8583.py).
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/iso8583/cups-pyiso8583-0200.hex"
    ))
    .unwrap();
    let raw = parse_hex(&text).unwrap();
    let d = decode(&raw, Packing::Cups).unwrap();
    assert!(d.warnings.is_empty());
    let m = &d.message;
    assert_eq!(m.text(19), Some("156"));
    assert_eq!(m.text(22), Some("051"));
    assert_eq!(m.text(23), Some("001"));
    assert_eq!(m.text(24), Some("009"));
    assert_eq!(m.text(32), Some("12345678901"));
    assert_eq!(m.text(35), Some("4761739001010119D25122011143804400000"));
    assert_eq!(m.text(60), Some("22000024000600501"));
    assert_eq!(m.text(63), Some("CUP"));
    assert_eq!(encode(m, Packing::Cups).unwrap(), raw);
}

// --- Kind 2: masking by what the data is -------------------------------------------------

#[test]
fn case_tlv_afl_is_shown_in_full() {
    let (code, out, _) = cli(&["decode", "tlv", "-"], &case("tlv-afl-false-pan-mask"));
    assert_eq!(code, 0);
    assert!(out.contains("080101001801010110020300"), "{out}");
    assert!(!out.contains('*'), "{out}");
    let (code, js, _) = cli(
        &["decode", "tlv", "--json", "-"],
        &case("tlv-afl-false-pan-mask"),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&js).unwrap();
    assert_eq!(v[0]["value"], "080101001801010110020300");
}

/// Issuer application data whose hex holds the Luhn-valid run 4111111111111111.
const IAD: &str = "9F100F06010A03A000004111111111111111";

#[test]
fn iad_gpo_data_and_amounts_are_never_starred() {
    let (code, out, _) = cli(&["decode", "tlv", IAD], "");
    assert_eq!(code, 0);
    assert!(out.contains("06010A03A000004111111111111111"), "{out}");
    // Amount, authorised (n12) and the AFL inside a GPO response template.
    let (code, out, _) = cli(
        &[
            "decode",
            "tlv",
            "770E 82021980 94080801010010010301 9F0206000000012345",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("000000012345") && out.contains("0801010010010301"),
        "{out}"
    );
    assert!(!out.contains('*'), "{out}");
    // GET PROCESSING OPTIONS command data (83 + PDOL values) whose hex is mostly digits.
    let (code, out, _) = cli(
        &[
            "decode",
            "apdu",
            "80A8000010830E41111111111111110000000100 00",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("83 0E 41 11 11 11 11 11 11 11 00 00 00 01 00 00"),
        "{out}"
    );
    assert!(!out.contains('*'), "{out}");
    // The same IAD inside DE55 of a CUPS message.
    let de55 = IAD;
    let msg = format!("0200 0000000000000200 {:04} {de55}", de55.len() / 2);
    let (code, out, _) = cli(&["decode", "8583", "--format", "cups", "-"], &msg);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("06010A03A000004111111111111111"), "{out}");
}

#[test]
fn card_data_stays_masked_where_it_is_card_data() {
    // 5A PAN, 57 track-2 equivalent, 99 PIN data: masked or hidden; free text is still scanned.
    let hex = "5A084761739001010010 57114761739001010010D25122011143804489 9902A1B2 501034373631373339303031303130303130";
    let (code, out, _) = cli(&["decode", "tlv", hex], "");
    assert_eq!(code, 0);
    assert!(!out.contains("4761739001010010"), "{out}");
    assert!(!out.contains("D2512201114380"), "{out}");
    assert!(!out.contains("A1B2"), "{out}");
    assert!(out.contains("476173******0010"), "{out}");
}

// --- Kind 3: TLV decoded as far as it is well formed --------------------------------------

#[test]
fn case_tlv_length_byte_0x91_is_read_with_a_warning() {
    let input = case("tlv-length-byte-0x91");
    let (code, out, err) = cli(&["decode", "tlv", "-"], &input);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("length byte 91 of tag 70 is not valid BER; read as 145 = bytes left"),
        "{out}"
    );
    for tag in [
        "57 ", "5F20 ", "5F30 ", "9F1F ", "9F08 ", "9F44 ", "8C ", "8D ", "9F49 ",
    ] {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(tag)),
            "{tag}: {out}"
        );
    }
    assert!(out.contains("476173******0119"), "{out}");
    assert!(!out.contains("4761739001010119"), "{out}");
    assert!(
        !out.contains("31313433"),
        "9F1F discretionary data shown: {out}"
    );
    assert!(out.contains("0201") && out.contains("0096"), "{out}");
}

#[test]
fn a_bad_object_is_named_and_the_rest_is_decoded() {
    // 94 inside 77 claims 9 bytes, 8 are there; the 9F36 after the template still decodes.
    let (code, out, err) = cli(
        &[
            "decode",
            "tlv",
            "77 0E 82 02 7C 00 94 09 08 01 01 00 10 01 02 00 9F 36 02 00 01",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(out.contains("82 Application Interchange Profile"), "{out}");
    assert!(out.contains("9F36 "), "{out}");
    assert!(
        out.contains("Not decoded") && out.contains("at byte 7"),
        "{out}"
    );
    // Said once: the fault is in the output; stderr points there (issue 17).
    assert!(
        !err.contains("at byte 7") && err.contains("output marks"),
        "{err}"
    );
    // A single length byte 85..FF that is not the bytes left is refused, with the offset.
    let (code, _, err) = cli(&["decode", "tlv", "70 86 5F 30 02 02 01"], "");
    assert_eq!(code, 2);
    assert!(err.contains("at byte 1") && err.contains("86"), "{err}");
    // decode apdu no longer falls back to raw hex: the good objects and the bad one's offset,
    // and the same exit 2 as decode tlv for the same bad object (tests/codec/partial.rs).
    let (code, out, _) = cli(
        &[
            "decode",
            "apdu",
            "<- 70 0A 5F 30 02 02 01 9F 08 05 00 96 90 00",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(out.contains("5F30") && out.contains("Not decoded"), "{out}");
    assert!(out.contains("at byte 9"), "{out}");
}

// --- Kind 4: tracks as readers send them -------------------------------------------------

fn track(input: &str) -> (i32, String) {
    let (code, out, err) = cli(&["decode", "track", "-"], input);
    (code, format!("{out}{err}"))
}

#[test]
fn case_track1_expiry_0000_and_empty_name_are_bad_format() {
    let (code, out) = track(&case("track1-expiry-0000-empty-name"));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("bad format") || out.contains("Bad format"),
        "{out}"
    );
    assert!(out.contains("name field empty at character 19"), "{out}");
    assert!(
        out.contains("expiry 0000 has month 00 (01-12) at character 22"),
        "{out}"
    );
    assert!(!out.contains("4717270000000005"), "{out}");
}

#[test]
fn track_fields_are_validated_with_their_position() {
    let (code, out) = track("%B4761739001010010^TEST/CARD^2513201?");
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("month 13") && out.contains("character 31"),
        "{out}"
    );
    let (code, out) = track(";4761739001010010=2500201?");
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("month 00") && out.contains("character 20"),
        "{out}"
    );
    let (code, out) = track("%B4761739001010010^X^2512201?");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("name of 1 character"), "{out}");
    // Embossed-style spaces in a track-1 PAN (IATA layout) are allowed.
    let (code, out) = track("%B4761 7390 0101 0010^TEST/CARD^2512201?");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("476173******0010") && out.contains("2512"),
        "{out}"
    );
}

#[test]
fn case_track2_equivalent_data_with_d_separator() {
    let (code, out) = track(&case("track2-equivalent-D-separator"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Track 2 (equivalent data, 'D' separator): ok"),
        "{out}"
    );
    assert!(out.contains("476173******0010"), "{out}");
    assert!(
        out.contains("expiry         2512") && out.contains("service code   201"),
        "{out}"
    );
}

#[test]
fn track2_equivalent_with_f_padding_as_tag_57_and_de35_carry_it() {
    // Tag 57 value as hex (odd digit count, F pad) and DE35 with a lower-case d.
    for input in [
        "4761739001010119D22122011143804400000F",
        "5473500000000014d25121019999888877776",
    ] {
        let (code, out) = track(input);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("equivalent data"), "{out}");
        assert!(
            !out.contains("4761739001010119") && !out.contains("5473500000000014"),
            "{out}"
        );
    }
}

#[test]
fn case_tracks_1_and_2_on_one_line() {
    let (code, out) = track(&case("tracks-1-and-2-one-line"));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Track 1: ok"), "{out}");
    assert!(out.contains("Track 2: ok"), "{out}");
    assert!(out.contains("MC TEST CARD"), "{out}");
    assert_eq!(out.matches("547350******0014").count(), 2, "{out}");
}

#[test]
fn keyboard_wedge_lines_with_three_tracks_or_lrc_characters() {
    use cardbench::codec::track::split_tracks;
    let line = "%B5473500000000014^MC TEST CARD^2512101?;5473500000000014=2512101?;011234567890123445=724724100000000000030300XXXX040400099010=************************==1=0000000000000000?";
    assert_eq!(split_tracks(line).len(), 3);
    let (code, out) = track(line);
    assert!(
        out.contains("Track 1: ok") && out.contains("Track 2: ok"),
        "{out}"
    );
    assert!(out.contains("Track 3"), "{out}");
    let _ = code;
    // An LRC character after each end sentinel.
    assert_eq!(
        split_tracks("%B5473500000000014^MC TEST CARD^2512101?X;5473500000000014=2512101?5"),
        [
            "%B5473500000000014^MC TEST CARD^2512101?X",
            ";5473500000000014=2512101?5"
        ]
    );
    // One track: whole.
    assert_eq!(split_tracks(";5473500000000014=2512101?").len(), 1);
}

// --- Kind 6: gaps in the dictionaries ----------------------------------------------------

#[test]
fn pboc_and_unionpay_tags_have_names() {
    let (code, out, _) = cli(
        &[
            "decode",
            "tlv",
            "9F570201569F631000000000000000000000000000000000 9F6804A0800000 DF310500000000 00",
        ],
        "",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("9F57 Issuer Country Code (PBOC)"), "{out}");
    assert!(
        out.contains("9F63 Card Product Identification Information"),
        "{out}"
    );
    assert!(out.contains("9F68 Card Additional Processes"), "{out}");
    assert!(out.contains("DF31 Issuer Script Results"), "{out}");
    assert!(!out.contains("unknown tag"), "{out}");
}

#[test]
fn de90_is_broken_into_its_parts() {
    let m = Message::new("0400")
        .with(11, "000124")
        .with(90, "020000012311261234560000000000100000000002");
    let e = encode(&m, Packing::Ascii).unwrap();
    let (code, out, _) = cli(&["decode", "8583", "-"], &String::from_utf8(e).unwrap());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("90.1 original MTI: 0200"), "{out}");
    assert!(out.contains("90.2 original STAN: 000123"), "{out}");
    assert!(
        out.contains("90.3 original transmission date and time (MMDDhhmmss): 1126123456"),
        "{out}"
    );
}

#[test]
fn sign_on_reply_field_62_shows_the_key_check_values() {
    // 0810, 39 = 00, 60.3 = 003: PIK 16 + CV 4, MAK 16 + CV 4 (40 bytes).
    let mut de62 = vec![0x11; 16];
    de62.extend_from_slice(&[0xAB, 0xCD, 0xEF, 0x01]);
    de62.extend_from_slice(&[0x22; 16]);
    de62.extend_from_slice(&[0x12, 0x34, 0x56, 0x78]);
    let mut m = Message::new("0810")
        .with(11, "000001")
        .with(39, "00")
        .with(41, "10000019")
        .with(60, "00000001003")
        .with(63, "CUP");
    m.set_bytes(62, de62);
    let e = encode(&m, Packing::Cups).unwrap();
    let hex: String = e.iter().map(|b| format!("{b:02X}")).collect();
    let (code, out, _) = cli(&["decode", "8583", "--format", "cups", "-"], &hex);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("sign-on working keys, layout 003"), "{out}");
    assert!(
        out.contains("62.1 PIK (PIN key): encrypted, 16 bytes; check value ABCDEF01"),
        "{out}"
    );
    assert!(
        out.contains("62.2 MAK (MAC key): encrypted, 16 bytes; check value 12345678"),
        "{out}"
    );
    assert!(
        out.contains("63.1 card organisation: CUP (China UnionPay)"),
        "{out}"
    );
}

#[test]
fn ebcdic_messages_get_a_hint() {
    // 0800 in EBCDIC: F0 F8 F0 F0, then an EBCDIC bitmap text.
    let (code, _, err) = cli(
        &["decode", "8583", "F0F8F0F0F8F2F2F0F0F0F0F0F0F0F0F0F0F0F0F0"],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("EBCDIC") && err.contains("MTI 0800"), "{err}");
    // An EBCDIC text field in an otherwise ASCII message.
    let (code, _, err) = cli(
        &[
            "decode",
            "8583",
            "30323030 30303030303030303030303430 C1C2C3C4C5C6C7C8",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("EBCDIC"), "{err}");
}

#[test]
fn sim_pos_writes_cups_fields_as_real_terminals_do() {
    use cardbench::sim::pos::{PosCard, PosSpec, PosTerminal, Read};
    let card: PosCard = toml::from_str("pan = \"6212345678901232\"\nentry = \"chip\"").unwrap();
    let mut term = PosTerminal::new(&PosSpec::default());
    let m = term.purchase(&card, Read::Chip, 100, None);
    let body = term.body(&m, false).unwrap();
    let d = decode(&body, Packing::Cups).unwrap();
    let wire = |n: u8| {
        let sp = d.spans.iter().find(|s| s.num == n).unwrap();
        body[sp.data_start()..sp.end()].to_vec()
    };
    assert_eq!(wire(23), [0x00, 0x01], "DE23 001 right-aligned");
    assert_eq!(wire(22), [0x05, 0x10], "DE22 051 left-aligned");
    assert_eq!(d.message.text(23), Some("001"));
}
