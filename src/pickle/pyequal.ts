/**
 * Python dict and set semantics on JavaScript Map and Set.
 *
 * A Python dict finds keys by `hash()` and `==`; a JS Map by SameValueZero.
 * They agree on str and int/float numbers (1 and 1.0 are both the JS number 1;
 * 0.0 == -0.0), and disagree elsewhere: `True == 1 == 1.0 == Decimal(1) ==
 * complex(1, 0)` and `2**60 == 2.0**60` (bigint vs number) are one key in
 * Python, tuples, frozensets and bytes compare by content, and list, dict,
 * set and bytearray keys are a `TypeError`. When equal keys meet, Python
 * keeps the first key object and the last value.
 *
 * `hashKey` maps a key to a canonical JS value such that Python-equal keys
 * get SameValueZero-equal canonical values:
 *
 * | key | canonical |
 * |---|---|
 * | int/float/bool/complex with im == 0/Decimal/numpy number equal to a double | that double (a JS number; -0 -> 0) |
 * | an int (bigint) or integral Decimal that is not exactly a double | a bigint |
 * | str | `'s' + str` |
 * | bytes, numpy bytes_ | `'b' + latin1(bytes)` |
 * | tuple | `'t'` + each item's canonical, length-prefixed |
 * | frozenset | `'f'` + the items' canonicals, sorted, length-prefixed |
 * | other complex, other Decimal, datetime values, range, a global | a tagged string of the value |
 * | None, PyObject, quiet-NaN Decimal, anything else | the object itself (identity) |
 *
 * Fast path: a Map or Set whose keys have all been strings, numbers, None or
 * identity-hashed objects needs no index (those keys are their own canonical
 * form, up to the string tag), so `dictSet`/`setAdd` are a plain
 * `Map.set`/`Set.add`. The first time another key arrives (bool, bigint,
 * tuple, bytes, ...), an index `canonical -> first key` is built from the keys
 * already there, kept in a WeakMap next to the container, and used for every
 * later insertion into it.
 *
 * Known limits of the JS containers: a Map/Set cannot hold -0 (it stores 0),
 * so a `-0.0` key comes back as `0`; and all NaN keys are one key (Python
 * keeps distinct NaN objects apart, which only identity could tell).
 */
import { UnpicklingError } from '../errors.js';
import { readScalar } from '../dtype/scalars.js';
import { NdArray } from '../ndarray.js';
import { isTuple, PyComplex } from '../values.js';
import { latin1 } from './text.js';
import {
  isFrozenSet, NumpyScalar, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyRange, PySlice, PyTime,
  PyTimedelta, PyTimezone,
} from './values.js';

/**
 * How deep tuples/frozensets inside a key may nest. CPython's pickler cannot
 * write a key nested 1000 deep (RecursionError), so no real pickle has one.
 */
const MAX_KEY_DEPTH = 1000;

function recursionError(): UnpicklingError {
  return new UnpicklingError('maximum recursion depth exceeded while calling a Python object', { pythonType: 'RecursionError' });
}

/** Integral Decimals with more digits than this are compared as text, not turned into bigints. */
const MAX_DECIMAL_INT_DIGITS = 5000;

function unhashable(typeName: string): UnpicklingError {
  return new UnpicklingError(`unhashable type: '${typeName}'`, { pythonType: 'TypeError' });
}

// ---- numbers ----

const MAX_SAFE = 9007199254740991n;

