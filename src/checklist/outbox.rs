//! The engine's side of the event channel: events, notes and operator prompts to whoever
//! displays the run (TUI, headless printer, batch).

use super::{BenchEvent, Prompt, PromptAction};
use crate::deck::Deck;
use crate::i18n::Text;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Sends [`BenchEvent`]s. Cloned into each part of the engine that reports something.
#[derive(Clone)]
pub(crate) struct Outbox {
    tx: Sender<BenchEvent>,
}

impl Outbox {
    pub(crate) fn new(tx: Sender<BenchEvent>) -> Outbox {
        Outbox { tx }
    }

    /// Sends one event. The UI may have quit; the run still completes and writes its reports.
    pub(crate) fn send(&self, ev: BenchEvent) {
        let _ = self.tx.send(ev);
    }

    /// A note from the bench, in both languages.
    pub(crate) fn note(&self, en: impl Into<String>, zh: impl Into<String>) {
        self.send(BenchEvent::Note(Text::new(en, zh)));
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
