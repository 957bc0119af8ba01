//! ISO/IEC 7816-4 APDUs (protocols.md §4.2–4.3): command and response split, INS names, the
//! status-word catalogue, a sans-IO T=0 exchange (procedure bytes, 61xx, 6Cxx) and an
//! APDU-level GET RESPONSE / resend helper for readers that hide T=0.

use super::{DecodeError, DecodeErrorKind};
use nom::Parser;
use serde::Serialize;
use std::fmt;

const LAYER: &str = "apdu";

/// A command APDU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Command {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    /// Command data (its length is Lc).
    pub data: Vec<u8>,
    /// Expected response length; 256 (short) or 65536 (extended) for an Le of zero.
    pub le: Option<usize>,
    /// Whether the lengths are in the extended (3-byte / 2-byte) form.
    pub extended: bool,
}

impl Command {
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8, data: &[u8], le: Option<usize>) -> Self {
        Command {
            cla,
            ins,
            p1,
            p2,
            data: data.to_vec(),
            le,
            extended: false,
        }
    }

    /// ISO 7816-3 case 1–4.
    pub fn case(&self) -> u8 {
        match (self.data.is_empty(), self.le.is_some()) {
            (true, false) => 1,
            (true, true) => 2,
            (false, false) => 3,
            (false, true) => 4,
        }
    }

    pub fn lc(&self) -> Option<usize> {
        (!self.data.is_empty()).then_some(self.data.len())
    }

    /// The name of the instruction, when known.
    pub fn ins_name(&self) -> Option<&'static str> {
        ins_name(self.cla, self.ins)
    }

    /// Serialises the APDU (short form unless `extended` or a length needs it).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = vec![self.cla, self.ins, self.p1, self.p2];
        let ext = self.extended || self.data.len() > 255 || self.le.is_some_and(|l| l > 256);
        if ext {
            if !self.data.is_empty() {
                let n = self.data.len().min(65535);
                v.extend([0, (n >> 8) as u8, n as u8]);
                v.extend_from_slice(&self.data[..n]);
            }
            if let Some(le) = self.le {
                if self.data.is_empty() {
                    v.push(0);
                }
                let le = if le >= 65536 { 0 } else { le };
                v.extend([(le >> 8) as u8, le as u8]);
            }
        } else {
            if !self.data.is_empty() {
                v.push(self.data.len() as u8);
                v.extend_from_slice(&self.data);
            }
            if let Some(le) = self.le {
                v.push(if le >= 256 { 0 } else { le as u8 });
            }
        }
        v
    }
}

/// A response APDU.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw1: u8,
    pub sw2: u8,
}

impl Response {
    pub fn sw(&self) -> u16 {
        u16::from(self.sw1) << 8 | u16::from(self.sw2)
    }

    pub fn is_ok(&self) -> bool {
        self.sw1 == 0x90 && self.sw2 == 0x00
    }

    pub fn sw_info(&self) -> SwInfo {
        sw_info(self.sw1, self.sw2)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = self.data.clone();
        v.extend([self.sw1, self.sw2]);
        v
    }
}

