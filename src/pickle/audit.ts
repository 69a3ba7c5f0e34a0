/**
 * The pickle audit: the real Machine (same opcode table, same stack, memo,
 * frames and argument readers), with the handlers that would import or call
 * replaced by ones that record. A global becomes a symbolic `SymGlobal`; a
 * call on it records the use and pushes a symbolic `SymValue`; nothing is
 * imported, called or materialised beyond references, so memo fan-out, deep
 * nesting and cycles cost what the opcodes cost.
 *
 * Parsing is CPython's (the Machine's readers): base-0 INT, UTF-8 GLOBAL
 * lines, the protocol as the last PROTO set it for fix_imports (< 3) and
 * dotted names (>= 4). Python 2 `str` is read as latin1, the encoding under
 * which every such string decodes (numpy's advice for Python 2 files).
 *
 * A stream runs to STOP or to its first error; the caller (audit-file.ts)
 * decides what comes next. Findings go to the AuditLog.
 */
import { NpyioError, UnpicklingError } from '../errors.js';
import { isTuple } from '../values.js';
import { classify, BYTES_WRAPPERS, LOADERS, qualnameOf } from './audit-policy.js';
import { noteImport, noteUse, type AuditGlobal, type AuditLog, type AuditStream, type Severity } from './audit-report.js';
import { ComputedStr, isModelled, modelCall, strArg } from './audit-decoders.js';
import { mapPython2Name } from './compat.js';
import { dispatchTable, Machine, pyTypeName, type Dispatch } from './machine.js';
import { FileBackedCursor, LazyBytes, LazyCursor } from './audit-cursors.js';
import { Registry } from './registry.js';

/** A class, function or module the pickle imported (or reached through getattr and friends). */
export class SymGlobal {
  constructor(readonly rec: AuditGlobal) {}
}

/** A value a call returned, persistent_load gave, or an out-of-band buffer: unknown, but traced to its origin. */
export class SymValue {
  /** A callable BUILD planted as `__setstate__` in this object's dict: the next BUILD calls it. */
  setstate: unknown = undefined;
  constructor(readonly what: string, readonly origin: SymGlobal | null, readonly bytes?: Uint8Array) {}
}

/** operator.attrgetter(...) / methodcaller(...): calling it does getattr on its argument. */
class AttrGetter {
  constructor(readonly names: readonly string[], readonly method: boolean, readonly args: readonly unknown[]) {}
}

/** A dict, kept as its items: the audit needs no hashing, so unhashable or symbolic keys cannot stop it. */
export class AuditDict {
  readonly items: unknown[] = [];
}

/** A set or frozenset: its items were already audited when they were built. */
class AuditSet {}

/** Where a nested pickle goes: the file auditor sniffs and audits it as a stream of its own. */
export type NestedHandler = (bytes: Uint8Array, origin: string, parent: AuditStream) => void;

export interface StreamAuditOptions {
  fixImports?: boolean;
  member: string | null;
  onNested?: NestedHandler;
  /**
   * Bytes the modelled decoders (base64, zlib, ...) may still produce in this
   * file, shared by all its streams: a memo GET can hand the same payload to
   * a decoder a million times.
   */
  budget: { decoded: number };
  /** Read frames as a file-backed CPython does (FileBackedCursor): the second reading of a stream with a FRAME desync. */
  fileBacked?: boolean;
}

const NO_REGISTRY = new Registry();

/** Names that resolve other names: modelled so the report names what Python would really reach. */
const GETATTR = new Set(['builtins.getattr']);
const ATTRGETTER = new Set(['operator.attrgetter', '_operator.attrgetter']);
const METHODCALLER = new Set(['operator.methodcaller', '_operator.methodcaller']);
const IMPORTERS = new Set(['importlib.import_module', 'builtins.__import__', 'importlib.__import__']);
const NAME_RESOLVERS = new Set(['pkgutil.resolve_name', 'pydoc.locate']);

