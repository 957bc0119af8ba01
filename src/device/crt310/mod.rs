//! The Creator CRT-310 V3.0 driver (protocols.md §3.1): implements [`Device`] over any
//! [`Transport`] with the sans-IO frames of `codec::crt310` — tracks with E1–E5, IC power,
//! ATR, T=0/T=1 APDUs. `exchange` owns the ACK/NAK/ENQ/EOT handshake, `log` the masked
//! frame-log lines.

mod exchange;
pub(crate) mod log;
mod mechanism;

pub use log::describe_frame;

use crate::codec::crt310::{
    command_name, error_text, len16, p_char, parse_track_reply, split_p_len_data, Frame,
    ReaderStatus, MOVE_IC, P_FAIL, P_NO_CARD, P_OK, P_T1, P_WRONG_POS,
};
use crate::device::creator::{self, CreatorLink};
use crate::device::{Capabilities, Device, DeviceError, DriverSettings, Silent};
use crate::link::Transport;
use crate::model::{ChipPower, DeviceInfo, SwipeRead, TrackRead, TrackStatus};
use crate::trace::{Direction, FrameRecord, FrameSink};
use std::time::{Duration, Instant};

/// A reply from the reader: a normal frame or an abnormal (`N`) one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Normal(Frame),
    /// `N` response: the command and the error code E.
    Error {
        cm: u8,
        code: u8,
    },
}

/// Driver timing and retry settings.
#[derive(Clone, Debug)]
pub struct Crt310Config {
    /// Line speed, to allow the wire time of a frame on top of the timeouts.
    pub baud: u32,
    /// How long the reader may take to ACK/NAK a frame (after its wire time).
    pub ack_timeout: Duration,
    /// How long the reader may take to answer after ENQ (after the response's wire time).
    pub response_timeout: Duration,
    /// Resends after a NAK, a missing ACK or a response with a bad BCC.
    pub retries: u32,
    /// How often `read_swipe` asks for tracks while no card is in the reader.
    pub poll_interval: Duration,
}

impl Default for Crt310Config {
    fn default() -> Self {
        Crt310Config {
            baud: 9600,
            ack_timeout: Duration::from_millis(300),
            response_timeout: Duration::from_secs(3),
            retries: 3,
            poll_interval: Duration::from_millis(200),
        }
    }
}

/// The CRT-310 driver over any transport.
pub struct Crt310 {
    link: CreatorLink<Frame>,
    pub cfg: Crt310Config,
    /// Protocol of the powered card (from the reset status byte).
    t1: bool,
    /// The card inside has been read: the head reads only as the card goes in (manual
    /// §9.10, CRE-N §6.2), so the next swipe ejects it for the operator to insert it again.
    read_taken: bool,
}

/// A CRT-310 frame-log line (see [`describe_frame`]).
fn frame_record(link: &str, raw: &[u8], dir: Direction, request: Option<(u8, u8)>) -> FrameRecord {
    let (hex, ascii, layers) = describe_frame(raw, dir, request);
    FrameRecord::frame_text(link, dir, hex, ascii, layers)
}

impl Crt310 {
    pub fn new(t: Box<dyn Transport>, link: impl Into<String>) -> Crt310 {
        Crt310::with_config(t, link, Crt310Config::default())
    }

    pub fn with_config(
        t: Box<dyn Transport>,
        link: impl Into<String>,
        cfg: Crt310Config,
    ) -> Crt310 {
        Crt310 {
            link: CreatorLink::new(t, link.into(), frame_record),
            cfg,
            t1: false,
            read_taken: false,
        }
    }

    fn normal(&mut self, cm: u8, pm: u8, data: &[u8]) -> Result<Frame, DeviceError> {
        match self.command(cm, pm, data)? {
            Reply::Normal(f) => Ok(f),
            Reply::Error { cm: c, code } => Err(DeviceError::Protocol(format!(
                "reader refused {} ({c:02X}): E{code:02X} {}",
                command_name(cm, pm),
                error_text(code)
            ))),
        }
    }

    /// Reset (`pm` = 30 no eject, 31 eject front, 32 eject rear); returns the version string.
    pub fn reset(&mut self, pm: u8) -> Result<String, DeviceError> {
        let f = self.normal(0x30, pm, &[])?;
        self.read_taken = false;
        Ok(String::from_utf8_lossy(&f.data).trim().to_string())
    }

