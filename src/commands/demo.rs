//! `cardbench demo`: the run screen against the built-in simulated terminal with the demo's
//! faults (or another scenario with `--scenario`).

use super::Globals;
use crate::cli::DemoArgs;
use crate::error::{Result, Status};

/// Runs `demo`.
pub fn run(g: &Globals, args: &DemoArgs) -> Result<Status> {
    if let Some(out) = &args.out {
        crate::report::check_fresh(out)
            .map_err(|e| crate::error::Error::Usage(e.text(g.lang())))?;
    }
    let mut plan = if args.pos {
        crate::tui::pos_demo_plan(args.out.clone())?
    } else {
        crate::tui::demo_plan(args.scenario.as_deref(), args.out.clone())?
    };
    plan.operator = args.who.operator.clone().unwrap_or_default();
    plan.ticket = args.who.ticket.clone().unwrap_or_default();
    plan.lang = g.lang();
    plan.bins = g.bins.clone();
    crate::tui::run_plan(plan)
}
