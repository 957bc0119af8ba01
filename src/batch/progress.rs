//! What the operator sees while a batch runs: a summary line over one progress bar per
//! terminal, drawn on stderr when it is a terminal; otherwise the bars are hidden and only
//! the lines of note (device lost, a terminal's verdict) are printed, one per line.

use crate::i18n::{t, Lang};
use crate::model::Outcome;
use crate::report::tally::Counts;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// The batch's progress display.
pub struct Progress {
    multi: MultiProgress,
    style: ProgressStyle,
    top: ProgressBar,
    draw: bool,
    lang: Lang,
}

impl Progress {
    /// Bars drawn when `enabled` and stderr is a terminal; words in `lang`.
    pub fn new(enabled: bool, lang: Lang) -> Progress {
        let draw = enabled && std::io::stderr().is_terminal();
        let multi = MultiProgress::with_draw_target(if draw {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        });
        // The template's own `{…}` keys are indicatif's; only the unit word is translated.
        let template = format!(
            "{{prefix}} [{{bar:24.cyan/blue}}] {{pos:>2}}/{{len:2}} {}  {{msg}}",
            t!(lang, "batch-bar-cards")
        );
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let top = multi.add(ProgressBar::new_spinner());
        Progress {
            multi,
            style,
            top,
            draw,
            lang,
        }
    }

    /// A new terminal's bar, below the ones before it.
    pub fn bar(&self) -> ProgressBar {
        let bar = self.multi.add(ProgressBar::new(1));
        bar.set_style(self.style.clone());
        bar
    }

    /// Prints a line of note above the bars (or on its own line when they are hidden).
    pub fn say(&self, line: String) {
        // Station labels and device text may hold anything: through the output guard.
        let line = crate::sensitive::guard_line(&line);
        if self.draw {
            let _ = self.multi.println(line);
        } else {
            eprintln!("{line}");
        }
    }

    /// The summary line: terminals running / by verdict, and checks passed / failed so far.
    /// One item per terminal: its verdict once known, and the counts of its attempts.
    pub fn update_top<'a>(&self, terminals: impl Iterator<Item = (Option<Outcome>, &'a Counts)>) {
        let mut verdicts = Counts::default();
        let mut checks = Counts::default();
        let (mut n, mut running) = (0, 0);
        for (verdict, counts) in terminals {
            n += 1;
            checks.merge(counts);
            match verdict {
                Some(v) => verdicts.add(v),
                None => running += 1,
            }
        }
        let errors = verdicts.attempts - verdicts.pass - verdicts.fail;
        self.top.set_message(t!(
            self.lang,
            "batch-progress-top",
            terminals = n,
            running = running,
            pass = verdicts.pass,
            fail = verdicts.fail,
            error = errors,
            checks_pass = checks.pass,
            checks_fail = checks.failures()
        ));
    }

    /// Stops the summary line (the terminal bars finish on their own).
    pub fn finish(&self) {
        self.top.finish();
    }
}
