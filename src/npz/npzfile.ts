/**
 * NpzFile: numpy's lazy view of an .npz archive. Opening reads only the
 * central directory; each `get` reads, checks and decodes one member with the
 * options given to `load` (allowPickle, encoding, fixImports, maxHeaderSize),
 * so a broken or object member fails only when it is asked for.
 *
 * Keys resolve as numpy's do: `files` are the member names with one trailing
 * `.npy` removed, in archive order (duplicates kept); the lookup table maps
 * first the stripped names, then every full name (which wins), so with
 * members `x.npy` and `x.npy.npy` both `x` and `x.npy` give `x.npy`.
 * Duplicate names give the last entry, as Python's zipfile does.
 *
 * Over an async source (a Blob, an HTTP server: `NpzFile.openAsync`) the
 * members are read with `getAsync`; only the end records, the central
 * directory and the one member asked for are fetched.
 */
import { ArrayTooLargeError, NpyioError } from '../errors.js';
import type { ByteSource } from '../io/source.js';
import { runPlanOnBytes } from '../io/plan.js';
import { fromByteSource, runOn, runSyncOn, type RangeSource } from '../memmap/range-source.js';
import type { LoadOptions } from '../load.js';
import { MAGIC } from '../npy/header.js';
import { npyPlan } from '../npy/read.js';
import { pyStrRepr } from '../npy/pyrepr.js';
import { centralDirectoryPlan, memberPlan, readCentralDirectory, type ZipEntry } from './zip-read.js';

/**
 * maxArchiveBytes' default: 64 GiB, more than any machine we run on holds
 * (so every archive a caller can use passes), yet a bound on what a bomb of
 * many members, each within MAX_DEFLATE_RATIO, makes a loop over it inflate.
 */
export const DEFAULT_MAX_ARCHIVE_BYTES = 64 * 2 ** 30;

export class NpzFile implements Iterable<string> {
  /** Member names with one trailing '.npy' removed, in archive order. */
  readonly files: readonly string[];
  /** The member names as stored. */
  readonly namelist: readonly string[];
  private readonly table = new Map<string, ZipEntry>();
  private source: RangeSource | null;
  /**
   * Uncompressed bytes of the members read or being read (a member that
   * reads inflates to exactly its declared size): what maxArchiveBytes
   * bounds. Charged before the read, so concurrent getAsync calls cannot
   * all pass the check; refunded when the read fails.
   */
  private produced = 0;

  /**
   * @param name how numpy's repr names the archive: the path's repr, or 'object' for bytes
   * @param owned whether closing the NpzFile closes the source (a path npyio opened)
   */
  constructor(source: ByteSource | AsyncArchive, private readonly opts: LoadOptions, private readonly name: string, private readonly owned: boolean) {
    const entries = source instanceof AsyncArchive ? source.entries : readCentralDirectory(source, opts);
    this.source = source instanceof AsyncArchive ? source.source : fromByteSource(source);
    this.namelist = entries.map((e) => e.name);
    this.files = entries.map((e) => (e.name.endsWith('.npy') ? e.name.slice(0, -4) : e.name));
    entries.forEach((e, i) => this.table.set(this.files[i]!, e));
    for (const e of entries) this.table.set(e.name, e);
  }

  get length(): number {
    return this.files.length;
  }

  /** `key in npz`: both 'x' and 'x.npy'. */
  has(key: string): boolean {
    return this.table.has(key);
  }

  /** An archive over an async source: reads the central directory (and nothing else) now. */
  static async openAsync(source: RangeSource, opts: LoadOptions, name: string, owned: boolean): Promise<NpzFile> {
    const entries = await runOn(source, centralDirectoryPlan(source.size, opts));
    return new NpzFile(new AsyncArchive(source, entries), opts, name, owned);
  }

  /** numpy's `npz[key]`: an .npy member decoded (by content, not name), any other member as raw bytes. */
  get(key: string): unknown {
    const { entry, bytes } = this.member(key);
    return this.decode(bytes, entry);
  }

