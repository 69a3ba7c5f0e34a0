"""Fixtures for src/format/repr.ts: numpy's repr() and str() of many arrays.

Writes python-fixtures/repr/cases.json and the small .npy files it names.
Every case has `repr` and `str` as numpy 2.4 prints them, and either `file`
(a .npy next to cases.json) or `descr`/`shape`/`hex` (the raw C-order bytes,
for the many random float arrays). `opts` are print options the case was
printed under (keys as npyio's PrintOptions).

Run: python3 python-fixtures/gen_repr.py
"""
import json
import os
import shutil
import sys

import numpy as np

assert np.__version__.startswith('2.4'), np.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'repr')

cases = []
names = set()


def add(name, a, opts=None, raw=False):
    assert name not in names, name
    names.add(name)
    a = np.asanyarray(a)
    po = dict(opts or {})
    np_opts = {}
    for k, v in po.items():
        np_opts['linewidth' if k == 'linewidth' else k] = v
    with np.printoptions(**np_opts):
        r = repr(a)
        s = str(a)
    case = {'name': name, 'repr': r, 'str': s}
    if po:
        case['opts'] = po
    if raw:
        c = a.copy(order='C')
        case['descr'] = c.dtype.str
        case['shape'] = list(c.shape)
        case['hex'] = c.tobytes().hex()
    else:
        fname = f'{len(cases):04d}.npy'
        np.save(os.path.join(OUT, fname), a, allow_pickle=False)
        case['file'] = fname
    cases.append(case)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)

    # ---- bool ----
    add('bool 1-d', np.array([True, False, True]))
    add('bool 0-d true', np.array(True))
    add('bool 0-d false', np.array(False))
    add('bool 2-d', np.array([[True, False], [False, False]]))
    add('bool all false', np.zeros(4, dtype=bool))
    add('bool summarized', np.arange(2000) % 3 == 0)

    # ---- integers ----
    for t in ['i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8']:
        info = np.iinfo(t)
        add(f'{t} extremes', np.array([info.min, 0, info.max], dtype=t))
        add(f'{t} small', np.array([1, 2, 3], dtype=t))
    for t in ['>i2', '>u2', '>i4', '>u4', '>i8', '>u8', '<i8', '|i1']:
        add(f'{t} byte order', np.array([1, 2, 100], dtype=t))
    add('int64 negative', np.array([-5, 10, -100]))
    add('int64 0-d', np.array(42))
    add('int64 0-d negative', np.array(-7))
    add('uint8 0-d', np.array(200, dtype=np.uint8))
    add('uint64 0-d max', np.array(2**64 - 1, dtype=np.uint64))
    add('int64 0-d min', np.array(-2**63, dtype=np.int64))
    add('int64 2-d', np.arange(12).reshape(3, 4) * 7 - 20)
    add('int64 3-d', np.arange(24).reshape(2, 3, 4))
    add('int64 4-d', np.arange(48).reshape(2, 2, 3, 4))
    add('int64 wide wraps', np.arange(40) * 1000)
    add('int64 arange 2000', np.arange(2000))
    add('int32 arange 1000 not summarized', np.arange(1000, dtype=np.int32))
    add('int32 arange 1001 summarized', np.arange(1001, dtype=np.int32))
    add('int16 3x400 summarized', np.arange(1200, dtype=np.int16).reshape(3, 400))
    add('int16 10x10x20 summarized', np.arange(2000, dtype=np.int16).reshape(10, 10, 20))
    add('uint64 big values', np.array([2**63, 2**64 - 1, 5], dtype=np.uint64))
    add('int16 column', np.arange(5, dtype=np.int16).reshape(5, 1))
    add('int64 row', np.arange(5).reshape(1, 5))
    add('int64 fortran order', np.asfortranarray(np.arange(6).reshape(2, 3)))
    add('int64 sign plus', np.array([-1, 0, 5]), {'sign': '+'})
    add('int64 sign space', np.array([1, 0, 5]), {'sign': ' '})
    add('int64 sign space negative', np.array([-1, 0, 5]), {'sign': ' '})

    # ---- float64 ----
    f8 = {
        'tenth': [0.1],
        'tenths': [0.1, 0.2, 0.3],
        'ones': [1.0, 2.0],
        'halves': [1.5, 2.25],
        '1e16': [1e16],
        '1e16 and 1': [1e16, 1.0],
        '1e8': [1e8],
        'just below 1e8': [99999999.0],
        '1e7 and 1': [1e7, 1.0],
        '1e-5': [1e-5],
        '1e-5 and 1': [1e-5, 1.0],
        '1e-4 and 1e-3': [1e-4, 1e-3],
        'just below 1e-4': [0.0000999999],
        'ratio 1000': [1.0, 1000.0],
        'ratio 1001': [1.0, 1001.0],
        'mixed magnitudes': [1.0, 1000.5, 0.001],
        'large ints': [1e15, 1.0, 123456789.0],
        '123456789': [123456789.0],
        'third': [1.0 / 3],
        'pi e': [np.pi, np.e],
        'tiny': [1e-300],
        'denormal': [5e-324],
        'denormals': [5e-324, 1e-310],
        'max finite': [1.7976931348623157e308],
        'max and min': [1.7976931348623157e308, -1.7976931348623157e308],
        'precision rounding': [0.123456789, 1.0],
        'round to 9s': [9.999999999, 1.0],
        'round up carry': [0.999999999],
        'round half even': [0.125, 0.375, 2.5],
        'near precision': [1.00000001, 1.000000005],
        'nan': [np.nan],
        'nan and 1.5': [np.nan, 1.5],
        'inf mix': [np.inf, -np.inf, np.nan],
        'neg inf and numbers': [-np.inf, 1.5, 100.25],
        'inf and exp': [1e300, 1e-300, np.inf],
        'nan and exp': [np.nan, 1e-20],
        'neg zero': [-0.0],
        'zero and neg zero': [0.0, -0.0],
        'zeros': [0.0, 0.0, 0.0],
        'negatives': [-1.5, 2.0, -300.125],
        'neg exp': [-1e-10, 5.0],
        'integers as floats': [0.0, 1.0, 2.0, 3.0, 4.0],
        'big exponent spread': [1e-200, 1e200],
        'exp 3 digits': [1e100, 1e-100],
        'money': [19.99, 5.0, 100.01],
        'sixth decimal': [0.000123, 0.5],
    }
    for k, v in f8.items():
        add(f'float64 {k}', np.array(v, dtype=np.float64))
    for v in [1.5, 0.1, 1e16, 1e20, 1.5e-5, -0.0, np.nan, -np.inf, 1e-320, 9999999999999998.0, 1000000.0, 0.0001,
              123456789.123, 1e15]:
        add(f'float64 0-d {v!r}', np.array(v))
    add('float64 big endian', np.array([1.5, -2.0, 1e-3], dtype='>f8'))
    add('float64 big endian 0-d', np.array(2.5, dtype='>f8'))
    add('float64 wide wraps', np.arange(30) * 1.1)
    add('float64 wide wraps exp', np.arange(1, 30) * 1.1e-7)
    add('float64 3-d', np.arange(24, dtype=float).reshape(2, 3, 4) / 8)
    add('float64 40x40 summarized', (np.arange(1600).reshape(40, 40) - 800) / 7.0)
    add('float64 1001 summarized', np.linspace(0, 1, 1001))
    add('float64 fortran order', np.asfortranarray(np.arange(6, dtype=float).reshape(2, 3) / 4))
    add('float64 column', (np.arange(4.0) / 3).reshape(4, 1))
    add('float64 2-d nan', np.array([[1.0, np.nan], [np.inf, -2.5]]))

    # ---- float32 ----
    f4 = {
        'tenth': [0.1], 'tenths': [0.1, 0.2, 0.3], '1e6': [1e6, 1.0], '999999': [999999.0], '1e-5': [1e-5],
        '1e-4': [1e-4, 1e-3], 'max': [3.4028235e38], 'min normal and subnormal': [1.17549435e-38, 1e-45],
        'nan inf': [np.nan, np.inf, -np.inf, 1.0], '2^24': [16777216.0, 1.0], 'tenth and 1e7': [0.1, 1e7],
        'pi': [np.pi], 'third': [1 / 3], 'neg zero': [-0.0, 1.0], 'ratio': [1.0, 1000.5],
        'precision': [1.2345678, 0.5],
    }
    for k, v in f4.items():
        add(f'float32 {k}', np.array(v, dtype=np.float32))
    for v in [0.1, 1e6, 999999.0, 1e16, 1e-5, 3.4028235e38, -0.0, np.nan, 1e-4]:
        add(f'float32 0-d {v!r}', np.array(v, dtype=np.float32))
    add('float32 big endian', np.array([0.1, 2.5], dtype='>f4'))
    add('float32 2-d', (np.arange(6, dtype=np.float32) / 3).reshape(2, 3))

    # ---- float16 ----
    f2 = {
        'tenths': [0.1, 0.2, 0.3], 'max': [65504.0, 1.0], 'min subnormal': [6e-8, 1.0], '1000': [1000.0, 1.0],
        '999': [999.0, 1.0], 'nan inf': [np.nan, np.inf, -np.inf], 'neg zero': [-0.0], '1e-4': [0.0001, 0.001],
        'pi': [np.pi], 'third': [1 / 3, 2 / 3], 'min normal': [6.1035e-05, 1.0], 'ratio': [1.0, 1001.0],
    }
    for k, v in f2.items():
        add(f'float16 {k}', np.array(v, dtype=np.float16))
    for v in [0.1, 1000.0, 999.0, 0.0001, 9.996e-05, 65504.0, -0.0, np.inf, np.nan]:
        add(f'float16 0-d {v!r}', np.array(v, dtype=np.float16))
    add('float16 big endian', np.array([0.1, 2.5], dtype='>f2'))

    # ---- long double (x87 80-bit) ----
    ld = np.longdouble
    add('longdouble tenth', np.array([ld('0.1'), ld(1) / 3]))
    add('longdouble from double', np.array([0.1, 1 / 3], dtype=ld))
    add('longdouble 0-d tenth', np.array(ld(0.1)))
    add('longdouble 0-d exact tenth', np.array(ld('0.1')))
    add('longdouble 0-d 1e-4', np.array(ld('0.0001')))
    add('longdouble huge', np.array(ld('1e4000')))
    add('longdouble tiny', np.array([ld('1e-4000'), ld(1)]))
    add('longdouble nan inf', np.array([np.nan, np.inf, -np.inf, 1.5], dtype=ld))
    add('longdouble ints', np.array([1, 2, 3], dtype=ld))
    add('longdouble big endian', np.array([0.1, 2.5], dtype='>f16'))
    add('longdouble 0-d 1e16', np.array(ld(1e16)))
    add('longdouble 0-d 2^64', np.array(ld(2) ** 64))

    # ---- complex ----
    add('complex128 basic', np.array([1 + 2j, 3 - 4j]))
    add('complex128 nan', np.array([1 + 2j, np.nan]))
    add('complex128 inf', np.array([complex(np.inf, -np.inf), 1j]))
    add('complex128 exp', np.array([1 + 2j, np.nan, -np.inf * 1j, 1e-10 + 3j]))
    add('complex128 zeros', np.array([0j, -0j]))
    add('complex128 2-d', np.array([[1 + 1j, 2.5 - 0.5j], [0.1j, -3]]))
    for v in [1.5 + 2j, 2j, -2j, 0j, complex(-0.0, 0.0), complex(1, np.nan), complex(np.inf, -0.0), 1e20 + 1e-5j,
              complex(np.nan, np.inf), 1000 + 0j, 1e16 + 1j, 0.1 + 0.1j]:
        add(f'complex128 0-d {v!r}', np.array(v))
    add('complex64 basic', np.array([1 + 2j, 3.25 - 1j], dtype=np.complex64))
    add('complex64 tenths', np.array([0.1 + 0.2j], dtype=np.complex64))
    add('complex64 0-d', np.array(1e6 + 1j, dtype=np.complex64))
    add('complex64 0-d tenth', np.array(0.1 + 0.1j, dtype=np.complex64))
    add('complex128 big endian', np.array([1 + 2j], dtype='>c16'))
    add('clongdouble basic', np.array([0.1 + 0.2j, 1j], dtype=np.clongdouble))
    add('clongdouble 0-d', np.array(0.1 + 0.1j, dtype=np.clongdouble))

    # ---- bytes ----
    add('S basic', np.array([b'ab', b'c']))
    add('S empty strings', np.array([b'', b'a']))
    add('S quotes', np.array([b"a'b", b'a"b', b'a\'"b']))
    add('S escapes', np.array([b'\x00\x01\xff', b'\\', b'\t\n\r', b'\x7f~']))
    add('S 0-d', np.array(b'x'))
    add('S 0-d quotes', np.array(b'a\'b"'))
    add('S 0-d empty', np.array(b''))
    add('S 2-d', np.array([[b'a', b'bb'], [b'ccc', b'']]))
    add('S all bytes', np.array([bytes([i]) for i in range(256)]))
    add('S wide wraps', np.array([b'word%d' % i for i in range(30)]))
    add('S trailing nul', np.array([b'a\x00b', b'c'], dtype='S4'))

    # ---- str ----
    add('U basic', np.array(['ab', 'c']))
    add('U quotes', np.array(["a'b", 'c"', 'd\'"e']))
    add('U escapes', np.array(['x\\y\n\x00z', '\t\r', '\x7f', '\x1b']))
    add('U unicode', np.array(['\u00e9', '\u200b', '\U0001F600', '\u00a0', '\u2028', '\x85', '\xad', '\u4e2d\u6587']))
    add('U lone surrogate', np.array(['\ud800x']))
    add('U 0-d', np.array('ab'))
    add('U 0-d empty', np.array(''))
    add('U 0-d unicode', np.array('h\u00e9\U0001F600'))
    add('U big endian', np.array(['ab', 'cde'], dtype='>U3'))
    add('U 2-d', np.array([['a', 'bb'], ['ccc', '']]))
    add('U wide wraps', np.array(['item%d' % i for i in range(30)]))
    add('U emoji wraps', np.array(['\U0001F600' * 5] * 12))
    add('U summarized', np.array(['%d' % (i % 10) for i in range(1001)]))
    add('U inner nul', np.array(['a\x00b'], dtype='U4'))

    # ---- void ----
    add('V2 basic', np.array([b'\x00\x01', b'ab'], dtype='V2'))
    add('V3 0-d', np.array(b'\xff\x10\x7f', dtype='V3'))
    add('V8 2-d', np.zeros((2, 2), dtype='V8'))

    # ---- datetime64 ----
    for unit in ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as']:
        add(f'datetime64 {unit}', np.array([0, 1, -1, 1000], dtype=f'M8[{unit}]'))
        add(f'datetime64 {unit} 0-d', np.array(12345, dtype=f'M8[{unit}]'))
        add(f'timedelta64 {unit}', np.array([1, -2, 300], dtype=f'm8[{unit}]'))
        add(f'timedelta64 {unit} 0-d', np.array(5, dtype=f'm8[{unit}]'))
    add('datetime64 iso', np.array(['2020-01-01T00:00:00', '1999-12-31T23:59:59'], dtype='M8[s]'))
    add('datetime64 NaT mix', np.array(['2020-01-01', 'NaT'], dtype='M8[D]'))
    add('datetime64 all NaT', np.array(['NaT', 'NaT'], dtype='M8[s]'))
    add('datetime64 generic NaT', np.array(['NaT'], dtype='M8'))
    add('datetime64 0-d NaT', np.array(np.datetime64('NaT', 'ns')))
    add('datetime64 0-d generic NaT', np.array(np.datetime64('NaT')))
    add('datetime64 big endian', np.array(['2020-05-06T07:08:09.123456789'], dtype='>M8[ns]'))
    add('datetime64 25s', np.array([1, 2], dtype='M8[25s]'))
    add('datetime64 25s 0-d', np.array(2, dtype='M8[25s]'))
    add('datetime64 2D', np.array([1, 200], dtype='M8[2D]'))
    add('datetime64 3W', np.array([1, -5], dtype='M8[3W]'))
    add('datetime64 7M', np.array([1, -5], dtype='M8[7M]'))
    add('datetime64 years outside', np.array([-1, 10000, -10000, 5, 0], dtype='M8[Y]') - np.datetime64(1970, 'Y').astype('i8'))
    add('datetime64 far days', np.array([-10**9, 10**7, 0], dtype='M8[D]'))
    add('datetime64 ns extremes', np.array([-2**63 + 1, 2**63 - 1], dtype='M8[ns]'))
    add('datetime64 as extremes', np.array([-2**63 + 1, 2**63 - 1, -1], dtype='M8[as]'))
    add('datetime64 fs negative', np.array([-1, -3600 * 10**15 - 1], dtype='M8[fs]'))
    add('datetime64 2-d', np.array([['2001-02-03', '2004-05-06'], ['NaT', '1900-01-01']], dtype='M8[D]'))
    add('datetime64 summarized', np.arange(1001).astype('M8[h]'))
    add('datetime64 leap days', np.array(['2000-02-29', '1900-03-01', '2400-02-29', '1600-12-31'], dtype='M8[D]'))
    add('timedelta64 NaT mix', np.array([5, 'NaT'], dtype='m8[s]'))
    add('timedelta64 all NaT', np.array(['NaT'], dtype='m8[s]'))
    add('timedelta64 generic', np.array([1, 2], dtype='m8'))
    add('timedelta64 generic 0-d', np.array(5, dtype='m8'))
    add('timedelta64 0-d NaT', np.array(np.timedelta64('NaT', 's')))
    add('timedelta64 25s 0-d', np.array(2, dtype='m8[25s]'))
    add('timedelta64 25s', np.array([2, 3], dtype='m8[25s]'))
    add('timedelta64 big endian', np.array([7, -8], dtype='>m8[us]'))
    add('timedelta64 extremes', np.array([-2**63 + 1, 2**63 - 1], dtype='m8[ns]'))

    # ---- structured ----
    rec = np.dtype([('a', '<i4'), ('b', '<f8')])
    add('record basic', np.array([(1, 2.0), (3, 4.5)], dtype=rec))
    add('record 0-d', np.array((1, 2.0), dtype=rec))
    add('record bool field', np.array([(1, 2.0, True), (2, 0.5, False)], dtype=[('a', 'i4'), ('b', 'f8'), ('c', '?')]))
    add('record 0-d bool', np.array((1, 2.0, True), dtype=[('a', 'i4'), ('b', 'f8'), ('c', '?')]))
    add('record single field', np.array([(1,), (2,)], dtype=[('a', 'i4')]))
    add('record 0-d single field', np.array((1,), dtype=[('a', 'i4')]))
    add('record nested', np.array([((1, 2.5), b'ab'), ((3, -1.0), b'c')],
                                  dtype=[('a', [('x', 'i2'), ('y', 'f4')]), ('b', 'S3')]))
    add('record subarray', np.array([(1, [[1.0, 2.0], [3.0, 4.5]])], dtype=[('a', 'i4'), ('b', 'f8', (2, 2))]))
    add('record 0-d subarray', np.array((1, [2.0, 3.5]), dtype=[('a', 'i4'), ('b', 'f8', (2,))]))
    add('record big subarray', np.zeros(2, dtype=[('a', 'i1', (1001,))]))
    add('record titles', np.array([(1, 2.0)], dtype=[(('tit', 'a'), 'i4'), ('b', 'f8')]))
    add('record gaps dict form', np.zeros(2, dtype={'names': ['a', 'b'], 'formats': ['i4', 'f8'], 'offsets': [0, 8],
                                                   'itemsize': 24}))
    add('record big endian', np.array([(1, 2.5)], dtype=[('a', '>i4'), ('b', '>f8')]))
    add('record all kinds', np.array([(1.5 + 2j, 2.5, 3.0, 0.1, '2020-01-01', 3, b'ab', 'xy', b'\x01')] * 2,
                                     dtype=[('a', 'c16'), ('b', 'f4'), ('c', 'f2'), ('d', 'g'), ('e', 'M8[D]'),
                                            ('f', 'm8[s]'), ('g', 'S2'), ('h', 'U2'), ('i', 'V1')]))
    add('record 0-d all kinds', np.array((1.5 + 2j, 2.5, 3.0, 0.1, '2020-01-01', 3, b'ab', 'xy', b'\x01'),
                                         dtype=[('a', 'c16'), ('b', 'f4'), ('c', 'f2'), ('d', 'g'), ('e', 'M8[D]'),
                                                ('f', 'm8[s]'), ('g', 'S2'), ('h', 'U2'), ('i', 'V1')]))
    add('record 2-d', np.array([[(1, 2.0), (3, 4.0)], [(5, 6.0), (7, 8.25)]], dtype=rec))
    add('record summarized', np.array([(i, i / 4) for i in range(1001)], dtype=[('a', '<i2'), ('b', '<f4')]))
    add('record wide wraps', np.array([(i, i * 1.5) for i in range(20)], dtype=rec))
    add('record exp floats', np.array([(1, 1e-10), (2, 1e10)], dtype=rec))
    add('record nan field', np.array([(1, np.nan), (2, 1.5)], dtype=rec))
    add('record 0-d floats str', np.array((0.1, np.float32(0.1), 1e20, np.nan), dtype=[('a', 'f8'), ('b', 'f4'),
                                                                                       ('c', 'f8'), ('d', 'f8')]))
    add('record 0-d subarray bool', np.array(([True, False],), dtype=[('a', '?', (2,))]))
    add('record unicode names', np.array([(1,)], dtype=[('\u00e9t\u00e9', 'i4')]))
    add('record i1 u1 fields', np.array([(1, 2)], dtype=[('a', 'i1'), ('b', 'u1')]))

    # ---- empty ----
    add('empty float64', np.array([], dtype=float))
    add('empty 3x0x2 int64', np.zeros((3, 0, 2), dtype=np.int64))
    add('empty 3x0x2 float64', np.zeros((3, 0, 2)))
    add('empty U3', np.zeros((0,), dtype='U3'))
    add('empty big endian 2x0', np.zeros((2, 0), dtype='>f8'))
    add('empty int32', np.zeros(0, dtype=np.int32))
    add('empty bool', np.zeros(0, dtype=bool))
    add('empty record', np.zeros(0, dtype=rec))
    add('empty datetime', np.zeros(0, dtype='M8[ns]'))
    add('empty 0x3', np.zeros((0, 3)))

    # ---- print options ----
    x = np.array([1.123456789, 22.5, -0.001])
    add('opts linewidth 40', np.arange(30) * 1.5, {'linewidth': 40})
    add('opts linewidth 20 ints', np.arange(20), {'linewidth': 20})
    add('opts precision 3', x, {'precision': 3})
    add('opts precision 0', x, {'precision': 0})
    add('opts threshold 10', np.arange(20), {'threshold': 10})
    add('opts edgeitems 1', np.arange(2000, dtype=np.int16).reshape(40, 50), {'edgeitems': 1})
    add('opts suppress', np.array([1e-10, 1.0, 5e-9]), {'suppress': True})
    add('opts suppress large', np.array([1e10, 1.0]), {'suppress': True})
    for mode in ['fixed', 'unique', 'maxprec', 'maxprec_equal']:
        add(f'opts floatmode {mode}', np.array([0.5, 0.25, 1.0 / 3, 1e-3]), {'floatmode': mode})
        add(f'opts floatmode {mode} exp', np.array([1e-10, 0.25, 1e5]), {'floatmode': mode})
        add(f'opts floatmode {mode} precision 3', np.array([0.5, 0.125, 2.0]), {'floatmode': mode, 'precision': 3})
    add('opts sign plus', np.array([1.5, -2.0, 0.0, np.nan, np.inf]), {'sign': '+'})
    add('opts sign space', np.array([1.5, 2.0, np.inf]), {'sign': ' '})
    add('opts sign space negative', np.array([1.5, -2.0]), {'sign': ' '})
    add('opts sign plus complex', np.array([1 + 1j, -2 - 2j]), {'sign': '+'})
    add('opts nanstr infstr', np.array([np.nan, np.inf, 1.0]), {'nanstr': 'NaN', 'infstr': 'Inf'})

    # ---- random floats, fixed seed: pins Dragon4 and the column logic ----
    rng = np.random.default_rng(20240611)
    specials = [np.nan, np.inf, -np.inf, 0.0, -0.0]

    def random_values(n, kind):
        if kind == 'uniform':
            return rng.uniform(-10, 10, n)
        if kind == 'unit':
            return rng.random(n)
        if kind == 'lognormal':
            return rng.lognormal(0, 3, n) * rng.choice([-1, 1], n)
        if kind == 'wide':
            return 10.0 ** rng.uniform(-12, 12, n) * rng.choice([-1, 1], n)
        if kind == 'ints':
            return rng.integers(-10**6, 10**6, n).astype(float)
        if kind == 'bigints':
            return rng.integers(0, 2**53, n).astype(float)
        if kind == 'rounded':
            return np.round(rng.uniform(-100, 100, n), rng.integers(0, 6))
        if kind == 'small':
            return rng.uniform(0, 1e-3, n)
        if kind == 'special':
            v = rng.uniform(-5, 5, n)
            for i in range(n):
                if rng.random() < 0.4:
                    v[i] = specials[rng.integers(0, len(specials))]
            return v
        if kind == 'bits':
            return rng.integers(0, 2**64, n, dtype=np.uint64).view(np.float64)
        raise ValueError(kind)

    kinds = ['uniform', 'unit', 'lognormal', 'wide', 'ints', 'bigints', 'rounded', 'small', 'special', 'bits']
    for i in range(200):
        kind = kinds[i % len(kinds)]
        n = int(rng.integers(1, 9))
        add(f'random float64 {i} {kind}', random_values(n, kind).astype(np.float64), raw=True)
    for i in range(140):
        kind = kinds[i % len(kinds)]
        n = int(rng.integers(1, 9))
        v = random_values(n, kind)
        if kind == 'bits':
            v = rng.integers(0, 2**32, n, dtype=np.uint32).view(np.float32)
        add(f'random float32 {i} {kind}', v.astype(np.float32), raw=True)
    for i in range(80):
        n = int(rng.integers(1, 7))
        v = rng.integers(0, 2**16, n, dtype=np.uint16).view(np.float16)
        add(f'random float16 {i} bits', v, raw=True)
    for i in range(60):
        n = int(rng.integers(1, 5))
        kind = kinds[i % len(kinds)]
        v = random_values(n, kind) + 1j * random_values(n, kinds[(i + 3) % len(kinds)])
        add(f'random complex128 {i} {kind}', v.astype(np.complex128), raw=True)
    for i in range(40):
        v = random_values(1, kinds[i % len(kinds)])
        add(f'random float64 0-d {i}', np.array(v[0]), raw=True)
        add(f'random float32 0-d {i}', np.array(np.float32(v[0])), raw=True)
    for i in range(30):
        n = int(rng.integers(1, 5))
        v = rng.integers(0, 2**64, n, dtype=np.uint64).view(np.float64).astype(np.longdouble) / 7
        add(f'random longdouble {i}', v, raw=True)
        add(f'random longdouble 0-d {i}', np.array(v[0]), raw=True)

    # random print options over random floats
    modes = ['fixed', 'unique', 'maxprec', 'maxprec_equal']
    for i in range(160):
        kind = kinds[i % len(kinds)]
        n = int(rng.integers(1, 7))
        dt = [np.float64, np.float32, np.float16][i % 3]
        v = random_values(n, kind)
        if kind == 'bits':
            v = rng.uniform(-1e5, 1e5, n)
        with np.errstate(all='ignore'):
            a = v.astype(dt)
        opts = {'precision': int(rng.integers(0, 12)), 'floatmode': modes[int(rng.integers(0, 4))],
                'suppress': bool(rng.integers(0, 2)), 'sign': ['-', '+', ' '][int(rng.integers(0, 3))]}
        add(f'random opts {i} {np.dtype(dt).name} {kind}', a, opts, raw=True)
    # random shapes and line widths: wrapping and nesting
    for i in range(80):
        ndim = int(rng.integers(1, 4))
        shape = tuple(int(x) for x in rng.integers(1, [13, 6, 4][ndim - 1], ndim))
        n = int(np.prod(shape))
        which = i % 4
        if which == 0:
            a = random_values(n, kinds[i % len(kinds)]).reshape(shape)
            if kinds[i % len(kinds)] == 'bits':
                a = rng.uniform(-1, 1, n).reshape(shape)
        elif which == 1:
            a = rng.integers(-10**int(rng.integers(1, 12)), 10**6, n).reshape(shape)
        elif which == 2:
            a = np.array(['x' * int(k) for k in rng.integers(0, 7, n)]).reshape(shape)
        else:
            a = (rng.uniform(-5, 5, n) + 1j * rng.uniform(-5, 5, n)).reshape(shape)
        opts = {'linewidth': int(rng.integers(10, 120))}
        add(f'random layout {i} {a.dtype.name} {shape}', a, opts, raw=True)
    # summarization with odd options
    add('opts edgeitems 0', np.arange(20), {'threshold': 5, 'edgeitems': 0})
    add('opts edgeitems 0 2-d', np.arange(40.0).reshape(5, 8) / 3, {'threshold': 5, 'edgeitems': 0})
    add('opts threshold 0', np.arange(5), {'threshold': 0})
    add('opts edgeitems 2 3-d', np.arange(1000, dtype=np.int16).reshape(10, 10, 10), {'threshold': 100, 'edgeitems': 2})
    add('opts summarized floats wrap', (np.linspace(-1e3, 1e3, 1050).reshape(15, 70) / 7).astype(np.float32), {'linewidth': 50})
    add('opts summarized record', np.zeros(30, dtype=[('a', 'f8', (3,)), ('b', 'i2')]), {'threshold': 10})
    add('opts summarized subarray field', np.zeros(2, dtype=[('a', 'i2', (4, 30))]), {'threshold': 50, 'edgeitems': 2})
    add('opts long word wraps', np.array(['a' * 50, 'b' * 50, 'c']), {'linewidth': 30})
    add('opts extras on new line', np.arange(14, dtype=np.int32), {'linewidth': 60})
    add('U surrogate pair as two code points', np.array(['\ud83d\ude00']))
    add('float16 exp', np.array([1e-7, 5.0, 60000.0], dtype=np.float16))
    add('float64 summarized nan corners', np.concatenate([[np.nan, np.inf], np.arange(1000.0), [-np.inf, -0.0]]))
    add('float64 summarized hidden nan', np.concatenate([[1.0, 2.0, 3.0], [np.nan] * 1000, [4.0, 5.0, 6.0]]))
    add('int64 summarized hidden extreme', np.concatenate([[1, 2, 3], [-10**15], np.zeros(1000, int), [4, 5, 6]]))
    add('complex128 sign space', np.array([1 + 1j, 2 - 2j]), {'sign': ' '})
    add('float64 exp negative zero', np.array([-0.0, 1e-10, 1e10]))
    add('float64 0-d big int', np.array(2.0 ** 70))
    add('float32 exp', np.array([1e-20, 1e20, -3.5], dtype=np.float32))
    add('datetime64 NaT widths', np.array(['NaT', '2020'], dtype='M8[Y]'))
    add('timedelta64 wide', np.array([10**15, -3, 'NaT'], dtype='m8[ns]'))
    add('bool 3-d', np.arange(8).reshape(2, 2, 2) % 3 == 0)
    add('record nested subarray of records', np.zeros(2, dtype=[('a', [('x', 'i1'), ('y', 'f4')], (2,))]))
    add('record 0-d nested', np.array(((1, 2.5), b'ab'), dtype=[('a', [('x', 'i2'), ('y', 'f4')]), ('b', 'S3')]))

    # The million-element array is built by the test (i * 0.5); only its text is stored.
    big = np.arange(1_000_000, dtype=np.float64) * 0.5
    big_case = {'name': 'float64 1e6 summarized', 'repr': repr(big), 'str': str(big), 'formula': 'i*0.5',
                'shape': [1_000_000]}

    def dumps(x):
        return json.dumps(x, ensure_ascii=False, separators=(',', ':'))

    with open(os.path.join(OUT, 'cases.json'), 'w', encoding='utf-8') as f:
        f.write('{"numpy":%s,\n"big":%s,\n"cases":[\n' % (dumps(np.__version__), dumps(big_case)))
        f.write(',\n'.join(dumps(c) for c in cases))
        f.write('\n]}\n')
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f'{len(cases)} cases, {total} bytes in {OUT}', file=sys.stderr)


if __name__ == '__main__':
    main()
