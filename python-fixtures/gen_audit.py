#!/usr/bin/env python3
"""Fixtures for the pickle audit: audit/malicious/, audit/benign/, audit/manifest.json.

Malicious files are built from raw opcode bytes (zip tricks with zipfile and
byte patches), one or more per scanner-bypass class of
shared/reference/pickle-security.md section 2, with harmless payloads
(`echo pwned`). They are never loaded, here or anywhere.

Benign files come from the real writers: CPython 3 pickle (protocols 0-5),
numpy (np.save / np.savez of object arrays), Python 2.7 (pickle and cPickle,
run through `PYENV_VERSION=2.7.18 pyenv exec python`), and a PyTorch-style
checkpoint zip whose data.pkl CPython's pickler writes against stand-in
`torch` modules (the real globals and persistent ids, no torch needed).
Each benign pickle is loaded back with pickle.loads to show it is real.

manifest.json: a list of
    {"file": "malicious/x.pkl", "set": "malicious" | "benign", "technique",
     "verdict": the expected verdict,
     "globals": qualnames (after fix_imports mapping) that must be reported dangerous,
     "findings": finding kinds that must be reported}
"""
import base64
import collections
import datetime
import decimal
import io
import json
import marshal
import os
import pathlib
import pickle
import struct
import subprocess
import sys
import types
import zipfile
import zlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "audit"
MANIFEST = []

# ---- opcode builders (bytes) ----


def proto(n):
    return b"\x80" + bytes([n])


def glob(mod, name):  # GLOBAL
    return b"c" + mod.encode() + b"\n" + name.encode() + b"\n"


def su(s):  # SHORT_BINUNICODE
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b


def bu(s):  # BINUNICODE
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def bu8(s):  # BINUNICODE8
    b = s.encode()
    return b"\x8d" + struct.pack("<Q", len(b)) + b


def sbb(b):  # SHORT_BINBYTES / BINBYTES
    return (b"C" + bytes([len(b)]) + b) if len(b) < 256 else (b"B" + struct.pack("<I", len(b)) + b)


def sstr(s):  # protocol 0 STRING with Python 2 repr quoting
    return b"S" + repr(s).encode() + b"\n"


def stack_global(mod, name):
    return su(mod) + su(name) + b"\x93"


TUPLE1, TUPLE2, TUPLE3, REDUCE, STOP, MARK, TUPLE, POP = b"\x85", b"\x86", b"\x87", b"R", b".", b"(", b"t", b"0"
EMPTY_DICT, SETITEM, BUILD, NONE, MEMOIZE, NEWOBJ = b"}", b"s", b"b", b"N", b"\x94", b"\x81"
ECHO = "echo pwned"


def call1(callee, arg):
    """callee(arg) at protocol >= 2."""
    return callee + arg + TUPLE1 + REDUCE


def os_system_p4():
    return proto(4) + call1(stack_global("os", "system"), su(ECHO)) + STOP


def os_system_p0():
    return glob("os", "system") + MARK + sstr(ECHO) + TUPLE + REDUCE + STOP


def frame(body):
    return b"\x95" + struct.pack("<Q", len(body)) + body


def p0_bytes_literal(b):
    """A protocol 0 STRING holding arbitrary bytes (Python 2 str)."""
    return b"S" + repr(b.decode("latin1")).encode("ascii", "backslashreplace") + b"\n"


def frame_hidden(tail):
    """A FRAME whose last opcode (SHORT_BINUNICODE) straddles its end. A linear reader
    (pickle.loads, pickletools) then reads `tail` as the data of a SHORT_BINBYTES; CPython
    reading a file takes the string's data from after the frame, 5 bytes later, and runs `tail`."""
    n, k = 20, 5
    body = b"\x8c" + bytes([n]) + b"A" * k
    gap = b"C" + bytes([k - 2 + len(tail) - 3]) + b"Z" * (k - 2)  # linear: bytes covering tail minus its last 3 bytes
    return proto(4) + frame(body) + b"B" * (n - k) + gap + tail


def check_frame_hidden():
    """The differential on real CPython, with a harmless tail (BININT1 7, TUPLE1, STOP):
    pickle.load on a file runs it and returns (7,); pickletools never sees a BININT1."""
    import pickletools
    harmless = frame_hidden(b"K\x07\x85.")
    assert pickle.load(io.BytesIO(harmless)) == (7,)
    ops = []
    try:
        for op, _, _ in pickletools.genops(harmless):
            ops.append(op.name)
    except ValueError:
        pass  # the linear reading runs into the tail's argument bytes
    assert "SHORT_BINBYTES" in ops and "BININT1" not in ops, ops


# ---- writers ----


def write(rel, data):
    p = OUT / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


def bad(name, data, technique, globals_=("os.system",), findings=(), verdict="dangerous"):
    write(f"malicious/{name}", data)
    MANIFEST.append({"file": f"malicious/{name}", "set": "malicious", "technique": technique, "verdict": verdict,
                     "globals": list(globals_), "findings": list(findings)})