  /** The member `key` names (numpy's key rules), its bytes read, inflated and CRC-checked, not decoded. */
  member(key: string): { entry: ZipEntry; bytes: Uint8Array } {
    const [source, entry] = this.lookup(key);
    return { entry, bytes: this.refundOnError(entry, () => runSyncOn(source, memberPlan(source.size, entry, undefined, this.opts), 'getAsync')) };
  }

  /** `get` over any source: the member is read asynchronously. */
  async getAsync(key: string): Promise<unknown> {
    const [source, entry] = this.lookup(key);
    const bytes = await this.refundOnError(entry, () => runOn(source, memberPlan(source.size, entry, undefined, this.opts)));
    return this.decode(bytes, entry);
  }

  private lookup(key: string): [RangeSource, ZipEntry] {
    const entry = this.table.get(key);
    if (entry === undefined) {
      throw new NpyioError(`${key} is not a file in the archive`, { pythonType: 'KeyError' });
    }
    if (this.source === null) {
      throw new NpyioError(`NpzFile ${this.name} is closed: member ${pyStrRepr(key)} cannot be read`, {
        pythonType: 'AttributeError', member: entry.name,
      });
    }
    // By the declared size, before reading: a member that is read inflates to exactly that.
    const max = this.opts.maxArchiveBytes ?? DEFAULT_MAX_ARCHIVE_BYTES;
    if (this.produced + entry.uncompressedSize > max) {
      throw new ArrayTooLargeError(
        `NpzFile ${this.name}: reading ${pyStrRepr(entry.name)} (${entry.uncompressedSize} bytes) would bring the bytes inflated ` +
          `from the archive to ${this.produced + entry.uncompressedSize}, over the limit of ${max} (option maxArchiveBytes)`,
        { pythonType: 'MemoryError', member: entry.name },
      );
    }
    this.produced += entry.uncompressedSize;
    return [this.source, entry];
  }

  /** `read()`, giving back the bytes lookup charged when it fails (sync or async). */
  private refundOnError<T>(entry: ZipEntry, read: () => T): T {
    const refund = (e: unknown): never => {
      this.produced -= entry.uncompressedSize;
      throw e;
    };
    try {
      const r = read();
      return (r instanceof Promise ? r.catch(refund) : r) as T;
    } catch (e) {
      return refund(e);
    }
  }

  private decode(bytes: Uint8Array, entry: ZipEntry): unknown {
    try {
      if (bytes.length < MAGIC.length || !MAGIC.every((b, i) => bytes[i] === b)) return bytes;
      return runPlanOnBytes((info) => npyPlan(info, this.opts), bytes);
    } catch (e) {
      if (e instanceof NpyioError && e.member === undefined) Object.assign(e, { member: entry.name });
      throw e;
    }
  }

  keys(): string[] {
    return [...this.files];
  }

  *values(): IterableIterator<unknown> {
    for (const k of this.files) yield this.get(k);
  }

  *entries(): IterableIterator<[string, unknown]> {
    for (const k of this.files) yield [k, this.get(k)];
  }

  /** Iteration gives the keys, as numpy's Mapping does. */
  [Symbol.iterator](): Iterator<string> {
    return this.files[Symbol.iterator]();
  }

  /** Closes the archive (and the file, when npyio opened it). Closing twice is fine. */
  close(): void {
    if (this.source !== null && this.owned) {
      const r = this.source.close?.();
      if (r instanceof Promise) r.catch(() => undefined);
    }
    this.source = null;
  }

  [Symbol.dispose](): void {
    this.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  /** numpy's repr: at most five keys, then '...'. */
  toString(): string {
    const shown = this.files.slice(0, 5).join(', ');
    return `NpzFile ${this.name} with keys: ${shown}${this.files.length > 5 ? '...' : ''}`;
  }
}

/** An archive whose central directory was read asynchronously: what `NpzFile.openAsync` hands the constructor. */
export class AsyncArchive {
  constructor(readonly source: RangeSource, readonly entries: readonly ZipEntry[]) {}
}
