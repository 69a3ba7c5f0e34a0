# -*- coding: utf-8 -*-
"""Python 2.7 pickles for the unpickler fixtures: pickle/py2-*.pkl and
pickle/py2-index.json.

Runs under Python 2.7 only (gen_pickles.py starts it with
`PYENV_VERSION=2.7.18 python py2_pickles.py`, cwd = python-fixtures/,
PYTHONHASHSEED=0). Its outputs are committed, so gen_pickles.py can compute
the Python 3 outcomes on a machine without Python 2.

Every value is written by cPickle and by pickle at protocols 0, 1 and 2
(the "py2-numpy" ones by cPickle only, as numpy on Python 2 did).
Writers that give the same bytes share one file: py2-index.json lists one
entry per file,

    {"file", "name", "about", "category": "py2" | "py2-numpy",
     "writer": "python2.7-cPickle" | "python2.7-pickle", "protocol",
     "produced_by": [{"writer", "protocol"}, ...]}

Python 2 has no numpy here, so the "py2-numpy" values are written through a
stand-in `numpy` package (fake modules in sys.modules) whose objects reduce
exactly as numpy 1.x did on Python 2: `numpy.core.multiarray._reconstruct`,
`numpy.dtype(typestr, 0, 1)` with version 3/4 states, `numpy.core.multiarray.
scalar(dtype, data)`, with every byte string a Python 2 str.
"""
from __future__ import print_function

import collections
import cPickle
import datetime
import decimal
import json
import os
import pickle
import struct
import sys
import types

if sys.version_info[0] != 2:
    sys.exit("py2_pickles.py must run under Python 2.7")

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import py2_classes as pc  # noqa: E402

OUT = os.path.join(HERE, "pickle")
WRITERS = [("python2.7-cPickle", "cp", cPickle.dumps),
           ("python2.7-pickle", "pk", pickle.dumps)]


# ---------------------------------------------------------------- stand-in numpy

def _install_fake_numpy():
    numpy = types.ModuleType("numpy")
    core = types.ModuleType("numpy.core")
    multiarray = types.ModuleType("numpy.core.multiarray")
    numpy.core = core
    core.multiarray = multiarray

    class dtype(object):
        pass

    class ndarray(object):
        pass

    def _reconstruct(*args):
        raise NotImplementedError

    def scalar(*args):
        raise NotImplementedError

    for obj in (dtype, ndarray):
        obj.__module__ = "numpy"
        setattr(numpy, obj.__name__, obj)
    for obj in (_reconstruct, scalar):
        obj.__module__ = "numpy.core.multiarray"
        setattr(multiarray, obj.__name__, obj)
    sys.modules.update({"numpy": numpy, "numpy.core": core,
                        "numpy.core.multiarray": multiarray})
    return numpy, multiarray


NP, MA = _install_fake_numpy()


def dtype(typestr, endian, elsize=-1, alignment=-1, flags=0, names=None,
          fields=None, subarray=None, dt_meta=None):
    """A numpy 1.x dtype as Python 2 pickled it."""
    if dt_meta is not None:  # datetime: version 4 with ({}, (unit, num, 1, 1))
        state = (4, endian, subarray, names, fields, elsize, alignment, flags,
                 ({}, dt_meta))
    else:
        state = (3, endian, subarray, names, fields, elsize, alignment, flags)
    return pc.Reducible(NP.dtype, (typestr, 0, 1), state)


def ndarray(shape, dt, data, fortran=False):
    return pc.Reducible(MA._reconstruct, (NP.ndarray, (0,), 'b'),
                        (1, shape, dt, fortran, data))


def scalar(dt, data):
    return pc.Reducible(MA.scalar, (dt, data))


def ucs4(strings, n):
    return b"".join(s.ljust(n, u"\0").encode("utf-32-le") for s in strings)


F8 = dtype("f8", "<")


