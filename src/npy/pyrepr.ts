/**
 * Python 3.11's `repr` for the values `parsePyLiteral` produces.
 *
 * numpy writes the .npy header as `'key': repr(value), ` pairs, and its
 * error messages quote values with `{x!r}`, so a byte-identical writer and
 * faithful messages both need CPython's exact output:
 *
 * - str: single quotes unless the text contains `'` and no `"`; `\\`, the
 *   quote, `\t`, `\n`, `\r` escaped; other characters that are not
 *   printable by `str.isprintable` (Unicode categories Cc, Cf, Cs, Co, Cn,
 *   Zl, Zp and Zs other than the ASCII space) as `\xhh`, `\uhhhh` or
 *   `\Uhhhhhhhh`. Lone surrogates, which a JS string may hold, are Cs.
 * - bytes: `b'...'` with the same quote rule; `\xhh` below 0x20 and from 0x7f.
 * - float: the shortest digits that round-trip (as `Number#toString`),
 *   fixed notation for decimal exponents -4..15, else `1e+16` style, and
 *   `.0` on integral values; complex parts are written without the `.0`.
 *
 * "Printable" comes from a table of CPython 3.11's own `str.isprintable`
 * (Unicode 14.0), so the output does not depend on the JS engine's Unicode
 * version; `python-fixtures/gen_pyliteral.py` writes the same table to
 * `python-fixtures/pyliteral/unprintable.txt` and a test compares them.
 *
 * Known gaps, kept on purpose: a set is written in its stored (insertion)
 * order, where CPython uses hash order (str hashes are randomised per
 * process); ints above 4300 digits are written out where CPython 3.11's
 * repr raises ValueError (the int_max_str_digits limit).
 */

import { NpyioArgumentError } from '../errors.js';
import { PyComplex, PyDict, PyLiteralValueError, PySet, PyTuple } from './pyliteral.js';
import type { PyLit } from './pyliteral.js';

/**
 * Code points for which CPython 3.11's `str.isprintable()` is False, as
 * ranges: base-36 pairs (gap since the end of the previous range + 1,
 * length - 1).
 */
