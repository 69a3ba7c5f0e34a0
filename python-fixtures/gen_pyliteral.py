#!/usr/bin/env python3
"""Fixtures for src/npy/pyliteral.ts and src/npy/pyrepr.ts, from real CPython.

Writes python-fixtures/pyliteral/:
  cases.json       input texts with what CPython 3.11 does with them:
                   "plain": ast.literal_eval(text)
                   "long":  ast.literal_eval(numpy's _filter_header(text))
                   (the Python 2 'L' fallback, dropLongSuffix in TS),
                   or "same" when it is the plain outcome,
                   and values with their repr().
  unprintable.txt  the code points for which str.isprintable() is False, in
                   the encoding pyrepr.ts embeds (a test compares them).

Outcomes are {"ok": <tagged value>} or {"error": <exception class>,
"message": <str(e), or e.msg for SyntaxError>, "stage": "filter" when
_filter_header itself raised}. Tagged values: null/true/false as is,
{"int": "123"}, {"float": repr}, {"str": s}, {"bytes": base64},
{"complex": [repr(re), repr(im)]}, {"tuple": [...]}, {"list": [...]},
{"dict": [[k, v], ...]}, {"set": [...]}, {"ellipsis": true}.

Usage: python3 gen_pyliteral.py            (the committed fixture)
       python3 gen_pyliteral.py --big N OUT (N extra random cases, for a
                                             local differential run)
Needs CPython 3.11 (the behaviour being ported) and numpy.
"""
import ast
import base64
import io
import json
import math
import pathlib
import random
import re
import struct
import sys
import warnings

import numpy as np
from numpy.lib import _format_impl as npformat

if sys.version_info[:2] != (3, 11):
    # The fixture records CPython 3.11's behaviour; another version would rewrite it wrongly.
    print("gen_pyliteral.py: skipped, needs CPython 3.11 (found %s)" % sys.version.split()[0])
    sys.exit(0)

warnings.simplefilter("ignore")
OUT = pathlib.Path(__file__).resolve().parent / "pyliteral"


# --------------------------------------------------------------------------
# encoding of values and outcomes


def unique_texts(texts):
    """Each text once, in first-seen order. A surrogate pair spelled as two
    code points is one astral character once in JSON/JS: such texts cannot be
    carried over, so they are left out."""
    seen = set()
    res = []
    for t in texts:
        if re.search("[\ud800-\udbff][\udc00-\udfff]", t) or t in seen:
            continue
        seen.add(t)
        res.append(t)
    return res

