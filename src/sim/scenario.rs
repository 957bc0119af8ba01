//! Scenario files (TOML, documented in `docs/scenarios.md`): the deck of synthetic cards a
//! simulator presents, the device identity and its fault knobs, and the seeded PRNG that makes
//! every random fault reproducible. The format is stable: other tools and tests write it.

use crate::hexfmt::parse_hex;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

use crate::load::LoadError;

/// The MSR605 simulator's built-in default scenario (text, for tools that vary it).
pub const MSR605_DEFAULT: &str = include_str!("../../fixtures/scenarios/msr605-default.toml");

/// Built-in scenarios, by name (the file stem under `fixtures/scenarios/`). To add one, put the
/// file there and add a line here.
const BUILTIN: &[(&str, &str)] = &[
    (
        "crt310-default",
        include_str!("../../fixtures/scenarios/crt310-default.toml"),
    ),
    ("msr605-default", MSR605_DEFAULT),
    ("demo", include_str!("../../fixtures/scenarios/demo.toml")),
];

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

/// One card of the deck. Every card is synthetic; PANs must be Luhn-valid test numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardSpec {
    pub label: String,
    #[serde(default)]
    pub label_zh: Option<String>,
    pub pan: String,
    #[serde(default = "default_name")]
    pub name: String,
    /// YYMM.
    #[serde(default = "default_expiry")]
    pub expiry: String,
    #[serde(default = "default_service_code")]
    pub service_code: String,
    /// Track-2 discretionary digits (after the service code).
    #[serde(default = "default_discretionary")]
    pub discretionary: String,
    /// Which stripe tracks are encoded.
    #[serde(default = "default_tracks")]
    pub tracks: Vec<u8>,
    #[serde(default)]
    pub defects: Vec<Defect>,
    /// Whether the chip has a PSE (`1PAY.SYS.DDF01`); without it the terminal must fall back
    /// to its AID list. Ignored for stripe-only cards.
    #[serde(default = "yes")]
    pub pse: bool,
    /// ATR (hex); default a T=0 ATR `3B 67 00 00 86 60 22 22 27 80 01`.
    #[serde(default)]
    pub atr: Option<String>,
    /// PAN sequence number (5F34).
    #[serde(default)]
    pub pan_sequence: u8,
    /// Chip applications; none = stripe-only card.
    #[serde(default, rename = "app")]
    pub apps: Vec<AppSpec>,
}

fn default_name() -> String {
    "TEST/CARD".into()
}
fn default_expiry() -> String {
    "2812".into()
}
fn default_service_code() -> String {
    "220".into()
}
fn default_discretionary() -> String {
    "0000123456".into()
}
fn default_tracks() -> Vec<u8> {
    vec![1, 2]
}
fn yes() -> bool {
    true
}

/// A chip application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppSpec {
    /// AID (hex, 5–16 bytes).
    pub aid: String,
    #[serde(default)]
    pub label: String,
    /// Application priority indicator (87), 1–15.
    #[serde(default = "default_priority")]
    pub priority: u8,
    /// Application Interchange Profile (82), 2 bytes hex.
    #[serde(default = "default_aip")]
    pub aip: String,
    /// PDOL (9F38) as hex tag+length pairs; none = GPO with an empty `83 00`.
    #[serde(default)]
    pub pdol: Option<String>,
    /// Explicit record templates (hex, each starting `70`), served as SFI 1 records 1..n.
    /// Empty = generated from the card fields.
    #[serde(default)]
    pub records: Vec<String>,
}

fn default_priority() -> u8 {
    1
}
fn default_aip() -> String {
    "7C00".into()
}

/// A per-card defect, written as a string in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Defect {
    /// `demagnetised:N`: track N has flux noise but no start sentinel (CRT-310 `E1`).
    Demagnetised(u8),
    /// `blank`: no track reads at all (`E5` on every track).
    Blank,
    /// `mute`: damaged chip, no ATR after cold and warm reset.
    Mute,
    /// `app_blocked`: SELECT of its applications answers `62 83`.
    AppBlocked,
    /// `card_blocked`: SELECT PSE (and every SELECT) answers `6A 81`.
    CardBlocked,
    /// `expired`: stripe and chip expiry in the past (Dec 2020), whatever `expiry` says.
    Expired,
    /// `gpo_refused`: GET PROCESSING OPTIONS answers `69 85`.
    GpoRefused,
    /// `track2_mismatch`: the chip's track-2 equivalent (57) differs from the stripe.
    Track2Mismatch,
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Defect::Demagnetised(n) => write!(f, "demagnetised:{n}"),
            Defect::Blank => f.write_str("blank"),
            Defect::Mute => f.write_str("mute"),
            Defect::AppBlocked => f.write_str("app_blocked"),
            Defect::CardBlocked => f.write_str("card_blocked"),
            Defect::Expired => f.write_str("expired"),
            Defect::GpoRefused => f.write_str("gpo_refused"),
            Defect::Track2Mismatch => f.write_str("track2_mismatch"),
        }
    }
}

