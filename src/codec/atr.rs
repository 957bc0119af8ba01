//! ISO/IEC 7816-3 Answer To Reset (protocols.md §4.1): every interface byte with its meaning,
//! offered protocols, F/D, guard time, WI, T=1 parameters, historical bytes (category byte and
//! COMPACT-TLV), the TCK rule and check, and the EMV Book 1 rules an ATR breaks.

use super::DecodeError;
use nom::Parser;
use serde::Serialize;

const LAYER: &str = "atr";

/// One interface byte TAi/TBi/TCi/TDi.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InterfaceByte {
    /// `TA1`, `TD2`…
    pub name: String,
    /// `'A'`, `'B'`, `'C'` or `'D'`.
    pub kind: char,
    /// i in TAi (1-based).
    pub index: u8,
    pub value: u8,
    /// Offset in the ATR.
    pub offset: usize,
    /// The protocol this byte belongs to (the T of TD(i-1)); `None` for the global i = 1, 2.
    pub protocol: Option<u8>,
    /// What the byte says, in words.
    pub meaning: String,
}

/// One COMPACT-TLV object of the historical bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CompactTlv {
    pub tag: u8,
    pub name: &'static str,
    pub value: Vec<u8>,
}

/// A parsed ATR.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Atr {
    pub raw: Vec<u8>,
    pub ts: u8,
    /// `direct` (3B) or `inverse` (3F).
    pub convention: &'static str,
    pub t0: u8,
    /// Number of historical bytes announced by T0.
    pub k: u8,
    pub interface_bytes: Vec<InterfaceByte>,
    /// Offered protocols in TD order (T=0 alone when there is no TD1); T=15 is not a protocol.
    pub protocols: Vec<u8>,
    /// FI and DI nibbles (TA1, default 1/1).
    pub fi: u8,
    pub di: u8,
    /// Clock-rate conversion factor F; `None` for an RFU FI.
    pub f: Option<u16>,
    /// Baud-rate adjustment factor D; `None` for an RFU DI.
    pub d: Option<u8>,
    /// Extra guard time N in etu (TC1, default 0; 255 = minimum guard time).
    pub guard_time_n: u8,
    /// T=0 work waiting integer (TC2, default 10).
    pub wi: u8,
    /// T=1 IFSC (first TA for T=1, default 32).
    pub ifsc: Option<u8>,
    pub bwi: Option<u8>,
    pub cwi: Option<u8>,
    /// T=1 error detection: `LRC` or `CRC` (first TC for T=1).
    pub t1_edc: Option<&'static str>,
    pub historical_bytes: Vec<u8>,
    /// First historical byte, when there is one.
    pub category: Option<u8>,
    /// COMPACT-TLV objects (categories 00 and 80).
    pub compact_tlv: Vec<CompactTlv>,
    /// Status indicator (category 00: last three bytes; or COMPACT-TLV tag 8).
    pub status_indicator: Vec<u8>,
    /// Notes about historical bytes that do not follow their category's layout.
    pub historical_notes: Vec<String>,
    pub tck: Option<u8>,
    /// TCK must be present: some TDi offers a protocol other than T=0.
    pub tck_required: bool,
    /// The XOR of T0..TCK is 0 (or TCK is absent and not required).
    pub tck_ok: bool,
    /// What TCK should have been, when it is present or required.
    pub tck_expected: Option<u8>,
    /// Bytes after the end of the ATR (kept verbatim).
    pub extra: Vec<u8>,
}

/// F for FI (ISO 7816-3 table 7); `None` = RFU.
pub fn fi_to_f(fi: u8) -> Option<u16> {
    Some(match fi {
        0 | 1 => 372,
        2 => 558,
        3 => 744,
        4 => 1116,
        5 => 1488,
        6 => 1860,
        9 => 512,
        0xA => 768,
        0xB => 1024,
        0xC => 1536,
        0xD => 2048,
        _ => return None,
    })
}

/// D for DI (ISO 7816-3 table 8); `None` = RFU.
pub fn di_to_d(di: u8) -> Option<u8> {
    Some(match di {
        1 => 1,
        2 => 2,
        3 => 4,
        4 => 8,
        5 => 16,
        6 => 32,
        7 => 64,
        8 => 12,
        9 => 20,
        _ => return None,
    })
}

