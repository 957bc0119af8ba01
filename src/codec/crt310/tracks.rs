//! The track reply of the CRT-310 (`45 30` / `45 31`, manual §9.10): `mode tracks` then one
//! block per track (`1F` and a status byte: `Y` and the characters, `N`, `O` and an error
//! code), or the failure form `mode tracks P`. One parser ([`track_blocks`]) for every reader
//! of that reply: the driver ([`parse_track_reply`]), the frame log ([`good_track_data`]) and
//! the CRT-591 simulator that relays a CRT-310 read ([`reply_blocks`]).

use super::{decode_binary_track, Res, MODE_ASCII, MODE_BINARY, P_FAIL, P_OK, TRACK_SEP};
use crate::model::{SwipeRead, TrackRead, TrackStatus};
use nom::bytes::complete::{tag, take_till};
use nom::combinator::{all_consuming, iterator, opt, peek, verify};
use nom::number::complete::be_u8;
use nom::sequence::preceded;
use nom::Parser;

/// Tracks asked for by a selector, in block order.
pub fn selector_tracks(selector: u8) -> &'static [u8] {
    match selector {
        0x31 => &[1],
        0x32 => &[2],
        0x33 => &[3],
        0x34 => &[1, 2],
        0x35 => &[2, 3],
        0x36 => &[1, 3],
        0x37 => &[1, 2, 3],
        _ => &[],
    }
}

/// The DATA of a track read (`45 30`, `45 31`, manual §9.10): the mode ([`MODE_ASCII`] or
/// [`MODE_BINARY`]) and the track selector (`30`–`37`, [`selector_tracks`]); `None` for
/// anything else.
pub fn read_command(data: &[u8]) -> Option<(u8, u8)> {
    let mode = verify(be_u8, |m| matches!(*m, MODE_ASCII | MODE_BINARY));
    let selector = verify(be_u8, |s| (0x30..=0x37).contains(s));
    let parsed: Res<'_, (u8, u8)> = all_consuming((mode, selector)).parse_complete(data);
    parsed.ok().map(|(_, c)| c)
}

/// Maps a per-track error code (`E1`..`E5`, one byte or two ASCII characters) to a status.
pub fn track_error_status(code: &[u8]) -> TrackStatus {
    let c = match code {
        [b'E', d, ..] if (b'1'..=b'5').contains(d) => 0xE0 + (d - b'0'),
        [c, ..] => *c,
        [] => 0,
    };
    match c {
        0xE1 => TrackStatus::NoStartSentinel,
        0xE2 => TrackStatus::NoEndSentinel,
        0xE3 => TrackStatus::Parity(None),
        0xE4 => TrackStatus::Lrc,
        0xE5 => TrackStatus::Blank,
        other => TrackStatus::ReaderError(format!("O {other:02X}")),
    }
}

/// Parses the data of a `45 3x` reply (after CM PM): `mode tracks {1F st data}×n`, or the
/// failure form `mode tracks P`.
pub fn parse_track_reply(data: &[u8], selector: u8) -> Result<SwipeRead, u8> {
    if let Ok((_, p)) = failure_form(data) {
        return Err(p);
    }
    let (body, (mode, tracks)) = reply_head(data).unwrap_or((&[], (None, None)));
    let wanted = selector_tracks(tracks.unwrap_or(selector));
    let binary = mode == Some(MODE_BINARY);
    let mut read = SwipeRead {
        reader_status: "Y".into(),
        ..SwipeRead::default()
    };
    // A card has three tracks: blocks past the third are line noise, not tracks 4, 5 … 256
    // (a 300-block reply once overflowed the track counter).
    for (i, blk) in track_blocks(body).into_iter().take(3).enumerate() {
        let track = wanted.get(i).copied().unwrap_or(i as u8 + 1);
        let (status, fields) = match blk {
            TrackBlock::Data(d) => {
                let text = if binary {
                    decode_binary_track(track, d).unwrap_or_default()
                } else {
                    String::from_utf8_lossy(d).to_string()
                };
                let d = crate::codec::track::decode_track_text(track, &text);
                if d.track2.is_some() {
                    read.track2 = d.track2;
                }
                (d.status, d.fields)
            }
            TrackBlock::Refused => (TrackStatus::ReaderError("N".into()), None),
            TrackBlock::Error(code) => (track_error_status(code), None),
            TrackBlock::Other(o) => (TrackStatus::ReaderError(format!("{o:02X}")), None),
            TrackBlock::Empty => (TrackStatus::NoData, None),
        };
        read.tracks.push(TrackRead {
            track,
            status,
            fields,
        });
    }
    Ok(read)
}

/// The characters of every block the reader read well (`1F 59 …`) in the data of a `45 3x`
/// reply, each with its offset in `data`: the blocks [`parse_track_reply`] reads, for the
/// frame log to mask (all of them, not only the first three).
pub fn good_track_data(data: &[u8]) -> Vec<(usize, &[u8])> {
    let body = reply_head(data).map_or(&[][..], |(body, _)| body);
    let good = |b| match b {
        TrackBlock::Data(d) => Some((crate::codec::nomkit::offset_in(data, d), d)),
        _ => None,
    };
    track_blocks(body).into_iter().filter_map(good).collect()
}

