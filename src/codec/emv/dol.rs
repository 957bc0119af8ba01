//! AFL entries (`94`), data object lists (PDOL `9F38`, CDOL1 `8C`, CDOL2 `8D`, DDOL `9F49`,
//! TDOL `97`) and the terminal side that fills them (EMV 4.3 Book 3 §5.4, §10.2).

use super::tags::{tag_info, ValueClass};
use crate::codec::nomkit::{byte, fail, finish, Fail, In, Res};
use crate::codec::tlv::read_tag;
use crate::codec::{DecodeError, DecodeErrorKind};
use nom::bytes::complete::take;
use nom::combinator::{all_consuming, eof, not, rest};
use nom::error::{ErrorKind, ParseError};
use nom::multi::many0;
use nom::sequence::preceded;
use nom::Parser;
use std::collections::BTreeMap;

const LAYER: &str = "emv";

/// One AFL entry: records `first..=last` of file `sfi`, of which the first `oda` take part in
/// offline data authentication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AflEntry {
    pub sfi: u8,
    pub first: u8,
    pub last: u8,
    pub oda: u8,
}

impl AflEntry {
    /// One 4-byte AFL entry as it stands, not checked (see [`parse_afl`] for the checks): the
    /// SFI in b8–b4 of the first byte, then first record, last record, ODA record count.
    pub fn from_bytes(b: [u8; 4]) -> AflEntry {
        let [b0, first, last, oda] = b;
        AflEntry {
            sfi: b0 >> 3,
            first,
            last,
            oda,
        }
    }

    /// Record numbers to read.
    pub fn records(&self) -> std::ops::RangeInclusive<u8> {
        self.first..=self.last
    }

    /// READ RECORD P2 for this file: `(SFI << 3) | 4`.
    pub fn p2(&self) -> u8 {
        (self.sfi << 3) | 0x04
    }
}

/// The expected text of a short AFL (also a catalogue key, `errors-exp-afl`).
const WHOLE_ENTRIES: &str = "AFL entries of 4 bytes each";

/// The four bytes of one AFL entry: the one reader of an entry, strict or lenient. Fewer
/// left is a recoverable error (the lenient reader stops there, the strict one says so).
fn afl_bytes(i: In<'_>) -> Res<'_, [u8; 4]> {
    take(4usize)
        .map_opt(|b: In<'_>| <[u8; 4]>::try_from(b).ok())
        .parse(i)
}

/// Parses an AFL. Entries that EMV tells the terminal to refuse (SFI 0 or 31, record 0,
/// last before first, more ODA records than records) are errors naming the entry's offset,
/// and so is a short entry at the end (EMV 4.3 Book 3 §10.2).
pub fn parse_afl(v: &[u8]) -> Result<Vec<AflEntry>, DecodeError> {
    let entry = preceded(not(eof), afl_entry);
    finish(LAYER, v, all_consuming(many0(entry))).map(|(_, out)| out)
}

/// One 4-byte AFL entry, checked: SFI 1–30 (b3–b1 zero), records `first..=last` from 1, and
/// at most that many records for offline data authentication.
fn afl_entry(i: In<'_>) -> Res<'_, AflEntry> {
    let (rest, b) = afl_bytes(i).or_else(|_| fail(i, DecodeErrorKind::Truncated, WHOLE_ENTRIES))?;
    let e = AflEntry::from_bytes(b);
    // Where byte `n` of the entry stands, for the error's offset.
    let at = |n: usize| {
        take::<_, _, Fail<'_>>(n)
            .parse(i)
            .map_or(rest, |(at, _)| at)
    };
    if e.sfi == 0 || e.sfi == 31 || b[0] & 0x07 != 0 {
        return fail(
            i,
            DecodeErrorKind::Invalid,
            format!("an SFI of 1..30 in b8-b4 (got {:02X})", b[0]),
        );
    }
    if e.first == 0 || e.last < e.first {
        return fail(
            at(1),
            DecodeErrorKind::Invalid,
            format!(
                "first record >= 1 and last >= first (got {}..{})",
                e.first, e.last
            ),
        );
    }
    let records = e.last - e.first + 1;
    if u16::from(e.oda) > u16::from(records) {
        return fail(
            at(3),
            DecodeErrorKind::Invalid,
            format!(
                "at most {records} records for offline data authentication (got {})",
                e.oda
            ),
        );
    }
    Ok((rest, e))
}

/// An AFL as the bench reads it from a card (lenient, unlike [`parse_afl`]): every whole
/// entry as it stands, and the bytes of a short entry at the end, kept so the reader can say
/// so rather than drop them without a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AflRead<'a> {
    pub entries: Vec<AflEntry>,
    /// The 1–3 bytes after the last whole entry (empty for a well-formed AFL).
    pub trailing: &'a [u8],
}

impl AflRead<'_> {
    /// `(SFI, record)` pairs to read, in AFL order: record 0 skipped, an entry whose last
    /// record is before its first read as the first alone. The bench reads what it can and
    /// lets the records tell.
    pub fn records(&self) -> impl Iterator<Item = (u8, u8)> + '_ {
        self.entries.iter().flat_map(|e| {
            (e.first..=e.last.max(e.first))
                .filter(|&r| r > 0)
                .map(move |r| (e.sfi, r))
        })
    }

    /// `(SFI, record)` pairs flagged for offline data authentication: the first `oda`
    /// records of each entry from its first, record 0 and past 255 skipped.
    pub fn oda_records(&self) -> impl Iterator<Item = (u8, u8)> + '_ {
        self.entries.iter().flat_map(|e| {
            (u16::from(e.first)..u16::from(e.first) + u16::from(e.oda))
                .filter_map(|r| u8::try_from(r).ok().filter(|&r| r > 0))
                .map(move |r| (e.sfi, r))
        })
    }
}

