//! What bytes that do not fit the expected ISO 8583 framing look like ([`diagnose`]): typed
//! findings, said in English by `Display` (the host's records and the CSV `detail`) and in the
//! display language by [`FramingHint::text`] (`decode 8583`, the host trace, the screen).

use super::framing::{declared_len, Framing};
use crate::codec::nomkit::all_ascii_digits;
use crate::i18n::{t, Lang};
use std::fmt;

/// One finding about bytes that do not fit a framing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FramingHint {
    /// Nothing arrived.
    NoBytes,
    /// Fewer bytes than any length header (the count).
    TooShort(usize),
    /// The first 4 bytes read as a 4-digit ASCII length (`digits`, the value `len`); `fits`
    /// when it matches the bytes that follow.
    LooksAscii4 {
        digits: String,
        len: usize,
        fits: bool,
    },
    /// The length header disagrees with the bytes that arrived after it.
    LengthMismatch { says: usize, arrived: usize },
    /// CUPS framing without its TPDU: the byte found after the length instead of `60`, and
    /// what the bytes look like instead.
    NoTpdu { found: u8, instead: NoTpduLooks },
    /// A TPDU follows the 2-byte length: the peer speaks CUPS framing, not len2.
    TpduAfterLength,
    /// The bytes start with a TPDU: the length header is missing.
    StartsWithTpdu,
    /// An ASCII MTI (`mti`) and a hex bitmap start the bytes: no length header at all.
    AsciiMtiNoLength { mti: String },
    /// No 4-digit ASCII length: the first bytes, spaced hex.
    NoAscii4 { first: String },
    /// The first two bytes are a binary length (`len`) that matches the bytes that follow.
    LooksBinaryLength { len: usize },
}

/// What follows the length when a CUPS TPDU is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoTpduLooks {
    /// Nothing recognisable.
    Unknown,
    /// ASCII digits: the body is ASCII-packed.
    AsciiDigits,
    /// A BCD MTI: len2 framing.
    BcdMti,
}

impl FramingHint {
    /// The finding in `lang` (catalogue `decode-frame-*`); English is the `Display`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FramingHint::NoBytes => t!(lang, "decode-frame-no-bytes"),
            FramingHint::TooShort(n) => t!(lang, "decode-frame-too-short", count = *n),
            FramingHint::LooksAscii4 { digits, len, fits } => t!(
                lang,
                "decode-frame-looks-ascii4",
                digits = format!("{digits:?}"),
                len = *len,
                fits = if *fits { "yes" } else { "no" }
            ),
            FramingHint::LengthMismatch { says, arrived } => t!(
                lang,
                "decode-frame-length-mismatch",
                says = *says,
                arrived = *arrived
            ),
            FramingHint::NoTpdu { found, instead } => t!(
                lang,
                "decode-frame-no-tpdu",
                found = format!("{found:02X}"),
                instead = match instead {
                    NoTpduLooks::Unknown => "unknown",
                    NoTpduLooks::AsciiDigits => "ascii",
                    NoTpduLooks::BcdMti => "bcd",
                }
            ),
            FramingHint::TpduAfterLength => t!(lang, "decode-frame-tpdu-after-length"),
            FramingHint::StartsWithTpdu => t!(lang, "decode-frame-starts-with-tpdu"),
            FramingHint::AsciiMtiNoLength { mti } => {
                t!(lang, "decode-frame-ascii-mti", mti = format!("{mti:?}"))
            }
            FramingHint::NoAscii4 { first } => {
                t!(lang, "decode-frame-no-ascii4", first = first.as_str())
            }
            FramingHint::LooksBinaryLength { len } => {
                t!(lang, "decode-frame-looks-binary", len = *len)
            }
        }
        .into_owned()
    }
}

