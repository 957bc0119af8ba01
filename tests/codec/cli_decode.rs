//! `cardbench decode` run as a program: the acceptance lines, exit codes, and a scan of
//! every output for clear card numbers.

use cardbench::sensitive::find_clear_pan;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cardbench"));
    cmd.args(args)
        .env_remove("CARDBENCH_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn cardbench");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        find_clear_pan(&all).is_none(),
        "clear PAN in the output of {args:?}:\n{all}"
    );
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn atr_acceptance_tck_ok() {
    let o = run(
        &["decode", "atr", "3B8D800100", "04D0842186640000000000009F"],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    for needle in [
        "TS   3B", "T0   8D", "TD1  80", "TD2  01", "TCK  9F", "TCK OK",
    ] {
        assert!(s.contains(needle), "missing {needle:?} in\n{s}");
    }
    assert!(s.contains("historical bytes (13)"));
    // Same without spaces, and from stdin.
    let o = run(
        &["decode", "atr", "3B8D80010004D0842186640000000000009F"],
        None,
    );
    assert!(stdout(&o).contains("TCK OK"));
    let o = run(
        &["decode", "atr", "-"],
        Some("3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00 9F\n"),
    );
    assert!(stdout(&o).contains("TCK OK"));
}

#[test]
fn atr_acceptance_tck_wrong() {
    let o = run(
        &["decode", "atr", "3B8D800100", "04D0842186640000000000009E"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "decoded, so exit 0");
    let s = stdout(&o);
    assert!(s.contains("TCK wrong: expected 9F, got 9E"), "{s}");
    assert!(!s.contains("TCK OK"));
}

#[test]
fn atr_json() {
    let o = run(
        &["decode", "atr", "--json", "3B E0 00 FF 81 31 7C 41 92"],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ts"], "3B");
    assert_eq!(v["t0"], "E0");
    assert_eq!(v["protocols"], serde_json::json!([1]));
    assert_eq!(v["historical_bytes"], "");
    assert_eq!(v["tck"], "92");
    assert_eq!(v["tck_ok"], true);
    assert_eq!(v["emv_issues"], serde_json::json!([]));
}

#[test]
fn bad_input_exits_2_naming_the_offset() {
    let o = run(&["decode", "atr", "3B 8D 8Z"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("offset 7"), "{err}");
    let o = run(&["decode", "atr", "3B8D80"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("byte 3"));
    let o = run(&["decode", "apdu", "-"], Some("00 A4 04\n"));
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["decode", "track", "--raw", "2:0G"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("offset 3"));
    let o = run(&["decode", "tlv", "-"], Some("zz\n"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("offset"));
}

#[test]
fn track_text_and_json_are_masked() {
    let input = ";6212345678901232=28122011234567890?5\n%B6212345678901232^ZHANG/SAN^2812201000000123456?K\n";
    let o = run(&["decode", "track", "-"], Some(input));
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("Track 2: ok"), "{s}");
    assert!(s.contains("Track 1: ok"), "{s}");
    assert!(s.contains("621234******1232"));
    assert!(s.contains("use IC (chip) where feasible"));
    assert!(!s.contains("1234567890"), "discretionary data leaked:\n{s}");
    let o = run(&["decode", "track", "--json", "-"], Some(input));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["tracks"][0]["status"], "ok");
    assert_eq!(v["tracks"][0]["fields"]["pan"], "621234******1232");
    assert_eq!(v["tracks"][1]["track"], 1);
    assert!(!stdout(&o).contains("000000123456"));
}

#[test]
fn track_raw() {
    use cardbench::codec::track::{encode_track_raw, RawFaults};
    use cardbench::hexfmt::hex;
    let raw = encode_track_raw(
        2,
        "6212345678901232=28122011234567890",
        &RawFaults {
            reverse: true,
            ..Default::default()
        },
    );
    let o = run(
        &["decode", "track", "--raw", &format!("2:{}", hex(&raw))],
        None,
    );
    let s = stdout(&o);
    assert!(s.contains("Track 2: ok"), "{s}");
    assert!(s.contains("reverse swipe"), "{s}");
    // Without the prefix: tried as track 1, then track 2.
    let o = run(&["decode", "track", "--raw", &hex(&raw)], None);
    assert!(stdout(&o).contains("Track 2: ok"));
    let bad = encode_track_raw(
        2,
        "6212345678901232=2812201",
        &RawFaults {
            bad_lrc: true,
            ..Default::default()
        },
    );
    let o = run(
        &[
            "decode",
            "track",
            "--raw",
            "--json",
            &format!("2:{}", hex(&bad)),
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["tracks"][0]["status_code"], "lrc");
}

#[test]
fn apdu_split_and_masking() {
    let o = run(
        &["decode", "apdu", "-"],
        Some("-> 00 B2 01 0C 00\n<- 70 0A 5A 08 62 12 34 56 78 90 12 32 90 00\n"),
    );
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("READ RECORD"), "{s}");
    assert!(s.contains("621234******1232"), "{s}");
    assert!(!s.contains("62 12 34 56 78 90 12 32"), "{s}");
    assert!(s.contains("success"));
    let o = run(
        &["decode", "apdu", "--json", "0020008008241234FFFFFFFFFF"],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["command"]["ins_name"], "VERIFY");
    assert_eq!(v["command"]["data_hidden"], true);
    assert!(!stdout(&o).contains("241234"));
    let o = run(&["decode", "apdu", "63C2"], None);
    assert!(stdout(&o).contains("2 tries left"));
}

/// Issue 17: `decode track --lang zh-CN` says everything in Chinese; the masked PAN, the
/// cardholder's name, codes and digits stay as they are.
#[test]
fn track_in_chinese_has_no_english_words() {
    let input = ";6212345678901232=28122011234567890?5\n%B6212345678901232^ZHANG/SAN^2812201000000123456?K\n";
    let o = run(&["--lang", "zh-CN", "decode", "track", "-"], Some(input));
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("磁道 2：正常"), "{s}");
    assert!(s.contains("尽可能使用芯片"), "{s}");
    let words = crate::english::english_words(&s);
    assert!(words.is_empty(), "English {words:?} in:\n{s}");
}

/// Breaker, session 7: a track whose layout is wrong says what is wrong in Chinese (name
/// length, expiry month, format code, PAN length, characters after the end sentinel, a
/// character not in the track's set), not the decoder's English.
#[test]
fn bad_track_layout_in_chinese() {
    let mut found = Vec::new();
    for input in [
        "%B6212345678901232^^2800201000000123456?",
        ";6212345678901232=28132011234567890?",
        "%A6212345678901232^ZHANG/SAN^2812201?",
        ";6212345678901232=28122011234567890?55",
        ";62123456789012329999=2812?",
        "%B6212345678901232^Z^2812201?",
        ";6212345678901232D28122011234567890?",
        ";6212345678901232=28AB?",
    ] {
        let o = run(&["--lang", "zh-CN", "decode", "track", "-"], Some(input));
        let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        found.extend(english_in(&all, "格式错误"));
    }
    assert!(found.is_empty(), "English words: {found:#?}");
}

/// Breaker, session 7: the TLV decoder's warning (a length byte that is not BER) is said in
/// Chinese with its offset, the byte and the tag kept.
#[test]
fn tlv_warning_in_chinese() {
    let input = crate::cases::case("tlv-length-byte-0x91");
    let (code, s, _) = crate::cases::cli(&["--lang", "zh-CN", "decode", "tlv", "-"], &input);
    assert_eq!(code, 0, "{s}");
    assert!(
        s.contains("警告：TLV：第 1 字节处：标签 70 的长度字节 91"),
        "{s}"
    );
    let found = english_in(&s, "警告");
    assert!(found.is_empty(), "English words: {found:#?}");
}

/// Issue 17: `decode atr --lang zh-CN` explains every byte, the parameters, the TCK and the
/// broken EMV rules in Chinese; byte and parameter names, hex and codes stay as they are.
#[test]
fn atr_in_chinese_has_no_english_words() {
    for atr in [
        // T=0 only, TCK absent; COMPACT-TLV with a status indicator.
        "3B6800000073C84013009000",
        // T=0 and T=1 (TD1, TD2, T=1 group), TCK right.
        "3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00 9F",
        // TCK wrong, then missing.
        "3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00 9E",
        "3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00",
        // TA1 outside the EMV range, TC1, TD1 T=1, TC2-less; BWI/CWI/TC3 rules.
        "3B E0 00 FF 81 31 7C 41 92",
        "3B 9A 18 00 00 00 00 00 00 00 00 00 00 00",
        "3B C0 05 40 0B",
        "3B 80 81 71 0F 46 01",
    ] {
        let o = run(&["--lang", "zh-CN", "decode", "atr", atr], None);
        let s = stdout(&o);
        assert!(s.contains("字节"), "{atr}: {s}");
        let words = crate::english::english_words(&s);
        assert!(words.is_empty(), "{atr}: English {words:?} in:\n{s}");
    }
}

/// Issue 17: `decode apdu --lang zh-CN` names the instruction, explains CLA and P1-P2, the data
/// and the status word in Chinese; field names (CLA, INS, Lc…), hex and codes stay as they are.
#[test]
fn apdu_in_chinese_has_no_english_words() {
    let mut found = Vec::new();
    for input in [
        // SELECT PSE, READ RECORD with a response template (PAN masked), GET DATA ATC.
        "00A404000E315041592E5359532E4444463031",
        "-> 00 B2 01 0C 00\n<- 70 0A 5A 08 62 12 34 56 78 90 12 32 90 00",
        "80CA9F3600",
        // VERIFY (PIN block hidden), GENERATE AC ARQC with CDA, GET PROCESSING OPTIONS.
        "0020008008241234FFFFFFFFFF",
        "80AE9000 1D 0000000001000000000000000156000000000001562101010012345678 00",
        "80A8000002830000",
        // GET CHALLENGE and its answer; status words the table lists, counts and does not list.
        "-> 0084000008\n<- 0102030405060708 9000",
        "63C2",
        "6A82",
        "6110",
        "6C08",
        "6A99",
        "9F01",
        "6283",
        // Secure messaging and further logical channels; unknown instruction, GPO response.
        "0CB2010C00",
        "4CB2010C00",
        "00FE000000",
        "-> 80A8000002830000\n<- 77 0E 82 02 7C 00 94 08 08 01 01 00 10 01 04 00 90 00",
    ] {
        let o = run(&["--lang", "zh-CN", "decode", "apdu", "-"], Some(input));
        assert_eq!(o.status.code(), Some(0), "{input}: {}", stdout(&o));
        found.extend(english_in(&stdout(&o), "APDU"));
    }
    assert!(found.is_empty(), "English words: {found:#?}");
}

/// Issue 17: `decode tlv --lang zh-CN` names every tag, shows the values' meanings and explains
/// bit maps, CID, CVM, AFL, DOL, service code, priority and terminal type in Chinese; card
/// data stays masked and card text sits in 「」.
#[test]
fn tlv_in_chinese_has_no_english_words() {
    let mut found = Vec::new();
    for input in [
        // A DE55 of a CUPS purchase (ARQC, TVR, AIP, terminal capabilities, AID label).
        "9F260895BBE372271DDA7C9F2701809F101307010103A00000010A010000000000ED538FE49F37047F9F349E9F36020157950500000000009A031908309C01009F02060000000000015F2A02015682027C009F1A0201569F03060000000000009F3303E0E1C89F3501229F1E0831303030303031398408A0000003330101029F0902008C9F410400000403",
        // FCI of the PSE with its status word.
        "6F1A840E315041592E5359532E4444463031A5088801025F2D027A68 9000",
        // A record: service code, CDOL1, AFL, priority, CID, PAN, name, label; an error SW.
        "703E5F300202018C069F02069F3704940808010201180104008701819F2701885A0862123456789012325F20095A48414E472053414E5008554E494F4E504159 6A82",
        // TTQ, CTQ, additional capabilities, CVM results and list, AUC, country, entry mode,
        // an issuer action code, terminal type, track 2 equivalent, a TVR of the wrong length.
        "9F6604360000009F6C0280009F40056000F0A0019F34034203008E0E000027100000C35042031E031F009F0702FF005F280201569F3901079F0D05FC50AC88009F35011457116212345678901232D281220112345678909F6E0420700000950400800000",
    ] {
        let o = run(&["--lang", "zh-CN", "decode", "tlv", input], None);
        assert_eq!(o.status.code(), Some(0), "{input}: {}", stdout(&o));
        let s = stdout(&o);
        assert!(!s.contains("6212345678901232"), "{s}");
        found.extend(english_in(&s, "字节"));
    }
    assert!(found.is_empty(), "English words: {found:#?}");
}

/// Issue 17: `decode 8583 --lang zh-CN` names every field with the CUPS specification's term
/// and explains the frame, the MTI, DE3, DE22, DE39, DE55, CUPS field 60, DE62 of a sign-on
/// reply, DE63 and DE90 in Chinese; text the message carries sits in 「」.
#[test]
fn iso8583_in_chinese_has_no_english_words() {
    use cardbench::codec::iso8583::{encode, Message, Packing};
    let hex = |b: Vec<u8>| b.iter().map(|x| format!("{x:02X}")).collect::<String>();
    let purchase = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/iso8583/cups-0200-purchase.hex"
    ))
    .unwrap();
    let pyiso8583 = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/iso8583/cups-pyiso8583-0200.hex"
    ))
    .unwrap();
    // A sign-on reply with its working keys, and a declined purchase reply.
    let mut signon = Message::new("0810")
        .with(11, "000001")
        .with(39, "00")
        .with(41, "10000019")
        .with(60, "00000001003")
        .with(63, "CUP");
    let mut de62 = vec![0x11; 16];
    de62.extend_from_slice(&[0xAB, 0xCD, 0xEF, 0x01]);
    de62.extend_from_slice(&[0x22; 16]);
    de62.extend_from_slice(&[0x12, 0x34, 0x56, 0x78]);
    signon.set_bytes(62, de62);
    let declined = Message::new("0210")
        .with(3, "000000")
        .with(4, "000000012345")
        .with(11, "000403")
        .with(22, "021")
        .with(39, "51")
        .with(41, "10000019")
        .with(42, "850100082410002")
        .with(60, "22000024000501");
    let reversal = Message::new("0400")
        .with(11, "000124")
        .with(39, "98")
        .with(90, "020000012311261234560000000000100000000002");
    // DE55 as ASCII text that is not hex (shown by its length), and DE55 bytes that are not TLV.
    let icc_text = Message::new("0200")
        .with(11, "000125")
        .with(55, "ICC-TEXT-1234");
    let mut icc_broken = Message::new("0200").with(11, "000126");
    icc_broken.set_bytes(55, vec![0x9F]);
    let cups = ["--format", "cups"];
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec![],
            String::from_utf8(encode(&icc_text, Packing::Ascii).unwrap()).unwrap(),
        ),
        (vec!["--format", "cups", "--framed"], purchase),
        (cups.to_vec(), pyiso8583),
        (cups.to_vec(), hex(encode(&signon, Packing::Cups).unwrap())),
        (
            cups.to_vec(),
            hex(encode(&declined, Packing::Cups).unwrap()),
        ),
        (
            vec![],
            String::from_utf8(encode(&reversal, Packing::Ascii).unwrap()).unwrap(),
        ),
    ];
    let (mut found, mut seen) = (Vec::new(), String::new());
    for (flags, input) in &cases {
        let mut args = vec!["--lang", "zh-CN", "decode", "8583"];
        args.extend(flags);
        args.push("-");
        // Not `run`: its scan for Luhn-valid digit runs also finds the bitmap's list of field
        // numbers and DE53; the cards' numbers are checked by name instead.
        let (code, s, _) = crate::cases::cli(&args, input);
        assert_eq!(code, 0, "{input}: {s}");
        for pan in ["6224242900000113", "4761739001010119"] {
            assert!(!s.contains(pan), "{s}");
        }
        found.extend(english_in(&s, "ISO 8583 报文"));
        seen.push_str(&s);
    }
    assert!(seen.contains("[IC 卡数据，13 个字符]"), "{seen}");
    // Not TLV: the message is shown, then refused (exit 2), all in Chinese.
    let broken = hex(encode(&icc_broken, Packing::Cups).unwrap());
    let (_, s, _) = crate::cases::cli(
        &["--lang", "zh-CN", "decode", "8583", "--format", "cups", "-"],
        &broken,
    );
    assert!(s.contains("不是 TLV"), "{s}");
    found.extend(english_in(&s, "ISO 8583 报文"));
    assert!(found.is_empty(), "English words: {found:#?}");
}

