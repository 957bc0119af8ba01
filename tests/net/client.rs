//! The bench's ISO 8583 client against the in-process host over loopback TCP: echo, every
//! rule action, reversal on timeout, and masking of every frame record.

use cardbench::codec::iso8583::{Framing, Packing};
use cardbench::host::rules::Rules;
use cardbench::host::{
    spawn_host_with, AuthRequest, EntryMode, HostClient, HostConfig, HostHandle, HostLink,
};
use cardbench::sensitive::{find_clear_pan, luhn_check_digit, Pan, Track2};
use cardbench::trace::{FrameRecord, FrameSink};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A Luhn-valid synthetic PAN from a prefix, 16 digits.
pub fn test_pan(prefix: &str) -> String {
    let mut p = prefix.to_string();
    while p.len() < 15 {
        p.push('0');
    }
    let d = luhn_check_digit(&p).unwrap();
    format!("{p}{d}")
}

pub fn host(rules: &str, framing: Framing, packing: Packing) -> HostHandle {
    let mut cfg = HostConfig::new("127.0.0.1:0", framing, packing);
    cfg.acquirer.rules = Rules::parse(rules).unwrap();
    spawn_host_with(cfg).unwrap()
}

pub fn link(h: &HostHandle, framing: Framing, packing: Packing, timeout_ms: u64) -> HostLink {
    HostLink {
        addr: h.addr().to_string(),
        framing,
        packing,
        timeout: Duration::from_millis(timeout_ms),
    }
}

pub fn recording_sink() -> (FrameSink, Arc<Mutex<Vec<FrameRecord>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let l2 = Arc::clone(&log);
    let sink: FrameSink = Arc::new(move |r| l2.lock().unwrap().push(r));
    (sink, log)
}

pub fn auth(pan: &str, amount_minor: u64) -> AuthRequest {
    AuthRequest {
        pan: Pan::new(pan),
        track2: Some(Track2::new(format!("{pan}=28122011234567890"))),
        expiry: Some("2812".into()),
        entry: EntryMode::Swipe,
        amount_minor,
        icc_data: None,
        card_seq: None,
    }
}

const RULES: &str = r#"
[[rule]]
name = "cents 51"
amount = ".51"
rc = "51"

[[rule]]
name = "BOC down"
bank = "BOC"
rc = "91"

[[rule]]
name = "card 0005 slow"
card = "LAST4"
delay_ms = 300

[[rule]]
name = "bin 625 silent"
bin = ["625000"]
action = "no_reply"

[[rule]]
name = "bin 626 hangs up"
bin = ["626000"]
action = "close"

[[rule]]
name = "bin 627 garbage"
bin = ["627000"]
action = "malformed"

[[rule]]
name = "maintenance"
bin = ["628000"]
time = "00:00-24:00"
rc = "90"
"#;

fn rules() -> String {
    RULES.replace("LAST4", &test_pan("629000")[12..])
}

