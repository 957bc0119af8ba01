//! EMV on top of BER-TLV: the tag dictionary, which tags are card data and how their values
//! are shown (masked), bit-by-bit meanings of TVR/TSI/AIP/CID/CVM/AUC/terminal capabilities,
//! AFL and DOL parsing, DOL filling from terminal data, and the known AIDs (protocols.md §5).

mod aid;
mod bits;
mod dol;
mod tags;

pub use aid::{lookup_aid, scheme_of_aid, Aid, KNOWN_AIDS};
pub use bits::{
    cvm_condition, cvm_method, decode_add_term_caps, decode_aip, decode_auc, decode_cid,
    decode_ctq, decode_cvm_results, decode_term_caps, decode_tsi, decode_ttq, decode_tvr,
    parse_cvm_list, Bit, Cid, CryptogramType, CvmList, CvmResults, CvmRule,
};
pub use dol::{
    dol_len, fill_dol, parse_afl, parse_dol, split_dol, AflEntry, DolEntry, TerminalData,
};
pub use tags::{tag_info, tag_name, TagInfo, ValueClass, TAGS};

use crate::hexfmt::hex;

/// The Payment System Environment's name, `1PAY.SYS.DDF01` (EMV Book 1 §12.2.2).
pub const PSE: &[u8] = b"1PAY.SYS.DDF01";
use crate::sensitive::{Pan, Track2};

/// Tags whose values are PAN, track data or sensitive authentication data (reliability.md
/// §1.2). Their values are never shown in clear: [`display_value`] masks them.
/// Cardholder name (`5F20`, `9F0B`) and expiry (`5F24`) may be displayed and are not listed.
pub fn is_card_data_tag(tag: u32) -> bool {
    matches!(
        tag,
        0x5A | 0x56 | 0x57 | 0x9F6B | 0x9F1F | 0x9F20 | 0x99 | 0x9F60 | 0x9F61
    )
}

/// Nibbles of `v` as hex digits, upper case (BCD and cn values).
fn nibbles(v: &[u8]) -> String {
    hex(v)
}

/// A hex display that is guarded against a clear PAN hiding in binary data.
pub fn guarded_hex(v: &[u8]) -> String {
    crate::sensitive::mask_luhn_runs(&hex(v))
}

fn ascii_or_hex(v: &[u8]) -> String {
    if !v.is_empty() && v.iter().all(|b| (0x20..0x7F).contains(b)) {
        format!("\"{}\"", String::from_utf8_lossy(v))
    } else {
        guarded_hex(v)
    }
}

fn currency_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "156" => "CNY",
        "344" => "HKD",
        "446" => "MOP",
        "840" => "USD",
        "978" => "EUR",
        "392" => "JPY",
        "410" => "KRW",
        "826" => "GBP",
        "901" => "TWD",
        "643" => "RUB",
        "356" => "INR",
        "124" => "CAD",
        _ => return None,
    })
}

fn country_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "156" => "China",
        "344" => "Hong Kong",
        "446" => "Macao",
        "158" => "Taiwan",
        "840" => "United States",
        "392" => "Japan",
        "410" => "Korea",
        "826" => "United Kingdom",
        "643" => "Russia",
        "356" => "India",
        "124" => "Canada",
        "276" => "Germany",
        "250" => "France",
        _ => return None,
    })
}

/// Meaning of a transaction type (`9C`).
pub fn transaction_type(code: u8) -> Option<&'static str> {
    Some(match code {
        0x00 => "goods and services",
        0x01 => "cash",
        0x09 => "purchase with cashback",
        0x20 => "refund",
        0x30 => "balance inquiry",
        0x31 => "balance inquiry",
        0x40 => "transfer",
        0x60 => "load (electronic cash)",
        _ => return None,
    })
}

