/**
 * npyio for browsers (and any runtime): everything that works on bytes.
 * The Node entry (node/index.ts) adds paths, file: URLs and atomic writes.
 */
export * from './errors.js';
export { DType, NATIVE_ORDER, TIME_UNITS, type DescrEntry, type Field, type Kind, type TimeUnit } from './dtype/dtype.js';
export { toDType as dtype } from './dtype/descr.js';
export type { TypedData } from './dtype/storage.js';
export { NdArray, type Order } from './ndarray.js';
export { isTuple, makeTuple, PyComplex, type PyTupleValue } from './values.js';
export { toPyJSON, toPyJSONText, dtypeId, type PyJSON } from './pyjson.js';
export { arrayRepr, arrayStr, type PrintOptions } from './format/repr.js';
export type { NpyHeader } from './npy/header.js';
export type { ArrayLoadOptions, LoadOptions } from './load.js';
export { loads, defaultRegistry, type LoadsOptions } from './pickle/loads.js';
export { Registry, type CallContext, type GlobalHandler } from './pickle/registry.js';
export { ObjectArray } from './pickle/numpy.js';
export { dis, disEach, disText, type Disassembly, type DisOp, type DisOptions, type DisSink, type DisSummary } from './pickle/dis.js';
export {
  isFrozenSet, makeFrozenSet, NumpyScalar, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyObject, PyRange, PySlice,
  PyTime, PyTimedelta, PyTimezone,
} from './pickle/values.js';
export { array, asBytes, loadBytes, readHeaderBytes, saveBytes, savezBytes, type ArrayOptions, type BytesSource, type SaveOptions } from './api.js';
export { NpzFile } from './npz/npzfile.js';
export type { SavezArrays } from './npz/savez.js';
export { MemmapArray, type MmapMode, type OpenMemmapOptions, type OpenMode } from './memmap/memmap.js';
export type { IndexSpec, SliceSpec } from './memmap/slicing.js';
export { copyOnWrite, type RangeSource } from './memmap/range-source.js';
export { blobSource } from './memmap/blob-source.js';
export { httpSource, type HttpSourceOptions } from './memmap/http-source.js';
export { loadRange, type RemoteLoadOptions } from './memmap/open.js';

import { loadBytes, readHeaderBytes, type BytesSource } from './api.js';
import type { MemmapArray, MmapMode } from './memmap/memmap.js';
import { loadRange, notAFile, remoteSource, type RemoteLoadOptions } from './memmap/open.js';
import type { ArrayLoadOptions, LoadOptions } from './load.js';
import type { NdArray } from './ndarray.js';
import type { NpzFile } from './npz/npzfile.js';
import type { NpyHeader } from './npy/header.js';
import type { NpyReadOptions } from './npy/read.js';

/** In a browser: bytes, a Blob (a File), or an http(s) URL (a string or a URL) read with range requests. */
export type RemoteSource = BytesSource | Blob | URL | string;

/**
 * np.load. Bytes are read in place; a Blob or a URL lazily: an .npz reads
 * its central directory now and each member on `getAsync`, an .npy with
 * `mmapMode: 'r'` (or 'c') is a MemmapArray with async reads, without it is
 * read whole. With `allowPickle`, whatever a pickle holds.
 */
export async function load(src: RemoteSource, opts: ArrayLoadOptions & RemoteLoadOptions & { mmapMode: MmapMode }): Promise<MemmapArray | NpzFile>;
export async function load(src: RemoteSource, opts?: ArrayLoadOptions & RemoteLoadOptions): Promise<NdArray | NpzFile>;
export async function load(src: RemoteSource, opts: RemoteLoadOptions): Promise<unknown>;
export async function load(src: RemoteSource, opts: RemoteLoadOptions = {}): Promise<unknown> {
  const remote = await remoteSource(src, opts);
  if (remote !== null) return loadRange(remote, opts);
  if (opts.mmapMode) throw notAFile(src);
  return loadBytes(src as BytesSource, opts);
}

export function loadSync(src: BytesSource, opts?: ArrayLoadOptions): NdArray | NpzFile;
export function loadSync(src: BytesSource, opts: LoadOptions): unknown;
export function loadSync(src: BytesSource, opts: LoadOptions = {}): unknown {
  return loadBytes(src, opts);
}

export async function readHeader(src: BytesSource, opts: NpyReadOptions = {}): Promise<NpyHeader> {
  return readHeaderBytes(src, opts);
}
export { audit, auditSource, type AuditOptions } from './audit/audit-file.js';
export type { ByteSource } from './io/source.js';
export { auditExitCode, formatAuditReport, type ExitCodeOptions, type FormatOptions } from './audit/format.js';
export type {
  AuditError, AuditFinding, AuditGlobal, AuditReport, AuditStream, AuditUse, FileKind, GlobalClass, Severity, Verdict,
} from './pickle/audit-report.js';
export { DANGEROUS, type DangerEntry } from './pickle/dangerous.js';
