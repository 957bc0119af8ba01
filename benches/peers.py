#!/usr/bin/env python3
"""Side-by-side decode speed: cardbench against its python peers, on the same messages, in one run.

    python3 benches/peers.py            # generate, time the peers, run the criterion bench, compare
    python3 benches/peers.py --quick    # fewer rounds (a smoke run)
    python3 benches/peers.py --cpu      # CPU time of each side instead of wall time

1. Generates (seeded, so every run is the same) 1000 ISO 8583 messages in pyiso8583's
   `default_ascii` layout, encoded by pyiso8583 itself, and 1000 EMV DE55-style BER-TLV blobs
   encoded by pyemv, into target/peers/.
2. Times `iso8583.decode(msg, default_ascii)` and `pyemv.tlv.decode(blob)` over them (best of
   several rounds, per message).
3. Runs `cargo bench --bench peers` (criterion), which decodes the same files: every field of
   each message read in place and turned into a usable value (`codec::iso8583::view` and
   `FieldRef::value`: text checked as printable ASCII and given as `&str`, binary fields checked
   as hex text; pyiso8583 turns every field into a `str`); every TLV object read and checked
   (`codec::tlv::walk`), and kept as a tree (`codec::tlv::tree`: values slices of the input,
   children by index; pyemv builds a dict of the whole tree); and into the owned types, built
   on demand in the bench (`codec::iso8583::decode`: a `String` per field, DE55 hex decoded to
   bytes, a `BTreeMap`; `codec::tlv::parse`: a `Vec` per value and per level), and into the
   owned forms in one buffer (`codec::iso8583::decode_buf`, every field's value read from it;
   `codec::tlv::tree_buf`). It reads
   criterion's estimates (target/criterion/peers/*/new/estimates.json).
4. Prints the time per message of each and the ratio, against the goals of issue 14
   (>= 50x pyiso8583, >= 30x pyemv).

With `--cpu` both sides are timed in CPU time of their own process (python's `process_time`,
the bench binary's user+system time from `getrusage`, its start-up and file loading measured
with 0 passes and taken off): on a machine other jobs load, wall time (criterion's) counts the
time the bench waits for a core, CPU time does not.

Needs `pip install pyiso8583 pyemv` (tested with pyiso8583 4.0.1, pyemv 1.5.0).
"""
import json
import os
import random
import re
import resource
import subprocess
import sys
import time

import iso8583
from iso8583.specs import default_ascii
from pyemv import tlv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "peers")
N = 1000
GOALS = {"iso8583_ascii": 50.0, "tlv": 30.0}


def luhn_pan(rng, n=16):
    digits = [rng.randrange(10) for _ in range(n - 1)]
    digits[0] = 6
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def de55(rng):
    """A DE55 as an authorisation request carries it (19 objects, one template)."""
    h = lambda n: bytes(rng.randrange(256) for _ in range(n))
    return tlv.encode({
        "9F26": h(8), "9F27": b"\x80", "9F10": h(18), "9F37": h(4), "9F36": h(2),
        "95": h(5), "9A": b"\x25\x12\x01", "9C": b"\x00", "9F02": b"\x00\x00\x00\x01\x23\x45",
        "5F2A": b"\x01\x56", "82": b"\x7C\x00", "9F1A": b"\x01\x56", "9F03": bytes(6),
        "9F33": b"\xE0\xE1\xC8", "9F34": b"\x42\x03\x00", "9F35": b"\x22",
        "9F1E": b"10000019", "84": bytes.fromhex("A000000333010101"),
        "9F09": b"\x00\x8C", "9F41": h(4),
        "71": {"86": h(13)},
    })


def message(rng, icc):
    pan = luhn_pan(rng, rng.choice([16, 19]))
    m = {
        "t": rng.choice(["0100", "0200", "0210", "0400"]),
        "2": pan,
        "3": "000000",
        "4": "%012d" % rng.randrange(10**9),
        "7": "1126123456",
        "11": "%06d" % rng.randrange(10**6),
        "12": "123456",
        "13": "1126",
        "14": "2512",
        "22": "051",
        "23": "001",
        "25": "00",
        "32": "12345678",
        "35": pan + "=25122011143804400000"[: 37 - len(pan)],
        "37": "%012d" % rng.randrange(10**12),
        "41": "10000019",
        "42": "850100082410002",
        "43": "CARDBENCH TEST MERCHANT   SHANGHAI    CN",
        "49": "156",
        "55": icc.hex().upper(),
    }
    if rng.random() < 0.3:
        m["100"] = "12345678"
    raw, _ = iso8583.encode(m, default_ascii)
    return bytes(raw)


