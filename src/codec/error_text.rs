//! A decoder's error said for people in each language ([`DecodeError::text`]): English is the
//! `Display`; Chinese names the layer, the byte offset and, for the phrases the decoders write,
//! what was expected there (期望 …), keeping the numbers, tags and hex of the phrase verbatim.

use super::{DecodeError, DecodeErrorKind, DecodeWarning};
use crate::i18n::{captures, t, tr_args, Arg, Lang};

/// Each phrase a decoder writes as `expected` (`{}`: a number, tag, hex or a nested phrase)
/// and its catalogue id; the captures are `$a`, `$b`, `$c` in order. A phrase not listed
/// falls back to the kind of fault ([`DecodeErrorKind`]) without the English detail.
const EXPECTED: &[(&str, &str)] = &[
    ("TS (3B or 3F)", "errors-exp-ts"),
    ("TS 3B or 3F", "errors-exp-ts"),
    (
        "TS 3B or 3F (03 is an inverse-convention card read in direct mode)",
        "errors-exp-ts-inverse",
    ),
    (
        "end of interface bytes (an ATR has at most 33 bytes)",
        "errors-exp-interface-end",
    ),
    ("{} historical bytes (got {})", "errors-exp-historical"),
    ("a tag byte", "errors-exp-tag-byte"),
    ("a subsequent tag byte", "errors-exp-tag-next"),
    ("a tag of at most {} bytes", "errors-exp-tag-max"),
    ("a length byte", "errors-exp-length-byte"),
    ("{} length bytes after {}", "errors-exp-length-bytes"),
    (
        "a length of at most 4 length bytes (81..84)",
        "errors-exp-length-max",
    ),
    (
        "a definite length (indefinite length 80 is not used in EMV)",
        "errors-exp-definite",
    ),
    (
        "{} value bytes for tag {} ({} left in input)",
        "errors-exp-value-bytes",
    ),
    ("a data object", "errors-exp-data-object"),
    (
        "nesting of at most {} constructed objects",
        "errors-exp-nesting",
    ),
    ("more bytes", "errors-exp-more"),
    ("a 4-byte header CLA INS P1 P2", "errors-exp-apdu-header"),
    ("extended Lc other than 0000", "errors-exp-apdu-lc"),
    (
        "one Le byte, or Lc (1 byte non-zero or 3 bytes 00 xx xx) and data",
        "errors-exp-apdu-le",
    ),
    ("SW1 SW2", "errors-exp-sw"),
    ("AFL entries of 4 bytes each", "errors-exp-afl"),
    ("an SFI of 1..30 in b8-b4 (got {})", "errors-exp-afl-sfi"),
    ("a length byte for DOL tag {}", "errors-exp-dol-length"),
    (
        "8 bytes of amounts X and Y in a CVM list",
        "errors-exp-cvm-amounts",
    ),
    ("CVM rules of 2 bytes each", "errors-exp-cvm-rules"),
    ("MTI (4 ASCII digits)", "errors-exp-mti-ascii"),
    ("MTI (2 BCD bytes)", "errors-exp-mti-bcd"),
    ("primary bitmap", "errors-exp-bitmap-primary"),
    ("secondary bitmap", "errors-exp-bitmap-secondary"),
    ("{}: {} bytes, only {} left", "errors-exp-bytes-left"),
    (
        "{} in ASCII digits, found byte {}",
        "errors-exp-ascii-digits",
    ),
    ("{} in BCD digits, found byte {}", "errors-exp-bcd-digits"),
    ("{} as BCD digits, found byte {}", "errors-exp-as-bcd"),
    ("{} as 16 hex characters", "errors-exp-as-hex"),
    (
        "{} length at most {}, the prefix says {}",
        "errors-exp-length-at-most",
    ),
    ("{} length prefix", "errors-exp-length-prefix"),
    ("{} length", "errors-exp-length-of"),
    (
        "end of message after the last field in the bitmap, {} bytes left over",
        "errors-exp-left-over",
    ),
    (
        "4 ASCII digits of length, found byte {}",
        "errors-exp-frame-digits",
    ),
    (
        "TPDU (5 bytes) and header (6 bytes), the length says only {}",
        "errors-exp-frame-tpdu",
    ),
    (
        "TPDU id 60 after the length, found {} (no TPDU?)",
        "errors-exp-frame-tpdu-id",
    ),
    (
        "a {}-byte length header, only {} bytes arrived",
        "errors-exp-frame-header",
    ),
    (
        "{} bytes (the length header says {}, {} bytes arrived)",
        "errors-exp-frame-short",
    ),
    (
        "end of frame (the length header says {}, {} bytes arrived)",
        "errors-exp-frame-end",
    ),
];