def numpy_values():
    i4be = dtype("i4", ">")
    u3 = dtype("U3", "<", 12, 4, 8)
    s3 = dtype("S3", "|", 3, 1, 0)
    rec = dtype("V7", "|", 7, 1, 16, names=("a", "b"),
                fields={"a": (dtype("i4", "<"), 0), "b": (s3, 4)})
    return [
        ("np-f8-3", "1-D float64 array [1.5, -2.0, 1e300] (data has bytes >= 0x80)",
         ndarray((3,), F8, struct.pack("<3d", 1.5, -2.0, 1e300))),
        ("np-f8-ascii-2", "1-D float64 array [0.0, 2.0] whose data bytes are all < 0x80",
         ndarray((2,), F8, struct.pack("<2d", 0.0, 2.0))),
        ("np-i4-be-3", "1-D >i4 array [1, -2, 2**31-1]",
         ndarray((3,), i4be, struct.pack(">3i", 1, -2, 2**31 - 1))),
        ("np-f8-f-2x3", "2x3 float64 array in Fortran order (is_fortran True, data in F order)",
         ndarray((2, 3), F8, struct.pack("<6d", 0, 3, 1, 4, 2, 5), fortran=True)),
        ("np-f8-0d", "0-d float64 array 7.25",
         ndarray((), F8, struct.pack("<d", 7.25))),
        ("np-f8-empty", "empty float64 array of shape (0,)", ndarray((0,), F8, "")),
        ("np-b1-3", "bool array [True, False, True]",
         ndarray((3,), dtype("b1", "|"), "\x01\x00\x01")),
        ("np-U3-2", "<U3 array [u'ab', u'\\xe9\\u20ac\\U0001f600'] (UCS4 data)",
         ndarray((2,), u3, ucs4([u"ab", u"\xe9\u20ac\U0001f600"], 3))),
        ("np-S3-3", "S3 array ['a\\xffb', '\\x80', 'abc']",
         ndarray((3,), s3, "a\xffb\x80\x00\x00abc")),
        ("np-O-3", "object array [1, 'a', None, [1, 2]] (data is a list)",
         ndarray((4,), dtype("O8", "|", -1, -1, 63), [1, "a", None, [1, 2]])),
        ("np-M8-D-3", "datetime64[D] array [0, 18262, NaT] (dtype state version 4, unit 'D' a str)",
         ndarray((3,), dtype("M8", "<", dt_meta=("D", 1, 1, 1)),
                 struct.pack("<3q", 0, 18262, -2**63))),
        ("np-m8-25s-2", "timedelta64[25s] array [1, -1]",
         ndarray((2,), dtype("m8", "<", dt_meta=("s", 25, 1, 1)), struct.pack("<2q", 1, -1))),
        ("np-struct-2", "structured array [('a', '<i4'), ('b', 'S3')] of 2 records (names are str)",
         ndarray((2,), rec, struct.pack("<i3s", 1, "xy\xff") + struct.pack("<i3s", -1, "abc"))),
        ("np-scalar-f8", "numpy.float64(1.5) scalar",
         scalar(F8, struct.pack("<d", 1.5))),
        ("np-scalar-i8", "numpy.int64(-3) scalar",
         scalar(dtype("i8", "<"), struct.pack("<q", -3))),
        ("np-scalar-S2", "numpy.string_('a\\xff') scalar", scalar(dtype("S2", "|", 2, 1, 0), "a\xff")),
        ("np-scalar-U2", "numpy.unicode_(u'h\\xe9') scalar",
         scalar(dtype("U2", "<", 8, 4, 8), ucs4([u"h\xe9"], 2))),
        ("np-dtype-f8", "numpy.dtype('<f8') itself", F8),
        ("np-dtype-U3-be", "numpy.dtype('>U3') itself", dtype("U3", ">", 12, 4, 8)),
        ("np-dtype-struct", "structured numpy.dtype itself (names and field keys are str)", rec),
    ]


# ---------------------------------------------------------------- values

def shared():
    a = [1, "x"]
    return [a, a, (a,)]


def old_state():
    return pc.OldState(v=u"\xe9")


def new_slots():
    return pc.NewSlots(x=1, y="b")


