//! The generated sweep: seeded random cases (`sweep_gen`), each a full checklist run on a
//! simulator with the in-process host, scored against the faults injected. A sample runs in
//! `cargo test`; the full sweep is `cargo test --test checklist sweep_full -- --ignored
//! --nocapture` (figures in docs/diagnosis.md).

use super::faults::fault_cfg;
use super::sweep_gen::{case, Case, Fault};
use cardbench::checklist::{self, BenchEvent};
use cardbench::diagnosis::{verdict, Conclusion, Confidence};
use cardbench::model::Family;
use cardbench::trace::Direction;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

/// How one case went.
#[derive(Debug)]
pub struct Scored {
    pub case: Case,
    pub conclusions: Vec<Conclusion>,
    /// The verdict names the fault that comes first under the precedence.
    pub verdict_ok: bool,
    /// Every injected fault is named by some conclusion.
    pub all_found: bool,
    /// A terminal conclusion (medium or high) although only bank-side faults were injected.
    pub terminal_blamed: bool,
}

impl Scored {
    /// The right family and culprit: the verdict, and every fault found.
    pub fn right(&self) -> bool {
        self.verdict_ok && self.all_found
    }
}

fn names(c: &Conclusion, f: &Fault) -> bool {
    c.family == f.expect.family && c.culprit.en.contains(&f.expect.culprit)
}

/// Scores a case's conclusions.
pub fn score(case: Case, conclusions: Vec<Conclusion>) -> Scored {
    let tier = |f: &Fault| cardbench::diagnosis::verdict::tier(f.expect.family);
    let first = case.faults.iter().map(tier).min().unwrap_or(u8::MAX);
    let verdict_ok = verdict(&conclusions).is_some_and(|v| {
        case.faults
            .iter()
            .filter(|f| tier(f) == first)
            .any(|f| names(v, f))
    });
    let all_found = case
        .faults
        .iter()
        .all(|f| conclusions.iter().any(|c| names(c, f)));
    let terminal_blamed = case.bank_side_only()
        && conclusions.iter().any(|c| {
            matches!(c.family, Family::TermHw | Family::TermSw)
                && c.confidence >= Confidence::Medium
        });
    Scored {
        case,
        conclusions,
        verdict_ok,
        all_found,
        terminal_blamed,
    }
}

/// A command frame the bench sent to the reader (not to the host; not a lone ENQ or ACK
/// byte): what the simulators count for `freeze_after` and `unplug_after`.
fn is_command(f: &cardbench::trace::FrameRecord) -> bool {
    let bytes = f.hex.chars().filter(|c| c.is_ascii_hexdigit()).count() / 2;
    f.dir == Direction::Tx && bytes > 1 && f.link.parse::<std::net::SocketAddr>().is_err()
}

/// What a run showed of the reader's commands: each command's description, and the number
/// of commands sent before each card's first prompt.
#[derive(Default)]
struct Commands {
    sent: Vec<String>,
    at_card: Vec<usize>,
}

/// Runs one case's scenario and rules; returns the conclusions and the commands sent.
fn run(case: &Case, dir: &Path) -> (Vec<Conclusion>, Commands) {
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("scenario.toml");
    std::fs::write(&file, toml::to_string(&case.scenario).unwrap()).unwrap();
    let rules = dir.join("rules.toml");
    std::fs::write(&rules, &case.rules).unwrap();
    let device = format!("{}:sim:{}", case.profile.name(), file.display());
    let mut cfg = fault_cfg(&device, &dir.join("out"));
    cfg.prompt_timeout = Duration::from_secs(5);
    // A reader unplugged for good is given up on after 2 s (60 s at a real bench).
    cfg.reconnect_window = Duration::from_secs(2);
    let host = format!("sim:{}?timeout_ms=400", rules.display());
    cfg.host = Some(cardbench::host::HostSpec::parse(&host).unwrap());
    let h = checklist::start(cfg);
    let mut cmds = Commands::default();
    let debug = std::env::var("SWEEP_FRAMES").is_ok();
    for ev in h.events.iter() {
        match ev {
            BenchEvent::Frame(f) => {
                if debug {
                    println!(
                        "{} {:?} {} {}",
                        cmds.sent.len(),
                        f.dir,
                        f.hex,
                        f.layers.join(" ")
                    );
                }
                if is_command(&f) {
                    cmds.sent.push(f.layers.join(" "));
                }
            }
            BenchEvent::Prompt(p) if p.card >= cmds.at_card.len() => {
                cmds.at_card.push(cmds.sent.len())
            }
            _ => {}
        }
    }
    let s = h.thread.join().unwrap();
    (s.conclusions, cmds)
}

