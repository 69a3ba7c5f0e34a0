/**
 * `repr(a)` and `str(a)` of numpy 2.4 for an NdArray.
 *
 * A port of numpy/_core/arrayprint.py (array_repr, array_str, array2string,
 * _formatArray, the per-dtype formatters), with float digits from a BigInt
 * Dragon4 (./dragon4.ts). Over `threshold` elements only the corners that
 * numpy shows are read and formatted, so a huge array costs little.
 */
import type { DType } from '../dtype/dtype.js';
import { NpyioArgumentError } from '../errors.js';
import { NdArray, contiguousStrides } from '../ndarray.js';
import { storageOf } from '../dtype/storage.js';
import { PyComplex } from '../values.js';
import { float80Bits, type FloatSize } from './dragon4.js';
import {
  ComplexFloatingFormat, FloatingFormat, complexScalarStr, floatScalarStr, fltOf, fltOfBits,
  type Cplx, type FloatMode, type FloatPrintOptions, type Flt, type SignMode,
} from './floatformat.js';
import { datetimeToIso, NAT, timedeltaScalarStr } from './datetime.js';
import { dtypeIsImplied, dtypeShortRepr, shapeRepr, voidStr } from './dtyperepr.js';
import { pyBytesRepr, pyStrReprCodePoints } from '../npy/pyrepr.js';

/** numpy's print options that shape the output (`np.set_printoptions`). */
export interface PrintOptions {
  /** Characters per line before wrapping (75). */
  linewidth?: number;
  /** Float digits after the point (8). */
  precision?: number;
  /** Element count above which the array is summarized with `...` (1000). */
  threshold?: number;
  /** Items kept at each edge of a summarized axis (3). */
  edgeitems?: number;
  /** Never switch to scientific notation for small values (false). */
  suppress?: boolean;
  /** 'maxprec' (default), 'maxprec_equal', 'fixed' or 'unique'. */
  floatmode?: FloatMode;
  /** '-' (default), '+' or ' ': how positive numbers are signed. */
  sign?: SignMode;
  nanstr?: string;
  infstr?: string;
}

interface Opts extends FloatPrintOptions {
  linewidth: number;
  threshold: number;
  edgeitems: number;
}

const FLOAT_MODES: readonly FloatMode[] = ['fixed', 'unique', 'maxprec', 'maxprec_equal'];

function resolve(o: PrintOptions = {}): Opts {
  // numpy's own checks (set_printoptions / _make_options_dict)
  if (o.floatmode !== undefined && !FLOAT_MODES.includes(o.floatmode)) {
    throw new NpyioArgumentError('floatmode option must be one of "fixed", "unique", "maxprec", "maxprec_equal"');
  }
  if (o.sign !== undefined && !['-', '+', ' '].includes(o.sign)) {
    throw new NpyioArgumentError("sign option must be one of ' ', '+', or '-'");
  }
  if (o.precision !== undefined && !Number.isInteger(o.precision)) {
    throw new NpyioArgumentError('precision must be an integer', { pythonType: 'TypeError' });
  }
  if (o.precision !== undefined && o.precision < 0) throw new NpyioArgumentError('precision must be >= 0');
  if (o.threshold !== undefined && Number.isNaN(o.threshold)) {
    throw new NpyioArgumentError('threshold must be non-NAN, try sys.maxsize for untruncated representation');
  }
  return {
    linewidth: o.linewidth ?? 75,
    precision: o.precision ?? 8,
    threshold: o.threshold ?? 1000,
    edgeitems: o.edgeitems ?? 3,
    suppress: o.suppress ?? false,
    floatmode: o.floatmode ?? 'maxprec',
    sign: o.sign ?? '-',
    nanstr: o.nanstr ?? 'nan',
    infstr: o.infstr ?? 'inf',
  };
}

const REPR_PREFIX = 'array(';

/** numpy's `repr(a)`: `array([1., 2.], dtype=float32)`. */
export function arrayRepr(a: NdArray, opts?: PrintOptions): string {
  const o = resolve(opts);
  const lst = array2string(a, o, ', ', REPR_PREFIX, ')'.length);
  return withExtras(lst, a.shape, !dtypeIsImplied(a.dtype) || a.size === 0 ? dtypeShortRepr(a.dtype) : null, o);
}


