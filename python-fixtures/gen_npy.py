#!/usr/bin/env python3
"""Write real np.save output to npy/*.npy and what numpy says about each file
to npy/manifest.json.

Run from python-fixtures/ (generate.py does that). Deterministic: every value
is spelled out or derived from fixed integers, and the padding bytes of
x87 long doubles (which numpy leaves uninitialised) are zeroed.

manifest.json is a list with one entry per file, in the order of CASES:

    file, about, version, header_len, data_offset, header (the decoded header
    text exactly as stored, padding and newline included), descr (the
    header's descr, tuples as lists), dtype_str, itemsize, kind, byteorder,
    alignment, isalignedstruct, names, fields ({name: {dtype_str, descr,
    offset, title, subdtype}} or null), subdtype, shape, fortran_order, size,
    nbytes, data_sha256 (the bytes after the header, as stored), tolist,
    item_strs, repr, str, pyjson, save_warnings, loads_with_defaults,
    failures ({key: "Class: message"} for renderings numpy failed, or null),
    omitted (keys set to null because the header is over 10000 characters:
    only the format 2.0 case; else null)

Every value is computed by numpy on the array np.load(path) gives back for
the file (max_header_size raised, so the format 2.0 file loads).
tolist, item_strs, repr and str are null when numpy cannot give a valid
Python str (code points above 0x10FFFF; see failures) and tolist/item_strs
are null when size > 64.
"""
import io
import pathlib
import sys
import warnings

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside the fixtures
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from check_npy import (write_entries_json, dtype_id, descr_json, dump_json, has_invalid_code_points,  # noqa: E402
                       clean, header_dict, norm_msg, pyjson, read_raw_header, sha256_hex,
                       TOLIST_LIMIT)

OUT = pathlib.Path("npy")
BIG_HEADER = 10000
OMIT_FOR_BIG = ("names", "fields", "tolist", "item_strs", "repr", "str", "pyjson")
ORDERS = {"le": "<", "be": ">"}


# ---------------------------------------------------------------- building

def arr(values, dtype):
    return clean(np.array(values, dtype=dtype))


def from_ints(ints, int_dtype, dtype):
    """Reinterpret exact integers (e.g. NaN payloads, M8 values) as `dtype`."""
    return np.array(ints, dtype=int_dtype).view(dtype)


def struct(dtype, rows, shape=None):
    """A zero-filled structured array (so padding and gaps are 0) with rows set."""
    dt = np.dtype(dtype)
    a = np.zeros(len(rows), dt)
    for i, row in enumerate(rows):
        a[i] = row
    a = clean(a)
    return a.reshape(shape) if shape is not None else a


CASES = []


def case(name, about, a):
    assert not any(c[0] == name for c in CASES), name
    if "-be-" in name:
        assert a.dtype.byteorder == ">", name
    if "-le-" in name:
        assert a.dtype.byteorder in "=<", name
    CASES.append((name, about, a))


