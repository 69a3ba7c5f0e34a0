#!/usr/bin/env python3
"""Have real numpy read .npy files and say what it sees, as one JSON document.

    python3 python-fixtures/check_npy.py [--max-header-size=N] [--allow-pickle] FILE...

The TypeScript tests call this on files that npyio wrote. It prints a JSON
list with one entry per FILE, in argument order:

    {"file", "ok": true, "version": [1, 0], "header": "<header text>",
     "dtype_str", "descr", "shape", "fortran_order",
     "data_sha256":   sha256 of the bytes after the header, as stored,
     "values_sha256": sha256 of a.tobytes(order='A') (null for object arrays),
     "tolist":        pyjson of a.tolist(), or null when a.size > 64,
     "file_sha256":   sha256 of the whole file,
     "resave_identical": np.save(BytesIO, a) gives exactly the file's bytes,
     "warnings": [str(message), ...]}

or {"file", "ok": false, "class", "message", "cause_class", "cause_message"}
(message text as numpy gives it, memory addresses replaced by 0x...). A bad
file never stops the run (the address space is capped at 4 GiB, so a
header that declares a huge array gives MemoryError). np.load uses numpy's
defaults unless the options are given (`--max-header-size` and `--allow-pickle` are np.load's
`max_header_size` and `allow_pickle`).

This module also holds the helpers that gen_npy.py, gen_npy_errors.py and
gen_pickles.py share: the pyjson encoder of shared/spec/pyjson.md (the same
output as shared/conformance/numpy-data/npinspect.py, reimplemented here so
the fixtures do not depend on files outside the repository; class PyJson,
which gen_pickles.py extends), the raw header reader and the exception
description.
"""
import ast
import base64
import datetime
import decimal
import hashlib
import io
import json
import math
import multiprocessing
import re
import resource
import struct
import sys
import warnings

import numpy as np

MAX_SAFE = 2**53 - 1
TOLIST_LIMIT = 64
MEMORY_LIMIT = 4 << 30  # RLIMIT_AS for the checker
MAGIC = b"\x93NUMPY"
# version -> (struct format of the header length, header text encoding)
HEADER_SIZE_INFO = {(1, 0): ("<H", "latin1"), (2, 0): ("<I", "latin1"),
                    (3, 0): ("<I", "utf8")}


# ---------------------------------------------------------------- pyjson