export const UNPRINTABLE_RANGES_TABLE =
  '0,v,2n,x,c,0,ju,1,6,3,7,0,1,0,k,0,b1,0,12,1,1e,1,3,0,1j,7,r,3,6,g,m,0,5c,0,1c,1,1n,1,2t,d,1n,1,1d,1,' +
  'f,0,s,1,1,0,b,4,v,8,22,0,4h,0,8,1,2,1,m,0,7,0,1,2,4,1,9,1,2,1,4,7,1,3,2,0,5,1,p,1,3,0,6,3,2,1,m,0,7,' +
  '0,2,0,2,0,2,1,1,0,5,3,2,1,3,2,1,6,4,0,1,6,h,9,3,0,9,0,3,0,m,0,7,0,2,0,5,1,a,0,3,0,3,1,1,e,4,1,c,6,7,' +
  '0,3,0,8,1,2,1,m,0,7,0,2,0,5,1,9,1,2,1,3,6,3,3,2,0,5,1,i,9,2,0,6,2,3,0,4,2,2,0,1,0,2,2,2,2,3,2,c,3,5,' +
  '2,3,0,4,1,1,5,1,d,l,4,d,0,3,0,n,0,g,1,9,0,3,0,4,6,2,0,3,1,1,1,4,1,a,6,m,0,3,0,n,0,a,0,5,1,9,0,3,0,4,' +
  '6,2,5,2,0,4,1,a,0,2,c,d,0,3,0,1f,0,3,0,6,3,g,1,q,0,3,0,i,2,o,0,9,0,1,1,7,2,1,3,6,0,1,0,8,5,a,1,3,b,1' +
  'm,3,t,10,2,0,1,0,5,0,o,0,1,0,n,1,5,0,1,0,6,1,a,1,4,v,20,0,10,3,13,0,10,0,f,0,d,10,5i,0,1,4,1,1,ah,0,' +
  '4,1,7,0,1,0,4,1,15,0,4,1,x,0,4,1,7,0,1,0,4,1,f,0,1l,0,4,1,1v,1,w,2,q,5,2e,1,6,1,hs,0,s,2,2h,6,m,8,o,' +
  '8,k,b,d,0,3,0,2,b,2m,1,a,5,a,5,e,0,b,5,2h,6,17,4,1y,9,v,0,c,3,c,3,1,2,16,1,5,a,18,3,q,5,b,2,1q,1,1t,' +
  '0,t,1,b,5,a,5,e,1,v,1c,25,2,1b,0,38,7,1o,2,f,2,1o,6,17,1,b,7,17,4,eu,1,6,1,12,1,6,1,8,0,1,0,1,0,1,0,' +
  'v,1,1h,0,f,0,e,1,6,0,j,1,3,0,9,g,o,7,1b,g,2,1,r,0,d,2,x,e,x,e,3w,3,if,o,b,k,1ec,1,w,0,9p,4,19,0,1,4,' +
  '1,1,1k,6,2,d,o,8,7,0,7,0,7,0,7,0,7,0,7,0,7,0,7,0,3i,x,q,0,2h,b,5y,p,c,4,1r,0,2e,1,2v,4,17,0,2m,0,2c,' +
  'b,1b,0,mlp,2,1j,8,9o,j,54,7,5n,4,2,0,1,0,5,n,1n,2,a,5,1k,7,1y,7,c,5,38,a,u,2,26,0,b,3,x,0,1j,8,e,1,a' +
  ',1,2v,n,s,9,6,1,6,1,6,8,7,0,7,0,1o,3,3i,1,a,5,8mc,b,n,3,1d,6ir,a6,1,2y,11,7,b,5,4,q,0,5,0,1,0,2,0,2,' +
  '0,3h,f,cd,1,1i,6,1,v,16,5,1f,0,j,0,4,3,5,0,3r,3,5a,2,6,1,6,1,6,1,3,2,7,0,7,c,2,1,c,0,q,0,j,0,2,0,f,1' +
  ',e,x,3f,4,3,3,19,2,2g,0,d,2,1,1a,1a,3l,t,2,1d,e,s,3,10,8,u,4,17,4,u,0,11,3,e,15,4e,1,a,5,10,3,10,3,1' +
  '4,7,1g,a,c,0,f,0,7,0,2,0,b,0,f,0,7,0,2,1u,8n,8,m,9,8,n,6,0,16,0,9,1w,6,1,1,0,18,0,2,2,1,1,n,0,20,7,9' +
  ',1b,j,0,2,4,x,2,r,4,1,1r,1k,3,k,1,1e,0,2,4,8,0,3,0,t,1,3,3,a,6,9,6,1s,v,13,3,c,8,1i,2,t,1,r,4,q,6,4,' +
  'b,7,27,21,1i,1f,c,1f,6,1a,7,a,85,v,0,16,0,3,1,2,25,14,7,16,l,q,11,s,j,n,8,26,3,10,8,1q,0,5,c,p,6,a,5' +
  ',1h,0,i,7,13,8,2o,0,k,a,i,0,18,1s,7,0,1,0,4,0,f,0,b,5,1n,4,a,5,4,0,8,1,2,1,m,0,7,0,2,0,5,0,a,1,2,1,3' +
  ',1,1,5,1,4,7,1,7,2,5,3u,2k,0,5,t,20,7,a,4l,1i,1,12,x,1x,a,a,5,d,i,1m,5,a,1h,r,1,f,3,n,54,1o,2r,2b,b,' +
  '8,1,1,1,8,0,2,0,u,0,2,1,c,8,a,1x,8,1,1a,1,b,q,20,7,2b,c,21,7a,9,0,19,0,e,9,t,2,w,1,m,0,e,20,7,0,2,0,' +
  '18,2,1,0,2,0,9,7,a,5,6,0,2,0,11,0,2,0,6,6,a,8l,p,52,1,e,1e,c,pn,2t,33,0,5,a,5g,217,2r,c,tr,34g,g7,6n' +
  's,ft,6,v,0,a,3,29,0,a,5,u,1,6,9,1y,9,a,0,7,0,l,4,j,j3,2j,2s,23,3,1l,6,h,1r,5,a,2,d,4qg,7,ye,15,9,6w6' +
  ',4,0,7,0,2,0,83,18,3,g,4,7,b0,1s3,2z,4,d,2,9,6,a,1,4,3mn,1a,1,n,8,38,1n,6u,9,13,1,22,7,34,k,1y,49,k,' +
  'b,2f,8,p,3q,2d,0,1z,0,2,1,1,1,2,1,4,0,c,0,1,0,7,0,1t,0,4,1,8,0,7,0,s,0,4,0,5,0,1,2,7,0,9g,1,84,1,ji,' +
  'e,5,0,f,un,v,68,7,0,h,1,7,0,2,0,5,5w,19,2,e,1,a,3,2,8v,v,g,1m,4,1,yn,7,0,4,0,2,0,f,0,5h,1,g,14,24,3,' +
  'a,3,2,ls,1w,23,1p,5d,4,0,r,0,2,0,1,1,1,0,a,0,4,0,1,0,1,5,1,3,1,0,1,0,1,0,3,0,2,0,1,1,1,0,1,0,1,0,1,0' +
  ',1,0,2,0,1,1,4,0,7,0,4,0,4,0,1,0,a,0,h,4,3,0,5,0,h,1f,2,7h,18,3,2s,b,f,1,f,0,f,0,11,9,4u,1j,t,c,18,3' +
  ',9,6,2,d,6,49,rc,4,g,2,d,2,38,b,2h,6,c,3,1,e,c,3,1k,7,a,5,14,7,u,1,2,25,9g,b,e,1,5,2,5,2,7,8,t,2,b,4' +
  ',6,9,a,5,8,7,7,8,43,0,1j,10,a,sl,wyo,v,37d,6,66,1,4g2,d,5rl,2e6,f2,15t,3t7,fcms,6o,47bj';

