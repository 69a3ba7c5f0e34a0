#!/usr/bin/env python3
"""Cases for test/pickle/numpy-handlers.test.ts, made with real numpy.

For each object numpy pickles (arrays, dtypes, scalars) and each protocol,
this records what numpy's __reduce_ex__ hands the pickler -- the callable's
name, its args and the BUILD state -- in a tagged JSON form, and what
pickle.loads(pickle.dumps(obj, protocol)) gives back. Python 2 forms
(encoding='latin1': bytes as str; encoding='bytes': str as bytes) are listed
for each protocol-2 case where numpy gives the same result from them.

JSON tags: null/bool/str/int as JSON; {"$int": "..."} for ints beyond 2**53;
{"$float": repr}; {"$bytes": b64}; {"$bytearray": b64}; {"$tuple": [...]};
lists as arrays; {"$dict": [[k, v], ...]}; {"$global": "numpy.ndarray"};
{"$reduce": {"fn": qualname, "args": tagged tuple, "state"?: tagged}}.

Writes pickle-handlers/numpy-cases.json (read by test/pickle/numpy-handlers.test.ts).
"""
import base64
import pathlib
import hashlib
import json
import pickle
import sys
import warnings

import numpy as np
from numpy._core import multiarray as ma
from numpy._core import numeric as nn

warnings.simplefilter('ignore', DeprecationWarning)

FNS = {
    'numpy.dtype': np.dtype,
    'numpy._core.multiarray._reconstruct': ma._reconstruct,
    'numpy._core.multiarray.scalar': ma.scalar,
    'numpy._core.numeric._frombuffer': nn._frombuffer,
}


def qual(f):
    if f is np.dtype:
        return 'numpy.dtype'
    return f'{f.__module__}.{f.__name__}'


def b64(b):
    return base64.b64encode(bytes(b)).decode('ascii')


def enc(x, proto):
    if isinstance(x, (np.dtype, np.ndarray, np.generic)):
        r = x.__reduce_ex__(proto)
        out = {'fn': qual(r[0]), 'args': enc(r[1], proto)}
        if len(r) > 2 and r[2] is not None:
            out['state'] = enc(r[2], proto)
        return {'$reduce': out}
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x if abs(x) < 2**53 else {'$int': str(x)}
    if isinstance(x, float):
        return {'$float': repr(x)}
    if isinstance(x, str):
        return x
    if isinstance(x, bytes):
        return {'$bytes': b64(x)}
    if isinstance(x, bytearray):
        return {'$bytearray': b64(x)}
    if isinstance(x, pickle.PickleBuffer):
        m = x.raw()
        # what the pickler writes: BINBYTES if read-only, BYTEARRAY8 if not
        return {'$bytes' if m.readonly else '$bytearray': b64(m)}
    if isinstance(x, tuple):
        return {'$tuple': [enc(i, proto) for i in x]}
    if isinstance(x, list):
        return [enc(i, proto) for i in x]
    if isinstance(x, dict):
        return {'$dict': [[enc(k, proto), enc(v, proto)] for k, v in x.items()]}
    if x is np.ndarray:
        return {'$global': 'numpy.ndarray'}
    if isinstance(x, type):
        return {'$global': f'{x.__module__}.{x.__qualname__}'}
    raise TypeError(f'cannot tag {type(x)}')


def dec(j):
    if isinstance(j, list):
        return [dec(i) for i in j]
    if not isinstance(j, dict):
        return j
    (tag, v), = j.items()
    if tag == '$int':
        return int(v)
    if tag == '$float':
        return float(v)
    if tag == '$bytes':
        return base64.b64decode(v)
    if tag == '$bytearray':
        return bytearray(base64.b64decode(v))
    if tag == '$tuple':
        return tuple(dec(i) for i in v)
    if tag == '$dict':
        return {dec(k): dec(x) for k, x in v}
    if tag == '$global':
        return {'numpy.ndarray': np.ndarray, 'numpy.dtype': np.dtype}[v]
    if tag == '$reduce':
        obj = FNS[v['fn']](*dec(v['args']))
        if 'state' in v:
            obj.__setstate__(dec(v['state']))
        return obj
    raise ValueError(tag)


