/**
 * Files as RangeSources for memory-mapped arrays: positional reads and
 * writes on a descriptor (sync, what loadSync opens) or a FileHandle (async,
 * what load opens). Nothing is mapped into memory: each read is a fresh
 * buffer of the bytes asked for, so a file of any size works within the
 * runtime's buffer limit per read.
 */
import { closeSync, fstatSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ByteSource } from '../io/source.js';
import { checkLength, type RangeSource } from '../memmap/range-source.js';
import { pyStrRepr } from '../npy/pyrepr.js';
import { MAX_BUFFER_BYTES, readAt, readAtSync, readIntoSync, toPath, writeAt, writeAtSync, type PathLike } from './files.js';

function describe(path: PathLike, size: number): Pick<RangeSource, 'size' | 'name' | 'maxBufferBytes'> {
  return { size, name: pyStrRepr(String(path)), maxBufferBytes: MAX_BUFFER_BYTES };
}

/** A file as the npz reader's ByteSource: positional reads on an open descriptor (an NpzFile reads only what it is asked for). */
export function fileSource(path: PathLike): ByteSource {
  const src = fileRangeSourceSync(path, false);
  return { size: src.size, name: src.name, read: src.readSync!, readInto: src.readIntoSync!, close: () => void src.close?.() };
}

/** A file through a sync descriptor: sync and async reads (and writes when `writable`). */
export function fileRangeSourceSync(path: PathLike, writable: boolean): RangeSource {
  const fd = openSync(toPath(path), writable ? 'r+' : 'r');
  let stats;
  try {
    stats = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  let isOpen = true;
  const src: RangeSource = {
    ...describe(path, stats.size),
    readSync: (offset, length) => checkLength(src, readAtSync(fd, offset, length), offset, length),
    readIntoSync: (offset, target) => {
      const done = readIntoSync(fd, offset, target);
      if (done !== target.length) checkLength(src, target.subarray(0, done), offset, target.length);
    },
    read: async (offset, length) => src.readSync!(offset, length),
    close: () => {
      if (isOpen) closeSync(fd);
      isOpen = false;
    },
  };
  if (writable) {
    src.writeSync = (offset, bytes) => writeAtSync(fd, offset, bytes);
    src.write = async (offset, bytes) => writeAtSync(fd, offset, bytes);
    src.flushSync = () => fsyncSync(fd);
    src.flush = async () => fsyncSync(fd);
  }
  return src;
}

/** A file through an async FileHandle: async reads (and writes when `writable`) only. */
export async function fileRangeSource(path: PathLike, writable: boolean): Promise<RangeSource> {
  const fh = await open(toPath(path), writable ? 'r+' : 'r');
  const stats = await fh.stat().catch(async (e: unknown) => {
    await fh.close();
    throw e;
  });
  let isOpen = true;
  const src: RangeSource = {
    ...describe(path, stats.size),
    read: async (offset, length) => checkLength(src, await readAt(fh, offset, length), offset, length),
    close: async () => {
      if (isOpen) await fh.close();
      isOpen = false;
    },
  };
  if (writable) {
    src.write = (offset, bytes) => writeAt(fh, offset, bytes);
    src.flush = () => fh.sync();
  }
  return src;
}
