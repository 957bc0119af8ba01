//! `cardbench host` and the simulator's rules: the documented example loads and behaves,
//! bad rules files exit 2, framing problems are explained in the log.

use crate::client::{auth, host, link, test_pan};
use cardbench::codec::iso8583::{Framing, Packing};
use cardbench::host::rules::{Action, Context, Rules};
use cardbench::host::HostClient;
use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn doc_example() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/host-rules.md"))
        .unwrap();
    let start = doc.find("```toml\n").unwrap() + 8;
    let end = start + doc[start..].find("```").unwrap();
    doc[start..end].to_string()
}

#[test]
fn documented_example_loads_and_decides() {
    let r = Rules::parse(&doc_example()).unwrap();
    assert_eq!(r.rules.len(), 9);
    let day = Context {
        minute_of_day: 12 * 60,
        since_start_s: 0,
    };
    let night = Context {
        minute_of_day: 23 * 60 + 55,
        since_start_s: 0,
    };
    let req = |pan: &str, amount: &str, mti: &str| {
        cardbench::codec::iso8583::Message::new(mti)
            .with(2, pan)
            .with(4, amount)
            .with(11, "000001")
    };
    let d = r.decide(&req(&test_pan("621661"), "000000000100", "0200"), &day);
    assert_eq!((d.rc.as_str(), d.rule.as_str()), ("91", "BOC issuer down"));
    assert_eq!(
        r.decide(&req(&test_pan("621661"), "000000000251", "0200"), &day)
            .rc,
        "51"
    );
    assert_eq!(
        r.decide(&req(&test_pan("622202"), "000000000100", "0200"), &day)
            .action,
        Action::NoReply
    );
    assert_eq!(
        r.decide(&req(&test_pan("622848"), "000000000100", "0200"), &night)
            .rc,
        "90"
    );
    assert_eq!(
        r.decide(&req(&test_pan("622848"), "000000000100", "0200"), &day)
            .rc,
        "00"
    );
    assert_eq!(
        r.decide(&req(&test_pan("621700"), "000000000100", "0400"), &day)
            .action,
        Action::NoReply
    );
    assert_eq!(
        r.decide(&req(&test_pan("622588"), "1", "0200"), &day)
            .action,
        Action::Malformed
    );
    assert_eq!(
        r.decide(&req(&test_pan("622666"), "1", "0200"), &day)
            .action,
        Action::Close
    );
    let d = r.decide(&cardbench::codec::iso8583::Message::new("0800"), &day);
    assert_eq!(d.processing_requirement, 3);
}

#[test]
fn processing_requirement_reaches_the_cups_header() {
    let h = host(
        "[[rule]]\nmti = \"0800\"\nprocessing_requirement = 4\n",
        Framing::Cups,
        Packing::Cups,
    );
    let (sink, recs) = crate::client::recording_sink();
    let (mut c, _) =
        HostClient::connect(&link(&h, Framing::Cups, Packing::Cups, 1000), sink).unwrap();
    assert_eq!(c.echo().rc.as_deref(), Some("00"));
    let recs = recs.lock().unwrap();
    let rx = recs
        .iter()
        .find(|r| r.dir == cardbench::trace::Direction::Rx)
        .unwrap();
    assert!(rx.layers[0].contains("requirement 4"), "{:?}", rx.layers);
    // TPDU addresses swapped in the reply: 60 0000 0006.
    assert!(rx.layers[0].contains("TPDU 6000000006"), "{:?}", rx.layers);
}

