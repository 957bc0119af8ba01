//! clap's own text in the user's language (issue 17 point 1): every subcommand's `--help` in
//! zh-CN has no English word outside the allow-list, whichever way the language is chosen
//! (`--lang`, `CARDBENCH_LANG`, `LANG`); a command line clap refuses is one Chinese line on
//! stderr, exit 2, for every kind of refusal; English stays as it was.

use crate::english::help_english_words;
use clap::CommandFactory;
use std::process::{Command, Output};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cardbench")
}

/// Runs `args` with no language in the environment but `env`.
fn run_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin());
    c.args(args)
        .env_remove("CARDBENCH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// Every command path of the command line: `[]`, `["batch"]`, `["report", "summarize"]`, …
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&cardbench::cli::Cli::command(), Vec::new(), &mut out);
    out
}

#[test]
fn every_help_in_chinese_has_no_english_words() {
    let paths = command_paths();
    assert!(paths.len() >= 16, "{paths:?}");
    for path in &paths {
        for flag in ["--help", "-h"] {
            let mut args = vec!["--lang", "zh-CN"];
            args.extend(path.iter().map(String::as_str));
            args.push(flag);
            let o = run_with(&args, &[]);
            let help = String::from_utf8_lossy(&o.stdout);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {help}");
            assert!(help.contains("用法："), "{args:?}: {help}");
            assert!(help.contains("显示帮助"), "{args:?}: {help}");
            let words = help_english_words(&help);
            assert!(words.is_empty(), "{args:?}: English {words:?} in\n{help}");
        }
    }
    // `cardbench help batch` is the same help, from clap's `help` subcommand.
    let o = run_with(&["--lang", "zh-CN", "help", "batch"], &[]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("每张卡的刷卡次数"), "{help}");
    assert!(help_english_words(&help).is_empty(), "{help}");
}

#[test]
fn the_language_of_help_follows_the_flag_the_variable_and_the_locale() {
    let chinese = |o: &Output| String::from_utf8_lossy(&o.stdout).contains("用法：");
    type Way<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
    let ways: [Way; 3] = [
        (&["batch", "--help", "--lang", "zh-CN"], &[]),
        (&["batch", "--help"], &[("CARDBENCH_LANG", "zh-CN")]),
        (&["batch", "--help"], &[("LANG", "zh_CN.UTF-8")]),
    ];
    for (args, env) in ways {
        assert!(chinese(&run_with(args, env)), "{args:?} {env:?}");
    }
    // The flag wins over the variable, and English is the derive's text as it always was.
    let o = run_with(
        &["--lang", "en", "batch", "--help"],
        &[("CARDBENCH_LANG", "zh-CN")],
    );
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("Usage: cardbench batch [OPTIONS]"), "{help}");
    assert!(help.contains("Swipes per card (1 to 99)"), "{help}");
    assert!(help.contains("[default: 3]"), "{help}");
    // A `--help` in Chinese keeps the notes clap adds, in Chinese.
    let o = run_with(&["--lang", "zh-CN", "decode", "--help"], &[]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("[默认：ascii]"), "{help}");
    assert!(help.contains("[可选值：ascii, cups]"), "{help}");
    assert!(help.contains("<KIND>"), "{help}");
}

/// 70 characters: longer than a label may be (`load::MAX_LABEL_CHARS`).
const LONG_LABEL: &str = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

/// One refused command line of each kind clap knows, and of each of our own value checks.
const REFUSED: &[&[&str]] = &[
    &["batch", "--nosuch"],                                   // UnknownArgument
    &["batch", "--swipe", "3"],                               // UnknownArgument with a suggestion
    &["batch", "--swipes", "0"],                              // ValueValidation (ours)
    &["batch", "--swipes"],                                   // InvalidValue: no value
    &["sim", "crt310", "--baud", "5"],                        // ValueValidation: range
    &["sim", "crt310", "--baud", "fast"],                     // ValueValidation: not a number
    &["decode", "8583", "--format", "xml"],                   // InvalidValue with possible values
    &["decode"],                                              // MissingRequiredArgument
    &["host"],                                                // MissingRequiredArgument (a flag)
    &["bacth"],                                               // InvalidSubcommand with a suggestion
    &["demo", "--pos", "--scenario", "demo"],                 // ArgumentConflict
    &["run", "-d", "crt310:sim", "-d", "msr605:sim"],         // ArgumentConflict: repeated
    &["batch", "--excel=yes"],                                // TooManyValues
    &["replay", "a", "b"],                                    // UnknownArgument: a stray value
    &["run", "-d", "crt310:sim", "--station", ".."],          // our label check: a folder name
    &["run", "-d", "x", "--operator", "6222020000000000018"], // a card number, masked
    &["run", "-d", "x", "--prompt-timeout", "0"],             // range
    &["run", "-d", "x", "--ticket", "a\nb"],                  // a control character, one line still
    &["run", "-d", "x", "--station", ""],                     // no station name
    &["run", "-d", "x", "--ticket", LONG_LABEL],              // too long a label
    &["--lang", "xx", "ports", "--nosuch"], // a language no one speaks: the locale
];

#[test]
fn a_refused_command_line_is_one_chinese_line() {
    for args in REFUSED {
        let mut all = vec!["--lang", "zh-CN"];
        if args[0] == "--lang" {
            all.clear();
        }
        all.extend_from_slice(args);
        let o = run_with(&all, &[("LANG", "zh_CN.UTF-8")]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{all:?}: {err}");
        assert!(o.stdout.is_empty(), "{all:?}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{all:?}: {err}");
        assert!(lines[0].starts_with("cardbench：错误："), "{all:?}: {err}");
        assert!(!err.contains("6222020000000000018"), "{err}");
        let words = help_english_words(lines[0]);
        assert!(words.is_empty(), "{all:?}: English {words:?} in {err}");
    }
}

/// What `cardbench --lang LANG ARGS…` says on stderr.
fn stderr_in(lang: &str, args: &[&str]) -> String {
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    String::from_utf8_lossy(&run_with(&all, &[]).stderr).into_owned()
}

#[test]
fn refusals_say_what_was_wrong_in_chinese() {
    let said = |args: &[&str]| stderr_in("zh-CN", args);
    assert!(said(&["batch", "--swipe", "3"]).contains("'--swipes'"));
    assert!(said(&["batch", "--swipes", "0"]).contains("不是 1 到 99 之间的刷卡次数"));
    assert!(said(&["sim", "crt310", "--baud", "5"]).contains("5 不在 300 到 4000000 之间"));
    assert!(said(&["decode", "8583", "--format", "xml"]).contains("可选值：'ascii', 'cups'"));
    assert!(said(&["bacth"]).contains("'batch'"));
    assert!(said(&["host"]).contains("缺少必需的参数：--listen"));
}

#[test]
fn english_refusals_are_clap_s_words_as_before() {
    let said = |args: &[&str]| stderr_in("en", args);
    assert_eq!(
        said(&["batch", "--swipes", "0"]).trim_end(),
        "cardbench: error: invalid value '0' for '--swipes <SWIPES>': \"0\" is not a number of \
         swipes from 1 to 99 — cardbench --help lists the commands, and cardbench COMMAND --help \
         their flags"
    );
    assert!(said(&["sim", "crt310", "--baud", "5"])
        .contains("invalid value '5' for '--baud <BAUD>': 5 is not in 300..=4000000"));
    assert!(said(&["sim", "crt310", "--baud", "fast"]).contains("invalid digit found in string"));
    assert!(said(&["run", "-d", "x", "--station", ".."])
        .contains("\"..\" cannot be used as a folder name"));
}
