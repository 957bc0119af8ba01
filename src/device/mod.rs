//! The bench's hands: device addresses, the `Device` trait every reader profile implements,
//! the normalised events drivers emit, and the frame log (card data already masked).
//!
//! Submodules: one driver per profile (`crt310`, `msr605`; their sans-IO frames live in
//! `codec`), `open` (addresses to transports, the profile table, in-process simulators) and
//! `emv` (the EMV contact flow as a sans-IO state machine). Transports live in `link`.

mod creator;
pub mod crt310;
pub mod crt591;
pub mod emv;
pub mod msr605;
pub mod open;

use crate::i18n::{t, Lang};
use crate::model::{ChipPower, DeviceInfo, SwipeRead};
use crate::trace::FrameSink;
use std::time::Duration;
use thiserror::Error;

/// What a profile can do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    pub swipe: bool,
    pub chip: bool,
    /// The profile plays the acquirer host for a POS (`pos8583`).
    pub host: bool,
    /// A motorised reader (CRT-310, CRT-591): the stripe is read as the motor pulls the card
    /// in, so each swipe is an insertion and the card speed is the motor's.
    pub motorised: bool,
}

/// Who stayed silent when a wait ran out. The checklist counts only a silent *reader* towards
/// "the reader stopped answering"; a card that did not answer or was never presented is a
/// result about the card or the operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Silent {
    /// The reader did not answer (no ACK, no response frame, no reply to a read).
    Reader,
    /// The reader answered but the card did not (mute chip, T=0 timeout).
    Card,
    /// No card was presented within the wait.
    Operator,
}

/// Why a device operation could not complete. A failed *check* is not an error: these are
/// for "the device did not let us judge" (and become ERROR rows or a reconnect).
#[derive(Debug, Error)]
pub enum DeviceError {
    /// Hang-up, BrokenPipe, EOF: the handle is closed and the port must be reopened.
    #[error("device lost: {0}")]
    Lost(String),
    #[error("timeout after {after_ms} ms waiting for {what}")]
    Timeout {
        what: String,
        after_ms: u64,
        /// Who stayed silent: the reader itself, or something it waits for.
        silent: Silent,
    },
    /// The device answered something the protocol does not allow (detail says what).
    #[error("protocol error: {0}")]
    Protocol(String),
    /// The reader NAKed the frame more times than allowed.
    #[error("frame rejected {0} times (NAK)")]
    Nak(u32),
    #[error("not supported by this profile: {0}")]
    Unsupported(&'static str),
    #[error("cannot open {target}: {reason}")]
    Open { target: String, reason: String },
    #[error("bad device address {0:?}: expected PROFILE:TARGET, e.g. crt310:/dev/ttyUSB0, msr605:tcp://127.0.0.1:3001, crt310:sim")]
    BadAddress(String),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

impl DeviceError {
    pub fn is_lost(&self) -> bool {
        matches!(self, DeviceError::Lost(_))
    }

    /// The error for people in `lang`: in English the `Display` (with the driver's detail);
    /// in Chinese the catalogue's words (`devices-error-*`), without the driver's English
    /// detail (what was waited for, the system's message).
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let s = match self {
            DeviceError::Lost(_) => t!(lang, "devices-error-lost"),
            DeviceError::Timeout {
                after_ms, silent, ..
            } => match silent {
                Silent::Reader => t!(lang, "devices-error-timeout-reader", ms = *after_ms),
                Silent::Card => t!(lang, "devices-error-timeout-card", ms = *after_ms),
                Silent::Operator => t!(lang, "devices-error-timeout-operator", ms = *after_ms),
            },
            DeviceError::Protocol(_) => t!(lang, "devices-error-protocol"),
            DeviceError::Nak(n) => t!(lang, "devices-error-nak", count = *n),
            DeviceError::Unsupported(_) => t!(lang, "devices-error-unsupported"),
            DeviceError::Open { target, reason } => {
                let open = t!(lang, "devices-error-open", target = target.as_str());
                return open_in(open.into_owned(), reason, lang);
            }
            DeviceError::BadAddress(a) => {
                t!(lang, "devices-error-bad-address", address = a.as_str())
            }
            DeviceError::Io(e) => {
                let io = crate::i18n::io_text(e, lang);
                t!(lang, "errors-device-io", reason = io)
            }
        };
        s.into_owned()
    }
}

/// Why a device was lost (`DeviceError::Lost`'s reason, the system's or a driver's words) for
/// people in `lang`: English as it is; Chinese the kind of the OS error when it names one,
/// else "the connection was interrupted" with the system's words kept as a marked detail.
pub fn lost_reason_text(why: &str, lang: Lang) -> String {
    match crate::i18n::io_reason_text(why, lang) {
        Some(s) => s,
        None => t!(lang, "devices-lost-why", detail = why).into_owned(),
    }
}

/// `cannot open TARGET` in `lang` with why: the system's failure by kind and the hint
/// `device::open` gives in English (plug in, the `dialout` group, a busy port), or, for a
/// reason without an OS error, the reason itself in 「」.
fn open_in(open: String, reason: &str, lang: Lang) -> String {
    // `device::open::open_device`'s refusal of a profile it does not know.
    if let Some(known) = reason
        .strip_prefix("unknown profile ")
        .and_then(|r| r.split_once("(known: "))
        .and_then(|(_, k)| k.strip_suffix(')'))
    {
        let why = t!(lang, "errors-unknown-profile", known = known);
        return t!(lang, "errors-device-open", open = open, reason = why).into_owned();
    }
    let lower = reason.to_ascii_lowercase();
    let kind = crate::i18n::io_reason_text(reason, lang);
    // `device::open::open_reason`'s hints, after the system's text.
    let (kind, hint) = if lower.contains("another program holds the port") {
        let busy = t!(lang, "errors-io-busy").into_owned();
        (Some(busy), Some(t!(lang, "errors-device-open-busy-fix")))
    } else if lower.contains("dialout group") {
        let kind = kind.or_else(|| Some(t!(lang, "errors-io-permission-denied").into_owned()));
        (kind, Some(t!(lang, "errors-device-open-permission-fix")))
    } else if lower.starts_with(&*crate::i18n::tr(Lang::En, "errors-io-not-a-serial-port")) {
        let kind = t!(lang, "errors-io-not-a-serial-port").into_owned();
        (
            Some(kind),
            Some(t!(lang, "errors-device-open-not-serial-fix")),
        )
    } else if lower.contains(
        &*crate::i18n::tr(Lang::En, "errors-device-open-missing-fix").to_ascii_lowercase(),
    ) {
        let kind = kind.or_else(|| Some(t!(lang, "errors-io-not-found").into_owned()));
        (kind, Some(t!(lang, "errors-device-open-missing-fix")))
    } else {
        (kind, None)
    };
    let why = match (kind, hint) {
        (Some(k), Some(h)) => t!(lang, "errors-device-open-hinted", reason = k, hint = h),
        (Some(k), None) => k.into(),
        (None, _) => t!(lang, "errors-load-detail", detail = reason),
    };
    t!(lang, "errors-device-open", open = open, reason = why).into_owned()
}

/// A card reader or terminal, driven from one worker thread. Every method blocks up to its
/// own deadline. Implementations emit a [`FrameRecord`] for every frame that crosses the line.
pub trait Device: Send {
    /// Profile name: `crt310`, `msr605`, `pos8583`.
    fn profile(&self) -> &'static str;

