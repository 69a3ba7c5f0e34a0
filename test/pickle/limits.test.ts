import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { audit } from '../../src/audit/audit-file.js';
import { NpyioArgumentError, UnpicklingError } from '../../src/errors.js';
import { loads } from '../../src/pickle/loads.js';
import { PyByteArray } from '../../src/pickle/values.js';
import { toPyJSONText } from '../../src/pyjson.js';
import { fixture, readJSON, sha256, thrown } from '../helpers.js';

interface Manifest {
  [file: string]: { depth?: number; fanout?: number; leaf?: unknown; count?: number; size?: number; sha256?: string; distinct?: number };
}
const manifest = readJSON<Manifest>(fixture('harden', 'manifest.json'));
const bytesOf = (name: string) => new Uint8Array(readFileSync(fixture('harden', name)));

describe('unpickler and printer limits', () => {
  for (const name of Object.keys(manifest).filter((n) => n.startsWith('laughs-'))) {
    describe(`billion laughs (${name}, CPython's own pickle)`, () => {
      it('loads with the sharing CPython gives: 30 levels of 10 references to one list', () => {
        let v = loads(bytesOf(name));
        let depth = 0;
        while (Array.isArray(v) && v.length === 10 && v.every((x) => x === (v as unknown[])[0])) {
          v = v[0];
          depth++;
        }
        expect(depth).to.equal(manifest[name]!.depth);
        expect(v).to.deep.equal(manifest[name]!.leaf);
      });

      it('refuses to print it as pyjson (maxRepeatedItems) instead of expanding 10^30 items', () => {
        const e = thrown(() => toPyJSONText(loads(bytesOf(name))));
        expect(e).to.be.instanceOf(NpyioArgumentError);
        expect(e.message).to.contain('maxRepeatedItems');
      });

      it('is audited without expanding it', () => {
        const report = audit(bytesOf(name));
        expect(report.verdict).to.not.equal('inconclusive');
      });
    });
  }

  it('prints a value that shares a few containers (within maxRepeatedItems)', () => {
    const shared = [1, 2];
    expect(toPyJSONText([shared, shared, shared])).to.equal('[[1,2],[1,2],[1,2]]');
    expect(() => toPyJSONText([shared, shared, shared], { maxRepeatedItems: 5 })).to.throw(NpyioArgumentError, 'more than 5 items');
  });

  for (const name of ['fanout-p2.pkl', 'fanout-p5.pkl']) {
    it(`builds the 32 bytearrays of ${name} as CPython does, within the default maxAllocBytes`, () => {
      const v = loads(bytesOf(name)) as PyByteArray[];
      const m = manifest[name]!;
      expect(v.length).to.equal(m.count);
      expect(new Set(v).size).to.equal(m.distinct);
      expect(v.every((x) => x instanceof PyByteArray && x.bytes.length === m.size)).to.equal(true);
      const joined = new Uint8Array(v.length * m.size!);
      v.forEach((x, i) => joined.set(x.bytes, i * m.size!));
      expect(sha256(joined)).to.equal(m.sha256);
    });

    it(`refuses ${name} past maxAllocBytes with a MemoryError naming the option`, () => {
      const e = thrown(() => loads(bytesOf(name), { maxAllocBytes: 1 << 20 }));
      expect(e).to.be.instanceOf(UnpicklingError);
      expect(e.pythonType).to.equal('MemoryError');
      expect(e.message).to.equal(`the pickle builds more than ${1 << 20} bytes of buffers (maxAllocBytes)`);
      expect(e.offset).to.be.a('number');
    });
  }

  it('loads 100 nested tuples (100 MARKs) as CPython does, and refuses them under maxNesting 99', () => {
    const bytes = bytesOf('nested-p0.pkl');
    let v = loads(bytes, { maxNesting: 100 });
    let depth = 0;
    while (Array.isArray(v)) {
      v = v.length > 0 ? v[0] : null;
      depth++;
    }
    expect(depth).to.equal(manifest['nested-p0.pkl']!.depth);
    const e = thrown(() => loads(bytes, { maxNesting: 99 }));
    expect(e).to.be.instanceOf(UnpicklingError);
    expect(e.message).to.equal('MARKs nest deeper than 99 (maxNesting)');
  });
});
