#!/usr/bin/env python3
"""Memory-mapped arrays as numpy maps them: memmap/*.npy, memmap/*.npz and
memmap/manifest.json.

Run from python-fixtures/ (generate.py does that). Every expected value
comes from np.load(file, mmap_mode='r') itself, indexed with numpy's basic
indexing.

manifest.json:

    {"arrays": [{"file", "dtype_str", "shape", "fortran_order",
                 "slices": [{"spec": [index per axis, as npyio takes it:
                                      an int, "start:stop:step" or "..."],
                             "ok": true, "shape", "bytes": base64 of
                             np.ascontiguousarray(m[spec]).tobytes() (the
                             file's byte order), "pyjson": pyjson of
                             m[spec].tolist() (null when large)}
                            or {"spec", "ok": false, "class", "message"}]}],
     "modes": [{"file", "mode", "outcome": {"ok": true, "type", "mode"} or
                a failure; "size_after": the file's size afterwards}],
     "cow": [{"file", "row1_before": base64 of m[1] before any write,
              "writes": [{"spec": an index (ints), "values": flat, C order}]
              made on np.load(file, mmap_mode='c'), "rows": base64 of
              each m[i] afterwards (the file's byte order)}],
     "open_memmap": [{"file", "dtype", "shape", "fortran_order",
                      "size", "sha256": of the whole file,
                      "header": base64 of the bytes before the data}],
     "npz": {"file", "members": {key: {"shape", "dtype_str", "sha256"
                                       (of tobytes())}}}}
"""
import base64
import hashlib
import json
import os
import pathlib
import shutil
import sys

import numpy as np

sys.dont_write_bytecode = True
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_npy import describe_exc, pyjson, safe_tolist  # noqa: E402

OUT = HERE / "memmap"

STRUCT = np.dtype([("a", "<i4"), ("b", ">f8"), ("c", "S3")])

# name -> the array numpy saves (order of the data follows the array's layout)
ARRAYS = {
    "f8-c-3d.npy": np.arange(4 * 5 * 6, dtype="<f8").reshape(4, 5, 6) / 4,
    "f4-be-2d.npy": (np.arange(7 * 5, dtype=">f4").reshape(7, 5) - 10) * 1.5,
    "i2-f-2d.npy": np.asfortranarray(np.arange(6 * 4, dtype="<i2").reshape(6, 4) * 37 - 300),
    "c16-be-f-3d.npy": np.asfortranarray(
        (np.arange(3 * 4 * 5) + 1j * np.arange(3 * 4 * 5)[::-1]).astype(">c16").reshape(3, 4, 5)),
    "i8-be-1d.npy": (np.arange(9, dtype=">i8") - 4) * (2 ** 40 + 3),
    "u1-1d.npy": np.arange(200, dtype="u1"),
    "bool-1d.npy": np.arange(17) % 3 == 0,
    "U3-2d.npy": np.array([["a", "bc", "déf"], ["\U0001f600", "", "xyz"], ["1", "22", "333"], ["q", "r", "s"]], dtype="<U3"),
    "struct-1d.npy": np.array([(i, i / 3, b"x%d" % i) for i in range(10)], dtype=STRUCT),
    "f8-0d.npy": np.float64(2.5),
    "f8-zero-size.npy": np.zeros((0, 3)),
    "f2-1d.npy": np.array([0, 1, -2.5, 65504, 1e-7, np.inf], dtype="<f2"),
    # Past the HTTP source's first 16 KiB: row reads are requests of their own.
    "f4-rows.npy": np.arange(200 * 32, dtype="<f4").reshape(200, 32),
    "f8-f-4d.npy": np.asfortranarray(np.arange(2 * 3 * 4 * 5, dtype="<f8").reshape(2, 3, 4, 5)),
    # C order in the non-native byte order: rows are read whole and swapped in memory.
    "f4-swapped-2d.npy": ((np.arange(7 * 5).reshape(7, 5) - 10) * 1.5).astype(">f4"),
    "i2-swapped-1d.npy": (np.arange(9) * 1001 - 4000).astype(">i2"),
    "c8-swapped-2d.npy": (np.arange(12) + 1j * np.arange(12)[::-1]).astype(">c8").reshape(4, 3),
}

