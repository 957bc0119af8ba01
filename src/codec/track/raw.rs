//! Raw stripe bit streams (the MSR605 raw read, protocols.md §2.4): encoding with injectable
//! faults for the simulators, and decoding in both swipe directions (see the module note of
//! `codec::track` for the bit order).

use super::{encode_track_text, finish_fields, spec, TrackDecode};
use crate::model::TrackStatus;
use nom::bits::complete::take;
use nom::bytes::complete::take_while;
use nom::combinator::{iterator, verify};
use nom::Parser;

/// Faults to inject when encoding a raw track (simulators).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawFaults {
    /// Flip the parity bit of character n (0 = start sentinel).
    pub parity_error_at: Option<usize>,
    /// Write a wrong LRC (with correct parity of its own).
    pub bad_lrc: bool,
    /// The card was swiped the other way: the bit stream comes out reversed.
    pub reverse: bool,
    /// Clocking zeros before the start sentinel.
    pub leading_zeros: usize,
}

fn odd_parity_bit(code: u8) -> u8 {
    u8::from(code.count_ones() % 2 == 0)
}

/// Encodes `data` (without sentinels) as the bytes the MSR605 raw read sends: SS, data, ES,
/// LRC, each character LSB first with odd parity, packed MSB first, zero padded to a byte
/// (at least 8 trailing zeros). Characters outside the track's set are written as code 0.
pub fn encode_track_raw(track: u8, data: &str, faults: &RawFaults) -> Vec<u8> {
    let s = spec(track);
    let full = encode_track_text(track, data);
    let mut codes: Vec<u8> = full.chars().map(|c| s.code(c).unwrap_or(0)).collect();
    let mut lrc = codes.iter().fold(0u8, |a, c| a ^ c);
    if faults.bad_lrc {
        lrc ^= 1;
    }
    codes.push(lrc);
    let mut bits: Vec<u8> = vec![0; faults.leading_zeros];
    for (i, &code) in codes.iter().enumerate() {
        for b in 0..s.bits {
            bits.push((code >> b) & 1);
        }
        let mut p = odd_parity_bit(code);
        if faults.parity_error_at == Some(i) {
            p ^= 1;
        }
        bits.push(p);
    }
    let pad = 8 + (8 - (bits.len() + 8) % 8) % 8;
    bits.extend(std::iter::repeat_n(0, pad));
    if faults.reverse {
        bits.reverse();
    }
    bits.chunks(8)
        .map(|c| c.iter().fold(0u8, |acc, b| acc << 1 | b))
        .collect()
}

/// Decodes a raw bit stream (MSR605 raw read, MSB-first packing; see the module note).
/// Tries the forward direction, then the reverse one, and keeps the better result.
/// Empty input is `NoData`; all-zero bits are `Blank`.
pub fn decode_track_raw(track: u8, raw: &[u8]) -> TrackDecode {
    if raw.is_empty() {
        return TrackDecode::bare(track, TrackStatus::NoData);
    }
    if raw.iter().all(|&b| b == 0) {
        return TrackDecode::bare(track, TrackStatus::Blank);
    }
    let fwd = decode_bits(track, raw, "forward");
    if fwd.status.is_ok() {
        return fwd;
    }
    // The stream read backwards: the bytes in reverse order, each one's bits reversed.
    let backwards: Vec<u8> = raw.iter().rev().map(|b| b.reverse_bits()).collect();
    let rev = decode_bits(track, &backwards, "reverse");
    if rank(&rev.status) < rank(&fwd.status) {
        rev
    } else {
        fwd
    }
}

/// How far a decode got (lower is better), to pick between swipe directions.
fn rank(s: &TrackStatus) -> u8 {
    match s {
        TrackStatus::Ok => 0,
        TrackStatus::BadFormat(_) => 1,
        TrackStatus::Lrc => 2,
        TrackStatus::Parity(_) => 3,
        TrackStatus::NoEndSentinel => 4,
        _ => 5,
    }
}