export class AuditMachine extends Machine {
  readonly stream: AuditStream;
  /** copyreg.add_extension calls the pickle made: code -> (module, name). */
  private readonly extensions = new Map<number, [string, string]>();
  private readonly globalsSeen = new Map<AuditGlobal, SymGlobal>();
  private readonly byName = new Map<string, SymGlobal>();
  /** Payloads already handed to the nested handler: a memo GET of the same bytes is one nested stream. */
  private readonly nestedSeen = new WeakSet<Uint8Array>();
  private readonly streamStart: number;
  /** The source read lazily: payloads the machine skipped are read when someone looks inside. */
  private readonly lazy: LazyBytes | undefined;

  constructor(input: Uint8Array | LazyBytes, start: number, readonly log: AuditLog, stream: AuditStream, readonly audit: StreamAuditOptions) {
    const lazy = input instanceof LazyBytes ? input : undefined;
    const bytes = lazy === undefined ? input as Uint8Array : lazy.bytes;
    super(bytes, start, NO_REGISTRY, { encoding: 'latin1', fixImports: audit.fixImports ?? true },
      lazy !== undefined ? new LazyCursor(lazy, start) : audit.fileBacked ? new FileBackedCursor(bytes, start) : undefined);
    this.lazy = lazy;
    this.dispatch = AUDIT_DISPATCH;
    this.stream = stream;
    this.streamStart = start;
  }

  finding(kind: string, severity: Severity, message: string, global?: string, offset = this.cursor.opStart): void {
    this.log.find({ kind, severity, message, member: this.audit.member, stream: this.stream.index, offset, ...(global ? { global } : {}) });
  }

  // ---- globals ----

  /** find_class: the mapping CPython applies, then a record instead of an import. */
  resolveGlobal(module: string, name: string, via: string): SymGlobal {
    const mapping = this.protocol < 3 && this.fixImports;
    // the same name again (a pickle may import one global a million times) skips the mapping and the log's key
    const key = `${mapping ? 'm' : 'r'}${module}\n${name}`;
    const known = this.byName.get(key);
    if (known !== undefined) {
      noteImport(known.rec, via, this.cursor.opStart);
      return known;
    }
    const [mod, nm] = mapping ? mapPython2Name(module, name) : [module, name];
    const g = this.symGlobal(module, name, mod, nm, via);
    this.byName.set(key, g);
    return g;
  }

  private symGlobal(module: string, name: string, mappedModule: string, mappedName: string, via: string): SymGlobal {
    const rec = this.log.global(
      { module, name, mappedModule, mappedName, member: this.audit.member, stream: this.stream.index },
      () => ({ qualname: qualnameOf(mappedModule, mappedName), ...classify(module, name, mappedModule, mappedName) }),
    );
    noteImport(rec, via, this.cursor.opStart);
    let g = this.globalsSeen.get(rec);
    if (g === undefined) {
      g = new SymGlobal(rec);
      this.globalsSeen.set(rec, g);
      if (mappedName.includes('.')) {
        this.finding('dotted-name', 'dangerous', `${via} ${rec.qualname}: a dotted name, resolved attribute by attribute (protocol >= 4)`, rec.qualname);
      }
    }
    return g;
  }

  /** getattr(obj, 'a.b'): a global reached from another one. */
  private attribute(obj: unknown, attr: string, via: string): unknown {
    if (obj instanceof SymGlobal) {
      const { mappedModule: module, mappedName } = obj.rec;
      const name = mappedName === '' ? attr : `${mappedName}.${attr}`;
      return this.symGlobal(module, name, module, name, via);
    }
    return new SymValue(`${describe(obj)}.${attr}`, obj instanceof SymValue ? obj.origin : null);
  }

  // ---- calls ----

