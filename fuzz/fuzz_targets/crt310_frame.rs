#![no_main]
//! Fuzzes the CRT-310 framer, the track-reply parser, the frame-log masker and the simulator's
//! command execution: never panic, events only hold bytes that came in.
use cardbench::codec::crt310::{parse_track_reply, FrameEvent, Framer};
use cardbench::device::crt310::describe_frame;
use cardbench::trace::Direction;
use cardbench::sim::crt310::Crt310Sim;
use cardbench::sim::scenario::Scenario;
use cardbench::sim::SimOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut f = Framer::new();
    let mut consumed = 0usize;
    let mut sim = Scenario::builtin("crt310-default")
        .map(|sc| Crt310Sim::new(sc, SimOptions::default()));
    // Feed in two chunks to exercise partial frames.
    let mid = data.len() / 2;
    for chunk in [&data[..mid], &data[mid..]] {
        f.push(chunk);
        while let Some(ev) = f.next_event() {
            match ev {
                FrameEvent::Frame(fr, raw) => {
                    consumed += raw.len();
                    let _ = describe_frame(&raw, Direction::Rx, None);
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
    assert!(consumed + f.pending() == data.len());
    let _ = parse_track_reply(data, 0x37);
});
