//! The run's frame sink: every frame of the device and host links goes to the UI, and link
//! trouble (frames, retries) is counted for the diagnosis (`diagnosis::LinkStats`).

use super::outbox::Outbox;
use super::BenchEvent;
use crate::diagnosis::LinkStats;
use crate::trace::{Direction, FrameRecord, FrameSink, LinkEvent};
use std::sync::{Arc, Mutex};

/// A sink that counts each frame (or retry note) in `link` and forwards it to the UI (and the
/// run's trace) through `out`.
pub(crate) fn frame_sink(out: Outbox, link: Arc<Mutex<LinkStats>>) -> FrameSink {
    Arc::new(move |f: FrameRecord| {
        if let Ok(mut l) = link.lock() {
            count_frame(&mut l, &f);
        }
        out.send(BenchEvent::Frame(f));
    })
}

/// Counts one frame (or retry note) of the link timeline in `l`: the one way a live run and a
/// replay count link trouble.
pub fn count_frame(l: &mut LinkStats, f: &FrameRecord) {
    if f.dir == Direction::Note {
        if is_retry_note(f) {
            l.retries += 1;
        }
    } else {
        l.frames += 1;
    }
    if is_corruption(f) {
        l.corrupted += 1;
    }
}

/// Whether a frame record says bytes arrived damaged (typed link event): a bad checksum,
/// garbage or a malformed frame discarded, or the reader NAKing our damaged frame.
pub(crate) fn is_corruption(f: &FrameRecord) -> bool {
    matches!(
        f.event,
        Some(
            LinkEvent::BadChecksum
                | LinkEvent::GarbageDiscarded
                | LinkEvent::Resync
                | LinkEvent::NakReceived
        )
    )
}

/// Whether a frame note reports link trouble the diagnosis counts: a frame resent, one dropped
/// for its checksum, garbage discarded or a resynchronisation (the driver types it as a
/// `trace::LinkEvent`; the note text is only for people).
pub(crate) fn is_retry_note(f: &FrameRecord) -> bool {
    f.dir == Direction::Note
        && matches!(
            f.event,
            Some(
                LinkEvent::Resent
                    | LinkEvent::BadChecksum
                    | LinkEvent::GarbageDiscarded
                    | LinkEvent::Resync
            )
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(dir: Direction, ascii: &str) -> FrameRecord {
        // What the drivers type these notes as (docs/devices.md).
        let event = match ascii {
            "NAK received, resending" | "NAK, resend" => Some(LinkEvent::Resent),
            "bad BCC, frame discarded" => Some(LinkEvent::BadChecksum),
            "NAK" => Some(LinkEvent::NakReceived),
            _ => None,
        };
        FrameRecord {
            at: String::new(),
            link: "crt310:sim".into(),
            dir,
            hex: String::new(),
            ascii: ascii.into(),
            layers: Vec::new(),
            layers_zh: Vec::new(),
            event,
        }
    }

    #[test]
    fn retry_notes_are_told_from_other_notes_and_frames() {
        assert!(is_retry_note(&frame(
            Direction::Note,
            "NAK received, resending"
        )));
        assert!(is_retry_note(&frame(
            Direction::Note,
            "bad BCC, frame discarded"
        )));
        assert!(!is_retry_note(&frame(Direction::Note, "card inserted")));
        assert!(!is_retry_note(&frame(Direction::Rx, "NAK")));
    }

    #[test]
    fn sink_counts_and_forwards() {
        let (tx, rx) = std::sync::mpsc::channel();
        let link = Arc::new(Mutex::new(LinkStats::default()));
        let sink = frame_sink(Outbox::new(tx), link.clone());
        sink(frame(Direction::Tx, "C0"));
        sink(frame(Direction::Rx, "P0"));
        sink(frame(Direction::Note, "NAK, resend"));
        let l = link.lock().map(|l| l.clone()).unwrap_or_default();
        assert_eq!((l.frames, l.retries), (2, 1));
        assert_eq!(rx.try_iter().count(), 3);
    }

    #[test]
    fn damaged_bytes_are_counted_from_the_link_event() {
        let (tx, _rx) = std::sync::mpsc::channel();
        let link = Arc::new(Mutex::new(LinkStats::default()));
        let sink = frame_sink(Outbox::new(tx), link.clone());
        let note = |e| frame(Direction::Note, "x").with_event(e);
        sink(note(LinkEvent::GarbageDiscarded));
        sink(note(LinkEvent::BadChecksum));
        // A frozen reader: no ACK, a resend — no byte arrived damaged.
        sink(note(LinkEvent::NoAck));
        sink(note(LinkEvent::Resent));
        let l = link.lock().map(|l| l.clone()).unwrap_or_default();
        assert_eq!(l.corrupted, 2);
    }
}
