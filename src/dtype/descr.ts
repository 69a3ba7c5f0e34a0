/**
 * descr <-> DType, as numpy's `descr_to_dtype` and `dtype_to_descr` do it.
 *
 * A header's descr is a str (`np.dtype(str)`), a tuple `(base, shape)` for a
 * subarray, or a list of fields `(name, descr[, shape])` where a name may be
 * `(title, name)` and a nameless plain-void field is padding: dropped, but its
 * size still advances the running offset.
 */
import { DTypeError, NpyioError } from '../errors.js';
import { PyDict, PyTuple, type PyLit } from '../npy/pyliteral.js';
import { pyStrRepr } from '../npy/pyrepr.js';
import { DType, type DescrEntry, type Field } from './dtype.js';
import { parseTypestr } from './typestr.js';

/** Python's TypeError inside descr_to_dtype: numpy wraps these as "descr is not a valid dtype descriptor". */
function typeError(message: string): DTypeError {
  return new DTypeError(message, { pythonType: 'TypeError' });
}

function typeName(v: PyLit): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  return (v as object).constructor.name.replace(/^Py/, '').toLowerCase();
}

/** numpy's `descr_to_dtype` on a parsed header value. */
export function descrToDType(descr: PyLit, depth = 0): DType {
  if (depth > 64) throw new DTypeError('descr nests too deeply', { pythonType: 'RecursionError' });
  if (typeof descr === 'string') return parseTypestr(descr);
  if (descr instanceof PyTuple) {
    if (descr.items.length < 2) {
      throw new DTypeError('tuple index out of range', { pythonType: 'IndexError' });
    }
    return subarray(descrToDType(descr.items[0]!, depth + 1), descr.items[1]!);
  }
  // numpy iterates whatever it is given: a dict yields its keys, a str its characters.
  let list: readonly PyLit[];
  if (Array.isArray(descr)) list = descr;
  else if (descr instanceof PyDict) list = descr.entries.map(([k]) => k);
  else throw typeError(`'${typeName(descr)}' object is not iterable`);

  const fields: Field[] = [];
  const used = new Set<string>();
  let offset = 0;
  for (const field of list) {
    const parts = sequence(field);
    let name: PyLit;
    let dt: DType;
    if (parts.length === 2) {
      name = parts[0]!;
      dt = descrToDType(parts[1]!, depth + 1);
    } else if (parts.length === 3) {
      name = parts[0]!;
      dt = subarray(descrToDType(parts[1]!, depth + 1), parts[2]!);
    } else if (parts.length < 3) {
      throw new DTypeError(`not enough values to unpack (expected 3, got ${parts.length})`);
    } else {
      throw new DTypeError('too many values to unpack (expected 3)');
    }
    const isPad = name === '' && dt.kind === 'V' && dt.fieldList === null;
    if (!isPad) {
      let title: PyLit = null;
      if (name instanceof PyTuple) {
        if (name.items.length !== 2) {
          throw new DTypeError(`${name.items.length < 2 ? 'not enough' : 'too many'} values to unpack (expected 2${name.items.length < 2 ? `, got ${name.items.length}` : ''})`);
        }
        [title, name] = name.items as [PyLit, PyLit];
      }
      if (typeof name !== 'string') throw new DTypeError('field names must be strings');
      if (title !== null && typeof title !== 'string') throw new DTypeError('field titles must be strings in npyio');
      for (const key of title === null ? [name] : [name, title]) {
        if (used.has(key)) throw new DTypeError('name already used as a name or title');
        used.add(key);
      }
      fields.push({ name, dtype: dt, offset, title });
    }
    offset += dt.itemsize;
  }
  return new DType({ kind: 'V', itemsize: offset, order: '|', fields });
}

function sequence(v: PyLit): readonly PyLit[] {
  if (v instanceof PyTuple) return v.items;
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  throw typeError(`object of type '${typeName(v)}' has no len()`);
}

/** `np.dtype((base, shape))`: shape () gives the base itself, an int n gives (n,); a list works as a tuple. */
function subarray(base: DType, shapeLit: PyLit): DType {
  const invalid = () => new DTypeError('invalid shape in fixed-type tuple.');
  let dims: readonly PyLit[];
  if (typeof shapeLit === 'bigint') dims = [shapeLit];
  else if (shapeLit instanceof PyTuple) dims = shapeLit.items;
  else if (Array.isArray(shapeLit)) dims = shapeLit;
  else throw invalid();
  const shape: number[] = [];
  let count = 1;
  for (const d of dims) {
    if (typeof d !== 'bigint') throw invalid();
    if (d < 0n) throw new DTypeError('invalid shape in fixed-type tuple: dimension smaller then zero.');
    if (d > 0x7fffffffn) throw new DTypeError('invalid shape in fixed-type tuple: dimension does not fit into a C int.');
    shape.push(Number(d));
    count *= Number(d);
  }
  if (shape.length === 0) return base;
  const itemsize = base.itemsize * count;
  if (!Number.isSafeInteger(itemsize) || itemsize > 0x7fffffff) {
    throw new DTypeError('invalid itemsize in generic type tuple');
  }
  return new DType({ kind: 'V', itemsize, order: '|', subdtype: { base, shape } });
}

/**
 * A dtype from what a caller writes: a typestr, a DType, or a descr in its JSON
 * form (`[['a', '<i4'], ['b', '<f8', [3]]]`, titles as `[['title', 'name'], '<i4']`).
 */
export function toDType(spec: string | DType | readonly DescrEntry[]): DType {
  if (spec instanceof DType) return spec;
  try {
    return descrToDType(jsonToLit(spec));
  } catch (e) {
    if (e instanceof NpyioError) throw e;
    throw new DTypeError(`not a dtype: ${String(spec)}`, { cause: e });
  }
}

function jsonToLit(v: unknown, inEntry = false): PyLit {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (Array.isArray(v)) {
    // Inside a field entry, [title, name] and the shape are tuples; field lists stay lists.
    if (inEntry) return new PyTuple(v.map((x) => jsonToLit(x)));
    return v.map((entry) => (Array.isArray(entry)
      ? new PyTuple(entry.map((x, i) => (i === 1 ? jsonToLit(x) : jsonToLit(x, true))))
      : jsonToLit(entry)));
  }
  throw new DTypeError(`not a dtype descriptor: ${String(v)}`, { pythonType: 'TypeError' });
}

/**
 * The descr text numpy writes into a header: `dtype.str` quoted, or for
 * records `dtype.descr` as Python's repr of a list of tuples.
 */
export function descrRepr(dtype: DType): string {
  if (dtype.fieldList === null) return pyStrRepr(dtype.str);
  return entriesRepr(dtype.descr);
}

function entriesRepr(entries: readonly DescrEntry[]): string {
  const parts = entries.map((e) => {
    const name = typeof e[0] === 'string' ? pyStrRepr(e[0]) : `(${pyStrRepr(e[0][0])}, ${pyStrRepr(e[0][1])})`;
    const type = typeof e[1] === 'string' ? pyStrRepr(e[1]) : entriesRepr(e[1]);
    if (e.length === 2) return `(${name}, ${type})`;
    const shape = e[2];
    return `(${name}, ${type}, (${shape.join(', ')}${shape.length === 1 ? ',' : ''}))`;
  });
  return `[${parts.join(', ')}]`;
}
