//! RFC 2217 (Telnet COM-port control) transport: a remote serial port behind a terminal server
//! such as ser2net. Owns the Telnet option negotiation, the COM-PORT-OPTION (44) settings sent
//! to the server (baud rate, data size, parity, stop size, flow control), IAC escaping in both
//! directions, and filtering Telnet commands out of the data stream.
//!
//! The Telnet side is sans-IO (`telnet`: [`TelnetDecoder`], [`escape_iac`],
//! [`com_port_command`]); only [`Rfc2217Transport`] touches the socket.

pub mod telnet;

pub use telnet::{
    com_port_command, cpo, escape_iac, server_report, settings_commands, ServerReport,
    TelnetDecoder, TelnetEvent,
};

use super::{read_available, Available, LineSettings, Transport};
use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// What the server confirmed for the line (its answers to the SET commands).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Confirmed {
    pub baud: Option<u32>,
    pub data_bits: Option<u8>,
    pub parity: Option<u8>,
    pub stop: Option<u8>,
    pub control: Option<u8>,
}

/// A serial port behind an RFC 2217 server.
pub struct Rfc2217Transport {
    stream: TcpStream,
    addr: String,
    line: LineSettings,
    decoder: TelnetDecoder,
    rx: VecDeque<u8>,
    read_timeout: Duration,
    /// Our last word per option about our side (WILL/WONT) and the server's side (DO/DONT),
    /// so a confirmation is never answered again (RFC 854, no negotiation loops).
    us: [Option<u8>; 256],
    them: [Option<u8>; 256],
    /// The server accepted COM-PORT-OPTION (`DO 44`).
    com_port: bool,
    /// The server refused COM-PORT-OPTION (`DONT 44`).
    refused: bool,
    confirmed: Confirmed,
    /// Last modem / line state notifications (kept for diagnostics).
    pub modem_state: Option<u8>,
    pub line_state: Option<u8>,
}

