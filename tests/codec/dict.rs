//! Session 6 dictionary cases (issue 14, kind 6 and the card-data policy): sign-on keys never
//! shown, one meaning per response code, and the new tags and fields, each with the breaker's
//! input and at least two of our own.

use crate::cases::cli;
use cardbench::codec::iso8583::{encode, Message, Packing};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// `cardbench [lang] decode 8583 <flags> -` with `input` on stdin: its stdout (exit 0 asserted).
fn decode_8583(lang: Option<&str>, flags: &[&str], input: &str) -> String {
    let mut args = Vec::new();
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    args.extend(["decode", "8583"]);
    args.extend(flags);
    args.push("-");
    let (code, out, err) = cli(&args, input);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// The breaker's sign-on reply (a public C unpack test): layout 003, PIK double-length, MAK
/// single-length padded with 8 zero bytes.
const SIGNON_003: &str = "007460000000026031003100300810003800000ac000140004410913090908313530393038383336303238303030303030313134323132333435363738393031323334350011000000060030004027\
9be86aaeb174b80bbe2b24e80f888cebe8b6c2be7bc61956bbf2480000000000000000a2f2cabb";

#[test]
fn signon_reply_keys_are_not_shown_only_lengths_and_check_values() {
    let flags = ["--format", "cups", "--framed"];
    let text = decode_8583(None, &flags, SIGNON_003);
    for secret in ["279BE86AAEB174B8", "BE7BC61956BBF248", "279be86a"] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(text.contains("40 bytes (working keys encrypted under the TMK; not shown)"));
    assert!(text.contains("62.1 PIK (PIN key): encrypted, 16 bytes; check value EBE8B6C2"));
    assert!(
        text.contains("62.2 MAK (MAC key): encrypted, 8 key bytes + 8 zero bytes"),
        "{text}"
    );
    assert!(text.contains("check value A2F2CABB"), "{text}");
    let json = decode_8583(
        None,
        &["--format", "cups", "--framed", "--json"],
        SIGNON_003,
    );
    assert!(
        !json.to_ascii_uppercase().contains("279BE86AAEB174B8"),
        "{json}"
    );
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(j["de62"]["layout"], "003");
    assert_eq!(j["de62"]["keys"][0]["kcv"], "EBE8B6C2");
    assert_eq!(j["de62"]["keys"][1]["key_bytes"], 8);
    assert_eq!(j["de62"]["keys"][1]["zero_pad"], 8);
    let zh = decode_8583(Some("zh-CN"), &flags, SIGNON_003);
    assert!(zh.contains("8 字节密钥 + 8 字节零"), "{zh}");
    assert!(!zh.contains("279BE86AAEB174B8"), "{zh}");
}

/// Our own sign-on replies: layout 001 (24 bytes, single keys) and 004 (60 bytes, with TDK).
#[test]
fn signon_keys_hidden_in_layouts_001_and_004() {
    let reply = |code: &str, de62: Vec<u8>| {
        let mut m = Message::new("0810")
            .with(11, "000001")
            .with(39, "00")
            .with(41, "10000019")
            .with(60, format!("00000001{code}"));
        m.set_bytes(62, de62);
        hex(&encode(&m, Packing::Cups).unwrap())
    };
    let mut single = vec![0x5A; 8];
    single.extend([1, 2, 3, 4]);
    single.extend([0x6B; 8]);
    single.extend([5, 6, 7, 8]);
    let text = decode_8583(None, &["--format", "cups"], &reply("001", single));
    assert!(!text.contains("5A5A5A5A"), "{text}");
    assert!(text.contains("24 bytes (working keys"), "{text}");
    assert!(text.contains("62.2 MAK (MAC key): encrypted, 8 bytes; check value 05060708"));
    let mut triple = Vec::new();
    for (k, cv) in [
        (0x71u8, [9, 9, 9, 9]),
        (0x72, [8, 8, 8, 8]),
        (0x73, [7, 7, 7, 7]),
    ] {
        triple.extend([k; 16]);
        triple.extend(cv);
    }
    let text = decode_8583(None, &["--format", "cups"], &reply("004", triple.clone()));
    assert!(!text.contains("71717171"), "{text}");
    assert!(text.contains("62.3 TDK (track key): encrypted, 16 bytes; check value 07070707"));
    let json = decode_8583(None, &["--format", "cups", "--json"], &reply("004", triple));
    assert!(!json.contains("7272727272"), "{json}");
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(j["de62"]["keys"][2]["name"], "TDK");
    assert_eq!(j["de62"]["keys"][1]["zero_pad"], 0);
}

/// One source per fact: 00 has one meaning per language in text and JSON, and an approval has
/// no cause family (not `UNKNOWN`), for 00 and for our own 10 and 11.
#[test]
fn response_code_approvals_have_one_meaning_and_no_family() {
    let flags = ["--format", "cups", "--framed"];
    let zh = decode_8583(Some("zh-CN"), &flags, SIGNON_003);
    assert!(zh.contains("承兑或交易成功"), "{zh}");
    assert!(!zh.contains("已批准") && !zh.contains("批准\n"), "{zh}");
    let json = decode_8583(
        None,
        &["--format", "cups", "--framed", "--json"],
        SIGNON_003,
    );
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(j["rc"]["family"].is_null(), "{json}");
    assert!(j["rc"]["class"]["family"].is_null(), "{json}");
    assert_eq!(j["rc"]["meaning_zh"], "承兑或交易成功");
    assert_eq!(j["rc"]["class"]["meaning_zh"], "承兑或交易成功");
    for (rc, zh_meaning) in [("10", "部分金额批准"), ("11", "重要人物批准（VIP）")] {
        let m = Message::new("0210").with(11, "000002").with(39, rc);
        let input = String::from_utf8(encode(&m, Packing::Ascii).unwrap()).unwrap();
        let j: serde_json::Value =
            serde_json::from_str(&decode_8583(None, &["--json"], &input)).unwrap();
        assert!(j["rc"]["family"].is_null(), "{j}");
        assert_eq!(j["rc"]["approved"], true);
        assert_eq!(j["rc"]["meaning_zh"], zh_meaning);
    }
}