  /** f(*args) for REDUCE, NEWOBJ(_EX), INST, OBJ and BUILD's __setstate__: recorded, modelled where it matters. */
  call(f: unknown, args: readonly unknown[], op: string): unknown {
    if (f instanceof AttrGetter) return this.callAttrGetter(f, args, op);
    if (!(f instanceof SymGlobal)) {
      if (f instanceof SymValue) {
        this.finding('indirect-call', 'dangerous', `${op} calls ${f.what}, a value that is not an imported global`,
          f.origin?.rec.qualname);
        return new SymValue(`${f.what}(...)`, f.origin);
      }
      throw this.error(`'${pyTypeName(f)}' object is not callable (${op})`, 'TypeError');
    }
    const rec = f.rec;
    noteUse(rec, op, this.cursor.opStart);
    const q = rec.qualname;
    const s0 = strArg(args[0]);
    if (GETATTR.has(q) && args.length >= 2) {
      const attr = strArg(args[1]);
      if (attr !== undefined) return this.attribute(args[0], attr, 'getattr');
    }
    if (ATTRGETTER.has(q) && args.length > 0 && args.every((a) => strArg(a) !== undefined)) {
      return new AttrGetter(args.map((a) => strArg(a)!), false, []);
    }
    if (METHODCALLER.has(q) && s0 !== undefined) return new AttrGetter([s0], true, args.slice(1));
    if (IMPORTERS.has(q) && s0 !== undefined) return this.symGlobal(s0, '', s0, '', q);
    if (NAME_RESOLVERS.has(q) && s0 !== undefined) {
      const [module, name] = s0.includes(':') ? s0.split(':', 2) as [string, string] : splitLast(s0);
      return this.symGlobal(module, name, module, name, q);
    }
    if ((q === 'copyreg.add_extension') && args.length === 3 && typeof args[2] === 'number') {
      const [m, n] = [strArg(args[0]), strArg(args[1])];
      if (m !== undefined && n !== undefined) this.extensions.set(args[2], [m, n]);
    }
    if (q === 'copyreg._reconstructor' && args.length >= 2) this.checkReconstructor(args);
    const modelled = this.audit.budget.decoded > 0 && isModelled(q) ? this.model(q, args) : undefined;
    if (modelled !== undefined) {
      this.audit.budget.decoded -= modelled instanceof Uint8Array ? modelled.length : modelled.value.length;
      if (this.audit.budget.decoded <= 0) {
        this.finding('decode-budget', 'unknown', `the decoders' output budget is spent: later results of ${q} and its kind are not modelled`);
      }
      return modelled;
    }
    if (BYTES_WRAPPERS.has(q)) {
      const a = args[0];
      return new SymValue(`${q}(...)`, f, a instanceof Uint8Array ? a : typeof a === 'string' ? latin1Bytes(a) : undefined);
    }
    if (LOADERS.has(q)) this.nested(q, args);
    return new SymValue(`${q}(...)`, f);
  }

  private model(q: string, args: readonly unknown[]): ReturnType<typeof modelCall> {
    const lazy = this.lazy;
    return modelCall(q, lazy === undefined ? args : args.map((a) => (a instanceof Uint8Array ? lazy.materialize(a) : a)));
  }

  private callAttrGetter(g: AttrGetter, args: readonly unknown[], op: string): unknown {
    let x = args[0];
    for (const name of g.names) for (const part of name.split('.')) x = this.attribute(x, part, g.method ? 'methodcaller' : 'attrgetter');
    return g.method ? this.call(x, g.args, `${op} (methodcaller)`) : x;
  }

  /** copyreg._reconstructor(cls, base, state) runs base.__new__ and base.__init__ unless base is object. */
  private checkReconstructor(args: readonly unknown[]): void {
    const base = args[1];
    if (base instanceof SymGlobal && base.rec.qualname === 'builtins.object') return;
    const what = base instanceof SymGlobal ? base.rec.qualname : describe(base);
    if (base instanceof SymGlobal) noteUse(base.rec, 'REDUCE (copyreg._reconstructor base)', this.cursor.opStart);
    this.finding('reconstructor-base', 'dangerous', `copyreg._reconstructor with base ${what}: calls ${what}.__new__ and __init__`, what);
  }

