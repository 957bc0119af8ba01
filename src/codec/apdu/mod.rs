//! ISO/IEC 7816-4 APDUs (protocols.md §4.2–4.3): command and response split, INS names, the
//! status-word catalogue (`sw`), a sans-IO T=0 exchange (procedure bytes, 61xx, 6Cxx) and an
//! APDU-level GET RESPONSE / resend helper for readers that hide T=0 (`t0`).

mod sw;
mod t0;

pub use sw::{sw_info, sw_info_in, SwClass, SwInfo};
pub use t0::{
    transceive_with_get_response, ApduError, T0Action, T0Error, T0Exchange, T0_MAX_ROUNDS,
};

use super::nomkit::{at_end, fail, finish, until_last, Fail, In, Res};
use super::{DecodeError, DecodeErrorKind};
use crate::i18n::Lang;
use nom::bytes::complete::{tag, take};
use nom::combinator::{all_consuming, opt, peek, recognize, rest, verify};
use nom::multi::length_data;
use nom::number::complete::{be_u16, u8};
use nom::sequence::{preceded, terminated};
use nom::Parser;
use serde::Serialize;
use std::sync::LazyLock;

const LAYER: &str = "apdu";

/// A command APDU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Command {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    /// Command data (its length is Lc).
    pub data: Vec<u8>,
    /// Expected response length; 256 (short) or 65536 (extended) for an Le of zero.
    pub le: Option<usize>,
    /// Whether the lengths are in the extended (3-byte / 2-byte) form.
    pub extended: bool,
}

impl Command {
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8, data: &[u8], le: Option<usize>) -> Self {
        Command {
            cla,
            ins,
            p1,
            p2,
            data: data.to_vec(),
            le,
            extended: false,
        }
    }

    /// ISO 7816-3 case 1–4.
    pub fn case(&self) -> u8 {
        match (self.data.is_empty(), self.le.is_some()) {
            (true, false) => 1,
            (true, true) => 2,
            (false, false) => 3,
            (false, true) => 4,
        }
    }

    pub fn lc(&self) -> Option<usize> {
        (!self.data.is_empty()).then_some(self.data.len())
    }

    /// The name of the instruction, when known.
    pub fn ins_name(&self) -> Option<&'static str> {
        ins_name(self.cla, self.ins)
    }

    /// Serialises the APDU (short form unless `extended` or a length needs it).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = vec![self.cla, self.ins, self.p1, self.p2];
        let ext = self.extended || self.data.len() > 255 || self.le.is_some_and(|l| l > 256);
        if ext {
            if !self.data.is_empty() {
                let n = self.data.len().min(65535);
                v.extend([0, (n >> 8) as u8, n as u8]);
                v.extend_from_slice(&self.data[..n]);
            }
            if let Some(le) = self.le {
                if self.data.is_empty() {
                    v.push(0);
                }
                let le = if le >= 65536 { 0 } else { le };
                v.extend([(le >> 8) as u8, le as u8]);
            }
        } else {
            if !self.data.is_empty() {
                v.push(self.data.len() as u8);
                v.extend_from_slice(&self.data);
            }
            if let Some(le) = self.le {
                v.push(if le >= 256 { 0 } else { le as u8 });
            }
        }
        v
    }
}

/// A response APDU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw1: u8,
    pub sw2: u8,
}

impl Response {
    pub fn sw(&self) -> u16 {
        u16::from(self.sw1) << 8 | u16::from(self.sw2)
    }

    pub fn is_ok(&self) -> bool {
        self.sw1 == 0x90 && self.sw2 == 0x00
    }

    pub fn sw_info(&self) -> SwInfo {
        sw_info(self.sw1, self.sw2)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = self.data.clone();
        v.extend([self.sw1, self.sw2]);
        v
    }
}

/// The body of a command APDU after the header: the command data and Le.
struct Body<'a> {
    data: In<'a>,
    le: Option<usize>,
    extended: bool,
}

/// CLA INS P1 P2.
fn header(i: In<'_>) -> Res<'_, [u8; 4]> {
    (u8, u8, u8, u8)
        .map(|(cla, ins, p1, p2)| [cla, ins, p1, p2])
        .parse(i)
        .or_else(|_: nom::Err<Fail<'_>>| {
            fail(
                at_end(i),
                DecodeErrorKind::Truncated,
                "a 4-byte header CLA INS P1 P2",
            )
        })
}

