//! How a command line clap refused is said (an unknown flag, a bad value, a missing argument):
//! one line on stderr with the fix, in the user's language, through the output guard — clap
//! echoes the value, which may be a card number typed in the wrong place or hold a newline.
//! English is clap's own text without its usage block; Chinese is said from the error's kind
//! and context ([`clap::error::ContextKind`]) through the catalogue, and a value our own
//! parsers refused ([`crate::cli::BadValue`]) says why in the same language.

use crate::cli::BadValue;
use crate::i18n::{t, Lang};
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The one line printed for a command line clap refused (without a trailing newline):
/// `cardbench: error: … — FIX`.
pub fn usage_error_line(e: &clap::Error, lang: Lang) -> String {
    let said = match lang {
        Lang::En => english(e),
        Lang::ZhCn => said_in(e, lang),
    };
    let msg = format!("{said} — {}", t!(lang, "cli-fix-help"));
    let one_line =
        crate::sensitive::guard_line(&msg.split_whitespace().collect::<Vec<_>>().join(" "));
    t!(lang, "cli-error", message = one_line).into_owned()
}

/// clap's message and its tip without the usage block.
fn english(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let said: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect();
    // A line ending in a colon introduces the next ("were not provided:" → the arguments).
    let mut joined = String::new();
    for l in said {
        if !joined.is_empty() {
            joined.push_str(if joined.ends_with(':') { " " } else { "; " });
        }
        joined.push_str(l);
    }
    joined
}

/// One context value as text: a string as it is, a list joined by commas.
fn ctx(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) if !v.is_empty() => Some(v.join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The error said from its kind and context in `lang`.
fn said_in(e: &clap::Error, lang: Lang) -> String {
    let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut line = match e.kind() {
        ErrorKind::UnknownArgument => t!(lang, "cli-usage-unknown-argument", arg = arg),
        ErrorKind::InvalidValue if value.is_empty() => {
            t!(lang, "cli-usage-value-missing", arg = arg)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            t!(lang, "cli-usage-invalid-value", arg = arg, value = value)
        }
        ErrorKind::MissingRequiredArgument => t!(lang, "cli-usage-missing-required", args = arg),
        ErrorKind::InvalidSubcommand => {
            let command = ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            t!(lang, "cli-usage-invalid-subcommand", command = command)
        }
        ErrorKind::MissingSubcommand => {
            let command = ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            t!(lang, "cli-usage-missing-subcommand", command = command)
        }
        ErrorKind::ArgumentConflict => conflict(e, lang, &arg),
        ErrorKind::TooManyValues => t!(lang, "cli-usage-too-many", arg = arg, value = value),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!(lang, "cli-usage-wrong-count", arg = arg)
        }
        ErrorKind::NoEquals => t!(lang, "cli-usage-no-equals", arg = arg),
        ErrorKind::InvalidUtf8 => t!(lang, "cli-usage-invalid-utf8"),
        _ => t!(lang, "cli-usage-other"),
    }
    .into_owned();
    if e.kind() == ErrorKind::ValueValidation {
        if let Some(why) = why_refused(e, lang) {
            line = t!(lang, "cli-usage-because", said = line, why = why).into_owned();
        }
    }
    let mut extra = Vec::new();
    // Values are what the user types: quoted, as the flag and the refused value are.
    if let Some(ContextValue::Strings(values)) = e.get(ContextKind::ValidValue) {
        let values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
        let values = values.join(", ");
        extra.push(t!(lang, "cli-usage-possible-values", values = values).into_owned());
    }
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ];
    for s in suggested.into_iter().filter_map(|k| ctx(e, k)) {
        extra.push(t!(lang, "cli-usage-did-you-mean", suggestion = s).into_owned());
    }
    for x in extra {
        line = t!(lang, "cli-usage-also", said = line, more = x).into_owned();
    }
    line
}

/// "the argument '--a' cannot be used with '--b'" (or used twice) in `lang`.
fn conflict(e: &clap::Error, lang: Lang, arg: &str) -> std::borrow::Cow<'static, str> {
    let prior = ctx(e, ContextKind::PriorArg);
    if prior.as_deref() == Some(arg) {
        return t!(lang, "cli-usage-repeated", arg = arg.to_string());
    }
    let other = match prior {
        Some(p) => format!("'{p}'"),
        None => t!(lang, "cli-usage-conflict-others").into_owned(),
    };
    t!(
        lang,
        "cli-usage-conflict",
        arg = arg.to_string(),
        other = other
    )
}

/// Why a value parser refused the value, in `lang`: our own parsers' [`BadValue`], or a
/// number that did not parse. `None` for a reason only clap knows (then the line says which
/// value of which flag, without why).
fn why_refused(e: &clap::Error, lang: Lang) -> Option<String> {
    use std::error::Error as _;
    let source = e.source()?;
    if let Some(bad) = source.downcast_ref::<BadValue>() {
        return Some(bad_value(bad, lang));
    }
    source
        .downcast_ref::<std::num::ParseIntError>()
        .map(|p| number(p, lang))
}

fn number(p: &std::num::ParseIntError, lang: Lang) -> String {
    use std::num::IntErrorKind;
    match p.kind() {
        IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => {
            t!(lang, "cli-bad-number-too-large").into_owned()
        }
        _ => t!(lang, "cli-bad-number").into_owned(),
    }
}

/// A [`BadValue`] in `lang`.
pub fn bad_value(bad: &BadValue, lang: Lang) -> String {
    match bad {
        BadValue::Swipes(v) => t!(lang, "cli-bad-swipes", value = format!("{v:?}")),
        BadValue::Number(p) => return number(p, lang),
        BadValue::Range { value, low, high } => t!(
            lang,
            "cli-bad-range",
            value = value.as_str(),
            low = low.as_str(),
            high = high.as_str()
        ),
        BadValue::NoStation => t!(lang, "cli-bad-no-station"),
        BadValue::Lang(v) => t!(lang, "cli-bad-lang", value = format!("{v:?}")),
        BadValue::Label { label, fault } => {
            return crate::load::label_fault_text(label, *fault, lang);
        }
    }
    .into_owned()
}
