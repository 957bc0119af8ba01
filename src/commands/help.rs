//! The command line in the chosen language: the language known before clap parses (`--lang`,
//! `CARDBENCH_LANG`, the locale), and clap's `Command` with its help in that language. English
//! is the derive's doc comments as they are; Chinese replaces every about, argument help,
//! heading, the usage line and the `[default: …]` notes with catalogue text (`cli-*` ids made
//! from the command path and the argument id: `cli-batch-about`, `cli-batch-swipes`).

use crate::cli::Cli;
use crate::i18n::{t, tr_args, tr_static, Lang};
use clap::{ArgAction, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// The language of a command line before clap reads it: its `--lang VALUE` / `--lang=VALUE` if
/// that much can be read, else `CARDBENCH_LANG`, else the locale ([`Lang::from_env`]). Both the
/// help and a refused command line are shown in it.
pub fn cli_lang(args: &[OsString]) -> Lang {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let given = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).cloned(),
            Some(v) => v.strip_prefix('=').map(str::to_string),
            None => None,
        });
    given
        .or_else(|| std::env::var("CARDBENCH_LANG").ok())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_else(Lang::from_env)
}

/// Parses `args` (the program name first) with the help in `lang`: help and version come back
/// as the `Err` clap gives for them, already in `lang`.
pub fn parse_cli(args: &[OsString], lang: Lang) -> Result<Cli, clap::Error> {
    let mut cmd = command(lang);
    let matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// The clap command of [`Cli`] with its help in `lang` (built: help flags, the `help`
/// subcommand and global arguments are in place in every subcommand).
pub fn command(lang: Lang) -> clap::Command {
    let mut cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    localise(cmd, "cli", "cli", lang)
}

/// The catalogue id of a command's about (`path` is `cli`, `cli-batch`, `cli-report-summarize`).
pub fn about_id(path: &str) -> String {
    format!("{path}-about")
}

/// The catalogue id of an argument's help: `cli-batch-swipes` for `--swipes` of `batch`; a
/// global argument is named once at the top (`cli-lang`), clap's help and version flags once
/// for all (`cli-help-flag`, `cli-version-flag`).
pub fn arg_id(path: &str, arg: &clap::Arg) -> String {
    match arg.get_action() {
        ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong => "cli-help-flag".into(),
        ArgAction::Version => "cli-version-flag".into(),
        _ if arg.is_global_set() => format!("cli-{}", id_word(arg)),
        _ => format!("{path}-{}", id_word(arg)),
    }
}

fn id_word(arg: &clap::Arg) -> String {
    arg.get_id().as_str().replace('_', "-")
}

/// The catalogue path of `sub`, a subcommand of the command whose own path is `mirror`, and
/// the path its subcommands hang from. clap's `help` subcommand is `cli-help` wherever it
/// sits; the commands it can explain keep their own paths (`cardbench help batch` →
/// `cli-batch`), so below it the path goes on from the command that holds it.
fn sub_paths(mirror: &str, sub: &clap::Command) -> (String, String) {
    match sub.get_name() {
        "help" => ("cli-help".into(), mirror.into()),
        name => {
            let own = format!("{mirror}-{name}");
            (own.clone(), own)
        }
    }
}

/// Every catalogue id the help of `cmd` (built) reads, with the English text clap shows for
/// it today (`None` for ids whose English is clap's own, such as `cli-help-about`).
pub fn help_ids(cmd: &clap::Command) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    walk_ids(cmd, "cli", "cli", &mut out);
    out
}

fn walk_ids(
    cmd: &clap::Command,
    path: &str,
    mirror: &str,
    out: &mut Vec<(String, Option<String>)>,
) {
    out.push((about_id(path), cmd.get_about().map(ToString::to_string)));
    for a in cmd.get_arguments() {
        out.push((arg_id(path, a), a.get_help().map(ToString::to_string)));
    }
    if cmd.get_after_help().is_some() {
        out.push((
            format!("{path}-after-help"),
            cmd.get_after_help().map(ToString::to_string),
        ));
    }
    for s in cmd.get_subcommands() {
        let (own, m) = sub_paths(mirror, s);
        walk_ids(s, &own, &m, out);
    }
}

/// The variables every help message may use: the device profiles (`cli-probe-device`).
fn help_args() -> Vec<(&'static str, crate::i18n::Arg<'static>)> {
    let profiles = crate::device::open::all_profile_names().join(", ");
    vec![("profiles", profiles.into())]
}

fn help_text(lang: Lang, id: &str) -> String {
    tr_args(lang, id, &help_args()).into_owned()
}

