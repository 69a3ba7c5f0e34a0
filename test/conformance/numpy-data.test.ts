/**
 * ../shared/conformance/numpy-data: real files written by numpy under Python 2
 * and 3, with what numpy 2.4 returns for each option combination.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSync, toPyJSON, ForbiddenGlobalError, NpyioError, NpzFile, type LoadOptions } from '../../src/node/index.js';
import { asNumpyNamesSources, jsonClone, readJSON, SHARED } from '../helpers.js';

interface Outcome {
  ok: boolean;
  value?: { type: string; pyjson?: unknown; files?: string[]; namelist?: string[]; repr?: string; members?: Record<string, Outcome> };
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

/** numpy's outcome for one value or error, against npyio's. */
function expectOutcome(value: unknown, error: unknown, expected: Outcome): void {
  if (expected.ok) {
    expect(error, String(error)).to.equal(undefined);
    expect(jsonClone(toPyJSON(value))).to.deep.equal(expected.value!.pyjson);
    return;
  }
  expect(error).to.be.instanceOf(NpyioError);
  if (expected.error!.class === 'ModuleNotFoundError') {
    // numpy tries to import the Python 2 module and fails; npyio refuses the global without importing.
    expect(error).to.be.instanceOf(ForbiddenGlobalError);
    expect(expected.error!.message).to.equal(`No module named '${(error as ForbiddenGlobalError).qualname.split('.')[0]}'`);
    return;
  }
  expect((error as NpyioError).pythonType).to.equal(expected.error!.class);
  expect(asNumpyNamesSources((error as NpyioError).message, DIR)).to.equal(expected.error!.message);
}

describe('numpy conformance files (shared/conformance/numpy-data)', () => {
  const doc = readJSON<{ files: FileEntry[] }>(join(DIR, 'EXPECTED.json'));

  for (const f of doc.files) {
    describe(f.name, () => {
      const cases = f.cases;
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
            if (expected.ok && expected.value!.type === 'NpzFile') {
              expect(error, String(error)).to.equal(undefined);
              const npz = value as NpzFile;
              try {
                expect([...npz.files]).to.deep.equal(expected.value!.files);
                expect([...npz.namelist]).to.deep.equal(expected.value!.namelist);
                expect(asNumpyNamesSources(npz.toString(), DIR)).to.equal(expected.value!.repr);
                for (const [key, member] of Object.entries(expected.value!.members!)) {
                  let v: unknown;
                  let err: unknown;
                  try {
                    v = npz.get(key);
                  } catch (e) {
                    err = e;
                  }
                  expectOutcome(v, err, member.ok ? { ok: true, value: member.value } : member);
                }
              } finally {
                npz.close();
              }
            } else {
              if (expected.ok) expect(warnings).to.deep.equal((expected.warnings ?? []).map((w) => w.message));
              expectOutcome(value, error, expected);
            }
          });
        }
      }
    });
  }
});
