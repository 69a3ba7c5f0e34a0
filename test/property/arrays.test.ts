/**
 * Property tests: random dtypes (every kind, both byte orders, structured
 * with nesting, subarrays and padding), random shapes (0-d, zero-size, up to
 * 6 dims, C and F order) and random bytes survive save -> load and savez /
 * savezCompressed -> load bit for bit, and numpy (one python3 run for the
 * whole batch) reads what we wrote as the same array.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toDType } from '../../src/dtype/descr.js';
import type { DescrEntry } from '../../src/dtype/dtype.js';
import { loadSync, NdArray, NpzFile, saveBytes, savezBytes } from '../../src/node/index.js';
import type { Order } from '../../src/ndarray.js';
import { hasNumpy, seededRandom, sha256 } from '../helpers.js';

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const UNITS = ['Y', 'M', 'W', 'D', 'h', 'm', 's', 'ms', 'us', 'ns', 'ps', 'fs', 'as', 'generic'];

/** A typestr of any simple kind, in either byte order where the size has one. */
function simpleType(r: Rng): string {
  const order = pick(r, ['<', '>']);
  const n = 1 + Math.floor(r() * 5);
  const kind = pick(r, ['b1', 'i1', 'u1', 'i2', 'u2', 'i4', 'u4', 'i8', 'u8', 'f2', 'f4', 'f8', 'f16', 'c8', 'c16', 'c32', 'S', 'U', 'V', 'M8', 'm8']);
  switch (kind) {
    case 'b1': case 'i1': case 'u1': return '|' + kind;
    case 'S': case 'V': return `|${kind}${n}`;
    case 'U': return `${order}U${n}`;
    case 'M8': case 'm8': return `${order}${kind}[${pick(r, UNITS)}]`;
    default: return order + kind;
  }
}

/** A structured descr: named fields, some with subarray shapes, nested records, and '' padding entries. */
function structDescr(r: Rng, depth: number): DescrEntry[] {
  const fields: DescrEntry[] = [];
  const count = 1 + Math.floor(r() * 4);
  for (let i = 0; i < count; i++) {
    if (r() < 0.2) fields.push(['', `|V${1 + Math.floor(r() * 7)}`]);
    const type = depth < 2 && r() < 0.25 ? structDescr(r, depth + 1) : simpleType(r);
    fields.push(r() < 0.2 ? [`f${i}`, type, [1 + Math.floor(r() * 3), 2]] : [`f${i}`, type]);
  }
  return fields;
}

function randomShape(r: Rng, itemsize: number): number[] {
  const ndim = Math.floor(r() * 7);
  const shape = Array.from({ length: ndim }, () => pick(r, [1, 2, 3, 4, 5]));
  if (ndim > 0 && r() < 0.1) shape[Math.floor(r() * ndim)] = 0;
  // keep arrays small: halve dimensions until under 16 KiB
  while (shape.reduce((a, b) => a * b, 1) * itemsize > 16384) shape[shape.indexOf(Math.max(...shape))]! >>= 1;
  return shape;
}

export interface RandomArray {
  readonly array: NdArray;
  readonly order: Order;
}

export function randomArray(r: Rng): RandomArray {
  const dt = toDType(r() < 0.3 ? structDescr(r, 0) : simpleType(r));
  const shape = randomShape(r, Math.max(1, dt.itemsize));
  const order: Order = r() < 0.5 ? 'C' : 'F';
  const bytes = new Uint8Array(shape.reduce((a, b) => a * b, 1) * dt.itemsize);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (r() * 256) | 0;
  return { array: NdArray.fromBytes(bytes, dt, shape, order), order };
}

/** What must survive: dtype (descr), shape and every byte in the array's own order. */
function identity(a: NdArray, order: Order) {
  return { descr: JSON.parse(JSON.stringify(a.dtype.descr)) as unknown, shape: [...a.shape], sha: sha256(a.tobytes(order)) };
}

