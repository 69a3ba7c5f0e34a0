/**
 * JavaScript forms of the Python values an unpickle can produce beyond the
 * plain ones of DESIGN.md (None, bool, int, float, str, bytes, list, tuple,
 * dict as Map, set as Set): small classes, one per Python type, so
 * `toPyJSON` and callers can tell them apart with `instanceof`.
 */

/** A class or function met as a value (`GLOBAL` not called): pyjson `$global`. */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  get qualname(): string {
    return `${this.module}.${this.name}`;
  }
  toString(): string {
    return `<global ${this.qualname}>`;
  }
}

/**
 * An instance of a class the caller accepted as opaque: what the pickle said
 * about it, nothing run. `args`/`kwargs` from REDUCE/NEWOBJ/INST/OBJ, `state`
 * from BUILD, `items`/`dictitems` from APPEND(S)/SETITEM(S) on it.
 */
export class PyObject {
  args: unknown[] = [];
  kwargs: Map<unknown, unknown> | null = null;
  state: unknown = null;
  items: unknown[] | null = null;
  dictitems: [unknown, unknown][] | null = null;
  constructor(readonly cls: PyGlobal) {}
}

export class PyByteArray {
  constructor(readonly bytes: Uint8Array) {}
}

export class PySlice {
  constructor(readonly start: unknown, readonly stop: unknown, readonly step: unknown) {}
}

export class PyRange {
  constructor(readonly start: number | bigint, readonly stop: number | bigint, readonly step: number | bigint) {}
}

export class PyDecimal {
  /** Python's str() of the Decimal. */
  constructor(readonly text: string) {}
}

/** datetime.timedelta, normalised as Python does: 0 <= seconds < 86400, 0 <= microseconds < 10**6. */
export class PyTimedelta {
  constructor(readonly days: number, readonly seconds: number, readonly microseconds: number) {}
}

/** datetime.timezone: a fixed offset and an optional name. */
export class PyTimezone {
  constructor(readonly offset: PyTimedelta, readonly name: string | null) {}
}

export class PyDate {
  constructor(readonly year: number, readonly month: number, readonly day: number) {}
}

export class PyTime {
  constructor(
    readonly hour: number, readonly minute: number, readonly second: number, readonly microsecond: number,
    readonly tzinfo: unknown = null, readonly fold = 0,
  ) {}
}

export class PyDateTime {
  constructor(
    readonly year: number, readonly month: number, readonly day: number,
    readonly hour: number, readonly minute: number, readonly second: number, readonly microsecond: number,
    readonly tzinfo: unknown = null, readonly fold = 0,
  ) {}
}

/** A numpy scalar (`np.float64(1.5)`): its dtype and the item's bytes, native order as numpy makes it. */
export class NumpyScalar {
  constructor(readonly dtype: import('../dtype/dtype.js').DType, readonly data: Uint8Array) {}
}

const FROZEN_MARK: unique symbol = Symbol.for('npyio.frozenset');

/** A Python frozenset: a frozen Set that `isFrozenSet` recognises. */
export function makeFrozenSet<T>(items: Iterable<T>): ReadonlySet<T> {
  const s = new Set(items);
  Object.defineProperty(s, FROZEN_MARK, { value: true, enumerable: false });
  return Object.freeze(s);
}

export function isFrozenSet(x: unknown): x is ReadonlySet<unknown> {
  return x instanceof Set && (x as unknown as Record<symbol, unknown>)[FROZEN_MARK] === true;
}
