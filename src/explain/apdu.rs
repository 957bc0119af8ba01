//! `cardbench decode apdu`: a command APDU and/or a response APDU explained (CLA, INS name,
//! P1/P2 meaning, Lc/data/Le, status word meaning). Response data is shown as a TLV tree
//! when it is one; PINs, PANs and track data are never shown in clear.

use super::{DecodeOptions, ExplainError as Error};
use crate::codec::apdu::{
    data_is_secret, ends_in_status_word, ins_name_in, parse_command, parse_response, sw_info_in,
    Command, Response,
};
use crate::codec::emv::{tag_name, tag_name_in};
use crate::codec::tlv::{self, Tlv};
use crate::i18n::{tr, tr_args, Arg, Lang};

type Result<T, E = Error> = std::result::Result<T, E>;
use crate::hexfmt::{hex, hex_spaced, parse_hex, HexError};
use crate::sensitive::{emv_tag, find_clear_pan, redact_text, CardData, Pan, Track2, View};
use serde_json::json;
use std::fmt::Write as _;

/// What the input held.
#[derive(Debug)]
pub struct Parsed {
    pub command: Option<Command>,
    pub response: Option<Response>,
}

fn hex_at(text: &str, base: usize, lang: Lang) -> Result<Vec<u8>> {
    parse_hex(text).map_err(|e| {
        let (id, offset, ch) = match e {
            HexError::BadChar { offset, ch } => {
                ("decode-apdu-error-hex", offset, format!("{ch:?}"))
            }
            HexError::OddLength { offset } => ("decode-apdu-error-odd", offset, String::new()),
        };
        let args = [
            ("offset", (base + offset).to_string().into()),
            ("ch", ch.into()),
        ];
        Error::Input(tr_args(lang, id, &args).into_owned())
    })
}

/// `apdu: command: at byte 5: expected …` and its kin: `id` with the decoder's offset and
/// what it expected (the decoder's own words).
fn at_byte(lang: Lang, id: &str, offset: usize, expected: &str) -> Error {
    let args = [
        ("offset", offset.to_string().into()),
        ("expected", expected.into()),
    ];
    Error::Input(tr_args(lang, id, &args).into_owned())
}

/// Splits the input: lines (or `|`-separated parts) marked `->`/`C:` are commands, `<-`/`R:`
/// responses; two unmarked parts are command then response; one unmarked part is a command
/// when it parses as one, a response otherwise.
pub fn parse_input(input: &str, lang: Lang) -> Result<Parsed> {
    let mut parts: Vec<(Option<bool>, &str, usize)> = Vec::new(); // (is_command, text, offset)
    let mut off = 0usize;
    for piece in input.split(['\n', '|']) {
        let start = off;
        off += piece.len() + 1;
        let t = piece.trim_start();
        let lead = piece.len() - t.len();
        if t.trim().is_empty() {
            continue;
        }
        let markers: [(&str, bool); 8] = [
            ("->", true),
            (">>", true),
            ("C:", true),
            ("c:", true),
            ("<-", false),
            ("<<", false),
            ("R:", false),
            ("r:", false),
        ];
        let mut kind = None;
        let mut body = t;
        let mut skip = 0;
        for (m, is_cmd) in markers {
            if let Some(rest) = t.strip_prefix(m) {
                kind = Some(is_cmd);
                body = rest;
                skip = m.len();
                break;
            }
        }
        parts.push((kind, body, start + lead + skip));
    }
    if parts.is_empty() {
        return Err(Error::Input(
            tr(lang, "decode-apdu-error-empty").into_owned(),
        ));
    }
    let mut p = Parsed {
        command: None,
        response: None,
    };
    let unmarked = parts.iter().filter(|x| x.0.is_none()).count();
    for (i, (kind, body, base)) in parts.iter().enumerate() {
        let bytes = hex_at(body, *base, lang)?;
        let as_cmd = match kind {
            Some(k) => *k,
            None if unmarked >= 2 => i == 0,
            None => match parse_command(&bytes) {
                Ok(_) => true,
                Err(e) => {
                    // Neither a command nor a response with a valid SW1 (6x/9x): say why it
                    // is not a command.
                    if !ends_in_status_word(&bytes) {
                        let id = "decode-apdu-error-neither";
                        return Err(at_byte(lang, id, e.offset, &e.expected_text(lang)));
                    }
                    false
                }
            },
        };
        if as_cmd {
            let c = parse_command(&bytes).map_err(|e| {
                let id = "decode-apdu-error-command";
                at_byte(lang, id, e.offset, &e.expected_text(lang))
            })?;
            p.command = Some(c);
        } else {
            let r = parse_response(&bytes).map_err(|e| {
                let id = "decode-apdu-error-response";
                at_byte(lang, id, e.offset, &e.expected_text(lang))
            })?;
            p.response = Some(r);
        }
    }
    Ok(p)
}

