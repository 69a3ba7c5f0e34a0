/**
 * Element values from bytes, as `ndarray.tolist()` gives them in JS terms:
 * bool -> boolean, ints up to 32 bits and floats -> number, 64-bit ints and
 * datetimes -> bigint, complex -> PyComplex, S/V -> Uint8Array, U -> string,
 * records -> tuples, subarrays -> nested arrays.
 */
import { makeTuple, PyComplex } from '../values.js';
import type { DType } from './dtype.js';

/** IEEE binary16 bits -> number (exact). */
export function float16ToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * x87 80-bit extended (numpy's longdouble on x86-64, padded to 16 bytes),
 * little-endian at `off`, rounded to the nearest float64: lossy by nature.
 */
export function float80ToNumber(bytes: Uint8Array, off: number): number {
  let mant = 0n;
  for (let i = 7; i >= 0; i--) mant = (mant << 8n) | BigInt(bytes[off + i]!);
  const se = bytes[off + 8]! | (bytes[off + 9]! << 8);
  const sign = se & 0x8000 ? -1 : 1;
  const exp = se & 0x7fff;
  if (exp === 0x7fff) return (mant & 0x7fffffffffffffffn) === 0n ? sign * Infinity : NaN;
  if (mant === 0n) return sign * 0;
  // value = mant * 2^e. Number(bigint) rounds to 53 bits once; scaling by a
  // power of two is then exact, except below 2^-1022 where the result is
  // subnormal: there round the mantissa to a multiple of 2^-1074 directly.
  const e = (exp === 0 ? 1 : exp) - 16383 - 63;
  const shift = -1074 - e;
  if (shift > 0) {
    if (shift > 66) return sign * 0;
    const s = BigInt(shift);
    let q = mant >> s;
    const rem = mant - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    return sign * Number(q) * 2 ** -1074;
  }
  // 2^e alone may leave the float64 range before the product does: two steps.
  const half = Math.trunc(e / 2);
  return sign * Number(mant) * 2 ** half * 2 ** (e - half);
}

/** Reused argument lists for String.fromCharCode, one per string length up to 64. */
const CHAR_LISTS: number[][] = Array.from({ length: 65 }, (_, n) => new Array<number>(n).fill(0));

/**
 * UTF-32 code points -> string with numpy's trailing-NUL strip. Astral code
 * points become surrogate pairs, lone surrogates stay as they are; words above
 * 0x10FFFF (numpy can hold them, no JS string can) become U+FFFD: the raw
 * words stay in the array's `data`.
 */
export function decodeUtf32(words: ArrayLike<number>, start: number, count: number): string {
  let end = start + count;
  while (end > start && words[end - 1] === 0) end--;
  const n = end - start;
  if (n < CHAR_LISTS.length) {
    // One fromCharCode call per string, not one concatenation per character:
    // a million short strings otherwise spend most of their time in the GC.
    const chars = CHAR_LISTS[n]!;
    let i = 0;
    while (i < n && words[start + i]! <= 0xffff) chars[i] = words[start + i++]!;
    if (i === n) return String.fromCharCode.apply(null, chars);
  }
  let s = '';
  for (let i = start; i < end; i++) {
    const cp = words[i]!;
    s += cp <= 0xffff ? String.fromCharCode(cp) : cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return s;
}

/** numpy's S: the bytes with trailing NULs stripped. */
export function stripNuls(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

/**
 * One element of `dtype` at byte `off` of `bytes`, honouring the dtype's stored
 * byte order. Used for records, unaligned data and anything not held in a
 * native typed array. Byte results are copies (a record outlives its buffer).
 */
export function readScalar(bytes: Uint8Array, view: DataView, off: number, dtype: DType): unknown {
  if (dtype.fieldList !== null) {
    return makeTuple(dtype.fieldList.map((f) => readScalar(bytes, view, off + f.offset, f.dtype)));
  }
  if (dtype.subdtype !== null) {
    const { base, shape } = dtype.subdtype;
    const nest = (dim: number, o: number): unknown[] => {
      const out: unknown[] = [];
      let step = base.itemsize;
      for (let k = dim + 1; k < shape.length; k++) step *= shape[k]!;
      for (let i = 0; i < shape[dim]!; i++) {
        out.push(dim === shape.length - 1 ? readScalar(bytes, view, o + i * step, base) : nest(dim + 1, o + i * step));
      }
      return out;
    };
    return nest(0, off);
  }
  const le = dtype.order !== '>';
  const n = dtype.itemsize;
  switch (dtype.kind) {
    case 'b':
      return bytes[off] !== 0;
    case 'i':
      return n === 1 ? view.getInt8(off) : n === 2 ? view.getInt16(off, le) : n === 4 ? view.getInt32(off, le) : view.getBigInt64(off, le);
    case 'u':
      return n === 1 ? bytes[off] : n === 2 ? view.getUint16(off, le) : n === 4 ? view.getUint32(off, le) : view.getBigUint64(off, le);
    case 'f':
      return readFloat(bytes, view, off, n, le);
    case 'c':
      return new PyComplex(readFloat(bytes, view, off, n / 2, le), readFloat(bytes, view, off + n / 2, n / 2, le));
    case 'M':
    case 'm':
      return view.getBigInt64(off, le);
    case 'S':
      return stripNuls(bytes.slice(off, off + n));
    case 'V':
      return bytes.slice(off, off + n);
    case 'U': {
      const words: number[] = [];
      for (let i = 0; i < n; i += 4) words.push(view.getUint32(off + i, le));
      return decodeUtf32(words, 0, words.length);
    }
    case 'O':
      throw new Error('unreachable: object items are not bytes');
  }
}

function readFloat(bytes: Uint8Array, view: DataView, off: number, n: number, le: boolean): number {
  if (n === 2) return float16ToNumber(view.getUint16(off, le));
  if (n === 4) return view.getFloat32(off, le);
  if (n === 8) return view.getFloat64(off, le);
  if (le) return float80ToNumber(bytes, off);
  const rev = bytes.slice(off, off + n).reverse();
  return float80ToNumber(rev, 0);
}
