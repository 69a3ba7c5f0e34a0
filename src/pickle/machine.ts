/**
 * The unpickling machine: CPython's `_pickle` Unpickler, restricted. One
 * handler per opcode, looked up through the opcode table by byte; a loop of
 * a few lines runs them until STOP. Nothing is imported or called: every
 * global goes through the Registry, and only its handlers build objects.
 *
 * The machine is iterative (no recursion on nesting depth), keeps the memo
 * in a Map (indices may be sparse and huge), and checks every length against
 * the bytes left before allocating (cursor.ts).
 *
 * The stack is one array for all levels, with MARKs as the indices where
 * levels start, as in CPython's `_pickle.c` (Pdata and its marks): a MARK
 * allocates nothing, and the pop-to-mark opcodes that fill a container
 * (APPENDS, SETITEMS) read their items where they lie. The items of every
 * level together are its length, so `maxStackItems` needs no counter.
 *
 * `run` has two loops. `runTable` reads each argument through the table's
 * reader and calls the handler the dispatch table holds for the byte (the
 * audit replaces some). `runInline`, taken only by a plain Machine over a
 * plain Cursor (nothing overridden), does the same for the opcodes that make
 * up nearly all of a data pickle in one `switch`, with the same cursor reads
 * and the same checks, and hands every other byte to the table.
 */
import { ForbiddenGlobalError, NpyioError, UnpicklingError } from '../errors.js';
import { NdArray } from '../ndarray.js';
import { isTuple, makeTuple } from '../values.js';
import { mapPython2Name } from './compat.js';
import { Cursor } from './cursor.js';
import { BY_CODE, Op, unicodestring1, unicodestring4, type OpcodeInfo } from './opcodes.js';
import { dictSet, dictSetPairs, setAdd } from './pyequal.js';
import type { CallContext, GlobalHandler, Registry } from './registry.js';
import { decodePy2Str } from './text.js';
import { isFrozenSet, makeFrozenSet, PyByteArray, PyGlobal } from './values.js';

export interface UnpickleOptions {
  /** How Python 2 `str` (STRING/BINSTRING/SHORT_BINSTRING) decodes: 'ASCII' (default), 'latin1', 'bytes' or a codec name. */
  encoding?: string;
  /** Map Python 2 module and class names to Python 3 ones while the protocol is below 3 (default true). */
  fixImports?: boolean;
  /** The allowed globals; default: the safe default registry. */
  registry?: Registry;
  /** PERSID/BINPERSID: turns a persistent id into an object. Without it they are refused. */
  persistentLoad?: (pid: unknown) => unknown;
  /** EXT1/2/4: extension code -> [module, name] (copyreg's registry). Without it they are refused. */
  extensions?: ReadonlyMap<number, readonly [string, string]>;
  /** NEXT_BUFFER: the out-of-band buffers, in order (bytes, or PyByteArray for writable ones). Without them it is refused. */
  buffers?: Iterable<Uint8Array | PyByteArray>;
  /** Most items the stack (all levels together) may hold. */
  maxStackItems?: number;
  /** Most memo entries. */
  maxMemoEntries?: number;
  /** How deep MARKs may nest (the open MARKs: each tuple, list, dict or call under construction). Default 2^20. */
  maxNesting?: number;
  /**
   * Most bytes the allowed globals may build in all (bytes, bytearray and
   * array buffers they return): memo fan-out can make a short pickle call
   * `bytes(x)` or `_reconstruct` on the same argument many times. Default
   * 256 MiB plus twice the pickle's length.
   */
  maxAllocBytes?: number;
}

const DEFAULT_MAX_STACK = 50_000_000;
const DEFAULT_MAX_MEMO = 50_000_000;
/** Deep enough for a million nested lists, which the iterative machine and printers handle. */
const DEFAULT_MAX_NESTING = 1 << 20;
const DEFAULT_ALLOC_BASE = 256 * 2 ** 20;

export const STOP = Symbol('stop');