  /**
   * A loader given bytes: those bytes are a pickle Python would run too. A
   * str counts as its latin1 bytes: a Python 2 str, which Python 2 loads
   * (and Python 3 too under encoding='bytes').
   */
  private nested(q: string, args: readonly unknown[]): void {
    let bytes: Uint8Array | undefined;
    for (const a of args) {
      bytes = a instanceof Uint8Array ? a : a instanceof SymValue ? a.bytes : typeof a === 'string' ? latin1Bytes(a) : undefined;
      if (bytes !== undefined) break;
    }
    if (bytes === undefined || this.nestedSeen.has(bytes)) return;
    this.nestedSeen.add(bytes);
    if (this.lazy !== undefined) bytes = this.lazy.materialize(bytes);
    this.finding('nested-pickle', 'dangerous', `${q} is called with ${bytes.length} bytes of data: audited as a nested stream`, q);
    this.audit.onNested?.(bytes, `nested: ${q} at byte ${this.cursor.opStart}`, this.stream);
  }

  // ---- opcodes whose meaning the audit changes ----

  stackGlobal(): void {
    const name = this.pop();
    const module = this.pop();
    if (typeof name === 'string' && typeof module === 'string') {
      this.push(this.resolveGlobal(module, name, 'STACK_GLOBAL'));
      return;
    }
    const m = strArg(module);
    const n = strArg(name);
    if (m !== undefined && n !== undefined) {
      // computed by a modelled call (rot13, ...): a finding, and we know what Python imports
      const g = this.resolveGlobal(m, n, 'STACK_GLOBAL (computed)');
      this.finding('computed-global-name', 'dangerous', `STACK_GLOBAL of ${g.rec.qualname} from strings a call computed, not literals`, g.rec.qualname);
      this.push(g);
      return;
    }
    if (isSymbolic(module) || isSymbolic(name)) {
      const what = `${isSymbolic(module) ? describe(module) : String(m)}, ${isSymbolic(name) ? describe(name) : String(n)}`;
      this.finding('computed-global-name', 'dangerous', `STACK_GLOBAL of values the pickle computed (${what}): what it imports is known only when it runs`);
      this.push(new SymValue(`STACK_GLOBAL(${what})`, null));
      return;
    }
    throw this.error('STACK_GLOBAL requires str');
  }

  override build(): void {
    const state = this.pop();
    const obj = this.top();
    const at = this.cursor.opStart;
    if (obj instanceof SymGlobal) {
      noteUse(obj.rec, 'BUILD', at);
      this.finding('build-on-global', 'dangerous', `BUILD sets attributes on the imported ${obj.rec.qualname} itself`, obj.rec.qualname);
      return;
    }
    if (!(obj instanceof SymValue)) return; // CPython raises for builtin values; nothing runs
    if (obj.origin !== null) noteUse(obj.origin.rec, 'BUILD', at);
    if (obj.setstate !== undefined) {
      this.finding('setstate-call', 'dangerous', `BUILD calls a __setstate__ the pickle planted in ${obj.what}`);
      this.call(obj.setstate, [state], 'BUILD (__setstate__)');
      return;
    }
    const dicts = isTuple(state) && state.length === 2 ? [state[0], state[1]] : [state];
    for (const d of dicts) {
      if (!(d instanceof AuditDict)) continue;
      for (let i = 0; i < d.items.length; i += 2) {
        const key = strArg(d.items[i]);
        if (key === undefined || !/^__.*__$/.test(key)) continue;
        this.finding('dunder-state', 'dangerous', `BUILD sets ${key} on ${obj.what}`, obj.origin?.rec.qualname);
        if (key === '__setstate__') obj.setstate = d.items[i + 1];
      }
    }
  }

  override appendItems(items: unknown[]): void {
    const target = this.top();
    if (Array.isArray(target) && !isTuple(target)) for (const x of items) target.push(x);
  }

