//! The host simulator under siege (issue 18, kind 7): idle sockets, slow senders and floods
//! must never lock a terminal out, and a thousand terminals at once are all answered with the
//! host's threads bounded. Every wait below is a failure bound, never a timing assertion.

use cardbench::codec::iso8583::{decode, encode, framing, Framing, Message, Packing};
use cardbench::host::{spawn_host_with, HostConfig, HostHandle};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn host(cfg: impl FnOnce(&mut HostConfig)) -> HostHandle {
    let mut c = HostConfig::new("127.0.0.1:0", Framing::Len2, Packing::Ascii);
    cfg(&mut c);
    spawn_host_with(c).unwrap()
}

fn echo(stan: usize) -> Vec<u8> {
    let m = Message::new("0800")
        .with(11, format!("{:06}", stan % 1_000_000))
        .with(70, "301");
    framing::wrap(Framing::Len2, None, &encode(&m, Packing::Ascii).unwrap())
}

fn read_reply(s: &mut TcpStream) -> std::io::Result<Message> {
    let mut len = [0u8; 2];
    s.read_exact(&mut len)?;
    let mut body = vec![0u8; usize::from(u16::from_be_bytes(len))];
    s.read_exact(&mut body)?;
    Ok(decode(&body, Packing::Ascii).unwrap().message)
}

/// A terminal: connects, sends an echo, and gets the 0810 for its STAN.
fn terminal_is_served(addr: SocketAddr, stan: usize) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(&echo(stan)).unwrap();
    let r = read_reply(&mut s).expect("the terminal gets its reply");
    assert_eq!(r.mti, "0810");
    assert_eq!(r.text(11), Some(format!("{stan:06}").as_str()));
}

/// Whether the host closed `s` (EOF or reset) within the failure bound.
fn closed_by_host(s: &mut TcpStream) -> bool {
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut b = [0u8; 64];
    loop {
        match s.read(&mut b) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn a_new_terminal_is_served_while_512_idle_sockets_are_open() {
    let h = host(|_| {});
    let idle: Vec<TcpStream> = (0..512)
        .map(|_| TcpStream::connect(h.addr()).unwrap())
        .collect();
    terminal_is_served(h.addr(), 1);
    let st = h.stats();
    assert_eq!(st.refused, 0, "{st:?}");
    assert!(st.active >= 512, "the idle sockets are still open: {st:?}");
    drop(idle);
}

#[test]
fn idle_sockets_are_closed_after_the_idle_timeout() {
    let h = host(|c| c.idle_timeout = Duration::from_millis(300));
    let mut s = TcpStream::connect(h.addr()).unwrap();
    assert!(closed_by_host(&mut s));
    assert!(h.stats().timed_out >= 1);
    assert!(h.log_lines().iter().any(|l| l.contains("idle for")));
}

#[test]
fn a_slow_sender_is_closed_after_the_frame_timeout() {
    let h = host(|c| c.frame_timeout = Duration::from_millis(300));
    let frame = echo(7);
    let mut s = TcpStream::connect(h.addr()).unwrap();
    // One byte every 100 ms: the frame never completes within 300 ms.
    let mut closed = false;
    for b in &frame {
        if s.write_all(&[*b]).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        closed || closed_by_host(&mut s),
        "slow sender still connected"
    );
    assert!(h.log_lines().iter().any(|l| l.contains("slow sender")));
    terminal_is_served(h.addr(), 8);
}

#[test]
fn a_full_peer_loses_its_longest_idle_connection_not_its_terminal() {
    let h = host(|c| c.max_per_peer = 4);
    let mut idle: Vec<TcpStream> = (0..4)
        .map(|_| TcpStream::connect(h.addr()).unwrap())
        .collect();
    // The host registers connections as it accepts them: wait until all four are in.
    let t0 = Instant::now();
    while h.stats().active < 4 && t0.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    terminal_is_served(h.addr(), 2);
    assert!(
        closed_by_host(&mut idle[0]),
        "the oldest idle socket was evicted"
    );
    assert!(h.stats().evicted >= 1);
}

#[test]
fn busy_slots_refuse_rather_than_evict() {
    let h = host(|c| c.max_connections = 2);
    // Two connections each in the middle of a frame: not idle, so not evictable.
    let mut busy: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut s = TcpStream::connect(h.addr()).unwrap();
            s.write_all(&[0x00, 0x40, b'0']).unwrap();
            s
        })
        .collect();
    let t0 = Instant::now();
    while h.stats().active < 2 && t0.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(100));
    let mut third = TcpStream::connect(h.addr()).unwrap();
    assert!(closed_by_host(&mut third));
    assert_eq!(h.stats().refused, 1);
    busy.clear();
}

/// Soft limit on open files; raised to the hard limit with `prlimit` when it is too low for
/// the thousand-terminal test (both ends of every connection live in this process).
fn ensure_open_files(want: u64) {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    let soft: u64 = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3))
        .and_then(|v| v.parse().ok())
        .unwrap_or(u64::MAX);
    if soft < want {
        let _ = std::process::Command::new("prlimit")
            .args([
                "--pid",
                &std::process::id().to_string(),
                &format!("--nofile={want}:"),
            ])
            .status();
    }
}

/// The threads of the host listening on `port` (named `host-PORT`; other tests' hosts may
/// run in this process at the same time).
fn host_threads(port: u16) -> usize {
    let name = format!("host-{port}");
    std::fs::read_dir("/proc/self/task")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| {
                    std::fs::read_to_string(e.path().join("comm")).is_ok_and(|c| c.trim() == name)
                })
                .count()
        })
        .unwrap_or(0)
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_thousand_terminals_at_once_are_all_answered_by_one_thread() {
    const N: usize = 1000;
    ensure_open_files(2 * N as u64 + 256);
    let h = host(|_| {});
    let rss0 = rss_kb();
    let t0 = Instant::now();
    // Every terminal connects before any sends: all N are open at once.
    let mut conns: Vec<TcpStream> = (0..N)
        .map(|_| TcpStream::connect(h.addr()).unwrap())
        .collect();
    for (i, s) in conns.iter_mut().enumerate() {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(&echo(i)).unwrap();
    }
    let mut answered = 0;
    for (i, s) in conns.iter_mut().enumerate() {
        let r = read_reply(s).unwrap_or_else(|e| panic!("terminal {i} got no reply: {e}"));
        assert_eq!(r.text(11), Some(format!("{i:06}").as_str()));
        answered += 1;
    }
    let st = h.stats();
    let threads = host_threads(h.addr().port());
    eprintln!(
        "siege: {answered}/{N} terminals answered in {:?}; peak {} connections on {threads} host thread(s); RSS +{} KiB ({:.1} KiB per connection); refused {}",
        t0.elapsed(),
        st.peak,
        rss_kb().saturating_sub(rss0),
        rss_kb().saturating_sub(rss0) as f64 / N as f64,
        st.refused
    );
    assert_eq!(answered, N);
    assert!(st.peak >= N, "all {N} were open at once: {st:?}");
    assert_eq!(st.refused, 0);
    assert_eq!(threads, 1, "the host serves every connection on one thread");
}
