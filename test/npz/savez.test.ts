/**
 * savez / savezCompressed against numpy: stored archives are byte for byte
 * what np.savez wrote (python-fixtures/npz), and numpy reads back every
 * archive npyio writes (when python3 with numpy is here; the test says so when not).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSync, savezBytes, savezCompressedSync, savezSync, NdArray, NpzFile } from '../../src/node/index.js';
import { memberName } from '../../src/npz/savez.js';
import { fixture, hasNumpy, readJSON, sha256 } from '../helpers.js';

interface Entry {
  file: string;
  category: string;
  open: { ok: boolean; files?: string[]; namelist?: string[] };
}

const DIR = fixture('npz');
const entries = readJSON<Entry[]>(join(DIR, 'manifest.json'));

/** The members of a numpy-written archive as arrays, when every one is an .npy of bytes (no pickles). */
function arraysOf(file: string): Map<string, NdArray> | null {
  const npz = loadSync(join(DIR, file)) as NpzFile;
  try {
    const out = new Map<string, NdArray>();
    for (const [i, key] of npz.files.entries()) {
      if (!npz.namelist[i]!.endsWith('.npy')) return null;
      const v = npz.get(npz.namelist[i]!);
      if (!(v instanceof NdArray)) return null;
      out.set(key, v);
    }
    return out;
  } catch {
    return null;
  } finally {
    npz.close();
  }
}

describe('savez writes what np.savez writes', () => {
  const stored = entries.filter((e) => e.category === 'savez' && e.open.ok);
  for (const e of stored) {
    const arrays = arraysOf(e.file);
    if (arrays === null) continue; // object members or names numpy cuts at a NUL: not an npyio input
    it(`writes ${e.file} byte for byte`, () => {
      const ours = savezBytes(arrays);
      expect(sha256(ours)).to.equal(sha256(readFileSync(join(DIR, e.file))));
    });
  }
});

(hasNumpy() ? describe : describe.skip)(
  hasNumpy() ? 'numpy reads the archives npyio writes' : 'numpy reads the archives npyio writes (skipped: python3 with numpy not found)',
  () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'npyio-savez-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('loads every array back with the same names, dtypes, shapes and bytes, stored and compressed', function () {
      this.timeout(60000);
      const written: { path: string; arrays: Map<string, NdArray> }[] = [];
      for (const e of entries.filter((x) => x.category === 'savez_compressed' && x.open.ok)) {
        const arrays = arraysOf(e.file);
        if (arrays === null) continue;
        written.push({ path: savezSync(join(dir, `s-${e.file}`), arrays), arrays });
        written.push({ path: savezCompressedSync(join(dir, `c-${e.file}`), arrays), arrays });
      }
      written.push({ path: savezSync(join(dir, 'empty'), []), arrays: new Map() });
      const code = `import json, sys, hashlib, numpy as np
out = {}
for p in sys.argv[1:]:
    with np.load(p) as z:
        # full member names: 'x.npy' alone would give member x.npy, not x.npy.npy (numpy's table)
        out[p] = {n: [z[n].dtype.str, list(z[n].shape), hashlib.sha256(z[n].tobytes(order='A')).hexdigest()] for n in z.zip.namelist()}
print(json.dumps(out))`;
      const r = spawnSync('python3', ['-c', code, ...written.map((w) => w.path)], { encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(r.status, r.stderr).to.equal(0);
      const seen = JSON.parse(r.stdout) as Record<string, Record<string, [string, number[], string]>>;
      for (const w of written) {
        const expected = Object.fromEntries([...w.arrays].map(([k, a]) => [memberName(k), [a.dtype.str, [...a.shape], sha256(a.tobytes(a.order))]]));
        expect(seen[w.path], w.path).to.deep.equal(expected);
      }
      expect(written.length).to.be.greaterThan(20);
    });
  },
);
