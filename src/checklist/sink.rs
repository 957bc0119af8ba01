//! The run's frame sink: every frame of the device and host links goes to the UI, and link
//! trouble (frames, retries) is counted for the diagnosis (`diagnosis::LinkStats`).

use super::BenchEvent;
use crate::diagnosis::LinkStats;
use crate::trace::{Direction, FrameRecord, FrameSink};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

/// A sink that counts each frame (or retry note) in `link` and forwards it to the UI.
pub(crate) fn frame_sink(events: Sender<BenchEvent>, link: Arc<Mutex<LinkStats>>) -> FrameSink {
    Arc::new(move |f: FrameRecord| {
        if let Ok(mut l) = link.lock() {
            if f.dir == Direction::Note {
                if is_retry_note(&f) {
                    l.retries += 1;
                }
            } else {
                l.frames += 1;
            }
        }
        let _ = events.send(BenchEvent::Frame(f));
    })
}

/// Whether a driver's frame note reports link trouble (NAK, resend, resync, bad checksum).
///
/// Matches the note's text for now: the one place to switch once `trace::FrameRecord` carries
/// a typed link-event kind.
pub(crate) fn is_retry_note(f: &FrameRecord) -> bool {
    if f.dir != Direction::Note {
        return false;
    }
    let text = format!("{} {}", f.ascii, f.layers.join(" ")).to_ascii_lowercase();
    [
        "nak", "resend", "retry", "resync", "bcc", "garbage", "discard", "checksum", "lrc mism",
        "corrupt",
    ]
    .iter()
    .any(|k| text.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(dir: Direction, ascii: &str) -> FrameRecord {
        FrameRecord {
            at: String::new(),
            link: "crt310:sim".into(),
            dir,
            hex: String::new(),
            ascii: ascii.into(),
            layers: Vec::new(),
            event: None,
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
        let sink = frame_sink(tx, link.clone());
        sink(frame(Direction::Tx, "C0"));
        sink(frame(Direction::Rx, "P0"));
        sink(frame(Direction::Note, "NAK, resend"));
        let l = link.lock().map(|l| l.clone()).unwrap_or_default();
        assert_eq!((l.frames, l.retries), (2, 1));
        assert_eq!(rx.try_iter().count(), 3);
    }
}
