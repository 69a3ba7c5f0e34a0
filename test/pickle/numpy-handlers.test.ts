/**
 * numpy's pickle globals (src/pickle/numpy.ts), against numpy 2.4.
 *
 * numpy-cases.json holds, for arrays, dtypes and scalars at protocols 2, 4
 * and 5, what numpy's `__reduce_ex__` hands the pickler (callable, args,
 * BUILD state) in a tagged JSON form, and what `pickle.loads(pickle.dumps(x))`
 * gives back; plus hand-made reduce forms numpy no longer writes, Python 2
 * forms of them, and failures with numpy's exception class and message.
 * The handlers are called directly, through the registry, with a small
 * CallContext whose onBuild stores the hook BUILD would call.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DType, NATIVE_ORDER } from '../../src/dtype/dtype.js';
import { parseTypestr } from '../../src/dtype/typestr.js';
import { UnpicklingError } from '../../src/errors.js';
import { contiguousStrides, NdArray } from '../../src/ndarray.js';
import { NUMPY_GLOBALS, ObjectArray, registerNumpy } from '../../src/pickle/numpy.js';
import { Registry, type CallContext } from '../../src/pickle/registry.js';
import { loads } from '../../src/pickle/loads.js';
import { NumpyScalar, PyByteArray, PyGlobal } from '../../src/pickle/values.js';
import { isTuple, makeTuple } from '../../src/values.js';
import { ROOT, sha256, thrown } from '../helpers.js';

// ---- the numpy-made cases ----

type Tagged = unknown;

interface DTypeDesc {
  str: string;
  kind: string;
  itemsize: number;
  byteorder: string;
  fields?: [string, DTypeDesc, number, string | null][];
  subdtype?: [DTypeDesc, number[]];
  unit?: [string, number];
}

type Expect =
  | { array: { dtype: DTypeDesc; shape: number[]; layout: string; sha256: string; nbytes: number } }
  | { objarray: { dtype: DTypeDesc; shape: number[]; layout: string; items: Expect[] } }
  | { scalar: { dtype: DTypeDesc; hex: string } }
  | { dtype: DTypeDesc }
  | { list: Expect[] }
  | { tuple: Expect[] }
  | { value: Tagged };

interface Case {
  group: 'array' | 'dtype' | 'scalar' | 'handmade';
  name: string;
  protocol: number;
  value: Tagged;
  expect: Expect;
  pickle?: string;
  py2?: ('latin1' | 'bytes')[];
}

interface ErrorCase {
  name: string;
  value: Tagged;
  error: string;
  message: string;
}

interface Cases {
  numpy: string;
  cases: Case[];
  errors: ErrorCase[];
}

const data = JSON.parse(readFileSync(join(ROOT, 'python-fixtures', 'pickle-handlers', 'numpy-cases.json'), 'utf8')) as Cases;

// ---- a CallContext with BUILD hooks kept for the test to call ----

class FakeContext implements CallContext {
  readonly hooks = new Map<object, (state: unknown) => unknown>();
  constructor(readonly encoding = 'ASCII', readonly protocol = 2) {}
  error(message: string, pythonType = 'UnpicklingError'): UnpicklingError {
    return new UnpicklingError(message, { pythonType });
  }
  onBuild(obj: object, hook: (state: unknown) => unknown): void {
    this.hooks.set(obj, hook);
  }
  onAppend(): void {
    throw new Error('numpy handlers never take APPEND');
  }
  onSetItem(): void {
    throw new Error('numpy handlers never take SETITEM');
  }
  dictSet(d: Map<unknown, unknown>, key: unknown, value: unknown): void {
    d.set(key, value);
  }
  setAdd(s: Set<unknown>, item: unknown): void {
    s.add(item);
  }
}

function numpyRegistry(): Registry {
  const reg = new Registry();
  registerNumpy(reg);
  return reg;
}

const registry = numpyRegistry();

function resolve(qualname: string) {
  const dot = qualname.lastIndexOf('.');
  const r = registry.resolve(qualname.slice(0, dot), qualname.slice(dot + 1));
  if (r === null) throw new Error(`${qualname} is not registered`);
  return r;
}

function b64(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s, 'base64'));
}

function pyFloat(repr: string): number {
  if (repr === 'nan') return NaN;
  if (repr === 'inf') return Infinity;
  if (repr === '-inf') return -Infinity;
  return Number(repr);
}

/** The tagged JSON as the unpickler's value model, running our handlers for each `$reduce` (REDUCE, then BUILD). */
function rebuild(j: Tagged, ctx: FakeContext): unknown {
  if (j === null || typeof j !== 'object') return j;
  if (Array.isArray(j)) return j.map((x) => rebuild(x, ctx));
  const [[tag, v]] = Object.entries(j as Record<string, unknown>) as [[string, unknown]];
  switch (tag) {
    case '$int': {
      const n = BigInt(v as string);
      return Number.isSafeInteger(Number(n)) ? Number(n) : n;
    }
    case '$float':
      return pyFloat(v as string);
    case '$bytes':
      return b64(v as string);
    case '$bytearray':
      return new PyByteArray(b64(v as string));
    case '$tuple':
      return makeTuple((v as Tagged[]).map((x) => rebuild(x, ctx)));
    case '$dict':
      return new Map((v as [Tagged, Tagged][]).map(([k, x]) => [rebuild(k, ctx), rebuild(x, ctx)]));
    case '$global':
      return resolve(v as string).global;
    case '$reduce': {
      const { fn, args, state } = v as { fn: string; args: Tagged; state?: Tagged };
      const handler = resolve(fn).handler;
      const a = rebuild(args, ctx);
      if (!isTuple(a)) throw new Error('REDUCE args must be a tuple');
      const obj = handler.call!(a, ctx);
      if (state === undefined) return obj;
      const hook = typeof obj === 'object' && obj !== null ? ctx.hooks.get(obj) : undefined;
      if (hook === undefined) throw new Error(`${fn} registered no BUILD hook`);
      return hook(rebuild(state, ctx));
    }
    default:
      throw new Error(`unknown tag ${tag}`);
  }
}

