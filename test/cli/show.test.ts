import { expect } from 'chai';
import { fixture, readJSON } from '../helpers.js';
import { runCli } from './run.js';

interface Case {
  file: string;
  args: string[];
  text: string;
}

/** Cases whose text cannot be Python's, and why (see src/format/pyvalue-repr.ts). */
const INTEGRAL_FLOAT = 'an integral float is a JS number like an int, and prints as one';
const ORDERED_DICT = 'an OrderedDict is a Map like a dict, and prints as one';
const DEVIATIONS: Record<string, string> = {
  'dev-integral-float-p2.pkl --allow-pickle': INTEGRAL_FLOAT,
  'dev-integral-float-p4.pkl --allow-pickle': INTEGRAL_FLOAT,
  'dev-ordereddict-p2.pkl --allow-pickle': ORDERED_DICT,
  'dev-ordereddict-p4.pkl --allow-pickle': ORDERED_DICT,
};

/** What we print for them instead. */
const DEVIATION_TEXT: Record<string, string> = {
  'dev-integral-float': '(1, -2, 1e+16)',
  'dev-ordereddict': "{'b': 1, 'a': 2}",
};

describe('npyio show prints what Python prints', () => {
  const cases = readJSON<Case[]>(fixture('show', 'cases.json'));

  for (const c of cases) {
    const id = `${c.file} ${c.args.join(' ')}`;
    const why = DEVIATIONS[id];
    it(`${id}${why ? ` (differs: ${why})` : ''}`, () => {
      const r = runCli(['show', fixture('show', c.file), ...c.args]);
      expect(r.stderr).to.equal('');
      expect(r.status).to.equal(0);
      if (why) expect(r.stdout, why).to.equal(`${DEVIATION_TEXT[c.file.replace(/-p\d\.pkl$/, '')]}\n`);
      else expect(r.stdout).to.equal(`${c.text}\n`);
    });
  }
});

describe('npyio show on a Python 2 archive', () => {
  const cases = readJSON<Case[]>(fixture('show', 'cases.json')).filter((c) => c.file === 'py2-objarr.npz');
  const file = fixture('show', 'py2-objarr.npz');

  it('prints every member under its key with --all, each as numpy prints it', () => {
    const r = runCli(['show', file, '--allow-pickle', '--encoding', 'latin1', '--all']);
    expect(r.status, r.stderr).to.equal(0);
    const expected = cases.map((c) => `${c.args[c.args.indexOf('--key') + 1]!}:\n${c.text}`).join('\n\n');
    expect(r.stdout).to.equal(`${expected}\n`);
  });

  it('lists the members, object arrays with their dtype and shape', () => {
    const r = runCli(['show', file, '--allow-pickle', '--encoding', 'latin1']);
    expect(r.stdout.split('\n').slice(1, -1)).to.deep.equal(['x: |O (4,)']);
  });

  it('refuses the object member without --allow-pickle in numpy\'s words', () => {
    const r = runCli(['show', file, '--all']);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.equal('PickleDisallowedError: Object arrays cannot be loaded when allow_pickle=False\n');
  });
});