/// Explains an APDU pair as text in `lang` (or JSON, whose names and codes are English).
/// A malformed object in the response data is bad input as in `decode tlv`: everything is
/// shown, then [`Error::Partial`] (exit 2) with the first one.
pub fn explain(input: &str, args: &DecodeOptions, lang: Lang) -> Result<String> {
    let p = parse_input(input, lang)?;
    let mut s = String::new();
    if args.json {
        s = serde_json::to_string_pretty(&to_json(&p)).unwrap_or_default();
    } else {
        if let Some(c) = &p.command {
            s.push_str(&command_text(c, lang));
        }
        if let Some(r) = &p.response {
            s.push_str(&response_text(r, p.command.as_ref(), lang));
        }
    }
    let bad = p.response.as_ref().and_then(|r| {
        let d = response_tlv(r, p.command.as_ref())?;
        super::tlv::first_error(&d)
    });
    match bad {
        Some(error) => Err(Error::Partial { output: s, error }),
        None => Ok(s),
    }
}

/// The response data read as BER-TLV, as far as it is well formed; `None` when there is no
/// data or it is not TLV by definition (the challenge a GET CHALLENGE returns).
fn response_tlv(r: &Response, cmd: Option<&Command>) -> Option<tlv::Partial> {
    let challenge = cmd.is_some_and(|c| c.ins == 0x84);
    (!r.data.is_empty() && !challenge).then(|| tlv::parse_partial(&r.data))
}

fn cla_meaning(cla: u8, lang: Lang) -> String {
    if cla == 0xFF {
        return tr(lang, "decode-apdu-cla-invalid").into_owned();
    }
    if cla & 0x80 != 0 {
        return tr(lang, "decode-apdu-cla-proprietary").into_owned();
    }
    let yes_no = |b: bool| Arg::from(if b { "yes" } else { "no" });
    if cla & 0x40 == 0 {
        let sm = match (cla >> 2) & 3 {
            0 => "decode-apdu-sm-none",
            1 => "decode-apdu-sm-proprietary",
            2 => "decode-apdu-sm-plain-header",
            _ => "decode-apdu-sm-authenticated-header",
        };
        let args = [
            ("chaining", yes_no(cla & 0x10 != 0)),
            ("sm", tr(lang, sm).into_owned().into()),
            ("channel", (cla & 3).to_string().into()),
        ];
        tr_args(lang, "decode-apdu-cla-interindustry", &args).into_owned()
    } else {
        let args = [
            ("sm", yes_no(cla & 0x20 != 0)),
            ("channel", (4 + (cla & 0x0F)).to_string().into()),
        ];
        tr_args(lang, "decode-apdu-cla-further", &args).into_owned()
    }
}

