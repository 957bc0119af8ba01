//! One terminal of a batch while it runs: what its engine has reported so far (identity,
//! the tally of its attempts, the failed checks, reconnects, the diagnosis), its progress
//! bar, and at the end its verdict — one row of `terminals.csv`.

use super::output::TerminalRow;
use super::progress::Progress;
use super::stations::Station;
use crate::checklist::{BenchEvent, RunStart, RunSummary};
use crate::deck::CardSummary;
use crate::device::DeviceAddress;
use crate::diagnosis::Conclusion;
use crate::i18n::{t, tr, Lang};
use crate::model::{Attempt, DeviceInfo, Family, Outcome, RunEnd};
use crate::report::tally::Tally;
use crate::report::{AttemptLog, Recorded, ReportError};
use crate::text::{pad, truncate};
use indicatif::ProgressBar;
use std::path::PathBuf;

/// Failed checks listed in `terminals.csv` per terminal (the rest are in its own reports).
const MAX_FAILING: usize = 12;

/// What the batch's main loop knows about one terminal.
pub struct TerminalRun {
    pub station: Station,
    /// The address it was opened by (its stable name where one exists).
    pub device: String,
    pub report_dir: PathBuf,
    identity: Option<DeviceInfo>,
    /// Identity mismatches against the station's `expect_model` / `expect_serial`.
    mismatch: Vec<String>,
    /// Every attempt the terminal reported, counted.
    pub tally: Tally,
    /// `card/interface/step: signal` of the first failed checks.
    failing: Vec<String>,
    /// The same checks in words, in the run's language.
    failing_text: Vec<String>,
    /// What to do about the first failed check, in the run's language.
    first_action: Option<String>,
    /// The identity mismatches in words, in the run's language.
    mismatch_text: Vec<String>,
    /// The run's language (the words and actions of `terminals.csv`).
    lang: Lang,
    lost: u32,
    reconnected: u32,
    aborted: Option<crate::i18n::Text>,
    pub conclusions: Vec<Conclusion>,
    /// The terminal's deck and recorded attempts, for the batch-wide banks.csv.
    pub cards: Vec<CardSummary>,
    pub recs: Vec<Recorded>,
    bar: ProgressBar,
    /// The verdict, once the run is over.
    pub row: Option<TerminalRow>,
    /// How the run ended for the exit code, by the single run's rule (`Status::of_run`);
    /// `Incomplete` until it is over.
    pub status: crate::error::Status,
}

/// How a terminal's run ended, as the verdict needs it.
struct Ending {
    could_not_run: Option<crate::i18n::Text>,
}

impl TerminalRun {
    /// A terminal about to start, with its progress bar.
    pub fn new(
        station: Station,
        (device, report_dir): (String, PathBuf),
        bar: ProgressBar,
        lang: Lang,
    ) -> Self {
        let t = TerminalRun {
            station,
            device,
            report_dir,
            identity: None,
            mismatch: Vec::new(),
            tally: Tally::default(),
            failing: Vec::new(),
            failing_text: Vec::new(),
            first_action: None,
            mismatch_text: Vec::new(),
            lang,
            lost: 0,
            reconnected: 0,
            aborted: None,
            conclusions: Vec::new(),
            cards: Vec::new(),
            recs: Vec::new(),
            bar,
            row: None,
            status: crate::error::Status::Incomplete,
        };
        t.bar.set_prefix(t.label_line());
        t.bar.set_message(t!(lang, "batch-bar-opening"));
        t
    }

