import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryBound, memoryNow, TIME_LIMIT_MS } from '../scripts/fuzz/bounds.js';
import { makeInput } from '../scripts/fuzz/mutate.js';
import { loadSeeds } from '../scripts/fuzz/seeds.js';
import { runTargets } from '../scripts/fuzz/targets.js';
import { ROOT } from './helpers.js';

const REGRESSIONS = join(ROOT, 'test', 'fuzz-regressions');

/** Runs every target on one input; the input must end in a value or a typed error, within the fuzzer's bounds. */
function expectWithinBounds(bytes: Uint8Array, encoding: 'ASCII' | 'latin1' | 'bytes', what: string): string {
  const before = memoryNow();
  const t0 = Date.now();
  const r = runTargets(bytes, encoding);
  const ms = Date.now() - t0;
  expect(r.finding, `${what}: ${r.finding?.target}: ${r.finding?.stack}`).to.equal(undefined);
  expect(ms, `${what}: time`).to.be.below(TIME_LIMIT_MS);
  expect(memoryNow() - before, `${what}: memory`).to.be.below(memoryBound(bytes.length));
  return r.outcome;
}

describe('fuzzing', () => {
  describe('regressions: every input the fuzzer once found', () => {
    const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.bin')).sort();
    it('has its findings saved', () => expect(files).to.not.be.empty);
    for (const f of files) {
      it(`ends ${f} in a value or a typed error`, () => {
        const meta = JSON.parse(readFileSync(join(REGRESSIONS, f.replace(/\.bin$/, '.json')), 'utf8')) as { encoding: 'ASCII' | 'latin1' | 'bytes' };
        expectWithinBounds(new Uint8Array(readFileSync(join(REGRESSIONS, f))), meta.encoding, f);
      });
    }
  });

  it('ends 3000 mutated fixtures (fixed seed) in values or typed errors', function () {
    this.timeout(60_000);
    const seeds = loadSeeds();
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const input = makeInput(seeds, 20261122, i);
      const outcome = expectWithinBounds(input.bytes, input.encoding, `iteration ${i} (${input.seed}: ${input.mutations.join(', ')})`);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // The pass reaches past the first checks: some inputs load, several error families are met.
    expect(outcomes.get('value')).to.be.above(100);
    expect(outcomes.size).to.be.at.least(4);
  });
});
