//! The message catalogue: one Fluent file per area and language, embedded in the binary and
//! parsed once into a thread-safe bundle per language on first use.
//!
//! Bidi isolation is off: Fluent would wrap every placeable in U+2068/U+2069, which terminals
//! print as junk and which would end up in CSV cells. Both languages are left-to-right.

use super::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{LazyLock, Mutex, PoisonError};
use unic_langid::LanguageIdentifier;

/// A message variable's value: integers and floats (which choose plural forms), `&str` and
/// `String`. Write `4.into()`, `"text".into()`, or `Arg::from(x)`. Codes that look like numbers
/// but are not (`"000123"` STAN, `"05"` RC) go in as strings.
pub type Arg<'a> = FluentValue<'a>;

macro_rules! catalogue {
    ($($area:literal),+ $(,)?) => {
        /// The areas of the catalogue, one `.ftl` file each in `src/i18n/en/` and
        /// `src/i18n/zh-CN/`; every message id starts with its area's name.
        pub const AREAS: &[&str] = &[$($area),+];
        const EN: &[&str] = &[$(include_str!(concat!("en/", $area, ".ftl"))),+];
        const ZH_CN: &[&str] = &[$(include_str!(concat!("zh-CN/", $area, ".ftl"))),+];
    };
}

catalogue!(
    "common",
    "tui",
    "run",
    "decode",
    "diagnosis",
    "report",
    "batch",
    "doctor",
    "devices",
    "host",
    "codes",
    "cli",
    "pos",
    "judge",
    "errors",
);

/// The embedded Fluent sources of one language: `(area, text)` in [`AREAS`] order.
pub fn sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    let files = match lang {
        Lang::En => EN,
        Lang::ZhCn => ZH_CN,
    };
    AREAS.iter().copied().zip(files.iter().copied())
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| Lang::ALL.map(build));

fn bundle(lang: Lang) -> &'static Bundle {
    match lang {
        Lang::En => &BUNDLES[0],
        Lang::ZhCn => &BUNDLES[1],
    }
}

/// One bundle from the embedded files. A syntax error or a duplicate id is logged and the rest
/// of the file still loads (the catalogue tests fail on both, so neither reaches a release).
fn build(lang: Lang) -> Bundle {
    let id = LanguageIdentifier::from_bytes(lang.code().as_bytes()).unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (area, src) in sources(lang) {
        let resource = FluentResource::try_new(src.to_string()).unwrap_or_else(|(res, errs)| {
            tracing::error!(
                lang = lang.code(),
                area,
                ?errs,
                "i18n: syntax errors in catalogue"
            );
            res
        });
        if let Err(errs) = bundle.add_resource(resource) {
            tracing::error!(
                lang = lang.code(),
                area,
                ?errs,
                "i18n: duplicate ids in catalogue"
            );
        }
    }
    bundle
}

/// Whether the catalogue of `lang` has a message `id` (with a value).
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang)
        .get_message(id)
        .is_some_and(|m| m.value().is_some())
}

/// The message `id` in `lang`. Never panics: a missing id comes back as the id itself and is
/// logged once. Messages without variables are borrowed from the catalogue (no allocation).
pub fn tr(lang: Lang, id: &str) -> Cow<'static, str> {
    format(lang, id, None)
}

/// The message `id` in `lang` with variables, e.g.
/// `tr_args(lang, "common-check-count", &[("count", 2.into())])` → `2 checks` / `2 项检查`.
/// A missing variable shows as `{$name}` and is logged once; a missing id as for [`tr`].
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> Cow<'static, str> {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    format(lang, id, Some(&fluent_args))
}

/// The message `id` (without variables) in `lang` as a `&'static str`, for APIs that hand out
/// static text (`model::Family::name`). A message built from parts (a reference, a select) is
/// formatted once and kept for the life of the process, so use this only for a fixed, finite
/// set of ids, never for ids built from input.
pub fn tr_static(lang: Lang, id: &str) -> &'static str {
    match tr(lang, id) {
        Cow::Borrowed(s) => s,
        Cow::Owned(s) => intern(lang, id, s),
    }
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Cow<'static, str> {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        report_once(lang, id, "no such message");
        return Cow::Owned(id.to_string());
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        report_once(lang, id, &format!("{errors:?}"));
    }
    text
}

/// Logs a catalogue problem the first time it is seen for this language and id.
fn report_once(lang: Lang, id: &str, what: &str) {
    static REPORTED: Mutex<BTreeSet<(Lang, String)>> = Mutex::new(BTreeSet::new());
    let mut seen = REPORTED.lock().unwrap_or_else(PoisonError::into_inner);
    if seen.insert((lang, id.to_string())) {
        tracing::warn!(lang = lang.code(), id, what, "i18n: message problem");
    }
}

fn intern(lang: Lang, id: &str, text: String) -> &'static str {
    static INTERNED: Mutex<BTreeMap<(Lang, String), &'static str>> = Mutex::new(BTreeMap::new());
    let mut map = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
    map.entry((lang, id.to_string()))
        .or_insert_with(|| Box::leak(text.into_boxed_str()))
}
