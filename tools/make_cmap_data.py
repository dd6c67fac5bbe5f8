#!/usr/bin/env python3
"""Makes src/read/pdf/data/adobe-gb1.bin from Adobe's cid2code.txt (Adobe-GB1-6, BSD-3-Clause).

  python3 tools/make_cmap_data.py [../shared/data/cmap-resources/Adobe-GB1-6/cid2code.txt]

The file holds, for every CID of the Adobe-GB1 collection, the Unicode character it shows (0 when
none): the UniGB-UCS2 column where it has a code, else the UniGB-UTF32 one (see pick). The values are
written as zigzag LEB128 deltas from the previous CID's value and zlib-compressed (about 60 KB
instead of 1.9 MB). The PDF reader inverts the table for the predefined CMaps whose codes are
Unicode or GBK (UniGB-UCS2-H, UniGB-UTF16-H, GBK-EUC-H, GB-EUC-H…), so no CMap file is needed.
"""
import os, sys, zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = os.path.join(REPO, "..", "shared", "data", "cmap-resources", "Adobe-GB1-6", "cid2code.txt")
OUT = os.path.join(REPO, "src", "read", "pdf", "data", "adobe-gb1.bin")


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pick(column):
    """The code a text extractor should show: vertical-only forms ("v") skipped, a unified ideograph
    preferred to a Kangxi or supplementary radical of the same shape (CID 982: U+2F0B and U+516B)."""
    codes = [int(c, 16) for c in column.split(",") if c != "*" and not c.endswith("v")]
    plain = [c for c in codes if not 0x2E80 <= c <= 0x2FDF]
    return (plain or codes or [0])[0]


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    header, values = None, []
    for line in open(src, encoding="ascii"):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols))
        assert int(row["CID"]) == len(values)
        ucs2, utf32 = row["UniGB-UCS2"], row["UniGB-UTF32"]
        values.append(pick(ucs2) or pick(utf32))
    body = bytearray(b"AGB1" + len(values).to_bytes(4, "little"))
    prev = 0
    for v in values:
        d = v - prev
        body += varint((d << 1) if d >= 0 else ((-d) << 1) - 1)
        prev = v
    data = zlib.compress(bytes(body), 9)
    with open(OUT, "wb") as f:
        f.write(data)
    print(f"{len(values)} CIDs, {len(data)} bytes -> {OUT}")


if __name__ == "__main__":
    main()
