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

/// `cardbench [lang] decode tlv <hex>`: its stdout (exit 0 asserted).
fn decode_tlv(lang: Option<&str>, hex: &str) -> String {
    let mut args = Vec::new();
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    args.extend(["decode", "tlv", "-"]);
    let (code, out, err) = cli(&args, hex);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// Kind 6, PBOC tags: each named (both meanings where EMV and PBOC differ), in both languages.
#[test]
fn pboc_and_unionpay_tags_are_named() {
    let cases = [
        (
            "9F620100",
            "Cardholder ID Type (PBOC) / PCVC3",
            "持卡人证件类型",
        ),
        (
            "DF690101",
            "SM Algorithm Support Indicator",
            "SM 算法支持指示器",
        ),
        ("DF4D020B0A", "Load Log Entry", "圈存日志入口"),
        ("DF4F03DF6102", "Load Log Format", "圈存日志格式"),
        ("DF600100", "CAPP Transaction Indicator", "CAPP 交易指示位"),
        (
            "DF610101",
            "Segmented Charging Application Identifier",
            "分段扣费应用标识",
        ),
        (
            "DF6206000000010000",
            "Segmented Charging Deduction Limit",
            "分段扣费抵扣限额",
        ),
        (
            "DF6306000000000500",
            "Segmented Charging Amount Deducted",
            "分段扣费已抵扣额",
        ),
        ("9F7506000000100000", "Dual Currency", "双货币"),
        (
            "9F76020840",
            "Secondary Application Currency Code",
            "第二应用货币代码",
        ),
        ("9F670102", "NATC (Track 2)", "MSD 偏移量"),
        (
            "9F5A054001560000",
            "Issuer URL2 (PBOC) / Application Program Identifier",
            "发卡行 URL2",
        ),
        ("9F7D0400000000", "DS Summary 1", "数据存储摘要 1"),
    ];
    for (hex, en, zh) in cases {
        let out = decode_tlv(None, hex);
        assert!(out.contains(en), "{hex}: {out}");
        assert!(!out.contains("unknown tag"), "{hex}: {out}");
        let out = decode_tlv(Some("zh-CN"), hex);
        assert!(out.contains(zh), "{hex}: {out}");
    }
}

/// 9F61 on a PBOC card is the cardholder's ID number (证件号码): named with both meanings,
/// never shown in clear (the breaker's input and two of our own).
#[test]
fn cardholder_id_number_is_named_both_ways_and_never_shown() {
    for id in ["110101199003071234", "G12345678", "44030019800101001X"] {
        let value: String = id.bytes().map(|b| format!("{b:02X}")).collect();
        let hex = format!("9F61{:02X}{value}", id.len());
        for flags in [None, Some("zh-CN")] {
            let out = decode_tlv(flags, &hex);
            assert!(!out.contains(id), "{out}");
            assert!(!out.contains(&value), "{out}");
        }
        let out = decode_tlv(None, &hex);
        assert!(
            out.contains("Cardholder ID Number (PBOC) / CVC3 (Track 2)"),
            "{out}"
        );
        assert!(decode_tlv(Some("zh-CN"), &hex).contains("持卡人证件号"));
    }
}

/// `80` in a GET PROCESSING OPTIONS reply is AIP ‖ AFL, split; in a GENERATE AC reply CID ‖
/// ATC ‖ AC ‖ IAD. The breaker's kind and two of our own.
#[test]
fn format1_template_is_split() {
    let out = decode_tlv(None, "800E1980080101001001010018010200");
    assert!(
        out.contains("AIP 1980 ‖ AFL 080101001001010018010200"),
        "{out}"
    );
    assert!(out.contains("SFI 1 record 1"), "{out}");
    assert!(out.contains("SFI 3 records 1-2"), "{out}");
    let out = decode_tlv(None, "80063C0010010300");
    assert!(out.contains("AIP 3C00 ‖ AFL 10010300"), "{out}");
    let out = decode_tlv(None, "8012800001123456789012345606010A03A00000");
    assert!(
        out.contains("GENERATE AC format 1: CID 80 ‖ ATC 0001"),
        "{out}"
    );
    assert!(out.contains("IAD 06010A03A00000"), "{out}");
    let zh = decode_tlv(Some("zh-CN"), "80063C0010010300");
    assert!(zh.contains("取处理选项格式 1"), "{zh}");
}

/// `86` issuer script commands are read as C-APDUs; a PIN command's data is not shown.
#[test]
fn issuer_script_commands_are_read_as_capdus() {
    let out = decode_tlv(None, "7216860D841E00000811223344556677889F180400000001");
    assert!(
        out.contains("C-APDU: CLA 84 INS 1E (APPLICATION BLOCK) P1 00 P2 00"),
        "{out}"
    );
    let out = decode_tlv(None, "860D8418000008AABBCCDDEEFF0011");
    assert!(out.contains("INS 18"), "{out}");
    let pin = "8615842400021011223344556677889900AABBCCDDEEFF";
    let out = decode_tlv(None, pin);
    assert!(out.contains("INS 24"), "{out}");
    assert!(
        out.contains("data 16 bytes (enciphered PIN data, not shown)"),
        "{out}"
    );
}

/// CUPS 60.3 codes have their meaning: sign-off 002, settlement 201, parameter download 360,
/// sign-on with track key 004 (the breaker's), and our own 370 and 951.
#[test]
fn field60_3_codes_have_meanings() {
    for (mti, code, meaning) in [
        ("0820", "002", "sign-off"),
        ("0500", "201", "settlement"),
        ("0800", "360", "terminal parameter download"),
        ("0800", "004", "sign-on, double-length keys + track key"),
        ("0800", "370", "public key (CAPK) download"),
        ("0620", "951", "issuer script result notice"),
    ] {
        let m = Message::new(mti)
            .with(11, "000001")
            .with(41, "10000019")
            .with(60, format!("00000001{code}"));
        let out = decode_8583(
            None,
            &["--format", "cups"],
            &hex(&encode(&m, Packing::Cups).unwrap()),
        );
        assert!(out.contains(&format!("{code} ({meaning}")), "{out}");
    }
}

/// DE61 split (a void's original batch, STAN, date) and the settlement totals of a 0500.
#[test]
fn de61_and_settlement_totals_are_split() {
    let void = Message::new("0200")
        .with(11, "000010")
        .with(41, "10000019")
        .with(61, "0000010000051126");
    let out = decode_8583(
        None,
        &["--format", "cups"],
        &hex(&encode(&void, Packing::Cups).unwrap()),
    );
    assert!(out.contains("61.1 original batch number: 000001"), "{out}");
    assert!(out.contains("61.2 original STAN: 000005"), "{out}");
    assert!(out.contains("61.3 original date (MMDD): 1126"), "{out}");
    let de48 = format!(
        "{}{}",
        "0000000123450020000000010000011",
        "0".repeat(30) + "1"
    );
    let settle = Message::new("0500")
        .with(11, "000011")
        .with(41, "10000019")
        .with(48, de48);
    let input = String::from_utf8(encode(&settle, Packing::Ascii).unwrap()).unwrap();
    let out = decode_8583(None, &[], &input);
    assert!(
        out.contains(
            "48.1 domestic (RMB) cards: debit 2 for 123.45, credit 1 for 10.00, flag 1 (balanced)"
        ),
        "{out}"
    );
    assert!(
        out.contains("48.2 foreign cards: debit 0 for 0.00"),
        "{out}"
    );
    let zh = decode_8583(Some("zh-CN"), &[], &input);
    assert!(zh.contains("内卡（人民币）：借记 2 笔共 123.45"), "{zh}");
}

/// EBCDIC and non-digits inside fields: the breaker's DE41 `TERM0001` in EBCDIC, an EBCDIC
/// DE2 (read, but masked), letters in DE2; and our own: EBCDIC DE42, letters in DE4 and DE11.
#[test]
fn ebcdic_and_non_digit_fields_are_warned() {
    // Builds an ASCII message by hand: MTI 0200, the bitmap, then the fields' raw bytes.
    let msg = |bitmap: &str, fields: &[&[u8]]| {
        let mut b = b"0200".to_vec();
        b.extend(bitmap.as_bytes());
        for f in fields {
            b.extend(*f);
        }
        b.iter().map(|x| format!("{x:02X}")).collect::<String>()
    };
    // DE41 only (bit 41): bitmap 0000000000800000.
    let term = [0xE3, 0xC5, 0xD9, 0xD4, 0xF0, 0xF0, 0xF0, 0xF1];
    let out = decode_8583(None, &[], &msg("0000000000800000", &[&term]));
    assert!(
        out.contains("DE41: EBCDIC text, not ASCII; read as EBCDIC: TERM0001"),
        "{out}"
    );
    assert!(out.contains("warning at byte 20"), "{out}");
    // DE2 in EBCDIC digits (bit 2): 16 digits with LL "16".
    let mut de2 = b"16".to_vec();
    de2.extend("4761739001010119".bytes().map(|d| 0xF0 + (d - b'0')));
    let out = decode_8583(None, &[], &msg("4000000000000000", &[&de2]));
    assert!(
        out.contains("DE2: EBCDIC digits, not ASCII; read as EBCDIC: 476173******0119"),
        "{out}"
    );
    assert!(!out.contains("4761739001010119"), "{out}");
    // DE2 `PAN`: letters in a numeric field.
    let out = decode_8583(None, &[], &msg("4000000000000000", &[b"03PAN"]));
    assert!(
        out.contains("DE2: byte 50 is not a digit (numeric field)"),
        "{out}"
    );
    assert!(out.contains("warning at byte 22"), "{out}");
    // Ours: DE4 with a letter (bit 4), DE11 with a space (bit 11), DE42 in EBCDIC (bit 42).
    let out = decode_8583(
        None,
        &[],
        &msg("1020000000000000", &[b"00000000O100", b"0000 1"]),
    );
    assert!(out.contains("DE4: byte 4F is not a digit"), "{out}");
    assert!(out.contains("DE11: byte 20 is not a digit"), "{out}");
    let merchant: Vec<u8> = [
        0xD4, 0xC5, 0xD9, 0xC3, 0xC8, 0xC1, 0xD5, 0xE3, 0x40, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6,
    ]
    .to_vec();
    let out = decode_8583(None, &["--json"], &msg("0000000000400000", &[&merchant]));
    assert!(
        out.contains("DE42: EBCDIC text, not ASCII; read as EBCDIC: MERCHANT 123456"),
        "{out}"
    );
    let zh = decode_8583(Some("zh-CN"), &[], &msg("0000000000800000", &[&term]));
    assert!(zh.contains("按 EBCDIC 读为：TERM0001"), "{zh}");
}