# Index specs per number of dimensions: npyio's form (strings for slices).
SPECS = {
    0: [[], ["..."], [0], [-1]],
    1: [[0], [-1], [3], ["2:7"], ["::-1"], ["1::3"], ["-4:"], ["7:2:-2"], [":"], ["5:5"], ["100:"],
        [10**6], [-10**6], ["::0"], [0, 0], ["...", "..."]],
    2: [[0], [-1], [1, 2], [-1, -1], ["1:3"], [":", 1], [":", "::-1"], ["::2", "1::2"], ["...", 0], ["...", "1:"],
        ["::-1", "::-1"], [0, "::-2"], ["2:", "...", ], [":", ":0"], [5, 0], [0, 5], [0, 0, 0], [-8]],
    3: [[1], [1, 2], [1, 2, 3], ["::-1"], [":", 1], [":", ":", 2], ["...", 1], ["1:3", "::2", "1:4"],
        ["::-1", 1, "::-2"], ["...", "::-1"], [0, "...", 0], [":", "1:2", ":"], [2, 3, 4, 0], ["1:1"]],
    4: [[1], [":", 1], ["...", 2], [":", ":", ":", "::2"], ["::-1", "1:", "::3", 4], [1, 2, 3, 4]],
}


def to_index(spec):
    out = []
    for s in spec:
        if s == "...":
            out.append(Ellipsis)
        elif isinstance(s, str):
            parts = [int(p) if p.strip() else None for p in s.split(":")]
            out.append(slice(*parts))
        else:
            out.append(s)
    return tuple(out)


def b64(b):
    return base64.b64encode(b).decode("ascii")


def slice_case(m, spec):
    # A trailing Ellipsis keeps a full integer index a 0-d array of the
    # file's dtype (a plain m[i, j] is a scalar in native byte order).
    index = to_index(spec) if "..." in spec else to_index(spec) + (Ellipsis,)
    try:
        r = m[index]
    except Exception as e:  # numpy's IndexError / ValueError, recorded as it says them
        d = describe_exc(e)
        return {"spec": spec, "ok": False, "class": d["class"], "message": d["message"]}
    r = np.asarray(r)
    return {"spec": spec, "ok": True, "shape": list(r.shape),
            "bytes": b64(np.ascontiguousarray(r).tobytes()), "pyjson": safe_tolist(r)}


def take_case(m, indices):
    """numpy's integer-array indexing on the first axis, m[[i, j, ...]]."""
    try:
        r = m[np.array(indices, dtype=np.intp)]
    except Exception as e:
        d = describe_exc(e)
        return {"indices": indices, "ok": False, "class": d["class"], "message": d["message"]}
    return {"indices": indices, "ok": True, "shape": list(r.shape), "bytes": b64(np.ascontiguousarray(r).tobytes())}