def generate():
    rng = random.Random(14)
    icc = [de55(rng) for _ in range(N)]
    msgs = [message(rng, icc[i]) for i in range(N)]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "iso8583-ascii.txt"), "w") as f:
        f.write("\n".join(m.hex() for m in msgs) + "\n")
    with open(os.path.join(OUT, "tlv.txt"), "w") as f:
        f.write("\n".join(b.hex() for b in icc) + "\n")
    return msgs, icc


def best_per_item(fn, items, rounds, clock=time.perf_counter):
    best = float("inf")
    for _ in range(rounds):
        t0 = clock()
        for x in items:
            fn(x)
        best = min(best, clock() - t0)
    return best / len(items) * 1e9


def bench_binary():
    """Builds the peers bench and returns its executable."""
    out = subprocess.run(["cargo", "bench", "--bench", "peers", "--no-run"], cwd=ROOT,
                         check=True, capture_output=True, text=True)
    m = re.search(r"\((\S*peers-[0-9a-f]+)\)", out.stderr)
    if not m:
        sys.exit("peers: no bench executable in cargo's output:\n" + out.stderr)
    return os.path.join(ROOT, m.group(1))


def child_cpu_s(cmd, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def rust_cpu_ns(binary, name, passes, rounds):
    """CPU time per item of the bench decoder `name`, start-up and loading taken off."""
    env = lambda n: dict(os.environ, CARDBENCH_PEERS_DIR=OUT, CARDBENCH_PEERS_PASSES=str(n),
                         CARDBENCH_PEERS_ONLY=name)
    cmd = [binary, "--bench"]
    base = min(child_cpu_s(cmd, env(0)) for _ in range(rounds))
    total = min(child_cpu_s(cmd, env(passes)) for _ in range(rounds))
    return max(total - base, 0.0) / (passes * N) * 1e9


def criterion_ns(name):
    path = os.path.join(ROOT, "target", "criterion", "peers", name, "new", "estimates.json")
    with open(path) as f:
        est = json.load(f)
    # One criterion iteration decodes all N items.
    return est["median"]["point_estimate"] / N


ROWS = [
    ("iso8583_ascii_view", "iso8583_ascii", "8583 ASCII, values in place (view) vs pyiso8583"),
    ("iso8583_ascii_buf", "iso8583_ascii", "8583 ASCII, owned buffer (decode_buf) vs pyiso8583"),
    ("iso8583_ascii", "iso8583_ascii", "8583 ASCII, owned Message (decode) vs pyiso8583"),
    ("tlv_walk", "tlv", "BER-TLV, read in place (walk)      vs pyemv"),
    ("tlv_tree", "tlv", "BER-TLV, borrowed tree (tree)      vs pyemv"),
    ("tlv_buf", "tlv", "BER-TLV, owned buffer (tree_buf)   vs pyemv"),
    ("tlv", "tlv", "BER-TLV, owned tree (parse)        vs pyemv"),
]


def main():
    quick = "--quick" in sys.argv
    cpu = "--cpu" in sys.argv
    msgs, icc = generate()
    rounds = 3 if quick else 10
    clock = time.process_time if cpu else time.perf_counter
    py = {
        "iso8583_ascii": best_per_item(lambda m: iso8583.decode(m, default_ascii), msgs, rounds, clock),
        "tlv": best_per_item(tlv.decode, icc, rounds, clock),
    }
    if cpu:
        binary = bench_binary()
        passes = 100 if quick else 1000
        rs = {b: rust_cpu_ns(binary, b, passes, 3) for b, _, _ in ROWS}
        unit = "CPU time"
    else:
        args = ["cargo", "bench", "--bench", "peers", "--", "--noplot"]
        if quick:
            args += ["--warm-up-time", "1", "--measurement-time", "3"]
        subprocess.run(args, cwd=ROOT, check=True, env=dict(os.environ, CARDBENCH_PEERS_DIR=OUT))
        rs = {b: criterion_ns(b) for b, _, _ in ROWS}
        unit = "wall time"
    print()
    print("decode, same %d generated items, one run, %-9s       python     cardbench     ratio   goal" % (N, unit))
    ok = True
    for bench, k, text in ROWS:
        ratio = py[k] / rs[bench] if rs[bench] > 0 else float("inf")
        ok &= ratio >= GOALS[k]
        print("%-52s %9.2f us %9.3f us %7.1fx  >= %.0fx" % (text, py[k] / 1000, rs[bench] / 1000, ratio, GOALS[k]))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
