/**
 * NdArray: numpy's ndarray as loaded from bytes.
 *
 * `data` is the typed array that fits the dtype (see dtype/storage.ts), always
 * in native byte order: a view on the file's bytes where they allowed it, a
 * swapped copy where not. `dtype` stays numpy's (a file's `>f8` is still
 * `>f8`), so saving writes the bytes back exactly as numpy would. `strides`
 * are numpy's, in bytes; `offset` counts typed-array units, so a field of a
 * record array can be a strided view on the same memory.
 */
import { NpyioArgumentError } from './errors.js';
import { DType } from './dtype/dtype.js';
import { toDType } from './dtype/descr.js';
import { decodeUtf32, float16ToNumber, float80ToNumber, readScalar, stripNuls } from './dtype/scalars.js';
import { gatherBytes, hasFloat16Array, storageOf, toStoredOrder, typedFromBytes, type TypedData } from './dtype/storage.js';
import type { DescrEntry } from './dtype/dtype.js';
import { PyComplex } from './values.js';

export type Order = 'C' | 'F';

export interface NdArrayInit {
  dtype: DType;
  shape: readonly number[];
  data: TypedData;
  order?: Order;
  /** Byte strides; default: contiguous in `order`. */
  strides?: readonly number[];
  /** First item's position in `data`, in typed-array units. */
  offset?: number;
}

/** Byte strides of a contiguous array. */
export function contiguousStrides(shape: readonly number[], itemsize: number, order: Order): number[] {
  const strides = new Array<number>(shape.length);
  let step = itemsize;
  if (order === 'C') {
    for (let i = shape.length - 1; i >= 0; i--) {
      strides[i] = step;
      step *= Math.max(shape[i]!, 1);
    }
  } else {
    for (let i = 0; i < shape.length; i++) {
      strides[i] = step;
      step *= Math.max(shape[i]!, 1);
    }
  }
  return strides;
}

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

type ItemReader = (data: TypedData, unit: number) => unknown;

/**
 * What the constructor checks and derives from a dtype, a shape and a
 * layout, once: arrays of one dtype and shape can share it (a memory map's
 * rows), and are then built without checking again.
 */
export type NdLayout = Pick<NdArray, 'dtype' | 'shape' | 'order' | 'strides' | 'offset'> & {
  readonly unitsPerItem: number;
  /** `strides` in typed-array units. */
  readonly unitStrides: readonly number[];
};

/** Checks `init` as the constructor does (its data too, when given) and derives the layout. */
export function layoutOf(init: Omit<NdArrayInit, 'data'> & { data?: TypedData }): NdLayout {
  const { dtype, shape, data } = init;
  if (dtype.hasObject) throw new NpyioArgumentError('object arrays are not NdArrays of bytes');
  const st = storageOf(dtype);
  if (data !== undefined && !(data instanceof st.ctor)) {
    throw new NpyioArgumentError(`dtype ${dtype.str} is held in a ${st.ctor.name}, not a ${data.constructor.name}`);
  }
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new NpyioArgumentError(`invalid shape ${JSON.stringify(shape)}`);
  }
  const order = init.order ?? 'C';
  const strides = Object.freeze([...(init.strides ?? contiguousStrides(shape, dtype.itemsize, order))]);
  if (strides.length !== shape.length || strides.some((s) => s % st.unitBytes !== 0)) {
    throw new NpyioArgumentError('strides must be whole typed-array units, one per dimension');
  }
  if (data !== undefined && init.strides === undefined && init.offset === undefined) {
    const need = shapeSize(shape) * st.unitsPerItem;
    if (data.length < need) {
      throw new NpyioArgumentError(`data holds ${data.length} units, shape ${JSON.stringify(shape)} of ${dtype.str} needs ${need}`);
    }
  }
  return {
    dtype, shape: Object.freeze([...shape]), order, strides, offset: init.offset ?? 0,
    unitsPerItem: st.unitsPerItem, unitStrides: strides.map((s) => s / st.unitBytes),
  };
}

export class NdArray<T extends TypedData = TypedData> {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly order: Order;
  readonly strides: readonly number[];
  readonly data: T;
  readonly offset: number;

  private readonly unitStrides: readonly number[];
  private readonly unitsPerItem: number;
  private _reader: ItemReader | undefined;

  /**
   * `layout`: what `layoutOf` gave for this dtype and shape, from a caller
   * that made `data` fit it (init's other fields are not looked at then).
   */
  constructor(init: NdArrayInit, layout: NdLayout = layoutOf(init)) {
    this.dtype = layout.dtype;
    this.shape = layout.shape;
    this.order = layout.order;
    this.strides = layout.strides;
    this.offset = layout.offset;
    this.data = init.data as T;
    this.unitsPerItem = layout.unitsPerItem;
    this.unitStrides = layout.unitStrides;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return shapeSize(this.shape);
  }

