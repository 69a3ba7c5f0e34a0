/**
 * toPyJSON: the canonical JSON of ../shared/spec/pyjson.md for the values
 * npyio produces. Plain JSON objects never appear: every tagged form is an
 * object with one `$` key, and dicts are lists of pairs.
 */
import { NpyioArgumentError } from './errors.js';
import { DType } from './dtype/dtype.js';
import { base64 } from './io/base64.js';
import { NdArray } from './ndarray.js';
import { isFortranOnly } from './npy/write.js';
import { isTuple, PyComplex } from './values.js';

/** JSON values; objects occur only as `{"$tag": ...}` and inside `$ndarray`/`$object`. */
export type PyJSON = null | boolean | number | string | PyJSON[] | { [key: string]: PyJSON };

/** pyjson's D: `dtype.descr` for records, `dtype.str` otherwise. */
export function dtypeId(d: DType): PyJSON {
  return d.fieldList !== null ? (JSON.parse(JSON.stringify(d.descr)) as PyJSON) : d.str;
}

function float(x: number): PyJSON {
  if (Number.isNaN(x)) return { $float: 'nan' };
  if (x === Infinity) return { $float: 'inf' };
  if (x === -Infinity) return { $float: '-inf' };
  if (Object.is(x, -0)) return { $float: '-0.0' };
  return x;
}

export function toPyJSON(value: unknown): PyJSON {
  return encode(value, []);
}

function encode(v: unknown, path: object[]): PyJSON {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return float(v);
    case 'bigint':
      return Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v ? Number(v) : { $int: v.toString() };
    case 'string':
      return v;
    default:
      break;
  }
  if (v instanceof Uint8Array) return { $bytes: base64(v) };
  if (v instanceof PyComplex) return { $complex: [float(v.re), float(v.im)] };
  if (v instanceof DType) return { $dtype: dtypeId(v) };
  if (v instanceof NdArray) return ndarrayJSON(v);
  if (typeof v === 'object') {
    const depth = path.indexOf(v);
    if (depth >= 0) return { $cycle: depth };
    const inner = [...path, v];
    if (Array.isArray(v)) {
      const items = v.map((x) => encode(x, inner));
      return isTuple(v) ? { $tuple: items } : items;
    }
    if (v instanceof Map) return { $dict: [...v].map(([k, x]) => [encode(k, inner), encode(x, inner)]) };
    if (v instanceof Set) return { $set: [...v].map((x) => encode(x, inner)) };
  }
  throw new NpyioArgumentError(`no pyjson form for ${Object.prototype.toString.call(v)}`);
}

function ndarrayJSON(a: NdArray): PyJSON {
  return {
    $ndarray: {
      dtype: dtypeId(a.dtype),
      shape: [...a.shape],
      order: isFortranOnly(a) ? 'F' : 'C',
      data: base64(a.storedBytes('C')),
    },
  };
}
