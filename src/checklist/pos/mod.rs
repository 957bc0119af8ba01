//! The checklist for a whole POS terminal (`pos8583`): the bench plays the acquirer host on
//! the terminal's host line (`link`) and guides the operator — sign on the terminal, then per
//! card a 0.01 sale by swipe and by insert with the deck's test PIN, then settlement — and
//! judges every message the terminal sends (`judge::pos`). Rows: one per card and interface,
//! plus terminal rows (sign-on and check values, downloads, software version, STAN, reversal,
//! settlement, batch upload). The simulated terminal's operator is played by the bench too.

mod link;

use super::judge::pos as judge;
use super::operator::Operator;
use super::outbox::Outbox;
use super::record::Recorder;
use super::stop::Stop;
use super::{BenchCommand, BenchEvent, Prompt, PromptAction, RunPlan, RunStart, RunSummary};
use crate::host::acquirer::{AcquirerConfig, Exchange, MessageKind};
use crate::host::keys::KeyStore;
use crate::host::params::Params;
use crate::host::rules::Rules;
use crate::i18n::Text;
use crate::model::{DeviceInfo, Interface, RunEnd};
use crate::sim::pos::{PosAction, Shown};
use link::PosLink;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

/// The catalogue id naming the kind of POS host link a run's device string (`Started`'s
/// `device`) stands for — the built-in simulated terminal, a TCP port the bench listens on, a
/// serial host line — so the screen and the headless log say it in the operator's language;
/// `None` for any other device.
pub fn link_kind(device: &str) -> Option<&'static str> {
    use crate::device::Target;
    let address = device.split(" (").next().unwrap_or(device);
    let d = crate::device::DeviceAddress::parse(address).ok()?;
    if d.profile != crate::device::open::POS_PROFILE {
        return None;
    }
    Some(match d.target {
        Target::Sim(_) => "pos-link-sim",
        Target::TcpListen(_) => "pos-link-listen",
        _ => "pos-link-serial",
    })
}

/// How long the terminal may stay quiet before a step's messages are taken as complete.
const QUIET: Duration = Duration::from_millis(2500);

/// One POS run.
struct PosRun {
    plan: RunPlan,
    out: Outbox,
    ops: Operator,
    rec: Recorder,
    link: PosLink,
    params: Params,
    acq: AcquirerConfig,
    /// Every exchange of the run, in order (terminal rows look at all of them).
    seen: Vec<Exchange>,
}

/// What the acquirer answers with for this run: the plan's host rules (`--host sim:RULES`),
/// keys and parameters, downloads pushed, the deck's PINs set sale by sale.
fn acquirer_config(plan: &RunPlan) -> Result<AcquirerConfig, Text> {
    let said = |e: crate::load::LoadError| Text::each(|lang| e.text(lang));
    let rules = match &plan.host {
        Some(crate::host::HostSpec::Sim { rules: Some(r), .. }) => {
            Rules::resolve(r).map_err(said)?
        }
        _ => Rules::default(),
    };
    Ok(AcquirerConfig {
        rules,
        keys: KeyStore::resolve(plan.keys.as_deref().unwrap_or("test")).map_err(said)?,
        params: Params::resolve(plan.params.as_deref().unwrap_or("test")).map_err(said)?,
        push_downloads: true,
        ..AcquirerConfig::default()
    })
}

/// Runs a whole POS checklist on the calling thread (the worker).
pub(crate) fn run(
    plan: RunPlan,
    events: Sender<BenchEvent>,
    commands: Receiver<BenchCommand>,
) -> RunSummary {
    let super::engine::Prepared {
        out, mut rec, sink, ..
    } = match super::engine::prepare(&plan, events) {
        Ok(p) => p,
        Err(summary) => return *summary,
    };
    let started = acquirer_config(&plan).and_then(|acq| {
        let link = PosLink::open(&plan.device.target, plan.baud, acq.clone(), sink)?;
        Ok((acq, link))
    });
    let (acq, link) = match started {
        Ok(x) => x,
        Err(why) => {
            let device = plan.device.to_string();
            let why = Text::each(|lang| {
                crate::i18n::t!(
                    lang,
                    "errors-cannot-open-device",
                    device = device.as_str(),
                    reason = why.get(lang)
                )
                .into_owned()
            });
            let end = RunEnd::CouldNotRun(why.clone());
            rec.could_not_run(&end);
            out.send(BenchEvent::Aborted(why));
            return RunSummary {
                report_dir: plan.out_dir.clone(),
                end,
                ..RunSummary::default()
            };
        }
    };
    let mut r = PosRun {
        params: acq.params.clone(),
        acq,
        ops: Operator::new(commands),
        plan,
        out,
        rec,
        link,
        seen: Vec::new(),
    };
    r.run_all()
}

