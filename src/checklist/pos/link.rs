//! The run's link to a whole POS terminal: the bench plays its acquirer host on the terminal's
//! host line — TCP (`pos8583:tcp-listen:HOST:PORT`, the terminal dials in), a serial line
//! (`pos8583:/dev/ttyUSB0`) or the built-in simulated terminal on a pseudo-terminal
//! (`pos8583:sim[:SCENARIO]`, whose operator the bench drives too). Every exchange's facts
//! arrive on a channel; the host threads stop and are joined when the link is dropped.

use crate::codec::iso8583::{Framing, Packing};
use crate::device::Target;
use crate::host::acquirer::{Acquirer, AcquirerConfig, Exchange};
use crate::host::pos8583::{serve_stream, Line, Served};
use crate::host::{spawn_host_with, HostConfig, HostHandle};
use crate::i18n::Text;
use crate::sim::pos::{PosAction, PosScenario, PosSim, Shown};
use crate::trace::FrameSink;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The simulated terminal's operator: actions in, what the screen showed out.
struct Robot {
    actions: Sender<PosAction>,
    shown: Receiver<Shown>,
}

/// A live link to one POS terminal.
pub(crate) struct PosLink {
    rx: Receiver<Exchange>,
    robot: Option<Robot>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
    _host: Option<HostHandle>,
    /// What the link resolved to, in no language (the screen names the kind of link in the
    /// operator's, `link_kind`): the address bound (`127.0.0.1:5800`), the line settings
    /// (`9600 8N1`), nothing for the simulator.
    pub description: String,
}

impl Drop for PosLink {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.robot = None;
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn line(link: &str) -> Line {
    Line {
        framing: Framing::Cups,
        packing: Packing::Cups,
        link: link.to_string(),
    }
}

/// Serves a POS line on its own thread until `stop`.
fn spawn_server<S: std::io::Read + std::io::Write + Send + 'static>(
    mut s: S,
    acquirer: Acquirer,
    link: &str,
    sink: FrameSink,
    tx: Sender<Exchange>,
    stop: Arc<AtomicBool>,
) -> std::io::Result<JoinHandle<()>> {
    let line = line(link);
    std::thread::Builder::new()
        .name("pos-host".into())
        .spawn(move || {
            let far = Instant::now() + Duration::from_secs(365 * 24 * 3600);
            while !stop.load(Ordering::Relaxed) {
                let r = serve_stream(
                    &mut s,
                    &acquirer,
                    &line,
                    &sink,
                    Duration::from_secs(3600),
                    far,
                    &|| stop.load(Ordering::Relaxed),
                    &mut |x| {
                        if let Served::Exchange { exchange, .. } = x {
                            let _ = tx.send(*exchange);
                        }
                    },
                );
                if r.is_err() {
                    // A serial line that went away: wait and try the same handle again.
                    std::thread::sleep(Duration::from_millis(200));
                }
            }
        })
}

