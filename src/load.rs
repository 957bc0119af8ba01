//! Loading the files a user hands the bench (decks, scenarios, host rules, stations, BIN CSVs,
//! terminal, keys and parameter files): one typed error that names the file and, where known,
//! the key, and one reader that refuses files too large to be what they claim.

use crate::i18n::{Arg, Text};
use std::path::Path;
use thiserror::Error;

/// Largest file a loader reads (every legitimate bench file is far smaller; a bigger one is a
/// mistake or an attack, and echoing it would flood the screen).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A user file that cannot be used: which file, which key (when one is to blame) and why.
/// Loading fails early with this (exit 2) rather than failing later in a run.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error(
    "{path}{}{}: {msg}",
    // `FILE:N:` as compilers and grep say it: the line once, beside the file.
    line.map(|n| format!(":{n}")).unwrap_or_default(),
    key.as_deref().map(|k| format!(": {k}")).unwrap_or_default()
)]
pub struct LoadError {
    /// The file (or `builtin:NAME` for a built-in).
    pub path: String,
    /// The line (1-based) of the file at fault, when known ([`LoadError::on_line`]).
    pub line: Option<u32>,
    /// The key or field at fault (`card[3].bank`, `rule[2].amount`), when known.
    pub key: Option<String>,
    /// What is wrong, in one line, in English (the `Display`).
    pub msg: String,
    /// The same in Chinese when the loader said it through the catalogue ([`LoadError::said`]);
    /// `None` for the system's or a library's words, which [`LoadError::text`] frames.
    pub msg_zh: Option<String>,
}

impl LoadError {
    /// An error about the file as a whole, in words the bench has only in English (the
    /// system's, a parser library's); prefer [`LoadError::said`] for the bench's own words.
    pub fn new(path: impl Into<String>, msg: impl Into<String>) -> LoadError {
        LoadError {
            path: path.into(),
            line: None,
            key: None,
            msg: msg.into(),
            msg_zh: None,
        }
    }

    /// An error about one key of the file, in a library's words (see [`LoadError::new`]).
    pub fn at(path: impl Into<String>, key: impl Into<String>, msg: impl Into<String>) -> Self {
        LoadError {
            key: Some(key.into()),
            ..LoadError::new(path, msg)
        }
    }

    /// An error about the file as a whole, said through the catalogue (`errors-load-*`,
    /// `Text::tr_args`): English and Chinese.
    pub fn said(path: impl Into<String>, why: Text) -> LoadError {
        LoadError {
            path: path.into(),
            line: None,
            key: None,
            msg: why.en,
            msg_zh: Some(why.zh),
        }
    }

    /// The same error, naming the line of the file it is about (`None` leaves it as it is).
    pub fn on_line(mut self, line: Option<u32>) -> LoadError {
        self.line = line.or(self.line);
        self
    }

    /// An error about one key of the file, said through the catalogue.
    pub fn said_at(path: impl Into<String>, key: impl Into<String>, why: Text) -> LoadError {
        LoadError {
            key: Some(key.into()),
            ..LoadError::said(path, why)
        }
    }
}

/// How [`LoadError::unknown_scenario`] begins its message (how [`LoadError::text`] knows it).
const UNKNOWN_SCENARIO: &str = "unknown scenario; built-in: ";

impl LoadError {
    /// A scenario name that is neither built in nor a file: names the built-in ones (`known`).
    /// One wording for the reader and the POS scenarios, in both languages.
    pub fn unknown_scenario(name: &str, known: &[&str]) -> LoadError {
        let known = known.join(", ");
        LoadError::new(
            name,
            format!("{UNKNOWN_SCENARIO}{known} (or give a .toml file)"),
        )
    }

    /// The error for people in `lang`. English is the `Display`. Chinese frames it: the file,
    /// the key, then why — the loader's own words from the catalogue, the system's failure in
    /// Chinese (找不到文件或目录, 权限不足), or a parser library's words kept verbatim as a
    /// marked detail after a Chinese sentence that says what to fix (a TOML error's line).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{t, Lang};
        if lang == Lang::En {
            return self.to_string();
        }
        if let Some(known) = self
            .msg
            .strip_prefix(UNKNOWN_SCENARIO)
            .and_then(|r| r.strip_suffix(" (or give a .toml file)"))
        {
            // A name, not a file: not framed as a file that cannot be used.
            return t!(
                lang,
                "errors-unknown-scenario",
                name = self.path.as_str(),
                known = known
            )
            .into_owned();
        }
        let why = self.reason_in(lang);
        let path = self.path.as_str();
        match (&self.key, self.line) {
            (Some(key), Some(line)) => t!(
                lang,
                "errors-load-line-key",
                path = path,
                line = line,
                key = key.as_str(),
                reason = why
            ),
            (None, Some(line)) => t!(
                lang,
                "errors-load-line",
                path = path,
                line = line,
                reason = why
            ),
            (Some(key), None) => t!(
                lang,
                "errors-load-key",
                path = path,
                key = key.as_str(),
                reason = why
            ),
            (None, None) => t!(lang, "errors-load", path = path, reason = why),
        }
        .into_owned()
    }

    /// Why, in `lang` (see [`LoadError::text`]).
    fn reason_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{t, Lang};
        match (&self.msg_zh, lang) {
            (_, Lang::En) => return self.msg.clone(),
            (Some(zh), Lang::ZhCn) => return zh.clone(),
            (None, _) => {}
        }
        if let Some(io) = crate::i18n::io_reason_text(&self.msg, lang) {
            return io;
        }
        let toml_line = self
            .msg
            .strip_prefix("line ")
            .and_then(|r| r.split_once(": "))
            .filter(|(n, _)| n.parse::<usize>().is_ok());
        match toml_line {
            Some((line, detail)) => t!(
                lang,
                "errors-load-toml",
                line = line,
                detail = detail.trim()
            )
            .into_owned(),
            None => t!(lang, "errors-load-library", detail = self.msg.trim()).into_owned(),
        }
    }
}

