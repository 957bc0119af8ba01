//! The CRT-310 driver's mechanism commands (manual §8): card moves, card entry control, stop
//! position, sensor status, the shutter LED, and the baud change that switches the host's
//! own line speed after the reply.

use super::{Crt310, Reply};
use crate::codec::crt310::{baud_code, Frame, MOVE_FRONT, P_FAIL, P_OK};
use crate::device::DeviceError;
use crate::i18n::Text;

impl Crt310 {
    /// `32 Pm` move card (§8.5 p.11): `2E` inside (RF), `2F` inside with the IC contacts
    /// landed, `30` front (eject), `31` front held, `32` rear held, `33` rear (capture),
    /// `34` abnormal card out at the rear. The reply's P, or the abnormal response.
    pub fn move_card(&mut self, pm: u8) -> Result<Reply, DeviceError> {
        self.command(0x32, pm, &[])
    }

    /// Ejects the card that was read to the front for the operator to insert it again: on a
    /// motorised reader that is how the head reads a card a second time.
    pub(super) fn eject_for_reinsert(&mut self) -> Result<(), DeviceError> {
        let p = match self.move_card(MOVE_FRONT)? {
            Reply::Normal(f) => f.data.first().copied().unwrap_or(P_FAIL),
            Reply::Error { code, .. } => code,
        };
        let p = crate::codec::crt310::p_char(p);
        self.link.note(Text::tr_args(
            "devices-crt310-note-ejected",
            &[("p", p.as_str().into())],
        ));
        Ok(())
    }

    /// `2F Pm1 Pm2` card entry control (§8.2.1 p.8): `front` `31` prohibit, `32` magnetic
    /// card, `33` switch, `34` magnetic signal; `rear_allowed`. Returns the reply's S byte,
    /// which the manual prints as `N` = success (probably a typo for `Y`): both are answers.
    pub fn entry_control(&mut self, front: u8, rear_allowed: bool) -> Result<u8, DeviceError> {
        let rear = if rear_allowed { 0x30 } else { 0x31 };
        let f = self.normal(0x2F, front, &[rear])?;
        Ok(f.data.get(1).copied().unwrap_or(P_FAIL))
    }

    /// `2E Pm` stop position (§8.2.2 p.8): where the next card stops after entry (`33` =
    /// inside with the IC contacts landed). Returns P.
    pub fn stop_position(&mut self, pm: u8) -> Result<u8, DeviceError> {
        let f = self.normal(0x2E, pm, &[])?;
        Ok(f.data.first().copied().unwrap_or(P_FAIL))
    }

    /// Sensor status: `31 2E` (V3, §8.3.3: PSS0..PSS5 CTSW KSW, 8 bytes) when `v3`, else
    /// `31 2F` (V2-compatible, §8.3.2: PSS1..PSS5 CTSW KSW, 7 bytes). Bytes verbatim.
    pub fn sensors(&mut self, v3: bool) -> Result<Vec<u8>, DeviceError> {
        Ok(self.normal(0x31, if v3 { 0x2E } else { 0x2F }, &[])?.data)
    }

    /// Shutter LED on / off (`46 30` / `46 31`, §8.7.1 p.13). Returns P.
    pub fn led(&mut self, on: bool) -> Result<u8, DeviceError> {
        let f = self.normal(0x46, if on { 0x30 } else { 0x31 }, &[])?;
        Ok(f.data.first().copied().unwrap_or(P_FAIL))
    }

    /// LED twinkle `49 Pm1 Pm2` (§8.7.2 p.13): on and off times as the manual's units.
    /// Returns P.
    pub fn led_twinkle(&mut self, on: u8, off: u8) -> Result<u8, DeviceError> {
        let f = self.normal(0x49, on, &[off])?;
        Ok(f.data.get(1).copied().unwrap_or(P_FAIL))
    }

    /// Baud change `34 Pm` (§8.8 p.13–14): the reader answers at the old rate and then
    /// switches (and keeps the rate in its EEPROM); the host switches its own port after the
    /// reply. Only the manual's rates, 1200 to 38400, exist.
    pub fn set_baud(&mut self, baud: u32) -> Result<(), DeviceError> {
        let code = baud_code(baud).ok_or_else(|| {
            DeviceError::Protocol(format!(
                "the CRT-310 has no {baud} baud rate (manual §8.8: 1200 to 38400)"
            ))
        })?;
        let f: Frame = self.normal(0x34, code, &[])?;
        let p = f.data.first().copied().unwrap_or(P_FAIL);
        if p != P_OK {
            return Err(DeviceError::Protocol(format!(
                "baud change refused (P={})",
                crate::codec::crt310::p_char(p)
            )));
        }
        self.link.t.set_baud(baud).map_err(|e| self.link.io(e))?;
        self.cfg.baud = baud;
        self.link
            .note(Text::tr_args("devices-note-baud", &[("baud", baud.into())]));
        Ok(())
    }
}