/// Parses a command APDU (short or extended lengths, ISO 7816-4 §5.1).
pub fn parse_command(b: &[u8]) -> Result<Command, DecodeError> {
    use nom::number::complete::u8 as byte;
    let (body, (cla, ins, p1, p2)) =
        (byte, byte, byte, byte)
            .parse(b)
            .map_err(|_: nom::Err<nom::error::Error<&[u8]>>| {
                DecodeError::truncated(LAYER, b.len(), "a 4-byte header CLA INS P1 P2")
            })?;
    let mut c = Command::new(cla, ins, p1, p2, &[], None);
    match body.len() {
        0 => {}
        1 => {
            c.le = Some(if body[0] == 0 {
                256
            } else {
                usize::from(body[0])
            })
        }
        _ if body[0] != 0 => {
            let lc = usize::from(body[0]);
            match body.len() {
                n if n == 1 + lc => c.data = body[1..].to_vec(),
                n if n == 2 + lc => {
                    c.data = body[1..1 + lc].to_vec();
                    let le = body[1 + lc];
                    c.le = Some(if le == 0 { 256 } else { usize::from(le) });
                }
                n if n < 1 + lc => {
                    return Err(DecodeError::truncated(
                        LAYER,
                        b.len(),
                        format!("{lc} data bytes (Lc) after offset 5"),
                    ))
                }
                _ => {
                    return Err(DecodeError::new(
                        LAYER,
                        DecodeErrorKind::TooLong,
                        4 + 2 + lc,
                        format!("end of APDU after Lc={lc} data bytes and at most one Le byte"),
                    ))
                }
            }
        }
        // Extended: body[0] == 0 and at least 2 more bytes.
        2 => {
            return Err(DecodeError::invalid(
                LAYER,
                4,
                "one Le byte, or Lc (1 byte non-zero or 3 bytes 00 xx xx) and data",
            ))
        }
        _ => {
            c.extended = true;
            let n = usize::from(body[1]) << 8 | usize::from(body[2]);
            if body.len() == 3 {
                c.le = Some(if n == 0 { 65536 } else { n });
            } else {
                if n == 0 {
                    return Err(DecodeError::invalid(
                        LAYER,
                        5,
                        "extended Lc other than 0000",
                    ));
                }
                let rest = &body[3..];
                match rest.len() {
                    x if x == n => c.data = rest.to_vec(),
                    x if x == n + 2 => {
                        c.data = rest[..n].to_vec();
                        let le = usize::from(rest[n]) << 8 | usize::from(rest[n + 1]);
                        c.le = Some(if le == 0 { 65536 } else { le });
                    }
                    x if x < n => {
                        return Err(DecodeError::truncated(
                            LAYER,
                            b.len(),
                            format!("{n} data bytes (extended Lc)"),
                        ))
                    }
                    _ => {
                        return Err(DecodeError::new(
                            LAYER,
                            DecodeErrorKind::TooLong,
                            7 + n,
                            "end of APDU or a 2-byte extended Le",
                        ))
                    }
                }
            }
        }
    }
    Ok(c)
}

/// Parses a response APDU: data then SW1 SW2.
pub fn parse_response(b: &[u8]) -> Result<Response, DecodeError> {
    if b.len() < 2 {
        return Err(DecodeError::truncated(LAYER, b.len(), "SW1 SW2"));
    }
    let (data, sw) = b.split_at(b.len() - 2);
    Ok(Response {
        data: data.to_vec(),
        sw1: sw[0],
        sw2: sw[1],
    })
}

/// Broad class of a status word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SwClass {
    /// 9000 (and 61xx at TPDU level: more data is waiting).
    Success,
    /// 61xx / 6Cxx: a transport instruction (GET RESPONSE / resend with Le).
    Transport,
    /// 62xx / 63xx: processed with a warning.
    Warning,
    /// 64xx–6Fxx: execution or checking error.
    Error,
    /// Other 9xxx: application-specific.
    Proprietary,
    /// Not a valid SW1.
    Invalid,
}

impl SwClass {
    pub fn as_str(self) -> &'static str {
        match self {
            SwClass::Success => "success",
            SwClass::Transport => "transport",
            SwClass::Warning => "warning",
            SwClass::Error => "error",
            SwClass::Proprietary => "proprietary",
            SwClass::Invalid => "invalid",
        }
    }
}

/// Meaning of a status word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SwInfo {
    pub text: String,
    pub class: SwClass,
}