    /// Takes in one engine event: counts attempts (and appends them to the batch-wide
    /// `attempts.csv`), moves the bar, prints lines of note. A failed append is returned; the
    /// batch goes on and reports it at the end.
    pub fn on_event(
        &mut self,
        ev: BenchEvent,
        live: &mut AttemptLog,
        progress: &Progress,
        lang: Lang,
    ) -> Result<(), ReportError> {
        match ev {
            BenchEvent::Started(RunStart {
                terminal, cards, ..
            }) => {
                // A POS names itself only at its sign-on (DE41, DE42): its identity is checked
                // from the run's summary at the end.
                if terminal.profile != crate::device::open::POS_PROFILE
                    || !terminal.serial.is_empty()
                {
                    self.check_identity(&terminal);
                }
                // Progress is counted in deck cards: how many attempts a card takes varies.
                self.bar.set_length(cards.len().max(1) as u64);
                self.cards = cards;
                self.bar.set_prefix(self.label_line());
                self.bar.set_message(t!(lang, "batch-bar-running"));
                // The English line is the station log's; other languages say it in words.
                let lines = match lang {
                    Lang::En => &self.mismatch,
                    _ => &self.mismatch_text,
                };
                for m in lines {
                    progress.say(format!("{}: {m}", self.station.label));
                }
            }
            BenchEvent::Attempt {
                row, outcome, card, ..
            } => {
                self.on_attempt(&row, outcome);
                let appended = live.append(&row).map(drop);
                self.recs.push(Recorded {
                    card,
                    attempt: *row,
                });
                if let Some(card) = card {
                    // Cards before the current one are done.
                    self.bar.set_position(card as u64);
                }
                let t = &self.tally.total;
                self.bar
                    .set_message(format!("✓{} ✗{}", t.pass, t.failures()));
                return appended;
            }
            BenchEvent::Prompt(p) => {
                self.bar
                    .set_message(truncate(p.text.get(lang), 40).into_owned());
            }
            BenchEvent::DeviceLost(why) => {
                self.lost += 1;
                self.bar.set_message(t!(lang, "batch-bar-device-lost"));
                progress.say(
                    t!(
                        lang,
                        "batch-device-lost",
                        station = self.station.label.as_str(),
                        why = crate::device::lost_reason_text(
                            &crate::sensitive::redact_text(&why),
                            lang
                        )
                    )
                    .into_owned(),
                );
            }
            BenchEvent::Reconnected => {
                self.reconnected += 1;
                self.bar.set_message(t!(lang, "batch-bar-reconnected"));
                let station = self.station.label.as_str();
                progress.say(t!(lang, "batch-reconnected", station = station).into_owned());
            }
            BenchEvent::Diagnosis(c) => self.conclusions = c,
            BenchEvent::Aborted(why) => self.aborted = Some(why),
            _ => {}
        }
        Ok(())
    }

    fn on_attempt(&mut self, row: &Attempt, outcome: Outcome) {
        self.tally.record(row.interface, outcome, row.family);
        if !outcome.is_bad() {
            return;
        }
        let signal = if row.signal.is_empty() {
            outcome.as_str().to_string()
        } else {
            row.signal.code().into_owned()
        };
        let check = format!(
            "{}/{}/{}: {signal}",
            row.card_label, row.interface, row.step
        );
        if !self.failing.contains(&check) && self.failing.len() < MAX_FAILING {
            self.failing.push(check);
            // Two codes can read the same in words (track 1 and track 2 both without a
            // start sentinel): the words are said once.
            let words = self.in_words(row, outcome);
            if !self.failing_text.contains(&words) {
                self.failing_text.push(words);
            }
        }
    }

    /// A failed check in words: the card, the interface's name, the step and what the signal
    /// means (the signal table's words; the detail when there is no signal).
    fn in_words(&mut self, row: &Attempt, outcome: Outcome) -> String {
        let lang = self.lang;
        let meaning = if row.signal.is_empty() {
            if row.detail.is_empty() {
                outcome.name(lang).to_string()
            } else {
                crate::sensitive::redact_text(&row.detail)
            }
        } else {
            let c = crate::diagnosis::classify(&row.signal);
            self.first_action
                .get_or_insert_with(|| c.action.get(lang).to_string());
            c.meaning.get(lang).to_string()
        };
        let interface = row.interface.name(lang);
        let step = crate::model::step_name(&row.step, lang);
        let step = step.as_ref();
        if row.card_label.is_empty() {
            t!(
                lang,
                "batch-check-words-run",
                interface = interface,
                step = step,
                meaning = meaning
            )
        } else {
            t!(
                lang,
                "batch-check-words",
                card = row.card_label.as_str(),
                interface = interface,
                step = step,
                meaning = meaning
            )
        }
        .into_owned()
    }

    /// What to do about the terminal: check its identity when it is not the one the station
    /// expects, else the diagnosis' verdict's action, else the first failed check's, else what
    /// to do about a run that could not complete.
    fn action(&self, verdict: Outcome) -> String {
        let lang = self.lang;
        if verdict == Outcome::Pass {
            return String::new();
        }
        // Another terminal on the port makes every other finding moot: that comes first.
        if !self.mismatch.is_empty() {
            return t!(lang, "batch-action-identity").into_owned();
        }
        if let Some(c) = crate::diagnosis::verdict(&self.conclusions) {
            return c.action.get(lang).to_string();
        }
        if let Some(a) = &self.first_action {
            return a.clone();
        }
        t!(
            lang,
            "batch-action-could-not-run",
            device = self.device.as_str()
        )
        .into_owned()
    }

