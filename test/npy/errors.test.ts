/**
 * Malformed and unusual .npy files (python-fixtures/npy-errors), each with
 * what numpy 2.4 did when loading it from a path and from a BytesIO.
 * npyio must load what numpy loads (same dtype, shape, order, bytes) and
 * refuse what numpy refuses, with a typed error in numpy's words, except
 * where DEVIATIONS says why it differs on purpose.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { loadSync, toPyJSON, NdArray, NpyioError, ObjectArray, type LoadOptions } from '../../src/node/index.js';
import { asNumpyNamesSources, fixture, jsonClone, readJSON, sha256 } from '../helpers.js';

interface Outcome {
  ok: boolean;
  class?: string;
  message?: string;
  dtype_str?: string;
  shape?: number[];
  fortran_order?: boolean;
  data_sha256?: string | null;
  tolist?: unknown;
  /** pyjson of what np.load returned when it is not an array. */
  value?: unknown;
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
 * Where npyio answers differently from numpy on purpose, and why; `message` is
 * what npyio says instead. Both still refuse the file with a typed error.
 */
const DEVIATIONS: Record<string, { why: string; message: RegExp; only?: 'path' | 'bytes' }> = {
  'header-set.npy': { why: 'a set prints in hash order in Python', message: /^Header is not a dictionary: \{'/ },
  'header-int-key.npy': { why: 'numpy fails sorting mixed keys; npyio names the keys', message: /^Header does not contain the correct keys: \['descr', 'fortran_order', 'shape', 1\]$/ },
  'shape-minus-1.npy': { why: 'numpy\'s path message reads -1 elements; the stream one is clearer', message: /^negative dimensions are not allowed$/ },
  'shape-minus-1-minus-3.npy': { why: 'numpy complains about reshape; npyio about the negative size', message: /^negative dimensions are not allowed$/ },
  'shape-minus-2.npy': { why: 'numpy\'s path message reads -2 elements', message: /^negative dimensions are not allowed$/ },
  'shape-2p63.npy': { why: 'numpy wraps 2**63 to a negative count', message: /^Python int too large to convert to C long$/ },
  'shape-2p62-x4.npy': { why: 'numpy wraps the element count to 0 silently', message: /^array is too big; `arr.size \* arr.dtype.itemsize` is larger than the maximum possible size.$/ },
  'shape-overflow-to-zero.npy': { why: 'numpy wraps the element count to 0 silently', message: /^array is too big;/ },
  'descr-top-subarray.npy': { why: 'numpy\'s answer for a top-level subarray descr depends on the source', message: /^a top-level subarray descr/ },
  'descr-top-subarray-int.npy': { why: 'numpy\'s answer for a top-level subarray descr depends on the source (it even loads from a path)', message: /^a top-level subarray descr/ },
  'alloc-u1-2p40.npy': {
    why: 'npyio compares the declared size with the bytes present before allocating',
    message: /^(Failed to read all data for array\. Expected \(1099511627776,\) = 1099511627776 elements, could only read \d+ elements|EOF: reading array data, expected 1099511627776 bytes got \d+)/,
  },
  'alloc-u1-2p20-in-200-bytes.npy': { why: 'numpy names its 2**18-byte read chunk; npyio the whole declared size', message: /^EOF: reading array data, expected 1048576 bytes got \d+$/, only: 'bytes' },
  'alloc-f8-2p28-no-data.npy': { why: 'numpy names its 2**18-byte read chunk; npyio the whole declared size', message: /^EOF: reading array data, expected 2147483648 bytes got 0$/, only: 'bytes' },
};


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
      const dev = DEVIATIONS[c.file]?.only === undefined || DEVIATIONS[c.file]?.only === source ? DEVIATIONS[c.file] : undefined;
      const what = expected.ok ? 'loads' : `refuses (${expected.class})`;
      it(`${what} ${c.file} from ${source}: ${c.about}${dev ? ` (differs on purpose: ${dev.why})` : ''}`, () => {
        const src = source === 'path' ? fixture('npy-errors', c.file) : readFileSync(fixture('npy-errors', c.file));
        const warnings: string[] = [];
        let value: unknown;
        let error: unknown;
        try {
          value = loadSync(src, { ...toOptions(c.options), onWarning: (w) => warnings.push(w) });
        } catch (e) {
          error = e;
        }
        if (expected.ok && !dev) {
          expect(error, `numpy loads it; npyio threw ${String(error)}`).to.equal(undefined);
          if (expected.value !== undefined) {
            expect(jsonClone(toPyJSON(value))).to.deep.equal(expected.value);
            return;
          }
          if (expected.dtype_str === '|O') {
            const objects = value as ObjectArray;
            expect([...objects.shape]).to.deep.equal(expected.shape);
            expect(jsonClone(toPyJSON(objects.items))).to.deep.equal(expected.tolist);
            return;
          }
          const a = value as NdArray;
          expect(a.dtype.str).to.equal(expected.dtype_str);
          expect(a.shape).to.deep.equal(expected.shape);
          if (expected.data_sha256) expect(sha256(a.tobytes(a.order))).to.equal(expected.data_sha256);
          if (expected.warnings) expect(warnings).to.deep.equal(expected.warnings);
          return;
        }
        expect(error, 'numpy refuses it; npyio loaded it').to.be.instanceOf(NpyioError);
        const err = error as NpyioError;
        if (dev) {
          expect(err.message).to.match(dev.message);
          return;
        }
        expect(asNumpyNamesSources(err.message, fixture('npy-errors'))).to.equal(expected.message);
      });
    }
  }
});
