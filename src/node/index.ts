/**
 * npyio for Node.js: the byte-level API plus paths and file: URLs as
 * sources and destinations. Files are read with positional reads (only the
 * header for readHeader) and written atomically.
 */
export * from '../index.js';

import iconv from 'iconv-lite';
import { registerCodecs } from '../pickle/text.js';

// Python 2 str codecs the runtime's TextDecoder lacks (cp437, mac_roman, ...).
registerCodecs((bytes, encoding) => {
  const name = encoding.replace(/_/g, '-');
  return iconv.encodingExists(name) ? iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name) : undefined;
});

import { asBytes, type BytesSource, type SaveOptions } from '../api.js';
import { runPlanOnBytes, type ReadPlan, type SourceInfo } from '../io/plan.js';
import { loadPlan, type ArrayLoadOptions, type LoadOptions } from '../load.js';
import type { NdArray } from '../ndarray.js';
import type { NpyHeader } from '../npy/header.js';
import { headerPlan, type NpyReadOptions } from '../npy/read.js';
import { npyParts } from '../npy/write.js';
import { runOnFile, runOnFileSync, toPath, writeFileAtomic, writeFileAtomicSync, type PathLike } from './files.js';

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

/** np.load: a path, a file: URL or bytes. With `allowPickle`, whatever a pickle holds. */
export function load(src: Source, opts?: ArrayLoadOptions): Promise<NdArray>;
export function load(src: Source, opts: LoadOptions): Promise<unknown>;
export function load(src: Source, opts: LoadOptions = {}): Promise<unknown> {
  return run(src, (info) => loadPlan(info, opts));
}

export function loadSync(src: Source, opts?: ArrayLoadOptions): NdArray;
export function loadSync(src: Source, opts: LoadOptions): unknown;
export function loadSync(src: Source, opts: LoadOptions = {}): unknown {
  return runSync(src, (info) => loadPlan(info, opts));
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