/// The English words of a zh-CN decode `s` (which must hold `expect`, a sign it decoded),
/// each with the output it is in.
fn english_in(s: &str, expect: &str) -> Vec<(String, String)> {
    assert!(s.contains(expect), "{s}");
    crate::english::english_words(s)
        .into_iter()
        .map(|w| (w, s.to_string()))
        .collect()
}

/// Issue 17: bad input to `decode apdu`, `tlv` and `8583` is refused in Chinese (exit 2); the
/// decoder's own words about the bytes (`expected MTI in ASCII digits`) are English yet.
#[test]
fn decode_errors_in_chinese() {
    for (args, said) in [
        (vec!["apdu", "zz"], "apdu：偏移 0 处有无效的十六进制字符"),
        (
            vec!["apdu", "0"],
            "十六进制位数为奇数（偏移 1 处缺少半个字节）",
        ),
        (vec!["tlv", ""], "没有十六进制输入"),
        (
            vec!["8583", "F0F2F0F0F8F2F2F0F0F0F0F0F0F0F0F0F0F0F0F0"],
            "本报文为 EBCDIC 编码，cardbench 只读 ASCII",
        ),
    ] {
        let mut all = vec!["--lang", "zh-CN", "decode"];
        all.extend(&args);
        let o = run(&all, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(said), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// ASCII 8583 (pyiso8583 `default_ascii` layout, bitmap 0000000000010000 or 0000000000000000
/// with only `de` set) holding `value` in LLLVAR data element `de` (36, 45, 48).
fn ascii_8583_with(de: u8, value: &str) -> String {
    let mut bitmap = [0u8; 8];
    bitmap[usize::from(de - 1) / 8] |= 0x80 >> ((de - 1) % 8);
    let hex: String = bitmap.iter().map(|b| format!("{b:02X}")).collect();
    let len = if de == 45 { 2 } else { 3 };
    format!("0200{hex}{:0len$}{value}", value.len())
}

/// Breaker, session 6 (issue 14 kind 2): a card number written in groups in free text or in a
/// name is masked; track 1 and 3 show only the masked PAN (as track 2 does), and track data in
/// free text after `=` is hidden; data that cannot hold a PAN (an APPLICATION UNBLOCK MAC) is
/// shown in full; a PAN in an unknown tag, as ASCII or BCD, is masked to 6 / 4 in its hex.
#[test]
fn card_numbers_are_masked_by_what_the_data_is() {
    let cases: [(Vec<String>, &str, &str); 8] = [
        (
            vec!["8583".into(), ascii_8583_with(48, "card 4761 7390 0101 0119 ref")],
            "card 4761 73** **** 0119 ref",
            "",
        ),
        (
            vec!["8583".into(), ascii_8583_with(48, "T2=4761739001010119=2512201114380440 ok")],
            "T2=476173******0119=**************** ok",
            "2512201",
        ),
        (
            vec!["8583".into(), ascii_8583_with(45, "%B4761739001010119^TEST/CARD^25122011000000000000?")],
            "%B476173******0119^*********^********************?",
            "TEST/CARD",
        ),
        (
            vec!["8583".into(), ascii_8583_with(36, "011234567890123445=724724100000000000030300XXXX040400099010=1000000000000000=1=0000000000000000")],
            "011234********3445=*****",
            "XXXX",
        ),
        (
            vec!["tlv".into(), "5F2013343736312037333930203031303120303131399F0B13343736312D373339302D303130312D30313139".into()],
            "\"4761 73** **** 0119\"",
            "",
        ),
        (
            vec!["apdu".into(), "8418000010112233445566778899AABBCCDDEEFF00".into()],
            "11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00",
            "*",
        ),
        (
            vec!["tlv".into(), "DF011034373631373339303031303130313139".into()],
            "343736313733************30313139",
            "",
        ),
        (
            vec!["tlv".into(), "DF01086212345678901232".into()],
            "621234******1232",
            "",
        ),
    ];
    for (args, want, never) in cases {
        let mut argv = vec!["decode"];
        argv.extend(args.iter().map(String::as_str));
        let o = run(&argv, None);
        let text = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{argv:?}\n{text}");
        assert!(text.contains(want), "{argv:?}: {want:?} not in\n{text}");
        if !never.is_empty() {
            assert!(!text.contains(never), "{argv:?}: {never:?} in\n{text}");
        }
    }
}

/// Breaker, session 6 (issue 14 kind 4, tracks as readers send them): MagTek's `+` before
/// track 3 (sualeh/magnetictrackparser ManyTest.java), track 2 typed without its start
/// sentinel (xslim/msr606 README), fields marked absent by a separator (ISO/IEC 7813), and
/// tracks longer than the standard allows.
#[test]
fn tracks_as_readers_type_them() {
    let ok: [(&str, &[&str]); 5] = [
        (
            "%B378578692630345^ /                        ^1508121140165241?;378578692630345=150812114016524100000?+6202608082356005=15046200000010000000000004976?",
            &["Track 1: ok", "Track 2: ok", "Track 3: ok"],
        ),
        ("6210947000000021=1808101?", &["Track 2: ok", "621094******0021", "1808"]),
        ("67030010054610102=1808101?", &["Track 2: ok", "670300*******0102"]),
        (";4761739001010119==?", &["Track 2: ok", "absent"]),
        ("%B4761739001010119^TEST/CARD^^?", &["Track 1: ok", "absent"]),
    ];
    for (input, wants) in ok {
        let o = run(&["decode", "track", input], None);
        let text = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{input}\n{text}");
        for w in wants {
            assert!(text.contains(w), "{w:?} not in\n{text}");
        }
    }
    let long_t1 = format!("%B4761739001010119^TEST/CARD^2512201{}?", "0".repeat(80));
    for (input, want) in [
        (long_t1.as_str(), "at most 76 on track 1"),
        (
            ";4761739001010119=25122011143804400000000000000000?",
            "character 38 is one too many",
        ),
    ] {
        let o = run(&["decode", "track", input], None);
        assert_eq!(o.status.code(), Some(2), "{input}");
        assert!(stdout(&o).contains(want), "{want:?} not in {}", stdout(&o));
    }
}

/// Issue 17, "an error is printed once, on stderr": when the output already names the bad
/// object (a track that does not read, a malformed TLV object in tlv / apdu / 8583), stderr
/// says one line that points at it and does not repeat it; exit 2, in both languages.
#[test]
fn a_decode_fault_is_said_once() {
    // DE55 with 9F1A and no length byte: ASCII 8583 (bitmap with only DE55), LLLVAR.
    let de55 = "9F0206000000001000 9F1A".replace(' ', "");
    let mut bitmap = [0u8; 8];
    bitmap[54 / 8] |= 0x80 >> (54 % 8);
    let hex: String = bitmap.iter().map(|b| format!("{b:02X}")).collect();
    let raw = format!("0200{hex}{:03}", de55.len() / 2);
    let mut msg: Vec<u8> = raw.into_bytes();
    msg.extend(
        (0..de55.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&de55[i..i + 2], 16).unwrap()),
    );
    let msg_hex: String = msg.iter().map(|b| format!("{b:02X}")).collect();
    let cases: [(&[&str], &str); 4] = [
        (&["track", "%B47617390010101"], "1"),
        (&["tlv", "9F02060000000010009F1A"], "11"),
        (&["apdu", "<- 9F02060000000010009F1A 9000"], "11"),
        (&["8583", &msg_hex], "11"),
    ];
    for lang in ["en", "zh-CN"] {
        for (args, fact) in cases {
            let mut all = vec!["--lang", lang, "decode"];
            all.extend(args);
            let o = run(&all, None);
            let (out, err) = (stdout(&o), String::from_utf8_lossy(&o.stderr).into_owned());
            assert_eq!(o.status.code(), Some(2), "{all:?}\n{out}\n{err}");
            assert_eq!(err.lines().count(), 1, "{all:?}: {err}");
            let fault = out
                .lines()
                .find(|l| l.contains(fact))
                .unwrap_or_else(|| panic!("{all:?}: {fact:?} not in stdout\n{out}"));
            // The stdout line's reason (after its label, before its remark in brackets) is
            // not on stderr.
            let last = fault.rsplit([':', '：']).next().unwrap();
            let reason = last.split(['(', '（']).next().unwrap().trim();
            assert!(
                !reason.is_empty() && !err.contains(reason),
                "{all:?}: said twice:\n{out}\n{err}"
            );
            assert!(!err.contains(fact) || fact == "1", "{all:?}: {err}");
        }
    }
    // A fault with nothing decoded before it is still said, on stderr only.
    let o = run(&["decode", "atr", "3B8D80"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("byte 3"));
}

/// A file named where the bytes go is refused with the way to feed it (`- < FILE`), in one
/// line on stderr and exit 2, not read as hex ("invalid hex character 'u'").
#[test]
fn a_file_named_as_input_says_how_to_feed_it() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/iso8583/cups-0200-purchase.hex"
    );
    for (lang, want) in [("en", "is a file"), ("zh-CN", "是一个文件")] {
        let o = run(
            &[
                "--lang", lang, "decode", "8583", "--format", "cups", "--framed", file,
            ],
            None,
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(want) && err.contains("- <"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(stdout(&o).is_empty());
    }
    // Hex that happens to be a file's name elsewhere is still hex.
    let o = run(&["decode", "apdu", "9000"], None);
    assert_eq!(o.status.code(), Some(0));
}

/// Standard input that is a folder or not text is refused in one line that says what decode
/// reads and how to feed it (not the system's "Is a directory" or "stream did not contain
/// valid UTF-8"), in both languages, exit 2.
#[test]
fn stdin_that_is_a_folder_or_binary_is_said_plainly() {
    let bin = env!("CARGO_BIN_EXE_cardbench");
    for (lang, folder, binary) in [
        (
            "en",
            "standard input is a folder",
            "standard input is not text",
        ),
        ("zh-CN", "标准输入是一个文件夹", "标准输入不是文本"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let o = Command::new(bin)
            .args(["--lang", lang, "decode", "tlv", "-"])
            .stdin(std::fs::File::open(dir.path()).unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.contains(folder) && err.contains("decode tlv -"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");

        let mut child = Command::new(bin)
            .args(["--lang", lang, "decode", "8583", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child
            .stdin
            .take()
            .unwrap()
            .write_all(&[0x02, 0x00, 0xff, 0xfe]);
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(binary) && err.contains("xxd -p"), "{err}");
        assert!(err.contains("decode 8583 -"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

/// `decode apdu` breaks a GPO reply (format 1 `80` and format 2 `77`) into AIP and AFL with the
/// lines `decode tlv` prints for the same bytes (one explanation function), text and JSON.
#[test]
fn apdu_explains_a_gpo_reply_as_decode_tlv_does() {
    for data in [
        "800A7C000801050108020200",
        "770E82027C00940808010501080202009000",
    ] {
        let tlv_data = data.strip_suffix("9000").unwrap_or(data);
        let tlv = stdout(&run(&["decode", "tlv", tlv_data], None));
        // Marked as a response: `80 0A …` alone reads as a command header.
        let rapdu = if data.ends_with("9000") {
            format!("R:{data}")
        } else {
            format!("R:{data}9000")
        };
        let apdu = stdout(&run(&["decode", "apdu", &rapdu], None));
        for want in ["byte 1 bit 40: SDA supported", "SFI 1 records 1-5"] {
            assert!(tlv.contains(want), "{want}\n{tlv}");
            assert!(apdu.contains(want), "{want}\n{apdu}");
        }
        let json = stdout(&run(&["decode", "apdu", "--json", &rapdu], None));
        assert!(
            json.contains("\"explain\"") && json.contains("SFI 1 records 1-5"),
            "{json}"
        );
    }
}

/// A malformed DE55 names the field, not `tlv`: its offset counts in DE55's value, not in the
/// whole message (`DE55: at byte 2`), in both languages; exit 2.
#[test]
fn a_de55_fault_names_de55() {
    let msg = ascii_8583_with(55, "9F2608AABBCCDD9F2701");
    let o = run(&["--lang", "en", "decode", "8583", &msg], None);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains("DE55: at byte 2: expected 8 value bytes for tag 9F26"),
        "{out}"
    );
    assert!(!out.contains("tlv: at byte"), "{out}");
    let out = stdout(&run(&["--lang", "zh-CN", "decode", "8583", &msg], None));
    assert!(out.contains("DE55：第 2 字节处"), "{out}");
}
