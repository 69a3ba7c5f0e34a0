/**
 * The registry: the only way a pickle's global becomes something. GLOBAL,
 * STACK_GLOBAL, INST and EXT all resolve through `Registry.resolve`, which
 * applies the Python 2 name mapping (compat.ts) and then looks the final
 * `module.qualname` up as one exact string: a dotted name is never walked
 * attribute by attribute. Anything not allowed is refused before anything
 * happens, or, when the caller asked for it, becomes an opaque PyObject that
 * records what the pickle said about it.
 */
import type { UnpicklingError } from '../errors.js';
import { PyGlobal, PyObject } from './values.js';

/** What a handler may ask of the running machine. */
export interface CallContext {
  /** How Python 2 `str` objects were decoded: 'ASCII', 'latin1', 'bytes' or a codec name. */
  readonly encoding: string;
  /** The protocol read so far. */
  readonly protocol: number;
  /** An UnpicklingError at the current opcode; `pythonType` names CPython's exception class. */
  error(message: string, pythonType?: string): UnpicklingError;
  /**
   * Registers what BUILD does to `obj` (its `__setstate__`). The hook returns
   * the finished object, which takes `obj`'s place on the stack and in the memo.
   */
  onBuild(obj: object, hook: (state: unknown) => unknown): void;
  /** Registers what APPEND/APPENDS (`append`/`extend`) do to `obj`. */
  onAppend(obj: object, hook: (items: unknown[]) => void): void;
  /** Registers what SETITEM/SETITEMS (`__setitem__`) do to `obj`. */
  onSetItem(obj: object, hook: (key: unknown, value: unknown) => void): void;
  /** Python dict insertion with Python key equality (1 == 1.0 == True). */
  dictSet(d: Map<unknown, unknown>, key: unknown, value: unknown): void;
  /** Python set insertion with Python equality. */
  setAdd(s: Set<unknown>, item: unknown): void;
}

/** How one allowed global behaves. Every member is optional: a missing one is a refusal. */
export interface GlobalHandler {
  /** `f(*args)` for REDUCE, and `cls(*args)` for INST/OBJ. */
  call?(args: readonly unknown[], ctx: CallContext): unknown;
  /** `cls.__new__(cls, *args, **kwargs)` for NEWOBJ and NEWOBJ_EX. */
  newobj?(args: readonly unknown[], kwargs: Map<unknown, unknown> | null, ctx: CallContext): unknown;
}

export interface Resolved {
  /** The global as a value (pyjson `$global`): pushed by GLOBAL. */
  readonly global: PyGlobal;
  readonly handler: GlobalHandler;
}

/** Opaque classes: calling them makes a PyObject that records args, state and items. */
function opaqueHandler(cls: PyGlobal): GlobalHandler {
  const make = (args: readonly unknown[], kwargs: Map<unknown, unknown> | null, ctx: CallContext) => {
    const obj = new PyObject(cls);
    obj.args = [...args];
    obj.kwargs = kwargs;
    ctx.onBuild(obj, (state) => {
      obj.state = state;
      return obj;
    });
    ctx.onAppend(obj, (items) => {
      (obj.items ??= []).push(...items);
    });
    ctx.onSetItem(obj, (k, v) => {
      (obj.dictitems ??= []).push([k, v]);
    });
    return obj;
  };
  return {
    call: (args, ctx) => make(args, null, ctx),
    newobj: (args, kwargs, ctx) => make(args, kwargs, ctx),
  };
}

export class Registry {
  private readonly handlers = new Map<string, GlobalHandler>();
  private readonly opaque: (string | RegExp)[] = [];
  private readonly resolved = new Map<string, Resolved>();

  constructor(from?: Registry) {
    if (from) {
      for (const [k, h] of from.handlers) this.handlers.set(k, h);
      this.opaque.push(...from.opaque);
    }
  }

  /** Allows `qualname` ('module.name', matched exactly) with this behaviour. */
  allow(qualname: string, handler: GlobalHandler): this {
    this.handlers.set(qualname, handler);
    this.resolved.delete(qualname);
    return this;
  }

  /**
   * Accepts matching classes as opaque PyObjects: 'module.Name', 'module.*'
   * (any name in that module exactly), or a RegExp on 'module.qualname'.
   */
  allowOpaque(pattern: string | RegExp): this {
    this.opaque.push(pattern);
    this.resolved.clear();
    return this;
  }

  has(qualname: string): boolean {
    return this.handlers.has(qualname);
  }

  /** Every exact `module.qualname` this registry allows (opaque patterns aside). */
  allowedNames(): string[] {
    return [...this.handlers.keys()];
  }

  /** The allowed global for an already-mapped module and name, or null: the caller refuses it. */
  resolve(module: string, name: string): Resolved | null {
    const key = `${module}.${name}`;
    let r = this.resolved.get(key);
    if (r === undefined) {
      const global = new PyGlobal(module, name);
      const handler = this.handlers.get(key) ?? (this.isOpaque(module, name) ? opaqueHandler(global) : undefined);
      if (handler === undefined) return null;
      r = { global, handler };
      this.resolved.set(key, r);
    }
    return r;
  }

  private isOpaque(module: string, name: string): boolean {
    const key = `${module}.${name}`;
    return this.opaque.some((p) =>
      typeof p === 'string' ? p === key || (p.endsWith('.*') && p.slice(0, -2) === module && !name.includes('.')) : p.test(key));
  }
}
