/**
 * The numpy globals a pickle may name, and what each one builds.
 *
 * numpy pickles its objects through four callables (pickle-format.md §12):
 *
 * | global | args | BUILD state | result |
 * |---|---|---|---|
 * | `numpy.dtype` | `(typestr, align, copy)` | 5- to 9-tuple (`dtype.__setstate__`) | DType |
 * | `…multiarray._reconstruct` | `(numpy.ndarray, (0,), b'b')` | `(1, shape, dtype, is_fortran, rawdata)` | NdArray or ObjectArray |
 * | `…multiarray.scalar` | `(dtype, data)` | none | NumpyScalar (object dtype: `data`) |
 * | `…numeric._frombuffer` | `(buf, dtype, shape, order[, axis_order])` | none | NdArray |
 *
 * each under its `numpy.core` (numpy 1.x) and `numpy._core` (numpy 2) module,
 * plus `numpy.core._internal._reconstruct` (numpy before 1.0) and
 * `numpy.ndarray`, which is only ever a value (the first argument of
 * `_reconstruct`): calling it is refused.
 *
 * The two byte-order rules differ on purpose, as numpy's do:
 * `ndarray.__setstate__` (protocols 0-4) swaps a non-native array into
 * native order and relabels its dtype native (`>i4` becomes `<i4`,
 * structured dtypes stay as they are), while `_frombuffer` (protocol 5)
 * keeps the dtype (`>i4` stays `>i4`; its NdArray holds native values).
 *
 * Python 2 pickles carry the type strings, endian characters, field names,
 * datetime units and the raw data in Python 2 `str` objects: they arrive as
 * JS strings under `encoding='latin1'` (raw data is re-encoded to Latin-1,
 * exactly as numpy does) and as Uint8Array under `encoding='bytes'` (text is
 * decoded as ASCII). Both give numpy's result.
 */
import { DType, NATIVE_ORDER, type Field, type StoredOrder, type TimeUnit } from '../dtype/dtype.js';
import { storageOf, swapInPlace, typedFromBytes } from '../dtype/storage.js';
import { parseTypestr } from '../dtype/typestr.js';
import { NpyioError } from '../errors.js';
import { contiguousStrides, NdArray, type Order } from '../ndarray.js';
import { isTuple } from '../values.js';
import type { CallContext, GlobalHandler, Registry } from './registry.js';
import { ascii } from './text.js';
import { NumpyScalar, PyByteArray, PyGlobal } from './values.js';

/** The object dtype `|O`. */
const OBJECT_DTYPE = parseTypestr('|O');

/**
 * An array of Python objects (dtype `|O`, or a structured dtype with an
 * object field): numpy pickles its elements as a list, which is kept as is.
 * `items` are always in C order (numpy's element list is, even for a Fortran
 * array); `order` is the layout the pickle asked for.
 */
export class ObjectArray {
  constructor(
    readonly shape: number[],
    readonly items: unknown[],
    readonly order: 'C' | 'F',
    /** `|O`, or the structured dtype whose fields hold objects (items are then tuples). */
    readonly dtype: DType = OBJECT_DTYPE,
  ) {}

