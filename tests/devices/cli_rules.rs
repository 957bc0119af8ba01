//! The command line behaves as ripgrep and fd do (issue 17 point 2, issue 14 point 5): every
//! subcommand exits quietly when its output is closed, an error is one line on stderr with the
//! fix, exit codes 0/1/2, help on every flag, completions and a man page from clap; and
//! `sim --link` (point 3) never replaces a file or folder and removes its link on SIGTERM.

use super::cli::{run, text};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cardbench")
}

/// Runs `args` with stdout a pipe whose reading end is already closed (`| head -0`).
fn run_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(bin())
        .args(args)
        .env("CARDBENCH_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn every_subcommand_exits_quietly_when_its_output_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let run_dir = dir.path().join("run");
    let o = run(&[
        "run",
        "--headless",
        "-d",
        "crt310:sim",
        "--host",
        "sim",
        "--swipes",
        "1",
        "--prompt-timeout",
        "5",
        "--out",
        run_dir.to_str().unwrap(),
    ]);
    assert!(o.status.code().is_some_and(|c| c < 2), "{}", text(&o));
    let run_dir = run_dir.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["--help"],
        &[
            "decode",
            "track",
            "%B6222020000000000018^ZHANG/SAN^3012101?",
        ],
        &[
            "decode",
            "atr",
            "3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00",
        ],
        &["ports"],
        &["doctor"],
        &["probe", "-d", "crt310:sim"],
        &["report", "summarize", run_dir],
        &[
            "run",
            "--headless",
            "-d",
            "crt310:sim",
            "--swipes",
            "1",
            "--out",
            run_dir,
        ],
        &["completions", "bash"],
        &["man"],
    ];
    for args in cases {
        let o = run_into_closed_pipe(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
        assert!(
            matches!(o.status.code(), Some(0..=2)),
            "{args:?}: {:?} {err}",
            o.status
        );
    }
}

#[test]
fn an_error_is_one_line_on_stderr_and_exits_2() {
    let cases: &[&[&str]] = &[
        &["decode", "track", "not a track"],
        &["decode", "atr", "zz"],
        &["probe", "-d", "crt-310:/dev/ttyUSB0"],
        &["run", "--headless", "-d", "nonsense"],
        &["sim", "crt310", "--scenario", "no-such-scenario"],
        // No "wait forever": 0 is refused, as --help says (1 to 86400).
        &["read", "-d", "crt310:sim", "--wait", "0"],
    ];
    for args in cases {
        let o = Command::new(bin())
            .args(*args)
            .env("CARDBENCH_LANG", "en")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
        assert!(
            lines[0].starts_with("cardbench: error: "),
            "{args:?}: {err}"
        );
        // A track that does not read is explained on stdout (what is wrong) before the error.
        if args[..2] != ["decode", "track"] {
            assert!(o.stdout.is_empty(), "{args:?}: {}", text(&o));
        }
    }
}