  get itemsize(): number {
    return this.dtype.itemsize;
  }

  get nbytes(): number {
    return this.size * this.dtype.itemsize;
  }

  /** True when the items sit back to back in `order` from `offset` on. */
  get isContiguous(): boolean {
    if (this.size <= 1) return true;
    const want = contiguousStrides(this.shape, this.dtype.itemsize, this.order);
    return this.shape.every((d, i) => d === 1 || want[i] === this.strides[i]);
  }

  /** The element at a full index (negative indices count from the end). */
  get(...index: number[]): unknown {
    return this.readUnit(this.unitAt(index));
  }

  /** numpy's `item()`: no argument for a one-element array, a flat C index, or a full index. */
  item(...index: number[]): unknown {
    if (index.length === 0) {
      if (this.size !== 1) throw new NpyioArgumentError('can only convert an array of size 1 to a Python scalar', { pythonType: 'ValueError' });
      return this.readUnit(this.offset);
    }
    if (index.length === 1 && this.ndim !== 1) return this.readUnit(this.unitAt(this.unravel(index[0]!)));
    return this.get(...index);
  }

  /** Nested JS arrays, as `ndarray.tolist()` (a 0-d array gives its element). */
  toArray(): unknown {
    if (this.ndim === 0) return this.readUnit(this.offset);
    const walk = (dim: number, unit: number): unknown[] => {
      const n = this.shape[dim]!;
      const step = this.unitStrides[dim]!;
      const out = new Array<unknown>(n);
      const last = dim === this.ndim - 1;
      for (let i = 0; i < n; i++) out[i] = last ? this.readUnit(unit + i * step) : walk(dim + 1, unit + i * step);
      return out;
    };
    return walk(0, this.offset);
  }

  /** Every element in C order, flat. */
  *values(): IterableIterator<unknown> {
    for (const unit of this.unitsInCOrder()) yield this.readUnit(unit);
  }

  /**
   * A field of a record array, as numpy's `a['name']`: a strided view on the
   * same memory when the field is native and aligned, else a compact copy.
   * A subarray field adds its shape to the array's.
   */
  field(name: string): NdArray {
    const f = this.dtype.fields?.get(name);
    if (!f) {
      throw new NpyioArgumentError(this.dtype.fieldList === null ? 'this array has no fields' : `no field of name ${name}`, { pythonType: 'ValueError' });
    }
    const parent = this.data as unknown as Uint8Array;
    const sub = f.dtype.subdtype;
    const base = sub ? sub.base : f.dtype;
    const shape = sub ? [...this.shape, ...sub.shape] : [...this.shape];
    const strides = sub ? [...this.strides, ...contiguousStrides(sub.shape, base.itemsize, 'C')] : [...this.strides];
    const st = base.hasObject ? null : storageOf(base);
    const byteStart = parent.byteOffset + this.offset + f.offset;
    const viewable = st !== null
      && (st.swapWidth <= 1 || base.isNativeOrder)
      && byteStart % st.unitBytes === 0
      && strides.every((s) => s % st.unitBytes === 0);
    if (viewable) {
      const end = parent.byteOffset + parent.byteLength;
      const startUnit = Math.floor(parent.byteOffset / st!.unitBytes);
      const data = new st!.ctor(parent.buffer, startUnit * st!.unitBytes, Math.floor(end / st!.unitBytes) - startUnit);
      return new NdArray({ dtype: base, shape, data, order: this.order, strides, offset: byteStart / st!.unitBytes - startUnit });
    }
    // Not viewable (unaligned or not native): copy the field's bytes out, then swap as usual.
    const raw = gatherBytes(new Uint8Array(parent.buffer), byteStart, shape, strides, base.itemsize, 'C');
    return NdArray.fromBytes(raw, base, shape);
  }

  /**
   * The array's bytes in C order (or `order`), in the dtype's stored byte
   * order: what numpy's `tobytes()` gives and what a .npy file holds.
   */
  tobytes(order: Order = 'C'): Uint8Array {
    const bytes = this.storedBytes(order);
    return bytes.buffer === this.data.buffer ? bytes.slice() : bytes;
  }

  /**
   * As `tobytes`, but a view on `data` when nothing needs moving or swapping
   * (the writer streams a large native array without copying it).
   */
  storedBytes(order: Order = 'C'): Uint8Array {
    const st = storageOf(this.dtype);
    const src = new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    const start = this.offset * st.unitBytes;
    const inPlace = this.isContiguous && (this.order === order || this.ndim <= 1 || this.size <= 1);
    const raw = inPlace
      ? src.subarray(start, start + this.nbytes)
      : gatherBytes(src, start, this.shape, this.strides, this.dtype.itemsize, order);
    return toStoredOrder(raw, this.dtype);
  }