impl TryFrom<String> for Defect {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let t = s.trim();
        if let Some(n) = t
            .strip_prefix("demagnetised:")
            .or(t.strip_prefix("demagnetized:"))
        {
            return match n.trim().parse::<u8>() {
                Ok(n @ 1..=3) => Ok(Defect::Demagnetised(n)),
                _ => Err(format!("defect {t:?}: the track must be 1, 2 or 3")),
            };
        }
        Ok(match t {
            "blank" => Defect::Blank,
            "mute" => Defect::Mute,
            "app_blocked" => Defect::AppBlocked,
            "card_blocked" => Defect::CardBlocked,
            "expired" => Defect::Expired,
            "gpo_refused" => Defect::GpoRefused,
            "track2_mismatch" => Defect::Track2Mismatch,
            _ => {
                return Err(format!(
                    "unknown defect {t:?}; expected one of demagnetised:N, blank, mute, \
                     app_blocked, card_blocked, expired, gpo_refused, track2_mismatch"
                ))
            }
        })
    }
}

impl From<Defect> for String {
    fn from(d: Defect) -> String {
        d.to_string()
    }
}

/// Default ATR: T=0, TB1 00, TC1 00, 7 historical bytes (an ICBC debit card's layout).
pub const DEFAULT_ATR: [u8; 11] = [
    0x3B, 0x67, 0x00, 0x00, 0x86, 0x60, 0x22, 0x22, 0x27, 0x80, 0x01,
];

/// Expiry written on an `expired` card (YYMM).
pub const EXPIRED_YYMM: &str = "2012";

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
        sc.validate().map_err(|msg| LoadError::new(origin, msg))?;
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

    /// A built-in name or a file path.
    pub fn resolve(name_or_path: &str) -> Result<Scenario, LoadError> {
        match Scenario::builtin(name_or_path) {
            Some(s) => Ok(s),
            None => Scenario::load(name_or_path),
        }
    }

    /// A PRNG seeded from the scenario seed (each simulator creates its own).
    pub fn rng(&self) -> Rng {
        Rng::new(self.scenario.seed)
    }

    fn validate(&self) -> Result<(), String> {
        let d = &self.device;
        for (key, v) in [
            ("device.model", &d.model),
            ("device.firmware", &d.firmware),
            ("device.serial", &d.serial),
        ] {
            check_identity(key, v)?;
        }
        if d.think_time_ms > MAX_THINK_TIME_MS {
            return Err(format!(
                "device.think_time_ms: at most {MAX_THINK_TIME_MS} (ten minutes), not {}",
                d.think_time_ms
            ));
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
            let b = parse_hex(a).map_err(|e| format!("device.firmware_aids[{i}]: {e}"))?;
            if b.is_empty() || b.len() > 16 {
                return Err(format!(
                    "device.firmware_aids[{i}]: an AID prefix is 1 to 16 bytes"
                ));
            }
        }
        for (i, c) in self.cards.iter().enumerate() {
            c.validate()
                .map_err(|m| format!("card #{} ({}): {m}", i + 1, crate::load::shown(&c.label)))?;
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
fn check_identity(what: &str, v: &str) -> Result<(), String> {
    if v.len() > MAX_IDENTITY_BYTES {
        return Err(format!(
            "{what}: {} bytes; a device identity string has at most {MAX_IDENTITY_BYTES} (it must fit one reply frame)",
            v.len()
        ));
    }
    if !v.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(format!(
            "{what}: {} must be printable ASCII",
            crate::load::shown(v)
        ));
    }
    Ok(())
}

fn check_track(what: &str, t: u8) -> Result<(), String> {
    if (1..=3).contains(&t) {
        Ok(())
    } else {
        Err(format!("{what}: track must be 1, 2 or 3, not {t}"))
    }
}

fn check_prob(what: &str, p: f64) -> Result<(), String> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        Err(format!(
            "{what}: a probability is between 0.0 and 1.0, not {p}"
        ))
    }
}

