/**
 * mmapMode's modes against numpy: the mode strings and their errors, 'r+'
 * writes that numpy then reads from the file, 'c' writes that never reach
 * it, and openMemmap files byte for byte as np.lib.format.open_memmap's.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  array, ArrayTooLargeError, blobSource, load, loadRange, loadSync, MemmapArray, NpzFile, openMemmap, openMemmapSync, PyComplex,
  type IndexSpec, type NdArray, type TypedData,
} from '../../src/node/index.js';
import { storageOf } from '../../src/dtype/storage.js';
import { hasNumpy, sha256, thrown } from '../helpers.js';
import { memmapManifest, memmapPath } from './manifest.js';

/** An array of the file's dtype (native data) holding `values` (numbers, C order). */
function valuesFor(mm: MemmapArray, shape: number[], values: number[]): NdArray {
  const st = storageOf(mm.dtype);
  return fill(array(new st.ctor(values.length) as TypedData, { dtype: mm.dtype, shape }), values);
}

function fill(a: NdArray, values: number[]): NdArray {
  values.forEach((v, i) => ((a.data as unknown as number[])[i] = v));
  return a;
}

/** One write: `a[spec] = values` (a block) or `a[index] = value` (one element). */
interface Op {
  spec: IndexSpec[];
  shape?: number[];
  values?: number[];
  value?: number | boolean | string | [number, number];
}

/** Writes on copies of these fixtures; numpy applies the same to the original and compares. */
const WRITES: Record<string, Op[]> = {
  'f8-c-3d.npy': [
    { spec: [1, 2, 3], value: -1.25 },
    { spec: ['1:3', '::2', -1], shape: [2, 3], values: [10, 20, 30, 40, 50, 60] },
    { spec: [3], shape: [5, 6], values: Array.from({ length: 30 }, (_, i) => i * 0.5) },
  ],
  'f4-be-2d.npy': [
    { spec: [6, 4], value: 3.5 },
    { spec: ['::-2', 1], shape: [4], values: [1, 2, 3, 4] },
  ],
  'i2-f-2d.npy': [
    { spec: [0, 0], value: -32768 },
    { spec: ['1:5', '1:3'], shape: [4, 2], values: [1, 2, 3, 4, 5, 6, 7, 8] },
    { spec: [':', 3], shape: [6], values: [9, 8, 7, 6, 5, 4] },
  ],
  // float16 from numbers (rounded to nearest even, subnormals, overflow to inf) and exact 64-bit ints.
  'f2-1d.npy': [{ spec: [0], value: 0.1 }, { spec: [1], value: 1e-6 }, { spec: [2], value: -70000 }, { spec: [3], value: 2049 }],
  // Strings into U (truncated to fit, astral code points whole), booleans into bool.
  'U3-2d.npy': [{ spec: [1, 2], value: 'h\u00e9' }, { spec: [0, 0], value: '\u{1F600}ab' }, { spec: [3, 1], value: 'wxyz' }],
  'bool-1d.npy': [{ spec: [0], value: false }, { spec: [1], value: true }],
  'i8-be-1d.npy': [{ spec: [2], value: 2 ** 53 }, { spec: [-1], value: -12345678901 }],
  'c16-be-f-3d.npy': [
    { spec: [2, 3, 4], value: [1.5, -2] },
    { spec: [1, 2, 0], value: [0, 7] },
  ],
};

function applyOps(mm: MemmapArray, ops: Op[]): void {
  for (const op of ops) {
    if (op.value !== undefined) mm.set(op.spec as number[], Array.isArray(op.value) ? new PyComplex(op.value[0], op.value[1]) : op.value);
    else mm.setSlice(op.spec, valuesFor(mm, op.shape!, op.values!));
  }
}

const CHECK_WRITES = `
import base64, json, sys
import numpy as np
cases = json.load(open(sys.argv[1]))
out = {}
def index(spec):
    return tuple(Ellipsis if s == '...' else slice(*[int(p) if p.strip() else None for p in s.split(':')]) if isinstance(s, str) else s for s in spec)
for c in cases:
    a = np.load(c['original']).copy()
    for op in c['ops']:
        v = op.get('value')
        if isinstance(v, list): v = complex(*v)
        a[index(op['spec'])] = np.array(op['values']).reshape(op['shape']) if 'values' in op else v
    b = np.load(c['written'])
    out[c['written']] = {'equal': bool(np.array_equal(a, b)) and a.dtype == b.dtype and a.shape == b.shape,
                         'expected': base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()}
print(json.dumps(out))
`;

