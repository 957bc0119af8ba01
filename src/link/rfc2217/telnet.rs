//! Telnet for RFC 2217, sans-IO: command and option bytes (RFC 854/856/858), the
//! COM-PORT-OPTION sub-commands (RFC 2217 §3), a decoder that separates serial data from
//! Telnet commands, IAC escaping, the setting commands for a line, and the answers this client
//! gives to the server's negotiation.

use crate::link::{FlowControl, LineSettings};
use nom::combinator::{all_consuming, opt};
use nom::number::complete::{be_u32, be_u8};
use nom::{IResult, Parser};
use std::collections::VecDeque;

/// Telnet command bytes (RFC 854).
pub const IAC: u8 = 0xFF;
pub const DONT: u8 = 0xFE;
pub const DO: u8 = 0xFD;
pub const WONT: u8 = 0xFC;
pub const WILL: u8 = 0xFB;
pub const SB: u8 = 0xFA;
pub const SE: u8 = 0xF0;
/// Option codes.
pub const BINARY: u8 = 0;
pub const ECHO: u8 = 1;
pub const SGA: u8 = 3;
pub const COM_PORT_OPTION: u8 = 44;

/// COM-PORT-OPTION sub-commands, client → server (RFC 2217 §3). The server answers with the
/// same command + 100.
pub mod cpo {
    pub const SET_BAUDRATE: u8 = 1;
    pub const SET_DATASIZE: u8 = 2;
    pub const SET_PARITY: u8 = 3;
    pub const SET_STOPSIZE: u8 = 4;
    pub const SET_CONTROL: u8 = 5;
    pub const NOTIFY_LINESTATE: u8 = 6;
    pub const NOTIFY_MODEMSTATE: u8 = 7;
    pub const FLOWCONTROL_SUSPEND: u8 = 8;
    pub const FLOWCONTROL_RESUME: u8 = 9;
    pub const SET_LINESTATE_MASK: u8 = 10;
    pub const SET_MODEMSTATE_MASK: u8 = 11;
    pub const PURGE_DATA: u8 = 12;
    /// Offset of server → client answers.
    pub const SERVER: u8 = 100;
}

/// Something the decoder found besides data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TelnetEvent {
    /// `IAC WILL|WONT|DO|DONT option`.
    Negotiation { verb: u8, option: u8 },
    /// `IAC SB option payload IAC SE` (payload with `IAC IAC` already collapsed).
    Subnegotiation { option: u8, payload: Vec<u8> },
    /// Any other two-byte command (NOP, BRK, AYT…), ignored by the transport.
    Command(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DecState {
    Data,
    Iac,
    Verb(u8),
    SbOption,
    Sb,
    SbIac,
}

/// Sans-IO Telnet decoder: bytes from the server in, serial data and Telnet events out.
/// State carries over between calls, so a command split across TCP reads is handled.
#[derive(Debug)]
pub struct TelnetDecoder {
    state: DecState,
    sb_option: u8,
    sb: Vec<u8>,
}

/// A subnegotiation longer than this is a broken server; the excess is dropped.
const MAX_SB: usize = 256;

impl Default for TelnetDecoder {
    fn default() -> Self {
        TelnetDecoder {
            state: DecState::Data,
            sb_option: 0,
            sb: Vec::new(),
        }
    }
}

impl TelnetDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds raw bytes; serial data is appended to `data`, commands to `events`.
    pub fn feed(&mut self, input: &[u8], data: &mut VecDeque<u8>, events: &mut Vec<TelnetEvent>) {
        for &b in input {
            self.state = match self.state {
                DecState::Data => {
                    if b == IAC {
                        DecState::Iac
                    } else {
                        data.push_back(b);
                        DecState::Data
                    }
                }
                DecState::Iac => match b {
                    IAC => {
                        data.push_back(IAC);
                        DecState::Data
                    }
                    WILL | WONT | DO | DONT => DecState::Verb(b),
                    SB => DecState::SbOption,
                    other => {
                        events.push(TelnetEvent::Command(other));
                        DecState::Data
                    }
                },
                DecState::Verb(verb) => {
                    events.push(TelnetEvent::Negotiation { verb, option: b });
                    DecState::Data
                }
                DecState::SbOption => {
                    self.sb_option = b;
                    self.sb.clear();
                    DecState::Sb
                }
                DecState::Sb => {
                    if b == IAC {
                        DecState::SbIac
                    } else {
                        if self.sb.len() < MAX_SB {
                            self.sb.push(b);
                        }
                        DecState::Sb
                    }
                }
                DecState::SbIac => match b {
                    SE => {
                        events.push(TelnetEvent::Subnegotiation {
                            option: self.sb_option,
                            payload: std::mem::take(&mut self.sb),
                        });
                        DecState::Data
                    }
                    IAC => {
                        if self.sb.len() < MAX_SB {
                            self.sb.push(IAC);
                        }
                        DecState::Sb
                    }
                    // IAC + anything else inside SB is a protocol violation; end the SB there
                    // and treat the byte as a command so the stream resynchronises.
                    other => {
                        events.push(TelnetEvent::Subnegotiation {
                            option: self.sb_option,
                            payload: std::mem::take(&mut self.sb),
                        });
                        events.push(TelnetEvent::Command(other));
                        DecState::Data
                    }
                },
            };
        }
    }
}

