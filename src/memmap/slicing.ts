/**
 * numpy's basic indexing on an array that lives in a file: an index spec per
 * axis (integer, slice, ellipsis) becomes a strided view (byte offset, shape,
 * byte strides), and a view becomes the list of byte runs to read or write.
 *
 * Runs are found once per call, not per element: axes are reordered by
 * stride and merged where the file and the C-ordered result are both
 * contiguous, so a block of rows is one run and a full Fortran-order array is
 * one run per item but one read (reads are merged into windows across small
 * gaps, see `gatherPlan`). Offsets are plain numbers: exact up to 2^53.
 *
 * Pure and browser-safe.
 */
import { ArrayTooLargeError, NpyioArgumentError } from '../errors.js';
import type { ReadPlan } from '../io/plan.js';

/** A Python slice: missing parts take Python's defaults. */
export interface SliceSpec {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

/**
 * One axis of an index: an integer (negative counts from the end), a slice
 * (`{start, stop, step}` or a string such as `'1:10:2'`, `'::-1'`, `':'`), or
 * `'...'` for as many full axes as needed.
 */
export type IndexSpec = number | string | SliceSpec;

/** A strided selection of an array's bytes. `offset` is relative to the array's first byte. */
export interface View {
  offset: number;
  shape: number[];
  strides: number[];
}

function indexError(message: string): NpyioArgumentError {
  return new NpyioArgumentError(message, { pythonType: 'IndexError' });
}

const VALID_INDICES =
  'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices';

const INT_RE = /^\s*[+-]?\d+\s*$/;

/** `'1:10:2'` -> {start: 1, stop: 10, step: 2}; `'-3'` -> -3; `'...'` stays. */
function parseSpec(spec: IndexSpec): number | SliceSpec | '...' {
  if (typeof spec === 'number') return spec;
  if (typeof spec === 'object' && spec !== null) return spec;
  if (typeof spec !== 'string') throw indexError(VALID_INDICES);
  const s = spec.trim();
  if (s === '...') return '...';
  if (INT_RE.test(s)) return Number(s);
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3) throw indexError(`${VALID_INDICES}; got ${JSON.stringify(spec)}`);
  const num = (p: string | undefined): number | null => {
    if (p === undefined || p.trim() === '') return null;
    if (!INT_RE.test(p)) throw indexError(`slice indices must be integers or None; got ${JSON.stringify(spec)}`);
    return Number(p);
  };
  return { start: num(parts[0]), stop: num(parts[1]), step: num(parts[2]) };
}

/** Python's `slice.indices(n)` and the resulting length. */
export function sliceIndices(s: SliceSpec, n: number): { start: number; step: number; length: number } {
  const step = s.step ?? 1;
  for (const v of [s.start, s.stop, s.step]) {
    if (v !== null && v !== undefined && !Number.isSafeInteger(v)) throw indexError('slice indices must be integers or None');
  }
  if (step === 0) throw new NpyioArgumentError('slice step cannot be zero', { pythonType: 'ValueError' });
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? n - 1 : n;
  const clamp = (v: number | null | undefined, dflt: number): number => {
    if (v === null || v === undefined) return dflt;
    if (v < 0) return Math.max(v + n, lower);
    return Math.min(v, upper);
  };
  const start = clamp(s.start, step < 0 ? upper : lower);
  const stop = clamp(s.stop, step < 0 ? lower : upper);
  const length = step > 0 ? (stop > start ? Math.ceil((stop - start) / step) : 0) : start > stop ? Math.ceil((start - stop) / -step) : 0;
  return { start, step, length };
}

/** The view numpy's `a[spec]` selects, given the array's shape and byte strides. */
export function selectView(shape: readonly number[], strides: readonly number[], specs: readonly IndexSpec[]): View {
  return integerView(shape, strides, specs) ?? generalView(shape, strides, specs);
}

/** The common case, rows and elements (`a[i]`, `a[i, j]`), without parsing. */
function integerView(shape: readonly number[], strides: readonly number[], specs: readonly IndexSpec[]): View | null {
  if (specs.length > shape.length) return null;
  let offset = 0;
  for (let axis = 0; axis < specs.length; axis++) {
    const p = specs[axis];
    const n = shape[axis]!;
    if (typeof p !== 'number' || !Number.isSafeInteger(p) || p >= n || p < -n) return null;
    offset += (p < 0 ? p + n : p) * strides[axis]!;
  }
  return { offset, shape: shape.slice(specs.length), strides: strides.slice(specs.length) };
}

