/**
 * Raw inflate (RFC 1951, no zlib or gzip wrapper) for ZIP_DEFLATED members.
 *
 * An `Inflater` gets a member's compressed bytes and the size the central
 * directory declares, and returns exactly that many bytes or throws. It must
 * never produce (or hold) more than the declared size: that is the zip-bomb
 * guard, the declared size having been checked against the source before
 * anything is allocated (see `MAX_DEFLATE_RATIO`).
 *
 * Errors are `NpyioError`s; the zip reader rewraps them with the member's
 * name and offset:
 * - pythonType 'zlib.error', message `Error -3 while decompressing data:
 *   ...`, for corrupt data (CPython's zlib words; fflate's reasons are mapped
 *   to the nearest zlib reason);
 * - pythonType 'BadZipFile', message `inflates past its declared size of N
 *   bytes` / `inflates to less than its declared size of N bytes`. (CPython
 *   itself cuts the output at the declared size, or stops at the end of the
 *   data, and then fails the CRC check; npyio refuses a size mismatch even
 *   when the CRC happens to match.)
 *
 * The default is fflate's, which works everywhere. The Node entry installs
 * node:zlib's (faster) with `setInflater(nodeZlibInflater(zlib))`; this file
 * imports no `node:` module.
 */
import { Inflate, inflateSync } from 'fflate';
import { ArrayTooLargeError, NpyioError } from '../errors.js';

/** Raw-deflate `compressed` into exactly `expectedSize` bytes, or throw. */
export type Inflater = (compressed: Uint8Array, expectedSize: number) => Uint8Array;

/**
 * The most a deflate stream can expand: a length-258 match coded in 2 bits
 * (1-bit literal/length code, 1-bit distance code, no extra bits) is 129
 * bytes per bit, 1032 per byte. A member declaring more than
 * `MAX_DEFLATE_RATIO * compressedSize` bytes cannot be genuine, so nothing is
 * allocated for it.
 */
export const MAX_DEFLATE_RATIO = 1032;

export function inflatesPast(expectedSize: number): NpyioError {
  return new NpyioError(`inflates past its declared size of ${expectedSize} bytes`, { pythonType: 'BadZipFile' });
}

export function inflatesShort(expectedSize: number): NpyioError {
  return new NpyioError(`inflates to less than its declared size of ${expectedSize} bytes`, { pythonType: 'BadZipFile' });
}

function zlibError(errno: number, reason: string, cause?: unknown): NpyioError {
  return new NpyioError(`Error ${errno} while decompressing data: ${reason}`, { pythonType: 'zlib.error', cause });
}

function allocate(n: number): Uint8Array {
  try {
    return new Uint8Array(n);
  } catch (e) {
    throw new ArrayTooLargeError(`cannot allocate ${n} bytes to inflate a member into`, { pythonType: 'MemoryError', cause: e });
  }
}

/** fflate's error codes (its `ec` table) as zlib words them. */
const FFLATE_REASONS: Record<number, string> = {
  1: 'invalid block type',
  2: 'invalid literal/length code',
  3: 'invalid distance too far back',
};

function fromFflate(e: unknown, expectedSize: number): NpyioError {
  if (e instanceof NpyioError) return e;
  // fflate grows its buffers while streaming: only an allocation throws RangeError there.
  if (e instanceof RangeError) {
    return new ArrayTooLargeError(`cannot allocate memory to inflate a member of ${expectedSize} bytes`, { pythonType: 'MemoryError', cause: e });
  }
  const code = (e as { code?: unknown } | null)?.code;
  // 0: the data ended inside the stream. zlib's decompressobj just returns
  // less for that (CPython then reports the CRC); here it is a short member.
  if (code === 0) return inflatesShort(expectedSize);
  if (typeof code === 'number' && FFLATE_REASONS[code] !== undefined) return zlibError(-3, FFLATE_REASONS[code]!, e);
  return zlibError(-3, `invalid data (${e instanceof Error ? e.message : String(e)})`, e);
}

/**
 * How much output past the declared size a one-shot inflate may decode (and
 * drop) before its stream ends. fflate's one-shot `inflateSync` into a
 * caller's buffer never writes past the buffer, but it runs the stream to its
 * end, writing out of bounds as no-ops (slowly: ~16 s for a 1 MB stream that
 * expands 1000x). When a stream could run further past the declared size
 * than this, it is inflated in chunks instead, stopping at the first byte
 * past the size.
 */