/// Doubles every 0xFF so data bytes are never taken for Telnet commands.
pub fn escape_iac(data: &[u8], out: &mut Vec<u8>) {
    for &b in data {
        out.push(b);
        if b == IAC {
            out.push(IAC);
        }
    }
}

/// `IAC SB COM-PORT-OPTION cmd value… IAC SE`, with IAC in the value escaped.
pub fn com_port_command(cmd: u8, value: &[u8]) -> Vec<u8> {
    let mut v = vec![IAC, SB, COM_PORT_OPTION, cmd];
    escape_iac(value, &mut v);
    v.extend_from_slice(&[IAC, SE]);
    v
}

/// The four (five with flow control) setting commands for a line, in the order they are sent.
pub fn settings_commands(line: &LineSettings) -> Vec<(u8, Vec<u8>)> {
    let parity = match line.parity {
        'O' | 'o' => 2,
        'E' | 'e' => 3,
        'M' | 'm' => 4,
        'S' | 's' => 5,
        _ => 1,
    };
    let stop = match line.stop_bits {
        2 => 2,
        _ => 1,
    };
    let control = match line.flow_control {
        FlowControl::None => 1,
        FlowControl::Software => 2,
        FlowControl::Hardware => 3,
    };
    vec![
        (cpo::SET_BAUDRATE, line.baud.to_be_bytes().to_vec()),
        (cpo::SET_DATASIZE, vec![line.data_bits.clamp(5, 8)]),
        (cpo::SET_PARITY, vec![parity]),
        (cpo::SET_STOPSIZE, vec![stop]),
        (cpo::SET_CONTROL, vec![control]),
    ]
}

/// What the server says in a COM-PORT-OPTION subnegotiation (RFC 2217 §3): its answer to a
/// SET command (the command + 100) with the value it took, or a line / modem state
/// notification. A byte-valued report with no value byte is `None` (not confirmed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerReport {
    /// SET-BAUDRATE answer: 4 bytes, big-endian, bits per second.
    Baud(u32),
    DataSize(Option<u8>),
    Parity(Option<u8>),
    StopSize(Option<u8>),
    Control(Option<u8>),
    LineState(Option<u8>),
    ModemState(Option<u8>),
    /// Nothing to record: flow-control suspend/resume, mask and purge answers, a baud rate
    /// that is not exactly 4 bytes, a client-side command, an unknown one, an empty payload.
    Other,
}

/// Reads the payload of `IAC SB COM-PORT-OPTION … IAC SE` (IAC doubling already undone by
/// [`TelnetDecoder`]): the command byte, then its value (any bytes after a one-byte value are
/// ignored).
pub fn server_report(payload: &[u8]) -> ServerReport {
    let parsed: IResult<&[u8], ServerReport, ()> = report(payload);
    parsed.map_or(ServerReport::Other, |(_, r)| r)
}

/// The command byte and the value it announces (see [`server_report`]).
fn report(i: &[u8]) -> IResult<&[u8], ServerReport, ()> {
    let (value, cmd) = be_u8(i)?;
    let byte = |report: fn(Option<u8>) -> ServerReport| opt(be_u8).map(report).parse(value);
    match cmd.wrapping_sub(cpo::SERVER) {
        cpo::SET_BAUDRATE => opt(all_consuming(be_u32))
            .map(|baud| baud.map_or(ServerReport::Other, ServerReport::Baud))
            .parse(value),
        cpo::SET_DATASIZE => byte(ServerReport::DataSize),
        cpo::SET_PARITY => byte(ServerReport::Parity),
        cpo::SET_STOPSIZE => byte(ServerReport::StopSize),
        cpo::SET_CONTROL => byte(ServerReport::Control),
        cpo::NOTIFY_LINESTATE => byte(ServerReport::LineState),
        cpo::NOTIFY_MODEMSTATE => byte(ServerReport::ModemState),
        _ => Ok((value, ServerReport::Other)),
    }
}

/// Options this client agrees to use on its side (`DO x` → `WILL x`).
fn we_will(option: u8) -> bool {
    matches!(option, BINARY | SGA | COM_PORT_OPTION)
}

/// Options this client accepts from the server (`WILL x` → `DO x`).
fn we_do(option: u8) -> bool {
    matches!(option, BINARY | SGA | ECHO)
}