  override setItems(items: unknown[]): void {
    const target = this.top();
    if (target instanceof AuditDict) for (const x of items) target.items.push(x);
  }

  extension(code: number): unknown {
    if (code <= 0) throw this.error('EXT specifies code <= 0');
    const entry = this.extensions.get(code);
    if (entry === undefined) {
      this.finding('ext', 'dangerous', `EXT code ${code}: resolved through copyreg's extension registry, which the loading program controls`);
      return new SymValue(`extension ${code}`, null);
    }
    const g = this.resolveGlobal(entry[0], entry[1], 'EXT');
    this.finding('ext', 'dangerous', `EXT code ${code} resolves to ${g.rec.qualname} (registered by copyreg.add_extension in this pickle)`, g.rec.qualname);
    return g;
  }

  persistent(pid: unknown): SymValue {
    this.finding('persistent-id', 'info', `persistent id ${describe(pid)}: the loader's persistent_load decides what it becomes`);
    return new SymValue('persistent_load(...)', null);
  }

  /** FRAMEs that an opcode crossed: the stream deserves a second, file-backed reading. */
  desyncs = 0;

  override enterFrame(length: number): void {
    super.enterFrame(length);
    if (this.cursor instanceof FileBackedCursor) this.cursor.frameEnd = this.frameEnd;
  }

  protected override leaveFrame(): void {
    if (this.cursor.pos > this.frameEnd && !(this.cursor instanceof FileBackedCursor)) {
      this.desyncs++;
      this.finding('frame-desync', 'dangerous',
        `an opcode crosses the end of the FRAME at byte ${this.frameEnd}: a file-backed unpickler reads these bytes differently`,
        undefined, this.cursor.opStart);
    }
    this.frameEnd = -1;
  }

  proto(v: number): void {
    if (v > 5) throw this.error(`unsupported pickle protocol: ${v}`, 'ValueError');
    if (this.cursor.opStart !== this.streamStart) {
      this.finding('proto-change', 'unknown', `PROTO ${v} in the middle of the stream (was ${this.protocol}): name mapping and dotted names change from here`);
    }
    this.protocol = v;
    this.stream.protocol = v;
  }
}

function latin1Bytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

