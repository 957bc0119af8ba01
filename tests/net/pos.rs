//! The POS simulator against the bench playing host (`pos8583`) over a real pseudo-terminal,
//! and against the TCP host simulator: judgements of framing, software version, STAN and
//! reversal on timeout; nothing recorded shows a PAN in clear.

use cardbench::host::pos8583::{PosFinding, PosHostConfig, PosSession};
use cardbench::host::rules::Rules;
use cardbench::link::pty_pair;
use cardbench::sensitive::find_clear_pan;
use cardbench::sim::pos::{PosCardResult, PosScenario, PosSim};
use serialport::SerialPort;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

fn scenario(name: &str) -> PosScenario {
    let p = format!("{}/fixtures/iso8583/{name}", env!("CARGO_MANIFEST_DIR"));
    PosScenario::load(std::path::Path::new(&p)).unwrap()
}

fn run(
    sc: PosScenario,
    rules: &str,
    min_version: Option<&str>,
) -> (Vec<PosCardResult>, PosSession, Vec<String>) {
    let (mut master, mut slave) = pty_pair().unwrap();
    master.set_timeout(Duration::from_millis(20)).unwrap();
    slave.set_timeout(Duration::from_millis(20)).unwrap();
    let pos = std::thread::spawn(move || {
        let stop = AtomicBool::new(false);
        let mut lines = Vec::new();
        let res = PosSim::new(&sc, cardbench::device::emv::pos_kernel)
            .play(&mut master, &stop, &mut |l| lines.push(l))
            .unwrap();
        // Keep the line open until the bench has seen the last frame.
        std::thread::sleep(Duration::from_millis(300));
        (res, lines)
    });
    let cfg = PosHostConfig {
        acquirer: cardbench::host::acquirer::AcquirerConfig {
            rules: Rules::parse(rules).unwrap(),
            ..Default::default()
        },
        min_version: min_version.map(str::to_string),
        ..PosHostConfig::default()
    };
    let mut session = PosSession::new(cfg);
    let recs = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let r2 = std::sync::Arc::clone(&recs);
    let sink: cardbench::trace::FrameSink =
        std::sync::Arc::new(move |r| r2.lock().unwrap().push(r));
    session
        .serve(
            &mut slave,
            &sink,
            Duration::from_millis(1500),
            Instant::now() + Duration::from_secs(20),
        )
        .unwrap();
    let (res, lines) = pos.join().unwrap();
    for r in recs.lock().unwrap().iter() {
        let t = format!("{} {} {:?}", r.hex, r.ascii, r.layers);
        assert!(find_clear_pan(&t).is_none(), "{t}");
    }
    (res, session, lines)
}

fn finding<'a>(f: &'a [PosFinding], check: &str) -> Vec<&'a PosFinding> {
    f.iter().filter(|x| x.check == check).collect()
}

#[test]
fn good_pos_reverses_after_a_timeout() {
    let rules = "[[rule]]\nname = \"BOC silent\"\nbank = \"BOC\"\naction = \"no_reply\"\n";
    let mut sc = scenario("pos-default.toml");
    sc.pos.timeout_ms = 500;
    let (res, session, lines) = run(sc, rules, Some("31/311003"));
    assert_eq!(res.len(), 3, "{lines:?}");
    assert_eq!(res[0].rc.as_deref(), Some("00"));
    assert!(
        res[1].timed_out && res[1].reversal_sent && res[1].reversal_answered,
        "{:?}",
        res[1]
    );
    let f = session.findings();
    assert!(finding(&f, "framing")[0].ok, "{f:?}");
    assert!(finding(&f, "software version")[0].ok, "{f:?}");
    assert!(finding(&f, "STAN")[0].ok, "{f:?}");
    let rev = finding(&f, "reversal on timeout");
    assert_eq!(rev.len(), 1);
    assert!(rev[0].ok, "{f:?}");
    let tx: Vec<_> = finding(&f, "transaction");
    assert_eq!(tx.len(), 3);
    assert!(
        tx[0].detail.en.contains("chip")
            && tx[0].detail.en.contains("ICBC")
            && tx[0].detail.en.contains("TVR 0000000000"),
        "{:?}",
        tx[0]
    );
    assert!(
        tx[1].detail.en.contains("swipe") && tx[1].detail.en.contains("621661******0003"),
        "{:?}",
        tx[1]
    );
    assert!(tx[2].detail.en.contains("fallback"), "{:?}", tx[2]);
    assert_eq!(
        session.requests[0].software_version.as_deref(),
        Some("31/311003")
    );
}