/** Range starts and ends (inclusive), sorted: [s0, e0, s1, e1, ...]. */
const UNPRINTABLE: Uint32Array = (() => {
  const parts = UNPRINTABLE_RANGES_TABLE.split(',');
  const out = new Uint32Array(parts.length);
  let cur = 0;
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const start = cur + parseInt(parts[i]!, 36);
    const end = start + parseInt(parts[i + 1]!, 36);
    out[i] = start;
    out[i + 1] = end;
    cur = end + 1;
  }
  return out;
})();

/** Python's `str.isprintable()` for one code point (CPython 3.11, Unicode 14.0). */
export function isPyPrintable(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  // Binary search for the last range starting at or before cp.
  let lo = 0;
  let hi = (UNPRINTABLE.length >> 1) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (UNPRINTABLE[mid * 2]! <= cp) lo = mid;
    else hi = mid - 1;
  }
  return !(UNPRINTABLE[lo * 2]! <= cp && cp <= UNPRINTABLE[lo * 2 + 1]!);
}

const HEX = '0123456789abcdef';

function hex(n: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += HEX[(n >>> (i * 4)) & 15];
  return s;
}

/** The escape `repr(str)` writes for one code point, or undefined when it stands as itself. */
function strEscape(cp: number, qc: number): string | undefined {
  if (cp === qc || cp === 0x5c) return '\\' + String.fromCharCode(cp);
  if (cp === 0x09) return '\\t';
  if (cp === 0x0a) return '\\n';
  if (cp === 0x0d) return '\\r';
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  // above 0x10FFFF: numpy's UTF-32 arrays can hold such words, no Python str can; show them as \U.
  if (cp > 0x7f && (cp > 0x10ffff || !isPyPrintable(cp))) {
    return cp <= 0xff ? '\\x' + hex(cp, 2) : cp <= 0xffff ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
  }
  return undefined;
}

