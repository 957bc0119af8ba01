//! A malformed TLV object is said the same way by every decoder that meets it (`decode tlv`,
//! the response data of `decode apdu`, field 55 of `decode 8583`): what is well formed is
//! shown, the problems follow their offsets, and the command exits 2. A value whose length
//! the dictionary does not allow is decoded with a remark (exit 0).

use super::cases::cli;

/// `0210` with only field 55 = `de55` (hex), CUPS packing.
fn cups_0210(de55: &str) -> String {
    format!("0210 0000000000000200 {:04} {de55}", de55.len() / 2)
}

#[test]
fn the_same_bad_object_exits_2_in_every_decoder() {
    // 9F27 then 91 claiming 10 bytes with 3 left; then 77 { 82, 94 one byte short }.
    for bad in [
        "9F2701 80 910A 010203",
        "770E 82027C00 9409 0801010010010200",
    ] {
        let hex = bad.replace(' ', "");
        let (tlv, out_tlv, err_tlv) = cli(&["decode", "tlv", &hex], "");
        let apdu_in = format!("<- {hex} 9000");
        let (apdu, out_apdu, err_apdu) = cli(&["decode", "apdu", &apdu_in], "");
        let (iso, out_iso, err_iso) = cli(
            &["decode", "8583", "--format", "cups", "-"],
            &cups_0210(&hex),
        );
        assert_eq!((tlv, apdu, iso), (2, 2, 2), "{bad}");
        for (out, err) in [(out_tlv, err_tlv), (out_apdu, err_apdu), (out_iso, err_iso)] {
            assert!(out.contains("Not decoded"), "{bad}: {out}");
            assert_eq!(err.lines().count(), 1, "{bad}: {err}");
            // Said once: the fault is in the output; stderr points there (issue 17).
            assert!(
                !err.contains("expected") && err.contains("output marks"),
                "{err}"
            );
        }
    }
    // The JSON documents are printed in full before the exit 2 too.
    let (code, out, _) = cli(&["decode", "apdu", "--json", "<- 5F2A0309 9000"], "");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("\"tlv_problems\""), "{out}");
    // A GET CHALLENGE answer is not TLV: shown as the challenge, exit 0.
    let (code, out, _) = cli(&["decode", "apdu", "0084000008 | 5F2A0901020304 9000"], "");
    assert_eq!(code, 0, "{out}");
}

#[test]
fn problems_follow_their_offsets() {
    // 77 { 94 claims 9, 1 left } (fault at byte 3), then 70 with the length quirk 86 = the
    // 134 bytes left (warning at byte 6): the fault is listed first, as it comes first.
    let mut hex = String::from("7703 9409 08 7086");
    hex.push_str(&"9F3600".repeat(44));
    hex.push_str("8200");
    let (code, out, _) = cli(&["decode", "tlv", &hex.replace(' ', "")], "");
    assert_eq!(code, 2, "{out}");
    let fault = out.find("Not decoded").unwrap();
    let warning = out.find("Warning").unwrap();
    assert!(fault < warning, "{out}");
    assert!(out[fault..warning].contains("at byte 3"), "{out}");
    assert!(out[warning..].contains("at byte 6"), "{out}");
}

#[test]
fn a_length_the_dictionary_does_not_allow_is_named() {
    // 91 Issuer Authentication Data is 8 to 16 bytes; 5F2A is 2; 9F63 exactly 16.
    let de55 = "9F270180 91050102030405 5F2A03012345".replace(' ', "");
    let (code, out, _) = cli(&["decode", "tlv", &de55], "");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Issuer Authentication Data should be 8 to 16 bytes, got 5"),
        "{out}"
    );
    assert!(
        out.contains("Transaction Currency Code should be 2 bytes, got 3"),
        "{out}"
    );
    let (code, out, _) = cli(
        &["decode", "8583", "--format", "cups", "-"],
        &cups_0210(&de55),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("should be 8 to 16 bytes, got 5"), "{out}");
    let (_, out, _) = cli(
        &["--lang", "zh-CN", "decode", "8583", "--format", "cups", "-"],
        &cups_0210(&de55),
    );
    assert!(
        out.contains("发卡行认证数据 应为 8–16 字节，实为 5 字节"),
        "{out}"
    );
    // In range, and a zero-length object (not present, EMV Book 3 §5.2): no remark.
    let (_, out, _) = cli(&["decode", "tlv", "910A0102030405060708090A 9F3600"], "");
    assert!(!out.contains("should be"), "{out}");
}

#[test]
fn a_template_cut_short_does_not_show_its_bytes() {
    // 70 holds a 5A (PAN) that claims 9 bytes with 8 there: the digits must not be printed.
    let (code, out, _) = cli(&["decode", "apdu", "<- 700A5A09476173900101001090 00"], "");
    assert_eq!(code, 2, "{out}");
    assert!(!out.contains("47 61 73"), "{out}");
    assert!(!out.contains("476173"), "{out}");
    assert!(out.contains("at byte 3"), "{out}");
}
