//! The interface bytes of an ATR (ISO/IEC 7816-3 §8.2.2–8.3): TAi/TBi/TCi/TDi groups chained
//! by the TDi, each byte with its meaning, and the parameters they set (F/D, N, WI, T=1 IFSC,
//! BWI/CWI and error detection).

use super::{fmt_d, fmt_f, presence, InterfaceByte};
use crate::codec::nomkit::{byte, fail, offset_in, Fail, In};
use crate::codec::DecodeErrorKind;
use crate::i18n::{t, Lang};
use nom::Parser;
use std::borrow::Cow;

/// Parameters set by the interface bytes, defaults where a byte is absent.
#[derive(Clone, Copy, Debug)]
pub(super) struct Params {
    pub fi: u8,
    pub di: u8,
    /// Extra guard time N (TC1).
    pub n: u8,
    /// T=0 work waiting integer (TC2).
    pub wi: u8,
    pub ifsc: Option<u8>,
    pub bwi: Option<u8>,
    pub cwi: Option<u8>,
    pub edc: Option<&'static str>,
    /// T of TD1: whether TC2 is the T=0 WI.
    first_td_proto: Option<u8>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            fi: 1,
            di: 1,
            n: 0,
            wi: 10,
            ifsc: None,
            bwi: None,
            cwi: None,
            edc: None,
            first_td_proto: None,
        }
    }
}

/// What the interface bytes say, and where the historical bytes start.
pub(super) struct Interface {
    pub bytes: Vec<InterfaceByte>,
    /// Offered protocols in TD order; T=0 alone without TD1.
    pub protocols: Vec<u8>,
    /// Some TDi offers a protocol other than T=0: a TCK must end the ATR.
    pub tck_required: bool,
    pub params: Params,
}

/// One group of interface bytes: index i and the protocol it belongs to (T of TD(i-1)).
struct Group {
    i: u8,
    proto: Option<u8>,
    /// The first group for T=1 (i ≥ 3): its TA/TB/TC are IFSC, BWI/CWI and EDC.
    first_t1: bool,
}

/// The interface bytes after T0 (`t0`'s high nibble says which of TA1..TD1 follow; each TDi
/// says which bytes of group i+1 follow). `whole` is the ATR, for offsets.
/// Fails on truncation inside a group (at the end of the input) and on more than 32 groups.
pub(super) fn interface<'a>(
    whole: In<'a>,
    t0: u8,
) -> impl Parser<In<'a>, Output = Interface, Error = Fail<'a>> {
    move |mut i: In<'a>| {
        let mut y = t0 >> 4;
        let mut g = Group {
            i: 1,
            proto: None,
            first_t1: false,
        };
        let mut out = Vec::new();
        let mut protocols: Vec<u8> = Vec::new();
        let mut tck_required = false;
        let mut p = Params::default();
        let mut seen_t1_group = false;
        loop {
            g.first_t1 = g.i >= 3 && g.proto == Some(1) && !seen_t1_group;
            let mut last = 0;
            for (bit, kind) in [(1u8, 'A'), (2, 'B'), (4, 'C'), (8, 'D')] {
                if y & bit == 0 {
                    continue;
                }
                let name = format!("T{kind}{}", g.i);
                let offset = offset_in(whole, i);
                let (rest, value) = byte(|| name.clone()).parse(i)?;
                // Both languages from the one description; the parameters it records are the
                // same both times.
                let meaning_zh = meaning(&mut p, &g, kind, value, Lang::ZhCn);
                out.push(InterfaceByte {
                    meaning: meaning(&mut p, &g, kind, value, Lang::En),
                    meaning_zh,
                    name,
                    kind,
                    index: g.i,
                    value,
                    offset,
                    protocol: if g.i <= 2 { None } else { g.proto },
                });
                (i, last) = (rest, value);
            }
            seen_t1_group |= g.first_t1;
            if y & 8 == 0 {
                break;
            }
            let t = last & 0x0F;
            tck_required |= t != 0;
            if t != 15 && !protocols.contains(&t) {
                protocols.push(t);
            }
            p.first_td_proto.get_or_insert(t);
            g.proto = Some(t);
            y = last >> 4;
            g.i = g.i.saturating_add(1);
            if g.i > 32 {
                return fail(
                    i,
                    DecodeErrorKind::TooLong,
                    "end of interface bytes (an ATR has at most 33 bytes)",
                );
            }
        }
        if protocols.is_empty() {
            protocols.push(0);
        }
        let interface = Interface {
            bytes: out,
            protocols,
            tck_required,
            params: p,
        };
        Ok((i, interface))
    }
}

