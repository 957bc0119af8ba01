//! `cardbench decode apdu`: a command APDU and/or a response APDU explained (CLA, INS name,
//! P1/P2 meaning, Lc/data/Le, status word meaning). Response data is shown as a TLV tree
//! when it is one; PINs, PANs and track data are never shown in clear.

use super::{DecodeOptions, ExplainError as Error};
use crate::codec::apdu::{data_is_secret, parse_command, parse_response, Command, Response};
use crate::codec::emv::tag_name;
use crate::codec::tlv::{self, Tlv};

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

fn hex_at(text: &str, base: usize) -> Result<Vec<u8>> {
    parse_hex(text).map_err(|e| {
        Error::Input(match e {
            HexError::BadChar { offset, ch } => {
                format!(
                    "apdu: invalid hex character {ch:?} at offset {}",
                    base + offset
                )
            }
            HexError::OddLength { offset } => format!(
                "apdu: odd number of hex digits (a nibble is missing at offset {})",
                base + offset
            ),
        })
    })
}

/// Splits the input: lines (or `|`-separated parts) marked `->`/`C:` are commands, `<-`/`R:`
/// responses; two unmarked parts are command then response; one unmarked part is a command
/// when it parses as one, a response otherwise.
pub fn parse_input(input: &str) -> Result<Parsed> {
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
        return Err(Error::Input("apdu: no input at offset 0".into()));
    }
    let mut p = Parsed {
        command: None,
        response: None,
    };
    let unmarked = parts.iter().filter(|x| x.0.is_none()).count();
    for (i, (kind, body, base)) in parts.iter().enumerate() {
        let bytes = hex_at(body, *base)?;
        let as_cmd = match kind {
            Some(k) => *k,
            None if unmarked >= 2 => i == 0,
            None => match parse_command(&bytes) {
                Ok(_) => true,
                Err(e) => {
                    // Neither a command nor a response with a valid SW1 (6x/9x): say why it
                    // is not a command.
                    let sw1_ok =
                        bytes.len() >= 2 && matches!(bytes[bytes.len() - 2] & 0xF0, 0x60 | 0x90);
                    if !sw1_ok {
                        return Err(Error::Input(format!(
                            "apdu: not a command (at byte {}: expected {}) nor a response (no SW1 6x/9x at the end)",
                            e.offset, e.expected
                        )));
                    }
                    false
                }
            },
        };
        if as_cmd {
            let c = parse_command(&bytes).map_err(|e| {
                Error::Input(format!(
                    "apdu: command: at byte {}: expected {}",
                    e.offset, e.expected
                ))
            })?;
            p.command = Some(c);
        } else {
            let r = parse_response(&bytes).map_err(|e| {
                Error::Input(format!(
                    "apdu: response: at byte {}: expected {}",
                    e.offset, e.expected
                ))
            })?;
            p.response = Some(r);
        }
    }
    Ok(p)
}

pub fn explain(input: &str, args: &DecodeOptions) -> Result<String> {
    let p = parse_input(input)?;
    if args.json {
        return Ok(serde_json::to_string_pretty(&to_json(&p)).unwrap_or_default());
    }
    let mut s = String::new();
    if let Some(c) = &p.command {
        s.push_str(&command_text(c));
    }
    if let Some(r) = &p.response {
        s.push_str(&response_text(r, p.command.as_ref()));
    }
    Ok(s)
}

fn cla_meaning(cla: u8) -> String {
    if cla == 0xFF {
        return "invalid class (FF is reserved for PPS)".into();
    }
    if cla & 0x80 != 0 {
        return "proprietary class (EMV/PBOC payment commands)".into();
    }
    if cla & 0x40 == 0 {
        let sm = match (cla >> 2) & 3 {
            0 => "no secure messaging",
            1 => "proprietary secure messaging",
            2 => "secure messaging, header not authenticated",
            _ => "secure messaging, header authenticated",
        };
        format!(
            "interindustry{}, {sm}, logical channel {}",
            if cla & 0x10 != 0 {
                ", command chaining"
            } else {
                ""
            },
            cla & 3
        )
    } else {
        format!(
            "interindustry (further logical channels){}, logical channel {}",
            if cla & 0x20 != 0 {
                ", secure messaging"
            } else {
                ""
            },
            4 + (cla & 0x0F)
        )
    }
}