impl PosLink {
    /// Opens the link `target` names, answering with `cfg`.
    pub(crate) fn open(
        target: &Target,
        baud: Option<u32>,
        cfg: AcquirerConfig,
        sink: FrameSink,
    ) -> Result<PosLink, Text> {
        let (tx, rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let mut link = PosLink {
            rx,
            robot: None,
            stop: stop.clone(),
            threads: Vec::new(),
            _host: None,
            description: String::new(),
        };
        match target {
            Target::TcpListen(addr) => {
                let mut hc = HostConfig::new(addr, Framing::Cups, Packing::Cups);
                hc.acquirer = cfg;
                let tx = Mutex::new(tx);
                hc.exchanges = Some(Arc::new(move |ex| {
                    if let Ok(t) = tx.lock() {
                        let _ = t.send(ex);
                    }
                }));
                hc.frames = Some(sink);
                let h = spawn_host_with(hc).map_err(|e| Text::each(|l| e.text(l)))?;
                link.description = h.addr().to_string();
                link._host = Some(h);
            }
            Target::Tcp(_) | Target::Rfc2217(_) => return Err(Text::tr("run-end-pos-target")),
            Target::Serial(path) => {
                use crate::link::{LineSettings, SerialTransport, Transport};
                let line = LineSettings {
                    baud: baud.unwrap_or(9600),
                    ..LineSettings::default()
                };
                let mut t = SerialTransport::open(path, &line).map_err(|e| io_said(&e))?;
                t.set_read_timeout(Duration::from_millis(50))
                    .map_err(|e| io_said(&e))?;
                link.description = format!("{} 8N1", line.baud);
                let th = spawn_server(t, Acquirer::new(cfg), path, sink, tx, stop)
                    .map_err(|e| io_said(&e))?;
                link.threads.push(th);
            }
            Target::Sim(scenario) => link.start_sim(scenario.as_deref(), cfg, sink, tx)?,
        }
        Ok(link)
    }

    /// The simulated terminal on the master side of a pseudo-terminal, the host on the slave.
    fn start_sim(
        &mut self,
        scenario: Option<&str>,
        cfg: AcquirerConfig,
        sink: FrameSink,
        tx: Sender<Exchange>,
    ) -> Result<(), Text> {
        let sc = PosScenario::resolve(scenario.unwrap_or("pos-bench"))
            .map_err(|e| Text::each(|l| e.text(l)))?;
        let (mut master, mut slave) = crate::link::pty_pair().map_err(|e| io_said(&e))?;
        serialport::SerialPort::set_timeout(&mut master, Duration::from_millis(20))
            .map_err(|e| io_said(&e.into()))?;
        serialport::SerialPort::set_timeout(&mut slave, Duration::from_millis(20))
            .map_err(|e| io_said(&e.into()))?;
        let (atx, arx) = channel();
        let (stx, srx) = channel();
        let stop = self.stop.clone();
        let sim = std::thread::Builder::new()
            .name("sim-pos".into())
            .spawn(move || {
                let mut pos = PosSim::new(&sc, crate::device::emv::pos_kernel);
                let _ = pos.serve(&mut master, &arx, &stx, &stop);
            })
            .map_err(|e| io_said(&e))?;
        self.threads.push(sim);
        let th = spawn_server(
            slave,
            Acquirer::new(cfg),
            "pos8583:sim",
            sink,
            tx,
            self.stop.clone(),
        )
        .map_err(|e| io_said(&e))?;
        self.threads.push(th);
        self.robot = Some(Robot {
            actions: atx,
            shown: srx,
        });
        Ok(())
    }

    /// Whether the terminal is the simulator (the bench plays its operator).
    pub(crate) fn simulated(&self) -> bool {
        self.robot.is_some()
    }

    /// Asks the simulated terminal's operator to act; false for a real terminal.
    pub(crate) fn act(&self, a: PosAction) -> bool {
        self.robot
            .as_ref()
            .is_some_and(|r| r.actions.send(a).is_ok())
    }

    /// What the simulated terminal showed after the last action (None: a real terminal, or
    /// nothing before `until`).
    pub(crate) fn shown(&self, until: Instant) -> Option<Shown> {
        let r = self.robot.as_ref()?;
        let wait = until.saturating_duration_since(Instant::now());
        r.shown.recv_timeout(wait).ok()
    }

    /// The next exchange, waiting until `until`.
    pub(crate) fn next(&self, until: Instant) -> Option<Exchange> {
        let wait = until.saturating_duration_since(Instant::now());
        self.rx.recv_timeout(wait).ok()
    }

    /// Exchanges already received, without waiting.
    pub(crate) fn drain(&self) -> Vec<Exchange> {
        self.rx.try_iter().collect()
    }
}

/// An i/o failure said in both languages (by kind, `i18n::io_text`).
fn io_said(e: &std::io::Error) -> Text {
    Text::each(|lang| crate::i18n::io_text(e, lang))
}