  get size(): number {
    return this.items.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  toString(): string {
    return `ObjectArray(dtype=${this.dtype.toString()}, shape=(${this.shape.join(', ')}${this.shape.length === 1 ? ',' : ''}))`;
  }
}

/** Every name registerNumpy allows, for audits and docs. */
export const NUMPY_GLOBALS: readonly string[] = Object.freeze([
  'numpy.ndarray',
  'numpy.dtype',
  'numpy.core.multiarray._reconstruct',
  'numpy._core.multiarray._reconstruct',
  'numpy.core._internal._reconstruct',
  'numpy.core.multiarray.scalar',
  'numpy._core.multiarray.scalar',
  'numpy.core.numeric._frombuffer',
  'numpy._core.numeric._frombuffer',
]);

/** Allows numpy's arrays, dtypes and scalars (the names in NUMPY_GLOBALS). */
export function registerNumpy(reg: Registry): void {
  // numpy.ndarray is a value only: `ndarray(...)` and `ndarray.__new__` are refused.
  reg.allow('numpy.ndarray', {});
  reg.allow('numpy.dtype', { call: callDType });
  const reconstruct: GlobalHandler = { call: callReconstruct };
  const scalar: GlobalHandler = { call: callScalar };
  const frombuffer: GlobalHandler = { call: callFrombuffer };
  for (const core of ['numpy.core', 'numpy._core']) {
    reg.allow(`${core}.multiarray._reconstruct`, reconstruct);
    reg.allow(`${core}.multiarray.scalar`, scalar);
    reg.allow(`${core}.numeric._frombuffer`, frombuffer);
  }
  reg.allow('numpy.core._internal._reconstruct', reconstruct);
}

// ---------------------------------------------------------------------------
// numpy.dtype(typestr, align, copy) + dtype.__setstate__(state)

/** `np.dtype(obj, align=False, copy=False, metadata=None)`: a fresh DType whose BUILD runs `__setstate__`. */
function callDType(args: readonly unknown[], ctx: CallContext): unknown {
  if (args.length < 1 || args.length > 4) {
    throw ctx.error(`dtype() takes from 1 to 4 positional arguments but ${args.length} were given`, 'TypeError');
  }
  const base = dtypeFromSpec(args[0], ctx, 'dtype()');
  // A new object every time: BUILD hooks and memo replacement go by identity,
  // and parseTypestr hands out cached instances.
  const dt = cloneDType(base);
  ctx.onBuild(dt, (state) => dtypeSetstate(base, state, ctx));
  return dt;
}

type Args = readonly unknown[];

/** The state tuple's slots, by length (pickle-format.md §12); a 5-tuple is version 0. */
const DTYPE_LAYOUTS: Readonly<Record<number, readonly string[]>> = {
  9: ['version', 'endian', 'subarray', 'names', 'fields', 'elsize', 'alignment', 'flags', 'metadata'],
  8: ['version', 'endian', 'subarray', 'names', 'fields', 'elsize', 'alignment', 'flags'],
  7: ['version', 'endian', 'subarray', 'names', 'fields', 'elsize', 'alignment'],
  6: ['version', 'endian', 'subarray', 'fields', 'elsize', 'alignment'],
  5: ['endian', 'subarray', 'fields', 'elsize', 'alignment'],
};
const INT_SLOTS = new Set(['version', 'elsize', 'alignment', 'flags']);

/** numpy's `arraydescr_setstate` on a dtype made from `base`. */
function dtypeSetstate(base: DType, state: unknown, ctx: CallContext): DType {
  if (!isTuple(state)) throw ctx.error('bad argument to internal function (dtype state is not a tuple)', 'SystemError');
  const layout = DTYPE_LAYOUTS[state.length];
  // numpy reports every other length as version -1.
  if (layout === undefined) throw ctx.error("can't handle version -1 of numpy.dtype pickle", 'ValueError');
  const s: Record<string, unknown> = { version: 0, elsize: -1, alignment: -1, flags: 0 };
  layout.forEach((slot, i) => {
    const v = state[i];
    s[slot] = INT_SLOTS.has(slot) ? cInt(v, ctx, `__setstate__() argument 1, item ${i}`) : v;
  });
  const version = s['version'] as number;
  if (version < 0 || version > 4) throw ctx.error(`can't handle version ${version} of numpy.dtype pickle`, 'ValueError');

  let names = 'names' in s ? s['names'] : undefined;
  let fields = s['fields'];
  if (version <= 1) {
    // Versions 0 and 1 keep the names tuple inside fields, under the key -1.
    if (fields !== null) {
      if (!(fields instanceof Map)) throw ctx.error('bad argument to internal function (dtype fields is not a dict)', 'SystemError');
      const rest = new Map<unknown, unknown>();
      names = undefined;
      for (const [k, v] of fields) {
        if (k === -1 || k === -1n) names = v;
        else rest.set(k, v);
      }
      if (names === undefined) throw ctx.error('bad argument to internal function (dtype fields has no key -1)', 'SystemError');
      fields = rest;
    } else {
      names = null;
    }
  }

  const endian = endianChar(s['endian'], ctx);
  // A 6-item state of version >= 2 has no names slot: numpy calls that inconsistent too.
  if ((fields === null) !== (names === null) || names === undefined) {
    throw ctx.error('inconsistent fields and names in Numpy dtype unpickling', 'ValueError');
  }
  if (names !== null && !isTuple(names)) throw ctx.error('non-tuple names in Numpy dtype unpickling', 'ValueError');
  if (fields !== null && !(fields instanceof Map)) throw ctx.error('non-dict fields in Numpy dtype unpickling', 'ValueError');

  const subarray = s['subarray'] === null ? null : parseSubarray(s['subarray'], ctx);
  const fieldList = fields === null ? null : parseFields(names as Args, fields as Map<unknown, unknown>, ctx);

  const flags = s['flags'] as number;
  if (flags < -128) throw ctx.error('incorrect value for flags variable (overflow)', 'ValueError');

  const kind = base.kind;
  if ((subarray !== null || fieldList !== null) && kind !== 'V') {
    throw ctx.error(`a numpy.dtype pickle gives fields or a subarray to a ${base.str} dtype`, 'ValueError');
  }
  if (subarray !== null && fieldList !== null) {
    throw ctx.error('a numpy.dtype pickle gives both fields and a subarray', 'ValueError');
  }

  // elsize counts only for the flexible types (S, U, V and records).
  let itemsize = base.itemsize;
  if (kind === 'S' || kind === 'U' || kind === 'V') {
    itemsize = s['elsize'] as number;
    if (itemsize < 0 || (kind === 'U' && itemsize % 4 !== 0)) {
      throw ctx.error(`invalid itemsize ${itemsize} for a ${kind} dtype in Numpy dtype unpickling`, 'ValueError');
    }
  }

  // One-byte types, S, V, O and records have no byte order. On the others
  // '=' means native, and '|' stays '|' (numpy keeps the label: '|f8'), read natively.
  let order: StoredOrder;
  if (base.order === '|' || fieldList !== null || subarray !== null) order = '|';
  else order = endian === '<' || endian === '>' || endian === '|' ? endian : NATIVE_ORDER;

  let unit: TimeUnit | undefined = base.unit ?? undefined;
  let unitCount = base.unitCount;
  if ((kind === 'M' || kind === 'm') && state.length === 9) {
    [unit, unitCount] = datetimeMetadata(s['metadata'], ctx);
  }
  return new DType({ kind, itemsize, order, unit, unitCount, fields: fieldList, subdtype: subarray });
}

const ENDIANS = new Set(['<', '>', '=', '|']);

function endianChar(v: unknown, ctx: CallContext): string {
  let text: string;
  if (typeof v === 'string') {
    for (let i = 0; i < v.length; i++) {
      if (v.charCodeAt(i) > 0x7f) {
        throw ctx.error(`'ascii' codec can't encode character ${pyCharEscape(v.charCodeAt(i))} in position ${i}: ordinal not in range(128)`, 'UnicodeEncodeError');
      }
    }
    text = v;
  } else if (v instanceof Uint8Array) {
    text = v.length === 1 ? String.fromCharCode(v[0]!) : '?'.repeat(v.length);
  } else {
    throw ctx.error('endian is not a string in Numpy dtype unpickling', 'ValueError');
  }
  if (text.length !== 1) throw ctx.error('endian is not 1-char string in Numpy dtype unpickling', 'ValueError');
  // numpy stores any character here; a byte order it never writes is refused.
  if (!ENDIANS.has(text)) throw ctx.error(`invalid endian character ${pyStrRepr(text)} in Numpy dtype unpickling`, 'ValueError');
  return text;
}

function parseSubarray(v: unknown, ctx: CallContext): { base: DType; shape: number[] } {
  if (!isTuple(v) || v.length !== 2 || !(v[0] instanceof DType)) {
    throw ctx.error('incorrect subarray in __setstate__', 'ValueError');
  }
  const sh = v[1];
  let dims: readonly unknown[];
  if (typeof sh === 'number' || typeof sh === 'bigint' || typeof sh === 'boolean') {
    dims = [typeof sh === 'number' ? Math.trunc(sh) : sh];
  } else if (isTuple(sh) && sh.every((d) => isPyInt(d))) {
    dims = sh;
  } else {
    throw ctx.error('incorrect subarray shape in __setstate__', 'ValueError');
  }
  const shape = dims.map((d) => {
    const n = Number(d);
    if (!Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) {
      throw ctx.error(`invalid subarray dimension ${String(d)} in Numpy dtype unpickling`, 'ValueError');
    }
    return n;
  });
  return { base: v[0], shape };
}

/** names + fields (`name -> (dtype, offset[, title])`, titles also as keys) -> the field list, in names order. */
function parseFields(names: Args, fields: Map<unknown, unknown>, ctx: CallContext): Field[] {
  // Python 2 pickles read with encoding='bytes' name fields with bytes: numpy decodes them as ASCII.
  const byName = new Map<string, unknown>();
  for (const [k, v] of fields) {
    if (typeof k === 'string') byName.set(k, v);
    else if (k instanceof Uint8Array && !byName.has(latinText(k))) byName.set(latinText(k), v);
  }
  const out: Field[] = [];
  const used = new Set<string>();
  for (const n of names) {
    let name: string;
    if (typeof n === 'string') name = n;
    else if (n instanceof Uint8Array) name = asciiText(n, ctx);
    else throw ctx.error(`decoding to str: need a bytes-like object, ${pyTypeName(n)} found`, 'TypeError');
    const entry = byName.has(name) ? byName.get(name) : undefined;
    if (entry === undefined) throw ctx.error(pyStrRepr(name), 'KeyError');
    if (!isTuple(entry) || entry.length < 2 || entry.length > 3) {
      throw ctx.error(`field ${pyStrRepr(name)} of a numpy.dtype pickle is not a (dtype, offset[, title]) tuple`, 'TypeError');
    }
    const [fdt, off, title] = entry;
    if (!(fdt instanceof DType)) {
      throw ctx.error(`field ${pyStrRepr(name)} of a numpy.dtype pickle has a ${pyTypeName(fdt)} for its dtype`, 'TypeError');
    }
    const offset = cInt(off, ctx, `offset of field ${pyStrRepr(name)}`);
    if (offset < 0) throw ctx.error(`field ${pyStrRepr(name)} has a negative offset`, 'ValueError');
    let t: string | null = null;
    if (typeof title === 'string') t = title;
    else if (title instanceof Uint8Array) t = asciiText(title, ctx);
    else if (title !== undefined && title !== null) {
      throw ctx.error(`field titles must be strings, not ${pyTypeName(title)}`, 'TypeError');
    }
    if (used.has(name)) throw ctx.error(`field name ${pyStrRepr(name)} appears twice in a numpy.dtype pickle`, 'ValueError');
    used.add(name);
    out.push({ name, dtype: fdt, offset, title: t });
  }
  return out;
}

/** Units by name; numpy also reads the micro sign. */
const UNIT_NAMES: Readonly<Record<string, TimeUnit>> = {
  Y: 'Y', M: 'M', W: 'W', D: 'D', h: 'h', m: 'm', s: 's', ms: 'ms', us: 'us', 'μs': 'us',
  ns: 'ns', ps: 'ps', fs: 'fs', as: 'as', generic: 'generic',
};

/**
 * What a `den` divisor turns each unit into (numpy's `_multiples_table`):
 * the first finer unit whose multiplier `den` divides. Weeks are left out:
 * numpy's table for them reads past its end.
 */
const FINER: Readonly<Partial<Record<TimeUnit, readonly (readonly [number, TimeUnit])[]>>> = {
  Y: [[12, 'M'], [52, 'W'], [365, 'D']],
  M: [[4, 'W'], [30, 'D'], [720, 'h']],
  D: [[24, 'h'], [1440, 'm'], [86400, 's']],
  h: [[60, 'm'], [3600, 's']],
  m: [[60, 's'], [60000, 'ms']],
  s: [[1000, 'ms'], [1000000, 'us']],
  ms: [[1000, 'us'], [1000000, 'ns']],
  us: [[1000, 'ns'], [1000000, 'ps']],
  ns: [[1000, 'ps'], [1000000, 'fs']],
  ps: [[1000, 'fs'], [1000000, 'as']],
  fs: [[1000, 'as']],
  as: [],
};

/** Version 4 datetime metadata: `(dict_or_None, (unit, num[, den, events]))`. */
function datetimeMetadata(meta: unknown, ctx: CallContext): [TimeUnit, number] {
  if (!isTuple(meta) || meta.length !== 2) {
    throw ctx.error(`Invalid datetime dtype (metadata, c_metadata): ${pyShortRepr(meta)}`, 'ValueError');
  }
  const t = meta[1];
  if (!isTuple(t)) {
    throw ctx.error(`Require tuple for tuple to NumPy datetime metadata conversion, not ${pyShortRepr(t)}`, 'TypeError');
  }
  if (t.length < 2 || t.length > 4) {
    throw ctx.error('Require tuple of size 2 to 4 for tuple to NumPy datetime metadata conversion', 'TypeError');
  }
  let unitText: string;
  if (typeof t[0] === 'string') unitText = t[0];
  else if (t[0] instanceof Uint8Array) {
    try {
      unitText = UTF8.decode(t[0]);
    } catch {
      throw ctx.error("'utf-8' codec can't decode the datetime unit bytes", 'UnicodeDecodeError');
    }
  } else {
    throw ctx.error(`bad argument type for built-in operation (datetime unit is a ${pyTypeName(t[0])})`, 'TypeError');
  }
  const unit = Object.hasOwn(UNIT_NAMES, unitText) ? UNIT_NAMES[unitText]! : undefined;
  if (unit === undefined) throw ctx.error(`Invalid datetime unit "${unitText}" in metadata`, 'TypeError');
  let num = cInt(t[1], ctx, 'datetime metadata num');
  const den = t.length === 4 ? cInt(t[2], ctx, 'datetime metadata den') : 1;
  if (num <= 0 || den <= 0) throw ctx.error('Invalid tuple values for tuple to NumPy datetime metadata conversion', 'TypeError');
  if (den === 1) return [unit, num];
  if (unit === 'generic') throw ctx.error("Can't use 'den' divisor with generic units", 'ValueError');
  const finer = FINER[unit];
  const hit = finer?.find(([mult]) => mult % den === 0);
  if (hit === undefined) {
    throw ctx.error(`divisor (${den}) is not a multiple of a lower-unit in datetime metadata`, 'ValueError');
  }
  num *= hit[0] / den;
  if (num > 0x7fffffff) throw ctx.error('datetime metadata multiplier overflows a C int', 'OverflowError');
  return [hit[1], num];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------------------
// _reconstruct(ndarray, shape, typecode) + ndarray.__setstate__(state)

/** Bytes a `_reconstruct` placeholder may allocate (numpy always asks for shape (0,)). */
const PLACEHOLDER_LIMIT = 1 << 20;

function callReconstruct(args: readonly unknown[], ctx: CallContext): unknown {
  if (args.length !== 3) throw ctx.error(`_reconstruct() takes exactly 3 arguments (${args.length} given)`, 'TypeError');
  const [cls, shapeArg, typecode] = args;
  if (!(cls instanceof PyGlobal) || cls.qualname !== 'numpy.ndarray') {
    // numpy takes any ndarray subclass here; npyio knows numpy.ndarray only.
    throw ctx.error('_reconstruct: First argument must be a sub-type of ndarray', 'TypeError');
  }
  const shape = shapeFromArg(shapeArg, ctx, '_reconstruct shape', false);
  const dtype = dtypeFromSpec(typecode, ctx, '_reconstruct');
  // ndarray.__new__(ndarray, shape, dtype): what the pickle holds if BUILD never comes.
  let placeholder: NdArray | ObjectArray;
  const size = checkedSize(shape, ctx);
  if (dtype.hasObject) {
    if (size > PLACEHOLDER_LIMIT) throw tooBig(ctx);
    placeholder = new ObjectArray(shape, new Array<unknown>(size).fill(null), 'C', dtype.kind === 'O' ? OBJECT_DTYPE : dtype);
  } else {
    if (size * dtype.itemsize > PLACEHOLDER_LIMIT) throw tooBig(ctx);
    placeholder = NdArray.fromBytes(new Uint8Array(size * dtype.itemsize), dtype, shape);
  }
  ctx.onBuild(placeholder, (state) => arraySetstate(state, ctx));
  return placeholder;
}

function tooBig(ctx: CallContext) {
  return ctx.error(`_reconstruct asks for an empty array of more than ${PLACEHOLDER_LIMIT} bytes: refused`, 'MemoryError');
}

const LATIN1_ARRAY_ERROR = "Failed to encode latin1 string when unpickling a Numpy array. pickle.load(a, encoding='latin1') is assumed.";

/** numpy's `array_setstate`: `(version, shape, dtype, is_fortran, rawdata)` or the 4-tuple without version. */
function arraySetstate(state: unknown, ctx: CallContext): NdArray | ObjectArray {
  // numpy unpacks the state as a sequence: a list works as well as a tuple.
  if (!Array.isArray(state)) throw ctx.error(`__setstate__() argument 1 must be sequence of length 4, not ${pyTypeName(state)}`, 'TypeError');
  let version = 0;
  let parts: Args;
  if (state.length === 5 && isPyInt(state[0])) {
    version = cInt(state[0], ctx, '__setstate__() argument 1, item 0');
    parts = state.slice(1);
  } else if (state.length === 4) {
    parts = state;
  } else {
    throw ctx.error(`__setstate__() argument 1 must be sequence of length 4, not ${state.length}`, 'TypeError');
  }
  const [shapeArg, dtype, fortranArg, raw] = parts;
  // numpy parses the 5-tuple first and, when that fails, the 4-tuple, whose message is the one seen.
  const bad = (i: number, want: string, v: unknown) => ctx.error(state.length === 5
    ? '__setstate__() argument 1 must be sequence of length 4, not 5'
    : `__setstate__() argument 1, item ${i} must be ${want}, not ${pyTypeName(v)}`, 'TypeError');
  if (!isTuple(shapeArg)) throw bad(0, 'tuple', shapeArg);
  if (!(dtype instanceof DType)) throw bad(1, 'numpy.dtype', dtype);
  if (!isPyInt(fortranArg)) throw bad(2, 'int', fortranArg);
  const isFortran = cInt(fortranArg, ctx, 'is_fortran') !== 0;
  if (version !== 0 && version !== 1) throw ctx.error(`can't handle version ${version} of numpy.ndarray pickle`, 'ValueError');

  const shape = shapeFromArg(shapeArg, ctx, 'array shape', true);
  const size = checkedSize(shape, ctx);
  const order: Order = isFortran ? 'F' : 'C';

  if (dtype.hasObject) {
    // NPY_LIST_PICKLE: the elements as a list, in C order whatever the layout.
    if (!Array.isArray(raw) || isTuple(raw)) throw ctx.error('object pickle not returning list', 'TypeError');
    if (raw.length !== size) {
      throw ctx.error(`object array pickle lists ${raw.length} elements for shape ${pyShape(shape)} (${size} elements)`, 'ValueError');
    }
    return new ObjectArray(shape, raw.slice(), order, dtype.kind === 'O' ? OBJECT_DTYPE : dtype);
  }

  let bytes: Uint8Array;
  if (typeof raw === 'string') bytes = latin1Encode(raw, ctx, LATIN1_ARRAY_ERROR);
  else if (raw instanceof Uint8Array) bytes = raw;
  else throw ctx.error('pickle not returning string', 'TypeError');
  if (bytes.length !== size * dtype.itemsize) throw ctx.error('buffer size does not match array size', 'ValueError');

  // Non-native simple types are swapped on load and the dtype becomes native.
  if (needsSwap(dtype)) {
    return new NdArray({ dtype: withOrder(dtype, NATIVE_ORDER), shape, order, data: typedFromBytes(bytes, dtype, size) });
  }
  return NdArray.fromBytes(bytes, dtype, shape, order);
}

// ---------------------------------------------------------------------------
// scalar(dtype, data)

const LATIN1_SCALAR_ERROR = "Failed to encode Numpy scalar data string to latin1,\npickle.load(a, encoding='latin1') is assumed if unpickling.";

/** numpy's `multiarray.scalar`: a numpy scalar from an item's bytes. */
function callScalar(args: readonly unknown[], ctx: CallContext): unknown {
  if (args.length < 1 || args.length > 2) {
    throw ctx.error(`scalar() takes at most 2 arguments (${args.length} given)`, 'TypeError');
  }
  const dtype = args[0];
  if (!(dtype instanceof DType)) throw ctx.error(`scalar() argument 1 must be numpy.dtype, not ${pyTypeName(dtype)}`, 'TypeError');
  const data = args.length > 1 ? args[1] : undefined;
  if (dtype.kind === 'O' && dtype.fieldList === null && dtype.subdtype === null) {
    throw ctx.error('Cannot unpickle a scalar with object dtype.', 'TypeError'); // numpy 2.4's words
  }
  if (dtype.hasObject) {
    throw ctx.error('a numpy void scalar with object fields cannot be held in a NumpyScalar: refused', 'RuntimeError');
  }
  let bytes: Uint8Array;
  if (data === undefined) {
    bytes = new Uint8Array(Math.max(dtype.itemsize, 1)); // numpy: zeros, itemsize 0 counts as 1
  } else {
    if (typeof data === 'string') bytes = latin1Encode(data, ctx, LATIN1_SCALAR_ERROR);
    else if (data instanceof Uint8Array) bytes = data;
    else throw ctx.error('initializing object must be a bytes object', 'TypeError');
    if (bytes.length < dtype.itemsize) throw ctx.error('initialization string is too small', 'ValueError');
  }
  const item = bytes.slice(0, dtype.itemsize);
  return makeScalar(dtype, item);
}

/** numpy's `PyArray_Scalar` on one item: native order, strings without trailing NULs, bools 0/1. */
function makeScalar(dtype: DType, item: Uint8Array): NumpyScalar {
  if (dtype.fieldList !== null || dtype.subdtype !== null || dtype.kind === 'V') return new NumpyScalar(dtype, item);
  if (dtype.kind === 'S' || dtype.kind === 'U') {
    // numpy strips NUL bytes from the raw item, then rounds U up to whole code units.
    let n = item.length;
    while (n > 0 && item[n - 1] === 0) n--;
    if (dtype.kind === 'U') n = Math.ceil(n / 4) * 4;
    const out = item.slice(0, n);
    if (dtype.kind === 'U' && !dtype.isNativeOrder) swapInPlace(out, 4);
    return new NumpyScalar(new DType({ kind: dtype.kind, itemsize: n, order: dtype.kind === 'U' ? NATIVE_ORDER : '|' }), out);
  }
  if (dtype.kind === 'b') return new NumpyScalar(dtype, Uint8Array.of(item[0] ? 1 : 0));
  if (needsSwap(dtype)) {
    swapInPlace(item, storageOf(dtype).swapWidth);
    return new NumpyScalar(withOrder(dtype, NATIVE_ORDER), item);
  }
  return new NumpyScalar(dtype, item);
}

// ---------------------------------------------------------------------------
// _frombuffer(buf, dtype, shape, order[, axis_order])

/** numpy's `_frombuffer`: `frombuffer(buf, dtype).reshape(shape, order)`; no swap, the dtype is kept. */
function callFrombuffer(args: readonly unknown[], ctx: CallContext): unknown {
  if (args.length < 4 || args.length > 5) {
    throw ctx.error(`_frombuffer() takes from 4 to 5 positional arguments but ${args.length} were given`, 'TypeError');
  }
  const [buf, dtypeArg, shapeArg, orderArg, axisArg] = args;
  let bytes: Uint8Array;
  if (buf instanceof PyByteArray) bytes = buf.bytes;
  else if (buf instanceof Uint8Array) bytes = buf;
  else throw ctx.error(`a bytes-like object is required, not '${pyTypeName(buf)}'`, 'TypeError');
  const dtype = dtypeFromSpec(dtypeArg, ctx, 'frombuffer()');
  if (dtype.hasObject) throw ctx.error('cannot create an OBJECT array from memory buffer', 'ValueError');
  if (dtype.itemsize === 0) throw ctx.error('itemsize cannot be zero in type', 'ValueError');
  if (bytes.length % dtype.itemsize !== 0) throw ctx.error('buffer size must be a multiple of element size', 'ValueError');
  const count = bytes.length / dtype.itemsize;

  let shape = shapeFromArg(shapeArg, ctx, 'reshape', false, true);
  const unknown = shape.indexOf(-1);
  if (unknown >= 0) {
    const known = shape.reduce((p, d, i) => (i === unknown ? p : p * d), 1);
    if (known === 0 || count % known !== 0) {
      throw ctx.error(`cannot reshape array of size ${count} into shape ${pyShape(shape)}`, 'ValueError');
    }
    shape = shape.map((d) => (d === -1 ? count / known : d));
  }
  if (checkedSize(shape, ctx) !== count) {
    throw ctx.error(`cannot reshape array of size ${count} into shape ${pyShape(shape)}`, 'ValueError');
  }

  const order = asciiArg(orderArg, ctx, 'order');
  const axisOrder = axisArg === undefined || axisArg === null ? null : axisArg;
  if (order === 'K' && axisOrder !== null) {
    // A permuted array (numpy >= 2.3): C-order base, then transpose(axis_order).
    const axes = permutation(axisOrder, shape.length, ctx);
    const base = NdArray.fromBytes(bytes, dtype, shape, 'C');
    const cStrides = contiguousStrides(shape, dtype.itemsize, 'C');
    return new NdArray({
      dtype,
      shape: axes.map((a) => shape[a]!),
      strides: axes.map((a) => cStrides[a]!),
      data: base.data,
      offset: 0,
    });
  }
  if (order === 'K') throw ctx.error("order 'K' is not permitted for reshaping", 'ValueError');
  // 'A' reads the (1-d, C- and F-contiguous) buffer in C order.
  if (order !== 'C' && order !== 'F' && order !== 'A') {
    throw ctx.error(`order must be one of 'C', 'F', 'A', or 'K' (got ${pyStrRepr(order)})`, 'ValueError');
  }
  return NdArray.fromBytes(bytes, dtype, shape, order === 'F' ? 'F' : 'C');
}

function permutation(v: unknown, ndim: number, ctx: CallContext): number[] {
  const items = Array.isArray(v) ? v : null;
  const axes = items?.map((x) => (isPyInt(x) ? Number(x) : NaN)) ?? [];
  if (items === null || axes.length !== ndim || axes.some((a) => !Number.isInteger(a) || a < 0 || a >= ndim)) {
    throw ctx.error("axes don't match array", 'ValueError');
  }
  if (new Set(axes).size !== ndim) throw ctx.error('repeated axis in transpose', 'ValueError');
  return axes;
}

// ---------------------------------------------------------------------------
// helpers

/** np.dtype(spec) for the specs numpy's pickles pass: a type string (str or bytes) or a dtype. */
function dtypeFromSpec(spec: unknown, ctx: CallContext, what: string): DType {
  if (spec instanceof DType) return spec;
  let text: string;
  if (typeof spec === 'string') text = spec;
  else if (spec instanceof Uint8Array) text = asciiText(spec, ctx);
  else throw ctx.error(`${what}: npyio reads a dtype from a type string, not from a ${pyTypeName(spec)}`, 'TypeError');
  try {
    return parseTypestr(text);
  } catch (e) {
    if (e instanceof NpyioError) throw ctx.error(e.message, e.pythonType);
    throw e;
  }
}

function cloneDType(d: DType): DType {
  return new DType({
    kind: d.kind, itemsize: d.itemsize, order: d.order, unit: d.unit ?? undefined, unitCount: d.unitCount,
    fields: d.fieldList, subdtype: d.subdtype,
  });
}

/** The same simple dtype stored in another byte order. */
function withOrder(d: DType, order: StoredOrder): DType {
  return new DType({ kind: d.kind, itemsize: d.itemsize, order, unit: d.unit ?? undefined, unitCount: d.unitCount });
}

/** numpy's PyArray_ISBYTESWAPPED for a plain (non-record, non-subarray) dtype. */
function needsSwap(d: DType): boolean {
  return d.fieldList === null && d.subdtype === null && d.order !== '|' && !d.isNativeOrder;
}

function isPyInt(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint' || typeof v === 'boolean';
}

/** A C int argument (PyArg "i"): Python int or bool. */
function cInt(v: unknown, ctx: CallContext, what: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v > 0x7fffffff) throw ctx.error('signed integer is greater than maximum', 'OverflowError');
    if (v < -0x80000000) throw ctx.error('signed integer is less than minimum', 'OverflowError');
    return v;
  }
  if (typeof v === 'bigint') {
    throw ctx.error(v > 0n ? 'signed integer is greater than maximum' : 'signed integer is less than minimum', 'OverflowError');
  }
  throw ctx.error(`${what} must be int, not ${pyTypeName(v)}`, 'TypeError');
}