fn compact_tag_name(tag: u8) -> &'static str {
    match tag {
        0x1 => "country code",
        0x2 => "issuer identification number",
        0x3 => "card service data",
        0x4 => "initial access data",
        0x5 => "card issuer's data",
        0x6 => "pre-issuing data",
        0x7 => "card capabilities",
        0x8 => "status indicator",
        0xF => "application identifier",
        _ => "unknown COMPACT-TLV tag",
    }
}

fn presence(y: u8, i: u8) -> String {
    let mut v = Vec::new();
    for (bit, k) in [(1u8, 'A'), (2, 'B'), (4, 'C'), (8, 'D')] {
        if y & bit != 0 {
            v.push(format!("T{k}{i}"));
        }
    }
    if v.is_empty() {
        "no interface bytes follow".into()
    } else {
        format!(
            "{} follow{}",
            v.join(", "),
            if v.len() == 1 { "s" } else { "" }
        )
    }
}

fn fmt_f(fi: u8) -> String {
    fi_to_f(fi).map_or_else(|| format!("FI={fi:X} (RFU)"), |f| format!("Fi={f}"))
}

fn fmt_d(di: u8) -> String {
    di_to_d(di).map_or_else(|| format!("DI={di:X} (RFU)"), |d| format!("Di={d}"))
}