#[test]
fn echo_and_rule_actions_both_packings() {
    for (framing, packing) in [
        (Framing::Len2, Packing::Ascii),
        (Framing::Cups, Packing::Cups),
        (Framing::Ascii4, Packing::Ascii),
    ] {
        let h = host(&rules(), framing, packing);
        let (sink, recs) = recording_sink();
        let (mut c, _ms) = HostClient::connect(&link(&h, framing, packing, 1000), sink).unwrap();
        let e = c.echo();
        assert_eq!(e.rc.as_deref(), Some("00"), "{framing:?} {e:?}");

        let a = c.authorise(&auth(&test_pan("622202"), 1000));
        assert_eq!(a.rc.as_deref(), Some("00"), "{a:?}");
        assert!(a.reversal.is_none());

        let a = c.authorise(&auth(&test_pan("622202"), 1251));
        assert_eq!(a.rc.as_deref(), Some("51"));
        assert_eq!(a.rc_info.unwrap().family, cardbench::model::Family::Acct);

        let a = c.authorise(&auth(&test_pan("621661"), 1000));
        assert_eq!(a.rc.as_deref(), Some("91"));
        assert_eq!(a.rc_info.unwrap().family, cardbench::model::Family::Bank);

        let a = c.authorise(&auth(&test_pan("629000"), 1000));
        assert_eq!(a.rc.as_deref(), Some("00"));
        assert!(a.latency_ms >= 290, "delay applied: {}", a.latency_ms);

        let a = c.authorise(&auth(&test_pan("628000"), 1000));
        assert_eq!(a.rc.as_deref(), Some("90"));

        // No reply: timeout, then the reversal 0400 DE39 98 is answered by a 0410.
        let a = c.authorise(&auth(&test_pan("625000"), 1000));
        assert!(a.timed_out, "{a:?}");
        assert_eq!(a.rc, None);
        let r = a.reversal.unwrap();
        assert!(r.sent && r.answered, "{r:?}");
        assert_eq!(r.reason, "98");
        assert_eq!(r.rc.as_deref(), Some("00"));

        // Malformed reply: an error, and a reversal with reason 06.
        let a = c.authorise(&auth(&test_pan("627000"), 1000));
        assert!(a.error.as_deref().unwrap().contains("malformed"), "{a:?}");
        assert_eq!(a.reversal.unwrap().reason, "06");

        // Closed connection: the reversal goes out on a new connection.
        let a = c.authorise(&auth(&test_pan("626000"), 1000));
        assert!(a.error.as_deref().unwrap().contains("closed"), "{a:?}");
        let r = a.reversal.unwrap();
        assert!(r.sent && r.answered, "{r:?}");

        // And the link still works afterwards.
        assert_eq!(c.echo().rc.as_deref(), Some("00"));

        // Nothing recorded or logged shows a PAN or track data in clear.
        let recs = recs.lock().unwrap();
        assert!(recs.len() > 15);
        for r in recs.iter() {
            let text = format!("{} | {} | {}", r.hex, r.ascii, r.layers.join(" | "));
            assert!(find_clear_pan(&text).is_none(), "{text}");
            assert!(!text.contains("=28122011234567890"), "{text}");
        }
        assert!(recs
            .iter()
            .any(|r| r.layers.iter().any(|l| l.contains("0200 purchase"))));
        let log = h.log_lines();
        assert!(log[0].contains("MACs are checked"), "{}", log[0]);
        for l in &log {
            assert!(find_clear_pan(l).is_none(), "{l}");
        }
        assert!(log.iter().any(|l| l.contains("[BOC down]")), "{log:?}");
        assert!(log.iter().any(|l| l.contains("0400 reversal")), "{log:?}");
    }
}

#[test]
fn host_link_parsing() {
    let l = HostLink::parse("10.0.0.5:5800?framing=cups&packing=cups&timeout_ms=1500").unwrap();
    assert_eq!(l.framing, Framing::Cups);
    assert_eq!(l.packing, Packing::Cups);
    assert_eq!(l.timeout, Duration::from_millis(1500));
    let l = HostLink::parse("localhost:5800").unwrap();
    assert_eq!((l.framing, l.packing), (Framing::Len2, Packing::Ascii));
    assert!(HostLink::parse("nohost").is_err());
    assert!(HostLink::parse("h:1?framing=x").is_err());
}

#[test]
fn sim_host_argument_and_fixture_rules() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/hosts/one-bank-down.toml"
    );
    let (l, h) = cardbench::host::HostSpec::parse(&format!("sim:{path}"))
        .unwrap()
        .start()
        .unwrap();
    assert!(h.is_some());
    let (mut c, _) = HostClient::connect(&l, cardbench::trace::null_sink()).unwrap();
    assert_eq!(
        c.authorise(&auth(&test_pan("621661"), 100)).rc.as_deref(),
        Some("91")
    );
    assert_eq!(
        c.authorise(&auth(&test_pan("622202"), 100)).rc.as_deref(),
        Some("00")
    );
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/hosts/approve-all.toml"
    );
    let (l, _h) = cardbench::host::HostSpec::parse(&format!("sim:{path}"))
        .unwrap()
        .start()
        .unwrap();
    let (mut c, _) = HostClient::connect(&l, cardbench::trace::null_sink()).unwrap();
    assert_eq!(
        c.authorise(&auth(&test_pan("621661"), 100)).rc.as_deref(),
        Some("00")
    );
    assert!(cardbench::host::HostSpec::parse("sim:/no/such/rules.toml")
        .unwrap()
        .start()
        .is_err());
}

#[test]
fn chip_request_carries_de55_and_connect_refused_is_an_error() {
    let h = host("", Framing::Cups, Packing::Cups);
    let (mut c, _) = HostClient::connect(
        &link(&h, Framing::Cups, Packing::Cups, 1000),
        cardbench::trace::null_sink(),
    )
    .unwrap();
    let mut r = auth(&test_pan("621661"), 100);
    r.entry = EntryMode::Chip;
    r.card_seq = Some(1);
    r.icc_data = Some(vec![0x9F, 0x27, 0x01, 0x80, 0x95, 0x05, 0, 0, 0, 0, 0]);
    assert_eq!(c.authorise(&r).rc.as_deref(), Some("00"));
    let addr = h.addr().to_string();
    drop(c);
    drop(h);
    let l = HostLink {
        addr,
        framing: Framing::Cups,
        packing: Packing::Cups,
        timeout: Duration::from_millis(300),
    };
    assert!(HostClient::connect(&l, cardbench::trace::null_sink()).is_err());
}