/// Reads an AFL leniently (see [`AflRead`]): the same entry reader as [`parse_afl`], no
/// checks.
pub fn read_afl(v: &[u8]) -> AflRead<'_> {
    let entries = many0(afl_bytes.map(AflEntry::from_bytes));
    let parsed: Res<'_, _> = (entries, rest).parse(v);
    let (entries, trailing) = parsed.map_or((Vec::new(), v), |(_, r)| r);
    AflRead { entries, trailing }
}

/// One DOL entry: a tag and the length the card wants for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DolEntry {
    pub tag: u32,
    pub len: usize,
}

/// Parses a DOL: tag, then a one-byte length, repeated.
pub fn parse_dol(v: &[u8]) -> Result<Vec<DolEntry>, DecodeError> {
    finish(LAYER, v, all_consuming(many0(dol_entry))).map(|(_, out)| out)
}

/// One DOL entry: a BER tag (read by the TLV codec's tag reader) and its length byte.
fn dol_entry(i: In<'_>) -> Res<'_, DolEntry> {
    if i.is_empty() {
        // The end of the list (for `many0`), not an error.
        return Err(nom::Err::Error(Fail::from_error_kind(i, ErrorKind::Eof)));
    }
    let (rest, tag) = match read_tag(i, 0) {
        Ok((tag, n)) => (take(n).parse(i)?.0, tag),
        Err(e) => {
            let at = i.get(e.offset..).unwrap_or_default();
            return fail(at, e.kind, e.expected);
        }
    };
    let (rest, len) = byte(|| format!("a length byte for DOL tag {tag}")).parse(rest)?;
    Ok((
        rest,
        DolEntry {
            tag: tag.0,
            len: usize::from(len),
        },
    ))
}

/// Total length of the data a DOL asks for.
pub fn dol_len(dol: &[DolEntry]) -> usize {
    dol.iter().map(|e| e.len).sum()
}

/// Splits data built from a DOL back into `(tag, value)` pairs (the card's side of GPO and
/// GENERATE AC). The data must be exactly as long as the DOL asks.
pub fn split_dol(dol: &[DolEntry], data: &[u8]) -> Result<Vec<(u32, Vec<u8>)>, DecodeError> {
    let want = dol_len(dol);
    if data.len() != want {
        return Err(DecodeError::new(
            LAYER,
            if data.len() < want {
                crate::codec::DecodeErrorKind::Truncated
            } else {
                crate::codec::DecodeErrorKind::TooLong
            },
            data.len().min(want),
            format!("{want} bytes of DOL data (got {})", data.len()),
        ));
    }
    let mut rest = data;
    dol.iter()
        .map(|e| {
            let (r, v) = finish(LAYER, rest, take(e.len))?;
            rest = r;
            Ok((e.tag, v.to_vec()))
        })
        .collect()
}

/// The terminal's data objects, by tag, used to fill DOLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalData {
    values: BTreeMap<u32, Vec<u8>>,
}

/// Packs digits two per byte, the last byte padded with `F`: EMV numeric (`n`, even digit
/// counts) and compressed numeric (`cn`) values, and track-2 equivalent data whose `D`
/// separator is a nibble of its own (EMV Book 3 §4.3). Hex letters stand for their nibble;
/// any other character becomes `F`.
pub fn pack_cn(text: &str) -> Vec<u8> {
    let nib = |c: u8| -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'F' => c - b'A' + 10,
            b'a'..=b'f' => c - b'a' + 10,
            _ => 0xF,
        }
    };
    text.as_bytes()
        .chunks(2)
        .map(|p| (nib(p[0]) << 4) | p.get(1).map_or(0xF, |&c| nib(c)))
        .collect()
}

