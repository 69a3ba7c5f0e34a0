/**
 * The audit's two cursors.
 *
 * LazyCursor reads a source (LazyBytes) as the machine gets there, so a
 * multi-gigabyte checkpoint pickle costs what its opcodes cost, not what its
 * array payloads weigh. `bytes` is the whole source's size, zero-filled
 * (memory pages the audit never touches are never committed); the cursor
 * loads it in chunks ahead of the machine and skips large bytes payloads
 * (BINBYTES8 and friends) unread, recording them as holes. Whoever looks
 * inside a payload (a nested pickle, a modelled decoder) calls
 * `materialize` first.
 *
 * FileBackedCursor reads FRAMEs as CPython does from a file (see below).
 *
 * Browser-safe: the source is any ByteSource (a file's in Node).
 */
import type { ByteSource } from '../io/source.js';
import { Cursor } from './cursor.js';

/**
 * Loading steps ahead of the machine: small after a skipped payload (in a
 * checkpoint the next payload starts a few hundred bytes on, and every byte
 * loaded into the zero-filled buffer commits a page), doubling while the
 * machine reads on, so a dense pickle is read in large steps.
 */
const MIN_CHUNK = 4 * 1024;
const MAX_CHUNK = 1024 * 1024;
/** Payloads at least this long are skipped unread until someone looks inside. */
const SKIP_AT = 64 * 1024;

export class LazyBytes {
  readonly bytes: Uint8Array;
  /** Everything below is loaded, except the holes. */
  loadedEnd = 0;
  private step = MIN_CHUNK;
  private readonly holes: [number, number][] = [];

  constructor(readonly source: ByteSource) {
    this.bytes = new Uint8Array(source.size);
  }

  private load(from: number, length: number): void {
    this.bytes.set(this.source.read(from, length), from);
  }

  /** Loads up to at least `upTo` (a chunk ahead); false when the source ends before `upTo`. */
  extendTo(upTo: number): boolean {
    const size = this.bytes.length;
    if (upTo <= this.loadedEnd) return true;
    const to = Math.min(size, Math.max(upTo, this.loadedEnd + this.step));
    this.step = Math.min(2 * this.step, MAX_CHUNK);
    if (to > this.loadedEnd) this.load(this.loadedEnd, to - this.loadedEnd);
    this.loadedEnd = to;
    return upTo <= size;
  }

  /** [from, to) is passed over unread. */
  skip(from: number, to: number): void {
    const start = Math.max(from, this.loadedEnd);
    if (to > start) this.holes.push([start, to]);
    this.step = MIN_CHUNK;
    this.loadedEnd = Math.max(this.loadedEnd, to);
  }

  /** Makes a view on `bytes` hold the source's real data (no-op for other arrays). */
  materialize(view: Uint8Array): void {
    if (view.buffer !== this.bytes.buffer || this.holes.length === 0) return;
    const from = view.byteOffset - this.bytes.byteOffset;
    const to = from + view.length;
    for (let i = this.holes.length - 1; i >= 0; i--) {
      const [a, b] = this.holes[i]!;
      if (b <= from || a >= to) continue;
      this.load(a, b - a);
      this.holes.splice(i, 1);
    }
  }
}

/** A Cursor over LazyBytes: loads ahead through `extend`, skips large payloads. */
export class LazyCursor extends Cursor {
  constructor(readonly source: LazyBytes, pos: number) {
    super(source.bytes, pos);
    this.end = source.loadedEnd;
  }

  override extend(upTo: number): boolean {
    const ok = this.source.extendTo(upTo);
    this.end = this.source.loadedEnd;
    return ok;
  }

  override payload(n: number): Uint8Array {
    if (n < SKIP_AT) return this.take(n);
    if (n > this.bytes.length - this.pos) throw this.truncated();
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.source.skip(this.pos, this.pos + n);
    this.pos += n;
    this.end = this.source.loadedEnd;
    return out;
  }

  override line(): Uint8Array {
    for (let from = this.pos; ;) {
      const nl = this.bytes.subarray(0, this.end).indexOf(0x0a, from);
      if (nl >= 0) {
        const out = this.bytes.subarray(this.pos, nl);
        this.pos = nl + 1;
        return out;
      }
      from = this.end;
      if (!this.extend(this.end + 1)) {
        this.pos = this.bytes.length;
        throw this.truncated();
      }
    }
  }
}

/**
 * CPython's C unpickler reading a file (not bytes) holds a FRAME in a
 * buffer; a read that needs more than the buffer still holds discards the
 * rest of it and reads fresh bytes from the file, which sit after the frame.
 * So an opcode straddling the frame's end takes its argument from after the
 * frame, and the machine goes on from there: bytes a linear reader takes as
 * data run as opcodes (pickle.load on a BytesIO shows it).
 */
export class FileBackedCursor extends Cursor {
  frameEnd = -1;

  protected override need(n: number): void {
    if (this.frameEnd >= 0 && this.pos < this.frameEnd && this.pos + n > this.frameEnd) this.jump();
    super.need(n);
  }

  override line(): Uint8Array {
    if (this.frameEnd >= 0 && this.pos < this.frameEnd && this.bytes.subarray(this.pos, this.frameEnd).indexOf(0x0a) < 0) this.jump();
    return super.line();
  }

  private jump(): void {
    this.pos = this.frameEnd;
    this.frameEnd = -1;
  }
}
