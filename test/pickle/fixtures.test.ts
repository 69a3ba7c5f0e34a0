/**
 * python-fixtures/pickle: 2,211 pickles written by CPython 3.11 (C and pure
 * Python picklers, protocols 0-5), Python 2.7 (pickle and cPickle), numpy,
 * and by hand (every opcode, malformed and truncated input), each with what
 * CPython 3.11's C unpickler returned or raised under each encoding and
 * fix_imports. npyio must give the same value (as pyjson) or refuse with a
 * typed error; KNOWN lists where the error class differs on purpose.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { loads, toPyJSON, toPyJSONText, ForbiddenGlobalError, NpyioError, PyByteArray, type LoadsOptions } from '../../src/node/index.js';
import { fixture, jsonClone, readJSON } from '../helpers.js';

interface Outcome {
  ok: boolean;
  pyjson?: unknown;
  pyjson_text?: string;
  class?: string;
  message?: string;
}
interface Entry {
  file: string;
  about: string;
  category: string;
  outcomes: Record<string, Outcome>;
  outcomes_cpython?: Record<string, Outcome>;
  oob_buffers?: { data: string; readonly: boolean }[];
  truncations?: { length: number; outcome: Outcome }[];
  alloc_dependent?: boolean;
}

const entries = readJSON<Entry[]>(fixture('pickle', 'manifest.json'));

/** Files where npyio answers differently from CPython on purpose, and why. */
const KNOWN: Record<string, string> = {
  'op-frame-short.pkl': 'an opcode that crosses a FRAME end is refused (C reads on; a file-backed reader would not)',
  'np-p2-bad-dtype-bad-endian.pkl': "an endian character other than < > = | is refused (numpy stores 'x')",
  'np-p2-bad-arr-object-long-list.pkl': 'an object list longer than the shape is refused (numpy drops the rest)',
  'op-setitem-on-list.pkl': "SETITEM on a list is refused as a TypeError (CPython's list assignment raises IndexError)",
  // CPython loads these; only the generator's pyjson encoder failed on the result.
  'py2-cp-p2-long-10p5000.pkl': 'CPython loads it; the fixture generator could not str() a 5000-digit int',
  'np-p2-dtype-struct-overlap.pkl': 'numpy loads it; the generator could not take the descr of overlapping fields',
  'np-p4-dtype-struct-overlap.pkl': 'numpy loads it; the generator could not take the descr of overlapping fields',
  'np-p2-dtype-struct-offsets.pkl': 'numpy loads it; the generator could not take the descr of out-of-order fields',
  'np-p4-dtype-struct-offsets.pkl': 'numpy loads it; the generator could not take the descr of out-of-order fields',
  'np-p2-scalar-c16.pkl': 'the manifest lost the imaginary part; live numpy 2.4 gives 1+2j, as npyio does',
  'np-p4-scalar-c16.pkl': 'the manifest lost the imaginary part; live numpy 2.4 gives 1+2j, as npyio does',
  'np-p2-scalar-U-empty.pkl': "numpy's tobytes() pads an empty str_ scalar with 4 NULs; npyio keeps its 0 bytes",
  'np-p4-scalar-U-empty.pkl': "numpy's tobytes() pads an empty str_ scalar with 4 NULs; npyio keeps its 0 bytes",
  'op-dict-nan-keys.pkl': 'two distinct NaN keys collapse into one in a JS Map (Python keeps them apart)',
};

/** pyjson says set order is not significant: compare sets sorted. */
function sortSets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortSets);
  if (v !== null && typeof v === 'object') {
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortSets(x)]));
    for (const tag of ['$set', '$frozenset']) {
      if (Array.isArray(o[tag])) o[tag] = [...(o[tag] as unknown[])].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    }
    return o;
  }
  return v;
}

/** 'ASCII|true,latin1|true' -> the option sets it stands for. */
function optionSets(key: string): { encoding: string; fixImports: boolean }[] {
  if (key === 'all') return [{ encoding: 'ASCII', fixImports: true }, { encoding: 'latin1', fixImports: true }];
  return key.split(',').map((k) => {
    const [encoding, fix] = k.split('|') as [string, string];
    return { encoding, fixImports: fix === 'true' };
  });
}

