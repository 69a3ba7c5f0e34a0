#!/usr/bin/env python3
"""What np.dtype(str) gives for the strings a .npy header may carry.

Writes dtypes/typestr.json: [{"input": s, "str": dtype.str, "itemsize": n,
"kind": k, "byteorder": b, "alignment": a} or {"input": s, "error": class, "message": msg}].
"""
import json
import pathlib
import warnings

import numpy as np

INPUTS = [
    # typestrs with every byte order prefix
    *[p + t for p in ["", "<", ">", "=", "|"] for t in [
        "b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "f16",
        "c8", "c16", "c32", "S0", "S5", "U0", "U5", "V0", "V8", "O", "O8", "M8", "m8",
        "M8[ns]", "m8[us]", "M8[25s]", "m8[10us]", "M8[Y]", "M8[M]", "M8[W]", "M8[D]",
        "M8[h]", "M8[m]", "M8[s]", "M8[ms]", "M8[ps]", "M8[fs]", "M8[as]",
    ]],
    # one-letter codes and names
    *list("?bBhHiIlLqQpPefdgFDGOMmcSUVa"),
    "a5", "S01", "M8[1s]", "M8[2W]",
    "bool", "bool_", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
    "float16", "float32", "float64", "float128", "complex64", "complex128", "complex256",
    "int", "float", "complex", "str", "bytes", "object", "void", "datetime64", "timedelta64",
    "datetime64[ns]", "timedelta64[D]", "half", "single", "double", "longdouble", "clongdouble",
    "byte", "ubyte", "short", "ushort", "intc", "uintc", "long", "ulong", "longlong", "ulonglong",
    "intp", "uintp", "uint", "int_", "str_", "bytes_", "object_",
    # refused
    "x", "f3", "<f3", "i3", "u", "i0", "f0", "f1", "b2", "c4", "void8", "Float64", "Int32",
    " f8", "f8 ", "<<f8", "!f8", "M8[]", "M8[Q]", "M8[s]x", "M16", "<i4[s]", "int0", "", "float_",
]


def main():
    out = []
    for s in INPUTS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                d = np.dtype(s)
            except Exception as e:  # noqa: BLE001 - we record what numpy raises
                out.append({"input": s, "error": type(e).__name__, "message": str(e)})
                continue
        out.append({"input": s, "str": d.str, "itemsize": d.itemsize, "kind": d.kind,
                    "byteorder": d.byteorder, "alignment": d.alignment})
    folder = pathlib.Path(__file__).resolve().parent / "dtypes"
    folder.mkdir(exist_ok=True)
    (folder / "typestr.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"dtypes/typestr.json: {len(out)} cases")


if __name__ == "__main__":
    main()
