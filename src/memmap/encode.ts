/**
 * Values going into a file: one JS value as one item's bytes, and an
 * NdArray's bytes in another array's byte order. Both give bytes as the file
 * stores them (its byte order), ready for a positional write.
 */
import { NpyioArgumentError } from '../errors.js';
import type { DType } from '../dtype/dtype.js';
import { storageOf, swapInPlace, toStoredOrder } from '../dtype/storage.js';
import type { NdArray } from '../ndarray.js';
import { PyComplex } from '../values.js';

function cannotStore(value: unknown, dtype: DType, why = ''): NpyioArgumentError {
  const shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new NpyioArgumentError(`cannot store ${shown} in an item of ${dtype.str}${why}`, { pythonType: 'TypeError' });
}

/** IEEE binary16 bits of `x`, rounded to nearest even (for runtimes without Float16Array). */
export function numberToFloat16(x: number): number {
  const f = new Float32Array([x]);
  const b = new Uint32Array(f.buffer)[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const frac = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (frac ? 0x200 : 0);
  // Rounding from float32 first can double-round; x as float64 is used for the exact cases below.
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -24 / 2 || a === 0) return sign;
  if (a < 2 ** -14) {
    // Subnormal: a multiple of 2^-24, ties to even.
    let m = a / 2 ** -24;
    const r = Math.floor(m);
    m = m - r > 0.5 || (m - r === 0.5 && r % 2 === 1) ? r + 1 : r;
    return sign | m;
  }
  const e = Math.floor(Math.log2(a));
  const scaled = a / 2 ** e; // in [1, 2)
  let m = (scaled - 1) * 1024;
  const r = Math.floor(m);
  m = m - r > 0.5 || (m - r === 0.5 && r % 2 === 1) ? r + 1 : r;
  let ee = e + 15;
  if (m === 1024) {
    m = 0;
    ee++;
  }
  if (ee >= 31) return sign | 0x7c00;
  return sign | (ee << 10) | m;
}

/**
 * One item's stored bytes. Numbers, bigints, booleans and PyComplex go into
 * numeric dtypes; strings into S (ASCII) and U (truncated to fit, as numpy
 * does); a Uint8Array of exactly itemsize bytes is taken as stored bytes for
 * any dtype (records, V, long double).
 */
export function encodeItem(dtype: DType, value: unknown): Uint8Array {
  const n = dtype.itemsize;
  if (value instanceof Uint8Array && (value.length === n || dtype.kind === 'S')) {
    if (value.length > n) throw cannotStore(value, dtype, `: ${value.length} bytes do not fit in ${n}`);
    const out = new Uint8Array(n);
    out.set(value);
    return out;
  }
  if (dtype.fieldList !== null || dtype.subdtype !== null) throw cannotStore(value, dtype, `: give the record's ${n} stored bytes`);
  const st = storageOf(dtype);
  switch (dtype.kind) {
    case 'b':
      if (typeof value !== 'boolean' && typeof value !== 'number') throw cannotStore(value, dtype);
      return Uint8Array.of(value ? 1 : 0);
    case 'S': {
      if (typeof value !== 'string' || /[^\x00-\x7f]/.test(value)) throw cannotStore(value, dtype, ': S items take ASCII strings or bytes');
      const out = new Uint8Array(n);
      for (let i = 0; i < Math.min(n, value.length); i++) out[i] = value.charCodeAt(i);
      return out;
    }
    case 'U': {
      if (typeof value !== 'string') throw cannotStore(value, dtype);
      const words = new Uint32Array(n / 4);
      let i = 0;
      for (const ch of value) {
        if (i >= words.length) break;
        words[i++] = ch.codePointAt(0)!;
      }
      return toStoredOrder(new Uint8Array(words.buffer), dtype);
    }
    case 'V':
      throw cannotStore(value, dtype, `: give ${n} bytes`);
    default:
      break;
  }
  if (st.ctor === Uint8Array && (dtype.kind === 'f' || dtype.kind === 'c')) throw cannotStore(value, dtype, `: give the item's ${n} stored bytes`); // long double
  const t = new st.ctor(st.unitsPerItem);
  if (dtype.kind === 'c') {
    if (value instanceof PyComplex) {
      t[0] = value.re;
      t[1] = value.im;
    } else if (typeof value === 'number') t[0] = value;
    else throw cannotStore(value, dtype);
  } else if (t instanceof BigInt64Array || t instanceof BigUint64Array) {
    if (typeof value === 'bigint') t[0] = value;
    else if (typeof value === 'number' && Number.isInteger(value)) t[0] = BigInt(value);
    else throw cannotStore(value, dtype);
  } else {
    if (typeof value !== 'number' && typeof value !== 'boolean') throw cannotStore(value, dtype);
    const v = Number(value);
    if (dtype.kind === 'f' && n === 2 && t instanceof Uint16Array) t[0] = numberToFloat16(v);
    else t[0] = v;
  }
  return toStoredOrder(new Uint8Array(t.buffer), dtype);
}

/**
 * An NdArray's items, C-ordered, as a file of `dtype` stores them. The
 * array's dtype must be `dtype` up to byte order (npyio does not cast).
 */
export function bytesFor(values: NdArray, dtype: DType): Uint8Array {
  const vd = values.dtype;
  const same = vd.fieldList === null && dtype.fieldList === null
    ? vd.kind === dtype.kind && vd.itemsize === dtype.itemsize && vd.unit === dtype.unit && vd.unitCount === dtype.unitCount
    : vd.toString() === dtype.toString();
  if (!same) {
    throw new NpyioArgumentError(`cannot write an array of ${vd.str} into a file of ${dtype.str}: npyio does not cast`, { pythonType: 'TypeError' });
  }
  const bytes = values.tobytes('C');
  const st = storageOf(dtype);
  if (st.swapWidth > 1 && vd.order !== dtype.order && vd.order !== '|' && dtype.order !== '|') swapInPlace(bytes, st.swapWidth);
  return bytes;
}
