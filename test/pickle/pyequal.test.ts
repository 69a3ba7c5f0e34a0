import { expect } from 'chai';
import { UnpicklingError } from '../../src/errors.js';
import { toDType } from '../../src/dtype/descr.js';
import { NdArray } from '../../src/ndarray.js';
import { dictGet, dictSet, hashKey, pyKeyEquals, setAdd, setHas } from '../../src/pickle/pyequal.js';
import {
  makeFrozenSet, NumpyScalar, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyObject, PyRange, PySlice, PyTime,
  PyTimedelta, PyTimezone,
} from '../../src/pickle/values.js';
import { makeTuple, PyComplex } from '../../src/values.js';

// Expected results are CPython 3.11's (checked with python3 when these were written):
// e.g. {True: 'a', 1: 'b', 1.0: 'c', Decimal('1.0'): 'd', complex(1, 0): 'e'} == {True: 'e'}.

function dict(...pairs: [unknown, unknown][]): Map<unknown, unknown> {
  const d = new Map<unknown, unknown>();
  for (const [k, v] of pairs) dictSet(d, k, v);
  return d;
}

function set(...items: unknown[]): Set<unknown> {
  const s = new Set<unknown>();
  for (const x of items) setAdd(s, x);
  return s;
}

const t = (...items: unknown[]) => makeTuple(items);
const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function expectUnhashable(k: unknown, typeName: string): void {
  const check = (f: () => void) => {
    try {
      f();
    } catch (e) {
      expect(e).to.be.instanceOf(UnpicklingError);
      expect((e as UnpicklingError).pythonType).to.equal('TypeError');
      expect((e as Error).message).to.equal(`unhashable type: '${typeName}'`);
      return;
    }
    expect.fail(`no error for ${typeName}`);
  };
  check(() => hashKey(k));
  check(() => dictSet(new Map(), k, 1));
  check(() => dictSet(new Map([['a', 1]]), k, 1));
  check(() => setAdd(new Set(), k));
}

function u8(...b: number[]): Uint8Array {
  return Uint8Array.from(b);
}

