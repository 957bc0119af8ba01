//! T=0 for one command APDU (EMV Book 1 Annex A, ISO/IEC 7816-3 §10): the sans-IO exchange
//! over procedure bytes, and the same `61xx` / `6Cxx` handling at APDU level for readers that
//! take whole APDUs.

use super::{parse_command, parse_response, Command, Response};
use crate::codec::DecodeError;

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