    fn capabilities(&self) -> Capabilities;

    /// Reset / communication test and identity (model, firmware, serial number).
    fn identify(&mut self) -> Result<DeviceInfo, DeviceError>;

    /// Waits up to `wait` for one swipe and returns the per-track result. A bad swipe is an
    /// `Ok` with bad track statuses; `Timeout` with `Silent::Operator` means no card was
    /// presented (a reader that cannot tell says `Silent::Reader`).
    fn read_swipe(&mut self, wait: Duration) -> Result<SwipeRead, DeviceError>;

    /// Powers the inserted chip card (cold reset, then warm reset if mute).
    fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError>;

    /// Sends one C-APDU and returns the R-APDU including SW1 SW2. T=0 procedure bytes are the
    /// reader's business; `61xx`/`6Cxx` are handled above (see `emv`).
    fn transmit(&mut self, capdu: &[u8]) -> Result<Vec<u8>, DeviceError>;

    fn chip_power_off(&mut self) -> Result<(), DeviceError>;

    /// The bench is done with the presented card (eject / operator feedback). `pass` drives
    /// LEDs where the device has them. Simulators present the next deck card after this.
    fn card_done(&mut self, pass: bool) -> Result<(), DeviceError>;

    /// Aborts a pending read (MSR605 reset, CRT-310 EOT).
    fn cancel(&mut self) -> Result<(), DeviceError>;

    /// Whether a card is in or at the reader, waiting up to `wait` where the reader can only
    /// tell by sensing one pass (the MSR605's sensor test). `Ok(None)`: this profile cannot
    /// tell (the default).
    fn card_presence(&mut self, wait: Duration) -> Result<Option<bool>, DeviceError> {
        let _ = wait;
        Ok(None)
    }