impl CardSpec {
    fn validate(&self) -> Result<(), String> {
        crate::load::check_label(&self.label).map_err(|m| format!("label: {m}"))?;
        if let Some(z) = &self.label_zh {
            crate::load::check_label(z).map_err(|m| format!("label_zh: {m}"))?;
        }
        let n = self.pan.len();
        if !(12..=19).contains(&n) || !self.pan.bytes().all(|b| b.is_ascii_digit()) {
            return Err("pan: 12 to 19 digits".into());
        }
        if self.expiry.len() != 4 || !self.expiry.bytes().all(|b| b.is_ascii_digit()) {
            return Err("expiry: 4 digits YYMM".into());
        }
        if self.service_code.len() != 3 || !self.service_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err("service_code: 3 digits".into());
        }
        if !self.discretionary.bytes().all(|b| b.is_ascii_digit()) {
            return Err("discretionary: digits only".into());
        }
        if self.name.len() < 2
            || self.name.len() > 26
            || !self
                .name
                .bytes()
                .all(|b| (0x20..0x5F).contains(&b) && b != b'^')
        {
            return Err("name: 2 to 26 upper-case track-1 characters, e.g. ZHANG/SAN".into());
        }
        for t in &self.tracks {
            check_track("tracks", *t)?;
        }
        if let Some(a) = &self.atr {
            let b = parse_hex(a).map_err(|e| format!("atr: {e}"))?;
            if b.len() < 2 || b.len() > 33 {
                return Err("atr: 2 to 33 bytes".into());
            }
        }
        for (i, a) in self.apps.iter().enumerate() {
            a.validate().map_err(|m| format!("app #{}: {m}", i + 1))?;
        }
        Ok(())
    }

    pub fn has(&self, d: Defect) -> bool {
        self.defects.contains(&d)
    }

    /// Whether the stripe track `n` is demagnetised.
    pub fn demagnetised(&self, n: u8) -> bool {
        self.has(Defect::Demagnetised(n))
    }

    /// Expiry YYMM as written on the card (the `expired` defect forces a past date).
    pub fn effective_expiry(&self) -> &str {
        if self.has(Defect::Expired) {
            EXPIRED_YYMM
        } else {
            &self.expiry
        }
    }

    /// The ATR bytes.
    pub fn atr_bytes(&self) -> Vec<u8> {
        self.atr
            .as_deref()
            .and_then(|a| parse_hex(a).ok())
            .unwrap_or_else(|| DEFAULT_ATR.to_vec())
    }

    pub fn has_chip(&self) -> bool {
        !self.apps.is_empty()
    }

    /// Whether track `n` is encoded and readable in principle (not blank, not demagnetised).
    pub fn track_present(&self, n: u8) -> bool {
        self.tracks.contains(&n) && !self.has(Defect::Blank)
    }

    /// Clear data of track `n` between the sentinels (no `%`/`;`, `?`, LRC), or `None` when the
    /// track is not encoded. CARD DATA: for simulators and comparisons only, never print it.
    pub fn track_data(&self, n: u8) -> Option<String> {
        if !self.tracks.contains(&n) {
            return None;
        }
        let exp = self.effective_expiry();
        Some(match n {
            1 => format!(
                "B{}^{}^{}{}{}",
                self.pan, self.name, exp, self.service_code, self.discretionary
            ),
            2 => format!(
                "{}={}{}{}",
                self.pan, exp, self.service_code, self.discretionary
            ),
            // ISO 4909 layout kept simple: format code 99 (issuer use), PAN, FS, country 156,
            // currency 156, exponent, zero amounts and counters, then the expiry.
            3 => format!("99{}=1561560000000000000000000{}0000000000", self.pan, exp),
            _ => return None,
        })
    }

    /// Track text with sentinels (`%…?` or `;…?`), no LRC — what a decoding reader returns.
    pub fn track_text(&self, n: u8) -> Option<String> {
        let d = self.track_data(n)?;
        Some(match n {
            1 => format!("%{d}?"),
            _ => format!(";{d}?"),
        })
    }

    /// The stripe's track 2 as a masked-by-default value.
    pub fn stripe_track2(&self) -> Option<crate::sensitive::Track2> {
        self.track_data(2).map(crate::sensitive::Track2::new)
    }

    /// Track-2 equivalent data (tag 57) as the chip holds it: PAN `D` YYMM SSS disc, `F` pad.
    /// With the `track2_mismatch` defect the discretionary data differs from the stripe.
    pub fn chip_track2_equivalent(&self) -> Vec<u8> {
        let disc = if self.has(Defect::Track2Mismatch) {
            // Same length, different digits: the stripe was re-encoded (skimmed) after issue.
            self.discretionary
                .bytes()
                .map(|b| if b == b'9' { '0' } else { (b + 1) as char })
                .collect::<String>()
                + "9"
        } else {
            self.discretionary.clone()
        };
        let s = format!(
            "{}D{}{}{}",
            self.pan,
            self.effective_expiry(),
            self.service_code,
            disc
        );
        pack_nibbles(&s)
    }
}

