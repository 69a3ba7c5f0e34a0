/**
 * np.load over a RangeSource (a Blob, an HTTP server, a file handle): sniff
 * the first bytes as np.load does, then an .npz opens lazily (central
 * directory only), an .npy with `mmapMode` becomes a MemmapArray, and
 * anything else is read whole through the same plans as a path.
 *
 * Browser-safe.
 */
import { NpyioArgumentError } from '../errors.js';
import { checkLoadOptions, loadPlan, sniff, type LoadOptions } from '../load.js';
import { MAGIC } from '../npy/header.js';
import { NpzFile } from '../npz/npzfile.js';
import { blobSource, isBlob } from './blob-source.js';
import { httpSource, isHttpUrl, type HttpSourceOptions } from './http-source.js';
import { MemmapArray, type MmapMode } from './memmap.js';
import { runOn, sourceInfo, type RangeSource } from './range-source.js';

export interface RemoteLoadOptions extends LoadOptions, HttpSourceOptions {
  /** numpy's mmap_mode: for an .npy, a MemmapArray that reads only what is indexed. Ignored for .npz. */
  mmapMode?: MmapMode | null;
}

/** A Blob, or an http(s) URL, as a RangeSource (null for anything else). */
export async function remoteSource(src: unknown, opts: HttpSourceOptions = {}): Promise<RangeSource | null> {
  if (isBlob(src)) return blobSource(src);
  if (isHttpUrl(src)) return httpSource(src, opts);
  return null;
}

/** The .npy magic at the start of `source`? */
export async function startsAsNpy(source: RangeSource): Promise<boolean> {
  return sniff(await source.read(0, Math.min(MAGIC.length, source.size))) === 'npy';
}

/**
 * np.load on a RangeSource the caller gives away: closed when the result is
 * not holding it (an NpzFile or a MemmapArray closes it when closed).
 */
export async function loadRange(source: RangeSource, opts: RemoteLoadOptions = {}): Promise<unknown> {
  let keep = false;
  try {
    checkLoadOptions(opts);
    const head = await source.read(0, Math.min(MAGIC.length, source.size));
    const kind = sniff(head);
    if (kind === 'npz') {
      const npz = await NpzFile.openAsync(source, opts, source.name, true);
      keep = true;
      return npz;
    }
    if (kind === 'npy' && opts.mmapMode) {
      const m = await MemmapArray.open(source, opts.mmapMode, opts);
      keep = true;
      return m;
    }
    return await runOn(source, loadPlan(sourceInfo(source), opts));
  } finally {
    if (!keep) await source.close?.();
  }
}

/** numpy's refusal to map bytes in memory (they are no file). */
export function notAFile(src: unknown): NpyioArgumentError {
  const what = src === null ? 'null' : typeof src === 'object' ? (src.constructor?.name ?? 'object') : typeof src;
  return new NpyioArgumentError(
    `expected str, bytes or os.PathLike object, not ${what} (mmapMode maps files: give a path, a Blob or an http(s) URL)`,
    { pythonType: 'TypeError' },
  );
}