    /// Where to send frame records from now on.
    fn set_frame_sink(&mut self, sink: FrameSink);
}

/// What a driver is built from besides its transport (see `open::PROFILES`).
#[derive(Clone, Debug)]
pub struct DriverSettings<'a> {
    /// The link's name in the frame log (the device address).
    pub link: &'a str,
    /// Line speed, to size frame deadlines.
    pub baud: u32,
    /// MSR605: read swipes in ISO mode (`ESC r`) instead of raw mode (`ESC m`).
    pub msr605_iso: bool,
}

/// A parsed device address `PROFILE:TARGET`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceAddress {
    pub profile: String,
    pub target: Target,
}

/// Where a device is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A serial device path (`/dev/ttyUSB0`, `/dev/serial/by-id/...`, `/dev/pts/3`).
    Serial(String),
    /// Raw TCP as ser2net exports a port: `tcp://host:port`.
    Tcp(String),
    /// RFC 2217 (Telnet COM port control): `rfc2217://host:port`.
    Rfc2217(String),
    /// The built-in simulator, in-process over a pseudo-terminal; optional scenario file.
    Sim(Option<String>),
    /// The bench listens on `HOST:PORT` and the device dials in (`pos8583:tcp-listen:…`; a
    /// bare port binds 127.0.0.1).
    TcpListen(String),
}

impl DeviceAddress {
    /// Parses `crt310:/dev/ttyUSB0`, `msr605:tcp://127.0.0.1:3001`, `crt310:sim`,
    /// `crt310:sim:path/to/scenario.toml`, `crt310:rfc2217://host:port`.
    pub fn parse(s: &str) -> Result<DeviceAddress, DeviceError> {
        let bad = || DeviceError::BadAddress(s.to_string());
        let (profile, target) = s.split_once(':').ok_or_else(bad)?;
        let profile = profile.trim().to_ascii_lowercase();
        if profile.is_empty() || target.is_empty() {
            return Err(bad());
        }
        let target = if let Some(rest) = target.strip_prefix("tcp-listen:") {
            if rest.is_empty() {
                return Err(bad());
            }
            Target::TcpListen(if rest.contains(':') {
                rest.to_string()
            } else {
                format!("127.0.0.1:{rest}")
            })
        } else if let Some(rest) = target.strip_prefix("tcp://") {
            Target::Tcp(rest.to_string())
        } else if let Some(rest) = target.strip_prefix("rfc2217://") {
            Target::Rfc2217(rest.to_string())
        } else if target == "sim" {
            Target::Sim(None)
        } else if let Some(rest) = target.strip_prefix("sim:") {
            Target::Sim(Some(rest.to_string()))
        } else {
            Target::Serial(target.to_string())
        };
        Ok(DeviceAddress { profile, target })
    }
}

impl std::fmt::Display for DeviceAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.target {
            Target::Serial(p) => write!(f, "{}:{}", self.profile, p),
            Target::Tcp(a) => write!(f, "{}:tcp://{}", self.profile, a),
            Target::Rfc2217(a) => write!(f, "{}:rfc2217://{}", self.profile, a),
            Target::Sim(None) => write!(f, "{}:sim", self.profile),
            Target::Sim(Some(s)) => write!(f, "{}:sim:{}", self.profile, s),
            Target::TcpListen(a) => write!(f, "{}:tcp-listen:{}", self.profile, a),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let a = DeviceAddress::parse("crt310:/dev/ttyUSB0").unwrap();
        assert_eq!(a.target, Target::Serial("/dev/ttyUSB0".into()));
        let a = DeviceAddress::parse("msr605:tcp://127.0.0.1:3001").unwrap();
        assert_eq!(a.target, Target::Tcp("127.0.0.1:3001".into()));
        let a = DeviceAddress::parse("crt310:sim:fixtures/x.toml").unwrap();
        assert_eq!(a.target, Target::Sim(Some("fixtures/x.toml".into())));
        assert!(DeviceAddress::parse("nocolon").is_err());
        let a = DeviceAddress::parse("pos8583:tcp-listen:5800").unwrap();
        assert_eq!(a.target, Target::TcpListen("127.0.0.1:5800".into()));
        let a = DeviceAddress::parse("pos8583:tcp-listen:0.0.0.0:5800").unwrap();
        assert_eq!(a.to_string(), "pos8583:tcp-listen:0.0.0.0:5800");
    }
}