#[test]
fn defective_pos_is_caught() {
    let rules = "[[rule]]\nbank = \"BOC\"\naction = \"no_reply\"\n";
    let (res, session, _) = run(scenario("pos-defects.toml"), rules, Some("31/311003"));
    assert!(res[1].timed_out && !res[1].reversal_sent);
    let f = session.findings();
    let v = finding(&f, "software version");
    assert!(!v[0].ok && v[0].detail.en.contains("30/300001"), "{f:?}");
    let s = finding(&f, "STAN");
    assert!(!s[0].ok && s[0].detail.en.contains("000041"), "{f:?}");
    let r = finding(&f, "reversal on timeout");
    assert!(
        !r[0].ok && r[0].detail.en.contains("never reversed"),
        "{f:?}"
    );
    assert_eq!(r[0].family, cardbench::model::Family::TermSw);
}

#[test]
fn wrong_framing_is_explained() {
    let sc = scenario("pos-wrong-framing.toml");
    let (res, session, _) = run(sc, "", None);
    assert!(res.iter().all(|r| r.rc.is_none()));
    let f = session.findings();
    let fr = finding(&f, "framing");
    assert!(!fr[0].ok, "{f:?}");
    assert!(
        fr[0].detail.en.contains("no TPDU") || fr[0].detail.en.contains("TPDU"),
        "{:?}",
        fr[0]
    );
}

#[test]
fn pos_sim_against_the_tcp_host() {
    use cardbench::codec::iso8583::{Framing, Packing};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/hosts/one-bank-down.toml"
    );
    let h = cardbench::host::spawn_host("127.0.0.1:0", Some(path), Framing::Cups, Packing::Cups)
        .unwrap();
    let sc = scenario("pos-default.toml");
    let mut s = std::net::TcpStream::connect(h.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
    let stop = AtomicBool::new(false);
    let res = PosSim::new(&sc, cardbench::device::emv::pos_kernel)
        .play(&mut s, &stop, &mut |_| {})
        .unwrap();
    let rcs: Vec<_> = res
        .iter()
        .map(|r| r.rc.clone().unwrap_or_default())
        .collect();
    assert_eq!(rcs, ["00", "91", "00"]);
    let log = h.log_lines().join("\n");
    assert!(log.contains("sw 31/311003"), "{log}");
    assert!(find_clear_pan(&log).is_none());
}

#[test]
fn pos_dials_the_bench_over_tcp_and_over_a_serial_path() {
    // TCP: the POS dials the bench, which plays host with pos8583.
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    let pos = std::thread::spawn(move || {
        let sc = scenario("pos-default.toml");
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        PosSim::new(&sc, cardbench::device::emv::pos_kernel)
            .play(&mut s, &AtomicBool::new(false), &mut |_| {})
            .unwrap()
    });
    let session = cardbench::host::pos8583::serve_tcp(
        &l,
        PosHostConfig::default(),
        &cardbench::trace::null_sink(),
        Duration::from_millis(800),
        Instant::now() + Duration::from_secs(10),
    )
    .unwrap();
    assert_eq!(pos.join().unwrap().len(), 3);
    assert_eq!(session.requests.len(), 4, "sign-on + 3 purchases");

    // Serial: the bench opens the pty slave by its path, as it would /dev/ttyUSB0.
    let (mut master, slave) = pty_pair().unwrap();
    master.set_timeout(Duration::from_millis(20)).unwrap();
    let path = slave.name().unwrap();
    let pos = std::thread::spawn(move || {
        let mut sc = scenario("pos-default.toml");
        sc.pos.start_delay_ms = 300;
        let r = PosSim::new(&sc, cardbench::device::emv::pos_kernel)
            .play(&mut master, &AtomicBool::new(false), &mut |_| {})
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        drop(slave);
        r
    });
    let session = cardbench::host::pos8583::serve_serial(
        &path,
        9600,
        PosHostConfig::default(),
        &cardbench::trace::null_sink(),
        Duration::from_millis(1500),
        Instant::now() + Duration::from_secs(10),
    )
    .unwrap();
    let res = pos.join().unwrap();
    assert!(res.iter().all(|r| r.rc.as_deref() == Some("00")), "{res:?}");
    assert!(
        session.findings().iter().all(|f| f.ok),
        "{:?}",
        session.findings()
    );
}

