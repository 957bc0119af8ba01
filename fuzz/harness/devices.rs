//! Reader targets: the CRT-310, CRT-591 and MSR605 framers in both directions, their reply
//! parsers, the frame-log maskers and the simulators' command handling.

use super::assert_no_clear_pan;
use cardbench::codec::crt310::{parse_track_reply, FrameEvent, Framer};
use cardbench::codec::crt591;
use cardbench::codec::msr605::{
    parse, parse_command, swipe_from_reply, CommandParse, Expect, Parsed,
};
use cardbench::device::crt310::describe_frame;
use cardbench::device::crt591::describe_frame as describe_591;
use cardbench::device::msr605::{describe_command, describe_reply};
use cardbench::sim::crt310::Crt310Sim;
use cardbench::sim::crt591::Crt591Sim;
use cardbench::sim::msr605::Msr605Sim;
use cardbench::sim::scenario::Scenario;
use cardbench::sim::SimOptions;
use cardbench::trace::Direction;

/// CRT-310: the bytes fed to the framer in two chunks; every frame is described for the frame
/// log (as a reply to a track read and with no request), parsed as a track reply, and executed
/// by the simulator. Events account for every byte; the log shows no clear card number.
pub fn crt310(data: &[u8]) {
    let mut f = Framer::new();
    let mut consumed = 0usize;
    let mut sim =
        Scenario::builtin("crt310-default").map(|sc| Crt310Sim::new(sc, SimOptions::default()));
    let mid = data.len() / 2;
    for chunk in [&data[..mid], &data[mid..]] {
        f.push(chunk);
        while let Some(ev) = f.next_event() {
            match ev {
                FrameEvent::Frame(fr, raw) => {
                    consumed += raw.len();
                    // What the reader sends is logged masked; what the bench sends holds no
                    // card data (a track reply described as a command is not masked).
                    let (hx, asc, layers) = describe_frame(&raw, Direction::Rx, Some((0x45, 0x30)));
                    // Both languages of the frame log.
                    for t in &layers {
                        assert_no_clear_pan("CRT-310 frame log", &format!("{hx} {asc} {t:?}"));
                    }
                    let _ = describe_frame(&raw, Direction::Tx, None);
                    let _ = parse_track_reply(&fr.data, 0x37);
                    if let Some(s) = sim.as_mut() {
                        let _ = s.execute(&fr).encode();
                    }
                }
                FrameEvent::BadBcc(raw) | FrameEvent::Garbage(raw) => consumed += raw.len(),
                FrameEvent::Control(_) => consumed += 1,
            }
        }
    }
    assert_eq!(
        consumed + f.pending(),
        data.len(),
        "the framer lost or invented bytes"
    );
    for selector in [0x30, 0x33, 0x37] {
        let _ = parse_track_reply(data, selector);
    }
}

/// CRT-591: the bytes fed to the framer in two chunks; every frame is described for the frame
/// log in both directions, its payload read as the R02 track buffer (as the driver reads a
/// `36 37` reply), and executed by the simulator (its reply re-encoded and framed back). Events
/// account for every byte; the log of what the reader sends shows no clear card number.
pub fn crt591(data: &[u8]) {
    let mut f = crt591::Framer::new();
    let mut consumed = 0usize;
    let mut sim =
        Scenario::builtin("crt310-default").map(|sc| Crt591Sim::new(sc, SimOptions::default()));
    let mid = data.len() / 2;
    for chunk in [&data[..mid], &data[mid..]] {
        f.push(chunk);
        while let Some(ev) = f.next_event() {
            match ev {
                crt591::FrameEvent::Frame(fr, raw) => {
                    consumed += raw.len();
                    let (hx, asc, layers) = describe_591(&raw, Direction::Rx);
                    assert_no_clear_pan(
                        "CRT-591 frame log",
                        &format!("{hx} {asc} {}", layers.join(" ")),
                    );
                    let _ = describe_591(&raw, Direction::Tx);
                    let _ = crt591::parse_track_buffer(fr.payload());
                    let _ = (fr.status(), fr.error_code());
                    if let Some(s) = sim.as_mut() {
                        let reply = s.execute(&fr).encode().unwrap_or_default();
                        let mut back = crt591::Framer::new();
                        back.push(&reply);
                        assert!(
                            matches!(back.next_event(), Some(crt591::FrameEvent::Frame(..))),
                            "the simulator's reply does not frame: {reply:02X?}"
                        );
                    }
                }
                crt591::FrameEvent::BadBcc(raw) | crt591::FrameEvent::Garbage(raw) => {
                    consumed += raw.len()
                }
                crt591::FrameEvent::Control(_) => consumed += 1,
            }
        }
    }
    assert_eq!(
        consumed + f.pending(),
        data.len(),
        "the framer lost or invented bytes"
    );
    let _ = crt591::parse_track_buffer(data);
}

/// MSR605: the reply framer for every expected reply, run the way the driver runs it (drop the
/// garbage, take a frame or skip one byte of a bad one, until incomplete), each frame described
/// for the log and turned into a swipe; then the command framer feeding the simulator.
pub fn msr605(data: &[u8]) {
    for e in [
        Expect::Status,
        Expect::CommTest,
        Expect::Model,
        Expect::Firmware,
        Expect::Coercivity,
        Expect::IsoBlock,
        Expect::RawBlock,
    ] {
        let mut at = 0;
        while at < data.len() {
            let buf = &data[at..];
            let step = match parse(e, buf) {
                Parsed::Frame {
                    reply,
                    skipped,
                    len,
                } => {
                    assert!(skipped + len <= buf.len() && len > 0);
                    let (hx, asc, layers) = describe_reply(&buf[skipped..skipped + len], &reply);
                    // Both languages of the frame log.
                    assert_no_clear_pan("MSR605 frame log", &format!("{hx} {asc} {layers:?}"));
                    let _ = swipe_from_reply(&reply);
                    skipped + len
                }
                Parsed::Incomplete { skipped } => {
                    assert!(skipped <= buf.len());
                    break;
                }
                Parsed::Bad { skipped, .. } => {
                    assert!(skipped < buf.len());
                    skipped + 1
                }
            };
            at += step;
        }
    }
    let mut sim = Scenario::builtin("msr605-default").map(|sc| Msr605Sim::from_scenario(&sc));
    let mut at = 0;
    while at < data.len() {
        let buf = &data[at..];
        // Whatever the bench sends is logged, framed or not (the log's refused-bytes path).
        let _ = describe_command(buf);
        let step = match parse_command(buf) {
            CommandParse::Command {
                command,
                skipped,
                len,
            } => {
                assert!(skipped + len <= buf.len() && len > 0);
                // What the bench sends, as its frame log shows it (write blocks masked).
                let _ = describe_command(&buf[skipped..skipped + len]);
                if let Some(s) = sim.as_mut() {
                    let _ = s.handle(&command);
                }
                skipped + len
            }
            CommandParse::Incomplete { skipped } => {
                assert!(skipped <= buf.len());
                break;
            }
            CommandParse::Bad { skipped, .. } => {
                assert!(skipped < buf.len());
                skipped + 1
            }
        };
        at += step;
    }
}
