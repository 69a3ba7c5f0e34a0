import { expect } from 'chai';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { array, loadSync, saveBytes, saveSync, NdArray, NpyFormatError } from '../../src/node/index.js';
import { writeFileAtomicSync } from '../../src/node/files.js';
import { writeHeader } from '../../src/npy/header.js';
import { parseTypestr } from '../../src/dtype/typestr.js';
import { manifest, npyPath } from './manifest.js';

describe('writing .npy byte for byte as np.save does', () => {
  for (const e of manifest()) {
    it(`writes ${e.file} exactly as numpy did`, () => {
      const file = readFileSync(npyPath(e));
      const warnings: string[] = [];
      const a = loadSync(file, { maxHeaderSize: 1 << 20 }) as NdArray;
      const out = saveBytes(a, { onWarning: (w) => warnings.push(w) });
      expect(Buffer.from(out).equals(file)).to.equal(true, `${e.file}: ${out.length} bytes vs numpy's ${file.length}`);
      if (e.version[0] > 1) expect(warnings).to.have.length(1);
    });
  }
});

describe('choosing the format version', () => {
  it('refuses to force version 1.0 on a header that does not fit, in numpy\'s words', () => {
    const big = manifest().find((e) => e.version[0] === 2)!;
    const a = loadSync(npyPath(big), { maxHeaderSize: 1 << 20 }) as NdArray;
    expect(() => saveBytes(a, { version: [1, 0] })).to.throw(NpyFormatError, /^Header length \d+ too big for version=\(1, 0\)$/);
  });

  it('refuses versions numpy does not know', () => {
    for (const v of [[1, 1], [0, 0], [2, 2], [255, 255]] as const) {
      expect(() => writeHeader(parseTypestr('<f8'), [3], false, { version: v })).to.throw(/we only support format version \(1,0\), \(2,0\), and \(3,0\)/);
    }
  });

  it('pads every header so the data starts on a 64-byte boundary', () => {
    for (const shape of [[], [1], [10 ** 12], [3, 4, 5, 6, 7]]) {
      expect(writeHeader(parseTypestr('<f8'), shape, false).length % 64).to.equal(0);
    }
  });
});

describe('save to a path', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'npyio-save-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends .npy as numpy does, case-sensitively', () => {
    const a = array(new Float64Array([1, 2, 3]));
    expect(saveSync(join(dir, 'a'), a)).to.equal(join(dir, 'a.npy'));
    expect(saveSync(join(dir, 'b.npy'), a)).to.equal(join(dir, 'b.npy'));
    expect(saveSync(join(dir, 'c.NPY'), a)).to.equal(join(dir, 'c.NPY.npy'));
  });

  it('leaves the old file intact and no temporary file when a write fails midway', () => {
    const target = join(dir, 'keep.npy');
    writeFileSync(target, 'old contents');
    const bad = { length: 10 } as unknown as Uint8Array; // writeSync throws on it, after the first part is written
    expect(() => writeFileAtomicSync(target, [new Uint8Array(100), bad])).to.throw();
    expect(readFileSync(target, 'utf8')).to.equal('old contents');
    expect(readdirSync(dir)).to.deep.equal(['keep.npy']);
  });
});