/// Each warning a decoder writes (`DecodeWarning::what`) and its catalogue id, as
/// [`EXPECTED`]. Warnings worded where the language is known (the 8583 character-set ones)
/// are not listed: they are already in the display language.
const WARNINGS: &[(&str, &str)] = &[
    (
        "length byte {} of tag {} is not valid BER; read as {} = bytes left",
        "errors-warn-ber-length",
    ),
    (
        "{}: pad nibble {} (expected 0 or F), ignored",
        "errors-warn-pad-nibble",
    ),
];

/// A decoder layer's name in `lang` (`errors-decode-layer`: 8583 报文, 磁道 …).
fn layer_text(layer: &str, lang: Lang) -> String {
    // Fluent selects on identifiers: a layer named by digits gets one.
    let key = if layer == "8583" { "iso8583" } else { layer };
    t!(lang, "errors-decode-layer", layer = key).into_owned()
}

impl DecodeWarning {
    /// The warning for people in `lang`: English is the `Display` (`tlv: warning at byte 1:
    /// length byte 91 …`); Chinese says the layer, the offset and the phrase of [`WARNINGS`]
    /// (a phrase not listed is kept as it is: it was worded in the display language).
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let layer = layer_text(self.layer, lang);
        let what = expected_in(&self.what, lang).unwrap_or_else(|| self.what.clone());
        t!(
            lang,
            "errors-warning",
            layer = layer,
            offset = self.offset,
            what = what
        )
        .into_owned()
    }
}

impl DecodeError {
    /// The error for people in `lang`: English is the `Display` (`8583: at byte 0: expected
    /// MTI (4 ASCII digits): 4 bytes, only 2 left`); Chinese says the layer, the offset and
    /// 期望 … (`8583 报文：第 0 字节处期望 MTI（4 位 ASCII 数字）：需要 4 字节，只剩 2 字节`),
    /// or the kind of fault when the phrase is not one the decoders are known to write.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let layer = layer_text(self.layer, lang);
        match expected_in(&self.expected, lang) {
            Some(expected) => t!(
                lang,
                "errors-decode",
                layer = layer,
                offset = self.offset,
                expected = expected
            ),
            None => {
                let kind = match self.kind {
                    DecodeErrorKind::Truncated => "truncated",
                    DecodeErrorKind::Invalid => "invalid",
                    DecodeErrorKind::Checksum => "checksum",
                    DecodeErrorKind::TooDeep => "too-deep",
                    DecodeErrorKind::TooLong => "too-long",
                };
                let args = [
                    ("kind", Arg::from(kind)),
                    ("layer", Arg::from(layer)),
                    ("offset", Arg::from(self.offset)),
                ];
                tr_args(lang, "errors-decode-kind", &args)
            }
        }
        .into_owned()
    }
}

impl DecodeError {
    /// What was expected, in `lang`: the phrase of [`DecodeError::text`] alone (English: the
    /// decoder's own words; Chinese: the catalogue's, or the English phrase when it is not one
    /// the decoders are known to write).
    pub fn expected_text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.expected.clone(),
            Lang::ZhCn => {
                expected_in(&self.expected, lang).unwrap_or_else(|| self.expected.clone())
            }
        }
    }
}