def to_py2(j, mode):
    """Python 2 str as Python 3 sees it: latin1 -> bytes become str; bytes -> str become bytes."""
    if isinstance(j, str):
        return {'$bytes': b64(j.encode('latin1'))} if mode == 'bytes' else j
    if isinstance(j, list):
        return [to_py2(i, mode) for i in j]
    if not isinstance(j, dict):
        return j
    (tag, v), = j.items()
    if tag == '$bytes':
        return base64.b64decode(v).decode('latin1') if mode == 'latin1' else j
    if tag in ('$tuple',):
        return {tag: [to_py2(i, mode) for i in v]}
    if tag == '$dict':
        return {tag: [[to_py2(k, mode), to_py2(x, mode)] for k, x in v]}
    if tag == '$reduce':
        out = {'fn': v['fn'], 'args': to_py2(v['args'], mode)}
        if 'state' in v:
            out['state'] = to_py2(v['state'], mode)
        return {tag: out}
    return j


def title_of(t):
    if len(t) < 3 or t[2] is None:
        return None
    return t[2].decode('ascii') if isinstance(t[2], bytes) else t[2]


NATIVE = '<' if sys.byteorder == 'little' else '>'


def ddesc(d):
    # setstate flips '>' to '<' on flexible and datetime dtypes without
    # normalising it to '=': the same (native) dtype, spelled differently.
    bo = '=' if d.byteorder == NATIVE else d.byteorder
    out = {'str': d.str, 'kind': d.kind, 'itemsize': d.itemsize, 'byteorder': bo}
    if d.names is not None:
        out['fields'] = [[n, ddesc(d.fields[n][0]), d.fields[n][1], title_of(d.fields[n])] for n in d.names]
    if d.subdtype is not None and d.shape != ():
        out['subdtype'] = [ddesc(d.subdtype[0]), list(d.subdtype[1])]
    if d.kind in 'mM':
        unit, count = np.datetime_data(d)
        out['unit'] = [unit, count]
    return out


def layout(a):
    return 'C' if a.flags.c_contiguous else 'F' if a.flags.f_contiguous else 'other'


def desc(x):
    if isinstance(x, np.ndarray):
        if x.dtype.hasobject:
            items = []
            for idx in np.ndindex(x.shape):
                it = x[idx]
                items.append(desc(it.item() if isinstance(it, np.void) else it))
            return {'objarray': {'dtype': ddesc(x.dtype), 'shape': list(x.shape), 'layout': layout(x), 'items': items}}
        return {'array': {'dtype': ddesc(x.dtype), 'shape': list(x.shape), 'layout': layout(x),
                          'sha256': hashlib.sha256(x.tobytes(order='C')).hexdigest(), 'nbytes': x.nbytes}}
    if isinstance(x, np.generic):
        # tobytes() pads an empty str_/bytes_ to one character: keep the item's own bytes
        return {'scalar': {'dtype': ddesc(x.dtype), 'hex': x.tobytes()[:x.dtype.itemsize].hex()}}
    if isinstance(x, np.dtype):
        return {'dtype': ddesc(x)}
    if isinstance(x, list):
        return {'list': [desc(i) for i in x]}
    if isinstance(x, tuple):
        return {'tuple': [desc(i) for i in x]}
    return {'value': enc(x, 2)}


# ---------------------------------------------------------------------------
# the objects

