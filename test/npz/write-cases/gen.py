#!/usr/bin/env python3
"""Expected archives for test/npz/zip-write.test.ts (npyio's zip writer).

Writes archives the way numpy 2.4's savez / savez_compressed do, through
CPython 3.11's zipfile: ``ZipFile(f, mode="w", compression=...,
allowZip64=True)`` and each member through ``zipf.open(name, 'w',
force_zip64=True)`` into a seekable file. Most cases call np.savez /
np.savez_compressed on a BytesIO directly; the rest (an empty member, a mix
of stored and deflated members, more than 0xFFFF members, members of 2 GiB)
call zipfile the same way numpy's ``_savez`` does.

Rerun from the repository root (needs python3 3.11 and numpy)::

    python3 test/npz/write-cases/gen.py

It rewrites, beside itself:

- ``index.json``: python / numpy / zlib versions and, per case, the member
  names, their contents (base64, split into npy header and data like
  savez's parts), for deflated members the raw deflate stream CPython wrote
  (base64), and the archive's file name, size and sha256.
- ``<case>.npz``: the archive bytes, for the small cases.
- For the generated cases (65535 and 65536 members), only the rule that
  names and fills the members plus the archive's size and sha256.
- For the 2 GiB cases, the member layout and the archive with its runs of
  zero bytes cut out: ``skeleton`` (base64 of every other byte, in order)
  and ``zero_runs`` ([offset, length]). The big data never touches memory or
  disk: it is written as the same zero-filled buffer again and again into a
  sink that only keeps the other bytes.

The output depends on the Python (zipfile) and, for deflated members, on the
zlib Python links; the test replays the recorded deflate streams, so the zip
layer is compared byte for byte whatever zlib node has.
"""
import base64
import hashlib
import io
import json
import os
import pathlib
import sys
import tempfile
import zipfile
import zlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent


def b64(b):
    return base64.b64encode(bytes(b)).decode("ascii")


def npy_split(content):
    """Split an .npy member into [header, data], as savez hands them to the zip."""
    if content[:6] != b"\x93NUMPY" or len(content) < 10:
        return [content]
    major = content[6]
    if major == 1:
        hlen = 10 + int.from_bytes(content[8:10], "little")
    else:
        hlen = 12 + int.from_bytes(content[8:12], "little")
    return [content[:hlen], content[hlen:]] if hlen < len(content) else [content]


def describe(archive, about, file):
    """The index entry for archive bytes: members read back, deflate streams cut out."""
    members = []
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        assert zf.testzip() is None
        for info in zf.infolist():
            content = zf.read(info)
            m = {
                "name": info.filename,
                "compress": info.compress_type == zipfile.ZIP_DEFLATED,
                "parts": [b64(p) for p in npy_split(content)],
            }
            if m["compress"]:
                at = info.header_offset
                assert archive[at:at + 4] == b"PK\x03\x04"
                nlen = int.from_bytes(archive[at + 26:at + 28], "little")
                xlen = int.from_bytes(archive[at + 28:at + 30], "little")
                start = at + 30 + nlen + xlen
                stream = archive[start:start + info.compress_size]
                assert zlib.decompress(stream, -15) == content
                m["deflated"] = b64(stream)
            members.append(m)
    (HERE / file).write_bytes(archive)
    return {
        "id": file[: -len(".npz")],
        "about": about,
        "file": file,
        "size": len(archive),
        "sha256": hashlib.sha256(archive).hexdigest(),
        "members": members,
    }


def savez(compress, *args, **kwds):
    buf = io.BytesIO()
    (np.savez_compressed if compress else np.savez)(buf, *args, **kwds)
    return buf.getvalue()


def zipfile_like_numpy(members, compression=zipfile.ZIP_STORED, fp=None):
    """members: (name, [chunks], compress_type or None); written as numpy's _savez writes."""
    buf = fp if fp is not None else io.BytesIO()
    zipf = zipfile.ZipFile(buf, mode="w", compression=compression, allowZip64=True)
    try:
        for name, chunks, compress_type in members:
            if compress_type is None:
                target = name
            else:
                target = zipfile.ZipInfo(name)  # date_time 1980-01-01, as open(name) makes
                target.compress_type = compress_type
            with zipf.open(target, "w", force_zip64=True) as fid:
                for c in chunks:
                    fid.write(c)
    finally:
        zipf.close()
    return buf if fp is not None else buf.getvalue()


class ZeroSkippingSink:
    """A seekable file that keeps every write except the given zero buffers."""

    def __init__(self, zero_buffers):
        self.zero_ids = {id(z) for z in zero_buffers}
        self.pos = 0
        self.segments = {}  # offset -> bytes, or int length for a zero run

    def write(self, data):
        if id(data) in self.zero_ids:
            self.segments[self.pos] = len(data)
            n = len(data)
        else:
            data = bytes(data)
            self.segments[self.pos] = data
            n = len(data)
        self.pos += n
        return n

    def tell(self):
        return self.pos

    def seek(self, pos, whence=0):
        assert whence == 0
        self.pos = pos
        return pos

    def seekable(self):
        return True

    def flush(self):
        pass

    def layout(self):
        skeleton = bytearray()
        runs = []
        at = 0
        for off in sorted(self.segments):
            seg = self.segments[off]
            assert off == at, (off, at)  # rewrites replaced equal-length headers
            if isinstance(seg, int):
                if runs and runs[-1][0] + runs[-1][1] == off:
                    runs[-1][1] += seg
                else:
                    runs.append([off, seg])
                at += seg
            else:
                skeleton += seg
                at += len(seg)
        return bytes(skeleton), runs, at