/// Parses an ATR. Errors: empty input, a TS other than 3B/3F, truncation inside the
/// interface or historical bytes. A missing or wrong TCK is reported in the value
/// (`tck_ok = false`), not as an error.
pub fn parse_atr(bytes: &[u8]) -> Result<Atr, DecodeError> {
    let ts = byte_at(bytes, 0, "TS (3B or 3F)")?;
    let convention = match ts {
        0x3B => "direct",
        0x3F => "inverse",
        0x03 => {
            return Err(DecodeError::invalid(
                LAYER,
                0,
                "TS 3B or 3F (03 is an inverse-convention card read in direct mode)",
            ))
        }
        _ => return Err(DecodeError::invalid(LAYER, 0, "TS 3B or 3F")),
    };
    let t0 = byte_at(bytes, 1, "T0")?;
    let k = t0 & 0x0F;
    let mut pos = 2usize;
    let mut y = t0 >> 4;
    let mut i: u8 = 1;
    let mut proto_of_group: Option<u8> = None; // T of TD(i-1)
    let mut ifaces = Vec::new();
    let mut protocols: Vec<u8> = Vec::new();
    let mut tck_required = false;
    let (mut fi, mut di) = (1u8, 1u8);
    let mut n = 0u8;
    let mut wi = 10u8;
    let (mut ifsc, mut bwi, mut cwi, mut edc) = (None, None, None, None);
    let mut first_td_proto: Option<u8> = None;
    let mut seen_t1_group = false;
    loop {
        let group_is_first_t1 = i >= 3 && proto_of_group == Some(1) && !seen_t1_group;
        for (bit, kind) in [(1u8, 'A'), (2, 'B'), (4, 'C'), (8, 'D')] {
            if y & bit == 0 {
                continue;
            }
            let name = format!("T{kind}{i}");
            let value = byte_at(bytes, pos, name.clone())?;
            let meaning = match (kind, i) {
                ('A', 1) => {
                    fi = value >> 4;
                    di = value & 0x0F;
                    format!("{}, {}", fmt_f(fi), fmt_d(di))
                }
                ('B', 1) => {
                    if value == 0 {
                        "no programming voltage (VPP not connected)".into()
                    } else {
                        format!(
                            "programming voltage PI1={} II={} (deprecated)",
                            value & 0x1F,
                            (value >> 5) & 3
                        )
                    }
                }
                ('C', 1) => {
                    n = value;
                    if value == 0xFF {
                        "extra guard time N=255: minimum guard time (12 etu T=0, 11 etu T=1)".into()
                    } else {
                        format!("extra guard time N={value} etu")
                    }
                }
                ('A', 2) => {
                    let mut m = format!("specific mode, protocol T={}", value & 0x0F);
                    if value & 0x80 != 0 {
                        m.push_str(", cannot change mode");
                    } else {
                        m.push_str(", mode can change");
                    }
                    if value & 0x10 != 0 {
                        m.push_str(", implicit parameters (not from TA1)");
                    } else {
                        m.push_str(", parameters from the interface bytes");
                    }
                    m
                }
                ('B', 2) => format!("programming voltage PI2={value} (deprecated)"),
                ('C', 2) => {
                    if first_td_proto == Some(0) || first_td_proto.is_none() {
                        wi = value;
                        format!("T=0 work waiting integer WI={value} (WT = 960 x WI x D etu)")
                    } else {
                        format!("TC2={value:02X} (meaningful for T=0 only)")
                    }
                }
                ('D', _) => {
                    let t = value & 0x0F;
                    let mut m = if t == 15 {
                        "T=15: global interface bytes follow".to_string()
                    } else {
                        format!("protocol T={t}")
                    };
                    m.push_str("; ");
                    m.push_str(&presence(value >> 4, i + 1));
                    m
                }
                ('A', _) if group_is_first_t1 => {
                    ifsc = Some(value);
                    format!("T=1 IFSC={value} bytes")
                }
                ('B', _) if group_is_first_t1 => {
                    bwi = Some(value >> 4);
                    cwi = Some(value & 0x0F);
                    format!("T=1 BWI={}, CWI={}", value >> 4, value & 0x0F)
                }
                ('C', _) if group_is_first_t1 => {
                    let e = if value & 1 == 1 { "CRC" } else { "LRC" };
                    edc = Some(e);
                    format!("T=1 error detection code: {e}")
                }
                ('A', _) if proto_of_group == Some(15) => format!(
                    "clock stop indicator X={}, class indicator Y={:02X}",
                    value >> 6,
                    value & 0x3F
                ),
                ('B', _) if proto_of_group == Some(15) => {
                    format!("standard or proprietary use of contact C6 (SPU) {value:02X}")
                }
                _ => format!(
                    "specific to T={}",
                    proto_of_group.map_or("?".to_string(), |t| t.to_string())
                ),
            };
            ifaces.push(InterfaceByte {
                name,
                kind,
                index: i,
                value,
                offset: pos,
                protocol: if i <= 2 { None } else { proto_of_group },
                meaning,
            });
            pos += 1;
        }
        if group_is_first_t1 {
            seen_t1_group = true;
        }
        if y & 8 == 0 {
            break;
        }
        let td = bytes[pos - 1];
        let t = td & 0x0F;
        if t != 0 {
            tck_required = true;
        }
        if t != 15 && !protocols.contains(&t) {
            protocols.push(t);
        }
        if first_td_proto.is_none() {
            first_td_proto = Some(t);
        }
        proto_of_group = Some(t);
        y = td >> 4;
        i = i.saturating_add(1);
        if i > 32 {
            return Err(DecodeError::new(
                LAYER,
                super::DecodeErrorKind::TooLong,
                pos,
                "end of interface bytes (an ATR has at most 33 bytes)",
            ));
        }
    }
    if protocols.is_empty() {
        protocols.push(0);
    }
    let hist_start = pos;
    let hist_end = hist_start + usize::from(k);
    let historical = nom::bytes::complete::take::<_, _, nom::error::Error<&[u8]>>(k)
        .parse(&bytes[hist_start..])
        .map(|(_, h)| h.to_vec())
        .map_err(|_| {
            DecodeError::truncated(
                LAYER,
                bytes.len(),
                format!("{k} historical bytes (got {})", bytes.len() - hist_start),
            )
        })?;
    let mut pos = hist_end;
    let (tck, tck_expected, tck_ok) = if tck_required {
        let expected = bytes[1..hist_end].iter().fold(0u8, |a, b| a ^ b);
        match bytes.get(pos) {
            Some(&t) => {
                pos += 1;
                (Some(t), Some(expected), t == expected)
            }
            None => (None, Some(expected), false),
        }
    } else {
        (None, None, true)
    };
    let extra = bytes.get(pos..).unwrap_or(&[]).to_vec();
    let (category, compact, status, notes) = parse_historical(&historical);
    Ok(Atr {
        raw: bytes[..pos].to_vec(),
        ts,
        convention,
        t0,
        k,
        interface_bytes: ifaces,
        protocols,
        fi,
        di,
        f: fi_to_f(fi),
        d: di_to_d(di),
        guard_time_n: n,
        wi,
        ifsc,
        bwi,
        cwi,
        t1_edc: edc,
        historical_bytes: historical,
        category,
        compact_tlv: compact,
        status_indicator: status,
        historical_notes: notes,
        tck,
        tck_required,
        tck_ok,
        tck_expected,
        extra,
    })
}