/** An int's canonical: the double it equals exactly, else the bigint. */
function bigintCanon(b: bigint): number | bigint {
  if (b >= -MAX_SAFE && b <= MAX_SAFE) return Number(b);
  const n = Number(b);
  return Number.isFinite(n) && BigInt(n) === b ? n : b;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** |x| = m * 2**e exactly, for finite non-zero x. */
function dyadic(x: number): [m: bigint, e: number] {
  f64[0] = Math.abs(x);
  const bits = u64[0]!;
  const ex = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  return ex === 0 ? [frac, -1074] : [frac | (1n << 52n), ex - 1075];
}

const DECIMAL_RE = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const DECIMAL_SPECIAL_RE = /^([+-]?)(inf|infinity|nan|snan)(\d*)$/i;

/** A Decimal's canonical: a double or bigint when it equals one, else `'d<sign><digits>e<exp>'`; NaN by identity. */
function decimalCanon(d: PyDecimal): unknown {
  const text = d.text.trim();
  const sp = DECIMAL_SPECIAL_RE.exec(text);
  if (sp) {
    const kind = sp[2]!.toLowerCase();
    if (kind === 'snan') throw new UnpicklingError('Cannot hash a signaling NaN value', { pythonType: 'TypeError' });
    if (kind === 'nan') return d; // quiet NaN: hashed by identity since Python 3.10, never equal
    return sp[1] === '-' ? -Infinity : Infinity;
  }
  const m = DECIMAL_RE.exec(text);
  if (!m) return d; // not a number we can read: identity
  const neg = m[1] === '-';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? m[4] ?? '';
  let coef = (intPart + fracPart).replace(/^0+/, '');
  let exp = BigInt(m[5] ?? '0') - BigInt(fracPart.length);
  if (coef === '') return 0; // Decimal('-0E+5') == 0
  const stripped = coef.replace(/0+$/, '');
  exp += BigInt(coef.length - stripped.length);
  coef = stripped;
  const text10 = () => `d${neg ? '-' : ''}${coef}e${exp}`;
  if (exp >= 0n) {
    if (BigInt(coef.length) + exp > BigInt(MAX_DECIMAL_INT_DIGITS)) return text10();
    const v = BigInt(coef) * 10n ** exp;
    return bigintCanon(neg ? -v : v);
  }
  // Not an integer: equal to a double only if that double is exactly coef / 10**k.
  const k = -exp;
  if (k > 1074n) return text10();
  const x = Number(`${coef}e${exp}`);
  if (!Number.isFinite(x) || x === 0) return text10();
  const [dm, de] = dyadic(x);
  if (de >= 0) return text10();
  if (BigInt(coef) << BigInt(-de) !== dm * 10n ** k) return text10();
  return neg ? -x : x;
}

// ---- dates and times ----

/** Days since 0001-01-01 (proleptic Gregorian, as date.toordinal() - 1). */
function daysBefore(y: number, m: number, d: number): number {
  const yy = y - 1;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][m - 1] ?? 0;
  return yy * 365 + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + cum + (m > 2 && leap ? 1 : 0) + d - 1;
}

function timedeltaMicros(t: PyTimedelta): bigint {
  return (BigInt(t.days) * 86400n + BigInt(t.seconds)) * 1000000n + BigInt(t.microseconds);
}

/** The fixed UTC offset of a tzinfo in microseconds, when we can know it (a datetime.timezone). */
function tzOffset(tz: unknown): bigint | null {
  return tz instanceof PyTimezone ? timedeltaMicros(tz.offset) : null;
}

function timeMicros(h: number, mi: number, s: number, us: number): bigint {
  return BigInt(((h * 60 + mi) * 60 + s) * 1000000 + us);
}

// ---- ranges ----

function rangeCanon(r: PyRange): string {
  const start = BigInt(r.start);
  const stop = BigInt(r.stop);
  const step = BigInt(r.step);
  let len = 0n;
  if (step > 0n && start < stop) len = (stop - start - 1n) / step + 1n;
  else if (step < 0n && start > stop) len = (start - stop - 1n) / -step + 1n;
  if (len === 0n) return 'r0';
  if (len === 1n) return `r1,${start}`;
  return `r${len},${start},${step}`;
}

// ---- identity ----

const ids = new WeakMap<object, number>();
let nextId = 1;

function identityId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

// ---- the canonical form ----

/** Canonical forms of tuples and frozensets, which never change. */
const composite = new WeakMap<object, string>();

/** A canonical value as text, for use inside a tuple's or frozenset's canonical form. */
function asText(c: unknown): string {
  switch (typeof c) {
    case 'string':
      return c;
    case 'number':
      return `n${c}`; // String(-0) is '0'
    case 'bigint':
      return `i${c}`;
    case 'object':
      return c === null ? 'N' : `o${identityId(c)}`;
    case 'undefined':
      return 'U';
    default:
      return `o${identityId(c as object)}`;
  }
}

