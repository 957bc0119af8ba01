//! The acquirer host simulator's configuration: where it listens, what answers
//! (`acquirer::Acquirer`), the framing and packing, and the limits of its connection handling
//! (`server_net`: one thread for every terminal, idle and frame timeouts, per-peer cap).

use super::acquirer::{AcquirerConfig, Exchange};
use crate::codec::iso8583::framing::Framing;
use crate::codec::iso8583::Packing;
use std::sync::Arc;
use std::time::Duration;

/// Where log lines go (already masked).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// Where the facts of each exchange go (the checklist's POS judge).
pub type ExchangeSink = Arc<dyn Fn(Exchange) + Send + Sync>;

/// Default cap on open connections (a QA line of several hundred terminals, with room).
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;
/// Default cap on connections from one IP address.
pub const DEFAULT_MAX_PER_PEER: usize = 1024;
/// Default idle timeout: terminals connect per transaction or echo well within it.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);

/// Everything the host needs to run.
#[derive(Clone)]
pub struct HostConfig {
    pub listen: String,
    /// What to answer: rules, keys, parameters, the deck's PINs.
    pub acquirer: AcquirerConfig,
    pub framing: Framing,
    pub packing: Packing,
    /// Connections open at once. At the cap a new connection closes the longest-idle one;
    /// when none is idle it is refused (logged).
    pub max_connections: usize,
    /// Connections open at once from one IP address (terminals behind one NAT share one), with
    /// the same eviction of the peer's longest-idle connection.
    pub max_per_peer: usize,
    /// A connection that sends no byte of a new frame for this long is closed.
    pub idle_timeout: Duration,
    /// A frame whose first byte arrived must be complete within this (slow senders).
    pub frame_timeout: Duration,
    /// A reply the terminal does not take within this closes the connection.
    pub write_timeout: Duration,
    /// Extra log destination (stdout for `cardbench host`); the handle keeps recent lines too.
    pub log: Option<LogSink>,
    /// Receives every exchange's facts (for a checklist run playing host).
    pub exchanges: Option<ExchangeSink>,
    /// Receives every frame in and out, masked (the run's link timeline).
    pub frames: Option<crate::trace::FrameSink>,
}

impl HostConfig {
    pub fn new(listen: &str, framing: Framing, packing: Packing) -> HostConfig {
        HostConfig {
            listen: listen.to_string(),
            acquirer: AcquirerConfig::default(),
            framing,
            packing,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_per_peer: DEFAULT_MAX_PER_PEER,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            frame_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            log: None,
            exchanges: None,
            frames: None,
        }
    }
}
