//! Scenario files (TOML, documented in `docs/scenarios.md`): the deck of synthetic cards a
//! simulator presents (`card`), the chip applications they carry (`chip`), the device identity
//! and its fault knobs, and the seeded PRNG that makes every random fault reproducible
//! (`rng`). The format is stable: other tools and tests write it.

mod builtin;
mod card;
mod chip;
mod noise;
mod rng;

pub use card::{CardSpec, Defect, DEFAULT_ATR, EXPIRED_YYMM, VELOCITY_OFFLINE_RUN};
pub use chip::{pack_nibbles, parse_dol, push_tlv, AppSpec};
pub use noise::LineNoise;
pub use rng::Rng;

use crate::hexfmt::parse_hex;
use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use builtin::BUILTIN;
pub use builtin::MSR605_DEFAULT;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A whole scenario file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub scenario: ScenarioMeta,
    #[serde(default)]
    pub device: DeviceSpec,
    /// The deck, presented in order (see "card presentation" in docs/scenarios.md).
    #[serde(default, rename = "card")]
    pub cards: Vec<CardSpec>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioMeta {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Seed of the PRNG behind every probabilistic fault.
    #[serde(default)]
    pub seed: u64,
    /// The host rules the scenario needs (a built-in rules name or a file,
    /// docs/host-rules.md), used by `--host sim` given without its own rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_rules: Option<String>,
}

/// The simulated device: identity, timing, firmware AID filter and faults.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceSpec {
    /// Model string; empty = the simulator's default (`CRT-310`, `MSR605`).
    #[serde(default)]
    pub model: String,
    /// Firmware string; empty = the simulator's default.
    #[serde(default)]
    pub firmware: String,
    /// Serial number; empty = the simulator's default.
    #[serde(default)]
    pub serial: String,
    /// Time the device "thinks" before answering each command.
    #[serde(default)]
    pub think_time_ms: u64,
    /// AID prefixes (hex) the reader firmware lets through; empty = all. A SELECT for any
    /// other AID is answered `6A 82` by the firmware itself.
    #[serde(default)]
    pub firmware_aids: Vec<String>,
    #[serde(default)]
    pub faults: Faults,
}

/// Device-level fault knobs. All optional; the default is a healthy device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    /// Worn read head: parity or LRC errors on one track with a probability per read.
    #[serde(default)]
    pub worn_head: Option<WornHead>,
    /// This track reads blank on every card (head wire broken).
    #[serde(default)]
    pub dead_track: Option<u8>,
    /// Dirty IC contacts: no ATR, or T=0 exchanges that time out.
    #[serde(default)]
    pub dirty_contacts: Option<DirtyContacts>,
    /// Probability that one byte the device sends is corrupted on the line.
    #[serde(default)]
    pub line_noise: f64,
    /// Close the line after this many commands (0 = never).
    #[serde(default)]
    pub unplug_after: u32,
    /// After an unplug, come back (same `--link` path) after this long; 0 = stay gone.
    #[serde(default)]
    pub replug_after_ms: u64,
    /// Stop answering anything after this many commands (0 = never).
    #[serde(default)]
    pub freeze_after: u32,
    /// Power supply trouble (CRT-310): the reader answers only status and reset, every other
    /// command gets E=`05` (`low`, input voltage out of range) or E=`07` (`backup`, main power
    /// off), manual §7.2.2.
    #[serde(default)]
    pub supply: Option<Supply>,
}

