//! The link timeline's records: one masked line per frame that crosses a link (reader, host or
//! terminal), and the sinks they are sent to. Used by drivers, the host, the checklist, the TUI
//! and the run trace; it sits at the bottom so all of them can share it.

use std::sync::Arc;

/// Direction of a logged frame, seen from the bench.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    /// Bench → reader/terminal (`>`).
    Tx,
    /// Reader/terminal → bench (`<`).
    Rx,
    /// A note from the bench itself (timeouts, retries, resync).
    Note,
}

impl Direction {
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Tx => ">",
            Direction::Rx => "<",
            Direction::Note => "*",
        }
    }
}

/// Link trouble a driver met and worked around, as a type: what the checklist counts and the
/// timeline may colour, so nobody has to read it back out of a note's English words.
///
/// Drivers set it on the note they write about the trouble (and a received NAK on the NAK
/// frame itself); the note's text stays what the timeline shows. Serialised in `snake_case`
/// (`"nak_received"`, `"resent"`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkEvent {
    /// The peer answered NAK: our frame reached it damaged (CRT-310 `15h`). Set on the
    /// received NAK frame.
    NakReceived,
    /// We sent the same frame again (after a NAK or a missing ACK).
    Resent,
    /// We asked the peer to send its last answer again (CRT-310 ENQ after a bad BCC).
    AskedAgain,
    /// The peer did not acknowledge a frame before the deadline (no ACK, no NAK).
    NoAck,
    /// A complete frame failed its checksum (BCC, LRC, CRC) and was dropped.
    BadChecksum,
    /// Bytes outside any frame were discarded (line noise before or between frames).
    GarbageDiscarded,
    /// A malformed frame was dropped and the framer resynchronised on the next start byte.
    Resync,
    /// A well-formed frame that was not the awaited answer was skipped (a stale reply, or the
    /// reply to another command).
    UnexpectedFrame,
    /// The frame deadline passed with no valid frame (an incomplete or malformed answer).
    NoValidFrame,
    /// The line hung up (unplug, closed socket); the driver closed its handle.
    DeviceLost,
}

impl LinkEvent {
    /// A stable spelling (`nak_received`, …), the same as the serialised form.
    pub fn code(self) -> &'static str {
        match self {
            LinkEvent::NakReceived => "nak_received",
            LinkEvent::Resent => "resent",
            LinkEvent::AskedAgain => "asked_again",
            LinkEvent::NoAck => "no_ack",
            LinkEvent::BadChecksum => "bad_checksum",
            LinkEvent::GarbageDiscarded => "garbage_discarded",
            LinkEvent::Resync => "resync",
            LinkEvent::UnexpectedFrame => "unexpected_frame",
            LinkEvent::NoValidFrame => "no_valid_frame",
            LinkEvent::DeviceLost => "device_lost",
        }
    }
}

/// One line of the link timeline. Everything in it is already masked: `hex` and `ascii`
/// come from the raw bytes with card data replaced, `layers` are decoded summaries from the
/// outermost layer (frame) inward (APDU / TLV / ISO 8583).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrameRecord {
    /// Local time, RFC 3339 with milliseconds.
    pub at: String,
    /// Which link (device address or terminal label).
    pub link: String,
    pub dir: Direction,
    pub hex: String,
    pub ascii: String,
    pub layers: Vec<String>,
    /// The same layers in Chinese for the screen, when the decoder wrote them (empty: the
    /// screen shows `layers`). Kept in the run's `trace.jsonl` (when not empty) so a replay
    /// shows the timeline in Chinese as the live run did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layers_zh: Vec<String>,
    /// The link trouble this line records, if any (see [`LinkEvent`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<LinkEvent>,
}

impl FrameRecord {
    /// A frame that crossed `link` now, its views already masked.
    pub fn frame(
        link: &str,
        dir: Direction,
        hex: String,
        ascii: String,
        layers: Vec<String>,
    ) -> FrameRecord {
        FrameRecord {
            at: now_stamp(),
            link: link.to_string(),
            dir,
            hex,
            ascii,
            layers,
            layers_zh: Vec::new(),
            event: None,
        }
    }

    /// A frame whose decoded layers are known in both languages (see [`FrameRecord::frame`]).
    pub fn frame_text(
        link: &str,
        dir: Direction,
        hex: String,
        ascii: String,
        layers: Vec<crate::i18n::Text>,
    ) -> FrameRecord {
        let (en, zh) = layers.into_iter().map(|t| (t.en, t.zh)).unzip();
        let mut f = FrameRecord::frame(link, dir, hex, ascii, en);
        f.layers_zh = zh;
        f
    }

    /// The decoded layers in `lang` (Chinese when the decoder wrote them, else English).
    pub fn layers_in(&self, lang: crate::i18n::Lang) -> &[String] {
        if lang == crate::i18n::Lang::ZhCn && self.layers_zh.len() == self.layers.len() {
            &self.layers_zh
        } else {
            &self.layers
        }
    }

    /// A note from the bench about `link`, now (the text must already be masked).
    pub fn note(link: &str, text: impl Into<String>) -> FrameRecord {
        FrameRecord::frame(
            link,
            Direction::Note,
            String::new(),
            String::new(),
            vec![text.into()],
        )
    }

    /// A note from the bench about `link`, now, in both languages (already masked).
    pub fn note_text(link: &str, text: crate::i18n::Text) -> FrameRecord {
        let mut rec = FrameRecord::note(link, text.en);
        rec.layers_zh = vec![text.zh];
        rec
    }

    /// The same record, marked with a link event.
    pub fn with_event(mut self, event: LinkEvent) -> FrameRecord {
        self.event = Some(event);
        self
    }
}

/// Where drivers send frame records; cheap to clone, callable from the worker thread.
pub type FrameSink = Arc<dyn Fn(FrameRecord) + Send + Sync>;

/// A sink that drops everything.
pub fn null_sink() -> FrameSink {
    Arc::new(|_| {})
}

/// Local time as used in frame records and report rows.
pub fn now_stamp() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn event_spelling_is_the_serialised_form() {
        for e in [
            LinkEvent::NakReceived,
            LinkEvent::Resent,
            LinkEvent::AskedAgain,
            LinkEvent::NoAck,
            LinkEvent::BadChecksum,
            LinkEvent::GarbageDiscarded,
            LinkEvent::Resync,
            LinkEvent::UnexpectedFrame,
            LinkEvent::NoValidFrame,
            LinkEvent::DeviceLost,
        ] {
            assert_eq!(
                serde_json::to_string(&e).unwrap(),
                format!("\"{}\"", e.code())
            );
        }
        let plain = FrameRecord::note("x", "hello");
        assert!(!serde_json::to_string(&plain).unwrap().contains("event"));
        let marked = plain.with_event(LinkEvent::Resent);
        assert!(serde_json::to_string(&marked)
            .unwrap()
            .contains("\"event\":\"resent\""));
    }
}