/// A short Le: one byte, `00` meaning 256.
fn le_short(i: In<'_>) -> Res<'_, usize> {
    u8.map(|b| if b == 0 { 256 } else { usize::from(b) })
        .parse(i)
}

/// An extended Le or Lc value: two bytes big-endian, `0000` meaning 65 536 for Le.
fn le_extended(i: In<'_>) -> Res<'_, usize> {
    be_u16
        .map(|n| if n == 0 { 65_536 } else { usize::from(n) })
        .parse(i)
}

/// `n` command data bytes; a truncation (reported at the end of the APDU) names `what`.
fn data<'a>(n: usize, what: String) -> impl Parser<In<'a>, Output = In<'a>, Error = Fail<'a>> {
    move |i: In<'a>| {
        take::<_, _, Fail<'a>>(n)
            .parse(i)
            .or_else(|_| fail(at_end(i), DecodeErrorKind::Truncated, what.clone()))
    }
}

/// Nothing may follow; else `TooLong` at `at`.
fn nothing_after<'a>(rest: In<'a>, at: In<'a>, expected: String) -> Res<'a, ()> {
    if rest.is_empty() {
        Ok((rest, ()))
    } else {
        fail(at, DecodeErrorKind::TooLong, expected)
    }
}

/// Short form: Lc (1 byte, non-zero), the data, then an optional Le byte.
fn short_body(i: In<'_>) -> Res<'_, Body<'_>> {
    let (rest, lc) = u8.map(usize::from).parse(i)?;
    let (rest, data) = data(lc, format!("{lc} data bytes (Lc) after offset 5")).parse(rest)?;
    let (rest, le) = opt(le_short).parse(rest)?;
    let expected = format!("end of APDU after Lc={lc} data bytes and at most one Le byte");
    let (rest, ()) = nothing_after(rest, rest, expected)?;
    let extended = false;
    Ok((rest, Body { data, le, extended }))
}

/// Extended form (ISO 7816-4 §5.1): `00`, then either Le (2 bytes) alone, or Lc (2 bytes, not
/// `0000`), the data and an optional 2-byte Le.
fn extended_body(i: In<'_>) -> Res<'_, Body<'_>> {
    let (lc_at, _) = tag(&[0x00][..]).parse(i)?;
    let (rest, n) = be_u16.map(usize::from).parse(lc_at)?;
    if rest.is_empty() {
        let (rest, le) = le_extended(lc_at)?;
        let body = Body {
            data: &[],
            le: Some(le),
            extended: true,
        };
        return Ok((rest, body));
    }
    if n == 0 {
        return fail(
            lc_at,
            DecodeErrorKind::Invalid,
            "extended Lc other than 0000",
        );
    }
    let (after_data, data) = data(n, format!("{n} data bytes (extended Lc)")).parse(rest)?;
    let (rest, le) = opt(all_consuming(le_extended)).parse(after_data)?;
    let expected = "end of APDU or a 2-byte extended Le".to_string();
    let (rest, ()) = nothing_after(rest, after_data, expected)?;
    let extended = true;
    Ok((rest, Body { data, le, extended }))
}

/// What follows the header (ISO 7816-3 §12.1 cases 1–4, short and extended).
fn body(i: In<'_>) -> Res<'_, Body<'_>> {
    let none = |le| Body {
        data: &[],
        le,
        extended: false,
    };
    match i {
        [] => Ok((i, none(None))),
        [_] => le_short.map(|le| none(Some(le))).parse(i),
        [0x00, _] => fail(
            i,
            DecodeErrorKind::Invalid,
            "one Le byte, or Lc (1 byte non-zero or 3 bytes 00 xx xx) and data",
        ),
        [0x00, ..] => extended_body(i),
        _ => short_body(i),
    }
}

/// Parses a command APDU (short or extended lengths, ISO 7816-4 §5.1).
///
/// # Errors
/// `Truncated` for fewer than 4 header bytes or fewer data bytes than Lc says; `Invalid` for
/// a 2-byte body starting `00` or an extended Lc of `0000`; `TooLong` for bytes after Le.
pub fn parse_command(b: &[u8]) -> Result<Command, DecodeError> {
    let (_, ([cla, ins, p1, p2], body)) = finish(LAYER, b, (header, body))?;
    Ok(Command {
        cla,
        ins,
        p1,
        p2,
        data: body.data.to_vec(),
        le: body.le,
        extended: body.extended,
    })
}

/// What a lenient reading of a C-APDU keeps, however malformed its body: CLA INS P1 P2, P3 (Lc
/// or Le) when there is one, and the command data when all of P3's bytes follow it (else
/// none).
pub type LenientCommand<'a> = ([u8; 4], Option<u8>, &'a [u8]);