fn decode_bits(track: u8, raw: &[u8], direction: &'static str) -> TrackDecode {
    let s = spec(track);
    let mut out = TrackDecode::bare(track, TrackStatus::Ok);
    out.direction = Some(direction);
    let mut data = String::new();
    out.status = scan(track, raw, |code| data.push(s.ch(code))).status();
    out.chars = data.chars().count();
    if out.status.is_ok() {
        // A stray sentinel inside the data is a format error, not a read error.
        if data.contains(s.ss) {
            out.status = TrackStatus::BadFormat("start sentinel inside the data".into());
        } else {
            finish_fields(&mut out, &data);
        }
    }
    out
}

/// How far reading one direction's characters got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Scan {
    /// 0 no start sentinel (or no 1 bit at all: `blank`), 1 in the data (no end sentinel),
    /// 3 done and the LRC matches, 4 the LRC does not match.
    state: u8,
    blank: bool,
    /// The first character (0 = start sentinel) whose parity failed, before the LRC.
    parity_err: Option<usize>,
    /// Characters looked at (the start sentinel to the last one read).
    read: usize,
}

impl Scan {
    /// Sentinels, parity and LRC all good (the layout is not judged).
    pub(super) fn clean(&self) -> bool {
        self.state == 3 && self.parity_err.is_none()
    }

    fn status(&self) -> TrackStatus {
        match (self.blank, self.state, self.parity_err) {
            (true, _, _) => TrackStatus::Blank,
            (_, 0, _) => TrackStatus::NoStartSentinel,
            (_, 1, Some(n)) => TrackStatus::Parity(Some(n)),
            (_, 1, None) => TrackStatus::NoEndSentinel,
            (_, _, Some(n)) => TrackStatus::Parity(Some(n)),
            (_, 3, None) => TrackStatus::Ok,
            _ => TrackStatus::Lrc,
        }
    }
}

/// Parser input over a raw block: the bytes, and the bit of the first byte to read next (0 is
/// its MSB, the MSR605 packing).
type Bits<'a> = (&'a [u8], usize);

/// One character as it lies on the stripe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Char {
    /// Its `w` bits in stripe order, first bit in bit 0 (data bits, then the parity bit).
    bits: u8,
    /// Its data bits: the character code.
    code: u8,
    /// Odd parity over all `w` bits.
    parity_ok: bool,
}

/// One character of `w` bits (data bits least-significant first, then odd parity).
fn character<'a>(w: usize) -> impl Parser<Bits<'a>, Output = Char, Error = ()> {
    take(w).map(move |v: u8| {
        // `take` reads the first bit as the most significant: reverse them to stripe order.
        let bits = v.reverse_bits() >> (8 - w);
        Char {
            bits,
            code: bits & ((1 << (w - 1)) - 1),
            parity_ok: bits.count_ones() % 2 == 1,
        }
    })
}

/// The sentinel whose code is `code`, with good parity.
fn sentinel<'a>(w: usize, code: u8) -> impl Parser<Bits<'a>, Output = Char, Error = ()> {
    verify(character(w), move |c: &Char| c.code == code && c.parity_ok)
}

/// A data character: any character but a good end sentinel (code `es`).
fn data_char<'a>(w: usize, es: u8) -> impl Parser<Bits<'a>, Output = Char, Error = ()> {
    verify(character(w), move |c: &Char| !(c.code == es && c.parity_ok))
}

/// The clocking zeros before the first 1 bit: the input from that bit, or `None` when every bit
/// is 0 (a blank stripe).
fn first_one(raw: &[u8]) -> Option<Bits<'_>> {
    let (rest, _) = take_while::<_, _, ()>(|b: u8| b == 0)
        .parse_complete(raw)
        .ok()?;
    let first = *rest.first()?;
    Some((rest, first.leading_zeros() as usize))
}

/// The bit index (0 = MSB of byte 0) where `at`, a position inside `raw`, starts.
fn bit_index(raw: &[u8], at: Bits<'_>) -> usize {
    (raw.len() - at.0.len()) * 8 + at.1
}

