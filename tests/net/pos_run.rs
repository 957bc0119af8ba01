//! `cardbench run --device pos8583:sim…`: the whole POS checklist against the simulated
//! terminal. A healthy terminal passes every row; each simulator fault knob, run alone, is
//! diagnosed with the right family and culprit; no output holds a clear PAN, track, PIN block
//! or key.

use cardbench::checklist::{BenchEvent, RunPlan, RunSummary};
use cardbench::device::DeviceAddress;
use cardbench::host::HostSpec;
use cardbench::i18n::Lang;
use cardbench::model::{Family, Outcome};
use cardbench::sensitive::find_clear_pan;
use std::path::Path;

const BENCH: &str = include_str!("../../fixtures/pos/pos-bench.toml");

/// pos-bench with `line` replacing its key, or added to `[pos]`.
fn scenario(dir: &Path, line: &str) -> String {
    let key = line.split('=').next().unwrap().trim();
    let mut found = false;
    let mut text: Vec<String> = BENCH
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{key} =")) {
                found = true;
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    if !found {
        let at = text.iter().position(|l| l.starts_with("settle")).unwrap();
        text.insert(at + 1, line.to_string());
    }
    let p = dir.join("scenario.toml");
    std::fs::write(&p, text.join("\n")).unwrap();
    p.display().to_string()
}

/// Runs the checklist on the simulated POS; the summary and every line the run printed.
pub fn run_pos(device: &str, host: Option<&str>, out: &Path) -> (RunSummary, String) {
    let mut plan = RunPlan::defaults(DeviceAddress::parse(device).unwrap());
    plan.out_dir = out.to_path_buf();
    plan.host = host.map(|h| HostSpec::parse(h).unwrap());
    plan.prompt_timeout = std::time::Duration::from_secs(20);
    plan.lang = Lang::En;
    let h = cardbench::checklist::start(plan);
    let mut printed = String::new();
    let stop = cardbench::checklist::StopSignals::none();
    let summary =
        cardbench::commands::run::print_headless(h, Lang::En, &mut PrintTo(&mut printed), &stop);
    (summary, printed)
}

struct PrintTo<'a>(&'a mut String);
impl std::io::Write for PrintTo<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.push_str(&String::from_utf8_lossy(b));
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn knob(line: &str) -> RunSummary {
    let d = tempfile::tempdir().unwrap();
    let sc = scenario(d.path(), line);
    let (s, printed) = run_pos(&format!("pos8583:sim:{sc}"), None, &d.path().join("R"));
    assert!(find_clear_pan(&printed).is_none(), "{printed}");
    s
}

/// The first conclusion's family and English culprit.
fn first(s: &RunSummary) -> (Family, String) {
    let c = s
        .conclusions
        .first()
        .unwrap_or_else(|| panic!("no conclusion: {:#?}", s.attempts));
    (c.family, c.culprit.get(Lang::En).to_string())
}

#[test]
fn healthy_terminal_writes_the_four_csvs_with_de41_de42() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("R");
    let (s, printed) = run_pos("pos8583:sim", None, &out);
    assert!(s.all_passed, "{printed}");
    assert!(s.conclusions.is_empty(), "{:#?}", s.conclusions);
    for f in ["attempts.csv", "cards.csv", "banks.csv", "diagnosis.csv"] {
        assert!(out.join(f).exists(), "{f}");
    }
    let csv = std::fs::read_to_string(out.join("attempts.csv")).unwrap();
    // One row per card x interface (5 cards, swipe and chip) plus the terminal rows.
    let sales = csv.lines().filter(|l| l.contains(",sale,")).count();
    assert_eq!(sales, 10, "{csv}");
    for step in [
        "sign-on",
        "downloads",
        "settlement",
        "batch-upload",
        "version",
        "stan",
        "reversal",
    ] {
        assert!(csv.contains(&format!(",{step},PASS,")), "{step}: {csv}");
    }
    // DE41 and DE42 in every row after the sign-on.
    assert!(csv
        .lines()
        .skip(2)
        .all(|l| l.contains("10000019") && l.contains("850100082410002")));
    // run.toml names the terminal by its DE41 and DE42 too.
    let toml = std::fs::read_to_string(out.join("run.toml")).unwrap();
    assert!(toml.contains("de41 = \"10000019\""), "{toml}");
    assert!(toml.contains("de42 = \"850100082410002\""), "{toml}");
    for f in ["attempts.csv", "cards.csv", "banks.csv", "diagnosis.csv"] {
        let t = std::fs::read_to_string(out.join(f)).unwrap();
        assert!(find_clear_pan(&t).is_none(), "{f}");
        assert!(!t.contains(cardbench::host::keys::TEST_MASTER_KEY));
    }
    assert!(find_clear_pan(&printed).is_none());
    assert!(s.attempts.iter().all(|a| a.outcome == Outcome::Pass));
    // Every answered chip sale's ARQC (computed by the simulated terminal's EMV flow) verified
    // at the host; the one the bench withholds is never checked.
    let chip: Vec<_> = s
        .attempts
        .iter()
        .filter(|a| a.step == "sale" && a.interface == cardbench::model::Interface::Chip)
        .collect();
    assert_eq!(chip.len(), 5);
    let verified = chip.iter().filter(|a| a.detail.contains("ARQC ok")).count();
    assert!(verified >= 4, "{chip:#?}");
    assert!(chip.iter().all(|a| a.tvr == "0000000000"), "{chip:#?}");
}

#[test]
fn knob_master_key_erased_is_the_master_key() {
    let (f, c) = first(&knob("master_key_erased = true"));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermHw, "terminal master key (erased)")
    );
}