/// Meaning of a terminal type (`9F35`): who operates it, attended or not, online ability.
pub fn terminal_type(code: u8) -> Option<String> {
    let who = match code >> 4 {
        1 => "financial institution",
        2 => "merchant",
        3 => "cardholder",
        _ => return None,
    };
    let how = match code & 0x0F {
        1 => "attended, online only",
        2 => "attended, offline with online capability",
        3 => "attended, offline only",
        4 => "unattended, online only",
        5 => "unattended, offline with online capability",
        6 => "unattended, offline only",
        _ => return None,
    };
    Some(format!("{who}, {how}"))
}

/// Meaning of a POS entry mode (`9F39`, DE22 positions 1–2).
pub fn pos_entry_mode(code: u8) -> Option<&'static str> {
    Some(match code {
        0x00 => "unspecified",
        0x01 => "manual key entry",
        0x02 => "magnetic stripe (track data may be incomplete)",
        0x05 => "integrated circuit card (contact)",
        0x07 => "contactless chip",
        0x80 => "fallback: magnetic stripe after a chip read failure",
        0x90 => "magnetic stripe, full track data",
        0x91 => "contactless magnetic stripe mode",
        0x95 => "integrated circuit card, data may be unreliable",
        _ => return None,
    })
}

/// The value of a tag as one line of text. Card-data tags are masked (`5A` first 6 / last 4,
/// `57`/`9F6B` PAN masked and the rest starred, the others hidden); text tags are shown as
/// quoted ASCII, numeric tags as digits, a few coded values with their meaning, the rest as
/// upper-case hex.
pub fn display_value(tag: u32, value: &[u8]) -> String {
    match tag {
        0x5A => {
            let digits = nibbles(value);
            Pan::new(digits.trim_end_matches('F')).to_string()
        }
        0x57 | 0x9F6B => {
            let digits = nibbles(value);
            Track2::new(digits.trim_end_matches('F')).to_string()
        }
        0x56 => {
            // Track 1 image: format code, PAN, `^`, name, `^`, the rest.
            let text = String::from_utf8_lossy(value);
            let body = text.strip_prefix(['B', 'b']).unwrap_or(&text);
            let pan: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
            format!(
                "{} (track 1 data, {} bytes, rest hidden)",
                Pan::new(pan),
                value.len()
            )
        }
        t if is_card_data_tag(t) => format!("(hidden, {} bytes)", value.len()),
        0x9F27 => match decode_cid(value) {
            Some(c) => format!("{:02X} ({})", c.raw, c.kind.code()),
            None => String::new(),
        },
        0x9C => match value.first().and_then(|&b| transaction_type(b)) {
            Some(m) if value.len() == 1 => format!("{:02X} ({m})", value[0]),
            _ => guarded_hex(value),
        },
        0x5F2A | 0x9F42 | 0x9F51 | 0x9F3C => {
            let d = nibbles(value);
            let code = d.trim_start_matches('0');
            let code = format!("{code:0>3}");
            match currency_name(&code) {
                Some(n) => format!("{d} ({n})"),
                None => d,
            }
        }
        0x5F28 | 0x9F1A => {
            let d = nibbles(value);
            let code = format!("{:0>3}", d.trim_start_matches('0'));
            match country_name(&code) {
                Some(n) => format!("{d} ({n})"),
                None => d,
            }
        }
        0x9A | 0x5F24 | 0x5F25 if value.len() == 3 => {
            let d = nibbles(value);
            if d.bytes().all(|b| b.is_ascii_digit()) {
                format!("{d} (20{}-{}-{})", &d[0..2], &d[2..4], &d[4..6])
            } else {
                d
            }
        }
        0x4F | 0x84 | 0x9D | 0x9F06 => match lookup_aid(value) {
            Some(a) => format!("{} ({})", hex(value), a.label),
            // DDF names such as `1PAY.SYS.DDF01` are ASCII
            None if value.len() >= 5 && value.iter().all(|b| b.is_ascii_graphic()) => {
                format!("\"{}\"", String::from_utf8_lossy(value))
            }
            None => guarded_hex(value),
        },
        _ => match tag_info(tag).map(|i| i.class()) {
            Some(ValueClass::Text) => ascii_or_hex(value),
            Some(ValueClass::Numeric) => crate::sensitive::mask_luhn_runs(&nibbles(value)),
            _ => guarded_hex(value),
        },
    }
}