const N = 300;
const cases = Array.from({ length: N }, (_, i) => randomArray(seededRandom(0x5eed0000 + i)));

describe('property: random arrays round-trip', () => {
  it(`saves and loads ${N} random arrays bit for bit`, () => {
    for (const [i, { array, order }] of cases.entries()) {
      const back = loadSync(saveBytes(array)) as NdArray;
      expect(identity(back, order), `case ${i}: ${array.dtype.str} ${JSON.stringify(array.shape)} ${order}`).to.deep.equal(identity(array, order));
    }
  });

  for (const compress of [false, true]) {
    it(`writes ${N} random arrays into ${compress ? 'compressed' : 'stored'} archives and loads the same members`, () => {
      for (let i = 0; i < N; i += 5) {
        const group = cases.slice(i, i + 5);
        const npz = loadSync(savezBytes(group.map((c) => c.array), compress)) as NpzFile;
        expect(npz.files).to.deep.equal(group.map((_, k) => `arr_${k}`));
        group.forEach(({ array, order }, k) => {
          expect(identity(npz.get(`arr_${k}`) as NdArray, order), `case ${i + k}`).to.deep.equal(identity(array, order));
        });
      }
    });
  }

  const why = hasNumpy() ? '' : ' (skipped: python3 with numpy is not on this machine)';
  it(`is read by numpy as the same arrays (one python3 run for ${N} .npy and ${N / 5} .npz)${why}`, function () {
    if (why) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'npyio-prop-'));
    try {
      const files: string[] = [];
      cases.forEach(({ array }, i) => {
        files.push(join(dir, `${i}.npy`));
        writeFileSync(files[i]!, saveBytes(array));
      });
      for (let i = 0; i < N; i += 5) {
        const name = join(dir, `${i}.npz`);
        writeFileSync(name, savezBytes(cases.slice(i, i + 5).map((c) => c.array), (i / 5) % 2 === 1));
        files.push(name);
      }
      const py = spawnSync('python3', ['-c', NUMPY_READER], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(py.status, py.stderr).to.equal(0);
      const seen = JSON.parse(py.stdout) as ReturnType<typeof identity>[][];
      cases.forEach(({ array, order }, i) => expect(seen[i]![0], `case ${i}.npy`).to.deep.equal(identity(array, order)));
      for (let i = 0; i < N; i += 5) {
        expect(seen[N + i / 5], `${i}.npz`).to.deep.equal(cases.slice(i, i + 5).map((c) => identity(c.array, c.order)));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * numpy's view of each file: descr, shape and sha256 of the bytes in memory
 * order ('A'). np.load reads an .npz member through a stream, copying
 * records field by field (padding bytes come out zero), so a member's bytes
 * are taken by frombuffer after numpy's own header reader; np.load must
 * still give the same dtype and shape.
 */
const NUMPY_READER = `
import hashlib, io, json, math, sys
import numpy as np
from numpy.lib import format as fmt
def ident(a):
    d = fmt.dtype_to_descr(a.dtype)
    d = json.loads(json.dumps(d if isinstance(d, list) else [['', d]]))
    return {'descr': d, 'shape': list(a.shape), 'sha': hashlib.sha256(a.tobytes(order='A')).hexdigest()}
def member(z, k):
    data = z.zip.read(k + '.npy')
    fp = io.BytesIO(data)
    version = fmt.read_magic(fp)
    read = fmt.read_array_header_1_0 if version == (1, 0) else fmt.read_array_header_2_0
    shape, fortran, dt = read(fp)
    a = np.frombuffer(data, dtype=dt, count=math.prod(shape), offset=fp.tell()).reshape(shape, order='F' if fortran else 'C')
    b = z[k]
    assert (a.dtype, a.shape) == (b.dtype, b.shape), k
    return ident(a)
out = []
for f in json.load(sys.stdin):
    if f.endswith('.npz'):
        with np.load(f) as z:
            out.append([member(z, k) for k in z.files])
    else:
        out.append([ident(np.load(f))])
print(json.dumps(out))
`;
