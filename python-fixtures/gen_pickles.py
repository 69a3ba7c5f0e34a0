#!/usr/bin/env python3
"""Pickles and what CPython 3.11's C unpickler makes of them:
pickle/*.pkl and pickle/manifest.json, for the restricted unpickler's tests.

Run from python-fixtures/ (generate.py does that). Steps:

1. Python 2 pickles: runs py2_pickles.py with `PYENV_VERSION=2.7.18 python`
   (skipped with a message when Python 2 is missing; its outputs
   pickle/py2-*.pkl and pickle/py2-index.json are committed and reused).
2. Writes the other pickles (py3 values from both picklers, hand-written
   opcode streams, numpy objects, malformed streams, out-of-band buffers).
3. Loads every file with pickle.loads under each encoding / fix_imports
   pair, each file in a forked child (4 GiB address-space cap, so a declared
   huge size gives a deterministic MemoryError; timeout 120 s), and writes
   manifest.json.

Values come from CPython 3.11.7 and numpy 2.4.6, with PYTHONHASHSEED=0
(set iteration order). Files in pickle/:

    p<proto>-<c|py>[-nofix]-<value>.pkl  py3-values: pickle.dumps (c) or
        pickle._Pickler (py), fix_imports=False (nofix); named after the
        first configuration that wrote the bytes
    op-*.pkl        py3-opcodes: hand-written opcode streams
    py2-<cp|pk>-p<proto>-<value>.pkl  py2, py2-numpy: cPickle / pickle
        (py2-index.json: their metadata, read by this script)
    np-p<proto>-*.pkl  numpy (np-p2-bad-*: numpy-malformed)
    oob-*.pkl       protocol5-buffers
    bad-*.pkl       malformed (bad-key-XX: unknown opcode byte 0xXX)
    trunc-*.pkl     truncated
    manifest.json, README.md (this text)

manifest.json is a list, one entry per .pkl file (write_entries_json: one
key per line):

    {"file": "p2-c-dict-nested.pkl",
     "about": "what the pickle holds or tests",
     "category": "py3-values" | "py3-opcodes" | "py2" | "py2-numpy" | "numpy"
                 | "numpy-malformed" | "malformed" | "truncated"
                 | "protocol5-buffers",
     "writer": "cpython3-c" | "cpython3-py" | "python2.7-cPickle"
               | "python2.7-pickle" | "hand",
     "protocol": the writer's protocol; for "hand" the argument of a leading
                 PROTO opcode when it is 0..5, else null,
     "produced_by": (py3-values, py2, py2-numpy only) every writer
                 configuration that gave these bytes:
                 [{"writer", "protocol", "fix_imports"}] ("fix_imports" is
                 the pickler's option, py3 writers only). For py3-values a
                 configuration whose protocol differs from the file's
                 "protocol" (3 folded into 2, 5 into 4) wrote the same bytes
                 except the argument of the leading PROTO, and its stream
                 was checked to load exactly the same way,
     "opcodes": sorted unique opcode names from pickletools.genops, or null
                when genops raises (STRING arguments are read as bytes, so
                Python 2 strings with bytes >= 0x80 do not count as a
                failure),
     "globals": sorted unique [module, name] pairs the unpickler asked
                find_class for (raw, before the fix_imports mapping), in any
                of the runs,
     "outcomes": {KEYS: outcome, ...},
     "outcomes_cpython": like "outcomes" (only where "outcomes" used the
                recorder, see below),
     "oob_buffers": (protocol5-buffers) [{"data": base64, "readonly": bool}]
                passed as `buffers=` for the "buffers" outcome,
     "truncations": (truncated) [{"length": n, "outcome": ...}] for every
                n < len(file): the outcome of loading the first n bytes,
                encoding ASCII, fix_imports true,
     "alloc_dependent": true (only when set): some outcome is a MemoryError
                because CPython 3.11 allocated a declared size or memo index
                before reading; a port should give the non-allocating
                error (truncated data) instead}

Outcome keys: each run is `pickle.loads(data, encoding=E, fix_imports=F)`
named "E|F" with F "true"/"false". Every file gets ASCII|true, latin1|true,
bytes|true, ASCII|false; files of the py2 categories and any file with a
STRING, BINSTRING or SHORT_BINSTRING opcode also latin1|false, bytes|false,
koi8-r|true. Runs with identical outcomes are merged: a key is the
comma-separated list of the runs it stands for, in that order
("ASCII|true,ASCII|false"), or "all" when every run agrees. "buffers" is the
extra run `pickle.loads(data, buffers=<oob_buffers>)` (readonly buffers as
bytes, writable ones as bytearray).

An outcome is {"ok": true, "pyjson": <pyjson of the result>} or
{"ok": false, "class", "mro", "message", "cause_class"[, "cause_message"]}
(check_npy.describe_exc: "mro" the exception's class names up to
Exception, "message" str(exception) with memory addresses as `at 0x...`,
"cause_message" only when there is a __cause__). When the pyjson nests
deeper than 400 JSON levels (the op-deep-* files) it is stored as text,
{"ok": true, "pyjson_text": "<the pyjson as JSON text>"}, so that
manifest.json loads with json.load's default recursion limit.

pyjson is shared/spec/pyjson.md, as check_npy.pyjson, plus:
  * a class or function as a value: {"$global": "module.qualname"};
  * anything else it cannot express (memoryview, datetime.timezone,
    exception objects, functools.partial, instances of pickle_classes /
    py2_classes under the default unpickler, ...):
    {"$unsupported": "module.qualname of its type"};
  * range parts are encoded like ints ({"$int"} above 2**53-1).

Recorder: pickles that name a class of pickle_classes.py or py2_classes.py
are loaded with a pickle.Unpickler whose find_class returns, for those two
modules, a recording stand-in class (any other global goes to the default
find_class). The stand-in records the arguments of its construction
(REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ; none when made by
copyreg._reconstructor), the BUILD state (its __setstate__), items added by
APPEND/APPENDS/ADDITEMS (append/extend/add) and SETITEM(S) pairs
(__setitem__); pyjson prints it as
  {"$object": {"class": "pickle_classes.Plain", "args": [...], "kwargs":
   {name: pyjson} or null (null also for empty kwargs), "state": pyjson or
   null, "items": [...] or null, "dictitems": [[k, v], ...] or null}}
and the stand-in class itself as {"$global": "pickle_classes.Plain"}. This
is "outcomes". "outcomes_cpython" is the plain pickle.loads with those
modules importable (instances print as $unsupported).
"""
import codecs
import collections
import contextlib
import datetime
import decimal
import functools
import io
import json
import os
import pathlib
import pickle
import pickletools
import resource
import shutil
import signal
import struct
import subprocess
import sys
import threading
import traceback
import types
import warnings

if os.environ.get("PYTHONHASHSEED") != "0":
    env = dict(os.environ, PYTHONHASHSEED="0", OPENBLAS_NUM_THREADS="1",
               OMP_NUM_THREADS="1")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import numpy as np  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ beside the fixtures
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_npy import (PyJson, _b64, clean, describe_exc, dtype_id, dump_json,  # noqa: E402
                       write_entries_json)
import pickle_classes as pc  # noqa: E402
from py2_classes import Reducible, recursive_dict, recursive_list, recursive_tuple  # noqa: E402

OUT = HERE / "pickle"
MEMORY_LIMIT = 4 << 30
TIMEOUT = 120
MAX_JSON_DEPTH = 400

PY3_RUNS = [("ASCII", True), ("latin1", True), ("bytes", True), ("ASCII", False)]
PY2_RUNS = PY3_RUNS + [("latin1", False), ("bytes", False), ("koi8-r", True)]
PY2_STRING_OPS = {"STRING", "BINSTRING", "SHORT_BINSTRING"}
RECORDED_MODULES = ("pickle_classes", "py2_classes")


def run_key(enc, fix):
    return f"{enc}|{'true' if fix else 'false'}"


# ---------------------------------------------------------------- recorder

class Recorder:
    """Stand-in for a class of RECORDED_MODULES: records how it is built."""
    _rec_class = "?"
    _rec_args = None
    _rec_kwargs = None
    _rec_state = None
    _rec_items = None
    _rec_dictitems = None

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._rec_args = list(args)
        self._rec_kwargs = dict(kwargs) or None
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __setstate__(self, state):
        self._rec_state = state

    def _items(self):
        if self._rec_items is None:
            self._rec_items = []
        return self._rec_items

    def append(self, x):
        self._items().append(x)

    def add(self, x):
        self._items().append(x)

    def extend(self, xs):
        self._items().extend(xs)

    def __setitem__(self, k, v):
        if self._rec_dictitems is None:
            self._rec_dictitems = []
        self._rec_dictitems.append((k, v))


_recorder_classes = {}


def recorder_class(module, name):
    key = (module, name)
    if key not in _recorder_classes:
        _recorder_classes[key] = type(name, (Recorder,), {
            "__module__": module, "__qualname__": name,
            "_rec_class": f"{module}.{name}"})
    return _recorder_classes[key]