impl fmt::Display for SwInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The status-word catalogue (ISO 7816-4 with EMV usage, §4.3). Unknown words are kept
/// verbatim in the text.
pub fn sw_info(sw1: u8, sw2: u8) -> SwInfo {
    use SwClass::*;
    let (text, class): (String, SwClass) = match (sw1, sw2) {
        (0x90, 0x00) => ("success".into(), Success),
        (0x61, n) => (
            format!(
                "{} more bytes available: send GET RESPONSE (00 C0 00 00 {n:02X})",
                if n == 0 { 256 } else { usize::from(n) }
            ),
            Transport,
        ),
        (0x6C, n) => (
            format!(
                "wrong Le: resend with Le={n:02X} ({} bytes available)",
                if n == 0 { 256 } else { usize::from(n) }
            ),
            Transport,
        ),
        (0x62, 0x00) => (
            "warning: state of non-volatile memory unchanged".into(),
            Warning,
        ),
        (0x62, 0x81) => (
            "warning: part of returned data may be corrupted".into(),
            Warning,
        ),
        (0x62, 0x82) => (
            "warning: end of file or record reached before Le bytes".into(),
            Warning,
        ),
        (0x62, 0x83) => (
            "selected file deactivated (EMV SELECT: application blocked)".into(),
            Warning,
        ),
        (0x62, 0x84) => ("FCI not formatted according to ISO 7816-4".into(), Warning),
        (0x62, 0x85) => ("selected file in termination state".into(), Warning),
        (0x63, 0x00) => (
            "warning: verification failed (EXTERNAL AUTHENTICATE: authentication failed)".into(),
            Warning,
        ),
        (0x63, 0x81) => ("warning: file filled up by the last write".into(), Warning),
        (0x63, n) if n & 0xF0 == 0xC0 => (
            format!(
                "verification failed, {} tr{} left",
                n & 0x0F,
                if n & 0x0F == 1 { "y" } else { "ies" }
            ),
            Warning,
        ),
        (0x64, 0x00) => (
            "execution error: state of non-volatile memory unchanged".into(),
            Error,
        ),
        (0x65, 0x00) => (
            "execution error: state of non-volatile memory changed".into(),
            Error,
        ),
        (0x65, 0x81) => ("memory failure (card hardware fault)".into(), Error),
        (0x67, 0x00) => ("wrong length".into(), Error),
        (0x68, 0x00) => ("functions in CLA not supported".into(), Error),
        (0x68, 0x81) => ("logical channel not supported".into(), Error),
        (0x68, 0x82) => ("secure messaging not supported".into(), Error),
        (0x68, 0x83) => ("last command of the chain expected".into(), Error),
        (0x68, 0x84) => ("command chaining not supported".into(), Error),
        (0x69, 0x00) => ("command not allowed".into(), Error),
        (0x69, 0x81) => ("command incompatible with file structure".into(), Error),
        (0x69, 0x82) => ("security status not satisfied".into(), Error),
        (0x69, 0x83) => ("authentication method blocked (PIN blocked)".into(), Error),
        (0x69, 0x84) => ("reference data not usable".into(), Error),
        (0x69, 0x85) => (
            "conditions of use not satisfied (EMV GPO: drop this application and reselect)".into(),
            Error,
        ),
        (0x69, 0x86) => ("command not allowed: no current EF".into(), Error),
        (0x69, 0x87) => (
            "expected secure-messaging data objects missing".into(),
            Error,
        ),
        (0x69, 0x88) => ("incorrect secure-messaging data objects".into(), Error),
        (0x6A, 0x00) => ("wrong parameters P1-P2".into(), Error),
        (0x6A, 0x80) => ("incorrect data field".into(), Error),
        (0x6A, 0x81) => (
            "function not supported (EMV SELECT PSE: card blocked)".into(),
            Error,
        ),
        (0x6A, 0x82) => ("file or application not found".into(), Error),
        (0x6A, 0x83) => ("record not found".into(), Error),
        (0x6A, 0x84) => ("not enough memory space in the file".into(), Error),
        (0x6A, 0x85) => ("Nc inconsistent with TLV structure".into(), Error),
        (0x6A, 0x86) => ("incorrect parameters P1-P2".into(), Error),
        (0x6A, 0x87) => ("Nc inconsistent with P1-P2".into(), Error),
        (0x6A, 0x88) => ("referenced data not found".into(), Error),
        (0x6B, 0x00) => ("wrong parameters P1-P2".into(), Error),
        (0x6D, 0x00) => ("instruction code not supported".into(), Error),
        (0x6E, 0x00) => ("class not supported".into(), Error),
        (0x6F, 0x00) => ("no precise diagnosis (card OS error)".into(), Error),
        (0x62, n) => (format!("warning (state unchanged), SW2={n:02X}"), Warning),
        (0x63, n) => (format!("warning (state changed), SW2={n:02X}"), Warning),
        (0x64..=0x6F, _) => (
            format!("error {sw1:02X}{sw2:02X} (not in the catalogue)"),
            Error,
        ),
        (0x90..=0x9F, _) => (
            format!("{sw1:02X}{sw2:02X} (application-specific status, not in the catalogue)"),
            Proprietary,
        ),
        _ => (
            format!("{sw1:02X}{sw2:02X}: not a valid status word"),
            Invalid,
        ),
    };
    SwInfo { text, class }
}

