//! The frame shape Creator's readers share (CRT-310 `02`, CRT-591 `F2`): `STX [ADDR] LENH LENL
//! TEXT ETX BCC` with BCC = XOR of STX through ETX, and one sans-IO framer over it, generic
//! in the model's frame, that also passes single control bytes through and resynchronises on
//! garbage.

use std::marker::PhantomData;

/// ETX, the byte after TEXT in every Creator frame.
pub const ETX: u8 = 0x03;
/// ACK and NAK, the same bytes on every Creator link.
pub const ACK: u8 = 0x06;
pub const NAK: u8 = 0x15;

/// XOR of every byte (STX through ETX when given a whole frame minus its BCC).
pub fn bcc(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |a, b| a ^ b)
}

/// A frame whose LEN is over its model's largest (`Shape::max_len`, at most 65 535 so it
/// always fits LENH LENL): sent, the peer's framer would throw it away as garbage, and a LEN
/// over 65 535 would not even fit its two bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("frame too long: LEN {len} over the largest the reader takes ({max})")]
pub struct FrameTooLong {
    /// The LEN the frame would have.
    pub len: usize,
    /// The model's largest LEN.
    pub max: usize,
}

impl From<FrameTooLong> for std::io::Error {
    fn from(e: FrameTooLong) -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, e)
    }
}

/// LENH LENL of a frame whose LEN is `len`, checked against the model's `shape`.
pub fn len_bytes(len: usize, shape: &Shape) -> Result<[u8; 2], FrameTooLong> {
    match u16::try_from(len) {
        Ok(l) if len <= shape.max_len => Ok(l.to_be_bytes()),
        _ => Err(FrameTooLong {
            len,
            max: shape.max_len.min(usize::from(u16::MAX)),
        }),
    }
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

/// A Creator model's frame: its shape on the wire and how a checked frame becomes a value.
pub trait CreatorFrame: Sized {
    /// The model's frame shape.
    const SHAPE: Shape;
    /// The frame in `raw`: a whole frame whose LEN (within `SHAPE`'s bounds), ETX and BCC
    /// the framer has checked, so the fixed header offsets up to LEN's `min_len` exist.
    fn from_raw(raw: &[u8]) -> Self;
}

/// What the framer found in the byte stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameEvent<F> {
    /// A well-formed frame with a good BCC, and its raw bytes.
    Frame(F, Vec<u8>),
    /// A single control byte outside a frame (ACK, NAK, ENQ, EOT as the model has them).
    Control(u8),
    /// A complete frame whose BCC does not match (raw bytes kept).
    BadBcc(Vec<u8>),
    /// Bytes that are neither a control byte nor the start of a plausible frame.
    Garbage(Vec<u8>),
}

/// Sans-IO framer: push bytes, take events. A bad length or a missing ETX makes the STX count
/// as garbage and scanning restarts at the next byte.
#[derive(Debug)]
pub struct Framer<F> {
    buf: Vec<u8>,
    frame: PhantomData<fn() -> F>,
}

impl<F: CreatorFrame> Default for Framer<F> {
    fn default() -> Self {
        Framer {
            buf: Vec::new(),
            frame: PhantomData,
        }
    }
}

impl<F: CreatorFrame> Framer<F> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Drops a partial frame (after a deadline, before a new command).
    pub fn reset(&mut self) {
        self.buf.clear();
    }

    /// Bytes held for an incomplete frame.
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// The next complete event, or `None` when more bytes are needed.
    pub fn next_event(&mut self) -> Option<FrameEvent<F>> {
        let s = F::SHAPE;
        let first = *self.buf.first()?;
        if s.controls.contains(&first) {
            self.buf.remove(0);
            return Some(FrameEvent::Control(first));
        }
        if first != s.stx {
            let n = self
                .buf
                .iter()
                .position(|&b| b == s.stx || s.controls.contains(&b))
                .unwrap_or(self.buf.len());
            return Some(FrameEvent::Garbage(self.buf.drain(..n).collect()));
        }
        if self.buf.len() < s.len_at + 2 {
            return None;
        }
        let len = (usize::from(self.buf[s.len_at]) << 8) | usize::from(self.buf[s.len_at + 1]);
        if !(s.min_len..=s.max_len).contains(&len) {
            return Some(FrameEvent::Garbage(self.buf.drain(..1).collect()));
        }
        let etx_at = s.len_at + 2 + len;
        let total = etx_at + 2;
        if self.buf.len() < total {
            return None;
        }
        if self.buf[etx_at] != ETX {
            return Some(FrameEvent::Garbage(self.buf.drain(..1).collect()));
        }
        let raw: Vec<u8> = self.buf.drain(..total).collect();
        if bcc(&raw[..total - 1]) != raw[total - 1] {
            return Some(FrameEvent::BadBcc(raw));
        }
        Some(FrameEvent::Frame(F::from_raw(&raw), raw))
    }
}
