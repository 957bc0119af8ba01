//! The frame shape Creator's readers share (CRT-310 `02`, CRT-591 `F2`): `STX [ADDR] LENH LENL
//! TEXT ETX BCC` with BCC = XOR of STX through ETX, and one sans-IO framer over it, generic
//! in the model's frame, that also passes single control bytes through and resynchronises on
//! garbage.

use nom::branch::alt;
use nom::bytes::complete;
use nom::bytes::streaming::take;
use nom::combinator::{all_consuming, consumed, verify};
use nom::multi::length_data;
use nom::number::streaming::{be_u16, be_u8};
use nom::Parser;
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
    /// The frame whose parts [`frame_parts`] cut out (LEN within `SHAPE`'s bounds and ETX
    /// checked), read by the model's nom parser of ADDR and TEXT; `None` when they do not
    /// have the model's shape (the framer then reports the bytes as garbage).
    fn from_parts(parts: &FrameParts<'_>) -> Option<Self>;
}

/// The parts of one whole frame `STX [ADDR] LENH LENL TEXT ETX BCC`, borrowed from its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameParts<'a> {
    /// The bytes between STX and LENH: the CRT-591's address byte, nothing on the CRT-310.
    pub addr: &'a [u8],
    /// TEXT: the LEN bytes after LENL (`CM PM DATA`, `head CM PM DATA`).
    pub text: &'a [u8],
    /// Whether BCC is the XOR of STX through ETX.
    pub bcc_ok: bool,
}

/// The parts of `raw` when it is exactly one frame of `F`'s shape (LEN within bounds, ETX in
/// place; the BCC is reported, not required): how a frame log reads the bytes it shows, with
/// the same parser the framer cuts frames with.
pub fn frame_parts<F: CreatorFrame>(raw: &[u8]) -> Option<FrameParts<'_>> {
    all_consuming(frame(F::SHAPE))
        .parse(raw)
        .ok()
        .map(|(_, parts)| parts)
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
/// as garbage and scanning restarts at the next byte. The bytes are read by small streaming
/// nom parsers (`event`, `frame`); the framer keeps only the bytes not taken yet.
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
        let (rest, found) = event(F::SHAPE).parse(&self.buf).ok()?;
        let taken = self.buf.len() - rest.len();
        let raw = || self.buf[..taken].to_vec();
        let ev = match found {
            Found::Control(b) => FrameEvent::Control(b),
            Found::Garbage => FrameEvent::Garbage(raw()),
            Found::Frame(parts) if parts.bcc_ok => match F::from_parts(&parts) {
                Some(f) => FrameEvent::Frame(f, raw()),
                None => FrameEvent::Garbage(raw()),
            },
            Found::Frame(_) => FrameEvent::BadBcc(raw()),
        };
        self.buf.drain(..taken);
        Some(ev)
    }
}

/// What starts the framer's buffer: the event before the bytes are taken out of it (the
/// parser's rest says how many).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found<'a> {
    Control(u8),
    /// Bytes that are no frame.
    Garbage,
    /// A whole frame, whose BCC matched or not.
    Frame(FrameParts<'a>),
}

/// One event of `shape`'s byte stream: a control byte alone, a run of garbage up to the next
/// STX or control byte, a whole frame, or (an STX whose LEN is out of bounds or whose ETX is
/// missing) one byte of garbage. `Incomplete`: a frame is still arriving.
fn event<'a>(shape: Shape) -> impl Parser<&'a [u8], Output = Found<'a>, Error = ()> {
    let is_stop = move |b: u8| b == shape.stx || shape.controls.contains(&b);
    alt((
        verify(be_u8, move |b| shape.controls.contains(b)).map(Found::Control),
        // What is there now, not waiting for the next STX: garbage is reported as it comes.
        complete::take_till1(is_stop).map(|_| Found::Garbage),
        frame(shape).map(Found::Frame),
        take(1usize).map(|_| Found::Garbage),
    ))
}

/// `STX [ADDR] LENH LENL TEXT ETX BCC`, LEN within the shape's bounds. ETX is checked once
/// the BCC is in too (a frame is judged whole, as it always was).
fn frame<'a>(shape: Shape) -> impl Parser<&'a [u8], Output = FrameParts<'a>, Error = ()> {
    let len = verify(be_u16, move |&n| {
        (shape.min_len..=shape.max_len).contains(&usize::from(n))
    });
    let head = (
        verify(be_u8, move |&b| b == shape.stx),
        take(shape.len_at.saturating_sub(1)),
        length_data(len),
    );
    verify((consumed(head), be_u8, be_u8), |&(_, etx, _)| etx == ETX).map(parts)
}

/// A whole frame as [`frame`] reads it: (STX ADDR LENH LENL TEXT recognised, (STX, ADDR,
/// TEXT)), ETX, BCC.
type Whole<'a> = ((&'a [u8], (u8, &'a [u8], &'a [u8])), u8, u8);

/// The parts of a whole frame, its BCC checked.
fn parts(((head, (_, addr, text)), etx, b): Whole<'_>) -> FrameParts<'_> {
    FrameParts {
        addr,
        text,
        bcc_ok: bcc(head) ^ etx == b,
    }
}
