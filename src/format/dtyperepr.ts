/**
 * numpy's void hex form and the dtype texts numpy's array repr uses (`dtype=float32`, `dtype='<U3'`,
 * `dtype=[('a', '<i4')]`; numpy/_core/_dtype.py and arrayprint.py).
 */
import { NATIVE_ORDER, type DType } from '../dtype/dtype.js';
import { pyStrRepr } from '../npy/pyrepr.js';

/** str() of an unstructured np.void: every byte as `\xHH`, upper-case hex. */
export function voidStr(b: Uint8Array): string {
  let out = "b'";
  for (const c of b) out += '\\x' + c.toString(16).padStart(2, '0').toUpperCase();
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
