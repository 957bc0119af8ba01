//! The network steps: one echo per run and one authorisation per card through the host link
//! (`crate::host`), response code → family, reversal expected on timeout.

use super::engine::{CardData, Engine, Stop};
use crate::model::Attempt;

/// A connection to the acquirer host (or the in-process host simulator).
pub(crate) struct HostLink {
    _private: (),
}

impl HostLink {
    /// Starts the host link the run asks for (`None` when no host is configured).
    pub(crate) fn start(e: &mut Engine) -> Result<Option<HostLink>, Stop> {
        if e.cfg.host.is_some() {
            e.events
                .send(super::BenchEvent::Note(crate::i18n::Text::new(
                    "host link not available in this build: network steps are skipped",
                    "此版本无主机链路：跳过网络步骤",
                )))
                .ok();
        }
        Ok(None)
    }

    /// The run's echo test rows.
    pub(crate) fn echo(&mut self) -> Vec<Attempt> {
        Vec::new()
    }

    /// One authorisation (and the reversal on timeout) for a card.
    pub(crate) fn authorise(&mut self, _data: &CardData) -> Vec<Attempt> {
        Vec::new()
    }
}
