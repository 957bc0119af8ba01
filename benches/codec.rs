//! Decode throughput of the stripe and chip codecs: track text and raw bit streams, ATR,
//! APDU / T=0, and BER-TLV (ISO 8583 lives in `benches/iso8583.rs`).
use cardbench::codec::apdu::{parse_command, Command, T0Action, T0Exchange};
use cardbench::codec::atr::parse_atr;
use cardbench::codec::tlv;
use cardbench::codec::track::{
    decode_track_raw, decode_track_text, encode_track_raw, encode_track_text, RawFaults,
};
use cardbench::hexfmt::parse_hex;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const T1: &str = "%B6212345678901232^ZHANG/SAN^2812201000000123456?K";
const T2: &str = ";6212345678901232=28122011234567890?5";

fn tracks(c: &mut Criterion) {
    let mut g = c.benchmark_group("track");
    g.throughput(Throughput::Bytes(T2.len() as u64));
    g.bench_function("text_track2", |b| {
        b.iter(|| decode_track_text(2, black_box(T2)))
    });
    g.throughput(Throughput::Bytes(T1.len() as u64));
    g.bench_function("text_track1", |b| {
        b.iter(|| decode_track_text(1, black_box(T1)))
    });
    let data2 = &T2[1..T2.len() - 2];
    let fwd = encode_track_raw(
        2,
        data2,
        &RawFaults {
            leading_zeros: 22,
            ..Default::default()
        },
    );
    let rev = encode_track_raw(
        2,
        data2,
        &RawFaults {
            leading_zeros: 22,
            reverse: true,
            ..Default::default()
        },
    );
    g.throughput(Throughput::Bytes(fwd.len() as u64));
    g.bench_function("raw_track2_forward", |b| {
        b.iter(|| decode_track_raw(2, black_box(&fwd)))
    });
    g.bench_function("raw_track2_reverse", |b| {
        b.iter(|| decode_track_raw(2, black_box(&rev)))
    });
    let raw1 = encode_track_raw(
        1,
        &T1[1..T1.len() - 2],
        &RawFaults {
            leading_zeros: 61,
            ..Default::default()
        },
    );
    g.throughput(Throughput::Bytes(raw1.len() as u64));
    g.bench_function("raw_track1_forward", |b| {
        b.iter(|| decode_track_raw(1, black_box(&raw1)))
    });
    g.bench_function("encode_raw_track1", |b| {
        b.iter(|| encode_track_raw(1, black_box(&T1[1..T1.len() - 2]), &RawFaults::default()))
    });
    g.bench_function("encode_text_track2", |b| {
        b.iter(|| encode_track_text(2, black_box(data2)))
    });
    g.finish();
}

fn atr(c: &mut Criterion) {
    let mut g = c.benchmark_group("atr");
    for (name, h) in [
        (
            "abc_t0_t1_18b",
            "3B 8D 80 01 00 04 D0 84 21 86 64 00 00 00 00 00 00 9F",
        ),
        ("t1_9b", "3B E0 00 FF 81 31 7C 41 92"),
    ] {
        let Ok(v) = parse_hex(h) else { return };
        g.throughput(Throughput::Bytes(v.len() as u64));
        g.bench_function(name, |b| b.iter(|| parse_atr(black_box(&v))));
        g.bench_function(format!("{name}_with_emv_rules"), |b| {
            b.iter(|| parse_atr(black_box(&v)).map(|a| a.emv_issues().len()))
        });
    }
    g.finish();
}

fn apdu(c: &mut Criterion) {
    let mut g = c.benchmark_group("apdu");
    let Ok(select) = parse_hex("00 A4 04 00 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 00")
    else {
        return;
    };
    g.bench_function("parse_command_select", |b| {
        b.iter(|| parse_command(black_box(&select)))
    });
    // The Annex A SELECT PSE exchange: header, INS, data, 61 26, GET RESPONSE, 0x26 bytes.
    let Ok(cmd) = parse_command(&select) else {
        return;
    };
    let Ok(reply) = parse_hex(
        "C0 6F 24 84 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 A5 12 88 01 01 5F 2D 08 65 6E 65 73 66 72 64 65 9F 11 01 01 90 00",
    ) else {
        return;
    };
    g.bench_function("t0_exchange_select_pse", |b| {
        b.iter(|| run_t0(black_box(&cmd), &reply))
    });
    g.finish();
}

fn run_t0(cmd: &Command, reply: &[u8]) -> usize {
    let mut ex = T0Exchange::new(cmd);
    let mut step = 0;
    loop {
        match ex.next_action() {
            T0Action::Send(_) => step += 1,
            T0Action::Receive => {
                let r = match step {
                    1 => ex.receive(&[0xA4]),
                    2 => ex.receive(&[0x61, 0x26]),
                    _ => ex.receive(reply),
                };
                if r.is_err() {
                    return 0;
                }
            }
            T0Action::Done(r) => return r.data.len(),
        }
    }
}

fn ber_tlv(c: &mut Criterion) {
    let mut g = c.benchmark_group("tlv");
    for (name, h) in [
        ("gpo_format2", "77 0E 82 02 39 00 94 08 18 01 02 01 20 02 04 00"),
        (
            "select_pse_fci",
            "6F 24 84 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 A5 12 88 01 01 5F 2D 08 65 6E 65 73 66 72 64 65 9F 11 01 01",
        ),
    ] {
        let Ok(v) = parse_hex(h) else { return };
        g.throughput(Throughput::Bytes(v.len() as u64));
        g.bench_function(name, |b| b.iter(|| tlv::parse(black_box(&v))));
    }
    g.finish();
}

criterion_group!(benches, tracks, atr, apdu, ber_tlv);
criterion_main!(benches);