/** What one opcode does to the machine; returning STOP ends the run. */
export type Handler = (m: Machine, arg: unknown) => typeof STOP | void;

/** Handlers by opcode byte, as `run` dispatches them. */
export type Dispatch = readonly (Handler | undefined)[];

/** The state of one unpickling run. */
export class Machine implements CallContext {
  /** Every level's items; `sp` is its length (entries past it are stale, never read). */
  private readonly st: unknown[] = [];
  private sp = 0;
  /** Where the current level starts. */
  private base = 0;
  /** The bases of the levels under the current one, innermost last. */
  private readonly marks: number[] = [];
  /**
   * The memo: a dense array for the indices picklers really use (0, 1, 2...,
   * which MEMOIZE and BINPUT produce), a Map for sparse or huge ones.
   */
  private readonly memoDense: unknown[] = [];
  private memoSparse: Map<number, unknown> | null = null;
  memoSize = 0;
  protocol = 0;
  readonly encoding: string;
  readonly fixImports: boolean;
  readonly cursor: Cursor;
  protected frameEnd = -1;
  /** The handler of each opcode byte: the unpickler's, or a table derived from it (the audit's). */
  protected dispatch: Dispatch = HANDLERS;
  private readonly maxStack: number;
  private readonly maxMemo: number;
  private readonly maxNesting: number;
  private readonly maxAlloc: number;
  private allocated = 0;
  private readonly handlers = new WeakMap<PyGlobal, GlobalHandler>();
  private readonly buildHooks = new WeakMap<object, (state: unknown) => unknown>();
  private readonly appendHooks = new WeakMap<object, (items: unknown[]) => void>();
  private readonly setItemHooks = new WeakMap<object, (k: unknown, v: unknown) => void>();
  /** Memo keys of objects that BUILD may replace (numpy placeholders). */
  private readonly pendingMemo = new Map<object, number[]>();
  private hasBuildHooks = false;
  private bufferIterator: Iterator<Uint8Array | PyByteArray> | undefined;

  constructor(bytes: Uint8Array, start: number, readonly registry: Registry, readonly opts: UnpickleOptions, cursor?: Cursor) {
    this.cursor = cursor ?? new Cursor(bytes, start);
    this.encoding = opts.encoding ?? 'ASCII';
    this.fixImports = opts.fixImports ?? true;
    this.maxStack = opts.maxStackItems ?? DEFAULT_MAX_STACK;
    this.maxMemo = opts.maxMemoEntries ?? DEFAULT_MAX_MEMO;
    this.maxNesting = opts.maxNesting ?? DEFAULT_MAX_NESTING;
    this.maxAlloc = opts.maxAllocBytes ?? DEFAULT_ALLOC_BASE + 2 * bytes.length;
  }

  /** Runs opcodes until STOP; returns the value and leaves the cursor just past STOP. */
  run(): unknown {
    const inline = this.dispatch === HANDLERS && Object.getPrototypeOf(this) === Machine.prototype &&
      Object.getPrototypeOf(this.cursor) === Cursor.prototype;
    try {
      return inline ? this.runInline() : this.runTable();
    } catch (e) {
      // Errors from helpers that know no position (dict keys, decoders) get the opcode's.
      if (e instanceof NpyioError && e.offset === undefined) Object.assign(e, { offset: this.cursor.opStart, opcode: this.cursor.opName });
      throw e;
    }
  }

  /** The next opcode's row, with the cursor past its byte; checks the end of input and of a FRAME first. */
  private nextOp(): OpcodeInfo {
    const c = this.cursor;
    if (c.pos >= c.end && !c.extend(c.pos + 1)) {
      c.opStart = c.pos;
      throw new UnpicklingError('Ran out of input', { pythonType: 'EOFError', offset: c.pos });
    }
    if (this.frameEnd >= 0 && c.pos >= this.frameEnd) this.leaveFrame();
    c.opStart = c.pos;
    // c.bytes each time, not a copy: a lazy cursor (the audit's) moves its window
    const row = BY_CODE[c.bytes[c.pos++ - c.base]!];
    if (row === undefined) throw this.invalidKey(c.bytes[c.opStart - c.base]!);
    c.opName = row.name;
    return row;
  }