/** Python 2 `str` as Python 3 reads it: 'latin1' turns bytes into str, 'bytes' turns str into bytes. */
function toPy2(j: Tagged, mode: 'latin1' | 'bytes'): Tagged {
  if (typeof j === 'string') return mode === 'bytes' ? { $bytes: Buffer.from(j, 'latin1').toString('base64') } : j;
  if (Array.isArray(j)) return j.map((x) => toPy2(x, mode));
  if (j === null || typeof j !== 'object') return j;
  const [[tag, v]] = Object.entries(j as Record<string, unknown>) as [[string, unknown]];
  switch (tag) {
    case '$bytes':
      return mode === 'latin1' ? String.fromCharCode(...b64(v as string)) : j;
    case '$tuple':
      return { $tuple: (v as Tagged[]).map((x) => toPy2(x, mode)) };
    case '$dict':
      return { $dict: (v as [Tagged, Tagged][]).map(([k, x]) => [toPy2(k, mode), toPy2(x, mode)]) };
    case '$reduce': {
      const r = v as { fn: string; args: Tagged; state?: Tagged };
      return { $reduce: { fn: r.fn, args: toPy2(r.args, mode), ...(r.state === undefined ? {} : { state: toPy2(r.state, mode) }) } };
    }
    default:
      return j;
  }
}

// ---- comparing with numpy's description ----

function dtypeDesc(d: DType): DTypeDesc {
  const out: DTypeDesc = { str: d.str, kind: d.kind, itemsize: d.itemsize, byteorder: d.byteorder };
  if (d.fieldList !== null) out.fields = d.fieldList.map((f) => [f.name, dtypeDesc(f.dtype), f.offset, f.title]);
  if (d.subdtype !== null && d.subdtype.shape.length > 0) out.subdtype = [dtypeDesc(d.subdtype.base), [...d.subdtype.shape]];
  if (d.kind === 'M' || d.kind === 'm') out.unit = [d.unit!, d.unitCount];
  return out;
}

/** numpy's flags: 'C' when C-contiguous (empty and one-element arrays are), else 'F', else 'other'. */
function layoutOf(a: NdArray): string {
  if (a.size <= 1) return 'C';
  const fits = (order: 'C' | 'F') => {
    const want = contiguousStrides(a.shape, a.itemsize, order);
    return a.shape.every((d, i) => d === 1 || want[i] === a.strides[i]);
  };
  return fits('C') ? 'C' : fits('F') ? 'F' : 'other';
}

