//! Byte transports under the drivers: a serial device (serialport, exclusive open), a
//! pseudo-terminal, raw TCP (`tcp://`, as ser2net exports a port) and RFC 2217 (`rfc2217`).
//! Reads time out per call; drivers put a per-frame deadline on top (see `read_byte_until`),
//! and every read loop asks [`read_available`] what a read result means.

pub mod ports;
mod pty;
pub mod rfc2217;

pub use pty::{pty_pair, PtySession};

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// The line speeds the bench accepts, in baud: a speed of 0 would never send a byte, and one
/// below 300 paces a simulator so slowly that a run cannot end within its timeouts; the top is
/// far above the 115200 baud the readers' manuals name as their fastest.
pub const BAUD_RANGE: std::ops::RangeInclusive<u32> = 300..=4_000_000;

/// Serial line settings (ignored by transports without a line, e.g. raw TCP).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineSettings {
    pub baud: u32,
    pub data_bits: u8,
    /// 'N', 'E' or 'O'.
    pub parity: char,
    pub stop_bits: u8,
    pub flow_control: FlowControl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowControl {
    None,
    Hardware,
    Software,
}

impl Default for LineSettings {
    fn default() -> Self {
        LineSettings {
            baud: 9600,
            data_bits: 8,
            parity: 'N',
            stop_bits: 1,
            flow_control: FlowControl::None,
        }
    }
}

/// A byte pipe to a device. `read` blocks up to the read timeout and then fails with
/// `TimedOut`; a hang-up shows as `BrokenPipe` or `Ok(0)`, which drivers turn into
/// `DeviceError::Lost`.
pub trait Transport: Read + Write + Send {
    fn set_read_timeout(&mut self, timeout: Duration) -> io::Result<()>;
    /// Drops whatever is waiting in the input buffer.
    fn clear_input(&mut self) -> io::Result<()>;
    /// A short description for logs (`/dev/ttyUSB0 9600 8N1`, `tcp://127.0.0.1:3001`).
    fn describe(&self) -> String;
    /// Changes the line speed, after a reader's own baud-change command (CRT-310 manual
    /// §8.8). Transports without a line speed of their own refuse with `Unsupported`.
    fn set_baud(&mut self, baud: u32) -> io::Result<()> {
        let _ = baud;
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this transport has no line speed to change",
        ))
    }
}

/// A serial port (real device or pseudo-terminal) through `serialport`.
pub struct SerialTransport {
    port: Box<dyn serialport::SerialPort>,
    desc: String,
}

impl SerialTransport {
    /// Opens `path` exclusively with the given settings.
    pub fn open(path: &str, line: &LineSettings) -> io::Result<Self> {
        let builder = serialport::new(path, line.baud)
            .data_bits(match line.data_bits {
                5 => serialport::DataBits::Five,
                6 => serialport::DataBits::Six,
                7 => serialport::DataBits::Seven,
                _ => serialport::DataBits::Eight,
            })
            .parity(match line.parity {
                'E' | 'e' => serialport::Parity::Even,
                'O' | 'o' => serialport::Parity::Odd,
                _ => serialport::Parity::None,
            })
            .stop_bits(if line.stop_bits == 2 {
                serialport::StopBits::Two
            } else {
                serialport::StopBits::One
            })
            .flow_control(match line.flow_control {
                FlowControl::None => serialport::FlowControl::None,
                FlowControl::Hardware => serialport::FlowControl::Hardware,
                FlowControl::Software => serialport::FlowControl::Software,
            })
            .timeout(Duration::from_millis(100));
        let port = builder.open().map_err(io::Error::from)?;
        let desc = format!(
            "{path} {} {}{}{}",
            line.baud, line.data_bits, line.parity, line.stop_bits
        );
        Ok(SerialTransport { port, desc })
    }

    /// Wraps an already open port (e.g. one end of `TTYPort::pair`).
    pub fn from_port(port: Box<dyn serialport::SerialPort>, desc: impl Into<String>) -> Self {
        SerialTransport {
            port,
            desc: desc.into(),
        }
    }
}

impl Read for SerialTransport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.port.read(buf)
    }
}

impl Write for SerialTransport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.port.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        // tcdrain can block forever on some adapters (reliability.md §2.1); the kernel sends
        // what we wrote anyway, so a flush is not needed for correctness.
        Ok(())
    }
}

impl Transport for SerialTransport {
    fn set_read_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.port.set_timeout(timeout).map_err(io::Error::from)
    }
    fn clear_input(&mut self) -> io::Result<()> {
        self.port
            .clear(serialport::ClearBuffer::Input)
            .map_err(io::Error::from)
    }
    fn describe(&self) -> String {
        self.desc.clone()
    }
    fn set_baud(&mut self, baud: u32) -> io::Result<()> {
        self.port.set_baud_rate(baud).map_err(io::Error::from)
    }
}