describe('pickle/pyequal', () => {
  describe('dictSet', () => {
    it('keeps string keys in insertion order, last value winning', () => {
      const d = dict(['b', 1], ['a', 2], ['b', 3]);
      expect([...d]).to.deep.equal([['b', 3], ['a', 2]]);
    });

    it('collapses True, 1, 1.0, 1n, complex(1, 0) and Decimal("1.0"), keeping the first key and the last value', () => {
      const d = dict([true, 'a'], [1, 'b'], [1.0, 'c'], [1n, 'd'], [new PyComplex(1, 0), 'e'], [new PyDecimal('1.0'), 'f']);
      expect([...d]).to.deep.equal([[true, 'f']]);
    });

    it('keeps the first key object when it was an int', () => {
      const d = dict([1, 'a'], [true, 'b']);
      expect([...d]).to.deep.equal([[1, 'b']]);
      const dec = new PyDecimal('1.0');
      const e = dict([dec, 'a'], [1, 'b'], [true, 'c']);
      expect(e.size).to.equal(1);
      expect([...e.keys()][0]).to.equal(dec);
      expect(e.get(dec)).to.equal('c');
    });

    it('collapses False, 0, -0.0, Decimal("-0") and 0j', () => {
      const d = dict([0, 'a'], [-0, 'b'], [false, 'c'], [new PyDecimal('-0'), 'd'], [new PyComplex(0, 0), 'e']);
      expect([...d]).to.deep.equal([[0, 'e']]);
    });

    it('keeps a collapsed key at its first position', () => {
      const d = dict(['x', 1], [true, 2], ['y', 3], [1, 4], [t(1), 5], ['z', 6], [t(true), 7]);
      expect([...d]).to.deep.equal([['x', 1], [true, 4], ['y', 3], [t(1), 7], ['z', 6]]);
    });

    it('compares big ints with floats exactly (2**53 + 1 != 2.0**53, 2**60 == 2.0**60)', () => {
      expect(dict([2n ** 53n + 1n, 'a'], [2 ** 53, 'b']).size).to.equal(2);
      expect([...dict([2n ** 60n, 'a'], [2 ** 60, 'b'])]).to.deep.equal([[2n ** 60n, 'b']]);
      expect([...dict([2n ** 53n, 1], [2 ** 53, 2])]).to.deep.equal([[2n ** 53n, 2]]);
      expect(dict([10n ** 30n, 'a'], [10n ** 30n, 'b']).size).to.equal(1);
      expect(dict([10n ** 30n, 'a'], [-(10n ** 30n), 'b']).size).to.equal(2);
      expect(dict([2n ** 1100n, 'a'], [Infinity, 'b']).size).to.equal(2);
    });

    it('compares tuples item by item with Python equality', () => {
      const d = dict([t(1, 2), 'a'], [t(1.0, 2), 'b'], [t(true, 2.0), 'c']);
      expect(d.size).to.equal(1);
      expect(d.get([...d.keys()][0])).to.equal('c');
      expect(dict([t(1, t(2, 3)), 1], [t(1.0, t(2, 3.0)), 2]).size).to.equal(1);
      expect(dict([t(1, 2), 1], [t(2, 1), 2]).size).to.equal(2);
      expect(dict([t(), 1], [t(), 2]).size).to.equal(1);
      expect(dict([t('a', 'b'), 1], [t('ab'), 2], [t('a', 'b', ''), 3]).size).to.equal(3);
      expect(dict([t('1'), 1], [t(1), 2], [t(u8(0x31)), 3]).size).to.equal(3);
    });

    it('does not confuse tuples with strings that look like their canonical form', () => {
      const tup = t('a');
      const s = hashKey(tup) as string;
      expect(dict([tup, 1], [s, 2], [s.slice(1), 3]).size).to.equal(3);
    });

    it('compares frozensets as sets, in any order', () => {
      const d = dict([makeFrozenSet([1, 2]), 'a'], [makeFrozenSet([2.0, true]), 'b']);
      expect(d.size).to.equal(1);
      expect([...d.values()]).to.deep.equal(['b']);
      expect(dict([makeFrozenSet([]), 1], [t(), 2]).size).to.equal(2);
      expect(dict([makeFrozenSet([t(1, 2), 'x']), 1], [makeFrozenSet(['x', t(1.0, 2)]), 2]).size).to.equal(1);
    });

    it('compares bytes by content and never equal to str', () => {
      const a = bytes('a');
      const d = dict([a, 1], ['a', 2], [bytes('a'), 3]);
      expect([...d]).to.deep.equal([[a, 3], ['a', 2]]);
      expect([...d.keys()][0]).to.equal(a);
      expect(dict([u8(), 1], ['', 2]).size).to.equal(2);
      expect(dict([u8(0xff), 1], [u8(0xff), 2], [u8(0xfe), 3]).size).to.equal(2);
    });

    it('compares Decimals numerically with ints and floats', () => {
      expect([...dict([new PyDecimal('1E+2'), 1], [100, 2])].map(([, v]) => v)).to.deep.equal([2]);
      expect(dict([new PyDecimal('0.5'), 1], [0.5, 2]).size).to.equal(1);
      expect(dict([new PyDecimal('0.1'), 1], [0.1, 2]).size).to.equal(2);
      expect(dict([new PyDecimal('0.1'), 1], [new PyDecimal('0.10'), 2]).size).to.equal(1);
      expect(dict([new PyDecimal('Infinity'), 1], [Infinity, 2]).size).to.equal(1);
      expect(dict([new PyDecimal('-Infinity'), 1], [Infinity, 2]).size).to.equal(2);
      expect(dict([new PyDecimal('1.5E+400'), 1], [15n * 10n ** 399n, 2]).size).to.equal(1);
      expect(dict([new PyDecimal('1152921504606846976'), 1], [2 ** 60, 2]).size).to.equal(1);
      expect(dict([new PyDecimal('1E+999999999'), 1], [new PyDecimal('10E+999999998'), 2]).size).to.equal(1);
      expect(dict([new PyDecimal('1E-999999999'), 1], [new PyDecimal('1E-999999998'), 2]).size).to.equal(2);
      expect(dict([new PyDecimal('5E-324'), 1], [5e-324, 2]).size).to.equal(2);
      expect(dict([new PyDecimal('-2.5'), 1], [-2.5, 2]).size).to.equal(1);
    });

    it('keeps quiet NaN Decimals apart and refuses to hash a signaling NaN', () => {
      expect(dict([new PyDecimal('NaN'), 1], [new PyDecimal('NaN'), 2]).size).to.equal(2);
      const nan = new PyDecimal('NaN');
      expect(dict([nan, 1], [nan, 2]).size).to.equal(1);
      expect(() => dictSet(new Map(), new PyDecimal('sNaN'), 1)).to.throw(UnpicklingError, 'Cannot hash a signaling NaN value');
    });

    it('compares complex numbers by both parts (-0.0 == 0.0)', () => {
      expect(dict([new PyComplex(1, 2), 1], [new PyComplex(1.0, 2), 2]).size).to.equal(1);
      expect(dict([new PyComplex(-0, 1), 1], [new PyComplex(0, 1), 2]).size).to.equal(1);
      expect(dict([new PyComplex(1, 2), 1], [new PyComplex(2, 1), 2]).size).to.equal(2);
      expect(dict([new PyComplex(2, 0), 1], [2n, 2], [new PyDecimal('2'), 3]).size).to.equal(1);
    });

    it('hashes opaque objects by identity and globals by name', () => {
      const cls = new PyGlobal('m', 'C');
      const a = new PyObject(cls);
      const b = new PyObject(cls);
      expect(dict([a, 1], [b, 2], [a, 3]).size).to.equal(2);
      expect(dict([new PyGlobal('m', 'C'), 1], [new PyGlobal('m', 'C'), 2], [new PyGlobal('m', 'D'), 3]).size).to.equal(2);
      expect(dict([t(a), 1], [t(a), 2], [t(b), 3]).size).to.equal(2);
    });

    it('compares datetime values as CPython does', () => {
      const utc = new PyTimezone(new PyTimedelta(0, 0, 0), null);
      const plus1 = new PyTimezone(new PyTimedelta(0, 3600, 0), 'X');
      // {datetime(2020,1,1,12,tzinfo=utc): 1, datetime(2020,1,1,13,tzinfo=+1): 2, datetime(2020,1,1,12): 3, date(2020,1,1): 4}
      const d = dict(
        [new PyDateTime(2020, 1, 1, 12, 0, 0, 0, utc), 1],
        [new PyDateTime(2020, 1, 1, 13, 0, 0, 0, plus1), 2],
        [new PyDateTime(2020, 1, 1, 12, 0, 0, 0), 3],
        [new PyDate(2020, 1, 1), 4],
      );
      expect([...d.values()]).to.deep.equal([2, 3, 4]);
      expect(dict([new PyTime(12, 0, 0, 0, utc), 1], [new PyTime(13, 0, 0, 0, plus1), 2], [new PyTime(12, 0, 0, 0), 3]).size).to.equal(2);
      expect(dict([new PyTimezone(new PyTimedelta(0, 0, 0), 'A'), 1], [utc, 2]).size).to.equal(1);
      expect(dict([new PyTimedelta(1, 0, 0), 1], [new PyTimedelta(1, 0, 0), 2], [new PyTimedelta(0, 1, 0), 3]).size).to.equal(2);
      // fold does not take part in equality
      expect(dict([new PyDateTime(2020, 1, 1, 12, 0, 0, 0, null, 1), 1], [new PyDateTime(2020, 1, 1, 12, 0, 0, 0), 2]).size).to.equal(1);
      // across midnight: 2020-01-01T23:30-01:00 == 2020-01-02T00:30Z
      const minus1 = new PyTimezone(new PyTimedelta(-1, 82800, 0), null);
      expect(dict([new PyDateTime(2020, 1, 1, 23, 30, 0, 0, minus1), 1], [new PyDateTime(2020, 1, 2, 0, 30, 0, 0, utc), 2]).size).to.equal(1);
      expect(dict([new PyDateTime(2020, 2, 29, 0, 0, 0, 0), 1], [new PyDateTime(2020, 3, 1, 0, 0, 0, 0), 2]).size).to.equal(2);
    });

    it('compares ranges as sequences', () => {
      // {range(0): 1, range(5,5): 2, range(0,3,2): 3, range(0,4,2): 4, range(7,8,5): 5, range(7,8): 6} has 3 keys
      const d = dict(
        [new PyRange(0, 0, 1), 1], [new PyRange(5, 5, 1), 2], [new PyRange(0, 3, 2), 3],
        [new PyRange(0, 4, 2), 4], [new PyRange(7, 8, 5), 5], [new PyRange(7, 8, 1), 6],
      );
      expect([...d.values()]).to.deep.equal([2, 4, 6]);
      expect(dict([new PyRange(10, 0, -3), 1], [new PyRange(10, -1, -3), 2]).size).to.equal(1);
    });

    it('compares numpy scalars like the Python values they stand for', () => {
      const f8 = new NumpyScalar(toDType('<f8'), new Uint8Array(new Float64Array([1]).buffer));
      const i8 = new NumpyScalar(toDType('<i8'), new Uint8Array(new BigInt64Array([2n ** 60n]).buffer));
      const b1 = new NumpyScalar(toDType('|b1'), u8(1));
      const u1 = new NumpyScalar(toDType('<U1'), u8(0x61, 0, 0, 0));
      const s1 = new NumpyScalar(toDType('|S1'), u8(0x78));
      const f4 = new NumpyScalar(toDType('<f4'), new Uint8Array(new Float32Array([0.1]).buffer));
      const be = new NumpyScalar(toDType('>f8'), u8(0x3f, 0xf0, 0, 0, 0, 0, 0, 0));
      expect(dict([f8, 1], [1, 2], [b1, 3], [be, 4]).size).to.equal(1);
      expect(dict([i8, 1], [2 ** 60, 2]).size).to.equal(1);
      expect([...dict([u1, 1], ['a', 2], [s1, 3], [bytes('x'), 4])].map(([, v]) => v)).to.deep.equal([2, 4]);
      expect(dict([f4, 1], [Math.fround(0.1), 2], [0.1, 3]).size).to.equal(2);
      expectUnhashable(new NumpyScalar(toDType('|V4'), u8(1, 2, 3, 4)), 'writeable void-scalar');
    });

    it('refuses unhashable keys with CPython\'s TypeError', () => {
      expectUnhashable([1, 2], 'list');
      expectUnhashable(new Map(), 'dict');
      expectUnhashable(new Set([1]), 'set');
      expectUnhashable(new PyByteArray(u8(1)), 'bytearray');
      expectUnhashable(new PySlice(1, 2, null), 'slice');
      expectUnhashable(t(1, [2]), 'list');
      expectUnhashable(t(1, t(2, new Map())), 'dict');
      expectUnhashable(new NdArray({ dtype: toDType('<f8'), shape: [1], data: new Float64Array(1) }), 'numpy.ndarray');
    });

    it('refuses a tuple key nested deeper than the recursion limit, without a RangeError', () => {
      let deep: unknown = 1;
      for (let i = 0; i < 5000; i++) deep = t(deep);
      expect(() => dictSet(new Map(), deep, 1)).to.throw(UnpicklingError, 'maximum recursion depth').with.property('pythonType', 'RecursionError');
      let ok: unknown = 1;
      for (let i = 0; i < 990; i++) ok = t(ok);
      let ok2: unknown = 1.0;
      for (let i = 0; i < 990; i++) ok2 = t(ok2);
      expect(dict([ok, 1], [ok2, 2]).size).to.equal(1);
    });

    it('collapses a NaN key into one (a JS Map limit) and stores -0.0 as 0', () => {
      expect(dict([NaN, 1], [NaN, 2]).size).to.equal(1);
      expect([...dict([-0, 1])][0]![0]).to.satisfy((k: number) => Object.is(k, 0));
    });

    it('builds the index from the keys already there when the first non-trivial key arrives', () => {
      const d = dict(['a', 1], [1, 2], [2.5, 3], [null, 4], [10n ** 30n, 5]);
      dictSet(d, true, 'x');
      dictSet(d, new PyDecimal('2.50'), 'y');
      dictSet(d, 'a', 'z');
      dictSet(d, 10n ** 30n, 'w');
      dictSet(d, null, 'n');
      expect([...d]).to.deep.equal([['a', 'z'], [1, 'x'], [2.5, 'y'], [null, 'n'], [10n ** 30n, 'w']]);
      dictSet(d, 's' + 'a', 'not a');
      expect(d.size).to.equal(6);
    });

    it('stays right when the map was changed without dictSet', () => {
      const d = dict([t(1), 1]);
      d.set('b', 2);
      d.set(2, 3);
      dictSet(d, t(true), 4);
      dictSet(d, true, 5);
      dictSet(d, 2.0, 6);
      expect([...d]).to.deep.equal([[t(1), 4], ['b', 2], [2, 6], [true, 5]]);
    });

    it('inserts 1,000,000 string keys quickly (the fast path)', function () {
      this.timeout(20000);
      const keys = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
      const start = performance.now();
      let n = 0;
      for (let i = 0; i < 200_000; i++) {
        const d = new Map<unknown, unknown>();
        for (let j = 0; j < 5; j++) dictSet(d, keys[j], i);
        n += d.size;
      }
      expect(n).to.equal(1_000_000);
      expect(performance.now() - start).to.be.below(3000);
    });
  });

  describe('setAdd', () => {
    it('keeps the first of equal items', () => {
      const s = set(1, true, 1.0, 1n, new PyComplex(1, 0), 'a', t(1), t(true));
      expect([...s]).to.deep.equal([1, 'a', t(1)]);
      const tr = set(true, 1);
      expect([...tr]).to.deep.equal([true]);
    });

    it('refuses unhashable items', () => {
      expectUnhashable([], 'list');
    });

    it('treats frozensets as items by value', () => {
      expect(set(makeFrozenSet([1]), makeFrozenSet([true]), makeFrozenSet([2])).size).to.equal(2);
    });
  });

  describe('lookups', () => {
    it('dictGet and setHas use Python equality', () => {
      const d = dict(['a', 1], [1, 'one']);
      expect(dictGet(d, true)).to.equal('one');
      expect(dictGet(d, 'a')).to.equal(1);
      expect(dictGet(d, bytes('a'))).to.equal(undefined);
      expect(dictGet(d, new PyDecimal('1.000'))).to.equal('one');
      const s = set(t(1, 2));
      expect(setHas(s, t(1.0, 2))).to.equal(true);
      expect(setHas(s, t(2, 1))).to.equal(false);
      const fs = makeFrozenSet([1, 'x']);
      expect(setHas(fs, true)).to.equal(true);
    });

    it('pyKeyEquals follows Python ==', () => {
      expect(pyKeyEquals(1, true)).to.equal(true);
      expect(pyKeyEquals('a', bytes('a'))).to.equal(false);
      expect(pyKeyEquals(t(1, 'x'), t(1.0, 'x'))).to.equal(true);
      expect(pyKeyEquals(new PyDecimal('0.1'), 0.1)).to.equal(false);
      expect(pyKeyEquals(new PyDecimal('0.125'), 0.125)).to.equal(true);
    });
  });
});