/// [`LenientCommand`]: the strict parser's header, then P3 peeked and the data it counts,
/// each optional.
fn lenient_command(i: In<'_>) -> Res<'_, LenientCommand<'_>> {
    let data = opt(length_data(u8)).map(Option::unwrap_or_default);
    (header, opt(peek(u8)), data).parse_complete(i)
}

/// Reads a C-APDU leniently (what a frame log's step name needs; [`parse_command`] is the
/// strict form): `None` only for fewer than 4 header bytes. Bytes after the data are ignored.
pub fn parse_command_lenient(c: &[u8]) -> Option<LenientCommand<'_>> {
    lenient_command(c).ok().map(|(_, parts)| parts)
}

/// Response data, then the two status bytes that end it.
fn response(i: In<'_>) -> Res<'_, (In<'_>, u8, u8)> {
    (until_last(2, || "SW1 SW2".into()), u8, u8).parse(i)
}

/// Parses a response APDU: data then SW1 SW2.
///
/// # Errors
/// `Truncated` for fewer than 2 bytes.
pub fn parse_response(b: &[u8]) -> Result<Response, DecodeError> {
    let (_, (data, sw1, sw2)) = finish(LAYER, b, response)?;
    Ok(Response {
        data: data.to_vec(),
        sw1,
        sw2,
    })
}

/// Instruction names as data (`ins.tsv`: `INS <tab> any|proprietary <tab> name <tab> zh
/// name`): one row per instruction holds its name in both languages.
const INS_TSV: &str = include_str!("ins.tsv");

/// The rows of [`INS_TSV`]: INS, whether the name needs a proprietary CLA, the name in English
/// and in Chinese.
static INS_NAMES: LazyLock<Vec<(u8, bool, &'static str, &'static str)>> = LazyLock::new(|| {
    tsv_rows(INS_TSV)
        .filter_map(|[ins, class, name, zh]| {
            let ins = u8::from_str_radix(ins, 16).ok()?;
            Some((ins, class == "proprietary", name, zh))
        })
        .collect()
});

/// The tab-separated fields of the data lines of a compiled-in table (`#` comments and blank
/// lines skipped); a line without exactly `N` fields is skipped (a test counts the rows).
fn tsv_rows<const N: usize>(text: &'static str) -> impl Iterator<Item = [&'static str; N]> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').collect::<Vec<_>>().try_into().ok())
}

/// Name of an instruction byte. Some names depend on the proprietary class (CLA 8x).
pub fn ins_name(cla: u8, ins: u8) -> Option<&'static str> {
    ins_name_in(cla, ins, Lang::En)
}

/// [`ins_name`] in `lang` (`ins.tsv`'s Chinese column for zh-CN).
pub fn ins_name_in(cla: u8, ins: u8, lang: Lang) -> Option<&'static str> {
    let proprietary = cla & 0x80 != 0;
    INS_NAMES
        .iter()
        .find(|&&(i, needs, ..)| i == ins && (proprietary || !needs))
        .map(|&(.., en, zh)| match lang {
            Lang::En => en,
            Lang::ZhCn => zh,
        })
}

/// A name that starts with an instruction's English name (`READ RECORD 1 SFI 1`, an EMV
/// flow's step) with that name in `lang` (`读记录 1 SFI 1`); the longest name that matches
/// whole words wins, and a name that starts with none is returned as it is.
pub fn ins_words_in(name: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return name.to_string();
    }
    let at_word_end = |en: &str| name.len() == en.len() || name[en.len()..].starts_with(' ');
    INS_NAMES
        .iter()
        .filter(|&&(_, _, en, _)| name.starts_with(en) && at_word_end(en))
        .max_by_key(|&&(_, _, en, _)| en.len())
        .map(|&(_, _, en, zh)| format!("{zh}{}", &name[en.len()..]))
        .unwrap_or_else(|| name.to_string())
}

/// Whether the command data of this instruction is secret (PIN blocks): never display it.
pub fn data_is_secret(ins: u8) -> bool {
    matches!(ins, 0x20 | 0x24 | 0x2C)
}

/// An R-APDU split in place: the response data and SW1 SW2, borrowed (a frame log masks the
/// data where it stands); `None` for fewer than 2 bytes. The parser of [`parse_response`].
pub fn split_response(b: &[u8]) -> Option<(&[u8], u8, u8)> {
    response(b).ok().map(|(_, r)| r)
}

/// Whether `b` can be SW1: `6x` or `9x` (ISO/IEC 7816-3 §10.3.3); the T=0 procedure parser
/// reads a status word by the same test.
pub fn is_sw1(b: u8) -> bool {
    matches!(b & 0xF0, 0x60 | 0x90)
}