  private runTable(): unknown {
    const c = this.cursor;
    const dispatch = this.dispatch;
    for (;;) {
      const row = this.nextOp();
      const arg = row.arg === null ? undefined : row.arg.read(c);
      if (dispatch[row.code]!(this, arg) === STOP) return this.pop();
    }
  }

  /**
   * The unpickler's own handlers, inline for the opcodes of a data pickle:
   * the arguments read by the same cursor methods and readers as the table's
   * rows, the stack and memo by the same methods, no boxed argument and no
   * array per APPENDS/SETITEMS batch. Every other byte goes to the table.
   */
  private runInline(): unknown {
    const c = this.cursor;
    for (;;) {
      const row = this.nextOp();
      switch (row.code) {
        case Op.BININT1:
          this.push(c.u1());
          break;
        case Op.BININT2:
          this.push(c.u2());
          break;
        case Op.BININT:
          this.push(c.i4());
          break;
        case Op.BINFLOAT:
          this.push(c.f8be());
          break;
        case Op.NONE:
          this.push(null);
          break;
        case Op.NEWTRUE:
          this.push(true);
          break;
        case Op.NEWFALSE:
          this.push(false);
          break;
        case Op.SHORT_BINUNICODE:
          this.push(unicodestring1.read(c));
          break;
        case Op.BINUNICODE:
          this.push(unicodestring4.read(c));
          break;
        case Op.EMPTY_LIST:
          this.push([]);
          break;
        case Op.EMPTY_DICT:
          this.push(new Map());
          break;
        case Op.EMPTY_TUPLE:
          this.push(makeTuple([]));
          break;
        case Op.TUPLE1:
          this.packTop(1);
          break;
        case Op.TUPLE2:
          this.packTop(2);
          break;
        case Op.TUPLE3:
          this.packTop(3);
          break;
        case Op.TUPLE:
          this.push(makeTuple(this.popMark()));
          break;
        case Op.MARK:
          this.mark();
          break;
        case Op.BINGET:
          this.get(c.u1());
          break;
        case Op.LONG_BINGET:
          this.get(c.u4());
          break;
        case Op.BINPUT:
          this.put(c.u1());
          break;
        case Op.LONG_BINPUT:
          this.put(c.u4());
          break;
        case Op.MEMOIZE:
          this.put(this.memoSize);
          break;
        case Op.APPEND:
          this.appendTop(this.pop());
          break;
        case Op.APPENDS:
          this.appendsInPlace();
          break;
        case Op.SETITEM: {
          const v = this.pop();
          this.setItemTop(this.pop(), v);
          break;
        }
        case Op.SETITEMS:
          this.setItemsInPlace();
          break;
        case Op.STOP:
          return this.pop();
        default: {
          const arg = row.arg === null ? undefined : row.arg.read(c);
          if (HANDLERS[row.code]!(this, arg) === STOP) return this.pop();
        }
      }
    }
  }

  /**
   * APPEND, APPENDS, SETITEM and SETITEMS, for both loops: a list or dict
   * takes the items where they lie; anything else goes to `appendItems` /
   * `setItems` (the registry's hooks, the audit's overrides) as an array.
   */
  appendTop(x: unknown): void {
    const target = this.top();
    if (Array.isArray(target) && !isTuple(target)) target.push(x);
    else this.appendItems([x]);
  }

  setItemTop(k: unknown, v: unknown): void {
    const target = this.top();
    if (target instanceof Map) dictSet(target, k, v);
    else this.setItems([k, v]);
  }

  appendsInPlace(): void {
    const to = this.popLevel();
    const from = this.sp;
    const target = this.top();
    const st = this.st;
    if (Array.isArray(target) && !isTuple(target)) for (let i = from; i < to; i++) target.push(st[i]);
    else this.appendItems(st.slice(from, to));
  }

