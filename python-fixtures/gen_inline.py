#!/usr/bin/env python3
"""Pickles for the unpickler's inline loop (issue 7): inline/*.pkl, one
object .npy and inline/manifest.json, written and loaded back by CPython 3.11
and numpy.

    rows-p<proto>.pkl     150 dicts of the benchmark's shape (int, str,
                          float, list, bool) plus tuples of 0-4 items, a
                          big int, a non-ASCII str, and a repeat of row 140
                          (memo indices past 255: LONG_BINPUT/LONG_BINGET),
                          at protocols 0-5 (APPEND and SETITEM at 0,
                          APPENDS and SETITEMS from 1, MEMOIZE from 4)
    keys-setitems.pkl     by hand: SETITEMS with 'x', True, 'y', 1.0, 1 as
                          keys (Python keeps the first of the equal keys
                          True, 1.0, 1 and the last value)
    keys-setitem-p0.pkl   the same keys through protocol 0's SETITEM
    keys-dict-p0.pkl      the same keys through protocol 0's DICT
    objects.npy           np.save of an object array of 2000 ints, floats,
                          short strings and None (the W5 benchmark's shape)

manifest.json: `values` holds what pickle.loads gave, as JSON, by name; in
`files`, each file names its value (for the keys files, `items`:
[repr(key), value] pairs) and records the limits the pure
Python unpickler (pickle._Unpickler) reached while loading it: the most
items on the stack (all MARK levels together), the deepest MARK nesting and
the memo's size; for the .npy, the offset where its pickle starts.
"""
import io
import json
import pathlib
import pickle

import numpy as np

out = pathlib.Path(__file__).resolve().parent / "inline"
out.mkdir(exist_ok=True)
manifest = {}
values = {}


class Measuring(pickle._Unpickler):
    """The pure-Python unpickler, noting its stack, nesting and memo after each opcode."""

    def __init__(self, data):
        super().__init__(io.BytesIO(data))
        self.peak_stack = self.peak_nesting = 0
        self.dispatch = {code: self._measured(f) for code, f in pickle._Unpickler.dispatch.items()}

    def _measured(self, f):
        def run(unpickler):
            try:
                f(unpickler)
            finally:
                items = len(unpickler.stack) + sum(len(s) for s in unpickler.metastack)
                unpickler.peak_stack = max(unpickler.peak_stack, items)
                unpickler.peak_nesting = max(unpickler.peak_nesting, len(unpickler.metastack))
        return run


def limits(data):
    u = Measuring(data)
    value = u.load()
    return value, {"maxStack": u.peak_stack, "maxNesting": u.peak_nesting, "memo": len(u.memo)}


def rows():
    rs = [{"id": i, "name": f"row{i}", "score": i * 0.5, "tags": ["a", "b"], "ok": i % 2 == 0,
           "t0": (), "t1": (i,), "t2": (i, "x"), "t3": (i, None, True), "t4": (1, 2, 3, -i),
           "big": 2 ** 40 + i, "u": f"é{i}"} for i in range(150)]
    rs.append(rs[140])
    return rs


def jsonable(v):
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    return v


for proto in range(6):
    name = f"rows-p{proto}.pkl"
    data = pickle.dumps(rows(), protocol=proto)
    (out / name).write_bytes(data)
    value, lim = limits(data)
    assert value == pickle.loads(data)
    values["rows"] = jsonable(value)
    manifest[name] = {"value": "rows", **lim}

# 'x': 1, True: 2, 'y': 3, 1.0: 4, 1: 5
keys_binary = (b"\x80\x02}q\x00(X\x01\x00\x00\x00xK\x01\x88K\x02X\x01\x00\x00\x00yK\x03"
               b"G?\xf0\x00\x00\x00\x00\x00\x00K\x04K\x01K\x05u.")
keys_setitem = b"(dp0\nVx\nI1\nsI01\nI2\nsVy\nI3\nsF1.0\nI4\nsI1\nI5\ns."
keys_dict = b"(Vx\nI1\nI01\nI2\nVy\nI3\nF1.0\nI4\nI1\nI5\nd."
for name, data in (("keys-setitems.pkl", keys_binary), ("keys-setitem-p0.pkl", keys_setitem),
                   ("keys-dict-p0.pkl", keys_dict)):
    (out / name).write_bytes(data)
    value, lim = limits(data)
    assert value == pickle.loads(data)
    manifest[name] = {"items": [[repr(k), v] for k, v in value.items()], **lim}

objects = np.empty(2000, dtype=object)
for i in range(2000):
    objects[i] = (i * 37, i * 0.25, f"s{i % 97}", None)[i % 4]
with open(out / "objects.npy", "wb") as f:
    np.save(f, objects, allow_pickle=True)
with open(out / "objects.npy", "rb") as f:
    np.lib.format.read_magic(f)
    np.lib.format.read_array_header_1_0(f)
    offset = f.tell()
    data = f.read()
_, lim = limits(data)
values["objects"] = np.load(out / "objects.npy", allow_pickle=True).tolist()
manifest["objects.npy"] = {"value": "objects", "pickleOffset": offset, **lim}

(out / "manifest.json").write_text(json.dumps({"files": manifest, "values": values}, sort_keys=True) + "\n")
print(f"wrote {len(manifest)} files to {out}")