function objectLayout(a: ObjectArray): string {
  if (a.order === 'C' || a.items.length <= 1) return 'C';
  return a.shape.filter((d) => d > 1).length <= 1 ? 'C' : 'F';
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

function check(actual: unknown, want: Expect, path = 'result'): void {
  if ('array' in want) {
    const e = want.array;
    expect(actual, path).to.be.instanceOf(NdArray);
    const a = actual as NdArray;
    expect(dtypeDesc(a.dtype), `${path} dtype`).to.deep.equal(e.dtype);
    expect([...a.shape], `${path} shape`).to.deep.equal(e.shape);
    expect(layoutOf(a), `${path} layout`).to.equal(e.layout);
    expect(a.nbytes, `${path} nbytes`).to.equal(e.nbytes);
    expect(sha256(a.tobytes('C')), `${path} bytes`).to.equal(e.sha256);
  } else if ('objarray' in want) {
    const e = want.objarray;
    expect(actual, path).to.be.instanceOf(ObjectArray);
    const a = actual as ObjectArray;
    expect(dtypeDesc(a.dtype), `${path} dtype`).to.deep.equal(e.dtype);
    expect(a.shape, `${path} shape`).to.deep.equal(e.shape);
    expect(objectLayout(a), `${path} layout`).to.equal(e.layout);
    expect(a.items.length, `${path} items`).to.equal(e.items.length);
    e.items.forEach((x, i) => check(a.items[i], x, `${path}[${i}]`));
  } else if ('scalar' in want) {
    expect(actual, path).to.be.instanceOf(NumpyScalar);
    const s = actual as NumpyScalar;
    expect(dtypeDesc(s.dtype), `${path} dtype`).to.deep.equal(want.scalar.dtype);
    expect(hex(s.data), `${path} data`).to.equal(want.scalar.hex);
  } else if ('dtype' in want) {
    expect(actual, path).to.be.instanceOf(DType);
    expect(dtypeDesc(actual as DType), path).to.deep.equal(want.dtype);
  } else if ('list' in want) {
    expect(Array.isArray(actual) && !isTuple(actual), `${path} is a list`).to.equal(true);
    expect((actual as unknown[]).length).to.equal(want.list.length);
    want.list.forEach((x, i) => check((actual as unknown[])[i], x, `${path}[${i}]`));
  } else if ('tuple' in want) {
    expect(isTuple(actual), `${path} is a tuple`).to.equal(true);
    expect((actual as unknown[]).length).to.equal(want.tuple.length);
    want.tuple.forEach((x, i) => check((actual as unknown[])[i], x, `${path}[${i}]`));
  } else {
    expect(actual, path).to.deep.equal(rebuild(want.value, new FakeContext()));
  }
}


// ---- the tests ----

describe(`numpy pickle handlers (against numpy ${data.numpy})`, () => {
  it('has the numpy-made table', () => {
    expect(data.cases.length).to.be.greaterThan(300);
    expect(data.errors.length).to.be.greaterThan(40);
  });

  for (const group of ['array', 'dtype', 'scalar', 'handmade'] as const) {
    describe(`${group} reduce forms`, () => {
      for (const c of data.cases.filter((x) => x.group === group)) {
        it(`rebuilds ${c.name}${group === 'handmade' ? '' : ` (protocol ${c.protocol})`} as numpy does`, () => {
          check(rebuild(c.value, new FakeContext('ASCII', c.protocol)), c.expect);
        });
      }
    });
  }

  describe('Python 2 forms (str data under latin1, bytes everywhere under bytes)', () => {
    for (const c of data.cases.filter((x) => x.protocol === 2)) {
      for (const mode of c.py2 ?? []) {
        it(`rebuilds ${c.group} ${c.name} with encoding='${mode}'`, () => {
          check(rebuild(toPy2(c.value, mode), new FakeContext(mode, 2)), c.expect);
        });
      }
    }
  });

  describe('failures', () => {
    // Messages that carry numpy's source path.
    const typeOnly = new Set(['dtype state list']);
    for (const c of data.errors) {
      it(`refuses ${c.name} as numpy does (${c.error})`, () => {
        const e = thrown(() => rebuild(c.value, new FakeContext()));
        expect(e.pythonType).to.equal(c.error);
        if (!typeOnly.has(c.name)) expect(e.message).to.equal(c.message);
      });
    }
  });
});

describe('numpy pickle handlers: registry', () => {
  it('allows exactly the numpy globals, under numpy.core and numpy._core', () => {
    for (const q of NUMPY_GLOBALS) expect(() => resolve(q), q).not.to.throw();
    expect(NUMPY_GLOBALS).to.include.members([
      'numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct', 'numpy.core._internal._reconstruct',
      'numpy.core.multiarray.scalar', 'numpy._core.multiarray.scalar', 'numpy.core.numeric._frombuffer',
      'numpy._core.numeric._frombuffer', 'numpy.ndarray', 'numpy.dtype',
    ]);
    for (const [m, n] of [['numpy', 'load'], ['numpy.core.multiarray', 'frombuffer'], ['numpy', 'memmap'], ['numpy.ma.core', 'MaskedArray'],
      ['numpy._core._internal', '_reconstruct'], ['numpy.core', 'multiarray']]) {
      expect(registry.resolve(m!, n!), `${m}.${n}`).to.equal(null);
    }
  });

  it('lets numpy.ndarray be a value but never calls it', () => {
    const r = resolve('numpy.ndarray');
    expect(r.global).to.be.instanceOf(PyGlobal);
    expect(r.global.qualname).to.equal('numpy.ndarray');
    expect(r.handler.call).to.equal(undefined);
    expect(r.handler.newobj).to.equal(undefined);
  });

  it('gives every name the same behaviour under numpy.core and numpy._core', () => {
    for (const fn of ['numpy.core.multiarray._reconstruct', 'numpy.core._internal._reconstruct']) {
      const ctx = new FakeContext();
      const obj = resolve(fn).handler.call!(makeTuple([resolve('numpy.ndarray').global, makeTuple([0]), 'b']), ctx) as object;
      const a = ctx.hooks.get(obj)!(makeTuple([1, makeTuple([2]), parseTypestr('>i2'), false, Uint8Array.of(1, 2, 3, 4)])) as NdArray;
      expect(a.dtype.str).to.equal(`${NATIVE_ORDER}i2`);
      expect(a.toArray()).to.deep.equal([0x102, 0x304]);
    }
    const s = resolve('numpy.core.multiarray.scalar').handler.call!(makeTuple([parseTypestr('<i2'), Uint8Array.of(5, 0)]), new FakeContext());
    expect((s as NumpyScalar).data).to.deep.equal(Uint8Array.of(5, 0));
    const f = resolve('numpy.core.numeric._frombuffer').handler.call!(
      makeTuple([Uint8Array.of(1, 2), parseTypestr('u1'), makeTuple([2]), 'C']), new FakeContext()) as NdArray;
    expect(f.toArray()).to.deep.equal([1, 2]);
  });
});

describe('numpy pickle handlers: behaviour numpy does not show through a round trip', () => {
  const ndarray = () => resolve('numpy.ndarray').global;
  const reconstruct = (ctx: FakeContext, shape: readonly number[] = [0], typecode: unknown = 'b') =>
    resolve('numpy._core.multiarray._reconstruct').handler.call!(makeTuple([ndarray(), makeTuple([...shape]), typecode]), ctx) as object;
  const setstate = (state: unknown[], ctx = new FakeContext()) => {
    const obj = reconstruct(ctx);
    return ctx.hooks.get(obj)!(makeTuple(state));
  };
  const dtypeOf = (typestr: unknown, state: unknown[]) => {
    const ctx = new FakeContext();
    const d = resolve('numpy.dtype').handler.call!(makeTuple([typestr, false, true]), ctx) as object;
    return ctx.hooks.get(d)!(makeTuple(state)) as DType;
  };
  const scalar = (...args: unknown[]) => resolve('numpy._core.multiarray.scalar').handler.call!(makeTuple(args), new FakeContext());
  const frombuffer = (...args: unknown[]) => resolve('numpy._core.numeric._frombuffer').handler.call!(makeTuple(args), new FakeContext());

  it("makes _reconstruct's placeholder the empty array numpy makes before BUILD", () => {
    const ctx = new FakeContext();
    const p = reconstruct(ctx, [0], Uint8Array.of(0x62));
    expect(p).to.be.instanceOf(NdArray);
    expect((p as NdArray).dtype.str).to.equal('|i1');
    expect((p as NdArray).shape).to.deep.equal([0]);
    expect(ctx.hooks.has(p)).to.equal(true);
    const o = reconstruct(new FakeContext(), [2], 'O');
    expect(o).to.be.instanceOf(ObjectArray);
    expect((o as ObjectArray).items).to.deep.equal([null, null]);
  });

  it('refuses a _reconstruct placeholder larger than 1 MiB (MemoryError)', () => {
    expect(thrown(() => reconstruct(new FakeContext(), [1 << 20], 'f8')).pythonType).to.equal('MemoryError');
  });

  it('makes a new DType object for each numpy.dtype call, so BUILD and the memo can go by identity', () => {
    const ctx = new FakeContext();
    const a = resolve('numpy.dtype').handler.call!(makeTuple(['f8', false, true]), ctx);
    const b = resolve('numpy.dtype').handler.call!(makeTuple(['f8', false, true]), ctx);
    expect(a).to.be.instanceOf(DType);
    expect(a).not.to.equal(b);
    expect(a).not.to.equal(parseTypestr('f8'));
    expect((a as DType).str).to.equal(parseTypestr('f8').str);
  });

  it('swaps a non-native array into native order on BUILD, values unchanged, dtype relabelled', () => {
    const a = setstate([1, makeTuple([3]), parseTypestr('>i4'), false, Uint8Array.of(0, 0, 0, 1, 0, 0, 1, 0, 0xff, 0xff, 0xff, 0xfe)]) as NdArray;
    expect(a.dtype.str).to.equal(`${NATIVE_ORDER}i4`);
    expect(a.dtype.isNativeOrder).to.equal(true);
    expect(a.toArray()).to.deep.equal([1, 256, -2]);
    const u = setstate([1, makeTuple([1]), parseTypestr('>U2'), false, Uint8Array.of(0, 0, 0, 0x61, 0, 0, 0, 0x62)]) as NdArray;
    expect(u.dtype.str).to.equal(`${NATIVE_ORDER}U2`);
    expect(u.toArray()).to.deep.equal(['ab']);
    const t = setstate([1, makeTuple([1]), parseTypestr('>M8[25s]'), false, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 3)]) as NdArray;
    expect(t.dtype.str).to.equal(`${NATIVE_ORDER}M8[25s]`);
    expect(t.toArray()).to.deep.equal([3n]);
  });

  it('keeps the byte order of a structured dtype on BUILD', () => {
    const rec = dtypeOf('V6', [3, '|', null, makeTuple(['a', 'b']),
      new Map<unknown, unknown>([['a', makeTuple([parseTypestr('>i4'), 0])], ['b', makeTuple([parseTypestr('<u2'), 4])]]), 6, 1, 0]);
    const a = setstate([1, makeTuple([1]), rec, false, Uint8Array.of(0, 0, 0, 9, 7, 0)]) as NdArray;
    expect(a.dtype).to.equal(rec);
    expect(a.field('a').dtype.str).to.equal('>i4');
    expect(a.field('a').toArray()).to.deep.equal([9]);
    expect(a.field('b').toArray()).to.deep.equal([7]);
  });

  it('keeps a protocol-5 >i4 array as >i4 with native values, and F order as F', () => {
    const a = frombuffer(Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4), parseTypestr('>i4'), makeTuple([2, 2]), 'F') as NdArray;
    expect(a.dtype.str).to.equal('>i4');
    expect(a.order).to.equal('F');
    expect(a.toArray()).to.deep.equal([[1, 3], [2, 4]]);
    expect([...a.tobytes('F')]).to.deep.equal([0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]);
  });

  it('reads a PyByteArray buffer (BYTEARRAY8) in place', () => {
    const buf = new PyByteArray(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    const a = frombuffer(buf, parseTypestr('<u2'), makeTuple([4]), 'C') as NdArray;
    expect(a.toArray()).to.deep.equal([0x201, 0x403, 0x605, 0x807]);
  });

  it('lays a Fortran BUILD out in F order, and keeps an object list in C order', () => {
    const f = setstate([1, makeTuple([2, 3]), parseTypestr('<u1'), true, Uint8Array.of(1, 2, 3, 4, 5, 6)]) as NdArray;
    expect(f.order).to.equal('F');
    expect(f.toArray()).to.deep.equal([[1, 3, 5], [2, 4, 6]]);
    const o = setstate([1, makeTuple([2, 2]), parseTypestr('O'), true, [1, 2, 3, 4]]) as ObjectArray;
    expect(o.order).to.equal('F');
    expect(o.items).to.deep.equal([1, 2, 3, 4]);
    expect(o.dtype.str).to.equal('|O');
  });

  it('copies the object list, so later changes to it do not reach the array', () => {
    const list = [1, 2];
    const o = setstate([1, makeTuple([2]), parseTypestr('O'), false, list]) as ObjectArray;
    list.push(3);
    expect(o.items).to.deep.equal([1, 2]);
  });

  it('refuses an object list shorter or longer than the shape (numpy 2.4 crashes or ignores the rest)', () => {
    for (const list of [[1], [1, 2, 3]]) {
      const e = thrown(() => setstate([1, makeTuple([2]), parseTypestr('O'), false, list]));
      expect(e.pythonType).to.equal('ValueError');
    }
  });

  it('re-encodes Python 2 str data (encoding=latin1) to the exact bytes', () => {
    const s = String.fromCharCode(0x00, 0x80, 0xff, 0x41);
    const a = setstate([1, makeTuple([4]), parseTypestr('u1'), false, s], new FakeContext('latin1')) as NdArray;
    expect(a.toArray()).to.deep.equal([0, 0x80, 0xff, 0x41]);
    const x = scalar(parseTypestr('<u2'), String.fromCharCode(0xff, 0x01)) as NumpyScalar;
    expect([...x.data]).to.deep.equal([0xff, 0x01]);
  });

  it('refuses str data outside Latin-1 with numpy\'s message (koi8-r and other codecs)', () => {
    const e = thrown(() => setstate([1, makeTuple([1]), parseTypestr('u1'), false, '\u0410']));
    expect(e.pythonType).to.equal('ValueError');
    expect(e.message).to.equal("Failed to encode latin1 string when unpickling a Numpy array. pickle.load(a, encoding='latin1') is assumed.");
  });

  it('refuses an object-dtype scalar in numpy 2.4\'s words', () => {
    const e = thrown(() => scalar(parseTypestr('O'), [1, 'x']));
    expect(e.pythonType).to.equal('TypeError');
    expect(e.message).to.equal('Cannot unpickle a scalar with object dtype.');
  });

  it('refuses a void scalar with object fields: no NumpyScalar can hold it', () => {
    const rec = dtypeOf('V8', [3, '|', null, makeTuple(['a']), new Map([['a', makeTuple([parseTypestr('O'), 0])]]), 8, 8, 63]);
    expect(rec.hasObject).to.equal(true);
    expect(thrown(() => scalar(rec, new ObjectArray([], [makeTuple([1])], 'C', rec))).pythonType).to.equal('RuntimeError');
  });

  it('drops trailing NULs from S and U scalars and shrinks the dtype', () => {
    const u = scalar(parseTypestr('>U3'), Uint8Array.of(0, 0, 0, 0x61, 0, 0, 0, 0, 0, 0, 0, 0)) as NumpyScalar;
    expect(u.dtype.str).to.equal(`${NATIVE_ORDER}U1`);
    expect([...u.data]).to.deep.equal(NATIVE_ORDER === '<' ? [0x61, 0, 0, 0] : [0, 0, 0, 0x61]);
    const s = scalar(parseTypestr('S4'), Uint8Array.of(0x61, 0, 0x62, 0)) as NumpyScalar;
    expect(s.dtype.str).to.equal('|S3');
    expect([...s.data]).to.deep.equal([0x61, 0, 0x62]);
  });

  it('accepts every state layout, its endian and datetime unit as str or bytes', () => {
    const b = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
    expect(dtypeOf(b('f8'), [3, b('>'), null, null, null, -1, -1, 0]).str).to.equal('>f8');
    expect(dtypeOf('M8', [4, b('='), null, null, null, -1, -1, 0, makeTuple([null, makeTuple([b('us'), 5, 1, 1])])]).str)
      .to.equal(`${NATIVE_ORDER}M8[5us]`);
    const old = dtypeOf('V4', [b('|'), null, new Map<unknown, unknown>([[-1, makeTuple([b('x')])], [b('x'), makeTuple([parseTypestr('<i4'), 0])]]), 4, 1]);
    expect(old.names).to.deep.equal(['x']);
    expect(old.fieldList![0]!.dtype.str).to.equal('<i4');
  });

  it('reads = as native, keeps numpy\'s | label (python-fixtures/pickle/np-p2-bad-dtype-pipe-endian.pkl), and no order for one-byte types', () => {
    const pipe = dtypeOf('f8', [3, '|', null, null, null, -1, -1, 0]);
    expect(pipe.str).to.equal('|f8');
    expect(pipe.isNativeOrder).to.equal(true);
    expect(dtypeOf('f8', [3, '=', null, null, null, -1, -1, 0]).str).to.equal(`${NATIVE_ORDER}f8`);
    expect(dtypeOf('i1', [3, '>', null, null, null, -1, -1, 0]).str).to.equal('|i1');
  });

  it('refuses an endian character numpy never writes (numpy stores it as is)', () => {
    const e = thrown(() => dtypeOf('f8', [3, 'x', null, null, null, -1, -1, 0]));
    expect(e.pythonType).to.equal('ValueError');
  });

  it('keeps a datetime dtype without metadata generic (numpy 2.4 crashes on it)', () => {
    expect(dtypeOf('M8', [3, '<', null, null, null, -1, -1, 0]).str).to.equal('<M8');
  });

  it('refuses bytes field names that are not ASCII (UnicodeDecodeError)', () => {
    const name = Uint8Array.of(0xe9);
    const e = thrown(() => dtypeOf('V4', [3, '|', null, makeTuple([name]), new Map([[name, makeTuple([parseTypestr('<i4'), 0])]]), 4, 1, 0]));
    expect(e.pythonType).to.equal('UnicodeDecodeError');
  });

  it('refuses fields on a dtype that is not void, and invalid flexible sizes', () => {
    expect(thrown(() => dtypeOf('f8', [3, '|', null, makeTuple(['a']), new Map([['a', makeTuple([parseTypestr('<i4'), 0])]]), 8, 1, 0])).pythonType)
      .to.equal('ValueError');
    expect(thrown(() => dtypeOf('U0', [3, '<', null, null, null, 6, 4, 8])).pythonType).to.equal('ValueError');
    expect(thrown(() => dtypeOf('U0', [3, '<', null, null, null, -1, 4, 8])).pythonType).to.equal('ValueError');
  });

  it('refuses a weekly datetime divisor (numpy reads past its table)', () => {
    const e = thrown(() => dtypeOf('M8', [4, '<', null, null, null, -1, -1, 0, makeTuple([null, makeTuple(['W', 1, 5, 1])])]));
    expect(e.pythonType).to.equal('ValueError');
  });

  it('refuses to call numpy.dtype or _reconstruct with the wrong number of arguments', () => {
    expect(thrown(() => resolve('numpy.dtype').handler.call!(makeTuple([]), new FakeContext())).pythonType).to.equal('TypeError');
    expect(thrown(() => resolve('numpy._core.multiarray._reconstruct').handler.call!(makeTuple([ndarray()]), new FakeContext())).pythonType)
      .to.equal('TypeError');
  });

  it('refuses a huge dimension (MemoryError) and a non-integer one (TypeError)', () => {
    expect(thrown(() => setstate([1, makeTuple([2n ** 70n]), parseTypestr('u1'), false, new Uint8Array(0)])).pythonType).to.equal('MemoryError');
    expect(thrown(() => setstate([1, makeTuple([1.5]), parseTypestr('u1'), false, new Uint8Array(1)])).pythonType).to.equal('TypeError');
  });

  it('builds a permuted protocol-5 array as a strided view', () => {
    const bytes = Uint8Array.from({ length: 6 }, (_, i) => i);
    const a = frombuffer(bytes, parseTypestr('u1'), makeTuple([2, 3]), 'K', makeTuple([1, 0])) as NdArray;
    expect(a.shape).to.deep.equal([3, 2]);
    expect(a.toArray()).to.deep.equal([[0, 3], [1, 4], [2, 5]]);
  });
});

// ---- end to end, through the unpickler ----

describe('numpy pickles through loads() (real pickle bytes from numpy)', () => {
  for (const c of data.cases.filter((x) => x.pickle !== undefined)) {
    it(`loads ${c.group} ${c.name} (protocol ${c.protocol})`, () => {
      check(loads(b64(c.pickle!)), c.expect);
    });
  }
});
