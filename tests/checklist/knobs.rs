//! The simulator knobs of the sweep, end to end: an in-process simulator unplugged for good
//! stays gone (and one with a replug delay comes back only after it); host rules with a time
//! window relative to the run start.

use super::faults::fault_cfg;
use cardbench::checklist::{self, RunSummary};
use cardbench::model::{Family, RunEnd, Signal};
use cardbench::sim::scenario::Scenario;
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `profile`'s default scenario with `edit` applied, at 115200 baud, with `host`.
fn run_with(
    profile: &str,
    edit: impl FnOnce(&mut Scenario),
    host: Option<String>,
    dir: &Path,
) -> RunSummary {
    let mut sc = Scenario::builtin(&format!("{profile}-default")).unwrap();
    sc.device.think_time_ms = 0;
    edit(&mut sc);
    let file = dir.join("scenario.toml");
    std::fs::write(&file, toml::to_string(&sc).unwrap()).unwrap();
    let mut cfg = fault_cfg(
        &format!("{profile}:sim:{}", file.display()),
        &dir.join("out"),
    );
    cfg.reconnect_window = Duration::from_secs(2);
    cfg.host = host.map(|h| cardbench::host::HostSpec::parse(&h).unwrap());
    let h = checklist::start(cfg);
    for _ in h.events.iter() {}
    h.thread.join().unwrap()
}

#[test]
fn an_in_process_simulator_unplugged_for_good_stays_gone() {
    for profile in ["crt310", "msr605"] {
        let d = tempfile::tempdir().unwrap();
        let s = run_with(
            profile,
            |sc| {
                sc.device.faults.unplug_after = 12;
                sc.device.faults.replug_after_ms = 0;
            },
            None,
            d.path(),
        );
        assert!(
            matches!(&s.end, RunEnd::DeviceLost(why) if why.en.contains("not back")),
            "{profile}: {:?}",
            s.end
        );
        let lost = s
            .attempts
            .iter()
            .filter(|a| a.signal == Signal::DeviceLost)
            .count();
        assert_eq!(lost, 1, "{profile}: lost once, never back");
        let c = &s.conclusions[0];
        assert_eq!(
            (c.family, c.culprit.en.as_str()),
            (Family::TermHw, "reader (link)"),
            "{profile}"
        );
        assert!(
            c.finding.en.contains("did not come back"),
            "{}",
            c.finding.en
        );
    }
}

#[test]
fn an_in_process_simulator_comes_back_after_its_replug_delay() {
    let d = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let s = run_with(
        "msr605",
        |sc| {
            sc.device.faults.unplug_after = 20;
            sc.device.faults.replug_after_ms = 1500;
        },
        None,
        d.path(),
    );
    assert_eq!(s.end, RunEnd::Complete);
    // At least one unplug, each one waited out (the bench could not reopen before).
    assert!(
        t.elapsed() >= Duration::from_millis(1500),
        "{:?}",
        t.elapsed()
    );
    assert!(s.conclusions[0].culprit.en.starts_with("reader connection"));
}

#[test]
fn a_maintenance_window_from_the_run_start() {
    let d = tempfile::tempdir().unwrap();
    let rules = d.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nname = \"CCB maintenance\"\nbank = \"CCB\"\ntime = \"+0m..+30m\"\nrc = \"90\"\n\
         [[rule]]\nname = \"ABC tomorrow\"\nbank = \"ABC\"\ntime = \"+23h..+24h\"\nrc = \"90\"\n",
    )
    .unwrap();
    let s = run_with(
        "msr605",
        |_| {},
        Some(format!("sim:{}", rules.display())),
        d.path(),
    );
    let rc90: Vec<&str> = s
        .attempts
        .iter()
        .filter(|a| a.rc == "90")
        .map(|a| a.bank.as_str())
        .collect();
    assert_eq!(rc90, ["CCB"], "only CCB is in its window");
    let c = &s.conclusions[0];
    assert_eq!(c.family, Family::Bank);
    assert!(c.culprit.en.starts_with("CCB"), "{}", c.culprit.en);
}
