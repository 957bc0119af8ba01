//! One card of a scenario's deck: its stripe tracks, chip data, ATR and defects. Every card is
//! synthetic; the clear track data exists only for the simulators and comparisons.

use super::chip::{pack_nibbles, AppSpec};
use super::{check_track, field};
use crate::hexfmt::parse_hex;
use crate::i18n::{Arg, Text};
use serde::{Deserialize, Serialize};
use std::fmt;

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
    /// The card's offline PIN (4–12 digits, synthetic test cards only): its CVM list then asks
    /// for a plaintext offline PIN first, VERIFY checks against it, and the deck derived from
    /// the scenario marks the card as a test card with this known PIN (docs/decks.md).
    /// Printed as `****` (`sensitive::Secret`).
    #[serde(default)]
    pub pin: Option<crate::sensitive::Secret>,
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
    /// `bad_sda`: the card offers SDA only (AIP without DDA) and its signed static data (93)
    /// does not verify.
    BadSda,
    /// `expired_issuer_cert`: the issuer public-key certificate (90) expired in Dec 2020.
    ExpiredIssuerCert,
    /// `unknown_ca_index`: the card names CA key index F2 (8F), which no terminal holds.
    UnknownCaIndex,
    /// `app_version_mismatch`: the card's application version (9F08) is 0020, not the 0030
    /// terminals run (TVR "ICC and terminal have different application versions").
    AppVersionMismatch,
    /// `iac_denial`: the card's issuer action code denial (9F0E `0010000000`) declines what its
    /// usage control (9F07 international use only) forbids, so a domestic purchase is declined
    /// offline (AAC).
    IacDenial,
    /// `long_card`: longer than ISO 7810 ID-1; a CRT-310 reports S1 `46` and refuses to work
    /// on it with E=`06` until it is cleared (manual §8.3.1, §7.2.2).
    LongCard,
    /// `short_card`: shorter than ID-1; S1 `47`, E=`06` (manual §8.3.1, §7.2.2).
    ShortCard,
    /// `arqc_wrong_key`: the card computes its cryptograms under another issuer master key
    /// than the issuer's: the host's ARQC check fails (RC 59).
    ArqcWrongKey,
    /// `mute_at_genac`: the chip answers until it must compute — no answer to GENERATE AC or
    /// INTERNAL AUTHENTICATE (the current peak of a marginal contact or supply).
    MuteAtGenac,
    /// `script_fails`: the card answers every issuer script command `6A 80`.
    ScriptFails,
    /// `bad_cda`: the card offers CDA (AIP byte 1 `01`) and signs its GENERATE AC responses
    /// with a transaction data hash code that does not match (EMV Book 2 §6.6).
    BadCda,
    /// `velocity_exceeded`: the card's last online ATC register (`9F13`, GET DATA) lies
    /// [`VELOCITY_OFFLINE_RUN`] transactions behind its ATC, over its upper consecutive offline
    /// limit (`9F23`): it must go online (TVR byte 4 `40` and `20`).
    VelocityExceeded,
    /// `pin_blocked`: the card's PIN try counter (`9F17`) is 0 — a test card whose offline PIN
    /// was entered wrong too often; VERIFY answers `69 83`.
    PinBlocked,
    /// `decline_at_genac2`: the card answers GENERATE AC 2 with an AAC whatever the terminal
    /// asks (its own risk management declines after the host approved): the terminal must
    /// reverse the approved authorisation (DE39 `06`, Book 4 §12.2.4).
    DeclineAtGenac2,
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
            Defect::BadSda => f.write_str("bad_sda"),
            Defect::ExpiredIssuerCert => f.write_str("expired_issuer_cert"),
            Defect::UnknownCaIndex => f.write_str("unknown_ca_index"),
            Defect::AppVersionMismatch => f.write_str("app_version_mismatch"),
            Defect::IacDenial => f.write_str("iac_denial"),
            Defect::LongCard => f.write_str("long_card"),
            Defect::ShortCard => f.write_str("short_card"),
            Defect::ArqcWrongKey => f.write_str("arqc_wrong_key"),
            Defect::MuteAtGenac => f.write_str("mute_at_genac"),
            Defect::ScriptFails => f.write_str("script_fails"),
            Defect::BadCda => f.write_str("bad_cda"),
            Defect::VelocityExceeded => f.write_str("velocity_exceeded"),
            Defect::PinBlocked => f.write_str("pin_blocked"),
            Defect::DeclineAtGenac2 => f.write_str("decline_at_genac2"),
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
            "bad_sda" => Defect::BadSda,
            "expired_issuer_cert" => Defect::ExpiredIssuerCert,
            "unknown_ca_index" => Defect::UnknownCaIndex,
            "app_version_mismatch" => Defect::AppVersionMismatch,
            "iac_denial" => Defect::IacDenial,
            "long_card" => Defect::LongCard,
            "short_card" => Defect::ShortCard,
            "arqc_wrong_key" => Defect::ArqcWrongKey,
            "mute_at_genac" => Defect::MuteAtGenac,
            "script_fails" => Defect::ScriptFails,
            "bad_cda" => Defect::BadCda,
            "velocity_exceeded" => Defect::VelocityExceeded,
            "pin_blocked" => Defect::PinBlocked,
            "decline_at_genac2" => Defect::DeclineAtGenac2,
            _ => {
                return Err(format!(
                    "unknown defect {t:?}; expected one of demagnetised:N, blank, mute, \
                     app_blocked, card_blocked, expired, gpo_refused, track2_mismatch, \
                     bad_sda, expired_issuer_cert, unknown_ca_index, app_version_mismatch, \
                     iac_denial, long_card, short_card, arqc_wrong_key, mute_at_genac, \
                     script_fails, bad_cda, velocity_exceeded, pin_blocked, decline_at_genac2"
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

/// Transactions since the last online one on a `velocity_exceeded` card: over the upper
/// consecutive offline limit the simulated cards carry (`9F23` = 10).
pub const VELOCITY_OFFLINE_RUN: u16 = 16;

/// Expiry written on an `expired` card (YYMM).
pub const EXPIRED_YYMM: &str = "2012";

impl CardSpec {
    pub(super) fn validate(&self) -> Result<(), Text> {
        crate::load::check_label(&self.label).map_err(|m| field("label", m))?;
        if let Some(z) = &self.label_zh {
            crate::load::check_label(z).map_err(|m| field("label_zh", m))?;
        }
        let n = self.pan.len();
        if !(12..=19).contains(&n) || !self.pan.bytes().all(|b| b.is_ascii_digit()) {
            return Err(field("pan", Text::tr("errors-load-sim-pan")));
        }
        if self.expiry.len() != 4 || !self.expiry.bytes().all(|b| b.is_ascii_digit()) {
            return Err(field("expiry", Text::tr("errors-load-sim-expiry")));
        }
        if self.service_code.len() != 3 || !self.service_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(field(
                "service_code",
                Text::tr("errors-load-sim-service-code"),
            ));
        }
        if !self.discretionary.bytes().all(|b| b.is_ascii_digit()) {
            return Err(field("discretionary", Text::tr("errors-load-sim-digits")));
        }
        if self.name.len() < 2
            || self.name.len() > 26
            || !self
                .name
                .bytes()
                .all(|b| (0x20..0x5F).contains(&b) && b != b'^')
        {
            return Err(field("name", Text::tr("errors-load-sim-name")));
        }
        for t in &self.tracks {
            check_track("tracks", *t)?;
        }
        // Every track the card could carry fits the stripe (and so every reader's reply frame).
        let all = CardSpec {
            tracks: vec![1, 2, 3],
            ..self.clone()
        };
        for n in 1..=3 {
            let len = all.track_data(n).map_or(0, |d| d.len() + 3);
            let max = crate::codec::track::max_chars(n);
            if len > max {
                let args = [
                    ("track", Arg::from(n)),
                    ("len", Arg::from(len)),
                    ("max", Arg::from(max)),
                ];
                let why = Text::tr_args("errors-load-sim-track-long", &args);
                return Err(field("discretionary", why));
            }
        }
        if let Some(a) = &self.atr {
            let b = parse_hex(a).map_err(|e| field("atr", Text::each(|l| e.text(l))))?;
            if b.len() < 2 || b.len() > 33 {
                return Err(field("atr", Text::tr("errors-load-sim-atr")));
            }
        }
        for (i, a) in self.apps.iter().enumerate() {
            a.validate().map_err(|why| {
                Text::tr_each("errors-load-sim-app", |lang| {
                    vec![
                        ("app_no", Arg::from(i + 1)),
                        ("why", Arg::from(why.get(lang))),
                    ]
                })
            })?;
        }
        if let Some(p) = &self.pin {
            if crate::crypto::Pin::new(p.expose_clear()).is_err() {
                return Err(field("pin", Text::tr("errors-load-sim-pin")));
            }
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

#[cfg(test)]
mod tests {
    use crate::sim::scenario::Scenario;
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
}