impl AppSpec {
    fn validate(&self) -> Result<(), String> {
        let aid = parse_hex(&self.aid).map_err(|e| format!("aid: {e}"))?;
        if !(5..=16).contains(&aid.len()) {
            return Err("aid: 5 to 16 bytes".into());
        }
        if !(1..=15).contains(&self.priority) {
            return Err("priority: 1 to 15".into());
        }
        let aip = parse_hex(&self.aip).map_err(|e| format!("aip: {e}"))?;
        if aip.len() != 2 {
            return Err("aip: 2 bytes".into());
        }
        if let Some(p) = &self.pdol {
            parse_dol(&parse_hex(p).map_err(|e| format!("pdol: {e}"))?)
                .ok_or("pdol: not a list of tag + length")?;
        }
        for (i, r) in self.records.iter().enumerate() {
            let b = parse_hex(r).map_err(|e| format!("records[{i}]: {e}"))?;
            if b.first() != Some(&0x70) {
                return Err(format!("records[{i}]: a record template starts with 70"));
            }
        }
        if self.label.len() > 16 {
            return Err("label: at most 16 characters".into());
        }
        Ok(())
    }

    pub fn aid_bytes(&self) -> Vec<u8> {
        parse_hex(&self.aid).unwrap_or_default()
    }

    pub fn aip_bytes(&self) -> Vec<u8> {
        parse_hex(&self.aip).unwrap_or_else(|_| vec![0x7C, 0x00])
    }

    pub fn pdol_bytes(&self) -> Option<Vec<u8>> {
        self.pdol.as_deref().and_then(|p| parse_hex(p).ok())
    }

    /// The record templates (tag 70) this application serves from SFI 1, records 1..n.
    pub fn record_templates(&self, card: &CardSpec) -> Vec<Vec<u8>> {
        if !self.records.is_empty() {
            return self
                .records
                .iter()
                .filter_map(|r| parse_hex(r).ok())
                .collect();
        }
        let exp = card.effective_expiry();
        let mut r1 = Vec::new();
        push_tlv(&mut r1, &[0x57], &card.chip_track2_equivalent());
        push_tlv(&mut r1, &[0x5F, 0x20], card.name.as_bytes());
        // 9F1F track-1 discretionary data would be card data too; keep it out.
        let mut r2 = Vec::new();
        push_tlv(&mut r2, &[0x5A], &pack_nibbles(&card.pan));
        push_tlv(
            &mut r2,
            &[0x5F, 0x24],
            &pack_nibbles(&format!("{exp}{}", last_day(exp))),
        );
        push_tlv(&mut r2, &[0x5F, 0x25], &pack_nibbles("200101"));
        push_tlv(&mut r2, &[0x5F, 0x28], &[0x01, 0x56]);
        push_tlv(
            &mut r2,
            &[0x5F, 0x30],
            &pack_nibbles(&format!("0{}", card.service_code)),
        );
        push_tlv(&mut r2, &[0x5F, 0x34], &[card.pan_sequence]);
        push_tlv(&mut r2, &[0x9F, 0x07], &[0xFF, 0x00]);
        push_tlv(&mut r2, &[0x9F, 0x08], &[0x00, 0x30]);
        // CDOL1: amount, other amount, country, TVR, currency, date, type, UN.
        push_tlv(
            &mut r2,
            &[0x8C],
            &[
                0x9F, 0x02, 0x06, 0x9F, 0x03, 0x06, 0x9F, 0x1A, 0x02, 0x95, 0x05, 0x5F, 0x2A, 0x02,
                0x9A, 0x03, 0x9C, 0x01, 0x9F, 0x37, 0x04,
            ],
        );
        push_tlv(&mut r2, &[0x8D], &[0x8A, 0x02, 0x95, 0x05]);
        // CVM list: online PIN, then signature, then no CVM.
        push_tlv(
            &mut r2,
            &[0x8E],
            &[0, 0, 0, 0, 0, 0, 0, 0, 0x42, 0x03, 0x1E, 0x03, 0x1F, 0x03],
        );
        vec![wrap70(&r1), wrap70(&r2)]
    }