  /** An array of `shape` and `dtype` from bytes as numpy stores them (copied or viewed, see typedFromBytes). */
  static fromBytes(bytes: Uint8Array, dtype: DType | string | readonly DescrEntry[], shape: readonly number[], order: Order = 'C'): NdArray {
    const dt = toDType(dtype);
    const count = shapeSize(shape);
    if (bytes.length < count * dt.itemsize) {
      throw new NpyioArgumentError(`${bytes.length} bytes cannot hold ${count} items of ${dt.str}`);
    }
    return new NdArray({ dtype: dt, shape, order, data: typedFromBytes(bytes, dt, count) });
  }

  toString(): string {
    return `NdArray(dtype=${this.dtype.toString()}, shape=(${this.shape.join(', ')}${this.ndim === 1 ? ',' : ''}))`;
  }

  // ---- internals ----

  private unitAt(index: readonly number[]): number {
    if (index.length !== this.ndim) {
      throw new NpyioArgumentError(`expected ${this.ndim} indices, got ${index.length}`, { pythonType: 'IndexError' });
    }
    let unit = this.offset;
    for (let k = 0; k < index.length; k++) {
      let i = index[k]!;
      const n = this.shape[k]!;
      if (!Number.isInteger(i)) throw new NpyioArgumentError(`index ${i} is not an integer`, { pythonType: 'IndexError' });
      if (i < 0) i += n;
      if (i < 0 || i >= n) {
        throw new NpyioArgumentError(`index ${index[k]} is out of bounds for axis ${k} with size ${n}`, { pythonType: 'IndexError' });
      }
      unit += i * this.unitStrides[k]!;
    }
    return unit;
  }

  private unravel(flat: number): number[] {
    const n = this.size;
    let i = flat < 0 ? flat + n : flat;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new NpyioArgumentError(`index ${flat} is out of bounds for size ${n}`, { pythonType: 'IndexError' });
    }
    const idx = new Array<number>(this.ndim);
    for (let k = this.ndim - 1; k >= 0; k--) {
      idx[k] = i % this.shape[k]!;
      i = Math.floor(i / this.shape[k]!);
    }
    return idx;
  }

  /** The typed-array unit of every item in C order (last axis fastest). */
  private *unitsInCOrder(): IterableIterator<number> {
    if (this.size === 0) return;
    const nd = this.ndim;
    const idx = new Array<number>(nd).fill(0);
    let unit = this.offset;
    for (;;) {
      yield unit;
      let k = nd - 1;
      for (; k >= 0; k--) {
        unit += this.unitStrides[k]!;
        if (++idx[k]! < this.shape[k]!) break;
        unit -= idx[k]! * this.unitStrides[k]!;
        idx[k] = 0;
      }
      if (k < 0) return;
    }
  }

  private readUnit(unit: number): unknown {
    if (this._reader === undefined) this._reader = makeReader(this.dtype, this.unitsPerItem);
    return this._reader(this.data, unit);
  }
}

/** One reader per dtype: the fast typed-array path, or readScalar over bytes. */
function makeReader(dtype: DType, unitsPerItem: number): ItemReader {
  if (dtype.fieldList === null && dtype.subdtype === null) {
    switch (dtype.kind) {
      case 'b':
        return (d, u) => d[u] !== 0;
      case 'i':
      case 'u':
      case 'M':
      case 'm':
        return (d, u) => d[u];
      case 'f':
        if (dtype.itemsize === 2 && !hasFloat16Array) return (d, u) => float16ToNumber(d[u] as number);
        if (dtype.itemsize === 16) return (d, u) => float80ToNumber(d as Uint8Array, u);
        return (d, u) => d[u];
      case 'c':
        if (dtype.itemsize === 32) return (d, u) => new PyComplex(float80ToNumber(d as Uint8Array, u), float80ToNumber(d as Uint8Array, u + 16));
        return (d, u) => new PyComplex(d[u] as number, d[u + 1] as number);
      case 'U':
        return (d, u) => decodeUtf32(d as Uint32Array, u, unitsPerItem);
      case 'S':
        return (d, u) => stripNuls((d as Uint8Array).slice(u, u + unitsPerItem));
      case 'V':
        return (d, u) => (d as Uint8Array).slice(u, u + unitsPerItem);
      default:
        break;
    }
  }
  // Records and subarrays: bytes as stored (data of a record array is raw bytes).
  let view: DataView | undefined;
  let viewOf: TypedData | undefined;
  return (d, u) => {
    if (viewOf !== d) {
      view = new DataView(d.buffer, d.byteOffset, d.byteLength);
      viewOf = d;
    }
    return readScalar(d as Uint8Array, view!, u, dtype);
  };
}
