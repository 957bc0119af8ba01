//! ISO 8583 fields `decode 8583` breaks into parts beyond the table: DE90 original data
//! elements, DE61 (the original batch, STAN and date), the settlement totals in DE48 of a
//! 0500/0510, field 62 of a sign-on reply (the working keys and their check values), field 63
//! (card organisation or operator code); and the hint that a message that does not read as
//! ASCII is EBCDIC.

use crate::codec::iso8583::original::{cut, DE61_WIDTHS, DE90_WIDTHS};
use crate::codec::iso8583::signon::key_slots_lenient;
use crate::codec::iso8583::{Message, Packing, Value};
use crate::hexfmt::hex;
use crate::host::acquirer::kind::SignOnLayout;
use crate::host::acquirer::settle;
use crate::i18n::{tr, tr_args, Lang};

/// Extra lines under field `n` of `m` (empty when there is nothing to add).
pub fn field_notes(m: &Message, n: u8, packing: Packing, lang: Lang) -> Vec<String> {
    match (n, m.get(n)) {
        (90, Some(Value::Text(t))) => de90_parts(t, lang),
        (62, Some(v)) if m.mti == "0810" => signon_keys(m, v.as_bytes(), packing, lang),
        (63, Some(v)) => de63_parts(&m.mti, v.as_bytes(), lang),
        (61, Some(Value::Text(t))) => de61_parts(t, lang),
        (48, Some(Value::Text(t))) if matches!(m.mti.as_str(), "0500" | "0510") => {
            settlement_totals(t, lang)
        }
        _ => Vec::new(),
    }
}

/// A sub-field line: `label: value`, with ` (meaning)` when there is one.
pub fn part_line(lang: Lang, label: &str, value: &str, meaning: &str) -> String {
    let args = [
        ("label", label.into()),
        ("value", value.into()),
        ("meaning", meaning.into()),
    ];
    let id = if meaning.is_empty() {
        "decode-8583-part"
    } else {
        "decode-8583-part-meaning"
    };
    tr_args(lang, id, &args).into_owned()
}

/// DE90 (n42): original MTI, STAN, transmission date and time, acquiring and forwarding
/// institution IDs (ISO 8583:1987 §4.3.90).
fn de90_parts(t: &str, lang: Lang) -> Vec<String> {
    let labels = [
        "decode-8583-de90-1",
        "decode-8583-de90-2",
        "decode-8583-de90-3",
        "decode-8583-de90-4",
        "decode-8583-de90-5",
    ];
    let (parts, _) = cut(t, DE90_WIDTHS);
    labels
        .iter()
        .zip(parts)
        .take_while(|(_, p)| !p.is_empty())
        .map(|(label, part)| part_line(lang, &tr(lang, label), part, ""))
        .collect()
}

/// CUPS DE61 of a void, refund, completion, reversal or script notice: 61.1 original batch
/// number (n6), 61.2 original STAN (n6), 61.3 original date (MMDD), then what the
/// transaction adds (authorisation method and code of a completion).
fn de61_parts(t: &str, lang: Lang) -> Vec<String> {
    let labels = [
        "decode-8583-de61-1",
        "decode-8583-de61-2",
        "decode-8583-de61-3",
    ];
    let (parts, rest) = cut(t, DE61_WIDTHS);
    let mut out: Vec<String> = labels
        .iter()
        .zip(parts)
        .take_while(|(_, p)| !p.is_empty())
        .map(|(label, part)| part_line(lang, &tr(lang, label), part, ""))
        .collect();
    if !rest.is_empty() {
        out.push(part_line(
            lang,
            &tr(lang, "decode-8583-de61-rest"),
            rest,
            "",
        ));
    }
    out
}