/// One byte at `pos`, read with nom; a missing byte is a truncation naming `what`.
fn byte_at(bytes: &[u8], pos: usize, what: impl Into<String>) -> Result<u8, DecodeError> {
    let input = bytes.get(pos..).unwrap_or(&[]);
    nom::number::complete::u8::<_, nom::error::Error<&[u8]>>
        .parse(input)
        .map(|(_, b)| b)
        .map_err(|_| DecodeError::truncated(LAYER, pos, what))
}

type Historical = (Option<u8>, Vec<CompactTlv>, Vec<u8>, Vec<String>);

fn parse_compact(bytes: &[u8], notes: &mut Vec<String>) -> Vec<CompactTlv> {
    let mut out = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        let tag = bytes[p] >> 4;
        let len = usize::from(bytes[p] & 0x0F);
        let Some(value) = bytes.get(p + 1..p + 1 + len) else {
            notes.push(format!(
                "COMPACT-TLV object {:02X} at historical byte {} announces {len} bytes, {} left",
                bytes[p],
                p + 1,
                bytes.len() - p - 1
            ));
            break;
        };
        out.push(CompactTlv {
            tag,
            name: compact_tag_name(tag),
            value: value.to_vec(),
        });
        p += 1 + len;
    }
    out
}

fn parse_historical(h: &[u8]) -> Historical {
    let mut notes = Vec::new();
    let Some(&cat) = h.first() else {
        return (None, vec![], vec![], notes);
    };
    match cat {
        0x00 => {
            if h.len() < 4 {
                notes.push("category 00 needs a 3-byte status indicator at the end".into());
                return (Some(cat), vec![], vec![], notes);
            }
            let (body, status) = h[1..].split_at(h.len() - 4);
            let objs = parse_compact(body, &mut notes);
            (Some(cat), objs, status.to_vec(), notes)
        }
        0x80 => {
            let objs = parse_compact(&h[1..], &mut notes);
            let status = objs
                .iter()
                .find(|o| o.tag == 8)
                .map(|o| o.value.clone())
                .unwrap_or_default();
            (Some(cat), objs, status, notes)
        }
        0x10 => {
            if h.len() != 2 {
                notes.push("category 10 should be followed by one DIR data reference byte".into());
            }
            (Some(cat), vec![], vec![], notes)
        }
        _ => (Some(cat), vec![], vec![], notes),
    }
}

/// Meaning of the category indicator byte.
pub fn category_meaning(cat: u8) -> &'static str {
    match cat {
        0x00 => "COMPACT-TLV objects followed by a 3-byte status indicator",
        0x10 => "DIR data reference follows",
        0x80 => "COMPACT-TLV objects (status indicator, if any, as an object)",
        0x81..=0x8F => "RFU (ISO 7816-4)",
        _ => "proprietary historical bytes",
    }
}

impl Atr {
    pub fn byte(&self, name: &str) -> Option<u8> {
        self.interface_bytes
            .iter()
            .find(|b| b.name == name)
            .map(|b| b.value)
    }

    /// First offered protocol (T of TD1, T=0 without TD1).
    pub fn first_protocol(&self) -> u8 {
        self.byte("TD1").map_or(0, |v| v & 0x0F)
    }

    /// Meaning of T0, in words.
    pub fn t0_meaning(&self) -> String {
        format!(
            "{}; K={} historical byte{}",
            presence(self.t0 >> 4, 1),
            self.k,
            if self.k == 1 { "" } else { "s" }
        )
    }

