//! Decode throughput of ISO 8583 in both packings (the CUPS 0200 dump and its ASCII twin).
use cardbench::codec::iso8583::{decode, encode, framing, Framing, Packing};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let text = include_str!("../fixtures/iso8583/cups-0200-purchase.hex");
    let Ok(raw) = cardbench::hexfmt::parse_hex(text) else {
        return;
    };
    let Ok(frame) = framing::unframe(Framing::Cups, &raw) else {
        return;
    };
    let Ok(d) = decode(&frame.body, Packing::Cups) else {
        return;
    };
    let Ok(ascii) = encode(&d.message, Packing::Ascii) else {
        return;
    };
    let mut g = c.benchmark_group("iso8583");
    g.throughput(Throughput::Bytes(frame.body.len() as u64));
    g.bench_function("decode_cups_0200", |b| {
        b.iter(|| decode(black_box(&frame.body), Packing::Cups))
    });
    g.bench_function("unframe_and_decode_cups_0200", |b| {
        b.iter(|| {
            framing::unframe(Framing::Cups, black_box(&raw))
                .map(|f| decode(&f.body, Packing::Cups).is_ok())
        })
    });
    g.throughput(Throughput::Bytes(ascii.len() as u64));
    g.bench_function("decode_ascii_0200", |b| {
        b.iter(|| decode(black_box(&ascii), Packing::Ascii))
    });
    g.bench_function("encode_cups_0200", |b| {
        b.iter(|| encode(black_box(&d.message), Packing::Cups))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
