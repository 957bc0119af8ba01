//! Integration tests: checklist (one test binary; modules under tests/checklist/).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/shared.rs"]
mod shared;

#[path = "checklist/bins.rs"]
mod bins;
#[path = "checklist/chip_faults.rs"]
mod chip_faults;
#[path = "checklist/crt591.rs"]
mod crt591;
#[path = "checklist/deck.rs"]
mod deck;
#[path = "checklist/diagnosis.rs"]
mod diagnosis;
#[path = "checklist/engine.rs"]
mod engine;
#[path = "checklist/fake.rs"]
mod fake;
#[path = "checklist/faults.rs"]
mod faults;
#[path = "checklist/knobs.rs"]
mod knobs;
#[path = "checklist/no_pan.rs"]
mod no_pan;
#[path = "checklist/one_verdict.rs"]
mod one_verdict;
#[path = "checklist/printable.rs"]
mod printable;
#[path = "checklist/rc_verdict.rs"]
mod rc_verdict;
#[path = "checklist/report.rs"]
mod report;
#[path = "checklist/run_cli.rs"]
mod run_cli;
#[path = "checklist/sigkill.rs"]
mod sigkill;
#[path = "checklist/six_fixes.rs"]
mod six_fixes;
#[path = "checklist/stop.rs"]
mod stop;
#[path = "checklist/sweep.rs"]
mod sweep;
#[path = "checklist/sweep_faults.rs"]
mod sweep_faults;
#[path = "checklist/sweep_gen.rs"]
mod sweep_gen;
#[path = "checklist/terminal.rs"]
mod terminal;
#[path = "checklist/verdicts.rs"]
mod verdicts;
