//! The frame shape Creator's readers share (CRT-310 `02`, CRT-591 `F2`): `STX [ADDR] LENH LENL
//! TEXT ETX BCC` with BCC = XOR of STX through ETX, and a sans-IO framer over it that also
//! passes single control bytes through and resynchronises on garbage.

/// XOR of every byte (STX through ETX when given a whole frame minus its BCC).
pub fn bcc(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |a, b| a ^ b)
}

/// What the framer found in the byte stream (frames still raw).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawEvent {
    /// A well-formed frame with a good BCC.
    Frame(Vec<u8>),
    /// A single control byte outside a frame.
    Control(u8),
    /// A complete frame whose BCC does not match.
    BadBcc(Vec<u8>),
    /// Bytes that are neither a control byte nor the start of a plausible frame.
    Garbage(Vec<u8>),
}

/// Where a model's frame keeps its fields.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// The start byte (`02`, `F2`).
    pub stx: u8,
    /// Offset of LENH (1 for the CRT-310, 2 after the CRT-591's address byte).
    pub len_at: usize,
    /// Smallest and largest LEN a real frame has.
    pub min_len: usize,
    pub max_len: usize,
    /// The control bytes that travel alone (ACK, NAK, ENQ, EOT).
    pub controls: &'static [u8],
}

/// Sans-IO framer: push bytes, take events. A bad length or a missing ETX makes the STX count
/// as garbage and scanning restarts at the next byte.
#[derive(Debug)]
pub struct RawFramer {
    shape: Shape,
    buf: Vec<u8>,
}

impl RawFramer {
    pub fn new(shape: Shape) -> RawFramer {
        RawFramer {
            shape,
            buf: Vec::new(),
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Drops a partial frame (after a deadline, before a new command).
    pub fn reset(&mut self) {
        self.buf.clear();
    }

    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// The next complete event, or `None` when more bytes are needed.
    pub fn next_event(&mut self) -> Option<RawEvent> {
        let s = self.shape;
        let first = *self.buf.first()?;
        if s.controls.contains(&first) {
            self.buf.remove(0);
            return Some(RawEvent::Control(first));
        }
        if first != s.stx {
            let n = self
                .buf
                .iter()
                .position(|&b| b == s.stx || s.controls.contains(&b))
                .unwrap_or(self.buf.len());
            return Some(RawEvent::Garbage(self.buf.drain(..n).collect()));
        }
        if self.buf.len() < s.len_at + 2 {
            return None;
        }
        let len = (usize::from(self.buf[s.len_at]) << 8) | usize::from(self.buf[s.len_at + 1]);
        if !(s.min_len..=s.max_len).contains(&len) {
            return Some(RawEvent::Garbage(self.buf.drain(..1).collect()));
        }
        let etx_at = s.len_at + 2 + len;
        let total = etx_at + 2;
        if self.buf.len() < total {
            return None;
        }
        if self.buf[etx_at] != 0x03 {
            return Some(RawEvent::Garbage(self.buf.drain(..1).collect()));
        }
        let raw: Vec<u8> = self.buf.drain(..total).collect();
        if bcc(&raw[..total - 1]) != raw[total - 1] {
            return Some(RawEvent::BadBcc(raw));
        }
        Some(RawEvent::Frame(raw))
    }
}
