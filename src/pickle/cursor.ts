/**
 * A cursor over pickle bytes. It owns the position and every bounds check:
 * a read past the end throws UnpicklingError ("pickle data was truncated",
 * CPython's words), never a RangeError, and lengths are checked against the
 * bytes left before anything is allocated.
 */
import { UnpicklingError } from '../errors.js';

export class Cursor {
  /**
   * The source's bytes from position `base` on: all of them, except in a
   * cursor that reads its source lazily (the audit's, audit-cursors.ts),
   * which holds a window and moves it as the machine gets there.
   * Positions (`pos`, `end`, `opStart`) are the source's: index `bytes`
   * with `pos - base`.
   */
  bytes: Uint8Array;
  view: DataView;
  /** The source position of `bytes[0]`. */
  base = 0;
  /** The source's length. */
  readonly size: number;
  pos: number;
  /** How far `bytes` holds real data (a source position): the source's end, except in a lazy cursor. */
  end: number;
  /** Start of the opcode being read, for error offsets. */
  opStart = 0;
  opName: string | undefined;

  constructor(bytes: Uint8Array, pos = 0, size = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = size;
    this.pos = pos;
    this.end = bytes.length;
  }

  /** Loads bytes up to at least `upTo`; false when the source ends first. A cursor over bytes in memory has nothing more. */
  extend(_upTo: number): boolean {
    return false;
  }

  get remaining(): number {
    return this.size - this.pos;
  }

  truncated(): UnpicklingError {
    return new UnpicklingError('pickle data was truncated', { offset: this.opStart, opcode: this.opName });
  }

  error(message: string, pythonType = 'UnpicklingError'): UnpicklingError {
    return new UnpicklingError(message, { offset: this.opStart, opcode: this.opName, pythonType });
  }

  protected need(n: number): void {
    if (n > this.end - this.pos && !this.extend(this.pos + n)) throw this.truncated();
  }

  u1(): number {
    this.need(1);
    return this.bytes[this.pos++ - this.base]!;
  }

  u2(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos - this.base, true);
    this.pos += 2;
    return v;
  }

  u4(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos - this.base, true);
    this.pos += 4;
    return v;
  }

  i4(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos - this.base, true);
    this.pos += 4;
    return v;
  }

  /** A u64 length or index: anything beyond the bytes left (or 2^53) cannot be real. */
  u8(): number {
    this.need(8);
    const lo = this.view.getUint32(this.pos - this.base, true);
    const hi = this.view.getUint32(this.pos - this.base + 4, true);
    this.pos += 8;
    return hi >= 0x200000 ? Number.MAX_SAFE_INTEGER : hi * 0x100000000 + lo;
  }

  f8be(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos - this.base, false);
    this.pos += 8;
    return v;
  }

  /** `n` bytes as a view (no copy); the caller copies what it keeps. */
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos - this.base, this.pos - this.base + n);
    this.pos += n;
    return out;
  }

  /**
   * `n` bytes of a bytes payload (BINBYTES, BYTEARRAY8, ...) as a view: the
   * same as `take` here; a lazy cursor skips large payloads without reading them.
   */
  payload(n: number): Uint8Array {
    return this.take(n);
  }

  /** The bytes up to the next '\n', which is consumed and dropped. */
  line(): Uint8Array {
    const from = this.pos - this.base;
    const nl = this.bytes.indexOf(0x0a, from);
    if (nl < 0) {
      this.pos = this.size;
      throw this.truncated();
    }
    this.pos = this.base + nl + 1;
    return this.bytes.subarray(from, nl);
  }
}
