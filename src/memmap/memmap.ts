/**
 * MemmapArray: numpy's `np.load(path, mmap_mode=...)`, an array that stays
 * in its file and is read (and written) only where it is indexed.
 *
 * It has the NdArray metadata (dtype, shape, order, strides of the file's
 * layout, offset of the data) and reads through a RangeSource. Over a
 * source with sync reads (a path opened by `loadSync`) the sync methods work
 * (`get`, `slice`, `set`, `setSlice`, `chunks`, `flush`); every source has
 * the async ones (`getAsync`, `sliceAsync`, ..., `chunksAsync`). A slice is
 * an in-memory, C-contiguous NdArray (a copy), in the file's dtype (`>f8`
 * stays `>f8`, its data native as every NdArray's).
 *
 * Modes, as numpy's: 'r' reads; 'r+' also writes to the file; 'c' keeps
 * writes in memory (copy on write), the file never changes.
 *
 * Browser-safe: file sources come from src/node/.
 */
import { NpyioArgumentError, NpyioError } from '../errors.js';
import type { DType } from '../dtype/dtype.js';
import { storageOf, typedFromBytes, type TypedCtor } from '../dtype/storage.js';
import { toDType } from '../dtype/descr.js';
import type { DescrEntry } from '../dtype/dtype.js';
import { runPlanOnBytes, runPlanSync } from '../io/plan.js';
import { contiguousStrides, layoutOf, NdArray, type NdLayout, type Order } from '../ndarray.js';
import type { ReadPlan, SourceInfo } from '../io/plan.js';
import { writeHeader, type NpyHeader } from '../npy/header.js';
import { headerPlan, type NpyReadOptions } from '../npy/read.js';
import { bytesFor, encodeItem } from './encode.js';
import {
  copyOnWrite, needSync, readOnlyError, runOn, runSyncOn, sourceInfo, type RangeSource,
} from './range-source.js';
import { checkResultSize, checkRows, gatherPlan, isContiguous, scatterWrites, selectView, sizeOf, takePlan, type IndexSpec, type View } from './slicing.js';

/** numpy.memmap's mode strings (np.load passes them on). */
export type MmapMode = 'r' | 'r+' | 'w+' | 'c' | 'readonly' | 'readwrite' | 'write' | 'copyonwrite';
/** The modes an existing file is opened in. */
export type OpenMode = 'r' | 'r+' | 'c';

const VALID_MODES = ['r', 'c', 'r+', 'w+', 'readonly', 'copyonwrite', 'readwrite', 'write'];

export interface MemmapOptions extends NpyReadOptions {
  mmapMode?: MmapMode | null;
}

/**
 * The checks np.load makes before it reads the header again: a mode with
 * 'w' is "create a file" there, which np.load cannot do (numpy truncates the
 * file to 0 bytes first; npyio leaves it alone); 'readwrite' and
 * 'copyonwrite' reach Python's `open` as they are.
 */
export function checkModeBeforeHeader(mode: string): void {
  if (mode.includes('w')) {
    if (mode === 'w+') throw new NpyioArgumentError("object of type 'NoneType' has no len()", { pythonType: 'TypeError' });
    throw new NpyioArgumentError(`invalid mode: '${mode}b'`, { pythonType: 'ValueError' });
  }
  if (mode === 'readwrite' || mode === 'copyonwrite') throw new NpyioArgumentError(`invalid mode: '${mode}b'`, { pythonType: 'ValueError' });
}

/** numpy.memmap's check, made after the header: the mode a file is opened in. */
export function resolveMode(mode: string): OpenMode {
  if (!VALID_MODES.includes(mode)) {
    throw new NpyioArgumentError(`mode must be one of ${JSON.stringify(VALID_MODES).replace(/"/g, "'").replace(/,/g, ', ')} (got '${mode}')`, {
      pythonType: 'ValueError',
    });
  }
  return mode === 'readonly' ? 'r' : (mode as OpenMode);
}

/** The file's mode for `mmapMode`: 'r+' opens for writing, 'r' and 'c' read only. */
export function writesFile(mode: string): boolean {
  return mode === 'r+';
}

export function objectDtypeError(): NpyioError {
  return new NpyioError("Array can't be memory-mapped: Python objects in dtype.", { pythonType: 'ValueError' });
}