/// Reads a text file for a loader: missing, unreadable, too large or not UTF-8 is a
/// [`LoadError`] naming the file.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| LoadError::new(&name, e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        let args = [
            ("size", Arg::from(meta.len().to_string())),
            ("limit", Arg::from(MAX_FILE_BYTES.to_string())),
        ];
        return Err(LoadError::said(
            &name,
            Text::tr_args("errors-load-too-large", &args),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::new(&name, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to().to_string();
        LoadError::said(
            &name,
            Text::tr_args("errors-load-not-utf8", &[("byte", byte.into())]),
        )
    })
}

/// Parses TOML text into `T`, turning a serde error into a [`LoadError`] with the key path
/// and line the toml crate reports.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    origin: &str,
) -> Result<T, LoadError> {
    toml::from_str(text).map_err(|e| {
        let msg = e.message().to_string();
        let line = e.span().map(|s| line_at(text, s.start));
        LoadError::new(
            origin,
            match line {
                Some(l) => format!("line {l}: {msg}"),
                None => msg,
            },
        )
    })
}

/// The line (1-based) of byte `offset` of `text`: a key at the start of a line is on that
/// line, not the one before.
pub fn line_at(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let n = text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(n).map_or(u32::MAX, |n| n.saturating_add(1))
}

/// Longest label (deck card, scenario card, station), in characters: it is a column on the
/// screen and in reports, and a station's is a folder name.
pub const MAX_LABEL_CHARS: usize = 64;

/// How a value from a user file is echoed in a message: at most 40 characters (a huge value
/// is shown by its length), terminal controls escaped, card numbers masked.
pub fn shown(value: &str) -> String {
    const KEEP: usize = 40;
    let n = value.chars().count();
    let mut v: String = value.chars().take(KEEP).collect();
    if n > KEEP {
        v.push_str(&format!("… ({n} characters)"));
    }
    format!("{:?}", crate::sensitive::guard_line(&v))
}

/// What is wrong with a label ([`label_fault`]), for callers that word the message in the
/// user's language (the command line); [`check_label`] words it in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelFault {
    /// Longer than [`MAX_LABEL_CHARS`]; the label's length in characters.
    TooLong(usize),
    /// Holds a terminal control character (ESC, CR, LF, …).
    Control,
    /// Holds a card number.
    CardNumber,
    /// `.`, `..`, or holds `/` or a backslash: not a folder name.
    NotAFolder,
}

/// How a number that only looks like a card number (13–19 digits passing Luhn) can be
/// written so that no writer takes it for one: its digits broken by a slash (a prefix alone
/// leaves the number whole).
pub const NOT_A_CARD_EXAMPLE: &str = "T-1234567/890123";

/// The first fault of a label a person gave (a deck or scenario card, a station): more than
/// [`MAX_LABEL_CHARS`] characters, a terminal control character, a card number; with
/// `folder`, also a name that cannot be a folder's. `None` when the label is fine.
pub fn label_fault(label: &str, folder: bool) -> Option<LabelFault> {
    let n = label.chars().count();
    if n > MAX_LABEL_CHARS {
        return Some(LabelFault::TooLong(n));
    }
    if label.chars().any(crate::sensitive::is_terminal_control) {
        return Some(LabelFault::Control);
    }
    if crate::sensitive::find_clear_pan(label).is_some() {
        return Some(LabelFault::CardNumber);
    }
    if folder && (label == "." || label == ".." || label.contains(['/', '\\'])) {
        return Some(LabelFault::NotAFolder);
    }
    None
}

