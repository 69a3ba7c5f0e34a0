/**
 * toPyJSON: the canonical JSON of ../shared/spec/pyjson.md for every value
 * npyio produces. Plain JSON objects never appear except inside `$ndarray`,
 * `$npscalar` and `$object`; dicts are lists of pairs.
 *
 * The writer is iterative (an explicit work stack, no recursion), so a
 * million nested lists print without overflowing the JS stack; `toPyJSONText`
 * gives the text directly, `toPyJSON` the parsed form.
 */
import { NpyioArgumentError } from './errors.js';
import { DType } from './dtype/dtype.js';
import { base64 } from './io/base64.js';
import { NdArray } from './ndarray.js';
import { isFortranOnly } from './npy/write.js';
import { ObjectArray } from './pickle/numpy.js';
import {
  isFrozenSet, NumpyScalar, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyObject, PyRange, PySlice, PyTime,
  PyTimedelta, PyTimezone,
} from './pickle/values.js';
import { isTuple, PyComplex } from './values.js';

export type PyJSON = null | boolean | number | string | PyJSON[] | { [key: string]: PyJSON };

/** pyjson's D: `dtype.descr` for records, `dtype.str` otherwise. */
export function dtypeId(d: DType): PyJSON {
  return d.fieldList !== null ? (JSON.parse(JSON.stringify(d.descr)) as PyJSON) : d.str;
}

export interface PyJSONOptions {
  /**
   * Most items the text may repeat by printing a shared container again (a
   * list memoized once and referenced many times prints in full each time):
   * a billion-laughs pickle of a few hundred bytes would print 10^30 items.
   * Default 1,000,000.
   */
  maxRepeatedItems?: number;
}

const DEFAULT_MAX_REPEATED = 1_000_000;

export function toPyJSON(value: unknown, opts: PyJSONOptions = {}): PyJSON {
  return JSON.parse(toPyJSONText(value, opts)) as PyJSON;
}

/** How many items printing `v` again repeats. */
function itemCount(v: object): number {
  if (Array.isArray(v)) return v.length + 1;
  if (v instanceof Map || v instanceof Set) return v.size + 1;
  if (v instanceof ObjectArray) return v.items.length + 1;
  return 1;
}

const json = (x: unknown): string => JSON.stringify(x);

function float(x: number): string {
  if (Number.isNaN(x)) return '{"$float":"nan"}';
  if (x === Infinity) return '{"$float":"inf"}';
  if (x === -Infinity) return '{"$float":"-inf"}';
  if (Object.is(x, -0)) return '{"$float":"-0.0"}';
  return String(x);
}