/** numpy's open_memmap after the magic: header (numpy's max_header_size rules), dtype, mode, size. */
export function* memmapHeaderPlan(info: SourceInfo, mode: string, opts: NpyReadOptions): ReadPlan<{ header: NpyHeader; mode: OpenMode }> {
  checkModeBeforeHeader(mode);
  const header = yield* headerPlan(info, opts);
  if (header.dtype.hasObject) throw objectDtypeError();
  const open = resolveMode(mode);
  if (header.dataOffset + header.dataLength > info.size) {
    throw new NpyioError('mmap length is greater than file size', { pythonType: 'ValueError', offset: info.size });
  }
  return { header, mode: open };
}

export interface OpenMemmapOptions {
  dtype: string | DType | readonly DescrEntry[];
  shape: number | readonly number[];
  /** Data in Fortran order (numpy's fortran_order). Default false. */
  fortranOrder?: boolean;
  /** Force a format version; default: the lowest that fits, as numpy chooses. */
  version?: readonly [number, number];
  /** The largest slice to read into one buffer (default: the runtime's limit). */
  maxArrayBytes?: number;
}

/**
 * numpy's open_memmap(mode='w+') before the file exists: the header bytes it
 * writes (numpy's exactly), and that header as read back.
 */
export function newMemmapHeader(opts: OpenMemmapOptions): { bytes: Uint8Array; header: NpyHeader } {
  const dtype = toDType(opts.dtype);
  if (dtype.hasObject) throw objectDtypeError();
  const shape = typeof opts.shape === 'number' ? [opts.shape] : [...opts.shape];
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new NpyioArgumentError(`invalid shape (${shape.join(', ')}): dimensions are integers >= 0`, { pythonType: 'ValueError' });
  }
  const bytes = writeHeader(dtype, shape, opts.fortranOrder ?? false, opts.version === undefined ? {} : { version: opts.version });
  const header = runPlanOnBytes((info) => headerPlan(info, { allowPickle: true }), bytes);
  return { bytes, header };
}

/** How `slice(i)` reads a row (MemmapArray.rowReading). */
interface RowReading {
  /** Bytes, items and typed-array units in one row. */
  bytes: number;
  count: number;
  units: number;
  ctor: TypedCtor;
  /** The file's byte order is not native: swapped in place after the read. */
  swap: boolean;
  layout: NdLayout;
  /** The store's reads into a buffer, when it has them (sync sources). */
  into: ((offset: number, target: Uint8Array) => void) | undefined;
}

export class MemmapArray {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly order: Order;
  /** numpy's strides of the file's layout, in bytes. */
  readonly strides: readonly number[];
  /** Where the data starts in the file. */
  readonly offset: number;
  readonly mode: OpenMode;
  /** The source as messages name it (a path's repr, a URL). */
  readonly filename: string;
  private readonly store: RangeSource;
  private readonly source: RangeSource;
  private readonly limit: number | undefined;
  /** `slice(i)` on the first axis, when its rows lie whole in the file: see `rowReading`. */
  private readonly rows: RowReading | null;
  private closed = false;

  constructor(source: RangeSource, header: NpyHeader, mode: OpenMode, opts: NpyReadOptions = {}) {
    if (mode === 'r+' && source.write === undefined && source.writeSync === undefined) {
      throw new NpyioArgumentError(`${source.name} cannot be written: mmapMode 'r+' needs a file (Blobs and URLs are read-only; 'c' keeps writes in memory)`, {
        pythonType: 'ValueError',
      });
    }
    this.source = source;
    this.store = mode === 'c' ? copyOnWrite(source) : source;
    this.dtype = header.dtype;
    this.shape = Object.freeze([...header.shape]);
    this.order = header.order;
    this.strides = Object.freeze(contiguousStrides(header.shape, header.dtype.itemsize, header.order));
    this.offset = header.dataOffset;
    this.mode = mode;
    this.filename = source.name;
    this.limit = opts.maxArrayBytes ?? source.maxBufferBytes;
    this.rows = this.rowReading();
  }

  /** Reads and checks the header (sync source), then maps the array. */
  static openSync(source: RangeSource, mode: string, opts: NpyReadOptions = {}): MemmapArray {
    const r = runSyncOn(source, memmapHeaderPlan(sourceInfo(source), mode, opts), 'MemmapArray.open');
    return new MemmapArray(source, r.header, r.mode, opts);
  }

