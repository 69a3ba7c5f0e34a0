import { expect } from 'chai';
import { mkdtempSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, readJSON } from '../helpers.js';
import { runCli } from './run.js';

interface ManifestEntry {
  file: string;
  set: 'malicious' | 'benign';
  verdict: 'safe' | 'unknown' | 'dangerous' | 'inconclusive';
  globals: string[];
}

const MANIFEST = readJSON<ManifestEntry[]>(fixture('audit', 'manifest.json'));
const path = (e: ManifestEntry): string => fixture('audit', e.file);
const first = (pred: (e: ManifestEntry) => boolean): ManifestEntry => MANIFEST.find(pred)!;

describe('npyio audit', () => {
  it('exits 1 on every file the manifest calls dangerous, naming its globals in the table', () => {
    for (const e of MANIFEST.filter((x) => x.verdict === 'dangerous')) {
      const r = runCli(['audit', path(e)]);
      expect(r.status, e.file).to.equal(1);
      expect(r.stdout, e.file).to.include('DANGEROUS');
      for (const g of e.globals) expect(r.stdout, `${e.file}: ${g}`).to.include(g);
    }
  });

  it('exits 0 on every benign file, and on them all at once', () => {
    const benign = MANIFEST.filter((x) => x.set === 'benign');
    for (const e of benign) expect(runCli(['audit', path(e)]).status, e.file).to.equal(0);
    const all = runCli(['audit', ...benign.map(path)]);
    expect(all.status).to.equal(0);
    expect(all.stdout.match(/: SAFE /g)).to.have.length(benign.length);
  });

  it('fails unknown globals only with --strict', () => {
    const e = first((x) => x.verdict === 'unknown' && x.file.endsWith('.pkl'));
    expect(runCli(['audit', path(e)]).status).to.equal(0);
    expect(runCli(['audit', path(e), '--strict']).status).to.equal(1);
  });

  it('prints the reports as JSON with --json', () => {
    const bad = first((x) => x.file === 'malicious/checkpoint-hidden.pt');
    const good = first((x) => x.set === 'benign');
    const r = runCli(['audit', '--json', path(bad), path(good)]);
    expect(r.status).to.equal(1);
    const reports = JSON.parse(r.stdout) as { name: string; verdict: string; globals: { qualname: string; class: string }[] }[];
    expect(reports.map((x) => x.verdict)).to.deep.equal(['dangerous', 'safe']);
    expect(reports[0]!.globals.filter((g) => g.class === 'dangerous').map((g) => g.qualname)).to.include.members(['pickle.loads', 'os.system']);
  });

  it('walks directories, judging files by content whatever their names, and says which one is dangerous', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npyio-audit-'));
    try {
      mkdirSync(join(dir, 'nested'));
      copyFileSync(path(first((x) => x.set === 'benign' && x.file.endsWith('.npz'))), join(dir, 'weights.npz'));
      copyFileSync(path(first((x) => x.file === 'malicious/os-system-p0.pkl')), join(dir, 'nested', 'README.txt'));
      const r = runCli(['audit', dir]);
      expect(r.status).to.equal(1);
      expect(r.stdout).to.match(/README\.txt: DANGEROUS/);
      expect(r.stdout).to.match(/weights\.npz: SAFE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 for a path that does not exist or a truncated pickle, and still audits the other paths', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npyio-audit-'));
    try {
      const truncated = join(dir, 'cut.pkl');
      // a protocol 2 list with its first item, cut before STOP: unreadable, so never SAFE
      writeFileSync(truncated, Uint8Array.from([0x80, 0x02, 0x5d, 0x71, 0x00, 0x4b, 0x01]));
      const r = runCli(['audit', join(dir, 'missing.pkl'), truncated, path(first((x) => x.set === 'benign'))]);
      expect(r.status).to.equal(2);
      expect(r.stdout).to.match(/missing\.pkl: INCONCLUSIVE/);
      expect(r.stdout).to.match(/cut\.pkl: INCONCLUSIVE/);
      expect(r.stdout).to.match(/: SAFE /);
      // dangerous outranks unreadable
      expect(runCli(['audit', truncated, path(first((x) => x.verdict === 'dangerous'))]).status).to.equal(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('colours only on a terminal', () => {
    const e = first((x) => x.verdict === 'dangerous');
    expect(runCli(['audit', path(e)]).stdout).not.to.include('\x1b[');
    expect(runCli(['audit', path(e)], { tty: true }).stdout).to.include('\x1b[31m');
    expect(runCli(['audit', path(e)], { tty: true, env: { NO_COLOR: '1' } }).stdout).not.to.include('\x1b[');
  });

  it('has --help and refuses a call without PATH as a usage error (exit 2)', () => {
    expect(runCli(['audit', '--help']).stdout).to.include('--strict');
    const r = runCli(['audit']);
    expect(r.status).to.equal(2);
    expect(r.stderr.split('\n').filter(Boolean)).to.have.length(1);
  });
});