/// DE48 of a settlement (0500) or its reply (0510): per card scheme (48.1 domestic RMB cards,
/// 48.2 foreign cards) debit amount n12, count n3, credit amount n12, count n3 and the
/// balance flag n1 (UnionPay POS spec; the host's reader, `settle::parse_totals`).
fn settlement_totals(t: &str, lang: Lang) -> Vec<String> {
    let amount = |minor: u64| format!("{}.{:02}", minor / 100, minor % 100);
    let mut out = Vec::new();
    for (i, label) in ["decode-8583-de48-domestic", "decode-8583-de48-foreign"]
        .iter()
        .enumerate()
    {
        let block = t.get(i * 31..).unwrap_or("");
        let Some(totals) = settle::parse_totals(block) else {
            if i == 0 {
                out.push(tr(lang, "decode-8583-de48-unreadable").into_owned());
            }
            break;
        };
        let flag = block.get(30..31).unwrap_or("");
        let flag_meaning = match flag {
            "1" => tr(lang, "decode-8583-de48-flag-1").into_owned(),
            "2" => tr(lang, "decode-8583-de48-flag-2").into_owned(),
            _ => String::new(),
        };
        let args = [
            ("part", format!("48.{}", i + 1).into()),
            ("scheme", tr(lang, label).into_owned().into()),
            ("debit_count", totals.debit_count.into()),
            ("debit", amount(totals.debit_amount).into()),
            ("credit_count", totals.credit_count.into()),
            ("credit", amount(totals.credit_amount).into()),
            ("flag", flag.into()),
            ("flag_meaning", flag_meaning.into()),
        ];
        out.push(tr_args(lang, "decode-8583-de48-totals", &args).into_owned());
    }
    out
}

/// The key layout of a sign-on reply: 60.3 of the message, else the length of field 62.
fn layout_of(m: &Message, len: usize) -> Option<SignOnLayout> {
    let by_code = m
        .text(60)
        .and_then(|t| t.get(8..11))
        .and_then(SignOnLayout::from_code);
    by_code.or(match len {
        24 => Some(SignOnLayout::Single),
        40 => Some(SignOnLayout::Double),
        60 => Some(SignOnLayout::DoubleTrack),
        _ => None,
    })
}

/// What `decode 8583` shows in place of field 62 of a sign-on reply (0810): its length only.
/// The working keys in it are encrypted under the terminal master key, yet a cryptogram of a
/// live key is key material; their check values (below the field) are what a technician
/// compares with the host.
///
/// Also DE48 of a settlement (05xx) whose totals read as such: amounts and counts, shown in
/// full — the free-text digit scan that DE48 otherwise gets would star them by chance.
pub fn hidden_value(m: &Message, n: u8, lang: Lang) -> Option<String> {
    if n == 48 && m.mti.starts_with("05") {
        let t = m.text(48)?;
        return settle::parse_totals(t).map(|_| t.to_string());
    }
    let v = m.get(n).filter(|_| n == 62 && m.mti == "0810")?;
    let args = [("n", v.as_bytes().len().into())];
    Some(tr_args(lang, "decode-8583-de62-hidden", &args).into_owned())
}

/// One working-key slot of field 62 as `decode` shows it: its key bytes and check value (never
/// the key itself), from the slots `codec::iso8583::signon` reads.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct KeySlot {
    /// `PIK`, `MAK`, `TDK` or `key` (a fourth slot no layout has).
    pub name: &'static str,
    /// Bytes of the slot that hold the encrypted key.
    pub key_bytes: usize,
    /// Zero bytes that pad a single-length key to its 16-byte slot (layouts 003/004).
    pub zero_pad: usize,
    /// The 4-byte key check value, hex; empty for an incomplete slot.
    pub kcv: String,
    /// Bytes of the slot when it is cut short (`None` when complete).
    pub incomplete: Option<usize>,
}

/// The key slots of field 62 of an 0810 (protocols.md §6.3), or `None` when the message does
/// not carry a key layout (not CUPS, declined, or a length no layout has).
pub fn key_slots(m: &Message, b: &[u8], packing: Packing) -> Option<(SignOnLayout, Vec<KeySlot>)> {
    if packing != Packing::Cups || m.mti != "0810" || m.text(39) != Some("00") {
        return None;
    }
    let layout = layout_of(m, b.len())?;
    let width = layout.key_width();
    let names = ["PIK", "MAK", "TDK"];
    let (keys, cut_short) = key_slots_lenient(b, width);
    let mut slots: Vec<KeySlot> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let zero_pad = if k.zero_padded() { width / 2 } else { 0 };
            KeySlot {
                name: names.get(i).copied().unwrap_or("key"),
                key_bytes: width - zero_pad,
                zero_pad,
                kcv: hex(k.check_value),
                incomplete: None,
            }
        })
        .collect();
    if let Some(got) = cut_short {
        slots.push(KeySlot {
            name: names.get(keys.len()).copied().unwrap_or("key"),
            key_bytes: 0,
            zero_pad: 0,
            kcv: String::new(),
            incomplete: Some(got),
        });
    }
    Some((layout, slots))
}