fn p1p2_meaning(c: &Command, lang: Lang) -> Option<String> {
    let proprietary = c.cla & 0x80 != 0;
    let t = |id: &str| tr(lang, id).into_owned();
    Some(match c.ins {
        0xA4 => {
            let how = match c.p1 {
                0x00 => "decode-apdu-select-by-id",
                0x04 => "decode-apdu-select-by-name",
                0x02 => "decode-apdu-select-by-ef",
                0x08 => "decode-apdu-select-by-path",
                _ => "decode-apdu-select-by-other",
            };
            let which = match c.p2 & 0x03 {
                0 => "decode-apdu-select-first-occurrence",
                1 => "decode-apdu-select-last-occurrence",
                2 => "decode-apdu-select-next-occurrence",
                _ => "decode-apdu-select-previous-occurrence",
            };
            let args = [("how", t(how).into()), ("which", t(which).into())];
            tr_args(lang, "decode-apdu-select", &args).into_owned()
        }
        0xB2 => {
            let mode = c.p2 & 7;
            let args = [
                ("record", c.p1.to_string().into()),
                ("sfi", (c.p2 >> 3).to_string().into()),
                ("mode", mode.to_string().into()),
            ];
            let id = if mode == 4 {
                "decode-apdu-record-sfi"
            } else {
                "decode-apdu-record-mode"
            };
            tr_args(lang, id, &args).into_owned()
        }
        0xAE if proprietary => {
            let kind = match c.p1 & 0xC0 {
                0x00 => "decode-apdu-gac-aac",
                0x40 => "decode-apdu-gac-tc",
                0x80 => "decode-apdu-gac-arqc",
                _ => "decode-apdu-gac-rfu",
            };
            let cda = if c.p1 & 0x10 != 0 { "yes" } else { "no" };
            let args = [("kind", t(kind).into()), ("cda", cda.into())];
            tr_args(lang, "decode-apdu-gac", &args).into_owned()
        }
        0xCA => {
            let tag = u32::from(c.p1) << 8 | u32::from(c.p2);
            let args = [
                ("tag", format!("{:02X}{:02X}", c.p1, c.p2).into()),
                ("name", tag_name_in(tag, lang).into()),
            ];
            tr_args(lang, "decode-apdu-get-data", &args).into_owned()
        }
        0x20 => match c.p2 {
            0x80 => t("decode-apdu-verify-plain"),
            0x88 => t("decode-apdu-verify-enciphered"),
            x => tr_args(
                lang,
                "decode-apdu-verify-other",
                &[("ref", format!("{x:02X}").into())],
            )
            .into_owned(),
        },
        0xC0 => "P1 P2 00 00".into(),
        _ => return None,
    })
}

fn command_text(c: &Command, lang: Lang) -> String {
    let mut s = String::new();
    let secret = data_is_secret(c.ins);
    let shown = if secret {
        let mut v = vec![c.cla, c.ins, c.p1, c.p2];
        if let Some(lc) = c.lc() {
            v.push(lc.min(255) as u8);
        }
        tr_args(
            lang,
            "decode-apdu-command-hidden",
            &[("bytes", hex_spaced(&v).into())],
        )
        .into_owned()
    } else {
        hex_spaced(&c.to_bytes())
    };
    let args = [
        ("case", c.case().to_string().into()),
        ("bytes", shown.into()),
    ];
    let _ = writeln!(s, "{}", tr_args(lang, "decode-apdu-command", &args));
    let _ = writeln!(s, "  CLA  {:02X}  {}", c.cla, cla_meaning(c.cla, lang));
    let ins = ins_name_in(c.cla, c.ins, lang);
    let unknown = || tr(lang, "decode-apdu-ins-unknown");
    let _ = writeln!(
        s,
        "  INS  {:02X}  {}",
        c.ins,
        ins.map_or_else(unknown, Into::into)
    );
    let _ = writeln!(s, "  P1   {:02X}", c.p1);
    let _ = writeln!(s, "  P2   {:02X}", c.p2);
    if let Some(m) = p1p2_meaning(c, lang) {
        let _ = writeln!(s, "       P1-P2: {m}");
    }
    let data = tr(lang, "decode-apdu-label-data");
    if let Some(lc) = c.lc() {
        let _ = writeln!(
            s,
            "  Lc   {}",
            tr_args(lang, "decode-bytes", &[("n", lc.into())])
        );
        if secret {
            let hidden = tr_args(lang, "decode-apdu-data-pin-hidden", &[("n", lc.into())]);
            let _ = writeln!(s, "  {data} {hidden}");
        } else {
            let _ = writeln!(s, "  {data} {}", command_data_hex(c, lang));
            if c.ins == 0xA4 && c.p1 == 0x04 {
                let name = crate::hexfmt::ascii_view(&c.data);
                let name = tr_args(lang, "decode-apdu-df-name", &[("name", name.into())]);
                let _ = writeln!(s, "       {name}");
            }
        }
    }
    if let Some(le) = c.le {
        let max = if le == 256 || le == 65536 {
            format!(" {}", tr(lang, "decode-apdu-le-max"))
        } else {
            String::new()
        };
        let _ = writeln!(s, "  Le   {le}{max}");
    }
    s
}