impl PosRun {
    fn run_all(&mut self) -> RunSummary {
        self.rec.set_terminal(DeviceInfo {
            profile: crate::device::open::POS_PROFILE.into(),
            model: "POS".into(),
            ..DeviceInfo::default()
        });
        let device = match self.link.description.as_str() {
            "" => self.plan.device.to_string(),
            d => format!("{} ({d})", self.plan.device),
        };
        self.out.send(BenchEvent::Started(RunStart {
            station: self.plan.station.clone(),
            device,
            terminal: self.rec.terminal().clone(),
            cards: self.rec.cards().to_vec(),
            report_dir: self.plan.out_dir.clone(),
        }));
        let end = match self.steps() {
            Ok(()) => RunEnd::Complete,
            Err(s) => s.end(),
        };
        super::engine::note_stopped(&self.out, &end);
        self.out.send(BenchEvent::PromptCleared);
        self.rec.finish(end)
    }

    fn steps(&mut self) -> Result<(), Stop> {
        self.sign_on()?;
        let n = self.rec.deck().cards.len();
        // The host leaves the last sale unanswered once, to see the terminal reverse it (when
        // the deck has two sales or more: a single sale is kept for the terminal's answer).
        let sales: usize = self
            .rec
            .deck()
            .cards
            .iter()
            .map(|c| {
                c.interfaces
                    .iter()
                    .filter(|x| **x != Interface::Network)
                    .count()
            })
            .sum();
        let withheld = (0..n).rev().filter(|_| sales >= 2).find_map(|i| {
            let c = &self.rec.deck().cards[i];
            c.interfaces
                .iter()
                .rev()
                .find(|x| matches!(x, Interface::Swipe | Interface::Chip))
                .map(|x| (i, *x))
        });
        let mut withheld_stan = None;
        for i in 0..n {
            self.ops.check(&self.rec)?;
            self.rec.set_current(Some(i));
            let card = self.rec.deck().cards[i].clone();
            for iface in card.interfaces.iter().copied() {
                if iface == Interface::Network {
                    continue;
                }
                let withhold = withheld == Some((i, iface));
                let stan = self.sale(i, iface, withhold)?;
                if withhold {
                    withheld_stan = stan;
                }
                self.pause();
            }
        }
        self.rec.set_current(None);
        self.settle()?;
        self.terminal_rows(withheld_stan)
    }

    fn pause(&mut self) {
        let pause = self.plan.pacing.step_pause();
        let until = Instant::now() + pause;
        while Instant::now() < until && self.ops.check(&self.rec).is_ok() {
            std::thread::sleep(Duration::from_millis(20).min(pause));
        }
    }

    /// Shows a prompt about `card` (0 for terminal-level steps).
    fn prompt(&self, card: usize, action: PromptAction, text: Text) {
        // Headless runs print notes: the operator sees each prompt in order there too.
        self.out.send(BenchEvent::Note(text.clone()));
        self.out.send(BenchEvent::Prompt(Prompt {
            card,
            total: self.rec.deck().cards.len(),
            action,
            text,
            timeout_s: self.plan.prompt_timeout.as_secs(),
        }));
    }

    /// Waits for what an operator action produces: with the simulated terminal, until its
    /// screen shows the outcome; with a real one, until `want` arrives and the line is quiet.
    fn collect(
        &mut self,
        action: PosAction,
        want: impl Fn(&Exchange) -> bool,
    ) -> Result<(Vec<Exchange>, Option<Shown>), Stop> {
        let deadline = Instant::now() + self.plan.prompt_timeout;
        let mut got = Vec::new();
        let mut shown = None;
        if self.link.act(action) {
            while shown.is_none() && Instant::now() < deadline {
                self.ops.check(&self.rec)?;
                shown = self.link.shown(Instant::now() + Duration::from_millis(100));
            }
            std::thread::sleep(Duration::from_millis(50));
            got.extend(self.link.drain());
        } else {
            let mut quiet_until = deadline;
            while Instant::now() < quiet_until {
                self.ops.check(&self.rec)?;
                if let Some(x) = self.link.next(Instant::now() + Duration::from_millis(100)) {
                    if want(&x) || !got.is_empty() {
                        quiet_until = Instant::now() + QUIET;
                    }
                    got.push(x);
                }
            }
        }
        self.seen.extend(got.iter().cloned());
        Ok((got, shown))
    }

    /// The sign-on row, the downloads row, and the terminal's identity from its messages.
    fn sign_on(&mut self) -> Result<(), Stop> {
        self.prompt(0, PromptAction::Host, Text::tr("pos-prompt-sign-on"));
        let (exs, shown) = self.collect(PosAction::SignOn, |x| {
            matches!(x.kind, Some(MessageKind::SignOn(_)))
        })?;
        if let Some(x) = exs.iter().find(|x| !x.terminal_id.is_empty()) {
            self.rec.set_terminal(DeviceInfo {
                profile: crate::device::open::POS_PROFILE.into(),
                model: format!(
                    "POS {} MID {}",
                    x.app_type.as_deref().unwrap_or("?"),
                    x.merchant_id
                ),
                firmware: x.software_version.clone().unwrap_or_default(),
                serial: x.terminal_id.clone(),
            });
            self.rec.set_pos_ids(&x.terminal_id, &x.merchant_id);
        }
        let base = self.rec.row(None, Interface::Network, "sign-on");
        let a = judge::judge_sign_on(base, &exs, shown.as_ref());
        self.rec.record(None, a)?;
        let base = self.rec.row(None, Interface::Network, "downloads");
        if let Some(a) = judge::judge_downloads(base, &exs) {
            self.rec.record(None, a)?;
        }
        Ok(())
    }

