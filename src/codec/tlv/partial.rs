//! Decoding what is well formed: a BER-TLV tree read past its faults. A malformed object is
//! recorded with its offset and the reason and the reader goes on with the next thing it can
//! find (the rest of the enclosing template's level is given up, the levels above continue); a
//! constructed object that claims more bytes than are left keeps the children that are there.
//! One quirk of real cards is read with a warning: a single length byte `85`–`FF` (not valid
//! BER) whose value equals the bytes left, read as that many bytes.

use super::ber::{self, Mode};
use super::{DecodeError, Tag, Tlv, LAYER, MAX_DEPTH};
use crate::codec::nomkit::{offset_in, to_decode_error};
use crate::codec::{DecodeErrorKind, DecodeWarning};
use nom::Parser;

/// The result of [`parse_partial`]: every object that could be decoded, in order, plus what
/// was wrong and where.
#[derive(Clone, Debug, Default)]
pub struct Partial {
    pub items: Vec<Tlv>,
    /// Read past with a remark (the `85`–`FF` length quirk).
    pub warnings: Vec<DecodeWarning>,
    /// Malformed objects: offset of the fault and what was expected there.
    pub errors: Vec<DecodeError>,
}

impl Partial {
    /// Nothing was wrong (warnings aside).
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Decodes `bytes` as BER-TLV, as much as is well formed (see the module notes).
pub fn parse_partial(bytes: &[u8]) -> Partial {
    let mut out = Partial::default();
    out.items = level(bytes, 0, 0, &mut out);
    out
}

/// Tag and length at the start of `bytes` ([`Mode::Lenient`]); `base` is the absolute offset of
/// `bytes[0]`. A length read by the quirk is noted in `warnings`. Returns the tag, the header
/// length and the declared value length.
fn header(
    bytes: &[u8],
    base: usize,
    warnings: &mut Vec<DecodeWarning>,
) -> Result<(Tag, usize, usize), DecodeError> {
    let (rest, h) = ber::header(Mode::Lenient)
        .parse(bytes)
        .map_err(|e| to_decode_error(LAYER, bytes, base, e))?;
    if let Some(l0) = h.len.quirk {
        warnings.push(DecodeWarning {
            layer: LAYER,
            offset: base + offset_in(bytes, h.len_at),
            what: format!(
                "length byte {l0:02X} of tag {} is not valid BER; read as {} = bytes left",
                h.tag, h.len.value
            ),
        });
    }
    Ok((h.tag, bytes.len() - rest.len(), h.len.value))
}

/// One level: objects until the end of `bytes` or the first header that cannot be read.
fn level(bytes: &[u8], base: usize, depth: usize, out: &mut Partial) -> Vec<Tlv> {
    let mut items = Vec::new();
    let mut pos = 0;
    loop {
        if let Ok((_, pad)) = ber::padding(bytes.get(pos..).unwrap_or_default()) {
            pos += pad.len();
        }
        if pos >= bytes.len() {
            return items;
        }
        let here = base + pos;
        let (tag, hlen, len) = match header(&bytes[pos..], here, &mut out.warnings) {
            Ok(h) => h,
            Err(e) => {
                out.errors.push(e);
                return items;
            }
        };
        let start = pos + hlen;
        let have = bytes.len() - start;
        let constructed = tag.is_constructed();
        if len > have {
            out.errors.push(DecodeError::truncated(
                LAYER,
                here + hlen - 1,
                format!("{len} value bytes for tag {tag} ({have} left in input)"),
            ));
            if !constructed {
                return items;
            }
        }
        let end = start + len.min(have);
        let value = &bytes[start..end];
        let children = if !constructed {
            Vec::new()
        } else if depth >= MAX_DEPTH {
            out.errors.push(DecodeError::new(
                LAYER,
                DecodeErrorKind::TooDeep,
                here,
                format!("nesting of at most {MAX_DEPTH} constructed objects"),
            ));
            Vec::new()
        } else {
            level(value, base + start, depth + 1, out)
        };
        items.push(Tlv {
            tag,
            value: value.to_vec(),
            children,
            offset: here,
        });
        pos = end;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn length_quirk_is_read_with_a_warning() {
        // 70 with a one-byte length 86 = the 134 bytes that follow.
        let mut b = vec![0x70, 0x86];
        for _ in 0..44 {
            b.extend_from_slice(&[0x9F, 0x36, 0x00]);
        }
        b.push(0x82);
        // One byte short (133 left): refused, at the length byte.
        let p = parse_partial(&b);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].offset, 1);
        assert!(p.items.is_empty());
        b.push(0x00);
        let p = parse_partial(&b);
        assert!(p.is_clean(), "{:?}", p.errors);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].offset, 1);
        assert!(p.warnings[0].what.contains("read as 134"));
        assert_eq!(p.items[0].children.len(), 45);
    }

    #[test]
    fn a_bad_object_inside_a_template_keeps_the_rest() {
        // 77 { 82 02 7C00, 94 claims 9 bytes but 8 are there } then 9F36 at the top level.
        let b =
            parse_hex("77 0E 82 02 7C 00 94 09 08 01 01 00 10 01 02 00 9F 36 02 00 01").unwrap();
        let p = parse_partial(&b);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(
            (p.errors[0].kind, p.errors[0].offset),
            (DecodeErrorKind::Truncated, 7)
        );
        let tags: Vec<u32> = p.items.iter().map(|t| t.tag.0).collect();
        assert_eq!(tags, [0x77, 0x9F36]);
        assert_eq!(p.items[0].children.len(), 1);
        assert_eq!(p.items[1].value, [0x00, 0x01]);
    }
}
