#!/usr/bin/env python3
"""Writes the seed corpus fuzz/corpus/<target>/seed-* from the fixtures (idempotent).

Run from anywhere: python3 fuzz/seed_corpus.py. The fuzzer adds its own finds next to these
(`cargo fuzz run TARGET` grows fuzz/corpus/TARGET); `cargo fuzz cmin TARGET` keeps it small.
"""
import glob
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def fixture(*parts):
    return os.path.join(ROOT, "fixtures", *parts)


def hexbytes(text):
    text = re.sub(r"#.*", "", text)
    return bytes.fromhex(re.sub(r"[^0-9A-Fa-f]", "", text))


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def bcc(b):
    x = 0
    for c in b:
        x ^= c
    return x


def crt310_frame(cm, pm, data=b""):
    n = len(data) + 2
    out = bytes([0x02, n >> 8, n & 0xFF, cm, pm]) + data + b"\x03"
    return out + bytes([bcc(out)])


def crt591_frame(head, cm, pm, data=b"", addr=0):
    n = len(data) + 3
    out = bytes([0xF2, addr, n >> 8, n & 0xFF, head, cm, pm]) + data + b"\x03"
    return out + bytes([bcc(out)])


def main():
    # Tracks: selector byte, then track text (the raw bit-stream view reads the same bytes).
    put("track", "t2", b"\x01;6212345678901232=28122011234567890?5")
    put("track", "t1", b"\x00%B6212345678901232^ZHANG/SAN^2812201000000123456?K")
    put("track", "t3", b"\x02;011234567890123445=724724000000000000300?")
    # ATRs: one in 16 of the literal bank ATRs of pcsc-tools' list (the fuzzer finds the rest).
    lines = [l for l in open(fixture("atr", "smartcard_list-bank.txt"), encoding="utf-8")
             if l.strip() and not l.startswith("#")]
    for i, line in enumerate(lines[::16]):
        put("atr", f"pcsc-{i:03}", hexbytes(line.split("\t")[0]))
    # T=0: SELECT PSE and a 61 xx / 6C xx card answer.
    select = bytes.fromhex("00A404000E315041592E5359532E444446303100")
    put("apdu_t0", "select-61", bytes([len(select)]) + select + bytes.fromhex("A461106F0E8400"))
    gpo = bytes.fromhex("80A8000002830000")
    put("apdu_t0", "gpo-6c", bytes([len(gpo)]) + gpo + bytes.fromhex("6C10A8") + b"\x80" * 16 + b"\x90\x00")
    # TLV: the EMV fixtures.
    for p in sorted(glob.glob(fixture("tlv", "*.hex"))):
        put("tlv", os.path.basename(p)[:-4], hexbytes(open(p, encoding="utf-8").read()))
    # ISO 8583: the CUPS 0200 dump, framed (selector 0x10: CUPS framing, CUPS packing) and its
    # body alone; an ASCII-packed echo in LEN2 and ASCII4 framing.
    cups = hexbytes(open(fixture("iso8583", "cups-0200-purchase.hex"), encoding="utf-8").read())
    put("iso8583", "cups-0200-framed", b"\x10" + cups)
    put("iso8583", "cups-0200-body", b"\x11" + cups[13:])
    echo = b"0800" + bytes.fromhex("8220000000000000") + b"0400000000000000" + b"000001" + b"301"
    put("iso8583", "ascii-0800-len2", b"\x01" + len(echo).to_bytes(2, "big") + echo)
    put("iso8583", "ascii-0800-ascii4", b"\x02" + f"{len(echo):04}".encode() + echo)
    put("pos_host", "cups-0200", b"\x10\x64" + cups)
    put("pos_host", "ascii-0800", b"\x01\x64" + len(echo).to_bytes(2, "big") + echo)
    purchase = (b"0200" + bytes.fromhex("7020000000C00000") + b"196222020000000000018" + b"000000"
                + b"000000001251" + b"000403" + b"00000001" + b"123456789012345")
    put("pos_host", "ascii-0200", b"\x01\x64" + len(purchase).to_bytes(2, "big") + purchase)
    # CRT-310: a reset reply, a track reply (three blocks), an APDU exchange, ACK/NAK/ENQ.
    t2 = b";6212345678901232=28122011234567890?"
    put("crt310", "reset", crt310_frame(0x30, 0x30, b"CRT-310-V3.0"))
    put("crt310", "tracks",
        b"\x06" + crt310_frame(0x45, 0x30, b"\x30\x37\x1f\x59%B6212345678901232^ZHANG/SAN^2812201000000123456?"
                               + b"\x1f\x59" + t2 + b"\x1f\x4f\x31"))
    put("crt310", "apdu", crt310_frame(0x37, 0x30, b"\x59" + bytes.fromhex("6F0E8407A0000003330101") + b"\x90\x00")
        + b"\x15\x05\x04")
    # CRT-591 (M591 §3.1 vectors): INIT, status and its reply, a negative reply, a CPU cold
    # reset reply with an ATR, a 51 39 APDU exchange, the R02 track buffer, ACK/NAK/EOT.
    put("crt591", "init", crt591_frame(0x43, 0x30, 0x33) + b"\x06"
        + crt591_frame(0x50, 0x30, 0x33, b"020CRT-591-M001"))
    put("crt591", "status", crt591_frame(0x43, 0x31, 0x30) + crt591_frame(0x50, 0x31, 0x30, b"020"))
    put("crt591", "negative", crt591_frame(0x4E, 0x31, 0x30, b"B0") + b"\x15")
    put("crt591", "cold-reset", crt591_frame(0x43, 0x51, 0x30, b"0")
        + crt591_frame(0x50, 0x51, 0x30, b"020" + b"0" + bytes.fromhex("3B6800000073C84013009000")))
    put("crt591", "apdu", crt591_frame(0x43, 0x51, 0x39, bytes.fromhex("00A404000E315041592E5359532E444446303100"))
        + crt591_frame(0x50, 0x51, 0x39, b"020" + bytes.fromhex("6F0E8407A0000003330101") + b"\x90\x00"))
    put("crt591", "tracks", crt591_frame(0x43, 0x36, 0x37) + b"\x06"
        + crt591_frame(0x50, 0x36, 0x37, b"020%B6212345678901232^ZHANG/SAN^2812201000000123456?~" + t2 + b"~E1")
        + b"\x06\x15\x04")
    # MSR605: status, model, firmware, an ISO block.
    esc = b"\x1b"
    put("msr605", "status", esc + b"0")
    put("msr605", "model", esc + b"3S")
    put("msr605", "firmware", esc + b"REVH2.31")
    put("msr605", "iso-block", esc + b"s" + esc + b"\x01%B6212345678901232^ZHANG/SAN^28122010000?"
        + esc + b"\x02" + t2 + esc + b"\x03" + b"?" + b"\x1c" + esc + b"0")
    put("msr605", "commands", esc + b"a" + esc + b"e" + esc + b"t" + esc + b"v" + esc + b"r")
    # Loaders: the fixture files as they are.
    for p in sorted(glob.glob(fixture("decks", "*.toml"))):
        put("deck", os.path.basename(p)[:-5], open(p, "rb").read())
    for p in sorted(glob.glob(fixture("scenarios", "*.toml")) + glob.glob(fixture("scenarios", "faults", "*.toml"))):
        put("scenario", os.path.basename(p)[:-5], open(p, "rb").read())
    for p in sorted(glob.glob(fixture("hosts", "*.toml"))):
        put("host_rules", os.path.basename(p)[:-5], open(p, "rb").read())
    for p in sorted(glob.glob(fixture("iso8583", "pos-*.toml")) + glob.glob(fixture("pos", "pos-*.toml"))):
        put("pos_scenario", os.path.basename(p)[:-5], open(p, "rb").read())
    for p in sorted(glob.glob(fixture("pos", "keys-*.toml"))):
        put("keys", os.path.basename(p)[:-5], open(p, "rb").read())
    for p in sorted(glob.glob(fixture("pos", "params-*.toml"))):
        put("params", os.path.basename(p)[:-5], open(p, "rb").read())
    for p in sorted(glob.glob(fixture("terminal", "*.toml"))):
        put("terminal", os.path.basename(p)[:-5], open(p, "rb").read())
    put("stations", "two", '[[station]]\ndevice = "crt310:/dev/serial/by-id/usb-FTDI_FT232R_A1-if00-port0"\n'
        'label = "line1-收银台"\nexpect_model = "CRT-310"\nexpect_serial = "SN001"\n\n'
        '[[station]]\ndevice = "msr605:rfc2217://10.0.0.5:4001"\n')
    put("stations", "sim", '[[station]]\ndevice = "crt310:sim"\n[[station]]\ndevice = "msr605:sim:demo"\nlabel = "T2"\n')
    put("bin_csv", "overrides", "prefix,bank,scheme,type,country\n621700,CCB,UnionPay,debit,CN\n"
        "# a lab card\n623456,\"Test Bank, Lab\",UnionPay,credit,CN\n")
    put("bin_csv", "cn13", open(os.path.join(ROOT, "src", "bins", "cn13.csv"), "rb").read()[:4000])
    put("args", "hosts", "sim\nsim:demo?timeout_ms=500\n127.0.0.1:5000?framing=cups&packing=cups&timeout_ms=9000\n"
        "crt310:/dev/ttyUSB0\nmsr605:tcp://127.0.0.1:3001\ncrt310:sim:demo\n")


if __name__ == "__main__":
    main()
