//! Operator commands as explicit state: what the operator asked for (abort, skip, retry,
//! export) and the point of the run where each request applies.

use super::record::Recorder;
use super::stop::Stop;
use super::BenchCommand;
use crate::i18n::Text;
use std::sync::mpsc::Receiver;

/// Requests that wait for the point of the run where they apply.
#[derive(Debug, Default)]
struct Pending {
    /// Final: the run stops at the next check (between cards, while waiting for a card, while
    /// reconnecting).
    abort: bool,
    /// Applies to the wait for a card on screen: that step is recorded `SKIP`. Only taken
    /// while a wait is open (see [`Operator::open_wait`]), so a skip pressed while a step runs
    /// never lands on a later step or card.
    skip: bool,
    /// Applies when the current interface step ends: the step runs again.
    retry: bool,
    /// The operator's answer to "what did the terminal show?" (1–3).
    showed: Option<u8>,
}

/// What the operator wants when a step is about to wait for a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AtWait {
    /// Wait for the card.
    Wait,
    /// Skip the step.
    Skip,
}

/// The operator's side of the run: the command channel and the requests not yet acted on.
pub(crate) struct Operator {
    commands: Receiver<BenchCommand>,
    pending: Pending,
    /// A wait the operator can skip is on screen (from its prompt until it ends).
    skippable: bool,
}

impl Operator {
    pub(crate) fn new(commands: Receiver<BenchCommand>) -> Operator {
        Operator {
            commands,
            pending: Pending::default(),
            skippable: false,
        }
    }

    /// Takes in the commands that arrived (never blocks). An export is done at once, through
    /// the recorder; the other commands wait for their point of the run.
    pub(crate) fn poll(&mut self, rec: &Recorder) {
        while let Ok(c) = self.commands.try_recv() {
            match c {
                BenchCommand::Abort => self.pending.abort = true,
                BenchCommand::Skip if self.skippable => self.pending.skip = true,
                // Nothing on screen can be skipped (a step is running): a skip kept for later
                // would land on the next card's step, which the operator never saw.
                BenchCommand::Skip => rec.note(Text::tr("run-note-nothing-to-skip")),
                BenchCommand::Retry => self.pending.retry = true,
                BenchCommand::ExportNow => rec.export(),
                BenchCommand::TerminalShowed(n) => self.pending.showed = Some(n),
            }
        }
    }

    /// Opens a skippable wait: call it before the prompt for the wait is sent, so every skip
    /// taken afterwards was pressed with that prompt on screen. Skips that arrived earlier
    /// (while a step ran) are dropped first.
    pub(crate) fn open_wait(&mut self, rec: &Recorder) {
        self.close_wait();
        self.poll(rec);
        self.skippable = true;
    }

    /// The wait ended (card read, missed, skipped): later skips are not for it.
    pub(crate) fn close_wait(&mut self) {
        self.skippable = false;
        self.pending.skip = false;
    }

    /// `Err(Stop::Operator)` once the operator aborted.
    pub(crate) fn check(&mut self, rec: &Recorder) -> Result<(), Stop> {
        self.poll(rec);
        if self.pending.abort {
            Err(Stop::Operator)
        } else {
            Ok(())
        }
    }

    /// Before (each slice of) a wait for a card: abort, skip (taken), or wait.
    pub(crate) fn at_wait(&mut self, rec: &Recorder) -> Result<AtWait, Stop> {
        self.check(rec)?;
        if std::mem::take(&mut self.pending.skip) {
            return Ok(AtWait::Skip);
        }
        Ok(AtWait::Wait)
    }

    /// Waits up to `wait` for the operator's answer to "what did the terminal show?" (taken):
    /// 1 a card-read error, 2 nothing, 3 something else; `None` when nobody answered.
    pub(crate) fn terminal_showed(
        &mut self,
        rec: &Recorder,
        wait: std::time::Duration,
    ) -> Result<Option<u8>, Stop> {
        self.pending.showed = None;
        if !self.skippable {
            self.open_wait(rec);
        }
        let r = self.await_showed(rec, wait);
        self.close_wait();
        r
    }