/// The character of `w` bits from bit `from` of `raw`, if the block holds all of it.
fn char_at(raw: &[u8], from: usize, w: usize) -> Option<Char> {
    let at = (raw.get(from / 8..)?, from % 8);
    character(w).parse(at).ok().map(|(_, c)| c)
}

/// Reads `raw` (one direction, MSB-first packing) as characters from the first 1 bit: start
/// sentinel, data (each data character code handed to `on_data`), end sentinel, LRC; odd
/// parity on each.
pub(super) fn scan(track: u8, raw: &[u8], mut on_data: impl FnMut(u8)) -> Scan {
    let s = spec(track);
    let w = s.bits as usize + 1;
    let mut out = Scan {
        state: 0,
        blank: false,
        parity_err: None,
        read: 0,
    };
    let Some(at) = first_one(raw) else {
        out.blank = true;
        return out;
    };
    let ss = s.code(s.ss).unwrap_or(0);
    let es = s.code(s.es).unwrap_or(0);
    let Ok((at, first)) = character(w).parse(at) else {
        return out;
    };
    out.read = 1;
    if !first.parity_ok {
        out.parity_err = Some(0);
    }
    if first.code != ss || !first.parity_ok {
        return out;
    }
    let mut lrc_acc = first.code;
    out.state = 1;
    let mut data = iterator(at, data_char(w, es));
    for c in &mut data {
        // Before the LRC, a parity failure is the character's (0 = start sentinel).
        if !c.parity_ok && out.parity_err.is_none() {
            out.parity_err = Some(out.read);
        }
        out.read += 1;
        lrc_acc ^= c.code;
        on_data(c.code);
    }
    let Ok((at, ())) = data.finish() else {
        return out;
    };
    let Ok((at, _)) = sentinel(w, es).parse(at) else {
        return out;
    };
    out.read += 1;
    lrc_acc ^= es;
    // The LRC character's parity counts against the LRC, not as a character parity error; a
    // stream that ends at the end sentinel has no LRC.
    out.state = match character(w).parse(at) {
        Ok((_, lrc)) => {
            out.read += 1;
            if lrc.parity_ok && lrc.code == lrc_acc {
                3
            } else {
                4
            }
        }
        Err(_) => 4,
    };
    out
}

/// Whether a raw track that failed its checks was damaged on the serial line, after the reader
/// packed its bits into bytes, rather than misread at the head (protocols.md §2.4). Changing one
/// byte of `raw` makes the track read clean (sentinels, parity, LRC and layout), and no such
/// repair looks like a misread. A head or a poor swipe misreads a character — a flipped bit (a
/// parity error), or two, which keep its parity (an LRC error) — or slips a bit and loses every
/// character after it; the line corrupts a whole byte of the packing: a random pattern of bits
/// (four on average) over the two or three characters the byte straddles (7 or 5 bits with
/// parity). A damaged byte that a one- or two-bit change of one character also explains is not
/// told from a misread, and `false` is the answer then.
pub fn damaged_in_transit(track: u8, raw: &[u8]) -> bool {
    // A raw block carries at most 255 bytes per track; bounding the search keeps it cheap.
    if raw.is_empty() || raw.len() > 255 {
        return false;
    }
    let w = spec(track).bits as usize + 1;
    let damaged = scan(track, raw, |_| {});
    let Some(start) = first_one_bit(raw) else {
        return false;
    };
    if damaged.clean() {
        return false;
    }
    let mut fixed = raw.to_vec();
    let mut repaired = false;
    for p in 0..raw.len() {
        let lo = p * 8;
        // Characters before the byte are unchanged: a parity error there stays, and nothing
        // past the last character read was looked at.
        let upto = damaged.parity_err.map_or(damaged.read, |i| i + 1);
        if lo >= start + upto * w {
            break;
        }
        for e in 1..=255u8 {
            fixed[p] ^= e;
            let ok = (lo <= start || touched_parity_ok(&fixed, start, w, lo))
                && scan(track, &fixed, |_| {}).clean()
                && decode_track_raw(track, &fixed).status.is_ok();
            let new_start = first_one_bit(&fixed).unwrap_or(0);
            fixed[p] ^= e;
            if !ok {
                continue;
            }
            if misread_like(lo, e, new_start, w) {
                // One or two bits of one character repair it: the head may have misread it.
                return false;
            }
            repaired = true;
        }
    }
    repaired
}

