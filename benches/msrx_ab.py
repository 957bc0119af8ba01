#!/usr/bin/env python3
"""Whole-process A/B against the peer, alternating, in one sitting (issue 13):
`cardbench read --device msr605:PTY` against `msrx -D PTY read`, the same MSR605 simulator
(`cardbench sim msr605 --link PTY`) and the same card for every read.

    python3 benches/msrx_ab.py                       # 20 pairs at 9600, debug build
    CB=target/release/cardbench N=40 python3 benches/msrx_ab.py

Names the interpreter msrx runs on (MSRX, default the pyenv 3.11.7 script, not the pyenv shim,
which adds about 0.2 s to every start). Prints the medians and cardbench ÷ msrx (goal ≤ 1.0).
"""
import os, statistics, subprocess, sys, time
cb = os.environ.get("CB", "./target/debug/cardbench")
msrx = os.environ.get("MSRX", "/root/.pyenv/versions/3.11.7/bin/msrx")
n = int(os.environ.get("N", "20"))
baud = os.environ.get("BAUD", "9600")
tmp = os.environ.get("TMPDIR", "/tmp")
link = os.path.join(tmp, f"msrx-ab-{os.getpid()}.pty")
# The same card for every read: `read` ends with card_done, which moves the simulator on.
text = open("fixtures/scenarios/msr605-default.toml").read()
head, rest = text.split("[[card]]", 1)
card = "[[card]]" + rest.split("[[card]]", 1)[0]
scenario = os.path.join(tmp, f"msrx-ab-{os.getpid()}.toml")
open(scenario, "w").write(head + card * (n + 2))
sim = subprocess.Popen([cb, "sim", "msr605", "--scenario", scenario,
                        "--link", link, "--baud", baud],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.0)
def run(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {p.stderr.decode()[-300:]}")
    return dt
a, b = [], []
try:
    for i in range(n):
        a.append(run([cb, "read", "--device", f"msr605:{link}"]))
        b.append(run([msrx, "-D", link, "read"]))
finally:
    sim.terminate()
    sim.wait()
    os.remove(scenario)
ma, mb = statistics.median(a), statistics.median(b)
print(f"n={n} baud={baud} cardbench median {ma*1000:.0f} ms (min {min(a)*1000:.0f}), "
      f"msrx median {mb*1000:.0f} ms (min {min(b)*1000:.0f}); ratio {ma/mb:.2f}")
