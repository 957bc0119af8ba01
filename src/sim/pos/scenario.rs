//! The POS simulator's scenario file (TOML, docs/scenarios.md "POS terminal"): the terminal's
//! identity and keys, its fault knobs, and the cards its operator uses.

use crate::codec::iso8583::framing::Framing;
use crate::crypto::MacAlgorithm;
use crate::host::acquirer::SignOnLayout;
use crate::i18n::{Arg, Text};
use crate::load::LoadError;
use serde::Deserialize;
use std::path::Path;

/// The POS's behaviour (the `[pos]` table). Every fault knob is off by default.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PosSpec {
    pub name: String,
    pub terminal_id: String,
    pub merchant_id: String,
    /// CUPS header software version `MM/SSSSSS` (main n2 / sub n6).
    pub software_version: String,
    /// CUPS header application type: `60` magstripe POS app, `61` IC POS app.
    pub app_type: String,
    /// `cups` is right; `len2` / `ascii4` is the wrong-framing defect.
    pub framing: String,
    pub stan_start: u32,
    /// Defect: every message carries the same STAN.
    pub stan_reuse: bool,
    /// `false` is the defect: no 0400 after a timeout.
    pub reverse_on_timeout: bool,
    pub timeout_ms: u64,
    pub amount_minor: u64,
    /// Wait before the first message (time for the bench to open the port).
    pub start_delay_ms: u64,
    pub batch: String,
    /// The terminal master key (32 hex digits); empty: the built-in test master key.
    pub master_key: String,
    /// Fault: a tamper switch erased the master key (the case was opened): the sign-on keys
    /// fail their check values and the terminal refuses to transact.
    pub master_key_erased: bool,
    /// Sign-on layout, 60.3: `001`, `003`, `004` or `006` (SM4).
    pub sign_on: String,
    /// The MAC algorithm the terminal computes: `pos-ecb` or `x9.19`. Against a host that
    /// expects the other one this is the wrong-MAC-algorithm fault.
    pub mac: String,
    /// 9F09 the terminal's kernel sends (hex); older than the host's parameters = stale kernel.
    pub kernel_version: String,
    /// Fault: the terminal does not keep this downloaded CA key (`RID/index`, e.g.
    /// `A000000333/F1`): cards certified under it fail offline data authentication.
    pub drop_ca_key: String,
    /// Fault: the chip reader is dead: every inserted card falls back to the stripe.
    pub dead_chip_reader: bool,
    /// Fault: the keypad sends other digits than the ones pressed.
    pub dead_keypad: bool,
    /// Fault: the receipt printer fails after an approval: the terminal reverses (reason 96).
    pub printer_fault: bool,
    /// Fault: the terminal ignores the processing requirement (no downloads).
    pub ignore_downloads: bool,
    /// Fault: the settlement totals leave out the last sale.
    pub wrong_totals: bool,
    /// Fault: a worn read head: swipes show a read error and nothing is sent.
    pub worn_head: bool,
    /// Settle (0500, batch upload) after the deck when playing on its own.
    pub settle: bool,
}

impl Default for PosSpec {
    fn default() -> Self {
        PosSpec {
            name: "pos".into(),
            terminal_id: "10000019".into(),
            merchant_id: "850100082410002".into(),
            software_version: "31/311003".into(),
            app_type: "61".into(),
            framing: "cups".into(),
            stan_start: 1,
            stan_reuse: false,
            reverse_on_timeout: true,
            timeout_ms: 3000,
            amount_minor: 100,
            start_delay_ms: 0,
            batch: "000001".into(),
            master_key: String::new(),
            master_key_erased: false,
            sign_on: "004".into(),
            mac: "pos-ecb".into(),
            kernel_version: "0030".into(),
            drop_ca_key: String::new(),
            dead_chip_reader: false,
            dead_keypad: false,
            printer_fault: false,
            ignore_downloads: false,
            wrong_totals: false,
            worn_head: false,
            settle: false,
        }
    }
}

impl PosSpec {
    /// The sign-on layout (checked on load).
    pub fn layout(&self) -> SignOnLayout {
        SignOnLayout::from_code(&self.sign_on).unwrap_or(SignOnLayout::DoubleTrack)
    }

    /// The MAC algorithm (checked on load).
    pub fn mac_algorithm(&self) -> MacAlgorithm {
        MacAlgorithm::parse(&self.mac).unwrap_or_default()
    }
}