/// A decoder's `expected` phrase in `lang`, when it is one of [`EXPECTED`] or an ISO 8583
/// field label (`field 2 (Primary Account Number)`); a capture that is itself such a phrase is
/// said in `lang` too, any other capture (a number, a tag, hex) is kept as it is.
fn expected_in(phrase: &str, lang: Lang) -> Option<String> {
    if let Some(field) = field_in(phrase, lang) {
        return Some(field);
    }
    EXPECTED.iter().chain(WARNINGS).find_map(|(template, id)| {
        let caps = captures(template, phrase)?;
        let said: Vec<String> = caps
            .iter()
            .map(|c| expected_in(c, lang).unwrap_or_else(|| (*c).to_string()))
            .collect();
        let args: Vec<(&str, Arg<'_>)> = ["a", "b", "c"]
            .into_iter()
            .zip(said.iter().map(|s| Arg::from(s.as_str())))
            .collect();
        Some(tr_args(lang, id, &args).into_owned())
    })
}

/// `field N (NAME)` (the 8583 decoder's label of a field) with the field's name in `lang`.
fn field_in(phrase: &str, lang: Lang) -> Option<String> {
    let caps = captures("field {} ({})", phrase)?;
    let (num, name) = (caps.first()?, caps.get(1)?);
    let n: u8 = num.parse().ok()?;
    use super::iso8583::{spec::field_spec, Packing};
    let spec = [Packing::Ascii, Packing::Cups]
        .into_iter()
        .filter_map(|p| field_spec(n, p))
        .find(|s| s.name == *name)?;
    Some(t!(lang, "errors-exp-field", a = *num, b = spec.name_in(lang)).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_id_is_in_the_catalogue() {
        for (_, id) in EXPECTED.iter().chain(WARNINGS) {
            assert!(crate::i18n::has(Lang::ZhCn, id), "{id}");
            assert!(crate::i18n::has(Lang::En, id), "{id}");
        }
    }

    #[test]
    fn chinese_says_what_was_expected_and_keeps_the_numbers() {
        let e = DecodeError::truncated("8583", 0, "MTI (4 ASCII digits): 4 bytes, only 2 left");
        assert_eq!(e.text(Lang::En), e.to_string());
        assert_eq!(
            e.text(Lang::ZhCn),
            "8583 报文：第 0 字节处期望 MTI（4 位 ASCII 数字）：需要 4 字节，只剩 2 字节"
        );
        let e = DecodeError::truncated("tlv", 1, "a subsequent tag byte");
        assert_eq!(e.text(Lang::ZhCn), "TLV：第 1 字节处期望 标签的后续字节");
        let e = DecodeError::invalid(
            "8583",
            4,
            "field 3 (Processing Code) in ASCII digits, found byte 41",
        );
        let zh = e.text(Lang::ZhCn);
        assert!(
            zh.contains("第 3 域") && zh.contains("41") && !zh.contains("Processing"),
            "{zh}"
        );
        let e = DecodeError::invalid("atr", 2, "something new");
        assert_eq!(e.text(Lang::ZhCn), "ATR：第 2 字节处的值不符合格式");
    }

    /// Breaker, session 7: the decoders' warnings were English in zh-CN.
    #[test]
    fn warnings_in_chinese() {
        let w = DecodeWarning {
            layer: "tlv",
            offset: 1,
            what: "length byte 91 of tag 9F26 is not valid BER; read as 8 = bytes left".into(),
        };
        assert_eq!(w.text(Lang::En), w.to_string());
        let zh = w.text(Lang::ZhCn);
        assert!(
            zh.starts_with("TLV：第 1 字节处：") && zh.contains("91"),
            "{zh}"
        );
        let w = DecodeWarning {
            layer: "8583",
            offset: 7,
            what: "field 3 (Processing Code): pad nibble 5 (expected 0 or F), ignored".into(),
        };
        let zh = w.text(Lang::ZhCn);
        assert!(zh.contains("第 3 域") && !zh.contains("pad"), "{zh}");
    }

    #[test]
    fn a_template_fits_only_whole_phrases() {
        assert_eq!(captures("{} bytes", "4 bytes"), Some(vec!["4"]));
        assert_eq!(captures("{} bytes", " bytes"), None);
        assert_eq!(captures("a tag byte", "a tag byte!"), None);
        assert_eq!(
            captures("a {}-byte x, y {} z", "a 2-byte x, y 1 z"),
            Some(vec!["2", "1"])
        );
    }
}
