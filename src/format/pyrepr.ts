/**
 * Python's repr() of str and bytes, numpy's void hex form, and the dtype
 * texts numpy's array repr uses (`dtype=float32`, `dtype='<U3'`,
 * `dtype=[('a', '<i4')]`; numpy/_core/_dtype.py and arrayprint.py).
 */
import { NATIVE_ORDER, type DType } from '../dtype/dtype.js';

// Python's str.isprintable(): false for Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs (but space).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Python's repr() of a str given as code points (lone surrogates and all). */
export function pyStrReprCodePoints(cps: readonly number[]): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of cps) {
    if (c === 0x27) hasSingle = true;
    else if (c === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? '"' : "'";
  const qc = q.charCodeAt(0);
  let out = q;
  for (const c of cps) {
    if (c === qc || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + hex(c, 2);
    else if (c < 0x7f) out += String.fromCharCode(c);
    else if (c > 0x10ffff) out += '\\U' + hex(c, 8); // numpy can hold it; Python could not
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\u' + hex(c, 4);
    else {
      const ch = String.fromCodePoint(c);
      if (!NON_PRINTABLE.test(ch)) out += ch;
      else if (c <= 0xff) out += '\\x' + hex(c, 2);
      else if (c <= 0xffff) out += '\\u' + hex(c, 4);
      else out += '\\U' + hex(c, 8);
    }
  }
  return out + q;
}

/** Python's repr() of a JS string (split into code points; lone surrogates kept). */
export function pyStrRepr(s: string): string {
  const cps: number[] = [];
  for (const ch of s) cps.push(ch.codePointAt(0)!);
  return pyStrReprCodePoints(cps);
}

/** The code points of a JS string, for when only a string is at hand. */
export function codePoints(s: string): number[] {
  const cps: number[] = [];
  for (const ch of s) cps.push(ch.codePointAt(0)!);
  return cps;
}

/** Python's repr() of bytes: `b'ab\x00'`. */
export function pyBytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    else if (c === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? '"' : "'";
  const qc = q.charCodeAt(0);
  let out = 'b' + q;
  for (const c of b) {
    if (c === qc || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + hex(c, 2);
    else out += String.fromCharCode(c);
  }
  return out + q;
}

/** str() of an unstructured np.void: every byte as `\xHH`, upper-case hex. */
export function voidStr(b: Uint8Array): string {
  let out = "b'";
  for (const c of b) out += '\\x' + hex(c, 2).toUpperCase();
  return out + "'";
}

/** Python's repr() of a tuple of ints: `(3,)`, `(3, 0, 2)`, `()`. */
export function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

// ---- dtype texts ----

function isNative(dt: DType): boolean {
  return dt.order === '|' || dt.order === NATIVE_ORDER;
}

function kindName(dt: DType): string {
  switch (dt.kind) {
    case 'b': return 'bool';
    case 'i': return 'int';
    case 'u': return 'uint';
    case 'f': return 'float';
    case 'c': return 'complex';
    case 'S': return 'bytes';
    case 'U': return 'str';
    case 'V': return 'void';
    case 'M': return 'datetime';
    case 'm': return 'timedelta';
    case 'O': return 'object';
  }
}

function datetimeMeta(dt: DType): string {
  if (dt.unit === null || dt.unit === 'generic') return '';
  return dt.unitCount === 1 ? `[${dt.unit}]` : `[${dt.unitCount}${dt.unit}]`;
}

/** numpy's `dtype.name`: float64, datetime64[ns], bytes16, str96, void64. */
export function dtypeName(dt: DType): string {
  let name = kindName(dt);
  if (dt.kind !== 'b' && !(dt.itemsize === 0 && (dt.kind === 'S' || dt.kind === 'U' || dt.kind === 'V'))) {
    name += String(dt.itemsize * 8);
  }
  if (dt.kind === 'M' || dt.kind === 'm') name += datetimeMeta(dt);
  return name;
}

function byteOrderStr(dt: DType): string {
  return dt.order === '|' ? '' : dt.order;
}

/** numpy's `_construction_repr(dtype, short=True)` for a field's type. */
function shortRepr(dt: DType): string {
  if (dt.fieldList !== null) return structStr(dt);
  if (dt.subdtype !== null) return `(${shortRepr(dt.subdtype.base)}, ${shapeRepr(dt.subdtype.shape)})`;
  switch (dt.kind) {
    case 'b': return "'?'";
    case 'O': return "'O'";
    case 'S': return dt.itemsize === 0 ? "'S'" : `'S${dt.itemsize}'`;
    case 'U': return dt.itemsize === 0 ? `'${byteOrderStr(dt)}U'` : `'${byteOrderStr(dt)}U${dt.itemsize / 4}'`;
    case 'V': return dt.itemsize === 0 ? "'V'" : `'V${dt.itemsize}'`;
    case 'M': return `'${byteOrderStr(dt)}M8${datetimeMeta(dt)}'`;
    case 'm': return `'${byteOrderStr(dt)}m8${datetimeMeta(dt)}'`;
    default: return `'${byteOrderStr(dt)}${dt.kind}${dt.itemsize}'`;
  }
}

/** numpy's `_is_packed`: fields in order, back to back, nothing after them. */
function isPacked(dt: DType): boolean {
  let total = 0;
  for (const f of dt.fieldList!) {
    if (f.offset !== total) return false;
    total += f.dtype.itemsize;
  }
  return total === dt.itemsize;
}

/** numpy's `str(dtype)` of a structured dtype: the list form, or the dict form when not packed. */
export function structStr(dt: DType): string {
  const fields = dt.fieldList!;
  if (isPacked(dt)) {
    const items = fields.map((f) => {
      let item = '(';
      item += f.title !== null ? `(${pyTitleRepr(f.title)}, ${pyStrRepr(f.name)}), ` : `${pyStrRepr(f.name)}, `;
      const sub = f.dtype.subdtype;
      item += sub ? `${shortRepr(sub.base)}, ${shapeRepr(sub.shape)}` : shortRepr(f.dtype);
      return item + ')';
    });
    return `[${items.join(', ')}]`;
  }
  let ret = `{'names': [${fields.map((f) => pyStrRepr(f.name)).join(', ')}]`;
  ret += `, 'formats': [${fields.map((f) => shortRepr(f.dtype)).join(', ')}]`;
  ret += `, 'offsets': [${fields.map((f) => String(f.offset)).join(', ')}]`;
  if (fields.some((f) => f.title !== null)) {
    ret += `, 'titles': [${fields.map((f) => (f.title === null ? 'None' : pyTitleRepr(f.title))).join(', ')}]`;
  }
  return ret + `, 'itemsize': ${dt.itemsize}}`;
}

function pyTitleRepr(t: unknown): string {
  return typeof t === 'string' ? pyStrRepr(t) : String(t);
}

/** numpy's `dtype_is_implied`: float64, int64, complex128 and bool in native order. */
export function dtypeIsImplied(dt: DType): boolean {
  if (dt.fieldList !== null || dt.subdtype !== null) return false;
  if (!isNative(dt)) return false;
  return (dt.kind === 'b') || (dt.kind === 'i' && dt.itemsize === 8) || (dt.kind === 'f' && dt.itemsize === 8)
    || (dt.kind === 'c' && dt.itemsize === 16);
}

/** numpy's `dtype_short_repr`: what follows `dtype=` in an array repr. */
export function dtypeShortRepr(dt: DType): string {
  if (dt.fieldList !== null) return structStr(dt);
  if (dt.subdtype !== null) return `(${shortRepr(dt.subdtype.base)}, ${shapeRepr(dt.subdtype.shape)})`;
  if (dt.kind === 'S' || dt.kind === 'U' || dt.kind === 'V') return `'${dt.str}'`;
  if (!isNative(dt)) return `'${dt.str}'`;
  const name = dtypeName(dt);
  return /^[A-Za-z][A-Za-z0-9]*$/.test(name) ? name : pyStrRepr(name);
}