impl Rfc2217Transport {
    /// Connects to `addr` (`host:port`), negotiates COM-PORT-OPTION and applies `line`
    /// remotely, waiting up to `timeout` for the server to confirm the baud rate and framing.
    pub fn connect(addr: &str, line: &LineSettings, timeout: Duration) -> io::Result<Self> {
        use std::net::ToSocketAddrs;
        let start = Instant::now();
        let sa = addr.to_socket_addrs()?.next().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("cannot resolve {addr}"),
            )
        })?;
        let stream = TcpStream::connect_timeout(&sa, timeout)?;
        stream.set_nodelay(true)?;
        let mut t = Rfc2217Transport {
            stream,
            addr: addr.to_string(),
            line: *line,
            decoder: TelnetDecoder::new(),
            rx: VecDeque::new(),
            read_timeout: Duration::from_millis(100),
            us: [None; 256],
            them: [None; 256],
            com_port: false,
            refused: false,
            confirmed: Confirmed::default(),
            modem_state: None,
            line_state: None,
        };
        let deadline = start + timeout;
        let mut hello = Vec::new();
        for (verb, opt) in [
            (telnet::WILL, telnet::BINARY),
            (telnet::DO, telnet::BINARY),
            (telnet::WILL, telnet::SGA),
            (telnet::DO, telnet::SGA),
            (telnet::WILL, telnet::COM_PORT_OPTION),
        ] {
            hello.extend_from_slice(&[telnet::IAC, verb, opt]);
            if verb == telnet::WILL {
                t.us[usize::from(opt)] = Some(verb);
            } else {
                t.them[usize::from(opt)] = Some(verb);
            }
        }
        t.stream.write_all(&hello)?;
        t.pump_until(deadline, |t| t.com_port || t.refused)?;
        if !t.com_port {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                format!(
                    "rfc2217://{addr}: the server {} COM-PORT-OPTION (RFC 2217); is it a raw port? try tcp://{addr}",
                    if t.refused { "refused" } else { "did not accept" }
                ),
            ));
        }
        t.apply(line, deadline)?;
        t.stream
            .set_read_timeout(Some(Duration::from_millis(100)))?;
        Ok(t)
    }

    /// Sends the line settings and waits until the server confirmed each of them.
    fn apply(&mut self, line: &LineSettings, deadline: Instant) -> io::Result<()> {
        self.confirmed = Confirmed::default();
        let mut out = Vec::new();
        for (cmd, value) in settings_commands(line) {
            out.extend_from_slice(&com_port_command(cmd, &value));
        }
        self.stream.write_all(&out)?;
        self.pump_until(deadline, |t| {
            let c = &t.confirmed;
            c.baud.is_some()
                && c.data_bits.is_some()
                && c.parity.is_some()
                && c.stop.is_some()
                && c.control.is_some()
        })?;
        let c = &self.confirmed;
        if c.baud.is_none() || c.data_bits.is_none() || c.parity.is_none() || c.stop.is_none() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "rfc2217://{}: the server did not confirm the line settings ({:?})",
                    self.addr, self.confirmed
                ),
            ));
        }
        if c.baud != Some(line.baud) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "rfc2217://{}: asked for {} baud, the server set {:?}",
                    self.addr, line.baud, c.baud
                ),
            ));
        }
        self.line = *line;
        Ok(())
    }

    /// Changes the remote line settings on an open connection.
    pub fn set_line(&mut self, line: &LineSettings, timeout: Duration) -> io::Result<()> {
        let deadline = Instant::now() + timeout;
        self.apply(line, deadline)?;
        self.stream.set_read_timeout(Some(self.read_timeout))
    }

    /// What the server confirmed for the current line settings.
    pub fn confirmed(&self) -> &Confirmed {
        &self.confirmed
    }

    /// Reads and decodes until `done` holds or the deadline passes (no error on deadline:
    /// the caller checks what it needed). Data that arrives meanwhile is kept for `read`.
    fn pump_until(&mut self, deadline: Instant, done: impl Fn(&Self) -> bool) -> io::Result<()> {
        while !done(self) && Instant::now() < deadline {
            self.pump_once(deadline)?;
        }
        Ok(())
    }

    /// One read from the server, waiting at most until `deadline`; what came is decoded
    /// (serial data kept for `read`, negotiation answered). A closed connection is
    /// `BrokenPipe`.
    fn pump_once(&mut self, deadline: Instant) -> io::Result<()> {
        let wait = deadline.saturating_duration_since(Instant::now());
        self.stream
            .set_read_timeout(Some(wait.max(Duration::from_millis(1))))?;
        let mut raw = [0u8; 1024];
        match read_available(&mut self.stream, &mut raw)? {
            Available::Bytes(n) => self.ingest(&raw[..n]),
            Available::Nothing => Ok(()),
            Available::Closed => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "connection closed by the RFC 2217 server",
            )),
        }
    }

    /// Decodes raw bytes from the server and answers its negotiation.
    fn ingest(&mut self, raw: &[u8]) -> io::Result<()> {
        let mut events = Vec::new();
        self.decoder.feed(raw, &mut self.rx, &mut events);
        let mut reply = Vec::new();
        for ev in events {
            match ev {
                TelnetEvent::Negotiation { verb, option } => {
                    if option == telnet::COM_PORT_OPTION {
                        self.com_port |= verb == telnet::DO;
                        self.refused |= verb == telnet::DONT;
                    }
                    let answer = telnet::answer(verb, option);
                    // Answer only what changes our stated position (RFC 854: no loops).
                    let side = if matches!(answer, telnet::WILL | telnet::WONT) {
                        &mut self.us
                    } else {
                        &mut self.them
                    };
                    if side[usize::from(option)] != Some(answer) {
                        side[usize::from(option)] = Some(answer);
                        reply.extend_from_slice(&[telnet::IAC, answer, option]);
                    }
                }
                TelnetEvent::Subnegotiation { option, payload } => {
                    if option == telnet::COM_PORT_OPTION {
                        self.on_com_port(&payload);
                    }
                }
                TelnetEvent::Command(_) => {}
            }
        }
        if !reply.is_empty() {
            self.stream.write_all(&reply)?;
        }
        Ok(())
    }

    /// Records what the server confirmed or notified ([`telnet::server_report`]).
    fn on_com_port(&mut self, payload: &[u8]) {
        match telnet::server_report(payload) {
            ServerReport::Baud(b) => self.confirmed.baud = Some(b),
            ServerReport::DataSize(v) => self.confirmed.data_bits = v,
            ServerReport::Parity(v) => self.confirmed.parity = v,
            ServerReport::StopSize(v) => self.confirmed.stop = v,
            ServerReport::Control(v) => self.confirmed.control = v,
            ServerReport::LineState(v) => self.line_state = v,
            ServerReport::ModemState(v) => self.modem_state = v,
            ServerReport::Other => {}
        }
    }
}

impl Read for Rfc2217Transport {
    /// Returns serial data only; Telnet commands are consumed. Waits up to the read timeout
    /// in total, even when only Telnet commands arrive meanwhile.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let deadline = Instant::now() + self.read_timeout;
        loop {
            if !self.rx.is_empty() {
                let n = buf.len().min(self.rx.len());
                for (dst, src) in buf.iter_mut().zip(self.rx.drain(..n)) {
                    *dst = src;
                }
                return Ok(n);
            }
            if Instant::now() >= deadline {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "read timed out"));
            }
            self.pump_once(deadline)?;
        }
    }
}

