import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixture, jsonClone, ROOT } from './helpers.js';
import { manifest } from './npy/manifest.js';

const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

function npyio(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('npyio show', () => {
  const e = manifest().find((x) => x.file === 'sample.npy')!;

  it('prints the array as numpy prints it', () => {
    const r = npyio('show', fixture('npy', 'sample.npy'));
    expect(r.status).to.equal(0);
    expect(r.stdout).to.equal(`${e.repr}\n`);
  });

  it('prints pyjson with --json', () => {
    const r = npyio('show', fixture('npy', 'sample.npy'), '--json');
    expect(r.status).to.equal(0);
    expect(jsonClone(JSON.parse(r.stdout))).to.deep.equal(e.pyjson);
  });

  it('exits 2 with one line naming the error class on a bad file', () => {
    const r = npyio('show', fixture('npy-errors', 'magic-lowercase.npy'), '--json');
    expect(r.status).to.equal(2);
    expect(r.stderr.trimEnd().split('\n')).to.have.length(1);
    expect(r.stderr).to.match(/^PickleDisallowedError: This file contains pickled/);
  });

  it('applies --max-header-size as numpy\'s max_header_size', () => {
    const big = manifest().find((x) => x.version[0] === 2)!;
    const refused = npyio('show', fixture('npy', big.file), '--json');
    expect(refused.status).to.equal(2);
    expect(refused.stderr).to.match(/^NpyFormatError: Header info length \(\d+\) is large/);
    const allowed = npyio('show', fixture('npy', big.file), '--json', '--max-header-size', '1000000');
    expect(allowed.status).to.equal(0);
  });

  it('exits 2 on a usage error', () => {
    const r = npyio('frobnicate');
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/^UsageError: unknown command frobnicate/);
  });
});

describe('npyio pickle and show --allow-pickle', () => {
  const conformance = join(ROOT, '..', 'shared', 'conformance', 'numpy-data');

  it('prints a Python 2 object array as numpy sees it with --encoding latin1', () => {
    const r = npyio('show', join(conformance, 'py2-objarr.npy'), '--allow-pickle', '--encoding', 'latin1', '--json');
    expect(r.status, r.stderr).to.equal(0);
    const v = JSON.parse(r.stdout);
    expect(v.$ndarray.dtype).to.equal('|O');
    expect(v.$ndarray.data[1]).to.deep.equal({ $global: 'builtins.range' });
  });

  it('refuses an object array without --allow-pickle in numpy\'s words', () => {
    const r = npyio('show', join(conformance, 'py2-objarr.npy'));
    expect(r.status).to.equal(2);
    expect(r.stderr).to.equal('PickleDisallowedError: Object arrays cannot be loaded when allow_pickle=False\n');
  });

  it('prints the pyjson of a raw pickle, with any codec for Python 2 str', () => {
    const r = npyio('pickle', fixture('pickle', 'py2-cp-p0-str-high.pkl'), '--encoding', 'koi8-r');
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.equal('\u2500\u042a\u0000');
  });

  it('accepts opaque classes only when asked', () => {
    const file = fixture('pickle', 'p4-c-obj-newargsex.pkl');
    const refused = npyio('pickle', file);
    expect(refused.status).to.equal(2);
    expect(refused.stderr).to.match(/^ForbiddenGlobalError: global 'pickle_classes.NewArgsEx' is forbidden/);
    const opaque = npyio('pickle', file, '--allow-opaque', 'pickle_classes.*');
    expect(opaque.status, opaque.stderr).to.equal(0);
    expect(JSON.parse(opaque.stdout).$object.class).to.equal('pickle_classes.NewArgsEx');
  });
});

describe('npyio show on an .npz', () => {
  it('lists the members with numpy\'s repr first', () => {
    const r = npyio('show', fixture('npz', 'savez-named.npz'));
    expect(r.status, r.stderr).to.equal(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).to.match(/^NpzFile '.*savez-named\.npz' with keys: /);
    expect(lines.length).to.be.greaterThan(1);
  });

  it('prints one member with --key, as pyjson with --json', () => {
    const r = npyio('show', fixture('npz', 'savez-positional.npz'), '--key', 'arr_0', '--json');
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout).$ndarray.dtype).to.equal('<f8');
  });

  it('names a missing key as numpy does', () => {
    const r = npyio('show', fixture('npz', 'savez-positional.npz'), '--key', 'nope');
    expect(r.status).to.equal(2);
    expect(r.stderr).to.equal('NpyioError: nope is not a file in the archive\n');
  });
});
