/**
 * A random-access source of bytes: what the zip reader (and anything else
 * that reads only the parts of a file it needs) reads from. Reads are
 * synchronous and positional; a source in memory hands out zero-copy views,
 * a file source (the Node entry's) reads through a descriptor.
 *
 * This module is browser-safe: it imports no `node:` module.
 */
import { NpyioError } from '../errors.js';

export interface ByteSource {
  /** Total bytes in the source. */
  readonly size: number;
  /** How messages name the source: a path's repr, or a description of the bytes. */
  readonly name: string;
  /**
   * Exactly `length` bytes starting at `offset`, or a throw. Callers only ask
   * for ranges inside `size`. The result may be a view on memory the source
   * shares (a bytes source returns subarrays of its buffer): do not modify it.
   */
  read(offset: number, length: number): Uint8Array;
  /** Optional: fills `target` with the bytes at `offset` (exactly, or a throw), with no buffer of the source's own. */
  readInto?(offset: number, target: Uint8Array): void;
  /** Releases what the source holds (a file descriptor). Optional; closing twice is fine. */
  close?(): void;
}

/** Bytes in memory as a ByteSource: every read is a zero-copy subarray of `bytes`. */
export function bytesSource(bytes: Uint8Array, name: string = `<${bytes.length} bytes in memory>`): ByteSource {
  const size = bytes.length;
  return {
    size,
    name,
    read(offset: number, length: number): Uint8Array {
      // A caller's bug, never the data's: still a typed error, not a RangeError.
      if (!(offset >= 0 && length >= 0 && offset + length <= size) || !Number.isInteger(offset) || !Number.isInteger(length)) {
        throw new NpyioError(`read of ${length} bytes at offset ${offset} is outside ${name} (${size} bytes)`, {
          pythonType: 'ValueError',
          offset,
        });
      }
      return bytes.subarray(offset, offset + length);
    },
  };
}
