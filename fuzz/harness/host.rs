//! The POS host's request handling: a terminal's byte stream cut into frames the way the host
//! reads a connection, each frame answered by the rules, every frame logged masked.

use super::assert_no_clear_pan;
use cardbench::codec::iso8583::{decode, Framing, Packing};
use cardbench::host::acquirer::{Acquirer, AcquirerConfig};
use cardbench::host::rules::{Context, Rules};
use cardbench::host::wire::{record, FrameReader, Incoming};
use cardbench::trace::Direction;
use std::time::{Duration, Instant};

/// Byte 0 picks the framing (`% 3`) and the packing (bit 4); byte 1 the time the rules see
/// (the minute of the day ÷ 6, and the minutes since the host started); the rest is what the
/// terminal sends on one connection.
pub fn pos_host(data: &[u8]) {
    let [sel, minute, stream @ ..] = data else {
        return;
    };
    let framing = [Framing::Cups, Framing::Len2, Framing::Ascii4][usize::from(sel % 3)];
    let packing = if sel & 0x10 == 0 {
        Packing::Ascii
    } else {
        Packing::Cups
    };
    let acquirer = Acquirer::new(AcquirerConfig {
        rules: Rules::resolve("demo").expect("the built-in demo rules load"),
        ..AcquirerConfig::default()
    });
    let ctx = Context {
        minute_of_day: u32::from(*minute) * 6,
        since_start_s: u64::from(*minute) * 60,
    };
    let mut reader = FrameReader::new(framing);
    let mut conn = std::io::Cursor::new(stream);
    // A cursor never blocks, so the far deadline is only a guard: each round either takes a
    // frame out of the buffer or reaches the end of the stream.
    let far = Instant::now() + Duration::from_secs(3600);
    for _ in 0..=stream.len() {
        let inc = reader
            .next(&mut conn, far, &|| false)
            .expect("a cursor does not fail");
        let raw_frame = match inc {
            Incoming::Frame { raw, frame } => {
                let a = acquirer.answer(framing, packing, &frame, &ctx);
                assert_no_clear_pan("host log line", &a.line);
                if let Some(reply) = &a.reply {
                    let (f, _) = cardbench::codec::iso8583::framing::split(framing, reply)
                        .expect("the host's reply frames")
                        .expect("the host's reply is one whole frame");
                    if a.decision
                        .as_ref()
                        .is_some_and(|d| d.action == cardbench::host::rules::Action::Reply)
                    {
                        decode(&f.body, packing).expect("the host's reply decodes");
                    }
                    log(reply, framing, packing, Direction::Tx);
                }
                raw
            }
            Incoming::BadPrefix { bytes, .. } => {
                log(&bytes, framing, packing, Direction::Rx);
                break;
            }
            Incoming::Timeout { partial } | Incoming::Closed { partial } => {
                log(&partial, framing, packing, Direction::Rx);
                break;
            }
        };
        log(&raw_frame, framing, packing, Direction::Rx);
    }
}

fn log(raw: &[u8], framing: Framing, packing: Packing, dir: Direction) {
    let r = record("fuzz", dir, raw, framing, packing);
    assert_no_clear_pan(
        "host frame record",
        &format!("{} {} {}", r.hex, r.ascii, r.layers.join(" ")),
    );
}
