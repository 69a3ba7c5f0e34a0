#!/usr/bin/env python3
"""Hand-made malformed or unusual .npy byte strings and what numpy does with
them: npy-errors/<name>.npy and npy-errors/errors.json.

Run from python-fixtures/ (generate.py does that). Every np.load runs in a
forked child with a 4 GiB address-space limit and a timeout, because some
headers make numpy allocate huge arrays.

errors.json is a list, one entry per file, in the order of the cases below:

    {"file", "about", "options": {np.load keyword: value} or null,
     "path": outcome of np.load("<file>", **options) with cwd = npy-errors/,
     "bytes": outcome of np.load(io.BytesIO(<file bytes>), **options)}

An outcome is either
    {"ok": true, "type": "ndarray", "dtype_str", "descr", "shape",
     "fortran_order" (the loaded array is F- and not C-contiguous),
     "data_sha256" (sha256 of a.tobytes(order='A'); null for object arrays,
     and for the stream read of a struct with gaps, whose gap bytes numpy
     leaves uninitialised), "tolist" (pyjson, null when size > 64),
     "warnings": [message, ...]}
    (or {"ok": true, "type", "value": pyjson, "warnings"} when np.load
    returns something other than an ndarray), or
    {"ok": false, "class", "mro", "message", "cause_class", "cause_message"}
Messages keep numpy's text; memory addresses become `at 0x...`. The set
literal case prints a set, whose order depends on the hash seed: the
generator re-runs itself with PYTHONHASHSEED=0.
"""
import io
import os
import pathlib
import pickle
import resource
import struct
import sys
import warnings

if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv,
              dict(os.environ, PYTHONHASHSEED="0"))

import numpy as np  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ beside the fixtures
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from check_npy import (run_in_fork, write_entries_json, array_order, describe_exc, dtype_id, dump_json, norm_msg,  # noqa: E402
                       pyjson, safe_tolist, sha256_hex)

OUT = pathlib.Path("npy-errors")
MEMORY_LIMIT = 4 << 30
TIMEOUT = 120
MAGIC = b"\x93NUMPY"


# ---------------------------------------------------------------- building

def npy(text, data=b"", version=(1, 0), pad=64, length=None):
    """An .npy byte string around header `text` (str or raw bytes).

    pad=64 pads as np.save does (spaces and a final newline, so the data
    starts at a multiple of 64; a header that is already aligned gets 64
    more); pad=16 as numpy < 1.9 did; pad=None writes the text as given.
    `length` overrides the header length field.
    """
    if isinstance(text, str):
        text = text.encode("utf8" if version == (3, 0) else "latin1")
    fixed = 10 if version == (1, 0) else 12
    if pad is not None:
        n = pad - ((fixed + len(text) + 1) % pad)
        text = text + b" " * n + b"\n"
    if length is None:
        length = len(text)
    fmt = "<H" if version == (1, 0) else "<I"
    return MAGIC + bytes(version) + struct.pack(fmt, length) + text + data


def hdr(descr="'<f8'", fortran="False", shape="(3,)"):
    """Header text in np.save's layout, with each value given as source text."""
    return f"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}"


def saved(a, **kw):
    bio = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.save(bio, a, **kw)
    return bio.getvalue()


F8_3 = np.array([1.5, -2.0, 0.25], "<f8").tobytes()
GOOD = npy(hdr(), F8_3)

CASES = []


def case(name, about, data, memory_limit=MEMORY_LIMIT, **options):
    """options are np.load keywords; memory_limit is the child's RLIMIT_AS."""
    assert not any(c[0] == name for c in CASES), name
    CASES.append((name, about, data, options or None, memory_limit))


def exact_chars(text_start, total, version=(1, 0), fill=" "):
    """Header text of exactly `total` characters (newline included)."""
    n = total - len(text_start) - 1
    assert n >= 0
    return text_start + fill * n + "\n"