/// Whether `got`, a raw read of a track that failed its checks, differs from `clean`, a clean
/// read of the same track of the same card presentation (the stripe did not change), inside one
/// byte of the packing only, in a way no misread gives (see [`damaged_in_transit`]): two
/// characters or more changed, or three bits or more of one. Unlike [`damaged_in_transit`] this
/// needs no repair search, and tells more hits whose characters keep their parity.
pub fn differs_in_one_byte(track: u8, clean: &[u8], got: &[u8]) -> bool {
    if clean.len() != got.len() {
        return false;
    }
    let mut diff = clean
        .iter()
        .zip(got)
        .enumerate()
        .filter(|(_, (a, b))| a != b);
    let (Some((p, (a, b))), None) = (diff.next(), diff.next()) else {
        return false;
    };
    let Some(start) = first_one_bit(clean) else {
        return false;
    };
    let w = spec(track).bits as usize + 1;
    !misread_like(p * 8, a ^ b, start, w)
}

/// The bit index (0 = MSB of byte 0) of the first 1 bit of `raw`.
fn first_one_bit(raw: &[u8]) -> Option<usize> {
    first_one(raw).map(|at| bit_index(raw, at))
}

/// Whether every character the byte at bit `lo` overlaps has odd parity, padding (all-zero
/// characters past the LRC) aside. Characters start at `start`, `w` bits each.
fn touched_parity_ok(raw: &[u8], start: usize, w: usize, lo: usize) -> bool {
    let first = (lo - start) / w;
    let last = (lo + 7 - start) / w;
    (first..=last)
        .all(|c| char_at(raw, start + c * w, w).is_none_or(|ch| ch.bits == 0 || ch.parity_ok))
}

/// Whether flipping the set bits of `e` at bit `lo` is what a head misread gives: one or two
/// bits of one character (characters from `start`, `w` bits each).
fn misread_like(lo: usize, e: u8, start: usize, w: usize) -> bool {
    e.count_ones() <= 2 && characters_touched(lo, e, start, w) == 1
}