def _longdouble_pads(dt, base=0):
    """Byte ranges of one item of `dt` that are x87 long double padding."""
    if dt.names is not None:
        for name in dt.names:
            fdt, off = dt.fields[name][:2]
            yield from _longdouble_pads(fdt, base + off)
    elif dt.subdtype is not None:
        sub, shape = dt.subdtype
        for i in range(int(np.prod(shape))):
            yield from _longdouble_pads(sub, base + i * sub.itemsize)
    elif dt.kind in "fc" and dt.itemsize in (16, 32) and np.dtype(np.longdouble).itemsize == 16:
        for part in range(dt.itemsize // 16):
            start = base + 16 * part
            if dt.byteorder == ">":
                yield start, start + 6
            else:
                yield start + 10, start + 16


def clean(a):
    """Zero the uninitialised long double padding so the file is reproducible."""
    pads = list(_longdouble_pads(a.dtype))
    if pads and a.size:
        assert a.flags.c_contiguous
        items = a.reshape(-1).view(np.uint8).reshape(a.size, a.dtype.itemsize)
        for lo, hi in pads:
            items[:, lo:hi] = 0
    return a



def dtype_id(dt):
    """D of pyjson.md: dtype.descr when the dtype has fields, else dtype.str."""
    dt = np.dtype(dt)
    if dt.names is not None:
        return descr_json(dt.descr)
    return dt.str


def descr_json(d):
    """A descr (str, or lists and tuples of them) as JSON: tuples -> lists."""
    if isinstance(d, (list, tuple)):
        return [descr_json(x) for x in d]
    return d


def _float(x):
    x = float(x)
    if math.isnan(x):
        return {"$float": "nan"}
    if math.isinf(x):
        return {"$float": "inf" if x > 0 else "-inf"}
    if x == 0.0 and math.copysign(1.0, x) < 0:
        return {"$float": "-0.0"}
    return x


def _b64(b):
    return base64.b64encode(bytes(b)).decode("ascii")


def array_order(a):
    return "F" if (a.flags.f_contiguous and not a.flags.c_contiguous) else "C"


class PyJson:
    """The pyjson encoder (shared/spec/pyjson.md, as npinspect.pyjson).

    One instance encodes one value (`path` holds the containers being
    encoded, for $cycle). A generator that needs more subclasses it and
    overrides `special` (tried before the standard types), `range_parts`
    and `other` (what no standard type matched): gen_pickles.py does.
    """

    def __init__(self):
        self.path = []

    def container(self, v, build):
        """build() for container v, or {"$cycle": depth} when v is already
        being encoded."""
        for depth, anc in enumerate(self.path):
            if anc is v:
                return {"$cycle": depth}
        self.path.append(v)
        try:
            return build()
        finally:
            self.path.pop()

    def special(self, v):
        """The encoding of v when it needs one before the standard types, else None."""
        return None

    def range_parts(self, v):
        return [v.start, v.stop, v.step]

    def other(self, v):
        """A value of no standard type: classes and callables as $global."""
        if isinstance(v, type) or callable(v):
            mod = getattr(v, "__module__", None)
            qn = getattr(v, "__qualname__", getattr(v, "__name__", repr(v)))
            return {"$global": f"{mod}.{qn}"}
        return {"$unsupported": f"{type(v).__module__}.{type(v).__qualname__}"}

    def encode(self, v):
        enc = self.encode
        if v is None or v is True or v is False:
            return v
        got = self.special(v)
        if got is not None:
            return got
        if isinstance(v, np.ndarray):
            def build_arr():
                d = {"dtype": dtype_id(v.dtype), "shape": list(v.shape),
                     "order": array_order(v)}
                if v.dtype.hasobject:
                    # object arrays: the elements; structs with object fields:
                    # one $tuple per record (pyjson.md), both flat in C order
                    d["data"] = [enc(x) for x in v.ravel(order="C").tolist()]
                else:
                    d["data"] = _b64(np.ascontiguousarray(v).tobytes(order="C"))
                return {"$ndarray": d}
            return self.container(v, build_arr)
        if isinstance(v, np.generic):
            if isinstance(v, np.object_):
                return enc(v.item())
            # clean(): a long double scalar's 6 padding bytes are uninitialised
            return {"$npscalar": {"dtype": dtype_id(v.dtype),
                                  "data": _b64(clean(np.array([v])).tobytes())}}
        if isinstance(v, np.dtype):
            return {"$dtype": dtype_id(v)}
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            return int(v) if abs(v) <= MAX_SAFE else {"$int": str(int(v))}
        if isinstance(v, float):
            return _float(v)
        if isinstance(v, complex):
            return {"$complex": [_float(v.real), _float(v.imag)]}
        if isinstance(v, str):
            return str(v)
        if isinstance(v, bytes):
            return {"$bytes": _b64(v)}
        if isinstance(v, bytearray):
            return {"$bytearray": _b64(v)}
        if isinstance(v, list):
            return self.container(v, lambda: [enc(x) for x in v])
        if isinstance(v, tuple):
            return self.container(v, lambda: {"$tuple": [enc(x) for x in v]})
        if isinstance(v, dict):
            return self.container(v, lambda: {"$dict": [[enc(k), enc(x)] for k, x in v.items()]})
        if isinstance(v, frozenset):
            return self.container(v, lambda: {"$frozenset": [enc(x) for x in v]})
        if isinstance(v, set):
            return self.container(v, lambda: {"$set": [enc(x) for x in v]})
        if isinstance(v, datetime.datetime):
            return {"$datetime": v.isoformat()}
        if isinstance(v, datetime.date):
            return {"$date": v.isoformat()}
        if isinstance(v, datetime.time):
            return {"$time": v.isoformat(timespec="microseconds")}
        if isinstance(v, datetime.timedelta):
            return {"$timedelta": [v.days, v.seconds, v.microseconds]}
        if isinstance(v, decimal.Decimal):
            return {"$decimal": str(v)}
        if isinstance(v, slice):
            return {"$slice": [enc(v.start), enc(v.stop), enc(v.step)]}
        if isinstance(v, range):
            return {"$range": self.range_parts(v)}
        return self.other(v)


def pyjson(v):
    """Encode a Python value per shared/spec/pyjson.md (as npinspect.pyjson)."""
    return PyJson().encode(v)


# ---------------------------------------------------------------- helpers

_ADDR = re.compile(r" at 0x[0-9a-fA-F]+")


def norm_msg(s):
    """Replace memory addresses (`object at 0x7f12...`) by `at 0x...`, so
    messages are stable (as npinspect.norm_msg)."""
    return _ADDR.sub(" at 0x...", s)


def sha256_hex(b):
    return hashlib.sha256(b).hexdigest()


def describe_exc(e):
    cause = e.__cause__
    return {"ok": False,
            "class": type(e).__name__,
            "mro": [c.__name__ for c in type(e).__mro__
                    if c not in (object, BaseException)],
            "message": norm_msg(str(e)),
            "cause_class": type(cause).__name__ if cause is not None else None,
            "cause_message": norm_msg(str(cause)) if cause is not None else None}


def read_raw_header(buf):
    """Split the bytes of a .npy file the way numpy's reader does.

    Returns dict(version, header_len, data_offset, header) with the header
    text decoded as numpy decodes it; raises ValueError when the container is
    broken (the header itself is not parsed here).
    """
    if len(buf) < 8 or buf[:6] != MAGIC:
        raise ValueError("not an npy file (bad magic or shorter than 8 bytes)")
    version = (buf[6], buf[7])
    if version not in HEADER_SIZE_INFO:
        raise ValueError(f"unsupported version {version!r}")
    fmt, encoding = HEADER_SIZE_INFO[version]
    n = struct.calcsize(fmt)
    if len(buf) < 8 + n:
        raise ValueError("truncated header length")
    (header_len,) = struct.unpack(fmt, buf[8:8 + n])
    start = 8 + n
    if len(buf) < start + header_len:
        raise ValueError("truncated header")
    header = buf[start:start + header_len].decode(encoding)
    return {"version": list(version), "header_len": header_len,
            "data_offset": start + header_len, "header": header}


def header_dict(header, version):
    """The header literal, parsed as numpy does (with the Python 2 fallback)."""
    try:
        return ast.literal_eval(header)
    except SyntaxError:
        if tuple(version) == (3, 0):
            raise
        from numpy.lib import _format_impl
        return ast.literal_eval(_format_impl._filter_header(header))


def _unicode_fields(dt, a):
    """Yield every sub-array of `a` (of dtype `dt`) whose dtype is kind U."""
    if dt.names is not None:
        for name in dt.names:
            yield from _unicode_fields(dt.fields[name][0], a[name])
    elif dt.subdtype is not None:
        yield from _unicode_fields(a.dtype, a)
    elif dt.kind == "U":
        yield a


def has_invalid_code_points(a):
    """True when a U value holds a code unit above 0x10FFFF.

    numpy turns such values into corrupt Python str objects (later use
    raises SystemError or prints garbage), so callers must not tolist them.
    """
    if a.dtype.hasobject or a.size == 0:
        return False
    for u in _unicode_fields(a.dtype, a):
        if u.dtype.itemsize == 0 or u.size == 0:
            continue
        words = np.ascontiguousarray(u).view(u.dtype.byteorder.replace("|", "=") + "u4")
        if (words > 0x10FFFF).any():
            return True
    return False


def safe_tolist(a, limit=TOLIST_LIMIT):
    """pyjson(a.tolist()) or None when a.size > limit, when tolist would
    build more than `limit` (empty) lists (shape (10**10, 0)), or when the
    values are not representable as Python str."""
    if a.size > limit or math.prod(a.shape[:-1]) > limit or has_invalid_code_points(a):
        return None
    return pyjson(a.tolist())


def dump_json(value):
    """JSON text for the fixtures: ASCII only (lone surrogates survive)."""
    return json.dumps(value, ensure_ascii=True, allow_nan=False)


# ---------------------------------------------------------------- checker


def run_in_fork(target, args, timeout):
    """Run target(conn, *args) in a forked child that answers through conn.

    Returns (answer or None, timed_out, exit code): generators run np.load this
    way so a huge allocation or a hang cannot take the machine with it.
    """
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=target, args=(child, *args))
    p.start()
    child.close()
    out, timed_out = None, False
    if parent.poll(timeout):
        try:
            out = parent.recv()
        except EOFError:  # the child died without answering
            pass
    else:
        p.kill()
        timed_out = True
    p.join()
    parent.close()
    return out, timed_out, p.exitcode