/**
 * A shape: a tuple (or list) of ints, or one int. `fromPickle`: numpy's
 * setstate message for a negative dimension; `allowUnknown`: reshape's -1.
 */
function shapeFromArg(v: unknown, ctx: CallContext, what: string, fromPickle: boolean, allowUnknown = false): number[] {
  const dims = isPyInt(v) ? [v] : Array.isArray(v) ? v : null;
  if (dims === null) throw ctx.error(`${what}: expected a sequence of integers or a single integer, got ${pyTypeName(v)}`, 'TypeError');
  if (dims.length > 64) throw ctx.error(`maximum supported dimension for an ndarray is currently 64, found ${dims.length}`, 'ValueError');
  let unknownSeen = false;
  return dims.map((d) => {
    if (!isPyInt(d)) throw ctx.error(`'${pyTypeName(d)}' object cannot be interpreted as an integer`, 'TypeError');
    const n = typeof d === 'boolean' ? Number(d) : d;
    if (n === -1 && allowUnknown && !unknownSeen) {
      unknownSeen = true;
      return -1;
    }
    if (n < 0) {
      if (fromPickle) throw ctx.error('impossible dimension while unpickling array', 'TypeError');
      throw ctx.error(allowUnknown ? 'can only specify one unknown dimension' : 'negative dimensions are not allowed', 'ValueError');
    }
    if (typeof n === 'bigint' || !Number.isSafeInteger(n)) throw ctx.error('array is too big', 'MemoryError');
    return n as number;
  });
}