CHUNK = 16 << 20


def big_case(id_, about, sizes):
    """Stored members of `sizes[name]` zero bytes (int) or given bytes."""
    zero = bytes(CHUNK)
    zeros = [zero]
    members = []
    for name, content in sizes:
        if isinstance(content, int):
            chunks = [zero] * (content // CHUNK)
            if content % CHUNK:
                last = bytes(content % CHUNK)
                zeros.append(last)
                chunks.append(last)
            members.append((name, chunks, None))
        else:
            members.append((name, [content], None))
    sink = ZeroSkippingSink(zeros)
    zipfile_like_numpy(members, fp=sink)
    skeleton, runs, total = sink.layout()
    return {
        "id": id_,
        "about": about,
        "size": total,
        "members": [
            {"name": n, "zeros": c} if isinstance(c, int) else {"name": n, "parts": [b64(c)]}
            for n, c in sizes
        ],
        "skeleton": b64(skeleton),
        "zero_runs": runs,
    }


def generated_case(id_, count):
    # Rule (the test rebuilds it): member i is named f"m{i}.npy" and holds
    # the ASCII digits of i; all stored.
    members = [(f"m{i}.npy", [str(i).encode()], None) for i in range(count)]
    archive = zipfile_like_numpy(members)
    return {
        "id": id_,
        "about": f"{count} stored members: the zip64 end record is needed only above 0xFFFF members",
        "count": count,
        "rule": "member i: name 'm{i}.npy', content the ASCII digits of i, stored",
        "size": len(archive),
        "sha256": hashlib.sha256(archive).hexdigest(),
    }


def main():
    rng = np.random.default_rng(20240611)
    a = np.arange(6, dtype="<i4").reshape(2, 3)
    noisy = rng.integers(0, 40, 5000).astype("<i2")
    smooth = np.linspace(0, 1, 1000)
    words = np.array(["alpha", "beta", "gamma", "δέλτα"])
    fortran = np.asfortranarray(np.arange(12, dtype=">f4").reshape(3, 4))

    cases = []
    cases.append(describe(savez(False), "np.savez with no arrays: the 22-byte empty zip", "empty.npz"))
    cases.append(describe(savez(False, a=a), "np.savez with one array", "one-stored.npz"))
    cases.append(describe(
        savez(False, np.arange(3), np.array([1.5, 2.5]), x=np.zeros((0,)), **{"x.npy": np.array(True), "dir/y": words}),
        "np.savez with keyword and positional arrays, an 'x.npy.npy' and a 'dir/y.npy' member, an empty array",
        "several-stored.npz"))
    cases.append(describe(
        savez(False, **{"café": a, "数据": np.arange(4, dtype="u1"), "emoji😀": words, "plain": fortran}),
        "np.savez with non-ASCII keys (flag 0x800 on those members only)",
        "non-ascii-stored.npz"))
    cases.append(describe(savez(False, big=noisy), "np.savez with a 10 kB member", "larger-stored.npz"))
    cases.append(describe(savez(True), "np.savez_compressed with no arrays", "empty-compressed.npz"))
    cases.append(describe(savez(True, a=a), "np.savez_compressed with one small array", "one-deflated.npz"))
    cases.append(describe(
        savez(True, noisy, smooth, x=np.zeros((0,)), words=words, fortran=fortran, ones=np.ones(5000, dtype="u1")),
        "np.savez_compressed with several arrays, some of several kB",
        "several-deflated.npz"))
    cases.append(describe(
        savez(True, **{"café": a, "数据": smooth, "ünïcode/path": words}),
        "np.savez_compressed with non-ASCII keys",
        "non-ascii-deflated.npz"))
    cases.append(describe(
        zipfile_like_numpy([("empty.npy", [], None), ("after.npy", [b"after"], None)]),
        "zipfile as numpy drives it: an empty stored member, then one more",
        "empty-member-stored.npz"))
    cases.append(describe(
        zipfile_like_numpy([("empty.npy", [], None), ("after.npy", [b"after" * 50], None)], zipfile.ZIP_DEFLATED),
        "zipfile as numpy drives it: an empty deflated member (stream 03 00), then one more",
        "empty-member-deflated.npz"))
    cases.append(describe(
        zipfile_like_numpy([
            ("s.npy", [b"stored " * 30], zipfile.ZIP_STORED),
            ("d.npy", [b"deflated " * 30, b"tail"], zipfile.ZIP_DEFLATED),
            ("é.npy", [b""], zipfile.ZIP_DEFLATED),
        ]),
        "zipfile as numpy drives it, members stored and deflated in one archive",
        "mixed.npz"))

    # np.savez to a path writes what it writes to a BytesIO.
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "t.npz")
        np.savez(p, a=a)
        assert pathlib.Path(p).read_bytes() == (HERE / "one-stored.npz").read_bytes()

    generated = [generated_case("count-65535", 0xFFFF), generated_case("count-65536", 0x10000)]

    big = [
        big_case("big-at-limit", "a stored member of exactly 2**31-1 bytes (32-bit sizes), then one whose offset is over the limit",
                 [("limit.npy", 2**31 - 1), ("next.npy", b"next")]),
        big_case("big-over-limit", "a stored member of 2**31 bytes: zip64 sizes in the central directory",
                 [("big.npy", 2**31)]),
    ]

    index = {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "cases": cases,
        "generated": generated,
        "big": big,
    }
    (HERE / "index.json").write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} archives, {len(generated)} generated and {len(big)} big layouts to {HERE}")


if __name__ == "__main__":
    main()
