//! The ISO 8583 parser: a message read in place, every field a slice of the input, written as
//! small named nom parsers (`mti`, `bitmap`, `length_prefix`, `field`) composed into `message`.
//! Nothing is allocated per field; [`super::decode`] builds the owned [`super::Message`] from
//! this view. nom's errors carry the remaining input and what was expected; they are converted
//! once, in [`view_prefix`], into a [`DecodeError`] with the byte offset.

use super::spec::{cups_left_aligned, field_spec, FieldSpec, Kind, LenType};
use super::{max_units, prefix_len, Packing, LAYER};
use crate::codec::nomkit::{
    ascii_number, bcd_number, fail, offset_in, take_or, to_decode_error, Fail, In, Res,
};
use crate::codec::{DecodeError, DecodeErrorKind, DecodeWarning};
use nom::combinator::recognize;
use nom::Parser;

/// Exactly `n` bytes, or a truncation naming `what` (formatted only on failure).
fn bytes<'a>(
    n: usize,
    what: impl Fn() -> String,
) -> impl Parser<In<'a>, Output = In<'a>, Error = Fail<'a>> {
    take_or(n, move |left| {
        format!("{}: {n} bytes, only {left} left", what())
    })
}

/// The MTI as on the wire: 4 ASCII digits, or 2 BCD bytes.
fn mti<'a>(packing: Packing) -> impl Parser<In<'a>, Output = In<'a>, Error = Fail<'a>> {
    move |i: In<'a>| match packing {
        Packing::Ascii => recognize(
            bytes(4, || "MTI (4 ASCII digits)".into())
                .and_then(ascii_number(|| "MTI in ASCII digits".into())),
        )
        .parse(i),
        Packing::Cups => recognize(
            bytes(2, || "MTI (2 BCD bytes)".into())
                .and_then(bcd_number(|| "MTI in BCD digits".into())),
        )
        .parse(i),
    }
}

/// Hex digit values (either case); `0xFF` for a byte that is not a hex digit.
pub(super) static HEX_VALUE: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut k = 0;
    while k < 10 {
        t[b'0' as usize + k] = k as u8;
        k += 1;
    }
    let mut k = 0;
    while k < 6 {
        t[b'A' as usize + k] = 10 + k as u8;
        t[b'a' as usize + k] = 10 + k as u8;
        k += 1;
    }
    t
};

/// One 8-byte bitmap: binary (CUPS) or 16 hex characters (ASCII).
fn bitmap<'a>(
    packing: Packing,
    which: &'static str,
) -> impl Parser<In<'a>, Output = [u8; 8], Error = Fail<'a>> {
    move |i: In<'a>| {
        let mut out = [0u8; 8];
        match packing {
            Packing::Cups => {
                let (rest, b) = bytes(8, || which.into()).parse(i)?;
                out.copy_from_slice(b);
                Ok((rest, out))
            }
            Packing::Ascii => {
                let (rest, t) = bytes(16, || which.into()).parse(i)?;
                if let Some(bad) = t.iter().position(|&c| HEX_VALUE[usize::from(c)] == 0xFF) {
                    return fail(
                        &t[bad..],
                        DecodeErrorKind::Invalid,
                        format!("{which} as 16 hex characters"),
                    );
                }
                for (o, p) in out.iter_mut().zip(t.chunks_exact(2)) {
                    *o = HEX_VALUE[usize::from(p[0])] << 4 | HEX_VALUE[usize::from(p[1])];
                }
                Ok((rest, out))
            }
        }
    }
}

/// `field N (name)`.
fn label(spec: &FieldSpec) -> String {
    format!("field {} ({})", spec.num, spec.name)
}

/// A variable field's length prefix (ASCII or BCD digits), checked against the maximum.
fn length_prefix<'a>(
    spec: &'static FieldSpec,
    packing: Packing,
) -> impl Parser<In<'a>, Output = usize, Error = Fail<'a>> {
    move |i: In<'a>| {
        let prefix = bytes(prefix_len(spec, packing), || {
            format!("{} length prefix", label(spec))
        });
        let (rest, n) = match packing {
            Packing::Ascii => prefix
                .and_then(ascii_number(|| {
                    format!("{} length in ASCII digits", label(spec))
                }))
                .parse(i)?,
            Packing::Cups => prefix
                .and_then(bcd_number(|| {
                    format!("{} length in BCD digits", label(spec))
                }))
                .parse(i)?,
        };
        let max = max_units(spec, packing);
        if n > max {
            return fail(
                i,
                DecodeErrorKind::TooLong,
                format!("{} length at most {max}, the prefix says {n}", label(spec)),
            );
        }
        Ok((rest, n))
    }
}