/// The English message for a label's fault, echoing the label through [`shown`].
pub fn label_fault_message(label: &str, fault: LabelFault) -> String {
    match fault {
        LabelFault::TooLong(n) => format!(
            "{} is {n} characters long; a label has at most {MAX_LABEL_CHARS}",
            shown(label)
        ),
        LabelFault::Control => format!(
            "{} holds a control character (ESC, CR, LF, …)",
            shown(label)
        ),
        LabelFault::CardNumber => format!(
            "{} holds a card number; name the card, never write its number (a ticket or \
             order number that only looks like one: break its digits with a letter or a slash, \
             e.g. {NOT_A_CARD_EXAMPLE})",
            shown(label)
        ),
        LabelFault::NotAFolder => format!("{} cannot be used as a folder name", shown(label)),
    }
}

/// A label's fault in `lang` (`cli-bad-label-*`), echoing the label through [`shown`]: for
/// the callers that word it in the user's language (the command line, the TUI start screen).
pub fn label_fault_text(label: &str, fault: LabelFault, lang: crate::i18n::Lang) -> String {
    use crate::i18n::t;
    let label = shown(label);
    match fault {
        // Said without the label: `shown` would cut a long one with an English suffix.
        LabelFault::TooLong(n) => t!(
            lang,
            "cli-bad-label-too-long",
            count = n,
            max = MAX_LABEL_CHARS
        ),
        LabelFault::Control => t!(lang, "cli-bad-label-control", label = label),
        LabelFault::CardNumber => t!(
            lang,
            "cli-bad-label-card-number",
            label = label,
            example = NOT_A_CARD_EXAMPLE
        ),
        LabelFault::NotAFolder => t!(lang, "cli-bad-label-folder", label = label),
    }
    .into_owned()
}

/// Checks a label a person gave (a deck or scenario card, a station): at most
/// [`MAX_LABEL_CHARS`] characters, no terminal control characters, no card number. The error
/// says what is wrong in both languages ([`label_fault_text`]).
pub fn check_label(label: &str) -> Result<(), Text> {
    match label_fault(label, false) {
        Some(f) => Err(Text::each(|lang| label_fault_text(label, f, lang))),
        None => Ok(()),
    }
}

/// Checks a label that is also a folder name (a station's report sub-folder): a label
/// ([`check_label`]) that is not `.` or `..` and holds no `/` or backslash.
pub fn check_folder_label(label: &str) -> Result<(), Text> {
    match label_fault(label, true) {
        Some(f) => Err(Text::each(|lang| label_fault_text(label, f, lang))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// A 13-digit Luhn-valid ticket number is refused (the card-data rule), and the message
    /// suggests a form every writer accepts.
    #[test]
    fn a_ticket_that_looks_like_a_card_number_gets_a_way_out() {
        let e = check_label("4000000000006").unwrap_err().en;
        assert!(e.contains(NOT_A_CARD_EXAMPLE), "{e}");
        assert!(!e.contains("4000000000006"), "{e}");
        assert!(
            check_label("T-4000000000006").is_err(),
            "a prefix alone is still the number"
        );
        check_label(NOT_A_CARD_EXAMPLE).unwrap();
        check_label("T-4000000/000006").unwrap();
    }

    #[test]
    fn names_file_and_key() {
        let e = LoadError::at("deck.toml", "card[2].bank", "unknown bank");
        assert_eq!(e.to_string(), "deck.toml: card[2].bank: unknown bank");
        assert_eq!(LoadError::new("x", "y").to_string(), "x: y");
    }

    #[test]
    fn refuses_missing_and_binary() {
        assert!(read_text(Path::new("/no/such/file")).is_err());
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("bin");
        std::fs::write(&p, [0xff, 0xfe, 0x00]).unwrap();
        assert!(read_text(&p).unwrap_err().msg.contains("UTF-8"));
    }

    #[test]
    fn labels_are_short_plain_and_hold_no_card_number() {
        assert!(check_label("ICBC 借记卡 #1").is_ok());
        assert!(check_label(&"x".repeat(300))
            .unwrap_err()
            .en
            .contains("300 characters"));
        let huge = "y".repeat(10_000_000);
        assert!(check_label(&huge).unwrap_err().en.len() < 200);
        assert!(check_label("a\u{1b}[2Jb")
            .unwrap_err()
            .en
            .contains("control"));
        assert!(check_label("a\nb").is_err() && check_label("a\rb").is_err());
        let e = check_label("card 6217 0000 0000 0000 038").unwrap_err().en;
        assert!(
            e.contains("card number") && !e.contains("0000 0000 0000"),
            "{e}"
        );
        assert!(check_folder_label("../x").is_err() && check_folder_label("..").is_err());
        assert!(check_folder_label("line1-收银台").is_ok());
    }

    #[test]
    fn toml_errors_carry_a_line() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct X {
            a: u32,
        }
        let e = parse_toml::<X>("\n\na = \"no\"\n", "f.toml").unwrap_err();
        assert!(e.msg.starts_with("line 3"), "{e}");
    }
}