def arrays():
    yield 'f8 2-d', np.arange(12.).reshape(3, 4) / 7
    yield '>f8 2-d', (np.arange(12.).reshape(3, 4) / 7).astype('>f8')
    yield '<f4', np.linspace(-1, 1, 5, dtype='<f4')
    yield '>f4', np.linspace(-1, 1, 5, dtype='>f4')
    yield '<f2', np.array([0.5, -2, np.inf, np.nan], dtype='<f2')
    yield '>f2', np.array([0.5, -2, np.inf, 65504], dtype='>f2')
    yield 'longdouble', np.array([1.5, -1e300], dtype='<g')
    yield '>longdouble', np.array([1.5, -1e300], dtype='>g')
    yield 'i1', np.array([-128, 0, 127], dtype='i1')
    yield 'u1', np.array([0, 255, 7], dtype='u1')
    yield '>i2', np.array([-2, 300, 7], dtype='>i2')
    yield '<u2', np.array([65535, 1], dtype='<u2')
    yield '<i4', np.arange(-3, 4, dtype='<i4')
    yield '>i4', np.arange(-3, 4, dtype='>i4')
    yield '<i8', np.array([-2**63, 2**62, 1], dtype='<i8')
    yield '>u8', np.array([2**64 - 1, 1], dtype='>u8')
    yield 'bool', np.array([True, False, True])
    yield '<c8', np.array([1 + 2j, -3.5j], dtype='<c8')
    yield '>c8', np.array([1 + 2j, -3.5j], dtype='>c8')
    yield '>c16', np.array([1 + 2j, np.nan], dtype='>c16')
    yield 'clongdouble', np.array([1 + 2j], dtype='G')
    yield 'S5', np.array([b'ab', b'', b'hello', b'\xff\x00x'], dtype='S5')
    yield '<U3', np.array(['ab', '', 'x\u00e9\U0001F600'], dtype='<U3')
    yield '>U3', np.array(['ab', '', 'x\u00e9\U0001F600'], dtype='>U3')
    yield 'V4', np.frombuffer(b'\x01\x02\x03\x04\x05\x06\x07\x08', dtype='V4').copy()
    yield 'M8[s]', np.array(['2020-01-01T00:00:01', 'NaT'], dtype='M8[s]')
    yield '>M8[25s]', np.array([0, 1, 2], dtype='>M8[25s]')
    yield '>m8[us]', np.array([-1, 10**12], dtype='>m8[us]')
    yield 'M8[D]', np.array(['1970-01-02', '2000-02-29'], dtype='M8[D]')
    yield 'M8 generic', np.array(['NaT'], dtype='M8')
    yield 'F f8', np.asfortranarray(np.arange(6.).reshape(2, 3))
    yield 'F >i4 3-d', np.asfortranarray(np.arange(24, dtype='>i4').reshape(2, 3, 4))
    yield '0-d f8', np.array(3.25)
    yield '0-d >i4', np.array(-7, dtype='>i4')
    yield '0-d U', np.array('hé', dtype='<U4')
    yield 'empty (0,)', np.zeros(0)
    yield 'empty (2,0) >i2', np.zeros((2, 0), dtype='>i2')
    yield 'empty F (0,3)', np.asfortranarray(np.zeros((3, 0)).T)
    yield 'record', np.array([(1, [1.5, 2.5], b'ab'), (-2, [0, -1], b'xyz')],
                             dtype=[('a', '>i4'), ('b', '<f8', (2,)), ('c', 'S3')])
    yield 'nested record', np.array([((1, 2), 3.0)], dtype=[('p', [('x', '<i2'), ('y', '>i2')]), ('z', '>f4')])
    yield 'titled record', np.zeros(2, dtype={'names': ['a', 'b'], 'formats': ['<i4', '>u2'], 'titles': ['Alpha', None]})
    yield 'aligned record', np.ones(3, dtype=np.dtype([('a', 'u1'), ('b', '>f8'), ('c', '<i2')], align=True))
    yield 'out-of-order record', np.arange(8, dtype='u1').view(
        np.dtype({'names': ['b', 'a'], 'formats': ['<i4', '<i2'], 'offsets': [4, 0], 'itemsize': 8}))
    yield 'datetime record', np.array([(1, 2)], dtype=[('t', '>M8[ms]'), ('d', '<m8[h]')])
    yield 'transposed >i4', np.arange(24, dtype='>i4').reshape(2, 3, 4).transpose(1, 0, 2)
    yield 'transposed U2', np.array([['a', 'bc'], ['d', 'ef'], ['g', 'h']], dtype='<U2').T
    yield 'strided', np.arange(10.)[::3]
    yield 'big f8', np.arange(300.)
    yield 'big >i8', np.arange(200, dtype='>i8')
    yield 'obj 1-d', np.array([1, 'two', None, 2.5, [3, 4], (5,), b'six', True, 2**70], dtype=object)
    yield 'obj F 2-d', np.asfortranarray(np.array([[1, 'a', None], [2.5, 'b', ()]], dtype=object))
    yield 'obj with numpy', np.array([np.arange(3, dtype='>i4'), np.float32(1.5), np.dtype('>M8[s]'),
                                      np.str_('hi'), np.array([None], dtype=object)], dtype=object)
    yield 'obj empty', np.array([], dtype=object)
    yield 'obj 0-d', np.array({'k': 1}, dtype=object)
    yield 'record with object', np.array([(1, 'x'), (2, None)], dtype=[('a', '>i4'), ('o', 'O')])