    /// The wait of [`Operator::terminal_showed`].
    fn await_showed(
        &mut self,
        rec: &Recorder,
        wait: std::time::Duration,
    ) -> Result<Option<u8>, Stop> {
        let until = std::time::Instant::now() + wait;
        while std::time::Instant::now() < until {
            self.check(rec)?;
            if let Some(n) = self.pending.showed.take() {
                return Ok(Some(n));
            }
            if std::mem::take(&mut self.pending.skip) {
                return Ok(None);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(None)
    }

    /// When an interface step ends: whether the operator asked to run it again (taken).
    pub(crate) fn retry_requested(&mut self, rec: &Recorder) -> bool {
        self.poll(rec);
        std::mem::take(&mut self.pending.retry)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::checklist::record::tests::recorder;
    use crate::checklist::BenchEvent;

    fn operator() -> (Operator, std::sync::mpsc::Sender<BenchCommand>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (Operator::new(rx), tx)
    }

    #[test]
    fn skip_applies_once_at_the_next_wait() {
        let d = tempfile::tempdir().unwrap();
        let (rec, _rx) = recorder(d.path());
        let (mut ops, tx) = operator();
        ops.open_wait(&rec);
        assert_eq!(ops.at_wait(&rec).unwrap(), AtWait::Wait);
        tx.send(BenchCommand::Skip).unwrap();
        // A step end does not take a skip.
        assert!(!ops.retry_requested(&rec));
        assert_eq!(ops.at_wait(&rec).unwrap(), AtWait::Skip);
        assert_eq!(ops.at_wait(&rec).unwrap(), AtWait::Wait);
    }

    #[test]
    fn a_skip_pressed_while_a_step_runs_is_dropped_not_kept_for_the_next_wait() {
        let d = tempfile::tempdir().unwrap();
        let (rec, rx) = recorder(d.path());
        let (mut ops, tx) = operator();
        // Card 1's chip step runs (no wait open); the operator presses `s`.
        tx.send(BenchCommand::Skip).unwrap();
        assert!(ops.check(&rec).is_ok());
        // Pressed and not yet read when the next wait opens: still not for that wait.
        tx.send(BenchCommand::Skip).unwrap();
        ops.open_wait(&rec);
        assert_eq!(ops.at_wait(&rec).unwrap(), AtWait::Wait);
        let notes = rx
            .try_iter()
            .filter(|e| matches!(e, BenchEvent::Note(t) if t.en.contains("nothing to skip")))
            .count();
        assert_eq!(notes, 2);
        // A skip left over from an ended wait does not carry to the next one.
        tx.send(BenchCommand::Skip).unwrap();
        ops.poll(&rec);
        ops.close_wait();
        ops.open_wait(&rec);
        assert_eq!(ops.at_wait(&rec).unwrap(), AtWait::Wait);
    }

    #[test]
    fn retry_applies_once_at_the_step_end() {
        let d = tempfile::tempdir().unwrap();
        let (rec, _rx) = recorder(d.path());
        let (mut ops, tx) = operator();
        tx.send(BenchCommand::Retry).unwrap();
        assert_eq!(ops.at_wait(&rec).unwrap(), AtWait::Wait);
        assert!(ops.retry_requested(&rec));
        assert!(!ops.retry_requested(&rec));
    }

    #[test]
    fn abort_is_final() {
        let d = tempfile::tempdir().unwrap();
        let (rec, _rx) = recorder(d.path());
        let (mut ops, tx) = operator();
        assert!(ops.check(&rec).is_ok());
        tx.send(BenchCommand::Skip).unwrap();
        tx.send(BenchCommand::Abort).unwrap();
        assert!(matches!(ops.at_wait(&rec), Err(Stop::Operator)));
        assert!(matches!(ops.check(&rec), Err(Stop::Operator)));
        assert!(matches!(ops.check(&rec), Err(Stop::Operator)));
    }

    #[test]
    fn export_writes_at_once() {
        let d = tempfile::tempdir().unwrap();
        let (rec, rx) = recorder(d.path());
        let (mut ops, tx) = operator();
        tx.send(BenchCommand::ExportNow).unwrap();
        ops.poll(&rec);
        assert!(d.path().join("diagnosis.csv").exists());
        assert!(rx.try_iter().any(|e| matches!(e, BenchEvent::Diagnosis(_))));
    }
}
