/**
 * npyio for Node.js: the byte-level API plus paths and file: URLs as
 * sources and destinations. Files are read with positional reads (only the
 * header for readHeader) and written atomically.
 */
export * from '../index.js';

import iconv from 'iconv-lite';
import * as zlib from 'node:zlib';
import { nodeZlibDeflater, setDeflater } from '../npz/deflate.js';
import { nodeZlibInflater, setInflater } from '../npz/inflate.js';
import { registerCodecs } from '../pickle/text.js';
import { setAuditCrc32 } from '../audit/zip-walk.js';

// node:zlib for deflate and inflate in Node (fflate stays the browser's). Neither
// reproduces numpy's compressed bytes exactly: CPython's zlib and Node's
// (Chromium's fork) find different matches; the archives read back the same.
setDeflater(nodeZlibDeflater(zlib));
setInflater(nodeZlibInflater(zlib));
// node:zlib's crc32 (Node >= 20.15) for the audit's member checks.
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
if (typeof zlibCrc32 === 'function') setAuditCrc32(zlibCrc32);

// Python 2 str codecs the runtime's TextDecoder lacks (cp437, mac_roman, ...).
registerCodecs((bytes, encoding) => {
  const name = encoding.replace(/_/g, '-');
  return iconv.encodingExists(name) ? iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name) : undefined;
});

import { asBytes, loadBytes, type BytesSource, type SaveOptions } from '../api.js';
import type { NpzFile } from '../npz/npzfile.js';
import { savezParts, type SavezArrays } from '../npz/savez.js';
import { runPlanOnBytes, type ReadPlan, type SourceInfo } from '../io/plan.js';
import { loadPlan, openIfNpz, type ArrayLoadOptions, type LoadOptions } from '../load.js';
import type { NdArray } from '../ndarray.js';
import type { NpyHeader } from '../npy/header.js';
import { headerPlan, type NpyReadOptions } from '../npy/read.js';
import { npyParts } from '../npy/write.js';
import { fileSource, runOnFile, runOnFileSync, toPath, writeFileAtomic, writeFileAtomicSync, type PathLike } from './files.js';

export type Source = PathLike | BytesSource;

function isPath(src: Source): src is PathLike {
  return typeof src === 'string' || src instanceof URL;
}

function runSync<T>(src: Source, make: (info: SourceInfo) => ReadPlan<T>): T {
  return isPath(src) ? runOnFileSync(src, make) : runPlanOnBytes(make, asBytes(src));
}

async function run<T>(src: Source, make: (info: SourceInfo) => ReadPlan<T>): Promise<T> {
  return isPath(src) ? runOnFile(src, make) : runPlanOnBytes(make, asBytes(src));
}

/** An NpzFile over the file when it is a zip (it keeps the file open until closed), else null. */
function openNpzAt(path: PathLike, opts: LoadOptions): NpzFile | null {
  const source = fileSource(path);
  try {
    const npz = openIfNpz(source, opts, source.name, true);
    if (npz === null) source.close?.();
    return npz;
  } catch (e) {
    source.close?.();
    throw e;
  }
}

/**
 * np.load: a path, a file: URL or bytes. An .npy gives an NdArray, an .npz a
 * lazy NpzFile (close it, or use `using`); with `allowPickle`, whatever a pickle holds.
 */
export function load(src: Source, opts?: ArrayLoadOptions): Promise<NdArray | NpzFile>;
export function load(src: Source, opts: LoadOptions): Promise<unknown>;
export async function load(src: Source, opts: LoadOptions = {}): Promise<unknown> {
  if (!isPath(src)) return loadBytes(src, opts);
  return openNpzAt(src, opts) ?? run(src, (info) => loadPlan(info, opts));
}

export function loadSync(src: Source, opts?: ArrayLoadOptions): NdArray | NpzFile;
export function loadSync(src: Source, opts: LoadOptions): unknown;
export function loadSync(src: Source, opts: LoadOptions = {}): unknown {
  if (!isPath(src)) return loadBytes(src, opts);
  return openNpzAt(src, opts) ?? runSync(src, (info) => loadPlan(info, opts));
}

/** numpy appends '.npz' to a path that does not already end in it. */
function npzTarget(dst: PathLike): string {
  const p = toPath(dst);
  return p.endsWith('.npz') ? p : `${p}.npz`;
}

/** np.savez: positional arrays (arr_0, arr_1...) or named ones, stored; written atomically. Returns the path. */
export async function savez(dst: PathLike, arrays: SavezArrays, opts: SaveOptions = {}): Promise<string> {
  const target = npzTarget(dst);
  await writeFileAtomic(target, savezParts(arrays, false, opts));
  return target;
}

export function savezSync(dst: PathLike, arrays: SavezArrays, opts: SaveOptions = {}): string {
  const target = npzTarget(dst);
  writeFileAtomicSync(target, savezParts(arrays, false, opts));
  return target;
}

/** np.savez_compressed: the same with deflate (node:zlib here, so the bytes match numpy's). */
export async function savezCompressed(dst: PathLike, arrays: SavezArrays, opts: SaveOptions = {}): Promise<string> {
  const target = npzTarget(dst);
  await writeFileAtomic(target, savezParts(arrays, true, opts));
  return target;
}

export function savezCompressedSync(dst: PathLike, arrays: SavezArrays, opts: SaveOptions = {}): string {
  const target = npzTarget(dst);
  writeFileAtomicSync(target, savezParts(arrays, true, opts));
  return target;
}

/** Version, dtype, shape, order, header length and data offset; the data is not read. */
export function readHeader(src: Source, opts: NpyReadOptions = {}): Promise<NpyHeader> {
  return run(src, (info) => headerPlan(info, opts));
}

export function readHeaderSync(src: Source, opts: NpyReadOptions = {}): NpyHeader {
  return runSync(src, (info) => headerPlan(info, opts));
}

/** numpy appends '.npy' to a path that does not already end in it (case-sensitive). */
function npyTarget(dst: PathLike): string {
  const p = toPath(dst);
  return p.endsWith('.npy') ? p : `${p}.npy`;
}

/** np.save to a path: written to a temporary name, then renamed into place. Returns the path written. */
export async function save(dst: PathLike, array: NdArray, opts: SaveOptions = {}): Promise<string> {
  const target = npyTarget(dst);
  await writeFileAtomic(target, npyParts(array, opts));
  return target;
}

export function saveSync(dst: PathLike, array: NdArray, opts: SaveOptions = {}): string {
  const target = npyTarget(dst);
  writeFileAtomicSync(target, npyParts(array, opts));
  return target;
}

export { audit, auditPath } from './audit.js';