def take_indices(n):
    if n == 0:
        return [[], [0]]
    return [[0], [n - 1, 0, -1, n // 2, n // 2], [-n], list(range(n))[::-1], [], [n], [-n - 1]]


def arrays_manifest():
    entries = []
    for name, a in ARRAYS.items():
        path = OUT / name
        np.save(path, a)
        m = np.load(path, mmap_mode="r")
        entries.append({"file": name, "dtype_str": m.dtype.str, "shape": list(m.shape),
                        "fortran_order": bool(m.flags.f_contiguous and not m.flags.c_contiguous),
                        "slices": [slice_case(m, s) for s in SPECS[m.ndim]],
                        "takes": [take_case(m, i) for i in take_indices(m.shape[0])] if m.ndim else []})
    # A format 2.0 file maps the same way.
    with open(OUT / "f8-v2.npy", "wb") as f:
        np.lib.format.write_array(f, ARRAYS["f8-c-3d.npy"][0], version=(2, 0))
    m = np.load(OUT / "f8-v2.npy", mmap_mode="r")
    entries.append({"file": "f8-v2.npy", "dtype_str": m.dtype.str, "shape": list(m.shape), "fortran_order": False,
                    "slices": [slice_case(m, s) for s in SPECS[2][:6]], "takes": []})
    return entries


def mode_cases():
    np.save(OUT / "object.npy", np.array([1, None, "x"], dtype=object), allow_pickle=True)
    with open(OUT / "f8-c-3d.npy", "rb") as f:
        whole = f.read()
    (OUT / "truncated.npy").write_bytes(whole[:300])
    cases = []
    scratch = OUT / "scratch.npy"
    runs = [("f8-c-3d.npy", m) for m in
            ["r", "r+", "c", "readonly", "readwrite", "copyonwrite", "write", "w+", "x", "R"]]
    runs += [("object.npy", m) for m in ["r", "r+", "x", "readwrite"]]
    runs += [("truncated.npy", "r")]
    for file, mode in runs:
        shutil.copyfile(OUT / file, scratch)
        try:
            m = np.load(scratch, mmap_mode=mode)
            outcome = {"ok": True, "type": type(m).__name__, "mode": getattr(m, "mode", None)}
            del m
        except Exception as e:
            d = describe_exc(e)
            outcome = {"ok": False, "class": d["class"], "message": d["message"]}
        cases.append({"file": file, "mode": mode, "outcome": outcome, "size_after": scratch.stat().st_size})
    scratch.unlink()
    return cases


# mode 'c': writes numpy keeps in memory, then every row read on its own (m[i])
COW_WRITES = {
    "f4-swapped-2d.npy": [([2], [100.5, -1, 2, 3, 4]), ([-1, 1], [7.25]), ([0, -1], [-0.5])],
    "f8-c-3d.npy": [([1, 2], [9, 8, 7, 6, 5, 4]), ([-1, 0, 0], [1e300])],
}


def cow_cases():
    cases = []
    for name, writes in COW_WRITES.items():
        m = np.load(OUT / name, mmap_mode="c")
        before = b64(np.ascontiguousarray(m[1]).tobytes())
        for spec, values in writes:
            index = tuple(spec)
            m[index] = np.array(values).reshape(m[index].shape)
        cases.append({"file": name, "row1_before": before,
                      "writes": [{"spec": spec, "values": values} for spec, values in writes],
                      "rows": [b64(np.ascontiguousarray(m[i]).tobytes()) for i in range(m.shape[0])]})
        del m
    return cases


def open_memmap_cases():
    cases = []
    for name, dtype, shape, fortran in [
        ("new-f4-c.npy", "<f4", [3, 5], False),
        ("new-i8-be-f.npy", ">i8", [4, 3, 2], True),
        ("new-struct.npy", STRUCT, [7], False),
        ("new-0d.npy", "<c8", [], False),
        ("new-zero.npy", "|u1", [0, 9], False),
        ("new-U-long-shape.npy", "<U7", [1] * 20 + [3], False),
    ]:
        path = OUT / name
        m = np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=tuple(shape), fortran_order=fortran)
        offset = m.offset
        del m
        data = path.read_bytes()
        path.unlink()
        cases.append({"file": name, "dtype": np.dtype(dtype).descr if np.dtype(dtype).names else np.dtype(dtype).str,
                      "shape": shape, "fortran_order": fortran, "size": len(data),
                      "sha256": hashlib.sha256(data).hexdigest(), "header": b64(data[:offset])})
    return cases


def npz_case():
    members = {f"m{i}": np.arange(12800, dtype="<f8") * (i + 1) for i in range(3)}
    np.savez(OUT / "three.npz", **members)
    with np.load(OUT / "three.npz", mmap_mode="r") as z:
        got = {k: {"shape": list(z[k].shape), "dtype_str": z[k].dtype.str,
                   "sha256": hashlib.sha256(z[k].tobytes()).hexdigest()} for k in z.files}
    return {"file": "three.npz", "type_with_mmap_mode": "NpzFile", "members": got}


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    manifest = {"arrays": arrays_manifest(), "modes": mode_cases(), "cow": cow_cases(), "open_memmap": open_memmap_cases(),
                "npz": npz_case()}
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=True, allow_nan=False, indent=1) + "\n")
    print(f"memmap: {len(manifest['arrays'])} arrays, "
          f"{sum(len(a['slices']) for a in manifest['arrays'])} slices, {len(manifest['modes'])} mode cases, "
          f"{len(manifest['open_memmap'])} open_memmap files")


if __name__ == "__main__":
    main()