/** `array(<lst>, shape=..., dtype=...)`, wrapped where numpy's array_repr wraps it. */
function withExtras(lst: string, shape: readonly number[], dtype: string | null, o: Opts): string {
  const size = shape.reduce((x, y) => x * y, 1);
  const extras: string[] = [];
  if ((size === 0 && !(shape.length === 1 && shape[0] === 0)) || size > o.threshold) {
    extras.push(`shape=${shapeRepr(shape)}`);
  }
  if (dtype !== null) extras.push(`dtype=${dtype}`);
  if (extras.length === 0) return REPR_PREFIX + lst + ')';
  const arrStr = REPR_PREFIX + lst + ',';
  const extraStr = extras.join(', ') + ')';
  const lastLineLen = plen(arrStr.slice(arrStr.lastIndexOf('\n') + 1));
  const spacer = lastLineLen + plen(extraStr) + 1 > o.linewidth ? '\n' + ' '.repeat(REPR_PREFIX.length) : ' ';
  return arrStr + spacer + extraStr;
}

/**
 * numpy's repr (or, with `asStr`, str) of an object array: each element as
 * `format` writes it (numpy's `_object_format`: Python's repr, lists as
 * `list([...])`), unpadded, wrapped and summarized as any array. `items`
 * are in C order. A 0-d array's str is `str0d` of its item (Python's str).
 */
export function objectArrayText(
  shape: readonly number[], items: readonly unknown[], format: (x: unknown) => string,
  opts: PrintOptions | undefined, asStr: false | { str0d: (x: unknown) => string },
): string {
  const o = resolve(opts);
  if (asStr && shape.length === 0) return asStr.str0d(items[0]);
  const strides = contiguousStrides(shape, 1, 'C');
  const fmt = (idx: readonly number[]) => format(items[idx.reduce((u, i, k) => u + i * strides[k]!, 0)]);
  const size = items.length;
  const [separator, prefix, suffixLen] = asStr ? [' ', '', 0] : [', ', REPR_PREFIX, 1];
  const lst = size === 0 && shape.length > 0
    ? '[]'
    : formatArray(shape, fmt, o.linewidth - suffixLen, ' ' + ' '.repeat(prefix.length), separator, o.edgeitems, size > o.threshold ? '...' : '');
  return asStr ? lst : withExtras(lst, shape, 'object', o);
}

/** numpy's `str(a)`: `[1. 2.]`; a 0-d array prints as its scalar does. */
export function arrayStr(a: NdArray, opts?: PrintOptions): string {
  const o = resolve(opts);
  if (a.ndim === 0) return scalarStr(a, o);
  return array2string(a, o, ' ', '', 0);
}

// ---------------------------------------------------------------------------
// array2string and _formatArray

function array2string(a: NdArray, o: Opts, separator: string, prefix: string, suffixLen: number): string {
  const lineWidth = o.linewidth - suffixLen;
  if (a.size === 0) return '[]';
  const summarize = a.size > o.threshold;
  const data = summarize ? leadingTrailing(a, o.edgeitems) : a;
  const fmt = formatFunction(data, o, false);
  const map = summarize ? summaryIndexMap(a.shape, o.edgeitems) : null;
  const format = map === null ? fmt : (idx: readonly number[]) => fmt(map(idx));
  const nextLinePrefix = ' ' + ' '.repeat(prefix.length);
  return formatArray(a.shape, format, lineWidth, nextLinePrefix, separator, o.edgeitems, summarize ? '...' : '');
}

/** Python's len(): code points, not UTF-16 units. */
function plen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function extendLine(s: string, line: string, word: string, lineWidth: number, nextLinePrefix: string): [string, string] {
  const lineLen = plen(line);
  let needsWrap = lineLen + plen(word) > lineWidth;
  if (lineLen <= nextLinePrefix.length) needsWrap = false;
  if (needsWrap) {
    s += line.trimEnd() + '\n';
    line = nextLinePrefix;
  }
  return [s, line + word];
}

