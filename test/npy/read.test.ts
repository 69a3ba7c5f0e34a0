import { expect } from 'chai';
import { constants as bufferConstants } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load, loadSync, readHeaderSync, toPyJSON, ArrayTooLargeError, NdArray, NpyFormatError, PyComplex } from '../../src/node/index.js';
import { parseTypestr } from '../../src/dtype/typestr.js';
import { writeHeader } from '../../src/npy/header.js';
import { isFortranOnly } from '../../src/npy/write.js';
import { jsonClone, sha256 } from '../helpers.js';
import { manifest, npyPath, type ManifestEntry } from './manifest.js';

/**
 * Where numpy's tolist() and npyio's toArray() are comparable: datetime64 and
 * timedelta64 give Python datetime objects in numpy and raw counts (bigint) in
 * npyio; long doubles stay numpy scalars in numpy (compared through item_strs).
 */
const tolistComparable = (e: ManifestEntry) =>
  e.tolist !== null && !/[Mm]8|f16|c32/.test(JSON.stringify(e.descr));

/** numpy's tolist() leaves subarray fields of records as ndarrays: unfold those to nested lists. */
function unfoldArrays(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unfoldArrays);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('$ndarray' in o) {
      const { dtype, shape, data } = o.$ndarray as { dtype: string; shape: number[]; data: string };
      const a = NdArray.fromBytes(new Uint8Array(Buffer.from(data, 'base64')), dtype, shape);
      return jsonClone(toPyJSON(a.toArray()));
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unfoldArrays(x)]));
  }
  return v;
}

function opts(e: ManifestEntry) {
  return e.loads_with_defaults ? {} : { maxHeaderSize: 1 << 20 };
}

describe('reading numpy-written .npy files (python-fixtures/npy)', () => {
  const entries = manifest();

  it('has the numpy-made fixtures', () => {
    expect(entries.length).to.be.greaterThan(100);
  });

  for (const e of entries) {
    describe(e.file, () => {
      it('reads the header as numpy wrote it', () => {
        const h = readHeaderSync(npyPath(e), opts(e));
        expect(h.version).to.deep.equal(e.version);
        expect(h.headerLength).to.equal(e.header_len);
        expect(h.dataOffset).to.equal(e.data_offset);
        expect(h.text).to.equal(e.header);
        expect(h.dtype.str).to.equal(e.dtype_str);
        expect(h.shape).to.deep.equal(e.shape);
        expect(h.fortranOrder).to.equal(e.fortran_order);
      });

      it('loads dtype, shape, order and the exact data bytes', () => {
        const a = loadSync(npyPath(e), opts(e)) as NdArray;
        expect(a.dtype.str).to.equal(e.dtype_str);
        expect(a.dtype.itemsize).to.equal(e.itemsize);
        expect(a.dtype.kind).to.equal(e.kind);
        expect(a.dtype.byteorder).to.equal(e.byteorder);
        if (e.names !== null || e.dtype_str[1] !== 'V') expect(jsonClone(a.dtype.names)).to.deep.equal(e.names);
        if (e.fields) {
          for (const [name, f] of Object.entries(e.fields)) {
            const ours = a.dtype.fields!.get(name)!;
            expect({ str: ours.dtype.str, offset: ours.offset, title: ours.title }).to.deep.equal({ str: f.dtype_str, offset: f.offset, title: f.title });
          }
        }
        if (e.subdtype) expect(a.dtype.subdtype?.base.str).to.equal(e.subdtype.base);
        expect(a.shape).to.deep.equal(e.shape);
        expect(a.size).to.equal(e.size);
        expect(a.nbytes).to.equal(e.nbytes);
        expect(isFortranOnly(a) || (e.fortran_order && a.order === 'F')).to.equal(e.fortran_order);
        expect(sha256(a.tobytes(e.fortran_order ? 'F' : 'C'))).to.equal(e.data_sha256);
      });

      if (e.pyjson !== null) {
        it('gives the pyjson numpy gives', () => {
          const a = loadSync(npyPath(e), opts(e));
          expect(jsonClone(toPyJSON(a))).to.deep.equal(e.pyjson);
        });
      }

      if (tolistComparable(e)) {
        it('gives the values tolist() gives', () => {
          const a = loadSync(npyPath(e), opts(e)) as NdArray;
          expect(jsonClone(toPyJSON(a.toArray()))).to.deep.equal(unfoldArrays(e.tolist));
        });
      }

      if (/f16|c32/.test(e.dtype_str) && e.item_strs) {
        it('rounds long doubles to the float64 nearest numpy\'s value', () => {
          const a = loadSync(npyPath(e), opts(e)) as NdArray;
          const ours = [...a.values()].flatMap((v) => (v instanceof PyComplex ? [v.re, v.im] : [v as number]));
          const theirs = e.item_strs!.flatMap(parseLongdoubleStr);
          expect(ours.length).to.equal(theirs.length);
          ours.forEach((x, i) => {
            const y = theirs[i]!;
            if (Number.isNaN(y) || !Number.isFinite(y) || y === 0) expect(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y))).to.equal(true, `${x} vs ${y}`);
            else expect(Math.abs(x - y) / Math.abs(y)).to.be.lessThan(1e-15);
          });
        });
      }

      it('loads the same from bytes, a file: URL and asynchronously', async () => {
        const bytes = readFileSync(npyPath(e));
        const fromBytes = loadSync(bytes, opts(e)) as NdArray;
        const fromUrl = loadSync(pathToFileURL(npyPath(e)), opts(e)) as NdArray;
        const fromAsync = (await load(npyPath(e), opts(e))) as NdArray;
        for (const a of [fromBytes, fromUrl, fromAsync]) expect(sha256(a.tobytes())).to.equal(sha256((loadSync(npyPath(e), opts(e)) as NdArray).tobytes()));
      });
    });
  }
});