def tag(v, sort_sets=False):
    """sort_sets: write set items in a fixed order (literal_eval results; str hashes vary per run)."""
    t = lambda x: tag(x, sort_sets)  # noqa: E731
    if v is None or v is True or v is False:
        return v
    if v is Ellipsis:
        return {"ellipsis": True}
    if isinstance(v, int):
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return {"int": str(v)}
        finally:
            sys.set_int_max_str_digits(limit)
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, complex):
        return {"complex": [repr(v.real), repr(v.imag)]}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, bytes):
        return {"bytes": base64.b64encode(v).decode()}
    if isinstance(v, tuple):
        return {"tuple": [t(x) for x in v]}
    if isinstance(v, list):
        return {"list": [t(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[t(k), t(x)] for k, x in v.items()]}
    if isinstance(v, (set, frozenset)):
        items = [t(x) for x in v]
        return {"set": sorted(items, key=json.dumps) if sort_sets else items}
    raise TypeError(type(v))


def err(e, stage=None):
    if isinstance(e, SyntaxError):
        msg = e.msg
    else:
        msg = re.sub(r" at 0x[0-9a-f]+>", " at 0x...>", str(e))
    out = {"error": type(e).__name__, "message": msg}
    if stage:
        out["stage"] = stage
    return out


def plain_outcome(text):
    try:
        return {"ok": tag(ast.literal_eval(text), sort_sets=True)}
    except (Exception, MemoryError, RecursionError) as e:
        return err(e)


def long_outcome(text):
    try:
        filtered = npformat._filter_header(text)
    except (Exception, MemoryError, RecursionError) as e:
        return err(e, "filter")
    return plain_outcome(filtered)


# --------------------------------------------------------------------------
# input texts

class Rep(str):
    """A long text kept short in the JSON: pieces repeated, {"rep": [[piece, count], ...]}."""

    def __new__(cls, *parts):
        obj = str.__new__(cls, "".join(p * n for p, n in parts))
        obj.parts = [[p, n] for p, n in parts]
        return obj


def encode_text(t):
    return {"rep": t.parts} if isinstance(t, Rep) else t


HAND = [
    # the typical header and its variations
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }" + " " * 40 + "\n",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
    "{'shape': (3,), 'fortran_order': True, 'descr': '>i2'}",
    '{"descr": "<f8", "fortran_order": False, "shape": (3,)}',
    "{u'descr': u'<f8', 'fortran_order': False, 'shape': (3,)}",
    "  \t{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}",
    "{'descr': '<f8',\n 'fortran_order': False,\n 'shape': (3,)\n}",
    "{'descr': '<f8', # comment\n 'fortran_order': False, 'shape': (0x3,)}",
    "{'descr': '<' 'f8', 'fortran_order': False, 'shape': (+3,)}",
    "{'descr': '<f8', 'descr': '<i4', 'fortran_order': False, 'shape': (3,)}",
    "{'descr': '\\x3cf8', 'fortran_order': False, 'shape': (3,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': [3]}",
    "{'descr': '<f8', 'fortran_order': false, 'shape': (3,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': tuple([3])}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (10L,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2 L, 3L L)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2LL,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (0777L,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (0xffL, 1.5L, 2jL)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,\n3L)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2\nL,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2, # c\nL)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3_000,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (0_3,)}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} x",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}\n{}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}\x00",
    "{'descr': 'L', 'fortran_order': False, 'shape': (3L,)}",
    "{'descr', 'fortran_order', 'shape'}",
    "({'descr': '<f8'},)",
    "{'descr': [('a', '<i4'), ('b', '<f8', (2, 3)), (('t', 'c'), '|S3')], 'fortran_order': False, 'shape': (1,)}",
    "{'descr': [('', '|V4'), ('x', [('y', '<u2')])], 'fortran_order': False, 'shape': (1,)}",
    "{'descr': ('<f8', (3,)), 'fortran_order': False, 'shape': (1,)}",
    # empty and whitespace
    "", " ", "\t", "\n", "# only a comment", "\n\n1", " \n1", "\t\n 1", "1\n", "1\n\n\n", "1\r\n", "1\r",
    "1\n  ", "\x0c1", "\x0c 1", "\\\n1", "\\\n 1", "1 \\\n", "1\\", "1 \\\n\n", "1\n\\\n", "(1,\n\\\n2)", "(1,\\x)",
    "(1,\r2)", "'''a\rb'''", "'a\r\nb'", "'a\\\r\nb'", "\x0b1", "1\x01", "1 # comment", "#\n1", "1#",
    "1\n2", "1;2", "1 2", "(1 2)", "[1 2]", "\ufeff1", "1\x00", "\x00",
    "'\ud800'", "'\udc00\ud800'", "'a\U0001f600'", "'\U0001f600\ud800x\udfff\udfff'", "'\U0001f600' \udc00",
    # numbers
    "0", "00", "0_0", "000_0", "7", "-7", "+7", "--7", "-+7", "~7", "1_000", "1__0", "1_", "0_3", "09", "0_9",
    "0x1F", "0X1f", "0x_1", "0x", "0x_", "0xg", "0o17", "0O17", "0o8", "0o", "0o1_", "0b101", "0B11", "0b12",
    "0b1_", "0b", "1.", ".5", "5.", "0.", "1.5", "1e5", "1E-5", "1e+5", "1.e5", "1e", "1e+", "1.e", "1_e5",
    "1e_5", "1e5_", "1_1.1_1e1_1j", "1j", "1J", "1.5j", "1.5e3J", "09j", "09.5", "00.5", "0_0.5", "0e0j", "0e5",
    "1jj", "1j2", "1.2.3", "1..2", "1.e5.", "12abc", "0b1abc", "0xfor", "1if 1else 2", "1or 2", "1and 2",
    "1in x", "1is x", "1not in x", "2L", "1.5L", "0xffL", "1.__class__", "1 .real", "a.1", "a .1", "1e999",
    "-1e999", "1e-999", "4.9e-324", "5e-324", "2.4e-324", "1.7976931348623157e308", "1.7976931348623159e308",
    "0.1", "0.30000000000000004", "9007199254740993", "9007199254740993.0", "123456789012345678901234567890",
    "-0", "-0.0", "+0.0", "0.0", "-0j", "0j", "-(1)", "-(-1)", "(-1)", "- 1", "-\n1", "(-\n1)",
    Rep(("1", 4300)), Rep(("1", 4301)), Rep(("0", 4301)), Rep(("1", 1), ("_1", 4300)), Rep(("0x", 1), ("f", 5000)),
    Rep(("1", 4301), (".0", 1)), Rep(("1", 4301), ("j", 1)), Rep(("1", 2150), ("_1", 2151)),
    # complex sums
    "1+2j", "1-2j", "-1+2j", "-1-2j", "+1+2j", "1.5+2j", "1+2.5j", "1j+1", "1j+1j", "1+1", "1+1j+1j",
    "1+-2j", "1 + (2j)", "(1)+2j", "(1+2j)", "-(1+2j)", "1e999+1e999j", "1-1e999j", "-1e999j", "0.0-0j", "-0.0+0j",
    "0-0j", "-0-0j", "True+1j", "'a'+1j", "x+1j", "1+x", Rep(("1", 1), ("0", 400), ("+1j", 1)), Rep(("-1", 1), ("0", 310), ("-1j", 1)),
    "9007199254740993+1j", "2**53", "1*2j", "1j*1j", "10**400",
    # strings
    "'a'", '"a"', "'''a'''", '"""a"""', "''", '""', "''''''", "'a' 'b'", "'a' \"b\" '''c'''", "'a'\n'b'",
    "('a'\n'b')", "u'a'", "U'a'", "r'a\\n'", "R'a\\n'", "b'a'", "B'a'", "br'a\\n'", "Rb'a\\n'", "rB'a'", "bR'a'",
    "ur'a'", "bu'a'", "Bu''", "uR''", "fb''", "bf''", "'a' b'c'", "b'a' 'c'", "b'a' b'c'", "u'a' b'c'",
    "'\\\\ \\' \\\" \\a \\b \\f \\n \\r \\t \\v'", "'\\0 \\7 \\77 \\101 \\777 \\8 \\9'", "b'\\0 \\7 \\101 \\777 \\8'",
    "'\\x41\\x4a'", "'\\x4'", "'\\xzz'", "'\\x'", "b'\\x4'", "b'\\xzz'", "b'\\x41'", "'\\u00e9\\u200b'",
    "'\\u12'", "'\\U0001F600'", "'\\U0010ffff'", "'\\U00110000'", "'\\U0000'", "b'\\u1234'", "b'\\U00012345'",
    "'\\q \\( \\{'", "'\\N{EM DASH}'", "'\\N{DASH}'", "'\\N'", "'\\N{'", "'\\N{}'", "r'\\N{DASH}'",
    "b'\\N{DASH}'", "'\\\n'", "'a\\\nb'", "'''a\nb'''", "'''a\\\nb'''", "'a\nb'", "'abc", "'''abc", "'abc\\'",
    "\"abc'", "'é€\u200b'", "b'é'", "'\\é'", "'\t'", "'\x7f'", "'\x01'", "'\\\\'", "'''''a''''", "'a'''",
    "f'abc'", "f'{a}'", "F'{a}'", "fR'{a}'", "rf'{a}'", "f''", "'a' f'{b}'", "f'{a}' b'c'", "f'{'", "f'}'",
    "f'{a}}'", "f'{{}}'", "f'{{a}}'", "f'{a!x}'", "f'{a!r}'", "f'{a!r }'", "f'{a!}'", "f'{a:{b}}'",
    "f'{a:{b:{c}}}'", "f'{}'", "f'{ }'", "f'{!r}'", "f'{*a}'", "f'{*a,}'", "f'{yield}'", "f'{a=}'", "f'{a = }'",
    "f'{a=!r:10}'", "f'{a!r=}'", "f'{a:=1}'", "f'{(a:=1)}'", "f'{lambda:1}'", "f'{a#}'", "f\"{'#'}\"",
    "f'\\{a}'", "rf'\\{a}'", "f'{\"a\"}'", "f'{a\\n}'", "f'\\N{DASH}'", "f'\\N{EM DASH}{a}'", "f'\\x4'",
    "f'{a:\\x4}'", "f'{a)}'", "f'{(a}'", "f'{a]}'", "f'{[a)}'", "f'{\"a}'", "f'{a b}'", "f'{a!r:>{b}}'",
    "f'{a<b}'", "f'{a<=b}'", "f'{a!=b}'", "f'{a==b}'", "f'''{\na\n}'''", "f'{a:{{}}}'", "f'{{{a}}}'",
    # containers
    "()", "(1)", "(1,)", "(1, 2)", "(1, 2,)", "1, 2", "1,", "1, 2,", ",", "(,)", "(1,,)", "[]", "[1]", "[1,]",
    "[,]", "{}", "{1}", "{1,}", "{1: 2}", "{1: 2,}", "{1: 2, 3}", "{1, 2: 3}", "{:}", "{1:}", "set()",
    "set ()", "(set)()", "set(1)", "set([])", "set(*[])", "frozenset()", "{1, 1.0, True}", "{True, 1}",
    "{1: 'a', 1.0: 'b', True: 'c'}", "{1j: 2, (0+1j): 3}", "{0: 1, 0.0: 2, False: 3, -0.0: 4, 0j: 5}",
    "{(1, 2): 'a', (1.0, 2.0): 'b'}", "{'a': 1, b'a': 2}", "{None: 1, None: 2}", "{[1]: 2}", "{[1]: x}",
    "{[1], x}", "{x, [1]}", "{(1, [2])}", "{{}: 1}", "{set(): 1}", "{1: [2]}", "[1, {1: [2]}]", "{**a}",
    "{1: 2, **a}", "{**a, 1: 2}", "[*a]", "(*a,)", "(*a)", "*a,", "*a", "[*a or b]", "{*a}", "{*a, 1}",
    "((((1,),),),)", "[[[[]]]]", "{'a': {'b': {'c': []}}}", "[1, [2, (3, {4: {5}})]]",
    Rep(("(", 199), (")", 199)), Rep(("(", 200), (")", 200)), Rep(("(", 201), (")", 201)), Rep(("[", 200), ("]", 200)),
    Rep(("[", 201), ("]", 201)), Rep(("{", 201)), Rep(("(", 100), ("1", 1), (")", 100)),
    Rep(("(", 150), ("[", 50), ("]", 50), (")", 150)), Rep(("{1:", 150), ("-", 500), ("1", 1), ("}", 150)),
    "(1", "(1,", "[1", "{1", "1)", "1]", "1}", "(1]", "[1)", "(\n1]", "{1: (2]}", "((1)", "(1))",
    # names and non-literal expressions
    "None", "True", "False", "none", "true", "false", "L", "x", "é", "_", "__debug__", "match", "case",
    "€", "$", "?", "!", "`", "a$", "\u00a0", "a\u200bb", "x.y", "x[1]", "x[1:2, ::3]", "x[*a]", "x[a:=1]",
    "x[(a:=1):2]", "x[a:=1:2]", "x[]", "x()", "x(1)(2)", "x(a=1)", "x(a=1, b)", "x(*a, b)", "x(**a, *b)",
    "x(**a, b=1)", "x(a.b=1)", "x(True=1)", "x(a for a in b)", "x(a for a in b, 1)", "x(a, b for b in c)",
    "x(a:=1)", "x(,)", "x(a,)", "f(a=1, a=2)", "-x", "not x", "not not 1", "~1", "1 + 2", "1 - 2", "1 * 2",
    "1 / 2", "1 // 2", "1 % 2", "1 @ 2", "1 ** 2", "2**-1", "1 << 2", "1 >> 2", "1 & 2", "1 | 2", "1 ^ 2",
    "1 < 2", "1 < 2 < 3", "1 == 2", "1 != 2", "1 <> 2", "1 is 2", "1 is not 2", "1 in 2", "1 not in 2",
    "1 not 2", "1 and 2", "1 or 2", "1 if 2 else 3", "1 if 2", "1 if 2 else 3 if 4 else 5", "lambda: 1",
    "lambda x: x", "lambda *: 0", "lambda *, a: 0", "lambda **k,: 0", "lambda **k, a: 0", "lambda a, /: 0",
    "lambda /: 0", "lambda a, /, /: 0", "lambda a=1, b: 0", "lambda a=1, /, b: 0", "lambda *a, b=1, c: 0",
    "lambda a=1, /, b=2, *c, d, **e: 0", "lambda a, a: 0", "lambda *a=1: 0", "lambda: (yield)", "(yield)",
    "(yield 1)", "(yield 1, 2)", "(yield from x)", "yield 1", "await x", "await await x", "(a := 1)",
    "a := 1", "(a.b := 1)", "[a := 1]", "{a := 1}", "{a := 1: 2}", "[x for x in y]", "[x for x in y if z]",
    "[x for x in y for z in w]", "[x async for x in y]", "{x for x in y}", "{x: y for x in y}", "(x for x in y)",
    "[x for *a in y]", "[x for () in y]", "[x for (a) in y]", "[x for (*a) in y]", "[x for a, in y]",
    "[x for a, *b in y]", "[x for [a, *b] in y]", "[x for f().a in y]", "[x for f() in y]", "[x for 1 in y]",
    "[x for a.b[c] in y]", "[x for x in lambda: y]", "[x for x in y if lambda: z]", "[x for x in a, b]",
    "[*x for x in y]", "{**x for x in y}", "a[x for x in y]", "a[(x for x in y)]", "...", "[...]",
    "(...,)", "Ellipsis", "print 1", "import os", "__import__('os')", "open('f').read()", "x = 1", "x: int",
    "def f(): pass", "if 1: 2", "del x", "pass", "class", "True = 1", "1 = 1", "a.b.c", "a()()",
    "'a'.join([])", "b''.decode()", "(1).real", "[1][0]", "{1: 2}[1]", "1 if True else 2", "- - 1",
    "-(1)", "+-1", "-~1", "not 1", "set() | set()",
    # deep non-bracket nesting: RecursionError / MemoryError in CPython
    Rep(("-", 100000), ("1", 1)), Rep(("not ", 10000), ("1", 1)), Rep(("1+", 5000), ("1", 1)),
    Rep(("a", 1), (".a", 5000)), Rep(("a", 1), ("()", 5000)), Rep(("2**", 10000), ("2", 1)),
    Rep(("lambda:", 10000), ("1", 1)), Rep(("1 if 1 else ", 10000), ("1", 1)), Rep(("(", 1), ("-", 3000), ("1,)", 1)),
    Rep(("(1,", 200), (")", 200)), Rep(("(1,", 199), (")", 199)), Rep(("[1,", 200), ("]", 200)),
    Rep(("(1,1,", 193), (")", 193)), Rep(("(1,1,", 192), (")", 192)), Rep(("[", 1), ("[1,", 199), ("]", 200)),
    Rep(("{1,", 200), ("}", 200)), Rep(("{1:1,1:", 200), ("1", 1), ("}", 200)), Rep(("{1:", 200), ("1", 1), ("}", 200)),
    Rep(("(", 199), ("1,", 1), (")", 199)), Rep(("f(1,", 200), (")", 200)), Rep(("(-", 150), ("-", 1626), ("1", 1), (")", 150)),
    Rep(("-", 2000), ("1", 1)), Rep(("[", 1), ("-", 2990), ("1]", 1)), Rep(("-", 10000)), Rep(("1+", 5000)),
]


