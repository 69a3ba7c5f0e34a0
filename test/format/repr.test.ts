/**
 * arrayRepr / arrayStr against numpy 2.4's repr() and str()
 * (fixtures: python-fixtures/gen_repr.py -> python-fixtures/repr/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { arrayRepr, arrayStr, type PrintOptions } from '../../src/format/repr.js';
import { NdArray } from '../../src/ndarray.js';
import { DType } from '../../src/dtype/dtype.js';
import { npyPlan } from '../../src/npy/read.js';
import { runPlanOnBytes } from '../../src/io/plan.js';

const DIR = join(fileURLToPath(new URL('../../../', import.meta.url)), 'python-fixtures', 'repr');

interface Case {
  name: string;
  repr: string;
  str: string;
  opts?: PrintOptions;
  file?: string;
  descr?: string;
  shape?: number[];
  hex?: string;
}

interface Fixtures {
  numpy: string;
  cases: Case[];
  big: { name: string; repr: string; str: string; shape: number[] };
}

const fixtures = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Fixtures;

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function load(c: Case): NdArray {
  if (c.file !== undefined) {
    const bytes = new Uint8Array(readFileSync(join(DIR, c.file)));
    return runPlanOnBytes((info) => npyPlan(info), bytes) as NdArray;
  }
  return NdArray.fromBytes(hexBytes(c.hex!), c.descr!, c.shape!);
}

function mismatches(cases: readonly Case[]): string[] {
  const bad: string[] = [];
  for (const c of cases) {
    let a: NdArray;
    try {
      a = load(c);
    } catch (e) {
      bad.push(`${c.name}: cannot load (${String(e)})`);
      continue;
    }
    for (const [what, fn, want] of [['repr', arrayRepr, c.repr], ['str', arrayStr, c.str]] as const) {
      let got: string;
      try {
        got = fn(a, c.opts);
      } catch (e) {
        got = `<throws ${String(e)}>`;
      }
      if (got !== want) bad.push(`${c.name} ${what}:\n  numpy: ${JSON.stringify(want)}\n  npyio: ${JSON.stringify(got)}`);
    }
  }
  return bad;
}

const isRandom = (c: Case): boolean => c.name.startsWith('random ');
const handmade = fixtures.cases.filter((c) => !isRandom(c));
const random = fixtures.cases.filter(isRandom);

function group(c: Case): string {
  const n = c.name;
  if (n.startsWith('opts ')) return 'print options';
  if (n.startsWith('record')) return 'structured arrays';
  if (n.startsWith('empty')) return 'empty arrays';
  if (n.startsWith('datetime64') || n.startsWith('timedelta64')) return 'datetime64 and timedelta64';
  if (/^(S|U|V\d*) /.test(n)) return 'bytes, str and void';
  if (/^(complex|clongdouble)/.test(n)) return 'complex numbers';
  if (/^(float|longdouble)/.test(n)) return 'floating point';
  return 'booleans and integers';
}

describe('arrayRepr and arrayStr print what numpy 2.4 prints', () => {
  const groups = new Map<string, Case[]>();
  for (const c of handmade) {
    const g = group(c);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(c);
  }
  for (const [g, cs] of groups) {
    describe(g, () => {
      for (const c of cs) {
        it(`prints ${c.name} exactly as numpy's repr() and str() do`, () => {
          const bad = mismatches([c]);
          expect(bad.length, bad.join('\n')).to.equal(0);
        });
      }
    });
  }

  describe('random floats (fixed seed) pin down Dragon4 digits and column layout', () => {
    const kinds = ['float64 0-d', 'float32 0-d', 'longdouble 0-d', 'float64', 'float32', 'float16', 'complex128', 'longdouble', 'opts', 'layout'];
    const taken = new Set<Case>();
    for (const k of kinds) {
      const cs = random.filter((c) => !taken.has(c) && c.name.startsWith(`random ${k} `));
      cs.forEach((c) => taken.add(c));
      const what = k === 'opts' ? 'float arrays under random print options' : k === 'layout' ? 'arrays of random shapes and line widths' : `${k} arrays`;
      it(`prints ${cs.length} random ${what} digit for digit as numpy does`, () => {
        const bad = mismatches(cs);
        expect(bad.length, `${bad.length} of ${cs.length} differ:\n${bad.slice(0, 10).join('\n')}`).to.equal(0);
      });
    }
  });

  describe('summarized arrays', () => {
    const big = fixtures.big;
    const makeBig = (): NdArray => {
      const data = new Float64Array(big.shape[0]!);
      for (let i = 0; i < data.length; i++) data[i] = i * 0.5;
      return new NdArray({ dtype: new DType({ kind: 'f', itemsize: 8, order: '<' }), shape: big.shape, data });
    };

    it('prints a million-element float64 array as numpy does, from its corners only', () => {
      const a = makeBig();
      const saved = NdArray.prototype.toArray;
      const savedValues = NdArray.prototype.values;
      NdArray.prototype.toArray = () => {
        throw new Error('toArray called on a big array');
      };
      NdArray.prototype.values = () => {
        throw new Error('values() called on a big array');
      };
      try {
        const t0 = performance.now();
        expect(arrayRepr(a)).to.equal(big.repr);
        expect(arrayStr(a)).to.equal(big.str);
        expect(performance.now() - t0).to.be.below(200);
      } finally {
        NdArray.prototype.toArray = saved;
        NdArray.prototype.values = savedValues;
      }
    });
  });

  describe('defaults', () => {
    it('uses numpy\'s default print options when none are given', () => {
      const a = NdArray.fromBytes(new Uint8Array(new Float64Array([1 / 3, 2]).buffer), '<f8', [2]);
      expect(arrayRepr(a)).to.equal(arrayRepr(a, { linewidth: 75, precision: 8, threshold: 1000, edgeitems: 3 }));
      expect(arrayRepr(a)).to.equal('array([0.33333333, 2.        ])');
    });

    it('rejects print options numpy rejects', () => {
      const a = NdArray.fromBytes(new Uint8Array(8), '<f8', [1]);
      expect(() => arrayRepr(a, { floatmode: 'bogus' as never })).to.throw(/floatmode option must be one of/);
      expect(() => arrayRepr(a, { sign: 'x' as never })).to.throw(/sign option must be one of/);
      expect(() => arrayRepr(a, { precision: -1 })).to.throw(/precision must be >= 0/);
    });

    it('refuses, as numpy does, to print a generic-unit datetime64 that is not NaT', () => {
      const a = NdArray.fromBytes(new Uint8Array(new BigInt64Array([5n]).buffer), '<M8', [1]);
      expect(() => arrayRepr(a)).to.throw(/other than NaT with generic units/);
    });

    it('checks every fixture case, all generated by numpy 2.4', () => {
      expect(fixtures.numpy.startsWith('2.4')).to.equal(true);
      expect(fixtures.cases.length).to.be.above(1000);
      const covered = handmade.length + random.filter((c) => /^random (float64|float32|float16|complex128|longdouble|opts|layout) /.test(c.name)).length;
      expect(covered).to.equal(fixtures.cases.length);
    });
  });
});
