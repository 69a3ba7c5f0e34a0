/**
 * JavaScript forms of Python values that have no native JS twin.
 * (The value model of DESIGN.md: tuples are frozen arrays carrying a mark,
 * complex numbers a small class.)
 */

const TUPLE_MARK: unique symbol = Symbol.for('npyio.tuple');

/** A Python tuple: a frozen array that `isTuple` recognises. */
export type PyTupleValue<T = unknown> = readonly T[] & { readonly [TUPLE_MARK]: true };

export function makeTuple<T>(items: T[]): PyTupleValue<T> {
  // A plain symbol-keyed assignment (JSON and Object.keys ignore it) costs less
  // than half of defineProperty on the unpickler's hot path.
  (items as unknown as Record<symbol, boolean>)[TUPLE_MARK] = true;
  return Object.freeze(items) as unknown as PyTupleValue<T>;
}

export function isTuple(x: unknown): x is PyTupleValue {
  return Array.isArray(x) && (x as unknown as Record<symbol, unknown>)[TUPLE_MARK] === true;
}

/** Python's complex: two float64 parts. */
export class PyComplex {
  constructor(readonly re: number, readonly im: number) {}
  toString(): string {
    return `(${this.re}${this.im < 0 || Object.is(this.im, -0) ? '-' : '+'}${Math.abs(this.im)}j)`;
  }
}