function formatArray(
  shape: readonly number[], fmt: (idx: readonly number[]) => string, lineWidth: number,
  nextLinePrefix: string, separator: string, edgeItems: number, summaryInsert: string,
): string {
  const ndim = shape.length;
  const sepTrim = separator.trimEnd();
  const recurser = (index: number[], hangingIndent: string, currWidth: number): string => {
    const axis = index.length;
    const axesLeft = ndim - axis;
    if (axesLeft === 0) return fmt(index);
    const nextHangingIndent = hangingIndent + ' ';
    const nextWidth = currWidth - 1;
    const aLen = shape[axis]!;
    const showSummary = summaryInsert !== '' && 2 * edgeItems < aLen;
    const leadingItems = showSummary ? edgeItems : 0;
    const trailingItems = showSummary ? edgeItems : aLen;
    let s = '';
    if (axesLeft === 1) {
      const elemWidth = currWidth - Math.max(sepTrim.length, 1);
      let line = hangingIndent;
      for (let i = 0; i < leadingItems; i++) {
        const word = recurser([...index, i], nextHangingIndent, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, summaryInsert, elemWidth, hangingIndent);
        line += separator;
      }
      for (let i = trailingItems; i > 1; i--) {
        const word = recurser([...index, aLen - i], nextHangingIndent, nextWidth);
        [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
        line += separator;
      }
      const word = recurser([...index, aLen - 1], nextHangingIndent, nextWidth);
      [s, line] = extendLine(s, line, word, elemWidth, hangingIndent);
      s += line;
    } else {
      const lineSep = sepTrim + '\n'.repeat(axesLeft - 1);
      for (let i = 0; i < leadingItems; i++) {
        s += hangingIndent + recurser([...index, i], nextHangingIndent, nextWidth) + lineSep;
      }
      if (showSummary) s += hangingIndent + summaryInsert + lineSep;
      for (let i = trailingItems; i > 1; i--) {
        s += hangingIndent + recurser([...index, aLen - i], nextHangingIndent, nextWidth) + lineSep;
      }
      s += hangingIndent + recurser([...index, aLen - 1], nextHangingIndent, nextWidth);
    }
    return '[' + s.slice(hangingIndent.length) + ']';
  };
  return recurser([], nextLinePrefix, lineWidth);
}

// ---------------------------------------------------------------------------
// Summarization: numpy's _leading_trailing, as a compact copy of the corners.

/**
 * The indices `_leading_trailing` keeps along one axis: `a[:edge]` and
 * `a[-edge:]` (with numpy's quirk that `a[-0:]` is the whole axis).
 */
function keptIndices(n: number, edge: number): number[] {
  if (n > 2 * edge) {
    const out: number[] = [];
    for (let i = 0; i < edge; i++) out.push(i);
    for (let i = edge === 0 ? 0 : n - edge; i < n; i++) out.push(i);
    return out;
  }
  return Array.from({ length: n }, (_, i) => i);
}

/** From an index of the array to the index of the same item in its summarized copy. */
function summaryIndexMap(shape: readonly number[], edge: number): (idx: readonly number[]) => number[] {
  return (idx) => idx.map((i, k) => {
    const n = shape[k]!;
    if (n <= 2 * edge || i < edge) return i;
    const trailing = edge === 0 ? n : edge;
    return edge + i - (n - trailing);
  });
}

/** The first and last `edge` items of every long axis, copied into a small C-ordered array. */
function leadingTrailing(a: NdArray, edge: number): NdArray {
  const kept = a.shape.map((n) => keptIndices(n, edge));
  const shape = kept.map((k) => k.length);
  const st = storageOf(a.dtype);
  const unitBytes = a.data.BYTES_PER_ELEMENT;
  const count = shape.reduce((x, y) => x * y, 1);
  const upi = st.unitsPerItem;
  const src = a.data as unknown as { [i: number]: number | bigint; length: number };
  const out = new (a.data.constructor as new (n: number) => typeof a.data)(count * upi);
  const dst = out as unknown as { [i: number]: number | bigint };
  const unitStrides = a.strides.map((s) => s / unitBytes);
  let w = 0;
  const walk = (dim: number, unit: number): void => {
    if (dim === shape.length) {
      for (let u = 0; u < upi; u++) dst[w++] = src[unit + u]!;
      return;
    }
    for (const i of kept[dim]!) walk(dim + 1, unit + i * unitStrides[dim]!);
  };
  walk(0, a.offset);
  return new NdArray({ dtype: a.dtype, shape, data: out, strides: contiguousStrides(shape, a.dtype.itemsize, 'C'), offset: 0 });
}

// ---------------------------------------------------------------------------
// Element access

function allIndices(shape: readonly number[]): number[][] {
  const out: number[][] = [];
  const n = shape.reduce((x, y) => x * y, 1);
  if (n === 0) return out;
  const idx = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < n; c++) {
    out.push([...idx]);
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++idx[k]! < shape[k]!) break;
      idx[k] = 0;
    }
  }
  return out;
}

