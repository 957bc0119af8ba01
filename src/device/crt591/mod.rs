//! The Creator CRT-591 driver (CRT-591-M001 communication protocol, "M591"): implements
//! [`Device`] over any [`Transport`] with the sans-IO frames of `codec::crt591` — INIT first,
//! card entry through the gate, CPU reset and APDUs at the IC position, the R02's magstripe
//! read. `exchange` owns the ACK / host-ACK handshake, `log` the masked frame-log lines.

mod exchange;
mod log;

pub use log::describe_frame;

use crate::codec::crt591::{
    command_name, error_text, parse_track_buffer, Frame, E_NOT_RESET, ST0_GATE, ST0_IC,
};
use crate::device::creator::{self, CreatorLink};
use crate::device::{Capabilities, Device, DeviceError, DriverSettings, Silent};
use crate::link::Transport;
use crate::model::{ChipPower, DeviceInfo, SwipeRead};
use crate::trace::{Direction, FrameRecord, FrameSink};
use std::time::{Duration, Instant};

/// Driver timing and retry settings (M591 §1.4: 300 ms for the ACK).
#[derive(Clone, Debug)]
pub struct Crt591Config {
    pub baud: u32,
    /// The reader's address (DIP switches, M591 §1.3; factory default 0).
    pub addr: u8,
    pub ack_timeout: Duration,
    pub response_timeout: Duration,
    pub retries: u32,
    /// How often a wait for a card asks for the status.
    pub poll_interval: Duration,
}

impl Default for Crt591Config {
    fn default() -> Self {
        Crt591Config {
            baud: 9600,
            addr: 0,
            ack_timeout: Duration::from_millis(300),
            response_timeout: Duration::from_secs(3),
            retries: 3,
            poll_interval: Duration::from_millis(100),
        }
    }
}

/// The CRT-591 driver over any transport.
pub struct Crt591 {
    link: CreatorLink<Frame>,
    pub cfg: Crt591Config,
    /// The card at the station has been read; the next read needs a new insertion.
    read_taken: bool,
    /// Card entry through the gate is enabled (INIT disables it, M591 §3.1.1).
    entry_enabled: bool,
}

/// A CRT-591 frame-log line (see [`describe_frame`]; a reply needs no request to place it).
fn frame_record(link: &str, raw: &[u8], dir: Direction, _: Option<(u8, u8)>) -> FrameRecord {
    let (hex, ascii, layers) = describe_frame(raw, dir);
    FrameRecord::frame(link, dir, hex, ascii, layers)
}

impl Crt591 {
    pub fn with_config(
        t: Box<dyn Transport>,
        link: impl Into<String>,
        cfg: Crt591Config,
    ) -> Crt591 {
        Crt591 {
            link: CreatorLink::new(t, link.into(), frame_record),
            cfg,
            read_taken: false,
            entry_enabled: false,
        }
    }

    /// A command whose negative reply is an error. A reader that lost power answers `B0`
    /// (not initialised): INIT, then the command once more.
    pub fn positive(&mut self, cm: u8, pm: u8, data: &[u8]) -> Result<Frame, DeviceError> {
        let mut f = self.command(cm, pm, data)?;
        if cm != 0x30 && f.error_code().as_deref() == Some("B0") {
            let text = crate::i18n::Text::tr("devices-crt591-note-b0");
            self.link.note(text);
            self.init()?;
            f = self.command(cm, pm, data)?;
        }
        match f.error_code() {
            None => Ok(f),
            Some(code) => Err(DeviceError::Protocol(format!(
                "reader refused {} ({:02X} {:02X}): e={code} {}",
                command_name(cm, pm),
                cm,
                pm,
                error_text(&code)
            ))),
        }
    }

    /// INIT, leaving a card where it is (`30 33`, M591 §3.1.1); returns the Rev_type text.
    /// It must be the first command after power-on and it disables card entry.
    pub fn init(&mut self) -> Result<String, DeviceError> {
        let f = self.command(0x30, 0x33, &[])?;
        if let Some(code) = f.error_code() {
            return Err(DeviceError::Protocol(format!("INIT refused: e={code}")));
        }
        self.entry_enabled = false;
        Ok(String::from_utf8_lossy(f.payload()).trim().to_string())
    }

    /// Status `31 30`: st0 st1 st2 (M591 §2.1.2).
    pub fn status(&mut self) -> Result<[u8; 3], DeviceError> {
        let f = self.positive(0x31, 0x30, &[])?;
        f.status()
            .ok_or_else(|| DeviceError::Protocol("status reply without st0 st1 st2".into()))
    }

    /// Waits up to `wait` for a card at the RF/IC position: enables entry through the gate
    /// (`33 30`), carries a card at the gate in (`32 31`), and polls the status.
    fn card_at_station(&mut self, wait: Duration) -> Result<bool, DeviceError> {
        let until = Instant::now() + wait;
        if !self.entry_enabled {
            self.positive(0x33, 0x30, &[])?;
            self.entry_enabled = true;
        }
        loop {
            match self.status()?[0] {
                ST0_IC => return Ok(true),
                ST0_GATE => {
                    self.positive(0x32, 0x31, &[])?;
                }
                _ if Instant::now() + self.cfg.poll_interval < until => {
                    std::thread::sleep(self.cfg.poll_interval)
                }
                _ => return Ok(false),
            }
        }
    }

