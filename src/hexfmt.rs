//! Hex text in and out: tolerant parsing of pasted hex (spaces, colons, `0x`), formatting.

use thiserror::Error;

/// Bad hex text, with the byte offset (in the input text) of the first bad character.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum HexError {
    #[error("invalid hex character {ch:?} at offset {offset}")]
    BadChar { offset: usize, ch: char },
    #[error("odd number of hex digits (a nibble is missing at the end, offset {offset})")]
    OddLength { offset: usize },
}

impl HexError {
    /// The error for people in `lang` (English: the `Display`); the character is shown quoted
    /// and the offset as a number in both languages.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::t;
        match self {
            HexError::BadChar { offset, ch } => {
                let ch = format!("{ch:?}");
                t!(lang, "errors-hex-bad-char", ch = ch, offset = *offset)
            }
            HexError::OddLength { offset } => t!(lang, "errors-hex-odd", offset = *offset),
        }
        .into_owned()
    }
}

/// What one step of the hex reader met.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HexToken {
    /// A hex digit's value.
    Nibble(u8),
    /// A separator (white space, `:`, `-`, `,`) or a `0x` prefix.
    Skip,
    /// A line break: an offset column may follow.
    Newline,
}

/// An offset column at the start of a dump line (`0000: `, `00000010:\t`, EMV tools and
/// terminal logs print one): four or more hex digits, a colon, white space. Without it the
/// offset would be read as data (`0005: 00 01` as `00 05 00 01`).
fn offset_column(i: &str) -> nom::IResult<&str, ()> {
    use nom::character::complete::{char, hex_digit1, space0, space1};
    use nom::combinator::{value, verify};
    use nom::Parser;
    value(
        (),
        (
            space0,
            verify(hex_digit1, |d: &str| d.len() >= 4),
            char(':'),
            space1,
        ),
    )
    .parse(i)
}

/// One token of pasted hex.
fn hex_token(i: &str) -> nom::IResult<&str, HexToken> {
    use nom::branch::alt;
    use nom::bytes::complete::tag_no_case;
    use nom::character::complete::{char, one_of, satisfy};
    use nom::combinator::{map, value};
    use nom::Parser;
    alt((
        value(HexToken::Newline, char('\n')),
        value(HexToken::Skip, one_of(" \t\r\x0c:-,")),
        value(HexToken::Skip, tag_no_case("0x")),
        map(satisfy(|c| c.is_ascii_hexdigit()), |c| {
            HexToken::Nibble(c.to_digit(16).unwrap_or(0) as u8)
        }),
    ))
    .parse(i)
}

/// Parses hex text. Whitespace, `:`, `-` and `,` separators, `0x` prefixes and an offset
/// column at the start of a line (`0010: …`) are ignored.
///
/// Errors: [`HexError::BadChar`] with the byte offset of the first character that is none of
/// these (the ASCII column of `xxd` or `hexdump -C` output), [`HexError::OddLength`].
pub fn parse_hex(text: &str) -> Result<Vec<u8>, HexError> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut hi: Option<u8> = None;
    let mut rest = text;
    let mut line_start = true;
    while !rest.is_empty() {
        if line_start {
            if let Ok((r, ())) = offset_column(rest) {
                rest = r;
            }
        }
        let Ok((r, token)) = hex_token(rest) else {
            let offset = text.len() - rest.len();
            let ch = rest.chars().next().unwrap_or('?');
            return Err(HexError::BadChar { offset, ch });
        };
        rest = r;
        line_start = token == HexToken::Newline;
        if let HexToken::Nibble(v) = token {
            match hi.take() {
                None => hi = Some(v),
                Some(h) => out.push(h << 4 | v),
            }
        }
    }
    if hi.is_some() {
        return Err(HexError::OddLength { offset: text.len() });
    }
    Ok(out)
}

/// Upper-case hex without separators.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push_str(&format!("{b:02X}"));
    }
    s
}

/// Upper-case hex with a space between bytes.
pub fn hex_spaced(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&format!("{b:02X}"));
    }
    s
}

/// Printable ASCII view of bytes, `.` for the rest.
pub fn ascii_view(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if (0x20..0x7f).contains(&b) {
                b as char
            } else {
                '.'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant() {
        assert_eq!(parse_hex("3B 8D 80").unwrap(), vec![0x3B, 0x8D, 0x80]);
        assert_eq!(parse_hex("0x3b:8d").unwrap(), vec![0x3B, 0x8D]);
        assert_eq!(
            parse_hex("zz"),
            Err(HexError::BadChar { offset: 0, ch: 'z' })
        );
        assert!(matches!(parse_hex("abc"), Err(HexError::OddLength { .. })));
    }

    /// Breaker, session 6: a log's dump with offset columns was read with the offsets as data
    /// (`9F02` amount 000000050000 instead of 000000000100).
    #[test]
    fn offset_columns_are_not_data() {
        let dump = "0000: 9F 02 06 00 00\n0005: 00 00 01 00\n";
        assert_eq!(
            parse_hex(dump).unwrap(),
            [0x9F, 0x02, 0x06, 0, 0, 0, 0, 1, 0]
        );
        assert_eq!(
            parse_hex("  00000010:\t3B 8D\r\n00000012: 80").unwrap(),
            [0x3B, 0x8D, 0x80]
        );
        // Colon-separated bytes are no offset; xxd's ASCII column stays refused.
        assert_eq!(parse_hex("9F:02:06").unwrap(), [0x9F, 0x02, 0x06]);
        let xxd = "00000000: 9f02 0600 0000 0001 00    .........";
        assert!(matches!(
            parse_hex(xxd),
            Err(HexError::BadChar { ch: '.', .. })
        ));
    }
}