fn p1p2_meaning(c: &Command) -> Option<String> {
    let proprietary = c.cla & 0x80 != 0;
    Some(match c.ins {
        0xA4 => format!(
            "{}; {}",
            match c.p1 {
                0x00 => "select MF/DF/EF by identifier",
                0x04 => "select by DF name (AID)",
                0x02 => "select EF under current DF",
                0x08 => "select by path from MF",
                _ => "selection control (see ISO 7816-4)",
            },
            match c.p2 & 0x03 {
                0 => "first or only occurrence",
                1 => "last occurrence",
                2 => "next occurrence",
                _ => "previous occurrence",
            }
        ),
        0xB2 => {
            let sfi = c.p2 >> 3;
            let mode = c.p2 & 7;
            format!(
                "record {}{}",
                c.p1,
                if mode == 4 {
                    format!(", SFI {sfi}")
                } else {
                    format!(", reference mode {mode}, SFI {sfi}")
                }
            )
        }
        0xAE if proprietary => {
            let kind = match c.p1 & 0xC0 {
                0x00 => "AAC (decline)",
                0x40 => "TC (approve offline)",
                0x80 => "ARQC (go online)",
                _ => "RFU cryptogram type",
            };
            format!(
                "request {kind}{}",
                if c.p1 & 0x10 != 0 {
                    ", CDA signature requested"
                } else {
                    ""
                }
            )
        }
        0xCA => format!(
            "data object {:02X}{:02X} ({})",
            c.p1,
            c.p2,
            tag_name(u32::from(c.p1) << 8 | u32::from(c.p2))
        ),
        0x20 => match c.p2 {
            0x80 => "plaintext offline PIN".into(),
            0x88 => "enciphered offline PIN".into(),
            x => format!("reference data {x:02X}"),
        },
        0xC0 => "P1 P2 00 00".into(),
        _ => return None,
    })
}

fn command_text(c: &Command) -> String {
    let mut s = String::new();
    let secret = data_is_secret(c.ins);
    let shown = if secret {
        let mut v = vec![c.cla, c.ins, c.p1, c.p2];
        if let Some(lc) = c.lc() {
            v.push(lc.min(255) as u8);
        }
        format!("{} [data hidden]", hex_spaced(&v))
    } else {
        hex_spaced(&c.to_bytes())
    };
    let _ = writeln!(s, "Command APDU (case {}): {shown}", c.case());
    let _ = writeln!(s, "  CLA  {:02X}  {}", c.cla, cla_meaning(c.cla));
    let _ = writeln!(
        s,
        "  INS  {:02X}  {}",
        c.ins,
        c.ins_name().unwrap_or("unknown instruction")
    );
    let _ = writeln!(s, "  P1   {:02X}", c.p1);
    let _ = writeln!(s, "  P2   {:02X}", c.p2);
    if let Some(m) = p1p2_meaning(c) {
        let _ = writeln!(s, "       P1-P2: {m}");
    }
    if let Some(lc) = c.lc() {
        let _ = writeln!(s, "  Lc   {lc} byte{}", if lc == 1 { "" } else { "s" });
        if secret {
            let _ = writeln!(s, "  data [{lc} bytes hidden: PIN block]");
        } else {
            let _ = writeln!(s, "  data {}", command_data_hex(c));
            if c.ins == 0xA4 && c.p1 == 0x04 {
                let _ = writeln!(
                    s,
                    "       DF name \"{}\"",
                    crate::hexfmt::ascii_view(&c.data)
                );
            }
        }
    }
    if let Some(le) = c.le {
        let _ = writeln!(
            s,
            "  Le   {le}{}",
            if le == 256 || le == 65536 {
                " (00: as many as available)"
            } else {
                ""
            }
        );
    }
    s
}

fn response_text(r: &Response, cmd: Option<&Command>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Response APDU: {} data byte(s)", r.data.len());
    if !r.data.is_empty() {
        if cmd.is_some_and(|c| c.ins == 0x84) {
            let _ = writeln!(s, "  data {} (challenge)", hex_spaced(&r.data));
        } else {
            // Decoded as far as it is well formed; the bad object is named with its offset.
            let p = tlv::parse_partial(&r.data);
            if p.items.is_empty() {
                let _ = writeln!(s, "  data {}", safe_hex(&r.data));
            } else {
                let _ = writeln!(s, "  data (BER-TLV):");
                for t in &p.items {
                    tlv_lines(t, 2, &mut s);
                }
                s.push_str(&super::tlv::problems_text(&p, 2));
            }
        }
    }
    let info = r.sw_info();
    let _ = writeln!(
        s,
        "  SW   {:02X} {:02X}  {} ({})",
        r.sw1,
        r.sw2,
        info.text,
        info.class.as_str()
    );
    s
}

