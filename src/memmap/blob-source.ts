/**
 * A Blob (a browser `File`, Node's `Blob`) as a RangeSource: each read is
 * `blob.slice(a, b).arrayBuffer()`, so only the bytes asked for are loaded.
 */
import { pyStrRepr } from '../npy/pyrepr.js';
import { checkLength, type RangeSource } from './range-source.js';

export function blobSource(blob: Blob): RangeSource {
  const fileName = (blob as Blob & { name?: unknown }).name;
  const src: RangeSource = {
    size: blob.size,
    name: typeof fileName === 'string' && fileName !== '' ? pyStrRepr(fileName) : `<Blob of ${blob.size} bytes>`,
    read: async (offset, length) => checkLength(src, new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()), offset, length),
  };
  return src;
}

export function isBlob(x: unknown): x is Blob {
  return typeof Blob !== 'undefined' && x instanceof Blob;
}