/** `repr(str)` of a string given as code points (numpy's U items: lone surrogates and words above 0x10FFFF kept). */
export function pyStrReprCodePoints(cps: ArrayLike<number>): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] === 0x27) hasSingle = true;
    else if (cps[i] === 0x22) hasDouble = true;
  }
  const qc = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = String.fromCharCode(qc);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    out += strEscape(cp, qc) ?? String.fromCodePoint(cp);
  }
  return out + String.fromCharCode(qc);
}

/** Python's `repr(str)`: `'abc'`, `"it's"`, `'\x00\u200b\ud800'`. */
export function pyStrRepr(s: string): string {
  // Fast path: printable ASCII without a backslash needs no escapes unless both quotes occur.
  let plain = true;
  let single = false;
  let double = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x5c) {
      plain = false;
      break;
    }
    if (c === 0x27) single = true;
    else if (c === 0x22) double = true;
  }
  if (plain && !single) return "'" + s + "'";
  if (plain && !double) return '"' + s + '"';
  const hasSingle = s.indexOf("'") >= 0;
  const hasDouble = hasSingle && s.indexOf('"') >= 0;
  const quote = hasSingle && !hasDouble ? '"' : "'";
  const qc = quote.charCodeAt(0);
  let out = quote;
  let run = 0; // start of the pending run of characters copied as they are
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let cp = s.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        width = 2;
      }
    }
    const esc = strEscape(cp, qc);
    if (esc !== undefined) {
      if (run < i) out += s.slice(run, i);
      out += esc;
      run = i + width;
    }
    if (width === 2) i++;
  }
  if (run < n) out += s.slice(run);
  return out + quote;
}

/** Python's `repr(bytes)`: `b'abc'`, `b'\x00\xff'`. */
export function pyBytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x27) hasSingle = true;
    else if (b[i] === 0x22) hasDouble = true;
  }
  const qc = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = qc === 0x22 ? 'b"' : "b'";
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === qc || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + hex(c, 2);
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(qc);
}

/**
 * CPython's `PyOS_double_to_string(x, 'r', 0, flags)`: the shortest
 * round-trip digits, exponent form when the decimal exponent is < -4 or
 * >= 16. `addDot0` appends `.0` to integral fixed-notation values (float
 * repr does, the parts of a complex repr do not); `sign` always writes a
 * sign (`+nan` included, as CPython does).
 */
function formatDouble(x: number, addDot0: boolean, sign: boolean): string {
  if (x !== x) return sign ? '+nan' : 'nan';
  const neg = x < 0 || Object.is(x, -0);
  const pre = neg ? '-' : sign ? '+' : '';
  if (x === Infinity || x === -Infinity) return pre + 'inf';
  if (x === 0) return pre + (addDot0 ? '0.0' : '0');
  // Number#toString yields the shortest digits that round-trip, choosing the
  // closest when several do, as CPython's dtoa mode 0.
  const s = neg ? (-x).toString() : x.toString();
  let mant = s;
  let exp = 0;
  const e = s.indexOf('e');
  if (e >= 0) {
    mant = s.slice(0, e);
    exp = Number(s.slice(e + 1));
  }
  const dot = mant.indexOf('.');
  const intPart = dot >= 0 ? mant.slice(0, dot) : mant;
  let digits = dot >= 0 ? intPart + mant.slice(dot + 1) : intPart;
  // value = 0.<digits> * 10**decpt
  let decpt = intPart.length + exp;
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 0x30) lead++;
  digits = digits.slice(lead);
  decpt -= lead;
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
  digits = digits.slice(0, end);
  if (decpt <= -4 || decpt > 16) {
    const e10 = decpt - 1;
    const ae = e10 < 0 ? -e10 : e10;
    return pre + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + (e10 < 0 ? '-' : '+') + (ae < 10 ? '0' : '') + ae;
  }
  if (decpt <= 0) return pre + '0.' + '0'.repeat(-decpt) + digits;
  if (decpt >= digits.length) return pre + digits + '0'.repeat(decpt - digits.length) + (addDot0 ? '.0' : '');
  return pre + digits.slice(0, decpt) + '.' + digits.slice(decpt);
}

