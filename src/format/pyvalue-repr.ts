/**
 * Python's `repr` of what the unpickler returns (the value model of
 * DESIGN.md), as `print(repr(np.load(f, allow_pickle=True)))` shows it:
 * None, bool, int, float (shortest round-trip, `inf`, `nan`), complex, str,
 * bytes, bytearray, list, tuple, dict, set, frozenset, range, slice,
 * Decimal, the datetime types, numpy arrays, object arrays, dtypes and
 * scalars, classes.
 *
 * Where Python's text cannot be matched, by the value model or by Python
 * itself (each is a case of test/format/pyvalue-repr.test.ts's DEVIATIONS):
 * - an integral float prints as an int: both are a JS number (a float with
 *   a fraction, an infinity, a NaN or -0.0 prints as a float);
 * - an OrderedDict prints as a dict: both are a Map;
 * - a set prints in the order the pickle listed it (Python's hash order when
 *   it was pickled, which a new process may not repeat);
 * - an opaque object and a function print without their memory address:
 *   `<module.Name object>`; a global prints as a class, `<class 'module.Name'>`.
 * Containers that hold themselves print as Python prints them (`[[...]]`,
 * `{...}`); nesting deeper than CPython's recursion limit is the
 * RecursionError Python raises.
 */
import { DType } from '../dtype/dtype.js';
import { NpyioError } from '../errors.js';
import { NdArray } from '../ndarray.js';
import { typedFromBytes } from '../dtype/storage.js';
import { pyByteArrayRepr, pyBytesRepr, pyComplexRepr, pyFloatRepr, pyStrRepr } from '../npy/pyrepr.js';
import { timedeltaRepr } from '../pickle/builtins.js';
import { ObjectArray } from '../pickle/numpy.js';
import {
  isFrozenSet, NumpyScalar, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyObject, PyRange, PySlice, PyTime,
  PyTimedelta, PyTimezone,
} from '../pickle/values.js';
import { isTuple, PyComplex } from '../values.js';
import { dtypeName, dtypeShortRepr } from './dtyperepr.js';
import { arrayRepr, arrayStr, objectArrayText, type PrintOptions } from './repr.js';

/** CPython's recursion limit is 1000 frames; repr of deeper nesting raises RecursionError. */
const MAX_DEPTH = 990;

/** Python's `repr(value)`; arrays inside print under `opts` as numpy prints them. */
export function pyValueRepr(value: unknown, opts?: PrintOptions): string {
  return new Writer(opts).repr(value, 0);
}

/**
 * `print(value)`: a str is itself, an array numpy's str; any other value its
 * repr (where Python's str differs, for a date, a Decimal or a numpy scalar
 * printed alone, this gives the repr).
 */
export function pyValueStr(value: unknown, opts?: PrintOptions): string {
  if (typeof value === 'string') return value;
  if (value instanceof NdArray) return arrayStr(value, opts);
  if (value instanceof ObjectArray) return objectArrayTextOf(value, opts, true);
  return pyValueRepr(value, opts);
}

/** numpy's repr (or str) of an object array. */
export function objectArrayTextOf(a: ObjectArray, opts: PrintOptions | undefined, asStr: boolean): string {
  const w = new Writer(opts);
  return objectArrayText(a.shape, a.items, (x) => w.objectElement(x), opts, asStr ? { str0d: (x) => pyValueStr(x, opts) } : false);
}

class Writer {
  /** Containers being written, for Python's `[...]` on a cycle. */
  private readonly active = new Set<object>();

  constructor(private readonly opts: PrintOptions | undefined) {}

  /** numpy's `_object_format`: lists as `list([...])`, anything else its repr. */
  objectElement(x: unknown): string {
    const r = this.repr(x, 0);
    return Array.isArray(x) && !isTuple(x) ? `list(${r})` : r;
  }

  repr(v: unknown, depth: number): string {
    if (depth > MAX_DEPTH) {
      throw new NpyioError('maximum recursion depth exceeded while getting the repr of an object', { pythonType: 'RecursionError' });
    }
    if (v === null || v === undefined) return 'None';
    switch (typeof v) {
      case 'boolean':
        return v ? 'True' : 'False';
      case 'number':
        return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : pyFloatRepr(v);
      case 'bigint':
        return v.toString();
      case 'string':
        return pyStrRepr(v);
      default:
        break;
    }
    if (v instanceof Uint8Array) return pyBytesRepr(v);
    if (typeof v !== 'object') return String(v);
    if (Array.isArray(v) || v instanceof Map || v instanceof Set) return this.container(v, depth);
    return this.leaf(v, depth);
  }

  private container(v: readonly unknown[] | ReadonlyMap<unknown, unknown> | ReadonlySet<unknown>, depth: number): string {
    if (this.active.has(v)) return Array.isArray(v) ? (isTuple(v) ? '(...)' : '[...]') : '{...}';
    this.active.add(v);
    try {
      const r = (x: unknown) => this.repr(x, depth + 1);
      if (Array.isArray(v)) {
        const items = v.map(r);
        if (!isTuple(v)) return `[${items.join(', ')}]`;
        return items.length === 1 ? `(${items[0]!},)` : `(${items.join(', ')})`;
      }
      if (v instanceof Map) return `{${[...v].map(([k, x]) => `${r(k)}: ${r(x)}`).join(', ')}}`;
      const items = [...v].map(r);
      if (isFrozenSet(v)) return items.length === 0 ? 'frozenset()' : `frozenset({${items.join(', ')}})`;
      return items.length === 0 ? 'set()' : `{${items.join(', ')}}`;
    } finally {
      this.active.delete(v);
    }
  }

