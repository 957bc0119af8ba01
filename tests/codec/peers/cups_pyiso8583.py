#!/usr/bin/env python3
"""An independent CUPS (China UnionPay POS) encoder: pyiso8583 with a spec written to the
UnionPay layout, so cardbench's CUPS codec can be checked against bytes it did not write.

Layout (CUPS POS terminal specification): BCD MTI, binary bitmap, BCD numerics; fixed-length
odd-digit numerics right-aligned (left pad 0) except DE22 (left-aligned, right pad 0);
variable-length numerics and track data left-aligned with a BCD length prefix counting digits
(LL one byte, LLL two bytes); text fields ASCII with a BCD length in bytes; DE52/DE64 binary.

    python3 tests/codec/peers/cups_pyiso8583.py > fixtures/iso8583/cups-pyiso8583-0200.hex

Needs `pip install pyiso8583` (4.x). The output is committed; the Rust test does not run this.
"""
import copy
import sys

import iso8583
from iso8583.specs import default

spec = copy.deepcopy(default)
spec["t"].update(data_enc="b", len_type=0, max_len=2, len_count="bytes")
spec["p"].update(data_enc="b", max_len=8)
spec["1"].update(data_enc="b", max_len=8)


def n_fixed(num, digits, left_aligned=False):
    s = spec[str(num)]
    s.update(data_enc="b", len_enc="bcd", len_type=0, max_len=digits, len_count="nibbles")
    s.pop("left_pad", None)
    s.pop("right_pad", None)
    if digits % 2:
        s["right_pad" if left_aligned else "left_pad"] = "0"


# pyiso8583's len_type counts length bytes: with a BCD length, LLVAR is 1 and LLLVAR is 2.
LL, LLL = 1, 2


def n_var(num, ltype, max_digits):
    s = spec[str(num)]
    s.update(data_enc="b", len_enc="bcd", len_type=ltype, max_len=max_digits,
             len_count="nibbles", right_pad="0")


def text_var(num, ltype, max_len):
    spec[str(num)].update(data_enc="ascii", len_enc="bcd", len_type=ltype, max_len=max_len)


for num, digits in [(3, 6), (4, 12), (11, 6), (12, 6), (13, 4), (14, 4), (23, 3), (24, 3),
                    (25, 2), (26, 2), (19, 3)]:
    n_fixed(num, digits)
n_fixed(22, 3, left_aligned=True)
n_var(2, LL, 19)
n_var(32, LL, 11)
n_var(35, LL, 37)
n_var(60, LLL, 17)
for num in (52, 64):
    spec[str(num)].update(data_enc="b", len_type=0, max_len=8)
spec["49"].update(data_enc="ascii", len_type=0, max_len=3)
text_var(63, LLL, 163)


def message():
    """A 0200 purchase like a real terminal sends (test card, odd-length DE2/DE35)."""
    return {
        "t": "0200",
        "2": "4761739001010119",
        "3": "000000",
        "4": "000000012345",
        "11": "000123",
        "14": "2512",
        "19": "156",
        "22": "051",
        "23": "001",
        "24": "009",
        "25": "00",
        "26": "12",
        "32": "12345678901",
        "35": "4761739001010119D25122011143804400000",
        "41": "10000019",
        "42": "850100082410002",
        "49": "156",
        "52": "D1EEF419D0AE2609",
        "60": "22000024000600501",
        "63": "CUP",
        "64": "8F651B26A1B2C3D4",
    }


if __name__ == "__main__":
    raw, _ = iso8583.encode(message(), spec)
    decoded, _ = iso8583.decode(raw, spec)
    assert decoded["23"] == "001" and decoded["22"] == "051", decoded
    sys.stdout.write(raw.hex().upper() + "\n")
