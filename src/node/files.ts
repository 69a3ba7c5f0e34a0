/**
 * Node-only file access: sources by path or file: URL read with positional
 * reads into fresh buffers (so data starts at offset 0 and is always aligned),
 * and writes that go to a temporary name in the same folder and are renamed
 * into place, so a failure never leaves a half-written file under the final name.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { open, rename, stat, unlink, chmod, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { constants as bufferConstants } from 'node:buffer';
import { NpyioArgumentError } from '../errors.js';
import { runPlan, runPlanSync, type ReadPlan, type SourceInfo } from '../io/plan.js';
import { pyStrRepr } from '../npy/pyrepr.js';

export type PathLike = string | URL;

export function toPath(p: PathLike): string {
  if (p instanceof URL) {
    if (p.protocol !== 'file:') throw new NpyioArgumentError(`only file: URLs are read from disk, not ${p.protocol}`);
    return fileURLToPath(p);
  }
  if (p.startsWith('file://')) return fileURLToPath(p);
  return p;
}

/** V8's largest typed array: an array beyond it cannot be one buffer. */
export const MAX_BUFFER_BYTES = bufferConstants.MAX_LENGTH;

/** readSync reads at most 2 GiB - 1 at a time. */
const CHUNK = 1 << 30;

function alloc(length: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(length));
}

/** `length` bytes at `offset` into a fresh buffer (fewer at the end of the file). */
export function readAtSync(fd: number, offset: number, length: number): Uint8Array {
  const buf = alloc(length);
  const done = readIntoSync(fd, offset, buf);
  return done === length ? buf : buf.subarray(0, done);
}

/** Fills `target` from `offset` on; returns the bytes read (fewer at the end of the file). */
export function readIntoSync(fd: number, offset: number, target: Uint8Array): number {
  let done = 0;
  while (done < target.length) {
    const n = readSync(fd, target, done, Math.min(CHUNK, target.length - done), offset + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** The same through an async file handle. */
export async function readAt(fh: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const buf = alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, Math.min(CHUNK, length - done), offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** Every byte of `bytes` at `offset` (writeSync writes at most 2 GiB - 1 at a time). */
export function writeAtSync(fd: number, offset: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, Math.min(CHUNK, bytes.length - done), offset + done);
}

export async function writeAt(fh: FileHandle, offset: number, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    done += (await fh.write(bytes, done, Math.min(CHUNK, bytes.length - done), offset + done)).bytesWritten;
  }
}

export function runOnFileSync<T>(path: PathLike, make: (info: SourceInfo) => ReadPlan<T>): T {
  const fd = openSync(toPath(path), 'r');
  try {
    const size = fstatSync(fd).size;
    return runPlanSync(make({ size, kind: 'file', freshBuffers: true, maxBufferBytes: MAX_BUFFER_BYTES, name: pyStrRepr(String(path)) }), (offset, length) => readAtSync(fd, offset, length));
  } finally {
    closeSync(fd);
  }
}

export async function runOnFile<T>(path: PathLike, make: (info: SourceInfo) => ReadPlan<T>): Promise<T> {
  const fh = await open(toPath(path), 'r');
  try {
    const size = (await fh.stat()).size;
    return await runPlan(
      make({ size, kind: 'file', freshBuffers: true, maxBufferBytes: MAX_BUFFER_BYTES, name: pyStrRepr(String(path)) }),
      (offset, length) => readAt(fh, offset, length),
    );
  } finally {
    await fh.close();
  }
}

// The npz reader's file source lives with the other range sources.
export { fileSource } from './range-files.js';

function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

function existingMode(target: string): number | null {
  try {
    return statSync(target).mode & 0o7777;
  } catch {
    return null;
  }
}

/**
 * Write `parts` to `target` through a temporary file and a rename. With
 * `sizeTo`, the file is then extended (with zeros, sparse where the file
 * system allows) to that many bytes: how openMemmap makes a new array.
 */
export function writeFileAtomicSync(target: string, parts: readonly Uint8Array[], sizeTo?: number): void {
  const tmp = tempNameFor(target);
  const fd = openSync(tmp, 'wx', 0o666);
  try {
    let at = 0;
    for (const part of parts) {
      writeAtSync(fd, at, part);
      at += part.length;
    }
    if (sizeTo !== undefined && sizeTo > at) ftruncateSync(fd, sizeTo);
    fsyncSync(fd);
    closeSync(fd);
    const mode = existingMode(target);
    if (mode !== null) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(tmp); } catch { /* never created or already gone */ }
    throw e;
  }
}

export async function writeFileAtomic(target: string, parts: readonly Uint8Array[], sizeTo?: number): Promise<void> {
  const tmp = tempNameFor(target);
  const fh = await open(tmp, 'wx', 0o666);
  let closed = false;
  try {
    let at = 0;
    for (const part of parts) {
      await writeAt(fh, at, part);
      at += part.length;
    }
    if (sizeTo !== undefined && sizeTo > at) await fh.truncate(sizeTo);
    await fh.sync();
    await fh.close();
    closed = true;
    const mode = await stat(target).then((s) => s.mode & 0o7777, () => null);
    if (mode !== null) await chmod(tmp, mode);
    await rename(tmp, target);
  } catch (e) {
    if (!closed) await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