/// Name of an instruction byte. Some names depend on the proprietary class (CLA 8x).
pub fn ins_name(cla: u8, ins: u8) -> Option<&'static str> {
    let proprietary = cla & 0x80 != 0;
    Some(match ins {
        0xA4 => "SELECT",
        0xB2 => "READ RECORD",
        0xB0 => "READ BINARY",
        0xC0 => "GET RESPONSE",
        0xA8 if proprietary => "GET PROCESSING OPTIONS",
        0xAE if proprietary => "GENERATE AC",
        0xCA => "GET DATA",
        0x20 => "VERIFY",
        0x24 => "CHANGE REFERENCE DATA",
        0x84 => "GET CHALLENGE",
        0x88 => "INTERNAL AUTHENTICATE",
        0x82 => "EXTERNAL AUTHENTICATE",
        0x1E if proprietary => "APPLICATION BLOCK",
        0x18 if proprietary => "APPLICATION UNBLOCK",
        0x16 if proprietary => "CARD BLOCK",
        0x2A => "PERFORM SECURITY OPERATION",
        0xD6 => "UPDATE BINARY",
        0xDC => "UPDATE RECORD",
        0xE2 => "APPEND RECORD",
        0x70 => "MANAGE CHANNEL",
        0x22 => "MANAGE SECURITY ENVIRONMENT",
        0x0E => "ERASE BINARY",
        0x44 => "ACTIVATE FILE",
        0x04 => "DEACTIVATE FILE",
        0x50 if proprietary => "INITIALIZE UPDATE",
        0x5C if proprietary => "GET BALANCE (PBOC)",
        _ => return None,
    })
}

/// Whether the command data of this instruction is secret (PIN blocks): never display it.
pub fn data_is_secret(ins: u8) -> bool {
    matches!(ins, 0x20 | 0x24 | 0x2C)
}

// ---------------------------------------------------------------------------------------------
// T=0

/// What the T=0 exchange wants next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum T0Action {
    /// Write these bytes to the card.
    Send(Vec<u8>),
    /// Read bytes from the card and pass them to `receive`.
    Receive,
    /// The exchange is over: the response APDU.
    Done(Response),
}

/// A T=0 protocol violation.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum T0Error {
    #[error("T=0: unexpected procedure byte {0:02X}")]
    BadProcedureByte(u8),
    #[error("T=0: more than {0} GET RESPONSE / resend rounds")]
    TooManyRounds(usize),
    #[error("T=0: bytes received after the exchange finished")]
    Finished,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum St {
    /// Waiting for a procedure byte (or SW1).
    Procedure,
    /// Receiving `n` data bytes.
    Data(usize),
    /// SW1 received, waiting for SW2.
    Sw2(u8),
    Done,
}

/// Sans-IO T=0 exchange for one command APDU (EMV Book 1 Annex A / ISO 7816-3 §10).
///
/// Drive it with `next_action`: send what it asks, feed what the card says into `receive`
/// (any chunking), until `Done`. `61xx` makes it send GET RESPONSE (CLA 00) and append the
/// data; `6Cxx` makes it resend the current header with P3 = xx. A case-4 command is sent
/// with P3 = Lc (its Le is not sent in T=0, per ISO 7816-3).
#[derive(Clone, Debug)]
pub struct T0Exchange {
    /// Header of the command currently on the line (the original, or a GET RESPONSE).
    header: [u8; 5],
    /// Data still to send for the current command.
    to_send: Vec<u8>,
    /// Data bytes still expected for the current command (case 2 / GET RESPONSE).
    to_receive: usize,
    /// Response data collected so far.
    data: Vec<u8>,
    /// Data received for the current header (dropped on 6Cxx).
    current: Vec<u8>,
    pending: Option<Vec<u8>>,
    st: St,
    rounds: usize,
    result: Option<Response>,
}