function item(x: unknown, depth: number): string {
  const t = asText(canon(x, depth + 1));
  return `${t.length}:${t}`;
}

function canon(k: unknown, depth: number): unknown {
  switch (typeof k) {
    case 'string':
      return 's' + k;
    case 'number':
      return k === 0 ? 0 : k;
    case 'boolean':
      return k ? 1 : 0;
    case 'bigint':
      return bigintCanon(k);
    case 'undefined':
      return k;
    case 'object':
      break;
    default:
      return k; // functions, symbols: identity
  }
  if (k === null) return null;
  if (depth > MAX_KEY_DEPTH) throw recursionError();
  if (Array.isArray(k)) {
    if (!isTuple(k)) throw unhashable('list');
    let c = composite.get(k);
    if (c === undefined) {
      c = 't';
      for (const x of k) c += item(x, depth);
      composite.set(k, c);
    }
    return c;
  }
  if (k instanceof Uint8Array) return 'b' + latin1(k);
  if (k instanceof Map) throw unhashable('dict');
  if (k instanceof Set) {
    if (!isFrozenSet(k)) throw unhashable('set');
    let c = composite.get(k);
    if (c === undefined) {
      const parts: string[] = [];
      for (const x of k) parts.push(item(x, depth));
      c = 'f' + parts.sort().join('');
      composite.set(k, c);
    }
    return c;
  }
  if (k instanceof PyComplex) return k.im === 0 ? canon(k.re, depth) : `c${k.re},${k.im}`;
  if (k instanceof PyDecimal) return decimalCanon(k);
  if (k instanceof PyGlobal) return 'g' + k.qualname;
  if (k instanceof PyByteArray) throw unhashable('bytearray');
  if (k instanceof PySlice) throw unhashable('slice'); // hashable only from Python 3.12
  if (k instanceof NdArray) throw unhashable('numpy.ndarray');
  if (k instanceof PyTimedelta) return `D${k.days},${k.seconds},${k.microseconds}`;
  if (k instanceof PyTimezone) return `z${timedeltaMicros(k.offset)}`;
  if (k instanceof PyDate) return `a${k.year},${k.month},${k.day}`;
  if (k instanceof PyDateTime) {
    const local = BigInt(daysBefore(k.year, k.month, k.day)) * 86400000000n + timeMicros(k.hour, k.minute, k.second, k.microsecond);
    if (k.tzinfo === null || k.tzinfo === undefined) return `T${local}`;
    const off = tzOffset(k.tzinfo);
    return off === null ? k : `Z${local - off}`;
  }
  if (k instanceof PyTime) {
    const local = timeMicros(k.hour, k.minute, k.second, k.microsecond);
    if (k.tzinfo === null || k.tzinfo === undefined) return `H${local}`;
    const off = tzOffset(k.tzinfo);
    return off === null ? k : `h${local - off}`;
  }
  if (k instanceof PyRange) return rangeCanon(k);
  if (k instanceof NumpyScalar) return numpyScalarCanon(k, depth);
  return k; // PyObject and any other object: identity
}

/** numpy scalars compare like the Python value they stand for (np.float64(1) == 1, np.str_('a') == 'a'). */
function numpyScalarCanon(s: NumpyScalar, depth: number): unknown {
  const dt = s.dtype;
  if (dt.kind === 'V') throw unhashable('writeable void-scalar');
  const exact =
    dt.fieldList === null && dt.subdtype === null && s.data.length >= dt.itemsize &&
    ('biuSU'.includes(dt.kind) || (dt.kind === 'f' && dt.itemsize <= 8) || (dt.kind === 'c' && dt.itemsize <= 16));
  if (!exact) return s; // longdouble, datetime64, ...: identity
  const view = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  return canon(readScalar(s.data, view, 0, dt), depth);
}

/**
 * The canonical form of a dict key or set item (see the table above): Python
 * `a == b` (for hashable a, b) exactly when their canonical forms are
 * SameValueZero-equal. Unhashable values throw an UnpicklingError with
 * pythonType 'TypeError' and CPython's message (`unhashable type: 'list'`).
 */
export function hashKey(k: unknown): unknown {
  try {
    return canon(k, 0);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw recursionError(); // a caller already deep in the JS stack
    throw e;
  }
}

