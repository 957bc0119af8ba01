//! Explanation lines for EMV values: the bits of TVR/TSI/AIP/AUC/TTQ/CTQ and terminal
//! capabilities, CID, CVM results and list, AFL and DOL entries, service code, entry mode,
//! priority and terminal type (EMV 4.3 Book 3 Annex A and C); the format-1 response template
//! `80` split into its parts and issuer script commands `86` read as the C-APDUs they are.

use super::bits::{
    cvm_condition_id, cvm_method_id, decode_add_term_caps, decode_aip, decode_auc, decode_cid,
    decode_ctq, decode_cvm_results, decode_term_caps, decode_tsi, decode_ttq, decode_tvr,
    parse_cvm_list, Bit,
};
use super::commands::gpo_format1;
use super::dol::{dol_len, parse_afl, parse_dol};
use super::show::{pos_entry_mode_in, terminal_type_in};
use super::tags::{tag_info, tag_name_in};
use crate::codec::tlv::Tag;
use crate::hexfmt::hex;
use crate::i18n::{tr, tr_args, Lang};
use nom::bytes::complete::take;
use nom::combinator::rest;
use nom::number::complete::be_u8;
use nom::Parser;

/// Decodes a bit map into its bits.
type Decoder = fn(&[u8]) -> Vec<Bit>;

/// A bit-map data element: how long it is, how to decode it, and how to list it.
struct BitMap {
    what: &'static str,
    len: usize,
    decode: Decoder,
    /// Event maps (TVR, TSI) list only the set bits; capability maps list every bit.
    only_set: bool,
}

/// An event map: only the set bits are listed.
fn events(what: &'static str, len: usize, decode: Decoder) -> BitMap {
    BitMap {
        what,
        len,
        decode,
        only_set: true,
    }
}

/// A capability map: every bit is listed, set or not.
fn capabilities(what: &'static str, len: usize, decode: Decoder) -> BitMap {
    BitMap {
        what,
        len,
        decode,
        only_set: false,
    }
}

fn bit_map(tag: u32) -> Option<BitMap> {
    Some(match tag {
        0x95 => events("TVR", 5, decode_tvr),
        0x9B => events("TSI", 2, decode_tsi),
        0x82 => capabilities("AIP", 2, decode_aip),
        // Issuer action codes use the TVR's bit layout.
        0x9F0D..=0x9F0F => events("issuer action code", 5, decode_tvr),
        // Terminal action codes (CUPS IC parameters DF11 default, DF12 online, DF13 denial).
        0xDF11..=0xDF13 => events("terminal action code", 5, decode_tvr),
        0x9F40 => events("additional terminal capabilities", 5, decode_add_term_caps),
        0x9F66 => events("TTQ", 4, decode_ttq),
        0x9F6C => events("CTQ", 2, decode_ctq),
        0x9F07 => capabilities("AUC", 2, decode_auc),
        0x9F33 => capabilities("terminal capabilities", 3, decode_term_caps),
        _ => return None,
    })
}

/// One line per bit: every defined bit with `[x]`/`[ ]` (capability maps), or only the set
/// ones (event maps such as TVR and TSI). Set bits the table does not define are reported as
/// RFU either way, and an event map with nothing set says so.
fn bit_lines(bits: &[Bit], v: &[u8], m: &BitMap, lang: Lang) -> Vec<String> {
    let only_set = m.only_set;
    let mut out = Vec::new();
    for b in bits {
        if only_set && !b.set {
            continue;
        }
        let mark = if b.set { "[x]" } else { "[ ]" };
        let args = [
            ("mark", mark.into()),
            ("byte", b.byte.to_string().into()),
            ("mask", format!("{:02X}", b.mask).into()),
            ("meaning", b.meaning_in(lang).into()),
        ];
        out.push(tr_args(lang, "codes-bits-line", &args).into_owned());
    }
    for (i, byte) in v.iter().enumerate() {
        let known: u8 = bits
            .iter()
            .filter(|b| usize::from(b.byte) == i + 1)
            .fold(0, |m, b| m | b.mask);
        let unknown = byte & !known;
        if unknown != 0 {
            let args = [
                ("byte", (i + 1).to_string().into()),
                ("mask", format!("{unknown:02X}").into()),
            ];
            out.push(tr_args(lang, "codes-bits-rfu", &args).into_owned());
        }
    }
    if out.is_empty() {
        // TVR and TSI name themselves ("no TVR bit set"); the other maps say "no bit set".
        let line = if matches!(m.what, "TVR" | "TSI") {
            tr_args(lang, "codes-bits-none", &[("what", m.what.into())])
        } else {
            tr(lang, "codes-bits-none-any")
        };
        out.push(line.into_owned());
    }
    out
}