/// Hex of data that may hold card numbers: spaced, with any Luhn-valid run masked.
fn safe_hex(data: &[u8]) -> String {
    let h = hex(data);
    if find_clear_pan(&h).is_some() {
        format!("{} (card number masked)", redact_text(&h))
    } else {
        hex_spaced(data)
    }
}

/// Command data as the card-data policy says: in full for commands whose data is binary by
/// definition (GPO, GENERATE AC, SELECT…), through the digit scan for the others.
fn command_data_hex(c: &Command) -> String {
    if crate::sensitive::command_data_scan_applies(c.ins) {
        safe_hex(&c.data)
    } else {
        hex_spaced(&c.data)
    }
}

/// A value that is not card data by its tag: in full when its format cannot hold a PAN (AFL,
/// IAD, amounts), through the digit scan otherwise. `spaced` picks the text form.
fn value_hex(tag: u32, v: &[u8], spaced: bool) -> String {
    let format = crate::codec::emv::tag_info(tag).map(|i| i.format);
    match (crate::sensitive::digit_scan_applies(format), spaced) {
        (true, true) => safe_hex(v),
        (true, false) => redact_text(&hex(v)),
        (false, true) => hex_spaced(v),
        (false, false) => hex(v),
    }
}

/// A value the card-data policy hides in a decode, rendered masked: `Some(text)` when the tag
/// must not be shown in clear.
fn masked_value(tag: u32, v: &[u8]) -> Option<String> {
    let nibbles: String = hex(v);
    Some(match emv_tag(tag).filter(|c| c.hidden_in(View::Decode))? {
        CardData::Pan => Pan::new(nibbles.trim_end_matches('F')).masked(),
        CardData::Track2 => Track2::new(nibbles.trim_end_matches('F')).to_string(),
        _ => format!("[{} bytes hidden]", v.len()),
    })
}

fn tlv_lines(t: &Tlv, depth: usize, s: &mut String) {
    let pad = "  ".repeat(depth);
    let tag = t.tag.0;
    let name = tag_name(tag);
    if t.is_constructed() && !t.children.is_empty() {
        let _ = writeln!(s, "{pad}{} {name} ({} bytes)", t.tag.to_hex(), t.len());
        for c in &t.children {
            tlv_lines(c, depth + 1, s);
        }
        return;
    }
    let value = match masked_value(tag, &t.value) {
        Some(m) => m,
        None => {
            let is_text = crate::codec::emv::tag_info(tag)
                .is_some_and(|i| i.class() == crate::codec::emv::ValueClass::Text);
            let printable = t.value.iter().all(|b| (0x20..0x7F).contains(b));
            let txt = crate::hexfmt::ascii_view(&t.value);
            if is_text && printable && find_clear_pan(&txt).is_none() {
                format!("\"{txt}\"")
            } else {
                value_hex(tag, &t.value, true)
            }
        }
    };
    let _ = writeln!(s, "{pad}{} {name}: {value}", t.tag.to_hex());
}

fn tlv_json(t: &Tlv) -> serde_json::Value {
    let tag = t.tag.0;
    let value = match masked_value(tag, &t.value) {
        Some(m) => m,
        None if t.is_constructed() && !t.children.is_empty() => String::new(),
        None => value_hex(tag, &t.value, false),
    };
    json!({
        "tag": t.tag.to_hex(),
        "len": t.len(),
        "value": value,
        "name": tag_name(tag),
        "children": t.children.iter().map(tlv_json).collect::<Vec<_>>(),
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
            "p1p2_meaning": p1p2_meaning(c),
            "case": c.case(),
            "lc": c.lc(),
            "data": if secret { None } else { Some(command_data_hex(c).replace(' ', "")) },
            "data_hidden": secret,
            "le": c.le,
        })
    });
    let response = p.response.as_ref().map(|r| {
        let info = r.sw_info();
        let p = tlv::parse_partial(&r.data);
        let tree = Some(p.items.iter().map(tlv_json).collect::<Vec<_>>()).filter(|v| !v.is_empty());
        let problems: Vec<String> = p
            .warnings
            .iter()
            .map(ToString::to_string)
            .chain(p.errors.iter().map(ToString::to_string))
            .collect();
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
