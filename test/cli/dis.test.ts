import { expect } from 'chai';
import { fixture, readJSON } from '../helpers.js';
import { runCli } from './run.js';

interface Case {
  file: string;
  key?: string;
  start: number;
  streams: { start: number; text: string; error: unknown }[];
}

describe('npyio dis', () => {
  const cases = readJSON<Case[]>(fixture('dis', 'cases.json'));
  const text = (file: string, key?: string) => cases.find((c) => c.file === file && c.key === key)!.streams[0]!.text;

  it('prints pickletools.dis of raw pickles', () => {
    const sample = cases.filter((c) => /^pickle\/(p[0-5]|py2)-/.test(c.file) && c.streams.length === 1 && c.streams[0]!.error === null);
    expect(sample.length).to.be.greaterThan(20);
    for (const c of sample.slice(0, 20)) {
      const r = runCli(['dis', fixture(...c.file.split('/'))]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout, c.file).to.equal(c.streams[0]!.text);
    }
  });

  it('disassembles the pickle after the header of an .npy object array, offsets in the file', () => {
    const r = runCli(['dis', fixture('dis', 'objects.npy')]);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.equal(text('dis/objects.npy'));
  });

  for (const [file, key] of [['npz/savez-object.npz', 'obj'], ['npz/savez_compressed-object.npz', 'obj2d']] as const) {
    it(`disassembles the object array in member ${key} of ${file}`, () => {
      const r = runCli(['dis', fixture(...file.split('/')), '--key', key]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.equal(text(file, key));
    });
  }

  it('takes a full member name as --key too', () => {
    const r = runCli(['dis', fixture('npz', 'savez-object.npz'), '--key', 'obj.npy']);
    expect(r.stdout).to.equal(text('npz/savez-object.npz', 'obj'));
  });

  it('asks for --key on an archive, naming the keys', () => {
    const r = runCli(['dis', fixture('npz', 'savez-object.npz')]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/^UsageError: .*savez-object\.npz is an archive: name a member with --key \(keys: obj, obj2d, plain\)/);
  });

  it('refuses an array that holds no pickle, in one line', () => {
    const r = runCli(['dis', fixture('npz', 'savez-object.npz'), '--key', 'plain']);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.equal("NpyioError: member 'plain' is an .npy array of dtype <f8: it holds no pickle\n");
  });

  it('prints every line it can, then the error with its offset on stderr, exit 2', () => {
    const r = runCli(['dis', fixture('dis', 'get-undefined.pkl')]);
    expect(r.status).to.equal(2);
    expect(r.stdout).to.equal(text('dis/get-undefined.pkl'));
    expect(r.stderr).to.match(/^UnpicklingError: .*get-undefined\.pkl: error at byte 2: memo key 5 has never been stored into\n$/);
  });

  it('goes on after STOP, or stops there with --first-stream', () => {
    const all = runCli(['dis', fixture('dis', 'two-streams.pkl')]);
    expect(all.stdout).to.contain('another pickle stream starts at byte 5');
    const first = runCli(['dis', fixture('dis', 'two-streams.pkl'), '--first-stream']);
    expect(first.stdout).to.equal(text('dis/two-streams.pkl'));
  });

  it('colours offsets and names only when asked or on a terminal without NO_COLOR', () => {
    const file = fixture('dis', 'nested-marks.pkl');
    expect(runCli(['dis', file]).stdout).to.not.contain('\x1b[');
    expect(runCli(['dis', file], { tty: true }).stdout).to.contain('\x1b[1mMARK\x1b[22m');
    expect(runCli(['dis', file], { tty: true, env: { NO_COLOR: '1' } }).stdout).to.not.contain('\x1b[');
    expect(runCli(['dis', file, '--color']).stdout).to.contain('\x1b[');
    expect(runCli(['dis', file, '--no-color'], { tty: true }).stdout).to.not.contain('\x1b[');
    const plain = runCli(['dis', file]).stdout;
    expect(runCli(['dis', file, '--color']).stdout.replace(/\x1b\[\d+m/g, '')).to.equal(plain);
  });
});