/// What one interface byte says in `lang`; records the parameters it sets in `p`.
fn meaning(p: &mut Params, g: &Group, kind: char, value: u8, lang: Lang) -> String {
    let m = match (kind, g.i) {
        ('D', i) => t!(
            lang,
            "decode-atr-td",
            t = value & 0x0F,
            follow = presence(value >> 4, i + 1, lang)
        ),
        (_, 1) => global_1(p, kind, value, lang),
        (_, 2) => global_2(p, kind, value, lang),
        _ => specific(p, g, kind, value, lang),
    };
    m.into_owned()
}

/// TA1 (FI/DI), TB1 (programming voltage), TC1 (extra guard time).
fn global_1(p: &mut Params, kind: char, value: u8, lang: Lang) -> Cow<'static, str> {
    match kind {
        'A' => {
            p.fi = value >> 4;
            p.di = value & 0x0F;
            format!("{}, {}", fmt_f(p.fi), fmt_d(p.di)).into()
        }
        'B' if value == 0 => t!(lang, "decode-atr-tb1-none"),
        'B' => t!(
            lang,
            "decode-atr-tb1",
            pi1 = value & 0x1F,
            ii = (value >> 5) & 3
        ),
        _ => {
            p.n = value;
            if value == 0xFF {
                t!(lang, "decode-atr-tc1-minimum")
            } else {
                t!(lang, "decode-atr-tc1", n = value)
            }
        }
    }
}

/// TA2 (specific mode), TB2 (programming voltage), TC2 (T=0 WI).
fn global_2(p: &mut Params, kind: char, value: u8, lang: Lang) -> Cow<'static, str> {
    let yes = |b: bool| if b { "yes" } else { "no" };
    match kind {
        'A' => t!(
            lang,
            "decode-atr-ta2",
            t = value & 0x0F,
            fixed = yes(value & 0x80 != 0),
            implicit = yes(value & 0x10 != 0)
        ),
        'B' => t!(lang, "decode-atr-tb2", value = value),
        _ => {
            if p.first_td_proto.is_none_or(|t| t == 0) {
                p.wi = value;
                t!(lang, "decode-atr-tc2-wi", wi = value)
            } else {
                t!(lang, "decode-atr-tc2-other", value = format!("{value:02X}"))
            }
        }
    }
}

/// TAi/TBi/TCi for i ≥ 3: the first T=1 group's IFSC, BWI/CWI and EDC; T=15's clock stop
/// and class indicator and SPU; otherwise specific to the group's protocol.
fn specific(p: &mut Params, g: &Group, kind: char, value: u8, lang: Lang) -> Cow<'static, str> {
    match kind {
        'A' if g.first_t1 => {
            p.ifsc = Some(value);
            t!(lang, "decode-atr-ifsc", value = value)
        }
        'B' if g.first_t1 => {
            p.bwi = Some(value >> 4);
            p.cwi = Some(value & 0x0F);
            format!("T=1 BWI={}, CWI={}", value >> 4, value & 0x0F).into()
        }
        'C' if g.first_t1 => {
            let e = if value & 1 == 1 { "CRC" } else { "LRC" };
            p.edc = Some(e);
            t!(lang, "decode-atr-edc", edc = e)
        }
        'A' if g.proto == Some(15) => t!(
            lang,
            "decode-atr-clock-stop",
            x = value >> 6,
            y = format!("{:02X}", value & 0x3F)
        ),
        'B' if g.proto == Some(15) => {
            t!(lang, "decode-atr-spu", value = format!("{value:02X}"))
        }
        _ => t!(
            lang,
            "decode-atr-specific",
            t = g.proto.map_or("?".to_string(), |t| t.to_string())
        ),
    }
}