  /** CPython's checks in its order: the odd count before the target. */
  setItemsInPlace(): void {
    const to = this.popLevel();
    const from = this.sp;
    if ((to - from) % 2 !== 0) throw this.error('odd number of items for SETITEMS');
    const target = this.top();
    const st = this.st;
    if (target instanceof Map) dictSetPairs(target, st, from, to);
    else this.setItems(st.slice(from, to));
  }

  private invalidKey(byte: number): UnpicklingError {
    const ch = byte >= 0x20 && byte < 0x7f && byte !== 0x27 && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
    return new UnpicklingError(`invalid load key, '${ch}'.`, { offset: this.cursor.opStart });
  }

  protected leaveFrame(): void {
    if (this.cursor.pos > this.frameEnd) {
      // An opcode ran past the frame's end: a linear reader and a file-backed
      // CPython would read these bytes differently, so refuse them.
      throw this.error(`an opcode crosses the end of the FRAME at byte ${this.frameEnd}`);
    }
    this.frameEnd = -1;
  }

  enterFrame(length: number): void {
    const c = this.cursor;
    if (length > c.remaining) throw c.truncated();
    this.frameEnd = c.pos + length;
  }

  // ---- CallContext ----

  error(message: string, pythonType = 'UnpicklingError'): UnpicklingError {
    return this.cursor.error(message, pythonType);
  }

  onBuild(obj: object, hook: (state: unknown) => unknown): void {
    this.buildHooks.set(obj, hook);
    this.hasBuildHooks = true;
  }

  onAppend(obj: object, hook: (items: unknown[]) => void): void {
    this.appendHooks.set(obj, hook);
  }

  onSetItem(obj: object, hook: (k: unknown, v: unknown) => void): void {
    this.setItemHooks.set(obj, hook);
  }

  dictSet(d: Map<unknown, unknown>, key: unknown, value: unknown): void {
    dictSet(d, key, value);
  }

  setAdd(s: Set<unknown>, item: unknown): void {
    setAdd(s, item);
  }

  // ---- stack ----

  push(x: unknown): void {
    if (this.sp >= this.maxStack) throw this.error(`the stack holds more than ${this.maxStack} items (maxStackItems)`);
    this.st[this.sp++] = x;
  }

  underflow(): UnpicklingError {
    return this.error(this.marks.length > 0 ? 'unexpected MARK found' : 'unpickling stack underflow');
  }

  pop(): unknown {
    if (this.sp === this.base) throw this.underflow();
    return this.st[--this.sp];
  }

  top(): unknown {
    if (this.sp === this.base) throw this.underflow();
    return this.st[this.sp - 1];
  }

  /** POP: the top item, or the MARK when the level is empty. */
  discardTop(): void {
    if (this.sp > this.base) this.sp--;
    else if (this.marks.length > 0) this.popLevel();
    else throw this.underflow();
  }

  /** TUPLE1/2/3: the top n items become one tuple, in place. */
  packTop(n: number): void {
    const st = this.st;
    const at = this.sp - n;
    if (at < this.base) throw this.underflow();
    const items = n === 1 ? [st[at]] : n === 2 ? [st[at], st[at + 1]] : [st[at], st[at + 1], st[at + 2]];
    st[at] = makeTuple(items);
    this.sp = at + 1;
  }

  mark(): void {
    if (this.marks.length >= this.maxNesting) throw this.error(`MARKs nest deeper than ${this.maxNesting} (maxNesting)`);
    this.marks.push(this.base);
    this.base = this.sp;
  }

  /**
   * Closes the current level and returns where its items end: they stay on
   * the stack from the new `sp` up to there until the next push.
   */
  private popLevel(): number {
    const under = this.marks.pop();
    if (under === undefined) throw this.error('could not find MARK');
    const end = this.sp;
    this.sp = this.base;
    this.base = under;
    return end;
  }

  popMark(): unknown[] {
    const end = this.popLevel();
    return this.st.slice(this.sp, end);
  }

