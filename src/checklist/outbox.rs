//! The engine's side of the event channel: events, notes and operator prompts to whoever
//! displays the run (TUI, headless printer, batch), each also written to the run's
//! `trace.jsonl` (masked as on screen) for `cardbench replay`.

use super::{BenchEvent, Prompt, PromptAction};
use crate::deck::Deck;
use crate::i18n::Text;
use crate::report::trace_log::{TraceEntry, TraceLog};
use crate::sensitive::mask_clear_pans;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Sends [`BenchEvent`]s. Cloned into each part of the engine that reports something.
#[derive(Clone)]
pub(crate) struct Outbox {
    tx: Sender<BenchEvent>,
    /// The run's `trace.jsonl` (none in unit tests).
    trace: Option<Arc<Mutex<TraceLog>>>,
}

impl Outbox {
    #[cfg(test)]
    pub(crate) fn new(tx: Sender<BenchEvent>) -> Outbox {
        Outbox { tx, trace: None }
    }

    /// An outbox that also writes every event of note to `trace`.
    pub(crate) fn with_trace(tx: Sender<BenchEvent>, trace: TraceLog) -> Outbox {
        Outbox {
            tx,
            trace: Some(Arc::new(Mutex::new(trace))),
        }
    }

    /// Sends one event (after writing it to the trace). The UI may have quit; the run still
    /// completes and writes its reports.
    pub(crate) fn send(&self, ev: BenchEvent) {
        if let Some(e) = trace_entry(&ev) {
            self.trace(e);
        }
        let _ = self.tx.send(ev);
    }

    /// Writes one entry to the trace. A trace that cannot be written is given up quietly
    /// (logged): `attempts.csv` is the run's record, the trace is for replay.
    pub(crate) fn trace(&self, e: TraceEntry) {
        let Some(t) = &self.trace else { return };
        if let Ok(mut t) = t.lock() {
            if let Err(err) = t.append(&e) {
                tracing::warn!("trace.jsonl: {err}");
            }
        }
    }

    /// Makes the trace durable (the end of the run).
    pub(crate) fn sync_trace(&self) {
        if let Some(Ok(mut t)) = self.trace.as_ref().map(|t| t.lock()) {
            let _ = t.sync();
        }
    }

    /// A note from the bench, in both languages (a catalogue text: `Text::tr*`).
    pub(crate) fn note(&self, text: Text) {
        self.send(BenchEvent::Note(text));
    }

    /// Asks the operator to act on card `card` (0-based position in `deck`); `extra` is appended
    /// to both sentences (`" (swipe 2/3)"`).
    pub(crate) fn prompt(
        &self,
        deck: &Deck,
        card: usize,
        action: PromptAction,
        extra: &str,
        timeout: Duration,
    ) {
        let Some(c) = deck.cards.get(card) else {
            return;
        };
        let total = deck.cards.len();
        let n = card + 1;
        let (en_verb, zh_verb) = match action {
            PromptAction::Swipe => ("Swipe", "请刷卡"),
            PromptAction::Insert => ("Insert", "请插卡"),
            PromptAction::Remove => ("Remove", "请取卡"),
            PromptAction::Host => ("Host check for", "主机交易"),
        };
        let text = Text::new(
            format!("{en_verb} card {n} of {total} — {}{extra}", c.label.en),
            format!("{zh_verb} — 第 {n}/{total} 张 {}{extra}", c.label.zh),
        );
        self.send(BenchEvent::Prompt(Prompt {
            card,
            total,
            action,
            text,
            timeout_s: timeout.as_secs(),
        }));
    }
}

/// The trace line of an event, masked as the screen masks it; prompts and diagnoses are not
/// traced (a replay diagnoses again with today's rules).
fn trace_entry(ev: &BenchEvent) -> Option<TraceEntry> {
    Some(match ev {
        BenchEvent::Started(start) => TraceEntry::Started(start.clone()),
        BenchEvent::Frame(f) => {
            let mut f = f.clone();
            f.ascii = mask_clear_pans(&f.ascii);
            for l in &mut f.layers {
                *l = mask_clear_pans(l);
            }
            TraceEntry::Frame(f)
        }
        BenchEvent::Attempt { card, row, .. } => {
            let mut row = row.clone();
            row.detail = mask_clear_pans(&row.detail);
            row.detail_zh = mask_clear_pans(&row.detail_zh);
            TraceEntry::Attempt { card: *card, row }
        }
        BenchEvent::Note(t) => TraceEntry::Note(t.clone()),
        BenchEvent::DeviceLost(why) => TraceEntry::DeviceLost { why: why.clone() },
        BenchEvent::Reconnected => TraceEntry::Reconnected,
        BenchEvent::Aborted(why) => TraceEntry::Aborted {
            why: why.en.clone(),
        },
        BenchEvent::Finished {
            all_passed, end, ..
        } => TraceEntry::Finished {
            all_passed: *all_passed,
            end: end.code().to_string(),
            reason: end.reason().unwrap_or_default().to_string(),
        },
        BenchEvent::Prompt(_)
        | BenchEvent::PromptCleared
        | BenchEvent::Diagnosis(_)
        | BenchEvent::Exported(_) => return None,
    })
}