function generalView(shape: readonly number[], strides: readonly number[], specs: readonly IndexSpec[]): View {
  const parsed = specs.map(parseSpec);
  const ellipses = parsed.filter((p) => p === '...').length;
  if (ellipses > 1) throw indexError("an index can only have a single ellipsis ('...')");
  const explicit = parsed.length - ellipses;
  if (explicit > shape.length) {
    throw indexError(`too many indices for array: array is ${shape.length}-dimensional, but ${explicit} were indexed`);
  }
  // The ellipsis (or the end) stands for the axes no spec names.
  const full: (number | SliceSpec)[] = [];
  for (const p of parsed) {
    if (p === '...') for (let i = 0; i < shape.length - explicit; i++) full.push({});
    else full.push(p);
  }
  while (full.length < shape.length) full.push({});

  const view: View = { offset: 0, shape: [], strides: [] };
  full.forEach((p, axis) => {
    const n = shape[axis]!;
    const stride = strides[axis]!;
    if (typeof p === 'number') {
      if (!Number.isSafeInteger(p)) throw indexError(VALID_INDICES);
      const i = p < 0 ? p + n : p;
      if (i < 0 || i >= n) throw indexError(`index ${p} is out of bounds for axis ${axis} with size ${n}`);
      view.offset += i * stride;
    } else {
      const { start, step, length } = sliceIndices(p, n);
      if (length > 0) view.offset += start * stride;
      view.shape.push(length);
      view.strides.push(step * stride);
    }
  });
  return view;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * The runs of a view: equal-length byte runs, each at a file position and a
 * position in the C-ordered result, visited in increasing file order.
 * `next()` moves to the next run and says whether there is one; `file` and
 * `out` are then its positions. No allocation per run.
 */
export class Runs {
  /** Bytes in every run. */
  readonly runBytes: number;
  /** Number of runs. */
  readonly count: number;
  file = 0;
  out = 0;
  private readonly n: number[];
  private readonly fs: number[];
  private readonly os: number[];
  private readonly idx: number[];
  private readonly file0: number;
  private readonly out0: number;
  private started = false;

  constructor(view: View, itemsize: number) {
    const nd = view.shape.length;
    // The result is C-contiguous: its byte strides.
    const outStrides = new Array<number>(nd);
    for (let k = nd - 1, step = itemsize; k >= 0; k--) {
      outStrides[k] = step;
      step *= view.shape[k]!;
    }
    let file0 = view.offset;
    let out0 = 0;
    let axes: { n: number; fs: number; os: number }[] = [];
    let empty = false;
    for (let k = 0; k < nd; k++) {
      const n = view.shape[k]!;
      if (n === 0) empty = true;
      if (n <= 1) continue;
      let fs = view.strides[k]!;
      let os = outStrides[k]!;
      // A reversed axis is read forwards and written backwards.
      if (fs < 0) {
        file0 += (n - 1) * fs;
        out0 += (n - 1) * os;
        fs = -fs;
        os = -os;
      }
      axes.push({ n, fs, os });
    }
    axes.sort((a, b) => b.fs - a.fs);
    const merged: typeof axes = [];
    for (const a of axes) {
      const last = merged[merged.length - 1];
      if (last && last.fs === a.fs * a.n && last.os === a.os * a.n) {
        last.n *= a.n;
        last.fs = a.fs;
        last.os = a.os;
      } else merged.push({ ...a });
    }
    axes = merged;
    let runBytes = itemsize;
    const inner = axes[axes.length - 1];
    if (inner && inner.fs === itemsize && inner.os === itemsize) {
      runBytes = inner.n * itemsize;
      axes.pop();
    }
    this.runBytes = runBytes;
    this.n = axes.map((a) => a.n);
    this.fs = axes.map((a) => a.fs);
    this.os = axes.map((a) => a.os);
    this.idx = new Array<number>(axes.length).fill(0);
    this.file0 = file0;
    this.out0 = out0;
    this.count = empty || itemsize === 0 ? 0 : sizeOf(this.n);
  }

  next(): boolean {
    if (!this.started) {
      this.started = true;
      this.file = this.file0;
      this.out = this.out0;
      return this.count > 0;
    }
    for (let k = this.n.length - 1; k >= 0; k--) {
      this.file += this.fs[k]!;
      this.out += this.os[k]!;
      if (++this.idx[k]! < this.n[k]!) return true;
      this.file -= this.idx[k]! * this.fs[k]!;
      this.out -= this.idx[k]! * this.os[k]!;
      this.idx[k] = 0;
    }
    return false;
  }
}

/** Reads merge runs across gaps up to this size (reading a gap is cheaper than another request). */
const MAX_GAP = 64 * 1024;
/** The largest read made for several runs at once. */
const MAX_WINDOW = 8 * 1024 * 1024;
/** Runs remembered per window (two Float64Arrays of this length). */
const MAX_RUNS = 1 << 16;

/** Below this, a run is copied byte by byte (a subarray per run would allocate). */
const SMALL_RUN = 64;

function copyRun(dst: Uint8Array, dstAt: number, src: Uint8Array, srcAt: number, n: number): void {
  if (n < SMALL_RUN) for (let i = 0; i < n; i++) dst[dstAt + i] = src[srcAt + i]!;
  else dst.set(src.subarray(srcAt, srcAt + n), dstAt);
}

/**
 * Check that `bytes` fit in one buffer of the runtime (`limit`), before
 * anything is allocated: a typed error pointing at smaller slices.
 */
export function checkResultSize(bytes: number, limit: number | undefined, what: string): void {
  if (limit !== undefined && bytes > limit) {
    throw new ArrayTooLargeError(`${what} of ${bytes} bytes is larger than the ${limit}-byte limit for one buffer; read it in smaller slices`, {
      pythonType: 'MemoryError',
    });
  }
}

/**
 * The bytes of a view, C-ordered, in the file's byte order: reads of the
 * source at `base` + run positions, merged into windows.
 */
export function* gatherPlan(view: View, itemsize: number, base: number): ReadPlan<Uint8Array> {
  // Rows and blocks of rows are one contiguous range: one read, and the
  // source's fresh buffer is the result (no second buffer, no copy).
  if (isContiguous(view, itemsize)) {
    const length = sizeOf(view.shape) * itemsize;
    return length === 0 ? new Uint8Array(0) : yield { offset: base + view.offset, length };
  }
  const runs = new Runs(view, itemsize);
  const out = new Uint8Array(runs.count * runs.runBytes);
  const rb = runs.runBytes;
  const fileAt = new Float64Array(Math.min(MAX_RUNS, runs.count));
  const outAt = new Float64Array(fileAt.length);
  let have = runs.next();
  while (have) {
    const start = runs.file;
    let end = start;
    let count = 0;
    do {
      fileAt[count] = runs.file;
      outAt[count] = runs.out;
      count++;
      end = runs.file + rb;
      have = runs.next();
    } while (have && count < fileAt.length && runs.file >= end && runs.file - end <= MAX_GAP && runs.file + rb - start <= MAX_WINDOW);
    const bytes = yield { offset: base + start, length: end - start };
    for (let i = 0; i < count; i++) copyRun(out, outAt[i]!, bytes, fileAt[i]! - start, rb);
  }
  return out;
}

/** True when the view's items lie back to back in C order from its offset. */
export function isContiguous(view: View, itemsize: number): boolean {
  let step = itemsize;
  for (let k = view.shape.length - 1; k >= 0; k--) {
    const n = view.shape[k]!;
    if (n === 0) return true;
    if (n !== 1 && view.strides[k] !== step) return false;
    step *= n;
  }
  return true;
}

/** Row indices checked as numpy checks them, negatives resolved. */
export function checkRows(indices: ArrayLike<number>, n: number): Float64Array {
  const rows = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!Number.isSafeInteger(i)) throw indexError(VALID_INDICES);
    if (i >= n || i < -n) throw indexError(`index ${i} is out of bounds for axis 0 with size ${n}`);
    rows[k] = i < 0 ? i + n : i;
  }
  return rows;
}