def numpy_headers():
    """Header texts numpy itself writes, for many dtypes and shapes."""
    dtypes = [
        "<f8", ">f4", "<f2", "|b1", "<i1", "<i8", ">u2", "<u4", "<c16", ">c8", "|S5", "<U7", ">U1", "<M8[ns]",
        "<m8[s]", "<M8[25s]", "|V4", "|O", "|S0", "<U0",
        [("a", "<i4"), ("b", "<f8")],
        [("a", "<i4", (2, 3)), ("b", [("c", "|S3"), ("d", "<u2", (4,))])],
        {"names": ["x", "y"], "formats": ["<i2", "<f4"], "offsets": [0, 8], "itemsize": 16},
        {"names": ["x", "y"], "formats": ["<i2", "<f4"], "titles": ["X title", "Y's title"]},
        [("caf\u00e9", "<f8"), ("na\u00efve", "<i4")],
        [("\u65e5\u672c", "<f8")],
        [("quote'name", "<i4"), ('dq"name', "<i4"), ("both'\"", "<i4"), ("back\\slash", "<i4")],
        [("tab\tname", "<i4"), ("nl\nname", "<i4"), ("ctl\x01\x7f", "<i4"), ("zw\u200bsp", "<i4")],
        [("\U0001f600", "<i4"), ("nb\u00a0sp", "<i4")],
        [("", "<i4"), ("x", "<f8")],
        ("<f8", (3,)),
        [("a", ("<f8", (2,)))],
    ]
    shapes = [(), (0,), (3,), (2, 3), (1, 2, 3, 4), (10**6,)]
    out = []
    for i, dt in enumerate(dtypes):
        try:
            dtype = np.dtype(dt)
        except Exception:
            continue
        for j, shape in enumerate(shapes):
            if (i + j) % 3 and shape not in ((), (3,)):
                continue
            for order in ("C", "F"):
                if order == "F" and len(shape) < 2:
                    continue
                arr = np.zeros(shape if np.prod(shape) < 1000 else (0,), dtype=dtype, order=order)
                if np.prod(shape) >= 1000:
                    d = npformat.header_data_from_array_1_0(arr)
                    d["shape"] = shape
                else:
                    d = npformat.header_data_from_array_1_0(arr)
                buf = io.BytesIO()
                npformat._write_array_header(buf, d, None)
                raw = buf.getvalue()
                major = raw[6]
                start = 10 if major == 1 else 12
                text = raw[start:].decode("latin1" if major < 3 else "utf8")
                out.append(text)
    return unique_texts(out)


