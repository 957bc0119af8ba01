//! Transport framings around an ISO 8583 body: CUPS (2-byte length + TPDU + 6-byte header),
//! a plain 2-byte binary length, a 4 ASCII digit length; cutting frames out of a stream,
//! wrapping bodies, and explaining bytes that do not fit the expected framing.

use crate::codec::nomkit::{ascii_number, finish};
use crate::codec::DecodeError;
use crate::i18n::{tr_static, Lang};

const LAYER: &str = "frame";

/// How messages are delimited on the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Framing {
    /// 2-byte big-endian length, TPDU (5 bytes), CUPS header (6 bytes), then the body.
    Cups,
    /// 2-byte big-endian length, then the body.
    Len2,
    /// 4 ASCII digits of length, then the body.
    Ascii4,
}

impl Framing {
    pub fn as_str(self) -> &'static str {
        match self {
            Framing::Cups => "cups",
            Framing::Len2 => "len2",
            Framing::Ascii4 => "ascii4",
        }
    }

    pub fn parse(s: &str) -> Option<Framing> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cups" => Some(Framing::Cups),
            "len2" | "2" | "binary" => Some(Framing::Len2),
            "ascii4" | "4" => Some(Framing::Ascii4),
            _ => None,
        }
    }

    /// Length of the length prefix.
    pub fn prefix_len(self) -> usize {
        match self {
            Framing::Cups | Framing::Len2 => 2,
            Framing::Ascii4 => 4,
        }
    }
}

/// CUPS TPDU and header (protocols.md §6.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CupsHeader {
    pub tpdu: [u8; 5],
    pub header: [u8; 6],
}

impl Default for CupsHeader {
    fn default() -> Self {
        CupsHeader {
            tpdu: [0x60, 0x00, 0x06, 0x00, 0x00],
            header: [0x60, 0x31, 0x00, 0x31, 0x10, 0x03],
        }
    }
}

fn bcd2(b: u8) -> String {
    format!("{b:02X}")
}

impl CupsHeader {
    /// TPDU id (`60`).
    pub fn tpdu_id(&self) -> u8 {
        self.tpdu[0]
    }
    pub fn destination(&self) -> String {
        crate::hexfmt::hex(&self.tpdu[1..3])
    }
    pub fn source(&self) -> String {
        crate::hexfmt::hex(&self.tpdu[3..5])
    }
    /// Application type n2: `60` magstripe POS application, `61` IC POS application.
    pub fn app_type(&self) -> String {
        bcd2(self.header[0])
    }
    /// Software main version n2.
    pub fn version(&self) -> String {
        bcd2(self.header[1])
    }
    pub fn terminal_status(&self) -> u8 {
        self.header[2] >> 4
    }
    /// Processing requirement (host → terminal): 0 none, 1 download parameters, …
    pub fn processing_requirement(&self) -> u8 {
        self.header[2] & 0x0F
    }
    /// Software sub-version n6.
    pub fn sub_version(&self) -> String {
        crate::hexfmt::hex(&self.header[3..6])
    }
    /// Full software version as `31` + `311003`.
    pub fn software_version(&self) -> String {
        format!("{}/{}", self.version(), self.sub_version())
    }

    /// The host's reply header: TPDU addresses swapped, processing requirement set.
    pub fn reply(&self, processing_requirement: u8) -> CupsHeader {
        let mut r = *self;
        r.tpdu[1..3].copy_from_slice(&self.tpdu[3..5]);
        r.tpdu[3..5].copy_from_slice(&self.tpdu[1..3]);
        r.header[2] = (self.header[2] & 0xF0) | (processing_requirement & 0x0F);
        r
    }

    /// What the host asks the terminal to do, in `lang`.
    pub fn processing_requirement_text(req: u8, lang: Lang) -> &'static str {
        let id = match req {
            0 => "codes-cups-req-0",
            1 => "codes-cups-req-1",
            2 => "codes-cups-req-2",
            3 => "codes-cups-req-3",
            4 => "codes-cups-req-4",
            5 => "codes-cups-req-5",
            6 => "codes-cups-req-6",
            _ => "codes-cups-req-unknown",
        };
        tr_static(lang, id)
    }

    /// The application type of header byte 1, in `lang`.
    pub fn app_type_text(&self, lang: Lang) -> &'static str {
        let id = match self.header[0] {
            0x60 => "codes-cups-app-60",
            0x61 => "codes-cups-app-61",
            _ => "codes-cups-app-unknown",
        };
        tr_static(lang, id)
    }
}

/// One frame cut out of a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub framing: Framing,
    /// The length the prefix declared (bytes after the prefix).
    pub declared_len: usize,
    pub header: Option<CupsHeader>,
    /// The ISO 8583 body (MTI onward).
    pub body: Vec<u8>,
    /// Offset of the body within the frame.
    pub body_offset: usize,
}

/// Reads the length prefix. `Ok(None)` when fewer bytes than the prefix arrived.
pub fn declared_len(framing: Framing, buf: &[u8]) -> Result<Option<usize>, DecodeError> {
    match framing {
        Framing::Cups | Framing::Len2 => Ok(buf
            .get(..2)
            .map(|b| usize::from(b[0]) << 8 | usize::from(b[1]))),
        Framing::Ascii4 => {
            let Some(p) = buf.get(..4) else {
                return Ok(None);
            };
            finish(LAYER, p, ascii_number(|| "4 ASCII digits of length".into()))
                .map(|(_, n)| Some(n))
        }
    }
}