describe('memmap modes, against numpy', () => {
  const m = memmapManifest();
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'npyio-memmap-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`answers numpy's ${m.modes.length} mode cases as numpy does (and never truncates the file)`, async () => {
    for (const c of m.modes) {
      for (const how of ['sync', 'async']) {
        const path = join(dir, `mode-${how}-${c.file}`);
        copyFileSync(memmapPath(c.file), path);
        const before = sha256(readFileSync(path));
        const what = `${c.file} mmapMode=${c.mode} (${how})`;
        const opts = { mmapMode: c.mode as 'r' };
        if (c.outcome.ok) {
          const mm = (how === 'sync' ? loadSync(path, opts) : await load(path, opts)) as MemmapArray;
          expect(mm, what).to.be.instanceOf(MemmapArray);
          expect(mm.mode, what).to.equal(c.outcome.mode);
          await mm.closeAsync();
        } else {
          let e: unknown;
          try {
            if (how === 'sync') loadSync(path, opts);
            else await load(path, opts);
          } catch (err) {
            e = err;
          }
          expect(e, what).to.have.property('pythonType', c.outcome.class);
          expect((e as Error).message, what).to.equal(c.outcome.message);
        }
        // numpy's 'w+' through np.load empties the file before failing (size_after 0): npyio leaves it alone.
        expect(sha256(readFileSync(path)), what).to.equal(before);
      }
    }
  });

  it('ignores mmapMode for an .npz, as numpy does', async () => {
    const npz = loadSync(memmapPath(m.npz.file), { mmapMode: 'r' });
    expect(npz).to.be.instanceOf(NpzFile);
    expect((npz as NpzFile).files).to.deep.equal(Object.keys(m.npz.members));
    (npz as NpzFile).close();
    using npz2 = (await load(memmapPath(m.npz.file), { mmapMode: 'r+' })) as NpzFile;
    expect(sha256((npz2.get('m1') as NdArray).tobytes())).to.equal(m.npz.members['m1']!.sha256);
  });

  it('refuses bytes in memory (they are no file) with numpy\'s TypeError', () => {
    const e = thrown(() => loadSync(new Uint8Array(readFileSync(memmapPath('u1-1d.npy'))), { mmapMode: 'r' }));
    expect(e.pythonType).to.equal('TypeError');
    expect(e.message).to.match(/^expected str, bytes or os.PathLike object, not Uint8Array/);
  });

  it("refuses 'r+' on a Blob, which cannot be written, and maps it with 'c'", async () => {
    const blob = new Blob([readFileSync(memmapPath('u1-1d.npy'))]);
    let e: unknown;
    await loadRange(blobSource(blob), { mmapMode: 'r+' }).catch((err: unknown) => (e = err));
    expect(e).to.have.property('pythonType', 'ValueError');
    expect((e as Error).message).to.match(/cannot be written: mmapMode 'r\+' needs a file/);
    const c = (await loadRange(blobSource(blob), { mmapMode: 'c' })) as MemmapArray;
    await c.setAsync([3], 250);
    expect(await c.getAsync(3)).to.equal(250);
  });

  it("refuses writes in mode 'r' with numpy's message", () => {
    using mm = loadSync(memmapPath('u1-1d.npy'), { mmapMode: 'r' }) as MemmapArray;
    const e = thrown(() => mm.set([0], 1));
    expect([e.pythonType, e.message]).to.deep.equal(['ValueError', 'assignment destination is read-only']);
  });

  it("'c' keeps writes in memory: later reads see them, the file's sha256 never changes", () => {
    for (const [file, ops] of Object.entries(WRITES)) {
      const path = join(dir, `cow-${file}`);
      copyFileSync(memmapPath(file), path);
      const before = sha256(readFileSync(path));
      using mm = loadSync(path, { mmapMode: 'c' }) as MemmapArray;
      const original = mm.read().tobytes();
      applyOps(mm, ops);
      mm.flush();
      expect(Buffer.compare(mm.read().tobytes(), original), file).to.not.equal(0);
      expect(sha256(readFileSync(path)), file).to.equal(before);
    }
  });

  it("'c' rows read one at a time see the writes, as numpy's m[i] on the same map does", () => {
    const b64 = (a: NdArray) => Buffer.from(a.tobytes()).toString('base64');
    for (const c of m.cow) {
      using mm = loadSync(memmapPath(c.file), { mmapMode: 'c' }) as MemmapArray;
      expect(b64(mm.slice(1)), c.file).to.equal(c.row1_before);
      for (const w of c.writes) {
        if (w.spec.length === mm.ndim) mm.set(w.spec, w.values[0]);
        else mm.setSlice(w.spec, valuesFor(mm, mm.shape.slice(w.spec.length), w.values));
      }
      expect(c.rows.map((_, i) => b64(mm.slice(i))), c.file).to.deep.equal(c.rows);
      expect(c.rows.map((_, i) => b64(mm.slice(i - c.rows.length))), c.file).to.deep.equal(c.rows);
    }
  });

  it("'c' rows read one at a time through an async file handle see the writes too", async () => {
    const b64 = (a: NdArray) => Buffer.from(a.tobytes()).toString('base64');
    for (const c of m.cow) {
      const mm = (await load(memmapPath(c.file), { mmapMode: 'c' })) as MemmapArray;
      expect(b64(await mm.sliceAsync(1)), c.file).to.equal(c.row1_before);
      for (const w of c.writes) {
        if (w.spec.length === mm.ndim) await mm.setAsync(w.spec, w.values[0]);
        else await mm.setSliceAsync(w.spec, valuesFor(mm, mm.shape.slice(w.spec.length), w.values));
      }
      for (let i = 0; i < c.rows.length; i++) expect(b64(await mm.sliceAsync(i - (i % 2) * c.rows.length)), `${c.file} row ${i}`).to.equal(c.rows[i]);
      await mm.closeAsync();
    }
  });

  it('chunks of a written copy-on-write map read the written values', async () => {
    const path = join(dir, 'cow-chunks.npy');
    copyFileSync(memmapPath('f8-c-3d.npy'), path);
    const mm = (await load(path, { mmapMode: 'c' })) as MemmapArray;
    await mm.setSliceAsync([2], fill(array(new Float64Array(30), { shape: [5, 6] }), Array.from({ length: 30 }, (_, i) => 1000 + i)));
    const rows: unknown[] = [];
    for await (const chunk of mm.chunksAsync(3)) rows.push(...(chunk.toArray() as unknown[]));
    expect((rows[2] as number[][])[4]![5]).to.equal(1029);
    expect(rows).to.deep.equal((await mm.readAsync()).toArray());
    await mm.closeAsync();
  });

  it('openMemmap writes the file np.lib.format.open_memmap writes: same header, same size, same bytes', async () => {
    for (const c of m.open_memmap) {
      for (const how of ['sync', 'async']) {
        const path = join(dir, `${how}-${c.file}`);
        const opts = { dtype: c.dtype as string, shape: c.shape, fortranOrder: c.fortran_order };
        const mm = how === 'sync' ? openMemmapSync(path, opts) : await openMemmap(path, opts);
        expect(mm.mode).to.equal('r+');
        await mm.closeAsync();
        const bytes = readFileSync(path);
        expect(Buffer.from(bytes.subarray(0, mm.offset)).toString('base64'), c.file).to.equal(c.header);
        expect([bytes.length, sha256(bytes)], c.file).to.deep.equal([c.size, c.sha256]);
      }
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('openMemmap refuses object dtypes with numpy\'s message and leaves no file behind', () => {
    const path = join(dir, 'obj.npy');
    const e = thrown(() => openMemmapSync(path, { dtype: '|O', shape: [3] }));
    expect([e.pythonType, e.message]).to.deep.equal(['ValueError', "Array can't be memory-mapped: Python objects in dtype."]);
    expect(readdirSync(dir).filter((f) => f.startsWith('obj') || f.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('openMemmap replaces an existing file only once the new one is complete', () => {
    const path = join(dir, 'replace.npy');
    writeFileSync(path, 'old');
    expect(() => openMemmapSync(path, { dtype: '<f8', shape: [-1] })).to.throw(/invalid shape/);
    expect(readFileSync(path, 'utf8')).to.equal('old');
    openMemmapSync(path, { dtype: '<f8', shape: [2] }).close();
    expect(readFileSync(path).length).to.equal(128 + 16);
  });

  it('maps a sparse 12 GiB file: offsets past 2^32 are exact, a slice over the buffer limit is a typed error', () => {
    const path = join(dir, 'sparse.npy');
    const cols = 2 ** 32;
    const mm = openMemmapSync(path, { dtype: '|u1', shape: [3, cols] });
    mm.set([2, cols - 1], 7);
    mm.set([1, 5], 9);
    mm.close();
    expect(statSync(path).size).to.equal(128 + 3 * cols);
    using r = loadSync(path, { mmapMode: 'r', maxArrayBytes: 1 << 20 }) as MemmapArray;
    expect(r.get(2, -1)).to.equal(7);
    expect(r.slice('...', '-2:').toArray()).to.deep.equal([[0, 0], [0, 0], [0, 7]]);
    expect(r.slice(':', 5).toArray()).to.deep.equal([0, 9, 0]);
    const e = thrown(() => r.slice(1));
    expect(e).to.be.instanceOf(ArrayTooLargeError);
    expect(e.message).to.equal(`a slice of ${cols} bytes is larger than the ${1 << 20}-byte limit for one buffer; read it in smaller slices`);
    expect(thrown(() => r.chunks(1).next())).to.be.instanceOf(ArrayTooLargeError);
    if (hasNumpy()) {
      const py = spawnSync('python3', ['-c', 'import sys, numpy as np; m = np.load(sys.argv[1], mmap_mode="r"); print(m[2, -1], m[1, 5], m.shape)', path], { encoding: 'utf8' });
      expect(py.stdout.trim()).to.equal(`7 9 (3, ${cols})`);
    }
  });

  (hasNumpy() ? it : it.skip)(
    hasNumpy() ? "'r+' writes (sync, async, into openMemmap files) are in the file when numpy reads it" : "'r+' writes are what numpy reads (skipped: python3 with numpy not found)",
    async function () {
      this.timeout(30000);
      const cases: { original: string; written: string; ops: Op[] }[] = [];
      for (const [file, ops] of Object.entries(WRITES)) {
        const sync = join(dir, `rw-sync-${file}`);
        copyFileSync(memmapPath(file), sync);
        const mm = loadSync(sync, { mmapMode: 'r+' }) as MemmapArray;
        applyOps(mm, ops);
        mm.flush();
        mm.close();
        cases.push({ original: memmapPath(file), written: sync, ops });

        const asyncPath = join(dir, `rw-async-${file}`);
        copyFileSync(memmapPath(file), asyncPath);
        const ma = (await load(asyncPath, { mmapMode: 'r+' })) as MemmapArray;
        for (const op of ops) {
          if (op.value !== undefined) await ma.setAsync(op.spec as number[], Array.isArray(op.value) ? new PyComplex(op.value[0], op.value[1]) : op.value);
          else await ma.setSliceAsync(op.spec, valuesFor(ma, op.shape!, op.values!));
        }
        await ma.flushAsync();
        await ma.closeAsync();
        cases.push({ original: memmapPath(file), written: asyncPath, ops });
      }
      // A new file from openMemmap, written through, against numpy's zeros with the same writes.
      const zeros = join(dir, 'zeros-ref.npy');
      openMemmapSync(zeros, { dtype: '>f4', shape: [7, 5], fortranOrder: true }).close();
      const created = join(dir, 'created.npy');
      const ops: Op[] = [{ spec: ['::2', 1], shape: [4], values: [1, 2, 3, 4] }, { spec: [6, 4], value: 9 }];
      const mc = openMemmapSync(created, { dtype: '>f4', shape: [7, 5], fortranOrder: true });
      applyOps(mc, ops);
      mc.close();
      cases.push({ original: zeros, written: created, ops });

      const json = join(dir, 'cases.json');
      writeFileSync(json, JSON.stringify(cases));
      const r = spawnSync('python3', ['-c', CHECK_WRITES, json], { encoding: 'utf8' });
      expect(r.status, r.stderr).to.equal(0);
      const seen = JSON.parse(r.stdout) as Record<string, { equal: boolean; expected: string }>;
      for (const c of cases) expect(seen[c.written]!.equal, c.written).to.equal(true);

      // And 'c' reads give what numpy computed for the same writes.
      for (const [file, fileOps] of Object.entries(WRITES)) {
        using mm = loadSync(memmapPath(file), { mmapMode: 'c' }) as MemmapArray;
        applyOps(mm, fileOps);
        expect(Buffer.from(mm.read().tobytes()).toString('base64'), file).to.equal(seen[join(dir, `rw-sync-${file}`)]!.expected);
      }
    },
  );
});