impl Write for Rfc2217Transport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 4);
        escape_iac(buf, &mut out);
        self.stream.write_all(&out)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

impl Transport for Rfc2217Transport {
    fn set_read_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.read_timeout = timeout.max(Duration::from_millis(1));
        Ok(())
    }

    /// Drops buffered input here and asks the server to purge its receive buffer (not waiting
    /// for the answer: some servers never send it, labgrid #1779).
    fn clear_input(&mut self) -> io::Result<()> {
        self.rx.clear();
        self.stream
            .write_all(&com_port_command(cpo::PURGE_DATA, &[1]))?;
        self.stream.set_nonblocking(true)?;
        let mut raw = [0u8; 512];
        let mut result = Ok(());
        while let Ok(Available::Bytes(n)) = read_available(&mut self.stream, &mut raw) {
            if let Err(e) = self.ingest(&raw[..n]) {
                result = Err(e);
                break;
            }
        }
        self.rx.clear();
        self.stream.set_nonblocking(false)?;
        result
    }

    fn describe(&self) -> String {
        format!(
            "rfc2217://{} {} {}{}{}",
            self.addr, self.line.baud, self.line.data_bits, self.line.parity, self.line.stop_bits
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use telnet::*;

    /// A tiny RFC 2217 server: accepts COM-PORT-OPTION, acks settings (+100), records them,
    /// and echoes data with a modem-state notification and a NOP in front of every echo.
    fn tiny_server(listener: std::net::TcpListener) -> std::thread::JoinHandle<Vec<(u8, Vec<u8>)>> {
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            s.write_all(&[IAC, DO, COM_PORT_OPTION, IAC, WILL, BINARY, IAC, WILL, SGA])
                .unwrap();
            let mut dec = TelnetDecoder::new();
            let mut settings = Vec::new();
            let mut buf = [0u8; 256];
            loop {
                let n = match s.read(&mut buf) {
                    Ok(0) | Err(_) => return settings,
                    Ok(n) => n,
                };
                let mut data = VecDeque::new();
                let mut ev = Vec::new();
                dec.feed(&buf[..n], &mut data, &mut ev);
                for e in ev {
                    if let TelnetEvent::Subnegotiation {
                        option: 44,
                        payload,
                    } = e
                    {
                        let (cmd, val) = payload.split_first().unwrap();
                        if *cmd <= 5 {
                            settings.push((*cmd, val.to_vec()));
                            s.write_all(&com_port_command(cmd + 100, val)).unwrap();
                        }
                    }
                }
                if !data.is_empty() {
                    let mut out = com_port_command(107, &[0x30]);
                    out.extend_from_slice(&[IAC, 241]);
                    let d: Vec<u8> = data.into_iter().collect();
                    escape_iac(&d, &mut out);
                    s.write_all(&out).unwrap();
                }
            }
        })
    }

    #[test]
    fn against_a_tiny_server() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let server = tiny_server(listener);
        let line = LineSettings {
            baud: 19_200,
            ..LineSettings::default()
        };
        let mut t = Rfc2217Transport::connect(&addr, &line, Duration::from_secs(2)).unwrap();
        assert_eq!(t.confirmed().baud, Some(19_200));
        let payload: Vec<u8> = (0..=255u8).chain([0xFF, 0xFF, 0x02]).collect();
        t.write_all(&payload).unwrap();
        let mut got = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(2);
        t.set_read_timeout(Duration::from_millis(50)).unwrap();
        while got.len() < payload.len() && Instant::now() < deadline {
            let mut b = [0u8; 64];
            match t.read(&mut b) {
                Ok(n) => got.extend_from_slice(&b[..n]),
                Err(e) => assert_eq!(e.kind(), io::ErrorKind::TimedOut),
            }
        }
        assert_eq!(got, payload);
        assert_eq!(t.modem_state, Some(0x30));
        assert!(t.describe().starts_with("rfc2217://127.0.0.1:"));
        drop(t);
        let settings = server.join().unwrap();
        assert_eq!(settings[0], (1, 19_200u32.to_be_bytes().to_vec()));
        assert_eq!(settings.len(), 5);
    }

    #[test]
    fn a_raw_port_is_refused_clearly() {
        // A server that never negotiates (raw TCP) must not hang the connect.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let h = std::thread::spawn(move || {
            let (s, _) = listener.accept().unwrap();
            std::thread::sleep(Duration::from_millis(600));
            drop(s);
        });
        let r =
            Rfc2217Transport::connect(&addr, &LineSettings::default(), Duration::from_millis(300));
        let e = r.err().unwrap();
        assert!(e.to_string().contains("COM-PORT-OPTION"), "{e}");
        h.join().unwrap();
    }
}