  // ---- memo ----

  private memoHas(index: number): boolean {
    // the dense part has no holes: it only grows by appending
    return (index >= 0 && index < this.memoDense.length) || (this.memoSparse?.has(index) ?? false);
  }

  private memoGet(index: number): unknown {
    return index < this.memoDense.length ? this.memoDense[index] : this.memoSparse?.get(index);
  }

  private memoSet(index: number, x: unknown): void {
    const dense = this.memoDense;
    if (index < dense.length) {
      dense[index] = x;
      return;
    }
    if (index === dense.length && this.memoSparse === null) {
      dense.push(x);
      this.memoSize++;
      return;
    }
    this.memoSparse ??= new Map();
    if (!this.memoSparse.has(index)) this.memoSize++;
    this.memoSparse.set(index, x);
  }

  put(index: number): void {
    const x = this.top();
    const dense = this.memoDense;
    if (index === dense.length && this.memoSparse === null && this.memoSize < this.maxMemo) {
      // what MEMOIZE and a pickler's BINPUTs do: the next index
      dense.push(x);
      this.memoSize++;
    } else {
      if (this.memoSize >= this.maxMemo && !this.memoHas(index)) {
        throw this.error(`the memo holds more than ${this.maxMemo} entries (maxMemoEntries)`);
      }
      this.memoSet(index, x);
    }
    if (this.hasBuildHooks && typeof x === 'object' && x !== null && this.buildHooks.has(x)) {
      const keys = this.pendingMemo.get(x);
      if (keys) keys.push(index);
      else this.pendingMemo.set(x, [index]);
    }
  }

  get(index: number): void {
    const dense = this.memoDense;
    if (index >= 0 && index < dense.length) this.push(dense[index]);
    else if (this.memoSparse?.has(index)) this.push(this.memoSparse.get(index));
    else throw this.error(`Memo value not found at index ${index}`);
  }

  // ---- globals and calls ----

  /** Counts the buffer a handler built against maxAllocBytes (the opcodes' own payloads are bounded by the input). */
  charged<T>(x: T): T {
    const n = x instanceof Uint8Array ? x.byteLength : x instanceof PyByteArray ? x.bytes.byteLength : x instanceof NdArray ? x.data.byteLength : 0;
    if (n > 0 && (this.allocated += n) > this.maxAlloc) {
      throw this.error(`the pickle builds more than ${this.maxAlloc} bytes of buffers (maxAllocBytes)`, 'MemoryError');
    }
    return x;
  }

  findClass(module: string, name: string): PyGlobal {
    let [mod, nm] = [module, name];
    if (this.protocol < 3 && this.fixImports) [mod, nm] = mapPython2Name(mod, nm);
    const r = this.registry.resolve(mod, nm);
    if (r === null) throw new ForbiddenGlobalError(mod, nm, { offset: this.cursor.opStart, opcode: this.cursor.opName });
    this.handlers.set(r.global, r.handler);
    return r.global;
  }

  handlerOf(f: unknown, what: string): GlobalHandler {
    const h = f instanceof PyGlobal ? this.handlers.get(f) : undefined;
    if (h === undefined) throw this.error(`'${pyTypeName(f)}' object is not callable (${what})`, 'TypeError');
    return h;
  }

  /** cls(*args) for INST/OBJ: `cls.__new__(cls)` when there are no args, as CPython's classic instances do. */
  instantiate(cls: unknown, args: unknown[]): unknown {
    const h = this.handlerOf(cls, 'INST/OBJ');
    if (args.length === 0 && h.newobj) return this.charged(h.newobj([], null, this));
    if (!h.call) throw this.error(`${(cls as PyGlobal).qualname} cannot be called`, 'TypeError');
    return this.charged(h.call(args, this));
  }

