/**
 * `np.dtype(str)` for the strings a .npy header can carry: typestrs with an
 * optional byte order ('<f8', '|b1', '>U5', '<M8[25s]'), one-letter type
 * codes ('d', 'l', '?'), and numpy's type names ('float64', 'int', 'str').
 * Sizes follow numpy on x86-64 Linux (the platform numpy files come from):
 * 'l' and 'int' are int64, 'g' is the 16-byte x87 long double.
 */
import { DTypeError } from '../errors.js';
import { DType, NATIVE_ORDER, TIME_UNITS, type Kind, type StoredOrder, type TimeUnit } from './dtype.js';

/** Item sizes numpy accepts after each kind letter ('f3' is not a dtype). */
const SIZES: Partial<Record<Kind, readonly number[]>> = {
  b: [1], i: [1, 2, 4, 8], u: [1, 2, 4, 8], f: [2, 4, 8, 16], c: [8, 16, 32], M: [8], m: [8], O: [8, 4],
};

/** One-letter type codes (numpy's `dtype.char`), as [kind, itemsize]. S/U/V/a take a count. */
const CODES: Record<string, readonly [Kind, number]> = {
  '?': ['b', 1], b: ['i', 1], B: ['u', 1], h: ['i', 2], H: ['u', 2], i: ['i', 4], I: ['u', 4],
  l: ['i', 8], L: ['u', 8], q: ['i', 8], Q: ['u', 8], p: ['i', 8], P: ['u', 8],
  e: ['f', 2], f: ['f', 4], d: ['f', 8], g: ['f', 16], F: ['c', 8], D: ['c', 16], G: ['c', 32],
  O: ['O', 8], M: ['M', 8], m: ['m', 8], c: ['S', 1], S: ['S', 0], a: ['S', 0], U: ['U', 0], V: ['V', 0],
};

/** numpy's type names (numpy 2: no 'float_', no names ending in a digit alias like 'int0'). */
const NAMES: Record<string, string> = {
  bool: '?', bool_: '?', int8: 'b', byte: 'b', uint8: 'B', ubyte: 'B', int16: 'h', short: 'h',
  uint16: 'H', ushort: 'H', int32: 'i', intc: 'i', uint32: 'I', uintc: 'I', int64: 'q', long: 'l',
  int: 'l', int_: 'l', intp: 'p', longlong: 'q', uint64: 'Q', ulong: 'L', uint: 'L', uintp: 'P',
  ulonglong: 'Q', float16: 'e', half: 'e', float32: 'f', single: 'f', float64: 'd', double: 'd',
  float: 'd', float128: 'g', longdouble: 'g', complex64: 'F', csingle: 'F', complex128: 'D',
  cdouble: 'D', complex: 'D', complex256: 'G', clongdouble: 'G', object: 'O', object_: 'O',
  bytes: 'S', bytes_: 'S', str: 'U', str_: 'U', void: 'V', datetime64: 'M', timedelta64: 'm',
};

const cache = new Map<string, DType>();

/** `np.dtype(s)`; throws DTypeError (numpy's TypeError) for what numpy does not understand. */
export function parseTypestr(s: string): DType {
  let d = cache.get(s);
  if (d === undefined) {
    d = parse(s);
    if (cache.size < 4096) cache.set(s, d);
  }
  return d;
}

function notUnderstood(s: string): DTypeError {
  return new DTypeError(`data type ${quote(s)} not understood`, { pythonType: 'TypeError' });
}

function quote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function parse(s: string): DType {
  let rest = s;
  let prefix: StoredOrder | '=' | null = null;
  if (/^[<>=|]/.test(rest)) {
    prefix = rest[0] as StoredOrder | '=';
    rest = rest.slice(1);
  }
  // datetime metadata rides on the end: 'M8[25s]', 'datetime64[ns]'
  let meta: string | null = null;
  const bracket = rest.indexOf('[');
  if (bracket >= 0) {
    meta = rest.slice(bracket);
    rest = rest.slice(0, bracket);
  }
  let kind: Kind;
  let size: number;
  const named = NAMES[rest];
  const m = named === undefined ? /^([?bBhHiIlLqQpPefdgFDGOMmcSaUVu])(\d*)$/.exec(rest) : null;
  if (named !== undefined) {
    [kind, size] = CODES[named]!;
  } else if (m) {
    const [, code, digits] = m as unknown as [string, string, string];
    if (code === 'a' || code === 'S' || code === 'U' || code === 'V') {
      kind = code === 'a' ? 'S' : code;
      size = Number(digits || '0') * (code === 'U' ? 4 : 1);
      if (!Number.isSafeInteger(size)) throw notUnderstood(s);
    } else if (digits !== '' && 'biufcMmO'.includes(code)) {
      // kind letter and item size: 'f8', 'c16', 'M8'
      kind = code as Kind;
      size = Number(digits);
      if (!SIZES[kind]?.includes(size)) throw notUnderstood(s);
      if (kind === 'O') size = 8;
    } else if (digits === '' && CODES[code] !== undefined) {
      [kind, size] = CODES[code]!;
    } else {
      throw notUnderstood(s);
    }
  } else {
    throw notUnderstood(s);
  }

  let unit: TimeUnit = 'generic';
  let unitCount = 1;
  if (meta !== null) {
    if (kind !== 'M' && kind !== 'm') throw notUnderstood(s);
    const um = /^\[(\d*)(Y|M|W|D|h|m|s|ms|us|μs|ns|ps|fs|as)\]$/.exec(meta);
    if (!um) throw new DTypeError(`Invalid datetime metadata string "${meta}"`, { pythonType: 'TypeError' });
    unit = (um[2] === 'μs' ? 'us' : um[2]) as TimeUnit;
    unitCount = um[1] ? Number(um[1]) : 1;
    if (!Number.isSafeInteger(unitCount) || unitCount < 1 || unitCount > 0x7fffffff) {
      throw new DTypeError(`Invalid datetime metadata string "${meta}"`, { pythonType: 'TypeError' });
    }
    if (!TIME_UNITS.includes(unit as (typeof TIME_UNITS)[number])) throw notUnderstood(s);
  }

  // One-byte types, strings, voids and objects have no byte order.
  const ordered = kind === 'U' || (size > 1 && 'iufcMm'.includes(kind));
  const order: StoredOrder = !ordered ? '|' : prefix === '<' || prefix === '>' ? prefix : NATIVE_ORDER;
  return new DType({ kind, itemsize: size, order, unit, unitCount });
}