#[test]
fn an_unknown_profile_names_the_known_ones() {
    let o = run(&["probe", "-d", "crt-310:/dev/ttyUSB0"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown profile"), "{err}");
    assert!(err.contains("known: crt310, crt591, msr605"), "{err}");
}

/// `doctor` refuses a mistyped profile as the other commands do (exit 2, one line naming the
/// known profiles), before it looks at the port: not a FAIL row about a missing adapter.
#[test]
fn doctor_refuses_an_unknown_profile() {
    let o = run(&["doctor", "--device", "crt-310:/dev/ttyUSB0"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(o.stdout.is_empty(), "{}", text(&o));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown profile \"crt-310\""), "{err}");
    assert!(
        err.contains("known: crt310, crt591, msr605, pos8583"),
        "{err}"
    );
    // pos8583 is a known profile: doctor checks the listening address and asks no identity.
    let o = run(&["doctor", "--device", "pos8583:tcp-listen:127.0.0.1:5899"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!text(&o).contains("unknown profile"), "{}", text(&o));
}

/// `run` resolves its deck before it opens the device: a mistyped profile must still say
/// "unknown profile", not "no built-in deck", and the device must be named once per line.
#[test]
fn run_with_an_unknown_profile_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let deck = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/decks/demo.toml");
    let cases: [&[&str]; 2] = [&[], &["--deck", deck]];
    for (i, extra) in cases.iter().enumerate() {
        let out = dir.path().join(format!("r{i}"));
        let mut args = vec!["run", "-d", "crt-310:/dev/ttyUSB0", "--headless", "--out"];
        args.push(out.to_str().unwrap());
        args.extend_from_slice(extra);
        let o = run(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", text(&o));
        assert!(
            err.contains("unknown profile \"crt-310\""),
            "{extra:?}: {err}"
        );
        assert!(err.contains("crt310, crt591, msr605"), "{extra:?}: {err}");
        assert!(err.matches("cannot open").count() <= 1, "{err}");
        assert!(!err.contains("no built-in deck"), "{extra:?}: {err}");
        assert!(
            !err.contains("deck:"),
            "a device address error is not the deck's: {err}"
        );
    }
}

#[test]
fn zero_swipes_is_an_error() {
    for cmd in ["run", "batch"] {
        let o = run(&[cmd, "-d", "crt310:sim", "--swipes", "0"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", text(&o));
        assert!(text(&o).contains("swipes"), "{cmd}: {}", text(&o));
    }
}

#[test]
fn a_refused_command_line_is_one_guarded_line() {
    for args in [
        &["frob"][..],
        &[
            "run",
            "-d",
            "crt310:sim",
            "--operator",
            "6222020000000000018",
        ],
        &["run", "-d", "crt310:sim", "--ticket", "a\nb"],
        &["run", "-d", "crt310:sim", "--station", "../x"],
        &["run", "-d", "crt310:sim", "--station", ""],
        &["run"],
        &["host", "--listen", "serial:/dev/null@0"],
        &["run", "-d", "crt310:sim", "--baud", "100"],
    ] {
        let o = run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("cardbench: error: "), "{args:?}: {err}");
        assert!(!err.contains("6222020000000000018"), "{err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    let o = run(&["--lang", "zh-CN", "frob"]);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("cardbench：错误："));
}

#[test]
fn host_help_shows_serial_listening() {
    let o = run(&["host", "--help"]);
    let t = text(&o);
    assert!(t.contains("/dev/ttyUSB0") && t.contains("serial"), "{t}");
}

#[test]
fn completions_and_man_page_come_from_clap() {
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("cardbench") && t.contains("--swipes"), "{t}");
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.starts_with(".ie") || t.contains(".TH cardbench"), "{t}");
    // Every subcommand's page follows, so the device profiles are listed, pos8583 among them.
    assert!(t.contains(".TH cardbench-probe"), "{t}");
    for profile in cardbench::device::open::all_profile_names() {
        assert!(t.contains(profile), "man page lacks {profile}");
    }
}

#[test]
fn sim_link_never_replaces_a_file_or_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep").unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    for target in [&file, &folder] {
        let o = run(&["sim", "crt310", "--link", target.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(text(&o).contains("not a symlink"), "{}", text(&o));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
    assert!(folder.is_dir());
}

#[test]
fn sim_link_is_removed_on_sigterm_and_sigint() {
    let dir = tempfile::tempdir().unwrap();
    for signal in ["TERM", "INT"] {
        let link = dir.path().join(format!("ttyV-{signal}"));
        let sim = super::cli::SimProc::start(&["crt310", "--link", link.to_str().unwrap()]);
        assert_eq!(std::fs::read_link(&link).unwrap().to_str(), Some(&*sim.pty));
        let st = Command::new("kill")
            .args([&format!("-{signal}"), &sim.pid().to_string()])
            .status()
            .unwrap();
        assert!(st.success());
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::symlink_metadata(&link).is_ok() {
            assert!(Instant::now() < deadline, "SIG{signal}: link left behind");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn every_flag_has_help_text() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            let builtin = matches!(a.get_id().as_str(), "help" | "version");
            if !builtin && !a.is_hide_set() && a.get_help().is_none() {
                missing.push(format!("{path} {}", a.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            if sub.get_about().is_none() {
                missing.push(format!("{path} {} (no about)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&cardbench::cli::Cli::command(), "cardbench", &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:?}");
}

#[test]
fn built_in_scenario_names_work_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(bin())
        .args(["probe", "-d", "crt310:sim:crt310-worn-head"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = Command::new(bin())
        .args(["sim", "crt310", "--scenario", "no-such-name"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("built-in: crt310-default"),
        "{}",
        text(&o)
    );
    for name in cardbench::sim::scenario::Scenario::builtin_names() {
        assert!(
            cardbench::sim::scenario::Scenario::resolve(name).is_ok(),
            "{name}"
        );
    }
    // The demo takes a fault scenario by name, from here as from the source tree.
    let plan = cardbench::tui::demo_plan(Some("crt310-mute"), None).unwrap();
    assert_eq!(plan.device.to_string(), "crt310:sim:crt310-mute");
}

/// A known profile `probe` cannot talk to (a whole POS terminal) is not called unknown; a
/// simulator scenario that does not exist is the scenario's fault, with the names that do.
#[test]
fn a_pos_terminal_is_no_reader_and_an_unknown_scenario_is_named() {
    let o = run(&["probe", "--device", "pos8583:sim"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not a card reader"), "{err}");
    assert!(!err.contains("unknown profile"), "{err}");
    let d = tempfile::tempdir().unwrap();
    for (device, known) in [
        ("pos8583:sim:nosuch", "pos-bench"),
        ("crt310:sim:nosuch", "crt310-mute"),
    ] {
        let o = run(&[
            "run",
            "--headless",
            "--device",
            device,
            "--out",
            &d.path().join(known).to_string_lossy(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("scenario: nosuch: unknown scenario"), "{err}");
        assert!(err.contains(known) && !err.contains("deck:"), "{err}");
    }
}

/// `demo --scenario` with a name that does not exist says so first (exit 2), with the names
/// that do, before any screen is opened: with no terminal (stdin not a tty, under a pipe) the
/// scenario is still the first thing wrong, not "cannot open the terminal UI".
#[test]
fn demo_names_an_unknown_scenario_before_the_terminal() {
    for (lang, want) in [
        ("en", "nosuch: unknown scenario"),
        ("zh-CN", "nosuch：未知的场景"),
    ] {
        let o = Command::new(bin())
            .args(["--lang", lang, "demo", "--scenario", "nosuch"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{lang}: {}", text(&o));
        assert_eq!(err.lines().count(), 1, "{lang}: {err}");
        assert!(err.contains(want), "{lang}: {err}");
        assert!(err.contains("crt310-mute"), "{lang}: {err}");
        assert!(
            !err.contains("terminal") && !err.contains("终端"),
            "{lang}: {err}"
        );
    }
    // The POS simulator's scenarios say it in the same words.
    let o = run(&["--lang", "zh-CN", "sim", "pos", "--scenario", "nosuch"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("nosuch：未知的场景；内置场景：pos-default"),
        "{err}"
    );
}