def good(name, data, technique, check=True):
    if check and not name.endswith((".npy", ".npz", ".pt", ".zip")):
        pickle.loads(data)  # a real, loadable pickle (benign files only)
    write(f"benign/{name}", data)
    MANIFEST.append({"file": f"benign/{name}", "set": "benign", "technique": technique, "verdict": "safe",
                     "globals": [], "findings": []})


def zip_bytes(members, compression=zipfile.ZIP_STORED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def npy_object(pickle_bytes, descr="'|O'"):
    header = "{'descr': %s, 'fortran_order': False, 'shape': (1,), }" % descr
    total = 10 + len(header) + 1
    header += " " * ((64 - total % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + pickle_bytes


# ---- malicious: blocklist gaps and aliases ----


def malicious():
    bad("os-system-p0.pkl", os_system_p0(), "protocol 0 GLOBAL + REDUCE")
    bad("os-system-p4.pkl", os_system_p4(), "protocol 4 STACK_GLOBAL + REDUCE")
    bad("posix-system.pkl", proto(2) + call1(glob("posix", "system"), bu(ECHO)) + STOP, "os alias posix", ["posix.system"])
    bad("nt-system.pkl", proto(2) + call1(glob("nt", "system"), bu(ECHO)) + STOP, "os alias nt", ["nt.system"])
    bad("subprocess-check-output.pkl",
        proto(4) + stack_global("subprocess", "check_output") + b"]" + MARK + su("echo") + su("pwned") + b"e" + TUPLE1 + REDUCE + STOP,
        "subprocess", ["subprocess.check_output"])
    bad("builtin-eval-p0.pkl", glob("__builtin__", "eval") + MARK + sstr("1+1") + TUPLE + REDUCE + STOP,
        "__builtin__ alias at protocol 0 (fix_imports)", ["builtins.eval"])
    bad("builtin-exec-p2.pkl", proto(2) + call1(glob("__builtin__", "exec"), bu("print(1)")) + STOP,
        "__builtin__ alias at protocol 2", ["builtins.exec"])
    bad("builtin-eval-p3-unmapped.pkl", proto(3) + call1(glob("__builtin__", "eval"), bu("1+1")) + STOP,
        "__builtin__ at protocol 3: not mapped, still a Python 2 eval", ["__builtin__.eval"])
    bad("commands-getoutput.pkl", glob("commands", "getoutput") + MARK + sstr(ECHO) + TUPLE + REDUCE + STOP,
        "Python 2 commands module, mapped to subprocess", ["subprocess.getoutput"])
    bad("pip-main.pkl", proto(4) + stack_global("pip", "main") + b"]" + MARK + su("install") + su("nothing") + b"e" + TUPLE1 + REDUCE + STOP,
        "blocklist gap: pip.main (CVE-2025-1716)", ["pip.main"])
    bad("asyncio-unix-events.pkl",
        proto(4) + stack_global("asyncio.unix_events", "_UnixSubprocessTransport") + b")" + NEWOBJ + STOP,
        "blocklist gap: asyncio submodule (CVE-2025-10157)", ["asyncio.unix_events._UnixSubprocessTransport"])
    gaps = [("uuid", "_get_command_stdout"), ("_osx_support", "_read_output"), ("_aix_support", "_read_cmd_output"),
            ("imaplib", "IMAP4_stream"), ("cProfile", "run"), ("profile", "run"), ("timeit", "timeit"), ("doctest", "debug_script"),
            ("idlelib.pyshell", "ModifiedInterpreter"), ("lib2to3.pgen2.pgen", "generate_grammar"), ("pydoc", "pipepager"),
            ("mailcap", "findmatch"), ("typing", "_eval_type"), ("dataclasses", "_create_fn"), ("pipes", "Template"),
            ("setuptools._distutils.spawn", "spawn"), ("operator", "call"), ("code", "InteractiveInterpreter"), ("runpy", "run_path"),
            ("ctypes", "CDLL"), ("shutil", "rmtree"), ("socket", "create_connection"), ("webbrowser", "open"), ("venv", "create"),
            ("ensurepip", "bootstrap"), ("torch.hub", "load"), ("numpy.f2py", "compile"), ("trace", "Trace"), ("pty", "spawn"),
            ("bdb", "Bdb"), ("pdb", "run"), ("logging.config", "listen"), ("_io", "FileIO"), ("tempfile", "mkstemp")]
    for mod, name in gaps:
        bad(f"gap-{mod.replace('.', '_')}-{name}.pkl", proto(4) + call1(stack_global(mod, name), su(ECHO)) + STOP,
            f"blocklist gap: {mod}.{name}", [f"{mod}.{name}"])
    bad("unlisted-module.pkl", proto(4) + call1(stack_global("evilcorp_backdoor", "run"), su(ECHO)) + STOP,
        "a module on no list: allowlist-first makes it unknown", [], [], verdict="unknown")

    # dotted names through private aliases
    bad("posixpath-os-system-dotted.pkl", proto(4) + call1(stack_global("posixpath", "os.system"), su(ECHO)) + STOP,
        "dotted name through posixpath (fickling GHSA-5j3x-jp52-966f)", ["posixpath.os.system"], ["dotted-name"])
    bad("random-os-system-dotted.pkl", proto(4) + call1(stack_global("random", "_os.system"), su(ECHO)) + STOP,
        "dotted name through random._os: no 'os' component", ["random._os.system"], ["dotted-name"])
    bad("collections-dotted-builtins.pkl",
        proto(4) + call1(stack_global("collections", "OrderedDict.__init__.__globals__"), su("x")) + STOP,
        "dotted name walking from an allowed class", ["collections.OrderedDict.__init__.__globals__"], ["dotted-name"])

    # indirect resolution
    bad("getattr-import.pkl",
        proto(4) + call1(stack_global("builtins", "getattr") + call1(stack_global("builtins", "__import__"), su("os")) + su("system") + TUPLE2 + REDUCE, su(ECHO)) + STOP,
        "getattr(__import__('os'), 'system')", ["builtins.getattr", "builtins.__import__", "os.system"])
    bad("attrgetter-import-module.pkl",
        proto(4) + call1(stack_global("operator", "attrgetter"), su("system"))
        + call1(stack_global("importlib", "import_module"), su("os")) + TUPLE1 + REDUCE + su(ECHO) + TUPLE1 + REDUCE + STOP,
        "operator.attrgetter on importlib.import_module", ["operator.attrgetter", "importlib.import_module", "os.system"])
    bad("pkgutil-resolve-name.pkl",
        proto(4) + call1(stack_global("pkgutil", "resolve_name"), su("os:system")) + su(ECHO) + TUPLE1 + REDUCE + STOP,
        "pkgutil.resolve_name universal resolver (GHSA-vvpj-8cmc-gx39)", ["pkgutil.resolve_name", "os.system"])
    bad("pydoc-locate.pkl",
        proto(4) + call1(stack_global("pydoc", "locate"), su("os.system")) + su(ECHO) + TUPLE1 + REDUCE + STOP,
        "pydoc.locate", ["pydoc.locate", "os.system"])
    bad("methodcaller.pkl",
        proto(4) + stack_global("operator", "methodcaller") + su("system") + su(ECHO) + TUPLE2 + REDUCE
        + call1(stack_global("importlib", "import_module"), su("os")) + TUPLE1 + REDUCE + STOP,
        "operator.methodcaller('system', ...)(os)", ["operator.methodcaller", "os.system"])

    bad("vars-dict-get.pkl",
        proto(4) + stack_global("builtins", "getattr") + call1(stack_global("builtins", "vars"), call1(stack_global("importlib", "import_module"), su("os")))
        + su("get") + TUPLE2 + REDUCE + su("system") + TUPLE1 + REDUCE + su(ECHO) + TUPLE1 + REDUCE + STOP,
        "vars(import_module('os')).get('system')", ["builtins.vars", "builtins.getattr", "importlib.import_module"], ["indirect-call"])
    bad("cloudpickle-make-function.pkl",
        proto(4) + stack_global("cloudpickle.cloudpickle", "_make_function") + MARK + NONE + EMPTY_DICT + NONE + NONE + NONE + TUPLE + REDUCE + STOP,
        "cloudpickle helper", ["cloudpickle.cloudpickle._make_function"])
    bad("torch-inductor-dotted.pkl",
        proto(4) + call1(stack_global("torch._inductor.codecache", "PyCodeCache.load"), su("print(1)")) + STOP,
        "torch internals through a dotted name", ["torch._inductor.codecache.PyCodeCache.load"], ["dotted-name"])
    write("malicious/wrapped.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + os_system_p4())
    MANIFEST.append({"file": "malicious/wrapped.7z", "set": "malicious", "technique": "an archive format the audit does not open (nullifAI 7z)",
                     "verdict": "unknown", "globals": [], "findings": ["unopened-archive"]})

    # nested pickles
    inner = os_system_p4()
    bad("nested-pickle-loads.pkl", proto(4) + call1(stack_global("pickle", "loads"), sbb(inner)) + STOP,
        "nested pickle via pickle.loads", ["pickle.loads", "os.system"], ["nested-pickle"])
    bad("nested-cpickle-p0.pkl", glob("cPickle", "loads") + MARK + p0_bytes_literal(os_system_p0()) + TUPLE + REDUCE + STOP,
        "nested pickle via cPickle.loads (fix_imports -> pickle)", ["pickle.loads", "os.system"], ["nested-pickle"])
    bad("nested-codecs-encode-p2.pkl",
        proto(2) + glob("pickle", "loads") + glob("_codecs", "encode") + bu(inner.decode("latin1")) + bu("latin1") + TUPLE2 + REDUCE + TUPLE1 + REDUCE + STOP,
        "nested pickle as protocol 2 bytes (_codecs.encode)", ["pickle.loads", "os.system"], ["nested-pickle"])
    bad("nested-base64.pkl",
        proto(4) + call1(stack_global("pickle", "loads"), call1(stack_global("base64", "b64decode"), su(base64.b64encode(inner).decode()))) + STOP,
        "nested pickle wrapped in base64", ["pickle.loads", "os.system"], ["nested-pickle"])
    bad("nested-zlib.pkl",
        proto(4) + call1(stack_global("_pickle", "loads"), call1(stack_global("zlib", "decompress"), sbb(zlib.compress(inner)))) + STOP,
        "nested pickle wrapped in zlib (modelscan #338)", ["_pickle.loads", "os.system"], ["nested-pickle"])
    bad("nested-numpy-load-bytesio.pkl",
        proto(4) + call1(stack_global("numpy", "load"), call1(stack_global("io", "BytesIO"), sbb(inner))) + STOP,
        "numpy.load on a BytesIO", ["numpy.load", "os.system"], ["nested-pickle"])
    bad("nested-torch-load.pkl",
        proto(4) + call1(stack_global("torch", "load"), call1(stack_global("io", "BytesIO"), sbb(inner))) + STOP,
        "torch.load on a BytesIO", ["torch.load", "os.system"], ["nested-pickle"])
    bad("nested-twice.pkl",
        proto(4) + call1(stack_global("pickle", "loads"), sbb(proto(4) + call1(stack_global("pickle", "loads"), sbb(inner)) + STOP)) + STOP,
        "a nested pickle inside a nested pickle", ["pickle.loads", "os.system"], ["nested-pickle"])

    # code objects
    code = marshal.dumps(compile("print('pwned')", "<x>", "exec"))
    bad("marshal-function.pkl",
        proto(4) + stack_global("types", "FunctionType") + call1(stack_global("marshal", "loads"), sbb(code)) + EMPTY_DICT + TUPLE2 + REDUCE + b")" + REDUCE + STOP,
        "marshal.loads + types.FunctionType", ["marshal.loads", "types.FunctionType"])
    bad("types-codetype.pkl", proto(4) + stack_global("types", "CodeType") + MARK + b"K\x00" * 6 + sbb(b"d\x00S\x00") + b")" * 3 + su("x") * 2 + b"K\x01" + sbb(b"") + TUPLE + REDUCE + STOP,
        "types.CodeType built from parts", ["types.CodeType"])

    # memo confusion
    bad("memo-put-memoize-mix.pkl",
        proto(4) + su("nt") + b"q\x05" + POP + su("os") + MEMOIZE + POP + su("system") + MEMOIZE + POP
        + b"h\x01h\x02\x93" + su(ECHO) + TUPLE1 + REDUCE + STOP,
        "BINPUT 5 then MEMOIZE: MEMOIZE keys by len(memo), not a counter", ["os.system"])
    bad("memo-put-after-pop.pkl",
        glob("os", "system") + sstr("harmless") + POP + b"p0\n" + POP + b"g0\n" + MARK + sstr(ECHO) + TUPLE + REDUCE + STOP,
        "PUT after POP stores the global, not the previous opcode's argument", ["os.system"])
    bad("memo-overwrite.pkl",
        proto(4) + su("builtins") + b"q\x00" + POP + su("set") + b"q\x01" + POP + su("os") + b"q\x00" + POP + su("system") + b"q\x01" + POP
        + b"h\x00h\x01\x93" + su(ECHO) + TUPLE1 + REDUCE + STOP,
        "memo keys overwritten after a harmless first use", ["os.system"])
    bad("memo-missing-key.pkl", proto(4) + call1(stack_global("os", "system"), su(ECHO)) + POP + b"h\x63" + STOP,
        "payload, then a GET of a memo key that does not exist (crashes scanners)", ["os.system"])
    bad("stack-global-nonstr.pkl", proto(4) + call1(stack_global("os", "system"), su(ECHO)) + POP + b"K\x01K\x02\x93" + STOP,
        "payload, then STACK_GLOBAL of ints (crashes scanners)", ["os.system"])
    bad("stack-global-rot13.pkl",
        proto(4) + call1(stack_global("codecs", "decode") + su("bf") + su("rot13") + TUPLE2 + REDUCE + stack_global("codecs", "decode") + su("flfgrz") + su("rot13") + TUPLE2 + REDUCE + b"\x93", su(ECHO)) + STOP,
        "STACK_GLOBAL operands computed by codecs.decode rot13", ["os.system"], ["computed-global-name"])
    bad("stack-global-from-getattr.pkl",
        proto(4) + stack_global("builtins", "getattr") + su("") + su("join") + TUPLE2 + REDUCE + b"]" + MARK + su("o") + su("s") + b"e" + TUPLE1 + REDUCE
        + su("system") + b"\x93" + su(ECHO) + TUPLE1 + REDUCE + STOP,
        "STACK_GLOBAL module from ''.join via getattr", ["builtins.getattr"], ["computed-global-name"])
    bad("stack-global-odd-strings.pkl",
        proto(4) + bu8("os") + b"Vsyst\\u0065m\n" + b"\x93" + sstr(ECHO) + TUPLE1 + REDUCE + STOP,
        "STACK_GLOBAL operands from BINUNICODE8 and escaped UNICODE", ["os.system"])
    bad("stack-global-no-proto.pkl", stack_global("__builtin__", "eval") + sstr("1+1") + TUPLE1 + REDUCE + STOP,
        "STACK_GLOBAL without PROTO: protocol 0, so fix_imports maps __builtin__", ["builtins.eval"])

    # BUILD tricks
    bad("build-smuggling.pkl",
        proto(4) + stack_global("collections", "OrderedDict") + NONE + EMPTY_DICT + su("smuggled") + stack_global("os", "system") + SETITEM + TUPLE2 + BUILD + POP
        + call1(stack_global("collections", "OrderedDict.smuggled"), su(ECHO)) + STOP,
        "BUILD sets an attribute on an imported class, a dotted GLOBAL fetches it back (modelscan #85)",
        ["os.system", "collections.OrderedDict.smuggled"], ["build-on-global", "dotted-name"])
    bad("build-setstate-plant.pkl",
        proto(4) + stack_global("argparse", "Namespace") + b")" + NEWOBJ + EMPTY_DICT + su("__setstate__") + stack_global("os", "system") + SETITEM + BUILD
        + su(ECHO) + BUILD + STOP,
        "BUILD plants __setstate__, a second BUILD calls it: no REDUCE at all", ["os.system"], ["dunder-state", "setstate-call"])
    bad("reconstructor-base.pkl",
        glob("copy_reg", "_reconstructor") + MARK + glob("collections", "OrderedDict") + glob("os", "system") + sstr(ECHO) + TUPLE + REDUCE + STOP,
        "copyreg._reconstructor with a base other than object", ["os.system"], ["reconstructor-base"])

    # INST / OBJ
    bad("inst-p0.pkl", MARK + sstr(ECHO) + b"ios\nsystem\n" + STOP, "protocol 0 INST", ["os.system"])
    bad("obj-popped-p1.pkl", MARK + glob("os", "system") + sstr(ECHO) + b"o" + POP + NONE + STOP,
        "protocol 1 OBJ whose result is POPped (fickling GHSA-mxhj-88fx-4pcv)", ["os.system"])

    # EXT
    bad("ext-after-add-extension.pkl",
        proto(2) + glob("copy_reg", "add_extension") + bu("os") + bu("system") + b"K\xf0" + TUPLE3 + REDUCE + POP
        + b"\x82\xf0" + bu(ECHO) + TUPLE1 + REDUCE + STOP,
        "EXT1 after copyreg.add_extension in the same pickle", ["copyreg.add_extension", "os.system"], ["ext"])
    bad("ext-unregistered.pkl", proto(2) + b"\x83\x34\x12" + bu(ECHO) + TUPLE1 + REDUCE + STOP,
        "EXT2 of a code the loading program may have registered", [], ["ext", "indirect-call"])

    # persistent ids
    bad("persid-reduce-inside.pkl",
        proto(2) + MARK + bu("storage") + call1(glob("os", "system"), bu(ECHO)) + TUPLE + b"Q" + STOP,
        "persistent id tuple with a REDUCE inside", ["os.system"], ["persistent-id"])

    # PROTO games and parser differentials
    bad("proto-change.pkl", proto(4) + proto(2) + call1(glob("__builtin__", "eval"), bu("1+1")) + STOP,
        "PROTO 2 after PROTO 4: fix_imports applies again", ["builtins.eval"], ["proto-change"])
    bad("int-base0.pkl", b"I0x2a\n" + POP + b"L0o52L\n" + POP + os_system_p0(),
        "INT/LONG in base 0 before the payload (pickletools parses base 10 and stops)")
    bad("string-latin1.pkl", b"S'\xe9t\xe9'\n" + POP + os_system_p0(),
        "STRING with raw Latin-1 bytes before the payload (pickletools decodes ASCII and stops)")
    bad("global-utf8.pkl", b"V\xc3\xa9\n" + POP + glob("os", "system") + MARK + sstr(ECHO) + TUPLE + REDUCE + STOP,
        "non-ASCII text before the payload")
    bad("frame-mislength.pkl",
        proto(4) + b"\x95" + struct.pack("<Q", 3) + su(ECHO) + POP + call1(stack_global("os", "system"), su(ECHO)) + STOP,
        "FRAME whose last opcode crosses the frame end (desync)", ["os.system"], ["frame-desync"])
    bad("frame-hidden-payload.pkl", frame_hidden(glob("os", "system") + MARK + sstr(ECHO) + TUPLE + REDUCE + POP + NONE + STOP),
        "FRAME desync: a linear reader sees bytes, pickle.load on a file runs the payload hidden in them", ["os.system"], ["frame-desync"])
    bad("broken-tail.pkl", proto(4) + call1(stack_global("os", "system"), su(ECHO)) + b"\xff\xfe garbage",
        "payload, then garbage and no STOP (nullifAI)")
    bad("multiple-streams.pkl", pickle.dumps({"weights": [1.0, 2.0]}, protocol=4) + os_system_p4(),
        "a benign pickle, then a second stream with the payload (legacy torch holds several)")
    bad("data-after-stop.pkl", b"N." + os_system_p0(), "payload after the first STOP")
    bad("three-streams-broken.pkl", b"K\x01." + b"K\x02." + proto(4) + call1(stack_global("os", "system"), su(ECHO)) + b"\x00\x00",
        "the payload in a third stream whose tail is broken")

    # resource exhaustion before the payload
    dos = bytearray(proto(4) + su("a") + b"q\x00")
    for i in range(1, 60):
        dos += b"h" + bytes([i - 1]) + b"h" + bytes([i - 1]) + TUPLE2 + b"q" + bytes([i])
    dos += POP + MARK * 20000 + POP * 20000 + b"]q\x7f" + b"h\x7f" + b"a" + POP
    dos += b"]" * 5000 + b"a" * 4999 + POP
    dos += call1(stack_global("os", "system"), su(ECHO)) + STOP
    fan = bytearray(proto(4) + stack_global("pickle", "loads") + b"q\x00" + POP + sbb(inner) + b"q\x01" + POP)
    fan += (b"h\x00h\x01" + TUPLE1 + REDUCE + POP) * 5000
    fan += stack_global("base64", "b64decode") + b"q\x02" + POP + su(base64.b64encode(inner * 4).decode()) + b"q\x03" + POP
    fan += (b"h\x02h\x03" + TUPLE1 + REDUCE + POP) * 5000 + NONE + STOP
    bad("nested-fan-out.pkl", bytes(fan), "the same nested pickle and base64 payload handed to loaders 5000 times each",
        ["pickle.loads", "os.system"], ["nested-pickle"])
    bad("billion-laughs.pkl", bytes(dos), "memo fan-out (2**59 references), 20000 marks, a cycle, deep nesting, then the payload")

    # containers
    payload = os_system_p4()
    bad("odd-extension.safetensors", payload, "a pickle named like something else")
    bad("object-array.npy", npy_object(payload), ".npy object array carrying the payload")
    bad("struct-object-field.npy", npy_object(payload, "[('a', '<i4'), ('b', '|O')]"),
        ".npy structured dtype with an object field")
    bad("npz-member-no-ext.npz", zip_bytes([("a.npy", np_bytes(np.arange(3))), ("b", npy_object(payload))]),
        ".npz member without .npy, content sniffed")
    torch_members = [("archive/data.pkl", payload), ("archive/version", b"3\n"), ("archive/byteorder", b"little"),
                     ("archive/data/0", struct.pack("<4f", 1, 2, 3, 4))]
    bad("torch-like.pt", zip_bytes(torch_members), "torch-style zip with a malicious archive/data.pkl")
    bad("torch-odd-member-name.pt", zip_bytes([("archive/weights.bin", payload), ("archive/version", b"3\n")]),
        "the payload in a member not named .pkl")
    bad("zip-deflated.pt", zip_bytes(torch_members, zipfile.ZIP_DEFLATED), "torch-style zip, deflated members")
    z = bytearray(zip_bytes(torch_members))
    i = z.index(b"archive/data.pkl")  # the local header's copy comes first
    z[i:i + 16] = b"archive/data.pkX"
    bad("zip-name-mismatch.pt", bytes(z), "local and central names disagree (CVE-2025-1944)", ["os.system"], ["zip-name-mismatch"])
    z = bytearray(zip_bytes(torch_members))
    z[6] |= 0x01  # the first local header's flags: 'encrypted'
    bad("zip-flag-bits.pt", bytes(z), "flag bit 0 in a local header (CVE-2025-1945)", ["os.system"], ["zip-flags"])
    z = bytearray(zip_bytes(torch_members))
    crc = zlib.crc32(payload)
    for at in (z.index(struct.pack("<I", crc)), z.rindex(struct.pack("<I", crc))):
        z[at:at + 4] = struct.pack("<I", crc ^ 0xFFFFFFFF)
    bad("zip-bad-crc.pt", bytes(z), "bad CRC in both headers (CVE-2025-10156)", ["os.system"], ["zip-bad-crc"])
    with_dup = io.BytesIO()
    with zipfile.ZipFile(with_dup, "w") as zz:
        zz.writestr(zipfile.ZipInfo("archive/data.pkl", date_time=(2020, 1, 1, 0, 0, 0)), payload)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            zz.writestr(zipfile.ZipInfo("archive/data.pkl", date_time=(2020, 1, 1, 0, 0, 0)), pickle.dumps({"ok": 1}, protocol=2))
    bad("zip-duplicate.pt", with_dup.getvalue(), "duplicate entries: zipfile's lookup finds the last, the first is the payload",
        ["os.system"], ["zip-duplicate"])
    bad("polyglot.pkl", payload + zip_bytes([("archive/data.pkl", pickle.dumps([1, 2], protocol=2))]),
        "a pickle followed by a zip: a zip to is_zipfile, a pickle to numpy.load", ["os.system"], ["polyglot"])
    bad("zip-in-zip.zip", zip_bytes([("inner.zip", zip_bytes([("archive/data.pkl", payload)]))]), "a zip inside a zip")
    z = bytearray(zip_bytes(torch_members))
    i = z.index(b"PK\x03\x04") + 22  # the first local header's uncompressed size
    z[i:i + 4] = struct.pack("<I", 12345)
    bad("zip-local-size.pt", bytes(z), "local header size disagrees with the central directory", ["os.system"], ["zip-header-mismatch"])
    z = zip_bytes([("archive/data.pkl", payload), ("archive/other.pkl", b"N.")])
    cd = z.index(b"PK\x01\x02", z.index(b"PK\x01\x02") + 4)  # the second central record
    z = z[:cd + 42] + struct.pack("<I", 0) + z[cd + 46:]  # point it at the first local header
    bad("zip-overlap.pt", z, "two central records share one local header", ["os.system"], ["zip-overlap"])
    bad("stub-prefixed-zip.bin", b"\x00STUB" * 8 + zip_bytes(torch_members), "a zip behind bytes that are not a pickle (found by its end record)",
        ["os.system"], ["zip-with-prefix"])
    bad("prefixed-zip.pt", b"JUNK" * 10 + zip_bytes(torch_members), "data in front of the zip: offsets shift")


def np_bytes(a, allow_pickle=False):
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=allow_pickle)
    return buf.getvalue()


# ---- benign ----


def install_fake_torch():
    """Stand-in torch modules so CPython's pickler writes the real globals of a checkpoint."""
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    def _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks):
        raise RuntimeError("not for loading")

    _rebuild_tensor_v2.__module__ = "torch._utils"
    _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2

    class FloatStorage:
        pass

    FloatStorage.__module__ = "torch"
    FloatStorage.__qualname__ = "FloatStorage"
    torch.FloatStorage = FloatStorage
    torch._utils = utils
    sys.modules["torch"] = torch
    sys.modules["torch._utils"] = utils
    return torch, utils


class Tensor:
    def __init__(self, key, n):
        self.key, self.n = key, n

    def __reduce__(self):
        return (sys.modules["torch._utils"]._rebuild_tensor_v2,
                (Storage(self.key, self.n), 0, (self.n,), (1,), False, collections.OrderedDict()))


class Storage:
    def __init__(self, key, n):
        self.key, self.n = key, n


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", sys.modules["torch"].FloatStorage, obj.key, "cpu", obj.n)
        return None


def torch_checkpoint():
    install_fake_torch()
    state = collections.OrderedDict([("layer.weight", Tensor("0", 4)), ("layer.bias", Tensor("1", 2))])
    buf = io.BytesIO()
    TorchPickler(buf, protocol=2).dump(state)
    members = [("archive/data.pkl", buf.getvalue()), ("archive/byteorder", b"little"),
               ("archive/data/0", struct.pack("<4f", 1, 2, 3, 4)), ("archive/data/1", struct.pack("<2f", 5, 6)),
               ("archive/version", b"3\n"), ("archive/.data/serialization_id", b"1234567890")]
    return zip_bytes(members)


PY2_SCRIPT = r"""
import sys, pickle, cPickle, datetime, decimal, collections
out = sys.argv[1]
values = {
    'dict': {'a': 1, 'b': [1.5, u'caf\xe9', 'bytes\xff'], 'c': (None, True)},
    'datetime': [datetime.datetime(2020, 1, 2, 3, 4, 5, 6), datetime.date(2020, 1, 2), datetime.timedelta(3, 4, 5)],
    'decimal': decimal.Decimal('1.25'),
    'ordered': collections.OrderedDict([('x', 1), ('y', 2)]),
    'sets': [set([1, 2]), frozenset([3]), complex(1, 2), xrange(3)],
}
for name, v in sorted(values.items()):
    for proto in (0, 1, 2):
        for mod in (pickle, cPickle):
            open('%s/py2-%s-%s-p%d.pkl' % (out, mod.__name__, name, proto), 'wb').write(mod.dumps(v, proto))
"""


class Hidden:
    """An object whose pickle is a call: `func(*args)`, with func and args as given."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return (self.func, self.args)


def hidden_checkpoint():
    """A real-looking PyTorch checkpoint (the benign one's tensors) with one more entry,
    `cPickle.loads(base64.b64decode(...))`: a protocol 0 os.system pickle, base64-wrapped,
    handed to a Python 2 name of pickle.loads. Written by CPython's pickler, never loaded."""
    install_fake_torch()
    cpickle = types.ModuleType("cPickle")

    def loads(data):
        raise RuntimeError("not for loading")

    loads.__module__, loads.__qualname__ = "cPickle", "loads"
    cpickle.loads = loads
    sys.modules["cPickle"] = cpickle
    try:
        nested = base64.b64encode(os_system_p0()).decode()
        state = collections.OrderedDict([("layer.weight", Tensor("0", 4)), ("layer.bias", Tensor("1", 2)),
                                         ("_metadata", Hidden(loads, Hidden(base64.b64decode, nested)))])
        buf = io.BytesIO()
        TorchPickler(buf, protocol=2).dump(state)
    finally:
        del sys.modules["cPickle"]
    members = [("archive/data.pkl", buf.getvalue()), ("archive/byteorder", b"little"),
               ("archive/data/0", struct.pack("<4f", 1, 2, 3, 4)), ("archive/data/1", struct.pack("<2f", 5, 6)),
               ("archive/version", b"3\n"), ("archive/.data/serialization_id", b"1234567890")]
    return zip_bytes(members)


def python2_pickles():
    env = dict(os.environ, PYENV_VERSION="2.7.18")
    tmp = OUT / "py2-tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["pyenv", "exec", "python", "-c", PY2_SCRIPT, str(tmp)], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        print("Python 2.7 not found: keeping the committed Python 2 fixtures", r.stderr[-300:])
        for p in sorted((OUT / "benign").glob("py2-*.pkl")):
            MANIFEST.append({"file": f"benign/{p.name}", "set": "benign", "technique": "Python 2.7 pickle", "verdict": "safe",
                             "globals": [], "findings": []})
        return
    for p in sorted(tmp.iterdir()):
        good(p.name, p.read_bytes(), "Python 2.7 " + p.name.split("-")[1] + " pickle", check=False)
        pickle.loads(p.read_bytes(), encoding="latin1")
        p.unlink()
    tmp.rmdir()


def benign():
    arrays = {"ints": np.arange(6, dtype="<i4").reshape(2, 3), "floats": np.linspace(0, 1, 5), "big": np.arange(3, dtype=">f8"),
              "fortran": np.asfortranarray(np.arange(6.0).reshape(2, 3)), "objects": np.array([1, "two", None], dtype=object),
              "struct": np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]), "dt": np.array(["2020-01-01"], dtype="M8[D]")}
    for p in (2, 3, 4, 5):
        good(f"dict-of-arrays-p{p}.pkl", pickle.dumps(arrays, protocol=p), f"dict of numpy arrays, protocol {p}")
    misc = {"dt": datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc), "d": datetime.date(2020, 1, 2),
            "t": datetime.time(1, 2, 3), "td": datetime.timedelta(days=1), "dec": decimal.Decimal("-1.5E+3"),
            "od": collections.OrderedDict([(1, "a"), (2, "b")]), "set": {1, 2, 3}, "fs": frozenset({"x"}), "c": complex(1, -2),
            "ba": bytearray(b"ab"), "by": b"\x00\xff", "sl": slice(1, 5, 2), "r": range(1, 10, 3), "nested": [[[[]]]]}
    for p in range(6):
        good(f"stdlib-values-p{p}.pkl", pickle.dumps(misc, protocol=p), f"datetime, Decimal, OrderedDict, set, frozenset, complex, protocol {p}")
    bufs = []
    good("pickle5-out-of-band.pkl",
         pickle.dumps([pickle.PickleBuffer(b"abc"), pickle.PickleBuffer(bytearray(b"de"))], protocol=5, buffer_callback=bufs.append),
         "protocol 5 out-of-band buffers (NEXT_BUFFER markers)", check=False)
    good("pickle5-in-band.pkl", pickle.dumps([pickle.PickleBuffer(b"abc"), pickle.PickleBuffer(bytearray(b"de")), np.arange(4)], protocol=5),
         "protocol 5 in-band PickleBuffers")
    good("object-array.npy", np_bytes(np.array([1, "a", None, {"k": [1.5]}], dtype=object), True), "numpy object array .npy")
    good("struct-object-field.npy", np_bytes(np.array([(1, "x")], dtype=[("a", "<i4"), ("b", "O")]), True), "structured dtype with an object field")
    good("plain-array.npy", np_bytes(np.arange(10.0)), "a plain float64 .npy")
    buf = io.BytesIO()
    np.savez(buf, plain=np.arange(4), objects=np.array([(1, 2), "s"], dtype=object))
    good("mixed.npz", buf.getvalue(), "npz with object and plain members")
    buf = io.BytesIO()
    np.savez_compressed(buf, a=np.arange(100), o=np.array([None, 1.5], dtype=object))
    good("mixed-compressed.npz", buf.getvalue(), "compressed npz with an object member")
    bad("checkpoint-hidden.pt", hidden_checkpoint(), "a real-looking torch checkpoint with one more entry: a base64-wrapped "
        "pickle handed to cPickle.loads (a Python 2 alias)", ["pickle.loads", "os.system"], ["nested-pickle"])
    good("torch-checkpoint.pt", torch_checkpoint(), "PyTorch-style zip: OrderedDict of _rebuild_tensor_v2 with storage persistent ids")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in [("archive/data.pkl", pickle.dumps([1.5, "x"], protocol=2)), ("archive/version", b"3\n")]:
            with z.open(name, "w", force_zip64=True) as f:
                f.write(data)
    good("zip64-extras.pt", buf.getvalue(), "a zip whose members carry zip64 extra fields")
    good("legacy-streams.pkl", pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2) + pickle.dumps(1001, protocol=2) + pickle.dumps({"protocol_version": 1001}, protocol=2),
         "several pickles one after another, as legacy torch files are", check=False)
    python2_pickles()


def main():
    import shutil
    check_frame_hidden()
    have_py2 = shutil.which("pyenv") is not None
    for p in OUT.glob("*/*"):
        if have_py2 or not p.name.startswith("py2-"):
            p.unlink()
    malicious()
    benign()
    (OUT / "manifest.json").write_text(json.dumps(MANIFEST, indent=1) + "\n")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"{len(MANIFEST)} audit fixtures, {total} bytes")


if __name__ == "__main__":
    main()