/// A command after which the line may drop and the bench repeat what it lost: a read, or the
/// CRT-310's move between two swipes (`32 30`), followed by another read (not by the command
/// that ends a card), in the second half of the run (the simulators drop the line every N
/// commands: once, then).
fn replug_points(c: &Commands) -> Vec<u32> {
    let read = |s: &str| s.contains("read") && !s.contains("firmware") && !s.contains("model");
    let before = |s: &str| read(s) || s.contains("32 30 move card");
    let half = c.sent.len() / 2;
    c.sent
        .windows(2)
        .enumerate()
        .filter(|(i, w)| *i >= half && before(&w[0]) && read(&w[1]))
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// Runs a case. A fault that stops the reader is set on the last card's first command, an
/// unplug on a read in the middle of the run; both counted on a run of the same deck without
/// them (what the simulators count: commands since the start, or since the last replug).
pub fn run_case(mut case: Case) -> Scored {
    let d = tempfile::tempdir().unwrap();
    let place = case.faults.iter().find(|f| f.kills || f.replug).cloned();
    if let Some(f) = place {
        let (_, cmds) = run(&case, &d.path().join("calibrate"));
        let faults = &mut case.scenario.device.faults;
        let n = if f.kills {
            let n = cmds.at_card.last().copied().unwrap_or(20).max(1) as u32 + 1;
            if f.knob == "freeze" {
                faults.freeze_after = n;
            } else {
                faults.unplug_after = n;
                faults.replug_after_ms = 0;
            }
            n
        } else {
            let points = replug_points(&cmds);
            let n = points[(case.scenario.scenario.seed as usize * 7) % points.len().max(1)];
            faults.unplug_after = n;
            n
        };
        case.id = format!("{} (at command {n})", case.id);
    }
    let (conclusions, _) = run(&case, d.path());
    score(case, conclusions)
}

/// Runs cases on a few worker threads (the runs wait on paced lines, not on the CPU).
pub fn run_all(cases: Vec<Case>) -> Vec<Scored> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    let queue = Mutex::new(cases.into_iter().enumerate().collect::<Vec<_>>());
    let done = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let next = queue.lock().unwrap().pop();
                let Some((i, c)) = next else { break };
                let r = run_case(c);
                done.lock().unwrap().push((i, r));
            });
        }
    });
    let mut v = done.into_inner().unwrap();
    v.sort_by_key(|(i, _)| *i);
    v.into_iter().map(|(_, r)| r).collect()
}

/// A case, what it wanted and the conclusions it got, for a failure message.
pub fn show(s: &Scored) -> String {
    let c: Vec<String> = s
        .conclusions
        .iter()
        .map(|c| {
            format!(
                "    {} {} [{}] {}",
                c.rule,
                c.family,
                c.confidence.as_str(),
                c.culprit.en
            )
        })
        .collect();
    let want: Vec<String> = s
        .case
        .faults
        .iter()
        .map(|f| format!("{} ~ {:?}", f.expect.family, f.expect.culprit))
        .collect();
    format!(
        "  {}\n    want: {}\n{}",
        s.case.id,
        want.join(" + "),
        c.join("\n")
    )
}