/** Python `a == b` for two hashable values, by their canonical forms. */
export function pyKeyEquals(a: unknown, b: unknown): boolean {
  const ca = hashKey(a);
  const cb = hashKey(b);
  return ca === cb || (ca !== ca && cb !== cb);
}

// ---- containers ----

interface Index {
  /** canonical -> the first key (dict) or item (set) that had it. */
  readonly first: Map<unknown, unknown>;
  /** The container's size when the index was last in step with it. */
  size: number;
}

const indexes = new WeakMap<Map<unknown, unknown> | Set<unknown>, Index>();

function indexOf(container: Map<unknown, unknown> | Set<unknown>, idx: Index | undefined): Index {
  if (idx !== undefined && idx.size === container.size) return idx;
  // Build (or rebuild, when the container was changed behind our back) from the keys there now.
  const first = new Map<unknown, unknown>();
  for (const k of container.keys()) {
    const c = hashKey(k);
    if (!first.has(c)) first.set(c, k);
  }
  idx = { first, size: container.size };
  indexes.set(container, idx);
  return idx;
}

/** `d[key] = value` with Python's key equality: an equal key already there keeps its place and object. */
export function dictSet(d: Map<unknown, unknown>, key: unknown, value: unknown): void {
  let idx = indexes.get(d);
  let c: unknown;
  if (idx === undefined) {
    const t = typeof key;
    if (t === 'string' || t === 'number') {
      d.set(key, value);
      return;
    }
    c = hashKey(key);
    if (c === key) {
      // None, identity-hashed objects, ints that equal no double: their own canonical form.
      d.set(key, value);
      return;
    }
  } else {
    c = hashKey(key);
  }
  idx = indexOf(d, idx);
  const first = idx.first.get(c);
  if (first !== undefined || idx.first.has(c)) {
    d.set(first, value);
  } else {
    idx.first.set(c, key);
    d.set(key, value);
    idx.size = d.size;
  }
}

/**
 * `d[k] = v` for the pairs `items[from], items[from + 1]`, ... below `to`
 * (SETITEMS, DICT): `dictSet` for each, with the index looked up once while
 * the keys are strings and numbers.
 */
export function dictSetPairs(d: Map<unknown, unknown>, items: readonly unknown[], from: number, to: number): void {
  let i = from;
  if (!indexes.has(d)) {
    for (; i < to; i += 2) {
      const k = items[i];
      const t = typeof k;
      if (t !== 'string' && t !== 'number') break;
      d.set(k, items[i + 1]);
    }
  }
  for (; i < to; i += 2) dictSet(d, items[i], items[i + 1]);
}

/** `s.add(item)` with Python's equality: nothing happens when an equal item is there. */
export function setAdd(s: Set<unknown>, item: unknown): void {
  let idx = indexes.get(s);
  let c: unknown;
  if (idx === undefined) {
    const t = typeof item;
    if (t === 'string' || t === 'number') {
      s.add(item);
      return;
    }
    c = hashKey(item);
    if (c === item) {
      // None, identity-hashed objects, ints that equal no double: their own canonical form.
      s.add(item);
      return;
    }
  } else {
    c = hashKey(item);
  }
  idx = indexOf(s, idx);
  if (idx.first.has(c)) return;
  idx.first.set(c, item);
  s.add(item);
  idx.size = s.size;
}

/** `d.get(key)` with Python's key equality (undefined when absent). */
export function dictGet(d: ReadonlyMap<unknown, unknown>, key: unknown): unknown {
  const m = d as Map<unknown, unknown>;
  const idx = indexes.get(m);
  const t = typeof key;
  if (idx === undefined && (t === 'string' || t === 'number')) return d.get(key);
  const first = indexOf(m, idx).first;
  const c = hashKey(key);
  return first.has(c) ? d.get(first.get(c)) : undefined;
}

/** `item in s` with Python's equality. */
export function setHas(s: ReadonlySet<unknown>, item: unknown): boolean {
  const m = s as Set<unknown>;
  const idx = indexes.get(m);
  const t = typeof item;
  if (idx === undefined && (t === 'string' || t === 'number')) return s.has(item);
  return indexOf(m, idx).first.has(hashKey(item));
}