/// One card the operator uses, as the POS reads it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PosCard {
    #[serde(default)]
    pub label: String,
    pub pan: String,
    #[serde(default = "default_expiry")]
    pub expiry: String,
    #[serde(default = "default_service")]
    pub service_code: String,
    /// How the card is read when the POS plays on its own: `swipe`, `chip` or `fallback`.
    #[serde(default = "default_entry")]
    pub entry: String,
    #[serde(default)]
    pub amount_minor: Option<u64>,
    /// TVR (tag 95, 10 hex digits) and TSI (9B, 4 hex digits) to send instead of the ones the
    /// chip step computes.
    #[serde(default)]
    pub tvr: Option<String>,
    #[serde(default)]
    pub tsi: Option<String>,
    /// The PIN the cardholder types (test cards only); none: no PIN entered. Printed `****`.
    #[serde(default)]
    pub pin: Option<crate::sensitive::Secret>,
    /// The application the chip selects.
    #[serde(default = "default_aid")]
    pub aid: String,
    /// The CA key the card's certificates chain to, `RID/index`.
    #[serde(default = "default_ca_key")]
    pub ca_key: String,
    /// The chip's AIP (`82`, 4 hex digits): `7C00` (SDA, DDA) unless set; `7D00` adds CDA.
    #[serde(default = "default_aip")]
    pub aip: String,
}

fn default_expiry() -> String {
    "2812".into()
}
fn default_service() -> String {
    "201".into()
}
fn default_entry() -> String {
    "swipe".into()
}
fn default_aid() -> String {
    "A000000333010101".into()
}
fn default_ca_key() -> String {
    "A000000333/F1".into()
}
fn default_aip() -> String {
    "7C00".into()
}

impl PosCard {
    /// Whether the card has a chip (service code 2xx/6xx, or played as chip/fallback).
    pub fn has_chip(&self) -> bool {
        self.entry != "swipe" || crate::codec::track::service_code_wants_chip(&self.service_code)
    }
}

/// A POS scenario file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PosScenario {
    #[serde(default)]
    pub pos: PosSpec,
    #[serde(default, rename = "card")]
    pub cards: Vec<PosCard>,
}

/// The built-in scenario.
pub const POS_DEFAULT: &str = include_str!("../../../fixtures/iso8583/pos-default.toml");

/// Built-in POS scenarios by name (`pos8583:sim:NAME`).
const BUILTIN: &[(&str, &str)] = &[
    ("pos-default", POS_DEFAULT),
    (
        "pos-bench",
        include_str!("../../../fixtures/pos/pos-bench.toml"),
    ),
    (
        "pos-demo",
        include_str!("../../../fixtures/pos/pos-demo.toml"),
    ),
];

impl PosScenario {
    /// Parses a POS scenario; `Err` says why in both languages (a TOML error in the `toml`
    /// crate's words).
    pub fn parse(text: &str) -> Result<PosScenario, Text> {
        let s: PosScenario = toml::from_str(text).map_err(|e| {
            let detail = e.to_string();
            Text::tr_args("errors-load-library", &[("detail", detail.into())])
        })?;
        s.check()?;
        Ok(s)
    }