    fn check_identity(&mut self, info: &DeviceInfo) {
        self.mismatch.clear();
        self.mismatch_text.clear();
        let lang = self.lang;
        if let Some(m) = &self.station.expect_model {
            if !m.trim().eq_ignore_ascii_case(info.model.trim()) {
                self.mismatch.push(format!(
                    "identity: expected model {m:?}, the device reports {:?}",
                    info.model
                ));
                self.mismatch_text.push(
                    t!(
                        lang,
                        "batch-identity-model",
                        expected = m.as_str(),
                        reported = info.model.as_str()
                    )
                    .into_owned(),
                );
            }
        }
        if let Some(s) = &self.station.expect_serial {
            if s.trim() != info.serial.trim() {
                self.mismatch.push(format!(
                    "identity: expected serial {s:?}, the device reports {:?}",
                    info.serial
                ));
                self.mismatch_text.push(
                    t!(
                        lang,
                        "batch-identity-serial",
                        expected = s.as_str(),
                        reported = info.serial.as_str()
                    )
                    .into_owned(),
                );
            }
        }
        self.identity = Some(info.clone());
    }

    /// The bar's prefix: label and identity in fixed columns.
    fn label_line(&self) -> String {
        let id = self
            .identity
            .as_ref()
            .map(|i| {
                let model = crate::codec::msr605::model_label_in(&i.model, self.lang);
                format!("{model} {} {}", i.firmware, i.serial)
            })
            .unwrap_or_else(|| "…".into());
        format!(
            "{} {}",
            pad(&self.station.label, 10),
            pad(&truncate(&id, 28), 28)
        )
    }