/// Accuracy figures of a sweep, printed and returned: (single right %, pair right %,
/// bank-side cases with a terminal blamed).
pub fn report(singles: &[Scored], pairs: &[Scored]) -> (f64, f64, usize) {
    let pct = |v: &[Scored]| {
        100.0 * v.iter().filter(|s| s.right()).count() as f64 / v.len().max(1) as f64
    };
    let blamed = singles
        .iter()
        .chain(pairs)
        .filter(|s| s.terminal_blamed)
        .count();
    let bank_side = singles
        .iter()
        .chain(pairs)
        .filter(|s| s.case.bank_side_only())
        .count();
    println!(
        "sweep: singles {}/{} right ({:.1} %), pairs {}/{} right ({:.1} %; verdict right {}), bank-side cases {bank_side}, terminal blamed in {blamed}",
        singles.iter().filter(|s| s.right()).count(),
        singles.len(),
        pct(singles),
        pairs.iter().filter(|s| s.right()).count(),
        pairs.len(),
        pct(pairs),
        pairs.iter().filter(|s| s.verdict_ok).count(),
    );
    for s in singles
        .iter()
        .chain(pairs)
        .filter(|s| !s.right() || s.terminal_blamed)
    {
        println!("{}", show(s));
    }
    (pct(singles), pct(pairs), blamed)
}

/// A sample of the sweep in every `cargo test`: both profiles, every layer.
#[test]
fn sweep_sample() {
    let singles = run_all((0..16).map(|s| case(s, false)).collect());
    let pairs = run_all((0..16).map(|s| case(1000 + s, true)).collect());
    let (single, pair, blamed) = report(&singles, &pairs);
    assert_eq!(single, 100.0);
    assert!(pair >= 90.0, "pairs {pair:.1} %");
    assert_eq!(blamed, 0);
}

/// One case, its attempts shown: `SWEEP_CASE=11 [SWEEP_PAIR=1] cargo test --test checklist
/// sweep_one -- --ignored --nocapture`.
#[test]
#[ignore]
fn sweep_one() {
    let seed: u64 = std::env::var("SWEEP_CASE").unwrap().parse().unwrap();
    let pair = std::env::var("SWEEP_PAIR").is_ok_and(|v| v == "1");
    let c = case(seed, pair);
    println!("{}\n{}", c.id, c.rules);
    let d = tempfile::tempdir().unwrap();
    let mut c2 = c.clone();
    if c.faults.iter().any(|f| f.kills || f.replug) {
        let s = run_case(c);
        println!("{}", show(&s));
        c2 = s.case;
    }
    let (conclusions, _) = run(&c2, d.path());
    let attempts = std::fs::read_to_string(d.path().join("out/attempts.csv")).unwrap();
    for l in attempts.lines() {
        let f: Vec<&str> = l.split(',').collect();
        println!(
            "{}",
            [7, 12, 13, 14, 16, 17]
                .iter()
                .map(|i| f.get(*i).copied().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    println!("{}", show(&score(c2, conclusions)));
}

/// Chosen cases: `SWEEP_SINGLES=3,73 SWEEP_PAIRS=1018 cargo test --test checklist
/// sweep_list -- --ignored --nocapture`.
#[test]
#[ignore]
fn sweep_list() {
    let seeds = |k: &str| -> Vec<u64> {
        std::env::var(k)
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect()
    };
    let singles = run_all(
        seeds("SWEEP_SINGLES")
            .into_iter()
            .map(|s| case(s, false))
            .collect(),
    );
    let pairs = run_all(
        seeds("SWEEP_PAIRS")
            .into_iter()
            .map(|s| case(s, true))
            .collect(),
    );
    report(&singles, &pairs);
}

/// The full sweep (a few minutes): `cargo test --test checklist sweep_full -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn sweep_full() {
    let n: u64 = std::env::var("SWEEP_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let singles = run_all((0..n).map(|s| case(s, false)).collect());
    let pairs = run_all((0..2 * n).map(|s| case(1000 + s, true)).collect());
    let (single, pair, blamed) = report(&singles, &pairs);
    assert_eq!(single, 100.0);
    assert!(pair >= 95.0, "pairs {pair:.1} %");
    assert_eq!(blamed, 0);
}
