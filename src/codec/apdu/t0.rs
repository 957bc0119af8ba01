//! T=0 for one command APDU (EMV Book 1 Annex A, ISO/IEC 7816-3 §10): the sans-IO exchange
//! over procedure bytes, and the same `61xx` / `6Cxx` handling at APDU level for readers that
//! take whole APDUs.

use super::{parse_command, parse_response, Command, Response};
use crate::codec::DecodeError;
use nom::branch::alt;
use nom::bytes::streaming::take;
use nom::combinator::{value, verify};
use nom::number::streaming::be_u8;
use nom::{IResult, Parser};

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
    /// Waiting for a procedure byte (or SW1 SW2).
    Procedure,
    /// Receiving `n` data bytes.
    Data(usize),
    Done,
}

/// What the card says while a command is on the line (ISO/IEC 7816-3 §10.3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Procedure {
    /// `60`: NULL, the card wants more time.
    Null,
    /// INS: send (or receive) all the remaining data.
    Ack,
    /// INS XOR `FF`: send (or receive) one byte.
    AckOne,
    /// SW1 SW2 (SW1 `6X` other than `60`, or `9X`).
    Status(u8, u8),
}

/// The procedure parsers' input and result: bytes buffered from the card, streaming (an
/// `Incomplete` means "wait for more"); the error carries nothing, the byte that failed is the
/// input's first.
type PRes<'a, T> = IResult<&'a [u8], T, ()>;

/// `60`, the NULL procedure byte.
fn null(i: &[u8]) -> PRes<'_, Procedure> {
    value(Procedure::Null, verify(be_u8, |&b| b == 0x60)).parse(i)
}

/// The ACK procedure bytes for `ins`: INS itself, or its complement (one byte at a time).
fn ack<'a>(ins: u8) -> impl Parser<&'a [u8], Output = Procedure, Error = ()> {
    alt((
        value(Procedure::Ack, verify(be_u8, move |&b| b == ins)),
        value(Procedure::AckOne, verify(be_u8, move |&b| b == ins ^ 0xFF)),
    ))
}

/// SW1 (`6X` or `9X`) then SW2.
fn status_word(i: &[u8]) -> PRes<'_, Procedure> {
    let sw1 = verify(be_u8, |&b| super::is_sw1(b));
    (sw1, be_u8)
        .map(|(sw1, sw2)| Procedure::Status(sw1, sw2))
        .parse(i)
}

/// One procedure for a command whose instruction byte is `ins`. NULL comes first, as the card
/// means it even for an INS of `60` (which ISO/IEC 7816-3 forbids), and an ACK before a status
/// word, as the original exchange read it.
fn procedure<'a>(ins: u8) -> impl Parser<&'a [u8], Output = Procedure, Error = ()> {
    alt((null, ack(ins), status_word))
}

/// Sans-IO T=0 exchange for one command APDU (EMV Book 1 Annex A / ISO 7816-3 §10).
///
/// Drive it with `next_action`: send what it asks, feed what the card says into `receive`
/// (any chunking), until `Done`. `61xx` makes it send GET RESPONSE (CLA 00) and append the
/// data; `6Cxx` makes it resend the current header with P3 = xx. A case-4 command is sent
/// with P3 = Lc (its Le is not sent in T=0, per ISO 7816-3). What the card sends is buffered
/// and read by small streaming nom parsers ([`procedure`], a data block); the exchange keeps
/// only the state between them.
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
    /// Bytes from the card not parsed yet (a procedure or data block that is still arriving).
    buf: Vec<u8>,
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