def dtypes():
    for s in ['f8', '>f8', '<f4', '>f2', 'i1', 'u1', '>i2', '<u4', '>i8', 'b1', 'c8', '>c16', 'g', '>G',
              'S5', 'S', 'U3', '>U3', 'U', 'V16', 'V', 'O', 'M8', 'M8[s]', '>M8[25s]', '<m8[us]', 'M8[3D]', 'm8[W]',
              'M8[as]', 'M8[Y]']:
        yield s, np.dtype(s)
    yield 'record', np.dtype([('a', '>i4'), ('b', '<f8', (2,)), ('c', 'S3')])
    yield 'nested aligned', np.dtype([('a', '>i4'), ('b', [('c', '<f8')], (2,))], align=True)
    yield 'titles', np.dtype({'names': ['a', 'b'], 'formats': ['i4', 'f8'], 'titles': ['Alpha', 'Beta']})
    yield 'subarray', np.dtype(('<i4', (2, 3)))
    yield 'subarray >f8 1-d', np.dtype(('>f8', 4))
    yield 'record with object', np.dtype([('a', 'O'), ('b', '<i8')])
    yield 'offsets', np.dtype({'names': ['x', 'y'], 'formats': ['u1', '<f4'], 'offsets': [8, 0], 'itemsize': 16})
    yield 'metadata', np.dtype('f8', metadata={'unit': 'm'})
    yield 'empty record', np.dtype([])


def scalars():
    yield 'float64', np.float64(1.5)
    yield 'float32', np.float32(-0.25)
    yield 'float16', np.float16(3)
    yield 'longdouble', np.longdouble('1.25')
    yield 'int8', np.int8(-3)
    yield 'uint64', np.uint64(2**64 - 1)
    yield 'int64', np.int64(-2**63)
    yield 'bool True', np.True_
    yield 'bool False', np.False_
    yield 'complex64', np.complex64(1 - 2j)
    yield 'complex128', np.complex128(1.5 + 0.5j)
    yield 'str_', np.str_('ab\u00e9\U0001F600')
    yield 'str_ empty', np.str_('')
    yield 'bytes_', np.bytes_(b'ab\x00c')
    yield 'bytes_ empty', np.bytes_(b'')
    yield 'datetime64', np.datetime64('2020-01-02T03:04:05', 's')
    yield 'datetime64 25s', np.datetime64(7, '25s')
    yield 'timedelta64', np.timedelta64(-5, 'ms')
    yield 'NaT', np.datetime64('NaT')
    yield 'void', np.void(b'\x01\x02\x03')
    yield 'record', np.array([(1, 2.5)], dtype=[('a', '>i4'), ('b', '<f8')])[0]


# hand-made reduce args, for forms numpy itself no longer writes
def D(s):
    return np.dtype(s)