    pub fn serial_number(&mut self) -> Result<String, DeviceError> {
        let f = self.normal(0x30, 0x3A, &[])?;
        let d = match f.data.first() {
            Some(&P_OK) => &f.data[1..],
            _ => &f.data[..],
        };
        Ok(String::from_utf8_lossy(d).trim().to_string())
    }

    pub fn status(&mut self) -> Result<ReaderStatus, DeviceError> {
        let f = self.normal(0x31, 0x30, &[])?;
        Ok(ReaderStatus { raw: f.data })
    }

    /// IC power on / off; returns P.
    pub fn ic_power(&mut self, on: bool) -> Result<u8, DeviceError> {
        let f = self.normal(0x33, if on { 0x30 } else { 0x31 }, &[])?;
        Ok(f.data.first().copied().unwrap_or(P_FAIL))
    }

    /// Cold (`warm = false`) or warm reset: (P, ATR).
    pub fn cpu_reset(&mut self, warm: bool) -> Result<(u8, Vec<u8>), DeviceError> {
        let f = self.normal(0x37, if warm { 0x2F } else { 0x30 }, &[])?;
        let (p, atr) = split_p_len_data(&f.data);
        if p == P_OK || p == P_T1 {
            self.t1 = p == P_T1;
        }
        Ok((p, atr))
    }

    /// One APDU through `37 31` (T=0) or `37 32` (T=1): (P, R-APDU).
    pub fn apdu(&mut self, t1: bool, capdu: &[u8]) -> Result<(u8, Vec<u8>), DeviceError> {
        let mut data = Vec::with_capacity(capdu.len() + 2);
        data.extend_from_slice(&len16(capdu.len()));
        data.extend_from_slice(capdu);
        let f = self.normal(0x37, if t1 { 0x32 } else { 0x31 }, &data)?;
        Ok(split_p_len_data(&f.data))
    }

    /// Reads tracks: `ascii` mode, `selector` `30`..`37`. `Ok(Err(P))` when the reader reports
    /// no card (`45`), wrong position (`57`) or failure (`4E`) for the whole read.
    pub fn read_tracks(&mut self, selector: u8) -> Result<Result<SwipeRead, u8>, DeviceError> {
        let f = self.normal(0x45, 0x30, &[0x30, selector])?;
        Ok(parse_track_reply(&f.data, selector))
    }
}

/// The `crt310` profile's driver (see `device::open::PROFILES`).
pub fn driver(t: Box<dyn Transport>, s: &DriverSettings) -> Box<dyn Device> {
    Box::new(Crt310::with_config(
        t,
        s.link,
        Crt310Config {
            baud: s.baud,
            ..Crt310Config::default()
        },
    ))
}

/// A read the reader refused with an abnormal response (E=`06` a card of the wrong length,
/// E=`05`/`07` supply trouble): every track gets `E` and the code.
fn refused_swipe(code: u8) -> SwipeRead {
    failed_swipe_with(format!("E{code:02X}"))
}

/// A swipe that failed as a whole (reader status P other than "no card"): every track gets
/// the reader's error.
fn failed_swipe(p: u8) -> SwipeRead {
    failed_swipe_with(p_char(p))
}

fn failed_swipe_with(reader_status: String) -> SwipeRead {
    let status = TrackStatus::ReaderError(reader_status.clone());
    SwipeRead {
        tracks: [1u8, 2, 3]
            .iter()
            .map(|&track| TrackRead {
                track,
                status: status.clone(),
                fields: None,
            })
            .collect(),
        reader_status,
        track2: None,
    }
}