/** Position of an element in `a.data`, in typed-array units. */
function unitOf(a: NdArray, idx: readonly number[]): number {
  const ub = a.data.BYTES_PER_ELEMENT;
  let u = a.offset;
  for (let k = 0; k < idx.length; k++) u += (idx[k]! * a.strides[k]!) / ub;
  return u;
}

type Fmt = (idx: readonly number[]) => string;

interface Ctx {
  /** The str() of a structured scalar: floats print as their scalars' str (numpy's float_kind=str). */
  floatStr: boolean;
}

function readFloat(a: NdArray): (idx: readonly number[]) => Flt {
  const size = a.dtype.itemsize as FloatSize;
  if (size === 16) {
    const bytes = a.data as Uint8Array;
    return (idx) => fltOfBits(float80Bits(bytes, unitOf(a, idx)));
  }
  return (idx) => fltOf(a.get(...idx) as number, size);
}

function readComplex(a: NdArray): (idx: readonly number[]) => Cplx {
  const size = (a.dtype.itemsize / 2) as FloatSize;
  if (size === 16) {
    const bytes = a.data as Uint8Array;
    return (idx) => {
      const u = unitOf(a, idx);
      return { re: fltOfBits(float80Bits(bytes, u)), im: fltOfBits(float80Bits(bytes, u + 16)) };
    };
  }
  return (idx) => {
    const c = a.get(...idx) as PyComplex;
    return { re: fltOf(c.re, size), im: fltOf(c.im, size) };
  };
}

/** The UTF-32 code points of a U element, trailing NULs stripped (numpy's str_). */
function readCodePoints(a: NdArray): (idx: readonly number[]) => number[] {
  const words = a.data as Uint32Array;
  const n = a.dtype.itemsize / 4;
  return (idx) => {
    const u = unitOf(a, idx);
    let end = n;
    while (end > 0 && words[u + end - 1] === 0) end--;
    const cps = new Array<number>(end);
    for (let i = 0; i < end; i++) cps[i] = words[u + i]!;
    return cps;
  };
}

function maxMin<T extends number | bigint>(vals: readonly T[]): [T, T] {
  let max = vals[0]!;
  let min = vals[0]!;
  for (const v of vals) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return [max, min];
}

/**
 * numpy's `_get_format_function(data)`: a formatter built from every element
 * of `data`, returning the text of the element at an index of `data`.
 */
function formatFunction(data: NdArray, o: Opts, floatStr: boolean): Fmt {
  return buildFormat(data, o, { floatStr });
}

function buildFormat(data: NdArray, o: Opts, ctx: Ctx): Fmt {
  const dt = data.dtype;
  if (dt.fieldList !== null) return structuredFormat(data, o, ctx);
  const zeroD = data.ndim === 0;
  const all = (): number[][] => allIndices(data.shape);
  switch (dt.kind) {
    case 'b': {
      const t = zeroD ? 'True' : ' True';
      return (idx) => (data.get(...idx) ? t : 'False');
    }
    case 'i':
    case 'u':
      return integerFormat(all().map((i) => data.get(...i) as number | bigint), o.sign, (idx) => data.get(...idx) as number | bigint);
    case 'f': {
      const read = readFloat(data);
      const size = dt.itemsize as FloatSize;
      if (ctx.floatStr) return (idx) => floatScalarStr(read(idx), size);
      const ff = new FloatingFormat(all().map(read), size, o);
      return (idx) => ff.format(read(idx));
    }
    case 'c': {
      const read = readComplex(data);
      const cf = new ComplexFloatingFormat(all().map(read), (dt.itemsize / 2) as FloatSize, o);
      return (idx) => cf.format(read(idx));
    }
    case 'M': {
      const unit = dt.unit ?? 'generic';
      const count = dt.unitCount;
      return timelikeFormat(all().map((i) => data.get(...i) as bigint), (v) => `'${datetimeToIso(v, unit, count)}'`,
        (idx) => data.get(...idx) as bigint);
    }
    case 'm':
      return timelikeFormat(all().map((i) => data.get(...i) as bigint), (v) => String(v), (idx) => data.get(...idx) as bigint);
    case 'S':
      return (idx) => pyBytesRepr(data.get(...idx) as Uint8Array);
    case 'U': {
      const read = readCodePoints(data);
      return (idx) => pyStrReprCodePoints(read(idx));
    }
    case 'V':
      return (idx) => voidStr(data.get(...idx) as Uint8Array);
    default:
      throw new NpyioArgumentError(`cannot format items of dtype ${dt.str}`, { pythonType: 'TypeError' });
  }
}