  build(): void {
    const state = this.pop();
    const obj = this.top();
    const hook = typeof obj === 'object' && obj !== null ? this.buildHooks.get(obj) : undefined;
    if (hook === undefined) {
      throw this.error(`'${pyTypeName(obj)}' object has no attribute '__setstate__' or '__dict__' for BUILD`, 'AttributeError');
    }
    const result = this.charged(hook(state));
    if (result !== obj) {
      this.st[this.sp - 1] = result;
      for (const k of this.pendingMemo.get(obj!) ?? []) if (this.memoGet(k) === obj) this.memoSet(k, result);
    }
    this.pendingMemo.delete(obj!);
  }

  appendItems(items: unknown[], method = 'append'): void {
    const target = this.top();
    if (Array.isArray(target) && !isTuple(target)) {
      for (let i = 0; i < items.length; i++) target.push(items[i]);
      return;
    }
    const hook = typeof target === 'object' && target !== null ? this.appendHooks.get(target) : undefined;
    if (hook === undefined) throw this.error(`'${pyTypeName(target)}' object has no attribute '${method}'`, 'AttributeError');
    hook(items);
  }

  setItems(items: unknown[]): void {
    const target = this.top();
    if (target instanceof Map) {
      dictSetPairs(target, items, 0, items.length);
      return;
    }
    const hook = typeof target === 'object' && target !== null ? this.setItemHooks.get(target) : undefined;
    if (hook === undefined) throw this.error(`'${pyTypeName(target)}' object does not support item assignment`, 'TypeError');
    for (let i = 0; i < items.length; i += 2) hook(items[i], items[i + 1]);
  }

  nextBuffer(): Uint8Array | PyByteArray {
    if (this.opts.buffers === undefined) {
      throw this.error('pickle stream refers to out-of-band data but no *buffers* argument was given');
    }
    this.bufferIterator ??= this.opts.buffers[Symbol.iterator]();
    const next = this.bufferIterator.next();
    if (next.done) throw this.error('not enough out-of-band buffers');
    return next.value;
  }
}

/** Python's type name of a value, for messages. */
export function pyTypeName(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'string') return 'str';
  if (x instanceof Uint8Array) return 'bytes';
  if (isTuple(x)) return 'tuple';
  if (Array.isArray(x)) return 'list';
  if (x instanceof Map) return 'dict';
  if (isFrozenSet(x)) return 'frozenset';
  if (x instanceof Set) return 'set';
  if (x instanceof PyByteArray) return 'bytearray';
  if (x instanceof PyGlobal) return 'type';
  return (x as object).constructor?.name ?? 'object';
}

// ---- opcode handlers, by name; bound to bytes through the table below ----

function asTuple(m: Machine, x: unknown, what: string): readonly unknown[] {
  if (!isTuple(x)) throw m.error(`${what} must be a tuple, not ${pyTypeName(x)}`, 'TypeError');
  return x;
}

