//! The MSR206 / MSR605 driver (protocols.md §2): implements [`Device`] over any [`Transport`]
//! with the sans-IO framer of `codec::msr605`; `receive` waits for one reply under a
//! per-frame deadline, `log` turns frames into masked frame-log lines.

mod log;
mod receive;
mod swipe_wait;

pub use log::{describe_command, describe_reply};

use crate::codec::msr605::MAX_FRAME;
use crate::codec::msr605::{cmd, model_text, swipe_from_reply, Expect, Presentation, Reply, ESC};
use crate::device::{Capabilities, Device, DeviceError, DriverSettings};
use crate::hexfmt::ascii_view;
use crate::i18n::Text;
use crate::link::Transport;
use crate::model::{ChipPower, DeviceInfo, SwipeRead};
use crate::trace::{Direction, FrameRecord, FrameSink, LinkEvent};
use std::io::Write;
use std::time::Duration;

/// How the driver reads a swipe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReadMode {
    /// `ESC m`: packed bit streams, decoded by the bench, so parity and LRC errors show per track.
    #[default]
    Raw,
    /// `ESC r`: the reader decodes; a bad track comes back empty with status `1B 31`.
    Iso,
}

/// The MSR605 driver. One worker thread owns it.
pub struct Msr605 {
    port: Option<Box<dyn Transport>>,
    link: String,
    sink: FrameSink,
    rx: Vec<u8>,
    baud: u32,
    mode: ReadMode,
    /// Time allowed for one frame once its first byte arrived.
    frame_timeout: Duration,
    /// Time allowed for the first byte of an answer to a non-blocking command.
    reply_timeout: Duration,
    /// The presented card's clean reads, to tell a byte damaged on the line from a misread.
    presentation: Presentation,
}

impl Msr605 {
    /// Wraps an open transport. `link` names it in the frame log; `baud` sizes frame deadlines.
    pub fn new(port: Box<dyn Transport>, link: impl Into<String>, baud: u32) -> Self {
        let baud = baud.max(300);
        // The longest frame's wire time plus slack for USB adapters and scheduling.
        let wire = Duration::from_nanos(MAX_FRAME as u64 * 10 * 1_000_000_000 / u64::from(baud));
        Msr605 {
            port: Some(port),
            link: link.into(),
            sink: crate::trace::null_sink(),
            rx: Vec::with_capacity(MAX_FRAME),
            baud,
            mode: ReadMode::Raw,
            frame_timeout: wire + Duration::from_millis(500),
            reply_timeout: Duration::from_millis(1000),
            presentation: Presentation::default(),
        }
    }

    pub fn set_read_mode(&mut self, mode: ReadMode) {
        self.mode = mode;
    }

    pub fn read_mode(&self) -> ReadMode {
        self.mode
    }

    pub fn baud(&self) -> u32 {
        self.baud
    }

    /// How long to wait for the first byte of the answer to a command that answers at once.
    pub fn set_reply_timeout(&mut self, t: Duration) {
        self.reply_timeout = t;
    }

    fn record(&self, dir: Direction, hex: String, ascii: String, layers: Vec<Text>) {
        (self.sink)(FrameRecord::frame_text(&self.link, dir, hex, ascii, layers));
    }

    /// A note about link trouble, typed with its event, in both languages.
    fn trouble(&self, event: LinkEvent, text: Text) {
        (self.sink)(FrameRecord::note_text(&self.link, text).with_event(event));
    }

    fn lost(&mut self, why: String) -> DeviceError {
        // The handle is closed at once: the next call fails fast instead of reading a dead fd.
        if self.port.take().is_some() {
            self.trouble(
                LinkEvent::DeviceLost,
                Text::tr_args("devices-msr605-note-lost", &[("why", why.as_str().into())]),
            );
        }
        DeviceError::Lost(why)
    }

    fn port(&mut self) -> Result<&mut Box<dyn Transport>, DeviceError> {
        self.port
            .as_mut()
            .ok_or_else(|| DeviceError::Lost("port closed after an earlier hang-up".into()))
    }