def nested():
    return {"list": [1, 2.5, u"x", ("t", None)],
            "dict": {1: {2: {}}},
            "tuples": ((), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4))}


def ordered():
    return collections.OrderedDict([("b", 1), ("a", [2]), (u"c", 3)])


def mixed():
    return {"s": "str", "u": u"uni", "l": 10**20, "f": 1.5, "i": -7, "t": (1, None, True),
            "d": datetime.date(1, 1, 1), "o": pc.OldPlain()}


ALL_BYTES = "".join(chr(i) for i in range(256))

VALUES = [
    # name, about, value or zero-argument callable, protocols (None = 0, 1, 2)
    ("none", "None", None, None),
    ("true", "True (INT 01 at protocols 0-1)", True, None),
    ("false", "False (INT 00 at protocols 0-1)", False, None),
    ("int-0", "int 0", 0, None),
    ("int-neg1", "int -1", -1, None),
    ("int-255", "int 255", 255, None),
    ("int-65536", "int 65536", 65536, None),
    ("int-2p31m1", "int 2**31-1", 2**31 - 1, None),
    ("int-neg2p31", "int -2**31", -2**31, None),
    ("int-2p31", "int 2**31 (a Python 2 int on 64-bit: INT text even in binary protocols)", 2**31, None),
    ("int-2p40", "int 2**40 (INT text in binary protocols)", 2**40, None),
    ("int-maxint", "int sys.maxint = 2**63-1", sys.maxint, None),
    ("int-minint", "int -2**63", -sys.maxint - 1, None),
    ("long-0", "long 0L (LONG1 of length 0 at protocol 2)", 0L, None),
    ("long-5", "long 5L", 5L, None),
    ("long-neg1", "long -1L", -1L, None),
    ("long-2p64", "long 2**64", 2**64, None),
    ("long-neg2p70", "long -2**70", -2**70, None),
    ("long-10p30", "long 10**30", 10**30, None),
    ("long-2p3000", "long 2**3000 (LONG4 at protocol 2)", 2**3000, None),
    ("long-10p5000", "long 10**5000: 5001 decimal digits at protocol 0 (over CPython 3.11's 4300-digit limit)",
     10**5000, (0, 2)),
    ("float-0.1", "float 0.1 (cPickle protocol 0 writes %.17g, pickle.py repr)", 0.1, None),
    ("float-third", "float 1/3.", 1 / 3.0, None),
    ("float-neg0", "float -0.0", -0.0, None),
    ("float-1e300", "float 1e300", 1e300, None),
    ("float-1e16", "float 1e16", 1e16, None),
    ("float-inf", "float inf", float("inf"), None),
    ("float-neginf", "float -inf", float("-inf"), None),
    ("float-nan", "float nan", float("nan"), None),
    ("float-denorm", "float 5e-324", 5e-324, None),
    ("complex", "complex(1.5, -2)", complex(1.5, -2), None),
    ("str-empty", "str ''", "", None),
    ("str-ascii", "str 'abc'", "abc", None),
    ("str-utf8", "str 'caf\\xc3\\xa9' (UTF-8 text)", "caf\xc3\xa9", None),
    ("str-high", "str '\\x80\\xff\\x00' (raw high bytes)", "\x80\xff\x00", None),
    ("str-koi8", "str '\\xf0\\xd2\\xc9' ('\\u041f\\u0440\\u0438' in koi8-r)", "\xf0\xd2\xc9", None),
    ("str-quote", "str \"it's\" (repr uses double quotes)", "it's", None),
    ("str-both-quotes", "str 'a\\'\"b' (both quote kinds)", "a'\"b", None),
    ("str-escapes", "str with tab, newline, CR, NUL, backslash, DEL", "t\tn\nr\rz\x00b\\d\x7f", None),
    ("str-all-bytes", "str of all 256 byte values (BINSTRING at 1-2)", ALL_BYTES, None),
    ("str-300", "str 'x' * 300 (BINSTRING)", "x" * 300, None),
    ("unicode-empty", "unicode u''", u"", None),
    ("unicode-ascii", "unicode u'abc'", u"abc", None),
    ("unicode-latin1", "unicode u'caf\\xe9' (raw Latin-1 byte in UNICODE)", u"caf\xe9", None),
    ("unicode-bmp", "unicode u'\\u20ac\\u4e2d'", u"\u20ac\u4e2d", None),
    ("unicode-astral", "unicode u'\\U0001f600'", u"\U0001f600", None),
    ("unicode-surrogate", "unicode u'a\\ud800b' (lone surrogate; UTF-8 ED A0 80 at 1-2)", u"a\ud800b", None),
    ("unicode-controls", "unicode with backslash, LF, CR, NUL, 0x1a (Python 2 escapes only \\\\ and \\n)",
     u"a\\b\nc\rd\x00e\x1af", None),
    ("unicode-bom", "unicode u'\\ufeffx' (leading BOM is data)", u"\ufeffx", None),
    ("list-empty", "[]", [], None),
    ("list-mixed", "[1, 2L, 3.0, 'four', u'five', None, True]", [1, 2L, 3.0, "four", u"five", None, True], None),
    ("list-1200", "list(range(1200)) (APPENDS batches of 1000)", list(range(1200)), None),
    ("tuple-0", "()", (), None),
    ("tuple-1", "(1,)", (1,), None),
    ("tuple-3", "(1, 'b', None)", (1, "b", None), None),
    ("tuple-5", "(1, 2, 3, 4, 5)", (1, 2, 3, 4, 5), None),
    ("nested", "nested dicts, lists and tuples", nested, None),
    ("dict-str-keys", "{'key': 'value', 'k2': 2} (str keys)", {"key": "value", "k2": 2}, None),
    ("dict-str-unicode-keys", "{'a': 1, u'b': 2}", {"a": 1, u"b": 2}, None),
    ("dict-high-str-key", "{'caf\\xc3\\xa9': 1} (non-ASCII str key)", {"caf\xc3\xa9": 1}, None),
    ("dict-int-tuple-keys", "{1: 'one', (1, 2): 'pair', 2L: 'long'}", {1: "one", (1, 2): "pair", 2L: "long"}, None),
    ("dict-1200", "dict of 1200 int items (SETITEMS batches)", dict((i, -i) for i in range(1200)), (1, 2)),
    ("set-ints", "set([1, 2, 3])", set([1, 2, 3]), None),
    ("set-strs", "set(['a', 'b'])", set(["a", "b"]), None),
    ("set-empty", "set()", set(), None),
    ("frozenset", "frozenset([1, 'x'])", frozenset([1, "x"]), None),
    ("shared", "shared references: [a, a, (a,)]", shared, None),
    ("recursive-list", "a list that contains itself", pc.recursive_list, None),
    ("recursive-dict", "a dict that contains itself", pc.recursive_dict, None),
    ("recursive-tuple", "a tuple (lst, 1) with lst = [the tuple]", lambda: pc.recursive_tuple(1), None),
    ("xrange-5", "xrange(5)", xrange(5), None),
    ("xrange-step", "xrange(1, 10, 3)", xrange(1, 10, 3), None),
    ("xrange-neg", "xrange(10, 0, -2)", xrange(10, 0, -2), None),
    ("date", "datetime.date(2020, 1, 2) (state has byte 0xe4)", datetime.date(2020, 1, 2), None),
    ("date-ascii", "datetime.date(1, 1, 1) (state bytes all < 0x80)", datetime.date(1, 1, 1), None),
    ("time", "datetime.time(12, 30, 45, 123456)", datetime.time(12, 30, 45, 123456), None),
    ("datetime", "datetime.datetime(2020, 1, 2, 3, 4, 5, 6)", datetime.datetime(2020, 1, 2, 3, 4, 5, 6), None),
    ("timedelta", "datetime.timedelta(-1, 5, 7)", datetime.timedelta(-1, 5, 7), None),
    ("decimal", "decimal.Decimal('1.5')", decimal.Decimal("1.5"), None),
    ("decimal-nan", "decimal.Decimal('NaN')", decimal.Decimal("NaN"), None),
    ("decimal-neg0", "decimal.Decimal('-0')", decimal.Decimal("-0"), None),
    ("ordereddict", "collections.OrderedDict([('b', 1), ('a', [2]), (u'c', 3)])", ordered, None),
    ("bytearray", "bytearray('ab\\xff') (REDUCE (u'ab\\xff', 'latin-1'))", bytearray(b"ab\xff"), None),
    ("old-plain", "old-style instance py2_classes.OldPlain (INST / OBJ, no args)", pc.OldPlain, None),
    ("old-initargs", "old-style instance with __getinitargs__ (1, 'two')",
     lambda: pc.OldInitArgs(1, "two"), None),
    ("old-state", "old-style instance with __getstate__ / __setstate__", old_state, None),
    ("new-plain", "new-style instance py2_classes.NewPlain", pc.NewPlain, None),
    ("new-slots", "new-style instance with __slots__ (protocol 2 only)", new_slots, (2,)),
    ("new-reduce", "new-style instance whose __reduce__ gives (cls, (1, 'a'))",
     lambda: pc.NewReduce(1, "a"), None),
    ("class-newplain", "the class py2_classes.NewPlain itself", lambda: pc.NewPlain, None),
    ("class-oldplain", "the old-style class py2_classes.OldPlain itself", lambda: pc.OldPlain, None),
    ("class-xrange", "the type xrange (-> builtins.range)", lambda: xrange, None),
    ("class-unicode", "the type unicode (-> builtins.str)", lambda: unicode, None),
    ("func-reduce", "the function reduce (-> functools.reduce)", lambda: reduce, None),
    ("mixed", "dict of str, unicode, long, float, int, tuple, date(1, 1, 1), OldPlain (all ASCII)", mixed, None),
    ("exception", "ValueError('bad') (exceptions.ValueError)", lambda: ValueError("bad"), None),
]