/// Cuts one frame from the start of a stream buffer. `Ok(None)` means "need more bytes";
/// on success returns the frame and the bytes it used.
pub fn split(framing: Framing, buf: &[u8]) -> Result<Option<(Frame, usize)>, DecodeError> {
    let Some(len) = declared_len(framing, buf)? else {
        return Ok(None);
    };
    let total = framing.prefix_len() + len;
    if buf.len() < total {
        return Ok(None);
    }
    let frame = parse_payload(framing, len, &buf[..total])?;
    Ok(Some((frame, total)))
}

fn parse_payload(framing: Framing, len: usize, frame: &[u8]) -> Result<Frame, DecodeError> {
    let p = framing.prefix_len();
    match framing {
        Framing::Cups => {
            if len < 11 {
                return Err(DecodeError::truncated(
                    LAYER,
                    p,
                    format!("TPDU (5 bytes) and header (6 bytes), the length says only {len}"),
                ));
            }
            if frame[p] != 0x60 {
                return Err(DecodeError::invalid(
                    LAYER,
                    p,
                    format!(
                        "TPDU id 60 after the length, found {:02X} (no TPDU?)",
                        frame[p]
                    ),
                ));
            }
            let mut tpdu = [0u8; 5];
            tpdu.copy_from_slice(&frame[p..p + 5]);
            let mut header = [0u8; 6];
            header.copy_from_slice(&frame[p + 5..p + 11]);
            Ok(Frame {
                framing,
                declared_len: len,
                header: Some(CupsHeader { tpdu, header }),
                body: frame[p + 11..].to_vec(),
                body_offset: p + 11,
            })
        }
        Framing::Len2 | Framing::Ascii4 => Ok(Frame {
            framing,
            declared_len: len,
            header: None,
            body: frame[p..].to_vec(),
            body_offset: p,
        }),
    }
}

/// Parses a buffer that must hold exactly one frame (pasted from a log). A length that does not
/// match the bytes present is an error saying both numbers.
pub fn unframe(framing: Framing, buf: &[u8]) -> Result<Frame, DecodeError> {
    let p = framing.prefix_len();
    let Some(len) = declared_len(framing, buf)? else {
        return Err(DecodeError::truncated(
            LAYER,
            buf.len(),
            format!("a {p}-byte length header, only {} bytes arrived", buf.len()),
        ));
    };
    let arrived = buf.len() - p;
    if arrived < len {
        return Err(DecodeError::truncated(
            LAYER,
            buf.len(),
            format!("{len} bytes (the length header says {len}, {arrived} bytes arrived)"),
        ));
    }
    if arrived > len {
        return Err(DecodeError::invalid(
            LAYER,
            p + len,
            format!("end of frame (the length header says {len}, {arrived} bytes arrived)"),
        ));
    }
    parse_payload(framing, len, buf)
}

/// Wraps a body in a framing (CUPS uses `header`, or the default TPDU/header).
pub fn wrap(framing: Framing, header: Option<&CupsHeader>, body: &[u8]) -> Vec<u8> {
    let mut payload = Vec::with_capacity(body.len() + 15);
    if framing == Framing::Cups {
        let h = header.copied().unwrap_or_default();
        payload.extend_from_slice(&h.tpdu);
        payload.extend_from_slice(&h.header);
    }
    payload.extend_from_slice(body);
    let mut out = Vec::with_capacity(payload.len() + 4);
    match framing {
        Framing::Cups | Framing::Len2 => {
            let n = payload.len().min(0xFFFF) as u16;
            out.extend_from_slice(&n.to_be_bytes());
        }
        Framing::Ascii4 => {
            out.extend_from_slice(format!("{:04}", payload.len() % 10000).as_bytes())
        }
    }
    out.extend_from_slice(&payload);
    out
}

pub use super::frame_hint::{diagnose, hints_text, FramingHint};

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn diagnoses_short_frame() {
        let mut f = vec![0x00, 0xA8];
        f.extend(std::iter::repeat_n(0x60, 166));
        let d = diagnose(&f, Framing::Cups);
        assert!(
            d.iter()
                .any(|l| l.to_string() == "length header says 168, 166 bytes arrived"),
            "{d:?}"
        );
        let e = unframe(Framing::Cups, &f).unwrap_err();
        assert!(e.to_string().contains("168"), "{e}");
    }

    #[test]
    fn diagnoses_ascii_length() {
        let f = b"0024080082200000000000000400";
        let d = diagnose(f, Framing::Len2);
        assert!(
            d.iter()
                .any(|l| l.to_string().contains("looks like a 4-digit ASCII length")),
            "{d:?}"
        );
        let d = diagnose(&[0x00, 0x04, 0x08, 0x00, 0x22, 0x00], Framing::Cups);
        assert!(
            d.iter().any(|l| l.to_string().starts_with("no TPDU")),
            "{d:?}"
        );
    }

    #[test]
    fn wrap_split_round_trip() {
        let w = wrap(Framing::Cups, None, &[0x08, 0x00]);
        let (f, used) = split(Framing::Cups, &w).unwrap().unwrap();
        assert_eq!(used, w.len());
        assert_eq!(f.body, vec![0x08, 0x00]);
        assert_eq!(f.header.unwrap().app_type(), "60");
        assert!(split(Framing::Cups, &w[..5]).unwrap().is_none());
    }
}