/// How many characters (from `start`, `w` bits each; the zeros before the start sentinel count
/// as one) the set bits of `e`, at bit `lo`, fall in.
fn characters_touched(lo: usize, e: u8, start: usize, w: usize) -> usize {
    let mut chars: Vec<usize> = (0..8)
        .filter(|k| (e >> (7 - k)) & 1 == 1)
        .map(|k| (lo + k).checked_sub(start).map_or(0, |q| q / w + 1))
        .collect();
    chars.dedup();
    chars.len()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::track::tests::{T1, T2};

    /// The bit parsers on their own: `;` on track 2 is code 11, LSB first `11010`, then
    /// parity 0; after two clocking zeros.
    #[test]
    fn character_bits() {
        let raw = [0b0011_0100, 0b0000_0000];
        let at = first_one(&raw).unwrap_or((&[], 0));
        assert_eq!(at.1, 2);
        assert_eq!(bit_index(&raw, at), 2);
        let (rest, c) = character(5).parse(at).unwrap();
        assert_eq!((c.code, c.parity_ok), (11, true));
        assert_eq!(rest.1, 7);
        assert!(sentinel(5, 11).parse(at).is_ok());
        assert!(data_char(5, 11).parse(at).is_err());
        assert_eq!(char_at(&raw, 2, 5), Some(c));
        assert_eq!(char_at(&raw, 12, 5), None);
        assert_eq!(first_one(&[0, 0]), None);
    }

    #[test]
    fn stripe_bits() {
        let raw = encode_track_raw(2, T2, &RawFaults::default());
        let mut bits = String::new();
        for b in &raw {
            bits.push_str(&format!("{b:08b}"));
        }
        assert!(bits.starts_with("110100110101000"));
        assert!(bits.contains("1111110101"));
        let d = decode_track_raw(2, &raw);
        assert_eq!(d.status, TrackStatus::Ok);
        assert_eq!(d.direction, Some("forward"));
    }

    #[test]
    fn raw_faults() {
        let f = RawFaults {
            reverse: true,
            leading_zeros: 13,
            ..Default::default()
        };
        let d = decode_track_raw(1, &encode_track_raw(1, T1, &f));
        assert_eq!(d.status, TrackStatus::Ok);
        assert_eq!(d.direction, Some("reverse"));
        let f = RawFaults {
            parity_error_at: Some(5),
            ..Default::default()
        };
        let d = decode_track_raw(2, &encode_track_raw(2, T2, &f));
        assert_eq!(d.status, TrackStatus::Parity(Some(5)));
        let f = RawFaults {
            bad_lrc: true,
            ..Default::default()
        };
        let d = decode_track_raw(2, &encode_track_raw(2, T2, &f));
        assert_eq!(d.status, TrackStatus::Lrc);
        assert_eq!(decode_track_raw(2, &[0, 0, 0]).status, TrackStatus::Blank);
        assert_eq!(decode_track_raw(2, &[]).status, TrackStatus::NoData);
    }

    /// What a head does — a character's parity bit flipped, a wrong LRC character — is never
    /// taken for the line, with or without a clean read to compare with.
    #[test]
    fn head_misreads_are_not_the_line() {
        for (track, data) in [(1, T1), (2, T2)] {
            let clean = encode_track_raw(track, data, &RawFaults::default());
            let chars = data.chars().count() + 3;
            let faults = (0..chars)
                .map(|i| RawFaults {
                    parity_error_at: Some(i),
                    ..RawFaults::default()
                })
                .chain([RawFaults {
                    bad_lrc: true,
                    ..RawFaults::default()
                }]);
            for f in faults {
                let bad = encode_track_raw(track, data, &f);
                assert!(!damaged_in_transit(track, &bad), "t{track} {f:?}");
                assert!(!differs_in_one_byte(track, &clean, &bad), "t{track} {f:?}");
            }
            assert!(!damaged_in_transit(track, &clean));
        }
    }

    /// A byte XORed on the line: told from one read when its characters' parity shows it, and
    /// against a clean read of the card whenever it changed two characters.
    #[test]
    fn a_byte_damaged_on_the_line_is_the_line() {
        for (track, data) in [(1, T1), (2, T2)] {
            let clean = encode_track_raw(track, data, &RawFaults::default());
            let (mut failed, mut alone, mut compared) = (0, 0, 0);
            for p in 0..clean.len() {
                for e in [0x5A, 0xC3] {
                    let mut bad = clean.clone();
                    bad[p] ^= e;
                    if decode_track_raw(track, &bad).status.is_ok() {
                        continue;
                    }
                    failed += 1;
                    alone += usize::from(damaged_in_transit(track, &bad));
                    compared += usize::from(differs_in_one_byte(track, &clean, &bad));
                }
            }
            // Measured (XOR 5A and C3, four bits each, at every byte): track 1 (7-bit
            // characters) 83 % alone, 100 % compared; track 2 (5-bit) 85 % and 100 %.
            eprintln!("t{track}: {failed} failed reads, {alone} alone, {compared} compared");
            assert!(alone * 100 >= failed * 75, "t{track}: {alone}/{failed}");
            assert_eq!(compared, failed, "t{track}");
        }
        // Eight bits flipped across three characters of track 2: plain from the read alone.
        let clean = encode_track_raw(2, T2, &RawFaults::default());
        let mut bad = clean.clone();
        bad[3] ^= 0xFF;
        assert!(damaged_in_transit(2, &bad));
        assert!(differs_in_one_byte(2, &clean, &bad));
        // Two bytes differ: not one byte on the line.
        bad[5] ^= 0x01;
        assert!(!differs_in_one_byte(2, &clean, &bad));
    }
}