impl Device for Crt310 {
    fn profile(&self) -> &'static str {
        "crt310"
    }

    fn capabilities(&self) -> Capabilities {
        creator::CAPABILITIES
    }

    fn identify(&mut self) -> Result<DeviceInfo, DeviceError> {
        let version = self.reset(0x30)?;
        let serial = creator::optional_serial(self.serial_number())?;
        // The manual's SV is "CRT 310 V3.0" (§8.1.1); the frame log keeps it verbatim, the
        // identity uses the product name's spelling.
        let firmware = version.replace("CRT 310", "CRT-310");
        let model = firmware.split(" V").next().unwrap_or(&firmware).trim();
        Ok(DeviceInfo {
            profile: "crt310".into(),
            model: model.to_string(),
            firmware: firmware.clone(),
            serial,
        })
    }

    /// One insertion: the stripe is read as the motor pulls the card in, so a second read
    /// of the same card first ejects it to the front (`32 30`) for the operator to insert it
    /// again. A card of the wrong length (E=`06`) is a failed read, not a device error.
    fn read_swipe(&mut self, wait: Duration) -> Result<SwipeRead, DeviceError> {
        let until = Instant::now() + wait;
        if std::mem::take(&mut self.read_taken) {
            self.eject_for_reinsert()?;
        }
        loop {
            let read = match self.command(0x45, 0x30, &[0x30, 0x37])? {
                Reply::Normal(f) => parse_track_reply(&f.data, 0x37),
                Reply::Error { code, .. } => return Ok(refused_swipe(code)),
            };
            match read {
                Ok(r) => {
                    self.read_taken = true;
                    return Ok(r);
                }
                Err(P_NO_CARD) if Instant::now() + self.cfg.poll_interval < until => {
                    std::thread::sleep(self.cfg.poll_interval);
                }
                Err(P_NO_CARD) => {
                    return Err(DeviceError::Timeout {
                        what: "a card".into(),
                        after_ms: wait.as_millis() as u64,
                        silent: Silent::Operator,
                    })
                }
                Err(p) => return Ok(failed_swipe(p)),
            }
        }
    }

    /// Lands the contacts first (`32 2F`, manual §8.5): a CRT-310 powers the card only at
    /// the IC position (§8.6.1), then IC power on, cold reset, warm reset if mute.
    fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError> {
        match self.move_card(MOVE_IC)? {
            Reply::Normal(f) => match f.data.first().copied().unwrap_or(P_FAIL) {
                P_OK => {}
                p => return Ok(ChipPower::NoCard(p_char(p))),
            },
            Reply::Error { code, .. } => return Ok(ChipPower::NoCard(format!("E{code:02X}"))),
        }
        let p = self.ic_power(true)?;
        if p == P_NO_CARD || p == P_WRONG_POS {
            return Ok(ChipPower::NoCard(p_char(p)));
        }
        for warm in [false, true] {
            let (p, atr) = self.cpu_reset(warm)?;
            match p {
                P_OK | P_T1 if !atr.is_empty() => return Ok(ChipPower::Atr { atr, t1: p == P_T1 }),
                P_NO_CARD | P_WRONG_POS => return Ok(ChipPower::NoCard(p_char(p))),
                _ => self.link.note(crate::i18n::Text::tr(if warm {
                    "devices-note-no-atr-warm"
                } else {
                    "devices-note-no-atr-cold"
                })),
            }
        }
        Ok(ChipPower::Mute)
    }

    fn transmit(&mut self, capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
        // T=0 carries a case-4 command as case 3: the card's data comes back through 61xx /
        // GET RESPONSE (ISO 7816-3, EMV Book 1 §9.3.1.1), so the trailing Le is not sent.
        let capdu = match crate::codec::apdu::case4_without_le(capdu) {
            Some(case3) if !self.t1 => case3,
            _ => capdu,
        };
        let (p, r) = self.apdu(self.t1, capdu)?;
        match p {
            P_OK if r.len() >= 2 => Ok(r),
            P_OK => Err(DeviceError::Protocol("R-APDU shorter than SW1 SW2".into())),
            P_NO_CARD => Err(DeviceError::Protocol("no card in the reader (P=E)".into())),
            _ => Err(DeviceError::Timeout {
                what: format!("card answer to the APDU (reader P={})", p_char(p)),
                after_ms: 0,
                silent: Silent::Card,
            }),
        }
    }

    fn chip_power_off(&mut self) -> Result<(), DeviceError> {
        self.ic_power(false).map(|_| ())
    }

    fn card_done(&mut self, _pass: bool) -> Result<(), DeviceError> {
        self.reset(0x31).map(|_| ())
    }

    fn cancel(&mut self) -> Result<(), DeviceError> {
        self.eot().map(|_| ())
    }

    fn set_frame_sink(&mut self, sink: FrameSink) {
        self.link.set_sink(sink);
    }
}
