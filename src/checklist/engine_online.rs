//! The chip step's online completion, between the network step's 0210 and the card (EMV 4.3
//! Book 3 §10.9–10.10): the chip step keeps the card powered and its flow waiting after an
//! ARQC when a network step of the same card follows; the network step hands the host's
//! answer (DE39, DE55 `91`/`71`/`72`) to the flow, drives EXTERNAL AUTHENTICATE, the scripts and
//! GENERATE AC 2 over the reader, records the chip `online` row and powers the card off.

use super::{elapsed_ms, Engine};
use crate::checklist::judge::network::judge_reversal;
use crate::checklist::judge::online::judge_online;
use crate::checklist::stop::Stop;
use crate::deck::DeckCard;
use crate::device::emv::{EmvFlow, HostAnswer};
use crate::host::AuthOutcome;
use crate::model::Interface;
use crate::sensitive::Pan;
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

    /// After the authorisation of card `i`: the host's answer to the card, the `online` row,
    /// and when the card declined a sale the host approved, the reversal and its row.
    /// Whether the row passed (true when no flow was waiting).
    pub(super) fn complete_online(
        &mut self,
        i: usize,
        card: &DeckCard,
        got: Result<&AuthOutcome, &str>,
        pan: &Pan,
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
        self.reverse_if_declined(i, got, &r, pan)?;
        Ok(ok)
    }

    /// EMV Book 4 §12.2.4: the host approved (DE39) but the card declined at GENERATE AC 2 —
    /// the terminal reverses the authorisation (`codec::iso8583::chip_reversal_reason`, DE39 `06`,
    /// the POS simulator's rule) and the `reversal` row records it.
    fn reverse_if_declined(
        &mut self,
        i: usize,
        got: Result<&AuthOutcome, &str>,
        r: &crate::device::emv::EmvResult,
        pan: &Pan,
    ) -> Result<(), Stop> {
        let approved = got
            .ok()
            .and_then(|o| o.rc.as_deref())
            .is_some_and(crate::codec::iso8583::rc::is_approved);
        let cid2 = r.online.as_ref().and_then(|o| o.cid2.as_deref());
        let Some(reason) = crate::codec::iso8583::chip_reversal_reason(approved, cid2) else {
            return Ok(());
        };
        let Some(rev) = self.host.as_mut().and_then(|h| h.reverse_last(reason)) else {
            return Ok(());
        };
        let mut row = self.rec.row(Some(i), Interface::Network, "reversal");
        self.rec.judging().fill_card(&mut row, Some(pan));
        judge_reversal(&mut row, &rev);
        if row.outcome == crate::model::Outcome::Pass {
            let args = [("reason", reason.into()), ("code", row.rc.as_str().into())];
            let detail = crate::i18n::Text::tr_args("judge-net-reversal-card-declined", &args);
            row.judge_text(
                crate::model::Outcome::Pass,
                crate::model::Signal::Ok,
                detail,
            );
        }
        self.rec.record(Some(i), row)?;
        Ok(())
    }
}