/// One line per bit: every defined bit with `[x]`/`[ ]` (capability maps), or only the set
/// ones (event maps such as TVR and TSI). Set bits the table does not define are reported as
/// RFU either way, and an event map with nothing set says so.
fn bit_lines(bits: &[Bit], v: &[u8], only_set: bool, none: &str) -> Vec<String> {
    let mut out = Vec::new();
    for b in bits {
        if only_set && !b.set {
            continue;
        }
        let mark = if b.set { "[x]" } else { "[ ]" };
        out.push(format!(
            "{mark} byte {} bit {:02X}: {}",
            b.byte, b.mask, b.meaning
        ));
    }
    for (i, byte) in v.iter().enumerate() {
        let known: u8 = bits
            .iter()
            .filter(|b| usize::from(b.byte) == i + 1)
            .fold(0, |m, b| m | b.mask);
        let unknown = byte & !known;
        if unknown != 0 {
            out.push(format!("[x] byte {} bits {unknown:02X}: RFU", i + 1));
        }
    }
    if out.is_empty() {
        out.push(none.to_string());
    }
    out
}

fn expect_len(v: &[u8], n: usize, what: &str) -> Option<String> {
    (v.len() != n).then(|| format!("! {what} should be {n} bytes, got {}", v.len()))
}