/// One field in place. `Debug` shows where it is and its length, never the data (it may be
/// card data).
#[derive(Clone, Copy)]
pub struct FieldRef<'a> {
    pub spec: &'static FieldSpec,
    /// Offset of the length prefix (or of the data for fixed fields).
    pub start: usize,
    pub prefix_len: usize,
    /// Length in the units the prefix counts (digits, characters, hex characters or bytes).
    pub count: usize,
    /// The data bytes as on the wire.
    pub data: In<'a>,
    /// The same bytes as text, when the whole message was valid UTF-8 (checked once per
    /// message, so a field's value is not checked twice; `None`: check the field itself).
    pub(super) text: Option<&'a str>,
}

impl std::fmt::Debug for FieldRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldRef")
            .field("num", &self.spec.num)
            .field("start", &self.start)
            .field("prefix_len", &self.prefix_len)
            .field("count", &self.count)
            .field("len", &self.data.len())
            .finish()
    }
}

impl<'a> FieldRef<'a> {
    /// The field's value in place (see [`FieldValue`]); `packing` is the one it was read with.
    pub fn value(&self, packing: Packing) -> FieldValue<'a> {
        match (packing, self.spec.kind) {
            (Packing::Ascii, Kind::B) if is_hex_text(self.data) => self
                .as_str()
                .map_or(FieldValue::Bytes(self.data), FieldValue::Hex),
            (Packing::Ascii, _) | (Packing::Cups, Kind::Ans) => {
                if is_printable(self.data) {
                    self.as_str()
                        .map_or(FieldValue::Bytes(self.data), FieldValue::Text)
                } else {
                    FieldValue::Bytes(self.data)
                }
            }
            (Packing::Cups, Kind::N | Kind::Z) => FieldValue::Bcd {
                bcd: self.data,
                digits: self.count,
                right_aligned: !cups_left_aligned(self.spec),
            },
            (Packing::Cups, Kind::B) => FieldValue::Bytes(self.data),
        }
    }

    /// The data as text: the message's text when it was all UTF-8, else checked here.
    fn as_str(&self) -> Option<&'a str> {
        self.text.or_else(|| std::str::from_utf8(self.data).ok())
    }
}

/// A field's value read in place, as usable as the owned [`super::Value`] that
/// [`super::decode`] builds from it, without a copy. `Debug` shows the variant and the length,
/// never the value (it may be card data).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// Printable ASCII: text fields, and the numerics of the ASCII packing.
    Text(&'a str),
    /// A binary field of the ASCII packing as its hex text (even length, hex digits: checked);
    /// the owned value holds the bytes.
    Hex(&'a str),
    /// Bytes kept verbatim: CUPS binary fields, and text fields holding bytes that are not
    /// printable ASCII.
    Bytes(&'a [u8]),
    /// A CUPS numeric or track field: `digits` BCD digits in `bcd`; for an odd count the pad
    /// nibble leads when `right_aligned`, and ends the value otherwise (DE22, LL/LLL fields).
    Bcd {
        bcd: &'a [u8],
        digits: usize,
        right_aligned: bool,
    },
}

impl std::fmt::Debug for FieldValue<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Text(t) => write!(f, "Text(<{} chars>)", t.len()),
            FieldValue::Hex(h) => write!(f, "Hex(<{} chars>)", h.len()),
            FieldValue::Bytes(b) => write!(f, "Bytes(<{} bytes>)", b.len()),
            FieldValue::Bcd { digits, .. } => write!(f, "Bcd(<{digits} digits>)"),
        }
    }
}

/// Even-length hex text (either case). Every byte is looked at, without a branch per byte, so
/// the check runs many bytes at a time (DE55 is hundreds of characters).
fn is_hex_text(data: &[u8]) -> bool {
    data.len() % 2 == 0 && data.iter().fold(true, |ok, c| ok & c.is_ascii_hexdigit())
}

/// Printable ASCII only. Checked as one maximum over the bytes shifted down by `0x20`
/// (controls wrap round to the top), which runs many bytes at a time.
fn is_printable(data: &[u8]) -> bool {
    data.iter().fold(0u8, |m, b| m.max(b.wrapping_sub(0x20))) < 0x7F - 0x20
}

/// A message read in place.
#[derive(Clone, Debug)]
pub struct MessageView<'a> {
    /// The MTI as on the wire (4 ASCII digits or 2 BCD bytes).
    pub mti: In<'a>,
    /// Primary and secondary bitmap; `bitmap_len` is 8 or 16.
    pub bitmap: [u8; 16],
    pub bitmap_len: usize,
    pub fields: Vec<FieldRef<'a>>,
    pub warnings: Vec<DecodeWarning>,
    pub consumed: usize,
}