/// What this client answers to the server's `verb option` (RFC 854: agree to what we support,
/// refuse the rest; a DONT is always answered WONT).
pub fn answer(verb: u8, option: u8) -> u8 {
    match verb {
        DO if we_will(option) => WILL,
        DO | DONT => WONT,
        WILL if we_do(option) => DO,
        _ => DONT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::FlowControl;

    fn decode(chunks: &[&[u8]]) -> (Vec<u8>, Vec<TelnetEvent>) {
        let mut d = TelnetDecoder::new();
        let mut data = VecDeque::new();
        let mut ev = Vec::new();
        for c in chunks {
            d.feed(c, &mut data, &mut ev);
        }
        (data.into_iter().collect(), ev)
    }

    #[test]
    fn iac_escaping_round_trip() {
        let data = [0x02, 0xFF, 0x00, 0xFF, 0xFF, 0x03];
        let mut esc = Vec::new();
        escape_iac(&data, &mut esc);
        assert_eq!(esc, [0x02, 0xFF, 0xFF, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x03]);
        let (back, ev) = decode(&[&esc]);
        assert_eq!(back, data);
        assert!(ev.is_empty());
    }

    #[test]
    fn commands_are_filtered_even_when_split() {
        // data, NOP, WILL BINARY split across reads, an SB with an escaped 0xFF, data.
        let stream: Vec<u8> = vec![
            b'A',
            IAC,
            241,
            b'B',
            IAC,
            WILL,
            BINARY,
            IAC,
            SB,
            COM_PORT_OPTION,
            101,
            0,
            0,
            0xFF,
            0xFF,
            IAC,
            SE,
            b'C',
        ];
        for split in 0..stream.len() {
            let (data, ev) = decode(&[&stream[..split], &stream[split..]]);
            assert_eq!(data, b"ABC", "split at {split}");
            assert_eq!(
                ev,
                vec![
                    TelnetEvent::Command(241),
                    TelnetEvent::Negotiation {
                        verb: WILL,
                        option: BINARY
                    },
                    TelnetEvent::Subnegotiation {
                        option: COM_PORT_OPTION,
                        payload: vec![101, 0, 0, 0xFF]
                    }
                ]
            );
        }
    }

    #[test]
    fn settings_are_encoded_per_rfc2217() {
        let line = LineSettings {
            baud: 115_200,
            data_bits: 7,
            parity: 'E',
            stop_bits: 2,
            flow_control: FlowControl::None,
        };
        let cmds = settings_commands(&line);
        assert_eq!(cmds[0], (1, vec![0x00, 0x01, 0xC2, 0x00]));
        assert_eq!(cmds[1], (2, vec![7]));
        assert_eq!(cmds[2], (3, vec![3]));
        assert_eq!(cmds[3], (4, vec![2]));
        assert_eq!(cmds[4], (5, vec![1]));
        // A value byte of 0xFF is escaped inside the subnegotiation.
        assert_eq!(
            com_port_command(1, &[0, 0, 0x25, 0xFF]),
            vec![IAC, SB, 44, 1, 0, 0, 0x25, 0xFF, 0xFF, IAC, SE]
        );
    }

    /// The server's reports as the `split_first` reading took them: a baud rate only as
    /// exactly 4 bytes, a missing value byte is `None`, extra bytes after one are ignored, and
    /// client-side or unknown commands record nothing.
    #[test]
    fn server_reports() {
        use ServerReport::*;
        let baud = [101, 0x00, 0x01, 0xC2, 0x00];
        assert_eq!(server_report(&baud), Baud(115_200));
        assert_eq!(server_report(&baud[..4]), Other);
        assert_eq!(server_report(&[101, 0, 0, 0x25, 0x80, 0]), Other);
        assert_eq!(server_report(&[102, 7]), DataSize(Some(7)));
        assert_eq!(server_report(&[102]), DataSize(None));
        assert_eq!(server_report(&[103, 3, 9]), Parity(Some(3)));
        assert_eq!(server_report(&[104, 2]), StopSize(Some(2)));
        assert_eq!(server_report(&[105, 1]), Control(Some(1)));
        assert_eq!(server_report(&[106, 0x60]), LineState(Some(0x60)));
        assert_eq!(server_report(&[107, 0xB0]), ModemState(Some(0xB0)));
        for payload in [&[][..], &[2, 7], &[108], &[112, 1], &[113, 1], &[0xFF, 1]] {
            assert_eq!(server_report(payload), Other, "{payload:?}");
        }
    }

    #[test]
    fn garbage_never_panics() {
        let mut d = TelnetDecoder::new();
        let mut data = VecDeque::new();
        let mut ev = Vec::new();
        let mut x: u32 = 12345;
        let bytes: Vec<u8> = (0..20_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8 | if x & 1 == 0 { 0xF0 } else { 0 }
            })
            .collect();
        d.feed(&bytes, &mut data, &mut ev);
        assert!(data.len() < bytes.len());
    }
}