class RecordingUnpickler(pickle.Unpickler):
    """C unpickler; classes of RECORDED_MODULES become Recorder classes."""

    def __init__(self, *args, seen, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen = seen

    def find_class(self, module, name):
        self.seen.add((module, name))
        if module in RECORDED_MODULES:
            return recorder_class(module, name)
        return super().find_class(module, name)


# ---------------------------------------------------------------- pyjson

class PickleJson(PyJson):
    """check_npy's pyjson encoder (shared/spec/pyjson.md) plus $object for
    Recorder instances, $global for Recorder classes, classes and functions,
    $unsupported for the rest, and range parts encoded like ints."""

    def special(self, v):
        if isinstance(v, Recorder):
            enc = self.encode

            def build_obj():
                return {"$object": {
                    "class": v._rec_class,
                    "args": [enc(x) for x in (v._rec_args or [])],
                    "kwargs": None if v._rec_kwargs is None else
                    {k: enc(x) for k, x in v._rec_kwargs.items()},
                    "state": enc(v._rec_state),
                    "items": None if v._rec_items is None else [enc(x) for x in v._rec_items],
                    "dictitems": None if v._rec_dictitems is None else
                    [[enc(k), enc(x)] for k, x in v._rec_dictitems]}}
            return self.container(v, build_obj)
        if isinstance(v, type) and issubclass(v, Recorder):
            return {"$global": v._rec_class}
        return None

    def range_parts(self, v):
        return [self.encode(v.start), self.encode(v.stop), self.encode(v.step)]

    def other(self, v):
        if (isinstance(v, (type, types.FunctionType, types.BuiltinFunctionType))
                and isinstance(getattr(v, "__module__", None), str)):
            return {"$global": f"{v.__module__}.{v.__qualname__}"}
        return {"$unsupported": f"{type(v).__module__}.{type(v).__qualname__}"}


def pyjson(v):
    return PickleJson().encode(v)


# ---------------------------------------------------------------- evaluating

def json_depth(x):
    """Nesting depth of JSON containers in x (iterative)."""
    deepest, todo = 0, [(x, 1)]
    while todo:
        v, d = todo.pop()
        if isinstance(v, (list, dict)):
            deepest = max(deepest, d)
            todo.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return deepest


def outcome_of(fn):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = fn()
        pj = pyjson(value)
        if json_depth(pj) > MAX_JSON_DEPTH:
            # keep manifest.json loadable by json.load with default limits
            return {"ok": True, "pyjson_text": dump_json(pj)}
        return {"ok": True, "pyjson": pj}
    except Exception as e:  # noqa: BLE001  (record whatever CPython raises)
        d = describe_exc(e)
        if d["cause_class"] is None:
            del d["cause_message"]
        return d


def group_runs(results):
    """[(key, outcome)] -> {"k1,k2": outcome, ...} or {"all": outcome}."""
    groups = {}
    for key, out in results:
        groups.setdefault(dump_json(out), ([], out))[0].append(key)
    if len(groups) == 1:
        return {"all": results[0][1]}
    return {",".join(keys): out for keys, out in groups.values()}


@contextlib.contextmanager
def stderr_silenced():
    """File descriptor 2 goes to /dev/null for the duration."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def evaluate(case):
    """All outcomes of one case (runs in a forked child)."""
    data = case["data"]
    seen = set()

    def run_all(load):
        """[(run key, outcome of load(encoding, fix_imports))] for the case's runs."""
        return [(run_key(enc, fix), outcome_of(lambda enc=enc, fix=fix: load(enc, fix)))
                for enc, fix in case["runs"]]

    # The file-based C unpickler (3.11) prints "SystemError: deallocated
    # bytearray object has exported buffers" when a BYTEARRAY8 payload is
    # cut short (it drops the bytearray while the readinto() view lives);
    # it changes nothing, so silence stderr for these runs.
    with stderr_silenced():
        rec = run_all(lambda enc, fix: RecordingUnpickler(io.BytesIO(data), encoding=enc, fix_imports=fix,
                                                          seen=seen).load())
    plain = run_all(lambda enc, fix: pickle.loads(data, encoding=enc, fix_imports=fix))
    res = {"globals": sorted([m, n] for m, n in seen)}
    if any(m in RECORDED_MODULES for m, _ in seen):
        res["outcomes"] = group_runs(rec)
        res["outcomes_cpython"] = group_runs(plain)
    else:
        res["outcomes"] = group_runs(plain)
    if case.get("oob_buffers") is not None:
        bufs = [bytes(b) if ro else bytearray(b) for b, ro in case["oob_buffers"]]
        res["outcomes"]["buffers"] = outcome_of(lambda: pickle.loads(data, buffers=bufs))
    if case.get("truncate"):
        res["truncations"] = [
            {"length": n, "outcome": outcome_of(lambda n=n: pickle.loads(data[:n]))}
            for n in range(len(data))]
    return res


def in_child(fn, *args):
    """fn(*args) in a forked child with the memory cap; (result, None) or
    (None, description of how the child died)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            signal.alarm(TIMEOUT)
            unraisable = []
            sys.unraisablehook = lambda u: unraisable.append(f"{u.exc_type.__name__}: {u.exc_value}")
            result = fn(*args)
            out = dump_json({"result": result, "unraisable": unraisable})
        except BaseException as e:  # noqa: BLE001
            out = dump_json({"error": f"{type(e).__name__}: {e}"})
        with os.fdopen(w, "w", encoding="ascii") as f:
            f.write(out)
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "r", encoding="ascii") as f:
        text = f.read()
    _, status = os.waitpid(pid, 0)
    if text:
        got = json.loads(text)
        if "result" in got:
            for u in got["unraisable"]:
                print(f"  {args[0]['file']}: unraisable exception while loading: {u}")
            return got["result"], None
        return None, got["error"]
    return None, f"child died (wait status {status})"


def compute(case):
    res, err = in_child(evaluate, case)
    if err is None:
        return res
    # a crash: redo run by run, so that only the crashing runs are marked
    print(f"  {case['file']}: {err}; retrying run by run", flush=True)
    res = {"globals": [], "outcomes": {}}
    results = []
    for enc, fix in case["runs"]:
        one = dict(case, runs=[(enc, fix)], oob_buffers=None, truncate=False)
        r, e = in_child(evaluate, one)
        out = list(r["outcomes"].values())[0] if e is None else {
            "ok": False, "class": "CRASH", "mro": [], "message": e,
            "cause_class": None, "cause_message": None}
        results.append((run_key(enc, fix), out))
    res["outcomes"] = group_runs(results)
    return res


def _read_stringnl_bytes(f):
    """pickletools' STRING reader without the final ASCII decode, so that
    Python 2 strings with bytes >= 0x80 do not make genops fail."""
    return codecs.escape_decode(pickletools.read_stringnl(f, decode=False))[0]


pickletools.stringnl.reader = _read_stringnl_bytes


def opcode_names(data):
    try:
        return sorted({op.name for op, _, _ in pickletools.genops(data)})
    except Exception:  # noqa: BLE001
        return None


def declared_protocol(data):
    if len(data) >= 2 and data[0] == 0x80 and data[1] <= 5:
        return data[1]
    return None


# ---------------------------------------------------------------- cases

CASES = []


def add_case(file, about, category, writer, protocol, data, **extra):
    assert file.endswith(".pkl") and "/" not in file, file
    assert not any(c["file"] == file for c in CASES), file
    CASES.append(dict(file=file, about=about, category=category, writer=writer,
                      protocol=protocol, data=bytes(data), **extra))


def hand(file, about, data, category="py3-opcodes", **extra):
    add_case(file, about, category, "hand", declared_protocol(data), data, **extra)


def hand_rows(prefix, rows, category="py3-opcodes"):
    """hand() for every (label, about, data) row: file <prefix><label>.pkl."""
    for label, about, data in rows:
        hand(f"{prefix}{label}.pkl", about, data, category)


def dumps_c(v, proto, fix=True):
    return pickle.dumps(v, protocol=proto, fix_imports=fix)


def dumps_py(v, proto, fix=True):
    f = io.BytesIO()
    pickle._Pickler(f, proto, fix_imports=fix).dump(v)
    return f.getvalue()


WRITER_FUNCS = [("cpython3-c", "c", dumps_c), ("cpython3-py", "py", dumps_py)]


def add_written(name, about, category, make, protocols=range(6), writers=WRITER_FUNCS,
                both_fix=True):
    """Pickle make() with every writer/protocol/fix_imports; one case per
    distinct byte string."""
    by_bytes = {}
    skipped = []
    for proto in protocols:
        for writer, short, dumps in writers:
            for fix in ((True, False) if proto < 3 and both_fix else (True,)):
                try:
                    data = dumps(make(), proto, fix)
                except Exception as e:  # noqa: BLE001
                    skipped.append(f"{short} p{proto}{'' if fix else ' nofix'} ({type(e).__name__}: {e})")
                    continue
                by_bytes.setdefault(data, []).append((writer, short, proto, fix))
    if skipped:
        print(f"  {name}: not picklable by " + "; ".join(dict.fromkeys(skipped)))
    for data, producers in by_bytes.items():
        writer, short, proto, fix = producers[0]
        fname = f"p{proto}-{short}{'' if fix else '-nofix'}-{name}.pkl"
        # streams that differ only in the PROTO argument may be folded (main)
        norm = data[:1] + data[2:] if data[:1] == b"\x80" else data
        add_case(fname, about, category, writer, proto, data,
                 produced_by=[{"writer": w, "protocol": p, "fix_imports": f}
                              for w, _, p, f in producers],
                 fold_key=(name, norm))


def value(x):
    return lambda: x


# --- 1. Python 3 values

def mutual():
    d = {"k": []}
    d["k"].append(d)
    return d


def shared_list():
    a = [1, "x"]
    return [a, a, (a,), {"a": a}]


def plain_self():
    p = pc.Plain(1, "self")
    p.me = p
    return p


def plain_shared():
    p = pc.Plain(2, [1, 2])
    return [p, p]


def tagged(obj):
    obj.tag = "t"
    return obj


UTC = datetime.timezone.utc
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30), "IST")
MINUS8 = datetime.timezone(datetime.timedelta(hours=-8))
LONG_STR = "".join(f"{i:06d} " for i in range(9400)) + "\u00e9\u20ac\U0001f600"
ALL_BYTES = bytes(range(256))


def py3_values():
    V = []

    def add(name, about, make, protocols=range(6)):
        V.append((name, about, make, protocols))

    add("none", "None", value(None))
    add("true", "True", value(True))
    add("false", "False", value(False))
    for label, n in [("0", 0), ("neg1", -1), ("255", 255), ("256", 256), ("65535", 65535),
                     ("65536", 65536), ("2p31m1", 2**31 - 1), ("neg2p31", -2**31),
                     ("2p31", 2**31), ("2p53m1", 2**53 - 1), ("neg2p53m1", -(2**53 - 1)),
                     ("2p53", 2**53), ("2p53p1", 2**53 + 1), ("2p63", 2**63),
                     ("neg2p64", -2**64), ("10p30", 10**30), ("10p100", 10**100)]:
        add(f"int-{label}", f"int {n}", value(n))
    for label, x in [("0", 0.0), ("neg0", -0.0), ("0.1", 0.1), ("1.5", 1.5), ("1e300", 1e300),
                     ("inf", float("inf")), ("neginf", float("-inf")), ("nan", float("nan")),
                     ("denorm", 5e-324), ("2p53", 2.0**53), ("1e16", 1e16), ("neg-small", -2.5e-10)]:
        add(f"float-{label}", f"float {x!r}", value(x))
    add("complex", "complex(1, 2)", value(1 + 2j))
    add("complex-special", "complex(-0.0, inf)", value(complex(-0.0, float("inf"))))
    add("complex-nan", "complex(nan, 1)", value(complex(float("nan"), 1)))
    add("str-empty", "str ''", value(""))
    add("str-ascii", "str 'abc'", value("abc"))
    add("str-bmp", "str 'h\\xe9llo\\u20ac\\u4e2d' (BMP)", value("h\u00e9llo\u20ac\u4e2d"))
    add("str-astral", "str '\\U0001f600' (astral)", value("\U0001f600"))
    add("str-surrogate", "str 'a\\ud800b' (lone surrogate: UTF-8 with surrogatepass)", value("a\ud800b"))
    add("str-nul", "str '\\x00'", value("\x00"))
    add("str-controls", "str '\\n\\r\\\\\\x1a' (escaped at protocol 0)", value("\n\r\\\x1a"))
    add("str-latin1", "str '\\xff\\x80' (Latin-1 range)", value("\xff\x80"))
    add("str-bom", "str '\\ufeffbom' (leading BOM is data)", value("\ufeffbom"))
    add("str-255", "str 'x' * 255 (SHORT_BINUNICODE limit)", value("x" * 255), (3, 4))
    add("str-256", "str 'x' * 256", value("x" * 256), (4,))
    add("str-long", f"str of {len(LONG_STR)} chars (> 64 KiB: written outside frames at 4+)",
        value(LONG_STR), (2, 4))
    add("bytes-empty", "bytes b''", value(b""))
    add("bytes-small", "bytes b'abc'", value(b"abc"))
    add("bytes-high", "bytes b'\\x00\\x80\\xff'", value(b"\x00\x80\xff"))
    add("bytes-all", "bytes(range(256))", value(ALL_BYTES))
    add("bytes-300", "bytes b'x' * 300 (> 255: BINBYTES)", value(b"x" * 300), (0, 2, 3, 4))
    add("bytearray-empty", "bytearray()", value(bytearray()))
    add("bytearray-small", "bytearray(b'ab\\xff')", value(bytearray(b"ab\xff")))
    add("bytearray-all", "bytearray(range(256))", value(bytearray(ALL_BYTES)), (0, 2, 4, 5))
    for n in range(6):
        add(f"list-{n}", f"list of {n} ints", value(list(range(1, n + 1))))
        add(f"tuple-{n}", f"tuple of {n} ints", value(tuple(range(1, n + 1))))
    add("list-nested", "[[1, [2, [3, []]]]]", value([[1, [2, [3, []]]]]))
    add("list-mixed", "[1, 'a', 2.5, None, True, b'x', (), {}]",
        value([1, "a", 2.5, None, True, b"x", (), {}]))
    add("list-1200", "list(range(1200)) (APPENDS in batches of 1000)", value(list(range(1200))), (0, 2, 4))
    add("tuple-nested", "((1, (2, (3, ()))),)", value(((1, (2, (3, ()))),)))
    add("tuple-1200", "tuple(range(1200))", value(tuple(range(1200))), (0, 2, 4))
    add("dict-empty", "{}", value({}))
    add("dict-str", "{'a': 1, 'b': 2}", value({"a": 1, "b": 2}))
    add("dict-int", "{1: 'a', 2: 'b', -3: None}", value({1: "a", 2: "b", -3: None}))
    add("dict-tuple-keys", "{(1, 2): 'x', (3,): 'y', (): 'z'}", value({(1, 2): "x", (3,): "y", (): "z"}))
    add("dict-nested", "{'a': {'b': {'c': [1, {}]}}, 'd': [{'e': ()}]}",
        value({"a": {"b": {"c": [1, {}]}}, "d": [{"e": ()}]}))
    add("dict-1200", "dict of 1200 items (SETITEMS in batches of 1000)",
        value({i: -i for i in range(1200)}), (2, 4))
    add("set-empty", "set()", value(set()))
    add("set-ints", "{1, 2, 3}", value({1, 2, 3}))
    add("set-strs", "{'a', 'b', 'c'} (order under PYTHONHASHSEED=0)", value({"a", "b", "c"}))
    add("set-tuples", "{(1, 2), 3}", value({(1, 2), 3}))
    add("set-1200", "set(range(1200)) (ADDITEMS in batches of 1000 at 4+)", value(set(range(1200))), (2, 4))
    add("frozenset-empty", "frozenset()", value(frozenset()))
    add("frozenset", "frozenset({1, 'x'})", value(frozenset({1, "x"})))
    add("shared", "shared references: [a, a, (a,), {'a': a}] with a = [1, 'x']", shared_list)
    add("recursive-list", "a = [1]; a.append(a)", lambda: recursive_list(1))
    add("recursive-dict", "d = {'name': 'self'}; d['me'] = d", recursive_dict)
    add("recursive-tuple", "t = (lst, 2) with lst = [t] (POP_MARK / POPs + GET)", lambda: recursive_tuple(2))
    add("mutual", "d = {'k': [d]}", mutual)
    add("ordereddict", "OrderedDict([('b', 1), ('a', 2)])",
        lambda: collections.OrderedDict([("b", 1), ("a", 2)]))
    add("ordereddict-empty", "OrderedDict()", lambda: collections.OrderedDict())
    D = datetime
    for label, x in [
            ("date", D.date(2020, 1, 2)), ("date-min", D.date(1, 1, 1)), ("date-max", D.date(9999, 12, 31)),
            ("time-0", D.time(0, 0)), ("time-us", D.time(12, 30, 45, 123456)),
            ("time-utc", D.time(1, 2, 3, tzinfo=UTC)), ("time-fold", D.time(23, 59, 59, 999999, fold=1)),
            ("datetime", D.datetime(2020, 1, 2, 3, 4, 5)),
            ("datetime-us", D.datetime(2020, 1, 2, 3, 4, 5, 123456)),
            ("datetime-utc", D.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
            ("datetime-ist", D.datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=IST)),
            ("datetime-minus8", D.datetime(1999, 12, 31, 23, 59, 59, tzinfo=MINUS8)),
            ("datetime-fold", D.datetime(2021, 11, 7, 1, 30, fold=1)),
            ("timedelta-0", D.timedelta(0)),
            ("timedelta", D.timedelta(days=-1, seconds=5, microseconds=7)),
            ("timedelta-max", D.timedelta(days=999999999, seconds=86399, microseconds=999999)),
            ("timezone-utc", UTC), ("timezone-ist", IST)]:
        add(label, f"{x!r}", value(x))
    for label, s in [("1.5", "1.5"), ("nan", "NaN"), ("snan", "sNaN"), ("neg0", "-0"),
                     ("1e5", "1E+5"), ("neginf", "-Infinity"),
                     ("long", "123456789012345678901234567890.000001")]:
        add(f"decimal-{label}", f"Decimal({s!r})", value(decimal.Decimal(s)))
    add("slice", "slice(1, 10, 2)", value(slice(1, 10, 2)))
    add("slice-none", "slice(None, 5, None)", value(slice(None, 5, None)))
    add("slice-odd", "slice('a', [1], 2**70)", value(slice("a", [1], 2**70)))
    for label, r in [("0", range(0)), ("5", range(5)), ("step", range(1, 10, 3)),
                     ("neg", range(10, 0, -2)), ("big", range(2**64, 2**64 + 10))]:
        add(f"range-{label}", f"{r!r}", value(r))
    add("class-range", "the class range itself", value(range))
    add("class-ordereddict", "the class collections.OrderedDict itself", value(collections.OrderedDict))
    add("class-plain", "the class pickle_classes.Plain itself", value(pc.Plain))
    add("func-len", "the builtin function len", value(len))
    add("func-reduce", "functools.reduce (written as __builtin__.reduce with fix_imports at 0-2)",
        value(functools.reduce))
    add("obj-plain", "pickle_classes.Plain(1, 'two'): __dict__ state", lambda: pc.Plain(1, "two"))
    add("obj-plain-self", "Plain whose attribute me is itself", plain_self)
    add("obj-plain-shared", "[p, p]: one Plain twice", plain_shared)
    add("obj-slots", "Slots(x=5) (y unset): state (None, {'x': 5})", lambda: pc.Slots(x=5))
    add("obj-slots-full", "Slots(x=5, y=[6])", lambda: pc.Slots(x=5, y=[6]))
    add("obj-slotsdict", "SlotsDict: state ({'extra': 'd'}, {'x': 1})", lambda: pc.SlotsDict())
    add("obj-reduced", "Reduced(1, 'two'): __reduce__ -> (cls, args)", lambda: pc.Reduced(1, "two"))
    add("obj-reducedfull", "ReducedFull: REDUCE + list items + dict items + state", lambda: pc.ReducedFull())
    add("obj-newargs", "NewArgs(3, 'b'): __getnewargs__ (NEWOBJ with args at 2+)",
        lambda: pc.NewArgs(3, "b"), range(2, 6))
    add("obj-newargsex", "NewArgsEx(7, key='k'): __getnewargs_ex__ (NEWOBJ_EX at 4+, functools.partial at 2-3)",
        lambda: pc.NewArgsEx(7, key="k"), range(2, 6))
    add("obj-setstate", "WithSetstate('v'): BUILD calls __setstate__ with {'v': 'v', 'version': 2}",
        lambda: pc.WithSetstate("v"))
    add("obj-listsub", "ListSub([1, 2, 3]) with attribute tag", lambda: tagged(pc.ListSub([1, 2, 3])), range(2, 6))
    add("obj-dictsub", "DictSub(a=1) with attribute tag", lambda: tagged(pc.DictSub(a=1)), range(2, 6))
    add("frames", "list of 2400 strings of 25 characters (67 KB: two FRAMEs)",
        lambda: [f"{i:05d}" + "x" * 20 for i in range(2400)], (4,))
    return V


def build_py3_values():
    for name, about, make, protocols in py3_values():
        add_written(name, about, "py3-values", make, protocols)


# --- 2. hand-written opcode streams: (label, about, data) rows, written to
# op-<label>.pkl in the order of opcode_streams()

def F(x):
    return b"G" + struct.pack(">d", x)


def u8(n):
    return struct.pack("<Q", n)


def u4(n):
    return struct.pack("<I", n)


def text_arg_streams(opname, op, texts):
    """Opcode `op` with a text-line argument and STOP, one row per (label, text)."""
    return [(f"{opname.lower()}-{label}", f"{opname} {text[:40]!r}", op + text + b"\n.")
            for label, text in texts]


def prefixed(label_prefix, about_prefix, rows):
    return [(label_prefix + label, about_prefix + about, data) for label, about, data in rows]


# (label, text) for text_arg_streams: op-int-<label>.pkl, op-long-..., op-float-...
INT_TEXTS = [("01", b"01"), ("00", b"00"), ("001", b"001"), ("1", b"1"), ("0", b"0"),
             ("hex", b"0x2a"), ("octal-010", b"010"), ("0o17", b"0o17"), ("0b101", b"0b101"),
             ("neg", b"-42"), ("plus", b"+5"), ("space", b" 5"), ("trailing-space", b"5 "),
             ("underscore", b"1_000"), ("cr", b"5\r"), ("01-cr", b"01\r"), ("nul", b"1\x002"),
             ("int64max", b"9223372036854775807"), ("int64max-plus1", b"9223372036854775808"),
             ("int64min-minus1", b"-9223372036854775809"), ("big", b"99999999999999999999999"),
             ("L-suffix", b"5L"), ("empty", b""), ("abc", b"abc"), ("float", b"1.5"),
             ("junk", b"9223372036854775807JUNK"), ("4300-digits", b"1" * 4300),
             ("4301-digits", b"1" * 4301)]
LONG_TEXTS = [("5", b"5"), ("5L", b"5L"), ("neg", b"-7L"), ("0", b"0L"), ("hex", b"0x10L"),
              ("octal-010", b"010"), ("lower-l", b"5l"), ("big", b"123456789012345678901234567890L"),
              ("empty", b""), ("L-only", b"L"), ("space", b" 5L"), ("4300-digits", b"1" * 4300 + b"L"),
              ("4301-digits", b"1" * 4301 + b"L")]
FLOAT_TEXTS = [("inf", b"inf"), ("neg-inf", b"-inf"), ("nan", b"nan"), ("neg-nan", b"-nan"),
               ("Infinity", b"Infinity"), ("F3", b"3"), ("1e5", b"1e5"), ("0.1-17g", b"0.10000000000000001"),
               ("neg0", b"-0.0"), ("lead-space", b" 1.5"), ("trail-space", b"1.5 "),
               ("underscore", b"1_0.5"), ("cr", b"1.5\r"), ("empty", b""), ("abc", b"abc"),
               ("1e400", b"1e400"), ("denorm", b"4.9e-324"), ("hex", b"0x1p3"), ("plus", b"+2.5")]
BINFLOATS = [
    ("binfloat-neg0", "BINFLOAT -0.0", F(-0.0) + b"."),
    ("binfloat-nan-payload", "BINFLOAT NaN with payload 1 (pyjson: nan)", b"G\x7f\xf8\x00\x00\x00\x00\x00\x01."),
    ("binfloat-neg-nan", "BINFLOAT negative quiet NaN", b"G\xff\xf8\x00\x00\x00\x00\x00\x00."),
    ("binfloat-le-trap", "BINFLOAT bytes of 1.5 in little-endian order (big-endian read: 3.03865e-319)",
     b"G" + struct.pack("<d", 1.5) + b"."),
]
# (label, data): the about is the label with spaces
BINARY_INTS_AND_CONSTANTS = [
    ("binint-neg1", b"J\xff\xff\xff\xff."), ("binint-min", b"J\x00\x00\x00\x80."),
    ("binint-max", b"J\xff\xff\xff\x7f."), ("binint1-255", b"K\xff."),
    ("binint2-65535", b"M\xff\xff."), ("long1-0", b"\x8a\x00."),
    ("long1-neg1", b"\x8a\x01\xff."), ("long1-255", b"\x8a\x02\xff\x00."),
    ("long1-neg128", b"\x8a\x01\x80."), ("long1-2p64", b"\x8a\x09" + (2**64).to_bytes(9, "little") + b"."),
    ("long1-neg2p64", b"\x8a\x09" + (-2**64).to_bytes(9, "little", signed=True) + b"."),
    ("long1-redundant", b"\x8a\x04\x01\x00\x00\x00."),
    ("long4-0", b"\x8b\x00\x00\x00\x00."), ("long4-neg128", b"\x8b\x01\x00\x00\x00\x80."),
    ("long4-300-bytes", b"\x8b" + u4(300) + (3**600).to_bytes(300, "little", signed=True) + b"."),
    ("newtrue", b"\x88."), ("newfalse", b"\x89."), ("none", b"N."),
]
STRINGS = [  # STRING: op-string-<label>.pkl
    ("single", "single quotes", b"S'abc'\n."),
    ("double", "double quotes", b'S"abc"\n.'),
    ("inner-quote", "only the outer quotes are removed: a'b", b"S'a'b'\n."),
    ("mixed-quotes", "different quote characters at the ends", b"S'abc\"\n."),
    ("octal-hex", "\\x41 \\101 \\7 \\777 (=0xff) \\0", b"S'\\x41\\101\\7\\777\\0'\n."),
    ("simple-escapes", "all single-character escapes", b"S'\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"'\n."),
    ("unknown-escapes", "unknown escapes (\\q \\z \\u \\N) are kept as two characters", b"S'\\q\\z\\u0041\\N'\n."),
    ("backslash-newline", "backslash-newline: the line ends at the first newline, so the argument is 'a\\", b"S'a\\\nb'\n."),
    ("bad-hex", "\\x with one hex digit", b"S'\\x4'\n."),
    ("bad-hex-g", "\\x with non-hex digits", b"S'\\xgg'\n."),
    ("trailing-backslash", "the escape eats the closing quote: 'abc\\'", b"S'abc\\'\n."),
    ("escaped-high", "escaped high bytes (\\xff\\x80): encoding decides", b"S'\\xff\\x80'\n."),
    ("raw-high", "raw UTF-8 bytes in the line", b"S'caf\xc3\xa9'\n."),
    ("raw-koi8", "raw bytes that are Cyrillic in koi8-r", b"S'\xf0\xd2\xc9'\n."),
    ("crlf", "CRLF line end: the last character is \\r, so it is not quoted", b"S'a'\r\n."),
    ("empty-single", "S'' (test_correctly_quoted_string)", b"S''\n."),
    ("empty-double", 'S"" (test_correctly_quoted_string)', b'S""\n.'),
    ("newline-double", "S\"\\n\" (test_correctly_quoted_string)", b'S"\\n"\n.'),
    ("newline-single", "S'\\n' (test_correctly_quoted_string)", b"S'\\n'\n."),
    ("nul-raw", "a raw NUL byte inside the quotes", b"S'a\x00b'\n."),
]
PY2_STRINGS = [  # BINSTRING, SHORT_BINSTRING, Python 2 str
    ("binstring", "BINSTRING 'ab\\xff'", b"T\x03\x00\x00\x00ab\xff."),
    ("binstring-300", "BINSTRING of 300 bytes (test_load_long_python2_str_as_bytes)", b"T" + u4(300) + b"x" * 300 + b"."),
    ("short-binstring", "SHORT_BINSTRING '\\xc3\\xa9'", b"U\x02\xc3\xa9."),
    ("short-binstring-empty", "empty SHORT_BINSTRING + BINPUT at protocol 3 (issue 11286: '' under koi8-r)",
     b"\x80\x03U\x00q\x00."),
    ("py2-str-a00a0", "test_load_python2_str_as_bytes protocol 0: 'a\\x00\\xa0'", b"S'a\\x00\\xa0'\n."),
    ("py2-str-a00a0-p1", "test_load_python2_str_as_bytes protocol 1", b"U\x03a\x00\xa0."),
    ("py2-str-a00a0-p2", "test_load_python2_str_as_bytes protocol 2", b"\x80\x02U\x03a\x00\xa0."),
]
UNICODES = [  # UNICODE: op-unicode-<label>.pkl
    ("latin1", "a raw byte 0xe9 is U+00E9 (raw-unicode-escape)", b"Vcaf\xe9\n."),
    ("utf8-bytes", "raw UTF-8 bytes are read as Latin-1: '\\xc3\\xa9'", b"V\xc3\xa9\n."),
    ("u-escape", "\\u20ac", b"V\\u20ac\n."),
    ("U-escape", "\\U0001f600", b"V\\U0001f600\n."),
    ("surrogate-pair", "\\ud83d\\ude00 stays two code points", b"V\\ud83d\\ude00\n."),
    ("lone-surrogate", "\\ud800", b"V\\ud800\n."),
    ("backslash-literal", "a backslash not followed by u/U is literal", b"Va\\b\\x41\n."),
    ("short-u", "\\u with 2 hex digits", b"V\\u12\n."),
    ("U-too-big", "\\U00110000 (above U+10FFFF)", b"V\\U00110000\n."),
    ("u005c", "the escapes Python 3 writes for \\\\ \\n \\r NUL \\x1a", b"V\\u005c\\u000a\\u000d\\u0000\\u001a\n."),
    ("raw-cr", "a raw CR inside the line (Python 2 did not escape it)", b"Va\rb\n."),
    ("empty", "empty", b"V\n."),
    ("pi-py2", "test_load_python2_unicode_as_str protocol 0", b"V\\u03c0\n."),
]
BYTES_AND_TEXT = [  # BINUNICODE*, BINBYTES*, BYTEARRAY8
    ("binunicode-pi", "BINUNICODE 'π' (test_load_python2_unicode_as_str)", b"X\x02\x00\x00\x00\xcf\x80."),
    ("binunicode-surrogate", "BINUNICODE ED A0 80: a lone surrogate (surrogatepass)", b"X\x03\x00\x00\x00\xed\xa0\x80."),
    ("binunicode-pair-as-surrogates", "BINUNICODE of two encoded surrogates (CESU-style): two code points",
     b"X\x06\x00\x00\x00\xed\xa0\xbd\xed\xb8\x80."),
    ("binunicode-bom", "BINUNICODE with a leading BOM (data)", b"X\x06\x00\x00\x00\xef\xbb\xbfabc."),
    ("binunicode-invalid", "BINUNICODE b'\\xff' (invalid UTF-8)", b"X\x01\x00\x00\x00\xff."),
    ("binunicode-overlong", "BINUNICODE C0 80 (overlong NUL)", b"X\x02\x00\x00\x00\xc0\x80."),
    ("binunicode-truncated-seq", "BINUNICODE E2 82 (cut UTF-8 sequence)", b"X\x02\x00\x00\x00\xe2\x82."),
    ("short-binunicode", "SHORT_BINUNICODE '\\u20ac\\x00' (test_short_binunicode)", b"\x80\x04\x8c\x04\xe2\x82\xac\x00."),
    ("binunicode8", "BINUNICODE8 (test_binunicode8)", b"\x80\x04\x8d" + u8(4) + b"\xe2\x82\xac\x00."),
    ("binbytes", "BINBYTES (test_binbytes)", b"\x80\x03B\x04\x00\x00\x00\xe2\x82\xac\x00."),
    ("short-binbytes", "SHORT_BINBYTES (test_short_binbytes)", b"\x80\x03C\x04\xe2\x82\xac\x00."),
    ("binbytes8", "BINBYTES8 (test_binbytes8)", b"\x80\x04\x8e" + u8(4) + b"\xe2\x82\xac\x00."),
    ("bytearray8", "BYTEARRAY8 (test_bytearray8)", b"\x80\x05\x96" + u8(3) + b"xxx."),
    ("bytearray8-empty", "BYTEARRAY8 of length 0", b"\x80\x05\x96" + u8(0) + b"."),
]
MEMO = [  # PUT/GET, MEMOIZE, DUP
    ("get-put-text", "PUT/GET 100000 (test_get)", b"((lp100000\ng100000\nt."),
    ("binget", "BINPUT/BINGET 255 (test_binget)", b"(]q\xffh\xfft."),
    ("long-binget", "LONG_BINPUT/LONG_BINGET 65536 (test_long_binget)", b"(]r\x00\x00\x01\x00j\x00\x00\x01\x00t."),
    ("misc-get", "((Kdtp0\\nh\\x00l.)) (test_misc_get)", b"((Kdtp0\nh\x00l.))"),
    ("put-leading-zeros", "PUT 007 then GET 7", b"(]p007\ng7\nt."),
    ("put-overwrite", "BINPUT 0 twice: the second replaces the first", b"(K\x01q\x00K\x02q\x00h\x00t."),
    ("long-binput-max", "LONG_BINPUT 0xffffffff then LONG_BINGET it (C 3.11 allocates the memo array)",
     b"(]r\xff\xff\xff\xffj\xff\xff\xff\xfft."),
    ("put-1e9", "PUT 1000000000 then GET it", b"(]p1000000000\ng1000000000\nt."),
    ("long-binput-1m", "LONG_BINPUT 1048576 then LONG_BINGET it", b"(]r\x00\x00\x10\x00j\x00\x00\x10\x00t."),
    ("memoize-after-binput5", "BINPUT 5, then MEMOIZE stores at len(memo) = 1: ([1], [2], [2], [1])",
     b"\x80\x04(]q\x05K\x01a]\x94K\x02ah\x01h\x05t."),
    ("memoize-count", "three MEMOIZEs then BINGET 0..2", b"\x80\x04(K\x01\x94K\x02\x94K\x03\x94h\x00h\x01h\x02t."),
    ("dup", "DUP: ((l2t. (test_dup)", b"((l2t."),
    ("dup-append-self", "]2a: a list appended to itself via DUP", b"]2a."),
]
STACK = [  # POP, MARK, STOP
    ("pop-empty-level", "(0N.: POP on an empty level pops the mark", b"(0N."),
    ("pop", "NK\\x050.: POP", b"NK\x050."),
    ("pop-mark", "N(K\\x01K\\x021.: POP_MARK", b"N(K\x01K\x021."),
    ("stop-leaves-stack", "NK\\x05.: items below the top are ignored", b"NK\x05."),
    ("after-stop", "K\\x07.garbage: bytes after STOP are ignored", b"K\x07.garbage"),
    ("concatenated", "two pickles concatenated: loads gives the first", pickle.dumps([1, 2], 2) + pickle.dumps("second", 4)),
    ("nested-marks", "nested MARKs: (N(Ntt. gives (None, (None,))", b"(N(Ntt."),
]
PROTOS = [  # PROTO
    ("proto-0", "PROTO 0", b"\x80\x00N."),
    ("proto-5-old-opcodes", "PROTO 5 with protocol 0 opcodes", b"\x80\x05(lI1\naV\xe9\nat."),
    ("proto-middle", "PROTO 2 ... PROTO 4 in the middle", b"\x80\x02N\x80\x04\x88."),
    ("proto-none-binary", "protocol 4 opcodes without any PROTO", b"\x8c\x03abc\x94\x8f(h\x00\x90."),
]
FIX_IMPORTS = [  # fix_imports and the protocol
    ("fix-set-p2", "__builtin__.set at protocol 2: mapped only when fix_imports", b"\x80\x02c__builtin__\nset\n)R."),
    ("fix-set-p0", "__builtin__.set without PROTO (protocol 0)", b"c__builtin__\nset\n(tR."),
    ("fix-set-p3", "__builtin__.set at protocol 3: never mapped", b"\x80\x03c__builtin__\nset\n)R."),
    ("fix-set-p2-then-p3", "PROTO 2 then PROTO 3 before the GLOBAL: not mapped", b"\x80\x02\x80\x03c__builtin__\nset\n)R."),
    ("fix-set-p3-then-p2", "PROTO 3 then PROTO 2 before the GLOBAL: mapped", b"\x80\x03\x80\x02c__builtin__\nset\n)R."),
]
GLOBALS = [  # GLOBAL and STACK_GLOBAL lookups
    ("global-xrange-call", "__builtin__.xrange(1, 7) (test_compat_unpickle)",
     b"\x80\x02c__builtin__\nxrange\nK\x01K\x07K\x01\x87R."),
    ("global-exception-call", "exceptions.StandardError('ugh') (test_compat_unpickle)",
     b"\x80\x02cexceptions\nStandardError\nU\x03ugh\x85R."),
    ("global-userdict-obj", "UserDict.UserDict via OBJ + BUILD (test_compat_unpickle)",
     b"\x80\x02(cUserDict\nUserDict\no}U\x04data}K\x01K\x02ssb."),
    ("global-dotted-p2", "GLOBAL builtins 'set.__class__' at protocol 2: no dotted lookup",
     b"\x80\x02cbuiltins\nset.__class__\n."),
    ("global-dotted-p4", "GLOBAL builtins 'set.__class__' at protocol 4: dotted lookup gives type (a port must refuse)",
     b"\x80\x04cbuiltins\nset.__class__\n."),
    ("stack-global-dotted", "STACK_GLOBAL collections 'OrderedDict.fromkeys' (a port must refuse)",
     b"\x80\x04\x8c\x0bcollections\x8c\x14OrderedDict.fromkeys\x93."),
    ("global-missing-module", "GLOBAL of a module that does not exist", b"cno_such_module_x\nthing\n."),
    ("global-missing-name", "GLOBAL builtins.no_such_name", b"cbuiltins\nno_such_name\n."),
    ("global-empty", "GLOBAL with empty module and name", b"c\n\n."),
    ("global-non-utf8", "GLOBAL with a non-UTF-8 module line", b"c\xff\nx\n."),
    ("global-utf8-name", "GLOBAL builtins.\\u00e9 (UTF-8 name, missing)", b"cbuiltins\n\xc3\xa9\n."),
    ("stack-global", "STACK_GLOBAL with memoized module and name strings reused",
     b"\x80\x04(\x8c\x08builtins\x94\x8c\x05range\x94\x93\x94K\x03\x85Rh\x00h\x01\x93K\x05\x85Rh\x02K\x02\x85Rt."),
    ("stack-global-bytes", "STACK_GLOBAL with bytes module/name", b"\x80\x04C\x08builtinsC\x05range\x93."),
]
OBJECTS = [  # INST / OBJ / REDUCE / NEWOBJ / BUILD
    ("inst-set", "INST __builtin__.set with no args", b"(i__builtin__\nset\n."),
    ("inst-complex", "INST builtins.complex with args (1, 2)", b"(K\x01K\x02ibuiltins\ncomplex\n."),
    ("inst-non-ascii", "INST with a non-ASCII name line", b"(ibuiltins\nse\xc3\xa9\n."),
    ("obj-complex", "OBJ builtins.complex(1, 2)", b"(cbuiltins\ncomplex\nK\x01K\x02o."),
    ("obj-no-args", "OBJ builtins.list with no args", b"(cbuiltins\nlist\no."),
    ("reduce-int", "builtins.int() via REDUCE (test_bad_reduce)", b"cbuiltins\nint\n)R."),
    ("newobj-int", "NEWOBJ builtins.int (test_bad_newobj)", b"cbuiltins\nint\n)\x81."),
    ("newobj-ex-int", "NEWOBJ_EX builtins.int (test_bad_newobj_ex)", b"cbuiltins\nint\n)}\x92."),
    ("newobj-ex-kwargs", "NEWOBJ_EX builtins.complex((), {'real': 1, 'imag': 2})",
     b"\x80\x04\x8c\x08builtins\x8c\x07complex\x93)}(\x8c\x04realK\x01\x8c\x04imagK\x02u\x92."),
    ("reconstructor-object", "copy_reg._reconstructor(object, object, None): a bare object()",
     b"ccopy_reg\n_reconstructor\n(c__builtin__\nobject\nc__builtin__\nobject\nNtR."),
    ("reconstructor-plain", "copy_reg._reconstructor(pickle_classes.Plain, object, None) + BUILD",
     b"ccopy_reg\n_reconstructor\n(cpickle_classes\nPlain\nc__builtin__\nobject\nNtR(dVa\nI1\nsb."),
    ("inst-plain", "INST pickle_classes.Plain with no args + BUILD", b"(ipickle_classes\nPlain\n(dVa\nI1\nsb."),
    ("inst-plain-args", "INST pickle_classes.Plain with args (5, 'x')", b"(I5\nVx\nipickle_classes\nPlain\n."),
    ("obj-reduced", "OBJ pickle_classes.Reduced with args (1,)", b"(cpickle_classes\nReduced\nK\x01o."),
    ("newobj-ex-recorded", "NEWOBJ_EX pickle_classes.NewArgsEx((1,), {'key': 'k'})",
     b"\x80\x04\x8c\x0epickle_classes\x8c\tNewArgsEx\x93K\x01\x85}\x8c\x03key\x8c\x01ks\x92."),
    ("build-twice", "two BUILDs on one pickle_classes.Plain", b"\x80\x02cpickle_classes\nPlain\n)\x81}b}b."),
    ("build-slot-state", "BUILD (None, {'x': 1}) on pickle_classes.Slots",
     b"\x80\x02cpickle_classes\nSlots\n)\x81N}U\x01xK\x01s\x86b."),
    ("setitems-on-object", "SETITEMS and APPENDS on a pickle_classes.ReducedFull",
     b"\x80\x02cpickle_classes\nReducedFull\n)R(K\x01K\x02e}b(K\x03K\x04u."),
    ("additems-on-object", "ADDITEMS on a pickle_classes.ReducedFull (add each)",
     b"\x80\x04\x8c\x0epickle_classes\x8c\x0bReducedFull\x93)R(K\x01K\x02\x90."),
    ("build-dict-state", "BUILD {'a': 1} on ValueError() (an instance with a __dict__)",
     b"\x80\x02cbuiltins\nValueError\n)R}U\x01aK\x01sb."),
    ("build-none-empty-dict", "N}b: BUILD with an empty dict on None", b"N}b."),
    ("build-list-empty-dict", "]}b: BUILD with an empty dict on a list", b"]}b."),
    ("reduce-list-args", "builtins.set REDUCE with a list as args", b"cbuiltins\nset\n]R."),
]
CONTAINERS = [  # containers: keys and equality
    ("dict-key-collision", "{1: 'a', 1.0: 'b', True: 'c'} built by SETITEMS: one key 1, value 'c'",
     b"}(K\x01Va\n" + F(1.0) + b"Vb\n\x88Vc\nu."),
    ("dict-zero-keys", "keys 0.0, -0.0, 0, False: one key 0.0",
     b"}(" + F(0.0) + b"K\x01" + F(-0.0) + b"K\x02K\x00K\x03\x89K\x04u."),
    ("dict-nan-keys", "two NaN objects as keys: two entries",
     b"}(" + F(float("nan")) + b"K\x01" + F(float("nan")) + b"K\x02u."),
    ("dict-same-nan-key", "the same NaN object (memo) twice as key: one entry",
     b"}(" + F(float("nan")) + b"q\x00K\x01h\x00K\x02u."),
    ("dict-tuple-key-eq", "keys (1, 2) and (1.0, 2): one key", b"}(K\x01K\x02\x86K\x01" + F(1.0) + b"K\x02\x86K\x02u."),
    ("dict-str-bytes-keys", "keys 'a' and b'a': two keys", b"\x80\x03}(X\x01\x00\x00\x00aK\x01C\x01aK\x02u."),
    ("dict-2p53-keys", "keys 2**53+1 and 2.0**53: two keys; 2**53 and 2.0**53: one",
     b"\x80\x02}(\x8a\x08\x01\x00\x00\x00\x00\x00\x20\x00K\x01" + F(2.0**53) + b"K\x02\x8a\x07\x00\x00\x00\x00\x00\x00\x20K\x03u."),
    ("dict-complex-key", "keys 1 and complex(1, 0): one key",
     b"}(K\x01K\x01c__builtin__\ncomplex\n" + F(1.0) + F(0.0) + b"\x86RK\x02u."),
    ("dict-frozenset-key", "frozenset keys {1, 2} and {2, 1}: one key",
     b"\x80\x04}((K\x01K\x02\x91K\x01(K\x02K\x01\x91K\x02u."),
    ("dict-unhashable-key", "a list as dict key", b"}]K\x01s."),
    ("dict-odd", "DICT with an odd number of items", b"(K\x01d."),
    ("setitems-odd", "SETITEMS with an odd number of items", b"}(K\x01K\x02K\x03u."),
    ("set-unhashable", "ADDITEMS of a list to a set", b"\x80\x04\x8f(]\x90."),
    ("frozenset-dups", "FROZENSET of 1, 1, 1.0, True: one element", b"\x80\x04(K\x01K\x01" + F(1.0) + b"\x88\x91."),
    ("appends-on-set", "APPENDS on a set (no extend, no append)", b"\x80\x04\x8f(K\x01e."),
    ("append-on-tuple", "APPEND on a tuple", b")K\x01a."),
    ("setitem-on-list", "SETITEM on a list (index 0)", b"]K\x00K\x01s."),
    ("additems-on-list", "ADDITEMS on a list (no add)", b"\x80\x04](K\x01\x90."),
]
FRAMES = [  # FRAME
    ("frame-readline", "FRAME around INT (test_frame_readline)", b"\x80\x04\x95" + u8(5) + b"I42\n."),
    ("frame-empty", "two empty FRAMEs then N.", b"\x80\x04\x95" + u8(0) + b"\x95" + u8(0) + b"N."),
    ("frame-protocol2", "FRAME inside a protocol 2 stream", b"\x80\x02\x95" + u8(2) + b"K\x01."),
    ("frame-no-proto", "FRAME with no PROTO at all", b"\x95" + u8(3) + b"K\x02."),
    ("frame-short", "a frame that ends inside an opcode's argument (C reads on)", b"\x80\x04\x95" + u8(1) + b"K\x05."),
    ("frame-nested", "FRAME inside an unfinished frame (C accepts)", b"\x80\x04\x95" + u8(11) + b"\x95" + u8(1) + b"N."),
    ("frame-too-long", "FRAME longer than the remaining data", b"\x80\x04\x95" + u8(255) + b"N."),
    ("frame-huge", "FRAME of 2**62 bytes", b"\x80\x04\x95" + u8(2**62) + b"N."),
]
EXTERNAL = [  # PERSID, out-of-band buffers
    ("persid", "PERSID 'abc' (no persistent_load)", b"Pabc\n."),
    ("binpersid", "BINPERSID 1 (no persistent_load)", b"\x80\x02K\x01Q."),
    ("next-buffer", "NEXT_BUFFER with no buffers given", b"\x80\x05\x97."),
    ("readonly-bytearray8", "READONLY_BUFFER after BYTEARRAY8: a memoryview", b"\x80\x05\x96" + u8(3) + b"abc\x98."),
    ("readonly-bytes", "READONLY_BUFFER on bytes: unchanged", b"\x80\x05C\x03abc\x98."),
    ("readonly-int", "READONLY_BUFFER on an int", b"\x80\x05K\x01\x98."),
]
# (label, module, name): GLOBAL module.name as a value at protocol 2
COMPAT_GLOBALS = [("unicode", "__builtin__", "unicode"), ("xrange", "__builtin__", "xrange"),
                  ("long", "__builtin__", "long"), ("basestring", "__builtin__", "basestring"),
                  ("reduce", "__builtin__", "reduce"), ("copy-reg", "copy_reg", "_reconstructor"),
                  ("valueerror", "exceptions", "ValueError"),
                  ("standarderror", "exceptions", "StandardError"),
                  ("userdict", "UserDict", "UserDict"), ("whichdb", "whichdb", "whichdb"),
                  ("izip", "itertools", "izip"), ("builtins-set", "builtins", "set"),
                  ("cpickle", "cPickle", "loads")]
# (label, data): the about is "<LABEL>: no extension registered"
EXTS = [("ext1", b"\x80\x02\x82\x01."), ("ext1-zero", b"\x80\x02\x82\x00."),
        ("ext2", b"\x80\x02\x83\x01\x01."), ("ext2-zero", b"\x80\x02\x83\x00\x00."),
        ("ext4", b"\x80\x02\x84\x01\x00\x00\x00."), ("ext4-neg", b"\x80\x02\x84\xff\xff\xff\xff."),
        ("ext4-zero", b"\x80\x02\x84\x00\x00\x00\x00.")]
DEEP = [  # deep nesting
    ("deep-lists", "lists nested 5000 deep: (*5000 l*5000", b"(" * 5000 + b"l" * 5000 + b"."),
    ("deep-tuples", "tuples nested 2000 deep: N then TUPLE1 x 2000", b"N" + b"\x85" * 2000 + b"."),
    ("deep-dicts", "dicts nested 2000 deep via SETITEM", b"}K\x00" * 2000 + b"N" + b"s" * 2000 + b"."),
]

# pickletester.py (CPython 3.11.7) DATA0-DATA2, DATA_SET, DATA_XRANGE, copied so that
# the generator does not need the test package (some distributions drop it)
PICKLETESTER_DATA = [
    (
        b'(lp0\nL0L\naL1L\naF2.0\nac__builtin__\ncomplex\np1\n(F3'
        b'.0\nF0.0\ntp2\nRp3\naL1L\naL-1L\naL255L\naL-255L\naL-256'
        b'L\naL65535L\naL-65535L\naL-65536L\naL2147483647L\naL-'
        b'2147483647L\naL-2147483648L\na(Vabc\np4\ng4\nccopy_re'
        b'g\n_reconstructor\np5\n(c__main__\nC\np6\nc__builtin__'
        b'\nobject\np7\nNtp8\nRp9\n(dp10\nVfoo\np11\nL1L\nsVbar\np12'
        b'\nL2L\nsbg9\ntp13\nag13\naL5L\na.'
    ),
    (
        b']q\x00(K\x00K\x01G@\x00\x00\x00\x00\x00\x00\x00c__builtin__\ncomplex\nq\x01(G@\x08\x00\x00\x00\x00'
        b'\x00\x00G\x00\x00\x00\x00\x00\x00\x00\x00tq\x02Rq\x03K\x01J\xff\xff\xff\xffK\xffJ\x01\xff\xff\xffJ\x00\xff\xff\xffM\xff\xffJ\x01\x00\xff\xffJ\x00\x00\xff'
        b'\xffJ\xff\xff\xff\x7fJ\x01\x00\x00\x80J\x00\x00\x00\x80(X\x03\x00\x00\x00abcq\x04h\x04ccopy_reg\n_reconstr'
        b'uctor\nq\x05(c__main__\nC\nq\x06c__builtin__\nobject\nq\x07Ntq'
        b'\x08Rq\t}q\n(X\x03\x00\x00\x00fooq\x0bK\x01X\x03\x00\x00\x00barq\x0cK\x02ubh\ttq\rh\rK\x05e.'
    ),
    (
        b'\x80\x02]q\x00(K\x00K\x01G@\x00\x00\x00\x00\x00\x00\x00c__builtin__\ncomplex\nq\x01G@\x08\x00\x00\x00'
        b'\x00\x00\x00G\x00\x00\x00\x00\x00\x00\x00\x00\x86q\x02Rq\x03K\x01J\xff\xff\xff\xffK\xffJ\x01\xff\xff\xffJ\x00\xff\xff\xffM\xff\xffJ\x01\x00\xff\xffJ\x00\x00'
        b'\xff\xffJ\xff\xff\xff\x7fJ\x01\x00\x00\x80J\x00\x00\x00\x80(X\x03\x00\x00\x00abcq\x04h\x04c__main__\nC\nq\x05)\x81q\x06'
        b'}q\x07(X\x03\x00\x00\x00fooq\x08K\x01X\x03\x00\x00\x00barq\tK\x02ubh\x06tq\nh\nK\x05e.'
    ),
]
PICKLETESTER_DATA_SET = b'\x80\x02c__builtin__\nset\nq\x00]q\x01(K\x01K\x02e\x85q\x02Rq\x03.'
PICKLETESTER_DATA_XRANGE = b'\x80\x02c__builtin__\nxrange\nq\x00K\x00K\x05K\x01\x87q\x01Rq\x02.'
PICKLETESTER_MORE = [
    ("pickletester-data-set", "pickletester DATA_SET: set([1, 2]) from Python 2", PICKLETESTER_DATA_SET),
    ("pickletester-data-xrange", "pickletester DATA_XRANGE: xrange(5) from Python 2", PICKLETESTER_DATA_XRANGE),
    ("pickletester-classic-p0", "test_load_classic_instance protocol 0 (INST) with pickle_classes.Plain",
     b"(ipickle_classes\nPlain\np0\n(dp1\nb."),
    ("pickletester-classic-p1", "test_load_classic_instance protocol 1 (OBJ) with pickle_classes.Plain",
     b"(cpickle_classes\nPlain\nq\x00oq\x01}q\x02b."),
]


def opcode_streams():
    """Every hand-written opcode stream, as (label, about, data), in file order."""
    return [
        *text_arg_streams("INT", b"I", INT_TEXTS),
        *text_arg_streams("LONG", b"L", LONG_TEXTS),
        *text_arg_streams("FLOAT", b"F", FLOAT_TEXTS),
        *BINFLOATS,
        *[(label, label.replace("-", " "), data) for label, data in BINARY_INTS_AND_CONSTANTS],
        *prefixed("string-", "STRING: ", STRINGS),
        *PY2_STRINGS,
        *prefixed("unicode-", "UNICODE: ", UNICODES),
        *BYTES_AND_TEXT,
        *MEMO,
        *STACK,
        *PROTOS,
        *FIX_IMPORTS,
        *[(f"global-{label}", f"GLOBAL {mod}.{name} as a value (protocol 2)",
           b"\x80\x02c" + f"{mod}\n{name}\n.".encode("ascii")) for label, mod, name in COMPAT_GLOBALS],
        *GLOBALS,
        *OBJECTS,
        *CONTAINERS,
        *FRAMES,
        *[(label, f"{label.upper()}: no extension registered", data) for label, data in EXTS],
        *EXTERNAL,
        *DEEP,
        # DATA0-DATA2 with __main__.C -> pickle_classes.Plain
        *[(f"pickletester-data{i}",
           f"pickletester DATA{i} (protocol {i}) with __main__.C replaced by pickle_classes.Plain",
           data.replace(b"c__main__\nC\n", b"cpickle_classes\nPlain\n"))
          for i, data in enumerate(PICKLETESTER_DATA)],
        *PICKLETESTER_MORE,
    ]


def build_opcodes():
    hand_rows("op-", opcode_streams())


# --- 5. malformed: bad-<label>.pkl

# copied from CPython 3.11.7 Lib/test/pickletester.py
BAD_STACK = [b'.', b'0', b'1', b'2', b'(2', b'R', b')R', b'a', b'Na', b'b', b'Nb', b'd', b'e', b'(e',
             b'ibuiltins\nlist\n', b'l', b'o', b'(o', b'p1\n', b'q\x00', b'r\x00\x00\x00\x00', b's', b'Ns',
             b'NNs', b't', b'u', b'(u', b'}(Nu', b'\x81', b')\x81', b'\x85', b'\x86', b'N\x86', b'\x87',
             b'N\x87', b'NN\x87', b'\x90', b'(\x90', b'\x91', b'\x92', b')}\x92', b'\x93', b'Vlist\n\x93',
             b'\x94']
BAD_MARK = [b'N(.', b'N(2', b'cbuiltins\nlist\n)(R', b'cbuiltins\nlist\n()R', b']N(a',
            b'cbuiltins\nValueError\n)R}(b', b'cbuiltins\nValueError\n)R(}b', b'(Nd', b'N(p1\n', b'N(q\x00',
            b'N(r\x00\x00\x00\x00', b'}NN(s', b'}N(Ns', b'}(NNs', b'}((u', b'cbuiltins\nlist\n)(\x81',
            b'cbuiltins\nlist\n()\x81', b'N(\x85', b'NN(\x86', b'N(N\x86', b'NNN(\x87', b'NN(N\x87',
            b'N(NN\x87', b']((\x90', b'cbuiltins\nlist\n)}(\x92', b'cbuiltins\nlist\n)(}\x92',
            b'cbuiltins\nlist\n()}\x92', b'Vbuiltins\n(Vlist\n\x93', b'Vbuiltins\nVlist\n(\x93', b'N(\x94']
TRUNCATED_DATA = [b'', b'N', b'B', b'B\x03\x00\x00', b'B\x03\x00\x00\x00', b'B\x03\x00\x00\x00ab', b'C',
                  b'C\x03', b'C\x03ab', b'F', b'F0.0', b'F0.00', b'G', b'G\x00\x00\x00\x00\x00\x00\x00', b'I',
                  b'I0', b'J', b'J\x00\x00\x00', b'K', b'L', b'L0', b'L10', b'L0L', b'L10L', b'M', b'M\x00',
                  b'P', b'Pabc', b'S', b"S'abc'", b'T', b'T\x03\x00\x00', b'T\x03\x00\x00\x00',
                  b'T\x03\x00\x00\x00ab', b'U', b'U\x03', b'U\x03ab', b'V', b'Vabc', b'X', b'X\x03\x00\x00',
                  b'X\x03\x00\x00\x00', b'X\x03\x00\x00\x00ab', b'(c', b'(cbuiltins', b'(cbuiltins\n',
                  b'(cbuiltins\nlist', b'Ng', b'Ng0', b'(i', b'(ibuiltins', b'(ibuiltins\n',
                  b'(ibuiltins\nlist', b'Nh', b'Nj', b'Nj\x00\x00\x00', b'Np', b'Np0', b'Nq', b'Nr',
                  b'Nr\x00\x00\x00', b'\x80', b'\x82', b'\x83', b'\x84\x01', b'\x84', b'\x84\x01\x00\x00',
                  b'\x8a', b'\x8b', b'\x8b\x00\x00\x00', b'\x8c', b'\x8c\x03', b'\x8c\x03ab', b'\x8d',
                  b'\x8d\x03\x00\x00\x00\x00\x00\x00', b'\x8d\x03\x00\x00\x00\x00\x00\x00\x00',
                  b'\x8d\x03\x00\x00\x00\x00\x00\x00\x00ab', b'\x8e', b'\x8e\x03\x00\x00\x00\x00\x00\x00',
                  b'\x8e\x03\x00\x00\x00\x00\x00\x00\x00', b'\x8e\x03\x00\x00\x00\x00\x00\x00\x00ab', b'\x96',
                  b'\x96\x03\x00\x00\x00\x00\x00\x00', b'\x96\x03\x00\x00\x00\x00\x00\x00\x00',
                  b'\x96\x03\x00\x00\x00\x00\x00\x00\x00ab', b'\x95', b'\x95\x02\x00\x00\x00\x00\x00\x00',
                  b'\x95\x02\x00\x00\x00\x00\x00\x00\x00', b'\x95\x02\x00\x00\x00\x00\x00\x00\x00N']
BADLY_QUOTED = [b"S'\n.", b'S"\n.', b'S\' \n.', b'S" \n.', b'S\'"\n.', b'S"\'\n.', b"S' ' \n.", b'S" " \n.',
                b"S ''\n.", b'S ""\n.', b'S \n.', b'S\n.', b'S.']
PICKLETESTER_BAD = [("stack", "test_bad_stack", BAD_STACK), ("mark", "test_bad_mark", BAD_MARK),
                    ("truncated", "test_truncated_data", TRUNCATED_DATA),
                    ("quoted", "test_badly_quoted_string", BADLY_QUOTED)]
MALFORMED = [
    ("escaped-string", "test_badly_escaped_string: S'\\'", b"S'\\'\n."),
    ("misc-get-0", "test_misc_get: g0 with an empty memo", b"g0\np0"),
    ("misc-get-1", "test_misc_get: jens:", b"jens:"),
    ("misc-get-2", "test_misc_get: hens:", b"hens:"),
    ("get-negative", "GET -1", b"Ng-1\n."),
    ("get-text", "GET abc", b"Ngabc\n."),
    ("negative-put", "test_negative_put: Va\\np-1\\n.", b"Va\np-1\n."),
    ("negative-32b-binput", "test_negative_32b_binput (on 64-bit: LONG_BINPUT 0xffffffff)",
     b"\x80\x03X\x01\x00\x00\x00ar\xff\xff\xff\xff."),
    ("maxint64-junk", "test_maxint64 with JUNK", b"I9223372036854775807JUNK\n."),
    ("reduce-none", "test_bad_reduce: N)R", b"N)R."),
    ("reduce-args-none", "test_bad_reduce: int with args None", b"cbuiltins\nint\nNR."),
    ("newobj-len", "test_bad_newobj: len", b"cbuiltins\nlen\n)\x81."),
    ("newobj-args-none", "test_bad_newobj: args None", b"cbuiltins\nint\nN\x81."),
    ("newobj-ex-len", "test_bad_newobj_ex: len", b"cbuiltins\nlen\n)}\x92."),
    ("newobj-ex-args-none", "test_bad_newobj_ex: args None", b"cbuiltins\nint\nN}\x92."),
    ("newobj-ex-kwargs-none", "test_bad_newobj_ex: kwargs None", b"cbuiltins\nint\n)N\x92."),
    ("newobj-not-class", "NEWOBJ with an int as class", b"K\x01)\x81."),
    ("large-32b-binbytes8", "test_large_32b_binbytes8: BINBYTES8 of 2**32+4 bytes, 5 given",
     b"\x80\x04\x8e\4\0\0\0\1\0\0\0\xe2\x82\xac\x00."),
    ("large-32b-bytearray8", "test_large_32b_bytearray8", b"\x80\x05\x96\4\0\0\0\1\0\0\0\xe2\x82\xac\x00."),
    ("large-32b-binunicode8", "test_large_32b_binunicode8", b"\x80\x04\x8d\4\0\0\0\1\0\0\0\xe2\x82\xac\x00."),
    ("negative-32b-binbytes", "test_negative_32b_binbytes (on 64-bit: 0xffffffff bytes, 3 given)",
     b"\x80\x03B\xff\xff\xff\xffxyzq\x00."),
    ("negative-32b-binunicode", "test_negative_32b_binunicode (on 64-bit)", b"\x80\x03X\xff\xff\xff\xffxyzq\x00."),
    ("binbytes8-2p63", "BINBYTES8 of 2**63 bytes", b"\x80\x04\x8e" + u8(2**63) + b"abc."),
    ("binbytes8-max", "BINBYTES8 of 2**64-1 bytes", b"\x80\x04\x8e" + u8(2**64 - 1) + b"abc."),
    ("binunicode8-max", "BINUNICODE8 of 2**64-1 bytes", b"\x80\x04\x8d" + u8(2**64 - 1) + b"abc."),
    ("bytearray8-max", "BYTEARRAY8 of 2**64-1 bytes", b"\x80\x05\x96" + u8(2**64 - 1) + b"abc."),
    ("binbytes8-1m", "BINBYTES8 of 1 MiB, 3 bytes given", b"\x80\x04\x8e" + u8(1 << 20) + b"abc."),
    ("binbytes-1m", "BINBYTES of 1 MiB, 3 bytes given", b"\x80\x03B" + u4(1 << 20) + b"abc."),
    ("binstring-negative", "BINSTRING with length 0x80000000 (negative as i4)", b"T\x00\x00\x00\x80abc."),
    ("binstring-neg1", "BINSTRING with length -1", b"T\xff\xff\xff\xffabc."),
    ("long4-negative", "LONG4 with a negative length", b"\x8b\xff\xff\xff\xff."),
    ("long4-huge", "LONG4 with length 2**31-1, 3 bytes given", b"\x8b\xff\xff\xff\x7fabc."),
    ("long1-cut", "LONG1 of 5 bytes, 2 given", b"\x8a\x05ab"),
    ("proto-6", "PROTO 6", b"\x80\x06N."),
    ("proto-128", "PROTO 128", b"\x80\x80N."),
    ("proto-255", "PROTO 255", b"\x80\xffN."),
    ("stop-empty", "STOP with an empty stack", b"."),
    ("empty", "an empty file", b""),
    ("no-stop", "a complete object but no STOP", b"\x80\x02K\x01"),
    ("text", "a text file, not a pickle", b"hello world\n"),
    ("npy-magic", "the .npy magic", b"\x93NUMPY\x01\x00"),
    ("zip-magic", "a zip local header", b"PK\x03\x04"),
]


def malformed_streams():
    """Every malformed stream, as (label, about, data), in file order."""
    known = {op.code.encode("latin1") for op in pickletools.opcodes}
    return [
        *[(f"{name}-{i:02d}", f"{test}: {d!r}", d)
          for name, test, streams in PICKLETESTER_BAD for i, d in enumerate(streams)],
        *MALFORMED,
        *[(f"key-{b:02x}", f"unknown opcode byte 0x{b:02x}", bytes([b]) + b"N.")
          for b in range(256) if bytes([b]) not in known],
    ]


def build_malformed():
    hand_rows("bad-", malformed_streams(), "malformed")


# --- 3. Python 2

def build_py2():
    index_path = OUT / "py2-index.json"
    index = json.loads(index_path.read_text(encoding="ascii"))
    for e in index:
        data = (OUT / e["file"]).read_bytes()
        add_case(e["file"], e["about"], e["category"], e["writer"], e["protocol"], data,
                 produced_by=e["produced_by"], existing=True)


def run_py2():
    """Run py2_pickles.py under Python 2.7 (`PYENV_VERSION=2.7.18 python`;
    under a pyenv shim `python` is this Python 3, so ask pyenv first)."""
    env = dict(os.environ, PYENV_VERSION="2.7.18", PYTHONHASHSEED="0")
    for cmd in (["pyenv", "exec", "python"], ["python"], ["python2.7"]):
        try:
            probe = subprocess.run(cmd + ["-c", "import sys; sys.exit(sys.version_info[:2] != (2, 7))"],
                                   env=env, cwd=HERE, capture_output=True)
        except OSError:
            continue
        if probe.returncode == 0:
            subprocess.run(cmd + ["py2_pickles.py"], env=env, cwd=HERE, check=True)
            return
    print("Python 2.7 not found (PYENV_VERSION=2.7.18 python): keeping the committed "
          "pickle/py2-*.pkl and pickle/py2-index.json")


# --- 4. numpy

RECONSTRUCT = np._core.multiarray._reconstruct
SCALAR = np._core.multiarray.scalar


def raw_scalar(dt, data):
    """A numpy scalar pickled from chosen bytes: scalar(dtype, data)."""
    return Reducible(SCALAR, (np.dtype(dt), data))


def ndarray_with_state(state):
    """An ndarray pickled with a chosen state (version, shape, dtype, is_fortran, data)."""
    return Reducible(RECONSTRUCT, (np.ndarray, (0,), b"b"), state)


def dtype_with_state(typestr, *state):
    """np.dtype(typestr, False, True), then the chosen state (if given)."""
    return Reducible(np.dtype, (typestr, False, True), *state)


def f8_with_endian(endian):
    return dtype_with_state("f8", (3, endian, None, None, None, -1, -1, 0))


def arr_values(dt, n):
    """n deterministic elements of dtype dt (a 1-D array)."""
    dt = np.dtype(dt)
    k = dt.kind
    if dt.names is not None:
        a = np.zeros(n, dt)
        for name in dt.names:
            sub = a[name]
            base = arr_values(dt.fields[name][0].base, sub.size).reshape(sub.shape) if sub.size else sub
            a[name] = base
        return a
    if k == "b":
        return np.array([True, False, True, True, False, False][:n] * (n // 6 + 1), dt)[:n]
    if k in "iu":
        info = np.iinfo(dt)
        vals = [0, 1, info.max, info.min, 42, info.max - 1]
        return np.array((vals * (n // 6 + 1))[:n], dt)
    if k == "f":
        vals = [0.0, -0.0, 1.5, float("inf"), float("nan"), -1e-5]
        return clean(np.array((vals * (n // 6 + 1))[:n], dt))
    if k == "c":
        vals = [0, 1 + 2j, complex(-0.0, -1), complex(float("inf"), 0), complex(float("nan"), 1), 1e-30j]
        return clean(np.array((vals * (n // 6 + 1))[:n], dt))
    if k == "S":
        vals = [b"", b"a", b"abcde", b"\x00x", b"\xff\x80", b"hi"]
        return np.array((vals * (n // 6 + 1))[:n], dt)
    if k == "U":
        vals = ["", "\u00e9", "\u20acx", "\U0001f600", "abc", "z"]
        return np.array((vals * (n // 6 + 1))[:n], dt)
    if k == "V":
        raw = bytes((i * 37) & 0xFF for i in range(n * dt.itemsize))
        return np.frombuffer(raw, dt).copy()
    if k in "Mm":
        vals = [0, 1, -1, 18262, np.iinfo(np.int64).min, 100000]
        return np.array((vals * (n // 6 + 1))[:n], np.int64).astype(dt.newbyteorder("=")).astype(dt)
    if k == "O":
        vals = [1, "a", None, [1, 2], (3,), {"k": 1.5}]
        out = np.empty(n, dt)
        for i in range(n):
            out[i] = vals[i % 6]
        return out
    raise ValueError(dt)


def make_array(dt, shape, order="C"):
    n = int(np.prod(shape)) if shape != () else 1
    a = arr_values(dt, n).reshape(shape)
    if order == "F":
        a = np.asfortranarray(a)
    return a


ARRAY_DTYPES = [
    ("b1", "?"), ("i1", "i1"), ("u1", "u1"),
    ("i2-le", "<i2"), ("i2-be", ">i2"), ("u2-le", "<u2"), ("u2-be", ">u2"),
    ("i4-le", "<i4"), ("i4-be", ">i4"), ("u4-le", "<u4"), ("u4-be", ">u4"),
    ("i8-le", "<i8"), ("i8-be", ">i8"), ("u8-le", "<u8"), ("u8-be", ">u8"),
    ("f2-le", "<f2"), ("f2-be", ">f2"), ("f4-le", "<f4"), ("f4-be", ">f4"),
    ("f8-le", "<f8"), ("f8-be", ">f8"), ("f16-le", "<g"), ("f16-be", ">g"),
    ("c8-le", "<c8"), ("c8-be", ">c8"), ("c16-le", "<c16"), ("c16-be", ">c16"),
    ("c32-le", "<G"), ("c32-be", ">G"),
    ("S5", "S5"), ("U3-le", "<U3"), ("U3-be", ">U3"), ("V4", "V4"),
    ("M8-D-le", "<M8[D]"), ("M8-D-be", ">M8[D]"), ("M8-ns-le", "<M8[ns]"), ("M8-25s-le", "<M8[25s]"),
    ("m8-s-le", "<m8[s]"), ("m8-us-be", ">m8[us]"), ("m8-generic", "<m8"),
    ("O", "O"),
    ("struct", [("a", "<i4"), ("b", "<f8")]),
    ("struct-be", [("a", ">i4"), ("b", ">f8")]),
    ("struct-nested", [("p", [("x", "<i2"), ("y", "<i2")]), ("s", "S3")]),
    ("struct-subarray", [("m", "<f4", (2, 2)), ("n", "u1")]),
    ("struct-titles", [(("Title A", "a"), "<i4"), ("b", "u1")]),
    ("struct-aligned", np.dtype([("a", "u1"), ("b", "<f8")], align=True)),
    ("struct-object", [("o", "O"), ("i", "<i4")]),
]


F8 = np.dtype("<f8")
LD = clean(np.array([1.5], np.longdouble)).tobytes()
CLD = clean(np.array([1.5 - 2j], np.clongdouble)).tobytes()
NUMPY_SCALARS = [  # np-p<2|4>-scalar-<name>.pkl
    ("f8", "np.float64(1.5)", np.float64(1.5)), ("f4-neg0", "np.float32(-0.0)", np.float32(-0.0)),
    ("f2", "np.float16(65504)", np.float16(65504)),
    ("f16", "np.longdouble(1.5) (padding zeroed)", raw_scalar(np.longdouble, LD)),
    ("c32", "np.clongdouble(1.5-2j) (padding zeroed)", raw_scalar(np.clongdouble, CLD)),
    ("i1", "np.int8(-3)", np.int8(-3)), ("u8-max", "np.uint64(2**64-1)", np.uint64(2**64 - 1)),
    ("i8-min", "np.int64(-2**63)", np.int64(-2**63)), ("b1", "np.bool_(True)", np.bool_(True)),
    ("c16", "np.complex128(1+2j)", np.complex128(1 + 2j)),
    ("U2", "np.str_('ab')", np.str_("ab")), ("U-empty", "np.str_('')", np.str_("")),
    ("U-astral", "np.str_('\\U0001f600\\xe9')", np.str_("\U0001f600\u00e9")),
    ("S1", "np.bytes_(b'x')", np.bytes_(b"x")), ("S3-nul", "np.bytes_(b'a\\x00b')", np.bytes_(b"a\x00b")),
    ("M8-D", "np.datetime64('2020-01-01', 'D')", np.datetime64("2020-01-01", "D")),
    ("M8-nat", "np.datetime64('NaT', 'ns')", np.datetime64("NaT", "ns")),
    ("m8-s", "np.timedelta64(5, 's')", np.timedelta64(5, "s")),
    ("void-struct", "structured void scalar (a=1, b=b'xy')", np.array([(1, b"xy")], dtype=[("a", "<i4"), ("b", "S2")])[0]),
    ("void-raw", "np.void(b'\\x01\\x02\\x03')", np.void(b"\x01\x02\x03")),
    ("f8-be", "scalar(dtype('>f8'), big-endian bytes of 1.5): comes back native", raw_scalar(">f8", struct.pack(">d", 1.5))),
    ("i4-be", "scalar(dtype('>i4'), b'\\x00\\x00\\x01\\x02')", raw_scalar(">i4", b"\x00\x00\x01\x02")),
    ("U3-trailing-nul", "scalar(dtype('<U3'), 'a b \\0') drops trailing NULs: np.str_('ab') of dtype <U2",
     raw_scalar("<U3", "ab\0".encode("utf-32-le"))),
    ("b1-2", "scalar(dtype('?'), b'\\x02'): any nonzero byte is True", raw_scalar("?", b"\x02")),
    ("O", "scalar(dtype('O'), [1, 2]): the object itself", raw_scalar("O", [1, 2])),
]
NUMPY_DTYPES = [  # np-p<2|4>-dtype-<name>.pkl
    ("b1", "?"), ("i1", "i1"), ("i4-le", "<i4"), ("i4-be", ">i4"), ("u8-be", ">u8"), ("f2", "<f2"),
    ("f8-le", "<f8"), ("f8-be", ">f8"), ("f16", "<g"), ("c32-be", ">G"), ("O", "O"), ("S5", "S5"),
    ("S0", "S"), ("U3-le", "<U3"), ("U3-be", ">U3"), ("V8", "V8"), ("M8-ns", "<M8[ns]"), ("M8-D-be", ">M8[D]"),
    ("M8-generic", "<M8"), ("m8-25s", "<m8[25s]"), ("m8-7D-be", ">m8[7D]"),
    ("struct", [("a", "<i4"), ("b", "S3")]), ("struct-be", [("a", ">i4"), ("b", ">f8")]),
    ("struct-nested", [("p", [("x", "<i2"), ("y", ">i2")]), ("s", "S3")]),
    ("struct-subarray-field", [("m", "<f4", (2, 3))]), ("subarray", ("<i4", (2, 3))),
    ("struct-titles", [(("Title A", "a"), "<i4"), ("b", "u1")]),
    ("struct-aligned", np.dtype([("a", "u1"), ("b", "<f8")], align=True)),
    ("struct-offsets", np.dtype({"names": ["a", "b"], "formats": ["<i4", "<i2"], "offsets": [8, 0], "itemsize": 16})),
    ("struct-overlap", np.dtype({"names": ["a", "b"], "formats": ["<i4", "<i2"], "offsets": [0, 0]})),
    ("struct-object", [("o", "O"), ("i", "<i4")]),
    ("struct-empty", np.dtype([])),
    ("meta-f8", np.dtype("<f8", metadata={"unit": "m"})),
    ("meta-struct", np.dtype([("a", "<i4")], metadata={"k": [1, 2]})),
    ("meta-M8", np.dtype("<M8[s]", metadata={"tz": "UTC"})),
]
NUMPY_BAD = [  # np-p2-bad-<name>.pkl, category numpy-malformed
    ("arr-short-data", "ndarray state with 8 bytes for 2 float64", ndarray_with_state((1, (2,), F8, False, b"\0" * 8))),
    ("arr-long-data", "ndarray state with 24 bytes for 2 float64", ndarray_with_state((1, (2,), F8, False, b"\0" * 24))),
    ("arr-version-2", "ndarray state version 2", ndarray_with_state((2, (1,), F8, False, b"\0" * 8))),
    ("arr-version-0", "ndarray state without version (4-tuple)",
     ndarray_with_state(((1,), F8, False, struct.pack("<d", 3.25)))),
    ("arr-negative-shape", "ndarray state with shape (-1,)", ndarray_with_state((1, (-1,), F8, False, b""))),
    ("arr-str-data", "ndarray state with str data '\\xe9' * 8 (Latin-1 encoded first)",
     ndarray_with_state((1, (1,), F8, False, "\u00e9" * 8))),
    ("arr-str-data-nonlatin1", "ndarray state with str data '\\u20ac' * 8",
     ndarray_with_state((1, (1,), F8, False, "\u20ac" * 8))),
    ("arr-dtype-not-dtype", "ndarray state with 'f8' (a str) as dtype",
     ndarray_with_state((1, (1,), "f8", False, b"\0" * 8))),
    ("arr-object-long-list", "object ndarray state with 3 items for shape (2,)",
     ndarray_with_state((1, (2,), np.dtype("O"), False, [1, 2, 3]))),
    ("arr-object-bytes", "object ndarray state with bytes instead of a list",
     ndarray_with_state((1, (2,), np.dtype("O"), False, b"\0" * 16))),
    ("dtype-bad-endian", "dtype state with endian 'x'", f8_with_endian("x")),
    ("dtype-bytes-endian", "dtype state with endian b'>' (bytes)", f8_with_endian(b">")),
    ("dtype-pipe-endian", "dtype f8 with state endian '|'", f8_with_endian("|")),
    ("dtype-2char-endian", "dtype state with endian '<<'", f8_with_endian("<<")),
    ("dtype-none-endian", "dtype state with endian None", f8_with_endian(None)),
    ("dtype-version-9", "dtype state of length 9 with version 9",
     dtype_with_state("f8", (9, "<", None, None, None, -1, -1, 0, None))),
    ("dtype-names-no-fields", "dtype state with names but no fields",
     dtype_with_state("V8", (3, "|", None, ("a",), None, 8, 1, 16))),
    ("dtype-bad-typestr", "np.dtype('f3', False, True)", dtype_with_state("f3")),
    ("scalar-short-data", "scalar(dtype('<f8'), 4 bytes)", raw_scalar(F8, b"\0" * 4)),
    ("scalar-str-data", "scalar(dtype('<i2'), '\\xe9\\x01') (str, Latin-1 encoded)", raw_scalar("<i2", "\u00e9\x01")),
    ("frombuffer-size", "_frombuffer with 7 bytes for 1 float64",
     Reducible(np._core.numeric._frombuffer, (b"\0" * 7, F8, (1,), "C"))),
]


def build_numpy():
    def npcase(name, about, obj, protocols=(2, 4, 5), category="numpy"):
        for p in protocols:
            add_case(f"np-p{p}-{name}.pkl", about, category, "cpython3-c", p, pickle.dumps(obj, protocol=p))

    dtypes = dict(ARRAY_DTYPES)

    def array(name, shape, suffix, about, order="C"):
        a = make_array(dtypes[name], shape, order)
        npcase(f"arr-{name}{suffix}", f"{about} {dtype_id(a.dtype)}", a)

    for name in dtypes:
        array(name, (2, 3), "-2x3", "2x3 C-order array of")
    for name in ("f8-le", "i4-be", "U3-le", "struct", "O", "M8-D-be", "c16-be"):
        array(name, (2, 3), "-2x3-F", "2x3 Fortran-order array of", "F")
    for name in ("f8-le", "U3-be", "struct", "M8-D-le", "O"):
        array(name, (), "-0d", "0-d array of")
    for name, shape in [("f8-le", (0,)), ("i4-be", (2, 0)), ("U3-le", (0,)), ("struct", (0,)), ("O", (0, 3))]:
        array(name, shape, f"-empty-{'x'.join(map(str, shape))}", f"empty array {shape} of")
    a = make_array("<f8", (2, 3, 4))
    npcase("arr-f8-le-2x3x4", "2x3x4 C-order float64 array", a)
    npcase("arr-f8-le-2x3x4-F", "2x3x4 Fortran-order float64 array", np.asfortranarray(a))
    npcase("arr-i4-le-noncontig", "non-contiguous view a[:, ::2] of a 2x6 int32 array (protocol 5 falls back to _reconstruct)",
           np.arange(12, dtype="<i4").reshape(2, 6)[:, ::2])
    npcase("arr-i2-be-transposed", "transposed 3x4 >i2 array (F-contiguous)", np.arange(12, dtype=">i2").reshape(4, 3).T)
    obj2 = np.empty((2, 2), object)
    obj2[0, 0], obj2[0, 1], obj2[1, 0], obj2[1, 1] = 1, "a", [2, None], {"k": (1,)}
    npcase("arr-O-2x2-F", "2x2 object array in Fortran order", np.asfortranarray(obj2))
    npcase("arr-O-nested-array", "object array holding an array and a scalar",
           np.array([np.arange(3, dtype="<i2"), np.float64(2.5), None], dtype=object))
    npcase("arr-O-mixed", "np.array([1, 'a', None, [1, 2]], dtype=object)", np.array([1, "a", None, [1, 2]], dtype=object))
    shared = np.arange(3.0)
    npcase("arr-shared", "one array twice in a list (memo)", [shared, shared])
    npcase("arr-in-dict", "dict of an array, a scalar and a dtype",
           {"a": np.arange(4, dtype="<i8"), "s": np.float32(0.5), "d": np.dtype(">u2")})
    for name, about, s in NUMPY_SCALARS:
        npcase(f"scalar-{name}", about, s, (2, 4))
    for name, dt in NUMPY_DTYPES:
        d = np.dtype(dt)
        npcase(f"dtype-{name}", f"np.dtype({d!r}){' with metadata ' + repr(d.metadata) if d.metadata else ''}",
               d, (2, 4))
    # numpy 1.x's module names
    for name, about, obj, module in [
            ("arr-f8", "arr-f8 with numpy 1.x's module name numpy.core.multiarray",
             np.array([1.5, -2.0]), b"numpy.core.multiarray"),
            ("scalar-f8", "scalar-f8 with numpy 1.x's module name numpy.core.multiarray",
             np.float64(2.5), b"numpy.core.multiarray"),
            ("internal", "array with the very old numpy.core._internal._reconstruct",
             np.array([1.5, -2.0]), b"numpy.core._internal")]:
        data = pickle.dumps(obj, protocol=2).replace(b"cnumpy._core.multiarray\n", b"c" + module + b"\n")
        add_case(f"np-p2-legacy-{name}.pkl", about, "numpy", "hand", 2, data)
    for name, about, obj in NUMPY_BAD:
        npcase(f"bad-{name}", about, obj, (2,), category="numpy-malformed")


# --- protocol 5 out-of-band buffers

def build_buffers():
    def oob(name, about, obj, keep=None):
        bufs = []
        data = pickle.dumps(obj, protocol=5, buffer_callback=bufs.append)
        stored = []
        for b in bufs:
            with b.raw() as m:
                stored.append((bytes(m), m.readonly))
        if keep is not None:
            stored = stored[:keep]
        add_case(f"oob-{name}.pkl", about, "protocol5-buffers", "cpython3-c", 5, data, oob_buffers=stored)

    oob("bytearray", "PickleBuffer(bytearray(b'abc')) out of band: NEXT_BUFFER", pickle.PickleBuffer(bytearray(b"abc")))
    oob("bytes-readonly", "PickleBuffer(b'abc') out of band: NEXT_BUFFER READONLY_BUFFER", pickle.PickleBuffer(b"abc"))
    oob("list-two", "[PickleBuffer(bytearray(b'x')), PickleBuffer(b'yz')]",
        [pickle.PickleBuffer(bytearray(b"x")), pickle.PickleBuffer(b"yz")])
    oob("too-few", "two out-of-band buffers, only one given", [pickle.PickleBuffer(bytearray(b"x")),
                                                               pickle.PickleBuffer(bytearray(b"yz"))], keep=1)
    oob("np-f8", "float64 array [0, 1.5, -2] out of band", np.array([0.0, 1.5, -2.0]))
    oob("np-i4-be-F", "2x3 >i4 Fortran-order array out of band", np.asfortranarray(np.arange(6, dtype=">i4").reshape(2, 3)))
    oob("np-0d", "0-d <u2 array out of band", np.array(7, dtype="<u2"))
    oob("np-struct", "structured array out of band", make_array([("a", "<i4"), ("b", "S3")], (2,)))
    oob("np-readonly", "read-only float32 array out of band", np.frombuffer(np.arange(3, dtype="<f4").tobytes(), "<f4"))
    oob("np-dict", "dict of two arrays out of band", {"x": np.arange(3, dtype="u1"), "y": np.ones(2, "<f2")})
    oob("np-object", "object array (never out of band)", np.array([1, None], dtype=object))
    for name, about, obj in [
            ("inband-bytearray", "PickleBuffer(bytearray(b'abc')) in band: BYTEARRAY8",
             pickle.PickleBuffer(bytearray(b"abc"))),
            ("inband-bytes", "PickleBuffer(b'abc') in band: SHORT_BINBYTES", pickle.PickleBuffer(b"abc"))]:
        add_case(f"oob-{name}.pkl", about, "protocol5-buffers", "cpython3-c", 5, pickle.dumps(obj, protocol=5))


# --- truncated

def build_truncated():
    sources = [
        ("p0-mixed", "protocol 0 pickle (C) of a dict with list, tuple, set, float, str, big int, bytes",
         "cpython3-c", 0, pickle.dumps({"k": [1, -2, 2**70], "t": (1.5, "s\u00e9"), "s": {3}, "b": b"\x00\xff"}, 0)),
        ("p2-mixed", "protocol 2 pickle (C) with shared refs, complex, OrderedDict, tuples, True/None",
         "cpython3-c", 2,
         pickle.dumps([collections.OrderedDict(a=1), (None, True, 2**40, 1 + 2j), "x" * 3] * 2, 2)),
        ("p4-mixed", "protocol 4 pickle (C, framed) with set, frozenset, bytes, unicode, range, datetime",
         "cpython3-c", 4,
         pickle.dumps({"set": {1, 2}, "fs": frozenset({"a"}), "b": b"xyz", "u": "\u20ac" * 3,
                       "r": range(1, 5), "dt": datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)}, 4)),
        ("p5-numpy", "protocol 5 pickle of a list of a 2x2 float32 array (in-band buffer) and an int16 scalar",
         "cpython3-c", 5,
         pickle.dumps([np.arange(4, dtype="<f4").reshape(2, 2), np.int16(-2)], 5)),
        ("py2-cp-p1-mixed", "Python 2 cPickle protocol 1 pickle of a dict with str, unicode, long, "
         "float, tuple, date, old-style instance", "python2.7-cPickle", 1,
         (OUT / "py2-cp-p1-mixed.pkl").read_bytes()),
    ]
    for name, about, writer, proto, data in sources:
        add_case(f"trunc-{name}.pkl", about + "; truncations: every proper prefix under ASCII|true",
                 "truncated", writer, proto, data, truncate=True)


# ---------------------------------------------------------------- main

def fold_protocol_variants(cases, results):
    """[(case, result)] without the py3-values streams that differ from an
    earlier one of the same value only in the PROTO argument (2 vs 3, 4 vs 5)
    and load the same: their writers join the earlier one's produced_by."""
    kept = []
    by_fold = {}
    for case, res in zip(cases, results):
        key = case.get("fold_key")
        sig = dump_json([res, case["opcodes"]])
        if key is not None and key in by_fold and by_fold[key][1] == sig:
            by_fold[key][0]["produced_by"].extend(case["produced_by"])
            continue
        if key is not None and key not in by_fold:
            by_fold[key] = (case, sig)
        kept.append((case, res))
    return kept


def manifest_entry(case, res):
    """One manifest.json entry, keys in the order the docstring gives."""
    e = {k: case[k] for k in ("file", "about", "category", "writer", "protocol", "produced_by") if k in case}
    e["opcodes"] = case["opcodes"]
    e.update((k, res[k]) for k in ("globals", "outcomes", "outcomes_cpython") if k in res)
    if case.get("oob_buffers") is not None:
        e["oob_buffers"] = [{"data": _b64(b), "readonly": ro} for b, ro in case["oob_buffers"]]
    if "truncations" in res:
        e["truncations"] = res["truncations"]
    outs = list(res["outcomes"].values()) + [t["outcome"] for t in res.get("truncations", [])]
    if any(o.get("class") == "MemoryError" for o in outs):
        e["alloc_dependent"] = True
    return e


def main():
    if sys.version_info[:2] != (3, 11) or np.__version__ != "2.4.6":
        print(f"warning: outcomes are meant to come from CPython 3.11 with numpy 2.4.6; this is "
              f"{sys.version.split()[0]} with numpy {np.__version__}: expect diffs")
    OUT.mkdir(exist_ok=True)
    for p in OUT.iterdir():
        if not p.name.startswith("py2-"):
            p.unlink() if p.is_file() else shutil.rmtree(p)
    run_py2()
    build_py3_values()
    build_opcodes()
    build_py2()
    build_numpy()
    build_buffers()
    build_malformed()
    build_truncated()

    results = []
    for i, case in enumerate(CASES):
        ops = opcode_names(case["data"])
        py2ish = case["category"] in ("py2", "py2-numpy") or bool(ops and PY2_STRING_OPS & set(ops))
        case["runs"] = PY2_RUNS if py2ish else PY3_RUNS
        case["opcodes"] = ops
        results.append(compute(case))
        if i % 250 == 0:
            print(f"  {i}/{len(CASES)}", flush=True)

    entries = []
    counts = collections.Counter()
    for case, res in fold_protocol_variants(CASES, results):
        if not case.get("existing"):
            (OUT / case["file"]).write_bytes(case["data"])
        entries.append(manifest_entry(case, res))
        counts[case["category"]] += 1
    write_entries_json(entries, OUT / "manifest.json")
    (OUT / "README.md").write_text(
        "# Pickle fixtures\n\nGenerated by `python-fixtures/gen_pickles.py` (do not edit); "
        "the Python 2 files by `python-fixtures/py2_pickles.py`.\n\n```\n"
        + __doc__.strip() + "\n```\n", encoding="utf-8")
    with open(OUT / "manifest.json", encoding="ascii") as f:
        json.load(f)
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(entries)} pickles + manifest.json, {total} bytes in pickle/: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))


def run_main():
    # deep pickles (5000 levels) need deep recursion in pyjson and json:
    # run in a thread with a big stack
    sys.setrecursionlimit(200000)
    threading.stack_size(1 << 29)
    failed = []

    def target():
        try:
            main()
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            failed.append(True)

    t = threading.Thread(target=target)
    t.start()
    t.join()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    run_main()