    /// One sale of card `i` on `iface`; returns the sale's STAN.
    fn sale(&mut self, i: usize, iface: Interface, withhold: bool) -> Result<Option<String>, Stop> {
        let card = self.rec.deck().cards[i].clone();
        let n = i + 1;
        let label = card.label.clone();
        let id = match (iface, card.pin.is_some()) {
            (Interface::Chip, true) => "pos-prompt-insert-pin",
            (Interface::Chip, false) => "pos-prompt-insert",
            (_, true) => "pos-prompt-swipe-pin",
            (_, false) => "pos-prompt-swipe",
        };
        let text = Text::new(
            crate::i18n::tr_args(
                crate::i18n::Lang::En,
                id,
                &[("card", n.into()), ("label", label.en.as_str().into())],
            ),
            crate::i18n::tr_args(
                crate::i18n::Lang::ZhCn,
                id,
                &[("card", n.into()), ("label", label.zh.as_str().into())],
            ),
        );
        let action = if iface == Interface::Chip {
            PromptAction::Insert
        } else {
            PromptAction::Swipe
        };
        self.prompt(i, action, text);
        self.acq.pins.expect(
            card.pin
                .as_ref()
                .map(crate::sensitive::Secret::expose_clear),
        );
        if withhold {
            self.acq.withhold.next();
        }
        let (exs, shown) = self.collect(
            PosAction::Sale {
                card: i,
                insert: iface == Interface::Chip,
            },
            |x| x.kind.is_some_and(MessageKind::is_financial),
        )?;
        self.acq.pins.expect(None);
        let sale_at = exs
            .iter()
            .position(|x| x.kind.is_some_and(MessageKind::is_financial));
        let sale = sale_at.map(|p| &exs[p]);
        let after = sale_at.map(|p| &exs[p + 1..]).unwrap_or_default();
        let shown = self.ask_if_silent(sale.is_none(), shown)?;
        let base = self.rec.row(Some(i), iface, "sale");
        let j = self.rec.judging();
        let a = judge::judge_sale(
            base,
            &card,
            iface,
            sale,
            after,
            shown.as_ref(),
            &self.params,
            &j,
        );
        self.rec.begin_step();
        self.rec.record(Some(i), a)?;
        self.rec.check_expectation(i, iface)?;
        Ok(sale.and_then(|s| s.stan.clone()))
    }

    /// When nothing arrived, what the terminal showed: the simulated terminal says; a person is
    /// asked (read error / nothing / other) and the answer is recorded as the evidence.
    fn ask_if_silent(&mut self, silent: bool, shown: Option<Shown>) -> Result<Option<Shown>, Stop> {
        if !silent || self.link.simulated() {
            return Ok(shown);
        }
        // Before the question is on screen: a skip pressed earlier is not an answer to it.
        self.ops.open_wait(&self.rec);
        self.out
            .send(BenchEvent::Note(Text::tr("pos-ask-what-showed")));
        Ok(self
            .ops
            .terminal_showed(&self.rec, Duration::from_secs(20))?
            .map(|n| match n {
                1 => Shown::ReadError,
                2 => Shown::NoAnswer,
                _ => Shown::Answer("other".into()),
            }))
    }

    /// Settlement and batch upload rows.
    fn settle(&mut self) -> Result<(), Stop> {
        self.prompt(0, PromptAction::Host, Text::tr("pos-prompt-settle"));
        let (exs, shown) = self.collect(PosAction::Settle, |x| {
            x.kind == Some(MessageKind::Settlement)
        })?;
        let base = self.rec.row(None, Interface::Network, "settlement");
        for a in judge::judge_settlement(base, &exs, shown.as_ref()) {
            self.rec.record(None, a)?;
        }
        Ok(())
    }

    /// Rows about the whole session: software version, STAN increments, the reversal.
    fn terminal_rows(&mut self, withheld_stan: Option<String>) -> Result<(), Stop> {
        self.out.send(BenchEvent::PromptCleared);
        let exs = self.seen.clone();
        let base = self.rec.row(None, Interface::Network, "version");
        if let Some(a) = judge::judge_version(base, &exs, None) {
            self.rec.record(None, a)?;
        }
        let base = self.rec.row(None, Interface::Network, "stan");
        if let Some(a) = judge::judge_stan(base, &exs) {
            self.rec.record(None, a)?;
        }
        if let Some(stan) = withheld_stan {
            let base = self.rec.row(None, Interface::Network, "reversal");
            self.rec
                .record(None, judge::judge_reversal(base, &stan, &exs))?;
        }
        Ok(())
    }
}
