//! The threads that feed the UI's one channel: terminal input + ticks, and the engine's
//! events. Each stops as soon as its send fails (the UI is gone) or its stop flag is set.

use super::app::{AppEvent, TICK};
use crate::checklist::BenchEvent;
use ratatui::crossterm::event::{self, Event};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;
use std::time::Instant;

/// Reads keys and resizes from the terminal and emits a `Tick` every [`TICK`].
pub fn spawn_input(tx: Sender<AppEvent>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut next_tick = Instant::now() + TICK;
        while !stop.load(Ordering::Relaxed) {
            let wait = next_tick.saturating_duration_since(Instant::now());
            match event::poll(wait) {
                Ok(true) => {
                    let ev = match event::read() {
                        Ok(Event::Key(k)) => Some(AppEvent::Key(k)),
                        Ok(Event::Resize(_, _)) => Some(AppEvent::Resize),
                        Ok(_) => None,
                        Err(e) => {
                            tracing::warn!("terminal input error: {e}");
                            None
                        }
                    };
                    if let Some(ev) = ev {
                        if tx.send(ev).is_err() {
                            return;
                        }
                    }
                }
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!("terminal poll error: {e}");
                    std::thread::sleep(TICK);
                }
            }
            if Instant::now() >= next_tick {
                next_tick = Instant::now() + TICK;
                if tx.send(AppEvent::Tick).is_err() {
                    return;
                }
            }
        }
    })
}

/// Forwards engine events into the UI channel; sends `EngineGone` when the engine's channel
/// closes.
pub fn spawn_bench_forwarder(
    rx: Receiver<BenchEvent>,
    tx: Sender<AppEvent>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for ev in rx {
            if tx.send(AppEvent::Bench(ev)).is_err() {
                return;
            }
        }
        // The UI may already be gone at shutdown; nothing to tell then.
        let _ = tx.send(AppEvent::EngineGone);
    })
}