fn response_text(r: &Response, cmd: Option<&Command>, lang: Lang) -> String {
    let mut s = String::new();
    let n = [("n", r.data.len().into())];
    let _ = writeln!(s, "{}", tr_args(lang, "decode-apdu-response", &n));
    let data = tr(lang, "decode-apdu-label-data");
    match response_tlv(r, cmd) {
        None if !r.data.is_empty() => {
            let hex = [("hex", hex_spaced(&r.data).into())];
            let challenge = tr_args(lang, "decode-apdu-challenge", &hex);
            let _ = writeln!(s, "  {data} {challenge}");
        }
        None => {}
        // Decoded as far as it is well formed; each bad object is named with its offset.
        Some(p) => {
            if p.items.is_empty() {
                let _ = writeln!(s, "  {data} {}", safe_hex(&r.data, lang));
            } else {
                let _ = writeln!(s, "  {}", tr(lang, "decode-apdu-data-tlv"));
                for t in &p.items {
                    tlv_lines(t, 2, &mut s, lang);
                }
            }
            s.push_str(&super::tlv::problems_text_in(&p, 2, lang));
        }
    }
    let info = sw_info_in(r.sw1, r.sw2, lang);
    let args = [
        ("meaning", info.text.into()),
        ("class", info.class.name_in(lang).into()),
    ];
    let sw = tr_args(lang, "decode-apdu-sw", &args);
    let _ = writeln!(s, "  SW   {:02X} {:02X}  {sw}", r.sw1, r.sw2);
    s
}

/// Hex of data that may hold card numbers: spaced, with any Luhn-valid run masked.
fn safe_hex(data: &[u8], lang: Lang) -> String {
    let h = hex(data);
    if find_clear_pan(&h).is_some() {
        format!("{} {}", redact_text(&h), tr(lang, "decode-pan-masked"))
    } else {
        hex_spaced(data)
    }
}

/// Command data as the card-data policy says: in full for commands whose data is binary by
/// definition (GPO, GENERATE AC, SELECT…), through the digit scan for the others.
fn command_data_hex(c: &Command, lang: Lang) -> String {
    if crate::sensitive::command_data_scan_applies(c.ins) {
        safe_hex(&c.data, lang)
    } else {
        hex_spaced(&c.data)
    }
}

/// A value that is not card data by its tag: in full when its format cannot hold a PAN (AFL,
/// IAD, amounts), through the digit scan otherwise. `spaced` picks the text form.
fn value_hex(tag: u32, v: &[u8], spaced: bool, lang: Lang) -> String {
    let format = crate::codec::emv::tag_info(tag).map(|i| i.format);
    match (crate::sensitive::digit_scan_applies(format), spaced) {
        (true, true) => safe_hex(v, lang),
        (true, false) => redact_text(&hex(v)),
        (false, true) => hex_spaced(v),
        (false, false) => hex(v),
    }
}

/// A value the card-data policy hides in a decode, rendered masked: `Some(text)` when the tag
/// must not be shown in clear.
fn masked_value(tag: u32, v: &[u8], lang: Lang) -> Option<String> {
    let nibbles: String = hex(v);
    Some(match emv_tag(tag).filter(|c| c.hidden_in(View::Decode))? {
        CardData::Pan => Pan::new(nibbles.trim_end_matches('F')).masked(),
        CardData::Track2 => Track2::new(nibbles.trim_end_matches('F')).to_string(),
        _ => tr_args(lang, "decode-bytes-hidden", &[("n", v.len().into())]).into_owned(),
    })
}

fn tlv_lines(t: &Tlv, depth: usize, s: &mut String, lang: Lang) {
    let pad = "  ".repeat(depth);
    let tag = t.tag.0;
    let name = tag_name_in(tag, lang);
    // A template is shown by its children, even when none could be read: its raw bytes
    // would show a cut-off PAN or track in clear.
    if t.is_constructed() {
        let len = tr_args(lang, "decode-bytes", &[("n", t.len().into())]);
        let _ = writeln!(s, "{pad}{} {name} ({len})", t.tag.to_hex());
        for c in &t.children {
            tlv_lines(c, depth + 1, s, lang);
        }
        return;
    }
    let value = match masked_value(tag, &t.value, lang) {
        Some(m) => {
            let _ = writeln!(s, "{pad}{} {name}: {m}", t.tag.to_hex());
            return;
        }
        None => {
            let is_text = crate::codec::emv::tag_info(tag)
                .is_some_and(|i| i.class() == crate::codec::emv::ValueClass::Text);
            let printable = t.value.iter().all(|b| (0x20..0x7F).contains(b));
            let txt = crate::hexfmt::ascii_view(&t.value);
            if is_text && printable && find_clear_pan(&txt).is_none() {
                tr_args(lang, "decode-quoted", &[("text", txt.into())]).into_owned()
            } else {
                value_hex(tag, &t.value, true, lang)
            }
        }
    };
    let _ = writeln!(s, "{pad}{} {name}: {value}", t.tag.to_hex());
    // What `decode tlv` says under the tag (a GPO reply's AIP and AFL, TVR bits): one source.
    for line in crate::codec::emv::explain_tag_in(tag, &t.value, lang) {
        let _ = writeln!(s, "{pad}    {line}");
    }
}