/** numpy's str() of a long double or clongdouble scalar, as float64 parts ('1e+4932' overflows to inf, as rounding does). */
function parseLongdoubleStr(s: string): number[] {
  const num = (t: string) => (t === 'nan' ? NaN : t === 'inf' ? Infinity : t === '-inf' ? -Infinity : Number(t));
  const m = /^\((.*[^e])([+-](?:nan|inf|[\d.]+(?:e[+-]?\d+)?))j\)$/.exec(s);
  if (m) return [num(m[1]!), num(m[2]!.replace(/^\+/, ''))];
  return s.endsWith('j') ? [0, num(s.slice(0, -1))] : [num(s)];
}

describe('zero-copy reads', () => {
  const f8 = manifest().find((e) => e.file === 'f8-le-c-2x3.npy')!;

  it('views the caller\'s bytes when the data is native and aligned', () => {
    const bytes = new Uint8Array(readFileSync(npyPath(f8)));
    const a = loadSync(bytes) as NdArray;
    expect(a.data.buffer).to.equal(bytes.buffer);
    expect(a.data.byteOffset).to.equal(bytes.byteOffset + f8.data_offset);
    expect(a.data).to.be.instanceOf(Float64Array);
  });

  it('copies once when the caller\'s bytes leave the data unaligned', () => {
    const file = readFileSync(npyPath(f8));
    const shifted = new Uint8Array(file.length + 1).subarray(1);
    shifted.set(file);
    const a = loadSync(shifted) as NdArray;
    expect(a.data.buffer).to.not.equal(shifted.buffer);
    expect(sha256(a.tobytes())).to.equal(f8.data_sha256);
  });

  it('swaps a big-endian array into a native typed array and keeps numpy\'s dtype', () => {
    const be = manifest().find((e) => e.file === 'i4-be-c-3x4.npy')!;
    const a = loadSync(npyPath(be)) as NdArray;
    expect(a.dtype.str).to.equal('>i4');
    expect(a.data).to.be.instanceOf(Int32Array);
    expect(jsonClone(a.toArray())).to.deep.equal(be.tolist);
  });
});