const BY_OPNAME: Record<string, Handler> = {
  MARK: (m) => m.mark(),
  STOP: () => STOP,
  POP: (m) => m.discardTop(),
  POP_MARK: (m) => void m.popMark(),
  DUP: (m) => m.push(m.top()),
  FLOAT: (m, a) => m.push(a),
  INT: (m, a) => m.push(a),
  BININT: (m, a) => m.push(a),
  BININT1: (m, a) => m.push(a),
  LONG: (m, a) => m.push(a),
  BININT2: (m, a) => m.push(a),
  NONE: (m) => m.push(null),
  PERSID: (m, a) => m.push(persistent(m, a)),
  BINPERSID: (m) => m.push(persistent(m, m.pop())),
  REDUCE: (m) => {
    const args = m.pop();
    const f = m.pop();
    const h = m.handlerOf(f, 'REDUCE');
    const tuple = asTuple(m, args, 'the arguments of REDUCE');
    if (!h.call) throw m.error(`${(f as PyGlobal).qualname} cannot be called`, 'TypeError');
    m.push(m.charged(h.call(tuple, m)));
  },
  STRING: (m, a) => m.push(py2Str(m, a as Uint8Array)),
  BINSTRING: (m, a) => m.push(py2Str(m, a as Uint8Array)),
  SHORT_BINSTRING: (m, a) => m.push(py2Str(m, a as Uint8Array)),
  UNICODE: (m, a) => m.push(a),
  BINUNICODE: (m, a) => m.push(a),
  APPEND: (m) => m.appendTop(m.pop()),
  BUILD: (m) => m.build(),
  GLOBAL: (m, a) => {
    const [module, name] = a as [string, string];
    m.push(m.findClass(module, name));
  },
  DICT: (m) => {
    const items = m.popMark();
    if (items.length % 2 !== 0) throw m.error('odd number of items for DICT');
    const d = new Map<unknown, unknown>();
    dictSetPairs(d, items, 0, items.length);
    m.push(d);
  },
  APPENDS: (m) => m.appendsInPlace(),
  GET: (m, a) => m.get(a as number),
  BINGET: (m, a) => m.get(a as number),
  INST: (m, a) => {
    const [module, name] = a as [string, string];
    const args = m.popMark();
    m.push(m.instantiate(m.findClass(module, name), args));
  },
  LONG_BINGET: (m, a) => m.get(a as number),
  LIST: (m) => m.push(m.popMark()),
  EMPTY_LIST: (m) => m.push([]),
  OBJ: (m) => {
    const items = m.popMark();
    if (items.length === 0) throw m.underflow();
    m.push(m.instantiate(items[0], items.slice(1)));
  },
  PUT: (m, a) => {
    if ((a as number) < 0) throw m.error('negative PUT argument', 'ValueError');
    m.put(a as number);
  },
  BINPUT: (m, a) => m.put(a as number),
  LONG_BINPUT: (m, a) => m.put(a as number),
  SETITEM: (m) => {
    const v = m.pop();
    m.setItemTop(m.pop(), v);
  },
  TUPLE: (m) => m.push(makeTuple(m.popMark())),
  EMPTY_TUPLE: (m) => m.push(makeTuple([])),
  SETITEMS: (m) => m.setItemsInPlace(),
  BINFLOAT: (m, a) => m.push(a),
  EMPTY_DICT: (m) => m.push(new Map()),
  PROTO: (m, a) => {
    if ((a as number) > 5) throw m.error(`unsupported pickle protocol: ${a}`, 'ValueError');
    m.protocol = a as number;
  },
  NEWOBJ: (m) => {
    const args = asTuple(m, m.pop(), 'NEWOBJ args');
    const cls = m.pop();
    const h = newobjHandler(m, cls, 'NEWOBJ');
    if (!h.newobj) throw m.error(`${(cls as PyGlobal).qualname}.__new__ cannot be called`, 'TypeError');
    m.push(m.charged(h.newobj(args, null, m)));
  },
  EXT1: (m, a) => m.push(extension(m, a as number)),
  EXT2: (m, a) => m.push(extension(m, a as number)),
  EXT4: (m, a) => m.push(extension(m, a as number)),
  TUPLE1: (m) => m.packTop(1),
  TUPLE2: (m) => m.packTop(2),
  TUPLE3: (m) => m.packTop(3),
  NEWTRUE: (m) => m.push(true),
  NEWFALSE: (m) => m.push(false),
  LONG1: (m, a) => m.push(a),
  LONG4: (m, a) => m.push(a),
  BINBYTES: (m, a) => m.push(a),
  SHORT_BINBYTES: (m, a) => m.push(a),
  SHORT_BINUNICODE: (m, a) => m.push(a),
  BINUNICODE8: (m, a) => m.push(a),
  BINBYTES8: (m, a) => m.push(a),
  EMPTY_SET: (m) => m.push(new Set()),
  ADDITEMS: (m) => {
    const items = m.popMark();
    const s = m.top();
    if (s instanceof Set && !isFrozenSet(s)) for (const x of items) setAdd(s, x);
    else if (Array.isArray(s)) throw m.error(`'${pyTypeName(s)}' object has no attribute 'add'`, 'AttributeError');
    else m.appendItems(items, 'add'); // an opaque object records them as items
  },
  FROZENSET: (m) => {
    const s = new Set<unknown>();
    for (const x of m.popMark()) setAdd(s, x);
    m.push(makeFrozenSet(s));
  },
  NEWOBJ_EX: (m) => {
    const kwargs = m.pop();
    const args = asTuple(m, m.pop(), 'NEWOBJ_EX args');
    const cls = m.pop();
    if (!(kwargs instanceof Map)) throw m.error(`NEWOBJ_EX kwargs must be a dict, not ${pyTypeName(kwargs)}`);
    const h = newobjHandler(m, cls, 'NEWOBJ_EX');
    if (!h.newobj) throw m.error(`${(cls as PyGlobal).qualname}.__new__ cannot be called`, 'TypeError');
    m.push(m.charged(h.newobj(args, kwargs, m)));
  },
  STACK_GLOBAL: (m) => {
    const name = m.pop();
    const module = m.pop();
    if (typeof name !== 'string' || typeof module !== 'string') throw m.error('STACK_GLOBAL requires str');
    m.push(m.findClass(module, name));
  },
  MEMOIZE: (m) => m.put(m.memoSize),
  FRAME: (m, a) => m.enterFrame(a as number),
  BYTEARRAY8: (m, a) => m.push(new PyByteArray((a as Uint8Array).slice())),
  NEXT_BUFFER: (m) => m.push(m.nextBuffer()),
  READONLY_BUFFER: (m) => {
    const x = m.top();
    if (!(x instanceof Uint8Array) && !(x instanceof PyByteArray)) {
      throw m.error(`memoryview: a bytes-like object is required, not '${pyTypeName(x)}'`, 'TypeError');
    }
  },
};