/// Field 62 of an 0810: each working key encrypted under the terminal master key, followed by
/// its 4-byte check value (protocols.md §6.3). The encrypted keys are not shown; the check
/// values are what a technician compares with the host.
fn signon_keys(m: &Message, b: &[u8], packing: Packing, lang: Lang) -> Vec<String> {
    if packing != Packing::Cups || m.text(39) != Some("00") {
        return Vec::new();
    }
    let n = [("n", b.len().into())];
    let Some((layout, slots)) = key_slots(m, b, packing) else {
        return vec![tr_args(lang, "decode-8583-de62-not-keys", &n).into_owned()];
    };
    let args = [("layout", layout.code().into()), ("n", b.len().into())];
    let mut out = vec![tr_args(lang, "decode-8583-de62-keys", &args).into_owned()];
    for (i, s) in slots.iter().enumerate() {
        let id = match s.name {
            "PIK" => "decode-8583-de62-pik",
            "MAK" => "decode-8583-de62-mak",
            "TDK" => "decode-8583-de62-tdk",
            _ => "decode-8583-de62-key",
        };
        let part = format!("62.{}", i + 1);
        let name = tr(lang, id).into_owned();
        let line = match s.incomplete {
            Some(got) => {
                let args = [
                    ("part", part.into()),
                    ("name", name.into()),
                    ("n", got.into()),
                ];
                tr_args(lang, "decode-8583-de62-incomplete", &args)
            }
            None => {
                let args = [
                    ("part", part.into()),
                    ("name", name.into()),
                    ("width", s.key_bytes.to_string().into()),
                    ("kcv", s.kcv.clone().into()),
                ];
                let id = if s.zero_pad > 0 {
                    "decode-8583-de62-key-line-single"
                } else {
                    "decode-8583-de62-key-line"
                };
                tr_args(lang, id, &args)
            }
        };
        out.push(line.into_owned());
    }
    out
}

/// Field 63 (CUPS ans..163): 63.1 the card organisation in a response (`CUP`, `VIS`…), the
/// operator code in a request; the rest is issuer or acquirer text.
fn de63_parts(mti: &str, b: &[u8], lang: Lang) -> Vec<String> {
    let text = String::from_utf8_lossy(b);
    let Some(first) = text.get(..3.min(text.len())) else {
        return Vec::new();
    };
    let response = mti.as_bytes().get(2).is_some_and(|d| (d - b'0') % 2 == 1);
    let mut out = Vec::new();
    if response {
        // Brand names stay as they are in every language; UnionPay's and "unknown" do not.
        let org = match first {
            "CUP" => tr(lang, "codes-org-cup"),
            "VIS" => "Visa".into(),
            "MCC" => "Mastercard".into(),
            "MAE" => "Maestro".into(),
            "JCB" => "JCB".into(),
            "DCC" => "Diners Club".into(),
            "AMX" => "American Express".into(),
            _ => tr(lang, "codes-org-unknown"),
        };
        let args = [("code", first.into()), ("org", org.into_owned().into())];
        out.push(tr_args(lang, "decode-8583-de63-org", &args).into_owned());
    } else {
        let args = [("code", first.into())];
        out.push(tr_args(lang, "decode-8583-de63-operator", &args).into_owned());
    }
    if text.len() > 3 {
        let args = [("n", (text.chars().count() - 3).into())];
        out.push(tr_args(lang, "decode-8583-de63-rest", &args).into_owned());
    }
    out
}

/// EBCDIC letters and digits (code page 500/037): `F0`–`F9`, `C1`–`C9`, `D1`–`D9`, `E2`–`E9`,
/// and the space `40`.
fn is_ebcdic_text(b: u8) -> bool {
    matches!(b, 0x40 | 0xC1..=0xC9 | 0xD1..=0xD9 | 0xE2..=0xE9 | 0xF0..=0xF9)
}

