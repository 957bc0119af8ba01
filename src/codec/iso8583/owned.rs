//! An ISO 8583 message owned in one buffer ([`MessageBuf`]): the bytes kept once, every field
//! found by its place in them, values read in place from the buffer ([`FieldValue`], as
//! [`super::view`] gives them). The cheap owned form, to keep or send on a decoded message (a
//! worker thread, a replayed log); [`super::Message`] is the form whose fields are changed.

use super::spec::FieldSpec;
use super::view::{view, FieldRef, FieldValue};
use super::Packing;
use crate::codec::{DecodeError, DecodeWarning};
use std::fmt;

/// Where one field lies in a [`MessageBuf`]'s bytes.
#[derive(Clone, Copy)]
struct FieldAt {
    spec: &'static FieldSpec,
    start: usize,
    prefix_len: usize,
    count: usize,
    data_len: usize,
}

impl FieldAt {
    /// Offset just past the field's data.
    fn end(&self) -> usize {
        self.start
            .saturating_add(self.prefix_len)
            .saturating_add(self.data_len)
    }
}

/// A message body owned in one buffer: three allocations (the bytes, the field table, and the
/// parser's field list while reading), whatever the number of fields. `Debug` shows where the
/// fields are and their lengths, never their data (it may be card data).
#[derive(Clone)]
pub struct MessageBuf {
    /// The message when its bytes are UTF-8 (an ASCII message as a rule): text fields are
    /// given as slices of it, with no check of their own.
    text: String,
    /// The message otherwise (a CUPS message), `text` empty.
    raw: Vec<u8>,
    packing: Packing,
    mti_len: usize,
    bitmap: [u8; 16],
    bitmap_len: usize,
    fields: Vec<FieldAt>,
    warnings: Vec<DecodeWarning>,
}

/// Decodes a message body (every byte used, as [`super::view`]) into a [`MessageBuf`], copying
/// the bytes once.
///
/// # Errors
/// As [`super::view`]: the offset, kind and what was expected.
pub fn decode_buf(bytes: &[u8], packing: Packing) -> Result<MessageBuf, DecodeError> {
    MessageBuf::new(bytes.to_vec(), packing)
}

impl MessageBuf {
    /// Reads a message body that the caller hands over (no copy).
    ///
    /// # Errors
    /// As [`super::view`].
    pub fn new(bytes: Vec<u8>, packing: Packing) -> Result<MessageBuf, DecodeError> {
        let (text, raw) = match packing {
            Packing::Ascii => match String::from_utf8(bytes) {
                Ok(s) => (s, Vec::new()),
                Err(e) => (String::new(), e.into_bytes()),
            },
            Packing::Cups => (String::new(), bytes),
        };
        let v = view(
            if raw.is_empty() {
                text.as_bytes()
            } else {
                &raw
            },
            packing,
        )?;
        let fields = v
            .fields
            .iter()
            .map(|f| FieldAt {
                spec: f.spec,
                start: f.start,
                prefix_len: f.prefix_len,
                count: f.count,
                data_len: f.data.len(),
            })
            .collect();
        let (mti_len, bitmap, bitmap_len) = (v.mti.len(), v.bitmap, v.bitmap_len);
        let warnings = v.warnings;
        Ok(MessageBuf {
            text,
            raw,
            packing,
            mti_len,
            bitmap,
            bitmap_len,
            fields,
            warnings,
        })
    }

    /// The message bytes as decoded.
    pub fn bytes(&self) -> &[u8] {
        if self.raw.is_empty() {
            self.text.as_bytes()
        } else {
            &self.raw
        }
    }

    /// The packing the message was read with.
    pub fn packing(&self) -> Packing {
        self.packing
    }

    /// The MTI as on the wire (4 ASCII digits or 2 BCD bytes).
    pub fn mti(&self) -> &[u8] {
        self.bytes().get(..self.mti_len).unwrap_or_default()
    }

    /// Primary and secondary bitmap (8 or 16 bytes).
    pub fn bitmap(&self) -> &[u8] {
        self.bitmap.get(..self.bitmap_len).unwrap_or_default()
    }

    /// What was read past with a remark (a CUPS pad nibble that is not `0`/`F`).
    pub fn warnings(&self) -> &[DecodeWarning] {
        &self.warnings
    }

    /// Every field in bitmap order, in place in the buffer.
    pub fn fields(&self) -> impl Iterator<Item = FieldRef<'_>> + '_ {
        self.fields.iter().map(|f| self.field_ref(f))
    }

    /// Field `num`, when the message has it.
    pub fn field(&self, num: u8) -> Option<FieldRef<'_>> {
        let k = self
            .fields
            .binary_search_by_key(&num, |f| f.spec.num)
            .ok()?;
        self.fields.get(k).map(|f| self.field_ref(f))
    }

    /// Field `num`'s value (see [`FieldValue`]), when the message has it.
    pub fn value(&self, num: u8) -> Option<FieldValue<'_>> {
        self.field(num).map(|f| f.value(self.packing))
    }

    fn field_ref(&self, f: &FieldAt) -> FieldRef<'_> {
        let data = f.start.saturating_add(f.prefix_len)..f.end();
        FieldRef {
            spec: f.spec,
            start: f.start,
            prefix_len: f.prefix_len,
            count: f.count,
            data: self.bytes().get(data.clone()).unwrap_or_default(),
            text: if self.raw.is_empty() {
                self.text.get(data)
            } else {
                None
            },
        }
    }
}

impl fmt::Debug for MessageBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageBuf")
            .field("packing", &self.packing)
            .field("len", &self.bytes().len())
            .field("fields", &self.fields().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::codec::iso8583::{decode, encode, Message};

    /// The owned buffer gives every field the in-place view gives, and the values the owned
    /// `Message` holds.
    #[test]
    fn same_fields_as_the_view_and_the_message() {
        for packing in [Packing::Ascii, Packing::Cups] {
            let m = Message::new("0200")
                .with(2, "6212345678901232")
                .with(3, "000000")
                .with(4, "000000012345")
                .with(11, "000123")
                .with(22, "051")
                .with(41, "10000019")
                .with(43, "CARDBENCH TEST MERCHANT   SHANGHAI    CN");
            let wire = encode(&m, packing).unwrap();
            let buf = decode_buf(&wire, packing).unwrap();
            let v = view(&wire, packing).unwrap();
            assert_eq!(buf.fields().count(), v.fields.len());
            for (a, b) in buf.fields().zip(&v.fields) {
                assert_eq!(
                    (a.spec.num, a.start, a.count, a.data),
                    (b.spec.num, b.start, b.count, b.data)
                );
            }
            let owned = decode(&wire, packing).unwrap();
            assert_eq!(buf.mti(), v.mti);
            assert_eq!(
                buf.value(43),
                Some(FieldValue::Text("CARDBENCH TEST MERCHANT   SHANGHAI    CN"))
            );
            assert_eq!(
                owned.message.text(43),
                Some("CARDBENCH TEST MERCHANT   SHANGHAI    CN")
            );
            assert!(buf.value(5).is_none());
            assert!(!format!("{buf:?}").contains("6212345678901232"));
        }
        assert!(decode_buf(b"02", Packing::Ascii).is_err());
    }
}
