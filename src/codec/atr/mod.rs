//! ISO/IEC 7816-3 Answer To Reset (protocols.md §4.1): every interface byte with its meaning,
//! offered protocols, F/D, guard time, WI, T=1 parameters (`interface`), historical bytes
//! (category byte and COMPACT-TLV, `historical`), the TCK rule and check, and the EMV Book 1
//! rules an ATR breaks (`rules`). Parsed by small nom parsers (`ts`, `interface`,
//! `historical_bytes`, the COMPACT-TLV objects) composed into `atr`; nom's errors become a
//! [`DecodeError`] once, in [`parse_atr`].

mod historical;
mod interface;
mod rules;

pub use historical::{category_meaning, category_meaning_in, compact_tag_name_in};

use super::nomkit::{byte, fail, finish, offset_in, Fail, In, Res};
use super::{DecodeError, DecodeErrorKind};
use crate::i18n::{t, Lang};
use nom::bytes::complete::take;
use nom::combinator::opt;
use nom::number::complete::u8;
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
    /// What the byte says, in words (English: the JSON's `meaning`).
    pub meaning: String,
    /// The same in Chinese, for `decode atr --lang zh-CN`.
    #[serde(skip)]
    pub meaning_zh: String,
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
    /// The same notes in Chinese.
    #[serde(skip)]
    pub historical_notes_zh: Vec<String>,
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

fn presence(y: u8, i: u8, lang: Lang) -> String {
    let mut v = Vec::new();
    for (bit, k) in [(1u8, 'A'), (2, 'B'), (4, 'C'), (8, 'D')] {
        if y & bit != 0 {
            v.push(format!("T{k}{i}"));
        }
    }
    if v.is_empty() {
        t!(lang, "decode-atr-follow-none").into_owned()
    } else {
        t!(
            lang,
            "decode-atr-follow",
            bytes = v.join(", "),
            count = v.len()
        )
        .into_owned()
    }
}

fn fmt_f(fi: u8) -> String {
    fi_to_f(fi).map_or_else(|| format!("FI={fi:X} (RFU)"), |f| format!("Fi={f}"))
}

fn fmt_d(di: u8) -> String {
    di_to_d(di).map_or_else(|| format!("DI={di:X} (RFU)"), |d| format!("Di={d}"))
}

/// TS, the initial character: the convention (ISO/IEC 7816-3 §8.1).
fn ts(i: In<'_>) -> Res<'_, (u8, &'static str)> {
    let (rest, ts) = byte(|| "TS (3B or 3F)".into()).parse(i)?;
    match ts {
        0x3B => Ok((rest, (ts, "direct"))),
        0x3F => Ok((rest, (ts, "inverse"))),
        0x03 => fail(
            i,
            DecodeErrorKind::Invalid,
            "TS 3B or 3F (03 is an inverse-convention card read in direct mode)",
        ),
        _ => fail(i, DecodeErrorKind::Invalid, "TS 3B or 3F"),
    }
}

/// The K historical bytes; a truncation is reported at the end of the input.
fn historical_bytes<'a>(k: u8) -> impl Parser<In<'a>, Output = In<'a>, Error = Fail<'a>> {
    move |i: In<'a>| {
        take::<_, _, Fail<'a>>(k).parse(i).or_else(|_| {
            fail(
                &i[i.len()..],
                DecodeErrorKind::Truncated,
                format!("{k} historical bytes (got {})", i.len()),
            )
        })
    }
}