def build_cases():
    # ---- booleans and integers (special values: min, max, 0, -1, 1) ----
    case("b1-5", "bool, the only byte order '|'", arr([True, False, True, True, False], "|b1"))
    case("i1-minmax-5", "int8 min, -1, 0, 1, max", arr([-128, -1, 0, 1, 127], "|i1"))
    case("u1-minmax-4", "uint8 0, 1, 254, 255", arr([0, 1, 254, 255], "|u1"))
    for bits in (16, 32, 64):
        n = bits // 8
        for tag, bo in ORDERS.items():
            info = np.iinfo(f"i{n}")
            case(f"i{n}-{tag}-minmax-6", f"int{bits} {bo}: min, min+1, -1, 0, 1, max",
                 arr([info.min, info.min + 1, -1, 0, 1, info.max], f"{bo}i{n}"))
            uinfo = np.iinfo(f"u{n}")
            case(f"u{n}-{tag}-minmax-5", f"uint{bits} {bo}: 0, 1, 0x80.., max-1, max",
                 arr([0, 1, 1 << (bits - 1), uinfo.max - 1, uinfo.max], f"{bo}u{n}"))

    # ---- floats: nan/inf/-inf/-0.0/subnormals/max/min normal ----
    for n in (2, 4, 8, 16):
        ftype = np.dtype(f"f{n}") if n != 16 else np.dtype(np.longdouble)
        fi = np.finfo(ftype)
        vals = [0.0, -0.0, 1.0, -2.5, np.nan, np.inf, -np.inf,
                fi.max, -fi.max, fi.tiny, fi.smallest_subnormal, -fi.smallest_subnormal]
        for tag, bo in ORDERS.items():
            a = arr(np.array(vals, dtype=ftype), f"<f{n}")
            if n == 16:
                third = np.longdouble(1) / np.longdouble(3)
                a = clean(np.concatenate([a, np.array([third], "<f16")]))
            else:
                a = np.concatenate([a, np.array([1 / 3], f"<f{n}")])
            a = clean(a.astype(f"{bo}f{n}"))
            what = "longdouble (x87 80-bit in 16 bytes)" if n == 16 else f"float{8 * n}"
            case(f"f{n}-{tag}-special-{a.size}",
                 f"{what} {bo}: 0, -0.0, 1, -2.5, nan, inf, -inf, max, -max, tiny, "
                 "smallest subnormal, -smallest subnormal, 1/3", a)
    # NaN payloads and signs survive as raw bits
    case("f2-le-nanbits-4", "float16 NaNs by bit pattern: 0x7e00, 0xfe00 (negative), 0x7c01 (signalling), 0x7fff",
         from_ints([0x7E00, 0xFE00, 0x7C01, 0x7FFF], "<u2", "<f2"))
    case("f4-be-nanbits-3", "float32 > NaNs by bit pattern: 0x7fc00000, 0xffc00001, 0x7f800001",
         from_ints([0x7FC00000, 0xFFC00001, 0x7F800001], ">u4", ">f4"))
    case("f8-le-nanbits-3", "float64 NaNs by bit pattern: quiet, negative with payload, signalling",
         from_ints([0x7FF8000000000000, 0xFFF8000000000123, 0x7FF0000000000001], "<u8", "<f8"))

    # ---- complex ----
    cvals = [0j, complex(1, -2), complex(-0.0, 0.0), complex(np.nan, 1.0), complex(1.0, np.nan),
             complex(np.inf, -np.inf), complex(1e-310, 3.5)]
    for n in (8, 16, 32):
        for tag, bo in ORDERS.items():
            a = clean(clean(np.array(cvals, "<c%d" % n)).astype(f"{bo}c{n}"))
            what = {8: "complex64", 16: "complex128", 32: "clongdouble"}[n]
            case(f"c{n}-{tag}-special-7", f"{what} {bo}: 0, 1-2j, -0+0j, nan parts, inf parts, subnormal real", a)

    # ---- bytes S ----
    case("S5-6", "S5: ASCII, NULs inside, NULs at the start, high bytes, full width, trailing NUL (stored, dropped by tolist)",
         arr([b"abc", b"a\x00b", b"\x00\x00x", b"\xff\xfe\x80", b"hello", b"ab\x00\x00\x00"], "|S5"))
    case("S0-3", "S0: itemsize 0, three empty values, no data bytes", np.ndarray((3,), np.dtype("S0")))
    case("S1-2x2", "S1 2-D", arr([[b"a", b""], [b"\x00", b"\xe9"]], "|S1"))

    # ---- str U ----
    uvals = ["abc", "héllo", "日本語", "😀x", "\ud800", "", "a\x00b", "\U0010ffff"]
    for tag, bo in ORDERS.items():
        case(f"U5-{tag}-8", f"U5 {bo}: ASCII, latin1, BMP, astral (😀), lone surrogate U+D800, empty, NUL inside, U+10FFFF",
             arr(uvals, f"{bo}U5"))
    case("U0-3", "U0: itemsize 0, three empty values, no data bytes", np.ndarray((3,), np.dtype("<U0")))
    words = [0x110000, 0x41, 0xFFFFFFFF, 0xD800, 0x10FFFF, 0x7FFFFFFF]
    case("U2-le-above-10ffff-3", "<U2 built by viewing <u4 words: 0x110000, 'A', 0xffffffff, 0xd800, 0x10ffff, 0x7fffffff (numpy cannot make Python str of the first, so tolist/repr are null)",
         from_ints(words, "<u4", "<U2"))
    case("U1-be-above-10ffff-2", ">U1 built by viewing >u4 words 0x110000 and 0x80000000",
         from_ints([0x110000, 0x80000000], ">u4", ">U1"))

    # ---- void V ----
    case("V8-3", "V8 raw bytes", np.frombuffer(bytes(range(0, 256, 11))[:24], "|V8").copy())
    case("V0-2", "V0: itemsize 0", np.ndarray((2,), np.dtype("V0")))

    # ---- datetime64 / timedelta64 ----
    ints = [0, 1, -1, 1000, -86401, -2**63, 2**63 - 1, -2**63 + 1]
    case("M8-generic-nat-3", "datetime64 with generic units can only hold NaT",
         np.array(["NaT", "NaT", "NaT"], "<M8"))
    case("m8-generic-le-4", "timedelta64 with generic units: plain integers and NaT",
         from_ints([0, 5, -7, -2**63], "<i8", "<m8"))
    case("m8-generic-be-2", "timedelta64 > with generic units", from_ints([3, -2**63], ">i8", ">m8"))
    units = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"]
    for kind, kname in (("M8", "datetime64"), ("m8", "timedelta64")):
        for u in units:
            for tag, bo in ORDERS.items():
                a = from_ints(ints, f"{bo}i8", f"{bo}{kind}[{u}]")
                if kind == "M8":
                    # one calendar value too, converted by numpy into the unit
                    src = "2024-02-29T12:34:56.789012" if u in units[:9] else "1970-01-01T00:00:01.234567"
                    cal = np.array([src], "<M8[us]").astype(f"{bo}M8[{u}]")
                    a = np.concatenate([a, cal]).astype(f"{bo}M8[{u}]")  # concatenate goes native
                case(f"{kind}-{u}-{tag}-{a.size}",
                     f"{kname}[{u}] {bo}: 0, 1, -1, 1000, -86401, NaT (-2**63), int64 max, -2**63+1"
                     + (", and a calendar date converted to the unit" if kind == "M8" else ""), a)
    for spec in ("<M8[25s]", ">M8[25s]", "<m8[10us]", ">m8[10us]", "<M8[3M]", "<m8[7D]", "<M8[2h]"):
        tag = "le" if spec[0] == "<" else "be"
        unit = spec[4:-1]
        a = from_ints([0, 1, -1, 100, -2**63], spec[0] + "i8", spec)
        case(f"{spec[1:3]}-{unit}-{tag}-5", f"{spec}: multiple of a unit; 0, 1, -1, 100, NaT", a)

    # ---- layouts ----
    case("f8-le-0d", "0-d float64, shape ()", arr(3.5, "<f8"))
    case("i4-be-0d", "0-d >i4", arr(-123456, ">i4"))
    case("U3-le-0d", "0-d <U3", arr("hé!", "<U3"))
    case("M8-s-le-0d", "0-d datetime64[s]", np.array("2001-02-03T04:05:06", "<M8[s]"))
    case("f8-le-c-5", "1-D float64", arr([0.5, 1.5, -2.0, 1e300, 1e-300], "<f8"))
    m23 = np.arange(6, dtype="<f8").reshape(2, 3) + 0.25
    case("f8-le-c-2x3", "2-D C order", m23)
    case("f8-le-f-2x3", "2-D Fortran order (fortran_order True, data in column order)", np.asfortranarray(m23))
    m34 = (np.arange(12).reshape(3, 4) * -1000).astype(">i4")
    case("i4-be-c-3x4", "2-D C order, big-endian", m34)
    case("i4-be-f-3x4", "2-D Fortran order, big-endian", np.asfortranarray(m34))
    m234 = (np.arange(24, dtype="<i2") - 12).reshape(2, 3, 4)
    case("i2-le-c-2x3x4", "3-D C order", m234)
    case("i2-le-f-2x3x4", "3-D Fortran order", np.asfortranarray(m234))
    case("U2-le-f-2x2", "2-D Fortran order of <U2", np.asfortranarray(arr([["ab", "c"], ["dé", "😀"]], "<U2")))
    case("b1-f-3x2", "2-D Fortran order of bool", np.asfortranarray(arr([[True, False], [False, False], [True, True]], "|b1")))
    case("c16-be-f-2x2", "2-D Fortran order of >c16", np.asfortranarray(arr([[1 + 2j, 3j], [-1, np.nan]], ">c16")))
    case("f8-le-1x5", "shape (1,5) is both C- and F-contiguous: written with fortran_order False",
         np.asfortranarray(np.arange(5, dtype="<f8").reshape(1, 5)))
    case("f4-le-5x1-f", "shape (5,1) from asfortranarray: both contiguous, fortran_order False",
         np.asfortranarray(np.arange(5, dtype="<f4").reshape(5, 1)))
    case("f8-le-empty-0", "empty 1-D (0,)", np.zeros((0,), "<f8"))
    case("i4-be-empty-3x0x2", "empty (3,0,2)", np.zeros((3, 0, 2), ">i4"))
    case("f8-le-empty-0x3-f", "empty (0,3) passed through asfortranarray: fortran_order False",
         np.asfortranarray(np.zeros((0, 3), "<f8")))
    case("S0-empty-0", "(0,) of S0", np.ndarray((0,), np.dtype("S0")))
    case("U0-empty-0", "(0,) of U0", np.ndarray((0,), np.dtype("<U0")))
    case("V0-empty-0", "(0,) of V0", np.ndarray((0,), np.dtype("V0")))
    base = np.arange(20, dtype="<i8").reshape(4, 5)
    case("i8-le-view-2x5", "non-contiguous view a[::2, ::-1] of a (4,5) array: written in C order", base[::2, ::-1])
    tb = np.arange(12, dtype="<f4").reshape(3, 4)
    case("f4-le-transposed-4x3", "a.T of a C (3,4) array: F-contiguous, so fortran_order True", tb.T)

    # ---- structured ----
    case("struct-named-3", "fields a <i4, b <f8, c |S3 (packed)",
         struct([("a", "<i4"), ("b", "<f8"), ("c", "S3")], [(1, 0.5, b"x"), (-2, np.nan, b"yz\x00"), (3, -0.0, b"abc")]))
    aligned = np.dtype([("a", "u1"), ("b", "<i4"), ("c", "u1"), ("d", "<f8"), ("e", "u1")], align=True)
    case("struct-aligned-2", "align=True: padding entries ('', '|V3') etc. in the descr; reloaded dtype is not flagged aligned",
         struct(aligned, [(1, -2, 3, 4.5, 5), (255, 2**31 - 1, 0, -1e10, 7)]))
    gaps = np.dtype({"names": ["x", "y"], "formats": ["<i2", "<f4"], "offsets": [2, 8], "itemsize": 16})
    case("struct-offsets-gaps-2", "dict form with offsets: 2-byte leading gap, 4-byte middle gap, 4-byte trailing gap",
         struct(gaps, [(7, 1.25), (-1, -2.5)]))
    nested = np.dtype([("p", [("x", "<f4"), ("y", "<f4")]), ("id", "<u2"), ("q", [("r", [("s", "i1")])])])
    case("struct-nested-2", "nested structs, two levels deep", struct(nested, [((1, 2), 3, ((4,),)), ((-1, 0.5), 65535, ((-128,),))]))
    sub = np.dtype([("a", "<i4"), ("b", "<f8", (2, 3)), ("c", "u1", (2,))])
    case("struct-subarray-2", "subarray fields ('b', '<f8', (2, 3)) and ('c', '|u1', (2,))",
         struct(sub, [(1, np.arange(6).reshape(2, 3), (1, 2)), (2, -np.arange(6).reshape(2, 3) / 4, (254, 255))]))
    subnest = np.dtype([("pts", [("x", "<i2"), ("y", ">i2")], (3,)), ("n", "u1")])
    case("struct-subarray-of-struct-2", "a subarray of a nested struct ('pts', [('x','<i2'),('y','>i2')], (3,))",
         struct(subnest, [([(1, 2), (3, 4), (5, 6)], 3), ([(-1, -2), (0, 0), (7, 8)], 1)]))
    titled = np.dtype([(("Title of a", "a"), "<i4"), (("b's title", "b"), ">f8")])
    case("struct-titles-2", "titles: ((title, name), descr) in the header",
         struct(titled, [(1, 1.5), (-1, -1.5)]))
    mixed = np.dtype([("le", "<i4"), ("be", ">i4"), ("bef", ">f8"), ("lef", "<f8"), ("beu", ">U2")])
    case("struct-mixed-byteorder-2", "fields of both byte orders in one record",
         struct(mixed, [(1, 1, 1.0, 1.0, "é"), (-2, 0x01020304, -0.0, np.inf, "😀")]))
    kinds = np.dtype([("b", "?"), ("i", ">i8"), ("u", "<u2"), ("s", "S3"), ("t", "<U2"), ("dt", "<M8[s]"),
                      ("td", ">m8[ms]"), ("c", "<c16"), ("h", "<f2"), ("v", "V3"), ("g", "<f16"), ("z", ">c8")])
    case("struct-every-kind-2", "one field of each kind: bool, int, uint, S, U, M8, m8, complex, f2, V, longdouble, c8",
         struct(kinds, [(True, -5, 7, b"a\x00", "é", np.datetime64("2020-01-01T00:00:01"), np.timedelta64(-5, "ms"),
                         1 + 2j, 0.5, b"\x01\x02\x03", 1.25, -1j),
                        (False, 2**62, 65535, b"xyz", "😀", np.datetime64("NaT"), np.timedelta64("NaT"),
                         complex(np.nan, -0.0), -np.inf, b"\xff\x00\xfe", -2.0, 0)]))
    case("struct-latin1-name-2", "a latin1 field name ('é'): numpy keeps format 1.0 and writes byte 0xe9",
         struct([("é", "<f4"), ("plain", "u1")], [(1.5, 1), (-1.0, 2)]))
    case("struct-utf8-name-2", "non-latin1 field names ('名', '😀'): numpy writes format 3.0 (UTF-8 header)",
         struct([("名", "<f4"), ("😀", "<i2"), ("é", "u1")], [(1.5, 1, 2), (-1.0, -2, 3)]))
    case("struct-quoted-names-1", "field names that need quoting or escapes in repr: it's, a\"b, tab, backslash, U+200B, DEL",
         struct([("it's", "u1"), ('a"b', "u1"), ("t\tab", "u1"), ("back\\slash", "u1"), ("zw\u200bsp", "u1"),
                 ("del\x7f", "u1")], [(1, 2, 3, 4, 5, 6)]))
    case("struct-empty-3", "np.dtype([]): no fields, itemsize 0, shape (3,)", np.zeros(3, np.dtype([])))
    case("struct-0d", "0-d structured array", struct([("a", "<i4"), ("b", "<f8")], [(5, 2.5)]).reshape(()))
    case("struct-f-2x2", "2-D Fortran order of a struct", np.asfortranarray(
        struct([("a", "<i2"), ("b", "S2")], [(1, b"a"), (2, b"b"), (3, b"c"), (4, b"d")], (2, 2))))
    case("struct-empty-0", "(0,) of a struct", np.zeros(0, np.dtype([("a", "<i4"), ("b", "<f8", (2,))])))
    case("struct-single-field-3", "one field, no trailing comma issue in the descr list",
         struct([("only", ">u4")], [(1,), (2,), (0xDEADBEEF,)]))

    # ---- format 2.0: a header over 65535 bytes ----
    many = np.dtype([(f"field_{i:04d}", "u1") for i in range(2870)])
    big = np.zeros(2, many)
    big.view(np.uint8)[:] = np.arange(big.nbytes, dtype=np.uint64) % 251
    case("struct-2870-fields-v2", "2870 '|u1' fields, shape (2,): the header is over 65535 bytes, so numpy writes "
         "format 2.0 (with a UserWarning); np.load needs max_header_size >= the header length", big)

    # ---- the README demo ----
    case("sample", "README demo: np.arange(12, dtype='<f8').reshape(3, 4) / 7",
         np.arange(12, dtype="<f8").reshape(3, 4) / 7)