/// `! TVR should be 5 bytes, got 4`: `what` names the element in English; in another language
/// the tag's name says it.
fn expect_len(v: &[u8], n: usize, what: &str, tag: u32, lang: Lang) -> Option<String> {
    let what = match lang {
        Lang::En => what,
        _ => tag_name_in(tag, lang),
    };
    let args = [
        ("what", what.into()),
        ("n", n.into()),
        ("got", v.len().into()),
    ];
    (v.len() != n).then(|| tr_args(lang, "decode-explain-length", &args).into_owned())
}

/// Human explanation lines for a tag's value: bits of TVR/TSI/AIP/AUC/terminal capabilities,
/// CID, CVM results and list, AFL entries, DOL entries. Empty for tags with nothing more to
/// say than `display_value`.
pub fn explain_tag(tag: u32, value: &[u8]) -> Vec<String> {
    explain_tag_in(tag, value, Lang::En)
}

/// [`explain_tag`] with the TVR, TSI, AIP and AUC bits (and the issuer and terminal action
/// codes, which use the TVR's layout), CVM Results and the CVM list, and every other line in
/// `lang`, from the catalogue.
pub fn explain_tag_in(tag: u32, value: &[u8], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = dictionary_length(tag, value, lang).into_iter().collect();
    out.extend(explain_value(tag, value, lang));
    out
}

/// `! Issuer Authentication Data should be 8 to 16 bytes, got 5`: the value's length against
/// the dictionary's format ([`TagInfo::length`](super::TagInfo::length)), for the tags whose
/// explainer does not check it itself. An empty value is not flagged: EMV Book 3 §5.2 reads a
/// zero-length object as not present.
fn dictionary_length(tag: u32, value: &[u8], lang: Lang) -> Option<String> {
    // Checked by their own explainers, in their own words.
    let checked = bit_map(tag).is_some() || matches!(tag, 0x9F27 | 0x9F34 | 0x8E | 0x94);
    let (min, max) = tag_info(tag)?.length()?;
    let got = value.len();
    if checked || got == 0 || (min..=max).contains(&got) {
        return None;
    }
    let what = tag_name_in(tag, lang);
    if min == max {
        return expect_len(value, min, what, tag, lang);
    }
    let args = [
        ("what", what.into()),
        ("min", min.into()),
        ("max", max.into()),
        ("got", got.into()),
    ];
    let id = if min == 0 {
        "decode-explain-length-max"
    } else {
        "decode-explain-length-range"
    };
    Some(tr_args(lang, id, &args).into_owned())
}