def handmade():
    R = 'numpy._core.multiarray._reconstruct'
    S = 'numpy._core.multiarray.scalar'
    F = 'numpy._core.numeric._frombuffer'
    T = 'numpy.dtype'
    nd = np.ndarray

    def red(fn, args, state=None):
        out = {'fn': fn, 'args': enc(args, 2)}
        if state is not None:
            out['state'] = enc(state, 2)
        return {'$reduce': out}

    i8 = D('<i8')
    # dtype states of every layout
    yield 'dtype v0 5-tuple record', red(T, ('V8', 0, 1), ('|', None, {-1: ('a',), 'a': (i8, 0)}, 8, 1))
    yield 'dtype v1 6-tuple record', red(T, ('V8', 0, 1), (1, '|', None, {-1: ('a',), 'a': (i8, 0)}, 8, 1))
    yield 'dtype v0 6-tuple plain', red(T, ('f8', 0, 1), (0, '>', None, None, -1, -1))
    yield 'dtype v2 7-tuple record', red(T, ('V8', 0, 1), (2, '|', None, ('a',), {'a': (i8, 0)}, 8, 1))
    yield 'dtype v3 8-tuple >f4', red(T, ('f4', 0, 1), (3, '>', None, None, None, -1, -1, 0))
    yield 'dtype v4 str unit', red(T, ('M8', 0, 1), (4, '>', None, None, None, -1, -1, 0, ({}, ('ms', 1, 1, 1))))
    yield 'dtype v4 den', red(T, ('M8', 0, 1), (4, '<', None, None, None, -1, -1, 0, ({}, ('ms', 3, 1000, 1))))
    yield 'dtype v4 2-tuple unit', red(T, ('m8', 0, 1), (4, '<', None, None, None, -1, -1, 0, (None, ('h', 2))))
    yield 'dtype v4 micro sign', red(T, ('M8', 0, 1), (4, '<', None, None, None, -1, -1, 0, (None, (b'\xce\xbcs', 1, 1, 1))))
    yield 'dtype bytes endian', red(T, (b'f8', 0, 1), (3, b'>', None, None, None, -1, -1, 0))
    yield 'dtype = endian', red(T, ('i4', 0, 1), (3, '=', None, None, None, -1, -1, 0))
    yield 'dtype negative flags', red(T, ('V8', 0, 1), (3, '|', None, ('a',), {'a': (D('O'), 0)}, 8, 8, -65))
    yield 'dtype int subarray shape', red(T, ('V8', 0, 1), (3, '|', (D('<i4'), 2), None, None, 8, 4, 0))
    yield 'dtype bytes names and titles', red(T, ('V8', 0, 1), (3, '|', None, (b'a',),
                                              {b'a': (i8, 0, b'T'), b'T': (i8, 0, b'T')}, 8, 1, 0))
    yield 'dtype U elsize', red(T, ('U0', 0, 1), (3, '<', None, None, None, 12, 4, 8))
    yield 'dtype S elsize', red(T, ('S0', 0, 1), (3, '|', None, None, None, 7, 1, 0))
    yield 'dtype O4', red(T, ('O4', 0, 1), (3, '|', None, None, None, -1, -1, 63))
    yield 'dtype a typestr', red(T, ('a3', 0, 1), (3, '|', None, None, None, 3, 1, 0))
    # arrays in old forms
    yield 'array 4-tuple state', red(R, (nd, (0,), b'b'), ((3,), D('<u2'), False, b'\x01\x00\x02\x00\x03\x00'))
    yield 'array v1 fortran 2-d', red(R, (nd, (0,), 'b'), (1, (2, 2), D('>i2'), True, b'\x00\x01\x00\x02\x00\x03\x00\x04'))
    yield 'array bool 0x02', red(R, (nd, (0,), b'b'), (1, (2,), D('?'), 0, b'\x02\x00'))
    yield 'array int is_fortran', red(R, (nd, (0,), b'b'), (1, (2, 2), D('<f4'), 1, bytes(range(16))))
    yield 'array state list', red(R, (nd, (0,), b'b'), [1, (2,), D('u1'), False, b'ab'])
    yield 'array object fortran', red(R, (nd, (0,), b'b'), (1, (2, 2), D('O'), True, [1, 2, 3, 4]))
    # scalars numpy does not write
    yield 'scalar >f8', red(S, (D('>f8'), b'?\xf8\x00\x00\x00\x00\x00\x00'))
    yield 'scalar >i4 long data', red(S, (D('>i4'), b'\x00\x00\x01\x00\xff\xff'))
    yield 'scalar >U3', red(S, (D('>U3'), b'\x00\x00\x00a\x00\x00\x00b\x00\x00\x00\x00'))
    yield 'scalar <U3 NULs', red(S, (D('<U3'), b'a\x00\x00\x00b\x00\x00\x00\x00\x00\x00\x00'))
    yield 'scalar U3 inner NUL', red(S, (D('<U3'), b'a\x00\x00\x00\x00\x00\x00\x00b\x00\x00\x00'))
    yield 'scalar S4 NULs', red(S, (D('S4'), b'a\x00\x00\x00'))
    yield 'scalar bool 2', red(S, (D('?'), b'\x02'))
    yield 'scalar >M8[s]', red(S, (D('>M8[s]'), b'\x00\x00\x00\x00\x00\x00\x01\x00'))
    yield 'scalar >c8', red(S, (D('>c8'), b'?\x80\x00\x00\xc0\x00\x00\x00'))
    yield 'scalar record >i4', red(S, (D([('a', '>i4')]), b'\x00\x00\x00\x05'))
    yield 'scalar no data', red(S, (D('<i4'),))
    # _frombuffer forms
    yield 'frombuffer bytes C', red(F, (b'\x00\x01\x00\x02\x00\x03\x00\x04', D('>i2'), (2, 2), 'C'))
    yield 'frombuffer bytearray F', red(F, (bytearray(b'\x01\x02\x03\x04\x05\x06'), D('u1'), (2, 3), 'F'))
    yield 'frombuffer int shape', red(F, (b'abcd', D('u1'), 4, 'C'))
    yield 'frombuffer -1', red(F, (b'abcdef', D('u1'), (2, -1), 'C'))
    yield 'frombuffer bytes order', red(F, (b'abcd', D('u1'), (2, 2), b'F'))
    yield 'frombuffer A', red(F, (b'abcd', D('u1'), (2, 2), 'A'))
    yield 'frombuffer K axes', red(F, (bytes(range(24)), D('<u2'), (2, 3, 2), 'K', (2, 0, 1)))
    yield 'frombuffer K None', red(F, (b'abcd', D('u1'), (2, 2), 'C', None))
    yield 'frombuffer record', red(F, (b'\x00\x00\x00\x01\x02\x00', D([('a', '>i4'), ('b', '<u2')]), (1,), 'C'))


