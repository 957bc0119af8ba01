//! cardbench's half of the side-by-side with the python peers (`benches/peers.py` generates the
//! messages, times pyiso8583 and pyemv on them, runs this bench and compares): ISO 8583 ASCII
//! decode and BER-TLV decode of the same files. Each side does the same work: pyiso8583 turns
//! every field into a `str`, here `iso8583::view` reads every field in place and
//! `FieldRef::value` gives each one as a usable value (text checked as printable ASCII, binary
//! checked as hex text); pyemv builds a dict of the whole tree, here `tlv::tree` reads every
//! object into one vector (values as slices of the input, children by index; `tlv::walk` is the
//! same reading with nothing kept). The owned forms are measured too: in one buffer
//! (`iso8583::decode_buf` → `MessageBuf`, every field's value read from it as in place;
//! `tlv::tree_buf` → `TreeBuf`), and as the editable types (`iso8583::decode` → `Message`,
//! `tlv::parse` → `Vec<Tlv>`), which copy every value.
//! One iteration decodes every item of a file.
//! Without the files (`CARDBENCH_PEERS_DIR`, default `target/peers`) it says so and measures
//! nothing.
use cardbench::codec::iso8583::{decode, decode_buf, view, Packing};
use cardbench::codec::tlv;
use cardbench::hexfmt::parse_hex;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn load(name: &str) -> Option<Vec<Vec<u8>>> {
    let dir = std::env::var("CARDBENCH_PEERS_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/peers").to_string());
    let text = std::fs::read_to_string(format!("{dir}/{name}")).ok()?;
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| parse_hex(l).ok())
        .collect()
}

/// The decoders compared, as criterion names them (`target/criterion/peers/<name>`).
const NAMES: [&str; 7] = [
    "iso8583_ascii",
    "iso8583_ascii_view",
    "iso8583_ascii_buf",
    "tlv_walk",
    "tlv_tree",
    "tlv_buf",
    "tlv",
];

fn bench(c: &mut Criterion) {
    let (Some(msgs), Some(blobs)) = (load("iso8583-ascii.txt"), load("tlv.txt")) else {
        eprintln!("peers: no generated messages; run `python3 benches/peers.py`");
        return;
    };
    // Every generated item must decode, or the comparison is not like for like.
    assert!(msgs.iter().all(|m| decode(m, Packing::Ascii).is_ok()));
    assert!(blobs.iter().all(|b| tlv::parse(b).is_ok()));
    // `CARDBENCH_PEERS_PASSES=N`: decode every item N times with the decoder named by
    // `CARDBENCH_PEERS_ONLY` (a bench name below; default `iso8583_ascii` then `tlv`) and stop,
    // without criterion: for `perf stat -e task-clock,instructions`, which a loaded machine
    // disturbs far less than wall time.
    if let Some(n) = std::env::var("CARDBENCH_PEERS_PASSES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        let only = std::env::var("CARDBENCH_PEERS_ONLY").unwrap_or_default();
        for name in NAMES {
            if only == name || (only.is_empty() && matches!(name, "iso8583_ascii" | "tlv")) {
                for _ in 0..n {
                    pass(name, &msgs, &blobs);
                }
            }
        }
        return;
    }
    let mut g = c.benchmark_group("peers");
    for name in NAMES {
        g.bench_function(name, |b| b.iter(|| pass(name, &msgs, &blobs)));
    }
    g.finish();
}

/// One pass of the decoder `name` over every item of its file.
fn pass(name: &str, msgs: &[Vec<u8>], blobs: &[Vec<u8>]) {
    match name {
        "iso8583_ascii" => msgs.iter().for_each(|m| {
            let _ = black_box(decode(black_box(m), Packing::Ascii));
        }),
        // Every field to a usable value, as pyiso8583 decodes every field to a `str`.
        "iso8583_ascii_view" => msgs.iter().for_each(|m| {
            if let Ok(v) = view(black_box(m), Packing::Ascii) {
                for f in &v.fields {
                    black_box(f.value(Packing::Ascii));
                }
                black_box(v);
            }
        }),
        // The same values, from a message owned in one buffer.
        "iso8583_ascii_buf" => msgs.iter().for_each(|m| {
            if let Ok(b) = decode_buf(black_box(m), Packing::Ascii) {
                for f in b.fields() {
                    black_box(f.value(Packing::Ascii));
                }
                black_box(b);
            }
        }),
        "tlv_buf" => blobs.iter().for_each(|x| {
            let _ = black_box(tlv::tree_buf(black_box(x)));
        }),
        "tlv_walk" => blobs.iter().for_each(|x| {
            tlv::walk(black_box(x)).for_each(|o| {
                let _ = black_box(o);
            })
        }),
        "tlv_tree" => blobs.iter().for_each(|x| {
            let _ = black_box(tlv::tree(black_box(x)));
        }),
        _ => blobs.iter().for_each(|x| {
            let _ = black_box(tlv::parse(black_box(x)));
        }),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
