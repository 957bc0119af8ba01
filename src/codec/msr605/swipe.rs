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
    (
        TrackRead {
            track: n,
            status: d.status,
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
