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
export {
  isFrozenSet, makeFrozenSet, NumpyScalar, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyObject, PyRange, PySlice,
  PyTime, PyTimedelta, PyTimezone,
} from './pickle/values.js';
export { array, asBytes, loadBytes, readHeaderBytes, saveBytes, savezBytes, type ArrayOptions, type BytesSource, type SaveOptions } from './api.js';
export { NpzFile } from './npz/npzfile.js';
export type { SavezArrays } from './npz/savez.js';

import { loadBytes, readHeaderBytes, type BytesSource } from './api.js';
import type { ArrayLoadOptions, LoadOptions } from './load.js';
import type { NdArray } from './ndarray.js';
import type { NpzFile } from './npz/npzfile.js';
import type { NpyHeader } from './npy/header.js';
import type { NpyReadOptions } from './npy/read.js';

/** np.load: in a browser the source is bytes. With `allowPickle`, whatever a pickle holds. */
export async function load(src: BytesSource, opts?: ArrayLoadOptions): Promise<NdArray | NpzFile>;
export async function load(src: BytesSource, opts: LoadOptions): Promise<unknown>;
export async function load(src: BytesSource, opts: LoadOptions = {}): Promise<unknown> {
  return loadBytes(src, opts);
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