def build_cases():
    # ---- sniffing and magic (numpy-load.md A.3, B.6) ----
    case("empty", "empty file: EOFError", b"")
    case("short-3-bytes", "3 bytes \\x93NU: shorter than the 6-byte magic, so treated as a pickle", b"\x93NU")
    case("short-3-bytes-allow-pickle", "3 bytes with allow_pickle=True: the pickle branch wraps the error",
         b"\x93NU", allow_pickle=True)
    case("magic-x92", "bad magic \\x92NUMPY: handled as a pickle", b"\x92NUMPY" + GOOD[6:])
    case("magic-x92-allow-pickle", "bad magic \\x92NUMPY with allow_pickle=True: UnpicklingError",
         b"\x92NUMPY" + GOOD[6:], allow_pickle=True)
    case("magic-x00", "bad magic \\x00NUMPY", b"\x00NUMPY" + GOOD[6:])
    case("magic-lowercase", "bad magic \\x93numpy", b"\x93numpy" + GOOD[6:])
    case("magic-matlb", "bad magic \\x93MATLB", b"\x93MATLB" + GOOD[6:])
    case("magic-only-6", "just the 6 magic bytes, no version", MAGIC)
    case("magic-only-7", "magic and one version byte (7 bytes)", MAGIC + b"\x01")
    for major, minor in ((1, 1), (0, 0), (0, 1), (2, 2), (3, 1), (255, 255)):
        case(f"version-{major}-{minor}", f"unsupported version ({major}, {minor}) followed by a valid header",
             MAGIC + bytes([major, minor]) + GOOD[8:])
    case("version-1-0-nothing-after", "version (1, 0) and nothing after it", MAGIC + b"\x01\x00")
    case("version-2-0-nothing-after", "version (2, 0) and nothing after it", MAGIC + b"\x02\x00")
    case("version-3-0-nothing-after", "version (3, 0) and nothing after it", MAGIC + b"\x03\x00")

    # ---- truncation (B.8, E.27) ----
    case("header-length-cut-v1", "version 1.0 with 1 of the 2 header length bytes", MAGIC + b"\x01\x00\x76")
    case("header-length-cut-v2", "version 2.0 with 2 of the 4 header length bytes", MAGIC + b"\x02\x00\x76\x00")
    case("header-cut", "header cut after 40 bytes of the file", GOOD[:40])
    case("header-length-1-nothing-after", "header length 1 and no header bytes", MAGIC + b"\x01\x00\x01\x00")
    case("v2-header-length-ffffffff", "format 2.0 header length 0xFFFFFFFF in a 14-byte file (run with an 8 GiB "
         "address-space limit: reading a real file, Python allocates the 4 GiB it is asked for before reading, "
         "so under a 4 GiB limit np.load(path) raises a bare MemoryError)",
         MAGIC + b"\x02\x00\xff\xff\xff\xff{}", memory_limit=8 << 30)
    f8 = (np.arange(12, dtype="<f8") / 4).reshape(3, 4)
    case("data-cut-f8-3x4", "np.save of f8 (3,4) with the last byte cut", saved(f8)[:-1])
    case("data-cut-f8-3x4-half", "f8 (3,4) with only 45 data bytes (5 whole elements)", saved(f8)[:128 + 45])
    case("data-cut-f8-3x4-fortran", "Fortran-order f8 (3,4) with the last byte cut", saved(np.asfortranarray(f8))[:-1])
    case("data-cut-f8-0d", "0-d f8 with the last byte cut", saved(np.array(2.5))[:-1])
    case("data-cut-U3", "<U3 (2,) with the last byte cut", saved(np.array(["ab", "cde"], "<U3"))[:-1])
    case("data-cut-struct", "struct [('a','<i4'),('b','>f8')] (2,) with the last byte cut",
         saved(np.zeros(2, [("a", "<i4"), ("b", ">f8")]))[:-1])
    case("data-cut-empty", "empty f8 (0,) with the last byte cut: that byte is the header's newline",
         saved(np.zeros(0))[:-1])
    case("data-none-f8", "a valid f8 (3,) header and no data at all", npy(hdr()))
    case("data-trailing-bytes", "valid f8 (3,) followed by 8 extra bytes: ignored", GOOD + b"TRAILING")

    # ---- header texts that still load (D.20, D.21, B.9, B.10) ----
    case("ok-double-quotes", "double-quoted keys and descr",
         npy('{"descr": "<f8", "fortran_order": False, "shape": (3,)}', F8_3))
    case("ok-u-prefix", "u'' string prefixes", npy("{u'descr': u'<f8', u'fortran_order': False, u'shape': (3,), }", F8_3))
    case("ok-hex-int", "shape (0x3,)", npy(hdr(shape="(0x3,)"), F8_3))
    case("ok-octal-binary-int", "shape (0o1, 0b11) = (1, 3)", npy(hdr(shape="(0o1, 0b11)"), F8_3))
    case("ok-unary-plus", "shape (+3,)", npy(hdr(shape="(+3,)"), F8_3))
    case("ok-underscore-int", "shape (1_0,) of |u1: underscores in ints are Python literals", npy(hdr("'|u1'", shape="(1_0,)"), bytes(range(10))))
    case("ok-hex-underscore-int", "shape (0x_3,)", npy(hdr(shape="(0x_3,)"), F8_3))
    case("ok-comments", "a comment inside the dict and one after it",
         npy("{'descr': '<f8', # the dtype\n 'fortran_order': False, 'shape': (3,), } # end", F8_3))
    case("ok-implicit-concat", "implicit string concatenation in a key and in the descr",
         npy("{'desc' 'r': '<' \"f8\", 'fortran_order': False, 'shape': (3,), }", F8_3))
    case("ok-escapes", "descr written with escapes '\\x3cf\\u0038'", npy(hdr(r"'\x3cf\u0038'"), F8_3))
    case("ok-key-order", "keys in another order", npy("{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}", F8_3))
    case("ok-no-trailing-comma", "no trailing comma after the last item",
         npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", F8_3))
    case("ok-whitespace", "leading spaces, tabs, CRLF and spaces everywhere",
         npy("  {  'descr' :'<f8'  ,\n\t'fortran_order':False,\r\n 'shape' : ( 3 , ) , }  \r\n\n", F8_3))
    case("ok-leading-newline", "a newline before the dict", npy("\n{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", F8_3))
    case("leading-newline-indent", "a newline then spaces before the dict: IndentationError (literal_eval strips only leading spaces and tabs)",
         npy("\n  {'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", F8_3))
    case("ok-no-padding", "no padding and no final newline (data at offset 66)", npy(hdr(), F8_3, pad=None))
    case("ok-align-16", "padded to 16 bytes as numpy < 1.9 did", npy(hdr(), F8_3, pad=16))
    case("ok-duplicate-keys", "shape given twice: the last one (3,) wins",
         npy("{'descr': '<f8', 'shape': (5,), 'fortran_order': False, 'shape': (3,), }", F8_3))
    for descr, tag in (("'=f8'", "eq-f8"), ("'f8'", "f8"), ("'float64'", "float64"), ("'d'", "d"),
                       ("'>f8'", "be-f8"), ("'<M8[25s]'", "M8-25s"), ("'<m8'", "m8-generic"),
                       ("'b'", "b"), ("'?'", "bool-char"), ("'S3'", "S3-no-order"), ("'U1'", "U1-native")):
        size = np.dtype(eval(descr)).itemsize  # noqa: S307  (our own literal)
        case(f"ok-descr-{tag}", f"descr {descr}", npy(hdr(descr), bytes(range(3 * size))))
    case("ok-fortran-2x3", "fortran_order True with shape (2,3): an F-contiguous result",
         npy(hdr(fortran="True", shape="(2, 3)"), np.arange(6, dtype="<f8").tobytes()))
    case("ok-fortran-1d", "fortran_order True with a 1-D shape", npy(hdr(fortran="True"), F8_3))
    case("ok-0d", "shape () holds one element", npy(hdr(shape="()"), F8_3[:8]))
    case("ok-v2-small", "format 2.0 with a small header", npy(hdr(), F8_3, version=(2, 0)))
    case("ok-v3-ascii", "format 3.0 with an ASCII header", npy(hdr(), F8_3, version=(3, 0)))
    case("ok-py2-long-v1", "Python 2 header with (2L, 3L) in version 1.0: loads with a UserWarning",
         npy(hdr(shape="(2L, 3L)"), np.arange(6, dtype="<f8").tobytes()))
    case("ok-py2-long-v2", "Python 2 header with (3L,) in version 2.0: loads with a UserWarning",
         npy(hdr(shape="(3L,)"), F8_3, version=(2, 0)))
    case("py2-long-v3", "(2L, 3L) in a version 3.0 header: no Python 2 fallback, fails",
         npy(hdr(shape="(2L, 3L)"), np.arange(6, dtype="<f8").tobytes(), version=(3, 0)))
    case("ok-latin1-name-v1", "byte 0xe9 in a field name of a 1.0 header decodes as latin1: name 'é'",
         npy(hdr("[('\xe9', '<f8')]"), F8_3))
    case("ok-latin1-name-v2", "byte 0xe9 in a field name of a 2.0 header: name 'é'",
         npy(hdr("[('\xe9', '<f8')]"), F8_3, version=(2, 0)))
    case("ok-utf8-bytes-name-v1", "the UTF-8 bytes of 'é' in a 1.0 header decode as latin1: name 'Ã©'",
         npy(hdr("[('\xe9', '<f8')]").encode("utf8"), F8_3))
    case("ok-utf8-name-v3", "UTF-8 'é' and '😀' field names in a 3.0 header",
         npy(hdr("[('é', '<f4'), ('😀', '<f4')]"), F8_3, version=(3, 0)))
    case("utf8-invalid-v3", "byte 0xe9 (invalid UTF-8) in a 3.0 header: a bare UnicodeDecodeError",
         npy(hdr("[('\xe9', '<f8')]").encode("latin1"), F8_3, version=(3, 0)))
    case("ok-descr-empty-list", "descr [] with shape (3,): no fields, itemsize 0, no data", npy(hdr("[]")))
    case("ok-descr-padding-entry", "a ('', '|V4') padding entry makes a 4-byte gap (the stream read leaves it uninitialised)",
         npy(hdr("[('a', '<i4'), ('', '|V4'), ('b', '<f8')]", shape="(2,)"), bytes(range(32))))
    case("ok-descr-empty-name-int", "a field named '' with a non-void type is a real field, not padding",
         npy(hdr("[('', '<i4'), ('b', '<i4')]", shape="(2,)"), bytes(range(16))))
    case("ok-descr-titles", "a (title, name) pair", npy(hdr("[(('my title', 'a'), '<f8')]"), F8_3))
    case("ok-descr-nested", "nested struct and subarray fields",
         npy(hdr("[('a', [('x', '<i2'), ('y', '>i2')]), ('b', '<f8', (2,))]", shape="(1,)"), bytes(range(20))))
    case("ok-descr-subarray-int-shape", "subarray field shape given as an int: ('b', '<i2', 2)",
         npy(hdr("[('b', '<i2', 2)]", shape="(2,)"), bytes(range(8))))
    case("ok-descr-subarray-list-shape", "subarray field shape given as a list: ('b', '<i2', [2])",
         npy(hdr("[('b', '<i2', [2])]", shape="(2,)"), bytes(range(8))))
    case("descr-tuple-of-fields", "fields given as a tuple of tuples, not a list: read as a subarray (base, shape)",
         npy(hdr("(('a', '<i2'), ('b', '<i2'))", shape="(2,)"), bytes(range(8))))
    case("ok-S0-no-data", "|S0 shape (5,): itemsize 0, no data", npy(hdr("'|S0'", shape="(5,)")))
    case("ok-U0-no-data", "<U0 shape (5,): no data", npy(hdr("'<U0'", shape="(5,)")))
    case("ok-V0-no-data", "|V0 shape (5,): no data", npy(hdr("'|V0'", shape="(5,)")))
    case("ok-zero-size-huge-dim", "shape (10**10, 0): zero elements, reads no data", npy(hdr(shape="(10000000000, 0)")))
    case("ok-U1-above-10ffff", "<U1 holding 0x110000 and a lone surrogate: loads as raw words",
         npy(hdr("'<U1'", shape="(2,)"), struct.pack("<II", 0x110000, 0xD800)))

    # ---- header structure errors (D.20 - D.24) ----
    case("header-list", "header is a list, not a dict", npy("['descr', 'fortran_order', 'shape']", F8_3))
    case("header-set", "a set literal of the three key names (order in the message follows the hash seed)",
         npy("{'descr', 'fortran_order', 'shape'}", F8_3))
    case("header-tuple", "header is a tuple", npy("('<f8', False, (3,))", F8_3))
    case("header-missing-key", "no fortran_order key", npy("{'descr': '<f8', 'shape': (3,), }", F8_3))
    case("header-extra-key", "an extra key", npy("{'descr': '<f8', 'extra': 1, 'fortran_order': False, 'shape': (3,), }", F8_3))
    case("header-empty-dict", "{}", npy("{}", F8_3))
    case("header-int-key", "an int key next to str keys: sorting the keys for the message fails",
         npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 1: 2}", F8_3))
    case("header-bytes-keys", "bytes keys b'descr' ...", npy("{b'descr': '<f8', b'fortran_order': False, b'shape': (3,)}", F8_3))
    for shape, tag in (("[3]", "list"), ("3", "int"), ("(3.0,)", "float"), ("((3,),)", "nested"),
                       ("(True,)", "bool"), ("(3, 'a')", "str-item"), ("None", "none"),
                       ("(-1,)", "minus-1"), ("(-1, -3)", "minus-1-minus-3"), ("(-2,)", "minus-2"),
                       (f"({2**62}, 4)", "2p62-x4"), (f"({2**64},)", "2p64"), (f"({2**63 - 1},)", "2p63m1"),
                       (f"({2**63},)", "2p63"), ("(0_3,)", "underscore-leading-zero"),
                       (f"({2**31}, {2**31}, 4)", "overflow-to-zero")):
        case(f"shape-{tag}", f"shape {shape} (descr '<f8', 24 data bytes)", npy(hdr(shape=shape), F8_3))
    for fo, tag in (("0", "int-0"), ("'False'", "str"), ("None", "none"), ("1", "int-1")):
        case(f"fortran-{tag}", f"fortran_order {fo}", npy(hdr(fortran=fo), F8_3))
    for descr, tag in (("'x'", "x"), ("5", "int"), ("None", "none"), ("'<f3'", "f3"), ("b'<f8'", "bytes"),
                       ("'<M8[Q]'", "M8-bad-unit"), ("''", "empty-str"), ("'|O4'", "O4"),
                       ("[('a',)]", "field-1-tuple"), ("[('a', '<f8', (1,), 5)]", "field-4-tuple"),
                       ("{'names': ['a'], 'formats': ['<f8']}", "dict"),
                       ("[('a', '<f8'), ('a', '<i4')]", "duplicate-name"),
                       ("[(1, '<f8')]", "int-name"), ("[('a', '<f8', (-1,))]", "negative-subarray-dim"),
                       ("[('a', 'x')]", "field-bad-type"), ("[('a', '<f8', 'x')]", "field-str-shape"),
                       ("[['a', '<f8']]", "field-as-list"), ("[(('t', 'a'), '<f8'), ('t', '<i4')]", "title-clash"),
                       ("('<f8', 3)", "top-subarray-int")):
        case(f"descr-{tag}", f"descr {descr}", npy(hdr(descr), F8_3))
    case("descr-top-subarray", "a top-level subarray descr ('<f8', (3,)) with shape (1,) and 24 data bytes",
         npy(hdr("('<f8', (3,))", shape="(1,)"), F8_3))
    case("nonliteral-false", "fortran_order false (a Name, not a literal): literal_eval's ValueError with an address",
         npy(hdr(fortran="false"), F8_3))
    case("nonliteral-call", "shape tuple([3]): a Call node", npy(hdr(shape="tuple([3])"), F8_3))
    case("nonliteral-binop", "shape (1+2,): BinOp; literal_eval only allows complex-number sums",
         npy(hdr(shape="(1+2,)"), F8_3))
    case("nonliteral-v3", "fortran_order false in a 3.0 header", npy(hdr(fortran="false"), F8_3, version=(3, 0)))
    case("unterminated-bracket-v1", "shape (3, never closed, version 1.0: the tokenizer of the Python 2 fallback raises",
         npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,", F8_3))
    case("unterminated-bracket-v3", "shape (3, never closed, version 3.0 (no fallback)",
         npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,", F8_3, version=(3, 0)))
    case("unterminated-string", "an unterminated string literal",
         npy("{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }", F8_3))
    case("nul-byte", "a NUL byte inside the header text", npy("{'descr': '<f8',\x00 'fortran_order': False, 'shape': (3,), }", F8_3))
    case("trailing-garbage", "the dict followed by 'xyz'", npy(hdr() + " xyz", F8_3))
    case("header-empty-text", "header length 0", npy("", F8_3, pad=None))
    case("header-spaces-only", "a header of spaces and a newline", npy("", F8_3))
    case("header-length-too-long", "the length field covers the header plus 8 data bytes",
         npy(hdr() + " " * 5 + "\n", F8_3, pad=None, length=len(hdr()) + 6 + 8))
    case("header-length-too-short", "the length field stops after 20 characters", npy(hdr(), F8_3, length=20))
    for depth in (198, 199, 200, 250):
        shape = "(" * depth + "3," + ")" * depth
        case(f"nesting-{depth}", f"shape nested {depth} parentheses deep (plus the dict's brace)",
             npy(hdr(shape=shape), F8_3))

    # ---- header size limit (D.18, D.19) ----
    start = hdr()
    case("size-10000", "header of exactly 10000 characters: loads with the default max_header_size",
         npy(exact_chars(start, 10000), F8_3, pad=None))
    big = npy(exact_chars(start, 10001), F8_3, pad=None)
    case("size-10001", "header of 10001 characters: refused with the default max_header_size", big)
    case("size-10001-max-20000", "10001 characters with max_header_size=20000", big, max_header_size=20000)
    case("size-10001-allow-pickle", "10001 characters with allow_pickle=True (lifts the limit)", big, allow_pickle=True)
    case("size-10001-max-10001", "10001 characters with max_header_size=10001 (not strictly greater)", big,
         max_header_size=10001)
    name = "é" * 9900
    v3 = exact_chars(hdr(f"[('{name}', '<f8')]"), 10000)
    case("size-10000-chars-v3-multibyte", "3.0 header of 10000 characters but more bytes (each 'é' is 2): loads",
         npy(v3, F8_3, version=(3, 0), pad=None))
    v3b = exact_chars(hdr(f"[('{name}', '<f8')]"), 10001)
    case("size-10001-chars-v3-multibyte", "3.0 header of 10001 characters: refused",
         npy(v3b, F8_3, version=(3, 0), pad=None))
    std = saved(np.array([1.5, -2.0, 0.25]))  # a 118-character header
    case("size-max-118", "np.save's 118-character header with max_header_size=118", std, max_header_size=118)
    case("size-max-117", "np.save's 118-character header with max_header_size=117", std, max_header_size=117)
    case("size-max-0", "max_header_size=0", std, max_header_size=0)

    # ---- object arrays (F.30, F.31) ----
    objarr = saved(np.array([1, "a", None], dtype=object), allow_pickle=True)
    case("object-O", "np.save of an object array: refused with allow_pickle=False", objarr)
    case("object-O-allow-pickle", "the same with allow_pickle=True: loads", objarr, allow_pickle=True)
    case("object-O8", "legacy '|O8' descr: refused", npy(hdr("'|O8'"), b"junk"))
    case("object-struct-field", "a struct with an O field: refused",
         npy(hdr("[('a', '<i4'), ('o', '|O')]"), b"junk"))
    case("object-bad-shape", "'|O' with shape [3]: the header error comes first",
         npy(hdr("'|O'", shape="[3]"), b"junk"))
    case("object-list-allow-pickle", "'|O' header over a pickled list, allow_pickle=True: returns the list",
         npy(hdr("'|O'", shape="(7,)"), pickle.dumps([1, "two", (3.0,)], protocol=2)), allow_pickle=True)
    case("object-garbage-allow-pickle", "'|O' over garbage, allow_pickle=True: a bare UnpicklingError",
         npy(hdr("'|O'"), b"\x00garbage"), allow_pickle=True)
    case("object-no-data-allow-pickle", "'|O' with no data, allow_pickle=True", npy(hdr("'|O'")), allow_pickle=True)

    # ---- sizes and allocation (E.25, E.26, E.29) ----
    case("alloc-u1-2p40", "|u1 shape (2**40,) in a tiny file: numpy allocates 1 TiB first (MemoryError)",
         npy(hdr("'|u1'", shape=f"({2**40},)"), b"abc"))
    small = npy(hdr("'|u1'", shape=f"({2**20},)"))
    case("alloc-u1-2p20-in-200-bytes", "|u1 shape (2**20,) in a 200-byte file", small + bytes(200 - len(small)))
    case("zip-magic-junk", "starts with PK\\x03\\x04 but is no zip: sniffed as npz, BadZipFile",
         b"PK\x03\x04" + b"\x00" * 40)
    case("alloc-f8-2p28-no-data", "<f8 shape (2**28,) (2 GiB) with no data", npy(hdr(shape=f"({2**28},)")))


# ---------------------------------------------------------------- running

def has_gaps(dt):
    """True when a struct's fields do not cover every byte of an item."""
    if dt.names is None:
        return dt.subdtype is not None and has_gaps(dt.subdtype[0])
    covered = 0
    for name in dt.names:
        fdt = dt.fields[name][0]
        if has_gaps(fdt):
            return True
        covered += fdt.itemsize
    return covered != dt.itemsize


def describe_result(a, ws, from_stream):
    out = {"ok": True, "type": type(a).__name__}
    if isinstance(a, np.ndarray):
        gappy = from_stream and has_gaps(a.dtype)
        out.update({
            "dtype_str": a.dtype.str,
            "descr": dtype_id(a.dtype),
            "shape": list(a.shape),
            "fortran_order": array_order(a) == "F",
            "data_sha256": None if a.dtype.hasobject or gappy else sha256_hex(a.tobytes(order="A")),
            "tolist": safe_tolist(a),
        })
    else:
        out["value"] = pyjson(a)
    out["warnings"] = [norm_msg(str(w.message)) for w in ws]
    return out


def _child(conn, mode, fname, buf, options, memory_limit):
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    os.chdir(OUT)
    try:
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            src = fname if mode == "path" else io.BytesIO(buf)
            a = np.load(src, **(options or {}))
    except BaseException as e:  # noqa: BLE001  (record whatever numpy raises)
        out = describe_exc(e)
    else:
        try:
            out = describe_result(a, ws, mode == "bytes")
        except BaseException as e:  # noqa: BLE001  (our bug, not numpy's answer)
            out = {"ok": False, "class": "DescribeFailed", "message": f"{type(e).__name__}: {e}",
                   "cause_class": None, "cause_message": None}
    conn.send(out)
    conn.close()


def run_load(mode, fname, buf, options, memory_limit):
    out, timed_out, exitcode = run_in_fork(_child, (mode, fname, buf, options, memory_limit), TIMEOUT)
    if timed_out:
        out = {"ok": False, "class": "Timeout", "message": f"np.load did not finish in {TIMEOUT} s",
               "cause_class": None, "cause_message": None}
    if out is None:
        out = {"ok": False, "class": "ChildDied", "message": f"exit code {exitcode}",
               "cause_class": None, "cause_message": None}
    if not out["ok"] and out["class"] in ("Timeout", "ChildDied", "DescribeFailed"):
        print(f"warning: {fname} ({mode}): {out['message']}", file=sys.stderr)
    return out


def main():
    build_cases()
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.npy"):
        old.unlink()
    entries = []
    for name, about, buf, options, memory_limit in CASES:
        fname = name + ".npy"
        (OUT / fname).write_bytes(buf)
        entries.append({"file": fname, "about": about, "options": options,
                        "path": run_load("path", fname, buf, options, memory_limit),
                        "bytes": run_load("bytes", fname, buf, options, memory_limit)})
    write_entries_json(entries, OUT / "errors.json")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(entries)} cases and errors.json to {OUT}/ ({total} bytes)")


if __name__ == "__main__":
    main()
