//! How a run ended: the end states a report folder records and batch and the TUI read.

use crate::i18n::{t, tr, Lang, Text};
use serde::Serialize;
use std::fmt;

/// How a run ended. `code` is the spelling in `run.toml` and the batch console.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub enum RunEnd {
    /// Every card of the deck was reached.
    #[default]
    Complete,
    /// The operator stopped it (`q`, Ctrl-C, SIGTERM).
    StoppedByOperator,
    /// The device went away or stopped answering and did not come back (the reason says which,
    /// in both languages: `run.toml` records the English).
    DeviceLost(Text),
    /// It could not run at all, or could no longer record (exit 2); the reason as for
    /// `DeviceLost`.
    CouldNotRun(Text),
}

impl RunEnd {
    /// `complete`, `stopped by operator`, `device lost`, `could not run`.
    pub fn code(&self) -> &'static str {
        match self {
            RunEnd::Complete => "complete",
            RunEnd::StoppedByOperator => "stopped by operator",
            RunEnd::DeviceLost(_) => "device lost",
            RunEnd::CouldNotRun(_) => "could not run",
        }
    }

    /// Why it ended early, if it did, in English (the words `run.toml` and the CSVs keep).
    pub fn reason(&self) -> Option<&str> {
        self.reason_in(Lang::En)
    }

    /// Why it ended early, if it did, in `lang` (the console, the screen).
    pub fn reason_in(&self, lang: Lang) -> Option<&str> {
        match self {
            RunEnd::Complete => None,
            RunEnd::StoppedByOperator => Some(crate::i18n::tr_static(lang, "report-end-stopped")),
            RunEnd::DeviceLost(r) | RunEnd::CouldNotRun(r) => Some(r.get(lang)),
        }
    }

    /// The end a `run.toml` / `trace.jsonl` records: its `code` and `reason` read back;
    /// `None` for a code this version does not know (or `running`).
    pub fn from_code(code: &str, reason: &str) -> Option<RunEnd> {
        Some(match code {
            "complete" => RunEnd::Complete,
            "stopped by operator" => RunEnd::StoppedByOperator,
            // A file keeps only the English reason.
            "device lost" => RunEnd::DeviceLost(Text::same(reason)),
            "could not run" => RunEnd::CouldNotRun(Text::same(reason)),
            _ => return None,
        })
    }

    /// An end code (`run.toml`'s `end`, [`RunEnd::code`]) in words in `lang`
    /// (`report-end-*`); an unknown code or `running` is "still running (or killed)".
    pub fn code_words(code: &str, lang: Lang) -> String {
        let id = match code {
            "complete" => "report-end-complete",
            "stopped by operator" => "report-end-stopped",
            "device lost" => "report-end-device-lost",
            "could not run" => "report-end-could-not-run",
            _ => "report-end-running",
        };
        tr(lang, id).into_owned()
    }

    /// An end code and its reason (empty for none) in words in `lang`, for people: what
    /// [`Display`](fmt::Display) says in English for files, through the catalogue.
    pub fn words_with_reason(code: &str, reason: &str, lang: Lang) -> String {
        let end = RunEnd::code_words(code, lang);
        if reason.is_empty() || code == "stopped by operator" {
            end
        } else {
            t!(lang, "report-end-with-reason", end = end, reason = reason).into_owned()
        }
    }

    /// How the run ended in `lang`, for people (the console, replay, the screen).
    pub fn text(&self, lang: Lang) -> String {
        RunEnd::words_with_reason(self.code(), self.reason_in(lang).unwrap_or(""), lang)
    }

    /// The run reached the end of the deck.
    pub fn is_complete(&self) -> bool {
        *self == RunEnd::Complete
    }
}

impl fmt::Display for RunEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason() {
            Some(r) if !matches!(self, RunEnd::StoppedByOperator) => {
                write!(f, "{}: {r}", self.code())
            }
            _ => f.write_str(self.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How a run ended, for people: in words of the language, full-width colon in Chinese;
    /// the files keep `code` and the English `Display`.
    #[test]
    fn the_end_in_words() {
        let lost = RunEnd::DeviceLost(Text::new("x", "某"));
        assert_eq!(lost.text(Lang::ZhCn), "设备断开：某");
        assert_eq!(lost.text(Lang::En), "device lost: x");
        assert_eq!(lost.to_string(), "device lost: x");
        assert_eq!(RunEnd::Complete.text(Lang::ZhCn), "已完成");
        assert_eq!(RunEnd::StoppedByOperator.text(Lang::ZhCn), "被操作员停止");
        assert_eq!(
            RunEnd::code_words("running", Lang::En),
            "still running (or killed)"
        );
    }
}