# ---------------------------------------------------------------- describing

def _safe(fn, failures, key):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        failures[key] = f"{type(e).__name__}: {norm_msg(str(e))}"
        return None


def field_descr(dt):
    """The descr of one field's dtype as JSON: struct -> list, subarray ->
    [base, shape], else dtype.str."""
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        return [field_descr(base), list(shape)]
    return dtype_id(dt)


def describe(name, about, path, save_warnings):
    buf = path.read_bytes()
    raw = read_raw_header(buf)
    hdr = header_dict(raw["header"], raw["version"])
    # From the path, not a BytesIO: reading a stream, numpy copies records
    # field by field into np.empty memory, so struct gaps/padding come back
    # as uninitialised bytes; fromfile keeps them.
    a = np.load(path, max_header_size=1 << 20)
    try:
        np.load(path)
        loads_with_defaults = True
    except ValueError:
        loads_with_defaults = False
    dt = a.dtype
    fields = None
    if dt.names is not None:
        fields = {}
        for n in dt.names:
            info = dt.fields[n]
            fdt = info[0]
            fields[n] = {"dtype_str": fdt.str, "descr": field_descr(fdt), "offset": info[1],
                         "title": info[2] if len(info) > 2 else None,
                         "subdtype": None if fdt.subdtype is None else
                         {"base": dtype_id(fdt.subdtype[0]), "shape": list(fdt.subdtype[1])}}
    failures = {}
    bad_str = has_invalid_code_points(a)
    if bad_str:
        failures["tolist"] = failures["repr"] = failures["str"] = failures["item_strs"] = \
            "a U value holds a code point above 0x10FFFF: numpy builds a corrupt Python str"
    small = a.size <= TOLIST_LIMIT and not bad_str
    entry = {
        "file": name + ".npy",
        "about": about,
        "version": raw["version"],
        "header_len": raw["header_len"],
        "data_offset": raw["data_offset"],
        "header": raw["header"],
        "descr": descr_json(hdr["descr"]),
        "dtype_str": dt.str,
        "itemsize": dt.itemsize,
        "kind": dt.kind,
        "byteorder": dt.byteorder,
        "alignment": dt.alignment,
        "isalignedstruct": dt.isalignedstruct,
        "names": list(dt.names) if dt.names is not None else None,
        "fields": fields,
        "subdtype": None if dt.subdtype is None else
        {"base": dtype_id(dt.subdtype[0]), "shape": list(dt.subdtype[1])},
        "shape": list(hdr["shape"]),
        "fortran_order": hdr["fortran_order"],
        "size": int(a.size),
        "nbytes": int(a.nbytes),
        "data_sha256": sha256_hex(buf[raw["data_offset"]:]),
        "tolist": _safe(lambda: pyjson(a.tolist()), failures, "tolist") if small else None,
        "item_strs": _safe(lambda: [str(x) for x in a.flat], failures, "item_strs") if small else None,
        "repr": None if bad_str else _safe(lambda: repr(a), failures, "repr"),
        "str": None if bad_str else _safe(lambda: str(a), failures, "str"),
        "pyjson": pyjson(a),
        "save_warnings": save_warnings,
        "loads_with_defaults": loads_with_defaults,
        "failures": failures or None,
        "omitted": None,
    }
    # consistency checks against numpy's own reader
    assert list(a.shape) == entry["shape"]
    assert a.tobytes(order="A") == buf[raw["data_offset"]:]
    fp = io.BytesIO(buf)
    assert list(np.lib.format.read_magic(fp)) == raw["version"]
    assert fp.tell() == 8
    return entry


def main():
    build_cases()
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.npy"):
        old.unlink()
    entries = []
    for name, about, a in CASES:
        bio = io.BytesIO()
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            np.save(bio, a)
        buf = bio.getvalue()
        path = OUT / (name + ".npy")
        path.write_bytes(buf)
        entries.append(describe(name, about, path, [norm_msg(str(w.message)) for w in ws]))
    for e in entries:
        if len(e["header"]) > BIG_HEADER:
            # the header and descr already say it all; numpy's other
            # renderings of 2870 fields would add ~600 KB of JSON
            e["omitted"] = [k for k in OMIT_FOR_BIG if e[k] is not None]
            for k in OMIT_FOR_BIG:
                e[k] = None
    write_entries_json(entries, OUT / "manifest.json")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(entries)} .npy files and manifest.json to {OUT}/ ({total} bytes)")


if __name__ == "__main__":
    main()
