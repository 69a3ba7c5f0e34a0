#!/usr/bin/env python3
"""Pickles for the resource limits (issue 8): harden/*.pkl and
harden/manifest.json, written and loaded back by CPython 3.11.

    laughs-p<proto>.pkl   billion laughs: L0 = ['lol'], L(i) = [L(i-1)] * 10,
                          30 levels: a few hundred bytes, 10^30 leaves if
                          printed without sharing (CPython loads it at once)
    fanout-p<proto>.pkl   32 objects reducing to bytearray(big), big a single
                          memoized 64 KiB bytes: 2 MiB built from 64 KiB
    nested-p0.pkl         100 nested 1-tuples at protocol 0: 100 nested MARKs

manifest.json records what pickle.loads gave: for laughs the depth and
fan-out it walked, for fanout the count, sizes and SHA-256 of the buffers,
for nested the depth.
"""
import hashlib
import json
import pathlib
import pickle

out = pathlib.Path(__file__).resolve().parent / "harden"
out.mkdir(exist_ok=True)
manifest = {}


def laughs():
    v = ["lol"]
    for _ in range(30):
        v = [v] * 10
    return v


big = bytes(range(256)) * 256


class Fan:
    def __reduce__(self):
        return (bytearray, (big,))


for proto in (0, 2, 4, 5):
    name = f"laughs-p{proto}.pkl"
    data = pickle.dumps(laughs(), protocol=proto)
    (out / name).write_bytes(data)
    v = pickle.loads(data)
    depth = 0
    while isinstance(v, list) and len(v) == 10 and all(x is v[0] for x in v):
        v, depth = v[0], depth + 1
    manifest[name] = {"depth": depth, "fanout": 10, "leaf": v}

for proto in (2, 5):
    name = f"fanout-p{proto}.pkl"
    data = pickle.dumps([Fan() for _ in range(32)], protocol=proto)
    (out / name).write_bytes(data)
    v = pickle.loads(data)
    manifest[name] = {
        "count": len(v),
        "size": len(v[0]),
        "sha256": hashlib.sha256(b"".join(v)).hexdigest(),
        "distinct": len({id(x) for x in v}),
    }

nested = ()
for _ in range(99):
    nested = (nested,)
data = pickle.dumps(nested, protocol=0)
(out / "nested-p0.pkl").write_bytes(data)
v, depth = pickle.loads(data), 0
while isinstance(v, tuple):
    v = v[0] if v else None
    depth += 1
manifest["nested-p0.pkl"] = {"depth": depth, "marks": data.count(b"(")}

(out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
print(f"wrote {len(manifest)} pickles to {out}")
