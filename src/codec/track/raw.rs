//! Raw stripe bit streams (the MSR605 raw read, protocols.md §2.4): encoding with injectable
//! faults for the simulators, and decoding in both swipe directions (see the module note of
//! `codec::track` for the bit order).

use super::{encode_track_text, finish_fields, spec, TrackDecode};
use crate::model::TrackStatus;

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
    let mut bits: Vec<u8> = Vec::with_capacity(raw.len() * 8);
    for &byte in raw {
        for i in (0..8).rev() {
            bits.push((byte >> i) & 1);
        }
    }
    let fwd = decode_bits(track, &bits, "forward");
    if fwd.status.is_ok() {
        return fwd;
    }
    bits.reverse();
    let rev = decode_bits(track, &bits, "reverse");
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

fn decode_bits(track: u8, bits: &[u8], direction: &'static str) -> TrackDecode {
    let s = spec(track);
    let w = s.bits as usize + 1;
    let mut out = TrackDecode::bare(track, TrackStatus::Ok);
    out.direction = Some(direction);
    let Some(start) = bits.iter().position(|&b| b == 1) else {
        out.status = TrackStatus::Blank;
        return out;
    };
    // Characters: (data code, parity ok).
    let chars = bits[start..].chunks_exact(w).map(|c| {
        let code = c[..w - 1]
            .iter()
            .enumerate()
            .fold(0u8, |acc, (i, b)| acc | (b << i));
        let ones = c.iter().filter(|&&b| b == 1).count();
        (code, ones % 2 == 1)
    });
    let ss = s.code(s.ss).unwrap_or(0);
    let es = s.code(s.es).unwrap_or(0);
    let mut parity_err: Option<usize> = None;
    let mut data = String::new();
    let mut lrc_acc = 0u8;
    let mut state = 0u8; // 0 expect SS, 1 data, 2 expect LRC, 3 done
    for (i, (code, parity_ok)) in chars.enumerate() {
        // The LRC character's parity counts against the LRC, not as a character parity error.
        if !parity_ok && parity_err.is_none() && state < 2 {
            parity_err = Some(i);
        }
        match state {
            0 => {
                if code != ss || !parity_ok {
                    out.status = TrackStatus::NoStartSentinel;
                    return out;
                }
                lrc_acc ^= code;
                state = 1;
            }
            1 => {
                lrc_acc ^= code;
                if code == es && parity_ok {
                    state = 2;
                } else {
                    data.push(s.ch(code));
                }
            }
            _ => {
                if !parity_ok || code != lrc_acc {
                    state = 4;
                } else {
                    state = 3;
                }
                break;
            }
        }
    }
    out.chars = data.chars().count();
    out.status = match (state, parity_err) {
        (1, Some(n)) => TrackStatus::Parity(Some(n)),
        (1, None) => TrackStatus::NoEndSentinel,
        (_, Some(n)) => TrackStatus::Parity(Some(n)),
        (3, None) => TrackStatus::Ok,
        _ => TrackStatus::Lrc,
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::track::tests::{T1, T2};

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
}