impl fmt::Display for FramingHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Findings joined for one line in `lang` (`; ` in English, `；` in Chinese).
pub fn hints_text(hints: &[FramingHint], lang: Lang) -> String {
    let sep = match lang {
        Lang::En => "; ",
        Lang::ZhCn => "；",
    };
    hints
        .iter()
        .map(|h| h.text(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// Explains what some bytes look like when they do not fit `expected`: the length header
/// against the bytes that arrived, a missing TPDU, a 4-digit ASCII length, an unframed body.
/// Empty when the bytes fit.
pub fn diagnose(buf: &[u8], expected: Framing) -> Vec<FramingHint> {
    let mut out = Vec::new();
    if buf.is_empty() {
        out.push(FramingHint::NoBytes);
        return out;
    }
    if buf.len() < 2 {
        out.push(FramingHint::TooShort(buf.len()));
        return out;
    }
    let bin_len = usize::from(buf[0]) << 8 | usize::from(buf[1]);
    let after2 = buf.len() - 2;
    let ascii4_len = declared_len(Framing::Ascii4, buf).ok().flatten();
    match expected {
        Framing::Cups | Framing::Len2 => {
            if let Some(l4) = ascii4_len {
                out.push(FramingHint::LooksAscii4 {
                    digits: String::from_utf8_lossy(&buf[..4]).into_owned(),
                    len: l4,
                    fits: l4 == buf.len() - 4,
                });
            }
            if bin_len != after2 {
                out.push(FramingHint::LengthMismatch {
                    says: bin_len,
                    arrived: after2,
                });
            }
            if expected == Framing::Cups && buf.len() > 2 && buf[2] != 0x60 {
                let instead = if all_ascii_digits(&buf[2..buf.len().min(6)]) {
                    NoTpduLooks::AsciiDigits
                } else if buf.len() >= 4 && looks_bcd_mti(&buf[2..4]) {
                    NoTpduLooks::BcdMti
                } else {
                    NoTpduLooks::Unknown
                };
                out.push(FramingHint::NoTpdu {
                    found: buf[2],
                    instead,
                });
            }
            if expected == Framing::Len2 && buf.len() > 2 && buf[2] == 0x60 && buf.len() >= 13 {
                out.push(FramingHint::TpduAfterLength);
            }
            if buf[0] == 0x60 {
                out.push(FramingHint::StartsWithTpdu);
            }
            if all_ascii_digits(&buf[..buf.len().min(4)]) && buf.len() >= 20 {
                let b = &buf[4..buf.len().min(20)];
                if b.iter().all(u8::is_ascii_hexdigit) {
                    out.push(FramingHint::AsciiMtiNoLength {
                        mti: String::from_utf8_lossy(&buf[..4]).into_owned(),
                    });
                }
            }
        }
        Framing::Ascii4 => match ascii4_len {
            Some(l4) if l4 != buf.len() - 4 => out.push(FramingHint::LengthMismatch {
                says: l4,
                arrived: buf.len() - 4,
            }),
            Some(_) => {}
            None => {
                out.push(FramingHint::NoAscii4 {
                    first: crate::hexfmt::hex_spaced(&buf[..buf.len().min(4)]),
                });
                if bin_len == after2 {
                    out.push(FramingHint::LooksBinaryLength { len: bin_len });
                }
            }
        },
    }
    out
}

fn looks_bcd_mti(b: &[u8]) -> bool {
    b.len() == 2 && b[0] <= 0x09 && b[1] & 0x0F == 0 && b[1] >> 4 <= 9
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Each finding reads the same in English as the plain lines it replaced (the host's
    /// records keep their words), and is Chinese in Chinese.
    #[test]
    fn hints_in_both_languages() {
        let mut f = vec![0x00, 0x04, 0x08, 0x00, 0x22, 0x00];
        let d = diagnose(&f, Framing::Cups);
        assert_eq!(
            d[0].to_string(),
            "no TPDU: expected 60 after the length, found 08 (a BCD MTI follows the length directly: len2 framing?)"
        );
        assert!(d[0].text(Lang::ZhCn).contains("TPDU"), "{:?}", d[0]);
        f = b"0024080082200000000000000400".to_vec();
        let d = diagnose(&f, Framing::Len2);
        assert_eq!(
            d[0].to_string(),
            "looks like a 4-digit ASCII length (\"0024\" = 24, which matches the bytes that follow), not a 2-byte binary one"
        );
        assert_eq!(
            diagnose(&[0x30, 0x30, 0x31, 0x32, 0x00], Framing::Ascii4)[0].to_string(),
            "length header says 12, 1 bytes arrived"
        );
        let all = [
            FramingHint::NoBytes,
            FramingHint::TooShort(1),
            FramingHint::TpduAfterLength,
            FramingHint::StartsWithTpdu,
            FramingHint::NoAscii4 {
                first: "08 00".into(),
            },
            FramingHint::LooksBinaryLength { len: 4 },
            FramingHint::AsciiMtiNoLength { mti: "0200".into() },
        ];
        for h in &all {
            let zh = h.text(Lang::ZhCn);
            assert!(
                !zh.contains("arrived") && !zh.contains("length") && zh != h.to_string(),
                "{zh}"
            );
        }
        assert_eq!(
            hints_text(&all[..2], Lang::ZhCn).matches('；').count(),
            1,
            "{}",
            hints_text(&all[..2], Lang::ZhCn)
        );
    }
}