const OVERRUN_BUDGET = 1 << 20;
/** Compressed bytes per push when inflating in chunks, at most (fewer bytes per push cost time). */
const CHUNK = 1 << 20;
/**
 * The room fflate's streaming inflate wants free in its output buffer before
 * each block and each match (its `cbuf(bt + 131072)`), plus the longest match
 * and what the few bytes of an unfinished symbol it holds back can add: with
 * that much past the most a push may write, it never grows the buffer.
 */
const FFLATE_HEADROOM = 131072 + 258 + (1 << 15);

function inflateOneShot(compressed: Uint8Array, expectedSize: number): Uint8Array {
  // One spare byte: fflate cuts its output to the buffer, so a stream that
  // fills the spare byte inflates past the declared size.
  const out = allocate(expectedSize + 1);
  let n: number;
  try {
    n = inflateSync(compressed, { out }).length;
  } catch (e) {
    // A stored block past the end of `out` makes TypedArray.set throw.
    if (e instanceof RangeError) throw inflatesPast(expectedSize);
    throw fromFflate(e, expectedSize);
  }
  if (n > expectedSize) throw inflatesPast(expectedSize);
  if (n < expectedSize) throw inflatesShort(expectedSize);
  return out.subarray(0, expectedSize);
}

/**
 * The parts of fflate's `Inflate` (0.8) that let it inflate straight into our
 * buffer: `o`, the buffer it inflates into (the last 32 KiB of output, the
 * window, then room), `s.b`, the bytes of it in use, `s.f`/`s.l` (the final
 * block began / a block is open), and `p`, the compressed bytes not yet used.
 * Minified names, so each is checked before use; without them the stream is
 * inflated the documented way, each chunk copied out of fflate's buffer.
 */
interface FflateInternals {
  o: Uint8Array;
  p: Uint8Array;
  s: { b: number; f?: unknown; l?: unknown };
}

function internalsOf(inflater: Inflate): FflateInternals | null {
  const i = inflater as unknown as Partial<FflateInternals>;
  return i.o instanceof Uint8Array && i.p instanceof Uint8Array && typeof i.s === 'object' && i.s !== null && i.s.b === 0
    ? (i as FflateInternals)
    : null;
}

/**
 * fflate's streaming inflate in pushes, in place when fflate's internals are
 * there (`inPlace` false: the documented way, each chunk copied; exported for
 * the tests of that fallback).
 */
export function inflateChunked(compressed: Uint8Array, expectedSize: number, inPlace = true): Uint8Array {
  // Room for what one push may write past the declared size, so fflate
  // writes the whole stream into this one buffer: the window its matches
  // read back from is the output itself, and nothing is concatenated. At the
  // runtime's limit, the declared size alone, each chunk copied in.
  let out: Uint8Array;
  try {
    out = allocate(expectedSize + OVERRUN_BUDGET + FFLATE_HEADROOM);
  } catch {
    out = allocate(expectedSize);
    inPlace = false;
  }
  let pos = 0;
  const inflater = new Inflate((chunk: Uint8Array) => {
    if (chunk.length > expectedSize - pos) throw inflatesPast(expectedSize);
    // In place, the chunk is fflate's copy of what it wrote to `out`; if
    // its ends differ, it wrote elsewhere: copy, and stop placing it.
    const n = chunk.length;
    if (!inPlace || (n > 0 && (chunk[0] !== out[pos] || chunk[n - 1] !== out[pos + n - 1]))) {
      inPlace = false;
      out.set(chunk, pos);
    }
    pos += n;
  });
  const internals = internalsOf(inflater);
  if (internals === null) inPlace = false;
  const n = compressed.length;
  try {
    for (let i = 0; i < n;) {
      // A push of k bytes inflates to at most 1032k: keep that within the
      // room left plus the budget, so a bomb stops early and fflate never
      // needs a bigger buffer. What fflate still holds is a stored block
      // waiting for its end (its own length of output) or a few bytes of a
      // symbol (see FFLATE_HEADROOM).
      const held = internals === null ? 0 : internals.p.length;
      const k = Math.max(1, Math.min(CHUNK, Math.floor((expectedSize - pos + OVERRUN_BUDGET - held) / MAX_DEFLATE_RATIO)));
      const end = Math.min(n, i + k);
      if (inPlace) {
        internals!.o = out;
        internals!.s.b = pos;
      }
      inflater.push(compressed.subarray(i, end), end === n);
      i = end;
      // The final block is over: what follows the stream (CPython ignores it too) need not be pushed.
      if (internals !== null && internals.s.f && !internals.s.l) break;
    }
  } catch (e) {
    throw fromFflate(e, expectedSize);
  }
  if (pos < expectedSize) throw inflatesShort(expectedSize);
  // Small output: a buffer of its own rather than a view pinning the headroom.
  return expectedSize < OVERRUN_BUDGET ? out.slice(0, expectedSize) : out.subarray(0, expectedSize);
}