/** numpy's IntegerFormat: right-aligned to the widest of max and min. */
function integerFormat(vals: readonly (number | bigint)[], sign: SignMode, get: (idx: readonly number[]) => number | bigint): Fmt {
  let width = 0;
  let s = sign;
  if (vals.length > 0) {
    const [max, min] = maxMin(vals);
    let maxLen = String(max).length;
    if (s === ' ' && min < 0) s = '-';
    if (max >= 0 && (s === '+' || s === ' ')) maxLen += 1;
    width = Math.max(maxLen, String(min).length);
  }
  return (idx) => {
    const v = get(idx);
    let t = String(v);
    if (v >= 0 && s !== '-') t = s + t;
    return t.padStart(width, ' ');
  };
}

/** numpy's _TimelikeFormat: width from the max and min that are not NaT. */
function timelikeFormat(vals: readonly bigint[], fmt: (v: bigint) => string, get: (idx: readonly number[]) => bigint): Fmt {
  const nonNat = vals.filter((v) => v !== NAT);
  let width = 0;
  if (nonNat.length > 0) {
    const [max, min] = maxMin(nonNat);
    width = Math.max(plen(fmt(max)), plen(fmt(min)));
  }
  if (nonNat.length < vals.length) width = Math.max(width, 5);
  const nat = "'NaT'".padStart(width, ' ');
  return (idx) => {
    const v = get(idx);
    if (v === NAT) return nat;
    const t = fmt(v);
    return ' '.repeat(Math.max(0, width - plen(t))) + t;
  };
}

/** numpy's StructuredVoidFormat, with SubArrayFormat for subarray fields. */
function structuredFormat(data: NdArray, o: Opts, ctx: Ctx): Fmt {
  const fields = data.dtype.fieldList!;
  const parts = fields.map((f): Fmt => {
    const fa = data.field(f.name);
    const ff = buildFormat(fa, o, ctx);
    const sub = f.dtype.subdtype;
    if (sub === null) return ff;
    const subShape = sub.shape;
    const subSize = subShape.reduce((x, y) => x * y, 1);
    const summarize = subSize > o.threshold;
    const edge = o.edgeitems;
    return (idx) => {
      const rec = (d: number, at: number[]): string => {
        if (d === subShape.length) return ff([...idx, ...at]);
        const n = subShape[d]!;
        const items: string[] = [];
        if (summarize && n > 2 * edge) {
          for (let i = 0; i < edge; i++) items.push(rec(d + 1, [...at, i]));
          items.push('...');
          for (let i = n - edge; i < n; i++) items.push(rec(d + 1, [...at, i]));
        } else {
          for (let i = 0; i < n; i++) items.push(rec(d + 1, [...at, i]));
        }
        return '[' + items.join(', ') + ']';
      };
      return rec(0, []);
    };
  });
  return (idx) => {
    const strs = parts.map((p) => p(idx));
    return strs.length === 1 ? `(${strs[0]},)` : `(${strs.join(', ')})`;
  };
}

// ---------------------------------------------------------------------------
// str() of a 0-d array: the str() of its scalar

function scalarStr(a: NdArray, o: Opts): string {
  const dt: DType = a.dtype;
  if (dt.fieldList !== null) return formatFunction(a, o, true)([]);
  switch (dt.kind) {
    case 'b':
      return a.get() ? 'True' : 'False';
    case 'i':
    case 'u':
      return String(a.get());
    case 'f':
      return floatScalarStr(readFloat(a)([]), dt.itemsize as FloatSize);
    case 'c':
      return complexScalarStr(readComplex(a)([]), (dt.itemsize / 2) as FloatSize);
    case 'S':
      return `np.bytes_(${pyBytesRepr(a.get() as Uint8Array)})`;
    case 'U':
      return readCodePoints(a)([]).map((c) => (c <= 0x10ffff ? String.fromCodePoint(c) : '\ufffd')).join('');
    case 'V':
      return voidStr(a.get() as Uint8Array);
    case 'M':
      return datetimeToIso(a.get() as bigint, dt.unit ?? 'generic', dt.unitCount);
    case 'm':
      return timedeltaScalarStr(a.get() as bigint, dt.unit ?? 'generic', dt.unitCount);
    default:
      throw new NpyioArgumentError(`cannot format items of dtype ${dt.str}`, { pythonType: 'TypeError' });
  }
}
