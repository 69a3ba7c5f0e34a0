/**
 * Basic slicing of memory-mapped arrays against numpy's answers for the same
 * slices of the same files (python-fixtures/memmap, from np.load(mmap_mode='r')):
 * through a sync descriptor, an async file handle and a Blob.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { blobSource, load, loadRange, loadSync, MemmapArray, toPyJSON, type IndexSpec, type NdArray } from '../../src/node/index.js';
import { jsonClone, thrown } from '../helpers.js';
import { memmapManifest, memmapPath, type SliceCase } from './manifest.js';
import { selectView, sliceIndices } from '../../src/memmap/slicing.js';

function checkSlice(got: NdArray, c: SliceCase, what: string): void {
  expect(got.shape, what).to.deep.equal(c.shape);
  expect(Buffer.from(got.tobytes()).toString('base64'), what).to.equal(c.bytes);
  if (c.pyjson !== null) expect(jsonClone(toPyJSON(got.toArray())), what).to.deep.equal(c.pyjson);
}

describe('memmap slicing, against numpy', () => {
  const m = memmapManifest();

  it('maps every fixture with numpy\'s dtype, shape and order', () => {
    for (const a of m.arrays) {
      using mm = loadSync(memmapPath(a.file), { mmapMode: 'r' }) as MemmapArray;
      expect(mm).to.be.instanceOf(MemmapArray);
      expect([mm.dtype.str, mm.shape, mm.order], a.file).to.deep.equal([a.dtype_str, a.shape, a.fortran_order ? 'F' : 'C']);
    }
  });

  for (const a of m.arrays) {
    it(`${a.file}: ${a.slices.length} slices give numpy's shapes, bytes and values, or its IndexError (sync)`, () => {
      using mm = loadSync(memmapPath(a.file), { mmapMode: 'r' }) as MemmapArray;
      for (const c of a.slices) {
        const what = `${a.file}[${JSON.stringify(c.spec)}]`;
        if (c.ok) checkSlice(mm.slice(...c.spec), c, what);
        else {
          const e = thrown(() => mm.slice(...c.spec));
          expect([e.pythonType, e.message], what).to.deep.equal([c.class, c.message]);
        }
      }
    });
  }

  it(`take() gives numpy's rows for integer-array indices (repeats, negatives, out of bounds), sync and async`, async () => {
    let n = 0;
    for (const a of m.arrays) {
      using mm = loadSync(memmapPath(a.file), { mmapMode: 'r' }) as MemmapArray;
      const viaBlob = (await loadRange(blobSource(new Blob([readFileSync(memmapPath(a.file))])), { mmapMode: 'r' })) as MemmapArray;
      for (const c of a.takes) {
        const what = `${a.file}[${JSON.stringify(c.indices)}]`;
        n++;
        if (c.ok) {
          for (const got of [mm.take(c.indices), await viaBlob.takeAsync(c.indices)]) {
            expect(got.shape, what).to.deep.equal(c.shape);
            expect(Buffer.from(got.tobytes()).toString('base64'), what).to.equal(c.bytes);
          }
        } else {
          const e = thrown(() => mm.take(c.indices));
          expect([e.pythonType, e.message], what).to.deep.equal([c.class, c.message]);
        }
      }
    }
    expect(n).to.be.greaterThan(80);
  });

  it('gives the same answers through an async file handle and through a Blob', async () => {
    for (const a of m.arrays) {
      const viaFile = (await load(memmapPath(a.file), { mmapMode: 'r' })) as MemmapArray;
      const viaBlob = (await loadRange(blobSource(new Blob([readFileSync(memmapPath(a.file))])), { mmapMode: 'r' })) as MemmapArray;
      expect(viaFile.isSync).to.equal(false);
      for (const c of a.slices.filter((s) => s.ok)) {
        checkSlice(await viaFile.sliceAsync(...c.spec), c, `${a.file}[${JSON.stringify(c.spec)}] async`);
        checkSlice(await viaBlob.sliceAsync(...c.spec), c, `${a.file}[${JSON.stringify(c.spec)}] blob`);
      }
      await viaFile.closeAsync();
    }
  });

  it('refuses to read a row once closed, as any slice', () => {
    const mm = loadSync(memmapPath('f4-rows.npy'), { mmapMode: 'r' }) as MemmapArray;
    mm.close();
    for (const spec of [[0], [-1], ['0:1']] as IndexSpec[][]) {
      const e = thrown(() => mm.slice(...spec));
      expect([e.pythonType, e.message]).to.deep.equal(['ValueError', `${mm.toString()} is closed`]);
    }
  });

  it('get() gives the element numpy gives for a full index, and chunks() covers the first axis in order', () => {
    const a = m.arrays.find((x) => x.file === 'i2-f-2d.npy')!;
    using mm = loadSync(memmapPath(a.file), { mmapMode: 'r' }) as MemmapArray;
    for (const c of a.slices.filter((s) => s.ok && s.shape!.length === 0)) {
      expect(jsonClone(toPyJSON(mm.get(...(c.spec as number[])))), JSON.stringify(c.spec)).to.deep.equal(c.pyjson);
    }
    const rows: unknown[] = [];
    for (const chunk of mm.chunks(4)) {
      expect(chunk.shape[0]).to.be.at.most(4);
      rows.push(...(chunk.toArray() as unknown[]));
    }
    expect(rows).to.deep.equal(mm.read().toArray());
    expect(rows.length).to.equal(a.shape[0]);
  });

  it('refuses the wrong number of indices for get, as NdArray does', () => {
    using mm = loadSync(memmapPath('f8-c-3d.npy'), { mmapMode: 'r' }) as MemmapArray;
    expect(thrown(() => mm.get(1, 2)).message).to.equal('expected 3 indices, got 2');
    expect(thrown(() => mm.get(1, 2, 6)).message).to.equal('index 6 is out of bounds for axis 2 with size 6');
  });

  it('follows Python\'s slice.indices for steps, negative bounds and clamping', () => {
    expect(sliceIndices({ start: -100, stop: 100, step: 3 }, 10)).to.deep.equal({ start: 0, step: 3, length: 4 });
    expect(sliceIndices({ step: -1 }, 10)).to.deep.equal({ start: 9, step: -1, length: 10 });
    expect(sliceIndices({ start: 8, stop: -12, step: -3 }, 10)).to.deep.equal({ start: 8, step: -3, length: 3 });
    expect(sliceIndices({ start: 3, stop: 3 }, 10).length).to.equal(0);
    // Offsets past 2^32 stay exact.
    const v = selectView([1 << 20, 1 << 20], [8 << 20, 8], [(1 << 20) - 1, '-1:']);
    expect(v.offset).to.equal(((1 << 20) - 1) * (8 << 20) + ((1 << 20) - 1) * 8);
  });

  it('rejects indices that are neither integers nor slices with numpy\'s IndexError', () => {
    using mm = loadSync(memmapPath('u1-1d.npy'), { mmapMode: 'r' }) as MemmapArray;
    for (const bad of [1.5, 'a:b', '1:2:3:4', 'x'] as IndexSpec[]) {
      expect(thrown(() => mm.slice(bad)).pythonType, String(bad)).to.equal('IndexError');
    }
  });
});