/** fflate's raw inflate into a buffer of the declared size: works in every runtime. */
export const fflateInflater: Inflater = (compressed, expectedSize) => {
  if (compressed.length === 0) {
    // fflate returns its whole output buffer for empty input; zlib gives b''.
    if (expectedSize === 0) return new Uint8Array(0);
    throw inflatesShort(expectedSize);
  }
  if (expectedSize > MAX_DEFLATE_RATIO * compressed.length) throw inflatesShort(expectedSize);
  // Could the stream run more than the budget past the declared size?
  const mostPossible = MAX_DEFLATE_RATIO * compressed.length;
  return mostPossible - expectedSize <= OVERRUN_BUDGET
    ? inflateOneShot(compressed, expectedSize)
    : inflateChunked(compressed, expectedSize);
};

let current: Inflater = fflateInflater;

/** The inflater readMember uses when the caller does not pass one. */
export function getInflater(): Inflater {
  return current;
}

/** Replace the default inflater (the Node entry installs node:zlib's); returns the previous one. */
export function setInflater(fn: Inflater): Inflater {
  const previous = current;
  current = fn;
  return previous;
}

/** The part of node:zlib that nodeZlibInflater needs. */
export interface NodeZlibInflateLike {
  inflateRawSync(data: Uint8Array, options?: { maxOutputLength?: number; chunkSize?: number }): Uint8Array;
}

/** Below this, node:zlib's output (a view on a 16 KiB chunk or more) is copied to a buffer of its own. */
const SMALL_OUTPUT = 4096;

/**
 * An Inflater on node:zlib's `inflateRawSync`, stopped by `maxOutputLength`
 * as soon as the output would pass the declared size. Pass the module:
 * `nodeZlibInflater(await import('node:zlib'))`.
 */
export function nodeZlibInflater(zlib: NodeZlibInflateLike): Inflater {
  return (compressed, expectedSize) => {
    if (compressed.length === 0) {
      // node:zlib calls empty input 'unexpected end of file'; CPython's zipfile reads b''.
      if (expectedSize === 0) return new Uint8Array(0);
      throw inflatesShort(expectedSize);
    }
    if (expectedSize > MAX_DEFLATE_RATIO * compressed.length) throw inflatesShort(expectedSize);
    let out: Uint8Array;
    try {
      out = zlib.inflateRawSync(compressed, {
        // At least 1 (node's minimum): one byte from a 0-byte member is past its size.
        maxOutputLength: Math.max(1, expectedSize),
        // One output buffer of the declared size (already checked against
        // MAX_DEFLATE_RATIO), one byte over so a stream that ends on time
        // never makes zlib start a second chunk: no concatenation afterwards.
        chunkSize: Math.max(expectedSize + 1, 64),
      });
    } catch (e) {
      const err = e as { code?: unknown; errno?: unknown; message?: unknown } | null;
      const code = err?.code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw inflatesPast(expectedSize);
      if (code === 'Z_BUF_ERROR') throw inflatesShort(expectedSize);
      if (code === 'Z_MEM_ERROR' || code === 'ERR_OUT_OF_RANGE' || e instanceof RangeError) {
        throw new ArrayTooLargeError(`cannot inflate a member of ${expectedSize} bytes: ${String(err?.message)}`, {
          pythonType: 'MemoryError', cause: e,
        });
      }
      const errno = typeof err?.errno === 'number' ? err.errno : -3;
      throw zlibError(errno, typeof err?.message === 'string' ? err.message : String(e), e);
    }
    if (out.length > expectedSize) throw inflatesPast(expectedSize);
    if (out.length < expectedSize) throw inflatesShort(expectedSize);
    // (new Uint8Array(buffer) copies; Buffer#slice would not.)
    if (out.length < SMALL_OUTPUT && out.buffer.byteLength > 2 * out.length) return new Uint8Array(out);
    // A Buffer is a Uint8Array; hand back a plain view on the same memory.
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
}
