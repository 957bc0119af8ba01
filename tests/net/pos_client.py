"""An outside terminal for cardbench's POS host (tests/net/pos_client.rs).

Plays a UnionPay POS written independently of cardbench: its own CUPS framing and BCD packing,
psec for every cryptographic step. Signs on (60.3 004), decrypts the working keys under the
test master key given on the command line and checks their check values, sends a purchase with
a format-0 PIN block and a UnionPay POS-ECB MAC, verifies the MAC of the 0210, then settles.
Prints one JSON object. Arguments: PORT TMK_HEX PAN PIN.
"""

import json
import socket
import sys
import time

import psec

PORT, TMK, PAN, PIN = int(sys.argv[1]), bytes.fromhex(sys.argv[2]), sys.argv[3], sys.argv[4]
TID, MID = b"20000001", b"898100012340001"
# TPDU, then the header: magstripe POS application (60) v31, sub-version 311003.
HEADER = bytes.fromhex("6000060000" + "603100311003")


def bcd(digits):
    if len(digits) % 2:
        digits += "0"
    return bytes.fromhex(digits)


def ll(digits):
    return bytes.fromhex("%02d" % len(digits)) + bcd(digits)


def lll(digits):
    return bytes.fromhex("%04d" % len(digits)) + bcd(digits)


def lll_b(data):
    return bytes.fromhex("%04d" % len(data)) + data


def message(mti, fields):
    bitmap = bytearray(8)
    for f in fields:
        bitmap[(f - 1) // 8] |= 0x80 >> ((f - 1) % 8)
    return bcd(mti) + bytes(bitmap) + b"".join(fields[f] for f in sorted(fields))


def des_k(key):
    """A single-length DES key as the K|K 3DES key psec takes."""
    return key + key if len(key) == 8 else key


def pos_ecb_mac(key, mab):
    """UnionPay POS-ECB: XOR the zero-padded 8-byte blocks, hex-expand, two DES passes."""
    mab = mab + b"\0" * (-len(mab) % 8)
    r = bytearray(8)
    for i in range(0, len(mab), 8):
        for j in range(8):
            r[j] ^= mab[i + j]
    h = r.hex().upper().encode()
    e1 = psec.des.encrypt_tdes_ecb(des_k(key), h[:8])
    t = bytes(a ^ b for a, b in zip(e1, h[8:]))
    e2 = psec.des.encrypt_tdes_ecb(des_k(key), t)
    return e2.hex().upper()[:8].encode()


# Reply field layouts: (kind, size): n fixed digits, ll/lll numeric, a fixed text, lllb bytes.
SPEC = {
    2: ("ll", 0), 3: ("n", 6), 4: ("n", 12), 11: ("n", 6), 12: ("n", 6), 13: ("n", 4),
    14: ("n", 4), 22: ("n", 3), 25: ("n", 2), 35: ("ll", 0), 37: ("a", 12), 38: ("a", 6),
    39: ("a", 2), 41: ("a", 8), 42: ("a", 15), 44: ("llla", 0), 48: ("lll", 0), 49: ("a", 3),
    53: ("n", 16), 55: ("lllb", 0), 60: ("lll", 0), 61: ("lll", 0), 62: ("lllb", 0),
    63: ("llla", 0), 64: ("b", 8),
}


def parse(body):
    """MTI, fields, and where DE64 starts."""
    mti = body[:2].hex()
    bitmap = body[2:10]
    at, fields, mac_at = 10, {}, None
    for f in range(2, 65):
        if not bitmap[(f - 1) // 8] & (0x80 >> ((f - 1) % 8)):
            continue
        kind, size = SPEC[f]
        if f == 64:
            mac_at = at
        if kind == "n":
            n = (size + 1) // 2
            fields[f] = body[at:at + n].hex()[:size]
            at += n
        elif kind in ("a", "b"):
            fields[f] = body[at:at + size]
            at += size
        elif kind in ("ll", "lll"):
            w = 1 if kind == "ll" else 2
            digits = int(body[at:at + w].hex())
            at += w
            n = (digits + 1) // 2
            fields[f] = body[at:at + n].hex()[:digits]
            at += n
        else:
            length = int(body[at:at + 2].hex())
            at += 2
            fields[f] = body[at:at + length]
            at += length
    return mti, fields, mac_at


def exchange(sock, body):
    sock.sendall(len(HEADER + body).to_bytes(2, "big") + HEADER + body)
    head = b""
    while len(head) < 2:
        head += sock.recv(2 - len(head))
    n = int.from_bytes(head, "big")
    data = b""
    while len(data) < n:
        data += sock.recv(n - len(data))
    return data[len(HEADER):]


out = {}
sock = socket.create_connection(("127.0.0.1", PORT), timeout=20)

# Sign-on: 0800, 60.3 004 (double-length PIN key, MAC key, track key).
signon = message("0800", {11: bcd("000101"), 41: TID, 42: MID, 60: lll("00000001004")})
mti, f, _ = parse(exchange(sock, signon))
out["signon_mti"], out["signon_rc"] = mti, f[39].decode()
keys = f[62]
out["de62_len"] = len(keys)
pik = psec.des.decrypt_tdes_ecb(TMK, keys[0:16])
mak = psec.des.decrypt_tdes_ecb(TMK, keys[20:28])
tdk = psec.des.decrypt_tdes_ecb(TMK, keys[40:56])
out["kcv_pik"] = psec.des.generate_kcv(pik, 4) == keys[16:20]
out["kcv_mak"] = psec.des.generate_kcv(mak, 4) == keys[36:40] and keys[28:36] == b"\0" * 8
out["kcv_tdk"] = psec.des.generate_kcv(tdk, 4) == keys[56:60]
out["batch"] = f[60][2:8]
time.sleep(3.5)

# Purchase: swiped, PIN block format 0 under the PIN key, POS-ECB MAC under the MAC key.
pinblock = psec.des.encrypt_tdes_ecb(pik, psec.pinblock.encode_pinblock_iso_0(PIN, PAN))
fields = {
    2: ll(PAN), 3: bcd("000000"), 4: bcd("000000000001"), 11: bcd("000102"),
    14: bcd("2812"), 22: bcd("021"), 25: bcd("00"), 35: ll(PAN + "D2812220" + "1234567890"),
    41: TID, 42: MID, 49: b"156", 52: pinblock, 53: bcd("2600000000000000"),
    60: lll("22" + out["batch"] + "000600"), 64: b"\0" * 8,
}
body = message("0200", fields)
body = body[:-8] + pos_ecb_mac(mak, body[:-8])
reply = exchange(sock, body)
mti, f, mac_at = parse(reply)
out["sale_mti"], out["sale_rc"] = mti, f[39].decode()
out["reply_mac_ok"] = mac_at is not None and pos_ecb_mac(mak, reply[:mac_at]) == f[64]
time.sleep(3.5)

# Settlement: one debit of 0.01.
totals = "000000000001" + "001" + "0" * 12 + "000" + "0" + "0" * 31
settle = message("0500", {11: bcd("000103"), 41: TID, 42: MID, 48: lll(totals),
                          49: b"156", 60: lll("00" + out["batch"] + "201")})
mti, f, _ = parse(exchange(sock, settle))
out["settle_mti"], out["settle_rc"] = mti, f[39].decode()
out["settle_flag"] = f[48][30]
sock.close()
print(json.dumps(out))