    fn check(&self) -> Result<(), Text> {
        let p = &self.pos;
        // The value as written, quoted, for the message.
        let quoted = |v: &str| [("value", Arg::from(format!("{v:?}")))];
        if Framing::parse(&p.framing).is_none() {
            return Err(Text::tr_args(
                "errors-load-pos-framing",
                &quoted(&p.framing),
            ));
        }
        parse_version(&p.software_version).ok_or_else(|| {
            Text::tr_args("errors-load-pos-version", &quoted(&p.software_version))
        })?;
        if SignOnLayout::from_code(&p.sign_on).is_none() {
            return Err(Text::tr_args(
                "errors-load-pos-sign-on",
                &quoted(&p.sign_on),
            ));
        }
        if MacAlgorithm::parse(&p.mac).is_none() {
            return Err(Text::tr_args("errors-load-pos-mac", &quoted(&p.mac)));
        }
        if !p.master_key.is_empty()
            && crate::crypto::Key::from_hex(crate::crypto::KeyKind::Tdes2, &p.master_key).is_err()
        {
            return Err(Text::tr("errors-load-pos-master-key"));
        }
        let hex_ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex_ok(&p.kernel_version, 4) {
            return Err(Text::tr_args(
                "errors-load-pos-kernel",
                &quoted(&p.kernel_version),
            ));
        }
        if p.batch.len() != 6 || !p.batch.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Text::tr_args("errors-load-pos-batch", &quoted(&p.batch)));
        }
        for c in &self.cards {
            if !matches!(c.entry.as_str(), "swipe" | "chip" | "fallback") {
                return Err(Text::tr_args("errors-load-pos-entry", &quoted(&c.label)));
            }
            if c.pan.len() < 13 || c.pan.len() > 19 || !c.pan.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Text::tr_args("errors-load-pos-pan", &quoted(&c.label)));
            }
            if !hex_ok(&c.aip, 4) {
                return Err(Text::tr_args("errors-load-pos-aip", &quoted(&c.label)));
            }
            if let Some(pin) = &c.pin {
                if crate::crypto::Pin::new(pin.expose_clear()).is_err() {
                    return Err(Text::tr_args("errors-load-pos-pin", &quoted(&c.label)));
                }
            }
        }
        Ok(())
    }

    /// A POS scenario file, or a device scenario (docs/scenarios.md) whose deck is used with
    /// the default POS behaviour.
    pub fn load(path: &Path) -> Result<PosScenario, LoadError> {
        let text = crate::load::read_text(path)?;
        match PosScenario::parse(&text) {
            Ok(s) => Ok(s),
            Err(pos_err) => {
                match crate::sim::scenario::Scenario::parse(&text, &path.display().to_string()) {
                    Ok(sc) => Ok(PosScenario {
                        pos: PosSpec::default(),
                        cards: sc
                            .cards
                            .iter()
                            .map(|c| PosCard {
                                label: c.label.clone(),
                                pan: c.pan.clone(),
                                expiry: c.expiry.clone(),
                                service_code: c.service_code.clone(),
                                entry: if c.apps.is_empty() { "swipe" } else { "chip" }.into(),
                                amount_minor: None,
                                tvr: None,
                                tsi: None,
                                pin: None,
                                aid: default_aid(),
                                ca_key: default_ca_key(),
                                aip: c.apps.first().map_or_else(default_aip, |a| {
                                    crate::hexfmt::hex(&a.aip_bytes())
                                }),
                            })
                            .collect(),
                    }),
                    Err(_) => Err(LoadError::said(path.display().to_string(), pos_err)),
                }
            }
        }
    }

    /// A built-in scenario by name (`pos-default`, `pos-bench`, `pos-demo`) or a file.
    pub fn resolve(name_or_path: &str) -> Result<PosScenario, LoadError> {
        match BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            Some((name, text)) => {
                PosScenario::parse(text).map_err(|m| LoadError::said(format!("builtin:{name}"), m))
            }
            None if !name_or_path.contains('/')
                && !name_or_path.ends_with(".toml")
                && !Path::new(name_or_path).exists() =>
            {
                Err(LoadError::unknown_scenario(
                    name_or_path,
                    &PosScenario::builtin_names(),
                ))
            }
            None => PosScenario::load(Path::new(name_or_path)),
        }
    }

    /// Names of the built-in scenarios.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    pub fn builtin() -> PosScenario {
        PosScenario::parse(POS_DEFAULT).unwrap_or_default()
    }
}

/// `31/311003` → the four BCD header bytes.
pub fn parse_version(v: &str) -> Option<[u8; 4]> {
    let (main, sub) = v.split_once('/')?;
    if main.len() != 2
        || sub.len() != 6
        || !(main.to_string() + sub).bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let b = |s: &str| u8::from_str_radix(s, 16).ok();
    Some([b(main)?, b(&sub[0..2])?, b(&sub[2..4])?, b(&sub[4..6])?])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// `sim pos` signs on with 60.3 = `004` by default (and in every built-in scenario): double-
    /// length PIK and MAK plus the track key TDK (protocols.md 6.3: `001` single-DES, `003`
    /// double-length, `004` double-length + TDK), as docs/iso8583.md and docs/scenarios.md say.
    #[test]
    fn the_default_sign_on_is_004_double_length_with_the_track_key() {
        let spec = PosSpec::default();
        assert_eq!(spec.sign_on, "004");
        assert_eq!(spec.layout(), SignOnLayout::DoubleTrack);
        assert_eq!(spec.layout().code(), "004");
        for name in PosScenario::builtin_names() {
            let s = PosScenario::resolve(name).unwrap();
            assert_eq!(s.pos.sign_on, "004", "{name}");
        }
    }

    #[test]
    fn builtins_load_and_bad_knobs_are_refused() {
        for n in PosScenario::builtin_names() {
            PosScenario::resolve(n).unwrap();
        }
        assert!(PosScenario::parse("[pos]\nsign_on = \"002\"\n").is_err());
        assert!(PosScenario::parse("[pos]\nmac = \"cmac\"\n").is_err());
        assert!(PosScenario::parse("[pos]\nmaster_key = \"00\"\n").is_err());
        assert!(
            PosScenario::parse("[[card]]\npan = \"6222020000000007\"\npin = \"12\"\n").is_err()
        );
        let s = PosScenario::parse("[pos]\nmac = \"x9.19\"\n").unwrap();
        assert_eq!(s.pos.mac_algorithm(), MacAlgorithm::X919);
    }
}
