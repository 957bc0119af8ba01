//! Bounded load test: 200 concurrent connections × 50 messages each, with malformed messages
//! interleaved and a few connections that die mid-frame. Every well-formed request must be
//! answered and the server must still be up afterwards.

use cardbench::codec::iso8583::{decode, encode, framing, Framing, Message, Packing};
use cardbench::host::{spawn_host_with, HostConfig};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const CONNS: usize = 200;
const MSGS: usize = 50;

fn read_frame(s: &mut TcpStream) -> Vec<u8> {
    let mut len = [0u8; 2];
    s.read_exact(&mut len).unwrap();
    let mut body = vec![0u8; usize::from(u16::from_be_bytes(len))];
    s.read_exact(&mut body).unwrap();
    body
}

#[test]
fn two_hundred_connections_with_malformed_messages() {
    let t0 = Instant::now();
    let mut cfg = HostConfig::new("127.0.0.1:0", Framing::Len2, Packing::Ascii);
    cfg.max_connections = 400;
    let h = spawn_host_with(cfg).unwrap();
    let addr = h.addr();
    let answered = Arc::new(AtomicU64::new(0));
    let barrier = Arc::new(Barrier::new(CONNS));
    let mut threads = Vec::new();
    for c in 0..CONNS {
        let answered = Arc::clone(&answered);
        let barrier = Arc::clone(&barrier);
        threads.push(
            std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || {
                    let mut s = TcpStream::connect(addr).unwrap();
                    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                    s.set_nodelay(true).unwrap();
                    // All connections open at once before traffic starts.
                    barrier.wait();
                    for i in 0..MSGS {
                        if i % 7 == 3 {
                            // A framed but undecodable body: logged, no reply, link stays up.
                            s.write_all(&framing::wrap(Framing::Len2, None, b"08ZZ garbage"))
                                .unwrap();
                        }
                        let stan = format!("{:06}", c * MSGS + i);
                        let m = Message::new(if i % 2 == 0 { "0800" } else { "0200" })
                            .with(3, "000000")
                            .with(4, "000000000100")
                            .with(11, stan.clone())
                            .with(70, "301");
                        let body = encode(&m, Packing::Ascii).unwrap();
                        s.write_all(&framing::wrap(Framing::Len2, None, &body))
                            .unwrap();
                        let reply = decode(&read_frame(&mut s), Packing::Ascii).unwrap().message;
                        assert_eq!(reply.text(11), Some(stan.as_str()));
                        assert_eq!(reply.text(39), Some("00"));
                        answered.fetch_add(1, Ordering::Relaxed);
                    }
                })
                .unwrap(),
        );
    }
    // Connections that send half a frame and hang up, and one that sends a huge length.
    for _ in 0..10 {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(&[0x00, 0xA8, b'0', b'8']).unwrap();
    }
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(answered.load(Ordering::Relaxed), (CONNS * MSGS) as u64);
    // Still up: a new connection gets an answer.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let m = Message::new("0800").with(11, "999999").with(70, "301");
    s.write_all(&framing::wrap(
        Framing::Len2,
        None,
        &encode(&m, Packing::Ascii).unwrap(),
    ))
    .unwrap();
    let r = decode(&read_frame(&mut s), Packing::Ascii).unwrap().message;
    assert_eq!(r.mti, "0810");
    let st = h.stats();
    assert!(st.malformed >= (CONNS * (MSGS / 7)) as u64, "{st:?}");
    assert!(h.is_running());
    let elapsed = t0.elapsed();
    eprintln!("load: {} requests in {elapsed:?} ({st:?})", CONNS * MSGS);
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}
