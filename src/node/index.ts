/**
 * npyio for Node.js: the byte-level API plus paths and file: URLs as
 * sources and destinations. Files are read with positional reads (only the
 * header for readHeader) and written atomically.
 */
export * from '../index.js';
export { fileRangeSource, fileRangeSourceSync } from './range-files.js';

import iconv from 'iconv-lite';
import * as zlib from 'node:zlib';
import { nodeZlibDeflater, setDeflater } from '../npz/deflate.js';
import { nodeZlibInflater, setInflater } from '../npz/inflate.js';
import { registerCodecs } from '../pickle/text.js';
import { setCrc32 } from '../npz/crc32.js';

// node:zlib for deflate and inflate in Node (fflate stays the browser's). Neither
// reproduces numpy's compressed bytes exactly: CPython's zlib and Node's
// (Chromium's fork) find different matches; the archives read back the same.
setDeflater(nodeZlibDeflater(zlib));
setInflater(nodeZlibInflater(zlib));
// node:zlib's crc32 (Node >= 20.15) for every zip member: read, written and audited.
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
// Empty input keeps `previous` by hand: Node 20's zlib.crc32 returns 0 for a
// view on a zero-length ArrayBuffer (an empty array's data), whatever `previous` is.
if (typeof zlibCrc32 === 'function') setCrc32((bytes, previous = 0) => (bytes.length === 0 ? previous : zlibCrc32(bytes, previous)));

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
import { fileRangeSource, fileRangeSourceSync } from './range-files.js';
import { MemmapArray, newMemmapHeader, writesFile, type MmapMode, type OpenMemmapOptions } from '../memmap/memmap.js';
import { loadRange, notAFile, remoteSource, startsAsNpy, type RemoteLoadOptions } from '../memmap/open.js';
import { isHttpUrl } from '../memmap/http-source.js';
import type { RangeSource } from '../memmap/range-source.js';
import { sniff } from '../load.js';
import { MAGIC } from '../npy/header.js';

/** A path, a file: URL or bytes; for `load` also a Blob or an http(s) URL object. */
export type Source = PathLike | BytesSource | Blob;
/** What is read in place: a path, a file: URL or bytes. */
export type LocalSource = PathLike | BytesSource;

function isPath(src: Source): src is PathLike {
  return typeof src === 'string' || (src instanceof URL && !isHttpUrl(src));
}

/** numpy's open_memmap on an existing file: a MemmapArray when it is an .npy, else null (the mode is ignored). */
function mapFileSync(path: PathLike, mode: MmapMode, opts: LoadOptions): MemmapArray | null {
  const source = fileRangeSourceSync(path, writesFile(mode));
  return keepIf(source, () => {
    if (sniff(source.readSync!(0, Math.min(MAGIC.length, source.size))) !== 'npy') return null;
    return MemmapArray.openSync(source, mode, opts);
  });
}

async function mapFile(path: PathLike, mode: MmapMode, opts: LoadOptions): Promise<MemmapArray | null> {
  const source = await fileRangeSource(path, writesFile(mode));
  try {
    if (await startsAsNpy(source)) return await MemmapArray.open(source, mode, opts);
  } catch (e) {
    await source.close?.();
    throw e;
  }
  await source.close?.();
  return null;
}

/** `make()`'s result, closing `source` when that is null or a throw. */
function keepIf<T>(source: RangeSource, make: () => T | null): T | null {
  let result: T | null = null;
  try {
    result = make();
    return result;
  } finally {
    if (result === null) void source.close?.();
  }
}

function runSync<T>(src: LocalSource, make: (info: SourceInfo) => ReadPlan<T>): T {
  return isPath(src) ? runOnFileSync(src, make) : runPlanOnBytes(make, asBytes(src));
}

async function run<T>(src: LocalSource, make: (info: SourceInfo) => ReadPlan<T>): Promise<T> {
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

export type MemmapLoadOptions = ArrayLoadOptions & RemoteLoadOptions & { mmapMode: MmapMode };

/**
 * np.load: a path, a file: URL, bytes, a Blob or an http(s) URL object. An
 * .npy gives an NdArray (with `mmapMode`, a MemmapArray with async reads),
 * an .npz a lazy NpzFile (close it, or use `using`); with `allowPickle`,
 * whatever a pickle holds.
 */
export function load(src: Source, opts: MemmapLoadOptions): Promise<MemmapArray | NpzFile>;
export function load(src: Source, opts?: ArrayLoadOptions & RemoteLoadOptions): Promise<NdArray | NpzFile>;
export function load(src: Source, opts: RemoteLoadOptions): Promise<unknown>;
export async function load(src: Source, opts: RemoteLoadOptions = {}): Promise<unknown> {
  if (!isPath(src)) {
    const remote = typeof src === 'string' ? null : await remoteSource(src, opts);
    if (remote !== null) return loadRange(remote, opts);
    if (opts.mmapMode) throw notAFile(src);
    return loadBytes(src as BytesSource, opts);
  }
  if (opts.mmapMode) {
    const mapped = await mapFile(src, opts.mmapMode, opts);
    if (mapped !== null) return mapped;
  }
  return openNpzAt(src, opts) ?? run(src, (info) => loadPlan(info, opts));
}

/** As `load`, synchronously, for paths and bytes; with `mmapMode` a MemmapArray with sync reads. */
export function loadSync(src: Source, opts: MemmapLoadOptions): MemmapArray | NpzFile;
export function loadSync(src: Source, opts?: ArrayLoadOptions & RemoteLoadOptions): NdArray | NpzFile;
export function loadSync(src: Source, opts: RemoteLoadOptions): unknown;
export function loadSync(src: Source, opts: RemoteLoadOptions = {}): unknown {
  if (!isPath(src)) {
    if (opts.mmapMode) throw notAFile(src);
    return loadBytes(src as BytesSource, opts);
  }
  if (opts.mmapMode) {
    const mapped = mapFileSync(src, opts.mmapMode, opts);
    if (mapped !== null) return mapped;
  }
  return openNpzAt(src, opts) ?? runSync(src, (info) => loadPlan(info, opts));
}

/**
 * numpy's open_memmap(path, mode='w+', dtype, shape, fortran_order): a new
 * .npy of zeros with numpy's header, made under a temporary name and renamed
 * into place, opened 'r+'.
 */
export function openMemmapSync(path: PathLike, opts: OpenMemmapOptions): MemmapArray {
  const { bytes, header } = newMemmapHeader(opts);
  const target = toPath(path);
  writeFileAtomicSync(target, [bytes], header.dataOffset + header.dataLength);
  return new MemmapArray(fileRangeSourceSync(target, true), header, 'r+', opts);
}

export async function openMemmap(path: PathLike, opts: OpenMemmapOptions): Promise<MemmapArray> {
  const { bytes, header } = newMemmapHeader(opts);
  const target = toPath(path);
  await writeFileAtomic(target, [bytes], header.dataOffset + header.dataLength);
  return new MemmapArray(await fileRangeSource(target, true), header, 'r+', opts);
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
export function readHeader(src: LocalSource, opts: NpyReadOptions = {}): Promise<NpyHeader> {
  return run(src, (info) => headerPlan(info, opts));
}

export function readHeaderSync(src: LocalSource, opts: NpyReadOptions = {}): NpyHeader {
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
