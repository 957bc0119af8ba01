//! UI languages (English and Simplified Chinese) and the message catalogue: every user-visible
//! text is a Fluent message in `src/i18n/<lang>/<area>.ftl`, looked up by id (`docs/i18n.md`).
//!
//! Which tool for which text:
//! - **`t!` / [`tr`] / [`tr_args`]** — any text shown to the user whose language is known where
//!   it is made (a subcommand's output, the screen being drawn, a CSV cell in the report's
//!   language). This is the default for new text.
//! - **[`tr_static`]** — the same, for an API that must hand out `&'static str` (vocabulary such
//!   as `model::Family::name`); only for a fixed, finite set of ids.
//! - **[`Msg`]** — a catalogue message in a `const` table whose text columns must stay values
//!   (`codec::iso8583::rc::RcClass`).
//! - **[`Text`]** — text made where the display language is not known yet and may change after
//!   (the engine thread's notes, shown by a screen that toggles language): build it from the
//!   catalogue with [`Text::tr`] / [`Text::tr_args`], which resolve both languages at once.
//! - An `en`/`zh` pair of literals in code (`Text::new("…", "…")`) is the old way; do not add
//!   new ones (`Lang::pick`, the older still, is gone).

mod catalogue;
mod io;
mod template;
#[cfg(test)]
mod tests;

pub use catalogue::{has, sources, tr, tr_args, tr_static, Arg, AREAS};
pub use io::{io_reason_text, io_text};
pub use template::captures;

use serde::{Deserialize, Serialize};
use std::fmt;

/// A UI language, switchable at runtime. `--lang` / `CARDBENCH_LANG` spell it `en` or `zh-CN`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    /// Both languages, in catalogue order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// Parses a `--lang` value (`en`, `zh-CN` and common spellings of both); `None` otherwise.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "en-us" | "en-gb" | "english" => Some(Lang::En),
            "zh" | "zh-cn" | "zh_cn" | "zh-hans" | "cn" | "chinese" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The BCP 47 tag: `en` or `zh-CN` (also the catalogue's folder name).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The other language (the `l` key).
    pub fn toggled(self) -> Lang {
        match self {
            Lang::En => Lang::ZhCn,
            Lang::ZhCn => Lang::En,
        }
    }

    /// The language of the user's locale, for when neither `--lang` nor `CARDBENCH_LANG` is
    /// given: the first set one of `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX precedence).
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok();
        Lang::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    }

    /// [`Lang::from_env`] on given values: the first non-empty of `lc_all`, `lc_messages`,
    /// `lang` decides; `zh`, `zh_CN.UTF-8`, `zh_TW`… → `ZhCn`; anything else (`C`, `POSIX`,
    /// `en_US.UTF-8`, unset) → `En`.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|v| !v.is_empty());
        match locale {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::ZhCn,
            _ => Lang::En,
        }
    }
}

/// Looks a message up: `t!(lang, "area-thing")` or, with variables,
/// `t!(lang, "run-cards-failed", failed = 4, cards = 8)` → `Cow<'static, str>`.
///
/// The id must be a string literal (the catalogue test finds every id used in `src/` by
/// scanning for them); variables are `snake_case` names, values anything [`Arg`] converts
/// from (integers, floats, `&str`, `String`). A missing id shows the id itself (see [`tr`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __i18n_t {
    ($lang:expr, $id:literal $(,)?) => {
        $crate::i18n::tr($lang, $id)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_args(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
pub use crate::__i18n_t as t;

/// One catalogue message in a language fixed at compile time, for `const` tables whose text
/// columns must stay plain values (`codec::iso8583::rc::RcClass`). It reads as the message's
/// `&'static str` (`Deref`, `Display`, `Serialize`); new tables should rather store the id and
/// call [`tr_static`] with the display language.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Msg {
    lang: Lang,
    id: &'static str,
}

impl Msg {
    /// The message `id` in `lang` (resolved when read, never at construction).
    pub const fn new(lang: Lang, id: &'static str) -> Msg {
        Msg { lang, id }
    }

    /// The message id.
    pub fn id(self) -> &'static str {
        self.id
    }

    /// The message text (see [`tr_static`]).
    pub fn as_str(self) -> &'static str {
        tr_static(self.lang, self.id)
    }
}

impl std::ops::Deref for Msg {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<Msg> for String {
    fn from(m: Msg) -> String {
        m.as_str().to_string()
    }
}

/// A text known in both languages, for text made where the display language is not known yet
/// (the engine's notes, shown by a screen that can switch language after they arrive). Build it
/// from the catalogue with [`Text::tr`] / [`Text::tr_args`]; `Text::new(en, zh)` with literals
/// is the old way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// A catalogue message in both languages.
    pub fn tr(id: &str) -> Self {
        Text::new(tr(Lang::En, id), tr(Lang::ZhCn, id))
    }

    /// A catalogue message with variables in both languages (arguments as for [`tr_args`]).
    pub fn tr_args(id: &str, args: &[(&str, Arg<'_>)]) -> Self {
        Text::new(tr_args(Lang::En, id, args), tr_args(Lang::ZhCn, id, args))
    }

    /// A catalogue message whose variables differ by language (a card's label, a bank's
    /// name): `args` gives the variables for each language in turn.
    pub fn tr_each<'a>(id: &str, args: impl Fn(Lang) -> Vec<(&'a str, Arg<'a>)>) -> Self {
        Text::new(
            tr_args(Lang::En, id, &args(Lang::En)),
            tr_args(Lang::ZhCn, id, &args(Lang::ZhCn)),
        )
    }

    /// The text each language's own function makes (an error's `text(lang)`, a value said
    /// through several messages).
    pub fn each(f: impl Fn(Lang) -> String) -> Self {
        Text {
            en: f(Lang::En),
            zh: f(Lang::ZhCn),
        }
    }

    /// The same text in both languages (codes, numbers, names without a translation).
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Text {
            en: s.clone(),
            zh: s,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh,
        }
    }
}

impl From<&str> for Text {
    /// [`Text::same`]: a code or name that reads the same in both languages.
    fn from(s: &str) -> Text {
        Text::same(s)
    }
}

impl From<String> for Text {
    /// [`Text::same`]: a code or name that reads the same in both languages.
    fn from(s: String) -> Text {
        Text::same(s)
    }
}