    /// The EMV Book 1 (ATR) rules this ATR breaks; empty when an EMV kernel accepts it.
    pub fn emv_issues(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Some(ta1) = self.byte("TA1") {
            if !(0x11..=0x13).contains(&ta1) {
                v.push(format!(
                    "EMV rule TA1 in 11..13 (F=372, D=1/2/4): TA1 is {ta1:02X} ({}, {})",
                    fmt_f(ta1 >> 4),
                    fmt_d(ta1 & 0xF)
                ));
            }
        }
        if let Some(tc1) = self.byte("TC1") {
            if tc1 != 0x00 && tc1 != 0xFF {
                v.push(format!(
                    "EMV rule TC1 = 00 or FF (extra guard time): TC1 is {tc1:02X}"
                ));
            }
        }
        if let Some(td1) = self.byte("TD1") {
            let t = td1 & 0x0F;
            if t > 1 {
                v.push(format!("EMV rule TD1 offers T=0 or T=1: TD1 offers T={t}"));
            }
        }
        if let Some(ta2) = self.byte("TA2") {
            if ta2 & 0x10 != 0 {
                v.push(format!(
                    "EMV rule TA2 specific mode with parameters from TA1 (b5 = 0): TA2 is {ta2:02X}"
                ));
            }
            let first = self.first_protocol();
            if ta2 & 0x0F != first {
                v.push(format!(
                    "EMV rule TA2 names the first offered protocol T={first}: TA2 names T={}",
                    ta2 & 0x0F
                ));
            }
        }
        if let Some(tc2) = self.byte("TC2") {
            if self.first_protocol() == 0 && tc2 != 0x0A {
                v.push(format!("EMV rule TC2 (T=0 WI) = 0A: TC2 is {tc2:02X}"));
            }
        }
        let t1_byte = |kind: char| {
            self.interface_bytes
                .iter()
                .find(|b| b.index >= 3 && b.protocol == Some(1) && b.kind == kind)
                .map(|b| (b.name.clone(), b.value))
        };
        if self.protocols.contains(&1) {
            if let Some((name, ta)) = t1_byte('A') {
                if !(0x10..=0xFE).contains(&ta) {
                    v.push(format!(
                        "EMV rule T=1 IFSC (TA3) in 10..FE: {name} is {ta:02X}"
                    ));
                }
            }
            if let Some((name, tb)) = t1_byte('B') {
                if tb & 0x0F > 5 {
                    v.push(format!(
                        "EMV rule T=1 CWI <= 5: {name} is {tb:02X} (CWI {})",
                        tb & 0x0F
                    ));
                }
                if tb >> 4 > 4 {
                    v.push(format!(
                        "EMV rule T=1 BWI <= 4: {name} is {tb:02X} (BWI {})",
                        tb >> 4
                    ));
                }
            }
            if let Some((name, tc)) = t1_byte('C') {
                if tc != 0 {
                    v.push(format!(
                        "EMV rule T=1 TC3 = 00 (LRC error detection): {name} is {tc:02X}"
                    ));
                }
            }
        }
        match (self.tck_required, self.tck, self.tck_expected) {
            (true, None, Some(e)) => v.push(format!(
                "ISO 7816-3 TCK present when T other than 0 is offered: TCK missing (expected {e:02X})"
            )),
            (true, Some(t), Some(e)) if t != e => v.push(format!(
                "ISO 7816-3 TCK check: expected {e:02X}, got {t:02X}"
            )),
            _ => {}
        }
        if self.raw.len() > 33 {
            v.push(format!(
                "ISO 7816-3 ATR at most 33 bytes: this one has {}",
                self.raw.len()
            ));
        }
        v
    }
}

/// Fuzz and regression entry: parse and check the EMV rules. Must never panic.
#[doc(hidden)]
pub fn fuzz_input(data: &[u8]) {
    if let Ok(a) = parse_atr(data) {
        let _ = a.emv_issues();
        let _ = a.t0_meaning();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn abc_quickpass() {
        let a = parse_atr(&parse_hex("3B8D800100 04D0842186640000000000009F").unwrap()).unwrap();
        assert_eq!(a.protocols, vec![0, 1]);
        assert_eq!(a.historical_bytes.len(), 13);
        assert_eq!(a.tck, Some(0x9F));
        assert!(a.tck_required && a.tck_ok);
        assert!(a.emv_issues().is_empty(), "{:?}", a.emv_issues());
    }

    #[test]
    fn t1_card() {
        let a = parse_atr(&parse_hex("3B E0 00 FF 81 31 7C 41 92").unwrap()).unwrap();
        assert_eq!(a.protocols, vec![1]);
        assert_eq!(a.ifsc, Some(124));
        assert_eq!((a.bwi, a.cwi), (Some(4), Some(1)));
        assert!(a.tck_ok);
        assert_eq!(a.guard_time_n, 0xFF);
    }

    #[test]
    fn errors() {
        assert_eq!(parse_atr(&[]).unwrap_err().offset, 0);
        assert_eq!(parse_atr(&[0x12]).unwrap_err().offset, 0);
        assert_eq!(parse_atr(&[0x3B]).unwrap_err().offset, 1);
        assert_eq!(parse_atr(&[0x3B, 0x60, 0x00]).unwrap_err().offset, 3);
    }
}