/// `cardbench sim pos --scenario NAME` takes the built-in names `pos8583:sim:NAME` takes.
#[test]
fn sim_pos_takes_a_builtin_scenario_name() {
    use cardbench::codec::iso8583::{Framing, Packing};
    let h = cardbench::host::spawn_host("127.0.0.1:0", None, Framing::Cups, Packing::Cups).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["sim", "pos", "--scenario", "pos-bench", "--connect"])
        .arg(h.addr().to_string())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("STAN"), "{err}");
    assert!(find_clear_pan(&err).is_none(), "{err}");
}

/// A QA line starts the host and the terminals at once: `sim pos --connect` keeps dialling
/// (backoff, up to `--connect-wait`) until the host listens, instead of giving up at the first
/// refusal; with `--connect-wait 0` it gives up at once (exit 2, the one-line error).
#[test]
fn sim_pos_waits_for_a_host_that_starts_later() {
    use cardbench::codec::iso8583::{Framing, Packing};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let sim = |wait: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_cardbench"))
            .args(["sim", "pos", "--scenario", "pos-bench", "--connect", &addr])
            .args(["--connect-wait", wait])
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let o = sim("0").wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Dialling first; the host comes up a moment later on the same port.
    let child = sim("60");
    std::thread::sleep(Duration::from_millis(700));
    let _h = cardbench::host::spawn_host(&addr, None, Framing::Cups, Packing::Cups).unwrap();
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("dialling again"), "{err}");
    assert!(err.contains("STAN"), "{err}");
}

/// Plays `sc` alone against the built-in CUPS host over TCP: the results, the POS's lines and
/// the host's log.
fn sell_to_the_tcp_host(sc: &PosScenario) -> (Vec<PosCardResult>, Vec<String>, String) {
    use cardbench::codec::iso8583::{Framing, Packing};
    let h = cardbench::host::spawn_host("127.0.0.1:0", None, Framing::Cups, Packing::Cups).unwrap();
    let mut s = std::net::TcpStream::connect(h.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
    let mut lines = Vec::new();
    let res = PosSim::new(sc, cardbench::device::emv::pos_kernel)
        .play(&mut s, &AtomicBool::new(false), &mut |l| lines.push(l))
        .unwrap();
    (res, lines, h.log_lines().join("\n"))
}

/// Every one of five chip sales went through with the ODA result `oda`, TVR all zero, and the
/// host found each ARQC right.
fn five_chip_sales_approved(res: &[PosCardResult], lines: &[String], log: &str, oda: &str) {
    assert_eq!(res.len(), 5, "{lines:?}");
    for r in res {
        let chip = r.chip.as_ref().unwrap();
        assert_eq!(chip.outcome, "ok", "{lines:?}");
        assert_eq!(chip.oda.get(cardbench::i18n::Lang::En), oda, "{lines:?}");
        assert_eq!(chip.tvr.as_deref(), Some("0000000000"));
        assert_eq!(r.rc.as_deref(), Some("00"), "{lines:?}");
    }
    assert_eq!(log.matches("ARQC ok").count(), 5, "{log}");
}

/// The simulated POS runs the bench's own EMV flow on its cards' chips (issue 11, deliverable
/// 4): each chip sale's DE55 holds the TVR and TSI the flow computed (DDA passed under the
/// downloaded test CA key) and an ARQC the host recomputes with the test issuer key, answering
/// an ARPC in tag 91.
#[test]
fn chip_sales_carry_an_arqc_the_host_verifies() {
    let sc = PosScenario::resolve("pos-bench").unwrap();
    let (res, lines, log) = sell_to_the_tcp_host(&sc);
    five_chip_sales_approved(&res, &lines, &log, "DDA ok");
    assert!(!log.contains("ARQC wrong"), "{log}");
    assert!(find_clear_pan(&log).is_none());
    assert!(lines.iter().all(|l| find_clear_pan(l).is_none()));
}

/// The simulated POS with CDA cards (AIP `7D00`): no INTERNAL AUTHENTICATE, each GENERATE AC
/// signed, the ARQC recovered from the signature verified by the host, and the TC of GENERATE
/// AC 2 signed too.
#[test]
fn chip_sales_with_cda_cards() {
    let mut sc = PosScenario::resolve("pos-bench").unwrap();
    for c in &mut sc.cards {
        c.aip = "7D00".into();
    }
    let (res, lines, log) = sell_to_the_tcp_host(&sc);
    five_chip_sales_approved(&res, &lines, &log, "CDA ok");
    for r in &res {
        let online = r.chip.as_ref().and_then(|c| c.online.as_ref()).unwrap();
        assert_eq!(online.cid2.as_deref(), Some("40"), "{online:?}");
        assert!(online.tvr.starts_with("00"), "{online:?}");
    }
}