/// Whether `b` splits as a response APDU ([`split_response`]) whose SW1 can be one
/// ([`is_sw1`]): what tells a response from a malformed command.
pub fn ends_in_status_word(b: &[u8]) -> bool {
    split_response(b).is_some_and(|(_, sw1, _)| is_sw1(sw1))
}

/// A short case-4 command `CLA INS P1 P2 Lc data Le` without its Le, as T=0 carries it (the
/// card's data comes back through `61xx` / GET RESPONSE: ISO 7816-3 §12.2, EMV Book 1
/// §9.3.1.1); `None` for a command of any other shape.
pub fn case4_without_le(c: &[u8]) -> Option<&[u8]> {
    let head = recognize((take(4usize), length_data(u8)));
    let parsed: Res<'_, In<'_>> = terminated(head, all_consuming(u8)).parse_complete(c);
    parsed.ok().map(|(_, h)| h)
}

/// The bytes after `CLA INS P1 P2 P3` of a command whose data is secret ([`data_is_secret`]:
/// VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER), whatever Lc says: what a frame log
/// hides. `None` for any other command, or nothing after the header.
pub fn secret_data(c: &[u8]) -> Option<&[u8]> {
    let ins = verify(u8, |&ins| data_is_secret(ins));
    let parsed: Res<'_, In<'_>> = preceded((u8, ins, take(3usize)), rest).parse(c);
    parsed.ok().map(|(_, d)| d).filter(|d| !d.is_empty())
}