    /// AFL (94) covering the records: SFI 1, records 1..n, the first one signed.
    pub fn afl(&self, card: &CardSpec) -> Vec<u8> {
        let n = self.record_templates(card).len().clamp(1, 255) as u8;
        vec![0x08, 0x01, n, 0x01]
    }
}

fn wrap70(v: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    push_tlv(&mut out, &[0x70], v);
    out
}

/// Appends a BER-TLV with a definite length (short form, `81`, or `82`).
pub fn push_tlv(out: &mut Vec<u8>, tag: &[u8], value: &[u8]) {
    out.extend_from_slice(tag);
    let n = value.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(value);
}

/// Packs digits (and `D`) into nibbles, padding the last byte with `F`.
pub fn pack_nibbles(s: &str) -> Vec<u8> {
    let nib = |c: u8| -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'F' => c - b'A' + 10,
            b'a'..=b'f' => c - b'a' + 10,
            _ => 0xF,
        }
    };
    s.as_bytes()
        .chunks(2)
        .map(|p| (nib(p[0]) << 4) | p.get(1).map_or(0xF, |&c| nib(c)))
        .collect()
}

fn last_day(yymm: &str) -> &'static str {
    let yy: u32 = yymm.get(..2).and_then(|s| s.parse().ok()).unwrap_or(0);
    match yymm.get(2..4) {
        Some("02") if yy % 4 == 0 => "29",
        Some("02") => "28",
        Some("04") | Some("06") | Some("09") | Some("11") => "30",
        _ => "31",
    }
}

/// Splits a DOL into (tag, length) pairs; `None` when it is malformed.
pub fn parse_dol(dol: &[u8]) -> Option<Vec<(Vec<u8>, usize)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < dol.len() {
        let start = i;
        let first = dol[i];
        i += 1;
        if first & 0x1F == 0x1F {
            loop {
                let b = *dol.get(i)?;
                i += 1;
                if b & 0x80 == 0 {
                    break;
                }
            }
        }
        let len = *dol.get(i)? as usize;
        i += 1;
        out.push((dol[start..i - 1].to_vec(), len));
    }
    Some(out)
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

/// A small seeded PRNG (SplitMix64): reproducible faults without a dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p` (exactly never for 0.0, always for 1.0).
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        if p >= 1.0 {
            return true;
        }
        self.unit() < p
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
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

    #[test]
    fn tracks_and_chip_data() {
        let s = Scenario::builtin("crt310-default").unwrap();
        let c = &s.cards[1];
        assert_eq!(
            c.track_text(2).unwrap(),
            ";6212260000000000026=28122200000123456?"
        );
        assert!(c
            .track_text(1)
            .unwrap()
            .starts_with("%B6212260000000000026^"));
        assert_eq!(c.track_text(3), None);
        assert_eq!(
            crate::hexfmt::hex(&c.chip_track2_equivalent()),
            "6212260000000000026D28122200000123456F"
        );
        let app = &c.apps[0];
        assert_eq!(app.afl(c), vec![0x08, 1, 2, 1]);
    }

    #[test]
    fn rng_is_reproducible() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..10 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert!(!a.chance(0.0));
        assert!(a.chance(1.0));
    }

    #[test]
    fn documented_example_loads() {
        let doc = include_str!("../../docs/scenarios.md");
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

    #[test]
    fn dol_parse() {
        let d = parse_hex("9F1A029F02065F2A029A039C019F3704").unwrap();
        let p = parse_dol(&d).unwrap();
        assert_eq!(p.len(), 6);
        assert_eq!(p.iter().map(|x| x.1).sum::<usize>(), 2 + 6 + 2 + 3 + 1 + 4);
    }
}