/// The explanation lines of a value, by its tag (see [`explain_tag_in`]).
fn explain_value(tag: u32, value: &[u8], lang: Lang) -> Vec<String> {
    if let Some(m) = bit_map(tag) {
        let mut out: Vec<String> = expect_len(value, m.len, m.what, tag, lang)
            .into_iter()
            .collect();
        out.extend(bit_lines(&(m.decode)(value), value, &m, lang));
        return out;
    }
    match tag {
        0x5F30 => service_code(value, lang),
        0x9F39 => value
            .first()
            .and_then(|&b| pos_entry_mode_in(b, lang))
            .map(str::to_string)
            .into_iter()
            .collect(),
        0x9F27 => cid(value, lang),
        0x9F34 => cvm_results(value, lang),
        0x8E => cvm_list(value, lang),
        0x94 => afl(value, lang),
        0x80 => format1(value, lang),
        0x86 => script_command(value, lang),
        0x9F38 | 0x8C | 0x8D | 0x9F49 | 0x97 => dol(value, lang),
        0x87 => priority(value, lang),
        0x9F35 => value
            .first()
            .and_then(|&b| terminal_type_in(b, lang))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

/// `5F30`, n3 in 2 bytes: `02 01` is service code 201.
fn service_code(value: &[u8], lang: Lang) -> Vec<String> {
    let digits = hex(value);
    let code = digits.get(1..4).unwrap_or("");
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    crate::codec::track::service_code_meaning_in(code, lang)
        .into_iter()
        .map(|(digit, meaning)| {
            let args = [
                ("digit", digit.to_string().into()),
                ("meaning", meaning.into_owned().into()),
            ];
            tr_args(lang, "decode-explain-service-code", &args).into_owned()
        })
        .collect()
}

fn cid(value: &[u8], lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = expect_len(value, 1, "CID", 0x9F27, lang)
        .into_iter()
        .collect();
    if let Some(c) = decode_cid(value) {
        let args = [
            ("code", c.kind.code().into()),
            ("meaning", c.kind.meaning_in(lang).into()),
        ];
        out.push(tr_args(lang, "decode-explain-cid", &args).into_owned());
        if c.advice_required {
            out.push(tr(lang, "decode-explain-cid-advice").into_owned());
        }
        if c.reason != 0 {
            let args = [("reason", c.reason_text_in(lang).into())];
            out.push(tr_args(lang, "decode-explain-cid-reason", &args).into_owned());
        }
    }
    out
}

fn cvm_results(value: &[u8], lang: Lang) -> Vec<String> {
    match decode_cvm_results(value) {
        Some(r) => vec![
            code_line(
                lang,
                "codes-cvm-line-performed",
                r.rule.code,
                cvm_method_id(r.rule.code),
            ),
            code_line(
                lang,
                "codes-cvm-line-condition",
                r.rule.condition,
                cvm_condition_id(r.rule.condition),
            ),
            code_line(lang, "codes-cvm-line-result", r.result, r.result_id()),
        ],
        None => vec![tr_args(
            lang,
            "decode-explain-cvm-length",
            &[("got", value.len().into())],
        )
        .into_owned()],
    }
}

/// `LABEL: CODE meaning` with the label line `line` and the meaning `id` from the catalogue.
fn code_line(lang: Lang, line: &str, code: u8, id: &str) -> String {
    let args = [
        ("code", format!("{code:02X}").into()),
        ("meaning", tr(lang, id).into_owned().into()),
    ];
    tr_args(lang, line, &args).into_owned()
}

fn cvm_list(value: &[u8], lang: Lang) -> Vec<String> {
    let l = match parse_cvm_list(value) {
        Ok(l) => l,
        Err(e) => return vec![format!("! {e}")],
    };
    let amount = |id: &str, a: u32| tr_args(lang, id, &[("amount", a.to_string().into())]);
    let mut out = vec![
        amount("codes-cvm-line-amount-x", l.x).into_owned(),
        amount("codes-cvm-line-amount-y", l.y).into_owned(),
    ];
    for (i, r) in l.rules.iter().enumerate() {
        let on_fail = if r.apply_next_if_fails {
            "codes-cvm-next-if-fails"
        } else {
            "codes-cvm-fail-if-fails"
        };
        let args = [
            ("n", (i + 1).to_string().into()),
            (
                "method",
                tr(lang, cvm_method_id(r.code)).into_owned().into(),
            ),
            (
                "condition",
                tr(lang, cvm_condition_id(r.condition)).into_owned().into(),
            ),
            ("on_fail", tr(lang, on_fail).into_owned().into()),
        ];
        out.push(tr_args(lang, "codes-cvm-line-rule", &args).into_owned());
    }
    out
}

fn afl(value: &[u8], lang: Lang) -> Vec<String> {
    match parse_afl(value) {
        Ok(entries) => entries
            .iter()
            .map(|e| {
                let range = [
                    ("first", e.first.to_string().into()),
                    ("last", e.last.to_string().into()),
                ];
                let id = if e.first == e.last {
                    "decode-explain-afl-record"
                } else {
                    "decode-explain-afl-records"
                };
                let args = [
                    ("sfi", e.sfi.to_string().into()),
                    ("records", tr_args(lang, id, &range).into_owned().into()),
                    ("oda", e.oda.to_string().into()),
                ];
                tr_args(lang, "decode-explain-afl", &args).into_owned()
            })
            .collect(),
        Err(e) => vec![format!("! {e}")],
    }
}

/// `80`, response message template format 1: a GET PROCESSING OPTIONS reply is AIP (2) ‖ AFL
/// (4 bytes per entry) (EMV 4.3 Book 3 §6.5.8.4); a GENERATE AC reply is CID (1) ‖ ATC (2) ‖
/// AC (8) ‖ IAD (§6.5.5.4). Told apart by whether the bytes after the AIP read as an AFL.
fn format1(value: &[u8], lang: Lang) -> Vec<String> {
    if let Some((aip, afl_bytes)) = gpo_format1(value) {
        let args = [("aip", hex(aip).into()), ("afl", hex(afl_bytes).into())];
        let mut out = vec![tr_args(lang, "decode-explain-format1-gpo", &args).into_owned()];
        let aip_map = capabilities("AIP", 2, decode_aip);
        out.extend(bit_lines(&decode_aip(aip), aip, &aip_map, lang));
        if !afl_bytes.is_empty() {
            out.extend(afl(afl_bytes, lang));
        }
        return out;
    }
    let Some((cid_byte, atc, ac, iad)) = genac_format1(value) else {
        return Vec::new();
    };
    let args = [
        ("cid", format!("{cid_byte:02X}").into()),
        ("atc", hex(atc).into()),
        ("ac", hex(ac).into()),
        ("iad", hex(iad).into()),
    ];
    let mut out = vec![tr_args(lang, "decode-explain-format1-gac", &args).into_owned()];
    out.extend(cid(&[cid_byte], lang));
    out
}

/// The GENERATE AC parser of [`format1`]: it fails with nothing.
type Res1<'a, T> = nom::IResult<&'a [u8], T, ()>;

/// A GENERATE AC format 1 value (EMV 4.3 Book 3 §6.5.5.4): CID (1), ATC (2), AC (8), IAD
/// (the rest, maybe empty).
pub type GenAc1<'a> = (u8, &'a [u8], &'a [u8], &'a [u8]);

/// The [`GenAc1`] parts of a GENERATE AC format 1 value (the value of tag `80`); `None` for
/// fewer than 11 bytes. The one reader of that layout: `decode` and the EMV flow use it.
pub fn genac_format1(v: &[u8]) -> Option<GenAc1<'_>> {
    let parsed: Res1<'_, _> = (be_u8, take(2usize), take(8usize), rest).parse(v);
    parsed.ok().map(|(_, r)| r)
}

