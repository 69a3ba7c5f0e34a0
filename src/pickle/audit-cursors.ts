/**
 * The audit's two cursors.
 *
 * LazyCursor reads a source (LazyBytes) as the machine gets there, so a
 * multi-gigabyte checkpoint pickle costs what its opcodes cost, not what its
 * array payloads weigh. It holds a window of the source in one buffer,
 * loaded in steps ahead of the machine and reused as it goes on (no page is
 * touched for the first time per payload); positions stay the source's
 * (the cursor indexes the window with `pos - base`). Nothing handed out
 * views the window: payloads are copies or stand-ins, every other argument
 * is decoded at once. Large bytes payloads (BINBYTES8 and friends) are
 * skipped unread: the machine gets a stand-in of the payload's length (a
 * view on one zero-filled buffer shared by all of them), and whoever looks
 * inside (a nested pickle, a modelled decoder) asks `materialize` for the
 * real bytes. No buffer has the source's size, so sources past the
 * runtime's largest buffer work.
 *
 * FileBackedCursor reads FRAMEs as CPython does from a file (see below).
 *
 * Browser-safe: the source is any ByteSource (a file's in Node).
 */
import type { ByteSource } from '../io/source.js';
import { Cursor } from './cursor.js';

/** How LazyBytes reads its source. */
export interface LazyReading {
  /**
   * Loading steps ahead of the machine: small after a skipped payload (in a
   * checkpoint the next payload starts a few hundred bytes on), doubling
   * while the machine reads on, so a dense pickle is read in large steps.
   */
  minChunk: number;
  maxChunk: number;
  /** The window's buffer holds at least this much (it grows for a long read): reused as the machine goes on. */
  window: number;
  /** Payloads at least this long are skipped unread until someone looks inside. */
  skipAt: number;
  /** Loaded up front: enough for sniffing and an npy header. */
  head: number;
}

const DEFAULT_READING: LazyReading = { minChunk: 4 * 1024, maxChunk: 1024 * 1024, window: 128 * 1024, skipAt: 64 * 1024, head: 64 * 1024 };
let reading = DEFAULT_READING;

/**
 * Changes how sources are read lazily (null: the defaults). For tests: with
 * steps of a few bytes every fixture crosses windows and has its payloads
 * skipped, and must still give the report of reading it whole.
 */
export function setLazyReading(r: Partial<LazyReading> | null): void {
  reading = { ...DEFAULT_READING, ...r };
}

/** A source read in a moving window, its large payloads skipped unread. */
export class LazyBytes {
  readonly size: number;
  /** The window: source bytes [start, end) sit at `bytes[start - base]` on. */
  bytes = new Uint8Array(0);
  view = new DataView(this.bytes.buffer);
  base = 0;
  start = 0;
  end = 0;
  readonly reading: LazyReading = reading;
  private step = this.reading.minChunk;
  /** What stand-ins for skipped payloads view. */
  private zeros = new ArrayBuffer(0);
  /** Each stand-in's source position, and its real bytes once someone looked. */
  private readonly skipped = new WeakMap<Uint8Array, number>();
  private readonly loaded = new WeakMap<Uint8Array, Uint8Array>();

  constructor(readonly source: ByteSource) {
    this.size = source.size;
    this.extendTo(0, Math.min(this.size, this.reading.head));
  }

  /**
   * Makes the window hold [from, upTo), a step ahead where the source has
   * it; `from` is the reader's position (nothing before it is read again).
   * False when the source ends before `upTo`.
   */
  extendTo(from: number, upTo: number): boolean {
    if (upTo <= this.end) return true;
    if (from > this.end) this.moveTo(from);
    const to = Math.min(this.size, Math.max(upTo, this.end + this.step));
    this.step = Math.min(2 * this.step, this.reading.maxChunk);
    if (to > this.end) {
      if (to - this.base > this.bytes.length) this.makeRoom(from, to);
      const target = this.bytes.subarray(this.end - this.base, to - this.base);
      if (this.source.readInto) this.source.readInto(this.end, target);
      else target.set(this.source.read(this.end, to - this.end));
      this.end = to;
    }
    return upTo <= this.size;
  }