def write_entries_json(entries, path):
    """A JSON list, one entry per block and one key per line: readable diffs, compact values."""
    blocks = []
    for e in entries:
        lines = [f" {dump_json(k)}: {dump_json(v)}" for k, v in e.items()]
        blocks.append("{\n" + ",\n".join(lines) + "\n}")
    path.write_text("[\n" + ",\n".join(blocks) + "\n]\n", encoding="ascii")

def check_file(path, load_kwargs):
    try:
        with open(path, "rb") as f:
            buf = f.read()
    except Exception as e:  # noqa: BLE001
        return dict(file=path, **describe_exc(e))
    try:
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            # from the path: from a stream numpy leaves struct padding bytes
            # uninitialised, which would make values_sha256 random
            a = np.load(path, **load_kwargs)
        if not isinstance(a, np.ndarray):
            if hasattr(a, "close"):  # an NpzFile
                a.close()
            raise TypeError(f"np.load returned {type(a).__name__}, not an ndarray")
        raw = read_raw_header(buf)
        hdr = header_dict(raw["header"], raw["version"])
        data = buf[raw["data_offset"]:]
        resaved = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            np.save(resaved, a, allow_pickle=bool(load_kwargs.get("allow_pickle")))
        return {
            "file": path, "ok": True,
            "version": raw["version"],
            "header": raw["header"],
            "dtype_str": a.dtype.str,
            "descr": descr_json(hdr["descr"]),
            "shape": list(hdr["shape"]),
            "fortran_order": hdr["fortran_order"],
            "data_sha256": sha256_hex(data),
            "values_sha256": None if a.dtype.hasobject else sha256_hex(a.tobytes(order="A")),
            "tolist": safe_tolist(a),
            "file_sha256": sha256_hex(buf),
            "resave_identical": resaved.getvalue() == buf,
            "warnings": [norm_msg(str(w.message)) for w in ws],
        }
    except Exception as e:  # noqa: BLE001  (report anything numpy raises)
        return dict(file=path, **describe_exc(e))


def main(argv):
    # a header may declare a huge array, which numpy allocates before it
    # reads: cap the address space so that becomes a reported MemoryError
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    load_kwargs = {}
    files = []
    for arg in argv:
        if arg.startswith("--max-header-size="):
            load_kwargs["max_header_size"] = int(arg.split("=", 1)[1])
        elif arg == "--allow-pickle":
            load_kwargs["allow_pickle"] = True
        else:
            files.append(arg)
    out = [check_file(f, load_kwargs) for f in files]
    sys.stdout.write(dump_json(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