    /// Sends one command (ESC + byte + params) and logs it.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), DeviceError> {
        self.rx.clear();
        let r = self.port()?.write_all(bytes);
        if let Err(e) = r {
            return Err(self.lost(format!("write failed: {e}")));
        }
        let (hex, ascii, layers) = describe_command(bytes);
        self.record(Direction::Tx, hex, ascii, layers);
        Ok(())
    }

    /// Sends a command and waits for its reply.
    pub fn exchange(&mut self, bytes: &[u8], expect: Expect) -> Result<Reply, DeviceError> {
        self.send(bytes)?;
        let t = self.reply_timeout;
        self.receive(expect, t)
    }

    /// Drops what the port and the driver hold of the input.
    fn clear_input(&mut self) -> Result<(), DeviceError> {
        let r = self.port()?.clear_input();
        if let Err(e) = r {
            return Err(self.lost(format!("cannot clear input: {e}")));
        }
        self.rx.clear();
        Ok(())
    }

    /// `ESC a`: aborts a pending read and returns the reader to its idle state.
    pub fn reset(&mut self) -> Result<(), DeviceError> {
        self.send(&[ESC, cmd::RESET])?;
        // The reader answers nothing; give it a moment, then drop anything a cancelled read
        // may still have had in flight.
        std::thread::sleep(Duration::from_millis(20));
        self.clear_input()
    }

    /// Reads one swipe in the given mode and returns the block (or bare status).
    pub fn read_block(&mut self, mode: ReadMode, wait: Duration) -> Result<Reply, DeviceError> {
        let (c, expect) = match mode {
            ReadMode::Raw => (cmd::READ_RAW, Expect::RawBlock),
            ReadMode::Iso => (cmd::READ_ISO, Expect::IsoBlock),
        };
        self.await_swipe(&[ESC, c], expect, wait)
    }
}

/// The `msr605` profile's driver (see `device::open::PROFILES`).
pub fn driver(t: Box<dyn Transport>, s: &DriverSettings) -> Box<dyn Device> {
    let mut d = Msr605::new(t, s.link, s.baud);
    if s.msr605_iso {
        d.set_read_mode(ReadMode::Iso);
    }
    Box::new(d)
}

/// What an MSR605 can do: swipe only, by hand (the operator sets the card speed).
pub(crate) const CAPABILITIES: Capabilities = Capabilities {
    swipe: true,
    chip: false,
    host: false,
    motorised: false,
};

impl Device for Msr605 {
    fn profile(&self) -> &'static str {
        "msr605"
    }

    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    fn identify(&mut self) -> Result<DeviceInfo, DeviceError> {
        // Manual §8 initialisation: reset → communication test → reset. No fixed wait after
        // the first reset: the comm test's answer is what says the reader is ready (a reader
        // still busy after the reset is asked once more, after libmsr's 100 ms). Nothing is
        // in flight after that answer, so the second reset needs no wait either.
        self.presentation.next_card();
        self.reset()?;
        let first = match self.exchange(&[ESC, cmd::COMM_TEST], Expect::CommTest) {
            Err(DeviceError::Timeout { .. }) => None,
            r => Some(r?),
        };
        let answer = match first {
            Some(a) => a,
            None => {
                std::thread::sleep(Duration::from_millis(100));
                self.exchange(&[ESC, cmd::COMM_TEST], Expect::CommTest)?
            }
        };
        match answer {
            Reply::CommTestOk { .. } => {}
            other => {
                return Err(DeviceError::Protocol(format!(
                    "communication test answered {other:?}"
                )))
            }
        }
        self.send(&[ESC, cmd::RESET])?;
        let model = match self.exchange(&[ESC, cmd::MODEL], Expect::Model)? {
            Reply::Model(m) => format!("MSR605 model {}", model_text(m)),
            other => return Err(DeviceError::Protocol(format!("model: {other:?}"))),
        };
        let firmware = match self.exchange(&[ESC, cmd::FIRMWARE], Expect::Firmware)? {
            Reply::Firmware(f) => crate::sensitive::redact_text(&ascii_view(&f)),
            other => return Err(DeviceError::Protocol(format!("firmware: {other:?}"))),
        };
        Ok(DeviceInfo {
            profile: "msr605".into(),
            model,
            firmware,
            // The MSR206/605 command set has no serial-number command.
            serial: String::new(),
        })
    }

    fn read_swipe(&mut self, wait: Duration) -> Result<SwipeRead, DeviceError> {
        let mode = self.mode;
        let reply = self.read_block(mode, wait)?;
        let mut read = swipe_from_reply(&reply);
        self.presentation.check(&reply, &mut read);
        Ok(read)
    }

    fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError> {
        Err(DeviceError::Unsupported(
            "chip (the MSR605 has no IC contacts)",
        ))
    }

    fn transmit(&mut self, _capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
        Err(DeviceError::Unsupported(
            "APDU exchange (the MSR605 has no IC contacts)",
        ))
    }

    fn chip_power_off(&mut self) -> Result<(), DeviceError> {
        Err(DeviceError::Unsupported(
            "chip (the MSR605 has no IC contacts)",
        ))
    }

    fn card_done(&mut self, pass: bool) -> Result<(), DeviceError> {
        self.presentation.next_card();
        self.send(&[ESC, if pass { cmd::LED_GREEN } else { cmd::LED_RED }])
    }

    fn cancel(&mut self) -> Result<(), DeviceError> {
        self.reset()
    }

    /// A swipe reader has no "card present" state: the sensor test is armed for `wait` and
    /// a card passing the sensor in that time counts as present.
    fn card_presence(&mut self, wait: Duration) -> Result<Option<bool>, DeviceError> {
        self.sense_card(wait).map(Some)
    }

    fn set_frame_sink(&mut self, sink: FrameSink) {
        self.sink = sink;
    }
}