fn tlv_json(t: &Tlv) -> serde_json::Value {
    let tag = t.tag.0;
    let (value, explain) = match masked_value(tag, &t.value, Lang::En) {
        Some(m) => (m, Vec::new()),
        None if t.is_constructed() => (String::new(), Vec::new()),
        // `decode tlv --json`'s `explain` (one source: `emv::explain_tag`).
        None => (
            value_hex(tag, &t.value, false, Lang::En),
            crate::codec::emv::explain_tag(tag, &t.value),
        ),
    };
    json!({
        "tag": t.tag.to_hex(),
        "len": t.len(),
        "value": value,
        "name": tag_name(tag),
        "children": t.children.iter().map(tlv_json).collect::<Vec<_>>(),
        "explain": explain,
    })
}

/// The JSON document of `decode apdu --json`.
pub fn to_json(p: &Parsed) -> serde_json::Value {
    let command = p.command.as_ref().map(|c| {
        let secret = data_is_secret(c.ins);
        json!({
            "cla": format!("{:02X}", c.cla),
            "ins": format!("{:02X}", c.ins),
            "ins_name": c.ins_name(),
            "p1": format!("{:02X}", c.p1),
            "p2": format!("{:02X}", c.p2),
            "p1p2_meaning": p1p2_meaning(c, Lang::En),
            "case": c.case(),
            "lc": c.lc(),
            "data": if secret { None } else { Some(command_data_hex(c, Lang::En).replace(' ', "")) },
            "data_hidden": secret,
            "le": c.le,
        })
    });
    let response = p.response.as_ref().map(|r| {
        let info = r.sw_info();
        let p = tlv::parse_partial(&r.data);
        let tree = Some(p.items.iter().map(tlv_json).collect::<Vec<_>>()).filter(|v| !v.is_empty());
        // The decoder's own messages, in the order of their offsets (as the text shows them).
        let mut problems: Vec<(usize, String)> = p
            .warnings
            .iter()
            .map(|w| (w.offset, w.to_string()))
            .chain(p.errors.iter().map(|e| (e.offset, e.to_string())))
            .collect();
        problems.sort_by_key(|(offset, _)| *offset);
        let problems: Vec<String> = problems.into_iter().map(|(_, p)| p).collect();
        let data = if tree.is_some() {
            None
        } else {
            let h = hex(&r.data);
            Some(if find_clear_pan(&h).is_some() {
                redact_text(&h)
            } else {
                h
            })
        };
        json!({
            "data": data,
            "tlv": tree,
            "sw": format!("{:02X}{:02X}", r.sw1, r.sw2),
            "sw1": format!("{:02X}", r.sw1),
            "sw2": format!("{:02X}", r.sw2),
            "sw_meaning": info.text,
            "sw_class": info.class.as_str(),
            "tlv_problems": problems,
        })
    });
    json!({ "command": command, "response": response })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unmarked part that is no command is a response only when it ends in a status word
    /// with SW1 `6x`/`9x`; else the error says why it is not a command.
    #[test]
    fn unmarked_part_is_a_response_only_with_sw1() {
        let sw = |hex: &str| parse_input(hex, Lang::En).map(|p| p.response.map(|r| r.sw()));
        assert_eq!(sw("6A82").unwrap(), Some(0x6A82));
        assert_eq!(sw("6F00 1234 9000").unwrap(), Some(0x9000));
        for hex in ["90", "00A4", "6A82 00"] {
            let Err(Error::Input(e)) = sw(hex) else {
                panic!("{hex}: {:?}", sw(hex));
            };
            assert!(e.starts_with("apdu: not a command (at byte"), "{hex}: {e}");
        }
    }
}