    /// CPU cold (`51 30`, Vcc `30` = 5 V EMV) or warm (`51 38`) reset: Type and ATR, or
    /// the error code.
    pub fn cpu_reset(
        &mut self,
        warm: bool,
    ) -> Result<Result<(bool, Vec<u8>), String>, DeviceError> {
        let f = if warm {
            self.positive_or_code(0x51, 0x38, &[])?
        } else {
            self.positive_or_code(0x51, 0x30, &[0x30])?
        };
        Ok(f.map(|f| {
            let p = f.payload();
            (p.first() == Some(&b'1'), p.get(1..).unwrap_or(&[]).to_vec())
        }))
    }

    /// A command whose negative reply is a result (kept verbatim), not an error.
    fn positive_or_code(
        &mut self,
        cm: u8,
        pm: u8,
        data: &[u8],
    ) -> Result<Result<Frame, String>, DeviceError> {
        let f = self.command(cm, pm, data)?;
        Ok(match f.error_code() {
            None => Ok(f),
            Some(code) => Err(code),
        })
    }
}

/// The `crt591` profile's driver (see `device::open::PROFILES`).
pub fn driver(t: Box<dyn Transport>, s: &DriverSettings) -> Box<dyn Device> {
    let cfg = Crt591Config {
        baud: s.baud,
        ..Crt591Config::default()
    };
    Box::new(Crt591::with_config(t, s.link, cfg))
}

impl Device for Crt591 {
    fn profile(&self) -> &'static str {
        "crt591"
    }

    fn capabilities(&self) -> Capabilities {
        creator::CAPABILITIES
    }

    fn identify(&mut self) -> Result<DeviceInfo, DeviceError> {
        let firmware = self.init()?;
        let serial = self.positive(0xA2, 0x30, &[]);
        let serial = serial.map(|f| String::from_utf8_lossy(f.payload()).trim().to_string());
        let serial = creator::optional_serial(serial)?;
        let model = firmware.get(..7).unwrap_or("CRT-591").to_string();
        Ok(DeviceInfo {
            profile: "crt591".into(),
            model,
            firmware,
            serial,
        })
    }

    /// One insertion: a card already read goes back to the gate (`32 30`) for the operator
    /// to insert again; then the R02's track read `36 37` at the station.
    fn read_swipe(&mut self, wait: Duration) -> Result<SwipeRead, DeviceError> {
        if std::mem::take(&mut self.read_taken) {
            self.positive(0x32, 0x30, &[])?;
            let text = crate::i18n::Text::tr("devices-crt591-note-gate");
            self.link.note(text);
        }
        if !self.card_at_station(wait)? {
            return Err(DeviceError::Timeout {
                what: "a card".into(),
                after_ms: wait.as_millis() as u64,
                silent: Silent::Operator,
            });
        }
        let f = self.command(0x36, 0x37, &[])?;
        self.read_taken = true;
        Ok(match f.error_code() {
            Some(code) if f.payload().is_empty() => {
                let mut r = parse_track_buffer(b"E0~E0~E0");
                r.reader_status = format!("N{code}");
                r
            }
            _ => parse_track_buffer(f.payload()),
        })
    }

    fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError> {
        if !self.card_at_station(Duration::from_secs(1))? {
            return Ok(ChipPower::NoCard("st0=0".into()));
        }
        for warm in [false, true] {
            match self.cpu_reset(warm)? {
                Ok((t1, atr)) if !atr.is_empty() => return Ok(ChipPower::Atr { atr, t1 }),
                Ok(_) => {}
                Err(code) if code == String::from_utf8_lossy(&E_NOT_RESET) => {
                    return Ok(ChipPower::NoCard(format!("e={code}")))
                }
                Err(code) => {
                    let text = crate::i18n::Text::tr_each("devices-crt591-note-no-atr", |lang| {
                        let meaning = crate::codec::crt591::error_text_in(&code, lang);
                        vec![("code", code.as_str().into()), ("meaning", meaning.into())]
                    });
                    self.link.note(text)
                }
            }
        }
        Ok(ChipPower::Mute)
    }

    fn transmit(&mut self, capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
        match self.positive_or_code(0x51, 0x39, capdu)? {
            Ok(f) if f.payload().len() >= 2 => Ok(f.payload().to_vec()),
            Ok(_) => Err(DeviceError::Protocol("R-APDU shorter than SW1 SW2".into())),
            Err(code) => Err(DeviceError::Timeout {
                what: format!("card answer to the APDU (e={code} {})", error_text(&code)),
                after_ms: 0,
                silent: Silent::Card,
            }),
        }
    }

    fn chip_power_off(&mut self) -> Result<(), DeviceError> {
        self.positive_or_code(0x51, 0x31, &[]).map(|_| ())
    }

    /// The card leaves through the gate (`32 39`).
    fn card_done(&mut self, _pass: bool) -> Result<(), DeviceError> {
        self.read_taken = false;
        self.positive_or_code(0x32, 0x39, &[]).map(|_| ())
    }

    fn cancel(&mut self) -> Result<(), DeviceError> {
        self.eot().map(|_| ())
    }

    fn set_frame_sink(&mut self, sink: FrameSink) {
        self.link.set_sink(sink);
    }
}
