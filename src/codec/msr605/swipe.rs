//! A data block (or a bare status) as the normalised swipe result: per-track status and card
//! fields, ISO blocks decoded from their characters, raw blocks from their bit streams.

use super::{status, Reply};
use crate::model::{CardFields, SwipeRead, TrackRead, TrackStatus};

/// Turns a data block (or a bare status) into the normalised swipe result.
pub fn swipe_from_reply(reply: &Reply) -> SwipeRead {
    match reply {
        Reply::Block(b) => {
            let mut out = SwipeRead {
                reader_status: format!("1B {:02X}", b.status),
                ..SwipeRead::default()
            };
            for (i, t) in b.tracks.iter().enumerate() {
                let n = i as u8 + 1;
                let data = t.as_deref().unwrap_or(&[]);
                let (tr, clear2) = if b.raw {
                    decode_raw(n, data)
                } else {
                    decode_iso(n, data, b.status)
                };
                if let Some(c) = clear2 {
                    out.track2 = Some(crate::sensitive::Track2::new(c));
                }
                out.tracks.push(tr);
            }
            out
        }
        Reply::Status(s) => SwipeRead {
            reader_status: format!("1B {s:02X}"),
            tracks: (1..=3)
                .map(|n| TrackRead {
                    track: n,
                    status: TrackStatus::ReaderError(format!("1B {s:02X}")),
                    fields: None,
                })
                .collect(),
            track2: None,
        },
        _ => SwipeRead {
            reader_status: "unexpected reply".into(),
            ..SwipeRead::default()
        },
    }
}

/// The clean raw reads of the presented card, per track: a later read of that card that
/// differs from one only inside one byte, across characters, was damaged on the line
/// ([`differs_in_one_byte`](crate::codec::track::differs_in_one_byte)). Kept in memory for one
/// card presentation only (track data: never logged, never shown).
#[derive(Default)]
pub struct Presentation {
    clean: [Option<Vec<u8>>; 3],
}

impl Presentation {
    /// The next card is presented: forget this one's reads.
    pub fn next_card(&mut self) {
        self.clean = Default::default();
    }

    /// Notes the clean tracks of a raw read of the presented card, and marks a failed track
    /// that differs from a clean read of it only inside one byte as [`TrackStatus::LineDamaged`].
    pub fn check(&mut self, reply: &Reply, read: &mut SwipeRead) {
        let Reply::Block(b) = reply else {
            return;
        };
        if !b.raw {
            return;
        }
        for ((n, data), clean) in (1u8..).zip(&b.tracks).zip(self.clean.iter_mut()) {
            let Some(data) = data.as_deref().filter(|d| !d.is_empty()) else {
                continue;
            };
            let Some(tr) = read.tracks.iter_mut().find(|t| t.track == n) else {
                continue;
            };
            if tr.status.is_ok() {
                *clean = Some(data.to_vec());
            } else if bit_error(&tr.status)
                && clean
                    .as_deref()
                    .is_some_and(|c| crate::codec::track::differs_in_one_byte(n, c, data))
            {
                tr.status = TrackStatus::LineDamaged;
            }
        }
    }
}

/// A track status a corrupted byte can leave: parity, LRC, a sentinel lost.
fn bit_error(s: &TrackStatus) -> bool {
    matches!(
        s,
        TrackStatus::Parity(_)
            | TrackStatus::Lrc
            | TrackStatus::NoEndSentinel
            | TrackStatus::NoStartSentinel
    )
}

fn decode_iso(n: u8, data: &[u8], block_status: u8) -> (TrackRead, Option<String>) {
    if data.is_empty() {
        let status = if block_status == status::OK {
            TrackStatus::NoData
        } else {
            TrackStatus::ReaderError(format!("1B {block_status:02X}"))
        };
        return (
            TrackRead {
                track: n,
                status,
                fields: None,
            },
            None,
        );
    }
    let text = String::from_utf8_lossy(data).into_owned();
    let d = track_codec::decode_text(n, &text);
    let clear = if n == 2 && d.status.is_ok() {
        d.clear_track2
    } else {
        None
    };
    (
        TrackRead {
            track: n,
            status: d.status,
            fields: d.fields,
        },
        clear,
    )
}

fn decode_raw(n: u8, data: &[u8]) -> (TrackRead, Option<String>) {
    if data.is_empty() {
        return (
            TrackRead {
                track: n,
                status: TrackStatus::NoData,
                fields: None,
            },
            None,
        );
    }
    if data.iter().all(|&b| b == 0) {
        return (
            TrackRead {
                track: n,
                status: TrackStatus::Blank,
                fields: None,
            },
            None,
        );
    }
    let d = track_codec::decode_raw(n, data);
    // The reader sends what its head read; a byte the line damaged on the way is the line's.
    let status = match d.status {
        s if bit_error(&s) && crate::codec::track::damaged_in_transit(n, data) => {
            TrackStatus::LineDamaged
        }
        s => s,
    };
    (
        TrackRead {
            track: n,
            status,
            fields: d.fields,
        },
        d.clear_track2,
    )
}

/// Adapter to the track codec (kept in one place so the driver does not depend on its shape).
mod track_codec {
    use super::*;
    use crate::codec::track::{decode_track_raw, decode_track_text, TrackDecode};

    pub struct Decoded {
        pub status: TrackStatus,
        pub fields: Option<CardFields>,
        pub clear_track2: Option<String>,
    }

    fn from(d: TrackDecode) -> Decoded {
        Decoded {
            clear_track2: d.track2.as_ref().map(|t| t.expose_clear().to_string()),
            status: d.status,
            fields: d.fields,
        }
    }

    pub fn decode_text(n: u8, text: &str) -> Decoded {
        from(decode_track_text(n, text))
    }

    pub fn decode_raw(n: u8, data: &[u8]) -> Decoded {
        from(decode_track_raw(n, data))
    }
}