  static async open(source: RangeSource, mode: string, opts: NpyReadOptions = {}): Promise<MemmapArray> {
    const r = await runOn(source, memmapHeaderPlan(sourceInfo(source), mode, opts));
    return new MemmapArray(source, r.header, r.mode, opts);
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  get itemsize(): number {
    return this.dtype.itemsize;
  }

  get nbytes(): number {
    return this.size * this.dtype.itemsize;
  }

  /** True when the sync methods work (the source reads synchronously). */
  get isSync(): boolean {
    return this.source.readSync !== undefined;
  }

  // ---- reading ----

  /** One element at a full index (negative indices count from the end). */
  get(...index: number[]): unknown {
    return this.slice(...this.fullIndex(index)).item();
  }

  async getAsync(...index: number[]): Promise<unknown> {
    return (await this.sliceAsync(...this.fullIndex(index))).item();
  }

  /**
   * numpy's basic slicing, `a[spec]`, as an in-memory C-contiguous NdArray:
   * per axis an integer, a slice (`'1:10:2'`, `'::-1'`, `{start, stop, step}`)
   * or `'...'`; missing trailing axes are taken whole.
   */
  slice(...spec: IndexSpec[]): NdArray {
    const r = this.rows;
    const i = this.rowOf(spec);
    if (i >= 0 && r !== null && r.into !== undefined) {
      const bytes = new Uint8Array(r.bytes);
      r.into(this.offset + i * r.bytes, bytes);
      return this.rowArray(bytes, r);
    }
    const view = this.readView(spec);
    const read = needSync(this.store, 'sliceAsync');
    if (!isContiguous(view, this.itemsize)) return this.toNdArray(runPlanSync(gatherPlan(view, this.itemsize, this.offset), read), view.shape);
    // Rows and blocks of rows (the hot path of random row access): one read, into the result when the source can.
    const length = sizeOf(view.shape) * this.itemsize;
    const into = this.store.readIntoSync;
    let bytes: Uint8Array;
    if (into === undefined) bytes = read(this.offset + view.offset, length);
    else into.call(this.store, this.offset + view.offset, (bytes = new Uint8Array(length)));
    return this.toNdArray(bytes, view.shape);
  }

  async sliceAsync(...spec: IndexSpec[]): Promise<NdArray> {
    const r = this.rows;
    const i = this.rowOf(spec);
    if (i >= 0 && r !== null) return this.rowArray(await this.store.read(this.offset + i * r.bytes, r.bytes), r);
    const view = this.readView(spec);
    return this.toNdArray(await runOn(this.store, gatherPlan(view, this.itemsize, this.offset)), view.shape);
  }

  /**
   * numpy's `a[[i, j, ...]]`: the rows of the first axis at these indices,
   * in this order, as one NdArray of shape [indices.length, ...shape[1:]].
   * The reads are sorted and merged, so a batch of random rows costs one
   * call, not one per row.
   */
  take(indices: ArrayLike<number>): NdArray {
    const [shape, plan] = this.takeRows(indices);
    const into = this.store.readIntoSync;
    if (into === undefined || !(this.order === 'C' || this.ndim === 1)) return this.toNdArray(runSyncOn(this.store, plan, 'takeAsync'), shape);
    // A file: each row read straight into its place in the result.
    const rowBytes = shape.length === 0 ? 0 : sizeOf(shape) / Math.max(shape[0]!, 1) * this.itemsize;
    const rows = checkRows(indices, this.shape[0]!);
    const out = new Uint8Array(rows.length * rowBytes);
    for (let k = 0; k < rows.length; k++) into.call(this.store, this.offset + rows[k]! * rowBytes, out.subarray(k * rowBytes, (k + 1) * rowBytes));
    return this.toNdArray(out, shape);
  }

  async takeAsync(indices: ArrayLike<number>): Promise<NdArray> {
    const [shape, plan] = this.takeRows(indices);
    return this.toNdArray(await runOn(this.store, plan), shape);
  }

  /** The whole array in memory (what np.load without mmapMode gives), if it fits one buffer. */
  read(): NdArray {
    return this.slice();
  }

  readAsync(): Promise<NdArray> {
    return this.sliceAsync();
  }

  /** Up to `rows` rows of the first axis at a time, in order. */
  *chunks(rows: number): IterableIterator<NdArray> {
    for (const spec of this.chunkSpecs(rows)) yield this.slice(spec);
  }

  async *chunksAsync(rows: number): AsyncIterableIterator<NdArray> {
    for (const spec of this.chunkSpecs(rows)) yield await this.sliceAsync(spec);
  }

  // ---- writing ('r+' to the file, 'c' to memory) ----

  /** `a[index] = value` for one element: see encodeItem for the values each dtype takes. */
  set(index: readonly number[], value: unknown): void {
    this.writable();
    this.writeSync(this.view(this.fullIndex(index)), encodeItem(this.dtype, value));
  }

  async setAsync(index: readonly number[], value: unknown): Promise<void> {
    this.writable();
    await this.writeAsync(this.view(this.fullIndex(index)), encodeItem(this.dtype, value));
  }

  /**
   * `a[spec] = values`: `values` has the selection's shape and the file's
   * dtype (any byte order); rows that lie together are written at once.
   */
  setSlice(spec: readonly IndexSpec[], values: NdArray): void {
    this.writable();
    const view = this.view(spec);
    this.writeSync(view, this.valueBytes(view, values));
  }

  async setSliceAsync(spec: readonly IndexSpec[], values: NdArray): Promise<void> {
    this.writable();
    const view = this.view(spec);
    await this.writeAsync(view, this.valueBytes(view, values));
  }

  /** Makes writes durable (fsync); nothing to do for 'r' and 'c'. */
  flush(): void {
    if (this.mode === 'r+') this.store.flushSync?.();
  }

  async flushAsync(): Promise<void> {
    if (this.mode === 'r+') await this.store.flush?.();
  }

  /** Closes the source (a file descriptor). Closing twice is fine. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const r = this.source.close?.();
    if (r instanceof Promise) r.catch(() => undefined);
  }

  async closeAsync(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.close?.();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.closeAsync();
  }

  toString(): string {
    return `MemmapArray(${this.filename}, mode='${this.mode}', dtype=${this.dtype.toString()}, shape=(${this.shape.join(', ')}${this.ndim === 1 ? ',' : ''}))`;
  }

  // ---- internals ----

  private fullIndex(index: readonly number[]): number[] {
    if (index.length !== this.ndim) {
      throw new NpyioArgumentError(`expected ${this.ndim} indices, got ${index.length}`, { pythonType: 'IndexError' });
    }
    return [...index];
  }

  private checkOpen(): void {
    if (this.closed) throw new NpyioError(`${this.toString()} is closed`, { pythonType: 'ValueError' });
  }

  private view(spec: readonly IndexSpec[]): View {
    this.checkOpen();
    return selectView(this.shape, this.strides, spec);
  }

  /** A view to read: its bytes must fit in one buffer, checked before anything is allocated. */
  private readView(spec: readonly IndexSpec[]): View {
    const view = this.view(spec);
    checkResultSize(sizeOf(view.shape) * this.itemsize, this.limit, 'a slice');
    return view;
  }

  private takeRows(indices: ArrayLike<number>): [number[], ReadPlan<Uint8Array>] {
    if (this.ndim === 0) throw new NpyioArgumentError('too many indices for array: array is 0-dimensional, but 1 were indexed', { pythonType: 'IndexError' });
    const shape = [indices.length, ...this.shape.slice(1)];
    const rowBytes = sizeOf(this.shape.slice(1)) * this.itemsize;
    checkResultSize(indices.length * rowBytes, this.limit, 'a selection');
    this.checkOpen();
    return [shape, this.order === 'C' || this.ndim === 1 ? takePlan(indices, this.shape[0]!, rowBytes, this.offset) : this.rowByRow(indices, rowBytes)];
  }

  /** Fortran order: a row is strided, each one is gathered on its own. */
  private *rowByRow(indices: ArrayLike<number>, rowBytes: number): ReadPlan<Uint8Array> {
    const out = new Uint8Array(indices.length * rowBytes);
    for (let k = 0; k < indices.length; k++) {
      out.set(yield* gatherPlan(selectView(this.shape, this.strides, [indices[k]!]), this.itemsize, this.offset), k * rowBytes);
    }
    return out;
  }

  /**
   * What reading one row of the first axis takes, worked out once: random
   * row access is the hot path (one call per row, often in a process too
   * short for the JIT), so a row is one read (straight into its buffer where
   * the store can) and an NdArray on a layout checked here, not the general
   * slicing. Null when the general path must run: rows strided in the file
   * (Fortran order), a 0-d array, or a row over the size limit (the general
   * path raises).
   */
  private rowReading(): RowReading | null {
    const into = this.store.readIntoSync;
    if (this.ndim === 0 || !(this.order === 'C' || this.ndim === 1)) return null;
    const shape = this.shape.slice(1);
    const count = sizeOf(shape);
    const bytes = count * this.itemsize;
    if (this.limit !== undefined && bytes > this.limit) return null;
    const st = storageOf(this.dtype);
    return {
      bytes, count, units: count * st.unitsPerItem, ctor: st.ctor, swap: st.swapWidth > 1 && !this.dtype.isNativeOrder,
      layout: layoutOf({ dtype: this.dtype, shape }), into: into?.bind(this.store),
    };
  }

  /** The row `spec` selects when it is one integer in range on the first axis and rows read fast; else -1. */
  private rowOf(spec: readonly IndexSpec[]): number {
    const i = spec[0];
    if (spec.length !== 1 || typeof i !== 'number' || this.rows === null || this.closed || !Number.isSafeInteger(i)) return -1;
    const n = this.shape[0]!;
    return i >= n || i < -n ? -1 : i < 0 ? i + n : i;
  }

  /** A row's NdArray over its bytes (fresh, the caller's): swapped in place when not native. */
  private rowArray(bytes: Uint8Array, r: RowReading): NdArray {
    const direct = !r.swap && bytes.constructor === Uint8Array && bytes.byteOffset % r.ctor.BYTES_PER_ELEMENT === 0;
    const data = !direct ? typedFromBytes(bytes, this.dtype, r.count, true) : r.ctor === Uint8Array ? bytes : new r.ctor(bytes.buffer, bytes.byteOffset, r.units);
    return new NdArray({ dtype: this.dtype, shape: r.layout.shape, data }, r.layout);
  }

  private toNdArray(bytes: Uint8Array, shape: readonly number[]): NdArray {
    return new NdArray({ dtype: this.dtype, shape, data: typedFromBytes(bytes, this.dtype, sizeOf(shape), true) });
  }

  private *chunkSpecs(rows: number): IterableIterator<IndexSpec> {
    if (this.ndim === 0) throw new NpyioArgumentError('iteration over a 0-d array', { pythonType: 'TypeError' });
    if (!Number.isSafeInteger(rows) || rows < 1) throw new NpyioArgumentError(`rows per chunk must be a positive integer, not ${rows}`);
    const n = this.shape[0]!;
    checkResultSize(n === 0 ? 0 : Math.min(rows, n) * (this.nbytes / n), this.limit, 'a chunk');
    for (let start = 0; start < n; start += rows) yield { start, stop: Math.min(start + rows, n) };
  }

  private valueBytes(view: View, values: NdArray): Uint8Array {
    if (values.shape.length !== view.shape.length || values.shape.some((d, i) => d !== view.shape[i])) {
      throw new NpyioArgumentError(
        `could not write an array of shape (${values.shape.join(',')}) into a selection of shape (${view.shape.join(',')})`,
        { pythonType: 'ValueError' },
      );
    }
    return bytesFor(values, this.dtype);
  }

  private writable(): RangeSource {
    if (this.mode === 'r') throw readOnlyError();
    return this.store;
  }

  private writeSync(view: View, bytes: Uint8Array): void {
    const store = this.writable();
    if (store.writeSync === undefined) {
      throw new NpyioArgumentError(`${this.filename} is written asynchronously: use the Async methods`, { pythonType: 'TypeError' });
    }
    for (const w of scatterWrites(view, this.itemsize, this.offset, bytes)) store.writeSync(w.offset, w.bytes);
  }

  private async writeAsync(view: View, bytes: Uint8Array): Promise<void> {
    const store = this.writable();
    if (store.write === undefined) throw readOnlyError();
    for (const w of scatterWrites(view, this.itemsize, this.offset, bytes)) await store.write(w.offset, w.bytes);
  }
}