function splitLast(s: string): [string, string] {
  const i = s.lastIndexOf('.');
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function isSymbolic(x: unknown): boolean {
  return x instanceof SymValue || x instanceof SymGlobal || x instanceof AttrGetter;
}

/** A short description of a value for messages: never walks into it. */
export function describe(x: unknown): string {
  if (x instanceof SymGlobal) return x.rec.qualname;
  if (x instanceof SymValue) return x.what;
  if (x instanceof ComputedStr) return `${JSON.stringify(x.value)} (${x.how})`;
  if (x instanceof AttrGetter) return `${x.method ? 'methodcaller' : 'attrgetter'}(${x.names.join(', ')})`;
  if (x instanceof AuditDict) return 'a dict';
  if (typeof x === 'string') return JSON.stringify(x.length > 60 ? `${x.slice(0, 60)}...` : x);
  if (isTuple(x)) return `(${x.slice(0, 5).map(describe).join(', ')}${x.length > 5 ? ', ...' : ''})`;
  return pyTypeName(x);
}

/** The audit's handlers: those that import, call or build; everything else is the unpickler's. */
const AUDIT_DISPATCH: Dispatch = dispatchTable({
  GLOBAL: (m, a) => {
    const [module, name] = a as [string, string];
    m.push((m as AuditMachine).resolveGlobal(module, name, 'GLOBAL'));
  },
  STACK_GLOBAL: (m) => (m as AuditMachine).stackGlobal(),
  INST: (m, a) => {
    const [module, name] = a as [string, string];
    const args = m.popMark();
    const am = m as AuditMachine;
    m.push(am.call(am.resolveGlobal(module, name, 'INST'), args, 'INST'));
  },
  OBJ: (m) => {
    const items = m.popMark();
    if (items.length === 0) throw m.underflow();
    m.push((m as AuditMachine).call(items[0], items.slice(1), 'OBJ'));
  },
  REDUCE: (m) => {
    const args = m.pop();
    const f = m.pop();
    if (!isTuple(args) && !(args instanceof SymValue)) {
      throw m.error(`the arguments of REDUCE must be a tuple, not ${pyTypeName(args)}`, 'TypeError');
    }
    m.push((m as AuditMachine).call(f, isTuple(args) ? args : [], 'REDUCE'));
  },
  NEWOBJ: (m) => {
    const args = m.pop();
    const cls = m.pop();
    m.push((m as AuditMachine).call(cls, isTuple(args) ? args : [], 'NEWOBJ'));
  },
  NEWOBJ_EX: (m) => {
    m.pop();
    const args = m.pop();
    const cls = m.pop();
    m.push((m as AuditMachine).call(cls, isTuple(args) ? args : [], 'NEWOBJ_EX'));
  },
  EXT1: (m, a) => m.push((m as AuditMachine).extension(a as number)),
  EXT2: (m, a) => m.push((m as AuditMachine).extension(a as number)),
  EXT4: (m, a) => m.push((m as AuditMachine).extension(a as number)),
  PERSID: (m, a) => m.push((m as AuditMachine).persistent(a)),
  BINPERSID: (m) => m.push((m as AuditMachine).persistent(m.pop())),
  EMPTY_DICT: (m) => m.push(new AuditDict()),
  DICT: (m) => {
    const items = m.popMark();
    if (items.length % 2 !== 0) throw m.error('odd number of items for DICT');
    const d = new AuditDict();
    for (const x of items) d.items.push(x);
    m.push(d);
  },
  EMPTY_SET: (m) => m.push(new AuditSet()),
  ADDITEMS: (m) => {
    m.popMark();
    m.top();
  },
  FROZENSET: (m) => {
    m.popMark();
    m.push(new AuditSet());
  },
  // a view, not a copy: array payloads are skipped by offset
  BYTEARRAY8: (m, a) => m.push(a),
  NEXT_BUFFER: (m) => {
    (m as AuditMachine).finding('out-of-band-buffer', 'info', 'NEXT_BUFFER: the data comes from buffers the loader passes');
    m.push(new SymValue('an out-of-band buffer', null));
  },
  READONLY_BUFFER: (m) => void m.top(),
  PROTO: (m, a) => (m as AuditMachine).proto(a as number),
});

/** What one stream's run left: where it ended, and the error that stopped it, if any. */
export interface StreamOutcome {
  end: number;
  error: NpyioError | null;
  /** False when the very first byte was not an opcode (or the input was empty). */
  readAny: boolean;
  /** An opcode crossed a FRAME's end: a file-backed unpickler reads this stream differently. */
  desync: boolean;
}

/** Runs one stream from `start` to its STOP or its first error. Never throws a parser error. */
export function auditStream(input: Uint8Array | LazyBytes, start: number, log: AuditLog, stream: AuditStream, opts: StreamAuditOptions): StreamOutcome {
  const m = new AuditMachine(input, start, log, stream, opts);
  try {
    m.run();
    stream.end = m.cursor.pos;
    stream.complete = true;
    return { end: m.cursor.pos, error: null, readAny: true, desync: m.desyncs > 0 };
  } catch (e) {
    const readAny = m.cursor.opStart > start;
    const desync = m.desyncs > 0;
    if (e instanceof NpyioError) return { end: m.cursor.pos, error: e, readAny, desync };
    // a RangeError from a runaway structure is still the file's fault: report it, never crash on it
    const err = new UnpicklingError(`audit stopped: ${(e as Error).message}`, { offset: m.cursor.opStart });
    return { end: m.cursor.pos, error: err, readAny, desync };
  }
}
