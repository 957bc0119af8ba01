//! MSR605 commands that answer only after a card passes the head (read, write, erase, sensor
//! test; manual §6 #2/#3/#10/#14/#16/#17, §8), each under a host-side wait that cancels the
//! armed reader with a reset, and the Hi-Co / Lo-Co setting (§6 #21–#23).

use super::{Msr605, ReadMode};
use crate::codec::msr605::{
    cmd, status, status_text, write_command, Coercivity, Expect, Reply, ESC,
};
use crate::device::{DeviceError, Silent};
use std::time::Duration;

impl Msr605 {
    /// Sends a command that the reader answers only after a swipe and waits up to `wait` for
    /// the reply. A timeout or a broken reply leaves the reader armed: it is reset so the next
    /// command is heard. The manual gives the reader no timeout of its own, so the host's
    /// `wait` is the only one.
    pub(super) fn await_swipe(
        &mut self,
        command: &[u8],
        expect: Expect,
        wait: Duration,
    ) -> Result<Reply, DeviceError> {
        self.clear_input()?;
        self.send(command)?;
        match self.receive(expect, wait) {
            Err(e @ DeviceError::Timeout { .. }) | Err(e @ DeviceError::Protocol(_)) => {
                self.reset()?;
                Err(e)
            }
            r => r,
        }
    }

    /// The status a write-like command answered after the swipe; a timeout says no card came.
    fn swipe_status(
        &mut self,
        command: &[u8],
        wait: Duration,
        what: &str,
    ) -> Result<u8, DeviceError> {
        match self.await_swipe(command, Expect::Status, wait) {
            Ok(Reply::Status(s)) => Ok(s),
            Ok(other) => Err(DeviceError::Protocol(format!("{what}: {other:?}"))),
            Err(DeviceError::Timeout { after_ms, .. }) => Err(DeviceError::Timeout {
                what: format!("a card swiped to {what} (reader reset)"),
                after_ms,
                silent: Silent::Operator,
            }),
            Err(e) => Err(e),
        }
    }

    /// Writes the tracks on the next card swiped within `wait` (`ESC w` ISO / `ESC n` raw,
    /// manual §6 #3/#17) and returns the reader's status byte (`30` written; `31` write error,
    /// `39` card moved wrongly, … see `status_text`). `None` or empty leaves a track as it
    /// is. ISO tracks are characters (sentinels optional); raw tracks are bytes as the
    /// reader writes them, packed LSB-first as msrx sends them (a raw *read* returns them
    /// bit-reversed, MSB-first). No swipe within `wait`: `Timeout` (`Silent::Operator`).
    pub fn write_tracks(
        &mut self,
        mode: ReadMode,
        tracks: [Option<&[u8]>; 3],
        wait: Duration,
    ) -> Result<u8, DeviceError> {
        let command = write_command(mode == ReadMode::Raw, tracks);
        self.swipe_status(&command, wait, "write")
    }

    /// Erases the chosen tracks (track 1, 2, 3) on the next card swiped within `wait`
    /// (`ESC c sel`, manual §6 #14, sel as a bit mask as msrx sends it); returns the status.
    pub fn erase(&mut self, tracks: [bool; 3], wait: Duration) -> Result<u8, DeviceError> {
        let sel = tracks
            .iter()
            .enumerate()
            .fold(0u8, |m, (i, &t)| if t { m | 1 << i } else { m });
        if sel == 0 {
            return Err(DeviceError::Protocol("erase: no track chosen".into()));
        }
        self.swipe_status(&[ESC, cmd::ERASE, sel], wait, "erase")
    }

    /// Sensor test (`ESC 86`, manual §6 #10): `true` when a card passes the sensor within
    /// `wait`, `false` when none does (the reader is then reset: it would wait forever).
    pub fn sense_card(&mut self, wait: Duration) -> Result<bool, DeviceError> {
        match self.swipe_status(&[ESC, cmd::SENSOR_TEST], wait, "sense") {
            Ok(status::OK) => Ok(true),
            Ok(s) => Err(DeviceError::Protocol(format!(
                "sensor test answered 1B {s:02X} ({})",
                status_text(s)
            ))),
            Err(DeviceError::Timeout { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The coercivity the reader writes with (`ESC d`; accepts `h`/`l` and the manual's
    /// `H`/`L`).
    pub fn coercivity(&mut self) -> Result<Coercivity, DeviceError> {
        match self.exchange(&[ESC, cmd::GET_COERCIVITY], Expect::Coercivity)? {
            Reply::Coercivity(c) => Ok(c),
            other => Err(DeviceError::Protocol(format!("Hi/Lo-Co: {other:?}"))),
        }
    }

    /// Selects Hi-Co (`ESC x`) or Lo-Co (`ESC y`); the reader answers `ESC 0`.
    pub fn set_coercivity(&mut self, c: Coercivity) -> Result<(), DeviceError> {
        match self.exchange(&[ESC, c.set_command()], Expect::Status)? {
            Reply::Status(status::OK) => Ok(()),
            Reply::Status(s) => Err(DeviceError::Protocol(format!(
                "set {c:?} coercivity answered 1B {s:02X} ({})",
                status_text(s)
            ))),
            other => Err(DeviceError::Protocol(format!("set coercivity: {other:?}"))),
        }
    }
}
