/**
 * ../shared/conformance/numpy-data: real files written by numpy under Python 2
 * and 3, with what numpy 2.4 returns for each option combination.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSync, toPyJSON, NpyioError, type LoadOptions } from '../../src/node/index.js';
import { jsonClone, readJSON, SHARED } from '../helpers.js';

interface Outcome {
  ok: boolean;
  value?: { type: string; pyjson?: unknown };
  error?: { class: string; message: string };
  warnings?: { class: string; message: string }[];
}
interface Case {
  allow_pickle: boolean;
  fix_imports: boolean;
  encoding: 'ASCII' | 'latin1' | 'bytes';
  path: Outcome;
  bytes: Outcome;
}
interface FileEntry {
  name: string;
  kind: 'npy' | 'npz' | 'pickle';
  cases: Case[];
}

const DIR = join(SHARED, 'conformance', 'numpy-data');

/** What this issue covers: plain arrays, and numpy's refusals of pickled data. */
function covered(f: FileEntry, c: Case): boolean {
  if (f.kind === 'npz') return false;
  if (c.path.ok) return c.path.value?.type === 'ndarray' && !c.allow_pickle;
  return !c.allow_pickle;
}

describe('numpy conformance files (shared/conformance/numpy-data)', () => {
  const doc = readJSON<{ files: FileEntry[] }>(join(DIR, 'EXPECTED.json'));

  for (const f of doc.files) {
    describe(f.name, () => {
      const cases = f.cases.filter((c) => covered(f, c));
      for (const c of cases) {
        const opts: LoadOptions = { allowPickle: c.allow_pickle, fixImports: c.fix_imports, encoding: c.encoding };
        const label = `allow_pickle=${c.allow_pickle} fix_imports=${c.fix_imports} encoding=${c.encoding}`;
        for (const source of ['path', 'bytes'] as const) {
          it(`loads from ${source} as numpy does with ${label}`, () => {
            const expected = c[source];
            const warnings: string[] = [];
            const src = source === 'path' ? join(DIR, f.name) : readFileSync(join(DIR, f.name));
            let value: unknown;
            let error: unknown;
            try {
              value = loadSync(src, { ...opts, onWarning: (w) => warnings.push(w) });
            } catch (e) {
              error = e;
            }
            if (expected.ok) {
              expect(error, String(error)).to.equal(undefined);
              expect(jsonClone(toPyJSON(value))).to.deep.equal(expected.value!.pyjson);
              expect(warnings).to.deep.equal((expected.warnings ?? []).map((w) => w.message));
            } else {
              expect(error).to.be.instanceOf(NpyioError);
              expect((error as NpyioError).pythonType).to.equal(expected.error!.class);
              expect((error as NpyioError).message).to.equal(expected.error!.message);
            }
          });
        }
      }
      const rest = f.cases.length - cases.length;
      if (rest > 0) {
        const why = f.kind === 'npz' ? 'needs .npz archives (issue 4)' : 'needs the restricted unpickler (issue 3)';
        it.skip(`skipped: ${rest} option combinations of ${f.name} ${why}`, () => undefined);
      }
    });
  }
});