  private leaf(v: object, depth: number): string {
    const r = (x: unknown) => this.repr(x, depth + 1);
    if (v instanceof NdArray) return arrayRepr(v, this.opts);
    if (v instanceof ObjectArray) return objectArrayTextOf(v, this.opts, false);
    if (v instanceof PyComplex) return pyComplexRepr(v.re, v.im);
    if (v instanceof PyByteArray) return pyByteArrayRepr(v.bytes);
    if (v instanceof PyGlobal) return `<class '${v.module === 'builtins' ? v.name : v.qualname}'>`;
    if (v instanceof PyRange) return `range(${v.start}, ${v.stop}${v.step === 1 || v.step === 1n ? '' : `, ${v.step}`})`;
    if (v instanceof PySlice) return `slice(${r(v.start)}, ${r(v.stop)}, ${r(v.step)})`;
    if (v instanceof PyDecimal) return `Decimal(${pyStrRepr(v.text)})`;
    if (v instanceof PyTimedelta) return timedeltaRepr(v);
    if (v instanceof PyTimezone) return timezoneRepr(v);
    if (v instanceof PyDate) return `datetime.date(${v.year}, ${v.month}, ${v.day})`;
    if (v instanceof PyDateTime) {
      return `datetime.datetime(${v.year}, ${v.month}, ${v.day}, ${timeArgs(v.hour, v.minute, v.second, v.microsecond, v.tzinfo, v.fold, r)})`;
    }
    if (v instanceof PyTime) return `datetime.time(${timeArgs(v.hour, v.minute, v.second, v.microsecond, v.tzinfo, v.fold, r)})`;
    if (v instanceof DType) return dtypeRepr(v);
    if (v instanceof NumpyScalar) return scalarRepr(v, this.opts);
    if (v instanceof PyObject) return `<${v.cls.qualname} object>`;
    return String(v);
  }
}

/** The arguments after the date: `h, m[, s[, us]][, tzinfo=...][, fold=1]`, as datetime's repr drops trailing zeros. */
function timeArgs(h: number, m: number, s: number, us: number, tz: unknown, fold: number, r: (x: unknown) => string): string {
  let out = `${h}, ${m}`;
  if (us) out += `, ${s}, ${us}`;
  else if (s) out += `, ${s}`;
  if (tz !== null && tz !== undefined) out += `, tzinfo=${r(tz)}`;
  if (fold) out += ', fold=1';
  return out;
}

function timezoneRepr(tz: PyTimezone): string {
  const o = tz.offset;
  if (o.days === 0 && o.seconds === 0 && o.microseconds === 0 && tz.name === null) return 'datetime.timezone.utc';
  return `datetime.timezone(${timedeltaRepr(o)}${tz.name === null ? '' : `, ${pyStrRepr(tz.name)}`})`;
}

/** `repr(np.dtype(...))`: `dtype('float64')`, `dtype('O')`, `dtype('S3')`, `dtype('<U3')`, `dtype('<M8[ns]')`, `dtype([('a', '<i4')])`. */
export function dtypeRepr(dt: DType): string {
  if (dt.fieldList === null && dt.subdtype === null) {
    if (dt.kind === 'O') return "dtype('O')";
    // a flexible dtype of size 0 has no size in its name: dtype('S'), dtype('<U')
    if (dt.itemsize === 0 && 'SUV'.includes(dt.kind)) return `dtype('${dt.str.replace(/0$/, '').replace(/^\|/, '')}')`;
    if (dt.kind === 'S' || dt.kind === 'V') return `dtype('${dt.str.slice(1)}')`;
    if (dt.kind === 'M' || dt.kind === 'm') return `dtype('${dt.str}')`;
  }
  const short = dtypeShortRepr(dt);
  return /^[A-Za-z]/.test(short) ? `dtype('${short}')` : `dtype(${short})`;
}

/** numpy 2's scalar repr: `np.float64(1.5)`, `np.True_`, `np.str_('a')`, `np.bytes_(b'a')`. */
function scalarRepr(s: NumpyScalar, opts: PrintOptions | undefined): string {
  const { dtype, data } = s;
  if (dtype.kind === 'b') return data[0] ? 'np.True_' : 'np.False_';
  if (dtype.kind === 'S') return `np.bytes_(${pyBytesRepr(data)})`;
  if (dtype.kind === 'U') {
    const words = new DataView(data.buffer, data.byteOffset, data.length);
    let text = '';
    for (let i = 0; i + 4 <= data.length; i += 4) text += String.fromCodePoint(words.getUint32(i, true));
    return `np.str_(${pyStrRepr(text)})`;
  }
  if (dtype.fieldList !== null || dtype.subdtype !== null || dtype.kind === 'V') return `np.void(${pyBytesRepr(data)})`;
  const a = new NdArray({ dtype, shape: [], data: typedFromBytes(data, dtype, 1), strides: [], offset: 0 });
  const text = arrayStr(a, opts);
  // datetime64 and timedelta64 scalars quote their text and name their unit
  if (dtype.kind === 'M' || dtype.kind === 'm') return `np.${dtype.kind === 'M' ? 'datetime64' : 'timedelta64'}(${pyStrRepr(text)})`;
  return `np.${dtypeName(dtype)}(${text})`;
}