fn localise(mut cmd: clap::Command, path: &str, mirror: &str, lang: Lang) -> clap::Command {
    let ids: Vec<(clap::Id, String)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), arg_id(path, a)))
        .collect();
    for (id, key) in ids {
        cmd = cmd.mut_arg(id, |a| localise_arg(a, &key, lang));
    }
    let subs: Vec<(String, String, String)> = cmd
        .get_subcommands()
        .map(|s| {
            let (own, m) = sub_paths(mirror, s);
            (s.get_name().to_string(), own, m)
        })
        .collect();
    for (name, own, m) in subs {
        cmd = cmd.mut_subcommand(name, |s| localise(s, &own, &m, lang));
    }
    if cmd.get_after_help().is_some() {
        cmd = cmd.after_help(help_text(lang, &format!("{path}-after-help")));
    }
    // The usage line is clap's, rendered once the subcommand placeholder is in `lang`.
    cmd = cmd.subcommand_value_name(tr_static(lang, "cli-usage-command"));
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .split_once(": ")
        .map_or(usage.as_str(), |(_, u)| u)
        .replace("[OPTIONS]", &t!(lang, "cli-usage-options"));
    let template = template(&cmd, lang);
    cmd.about(help_text(lang, &about_id(path)))
        .long_about(None)
        .override_usage(usage)
        .help_template(template)
}

/// clap's help layout with the headings in `lang` (clap writes its own headings with an
/// ASCII colon after them): about, usage, then the commands, arguments and options there are.
fn template(cmd: &clap::Command, lang: Lang) -> String {
    let mut out = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}",
        t!(lang, "cli-heading-usage")
    );
    let args = |positional: bool| {
        cmd.get_arguments()
            .any(|a| a.is_positional() == positional && !a.is_hide_set())
    };
    let sections = [
        (
            cmd.get_subcommands().any(|s| !s.is_hide_set()),
            "cli-heading-commands",
            "subcommands",
        ),
        (args(true), "cli-heading-arguments", "positionals"),
        (args(false), "cli-heading-options", "options"),
    ];
    for (_, heading, tag) in sections.into_iter().filter(|s| s.0) {
        out.push_str(&format!("\n\n{}\n{{{tag}}}", tr_args(lang, heading, &[])));
    }
    out.push_str("{after-help}");
    out
}

/// One argument's help from the catalogue, with clap's own notes (default, environment
/// variable, possible values) said again in `lang`.
fn localise_arg(a: clap::Arg, key: &str, lang: Lang) -> clap::Arg {
    let mut help = help_text(lang, key);
    let takes_value = a.get_action().takes_values();
    if let Some(env) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        let name = env.to_string_lossy().into_owned();
        let value = std::env::var(&name).unwrap_or_default();
        help.push(' ');
        help.push_str(&t!(lang, "cli-note-env", name = name, value = value));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() && !a.is_hide_default_value_set() {
        help.push(' ');
        help.push_str(&t!(lang, "cli-note-default", value = defaults.join(" ")));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !values.is_empty() && !a.is_hide_possible_values_set() {
        help.push(' ');
        help.push_str(&t!(lang, "cli-note-values", values = values.join(", ")));
    }
    a.help(help)
        .long_help(None)
        .hide_env(true)
        .hide_default_value(true)
        .hide_possible_values(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has;

    fn built() -> clap::Command {
        let mut cmd = Cli::command();
        cmd.build();
        cmd
    }

    /// Every command and argument of the tree (built: with clap's help flags and `help`
    /// subcommand) has its help in Chinese, and the English catalogue says exactly what the
    /// derive's doc comments say, so the two never drift apart.
    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let ids = help_ids(&built());
        assert!(ids.len() > 60, "{}", ids.len());
        let mut missing = Vec::new();
        let mut drifted = Vec::new();
        for (id, english) in &ids {
            if !has(Lang::ZhCn, id) || !has(Lang::En, id) {
                missing.push(id.clone());
                continue;
            }
            let ours = help_text(Lang::En, id);
            match english {
                // clap's own words (`Print help`) are ours too; the derive's are checked.
                Some(e) if !id.starts_with("cli-help-") && !id.ends_with("-flag") && ours != *e => {
                    drifted.push(format!("{id}: catalogue {ours:?} != derive {e:?}"));
                }
                _ => {}
            }
        }
        assert!(missing.is_empty(), "no catalogue text for: {missing:?}");
        assert!(drifted.is_empty(), "{}", drifted.join("\n"));
    }

    #[test]
    fn english_help_is_the_derive_as_it_is() {
        let mut ours = command(Lang::En);
        let mut plain = Cli::command();
        assert_eq!(
            ours.render_long_help().to_string(),
            plain.render_long_help().to_string()
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            cli_lang(&args(&["cardbench", "--lang", "zh-CN", "x"])),
            Lang::ZhCn
        );
        assert_eq!(
            cli_lang(&args(&["cardbench", "batch", "--lang=zh"])),
            Lang::ZhCn
        );
        assert_eq!(
            cli_lang(&args(&["cardbench", "--lang=en", "--nosuch"])),
            Lang::En
        );
    }
}