  /**
   * Room for [from, to): [from, end) moves to the buffer's start, in a
   * buffer twice as large when it does not fit (so a long line read step
   * by step is not copied over and over). Moving is safe: nothing handed
   * out views the window (see LazyCursor).
   */
  private makeRoom(from: number, to: number): void {
    if (to - from <= this.bytes.length) {
      this.bytes.copyWithin(0, from - this.base, this.end - this.base);
    } else {
      const kept = this.bytes.subarray(from - this.base, this.end - this.base);
      this.bytes = new Uint8Array(Math.min(this.size - from, Math.max(this.reading.window, 2 * (to - from))));
      this.bytes.set(kept);
      this.view = new DataView(this.bytes.buffer);
    }
    this.base = this.start = from;
  }

  /** The window starts over at source position `at`, past its end, at the buffer's start (pages already in memory). */
  private moveTo(at: number): void {
    this.base = this.start = this.end = at;
  }

  /**
   * The `n` bytes at `at`, passed over: a stand-in of their length (null
   * when the runtime has no buffer that long). The window goes on after them.
   */
  skip(at: number, n: number): Uint8Array | null {
    this.step = this.reading.minChunk;
    let standIn: Uint8Array;
    try {
      if (this.zeros.byteLength < n) this.zeros = new ArrayBuffer(Math.max(n, 2 * this.zeros.byteLength));
      standIn = new Uint8Array(this.zeros, 0, n);
    } catch {
      return null;
    }
    this.skipped.set(standIn, at);
    if (at + n > this.end) this.moveTo(at + n);
    return standIn;
  }

  /** The real bytes behind a payload the machine got (a stand-in is read now, once); anything else as it is. */
  materialize(view: Uint8Array): Uint8Array {
    const at = this.skipped.get(view);
    if (at === undefined) return view;
    let real = this.loaded.get(view);
    if (real === undefined) {
      real = this.source.read(at, view.length);
      this.loaded.set(view, real);
    }
    return real;
  }

  /** `length` bytes at `offset`: from the window when it holds them. */
  read(offset: number, length: number): Uint8Array {
    if (offset >= this.start && offset + length <= this.end) return this.bytes.subarray(offset - this.base, offset + length - this.base);
    return this.source.read(offset, length);
  }
}

/** A Cursor over LazyBytes' window: loads ahead through `extend`, skips large payloads. */
export class LazyCursor extends Cursor {
  constructor(readonly lazy: LazyBytes, pos: number) {
    super(lazy.bytes, pos, lazy.size);
    this.sync();
  }

  private sync(): void {
    const w = this.lazy;
    this.bytes = w.bytes;
    this.view = w.view;
    this.base = w.base;
    this.end = w.end;
  }

  override extend(upTo: number): boolean {
    const ok = this.lazy.extendTo(this.pos, upTo);
    this.sync();
    return ok;
  }

  /** A payload is a copy or a stand-in, never a view: the window's buffer is reused. */
  override payload(n: number): Uint8Array {
    if (n < this.lazy.reading.skipAt) return this.take(n).slice();
    if (n > this.size - this.pos) throw this.truncated();
    const out = this.lazy.skip(this.pos, n);
    if (out === null) throw this.error(`a bytes payload of ${n} bytes is longer than this runtime's buffers: the audit cannot follow the stream past it`);
    this.pos += n;
    this.sync();
    return out;
  }

  override line(): Uint8Array {
    for (let from = this.pos; ;) {
      const nl = this.bytes.subarray(0, this.end - this.base).indexOf(0x0a, from - this.base);
      if (nl >= 0) {
        const out = this.bytes.subarray(this.pos - this.base, nl);
        this.pos = this.base + nl + 1;
        return out;
      }
      from = this.end;
      if (!this.extend(this.end + 1)) {
        this.pos = this.size;
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
    if (this.frameEnd >= 0 && this.pos < this.frameEnd && this.bytes.subarray(this.pos - this.base, this.frameEnd - this.base).indexOf(0x0a) < 0) this.jump();
    return super.line();
  }

  private jump(): void {
    this.pos = this.frameEnd;
    this.frameEnd = -1;
  }
}