def py2_headers(headers, rng):
    """Python 2 style: shape ints written with an L suffix."""
    import re
    out = []
    for h in headers:
        m = re.search(r"'shape': \(([^)]*)\)", h)
        if not m or not m.group(1).strip():
            continue
        shape = re.sub(r"(\d+)", r"\1L", m.group(1))
        out.append(h[: m.start(1)] + shape + h[m.end(1):])
        if len(out) >= 12:
            break
    out.append("{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }")
    out.append("{'descr': [('a', '<i4', (2L,))], 'fortran_order': False, 'shape': (1L,), }")
    return out


ALPHABET = (
    list("()[]{},:;'\"\\#\n\t Lj.e_+-*/%<>=!@xobfurFURB0123456789") +
    ["\r", "\x0c", "\x00", "\u00e9", "\u20ac", "\u200b", "'''", '"""', "\\x", "\\u", "\\N{", "f'", "b'",
     "None", "True", "False", "lambda", "for", "in", "if", "else", "not", "and", "or", "yield", "await",
     "**", "...", ":=", "0x", "0o", "0b", "1_0", "1e5", "2j", "L", "set()", "  ", "\\\n"]
)


def mutate(text, rng):
    n = rng.randint(1, 3)
    for _ in range(n):
        op = rng.randrange(5)
        i = rng.randrange(len(text) + 1)
        if op == 0 and text:
            text = text[:i] + text[i + 1:]
        elif op == 1:
            text = text[:i] + rng.choice(ALPHABET) + text[i:]
        elif op == 2 and text:
            j = rng.randrange(len(text) + 1)
            a, b = min(i, j), max(i, j)
            text = text[:a] + text[a:b] * 2 + text[b:]
        elif op == 3 and text:
            text = text[:i] + rng.choice(ALPHABET) + text[i + 1:]
        else:
            j = rng.randrange(len(text) + 1)
            a, b = min(i, j), max(i, j)
            text = text[:a] + text[b:]
    return text


