import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../helpers.js';
import { IMPORT_MAPPING, mapPython2Name, NAME_MAPPING } from '../../src/pickle/compat.js';

/*
 * python-fixtures/pickle-handlers/compat-tables.json is CPython 3.11's
 * Lib/_compat_pickle.py tables and find_class probes (gen_compat_tables.py).
 */
interface Tables {
  python: string;
  IMPORT_MAPPING: Record<string, string>;
  NAME_MAPPING: [[string, string], [string, string]][];
  probes: [string, string, string, string][];
}

const tables = JSON.parse(readFileSync(join(ROOT, 'python-fixtures', 'pickle-handlers', 'compat-tables.json'), 'utf8')) as Tables;

describe('pickle/compat', () => {
  it('was checked against CPython 3.11 tables', () => {
    expect(tables.python).to.match(/^3\.11\./);
  });

  it('has exactly the IMPORT_MAPPING of CPython, in the same order', () => {
    expect([...IMPORT_MAPPING]).to.deep.equal(Object.entries(tables.IMPORT_MAPPING));
  });

  it('has exactly the NAME_MAPPING of CPython, in the same order', () => {
    const ours: [[string, string], [string, string]][] = [];
    for (const [mod, inner] of NAME_MAPPING) for (const [name, to] of inner) ours.push([[mod, name], [to[0], to[1]]]);
    // CPython orders by insertion into one dict; ours groups by module, so compare as sorted lists and as sets.
    const key = (r: [[string, string], [string, string]]) => JSON.stringify(r);
    expect(ours.map(key).sort()).to.deep.equal(tables.NAME_MAPPING.map(key).sort());
    expect(ours.length).to.equal(tables.NAME_MAPPING.length);
  });

  it('maps every NAME_MAPPING entry as find_class does', () => {
    for (const [[m, n], [m3, n3]] of tables.NAME_MAPPING) expect(mapPython2Name(m, n), `${m}.${n}`).to.deep.equal([m3, n3]);
  });

  it('maps any other name of an IMPORT_MAPPING module by module only', () => {
    for (const [m, m3] of Object.entries(tables.IMPORT_MAPPING)) {
      expect(mapPython2Name(m, 'SomeOtherName'), m).to.deep.equal([m3, 'SomeOtherName']);
    }
  });

  it('agrees with pickle.py find_class on the probe names', () => {
    expect(tables.probes.length).to.be.greaterThan(20);
    for (const [m, n, m3, n3] of tables.probes) expect(mapPython2Name(m, n), `${m}.${n}`).to.deep.equal([m3, n3]);
  });

  it('applies NAME_MAPPING before IMPORT_MAPPING', () => {
    expect(mapPython2Name('__builtin__', 'xrange')).to.deep.equal(['builtins', 'range']);
    expect(mapPython2Name('__builtin__', 'set')).to.deep.equal(['builtins', 'set']);
    expect(mapPython2Name('UserDict', 'UserDict')).to.deep.equal(['collections', 'UserDict']);
    expect(mapPython2Name('UserDict', 'DictMixin')).to.deep.equal(['collections', 'DictMixin']);
    expect(mapPython2Name('copy_reg', '_reconstructor')).to.deep.equal(['copyreg', '_reconstructor']);
  });

  it('maps Python 2 exceptions to builtins, and StandardError to Exception', () => {
    expect(mapPython2Name('exceptions', 'ValueError')).to.deep.equal(['builtins', 'ValueError']);
    expect(mapPython2Name('exceptions', 'StandardError')).to.deep.equal(['builtins', 'Exception']);
    // `exceptions` itself is not in IMPORT_MAPPING: unknown names stay as they are.
    expect(mapPython2Name('exceptions', 'NoSuchError')).to.deep.equal(['exceptions', 'NoSuchError']);
  });

  it('keeps CPython 3.11\'s Tix entry', () => {
    expect(mapPython2Name('Tix', 'Tk')).to.deep.equal(['tkinter.tix', 'Tk']);
  });

  it('leaves Python 3 names and unknown modules alone', () => {
    expect(mapPython2Name('builtins', 'set')).to.deep.equal(['builtins', 'set']);
    expect(mapPython2Name('numpy.core.multiarray', '_reconstruct')).to.deep.equal(['numpy.core.multiarray', '_reconstruct']);
    expect(mapPython2Name('collections', 'OrderedDict')).to.deep.equal(['collections', 'OrderedDict']);
  });

  it('treats prototype names as plain misses', () => {
    for (const m of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(mapPython2Name(m, 'x')).to.deep.equal([m, 'x']);
      expect(mapPython2Name('__builtin__', m)).to.deep.equal(['builtins', m]);
      expect(mapPython2Name('urllib', m)).to.deep.equal(['urllib', m]);
    }
  });

  it('does not confuse a module with a dot-joined module and name', () => {
    // 'multiprocessing.process' is a module key of NAME_MAPPING; 'multiprocessing' + 'process.Process' is not.
    expect(mapPython2Name('multiprocessing', 'process.Process')).to.deep.equal(['multiprocessing', 'process.Process']);
    expect(mapPython2Name('multiprocessing.process', 'Process')).to.deep.equal(['multiprocessing.context', 'Process']);
  });

  it('returns a fresh array each time', () => {
    const a = mapPython2Name('__builtin__', 'xrange');
    a[0] = 'evil';
    expect(mapPython2Name('__builtin__', 'xrange')).to.deep.equal(['builtins', 'range']);
  });
});
