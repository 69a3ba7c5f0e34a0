#!/usr/bin/env python3
# Generates test/pickle/builtins-cases.json: what CPython 3.11 returns (or raises)
# for the reconstructors npyio's pickle/builtins.ts implements, called with the
# argument shapes pickles carry. Run from the repository root: python3 <this file>.
import _codecs, collections, copyreg, datetime as dt, decimal, json, pickle, random, sys

D = decimal.Decimal


def enc(v):
    """A Python value as tagged JSON (the test decodes it into npyio's value model)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {'int': str(v)}
    if isinstance(v, float):
        return {'float': repr(v)}
    if isinstance(v, str):
        return {'str': v}
    if isinstance(v, bytes):
        return {'bytes': v.hex()}
    if isinstance(v, bytearray):
        return {'bytearray': bytes(v).hex()}
    if isinstance(v, complex):
        return {'complex': [repr(v.real), repr(v.imag)]}
    if isinstance(v, collections.OrderedDict):
        return {'odict': [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, dict):
        return {'dict': [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return {'list': [enc(x) for x in v]}
    if isinstance(v, tuple):
        return {'tuple': [enc(x) for x in v]}
    if isinstance(v, frozenset):
        return {'frozenset': [enc(x) for x in v]}
    if isinstance(v, set):
        return {'set': [enc(x) for x in v]}
    if isinstance(v, slice):
        return {'slice': [enc(v.start), enc(v.stop), enc(v.step)]}
    if isinstance(v, range):
        return {'range': [enc(v.start), enc(v.stop), enc(v.step)]}
    if isinstance(v, D):
        return {'decimal': str(v)}
    if isinstance(v, dt.timedelta):
        return {'timedelta': [v.days, v.seconds, v.microseconds]}
    if isinstance(v, dt.timezone):
        args = v.__getinitargs__()
        return {'timezone': [enc(args[0]), args[1] if len(args) > 1 else None]}
    if isinstance(v, dt.datetime):
        return {'datetime': [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, enc(v.tzinfo), v.fold],
                'iso': v.isoformat()}
    if isinstance(v, dt.date):
        return {'date': [v.year, v.month, v.day], 'iso': v.isoformat()}
    if isinstance(v, dt.time):
        return {'time': [v.hour, v.minute, v.second, v.microsecond, enc(v.tzinfo), v.fold], 'iso': v.isoformat()}
    raise TypeError(type(v))


FUNCS = {
    'builtins.set': set, 'builtins.frozenset': frozenset, 'builtins.bytearray': bytearray, 'builtins.bytes': bytes,
    'builtins.complex': complex, 'builtins.slice': slice, 'builtins.range': range, '_codecs.encode': _codecs.encode,
    'collections.OrderedDict': collections.OrderedDict, 'datetime.date': dt.date, 'datetime.time': dt.time,
    'datetime.datetime': dt.datetime, 'datetime.timedelta': dt.timedelta, 'datetime.timezone': dt.timezone,
    'decimal.Decimal': D,
}

cases = []


def case(name, *args, note=None):
    try:
        r = {'value': enc(FUNCS[name](*args))}
    except Exception as e:
        r = {'error': [type(e).__name__, str(e)]}
    c = {'f': name, 'args': [enc(a) for a in args], **r}
    if note:
        c['note'] = note
    cases.append(c)


utc = dt.timezone.utc
cet = dt.timezone(dt.timedelta(hours=1), 'CET')
neg = dt.timezone(dt.timedelta(hours=-5, minutes=-30))
odd = dt.timezone(dt.timedelta(seconds=1, microseconds=7))

# ---- sets ----
for f in ('builtins.set', 'builtins.frozenset'):
    case(f)
    case(f, [1, 2, 2, 3])
    case(f, [1, 1.0, True, 'a', b'a', (1, 2), (1.0, 2)])
    case(f, (3, 1, 2))
    case(f, {5, 6})
    case(f, frozenset({7}))
    case(f, {'k': 1, 'j': 2})
    case(f, 'abca')
    case(f, b'abca')
    case(f, [0, -0.0, False])
    case(f, 1)
    case(f, 1.5)
    case(f, None)
    case(f, [1], [2])
    case(f, [[1]])
    case(f, [{}])
    case(f, [bytearray()])
    case(f, [(1, [2])])

# ---- bytes and bytearray ----
for f in ('builtins.bytearray', 'builtins.bytes'):
    case(f)
    case(f, b'abc\x00\xff')
    case(f, bytearray(b'xy'))
    case(f, '\xe9t\xe9\xff\x00', 'latin-1', note='Python 2 bytearray: (unicode, latin-1)')
    case(f, 'abc', 'latin1')
    case(f, 'abc', 'Latin-1')
    case(f, 'abc', 'iso-8859-1')
    case(f, 'abc', 'ascii')
    case(f, 'h\xe9\u20ac\U0001f600', 'utf-8')
    case(f, 'abc', 'latin-1', 'strict')
    case(f, '\u0100', 'latin-1')
    case(f, 'ab\u0100\u0101c', 'latin-1')
    case(f, 'a\U0001f600', 'latin-1')
    case(f, '\xe9', 'ascii')
    case(f, '\ud800', 'utf-8')
    case(f, [1, 2, 255, 0])
    case(f, (65, 66, True))
    case(f, [256])
    case(f, [-1])
    case(f, ['a'])
    case(f, [1.5])
    case(f, 'abc')
    case(f, b'abc', 'latin-1')
    case(f, 'abc', b'latin-1', note="Python 2 (unicode, 'latin-1') loaded with encoding='bytes'")
    case(f, 'abc', 5)
    case(f, None)
    case(f, 1.5)
    case(f, 'a', 'latin1', 'strict', 5)

# ---- complex, slice, range ----
f = 'builtins.complex'
for args in [(1.0, 2.0), (1, 2), (), (1.5,), (True, False), (-0.0, -0.0), (float('nan'), float('-inf')),
             (complex(1, 2), complex(3, 4)), (D('1.5'), 1), (2 ** 60, -(2 ** 70)), (2 ** 1024, 0), (1, 2 ** 1024),
             (None,), (1, None), ([1],), (1, 2, 3), (1, '2')]:
    case(f, *args)
f = 'builtins.slice'
for args in [(1, 2, 3), (None, 5, None), (5,), (1, 2), ('a', [1], None), (2 ** 70, -1, 1.5), (), (1, 2, 3, 4)]:
    case(f, *args)
f = 'builtins.range'
for args in [(0, 10, 2), (10,), (1, 5), (-5, 5, -1), (2 ** 70, 2 ** 71, 2 ** 65), (True, 5), (0, 10, 0), (1.5,),
             ('a',), (None,), (1, 1.5), (1, 2, 1.5), (), (1, 2, 3, 4)]:
    case(f, *args)

# ---- _codecs.encode ----
f = '_codecs.encode'
for args in [('abc', 'latin1'), ('\xe9\xff\x00\x80', 'latin1'), ('', 'latin1'), ('abc', 'latin-1'), ('abc', 'L1'),
             ('abc', 'iso8859_1'), ('abc', 'latin1', 'strict'), ('\u0100', 'latin1'), ('ab\u0100\u0101c', 'latin1'),
             ('a\U0001f600', 'latin1'), ('a\ud800b', 'latin1'), (b'abc', 'latin1'), (5, 'latin1'), ('a', 5),
             ('a', 'latin1', 5), (), ('a', 'latin1', 'strict', 4)]:
    case(f, *args)

# ---- OrderedDict ----
f = 'collections.OrderedDict'
for args in [(), ([[1, 2], [3, 4]],), ([(1, 2)],), ([['b', 1], ['a', 2], ['b', 3]],), ([[True, 'a'], [1, 'b'], [1.0, 'c']],),
             ({'x': 1, 'y': 2},), (['ab'],), ([[1, 2, 3]],), ([[1]],), ([1],), (5,), (1, 2), ([[[1], 2]],)]:
    case(f, *args)

# ---- datetime: pickled states, as __reduce_ex__ gives them ----
rnd = random.Random(20240611)


def rand_dt():
    y = rnd.choice([1, 2, 99, 1000, 1969, 1970, 2000, 2024, 9999, rnd.randint(1, 9999)])
    m = rnd.randint(1, 12)
    d = rnd.randint(1, 28)
    return dt.datetime(y, m, d, rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59),
                       rnd.choice([0, 1, 999999, rnd.randint(0, 999999)]))


for i in range(40):
    x = rand_dt()
    tz = [None, utc, cet, neg, odd][i % 5]
    fold = i % 3 == 0
    x = x.replace(tzinfo=tz, fold=int(fold))
    for obj in (x, x.date(), x.timetz()):
        cls, args = obj.__reduce_ex__(4)[:2]
        name = {dt.datetime: 'datetime.datetime', dt.date: 'datetime.date', dt.time: 'datetime.time'}[cls]
        case(name, *args, note='state bytes (protocol 4: fold in the month/hour byte)')
        if i % 4 == 0:
            cls, args = obj.__reduce_ex__(2)[:2]
            case(name, *args, note='state bytes (protocol 2)')
        if i % 2 == 0:
            state = args[0].decode('latin1')
            case(name, state, *args[1:], note='Python 2 state str loaded with encoding=latin1')

# hand-made states
for name, args in [
    ('datetime.date', (b'\x07\xe4\x01\x40',)),          # day 64: CPython does not check
    ('datetime.date', (b'\x07\xe4\x0d\x01',)),          # month 13: not a state, so not a date either
    ('datetime.date', (b'\x07\xe4\x81\x01',)),
    ('datetime.date', (b'\x07\xe4\x01',)),
    ('datetime.date', ('\u0100\x00\x01\x01',)),
    ('datetime.date', ('\x07\xe4\x81\x01',)),
    ('datetime.datetime', (b'\x07\xe4\x81\x01\x0c\x00\x00\x00\x00\x00',)),   # fold
    ('datetime.datetime', (b'\x07\xe4\x8d\x01\x0c\x00\x00\x00\x00\x00',)),
    ('datetime.datetime', (b'\x07\xe4\x01\x01\x00\x00\x00\x00\x00\x00', None)),
    ('datetime.datetime', (b'\x07\xe4\x01\x01\x00\x00\x00\x00\x00\x00', 5)),
    ('datetime.datetime', ('\u0107\xe4\x01\x01\x00\x00\x00\x00\x00\x00',)),
    ('datetime.datetime', ('\x07\xe4\u0181\x01\x00\x00\x00\x00\x00\x00',)),
    ('datetime.datetime', (b'\x07\xe4\x01\x01\x00\x00\x00\x00\x00',)),
    ('datetime.time', (b'\x8c\x1e\x00\x00\x00\x01',)),    # fold
    ('datetime.time', (b'\x18\x00\x00\x00\x00\x00',)),    # hour 24: not a state
    ('datetime.time', (b'\x0c\x00\x00\x00\x00\x00', 5)),
    ('datetime.time', (b'\x0c\x3c\x3c\xff\xff\xff',)),    # minute 60 etc.: CPython does not check
    ('datetime.time', ('\u0100\x00\x00\x00\x00\x00',)),
    ('datetime.time', ('\u0118\x00\x00\x00\x00\x00',)),
    ('datetime.time', (b'\x0c\x00\x00\x00\x00\x00', utc, 1)),
]:
    case(name, *args)

# constructor forms
for name, args in [
    ('datetime.date', (2020, 1, 31)), ('datetime.date', (1, 1, 1)), ('datetime.date', (9999, 12, 31)),
    ('datetime.date', (2020, 2, 29)), ('datetime.date', (2019, 2, 29)), ('datetime.date', (2020, 2, 30)),
    ('datetime.date', (0, 1, 1)), ('datetime.date', (10000, 1, 1)), ('datetime.date', (2020, 13, 1)),
    ('datetime.date', (2020, 0, 1)), ('datetime.date', (2020, 4, 31)), ('datetime.date', (2020, 1, 0)),
    ('datetime.date', (True, True, True)), ('datetime.date', (1.5, 1, 1)), ('datetime.date', ('a', 1, 1)),
    ('datetime.date', (2 ** 40, 1, 1)), ('datetime.date', (-(2 ** 40), 1, 1)), ('datetime.date', (2 ** 70, 1, 1)),
    ('datetime.date', (2020, 1)), ('datetime.date', ()), ('datetime.date', (1, 2, 3, 4)), ('datetime.date', (None, 1, 1)),
    ('datetime.time', ()), ('datetime.time', (12,)), ('datetime.time', (12, 30, 15, 999999)),
    ('datetime.time', (23, 59, 59, 999999, utc)), ('datetime.time', (1, 2, 3, 4, cet)), ('datetime.time', (1, 2, 3, 4, None)),
    ('datetime.time', (24,)), ('datetime.time', (-1,)), ('datetime.time', (1, 60)), ('datetime.time', (1, 1, 60)),
    ('datetime.time', (1, 1, 1, 10 ** 6)), ('datetime.time', (1, 1, 1, 1, 5)), ('datetime.time', (1, 2, 3, 4, None, 6)),
    ('datetime.time', (1.5,)),
    ('datetime.datetime', (2020, 1, 1)), ('datetime.datetime', (2020, 6, 15, 12, 30, 45, 123456)),
    ('datetime.datetime', (2020, 6, 15, 12, 30, 45, 123456, neg)), ('datetime.datetime', (2020, 1, 1, 0, 0, 0, 0, None)),
    ('datetime.datetime', (2020, 1, 1, 24)), ('datetime.datetime', (2020, 1, 32)), ('datetime.datetime', (2020,)),
    ('datetime.datetime', (2020, 1, 1, 1, 1, 1, 1, 5)), ('datetime.datetime', (2020, 1, 1, 1, 1, 1, 1, None, 1)),
    ('datetime.datetime', ()),
]:
    case(name, *args)

# ---- timedelta ----
f = 'datetime.timedelta'
for args in [(1, 2, 3), (), (1,), (1, 2), (0, -1, 0), (0, 86400, 0), (0, 0, -1), (0, 0, 10 ** 6), (-1, 86399, 999999),
             (0, -86401, -1), (999999999, 86399, 999999), (-999999999,), (0, 0, 0, 1, 1, 1, 1), (0, 0, 0, -1, -1, -1, -1),
             (True, False, True), (5, 2 ** 40, -(2 ** 45)), (1000000000,), (-1000000000,), (999999999, 86400),
             (2 ** 70,), (0, 2 ** 70), (0, 0, 0, 0, 0, 0, 2 ** 40), ('a',), (1, 'a'), (1, 2, None), (1, 2, 3, 4, 5, 6, 7, 8)]:
    case(f, *args)

# ---- timezone ----
f = 'datetime.timezone'
for args in [(dt.timedelta(0),), (dt.timedelta(hours=1), 'CET'), (dt.timedelta(hours=-5),), (dt.timedelta(0), 'UTC'),
             (dt.timedelta(0), ''), (dt.timedelta(seconds=1),), (dt.timedelta(microseconds=1),),
             (dt.timedelta(days=-1, seconds=1),), (dt.timedelta(hours=23, minutes=59, seconds=59, microseconds=999999),),
             (dt.timedelta(hours=24),), (dt.timedelta(hours=-24),), (dt.timedelta(days=2, seconds=5),),
             (dt.timedelta(days=-2, microseconds=5),), (1,), (dt.timedelta(0), 5), (dt.timedelta(0), None), (),
             (dt.timedelta(0), 'a', 'b')]:
    case(f, *args)
case(f, *utc.__reduce__()[1], note='timezone.utc as pickled')
case(f, *cet.__reduce__()[1], note='timezone with a name as pickled')

# ---- Decimal ----
f = 'decimal.Decimal'
texts = ['1.5', '1E+5', '1e5', '1e+5', '100', '-0', '0', '0.00', '-0.0E-3', '0E-7', '0.000001', '0.0000001', '1E-7',
         '10E-7', '123.456e-10', '1.000E+3', '1E+0', '1E-0', '1.e5', '.5', '5.', '+5', '-1.5', '00012.3400',
         '12345678901234567890123456789012345.6789', '1E+999999999999999999', '10E+999999999999999998',
         '1E-1999999999999999997', '0E+999999999999999999', '1E-1000000000000000000', '-1E-6', '-1E-5', '123E-8',
         'NaN', '-nan', 'NAN', 'sNaN', '-sNaN', 'NaN123', 'NaN0012', 'NaN0', 'sNaN00', 'Infinity', '-inf', 'INF',
         'infinity', '  1.5  ', '\t1\n', '\xa01.5\u2003', '\x1c1\x1f', '\x851', '1_000.5', '1__0', '_1', '1_', '-_1',
         '1_e5', 'N_aN', 'In_f', '\u0661\u0662', '\uff11.\uff15', '\U0001d7ce\U0001d7d9',
         'abc', '', ' ', '.', '.e5', '1e', '1.2.3', '+-1', '1 2', '1\x00', '0x10', '1e5.5', 'Infinit', 'nan1e5', '_',
         '1\xa02', '\ufeff1', '10E+999999999999999999', '1E+1000000000000000000', '1E-1999999999999999998',
         '0E-1999999999999999998', '0E+1000000000000000000', '0.0E-1999999999999999997', '1e999999999999999999999999']
for s in texts:
    case(f, s)
for args in [(b'1.5',), (5,), (-(2 ** 70),), (True,), (0.1,), (-0.0,), (1.5,), (1e300,), (5e-324,), (float('inf'),),
             (float('-inf'),), (float('nan'),), (D('1.50'),), (None,), ('1', None), ([1],), (1.5 + 0j,)]:
    case(f, *args)

out = {
    'python': sys.version.split()[0],
    'cases': cases,
}
import pathlib  # noqa: E402
_out = pathlib.Path(__file__).resolve().parent / 'pickle-handlers' / 'builtins-cases.json'
_out.parent.mkdir(exist_ok=True)
with open(_out, 'w') as fh:
    json.dump(out, fh, indent=0, ensure_ascii=True)
print(len(cases), 'cases')
