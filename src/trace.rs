//! The link timeline's records: one masked line per frame that crosses a link (reader, host or
//! terminal), and the sinks they are sent to. Used by drivers, the host, the checklist, the TUI
//! and the run trace; it sits at the bottom so all of them can share it.

use std::sync::Arc;

/// Direction of a logged frame, seen from the bench.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
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

/// One line of the link timeline. Everything in it is already masked: `hex` and `ascii`
/// come from the raw bytes with card data replaced, `layers` are decoded summaries from the
/// outermost layer (frame) inward (APDU / TLV / ISO 8583).
#[derive(Clone, Debug, serde::Serialize)]
pub struct FrameRecord {
    /// Local time, RFC 3339 with milliseconds.
    pub at: String,
    /// Which link (device address or terminal label).
    pub link: String,
    pub dir: Direction,
    pub hex: String,
    pub ascii: String,
    pub layers: Vec<String>,
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