/// Power supply trouble a CRT-310 reports (manual §7.2.2 p.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Supply {
    /// Input voltage outside 10.8–14.5 V: E=`05`.
    Low,
    /// Main power off, running on backup power: E=`07`.
    Backup,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WornHead {
    pub track: u8,
    pub probability: f64,
    /// Which error the head produces: parity (VRC), LRC, or either at random (default).
    #[serde(default)]
    pub error: HeadError,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadError {
    Parity,
    Lrc,
    #[default]
    Mixed,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirtyContacts {
    pub mode: ContactFault,
    #[serde(default = "one")]
    pub probability: f64,
}

fn one() -> f64 {
    1.0
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactFault {
    /// Cold and warm reset get no ATR (the card looks mute).
    NoAtr,
    /// The ATR comes, but APDU exchanges time out (the reader answers with a failure).
    T0Timeout,
}

impl Scenario {
    /// Loads and validates a scenario file.
    pub fn load(path: impl AsRef<Path>) -> Result<Scenario, LoadError> {
        let path = path.as_ref();
        let text = crate::load::read_text(path)?;
        Scenario::parse(&text, &path.display().to_string())
    }

    /// Parses and validates scenario text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Scenario, LoadError> {
        let sc: Scenario = crate::load::parse_toml(text, origin)?;
        sc.validate().map_err(|why| LoadError::said(origin, why))?;
        Ok(sc)
    }

    /// A built-in scenario by name (`crt310-default`, …).
    pub fn builtin(name: &str) -> Option<Scenario> {
        let text = BUILTIN.iter().find(|(n, _)| *n == name)?.1;
        Scenario::parse(text, &format!("builtin:{name}")).ok()
    }

    /// Names of the built-in scenarios.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// A built-in name or a file path. A bare name that is neither says which names exist.
    pub fn resolve(name_or_path: &str) -> Result<Scenario, LoadError> {
        if let Some(s) = Scenario::builtin(name_or_path) {
            return Ok(s);
        }
        let bare = !name_or_path.contains('/') && !name_or_path.ends_with(".toml");
        if bare && !Path::new(name_or_path).exists() {
            return Err(LoadError::unknown_scenario(
                name_or_path,
                &Scenario::builtin_names(),
            ));
        }
        Scenario::load(name_or_path)
    }

    /// A PRNG seeded from the scenario seed (each simulator creates its own).
    pub fn rng(&self) -> Rng {
        Rng::new(self.scenario.seed)
    }

    fn validate(&self) -> Result<(), Text> {
        let d = &self.device;
        for (key, v) in [
            ("device.model", &d.model),
            ("device.firmware", &d.firmware),
            ("device.serial", &d.serial),
        ] {
            check_identity(key, v)?;
        }
        if d.think_time_ms > MAX_THINK_TIME_MS {
            let args = [
                ("max", Arg::from(MAX_THINK_TIME_MS.to_string())),
                ("value", Arg::from(d.think_time_ms.to_string())),
            ];
            let why = Text::tr_args("errors-load-sim-think-time", &args);
            return Err(field("device.think_time_ms", why));
        }
        let f = &self.device.faults;
        if let Some(w) = &f.worn_head {
            check_track("device.faults.worn_head.track", w.track)?;
            check_prob("device.faults.worn_head.probability", w.probability)?;
        }
        if let Some(t) = f.dead_track {
            check_track("device.faults.dead_track", t)?;
        }
        if let Some(d) = &f.dirty_contacts {
            check_prob("device.faults.dirty_contacts.probability", d.probability)?;
        }
        check_prob("device.faults.line_noise", f.line_noise)?;
        for (i, a) in self.device.firmware_aids.iter().enumerate() {
            let key = format!("device.firmware_aids[{i}]");
            let b = parse_hex(a).map_err(|e| field(&key, Text::each(|l| e.text(l))))?;
            if b.is_empty() || b.len() > 16 {
                return Err(field(&key, Text::tr("errors-load-sim-aid-prefix")));
            }
        }
        for (i, c) in self.cards.iter().enumerate() {
            c.validate().map_err(|why| {
                let label = crate::load::shown(&c.label);
                Text::tr_each("errors-load-sim-card", |lang| {
                    vec![
                        ("card_no", Arg::from(i + 1)),
                        ("label", Arg::from(label.as_str())),
                        ("why", Arg::from(why.get(lang))),
                    ]
                })
            })?;
        }
        Ok(())
    }
}

/// Longest device identity string (model, firmware, serial): it must fit one reply frame of
/// every reader profile with room to spare (a CRT-310 frame carries at most 267 data bytes).
pub const MAX_IDENTITY_BYTES: usize = 64;

/// Longest think time a scenario may ask for: longer than any reader or host timeout.
pub const MAX_THINK_TIME_MS: u64 = 600_000;

/// A device identity string: printable ASCII, at most [`MAX_IDENTITY_BYTES`].
fn check_identity(what: &str, v: &str) -> Result<(), Text> {
    if v.len() > MAX_IDENTITY_BYTES {
        let args = [
            ("size", Arg::from(v.len())),
            ("max", Arg::from(MAX_IDENTITY_BYTES)),
        ];
        return Err(field(
            what,
            Text::tr_args("errors-load-sim-identity-long", &args),
        ));
    }
    if !v.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        let value = crate::load::shown(v);
        let why = Text::tr_args("errors-load-sim-identity-ascii", &[("value", value.into())]);
        return Err(field(what, why));
    }
    Ok(())
}

/// `key: why` in both languages: a scenario value's fault, naming its key.
pub(super) fn field(key: &str, why: Text) -> Text {
    Text::tr_each("errors-load-field", |lang| {
        vec![("key", Arg::from(key)), ("why", Arg::from(why.get(lang)))]
    })
}

fn check_track(what: &str, t: u8) -> Result<(), Text> {
    if (1..=3).contains(&t) {
        Ok(())
    } else {
        let why = Text::tr_args("errors-load-sim-track", &[("value", Arg::from(t))]);
        Err(field(what, why))
    }
}

fn check_prob(what: &str, p: f64) -> Result<(), Text> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        let why = Text::tr_args(
            "errors-load-sim-probability",
            &[("value", p.to_string().into())],
        );
        Err(field(what, why))
    }
}

