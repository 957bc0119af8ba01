//! The chip step's online completion, between the network step's 0210 and the card (EMV 4.3
//! Book 3 §10.9–10.10): the chip step keeps the card powered and its flow waiting after an
//! ARQC when a network step of the same card follows; the network step hands the host's
//! answer (DE39, DE55 `91`/`71`/`72`) to the flow, drives EXTERNAL AUTHENTICATE, the scripts and
//! GENERATE AC 2 over the reader, records the chip `online` row and powers the card off.

use super::{elapsed_ms, Engine};
use crate::checklist::judge::online::judge_online;
use crate::checklist::stop::Stop;
use crate::deck::DeckCard;
use crate::device::emv::{EmvFlow, HostAnswer};
use crate::host::AuthOutcome;
use crate::model::Interface;
use std::time::Instant;

impl Engine {
    /// Whether card `i`'s flow may wait for the host: a host is set up and a network step
    /// follows the chip step.
    pub(super) fn goes_online(&self, card: &DeckCard) -> bool {
        let chip = card.interfaces.iter().position(|x| *x == Interface::Chip);
        let net = card
            .interfaces
            .iter()
            .position(|x| *x == Interface::Network);
        self.host.is_some() && matches!((chip, net), (Some(c), Some(n)) if n > c)
    }

    /// Keeps card `i`'s flow (and the card powered) for the network step when it waits for
    /// the host; else powers the card off.
    pub(super) fn park_or_power_off(
        &mut self,
        i: usize,
        card: &DeckCard,
        flow: EmvFlow,
    ) -> Result<(), Stop> {
        if flow.awaits_online() && self.goes_online(card) {
            self.pending_online = Some((i, flow));
            return Ok(());
        }
        let _ = self.device(|d| d.chip_power_off())?;
        Ok(())
    }

    /// A flow still waiting when its card is done (the network step did not authorise it):
    /// the card is powered off without completion.
    pub(super) fn drop_pending_online(&mut self) -> Result<(), Stop> {
        if self.pending_online.take().is_some() {
            let _ = self.device(|d| d.chip_power_off())?;
        }
        Ok(())
    }

    /// After the authorisation of card `i`: the host's answer to the card, the `online` row.
    /// Whether the row passed (true when no flow was waiting).
    pub(super) fn complete_online(
        &mut self,
        i: usize,
        card: &DeckCard,
        got: Result<&AuthOutcome, &str>,
    ) -> Result<bool, Stop> {
        let Some((_, mut flow)) = self.pending_online.take().filter(|(k, _)| *k == i) else {
            return Ok(true);
        };
        let answer = match got {
            Ok(out) => HostAnswer {
                rc: out.rc.clone(),
                de55: out.icc_reply.clone(),
            },
            Err(_) => HostAnswer::default(),
        };
        // Issuer scripts can change a card: only deck test cards (a test PIN in the deck) and
        // the simulators' synthetic cards get them.
        let test_card =
            card.pin.is_some() || matches!(self.plan.device.target, crate::device::Target::Sim(_));
        flow.complete_online(&answer, test_card);
        let started = Instant::now();
        // A reader lost and reconnected mid-completion has dropped the card's session: the
        // completion ends there, as after a device error.
        let device_error = self
            .drive_flow(&mut flow)?
            .unwrap_or_else(|| Some("the reader was lost during the online completion".into()));
        let r = flow.result(None);
        let base = self.rec.row(Some(i), Interface::Chip, "online");
        let mut row = judge_online(base, &r, device_error.as_deref(), &self.rec.judging());
        row.latency_ms = Some(elapsed_ms(started));
        let ok = self.rec.record(Some(i), row)?;
        let _ = self.device(|d| d.chip_power_off())?;
        Ok(ok)
    }
}