impl TerminalData {
    /// Fixed defaults (CNY, China, goods, amount 0.01, date 2019-08-30, UN 12345678): the
    /// values the CUPS reference dump uses, deterministic for tests.
    pub fn fixed() -> Self {
        let mut values = BTreeMap::new();
        let mut put = |t: u32, v: &[u8]| {
            values.insert(t, v.to_vec());
        };
        put(0x9F1A, &[0x01, 0x56]);
        put(0x5F2A, &[0x01, 0x56]);
        put(0x5F36, &[0x02]);
        put(0x9F02, &[0, 0, 0, 0, 0, 0x01]);
        put(0x9F03, &[0; 6]);
        put(0x9A, &[0x19, 0x08, 0x30]);
        put(0x9F21, &[0x12, 0x00, 0x00]);
        put(0x9C, &[0x00]);
        put(0x9F37, &[0x12, 0x34, 0x56, 0x78]);
        put(0x95, &[0; 5]);
        put(0x9B, &[0; 2]);
        put(0x9F35, &[0x22]);
        put(0x9F33, &[0xE0, 0xE1, 0xC8]);
        put(0x9F40, &[0x60, 0x00, 0xF0, 0xA0, 0x01]);
        put(0x9F66, &[0x36, 0x00, 0x00, 0x00]);
        put(0x9F09, &[0x00, 0x30]);
        put(0x9F1E, b"10000019");
        put(0x9F1C, b"10000019");
        put(0x9F16, b"850100082410002");
        put(0x9F15, &[0x59, 0x99]);
        put(0x9F39, &[0x05]);
        put(0x9F4E, b"CARDBENCH TEST");
        put(0x9F7A, &[0x00]);
        put(0x8A, b"00");
        Self { values }
    }

    /// No values at all (every DOL entry fills with zeros).
    pub fn empty() -> Self {
        Self {
            values: BTreeMap::new(),
        }
    }

    /// Fixed defaults with today's date and time and a fresh unpredictable number.
    pub fn now() -> Self {
        let mut d = Self::fixed();
        let now = chrono::Local::now();
        d.set(0x9A, pack_cn(&now.format("%y%m%d").to_string()));
        d.set(0x9F21, pack_cn(&now.format("%H%M%S").to_string()));
        let nanos = now.timestamp_subsec_nanos() ^ (now.timestamp() as u32).rotate_left(13);
        d.set(
            0x9F37,
            nanos.wrapping_mul(0x9E37_79B9).to_be_bytes().to_vec(),
        );
        d
    }

    pub fn set(&mut self, tag: u32, value: impl Into<Vec<u8>>) {
        self.values.insert(tag, value.into());
    }

    /// Removes a value (a DOL then fills it with zeros).
    pub fn remove(&mut self, tag: u32) {
        self.values.remove(&tag);
    }

    pub fn with(mut self, tag: u32, value: impl Into<Vec<u8>>) -> Self {
        self.set(tag, value);
        self
    }

    pub fn get(&self, tag: u32) -> Option<&[u8]> {
        self.values.get(&tag).map(Vec::as_slice)
    }

    /// Sets 9F02 (n12) and 81 (binary) from an amount in minor units.
    pub fn set_amount(&mut self, minor: u64) {
        let minor = minor.min(999_999_999_999);
        self.set(0x9F02, pack_cn(&format!("{minor:012}")));
        self.set(
            0x81,
            (minor.min(u64::from(u32::MAX)) as u32)
                .to_be_bytes()
                .to_vec(),
        );
    }

    /// Parses a raw DOL (tag + length pairs, as the card sent it) and fills it with
    /// [`fill_dol`]. Errors: a malformed DOL ([`parse_dol`]).
    pub fn fill(&self, dol: &[u8]) -> Result<Vec<u8>, DecodeError> {
        Ok(fill_dol(&parse_dol(dol)?, self))
    }

    pub fn iter(&self) -> impl Iterator<Item = (u32, &[u8])> {
        self.values.iter().map(|(t, v)| (*t, v.as_slice()))
    }
}

impl Default for TerminalData {
    fn default() -> Self {
        Self::fixed()
    }
}

/// Concatenates the terminal's values for a DOL. Values are fitted to each listed length:
/// numeric (`n`) left-padded with `00` or cut on the left, compressed numeric (`cn`)
/// right-padded with `FF`, everything else right-padded with `00` or cut on the right
/// (EMV 4.3 Book 3 §5.4). Tags the terminal does not have become zeros.
pub fn fill_dol(dol: &[DolEntry], data: &TerminalData) -> Vec<u8> {
    let mut out = Vec::with_capacity(dol_len(dol).min(4096));
    for e in dol {
        let Some(v) = data.get(e.tag) else {
            out.extend(std::iter::repeat_n(0u8, e.len));
            continue;
        };
        let class = tag_info(e.tag).map_or(ValueClass::Binary, |i| i.class());
        out.extend(fit(v, e.len, class));
    }
    out
}

fn fit(v: &[u8], len: usize, class: ValueClass) -> Vec<u8> {
    match class {
        ValueClass::Numeric => {
            if v.len() >= len {
                v[v.len() - len..].to_vec()
            } else {
                let mut o = vec![0u8; len - v.len()];
                o.extend_from_slice(v);
                o
            }
        }
        _ => {
            let pad = if class == ValueClass::CompressedNumeric {
                0xFF
            } else {
                0x00
            };
            let mut o: Vec<u8> = v.iter().copied().take(len).collect();
            o.resize(len, pad);
            o
        }
    }
}