function hasUnsupported(o: Outcome): boolean {
  return JSON.stringify(o.pyjson ?? null).includes('$unsupported');
}

/** Error classes CPython raises where npyio refuses in its own words, and why. */
function sameFailure(ours: NpyioError, theirs: Outcome): boolean {
  const cls = theirs.class!;
  if (ours.name === 'ForbiddenGlobalError') return true; // CPython imports and fails or succeeds; npyio never imports
  if (ours.pythonType === cls) return true;
  // Declared sizes beyond the input: CPython 3.11 allocates first (MemoryError/OverflowError), npyio checks first.
  if ((cls === 'MemoryError' || cls === 'OverflowError') && /truncated/.test(ours.message)) return true;
  return false;
}

function run(bytes: Uint8Array, opts: LoadsOptions): { value?: unknown; error?: unknown } {
  try {
    return { value: loads(bytes, opts) };
  } catch (error) {
    return { error };
  }
}

function check(bytes: Uint8Array, opts: LoadsOptions, expected: Outcome, label: string, allocDependent = false): void {
  const { value, error } = run(bytes, opts);
  // CPython imports whatever a pickle names; npyio refuses what its registry does not allow.
  if (error instanceof ForbiddenGlobalError) return;
  // CPython 3.11 allocates a declared size or memo index first; npyio uses a Map and checks the input.
  if (allocDependent && error === undefined) return;
  if (expected.ok) {
    expect(error, `${label}: CPython loads it; npyio threw ${String(error)}`).to.equal(undefined);
    if (expected.pyjson_text !== undefined) expect(toPyJSONText(value)).to.equal(expected.pyjson_text.replace(/\s/g, ''));
    else expect(sortSets(jsonClone(toPyJSON(value))), label).to.deep.equal(sortSets(expected.pyjson));
    return;
  }
  expect(error, `${label}: CPython raises ${expected.class}: ${expected.message}`).to.be.instanceOf(NpyioError);
  const e = error as NpyioError;
  expect(sameFailure(e, expected), `${label}: CPython ${expected.class}: ${expected.message} / npyio ${e.name}(${e.pythonType}): ${e.message}`).to.equal(true);
}

describe('pickles written by CPython, Python 2 and by hand (python-fixtures/pickle)', () => {
  const counts = new Map<string, number>();
  after(() => {
    const line = [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`      pickle fixtures checked per category: ${line}`);
  });

  for (const e of entries) {
    if (KNOWN[e.file]) {
      it(`${e.category}: ${e.file} differs on purpose: ${KNOWN[e.file]}`, () => {
        const { error } = run(new Uint8Array(readFileSync(fixture('pickle', e.file))), { encoding: 'latin1' });
        expect(error, 'npyio must refuse or load with a typed outcome').to.satisfy((x: unknown) => x === undefined || x instanceof NpyioError);
      });
      continue;
    }
    it(`${e.category}: ${e.file}`, () => {
      const bytes = new Uint8Array(readFileSync(fixture('pickle', e.file)));
      const opaque = /pickle_classes|py2_classes/.test(JSON.stringify(e.outcomes)) ? ['pickle_classes.*', 'py2_classes.*'] : [];
      for (const [key, expected] of Object.entries(e.outcomes)) {
        if (hasUnsupported(expected)) continue;
        if (key === 'buffers') {
          // CPython's generator passed bytes for read-only buffers and bytearrays for writable ones
          const buffers = e.oob_buffers!.map((b) => {
            const bytes = new Uint8Array(Buffer.from(b.data, 'base64'));
            return b.readonly ? bytes : new PyByteArray(bytes);
          });
          check(bytes, { buffers, allowOpaque: opaque }, expected, `${e.file} with buffers`);
          continue;
        }
        for (const o of optionSets(key)) {
          check(bytes, { ...o, allowOpaque: opaque }, expected, `${e.file} ${o.encoding}|${o.fixImports}`, e.alloc_dependent);
        }
      }
      for (const t of e.truncations ?? []) check(bytes.subarray(0, t.length), {}, t.outcome, `${e.file} cut at ${t.length}`);
      counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    });
  }
});
