/**
 * npyio -> numpy: every array npyio writes is read back by real numpy
 * (python-fixtures/check_npy.py) and compared with what numpy said about the
 * original. Needs python3 with numpy; says so when it is missing.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { array, loadSync, saveSync, NdArray } from '../../src/node/index.js';
import { fixture, hasNumpy, sha256 } from '../helpers.js';
import { manifest, npyPath } from './manifest.js';

interface Checked {
  file: string;
  ok: boolean;
  dtype_str?: string;
  shape?: number[];
  fortran_order?: boolean;
  data_sha256?: string;
  file_sha256?: string;
  tolist?: unknown;
  message?: string;
}

function checkWithNumpy(files: string[]): Map<string, Checked> {
  const r = spawnSync('python3', [fixture('check_npy.py'), '--max-header-size=1000000', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`check_npy.py failed: ${r.stderr}`);
  const list = JSON.parse(r.stdout) as Checked[];
  return new Map(list.map((c) => [c.file, c]));
}

(hasNumpy() ? describe : describe.skip)(
  hasNumpy() ? 'numpy reads what npyio writes' : 'numpy reads what npyio writes (skipped: python3 with numpy not found)',
  () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'npyio-roundtrip-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('every fixture re-saved by npyio loads in numpy with the same dtype, shape, order and bytes', function () {
      this.timeout(60000);
      const entries = manifest();
      const written = entries.map((e) => {
        const a = loadSync(npyPath(e), { maxHeaderSize: 1 << 20 }) as NdArray;
        return saveSync(join(dir, e.file), a);
      });
      const checked = checkWithNumpy(written);
      for (const [i, e] of entries.entries()) {
        const c = checked.get(written[i]!)!;
        expect(c.ok, `${e.file}: ${c.message}`).to.equal(true);
        expect({ dtype: c.dtype_str, shape: c.shape, fortran: c.fortran_order, data: c.data_sha256 }, e.file)
          .to.deep.equal({ dtype: e.dtype_str, shape: e.shape, fortran: e.fortran_order, data: e.data_sha256 });
        expect(c.file_sha256, e.file).to.equal(sha256(readFileSync(npyPath(e))));
      }
    });

    it('arrays built in JavaScript load in numpy with the values they were built from', function () {
      this.timeout(60000);
      const built: [string, NdArray, unknown][] = [
        ['f64.npy', array(new Float64Array([1.5, -0, NaN, Infinity])), [1.5, { $float: '-0.0' }, { $float: 'nan' }, { $float: 'inf' }]],
        ['i32-2x3-f.npy', array(new Int32Array([1, 4, 2, 5, 3, 6]), { shape: [2, 3], order: 'F' }), [[1, 2, 3], [4, 5, 6]]],
        ['f64-be.npy', array(new Float64Array([1, 2]), { dtype: '>f8' }), [1, 2]],
        ['u64.npy', array(new BigUint64Array([0n, 2n ** 64n - 1n])), [0, { $int: '18446744073709551615' }]],
        ['s3.npy', array(new Uint8Array([97, 98, 0, 120, 0, 0]), { dtype: '|S3' }), [{ $bytes: 'YWI=' }, { $bytes: 'eA==' }]],
        ['u2.npy', array(new Uint32Array([0x1f600, 0x41, 0x42, 0]), { dtype: '<U2' }), ['\u{1f600}A', 'B']],
        ['rec.npy', array(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]), { dtype: [['a', '<i4'], ['b', '<f8']] }), [{ $tuple: [1, 1.5] }]],
        ['bool-0d.npy', array(new Uint8Array([1]), { dtype: '|b1', shape: [] }), true],
      ];
      const paths = built.map(([name, a]) => saveSync(join(dir, name), a));
      const checked = checkWithNumpy(paths);
      for (const [i, [name, , values]] of built.entries()) {
        const c = checked.get(paths[i]!)!;
        expect(c.ok, `${name}: ${c.message}`).to.equal(true);
        expect(c.tolist, name).to.deep.equal(values);
      }
    });
  },
);