/// The data length a P3 of `p3` announces (`00` is 256).
fn p3_len(p3: u8) -> usize {
    if p3 == 0 {
        256
    } else {
        usize::from(p3)
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
            buf: Vec::new(),
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
        if bytes.is_empty() {
            return Ok(());
        }
        self.buf.extend_from_slice(bytes);
        let buf = std::mem::take(&mut self.buf);
        let mut rest: &[u8] = &buf;
        let outcome = loop {
            if self.st == St::Done {
                break if rest.is_empty() {
                    Ok(())
                } else {
                    Err(T0Error::Finished)
                };
            }
            match self.step(rest) {
                Ok(Some(r)) => rest = r,
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.buf = rest.to_vec();
        outcome
    }

    /// Reads one procedure or data block from `input`: the bytes after it, or `None` when it
    /// has not fully arrived yet.
    fn step<'a>(&mut self, input: &'a [u8]) -> Result<Option<&'a [u8]>, T0Error> {
        if let St::Data(n) = self.st {
            return Ok(match take::<_, _, ()>(n).parse(input) {
                Ok((rest, block)) => {
                    self.current.extend_from_slice(block);
                    self.st = St::Procedure;
                    Some(rest)
                }
                Err(_) => None,
            });
        }
        match procedure(self.header[1]).parse(input) {
            Ok((rest, p)) => {
                self.on_procedure(p)?;
                Ok(Some(rest))
            }
            Err(nom::Err::Incomplete(_)) => Ok(None),
            Err(_) => Err(T0Error::BadProcedureByte(
                input.first().copied().unwrap_or_default(),
            )),
        }
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

    fn on_procedure(&mut self, p: Procedure) -> Result<(), T0Error> {
        match p {
            Procedure::Null => {}
            Procedure::Ack => {
                if !self.to_send.is_empty() {
                    self.pending = Some(std::mem::take(&mut self.to_send));
                } else if self.to_receive > 0 {
                    self.st = St::Data(self.to_receive);
                    self.to_receive = 0;
                }
            }
            Procedure::AckOne => {
                if !self.to_send.is_empty() {
                    let first = self.to_send.remove(0);
                    self.pending = Some(vec![first]);
                } else if self.to_receive > 0 {
                    self.to_receive -= 1;
                    self.st = St::Data(1);
                }
            }
            Procedure::Status(0x61, sw2) => {
                self.data.append(&mut self.current);
                self.new_header([0x00, 0xC0, 0x00, 0x00, sw2], p3_len(sw2))?;
            }
            Procedure::Status(0x6C, sw2) => {
                let mut h = self.header;
                h[4] = sw2;
                self.new_header(h, p3_len(sw2))?;
            }
            Procedure::Status(sw1, sw2) => {
                self.data.append(&mut self.current);
                self.result = Some(Response {
                    data: std::mem::take(&mut self.data),
                    sw1,
                    sw2,
                });
                self.st = St::Done;
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The procedure parser on its own: each kind, "wait" on a partial status word, and the
    /// failing byte left first in the input.
    #[test]
    fn procedure_bytes() {
        let mut p = procedure(0xB2);
        assert_eq!(p.parse(&[0x60, 0xB2]), Ok((&[0xB2][..], Procedure::Null)));
        assert_eq!(p.parse(&[0xB2]), Ok((&[][..], Procedure::Ack)));
        assert_eq!(p.parse(&[0x4D, 1]), Ok((&[1][..], Procedure::AckOne)));
        assert_eq!(
            p.parse(&[0x90, 0]),
            Ok((&[][..], Procedure::Status(0x90, 0)))
        );
        assert_eq!(
            p.parse(&[0x6C, 0x1C]),
            Ok((&[][..], Procedure::Status(0x6C, 0x1C)))
        );
        assert!(matches!(p.parse(&[0x61]), Err(nom::Err::Incomplete(_))));
        assert!(matches!(p.parse(&[]), Err(nom::Err::Incomplete(_))));
        assert!(matches!(p.parse(&[0x42, 0x90]), Err(nom::Err::Error(()))));
    }

    /// SW1 and SW2 in separate reads, and a data block split across reads.
    #[test]
    fn split_reads() {
        let cmd = Command::new(0x80, 0xCA, 0x9F, 0x36, &[], Some(2));
        let mut ex = T0Exchange::new(&cmd);
        assert!(matches!(ex.next_action(), T0Action::Send(_)));
        for chunk in [&[0xCA, 0x00][..], &[0x01, 0x90], &[0x00]] {
            assert_eq!(ex.next_action(), T0Action::Receive);
            ex.receive(chunk).unwrap();
        }
        let want = Response {
            data: vec![0, 1],
            sw1: 0x90,
            sw2: 0,
        };
        assert_eq!(ex.next_action(), T0Action::Done(want));
        assert_eq!(ex.receive(&[0x90]), Err(T0Error::Finished));
    }
}
