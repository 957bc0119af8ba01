//! The checklist's step codes (the `step` column of `attempts.csv`, docs/report-format.md) and
//! their names for people: one table, used wherever a step is shown (TUI, headless lines,
//! diagnosis evidence, the printable report). Files keep the code; screens show the name.

use crate::i18n::{tr, tr_args, Arg, Lang};
use std::borrow::Cow;

/// Every fixed step code and its catalogue id (`common-step-*`). A swipe is `swipe#N`, named
/// by `common-step-swipe` with its number; a code not listed here is shown verbatim.
pub const STEPS: &[(&str, &str)] = &[
    ("atr", "common-step-atr"),
    ("select", "common-step-select"),
    ("records", "common-step-records"),
    ("ODA", "common-step-oda"),
    ("verify", "common-step-verify"),
    ("cryptogram", "common-step-cryptogram"),
    ("consistency", "common-step-consistency"),
    ("expiry", "common-step-expiry"),
    ("online", "common-step-online"),
    ("connect", "common-step-connect"),
    ("echo", "common-step-echo"),
    ("auth", "common-step-auth"),
    ("reversal", "common-step-reversal"),
    ("device", "common-step-device"),
    ("card_done", "common-step-card-done"),
    ("expectation", "common-step-expectation"),
    ("sign-on", "common-step-sign-on"),
    ("downloads", "common-step-downloads"),
    ("sale", "common-step-sale"),
    ("settlement", "common-step-settlement"),
    ("batch-upload", "common-step-batch-upload"),
    ("version", "common-step-version"),
    ("stan", "common-step-stan"),
];

/// The name of step `code` in `lang`: `swipe#2` → "swipe#2" / "第 2 次" (shown after the
/// interface, 刷卡), `auth` → "auth" / "授权". English keeps the code (what the CSV and docs
/// say); an unknown code is shown as it is.
pub fn step_name(code: &str, lang: Lang) -> Cow<'static, str> {
    if let Some(n) = code.strip_prefix("swipe#") {
        if let Ok(n) = n.parse::<u32>() {
            return tr_args(lang, "common-step-swipe", &[("n", Arg::from(n))]);
        }
    }
    match STEPS.iter().find(|(c, _)| *c == code) {
        Some((_, id)) => tr(lang, id),
        None => Cow::Owned(code.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_a_name_in_both_languages() {
        for lang in [Lang::En, Lang::ZhCn] {
            assert!(crate::i18n::has(lang, "common-step-swipe"));
            for (code, id) in STEPS {
                assert!(
                    crate::i18n::has(lang, id),
                    "{id} ({code}) missing in {lang:?}"
                );
            }
        }
        // English keeps the code, so files, docs and English screens agree.
        for (code, _) in STEPS {
            assert_eq!(step_name(code, Lang::En), *code);
        }
        assert_eq!(step_name("swipe#12", Lang::En), "swipe#12");
    }

    #[test]
    fn chinese_names_and_unknown_codes() {
        assert_eq!(step_name("swipe#2", Lang::ZhCn), "第 2 次");
        assert_eq!(step_name("auth", Lang::ZhCn), "授权");
        assert_eq!(step_name("swipe#x", Lang::ZhCn), "swipe#x");
        assert_eq!(step_name("luhn", Lang::ZhCn), "luhn");
        for (code, _) in STEPS {
            let zh = step_name(code, Lang::ZhCn);
            assert!(!zh.chars().any(|c| c.is_ascii_lowercase()), "{code}: {zh}");
        }
    }
}