#[test]
fn knob_missing_public_key_is_the_key_store() {
    let (f, c) = first(&knob("drop_ca_key = \"A000000333/F1\""));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermSw, "CA public key missing (terminal key store)")
    );
}

#[test]
fn knob_stale_kernel_is_the_kernel_version() {
    let (f, c) = first(&knob("kernel_version = \"0020\""));
    assert_eq!((f, c.as_str()), (Family::TermSw, "EMV kernel version"));
}

#[test]
fn knob_dead_chip_reader_is_the_chip_reader() {
    let (f, c) = first(&knob("dead_chip_reader = true"));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermHw, "chip reader (IC contacts)")
    );
}

#[test]
fn knob_dead_keypad_is_the_keypad() {
    let (f, c) = first(&knob("dead_keypad = true"));
    assert_eq!((f, c.as_str()), (Family::TermHw, "keypad (PIN pad)"));
}

#[test]
fn knob_printer_fault_is_the_printer() {
    let (f, c) = first(&knob("printer_fault = true"));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermHw, "printer (or transaction completion)")
    );
}

#[test]
fn knob_no_reversal_is_the_terminal_software() {
    let (f, c) = first(&knob("reverse_on_timeout = false"));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermSw, "reversal on timeout (terminal software)")
    );
}

#[test]
fn knob_stan_reuse_is_the_stan_counter() {
    let s = knob("stan_reuse = true");
    let (f, c) = first(&s);
    assert_eq!(
        (f, c.as_str()),
        (Family::TermSw, "STAN counter (terminal software)")
    );
}

#[test]
fn knob_ignored_downloads_is_the_downloads() {
    let (f, c) = first(&knob("ignore_downloads = true"));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermSw, "public-key / IC-parameter downloads")
    );
}

#[test]
fn knob_wrong_mac_algorithm_is_the_mac_algorithm() {
    let (f, c) = first(&knob("mac = \"x9.19\""));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermSw, "MAC algorithm (terminal settings)")
    );
}

#[test]
fn knob_wrong_totals_is_the_batch_totals() {
    let (f, c) = first(&knob("wrong_totals = true"));
    assert_eq!(
        (f, c.as_str()),
        (Family::TermSw, "batch totals (settlement)")
    );
}

#[test]
fn knob_worn_head_is_the_read_head() {
    let (f, c) = first(&knob("worn_head = true"));
    assert_eq!((f, c.as_str()), (Family::TermHw, "read head (magnetic)"));
}

#[test]
fn one_terminal_fault_and_one_bank_down_are_told_apart() {
    let d = tempfile::tempdir().unwrap();
    let (s, _) = run_pos(
        "pos8583:sim:pos-demo",
        Some("sim:one-bank-down"),
        &d.path().join("R"),
    );
    let fams: Vec<(Family, String)> = s
        .conclusions
        .iter()
        .map(|c| (c.family, c.culprit.get(Lang::En).to_string()))
        .collect();
    assert_eq!(
        fams[0],
        (Family::TermHw, "keypad (PIN pad)".to_string()),
        "{fams:?}"
    );
    assert!(
        fams.iter()
            .any(|(f, c)| *f == Family::Bank && c.contains("BOC")),
        "{fams:?}"
    );
    assert_eq!(fams.len(), 2, "{fams:?}");
}

#[test]
fn headless_prompts_come_in_order() {
    let d = tempfile::tempdir().unwrap();
    let (_, printed) = run_pos("pos8583:sim", None, &d.path().join("R"));
    let at = |s: &str| printed.find(s).unwrap_or_else(|| panic!("{s}: {printed}"));
    assert!(at("Sign on the terminal") < at("swipe card 1 (ICBC debit)"));
    assert!(at("swipe card 1 (ICBC debit)") < at("insert card 1 (ICBC debit)"));
    assert!(at("insert card 5") < at("Settle the terminal"));
    let _ = BenchEvent::PromptCleared;
}

#[test]
fn the_link_timeline_shows_no_pan_pin_block_or_key() {
    let d = tempfile::tempdir().unwrap();
    let mut plan = RunPlan::defaults(DeviceAddress::parse("pos8583:sim").unwrap());
    plan.out_dir = d.path().join("R");
    let h = cardbench::checklist::start(plan);
    let mut frames = String::new();
    let mut shown = String::new();
    let mut n = 0;
    for ev in h.events.iter() {
        match ev {
            BenchEvent::Frame(r) => {
                n += 1;
                shown.push_str(&format!(
                    "{}\n{}\n{}\n",
                    r.hex,
                    r.ascii,
                    r.layers.join(" | ")
                ));
                frames.push_str(&format!(
                    "{}\n{}\n{}\n",
                    r.hex.replace(' ', ""),
                    r.ascii,
                    r.layers.join(" | ")
                ));
            }
            BenchEvent::Finished { .. } | BenchEvent::Aborted(_) => break,
            _ => {}
        }
    }
    let _ = h.thread.join();
    assert!(n > 40, "{n} frames");
    assert!(
        frames.contains("0320"),
        "the batch upload is in the timeline"
    );
    let sc = cardbench::sim::pos::PosScenario::resolve("pos-bench").unwrap();
    for c in &sc.cards {
        assert!(
            !frames.contains(&c.pan),
            "a PAN in the timeline (hex or text)"
        );
    }
    assert!(!frames.contains(cardbench::host::keys::TEST_MASTER_KEY));
    assert!(find_clear_pan(&shown).is_none());
}