def errors():
    R = 'numpy._core.multiarray._reconstruct'
    S = 'numpy._core.multiarray.scalar'
    F = 'numpy._core.numeric._frombuffer'
    T = 'numpy.dtype'
    nd = np.ndarray
    u1 = D('u1')

    def red(fn, args, state=None):
        out = {'fn': fn, 'args': enc(args, 2)}
        if state is not None:
            out['state'] = enc(state, 2)
        return {'$reduce': out}

    def arr(state):
        return red(R, (nd, (0,), b'b'), state)

    def dt(typ, state):
        return red(T, (typ, False, True), state)

    yield 'array version 2', arr((2, (2,), u1, False, b'ab'))
    yield 'array buffer too long', arr((1, (2,), u1, False, b'abc'))
    yield 'array buffer too short', arr((1, (2, 2), D('<i4'), False, b'abc'))
    yield 'array negative dim', arr((1, (-1,), u1, False, b''))
    yield 'array object bytes', arr((1, (2,), D('O'), False, b'ab'))
    yield 'array object tuple', arr((1, (2,), D('O'), False, (1, 2)))
    yield 'array non-latin1 str', arr((1, (1,), u1, False, '\u0100'))
    yield 'array rawdata int', arr((1, (1,), u1, False, 5))
    yield 'array rawdata bytearray', arr((1, (2,), u1, False, bytearray(b'ab')))
    yield 'array shape list', arr((1, [2], u1, False, b'ab'))
    yield 'array dtype str', arr((1, (2,), 'u1', False, b'ab'))
    yield 'array 3-tuple', arr((1, (2,), u1))
    yield 'reconstruct non-ndarray', red(R, (np.dtype, (0,), b'b'))
    yield 'reconstruct negative shape', red(R, (nd, (-1,), b'b'))
    yield 'dtype version 7', dt('f8', (7, '<', None, None, None, -1, -1, 0))
    yield 'dtype 10-tuple', dt('f8', (3,) * 10)
    yield 'dtype 4-tuple', dt('f8', (3, '<', None, None))
    yield 'dtype state list', dt('f8', [3, '<', None, None, None, -1, -1, 0])
    yield 'dtype endian 2 chars', dt('f8', (3, '<>', None, None, None, -1, -1, 0))
    yield 'dtype endian int', dt('f8', (3, 5, None, None, None, -1, -1, 0))
    yield 'dtype 6-tuple v3', dt('f8', (3, '<', None, None, -1, -1))
    yield 'dtype names no fields', dt('V8', (3, '|', None, ('a',), None, 8, 1, 0))
    yield 'dtype list names', dt('V8', (3, '|', None, ['a'], {'a': (D('<i8'), 0)}, 8, 1, 0))
    yield 'dtype missing field', dt('V8', (3, '|', None, ('b',), {'a': (D('<i8'), 0)}, 8, 1, 0))
    yield 'dtype bad subarray', dt('V8', (3, '|', ('<i4', (2,)), None, None, 8, 1, 0))
    yield 'dtype subarray list shape', dt('V8', (3, '|', (D('<i4'), [2]), None, None, 8, 1, 0))
    yield 'dtype bad unit', dt('M8', (4, '>', None, None, None, -1, -1, 0, ({}, ('xs', 1, 1, 1))))
    yield 'dtype zero num', dt('M8', (4, '>', None, None, None, -1, -1, 0, ({}, ('s', 0, 1, 1))))
    yield 'dtype metadata 1-tuple', dt('M8', (4, '>', None, None, None, -1, -1, 0, ({},)))
    yield 'dtype datetime metadata None', dt('M8', (4, '>', None, None, None, -1, -1, 0, None))
    yield 'dtype flags float', dt('f8', (3, '>', None, None, None, -1, -1, 1.5))
    yield 'dtype bad typestr', red(T, ('f3', False, True))
    yield 'scalar too small', red(S, (D('<f8'), b'1234'))
    yield 'scalar non-latin1 str', red(S, (D('<i2'), '\u0100\u0100'))
    yield 'scalar int data', red(S, (D('<i2'), 5))
    yield 'scalar bytearray data', red(S, (D('<i2'), bytearray(b'ab')))
    yield 'scalar str dtype', red(S, ('f8', b'12345678'))
    yield 'frombuffer not multiple', red(F, (b'abc', D('<i2'), (1,), 'C'))
    yield 'frombuffer reshape', red(F, (b'abc', u1, (2,), 'C'))
    yield 'frombuffer reshape 2-d', red(F, (b'abc', u1, (2, 2), 'C'))
    yield 'frombuffer object', red(F, (b'abcdefgh', D('O'), (1,), 'C'))
    yield 'frombuffer K no axes', red(F, (b'abcd', u1, (2, 2), 'K'))
    yield 'frombuffer bad order', red(F, (b'abcd', u1, (2, 2), 'X'))
    yield 'frombuffer repeated axes', red(F, (b'abcd', u1, (2, 2), 'K', (0, 0)))
    yield 'frombuffer zero itemsize', red(F, (b'abcd', D('S0'), (2, 2), 'C'))
    yield 'frombuffer -1 with 0', red(F, (b'', u1, (0, -1), 'C'))