describe('NdArray element access', () => {
  const e = manifest().find((x) => x.file === 'i4-be-f-3x4.npy')!;
  const a = loadSync(npyPath(e)) as NdArray;
  const list = e.tolist as number[][];

  it('get() follows numpy indexing, negative indices included', () => {
    expect(a.get(1, 2)).to.equal(list[1]![2]);
    expect(a.get(-1, -1)).to.equal(list[2]![3]);
  });

  it('item() takes a flat C index as numpy does', () => {
    expect(a.item(5)).to.equal(list[1]![1]);
  });

  it('rejects an index out of bounds with numpy\'s IndexError words', () => {
    expect(() => a.get(3, 0)).to.throw(/index 3 is out of bounds for axis 0 with size 3/);
  });

  it('rejects item() without an index on an array of more than one element', () => {
    expect(() => a.item()).to.throw(/can only convert an array of size 1/);
  });
});

describe('record arrays', () => {
  const find = (f: string) => manifest().find((x) => x.file === f)!;

  it('field() gives each field as an array with the values numpy gives', () => {
    for (const f of ['struct-named-3.npy', 'struct-aligned-2.npy', 'struct-mixed-byteorder-2.npy', 'struct-subarray-2.npy', 'struct-nested-2.npy', 'struct-titles-2.npy']) {
      const e = find(f);
      const a = loadSync(npyPath(e)) as NdArray;
      const rows = e.tolist as unknown[];
      a.dtype.fieldList!.forEach((field, k) => {
        const col = a.field(field.name);
        const expected = unfoldArrays(rows.map((r) => (r as { $tuple: unknown[] }).$tuple[k]));
        expect(jsonClone(toPyJSON(col.toArray())), `${f} field ${field.name}`).to.deep.equal(expected);
      });
    }
  });

  it('field() is a view on the record bytes when the field is native and aligned', () => {
    const a = loadSync(npyPath(find('struct-aligned-2.npy'))) as NdArray;
    const aligned = a.dtype.fieldList!.find((f) => f.dtype.itemsize > 1 && f.offset % f.dtype.itemsize === 0 && f.dtype.isNativeOrder)!;
    expect(a.field(aligned.name).data.buffer).to.equal(a.data.buffer);
  });

  it('rejects an unknown field name', () => {
    const a = loadSync(npyPath(find('struct-named-3.npy'))) as NdArray;
    expect(() => a.field('nope')).to.throw(/no field of name nope/);
  });
});

describe('Unicode arrays', () => {
  it('keeps the raw UTF-32 words reachable when a string cannot hold them', () => {
    const a = loadSync(npyPath(manifest().find((x) => x.file === 'U2-le-above-10ffff-3.npy')!)) as NdArray;
    expect(a.data).to.be.instanceOf(Uint32Array);
    expect([...(a.data as Uint32Array)].some((w) => w > 0x10ffff)).to.equal(true);
  });

  it('reports a file that is not .npy at all with a typed error', () => {
    expect(() => readHeaderSync(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).to.throw(NpyFormatError, /magic string is not correct/);
  });
});

describe('arrays larger than one buffer', () => {
  it('refuses an array over maxArrayBytes and points to mmapMode', () => {
    const e = manifest().find((x) => x.file === 'f8-le-c-2x3.npy')!;
    expect(() => loadSync(npyPath(e), { maxArrayBytes: 47 })).to.throw(ArrayTooLargeError, /array of 48 bytes \(<f8, shape \(2, 3\)\) is larger than the 47-byte limit for one buffer; open it with mmapMode/);
    expect((loadSync(npyPath(e), { maxArrayBytes: 48 }) as NdArray).size).to.equal(6);
  });

  it('refuses a file larger than the runtime\'s largest typed array before reading it', function () {
    this.timeout(20000);
    const dir = mkdtempSync(join(tmpdir(), 'npyio-big-'));
    try {
      const n = bufferConstants.MAX_LENGTH + 64;
      const path = join(dir, 'big.npy');
      const header = writeHeader(parseTypestr('|u1'), [n], false);
      writeFileSync(path, header);
      truncateSync(path, header.length + n); // sparse: no disk blocks, no bytes read
      expect(() => loadSync(path)).to.throw(ArrayTooLargeError, /mmapMode/);
      expect(readHeaderSync(path).dataLength).to.equal(n);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
