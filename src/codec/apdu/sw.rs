//! The status-word catalogue (ISO/IEC 7816-4 §5.1.3 with EMV usage, protocols.md §4.3):
//! meaning and class of SW1 SW2; unknown words are kept verbatim in the text.

use crate::i18n::{tr_args, tr_static, Lang};
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;

/// Broad class of a status word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SwClass {
    /// 9000 (and 61xx at TPDU level: more data is waiting).
    Success,
    /// 61xx / 6Cxx: a transport instruction (GET RESPONSE / resend with Le).
    Transport,
    /// 62xx / 63xx: processed with a warning.
    Warning,
    /// 64xx–6Fxx: execution or checking error.
    Error,
    /// Other 9xxx: application-specific.
    Proprietary,
    /// Not a valid SW1.
    Invalid,
}

impl SwClass {
    /// Every class, in declaration order.
    pub const ALL: [SwClass; 6] = [
        SwClass::Success,
        SwClass::Transport,
        SwClass::Warning,
        SwClass::Error,
        SwClass::Proprietary,
        SwClass::Invalid,
    ];

    /// The class's name in the catalogue and in JSON (`success`, `transport`…).
    pub fn as_str(self) -> &'static str {
        match self {
            SwClass::Success => "success",
            SwClass::Transport => "transport",
            SwClass::Warning => "warning",
            SwClass::Error => "error",
            SwClass::Proprietary => "proprietary",
            SwClass::Invalid => "invalid",
        }
    }
}

/// Meaning of a status word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SwInfo {
    pub text: String,
    pub class: SwClass,
}

impl fmt::Display for SwInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

use SwClass::*;

/// Status words with a fixed meaning, as data (`sw.tsv`: `SW1SW2 <tab> class <tab> meaning
/// <tab> zh meaning`): one row per word holds its meaning in both languages.
pub(super) const CATALOGUE_TSV: &str = include_str!("sw.tsv");

/// One catalogue row: SW1, SW2, the meaning in English and in Chinese, the class.
type Row = (u8, u8, &'static str, &'static str, SwClass);

/// The catalogue rows, read from [`CATALOGUE_TSV`] on first use.
pub(super) static CATALOGUE: LazyLock<Vec<Row>> = LazyLock::new(|| {
    super::tsv_rows(CATALOGUE_TSV)
        .filter_map(|[sw, class, en, zh]| {
            let sw = u16::from_str_radix(sw, 16).ok()?;
            let class = SwClass::ALL.into_iter().find(|c| c.as_str() == class)?;
            let [sw1, sw2] = sw.to_be_bytes();
            Some((sw1, sw2, en, zh, class))
        })
        .collect()
});

/// The status-word catalogue (ISO 7816-4 with EMV usage, §4.3). Unknown words are kept
/// verbatim in the text.
pub fn sw_info(sw1: u8, sw2: u8) -> SwInfo {
    sw_info_in(sw1, sw2, Lang::En)
}

/// [`sw_info`] with the meaning in `lang`.
pub fn sw_info_in(sw1: u8, sw2: u8, lang: Lang) -> SwInfo {
    let (text, class) = match CATALOGUE.iter().find(|(a, b, ..)| (*a, *b) == (sw1, sw2)) {
        Some(&(_, _, en, zh, class)) => (
            match lang {
                Lang::En => en,
                Lang::ZhCn => zh,
            }
            .to_string(),
            class,
        ),
        None => counted(sw1, sw2, lang).unwrap_or_else(|| generic(sw1, sw2, lang)),
    };
    SwInfo { text, class }
}

impl SwClass {
    /// The class's name for people, in `lang` (`as_str` is the code).
    pub fn name_in(self, lang: Lang) -> &'static str {
        tr_static(
            lang,
            match self {
                SwClass::Success => "codes-sw-class-success",
                SwClass::Transport => "codes-sw-class-transport",
                SwClass::Warning => "codes-sw-class-warning",
                SwClass::Error => "codes-sw-class-error",
                SwClass::Proprietary => "codes-sw-class-proprietary",
                SwClass::Invalid => "codes-sw-class-invalid",
            },
        )
    }
}

/// Words whose SW2 is a count: bytes waiting (`61xx`), the right Le (`6Cxx`), tries left
/// (`63Cx`).
fn counted(sw1: u8, sw2: u8, lang: Lang) -> Option<(String, SwClass)> {
    let bytes = if sw2 == 0 { 256 } else { usize::from(sw2) };
    let args = [
        ("bytes", bytes.to_string().into()),
        ("le", format!("{sw2:02X}").into()),
    ];
    Some(match (sw1, sw2) {
        (0x61, _) => (tr_args(lang, "codes-sw-more-data", &args), Transport),
        (0x6C, _) => (tr_args(lang, "codes-sw-wrong-le", &args), Transport),
        (0x63, n) if n & 0xF0 == 0xC0 => {
            let tries = [("tries", (n & 0x0F).into())];
            (tr_args(lang, "codes-sw-tries-left", &tries), Warning)
        }
        _ => return None,
    })
    .map(|(text, class)| (text.into_owned(), class))
}

/// What SW1 alone says about a word the catalogue does not list.
fn generic(sw1: u8, sw2: u8, lang: Lang) -> (String, SwClass) {
    let (id, class) = match sw1 {
        0x62 => ("codes-sw-warning-unchanged", Warning),
        0x63 => ("codes-sw-warning-changed", Warning),
        0x64..=0x6F => ("codes-sw-error-unknown", Error),
        0x90..=0x9F => ("codes-sw-proprietary", Proprietary),
        _ => ("codes-sw-invalid", Invalid),
    };
    let args = [
        ("sw", format!("{sw1:02X}{sw2:02X}").into()),
        ("sw2", format!("{sw2:02X}").into()),
    ];
    (tr_args(lang, id, &args).into_owned(), class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sw() {
        assert_eq!(
            sw_info(0x63, 0xC2).text,
            "verification failed, 2 tries left"
        );
        assert_eq!(sw_info(0x90, 0x00).class, SwClass::Success);
        assert!(sw_info(0x6A, 0x99).text.contains("6A99"));
    }

    #[test]
    fn catalogue_has_no_duplicates() {
        for (i, (a, b, ..)) in CATALOGUE.iter().enumerate() {
            assert!(
                !CATALOGUE[..i].iter().any(|(x, y, ..)| (x, y) == (a, b)),
                "{a:02X}{b:02X}"
            );
        }
    }
}