/// How a simulator's serve loop ended (shared by every simulator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimExit {
    /// `SimOptions::stop` was set.
    Stopped,
    /// The client side of the pty went away (nothing more to serve on this pty).
    HungUp,
    /// The `unplug_after` fault fired: the simulator dropped its pty. With `replug_after`,
    /// the caller waits that long, creates a new pty (re-pointing `--link`), and serves it
    /// again with the same simulator value so the deck position and counters carry on.
    Unplugged {
        replug_after: Option<std::time::Duration>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_default_loads() {
        let s = Scenario::builtin("crt310-default").unwrap();
        assert_eq!(s.cards.len(), 8);
        for c in &s.cards {
            assert!(crate::sensitive::luhn_valid(&c.pan), "{}", c.label);
            assert!(c.has_chip());
        }
        assert!(s.device.faults == Faults::default());
    }

    #[test]
    fn every_scenario_file_is_built_in() {
        // A scenario file without a line in `builtin.rs` works only by path: `crt310:sim:NAME`
        // would say "unknown scenario" although docs/scenarios.md lists it.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/scenarios");
        for dir in [root.clone(), root.join("faults")] {
            for e in std::fs::read_dir(&dir).unwrap() {
                let path = e.unwrap().path();
                if path.extension().is_some_and(|x| x == "toml") {
                    let stem = path.file_stem().unwrap().to_str().unwrap();
                    assert!(
                        Scenario::builtin_names().contains(&stem),
                        "{} has no line in src/sim/scenario/builtin.rs",
                        path.display()
                    );
                }
            }
        }
    }

    #[test]
    fn every_builtin_parses() {
        for n in Scenario::builtin_names() {
            let text = BUILTIN.iter().find(|(b, _)| *b == n).unwrap().1;
            Scenario::parse(text, n).unwrap();
        }
    }

    #[test]
    fn unknown_field_is_an_error_with_path() {
        let e = Scenario::parse("[scenario]\nname='x'\nbogus=1\n", "x.toml").unwrap_err();
        assert_eq!(e.path, "x.toml");
        assert!(e.msg.contains("bogus"), "{}", e.msg);
        let e = Scenario::parse(
            "[scenario]\nname='x'\n[[card]]\nlabel='a'\npan='6212260000000000026'\ndefects=['broken']\n",
            "y.toml",
        )
        .unwrap_err();
        assert!(e.msg.contains("unknown defect"), "{}", e.msg);
    }

    /// Discretionary data that overflows a track is refused at load: the CRT-310 simulator would
    /// send a track reply longer than a frame, and the bench would blame the cable.
    #[test]
    fn discretionary_that_overflows_a_track_is_refused() {
        let card = |disc: &str| {
            format!("[scenario]\nname='x'\n[[card]]\nlabel='a'\npan='6212260000000000026'\ndiscretionary='{disc}'\n")
        };
        assert!(Scenario::parse(&card(&"1".repeat(10)), "x.toml").is_ok());
        let e = Scenario::parse(&card(&"1".repeat(11)), "x.toml").unwrap_err();
        assert_eq!(e.path, "x.toml");
        assert!(
            e.msg
                .contains("discretionary: track 2 would be 41 characters"),
            "{}",
            e.msg
        );
    }

    #[test]
    fn documented_example_loads() {
        let doc = include_str!("../../../docs/scenarios.md");
        let start = doc.find("```toml\n").unwrap() + 8;
        let end = start + doc[start..].find("```").unwrap();
        let s = Scenario::parse(&doc[start..end], "docs/scenarios.md").unwrap();
        assert_eq!(s.scenario.name, "worn-reader");
        assert_eq!(s.cards.len(), 3);
        assert!(s.cards[1].has(Defect::CardBlocked));
        assert!(s.cards[1].demagnetised(2));
        assert!(!s.cards[2].has_chip());
        let f = &s.device.faults;
        assert_eq!(f.worn_head.as_ref().unwrap().track, 2);
        assert_eq!(f.dead_track, Some(3));
        assert_eq!(f.dirty_contacts.as_ref().unwrap().mode, ContactFault::NoAtr);
    }
}
