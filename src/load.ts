/**
 * What `np.load` does first: look at the first six bytes and choose.
 * A zip (`PK\x03\x04`, or `PK\x05\x06` for an empty one) is an .npz, the exact
 * `\x93NUMPY` magic is an .npy, and anything else is a pickle, refused unless
 * `allowPickle`. So a broken npy magic is reported as a pickle, as numpy does.
 */
import { NpyFormatError, NpyioArgumentError, NpyioError, PickleDisallowedError } from './errors.js';
import type { NdArray } from './ndarray.js';
import type { ReadPlan, SourceInfo } from './io/plan.js';
import { MAGIC } from './npy/header.js';
import { npyPlan, type NpyReadOptions } from './npy/read.js';
import { unpickleFile } from './pickle/numpy-load.js';
import type { ByteSource } from './io/source.js';
import { NpzFile } from './npz/npzfile.js';
import type { ZipLimits } from './npz/zip-read.js';

export interface LoadOptions extends NpyReadOptions, ZipLimits {
  /**
   * The inflated bytes one NpzFile may produce over its life, all `get`s
   * added up (default DEFAULT_MAX_ARCHIVE_BYTES, 64 GiB): the net under a
   * caller iterating an archive of many small members each inflating 1032x.
   */
  maxArchiveBytes?: number;
  /** How Python 2 `str` objects in pickles decode: numpy's 'ASCII' (default), 'latin1' or 'bytes'. */
  encoding?: 'ASCII' | 'latin1' | 'bytes';
  /** Map Python 2 module names to Python 3 ones in pickles (numpy's default: true). */
  fixImports?: boolean;
}

/** Options under which `load` gives an array or an archive, never a pickled value. */
export type ArrayLoadOptions = LoadOptions & { allowPickle?: false };

const ENCODINGS = ['ASCII', 'latin1', 'bytes'];

export function checkLoadOptions(opts: LoadOptions): void {
  if (opts.encoding !== undefined && !ENCODINGS.includes(opts.encoding)) {
    throw new NpyioArgumentError("encoding must be 'ASCII', 'latin1', or 'bytes'", { pythonType: 'ValueError' });
  }
  for (const key of ['maxZipEntries', 'maxMemberBytes', 'maxArchiveBytes'] as const) {
    const v = opts[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0)) {
      throw new NpyioArgumentError(`${key} must be a number >= 0, not ${String(v)}`, { pythonType: 'ValueError' });
    }
  }
}

export type SourceKind = 'npy' | 'npz' | 'pickle';

export function sniff(head: Uint8Array): SourceKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) {
    return 'npz';
  }
  if (head.length === MAGIC.length && MAGIC.every((b, i) => head[i] === b)) return 'npy';
  return 'pickle';
}

export function* loadPlan(info: SourceInfo, opts: LoadOptions = {}): ReadPlan<NdArray | unknown> {
  checkLoadOptions(opts);
  const head = yield { offset: 0, length: Math.min(MAGIC.length, info.size) };
  if (head.length === 0) throw new NpyFormatError('No data left in file', { pythonType: 'EOFError', offset: 0 });
  switch (sniff(head)) {
    case 'npy':
      return yield* npyPlan(info, opts);
    case 'npz':
      // Archives are read lazily, not through a plan: callers open them with openIfNpz first.
      throw new NpyioError('an .npz archive needs a random-access source (openIfNpz)', { pythonType: 'NotImplementedError', offset: 0 });
    case 'pickle':
      if (!opts.allowPickle) {
        throw new PickleDisallowedError(
          'This file contains pickled (object) data. If you trust the file you can load it unsafely using the ' +
            '`allow_pickle=` keyword argument or `pickle.load()`.',
          { offset: 0 },
        );
      }
      return unpickleFile(yield { offset: 0, length: info.size }, opts, info.name ?? '<bytes>');
  }
}

/**
 * The npz branch of np.load: an NpzFile when the source starts like a zip,
 * else null (the caller runs loadPlan). `name` is what the NpzFile's repr
 * shows; `owned` makes closing the NpzFile close the source.
 */
export function openIfNpz(src: ByteSource, opts: LoadOptions, name: string, owned: boolean): NpzFile | null {
  checkLoadOptions(opts);
  const head = src.read(0, Math.min(MAGIC.length, src.size));
  return sniff(head) === 'npz' ? new NpzFile(src, opts, name, owned) : null;
}
