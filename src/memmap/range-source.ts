/**
 * The one small interface every byte source of a memory-mapped array or a
 * lazily read archive implements: a size, a name, and positional reads.
 * Files add sync reads and writes (src/node/), Blobs and HTTP servers serve
 * async reads only. Offsets are numbers, exact up to 2^53 bytes.
 *
 * Browser-safe: no `node:` imports.
 */
import { NpyioArgumentError, NpyioError, SourceError } from '../errors.js';
import { runPlan, runPlanSync, type ReadPlan, type SourceInfo } from '../io/plan.js';
import type { ByteSource } from '../io/source.js';

export interface RangeSource {
  /** Total bytes. */
  readonly size: number;
  /** How messages name the source: a path's repr, a URL, a Blob. */
  readonly name: string;
  /** The largest buffer one read may return, when the runtime has a limit. */
  readonly maxBufferBytes?: number;
  /**
   * Exactly `length` bytes at `offset` (callers stay inside `size`), in a
   * fresh buffer the caller owns, or a throw.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The same, synchronously: present on sources that can (a file opened with loadSync). */
  readSync?(offset: number, length: number): Uint8Array;
  /** Fill `target` with the bytes at `offset` (sync sources may offer it: no buffer of their own, no copy). */
  readIntoSync?(offset: number, target: Uint8Array): void;
  /** Positional writes, on sources opened for writing. */
  write?(offset: number, bytes: Uint8Array): Promise<void>;
  writeSync?(offset: number, bytes: Uint8Array): void;
  /** Make written bytes durable (fsync). */
  flush?(): Promise<void>;
  flushSync?(): void;
  /** Release what the source holds. Closing twice is fine. */
  close?(): void | Promise<void>;
}

/** What the read plans of npy/ need to know about a range source. */
export function sourceInfo(src: RangeSource): SourceInfo {
  return {
    size: src.size,
    kind: 'file',
    freshBuffers: true,
    name: src.name,
    ...(src.maxBufferBytes === undefined ? {} : { maxBufferBytes: src.maxBufferBytes }),
  };
}

/** The source's sync reads, or a typed error naming `instead`, the async call to make. */
export function needSync(src: RangeSource, instead: string): (offset: number, length: number) => Uint8Array {
  const readSync = src.readSync;
  if (readSync === undefined) {
    throw new NpyioArgumentError(`${src.name} is read asynchronously: use ${instead} (or open the file with loadSync)`, {
      pythonType: 'TypeError',
    });
  }
  return (o, n) => readSync.call(src, o, n);
}

export function runSyncOn<T>(src: RangeSource, plan: ReadPlan<T>, instead: string): T {
  return runPlanSync(plan, needSync(src, instead));
}

export function runOn<T>(src: RangeSource, plan: ReadPlan<T>): Promise<T> {
  return runPlan(plan, (o, n) => src.read(o, n));
}

/**
 * A sync ByteSource (the npz reader's) as a RangeSource. Reads of bytes in
 * memory stay zero-copy views, so they are not fresh: fine for the npz
 * reader, which never writes to what it reads.
 */
export function fromByteSource(src: ByteSource): RangeSource {
  return {
    size: src.size,
    name: src.name,
    readSync: (o, n) => src.read(o, n),
    read: async (o, n) => src.read(o, n),
    close: () => src.close?.(),
  };
}

/** A short read is the source's failure, reported with where it happened. */
export function checkLength(src: { name: string }, bytes: Uint8Array, offset: number, length: number): Uint8Array {
  if (bytes.length !== length) {
    throw new SourceError(`${src.name}: expected ${length} bytes at offset ${offset}, got ${bytes.length} (did the file shrink?)`, {
      pythonType: 'EOFError', offset: offset + bytes.length,
    });
  }
  return bytes;
}

/** Pages of a copy-on-write source: written pages live in memory, whole. */
const PAGE = 4096;

/**
 * numpy's mode 'c': reads see earlier writes, the source never changes.
 * Written pages are kept whole in a Map (page index -> bytes), read from the
 * source the first time they are written.
 */
export function copyOnWrite(src: RangeSource): RangeSource {
  const pages = new Map<number, Uint8Array>();

  function overlay(bytes: Uint8Array, offset: number): Uint8Array {
    if (pages.size === 0 || bytes.length === 0) return bytes;
    const first = Math.floor(offset / PAGE);
    const last = Math.floor((offset + bytes.length - 1) / PAGE);
    // Few dirty pages against a long read: look them up rather than walk every page.
    if (last - first > pages.size) {
      for (const [p, page] of pages) if (p >= first && p <= last) patch(bytes, offset, p, page);
    } else {
      for (let p = first; p <= last; p++) {
        const page = pages.get(p);
        if (page !== undefined) patch(bytes, offset, p, page);
      }
    }
    return bytes;
  }

  function patch(bytes: Uint8Array, offset: number, p: number, page: Uint8Array): void {
    const pageStart = p * PAGE;
    const from = Math.max(offset, pageStart);
    const to = Math.min(offset + bytes.length, pageStart + page.length);
    bytes.set(page.subarray(from - pageStart, to - pageStart), from - offset);
  }

  function* writePlan(offset: number, bytes: Uint8Array): ReadPlan<void> {
    const end = offset + bytes.length;
    for (let p = Math.floor(offset / PAGE); p * PAGE < end; p++) {
      const pageStart = p * PAGE;
      let page = pages.get(p);
      if (page === undefined) {
        page = yield { offset: pageStart, length: Math.min(PAGE, src.size - pageStart) };
        pages.set(p, page);
      }
      const from = Math.max(offset, pageStart);
      const to = Math.min(end, pageStart + page.length);
      page.set(bytes.subarray(from - offset, to - offset), from - pageStart);
    }
  }

  const cow: RangeSource = {
    size: src.size,
    name: src.name,
    ...(src.maxBufferBytes === undefined ? {} : { maxBufferBytes: src.maxBufferBytes }),
    read: async (o, n) => overlay(await src.read(o, n), o),
    write: (o, b) => runPlan(writePlan(o, b), (po, pn) => src.read(po, pn)),
    flush: async () => undefined,
    flushSync: () => undefined,
    close: () => src.close?.(),
  };
  if (src.readSync !== undefined) {
    const readSync = src.readSync.bind(src);
    cow.readSync = (o, n) => overlay(readSync(o, n), o);
    cow.writeSync = (o, b) => runPlanSync(writePlan(o, b), readSync);
  }
  if (src.readIntoSync !== undefined) {
    const readIntoSync = src.readIntoSync.bind(src);
    cow.readIntoSync = (o, target) => {
      readIntoSync(o, target);
      overlay(target, o);
    };
  }
  return cow;
}

/** numpy's words when a write reaches a read-only map. */
export function readOnlyError(): NpyioError {
  return new NpyioError('assignment destination is read-only', { pythonType: 'ValueError' });
}