/// A hint for an ASCII decode that failed at `offset`: when the bytes from there (or the first
/// four, the MTI) are EBCDIC text, say so and show the MTI read as EBCDIC.
pub fn ebcdic_hint(bytes: &[u8], offset: usize, lang: Lang) -> Option<String> {
    let mti = bytes.get(..4)?;
    if mti.iter().all(|b| (0xF0..=0xF9).contains(b)) {
        let digits: String = mti.iter().map(|b| char::from(b'0' + (b - 0xF0))).collect();
        let args = [("mti", digits.into())];
        return Some(tr_args(lang, "decode-8583-hint-ebcdic-mti", &args).into_owned());
    }
    let window = bytes.get(offset..(offset + 8).min(bytes.len()))?;
    let ebcdic = window.iter().filter(|&&b| is_ebcdic_text(b)).count();
    (window.len() >= 2 && ebcdic * 4 >= window.len() * 3).then(|| {
        let args = [("offset", offset.to_string().into())];
        tr_args(lang, "decode-8583-hint-ebcdic-field", &args).into_owned()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn de90_is_split_into_its_five_parts() {
        let p = de90_parts("020000012311261234560000000000100000000002", Lang::En);
        assert_eq!(p.len(), 5);
        assert_eq!(p[0], "90.1 original MTI: 0200");
        assert_eq!(p[1], "90.2 original STAN: 000123");
        assert!(p[4].ends_with("00000000002"));
    }

    #[test]
    fn ebcdic_is_recognised() {
        let b = [0xF0, 0xF2, 0xF0, 0xF0, 0x72, 0x00];
        assert!(ebcdic_hint(&b, 4, Lang::En).unwrap().contains("MTI 0200"));
        let b = b"0200\xC1\xC2\xC3\xF1\xF2\xF3";
        assert!(ebcdic_hint(b, 4, Lang::En).unwrap().contains("offset 4"));
        assert!(ebcdic_hint(b"0200ABCDEF", 4, Lang::En).is_none());
    }

    fn reply(code: &str) -> Message {
        Message::new("0810")
            .with(39, "00")
            .with(60, format!("00000001{code}"))
    }

    /// (name, key_bytes, zero_pad, kcv, incomplete) of each slot.
    fn slots(code: &str, de62: &[u8]) -> Vec<(&'static str, usize, usize, String, Option<usize>)> {
        let (_, s) = key_slots(&reply(code), de62, Packing::Cups).unwrap();
        s.into_iter()
            .map(|k| (k.name, k.key_bytes, k.zero_pad, k.kcv, k.incomplete))
            .collect()
    }

    /// The results of the chunk-based reader this one replaced, slot by slot.
    #[test]
    fn key_slots_keep_the_old_results() {
        let mut de62 = [[0x11; 16], [0x22; 16]].concat();
        de62.splice(16..16, [1, 2, 3, 4]);
        de62[28..36].fill(0);
        de62.extend([5, 6, 7, 8]);
        de62.extend([0x33; 16]);
        de62.extend([9, 9, 9, 9]);
        let cv = |s: &str| s.to_string();
        assert_eq!(
            slots("004", &de62),
            vec![
                ("PIK", 16, 0, cv("01020304"), None),
                ("MAK", 8, 8, cv("05060708"), None),
                ("TDK", 16, 0, cv("09090909"), None),
            ]
        );
        // Layout from 60.3, field cut short: the last slot says how many bytes it has.
        assert_eq!(
            slots("004", &de62[..50])[2],
            ("TDK", 0, 0, String::new(), Some(10))
        );
        assert_eq!(
            slots("003", &de62[..16]),
            vec![("PIK", 0, 0, String::new(), Some(16))]
        );
        // A slot past the third is named `key`.
        let long = [&de62[..], &de62[40..60]].concat();
        assert_eq!(slots("004", &long)[3], ("key", 16, 0, cv("09090909"), None));
        // Layout 001: 8-byte keys, never zero-padded.
        let single = [[0; 8], [1, 2, 3, 4, 0, 0, 0, 0], [0; 8]].concat();
        assert_eq!(
            slots("001", &single[..20]),
            vec![
                ("PIK", 8, 0, cv("01020304"), None),
                ("MAK", 0, 0, String::new(), Some(8))
            ]
        );
        assert_eq!(slots("001", &[]), vec![]);
    }
}