/// The ATR as the card sends it: TS, T0, interface bytes, historical bytes, TCK when a
/// protocol other than T=0 is offered. `whole` is the input, for offsets and the TCK.
fn atr<'a>(whole: In<'a>) -> impl Parser<In<'a>, Output = Atr, Error = Fail<'a>> {
    move |i: In<'a>| {
        let (i, (ts, convention)) = ts(i)?;
        let (i, t0) = byte(|| "T0".into()).parse(i)?;
        let k = t0 & 0x0F;
        let (i, ifs) = interface::interface(whole, t0).parse(i)?;
        let (i, historical) = historical_bytes(k).parse(i)?;
        let hist_end = offset_in(whole, i);
        let (i, tck) = if ifs.tck_required {
            opt(u8).parse(i)?
        } else {
            (i, None)
        };
        // T0 up to the last historical byte; TS is not covered (ISO/IEC 7816-3 §8.2.5).
        let tck_expected = ifs
            .tck_required
            .then(|| whole[1..hist_end].iter().fold(0u8, |a, b| a ^ b));
        let tck_ok = tck_expected.is_none_or(|x| tck == Some(x));
        let (category, compact, status, notes) = historical::parse_historical(historical);
        let p = ifs.params;
        let atr = Atr {
            raw: whole[..offset_in(whole, i)].to_vec(),
            ts,
            convention,
            t0,
            k,
            interface_bytes: ifs.bytes,
            protocols: ifs.protocols,
            fi: p.fi,
            di: p.di,
            f: fi_to_f(p.fi),
            d: di_to_d(p.di),
            guard_time_n: p.n,
            wi: p.wi,
            ifsc: p.ifsc,
            bwi: p.bwi,
            cwi: p.cwi,
            t1_edc: p.edc,
            historical_bytes: historical.to_vec(),
            category,
            compact_tlv: compact,
            status_indicator: status,
            historical_notes: notes.iter().map(|n| n.en.clone()).collect(),
            historical_notes_zh: notes.into_iter().map(|n| n.zh).collect(),
            tck,
            tck_required: ifs.tck_required,
            tck_ok,
            tck_expected,
            extra: i.to_vec(),
        };
        Ok((&i[i.len()..], atr))
    }
}

/// Parses an ATR (ISO/IEC 7816-3 §8). Errors: empty input, a TS other than 3B/3F, truncation
/// inside the interface or historical bytes (offset: the end of the input), more than 32
/// interface groups. A missing or wrong TCK is reported in the value (`tck_ok = false`), not
/// as an error; bytes after the ATR are kept in `extra`.
pub fn parse_atr(bytes: &[u8]) -> Result<Atr, DecodeError> {
    finish(LAYER, bytes, atr(bytes)).map(|(_, atr)| atr)
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
        self.t0_meaning_in(Lang::En)
    }

    /// [`Atr::t0_meaning`] in `lang`.
    pub fn t0_meaning_in(&self, lang: Lang) -> String {
        let follow = presence(self.t0 >> 4, 1, lang);
        t!(lang, "decode-atr-t0", follow = follow, k = self.k).into_owned()
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
        assert_eq!(
            parse_atr(&[0x03]).unwrap_err().kind,
            DecodeErrorKind::Invalid
        );
        // Every TDi announcing another TD: the 33rd group is refused after TD32.
        let mut endless = vec![0x3B, 0x80];
        endless.extend([0x80; 40]);
        let e = parse_atr(&endless).unwrap_err();
        assert_eq!((e.kind, e.offset), (DecodeErrorKind::TooLong, 34));
        // Two historical bytes announced, one there: reported at the end of the input.
        let e = parse_atr(&[0x3B, 0x02, 0x80]).unwrap_err();
        assert_eq!((e.kind, e.offset), (DecodeErrorKind::Truncated, 3));
    }

    #[test]
    fn tck_extra_bytes_and_compact_tlv_notes() {
        // T=1 offered, TCK missing: not an error, tck_ok false.
        let a = parse_atr(&[0x3B, 0x80, 0x01]).unwrap();
        assert!(a.tck_required && !a.tck_ok && a.tck.is_none());
        assert_eq!(a.tck_expected, Some(0x81));
        // A TCK and one byte after it.
        let a = parse_atr(&[0x3B, 0x80, 0x01, 0x81, 0xEE]).unwrap();
        assert!(a.tck_ok);
        assert_eq!((a.raw.len(), a.extra.clone()), (4, vec![0xEE]));
        // Category 80, one COMPACT-TLV object, then one announcing 3 bytes with 1 left.
        let a = parse_atr(&[0x3B, 0x05, 0x80, 0x31, 0xC0, 0x73, 0x01]).unwrap();
        assert_eq!(a.compact_tlv.len(), 1);
        assert_eq!(
            a.historical_notes,
            ["COMPACT-TLV object 73 at historical byte 3 announces 3 bytes, 1 left"]
        );
    }
}