def py2_modes(value, expect):
    modes = []
    for mode in ('latin1', 'bytes'):
        try:
            got = desc(dec(to_py2(value, mode)))
        except Exception:
            continue
        if got == expect:
            modes.append(mode)
    return modes


def main():
    cases = []
    groups = [('array', arrays()), ('dtype', dtypes()), ('scalar', scalars())]
    for group, items in groups:
        for name, obj in items:
            for proto in (2, 4, 5):
                value = enc(obj, proto)
                expect = desc(pickle.loads(pickle.dumps(obj, proto)))
                again = desc(dec(value))
                assert again == expect, (name, proto, again, expect)
                case = {'group': group, 'name': name, 'protocol': proto, 'value': value, 'expect': expect,
                        'pickle': b64(pickle.dumps(obj, proto))}
                if proto == 2:
                    case['py2'] = py2_modes(value, expect)
                cases.append(case)
    for name, value in handmade():
        expect = desc(dec(value))
        cases.append({'group': 'handmade', 'name': name, 'protocol': 2, 'value': value, 'expect': expect,
                      'py2': py2_modes(value, expect)})
    errs = []
    for name, value in errors():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('error')
                desc(dec(value))  # some states fail only when the dtype is used
        except Exception as e:
            errs.append({'name': name, 'value': value, 'error': type(e).__name__, 'message': str(e)})
        else:
            raise AssertionError(f'{name} did not fail')
    out = pathlib.Path(__file__).resolve().parent / 'pickle-handlers' / 'numpy-cases.json'
    out.parent.mkdir(exist_ok=True)
    with open(out, 'w') as fh:
        json.dump({'numpy': np.__version__, 'python': sys.version.split()[0], 'cases': cases, 'errors': errs},
                  fh, indent=None, separators=(',', ':'))
        fh.write('\n')


if __name__ == '__main__':
    main()