    /// The run is over (`None`: its worker thread panicked): the verdict, the bar finished and
    /// a line printed. Sets and returns [`TerminalRun::row`].
    pub fn on_done(
        &mut self,
        summary: Option<RunSummary>,
        progress: &Progress,
        lang: Lang,
    ) -> &TerminalRow {
        let row = self.finish(summary);
        if row.verdict != Outcome::Error {
            self.bar.set_position(self.bar.length().unwrap_or(0));
        }
        self.bar.set_prefix(self.label_line());
        let note = if row.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", truncate(&row.note, 60))
        };
        self.bar
            .finish_with_message(format!("{} {}{note}", row.verdict, row.family));
        // The verdict's culprit beside its family: the same first conclusion as terminals.csv,
        // `report summarize` and the TUI.
        let culprit = match self.culprit(lang) {
            c if c.is_empty() => String::new(),
            c => format!("[{c}] "),
        };
        // Codes in English (terminals.csv's failing_checks), words in other languages. A
        // terminal that could not run has no failed check: its reason (terminals.csv's note)
        // goes beside ERROR, so a log or pipe (no bars) says why too.
        let failing = match lang {
            Lang::En => &row.failing_checks,
            _ => &row.failing_checks_text,
        };
        let tail = if failing.is_empty() && row.verdict == Outcome::Error {
            truncate(&row.note.replace(['\r', '\n'], " "), 160).into_owned()
        } else {
            truncate(failing, 100).into_owned()
        };
        // The verdict's code in English (as in terminals.csv), its name in other languages.
        let verdict = match lang {
            Lang::En => row.verdict.as_str(),
            _ => row.verdict.name(lang),
        };
        progress.say(format!(
            "{} {} {:<7} {culprit}{} {} {}  {}",
            pad(&row.label, 10),
            pad(verdict, 8),
            row.family,
            crate::codec::msr605::model_label_in(&row.model, lang),
            row.firmware,
            row.serial,
            tail
        ));
        self.row.insert(row)
    }

    /// The terminal's verdict once its run is over.
    pub fn finish(&mut self, summary: Option<RunSummary>) -> TerminalRow {
        let end = self.ending(summary.as_ref());
        // The single run's rule: failed 1, stopped or could not run with nothing failed 2; a
        // terminal that is not the one the station expects failed.
        use crate::error::Status;
        self.status = match summary.as_ref().map(Status::of_run) {
            _ if !self.mismatch.is_empty() => Status::Failed,
            Some(Ok(s)) => s,
            Some(Err(_)) | None => Status::Incomplete,
        };
        // One status, one word: the attempts' verdict by the rule `report summarize` reads
        // the same rows with (a failed check wins over a run that did not finish).
        let verdict = if !self.mismatch.is_empty() {
            Outcome::Fail
        } else if end.could_not_run.is_some() {
            Outcome::Error
        } else {
            let concluded = self.conclusions.iter().any(|c| c.finds_a_fault());
            self.tally
                .total
                .run_verdict(self.aborted.is_none(), concluded)
        };
        let notes = self.notes(&end);
        let mut failing = self.mismatch.clone();
        failing.extend(self.failing.iter().cloned());
        let mut failing_text = self.mismatch_text.clone();
        failing_text.extend(self.failing_text.iter().cloned());
        let id = self.identity.clone().unwrap_or_default();
        let profile = if id.profile.is_empty() {
            DeviceAddress::parse(&self.device)
                .map(|a| a.profile)
                .unwrap_or_default()
        } else {
            id.profile.clone()
        };
        let t = &self.tally.total;
        TerminalRow {
            label: self.station.label.clone(),
            device: self.device.clone(),
            profile,
            model: id.model,
            firmware: id.firmware,
            serial: id.serial,
            verdict,
            family: self.family(verdict),
            failing_checks: failing.join("; "),
            attempts: t.attempts,
            pass: t.pass,
            fail: t.fail,
            error: t.error,
            note: crate::sensitive::redact_text(&notes.join(&tr(self.lang, "common-semicolon"))),
            report_dir: self.report_dir.display().to_string(),
            failing_checks_text: failing_text.join(&tr(self.lang, "common-semicolon")),
            action: self.action(verdict),
        }
    }

    /// Reads the run's summary: identity and diagnosis when the events did not bring them, and
    /// how the run ended.
    fn ending(&mut self, summary: Option<&RunSummary>) -> Ending {
        let Some(s) = summary else {
            return Ending {
                could_not_run: Some(crate::i18n::Text::tr("batch-worker-panicked")),
            };
        };
        if self.identity.is_none() && !s.terminal.model.is_empty() {
            self.check_identity(&s.terminal);
        }
        if self.conclusions.is_empty() {
            self.conclusions = s.conclusions.clone();
        }
        let could_not_run = match &s.end {
            RunEnd::CouldNotRun(why) => Some(why.clone()),
            RunEnd::Complete => None,
            other => {
                if self.aborted.is_none() {
                    self.aborted = match other {
                        RunEnd::DeviceLost(why) => Some(why.clone()),
                        _ => other.reason().map(|_| {
                            crate::i18n::Text::each(|l| {
                                other.reason_in(l).unwrap_or_default().into()
                            })
                        }),
                    };
                }
                None
            }
        };
        Ending { could_not_run }
    }

    /// Why the run could not complete, identity mismatches, reconnects.
    fn notes(&self, end: &Ending) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(r) = &end.could_not_run {
            notes.push(r.get(self.lang).to_string());
        } else if let Some(a) = &self.aborted {
            notes.push(t!(self.lang, "batch-note-aborted", why = a.get(self.lang)).into_owned());
        }
        // The English words are the console's (and `failing_checks`'); the note is in the
        // run's language like the rest of it.
        let mismatch = match self.lang {
            Lang::En => &self.mismatch,
            _ => &self.mismatch_text,
        };
        notes.extend(mismatch.iter().cloned());
        if self.lost > 0 {
            notes.push(
                t!(
                    self.lang,
                    "batch-note-lost",
                    lost = self.lost,
                    reconnected = self.reconnected
                )
                .into_owned(),
            );
        }
        notes
    }

    /// The cause family of a verdict: none for PASS; otherwise the family of the diagnosis'
    /// verdict (its first conclusion under the precedence, `diagnosis::verdict`: the same in
    /// terminals.csv, on the console, in `report summarize` and the TUI); with no conclusion
    /// the dominant family of the failed attempts; else TERM-HW for an identity mismatch (the
    /// terminal on this port is not the one the station expects).
    fn family(&self, verdict: Outcome) -> String {
        if verdict == Outcome::Pass {
            return String::new();
        }
        if let Some(c) = crate::diagnosis::verdict(&self.conclusions) {
            return c.family.as_str().to_string();
        }
        match self.tally.dominant_family() {
            "" if !self.mismatch.is_empty() => Family::TermHw.as_str().to_string(),
            f => f.to_string(),
        }
    }

    /// The culprit of the diagnosis' verdict, in `lang`; empty when nothing was concluded.
    pub fn culprit(&self, lang: crate::i18n::Lang) -> String {
        crate::diagnosis::verdict(&self.conclusions)
            .map(|c| c.culprit.get(lang).to_string())
            .unwrap_or_default()
    }
}