/**
 * numpy's `a[[i, j, ...]]` on the first axis of a C-ordered array whose
 * rows are `rowBytes` long: the rows in the order given (repeats allowed),
 * read in increasing file order, neighbours merged into one read.
 */
export function* takePlan(indices: ArrayLike<number>, n: number, rowBytes: number, base: number): ReadPlan<Uint8Array> {
  const rows = checkRows(indices, n);
  const count = rows.length;
  const out = new Uint8Array(count * rowBytes);
  if (rowBytes === 0) return out;
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort((a, b) => rows[a]! - rows[b]!);
  for (let k = 0; k < count;) {
    const first = rows[order[k]!]!;
    let last = first;
    let end = k + 1;
    while (end < count) {
      const next = rows[order[end]!]!;
      if ((next - last - 1) * rowBytes > MAX_GAP || (next - first + 1) * rowBytes > MAX_WINDOW) break;
      last = next;
      end++;
    }
    const bytes = yield { offset: base + first * rowBytes, length: (last - first + 1) * rowBytes };
    for (; k < end; k++) {
      const at = (rows[order[k]!]! - first) * rowBytes;
      out.set(bytes.subarray(at, at + rowBytes), order[k]! * rowBytes);
    }
  }
  return out;
}

/** One positional write. */
export interface WriteRequest {
  offset: number;
  bytes: Uint8Array;
}

/**
 * The writes that put `data` (a view's bytes, C-ordered, in the file's byte
 * order) in place: runs that touch in the file go out as one write.
 */
export function* scatterWrites(view: View, itemsize: number, base: number, data: Uint8Array): Generator<WriteRequest> {
  const runs = new Runs(view, itemsize);
  const rb = runs.runBytes;
  if (runs.count === 0) return;
  const outAt = new Float64Array(Math.min(MAX_RUNS, runs.count, Math.max(1, Math.floor(MAX_WINDOW / rb))));
  let have = runs.next();
  while (have) {
    const start = runs.file;
    let count = 0;
    let inOrder = true;
    do {
      outAt[count] = runs.out;
      if (runs.out !== outAt[0]! + count * rb) inOrder = false;
      count++;
      have = runs.next();
    } while (have && count < outAt.length && runs.file === start + count * rb);
    if (inOrder) {
      yield { offset: base + start, bytes: data.subarray(outAt[0]!, outAt[0]! + count * rb) };
      continue;
    }
    // Contiguous in the file, not in `data` (a Fortran-order file, a reversed axis): gather the span first.
    const span = new Uint8Array(count * rb);
    for (let i = 0; i < count; i++) copyRun(span, i * rb, data, outAt[i]!, rb);
    yield { offset: base + start, bytes: span };
  }
}