TOKENS = [
    "1", "0", "-", "+", "~", "2.5", "1e5", "3j", "0x1f", "'a'", '"b"', "b'c'", "f'{x}'", "r'\\n'", "x", "y",
    "set", "None", "True", "False", "L", "(", ")", "[", "]", "{", "}", ",", ":", ".", "*", "**", "=", "==",
    "<", "not", "in", "is", "and", "or", "if", "else", "for", "lambda", "yield", "await", "async", ":=",
    "...", "\n", " ", "#c\n", "\\\n", "/", "|", "@",
]


def soup(rng):
    n = rng.randint(1, 10)
    return "".join(rng.choice(TOKENS) + rng.choice(["", " ", " ", ""]) for _ in range(n))


def random_value(rng, depth=0):
    k = rng.randrange(12 if depth < 3 else 7)
    if k == 0:
        return rng.randint(-10**rng.randint(1, 30), 10**rng.randint(1, 30))
    if k == 1:
        return rng.choice([0.0, -0.0, 0.1, 1e16, 1e-5, 1.5e300, 5e-324, float("inf"), -float("inf")]) if rng.random() < 0.3 \
            else struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    if k == 2:
        return "".join(rng.choice("ab'\"\\\t\n\r\x00\x7f\x80\xff\u200b\u00e9\U0001f600 ") for _ in range(rng.randint(0, 8)))
    if k == 3:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 6)))
    if k == 4:
        return rng.choice([None, True, False])
    if k == 5:
        return complex(rng.choice([0.0, -0.0, 1.5, -2.0]), rng.choice([0.0, -0.0, 1.0, -3.5, 1e20]))
    if k == 6:
        return rng.randint(0, 100)
    if k == 7:
        return tuple(random_value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    if k == 8:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if k == 9:
        d = {}
        for _ in range(rng.randint(0, 3)):
            key = random_value(rng, 3)
            try:
                d[key] = random_value(rng, depth + 1)
            except TypeError:
                pass
        return d
    if k == 10:
        return set(sorted({rng.randint(0, 50) for _ in range(rng.randint(0, 3))}))
    return rng.randint(-5, 5)


def nan_free(v):
    if isinstance(v, float):
        return not math.isnan(v)
    if isinstance(v, complex):
        return nan_free(v.real) and nan_free(v.imag)
    if isinstance(v, (tuple, list, set)):
        return all(nan_free(x) for x in v)
    if isinstance(v, dict):
        return all(nan_free(k) and nan_free(x) for k, x in v.items())
    return True


def set_order_is_insertion(v):
    """Python orders sets by hash; only keep sets whose order we can reproduce."""
    if isinstance(v, set):
        return list(v) == sorted(v) and all(isinstance(x, int) and 0 <= x < 64 for x in v)
    if isinstance(v, (tuple, list)):
        return all(set_order_is_insertion(x) for x in v)
    if isinstance(v, dict):
        return all(set_order_is_insertion(k) and set_order_is_insertion(x) for k, x in v.items())
    return True


def texts(rng, headers, n_mutations, n_soup, n_values):
    out = list(HAND)
    out += headers
    out += py2_headers(headers, rng)
    valid = headers + [h for h in HAND if len(h) < 200]
    for _ in range(n_values):
        v = random_value(rng)
        if nan_free(v):
            out.append(repr(v))
    for _ in range(n_mutations):
        out.append(mutate(rng.choice(valid), rng))
    for _ in range(n_soup):
        out.append(soup(rng))
    return unique_texts(out)


# --------------------------------------------------------------------------
# repr cases

def repr_values(rng):
    vals = [
        "", "a", "it's", 'say "hi"', "both ' and \"", "back\\slash", "\t\n\r", "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad\xff",
        "\u00e9\u00ff\u0100", "\u200b\u200e\u2028\u2029\u3000", "\ufeff\ufffd\uffff", "\U0001f600\U000e0001\U0010ffff",
        "\ud800", "\udfff", "a\ud800b\udc00", "\U0001F6DC", "\u0378", "\u00a0 \u1680", " ", "\x85",
        "caf\u00e9 na\u00efve \u65e5\u672c", "'", '"', "'\"",
        b"", b"a", b"it's", b'say "hi"', b"both ' and \"", b"\\", b"\t\n\r\x00\x7f\x80\xff", bytes(range(256)),
        0, 1, -1, 10**30, -(10**50), 2**63, True, False, None,
        0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 100.0, 1e15, 1e16, 1e17, 123456789012345.6, 1234567890123456.7,
        9007199254740993.0, 1e-4, 1e-5, 0.0001234, 0.00001234, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 1e22, 1e21, 1e100, 1.5e300, -1.5e-300, float("inf"), -float("inf"), float("nan"),
        0.30000000000000004, 2.0**-1074 * 3, 1 / 3, 2 / 3, 100.5, 1e-7, 4.35,
        1j, -1j, 0j, -0j, complex(-0.0, 0.0), complex(0.0, -0.0), complex(-0.0, -0.0), 1 + 2j, 1 - 2j, -1.5 + 0j,
        complex(float("nan"), float("inf")), complex(1, float("nan")), complex(0, float("nan")),
        complex(1, -float("inf")), complex(1e16, 1e-5), complex(0.1, 100.0),
        (), (1,), (1, 2), ((),), [], [1], [1, (2,)], {}, {"a": 1}, {1: "a", (1, 2): [3]}, set(), {1}, {1, 2, 3},
        ("<f8", (3,)), [("a", "<i4"), (("t", "n"), "|S3", (2,))],
        {"descr": "<f8", "fortran_order": False, "shape": (3, 4)},
        [[[]]], {"k": {"k": {"k": set()}}}, (None, True, False, b"x", 1.0, 1, 1j),
    ]
    for _ in range(150):
        vals.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
    for _ in range(60):
        v = random_value(rng)
        if set_order_is_insertion(v):
            vals.append(v)
    return [{"value": tag(v), "repr": repr(v)} for v in vals]


# --------------------------------------------------------------------------

def unprintable_table():
    ranges = []
    start = None
    for cp in range(0x110000):
        bad = not chr(cp).isprintable()
        if bad and start is None:
            start = cp
        elif not bad and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))

    def b36(n):
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"
        s = ""
        while True:
            s = digits[n % 36] + s
            n //= 36
            if n == 0:
                return s

    out = []
    last = 0
    for a, b in ranges:
        out += [b36(a - last), b36(b - a)]
        last = b + 1
    return ",".join(out)


