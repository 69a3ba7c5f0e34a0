/**
 * Raw deflate for savez_compressed members.
 *
 * CPython's zipfile compresses a ZIP_DEFLATED member with
 * `zlib.compressobj(Z_DEFAULT_COMPRESSION, DEFLATED, -15)`: raw deflate
 * (no zlib or gzip wrapper), level 6, window 2**15, memLevel 8, default
 * strategy. A `Deflater` must produce such a raw deflate stream; any valid
 * stream makes a correct archive (the zip records its CRC-32 and sizes).
 *
 * The bytes, though, depend on the deflate implementation:
 * - The default here is fflate's `deflateSync(data, { level: 6 })`, which is
 *   browser-safe but emits a different (valid) stream than zlib, so
 *   savez_compressed output is readable by numpy but not byte-identical to it.
 * - `nodeZlibDeflater(zlib)` uses node:zlib's `deflateRawSync`. That is
 *   NOT the same deflate as CPython's in general: CPython links the
 *   system's zlib (stock zlib, or zlib-ng on some distributions), while
 *   Node bundles Chromium's fork of zlib, which finds matches differently.
 *   Node 20.20 (zlib 1.3.1-e00f703) against CPython 3.11 on zlib 1.2.13
 *   gave different streams for every non-empty npy member tried, even a
 *   152-byte one; only the empty stream and very repetitive text matched.
 *   So savez_compressed output is byte-identical to numpy's only when the
 *   deflater runs the same zlib code as the Python that wrote the other
 *   file; otherwise it is a valid archive with a different (equally valid)
 *   deflate stream. Stored members (savez) match byte for byte regardless.
 *
 * This module does not import node: modules; the Node entry passes node:zlib
 * in through `nodeZlibDeflater` and installs it with `setDeflater`.
 */
import { deflateSync } from 'fflate';

/** Raw deflate (RFC 1951, no header) of `data`, with zlib level 6 semantics. */
export type Deflater = (data: Uint8Array) => Uint8Array;

/** fflate's raw deflate at level 6: works everywhere, bytes differ from zlib's. */
export const fflateDeflater: Deflater = (data) => deflateSync(data, { level: 6 });

let current: Deflater = fflateDeflater;

/** The deflater zipParts uses when the caller does not pass one. */
export function getDeflater(): Deflater {
  return current;
}

/** Replace the default deflater (the Node entry installs node:zlib's); returns the previous one. */
export function setDeflater(fn: Deflater): Deflater {
  const previous = current;
  current = fn;
  return previous;
}

/** The part of node:zlib that nodeZlibDeflater needs. */
export interface NodeZlibLike {
  deflateRawSync(data: Uint8Array, options?: { level?: number; windowBits?: number; memLevel?: number; strategy?: number }): Uint8Array;
}

/**
 * A Deflater on node:zlib's `deflateRawSync` with CPython zipfile's settings
 * (level 6, windowBits 15, memLevel 8, default strategy). Pass the module:
 * `nodeZlibDeflater(await import('node:zlib'))`.
 */
export function nodeZlibDeflater(zlib: NodeZlibLike): Deflater {
  const options = { level: 6, windowBits: 15, memLevel: 8 };
  return (data) => {
    const out = zlib.deflateRawSync(data, options);
    // A Buffer is a Uint8Array; hand back a plain view on the same memory.
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
}
