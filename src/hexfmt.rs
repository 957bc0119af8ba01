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

/// Parses hex text. Whitespace, `:` and `-` separators and `0x` prefixes are ignored.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, HexError> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut hi: Option<u8> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'0' && hi.is_none() && matches!(bytes.get(i + 1), Some(b'x') | Some(b'X')) {
            i += 2;
            continue;
        }
        if c.is_ascii_whitespace() || c == b':' || c == b'-' || c == b',' {
            i += 1;
            continue;
        }
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => {
                let ch = text[i..].chars().next().unwrap_or('?');
                return Err(HexError::BadChar { offset: i, ch });
            }
        };
        match hi.take() {
            None => hi = Some(v),
            Some(h) => out.push(h << 4 | v),
        }
        i += 1;
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
}