/** `repr(bytearray)`: bytearray's repr escapes `'` even inside double quotes (CPython's bytearray_repr). */
export function pyByteArrayRepr(b: Uint8Array): string {
  const r = pyBytesRepr(b);
  return `bytearray(${r.startsWith('b"') ? r.replace(/'/g, "\\'") : r})`;
}

/** Python's `repr(float)`: `1.0`, `0.1`, `1e+16`, `1e-05`, `inf`, `nan`, `-0.0`. */
export function pyFloatRepr(x: number): string {
  return formatDouble(x, true, false);
}

/** Python's `repr(complex)`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`. */
export function pyComplexRepr(re: number, im: number): string {
  if (re === 0 && !Object.is(re, -0)) return formatDouble(im, false, false) + 'j';
  return '(' + formatDouble(re, false, false) + formatDouble(im, false, true) + 'j)';
}

/** CPython's recursion limit is 1000 frames; repr of deeper nesting raises RecursionError. */
const MAX_REPR_DEPTH = 990;

/**
 * Python 3.11's `repr(value)` for the literal value model of `pyliteral.ts`
 * (bigint is int, number is float). Containers that hold themselves are
 * written as CPython does (`[[...]]`).
 */
export function pyRepr(value: PyLit): string {
  return reprValue(value, [], 0);
}

function reprValue(v: PyLit, active: object[], depth: number): string {
  switch (typeof v) {
    case 'string':
      return pyStrRepr(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return pyFloatRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'object':
      break;
    default:
      throw new NpyioArgumentError(`pyRepr: not a Python literal value: ${typeof v}`);
  }
  if (v === null) return 'None';
  if (v instanceof Uint8Array) return pyBytesRepr(v);
  if (v instanceof PyComplex) return pyComplexRepr(v.re, v.im);
  const isList = Array.isArray(v);
  if (!(isList || v instanceof PyTuple || v instanceof PyDict || v instanceof PySet)) {
    throw new NpyioArgumentError(`pyRepr: not a Python literal value: ${Object.prototype.toString.call(v)}`);
  }
  if (active.includes(v)) {
    return isList ? '[...]' : v instanceof PyTuple ? '(...)' : v instanceof PyDict ? '{...}' : 'set(...)';
  }
  if (depth >= MAX_REPR_DEPTH) {
    throw new PyLiteralValueError('maximum recursion depth exceeded while getting the repr of an object', {
      pythonType: 'RecursionError',
    });
  }
  active.push(v);
  let out: string;
  const d = depth + 1;
  if (isList || v instanceof PyTuple || v instanceof PySet) {
    const items = isList ? v : v instanceof PyTuple ? v.items : (v as PySet).items;
    const [open, close] = isList ? ['[', ']'] : v instanceof PyTuple ? ['(', ')'] : ['{', '}'];
    if (items.length === 0) out = v instanceof PySet ? 'set()' : open + close;
    else {
      out = open + reprValue(items[0]!, active, d);
      for (let i = 1; i < items.length; i++) out += ', ' + reprValue(items[i]!, active, d);
      out += items.length === 1 && v instanceof PyTuple ? ',)' : close;
    }
  } else {
    const entries = (v as PyDict).entries;
    out = '{';
    for (let i = 0; i < entries.length; i++) {
      const [k, x] = entries[i]!;
      out += (i ? ', ' : '') + reprValue(k, active, d) + ': ' + reprValue(x, active, d);
    }
    out += '}';
  }
  active.pop();
  return out;
}