def build(rng, n_mut, n_soup, n_values, with_repr=True):
    headers = numpy_headers()
    cases = []
    for t in texts(rng, headers, n_mut, n_soup, n_values):
        plain, long = plain_outcome(t), long_outcome(t)
        cases.append({"text": encode_text(t), "plain": plain, "long": "same" if long == plain else long})
    doc = {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "literal": cases,
    }
    if with_repr:
        doc["repr"] = repr_values(rng)
    return doc


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--big":
        n = int(sys.argv[2])
        rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
        doc = build(rng, n // 2, n // 3, n // 6, with_repr=False)
        pathlib.Path(sys.argv[3]).write_text(json.dumps(doc))
        print(f"wrote {len(doc['literal'])} cases to {sys.argv[3]}")
        return
    rng = random.Random(20240611)
    doc = build(rng, 190, 150, 60)
    OUT.mkdir(exist_ok=True)
    text = json.dumps(doc, indent=0, separators=(",", ":"))
    (OUT / "cases.json").write_text(text + "\n")
    (OUT / "unprintable.txt").write_text(unprintable_table())
    print(f"wrote {len(doc['literal'])} literal cases and {len(doc['repr'])} repr cases "
          f"({len(text) // 1024} KB) to {OUT}")


if __name__ == "__main__":
    main()
