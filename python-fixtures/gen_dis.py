#!/usr/bin/env python3
"""What CPython 3.11's pickletools.dis prints: dis/cases.json.

Run from python-fixtures/ (generate.py does that). test/pickle/dis.test.ts
disassembles the same bytes with npyio's dis and compares the text.

The pickles:
- a sample of pickle/*.pkl (every protocol, both CPython picklers, Python 2's
  cPickle and pickle, numpy arrays and object arrays, hand-written opcode
  streams, malformed ones): every file up to 1500 bytes, at most PER_GROUP
  per file-name group, chosen evenly in name order;
- dis/*.pkl written here: what exercises dis itself (memo and MARK errors,
  stack underflow, a pickle followed by another one, arguments pickletools
  reads differently from the C unpickler);
- object arrays in .npy files (the pickle after the header);
- object arrays in .npz members ("key": the member's numpy key; "start" and
  the offsets count in the member's bytes).

Python 2.7's pickletools is not used: its output differs from Python 3's only
in how Python 2 writes reprs (u'...', 123L), which npyio does not imitate.

cases.json is a list:

    {"file": path under python-fixtures/, "start": where the pickle starts
     (after the .npy header, else 0),
     "streams": [{"start", "text": what dis printed,
                  "error": null or {"class", "message"}}, ...]}

One entry in "streams" per pickle stream: pickletools.dis stops at STOP, so
the generator calls it again from where it stopped while bytes remain (the
file object's position gives offsets in the file) and stops after an error.
"""
import io
import json
import pathlib
import pickle
import pickletools
import sys
import zipfile

import numpy as np
import numpy.lib._format_impl as _format_impl

sys.dont_write_bytecode = True
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "dis"
PER_GROUP = 40
MAX_SIZE = 1500


def sample_pickles():
    groups = {}
    for f in sorted((HERE / "pickle").glob("*.pkl")):
        if f.stat().st_size > MAX_SIZE:
            continue
        parts = f.name.split("-")
        group = parts[0] + ("-" + parts[1] if parts[0] in ("py2", "np", "bad", "op") else "")
        groups.setdefault(group, []).append(f)
    chosen = []
    for files in groups.values():
        step = max(1, len(files) // PER_GROUP)
        chosen += files[::step][:PER_GROUP]
    return chosen


def own_pickles():
    """Pickles for dis itself: name -> bytes."""
    two = pickle.dumps(1, protocol=2) + pickle.dumps([1, "a"], protocol=4)
    return {
        "two-streams.pkl": two,
        "three-streams-p0.pkl": pickle.dumps(None, 0) + pickle.dumps((1,), 0) + pickle.dumps({"k": 2.5}, 0),
        "stream-then-garbage.pkl": pickle.dumps("x", 3) + b"\xff\xff",
        "get-undefined.pkl": b"\x80\x02h\x05.",
        "put-twice.pkl": b"\x80\x02K\x01q\x00q\x00.",
        "put-empty-stack.pkl": b"p0\nN.",
        "put-mark.pkl": b"(p0\nt.",
        "memoize-mark.pkl": b"\x80\x04(\x94t.",
        "memoize-taken.pkl": b"\x80\x04K\x01q\x01\x94.",
        "no-mark.pkl": b"K\x01t.",
        "pop-mark.pkl": b"(K\x010N0.",
        "pop-underflow.pkl": b"\x80\x02K\x01\x86.",
        "stack-left.pkl": b"K\x01K\x02.",
        "mark-left.pkl": b"(K\x01.",
        "mark-taken.pkl": b"(\x85t.",
        "unknown-opcode.pkl": b"\x80\x02K\x01\xff.",
        "exhausted.pkl": b"\x80\x02K\x01",
        "empty.pkl": b"",
        "truncated-arg.pkl": b"\x80\x02X\x10\x00\x00\x00ab",
        "nested-marks.pkl": b"((K\x01K\x02t(K\x03lt.",
        "int-octal.pkl": b"I010\n.",
        "int-bool.pkl": b"(I00\nI01\nt.",
        "long-suffix.pkl": b"L12345678901234567890L\n.",
        "floats.pkl": b"(F1.5\nF-0.0\nF1e300\nG\x7f\xf0\x00\x00\x00\x00\x00\x00t.",
        "string-escapes.pkl": b"S'a\\nb\\'c\\x41'\n.",
        "string-nonascii.pkl": b"S'\\xe9t\\xe9'\n.",
        "unicode-escapes.pkl": b"V\\u00e9t\\u00e9 \\U0001f600\n.",
        "bytearray.pkl": pickle.dumps(bytearray(b"ab\x00"), 5),
        "frame.pkl": pickle.dumps(["x" * 10, {"a": (1, 2)}], 4),
        "ext.pkl": b"\x80\x02\x82\x01\x83\x01\x02\x84\x01\x02\x03\x04\x87.",
        "persid.pkl": b"Pabc\n\x80\x02K\x01Q\x86.",
        "inst.pkl": b"(K\x01imod\nName\n.",
        "long1-long4.pkl": b"\x80\x02(\x8a\x00\x8a\x02\xff\x7f\x8b\x09\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01t.",
        "oob-buffers.pkl": b"\x80\x05\x97\x98.",
    }


def dis_streams(data, start):
    f = io.BytesIO(data)
    f.seek(start)
    streams = []
    while True:
        pos = f.tell()
        out = io.StringIO()
        try:
            pickletools.dis(f, out=out)
            error = None
        except Exception as e:  # pickletools raises what it raises: ValueError, IndexError, UnicodeDecodeError ...
            error = {"class": type(e).__name__, "message": str(e)}
        streams.append({"start": pos, "text": out.getvalue(), "error": error})
        if error is not None or f.tell() >= len(data):
            return streams


def npy_data_start(path):
    with open(path, "rb") as f:
        major, _ = np.lib.format.read_magic(f)
        read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        read_header(f, max_header_size=100000)
        return f.tell()


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.pkl"):
        old.unlink()
    cases = []
    for name, data in own_pickles().items():
        (OUT / name).write_bytes(data)
        cases.append(("dis/" + name, data, 0))
    for f in sample_pickles():
        cases.append(("pickle/" + f.name, f.read_bytes(), 0))
    # object arrays in .npy files: numpy's own, and the Python 2 one npz fixtures hold
    arr = np.array([1, "two", (3.0, None), {"k": [b"v"]}], dtype=object)
    np.save(OUT / "objects.npy", arr, allow_pickle=True)
    big = np.array([[i, str(i)] for i in range(3)], dtype=object)
    np.save(OUT / "objects-2d.npy", big, allow_pickle=True)
    for name in ("objects.npy", "objects-2d.npy"):
        path = OUT / name
        cases.append(("dis/" + name, path.read_bytes(), npy_data_start(path)))

    entries = [{"file": rel, "start": start, "streams": dis_streams(data, start)} for rel, data, start in cases]
    for rel, key in (("npz/savez-object.npz", "obj"), ("npz/savez_compressed-object.npz", "obj2d")):
        with zipfile.ZipFile(HERE / rel) as z:
            data = z.read(key + ".npy")
        fp = io.BytesIO(data)
        version = np.lib.format.read_magic(fp)
        _format_impl._read_array_header(fp, version)
        entries.append({"file": rel, "key": key, "start": fp.tell(), "streams": dis_streams(data, fp.tell())})
    with open(OUT / "cases.json", "w") as out:
        out.write("[\n" + ",\n".join(json.dumps(e) for e in entries) + "\n]\n")
    size = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"dis/cases.json: {len(entries)} pickles, {size} bytes in dis/")


if __name__ == "__main__":
    main()