/// Fuzz and regression entry: byte 0 = n, the next n bytes are a command APDU, the rest is
/// what the card sends (fed to the T=0 exchange in small chunks, and as R-APDUs to the
/// APDU-level loop). Must never panic or loop forever.
#[doc(hidden)]
pub fn fuzz_input(data: &[u8]) {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let (cmd, card) = rest.split_at(usize::from(n).min(rest.len()));
    let _ = parse_response(card);
    let Ok(c) = parse_command(cmd) else {
        return;
    };
    let _ = c.to_bytes();
    let mut ex = T0Exchange::new(&c);
    let mut chunks = card.chunks(3);
    for _ in 0..10_000 {
        match ex.next_action() {
            T0Action::Send(_) => {}
            T0Action::Receive => match chunks.next() {
                Some(b) => {
                    if ex.receive(b).is_err() {
                        break;
                    }
                }
                None => break,
            },
            T0Action::Done(_) => break,
        }
    }
    let mut replies = card.chunks(4);
    let _ = transceive_with_get_response(
        |_c: &[u8]| -> Result<Vec<u8>, std::io::Error> {
            replies
                .next()
                .map(<[u8]>::to_vec)
                .ok_or_else(|| std::io::Error::other("no more replies"))
        },
        cmd,
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// An EMV flow's step names with the instruction in Chinese: the longest name wins
    /// (`GET PROCESSING OPTIONS`, not `GET`), whole words only, the rest kept.
    #[test]
    fn step_names_in_chinese() {
        let zh = |n| ins_words_in(n, Lang::ZhCn);
        assert_eq!(zh("SELECT PSE"), "选择 PSE");
        assert_eq!(zh("READ RECORD 1 SFI 1"), "读记录 1 SFI 1");
        assert_eq!(zh("GET PROCESSING OPTIONS"), "获取处理选项");
        assert_eq!(zh("GENERATE AC ARQC"), "生成应用密文 ARQC");
        assert_eq!(zh("GET DATA 9F36"), "取数据 9F36");
        assert_eq!(zh("SELECTED"), "SELECTED");
        assert_eq!(zh("cda"), "cda");
        assert_eq!(
            ins_words_in("READ RECORD 1 SFI 1", Lang::En),
            "READ RECORD 1 SFI 1"
        );
    }

    #[test]
    fn cases() {
        let c = parse_command(&[0x00, 0xA4, 0x04, 0x00, 0x02, 0x3F, 0x00, 0x00]).unwrap();
        assert_eq!(c.case(), 4);
        assert_eq!(c.le, Some(256));
        assert_eq!(c.ins_name(), Some("SELECT"));
        assert_eq!(parse_command(&[0, 0xB2, 1, 0x0C, 0]).unwrap().case(), 2);
        assert_eq!(parse_command(&[0x80, 0xCA, 0x9F, 0x36]).unwrap().case(), 1);
        assert!(parse_command(&[0, 0xA4, 4, 0, 5, 1]).is_err());
    }

    #[test]
    fn every_table_line_is_read() {
        for (text, rows) in [
            (INS_TSV, INS_NAMES.len()),
            (sw::CATALOGUE_TSV, sw::CATALOGUE.len()),
        ] {
            let lines = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
            assert_eq!(rows, lines.count());
        }
        assert_eq!(ins_name(0x80, 0xAE), Some("GENERATE AC"));
        assert_eq!(ins_name(0x00, 0xAE), None);
        assert_eq!(ins_name(0x00, 0xB2), Some("READ RECORD"));
    }

    #[test]
    fn errors_name_kind_and_offset() {
        use DecodeErrorKind::*;
        for (apdu, kind, offset) in [
            (&[0x00, 0xA4][..], Truncated, 2),
            (&[0, 0xA4, 4, 0, 5, 1], Truncated, 6),
            (&[0, 0xA4, 4, 0, 1, 0xAA, 0, 0], TooLong, 7),
            (&[0, 0xA4, 4, 0, 0, 1], Invalid, 4),
            (&[0, 0xA4, 4, 0, 0, 0, 0, 1], Invalid, 5),
            (&[0, 0xA4, 4, 0, 0, 0, 2, 0xAA], Truncated, 8),
            (&[0, 0xA4, 4, 0, 0, 0, 1, 0xAA, 0], TooLong, 8),
            (&[0, 0xA4, 4, 0, 0, 0, 1, 0xAA, 0, 0, 0], TooLong, 8),
        ] {
            let e = parse_command(apdu).unwrap_err();
            assert_eq!((e.kind, e.offset), (kind, offset), "{apdu:02X?}");
        }
        let c = parse_command(&[0, 0xB2, 1, 0x0C, 0, 0, 0]).unwrap();
        assert_eq!((c.le, c.extended), (Some(65_536), true));
        let c = parse_command(&[0, 0xA4, 4, 0, 0, 0, 1, 0xAA, 0, 0]).unwrap();
        assert_eq!(
            (&c.data[..], c.le, c.case()),
            (&[0xAA][..], Some(65_536), 4)
        );
        let e = parse_response(&[0x90]).unwrap_err();
        assert_eq!((e.kind, e.offset), (Truncated, 1));
        let r = parse_response(&[0x6F, 0x00, 0x90, 0x00]).unwrap();
        assert_eq!((&r.data[..], r.sw()), (&[0x6F, 0x00][..], 0x9000));
    }

    /// The lenient reading as the frame log's own parser had it: P3 when present, the data
    /// only when all of it is there, bytes after it ignored, `None` below 4 bytes.
    #[test]
    fn lenient_command_head() {
        let lenient = parse_command_lenient;
        assert_eq!(lenient(&[0x00, 0xA4, 0x04]), None);
        let h = [0x80, 0xCA, 0x9F, 0x36];
        assert_eq!(lenient(&h), Some((h, None, &[][..])));
        assert_eq!(
            lenient(&[0x00, 0xC0, 0x00, 0x00, 0x10]),
            Some(([0x00, 0xC0, 0x00, 0x00], Some(0x10), &[][..]))
        );
        assert_eq!(
            lenient(&[0x00, 0xA4, 0x04, 0x00, 0x02, 0x3F, 0x00, 0x00]),
            Some(([0x00, 0xA4, 0x04, 0x00], Some(2), &[0x3F, 0x00][..]))
        );
        assert_eq!(
            lenient(&[0x00, 0x20, 0x00, 0x80, 0x08, 0x24]),
            Some(([0x00, 0x20, 0x00, 0x80], Some(8), &[][..]))
        );
        assert_eq!(
            lenient(&[0x00, 0xB2, 0x01, 0x0C, 0x00]),
            Some(([0x00, 0xB2, 0x01, 0x0C], Some(0), &[][..]))
        );
    }

    /// SW1 is the second-last byte, `6x` or `9x`, as the index-based check of `decode apdu`
    /// read it: fewer than 2 bytes is no status word, exactly 2 is one without data.
    #[test]
    fn status_word_at_the_end() {
        assert!(!ends_in_status_word(&[]));
        assert!(!ends_in_status_word(&[0x90]));
        assert!(ends_in_status_word(&[0x90, 0x00]));
        assert!(ends_in_status_word(&[0x6A, 0x82]));
        assert!(ends_in_status_word(&[0x01, 0x02, 0x60, 0xFF]));
        assert!(ends_in_status_word(&[0x01, 0x9F, 0x12]));
        for sw1 in [0x00, 0x50, 0x70, 0x8F, 0xA0, 0xFF] {
            assert!(!ends_in_status_word(&[0x90, sw1, 0x00]), "{sw1:02X}");
        }
        assert!((0..=0xFF).all(|b| is_sw1(b) == (b >> 4 == 6 || b >> 4 == 9)));
    }
}