/// Cap on GET RESPONSE / resend rounds, against a card that loops.
pub const T0_MAX_ROUNDS: usize = 32;

fn le_byte(n: usize) -> u8 {
    if n >= 256 {
        0
    } else {
        n as u8
    }
}

impl T0Exchange {
    pub fn new(cmd: &Command) -> Self {
        let (p3, to_send, to_receive) = if cmd.data.is_empty() {
            let le = cmd.le.unwrap_or(0);
            (le_byte(le), Vec::new(), le.min(256))
        } else {
            let n = cmd.data.len().min(255);
            (n as u8, cmd.data[..n].to_vec(), 0)
        };
        let header = [cmd.cla, cmd.ins, cmd.p1, cmd.p2, p3];
        T0Exchange {
            header,
            to_send,
            to_receive,
            data: Vec::new(),
            current: Vec::new(),
            pending: Some(header.to_vec()),
            st: St::Procedure,
            rounds: 0,
            result: None,
        }
    }

    /// What to do next.
    pub fn next_action(&mut self) -> T0Action {
        if let Some(p) = self.pending.take() {
            return T0Action::Send(p);
        }
        match &self.result {
            Some(r) => T0Action::Done(r.clone()),
            None => T0Action::Receive,
        }
    }

    /// Feeds bytes read from the card.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<(), T0Error> {
        for &b in bytes {
            self.byte(b)?;
        }
        Ok(())
    }

    fn new_header(&mut self, header: [u8; 5], expect: usize) -> Result<(), T0Error> {
        self.rounds += 1;
        if self.rounds > T0_MAX_ROUNDS {
            return Err(T0Error::TooManyRounds(T0_MAX_ROUNDS));
        }
        self.header = header;
        self.to_send.clear();
        self.to_receive = expect;
        self.current.clear();
        self.pending = Some(header.to_vec());
        self.st = St::Procedure;
        Ok(())
    }

    fn byte(&mut self, b: u8) -> Result<(), T0Error> {
        let ins = self.header[1];
        match self.st.clone() {
            St::Done => return Err(T0Error::Finished),
            St::Data(n) => {
                self.current.push(b);
                self.st = if n <= 1 {
                    St::Procedure
                } else {
                    St::Data(n - 1)
                };
            }
            St::Procedure => match b {
                0x60 => {}
                _ if b == ins => {
                    if !self.to_send.is_empty() {
                        self.pending = Some(std::mem::take(&mut self.to_send));
                    } else if self.to_receive > 0 {
                        self.st = St::Data(self.to_receive);
                        self.to_receive = 0;
                    }
                }
                _ if b == ins ^ 0xFF => {
                    if !self.to_send.is_empty() {
                        let first = self.to_send.remove(0);
                        self.pending = Some(vec![first]);
                    } else if self.to_receive > 0 {
                        self.to_receive -= 1;
                        self.st = St::Data(1);
                    }
                }
                _ if b & 0xF0 == 0x60 || b & 0xF0 == 0x90 => self.st = St::Sw2(b),
                _ => return Err(T0Error::BadProcedureByte(b)),
            },
            St::Sw2(sw1) => {
                let sw2 = b;
                match sw1 {
                    0x61 => {
                        self.data.append(&mut self.current);
                        let n = if sw2 == 0 { 256 } else { usize::from(sw2) };
                        self.new_header([0x00, 0xC0, 0x00, 0x00, sw2], n)?;
                    }
                    0x6C => {
                        let mut h = self.header;
                        h[4] = sw2;
                        let n = if sw2 == 0 { 256 } else { usize::from(sw2) };
                        self.new_header(h, n)?;
                    }
                    _ => {
                        self.data.append(&mut self.current);
                        self.result = Some(Response {
                            data: std::mem::take(&mut self.data),
                            sw1,
                            sw2,
                        });
                        self.st = St::Done;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Failure of an APDU-level exchange.
#[derive(Debug, thiserror::Error)]
pub enum ApduError<E: std::error::Error + 'static> {
    #[error(transparent)]
    Transport(E),
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("more than {0} GET RESPONSE / resend rounds")]
    TooManyRounds(usize),
}

/// Sends `capdu` through `f` (a reader that takes whole APDUs, e.g. over T=1 or the CRT-310
/// APDU command) and handles `61xx` (GET RESPONSE, data appended) and `6Cxx` (resend the
/// same command with Le = xx) until a final status word.
pub fn transceive_with_get_response<E, F>(mut f: F, capdu: &[u8]) -> Result<Response, ApduError<E>>
where
    E: std::error::Error + 'static,
    F: FnMut(&[u8]) -> Result<Vec<u8>, E>,
{
    let mut cmd = parse_command(capdu)?;
    let mut out = f(capdu).map_err(ApduError::Transport)?;
    let mut data = Vec::new();
    for _ in 0..T0_MAX_ROUNDS {
        let r = parse_response(&out)?;
        match r.sw1 {
            0x61 => {
                data.extend_from_slice(&r.data);
                let gr = [0x00, 0xC0, 0x00, 0x00, r.sw2];
                out = f(&gr).map_err(ApduError::Transport)?;
            }
            0x6C => {
                cmd.le = Some(if r.sw2 == 0 { 256 } else { usize::from(r.sw2) });
                out = f(&cmd.to_bytes()).map_err(ApduError::Transport)?;
            }
            _ => {
                data.extend_from_slice(&r.data);
                return Ok(Response {
                    data,
                    sw1: r.sw1,
                    sw2: r.sw2,
                });
            }
        }
    }
    Err(ApduError::TooManyRounds(T0_MAX_ROUNDS))
}

/// Fuzz and regression entry: byte 0 = n, the next n bytes are a command APDU, the rest is
/// what the card sends (fed to the T=0 exchange in small chunks, and as R-APDUs to the
/// APDU-level loop). Must never panic or loop forever.
#[doc(hidden)]
pub fn fuzz_input(data: &[u8]) {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let (cmd, card) = rest.split_at(usize::from(n).min(rest.len()));
    let _ = parse_response(card);
    let Ok(c) = parse_command(cmd) else {
        return;
    };
    let _ = c.to_bytes();
    let mut ex = T0Exchange::new(&c);
    let mut chunks = card.chunks(3);
    for _ in 0..10_000 {
        match ex.next_action() {
            T0Action::Send(_) => {}
            T0Action::Receive => match chunks.next() {
                Some(b) => {
                    if ex.receive(b).is_err() {
                        break;
                    }
                }
                None => break,
            },
            T0Action::Done(_) => break,
        }
    }
    let mut replies = card.chunks(4);
    let _ = transceive_with_get_response(
        |_c: &[u8]| -> Result<Vec<u8>, std::io::Error> {
            replies
                .next()
                .map(<[u8]>::to_vec)
                .ok_or_else(|| std::io::Error::other("no more replies"))
        },
        cmd,
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn cases() {
        let c = parse_command(&[0x00, 0xA4, 0x04, 0x00, 0x02, 0x3F, 0x00, 0x00]).unwrap();
        assert_eq!(c.case(), 4);
        assert_eq!(c.le, Some(256));
        assert_eq!(c.ins_name(), Some("SELECT"));
        assert_eq!(parse_command(&[0, 0xB2, 1, 0x0C, 0]).unwrap().case(), 2);
        assert_eq!(parse_command(&[0x80, 0xCA, 0x9F, 0x36]).unwrap().case(), 1);
        assert!(parse_command(&[0, 0xA4, 4, 0, 5, 1]).is_err());
    }

    #[test]
    fn sw() {
        assert_eq!(
            sw_info(0x63, 0xC2).text,
            "verification failed, 2 tries left"
        );
        assert_eq!(sw_info(0x90, 0x00).class, SwClass::Success);
        assert!(sw_info(0x6A, 0x99).text.contains("6A99"));
    }
}
