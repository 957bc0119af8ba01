//! The network steps: one echo per run and one authorisation per card through the host link
//! (`crate::host`), response code → family, reversal expected and checked on timeout.

use super::engine::{CardData, Engine, Stop};
use crate::host::{AuthRequest, EntryMode, HostClient, HostHandle};
use crate::model::{Attempt, Interface, Outcome, Signal};
use crate::trace::FrameSink;

/// A connection to the acquirer host (or to the in-process host simulator).
pub(crate) struct HostLink {
    link: crate::host::HostLink,
    client: Option<HostClient>,
    sink: FrameSink,
    /// Keeps the in-process host simulator running (`--host sim`).
    _sim: Option<HostHandle>,
    /// Why the link is down (for the rows of later steps).
    down: Option<String>,
    connect_ms: Option<u64>,
}

impl HostLink {
    /// Starts the host link the run asks for (`None` when no host is configured). A host that
    /// cannot be reached is not an error here: the echo row records it (NET).
    pub(crate) fn start(e: &mut Engine) -> Result<Option<HostLink>, Stop> {
        let Some(spec) = e.cfg.host.clone() else {
            return Ok(None);
        };
        let (link, sim) = spec
            .start()
            .map_err(|err| Stop::CouldNotRun(format!("host {spec}: {err}")))?;
        Ok(Some(HostLink {
            link,
            client: None,
            sink: e.sink(),
            _sim: sim,
            down: None,
            connect_ms: None,
        }))
    }

    fn ensure_connected(&mut self) -> bool {
        if self.client.is_some() {
            return true;
        }
        match HostClient::connect(&self.link, self.sink.clone()) {
            Ok((c, ms)) => {
                self.client = Some(c);
                self.connect_ms = Some(ms);
                self.down = None;
                true
            }
            Err(err) => {
                self.down = Some(err.to_string());
                false
            }
        }
    }

    /// The run's connect and echo rows (card columns empty).
    pub(crate) fn echo(&mut self, e: &Engine) -> Vec<Attempt> {
        let mut rows = Vec::new();
        let mut a = e.row(None, Interface::Network, "connect");
        if !self.ensure_connected() {
            a.outcome = Outcome::Fail;
            a.signal = Signal::ConnectFailed;
            a.detail = format!(
                "{} ({})",
                self.down.clone().unwrap_or_default(),
                self.link.addr
            );
            rows.push(a);
            return rows;
        }
        a.outcome = Outcome::Pass;
        a.signal = Signal::Ok;
        a.latency_ms = self.connect_ms;
        a.detail = format!("connected to {}", self.link.addr);
        rows.push(a);
        let mut a = e.row(None, Interface::Network, "echo");
        let Some(c) = self.client.as_mut() else {
            return rows;
        };
        let out = c.echo();
        a.latency_ms = Some(out.latency_ms);
        match (&out.rc, &out.error) {
            (Some(rc), _) if rc == "00" => {
                a.outcome = Outcome::Pass;
                a.signal = Signal::Ok;
                a.rc = rc.clone();
                a.detail = "0800/0810 echo (301) answered".into();
            }
            (Some(rc), _) => {
                a.outcome = Outcome::Fail;
                a.signal = Signal::rc(rc);
                a.rc = rc.clone();
                a.detail = "0800/0810 echo answered with a non-zero RC".into();
            }
            (None, err) => {
                a.outcome = Outcome::Fail;
                a.signal = Signal::EchoTimeout;
                a.detail = err.clone().unwrap_or_else(|| "no 0810".into());
                self.client = None;
            }
        }
        rows.push(a);
        rows
    }

    /// One authorisation for a card (and the reversal row after a timeout). Rows carry only
    /// step, outcome, signal, detail, latency and RC; the engine fills the rest.
    pub(crate) fn authorise(&mut self, data: &CardData) -> Vec<Attempt> {
        let mut a = Attempt {
            step: "auth".into(),
            ..Attempt::default()
        };
        let Some(pan) = data.pan.clone() else {
            a.outcome = Outcome::Skip;
            a.signal = Signal::Skipped;
            a.detail = "no card number read by the swipe or chip step: nothing to authorise".into();
            return vec![a];
        };
        if !self.ensure_connected() {
            a.outcome = Outcome::Fail;
            a.signal = Signal::ConnectFailed;
            a.detail = self.down.clone().unwrap_or_default();
            return vec![a];
        }
        let chip = data.chip_track2.is_some() || data.icc_data.is_some();
        let req = AuthRequest {
            pan,
            track2: if chip {
                data.chip_track2.clone().or_else(|| data.track2.clone())
            } else {
                data.track2.clone()
            },
            expiry: data.expiry.clone(),
            entry: if chip {
                EntryMode::Chip
            } else {
                EntryMode::Swipe
            },
            amount_minor: 100,
            icc_data: data.icc_data.clone(),
            card_seq: None,
        };
        let Some(c) = self.client.as_mut() else {
            return vec![a];
        };
        let out = c.authorise(&req);
        a.latency_ms = Some(out.latency_ms);
        let mut rows = Vec::new();
        let entry = if chip { "chip 051" } else { "swipe 021" };
        match (&out.rc, out.timed_out) {
            (Some(rc), _) => {
                a.rc = rc.clone();
                let meaning = out
                    .rc_info
                    .as_ref()
                    .map(|i| i.meaning_en.to_string())
                    .unwrap_or_default();
                if crate::codec::iso8583::rc::is_approved(rc) {
                    a.outcome = Outcome::Pass;
                    a.signal = Signal::Ok;
                } else {
                    a.outcome = Outcome::Fail;
                    a.signal = Signal::rc(rc);
                }
                a.detail = format!(
                    "{} STAN {} entry {entry}: RC {rc} {meaning}",
                    out.mti_pair, out.stan
                );
            }
            (None, timed_out) => {
                a.outcome = Outcome::Fail;
                a.signal = if timed_out {
                    Signal::AuthTimeout
                } else {
                    Signal::HostError
                };
                a.detail = format!(
                    "{} STAN {}: {}",
                    out.mti_pair,
                    out.stan,
                    out.error.clone().unwrap_or_default()
                );
                if !timed_out {
                    // The connection is in an unknown state after a bad or missing reply.
                    self.client = None;
                }
            }
        }
        rows.push(a);
        if let Some(r) = &out.reversal {
            let mut b = Attempt {
                step: "reversal".into(),
                ..Attempt::default()
            };
            if r.sent && r.answered {
                b.outcome = Outcome::Pass;
                b.signal = Signal::Ok;
                b.rc = r.rc.clone().unwrap_or_default();
                b.detail = format!(
                    "0400 reason {} sent after the failed 0200, 0410 RC {}",
                    r.reason,
                    r.rc.clone().unwrap_or_default()
                );
            } else {
                b.outcome = Outcome::Fail;
                b.signal = Signal::ReversalMissing;
                b.detail = if r.sent {
                    format!("0400 reason {} sent, no 0410", r.reason)
                } else {
                    format!("0400 reason {} could not be sent", r.reason)
                };
            }
            rows.push(b);
        }
        rows
    }
}
