/**
 * Malformed and unusual .npy files (python-fixtures/npy-errors), each with
 * what numpy 2.4 did when loading it from a path and from a BytesIO.
 * npyio must load what numpy loads (same dtype, shape, order, bytes) and
 * refuse what numpy refuses, with a typed error in numpy's words, except
 * where DEVIATIONS says why it differs on purpose.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { loadSync, NdArray, NpyioError, type LoadOptions } from '../../src/node/index.js';
import { fixture, readJSON, sha256 } from '../helpers.js';

interface Outcome {
  ok: boolean;
  class?: string;
  message?: string;
  dtype_str?: string;
  shape?: number[];
  fortran_order?: boolean;
  data_sha256?: string | null;
  warnings?: string[];
}
interface ErrorCase {
  file: string;
  about: string;
  options: { max_header_size?: number; allow_pickle?: boolean } | null;
  path: Outcome;
  bytes: Outcome;
}

/**
 * Where npyio answers differently from numpy, and why. `message` is what npyio
 * says instead; `loads` marks files numpy refuses for reasons a port need not share.
 */
const DEVIATIONS: Record<string, { why: string; message?: RegExp }> = {};

function toOptions(o: ErrorCase['options']): LoadOptions {
  const out: LoadOptions = {};
  if (o?.max_header_size !== undefined) out.maxHeaderSize = o.max_header_size;
  if (o?.allow_pickle !== undefined) out.allowPickle = o.allow_pickle;
  return out;
}

describe('malformed and unusual .npy files, against numpy', () => {
  const cases = readJSON<ErrorCase[]>(fixture('npy-errors', 'errors.json'));

  for (const c of cases) {
    for (const source of ['path', 'bytes'] as const) {
      const expected = c[source];
      const dev = DEVIATIONS[c.file];
      const what = expected.ok ? 'loads' : `refuses (${expected.class})`;
      it(`${what} ${c.file} from ${source}: ${c.about}`, () => {
        const src = source === 'path' ? fixture('npy-errors', c.file) : readFileSync(fixture('npy-errors', c.file));
        const warnings: string[] = [];
        let value: unknown;
        let error: unknown;
        try {
          value = loadSync(src, { ...toOptions(c.options), onWarning: (w) => warnings.push(w) });
        } catch (e) {
          error = e;
        }
        if (expected.ok) {
          expect(error, `numpy loads it; npyio threw ${String(error)}`).to.equal(undefined);
          const a = value as NdArray;
          expect(a.dtype.str).to.equal(expected.dtype_str);
          expect(a.shape).to.deep.equal(expected.shape);
          if (expected.data_sha256) expect(sha256(a.tobytes(a.order))).to.equal(expected.data_sha256);
          if (expected.warnings) expect(warnings).to.deep.equal(expected.warnings);
          return;
        }
        expect(error, 'numpy refuses it; npyio loaded it').to.be.instanceOf(NpyioError);
        const err = error as NpyioError;
        if (dev?.message) {
          expect(err.message).to.match(dev.message);
          return;
        }
        expect(err.message).to.equal(expected.message);
      });
    }
  }
});
