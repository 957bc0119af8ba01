//! Run plans the screen starts: the demo's (simulator, demo deck and host, paced for a
//! person) and the start screen's choices.

use super::start::StartChoice;
use crate::checklist::{Pacing, RunPlan};
use crate::error::Result;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The demo's run: the CRT-310 simulator with the built-in demo scenario, deck and host rules,
/// paced for a person to follow. Another scenario (a built-in name or a file) runs alone: its
/// own faults, the simulator's deck and an approve-all host.
pub fn demo_plan(scenario: Option<&str>, out: Option<PathBuf>) -> Result<RunPlan> {
    let demo = matches!(scenario, None | Some("demo"));
    let target = match scenario {
        None | Some("demo") => Some("demo".to_string()),
        // The simulator's own default scenario.
        Some("crt310-default" | "default") => None,
        Some(s) => Some(find_scenario(s)),
    };
    // A scenario that does not load is the command line's fault, said before any screen
    // opens (exit 2): without a terminal it would be hidden behind "cannot open the terminal".
    if let Some(t) = target.as_deref().filter(|_| !demo) {
        crate::sim::scenario::Scenario::resolve(t)?;
    }
    let device = crate::device::DeviceAddress {
        profile: "crt310".into(),
        target: crate::device::Target::Sim(target),
    };
    let mut plan = RunPlan::defaults(device).with_station("demo");
    if let Some(o) = out {
        plan.out_dir = o;
    }
    plan.deck = demo.then(|| "demo".to_string());
    plan.host = Some(crate::host::HostSpec::Sim {
        rules: demo.then(|| "demo".to_string()),
        timeout: crate::host::SIM_REPLY_TIMEOUT,
    });
    plan.swipes = 2;
    plan.prompt_timeout = Duration::from_secs(30);
    plan.pacing = Pacing::Demo;
    Ok(plan)
}

/// `demo --pos`: the simulated POS terminal `pos-demo` (a dead keypad) against the host with
/// Bank of China down, paced for a person to follow (docs/pos.md).
pub fn pos_demo_plan(out: Option<PathBuf>) -> Result<RunPlan> {
    let device = crate::device::DeviceAddress {
        profile: crate::device::open::POS_PROFILE.into(),
        target: crate::device::Target::Sim(Some("pos-demo".into())),
    };
    let mut plan = RunPlan::defaults(device).with_station("demo");
    if let Some(o) = out {
        plan.out_dir = o;
    }
    // The built-in POS deck: the same cards, with their Chinese labels.
    plan.deck = Some("pos8583-default".into());
    plan.host = Some(crate::host::HostSpec::Sim {
        rules: Some("one-bank-down".into()),
        timeout: crate::host::SIM_REPLY_TIMEOUT,
    });
    plan.prompt_timeout = Duration::from_secs(30);
    plan.pacing = Pacing::Demo;
    Ok(plan)
}

/// A scenario name as the demo accepts it: a built-in name or a file as given, else a file of
/// that name under `fixtures/scenarios/` or `fixtures/scenarios/faults/` (from the source
/// tree). Not found: kept as given, and the run screen shows the simulator's own error.
fn find_scenario(s: &str) -> String {
    if crate::sim::scenario::Scenario::builtin(s).is_some() || Path::new(s).is_file() {
        return s.to_string();
    }
    ["fixtures/scenarios", "fixtures/scenarios/faults"]
        .iter()
        .map(|d| Path::new(d).join(format!("{s}.toml")))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| s.to_string())
}

/// A run plan from the start screen's choices (station, operator, ticket and report folder
/// included; `station` is the fallback when the choice has none), with extra BIN data `bins`.
pub(super) fn plan_from_choice(
    c: &StartChoice,
    station: &str,
    bins: Option<&PathBuf>,
    lang: Lang,
) -> Result<RunPlan> {
    let mut plan = if c.demo {
        demo_plan(None, None)?
    } else {
        let device = crate::device::DeviceAddress::parse(&c.device)?;
        let station = if c.station.is_empty() {
            station
        } else {
            &c.station
        };
        let mut plan = RunPlan::defaults(device).with_station(station);
        plan.deck = c.deck.as_ref().map(|d| d.to_string_lossy().into_owned());
        plan.host = c
            .host
            .as_deref()
            .map(crate::host::HostSpec::parse)
            .transpose()?;
        if plan.is_simulated() {
            plan.pacing = Pacing::Demo;
        }
        plan
    };
    if let (Some(root), Some(name)) = (&c.out, plan.out_dir.file_name()) {
        plan.out_dir = root.join(name);
    }
    plan.operator = c.operator.clone();
    plan.ticket = c.ticket.clone();
    plan.bins = bins.cloned();
    plan.lang = lang;
    Ok(plan)
}