/// One field's data: the length (fixed or from the prefix), then the bytes it takes; CUPS
/// numerics checked as BCD, the pad nibble of an odd length noted when it is not 0/F.
fn field<'a, 'w>(
    spec: &'static FieldSpec,
    packing: Packing,
    whole: In<'a>,
    warnings: &'w mut Vec<DecodeWarning>,
) -> impl FnMut(In<'a>) -> Res<'a, FieldRef<'a>> + 'w
where
    'a: 'w,
{
    move |i: In<'a>| {
        let start = whole.len() - i.len();
        let (rest, count) = match spec.len {
            LenType::Fixed => (i, max_units(spec, packing)),
            _ => length_prefix(spec, packing).parse(i)?,
        };
        let bcd = packing == Packing::Cups && matches!(spec.kind, Kind::N | Kind::Z);
        let wire = if bcd { count.div_ceil(2) } else { count };
        let (rest, data) = bytes(wire, || label(spec)).parse(rest)?;
        if bcd {
            let right = !cups_left_aligned(spec);
            let pad = super::unpack::pad_nibble(data, count, right);
            if spec.kind == Kind::N {
                if let Some(k) = super::unpack::bad_bcd_byte(data, pad.map(|(k, _)| k), right) {
                    return fail(
                        &data[k..],
                        DecodeErrorKind::Invalid,
                        format!("{} as BCD digits, found byte {:02X}", label(spec), data[k]),
                    );
                }
            }
            if let Some((k, nib)) = pad.filter(|&(_, n)| n != 0 && n != 0x0F) {
                warnings.push(DecodeWarning {
                    layer: LAYER,
                    offset: offset_in(whole, data) + k,
                    what: format!(
                        "{}: pad nibble {nib:X} (expected 0 or F), ignored",
                        label(spec)
                    ),
                });
            }
        }
        Ok((
            rest,
            FieldRef {
                spec,
                start,
                prefix_len: prefix_len(spec, packing),
                count,
                data,
                text: None,
            },
        ))
    }
}

/// MTI, bitmaps, then every field the bitmaps name, in order.
fn message<'a>(whole: In<'a>, packing: Packing) -> Res<'a, MessageView<'a>> {
    let (i, mti) = mti(packing).parse(whole)?;
    let (mut i, first) = bitmap(packing, "primary bitmap").parse(i)?;
    let mut map = [0u8; 16];
    map[..8].copy_from_slice(&first);
    let mut bitmap_len = 8;
    if first[0] & 0x80 != 0 {
        let (rest, second) = bitmap(packing, "secondary bitmap").parse(i)?;
        map[8..].copy_from_slice(&second);
        bitmap_len = 16;
        i = rest;
    }
    // The fields present, bit 1 (field 1 is the secondary bitmap) off; a 64-bit map leaves
    // the second half zero. Visited set bit by set bit, not all 128 positions.
    let mut present = u128::from_be_bytes(map) & !(1u128 << 127);
    let mut fields = Vec::with_capacity(present.count_ones() as usize);
    let mut warnings = Vec::new();
    while present != 0 {
        let skip = present.leading_zeros();
        present &= !(1u128 << (127 - skip));
        // 2 to 128: `present` is not zero and bit 1 is off.
        let Some(spec) = field_spec((skip + 1) as u8, packing) else {
            continue;
        };
        let (rest, f) = field(spec, packing, whole, &mut warnings)(i)?;
        fields.push(f);
        i = rest;
    }
    let consumed = whole.len() - i.len();
    // One UTF-8 check for the whole ASCII message (printable text as a rule), so a text
    // field's value needs only its printable check.
    if packing == Packing::Ascii {
        if let Ok(text) = std::str::from_utf8(whole.get(..consumed).unwrap_or_default()) {
            for f in &mut fields {
                let from = f.start.saturating_add(f.prefix_len);
                f.text = text.get(from..from.saturating_add(f.data.len()));
            }
        }
    }
    Ok((
        i,
        MessageView {
            mti,
            bitmap: map,
            bitmap_len,
            fields,
            warnings,
            consumed,
        },
    ))
}

/// Reads one message in place and reports how many bytes it used (trailing bytes allowed).
/// The one place nom's errors become a [`DecodeError`] with the byte offset.
pub fn view_prefix(bytes: &[u8], packing: Packing) -> Result<MessageView<'_>, DecodeError> {
    message(bytes, packing)
        .map(|(_, v)| v)
        .map_err(|e| to_decode_error(LAYER, bytes, 0, e))
}

/// Reads one message body in place; every byte must be consumed.
pub fn view(bytes: &[u8], packing: Packing) -> Result<MessageView<'_>, DecodeError> {
    let v = view_prefix(bytes, packing)?;
    if v.consumed != bytes.len() {
        return Err(DecodeError::invalid(
            LAYER,
            v.consumed,
            format!(
                "end of message after the last field in the bitmap, {} bytes left over",
                bytes.len() - v.consumed
            ),
        ));
    }
    Ok(v)
}
