//! Starting one terminal of a batch: its run plan (the batch's options on the station's
//! device, opened by its stable name), its engine, and a forwarder thread that tags the
//! engine's events with the terminal's position for the batch's one channel.

use super::stations::Station;
use super::BatchOptions;
use crate::checklist::{BenchCommand, BenchEvent, RunPlan, RunSummary};
use crate::device::{DeviceAddress, Target};
use crate::error::Result;
use std::path::Path;
use std::sync::mpsc::Sender;

/// Messages from a terminal's forwarder thread to the batch's main loop.
pub enum Msg {
    Event(BenchEvent),
    /// The engine's thread ended (`None`: it panicked).
    Done(Option<Box<RunSummary>>),
}

/// The address a station is opened by: its stable name where one exists.
pub fn stable_address(device: &str) -> String {
    match DeviceAddress::parse(device) {
        Ok(DeviceAddress {
            profile,
            target: Target::Serial(p),
        }) => match crate::link::ports::stable_name(&p) {
            Some(s) => DeviceAddress {
                profile,
                target: Target::Serial(s),
            }
            .to_string(),
            None => device.to_string(),
        },
        _ => device.to_string(),
    }
}

/// The run plan of one station: the batch's options, the station's label and report folder.
pub fn plan_for(
    st: &Station,
    device: &str,
    report_dir: &Path,
    opts: &BatchOptions,
) -> Result<RunPlan> {
    let mut plan = RunPlan::defaults(DeviceAddress::parse(device)?).with_station(&st.label);
    plan.deck = opts.deck.clone();
    plan.host = opts.host.clone();
    plan.terminal = opts.terminal.clone();
    plan.out_dir = report_dir.to_path_buf();
    plan.baud = opts.baud;
    plan.swipes = opts.swipes;
    plan.prompt_timeout = opts.prompt_timeout;
    plan.excel = opts.excel;
    plan.bins = opts.bins.clone();
    plan.lang = opts.lang;
    plan.operator = opts.operator.clone();
    plan.ticket = opts.ticket.clone();
    Ok(plan)
}

/// Starts the engine for `plan` and forwards its events as `(index, Msg)`; returns where
/// the engine's commands go (dropping it tells the engine nobody is listening any more).
pub fn start(
    index: usize,
    label: &str,
    plan: RunPlan,
    tx: Sender<(usize, Msg)>,
) -> Result<Sender<BenchCommand>> {
    let handle = crate::checklist::start(plan);
    let events = handle.events;
    let thread = handle.thread;
    std::thread::Builder::new()
        .name(format!("batch-{label}"))
        .spawn(move || {
            for ev in events.iter() {
                if tx.send((index, Msg::Event(ev))).is_err() {
                    break;
                }
            }
            let summary = thread.join().ok().map(Box::new);
            let _ = tx.send((index, Msg::Done(summary)));
        })?;
    Ok(handle.commands)
}