/** prod(shape), refusing what no buffer could hold (numpy: MemoryError). */
function checkedSize(shape: readonly number[], ctx: CallContext): number {
  if (shape.includes(0)) return 0;
  let n = 1;
  for (const d of shape) {
    n *= d;
    if (n > Number.MAX_SAFE_INTEGER) throw ctx.error('array is too big', 'MemoryError');
  }
  return n;
}

/** Python 2 str data re-encoded to bytes, as numpy's `PyUnicode_AsLatin1String`. */
function latin1Encode(s: string, ctx: CallContext, message: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw ctx.error(message, 'ValueError');
    out[i] = c;
  }
  return out;
}

function asciiText(b: Uint8Array, ctx: CallContext): string {
  try {
    return ascii(b);
  } catch (e) {
    if (e instanceof NpyioError) throw ctx.error(e.message, e.pythonType);
    throw e;
  }
}

function latinText(b: Uint8Array): string {
  return String.fromCharCode(...b);
}

/** A short text argument given as str or (Python 2, encoding='bytes') bytes. */
function asciiArg(v: unknown, ctx: CallContext, what: string): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return asciiText(v, ctx);
  throw ctx.error(`${what} must be str, not ${pyTypeName(v)}`, 'TypeError');
}

function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (v instanceof Uint8Array) return 'bytes';
  if (isTuple(v)) return 'tuple';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Map) return 'dict';
  if (v instanceof Set) return 'set';
  if (v instanceof PyByteArray) return 'bytearray';
  if (v instanceof DType) return 'numpy.dtype';
  if (v instanceof NdArray || v instanceof ObjectArray) return 'numpy.ndarray';
  if (v instanceof PyGlobal) return 'type';
  return (v as object).constructor?.name ?? 'object';
}

function pyStrRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function pyCharEscape(c: number): string {
  return c <= 0xff ? `'\\x${c.toString(16).padStart(2, '0')}'` : `'\\u${c.toString(16).padStart(4, '0')}'`;
}

/** A rough repr for messages about small state items. */
function pyShortRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return pyStrRepr(v);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) {
    const inner = v.map(pyShortRepr).join(', ');
    return isTuple(v) ? `(${inner}${v.length === 1 ? ',' : ''})` : `[${inner}]`;
  }
  if (v instanceof Map) return v.size === 0 ? '{}' : '{...}';
  return `<${pyTypeName(v)}>`;
}

/** A shape as numpy prints it in reshape errors (-1 is 'newaxis'). */
function pyShape(shape: readonly number[]): string {
  return `(${shape.map((d) => (d === -1 ? 'newaxis' : String(d))).join(',')}${shape.length === 1 ? ',' : ''})`;
}
