/**
 * How each dtype is held in memory: which typed array, how many of its units
 * make one item, and how wide a unit is when bytes must be swapped.
 * One table, so the reader, the writer and the element getters agree.
 */
import { NpyioArgumentError } from '../errors.js';
import type { DType } from './dtype.js';

export type TypedData =
  | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

export interface TypedCtor {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): TypedData;
  new (length: number): TypedData;
  readonly BYTES_PER_ELEMENT: number;
}

export interface Storage {
  readonly ctor: TypedCtor;
  /** Bytes per typed-array unit (ctor.BYTES_PER_ELEMENT). */
  readonly unitBytes: number;
  /** Units that make one item (2 for complex, itemsize for bytes-held types). */
  readonly unitsPerItem: number;
  /** Width of each byte-swapped group when the stored order is not native; 0: never swapped. */
  readonly swapWidth: number;
}

/** `Float16Array` where the runtime has it (DESIGN.md), else raw `Uint16Array` words. */
const Float16Ctor: TypedCtor = ((globalThis as Record<string, unknown>)['Float16Array'] as TypedCtor | undefined) ?? Uint16Array;
export const hasFloat16Array = Float16Ctor !== Uint16Array;

const INT: Record<number, TypedCtor> = { 1: Int8Array, 2: Int16Array, 4: Int32Array, 8: BigInt64Array };
const UINT: Record<number, TypedCtor> = { 1: Uint8Array, 2: Uint16Array, 4: Uint32Array, 8: BigUint64Array };
const FLOAT: Record<number, TypedCtor> = { 2: Float16Ctor, 4: Float32Array, 8: Float64Array };

function make(ctor: TypedCtor, unitsPerItem: number, swapWidth: number): Storage {
  return { ctor, unitBytes: ctor.BYTES_PER_ELEMENT, unitsPerItem, swapWidth };
}

export function storageOf(dtype: DType): Storage {
  const n = dtype.itemsize;
  if (dtype.fieldList !== null || dtype.subdtype !== null) return make(Uint8Array, n, 0);
  switch (dtype.kind) {
    case 'b':
    case 'S':
    case 'V':
      return make(Uint8Array, n, 0);
    case 'i':
      return make(INT[n]!, 1, n > 1 ? n : 0);
    case 'u':
      return make(UINT[n]!, 1, n > 1 ? n : 0);
    case 'f':
      // long double (f16) is kept as its raw bytes; only a lossy converter reads it.
      return FLOAT[n] ? make(FLOAT[n]!, 1, n) : make(Uint8Array, n, n);
    case 'c':
      return FLOAT[n / 2] && n < 32 ? make(FLOAT[n / 2]!, 2, n / 2) : make(Uint8Array, n, n / 2);
    case 'U':
      return make(Uint32Array, n / 4, 4);
    case 'M':
    case 'm':
      return make(BigInt64Array, 1, 8);
    case 'O':
      throw new NpyioArgumentError('object dtypes hold Python objects, not bytes');
  }
}

/**
 * A typed array over `count` items of `bytes`, in native byte order: a view
 * when the bytes are native and aligned for the unit, else one copy (swapped
 * when the dtype's stored order is not native). With `owned`, the caller gives
 * the bytes away: they are swapped in place instead of copied.
 */
export function typedFromBytes(bytes: Uint8Array, dtype: DType, count: number, owned = false): TypedData {
  // Node's Buffer.slice shares memory: work on a plain Uint8Array view.
  if (bytes.constructor !== Uint8Array) bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const st = storageOf(dtype);
  const units = count * st.unitsPerItem;
  const byteLength = units * st.unitBytes;
  const swap = st.swapWidth > 1 && !dtype.isNativeOrder;
  if (!swap && bytes.byteOffset % st.unitBytes === 0) {
    return new st.ctor(bytes.buffer, bytes.byteOffset, units);
  }
  const out = owned && bytes.byteOffset % st.unitBytes === 0 ? bytes.subarray(0, byteLength) : bytes.slice(0, byteLength);
  if (swap) swapInPlace(out, st.swapWidth);
  return new st.ctor(out.buffer, out.byteOffset, units);
}

/** Native-order bytes of `dtype` items as the dtype stores them: the same bytes, or a swapped copy. */
export function toStoredOrder(raw: Uint8Array, dtype: DType): Uint8Array {
  const st = storageOf(dtype);
  if (st.swapWidth <= 1 || dtype.isNativeOrder) return raw;
  const out = raw.slice();
  swapInPlace(out, st.swapWidth);
  return out;
}

/**
 * Copy strided items into a contiguous buffer, C order (last axis fastest)
 * or F order. `start` and `strides` are in bytes of `src`.
 */
export function gatherBytes(
  src: Uint8Array, start: number, shape: readonly number[], strides: readonly number[], itemsize: number, order: 'C' | 'F',
): Uint8Array {
  let count = 1;
  for (const d of shape) count *= d;
  const out = new Uint8Array(count * itemsize);
  if (count === 0) return out;
  const nd = shape.length;
  const axes = [...shape.keys()];
  if (order === 'F') axes.reverse();
  const idx = new Array<number>(nd).fill(0);
  let pos = start;
  for (let o = 0; o < out.length; o += itemsize) {
    out.set(src.subarray(pos, pos + itemsize), o);
    for (let k = nd - 1; k >= 0; k--) {
      const ax = axes[k]!;
      pos += strides[ax]!;
      if (++idx[k]! < shape[ax]!) break;
      pos -= idx[k]! * strides[ax]!;
      idx[k] = 0;
    }
  }
  return out;
}

/** Reverse every `width`-byte group of `buf`, in place. */
export function swapInPlace(buf: Uint8Array, width: number): void {
  const n = buf.length - (buf.length % width);
  if (width === 8) {
    for (let i = 0; i < n; i += 8) {
      const a = buf[i]!, b = buf[i + 1]!, c = buf[i + 2]!, d = buf[i + 3]!;
      buf[i] = buf[i + 7]!; buf[i + 1] = buf[i + 6]!; buf[i + 2] = buf[i + 5]!; buf[i + 3] = buf[i + 4]!;
      buf[i + 4] = d; buf[i + 5] = c; buf[i + 6] = b; buf[i + 7] = a;
    }
  } else if (width === 4) {
    for (let i = 0; i < n; i += 4) {
      const a = buf[i]!, b = buf[i + 1]!;
      buf[i] = buf[i + 3]!; buf[i + 1] = buf[i + 2]!; buf[i + 2] = b; buf[i + 3] = a;
    }
  } else if (width === 2) {
    for (let i = 0; i < n; i += 2) {
      const a = buf[i]!;
      buf[i] = buf[i + 1]!; buf[i + 1] = a;
    }
  } else {
    for (let i = 0; i < n; i += width) buf.subarray(i, i + width).reverse();
  }
}
