#!/usr/bin/env python3
"""np.savez_compressed archives large enough for npyio's chunked inflate.

npyio's fflate inflater (the browser path) inflates a member in pushes when
its stream could run more than 1 MiB past its declared size (1032 times the
compressed size, minus the declared size): every genuine member of a few KiB
or more. These archives give it streams numpy wrote whose blocks of every
kind (dynamic Huffman, stored blocks of incompressible bytes, long runs)
cross the push boundaries, with what numpy reads from them.

A stored archive with a member over 1 MiB checks the CRC of a large member
read from a file, a byte changed at either side of the 1 MiB mark.

Writes npz-chunks/*.npz and npz-chunks/manifest.json:
  [{"file", "about", "members": {name: {"compress_size", "file_size", "CRC",
    "npy_sha256", "dtype", "shape", "data_sha256"}}}]
"""
import io
import pathlib
import sys
import zipfile

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_npy import sha256_hex, write_entries_json  # noqa: E402

OUT = HERE / "npz-chunks"


def arrays():
    rng = np.random.default_rng(7)
    return {
        # Three decimals, as the W3 benchmark: ~4x compressible, dynamic blocks.
        "decimals": np.round(rng.normal(size=60_000), 3),
        # Incompressible: zlib falls back to stored blocks.
        "noise": rng.integers(0, 256, size=150_000, dtype=np.uint8),
        # Runs of one value between noise: long matches, blocks of mixed kinds.
        "runs": np.repeat(rng.integers(0, 4, size=3_000, dtype=np.int32), rng.integers(1, 200, size=3_000)),
        # Strings: text-like bytes, big-endian U to check the swap after inflating.
        "names": np.array([f"item-{i:06d}-{(i * 7919) % 1000}" for i in range(8_000)], dtype=">U16"),
    }


def describe(file, about):
    members = {}
    with zipfile.ZipFile(OUT / file) as z, np.load(OUT / file) as npz:
        for info in z.infolist():
            v = npz[info.filename[:-4]]
            members[info.filename] = {
                "compress_size": info.compress_size, "file_size": info.file_size, "CRC": info.CRC,
                "npy_sha256": sha256_hex(z.read(info)), "dtype": v.dtype.str, "shape": list(v.shape),
                "data_sha256": sha256_hex(v.tobytes()),
            }
    return {"file": file, "about": about, "members": members}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    a = arrays()
    np.savez_compressed(OUT / "savez_compressed-chunks.npz", **a)
    compressed = describe("savez_compressed-chunks.npz", "np.savez_compressed of " + ", ".join(a))
    for name, m in compressed["members"].items():
        assert 1032 * m["compress_size"] - m["file_size"] > 1 << 20, name
    # Stored, a member over 1 MiB (git stores the runs compressed).
    np.savez(OUT / "savez-pieces.npz", small=np.arange(10, dtype="<f8"), runs=a["runs"])
    stored = describe("savez-pieces.npz", "np.savez of small (10 f8), runs (297975 i4, over 1 MiB)")
    assert stored["members"]["runs.npy"]["file_size"] > 1 << 20
    write_entries_json([compressed, stored], OUT / "manifest.json")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote 2 archives and manifest.json to {OUT.name}/ ({total} bytes)")


if __name__ == "__main__":
    main()