/// Raw TCP to a serial port server (ser2net `raw`/`tcp` mode).
pub struct TcpTransport {
    stream: std::net::TcpStream,
    desc: String,
}

impl TcpTransport {
    pub fn connect(addr: &str, timeout: Duration) -> io::Result<Self> {
        use std::net::ToSocketAddrs;
        let sa = addr.to_socket_addrs()?.next().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("cannot resolve {addr}"),
            )
        })?;
        let stream = std::net::TcpStream::connect_timeout(&sa, timeout)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_millis(100)))?;
        Ok(TcpTransport {
            stream,
            desc: format!("tcp://{addr}"),
        })
    }
}

impl Read for TcpTransport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.stream.read(buf) {
            // TCP signals a timeout as WouldBlock on Unix; make it look like a serial timeout.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                Err(io::Error::new(io::ErrorKind::TimedOut, e))
            }
            Ok(0) if !buf.is_empty() => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "connection closed by peer",
            )),
            r => r,
        }
    }
}

impl Write for TcpTransport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

impl Transport for TcpTransport {
    fn set_read_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.stream
            .set_read_timeout(Some(timeout.max(Duration::from_millis(1))))
    }
    fn clear_input(&mut self) -> io::Result<()> {
        self.stream.set_nonblocking(true)?;
        let mut buf = [0u8; 512];
        // Drain until nothing is left (or the peer closed: the next read reports it).
        while let Ok(Available::Bytes(_)) = read_available(&mut self.stream, &mut buf) {}
        self.stream.set_nonblocking(false)
    }
    fn describe(&self) -> String {
        self.desc.clone()
    }
}

/// What one read of a port or socket found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Available {
    /// This many bytes (at least one) are at the start of the buffer.
    Bytes(usize),
    /// Nothing yet: the read timed out, would block or was interrupted.
    Nothing,
    /// End of stream (`Ok(0)`): the peer closed the line.
    Closed,
}

/// Whether a read error only means "no data yet" (`TimedOut`, `WouldBlock`, `Interrupted`):
/// serial ports report their timeout as `TimedOut`, sockets with a read timeout as
/// `WouldBlock` on Unix, and a signal interrupts either.
pub fn is_no_data_yet(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
    )
}

/// Reads what is there now, up to `buf.len()` bytes, waiting at most the reader's own read
/// timeout. The one place that decides what a read result means: data, nothing yet, or the
/// end of the stream; any other error is returned as it is (see [`is_hangup`]).
pub fn read_available<R: Read + ?Sized>(r: &mut R, buf: &mut [u8]) -> io::Result<Available> {
    match r.read(buf) {
        Ok(0) if !buf.is_empty() => Ok(Available::Closed),
        Ok(0) => Ok(Available::Nothing),
        Ok(n) => Ok(Available::Bytes(n)),
        Err(e) if is_no_data_yet(&e) => Ok(Available::Nothing),
        Err(e) => Err(e),
    }
}

/// Outcome of reading one byte under a frame deadline.
pub enum ReadByte {
    Byte(u8),
    /// The deadline passed.
    Deadline,
}

/// The instant `after` from now, for a wait whose length came from outside (a flag, a file):
/// a length too large for the clock saturates to a century instead of overflowing.
pub fn deadline_after(after: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(after)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 24 * 3600)))
        .unwrap_or(now)
}

/// Reads one byte, waiting at most until `deadline` in total (not per read: a device that
/// trickles bytes cannot stretch the wait, reliability.md §2.1). Hang-ups become `BrokenPipe`.
pub fn read_byte_until(t: &mut dyn Transport, deadline: Instant) -> io::Result<ReadByte> {
    let mut b = [0u8; 1];
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Ok(ReadByte::Deadline);
        }
        t.set_read_timeout((deadline - now).min(Duration::from_millis(200)))?;
        match read_available(t, &mut b)? {
            Available::Bytes(_) => return Ok(ReadByte::Byte(b[0])),
            Available::Nothing => continue,
            Available::Closed => {
                return Err(io::Error::new(
                    io::ErrorKind::BrokenPipe,
                    "end of stream (hang-up)",
                ))
            }
        }
    }
}

/// Whether an I/O error means the device is gone (hang-up, unplug, closed socket).
pub fn is_hangup(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::BrokenPipe
            | io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::NotConnected
    ) || e.raw_os_error() == Some(5) // EIO after a tty hang-up
}