/// The mode and track selector at the start of a `45 3x` reply, either absent.
fn reply_head(data: &[u8]) -> Res<'_, (Option<u8>, Option<u8>)> {
    (opt(be_u8), opt(be_u8)).parse_complete(data)
}

/// The failure form of a `45 3x` reply: exactly `mode tracks P`, P not a block separator.
fn failure_form(data: &[u8]) -> Res<'_, u8> {
    let p = verify(be_u8, |&b| b != TRACK_SEP);
    all_consuming(preceded((be_u8, be_u8), p)).parse_complete(data)
}

/// The blocks of a `45 3x` reply that carries tracks: `mode tracks` and at once the first
/// `1F`; `None` for the failure form `mode tracks P` and for anything shorter.
pub fn reply_blocks(data: &[u8]) -> Option<Vec<TrackBlock<'_>>> {
    let first_block = peek(tag(&[TRACK_SEP][..]));
    let parsed: Res<'_, &[u8]> = preceded((be_u8, be_u8), first_block).parse_complete(data);
    parsed.ok().map(|(blocks, _)| track_blocks(blocks))
}

/// One track block of a `45 3x` reply, after its `1F`: a status byte and what follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackBlock<'a> {
    /// `Y` (`59`) and the track's characters.
    Data(&'a [u8]),
    /// `N` (`4E`): the track was not read.
    Refused,
    /// `O` (`4F`) and the error code (`E1`..`E5`, a byte or two characters).
    Error(&'a [u8]),
    /// Any other status byte, kept verbatim.
    Other(u8),
    /// A separator with nothing after it.
    Empty,
}

/// The blocks after each `1F` separator (anything before the first is not a block).
pub fn track_blocks(body: &[u8]) -> Vec<TrackBlock<'_>> {
    let before: Res<'_, &[u8]> = take_till(|b| b == TRACK_SEP).parse_complete(body);
    let blocks = before.map_or(&[][..], |(blocks, _)| blocks);
    let block = preceded(
        tag::<_, _, ()>(&[TRACK_SEP][..]),
        take_till(|b| b == TRACK_SEP),
    );
    iterator(blocks, block.map(track_block)).collect()
}

/// The status byte of a block and what follows it.
fn track_block(blk: &[u8]) -> TrackBlock<'_> {
    let Ok((rest, st)) = be_u8::<_, ()>(blk) else {
        return TrackBlock::Empty;
    };
    match st {
        P_OK => TrackBlock::Data(rest),
        P_FAIL => TrackBlock::Refused,
        0x4F => TrackBlock::Error(rest),
        o => TrackBlock::Other(o),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The masking of the same reply in the frame log is tested in `device::crt310`.
    #[test]
    fn track_reply_statuses() {
        let mut data = vec![0x30, 0x37, 0x1F, 0x4F, 0xE5, 0x1F, 0x59];
        data.extend_from_slice(b";6212260000000000026=28122200000123456?");
        data.extend_from_slice(&[0x1F, 0x4F, 0xE4]);
        let r = parse_track_reply(&data, 0x37).unwrap();
        assert_eq!(r.tracks[1].status, TrackStatus::Ok);
        assert_eq!(r.tracks[0].status, TrackStatus::Blank);
        assert_eq!(r.tracks[2].status, TrackStatus::Lrc);
        assert!(r.track2.is_some());
    }

    /// Blocks only when the first `1F` follows `mode tracks` at once, as the CRT-591
    /// simulator's index check (`data[2] == 1F`) read it; every block after that, not three.
    #[test]
    fn reply_blocks_start_at_offset_2() {
        use TrackBlock::*;
        let data = [
            0x30, 0x37, 0x1F, 0x59, b'%', 0x1F, 0x4F, 0xE1, 0x1F, 0x4E, 0x1F,
        ];
        let blocks = vec![Data(b"%"), Error(&[0xE1]), Refused, Empty];
        assert_eq!(reply_blocks(&data), Some(blocks));
        let four = [0x30, 0x37, 0x1F, 0x59, 0x1F, 0x59, 0x1F, 0x59, 0x1F, 0x42];
        assert_eq!(reply_blocks(&four).map(|b| b.len()), Some(4));
        assert_eq!(reply_blocks(&[0x30, 0x37, 0x1F]), Some(vec![Empty]));
        assert_eq!(reply_blocks(&[0x30, 0x1F, 0x1F]), Some(vec![Empty]));
        for data in [
            &[][..],
            &[0x30],
            &[0x30, 0x37],
            &[0x30, 0x37, 0x45],
            &[0x1F, 0x30, 0x37],
        ] {
            assert_eq!(reply_blocks(data), None, "{data:02X?}");
        }
        assert_eq!(reply_blocks(&[0x30, 0x37, 0x45, 0x1F, 0x59]), None);
    }

    /// `45 3x` DATA is exactly `mode selector`, as the simulator's slice pattern read it.
    #[test]
    fn read_command_data() {
        assert_eq!(read_command(&[0x30, 0x37]), Some((0x30, 0x37)));
        assert_eq!(read_command(&[0x31, 0x30]), Some((0x31, 0x30)));
        for data in [
            &[][..],
            &[0x30],
            &[0x32, 0x31],
            &[0x30, 0x38],
            &[0x30, 0x2F],
            &[0x30, 0x31, 0],
        ] {
            assert_eq!(read_command(data), None, "{data:02X?}");
        }
    }
}
