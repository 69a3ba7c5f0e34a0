#!/usr/bin/env python3
"""What Python and numpy print for loaded values: show/cases.json.

Run from python-fixtures/ (generate.py does that). test/cli/show.test.ts runs
`npyio show` on the same files with the same options and compares the text.

Files in show/:
- obj-*.npy: object arrays (np.save); the text is repr(np.load(f,
  allow_pickle=True)), or str() for the --str cases;
- val-*.pkl: pickled Python values (protocols 2 and 4); the text is
  repr(pickle.loads(data));
- num-*.npy: numeric arrays, printed under np.printoptions(...) built from
  the case's command-line options (--precision 3 is precision=3, ...);
- py2-objarr.npz: a legacy Python 2 archive (an object array written by
  Python 2's numpy, with Python 2 str), copied from
  shared/conformance/numpy-data; the text is repr(npz[key]) under
  encoding='latin1', one case per key.

cases.json is a list: {"file": name in show/, "args": extra command-line
arguments, "text": what Python printed}. PYTHONHASHSEED does not matter:
no case prints a set of str.

dtype-reprs.json: {file: repr(dtype)} for every .npy in npy/ whose header
numpy reads, for `npyio inspect` (it prints numpy's str and repr of the dtype).
"""
import collections
import datetime
import decimal
import json
import pathlib
import pickle
import shutil
import sys

import numpy as np
import numpy.lib._format_impl as _format_impl

sys.dont_write_bytecode = True
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "show"
CONFORMANCE = HERE.parent.parent / "shared" / "conformance" / "numpy-data"

OBJECT_ARRAYS = {
    "obj-mixed": lambda: np.array([None, 1, 2.5, "two", b"three", (4, 5), [6, [7]], {"k": "v"}], dtype=object),
    "obj-2d": lambda: np.array([[1, "a"], [None, 3.25]], dtype=object),
    "obj-0d": lambda: np.array("text", dtype=object),
    "obj-empty": lambda: np.empty((0, 2), dtype=object),
    "obj-long": lambda: np.array([f"item number {i}" for i in range(12)], dtype=object),
    "obj-big": lambda: np.array(list(range(1500)), dtype=object),
    "obj-floats": lambda: np.array([0.1, 1e16, 1e-5, -0.0, float("inf"), float("nan"), 1 + 2j, -1j], dtype=object),
    "obj-arrays": lambda: np.array([np.arange(3), np.float64(1.5), np.int32(7), np.True_, np.str_("s")], dtype=object),
}

VALUES = {
    "val-dict": {"a": 1, "b": [1, 2, (3,)], "c": {"nested": None}, 4: "four"},
    "val-tuple": (1, "x", b"y", None, True, False),
    "val-empty": ([], (), {}, set(), frozenset(), "", b""),
    "val-sets": ({1, 2, 3}, frozenset({5})),
    "val-numbers": (0, -7, 2**80, 0.5, 1e300, -2.5e-8, float("inf"), float("-inf"), 3 + 4j, -0.0),
    "val-strings": ("it's", 'say "hi"', "both ' \"", "tab\tnl\n\x00\x7f", "é ü 漢 😀", b"\x00\xff'", bytearray(b"ab'c")),
    "val-datetime": (datetime.date(2024, 2, 29), datetime.datetime(2020, 1, 2, 3, 4, 5, 6), datetime.datetime(2020, 1, 2),
                     datetime.time(12, 30), datetime.timedelta(days=1, seconds=5), datetime.timedelta(0),
                     datetime.datetime(2020, 1, 2, 3, 4, tzinfo=datetime.timezone.utc),
                     datetime.timezone(datetime.timedelta(hours=5, minutes=30), "IST")),
    "val-decimal": (decimal.Decimal("1.10"), decimal.Decimal("-0"), decimal.Decimal("NaN"), decimal.Decimal("1E+5")),
    "val-range-slice": (range(5), range(1, 10, 2), slice(1, None, 2), slice(None)),
    "val-numpy": (np.float64(1.5), np.int64(-3), np.float32(0.1), np.bool_(False), np.dtype("float32"),
                  np.dtype("<U3"), np.dtype("O"), np.arange(4, dtype=np.int16)),
    "val-cycle": None,  # filled below: a list that holds itself
    # deviations (test/cli/show.test.ts says why)
    "dev-integral-float": (1.0, -2.0, 1e16),
    "dev-ordereddict": collections.OrderedDict([("b", 1), ("a", 2)]),
}