/// A relay on loopback between a client and `h` (Len2 framing, ASCII packing) that holds the
/// host's answer to a 0200 until the client's next request has reached the host, then delivers
/// it just before that request's answer: the approval arrives after the client gave up, by
/// construction rather than by a race between two clocks on a loaded machine.
fn holding_relay(h: &HostHandle) -> std::net::SocketAddr {
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    fn frame(s: &mut TcpStream) -> Option<Vec<u8>> {
        let mut f = vec![0u8; 2];
        s.read_exact(&mut f).ok()?;
        let n = usize::from(u16::from_be_bytes([f[0], f[1]]));
        f.resize(2 + n, 0);
        s.read_exact(&mut f[2..]).ok()?;
        Some(f)
    }
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let upstream = h.addr().to_string();
    std::thread::spawn(move || {
        let (mut client, _) = l.accept().unwrap();
        let mut host = TcpStream::connect(upstream).unwrap();
        let mut held: Option<Vec<u8>> = None;
        while let Some(req) = frame(&mut client) {
            host.write_all(&req).unwrap();
            let Some(answer) = frame(&mut host) else {
                return;
            };
            if req.get(2..6) == Some(b"0200".as_slice()) {
                held = Some(answer);
                continue;
            }
            if let Some(late) = held.take() {
                client.write_all(&late).unwrap();
            }
            client.write_all(&answer).unwrap();
        }
    });
    addr
}

#[test]
fn late_approval_still_gets_reversed() {
    // The host's approval arrives after the client's timeout: the client must reverse anyway
    // and must not take the late 0210 for the 0410. The relay holds the 0210 until the 0400
    // is on its way (a host `delay_ms` would race the client's clock under load).
    let h = host("", Framing::Len2, Packing::Ascii);
    let (sink, recs) = recording_sink();
    let mut l = link(&h, Framing::Len2, Packing::Ascii, 1000);
    l.addr = holding_relay(&h).to_string();
    let (mut c, _) = HostClient::connect(&l, sink).unwrap();
    let a = c.authorise(&auth(&test_pan("622202"), 100));
    assert!(a.timed_out && a.rc.is_none(), "{a:?}");
    let r = a.reversal.unwrap();
    assert!(r.sent && r.answered, "{r:?}");
    assert_eq!(r.reason, "98");
    let notes: Vec<String> = recs
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r.dir == cardbench::trace::Direction::Note)
        .flat_map(|r| r.layers.clone())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("skipped 0210")),
        "{notes:?}"
    );
}

/// An authorisation the host holds far past the client's timeout, then the reversal on the
/// same connection: with `concurrent_requests` the host answers the 0400 at once, although the
/// 0200 before it is still waiting out its delay.
fn reversal_behind_a_held_authorisation(concurrent: bool) -> cardbench::host::ReversalOutcome {
    let rules = format!(
        "concurrent_requests = {concurrent}\n[[rule]]\nname = \"held\"\nmti = \"0200\"\ndelay_ms = 5000\n"
    );
    let h = host(&rules, Framing::Len2, Packing::Ascii);
    let (sink, _) = recording_sink();
    let (mut c, _) =
        HostClient::connect(&link(&h, Framing::Len2, Packing::Ascii, 400), sink).unwrap();
    let a = c.authorise(&auth(&test_pan("622202"), 100));
    assert!(a.timed_out && a.rc.is_none(), "{a:?}");
    a.reversal.unwrap()
}

#[test]
fn concurrent_host_answers_the_reversal_while_the_authorisation_is_held() {
    let r = reversal_behind_a_held_authorisation(true);
    assert!(r.sent && r.answered, "{r:?}");
    assert_eq!(r.rc.as_deref(), Some("00"));
}

#[test]
fn in_order_host_leaves_the_reversal_behind_the_held_authorisation() {
    // The default: requests of one connection are answered in order, so the 0410 comes only
    // after the held 0210, too late for the terminal (reported as an unanswered reversal).
    let r = reversal_behind_a_held_authorisation(false);
    assert!(r.sent && !r.answered, "{r:?}");
}