/** NEWOBJ's class must be a class: CPython checks that before calling anything. */
function newobjHandler(m: Machine, cls: unknown, op: string): GlobalHandler {
  if (!(cls instanceof PyGlobal)) throw m.error(`${op} class argument must be a type, not ${pyTypeName(cls)}`);
  return m.handlerOf(cls, op);
}

function py2Str(m: Machine, b: Uint8Array): string | Uint8Array {
  try {
    return decodePy2Str(b, m.encoding);
  } catch (e) {
    if (e instanceof UnpicklingError && e.offset === undefined) {
      const hint = e.pythonType === 'UnicodeDecodeError' ? " (a Python 2 str: encoding 'latin1' or 'bytes' reads it)" : '';
      const err = m.error(e.message + hint, e.pythonType);
      (err as { detail?: unknown }).detail = (e as { detail?: unknown }).detail;
      throw err;
    }
    throw e;
  }
}

function persistent(m: Machine, pid: unknown): unknown {
  const load = m.opts.persistentLoad;
  if (load === undefined) {
    throw m.error('A load persistent id instruction was encountered, but no persistent_load function was specified.');
  }
  return load(pid);
}

function extension(m: Machine, code: number): PyGlobal {
  if (code <= 0) throw m.error('EXT specifies code <= 0');
  const entry = m.opts.extensions?.get(code);
  if (entry === undefined) throw m.error(`unregistered extension code ${code}`, 'ValueError');
  return m.findClass(entry[0], entry[1]);
}

/**
 * Handlers by opcode byte, bound through the one opcode table; `overrides`
 * (by opcode name) replace the unpickler's handlers, as the audit's do.
 */
export function dispatchTable(overrides: Readonly<Record<string, Handler>> = {}): Dispatch {
  const out = new Array<Handler | undefined>(256).fill(undefined);
  for (const name of Object.keys(overrides)) {
    if (!BY_OPNAME[name]) throw new Error(`no opcode named ${name}`);
  }
  for (const row of BY_CODE) {
    if (row === undefined) continue;
    const h = overrides[row.name] ?? BY_OPNAME[row.name];
    if (h === undefined) throw new Error(`no handler for opcode ${row.name}`);
    out[row.code] = h;
  }
  return out;
}

const HANDLERS: Dispatch = dispatchTable();