NUMERIC = {
    "num-big-f8": lambda: np.linspace(0, 1, 2000),
    "num-big-3d": lambda: np.arange(24 * 50, dtype=np.int32).reshape(2, 12, 50),
    "num-small-f8": lambda: np.array([[1e-6, 1.0, 123456.789], [np.pi, -np.e, 0.0]]),
    "num-i8": lambda: np.arange(40, dtype=np.int64),
}

# (file, command-line options): each numeric array under several np.set_printoptions combinations
PRINT_CASES = [
    ("num-big-f8", []), ("num-big-f8", ["--edgeitems", "2"]), ("num-big-f8", ["--threshold", "3000"]),
    ("num-big-f8", ["--precision", "3", "--str"]),
    ("num-big-3d", []), ("num-big-3d", ["--edgeitems", "1", "--linewidth", "40"]),
    ("num-small-f8", []), ("num-small-f8", ["--suppress"]), ("num-small-f8", ["--precision", "2"]),
    ("num-small-f8", ["--str", "--linewidth", "20"]),
    ("num-i8", []), ("num-i8", ["--threshold", "10"]), ("num-i8", ["--linewidth", "30", "--str"]),
    ("num-i8", ["--threshold", "10", "--edgeitems", "0"]),
]


def printoptions(args):
    opts = {}
    i = 0
    while i < len(args):
        name = args[i][2:]
        if name in ("suppress",):
            opts[name] = True
        elif name != "str":
            opts[name] = int(args[i + 1])
            i += 1
        i += 1
    return opts


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    cases = []
    for name, make in OBJECT_ARRAYS.items():
        np.save(OUT / f"{name}.npy", make(), allow_pickle=True)
        a = np.load(OUT / f"{name}.npy", allow_pickle=True)
        cases.append({"file": f"{name}.npy", "args": ["--allow-pickle"], "text": repr(a)})
        cases.append({"file": f"{name}.npy", "args": ["--allow-pickle", "--str"], "text": str(a)})
    cycle = [1]
    cycle.append(cycle)
    VALUES["val-cycle"] = (cycle, {"d": cycle})
    for name, value in VALUES.items():
        for proto in (2, 4):
            data = pickle.dumps(value, protocol=proto)
            (OUT / f"{name}-p{proto}.pkl").write_bytes(data)
            cases.append({"file": f"{name}-p{proto}.pkl", "args": ["--allow-pickle"], "text": repr(pickle.loads(data))})
    for name, make in NUMERIC.items():
        np.save(OUT / f"{name}.npy", make())
    for name, args in PRINT_CASES:
        a = np.load(OUT / f"{name}.npy")
        with np.printoptions(**printoptions(args)):
            text = str(a) if "--str" in args else repr(a)
        cases.append({"file": f"{name}.npy", "args": args, "text": text})
    shutil.copyfile(CONFORMANCE / "py2-objarr.npz", OUT / "py2-objarr.npz")
    with np.load(OUT / "py2-objarr.npz", allow_pickle=True, encoding="latin1") as npz:
        for key in npz.files:
            cases.append({"file": "py2-objarr.npz", "args": ["--allow-pickle", "--encoding", "latin1", "--key", key],
                          "text": repr(npz[key])})
    reprs = {}
    for f in sorted((HERE / "npy").glob("*.npy")):
        with open(f, "rb") as fp:
            try:
                version = np.lib.format.read_magic(fp)
                # the private reader is the one that knows 3.0's UTF-8 headers
                reprs[f.name] = repr(_format_impl._read_array_header(fp, version, max_header_size=1 << 20)[2])
            except Exception:  # unreadable headers are npy-errors' business
                continue
    (OUT / "dtype-reprs.json").write_text(json.dumps(reprs, indent=0) + "\n")
    with open(OUT / "cases.json", "w") as out:
        out.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n]\n")
    size = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"show/cases.json: {len(cases)} cases, {size} bytes in show/")


if __name__ == "__main__":
    main()
