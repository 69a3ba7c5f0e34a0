/**
 * The values `ast.literal_eval` returns, as JavaScript objects, and
 * Python's equality and hashing for dict keys and set items (what
 * `dict.__setitem__` and `set.add` rely on in CPython 3.11: `1 == 1.0 ==
 * True`, and `hash()` refusing lists, dicts and sets).
 */

import { PyComplex } from '../../values.js';
import { PyLiteralValueError } from './errors.js';

export { PyComplex };

/** Python `tuple`. */
export class PyTuple {
  readonly items: PyLit[];
  constructor(items: PyLit[] = []) {
    this.items = items;
  }
}

/** Python `dict`: entries in insertion order. */
export class PyDict {
  entries: [PyLit, PyLit][];
  constructor(entries: [PyLit, PyLit][] = []) {
    this.entries = entries;
  }
  /** The value stored under a key equal (in Python's sense) to `key`. */
  get(key: PyLit): PyLit | undefined {
    const want = keyOf(key);
    for (const [k, v] of this.entries) if (keyOf(k) === want) return v;
    return undefined;
  }
}

/** Python `set`: items in the order they were first inserted. */
export class PySet {
  items: PyLit[];
  constructor(items: PyLit[] = []) {
    this.items = items;
  }
}

/**
 * A Python literal value: str -> string, int -> bigint (always), float ->
 * number, bool -> boolean, None -> null, bytes -> Uint8Array, complex ->
 * PyComplex, tuple -> PyTuple, list -> array, dict -> PyDict, set -> PySet.
 */
export type PyLit =
  | string
  | bigint
  | number
  | boolean
  | null
  | Uint8Array
  | PyComplex
  | PyTuple
  | PyLit[]
  | PyDict
  | PySet;

/** Stands for Ellipsis while converting (see convert in evaluate.ts). */
export const ELLIPSIS: PyLit = new PyTuple([]);

/**
 * A string equal for two values exactly when Python's `==` holds between
 * them (for hashable literal values); throws TypeError-type errors for
 * unhashable ones, as `hash()` does.
 */
export function keyOf(v: PyLit): string {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'bigint':
      return 'i' + v.toString();
    case 'boolean':
      return v ? 'i1' : 'i0';
    case 'number':
      return floatKey(v);
    default:
      break;
  }
  if (v === null) return 'N';
  if (v === ELLIPSIS) return 'E';
  if (v instanceof PyComplex) return v.im === 0 ? floatKey(v.re) : 'c' + floatKey(v.re) + ',' + floatKey(v.im);
  if (v instanceof Uint8Array) {
    let s = 'b';
    for (let i = 0; i < v.length; i++) s += String.fromCharCode(v[i]!);
    return s;
  }
  if (v instanceof PyTuple) {
    let s = 't' + v.items.length;
    for (const x of v.items) {
      const k = keyOf(x);
      s += ':' + k.length + ':' + k;
    }
    return s;
  }
  const type = Array.isArray(v) ? 'list' : v instanceof PyDict ? 'dict' : v instanceof PySet ? 'set' : typeof v;
  throw new PyLiteralValueError(`unhashable type: '${type}'`, { pythonType: 'TypeError' });
}

function floatKey(f: number): string {
  if (Number.isInteger(f)) return 'i' + BigInt(f).toString();
  return 'f' + String(f);
}