#[test]
fn framing_mistakes_are_explained_in_the_log() {
    let h = host("", Framing::Len2, Packing::Ascii);
    {
        // A 4-digit ASCII length on a 2-byte-length link, then hang up.
        let mut s = TcpStream::connect(h.addr()).unwrap();
        s.write_all(b"00550800822000000000000004000000").unwrap();
    }
    {
        // CUPS packing on an ASCII host: frames, does not decode.
        let mut s = TcpStream::connect(h.addr()).unwrap();
        s.write_all(&[0x00, 0x0A, 0x08, 0x00, 0x00, 0x20, 0, 0, 0, 0, 0, 0])
            .unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let log = h.log_lines().join("\n");
        if log.contains("looks like a 4-digit ASCII length") && log.contains("malformed request") {
            break;
        }
        assert!(Instant::now() < deadline, "{log}");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(h.is_running());
}

/// `host --listen` on a serial path that is not there says so, naming it, before it claims to
/// play host on it; SIGTERM ends a TCP host cleanly (exit 0), as it ends `sim`.
#[test]
fn host_says_a_bad_port_first_and_stops_on_sigterm() {
    use std::io::BufRead;
    let bin = env!("CARGO_BIN_EXE_cardbench");
    let out = std::process::Command::new(bin)
        .args([
            "--lang",
            "en",
            "host",
            "--listen",
            "/dev/cardbench-no-such-tty",
        ])
        .output()
        .unwrap();
    let (stdout, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{stdout}{err}");
    assert!(!stdout.contains("playing host"), "{stdout}");
    assert!(err.contains("/dev/cardbench-no-such-tty"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let mut child = std::process::Command::new(bin)
        .args(["--lang", "en", "host", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("listening"), "{first}");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn host_cli_refuses_a_bad_rules_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, "[[rule]]\ntime = \"9 to 5\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["host", "--listen", "127.0.0.1:0", "--rules"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml") && err.contains("HH:MM-HH:MM"),
        "{err}"
    );
}

#[test]
fn many_terminals_at_once_with_the_fixture() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/hosts/one-bank-down.toml"
    );
    let h = cardbench::host::spawn_host("127.0.0.1:0", Some(path), Framing::Cups, Packing::Cups)
        .unwrap();
    let l = link(&h, Framing::Cups, Packing::Cups, 2000);
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let l = l.clone();
            std::thread::spawn(move || {
                let (mut c, _) = HostClient::connect(&l, cardbench::trace::null_sink()).unwrap();
                let bank = if i % 2 == 0 { "621661" } else { "622848" };
                let a = c.authorise(&auth(&test_pan(bank), 100));
                (bank, a.rc)
            })
        })
        .collect();
    for t in threads {
        let (bank, rc) = t.join().unwrap();
        let want = if bank == "621661" { "91" } else { "00" };
        assert_eq!(rc.as_deref(), Some(want));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Whatever a terminal sends inside a well-formed frame, the host's answer never panics.
    #[test]
    fn answer_never_panics(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200), cups in proptest::prelude::any::<bool>()) {
        use cardbench::codec::iso8583::framing;
        let (f, p) = if cups { (Framing::Cups, Packing::Cups) } else { (Framing::Len2, Packing::Ascii) };
        let raw = framing::wrap(f, None, &body);
        if let Ok(Some((frame, _))) = framing::split(f, &raw) {
            let rules = Rules::parse("[[rule]]\namount = \".51\"\nrc = \"51\"\n").unwrap();
            let acquirer = cardbench::host::acquirer::Acquirer::new(cardbench::host::acquirer::AcquirerConfig { rules, ..Default::default() });
            let _ = acquirer.answer(f, p, &frame, &Context { minute_of_day: 0, since_start_s: 0 });
            let _ = cardbench::host::wire::record("t", cardbench::trace::Direction::Rx, &raw, f, p);
        }
    }
}

/// Session 6: a reversal names its original by DE90 (MTI and STAN), its own DE11 being its own
/// trace number; without a DE90 that names one, the reversal's STAN is matched.
#[test]
fn reversal_matches_its_original_by_de90() {
    use cardbench::codec::iso8583::{encode, framing, Message};
    let acquirer = cardbench::host::acquirer::Acquirer::new(Default::default());
    let ctx = Context {
        minute_of_day: 12 * 60,
        since_start_s: 0,
    };
    let send = |m: Message| {
        let raw = framing::wrap(Framing::Len2, None, &encode(&m, Packing::Ascii).unwrap());
        let (frame, _) = framing::split(Framing::Len2, &raw).unwrap().unwrap();
        let a = acquirer.answer(Framing::Len2, Packing::Ascii, &frame, &ctx);
        a.line
    };
    let sale = |stan: &str| {
        Message::new("0200")
            .with(2, test_pan("622848"))
            .with(3, "000000")
            .with(4, "000000000100")
            .with(11, stan)
            .with(41, "10000019")
    };
    let reversal = |stan: &str, de90: Option<&str>| {
        let m = Message::new("0400")
            .with(2, test_pan("622848"))
            .with(3, "000000")
            .with(4, "000000000100")
            .with(11, stan)
            .with(39, "98")
            .with(41, "10000019");
        match de90 {
            Some(d) => m.with(90, d),
            None => m,
        }
    };
    // The breaker's case: sale STAN 000001, reversal STAN 000003 naming 0200 000001.
    send(sale("000001"));
    let de90 = "020000000111261234560000000000100000000002";
    let note = send(reversal("000003", Some(de90)));
    assert!(
        note.contains("reverses 0200 STAN 000001 (named by DE90)"),
        "{note}"
    );
    // Reversed once only: the same DE90 again finds nothing left to reverse.
    let again = send(reversal("000004", Some(de90)));
    assert!(
        again.contains("no original 0200 with STAN 000001"),
        "{again}"
    );
    // Ours: DE90 names a STAN that is not the reversal's own and differs from every sale.
    send(sale("000010"));
    let wrong = "020000000911261234560000000000100000000002";
    let n = send(reversal("000010", Some(wrong)));
    assert!(n.contains("no original 0200 with STAN 000009"), "{n}");
    // Ours: DE90 names an original of another MTI (a 0100), so the 0200 with that STAN is not it.
    let n = send(reversal(
        "000011",
        Some("010000001011261234560000000000100000000002"),
    ));
    assert!(n.contains("no original 0100 with STAN 000010"), "{n}");
    // Without DE90 (or an all-zero one) the reversal's own STAN is matched, as before.
    let n = send(reversal(
        "000010",
        Some("000000000000000000000000000000000000000000"),
    ));
    assert!(n.contains("reverses STAN 000010"), "{n}");
    send(sale("000020"));
    let n = send(reversal("000020", None));
    assert!(n.contains("reverses STAN 000020"), "{n}");
}
