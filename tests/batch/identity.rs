//! Batch terminals sharing one acquirer host each have their own terminal id (DE41) and STAN
//! sequence: a host that flags duplicate (DE41, STAN) pairs sees none.

use super::batch::crate_dir;
use cardbench::codec::iso8583::{framing::Framing, Packing};
use std::collections::BTreeSet;

/// The STAN of every 0200 a terminal sent, read from its trace; each must carry `de41` (found
/// in the frame's hex: the ASCII column masks digit runs that look like card numbers).
fn sent_ids(trace: &std::path::Path, de41: &str) -> Vec<String> {
    let text = std::fs::read_to_string(trace).unwrap();
    let hex: Vec<String> = de41.bytes().map(|b| format!("{b:02X}")).collect();
    let hex = hex.join(" ");
    text.lines()
        .filter(|l| l.contains("\"dir\":\"Tx\"") && l.contains("0200 purchase STAN "))
        .map(|l| {
            assert!(l.contains(&hex), "{de41} not sent: {l}");
            let at = l.find("0200 purchase STAN ").unwrap() + "0200 purchase STAN ".len();
            l[at..at + 6].to_string()
        })
        .collect()
}

#[test]
fn batch_terminals_on_one_host_send_their_own_de41_and_stans() {
    let host =
        cardbench::host::spawn_host("127.0.0.1:0", None, Framing::Len2, Packing::Ascii).unwrap();
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("batch");
    let deck = crate_dir().join("fixtures/decks/crt310-default.toml");
    let o = crate::shared::cardbench()
        .args(["batch", "--swipes", "1", "--device", "crt310:sim"])
        .args(["--device", "crt310:sim", "--deck"])
        .arg(&deck)
        .args(["--host", &host.addr().to_string(), "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{log}");
    let mut pairs = BTreeSet::new();
    let mut sent = 0;
    for (label, de41) in [("T01", "T0000001"), ("T02", "T0000002")] {
        let trace = out.join("terminals").join(label).join("trace.jsonl");
        let stans = sent_ids(&trace, de41);
        assert!(stans.len() >= 8, "{label}: {stans:?}");
        sent += stans.len();
        pairs.extend(stans.into_iter().map(|s| (de41, s)));
    }
    assert_eq!(pairs.len(), sent, "a (DE41, STAN) pair sent twice");
    // The STAN sequences themselves do not meet either.
    let stans: BTreeSet<&String> = pairs.iter().map(|(_, s)| s).collect();
    assert_eq!(stans.len(), sent, "{pairs:?}");
}
