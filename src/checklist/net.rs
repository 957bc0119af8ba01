//! The run's session with the acquirer host (`crate::host`): connects on first use and again
//! after a broken exchange, and hands the client's outcomes to the network judge.

use super::stop::Stop;
use crate::host::{
    AuthOutcome, AuthRequest, BenchIdentity, EchoOutcome, HostClient, HostHandle, HostLink,
    HostSpec, ReversalOutcome,
};
use crate::trace::FrameSink;

/// A session with the acquirer host (or with the in-process host simulator).
pub(crate) struct HostSession {
    link: HostLink,
    client: Option<HostClient>,
    sink: FrameSink,
    /// Keeps the in-process host simulator running (`--host sim`).
    _sim: Option<HostHandle>,
    connect_ms: Option<u64>,
    /// The terminal id and STAN base the next connection uses; a dropped connection leaves
    /// its last STAN here, so a reconnect goes on with the sequence.
    id: BenchIdentity,
}

impl HostSession {
    /// Sets up the host the run asks for (starting the simulator for `sim` specs). A host that
    /// cannot be reached is not an error here: the connect row records it (NET); a spec that
    /// cannot be started (bad rules file) is.
    pub(crate) fn start(
        spec: &HostSpec,
        sink: FrameSink,
        id: BenchIdentity,
    ) -> Result<HostSession, Stop> {
        let (link, sim) = spec.start().map_err(|err| {
            Stop::CouldNotRun(crate::i18n::Text::each(|lang| {
                let spec = spec.to_string();
                crate::i18n::t!(lang, "run-end-host", host = spec, reason = err.text(lang))
                    .into_owned()
            }))
        })?;
        Ok(HostSession {
            link,
            client: None,
            sink,
            _sim: sim,
            connect_ms: None,
            id,
        })
    }

    /// The host's address (`127.0.0.1:40631`).
    pub(crate) fn addr(&self) -> &str {
        &self.link.addr
    }

    /// Connects unless connected: `Ok(connect time in ms)`, or `Err(why the host is down)`.
    pub(crate) fn connect(&mut self) -> Result<Option<u64>, String> {
        if self.client.is_some() {
            return Ok(self.connect_ms);
        }
        match HostClient::connect_as(&self.link, self.sink.clone(), &self.id) {
            Ok((c, ms)) => {
                self.client = Some(c);
                self.connect_ms = Some(ms);
                Ok(self.connect_ms)
            }
            Err(err) => Err(err.to_string()),
        }
    }

    /// One echo test (0800/301) on the connection; `None` when not connected. A missing reply
    /// drops the connection.
    pub(crate) fn echo(&mut self) -> Option<EchoOutcome> {
        let out = self.client.as_mut()?.echo();
        if out.rc.is_none() {
            self.drop_client();
        }
        Some(out)
    }

    /// One authorisation (connecting first if needed); `Err(why the host is down)`. A bad or
    /// missing reply other than a timeout drops the connection: its state is unknown.
    pub(crate) fn authorise(&mut self, req: &AuthRequest) -> Result<AuthOutcome, String> {
        self.connect()?;
        let Some(c) = self.client.as_mut() else {
            return Err("not connected".into());
        };
        let out = c.authorise(req);
        if out.rc.is_none() && !out.timed_out {
            self.drop_client();
        }
        Ok(out)
    }

    /// Reverses the last authorisation on the connection (`HostClient::reverse_last`); `None`
    /// when not connected or nothing is left to reverse.
    pub(crate) fn reverse_last(&mut self, reason: &str) -> Option<ReversalOutcome> {
        self.client.as_mut()?.reverse_last(reason)
    }

    /// Drops the connection, keeping where its STAN sequence got to.
    fn drop_client(&mut self) {
        if let Some(c) = self.client.take() {
            self.id.stan_base = c.last_stan();
        }
    }
}
