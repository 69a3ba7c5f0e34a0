/**
 * The byte-level API, shared by the browser entry and the Node entry:
 * sources here are bytes in memory (Uint8Array, Node Buffer, ArrayBuffer,
 * any ArrayBufferView).
 */
import { NpyioArgumentError } from './errors.js';
import { NATIVE_ORDER, type DescrEntry, type DType } from './dtype/dtype.js';
import { toDType } from './dtype/descr.js';
import { storageOf, type TypedData } from './dtype/storage.js';
import { runPlanOnBytes } from './io/plan.js';
import { loadPlan, openIfNpz, type ArrayLoadOptions, type LoadOptions } from './load.js';
import { bytesSource } from './io/source.js';
import { concatBytes } from './io/concat.js';
import type { NpzFile } from './npz/npzfile.js';
import { savezParts, type SavezArrays } from './npz/savez.js';
import { NdArray, shapeSize, type Order } from './ndarray.js';
import type { NpyHeader } from './npy/header.js';
import { headerPlan, type NpyReadOptions } from './npy/read.js';
import { npyBytes, type NpySaveOptions } from './npy/write.js';

export type BytesSource = Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * A plain Uint8Array view of the caller's bytes. Node's Buffer is re-viewed:
 * its `slice` shares memory, where the readers need Uint8Array's copying one.
 */
export function asBytes(src: BytesSource): Uint8Array {
  if (src instanceof Uint8Array && src.constructor === Uint8Array) return src;
  if (src instanceof ArrayBuffer) return new Uint8Array(src);
  if (ArrayBuffer.isView(src)) return new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
  throw new NpyioArgumentError('a source must be bytes: Uint8Array, ArrayBuffer or an ArrayBufferView', { pythonType: 'TypeError' });
}

/** np.load on bytes in memory. A native, aligned array is a view on those bytes; an archive is read in place. */
export function loadBytes(src: BytesSource, opts?: ArrayLoadOptions): NdArray | NpzFile;
export function loadBytes(src: BytesSource, opts: LoadOptions): unknown;
export function loadBytes(src: BytesSource, opts: LoadOptions = {}): unknown {
  const bytes = asBytes(src);
  // numpy names a stream it was handed 'object' in the NpzFile repr
  return openIfNpz(bytesSource(bytes), opts, "'object'", false) ?? runPlanOnBytes((info) => loadPlan(info, opts), bytes);
}

/** The .npy header of bytes in memory, without touching the data. */
export function readHeaderBytes(src: BytesSource, opts: NpyReadOptions = {}): NpyHeader {
  return runPlanOnBytes((info) => headerPlan(info, opts), asBytes(src));
}

export interface SaveOptions extends NpySaveOptions {
  /** numpy's allow_pickle for save; object arrays need it (and the unpickler issue). */
  allowPickle?: boolean;
}

/** The bytes `np.save` writes for this array. */
export function saveBytes(array: NdArray, opts: SaveOptions = {}): Uint8Array {
  return npyBytes(array, opts);
}

/** The bytes `np.savez` (or, with `compress`, `np.savez_compressed`) writes for these arrays. */
export function savezBytes(arrays: SavezArrays, compress = false, opts: SaveOptions = {}): Uint8Array {
  return concatBytes(savezParts(arrays, compress, opts));
}

const CTOR_DTYPES = new Map<Function, string>([
  [Int8Array, '|i1'], [Uint8Array, '|u1'], [Uint8ClampedArray, '|u1'], [Int16Array, 'i2'], [Uint16Array, 'u2'],
  [Int32Array, 'i4'], [Uint32Array, 'u4'], [Float32Array, 'f4'], [Float64Array, 'f8'],
  [BigInt64Array, 'i8'], [BigUint64Array, 'u8'],
]);

export interface ArrayOptions {
  /** Default: the typed array's own type (Float64Array -> float64, ...), native order. */
  dtype?: string | DType | readonly DescrEntry[];
  /** Default: one dimension of the item count. */
  shape?: readonly number[];
  /** Layout of `data`: 'C' (default) or 'F'. */
  order?: Order;
}

/**
 * An NdArray over a typed array, without copying. `data` holds values in
 * native order; give `dtype` for the others (`'>f8'` over a Float64Array is
 * saved big-endian). A Uint8Array with a dtype it does not hold natively
 * (`'<f8'`, `'|S4'`...) is read as that dtype's stored bytes.
 */
export function array(data: TypedData | Uint8ClampedArray, opts: ArrayOptions = {}): NdArray {
  const typed = data instanceof Uint8ClampedArray ? new Uint8Array(data.buffer, data.byteOffset, data.length) : data;
  let dtype: DType;
  if (opts.dtype !== undefined) dtype = toDType(opts.dtype);
  else {
    const ts = CTOR_DTYPES.get(data.constructor);
    if (ts === undefined) throw new NpyioArgumentError(`no dtype for ${data.constructor.name}: pass opts.dtype`);
    dtype = toDType(ts.length === 2 ? NATIVE_ORDER + ts : ts);
  }
  const st = storageOf(dtype);
  const count = dtype.itemsize === 0 ? 0 : (typed.length * typed.BYTES_PER_ELEMENT) / dtype.itemsize;
  const shape = opts.shape ?? [Math.floor(count)];
  if (!(typed instanceof st.ctor)) {
    if (typed instanceof Uint8Array) return NdArray.fromBytes(typed, dtype, shape, opts.order ?? 'C');
    throw new NpyioArgumentError(`dtype ${dtype.str} is held in a ${st.ctor.name}, not a ${typed.constructor.name}`);
  }
  if (shapeSize(shape) * st.unitsPerItem > typed.length) {
    throw new NpyioArgumentError(`shape (${shape.join(', ')}) needs ${shapeSize(shape) * st.unitsPerItem} values, data has ${typed.length}`);
  }
  return new NdArray({ dtype, shape, data: typed, order: opts.order ?? 'C' });
}