function int(x: number | bigint): string {
  const n = Number(x);
  return Number.isSafeInteger(n) && BigInt(n) === BigInt(x) ? String(n) : `{"$int":"${x.toString()}"}`;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** datetime's utcoffset text: +HH:MM[:SS[.ffffff]]. */
function offsetText(tz: unknown): string {
  if (tz === null || tz === undefined) return '';
  if (!(tz instanceof PyTimezone)) throw new NpyioArgumentError('a tzinfo other than datetime.timezone has no pyjson form');
  const o = tz.offset;
  let us = ((o.days * 86400 + o.seconds) * 1e6) + o.microseconds;
  const sign = us < 0 ? '-' : '+';
  us = Math.abs(us);
  const h = Math.floor(us / 3.6e9);
  const m = Math.floor((us % 3.6e9) / 6e7);
  const s = Math.floor((us % 6e7) / 1e6);
  const f = us % 1e6;
  let out = `${sign}${pad(h, 2)}:${pad(m, 2)}`;
  if (s || f) out += `:${pad(s, 2)}`;
  if (f) out += `.${pad(f, 6)}`;
  return out;
}

function timeText(h: number, m: number, s: number, us: number, always: boolean): string {
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${us || always ? `.${pad(us, 6)}` : ''}`;
}

/** Values that need no container walk. Returns undefined for containers. */
function leaf(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return float(v);
    case 'bigint':
      return int(v);
    case 'string':
      return json(v);
    default:
      break;
  }
  if (v instanceof Uint8Array) return `{"$bytes":"${base64(v)}"}`;
  if (v instanceof PyByteArray) return `{"$bytearray":"${base64(v.bytes)}"}`;
  if (v instanceof PyComplex) return `{"$complex":[${float(v.re)},${float(v.im)}]}`;
  if (v instanceof DType) return `{"$dtype":${json(dtypeId(v))}}`;
  if (v instanceof NdArray) {
    return `{"$ndarray":{"dtype":${json(dtypeId(v.dtype))},"shape":${json(v.shape)},"order":"${isFortranOnly(v) ? 'F' : 'C'}","data":"${base64(v.storedBytes('C'))}"}}`;
  }
  if (v instanceof NumpyScalar) return `{"$npscalar":{"dtype":${json(dtypeId(v.dtype))},"data":"${base64(v.data)}"}}`;
  if (v instanceof PyGlobal) return `{"$global":${json(v.qualname)}}`;
  if (v instanceof PyDate) return `{"$date":"${pad(v.year, 4)}-${pad(v.month, 2)}-${pad(v.day, 2)}"}`;
  if (v instanceof PyDateTime) {
    const d = `${pad(v.year, 4)}-${pad(v.month, 2)}-${pad(v.day, 2)}`;
    return `{"$datetime":"${d}T${timeText(v.hour, v.minute, v.second, v.microsecond, false)}${offsetText(v.tzinfo)}"}`;
  }
  if (v instanceof PyTime) return `{"$time":"${timeText(v.hour, v.minute, v.second, v.microsecond, true)}${offsetText(v.tzinfo)}"}`;
  if (v instanceof PyTimedelta) return `{"$timedelta":[${v.days},${v.seconds},${v.microseconds}]}`;
  if (v instanceof PyDecimal) return `{"$decimal":${json(v.text)}}`;
  if (v instanceof PyRange) return `{"$range":[${int(v.start)},${int(v.stop)},${int(v.step)}]}`;
  return undefined;
}

type Task = { emit: string } | { value: unknown } | { leave: object };

/** The pyjson text of `value`. */
export function toPyJSONText(value: unknown, opts: PyJSONOptions = {}): string {
  const out: string[] = [];
  const onPath = new Map<object, number>();
  const printed = new Set<object>();
  const maxRepeated = opts.maxRepeatedItems ?? DEFAULT_MAX_REPEATED;
  let repeated = 0;
  const work: Task[] = [{ value }];

  /** Schedules `items` separated by commas, then `close`. */
  const sequence = (items: readonly unknown[], close: string, owner: object | null) => {
    if (owner !== null) work.push({ leave: owner });
    work.push({ emit: close });
    for (let i = items.length - 1; i >= 0; i--) {
      work.push({ value: items[i] });
      if (i > 0) work.push({ emit: ',' });
    }
  };

  while (work.length > 0) {
    const t = work.pop()!;
    if ('emit' in t) {
      out.push(t.emit);
      continue;
    }
    if ('leave' in t) {
      onPath.delete(t.leave);
      continue;
    }
    const v = t.value;
    const simple = leaf(v);
    if (simple !== undefined) {
      out.push(simple);
      continue;
    }
    if (typeof v !== 'object') throw new NpyioArgumentError(`no pyjson form for ${typeof v}`);
    if (v instanceof Kwargs) {
      // pyjson.md prints keyword arguments as a JSON object: their keys are str
      const names = [...v.map.keys()].map(String);
      out.push('{');
      work.push({ emit: '}' });
      const values = [...v.map.values()];
      for (let i = names.length - 1; i >= 0; i--) {
        work.push({ value: values[i] }, { emit: `${i > 0 ? ',' : ''}${json(names[i])}:` });
      }
      continue;
    }
    if (v instanceof Pair) {
      // a dict item is not a container of its own: it takes no place on the path
      out.push('[');
      sequence([v.key, v.value], ']', null);
      continue;
    }
    const depth = onPath.get(v!);
    if (depth !== undefined) {
      out.push(`{"$cycle":${depth}}`);
      continue;
    }
    onPath.set(v!, onPath.size);
    if (printed.has(v!)) {
      repeated += itemCount(v!);
      if (repeated > maxRepeated) {
        throw new NpyioArgumentError(
          `the pyjson text would repeat shared containers for more than ${maxRepeated} items (maxRepeatedItems): the value shares its parts like a billion-laughs pickle`,
        );
      }
    } else printed.add(v!);
    if (Array.isArray(v)) {
      if (isTuple(v)) {
        out.push('{"$tuple":[');
        sequence(v, ']}', v);
      } else {
        out.push('[');
        sequence(v, ']', v);
      }
    } else if (v instanceof Map) {
      out.push('{"$dict":[');
      const pairs: unknown[] = [];
      for (const [k, x] of v) pairs.push(new Pair(k, x));
      sequence(pairs, ']}', v);
    } else if (v instanceof Set) {
      out.push(isFrozenSet(v) ? '{"$frozenset":[' : '{"$set":[');
      sequence([...v], ']}', v);
    } else if (v instanceof ObjectArray) {
      const a: ObjectArray = v;
      out.push(`{"$ndarray":{"dtype":${json(dtypeId(a.dtype))},"shape":${json(a.shape)},"order":"${a.order === 'F' && a.shape.length > 1 ? 'F' : 'C'}","data":[`);
      sequence(a.items, ']}}', a);
    } else if (v instanceof PySlice) {
      out.push('{"$slice":[');
      sequence([v.start, v.stop, v.step], ']}', v);
    } else if (v instanceof PyObject) {
      out.push(`{"$object":{"class":${json(v.cls.qualname)},"args":`);
      work.push({ leave: v }, { emit: '}}' });
      const parts: [string, unknown][] = [
        ['args', v.args], ['kwargs', v.kwargs === null ? null : new Kwargs(v.kwargs)], ['state', v.state], ['items', v.items],
        ['dictitems', v.dictitems === null ? null : v.dictitems.map(([a, b]) => new Pair(a, b))],
      ];
      for (let i = parts.length - 1; i >= 0; i--) {
        work.push({ value: parts[i]![1] });
        if (i > 0) work.push({ emit: `,${json(parts[i]![0])}:` });
      }
    } else {
      throw new NpyioArgumentError(`no pyjson form for ${Object.prototype.toString.call(v)} (${(v as object).constructor?.name})`);
    }
  }
  return out.join('');
}

/** NEWOBJ_EX keyword arguments while they are printed. */
class Kwargs {
  constructor(readonly map: Map<unknown, unknown>) {}
}

/** A dict item while it is printed: `[key, value]`, never a tuple or a cycle target. */
class Pair {
  constructor(readonly key: unknown, readonly value: unknown) {}
}
