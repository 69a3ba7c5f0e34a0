/**
 * The dtype model: what numpy's `np.dtype` says about an array element.
 *
 * A DType is immutable and mirrors numpy's public attributes (`str`, `descr`,
 * `itemsize`, `kind`, `byteorder`, `fields`, `names`, `subdtype`). `order`
 * is the byte order of the element's bytes as stored ('|' when the element
 * has no byte order); numpy's `byteorder` ('=' for native) is derived from it.
 */
import { DTypeError } from '../errors.js';

export type Kind = 'b' | 'i' | 'u' | 'f' | 'c' | 'S' | 'U' | 'V' | 'M' | 'm' | 'O';
export type StoredOrder = '<' | '>' | '|';

/** The byte order of this machine, as numpy would spell it. */
export const NATIVE_ORDER: '<' | '>' = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? '<' : '>';

/** datetime64/timedelta64 units, in numpy's order (coarsest first). */
export const TIME_UNITS = ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number] | 'generic';

export interface Field {
  readonly name: string;
  readonly dtype: DType;
  readonly offset: number;
  readonly title: string | null;
}

/** numpy's `dtype.descr`, with tuples as arrays (as pyjson and JSON tools see it). */
export type DescrName = string | readonly [title: string, name: string];
export type DescrEntry =
  | readonly [name: DescrName, type: string | readonly DescrEntry[]]
  | readonly [name: DescrName, type: string | readonly DescrEntry[], shape: readonly number[]];

interface DTypeInit {
  kind: Kind;
  itemsize: number;
  order: StoredOrder;
  unit?: TimeUnit;
  unitCount?: number;
  fields?: readonly Field[] | null;
  subdtype?: { base: DType; shape: readonly number[] } | null;
}

export class DType {
  readonly kind: Kind;
  readonly itemsize: number;
  /** Byte order of the stored bytes: '<', '>' or '|' (not applicable). */
  readonly order: StoredOrder;
  /** datetime64/timedelta64 unit, and its multiplier (`M8[25s]`: 's', 25). */
  readonly unit: TimeUnit | null;
  readonly unitCount: number;
  /** Fields in declaration order (numpy's `names` order), or null. */
  readonly fieldList: readonly Field[] | null;
  readonly subdtype: { readonly base: DType; readonly shape: readonly number[] } | null;

  private _fields: ReadonlyMap<string, Field> | null | undefined;
  private _str: string | undefined;

  constructor(init: DTypeInit) {
    this.kind = init.kind;
    this.itemsize = init.itemsize;
    this.order = init.order;
    this.unit = init.kind === 'M' || init.kind === 'm' ? (init.unit ?? 'generic') : null;
    this.unitCount = init.unitCount ?? 1;
    this.fieldList = init.fields ?? null;
    this.subdtype = init.subdtype ?? null;
    Object.freeze(this.fieldList);
  }

  /** numpy's `dtype.byteorder`: '=' native, '<'/'>' the other one, '|' not applicable. */
  get byteorder(): '=' | '<' | '>' | '|' {
    if (this.order === '|') return '|';
    return this.order === NATIVE_ORDER ? '=' : this.order;
  }

  get isNativeOrder(): boolean {
    return this.order !== (NATIVE_ORDER === '<' ? '>' : '<');
  }

  get names(): readonly string[] | null {
    return this.fieldList === null ? null : this.fieldList.map((f) => f.name);
  }

  /** Fields by name and by title, as numpy's `dtype.fields` (titles map to the same field). */
  get fields(): ReadonlyMap<string, Field> | null {
    if (this._fields === undefined) {
      if (this.fieldList === null) this._fields = null;
      else {
        const m = new Map<string, Field>();
        for (const f of this.fieldList) {
          m.set(f.name, f);
          if (f.title !== null) m.set(f.title, f);
        }
        this._fields = m;
      }
    }
    return this._fields;
  }

  /** True when the dtype holds Python objects anywhere (numpy's `hasobject`). */
  get hasObject(): boolean {
    if (this.kind === 'O') return true;
    if (this.subdtype) return this.subdtype.base.hasObject;
    return this.fieldList?.some((f) => f.dtype.hasObject) ?? false;
  }

  /** numpy's `dtype.str`: '<f8', '|b1', '<U5', '>M8[25s]', '|V12' for records. */
  get str(): string {
    if (this._str === undefined) {
      let body: string;
      if (this.fieldList !== null || this.subdtype !== null) body = `V${this.itemsize}`;
      else if (this.kind === 'U') body = `U${this.itemsize / 4}`;
      else if (this.kind === 'M' || this.kind === 'm') {
        body = `${this.kind}8`;
        if (this.unit !== 'generic') body += `[${this.unitCount === 1 ? '' : this.unitCount}${this.unit}]`;
      } else if (this.kind === 'O') body = 'O';
      else body = `${this.kind}${this.itemsize}`;
      this._str = (this.fieldList !== null || this.subdtype !== null ? '|' : this.order) + body;
    }
    return this._str;
  }

  /**
   * numpy's `dtype.descr`: `[['', str]]` for a plain dtype; for records the
   * fields in order with `['', '|Vn']` entries for every gap, leading and
   * trailing ones included. Overlapping or out-of-order fields have no descr.
   */
  get descr(): readonly DescrEntry[] {
    if (this.fieldList === null) return [['', this.str]];
    const out: DescrEntry[] = [];
    let offset = 0;
    for (const f of this.fieldList) {
      if (f.offset > offset) {
        out.push(['', `|V${f.offset - offset}`]);
        offset = f.offset;
      } else if (f.offset < offset) {
        throw new DTypeError('dtype.descr is not defined for types with overlapping or out-of-order fields');
      }
      const name: DescrName = f.title === null ? f.name : [f.title, f.name];
      const sub = f.dtype.subdtype;
      if (sub) out.push([name, typeDescr(sub.base), sub.shape]);
      else out.push([name, typeDescr(f.dtype)]);
      offset += f.dtype.itemsize;
    }
    if (this.itemsize > offset) out.push(['', `|V${this.itemsize - offset}`]);
    return out;
  }

  toString(): string {
    return this.fieldList === null ? this.str : JSON.stringify(this.descr);
  }
}

function typeDescr(d: DType): string | readonly DescrEntry[] {
  return d.fieldList !== null ? d.descr : d.str;
}