/// `86`, an issuer script command (EMV 4.3 Book 3 §10.10): a C-APDU the terminal passes to
/// the card as it is (APPLICATION BLOCK, PIN CHANGE/UNBLOCK, PUT DATA, UPDATE RECORD…, with
/// secure messaging). The data of a PIN command is an enciphered PIN: its length only.
fn script_command(value: &[u8], lang: Lang) -> Vec<String> {
    use crate::codec::apdu::{data_is_secret, ins_name_in, parse_command};
    let c = match parse_command(value) {
        Ok(c) => c,
        Err(e) => return vec![format!("! {e}")],
    };
    let name = ins_name_in(c.cla, c.ins, lang)
        .map_or_else(|| tr(lang, "decode-explain-script-unknown-ins"), Into::into);
    let data = if c.data.is_empty() {
        String::new()
    } else if data_is_secret(c.ins) {
        tr(lang, "decode-explain-script-data-hidden").into_owned()
    } else {
        hex(&c.data)
    };
    let args = [
        ("cla", format!("{:02X}", c.cla).into()),
        ("ins", format!("{:02X}", c.ins).into()),
        ("name", name.into_owned().into()),
        ("p1", format!("{:02X}", c.p1).into()),
        ("p2", format!("{:02X}", c.p2).into()),
        ("n", c.data.len().into()),
        ("data", data.into()),
    ];
    vec![tr_args(lang, "decode-explain-script-command", &args).into_owned()]
}

fn dol(value: &[u8], lang: Lang) -> Vec<String> {
    match parse_dol(value) {
        Ok(dol) => {
            let mut out: Vec<String> = dol
                .iter()
                .map(|e| {
                    let len = tr_args(lang, "decode-bytes", &[("n", e.len.into())]);
                    let args = [
                        ("tag", Tag(e.tag).to_string().into()),
                        ("name", tag_name_in(e.tag, lang).into()),
                        ("len", len.into_owned().into()),
                    ];
                    tr_args(lang, "decode-explain-dol-entry", &args).into_owned()
                })
                .collect();
            let total = [("n", dol_len(&dol).into())];
            out.push(tr_args(lang, "decode-explain-dol-total", &total).into_owned());
            out
        }
        Err(e) => vec![format!("! {e}")],
    }
}

/// `87`: b4–b1 the priority, b8 "ask the cardholder".
fn priority(value: &[u8], lang: Lang) -> Vec<String> {
    let Some(&b) = value.first() else {
        return Vec::new();
    };
    let n = [("n", (b & 0x0F).to_string().into())];
    let mut out = vec![tr_args(lang, "decode-explain-priority", &n).into_owned()];
    if b & 0x80 != 0 {
        out.push(tr(lang, "decode-explain-priority-confirm").into_owned());
    }
    out
}