/// Human explanation lines for a tag's value: bits of TVR/TSI/AIP/AUC/terminal capabilities,
/// CID, CVM results and list, AFL entries, DOL entries. Empty for tags with nothing more to
/// say than [`display_value`].
pub fn explain_tag(tag: u32, value: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    match tag {
        0x95 => {
            out.extend(expect_len(value, 5, "TVR"));
            out.extend(bit_lines(&decode_tvr(value), value, true, "no TVR bit set"));
        }
        0x9B => {
            out.extend(expect_len(value, 2, "TSI"));
            out.extend(bit_lines(&decode_tsi(value), value, true, "no TSI bit set"));
        }
        0x82 => {
            out.extend(expect_len(value, 2, "AIP"));
            out.extend(bit_lines(&decode_aip(value), value, false, ""));
        }
        0x9F0D..=0x9F0F => {
            // Issuer action codes use the TVR's bit layout.
            out.extend(expect_len(value, 5, "issuer action code"));
            out.extend(bit_lines(&decode_tvr(value), value, true, "no bit set"));
        }
        0x9F40 => {
            out.extend(expect_len(value, 5, "additional terminal capabilities"));
            out.extend(bit_lines(
                &decode_add_term_caps(value),
                value,
                true,
                "no bit set",
            ));
        }
        0x9F66 => {
            out.extend(expect_len(value, 4, "TTQ"));
            out.extend(bit_lines(&decode_ttq(value), value, true, "no bit set"));
        }
        0x9F6C => {
            out.extend(expect_len(value, 2, "CTQ"));
            out.extend(bit_lines(&decode_ctq(value), value, true, "no bit set"));
        }
        0x5F30 => {
            // n3 in 2 bytes: `02 01` is service code 201.
            let digits = nibbles(value);
            let code = digits.get(1..4).unwrap_or("");
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
                for (digit, meaning) in crate::codec::track::service_code_meaning(code) {
                    out.push(format!("{digit}: {meaning}"));
                }
            }
        }
        0x9F39 => {
            if let Some(m) = value.first().and_then(|&b| pos_entry_mode(b)) {
                out.push(m.to_string());
            }
        }
        0x9F07 => {
            out.extend(expect_len(value, 2, "AUC"));
            out.extend(bit_lines(&decode_auc(value), value, false, ""));
        }
        0x9F33 => {
            out.extend(expect_len(value, 3, "terminal capabilities"));
            out.extend(bit_lines(&decode_term_caps(value), value, false, ""));
        }
        0x9F27 => {
            out.extend(expect_len(value, 1, "CID"));
            if let Some(c) = decode_cid(value) {
                out.push(format!("{}: {}", c.kind.code(), c.kind.meaning()));
                if c.advice_required {
                    out.push("advice required".into());
                }
                if c.reason != 0 {
                    out.push(format!("reason: {}", c.reason_text()));
                }
            }
        }
        0x9F34 => match decode_cvm_results(value) {
            Some(r) => {
                out.push(format!(
                    "CVM performed: {:02X} {}",
                    r.rule.code,
                    r.rule.method()
                ));
                out.push(format!(
                    "condition: {:02X} {}",
                    r.rule.condition,
                    r.rule.condition_text()
                ));
                out.push(format!("result: {:02X} {}", r.result, r.result_text()));
            }
            None => out.push(format!(
                "! CVM results should be 3 bytes, got {}",
                value.len()
            )),
        },
        0x8E => match parse_cvm_list(value) {
            Ok(l) => {
                out.push(format!("amount X: {}", l.x));
                out.push(format!("amount Y: {}", l.y));
                for (i, r) in l.rules.iter().enumerate() {
                    out.push(format!(
                        "rule {}: {} / {}{}",
                        i + 1,
                        r.method(),
                        r.condition_text(),
                        if r.apply_next_if_fails {
                            " (apply next rule if this fails)"
                        } else {
                            " (fail cardholder verification if this fails)"
                        }
                    ));
                }
            }
            Err(e) => out.push(format!("! {e}")),
        },
        0x94 => match parse_afl(value) {
            Ok(entries) => {
                for e in entries {
                    let recs = if e.first == e.last {
                        format!("record {}", e.first)
                    } else {
                        format!("records {}-{}", e.first, e.last)
                    };
                    out.push(format!(
                        "SFI {} {recs} ({} for offline data authentication)",
                        e.sfi, e.oda
                    ));
                }
            }
            Err(e) => out.push(format!("! {e}")),
        },
        0x9F38 | 0x8C | 0x8D | 0x9F49 | 0x97 => match parse_dol(value) {
            Ok(dol) => {
                for e in &dol {
                    out.push(format!(
                        "{} {} ({} bytes)",
                        crate::codec::tlv::Tag(e.tag),
                        tag_name(e.tag),
                        e.len
                    ));
                }
                out.push(format!("total {} bytes", dol_len(&dol)));
            }
            Err(e) => out.push(format!("! {e}")),
        },
        0x87 => {
            if let Some(&b) = value.first() {
                out.push(format!("priority {}", b & 0x0F));
                if b & 0x80 != 0 {
                    out.push("cardholder confirmation required".into());
                }
            }
        }
        0x9F35 => {
            if let Some(m) = value.first().and_then(|&b| terminal_type(b)) {
                out.push(m);
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn dictionary_is_big_and_unique() {
        assert!(TAGS.len() >= 80, "{}", TAGS.len());
        let mut seen = std::collections::HashSet::new();
        for (t, _) in TAGS {
            assert!(seen.insert(*t), "duplicate {t:X}");
        }
    }

    #[test]
    fn masks_card_data() {
        let pan = display_value(0x5A, &[0x62, 0x24, 0x24, 0x29, 0x00, 0x00, 0x01, 0x13]);
        assert_eq!(pan, "622424******0113");
        let t2 = display_value(
            0x57,
            &crate::hexfmt::parse_hex("6224242900000113D28062013949031013").unwrap_or_default(),
        );
        assert!(!t2.contains("2900000113"));
        assert!(!t2.contains("3949031013"));
    }

    #[test]
    fn cid_reads_arqc() {
        assert_eq!(display_value(0x9F27, &[0x80]), "80 (ARQC)");
    }
}
