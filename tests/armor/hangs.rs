//! Hangs (issue 18, kind 2): every loop over input makes progress and every wait honours the
//! stop flag. Each test bounds its own wait and fails, rather than hanging, when a fix
//! regresses.

use crate::common::{file, fixture_with, run_headless, texts};
use cardbench::codec::iso8583::{encode, framing, Framing, Message, Packing};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `f` on a thread; fails the test when it has not returned within `bound`.
fn within<T: Send + 'static>(bound: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(bound)
        .unwrap_or_else(|_| panic!("still running after {bound:?}: a loop that makes no progress"))
}

#[test]
fn an_empty_de55_in_a_host_reply_is_logged_not_looped_over() {
    let mut m = Message::new("0810")
        .with(11, "000001")
        .with(39, "00")
        .with(70, "301");
    m.set_bytes(55, Vec::new());
    for (packing, fr) in [
        (Packing::Cups, Framing::Cups),
        (Packing::Ascii, Framing::Len2),
    ] {
        let body = encode(&m, packing).unwrap();
        let raw = framing::wrap(fr, None, &body);
        let r = within(Duration::from_secs(30), move || {
            cardbench::host::wire::record(
                "host",
                cardbench::trace::Direction::Rx,
                &raw,
                fr,
                packing,
            )
        });
        assert!(
            r.layers.iter().any(|l| l.starts_with("0810")),
            "{:?}",
            r.layers
        );
    }
}

#[test]
fn a_simulator_thinking_for_ten_minutes_does_not_keep_the_run_alive() {
    let d = tempfile::tempdir().unwrap();
    let sc = fixture_with("scenarios/crt310-default.toml", "think_time_ms", "600000");
    let p = file(d.path(), "slow.toml", sc);
    let dir = d.path().to_path_buf();
    let o = within(Duration::from_secs(120), move || {
        run_headless(&dir, &format!("crt310:sim:{}", p.display()), &[])
    });
    let (out, err) = texts(&o);
    assert_eq!(o.status.code(), Some(1), "{out}\n{err}");
    assert!(out.contains("FAIL"), "{out}");
    for f in ["attempts.csv", "cards.csv", "banks.csv", "diagnosis.csv"] {
        assert!(d.path().join("out").join(f).is_file(), "{f} written");
    }
}