def materialize(v):
    if callable(v) and not isinstance(v, type) and not isinstance(v, types.ClassType):
        return v()
    if isinstance(v, (type, types.ClassType)) and v in (pc.OldPlain, pc.NewPlain):
        return v()
    return v


def main():
    if not os.path.isdir(OUT):
        os.makedirs(OUT)
    for name in os.listdir(OUT):
        if name.startswith("py2-"):
            os.remove(os.path.join(OUT, name))

    cases = [(n, a, v, p, "py2") for n, a, v, p in VALUES]
    cases += [(n, a, v, None, "py2-numpy") for n, a, v in numpy_values()]
    index = []
    for name, about, value, protocols, category in cases:
        by_bytes = collections.OrderedDict()
        # numpy on Python 2 saved with cPickle only (numpy/lib/format.py)
        writers = WRITERS[:1] if category == "py2-numpy" else WRITERS
        for writer, short, dumps in writers:
            for proto in protocols or (0, 1, 2):
                try:
                    data = dumps(materialize(value), proto)
                except Exception as e:  # noqa: BLE001
                    print("  skip %s %s p%d: %s: %s" % (name, writer, proto, type(e).__name__, e))
                    continue
                by_bytes.setdefault(data, []).append((writer, short, proto))
        for data, producers in by_bytes.items():
            writer, short, proto = producers[0]
            fname = "py2-%s-p%d-%s.pkl" % (short, proto, name)
            with open(os.path.join(OUT, fname), "wb") as f:
                f.write(data)
            index.append(collections.OrderedDict([
                ("file", fname), ("name", name), ("about", about),
                ("category", category), ("writer", writer), ("protocol", proto),
                ("produced_by", [collections.OrderedDict([("writer", w), ("protocol", p)])
                                 for w, _, p in producers])]))
    with open(os.path.join(OUT, "py2-index.json"), "w") as f:
        f.write("[\n" + ",\n".join(json.dumps(e, separators=(",", ":")) for e in index) + "\n]\n")
    print("py2_pickles.py: wrote %d files" % len(index))


if __name__ == "__main__":
    main()
