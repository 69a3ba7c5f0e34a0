/**
 * The browser entry must bundle without any `node:` module and work on bytes.
 */
import { expect } from 'chai';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, jsonClone, ROOT } from './helpers.js';
import { manifest } from './npy/manifest.js';

describe('the browser bundle', () => {
  let code = '';

  before(async function () {
    this.timeout(60000);
    const result = await build({
      entryPoints: [join(ROOT, 'dist', 'src', 'index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0]!.text;
  });

  it('bundles for the browser platform and imports no node: module', () => {
    expect(code.length).to.be.greaterThan(1000);
    expect(code).to.not.match(/from\s*["']node:|require\(["']node:|import\(["']node:/);
  });

  it('package.json sends browsers to the byte-level entry', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].browser).to.equal('./dist/src/index.js');
  });

  it('loads a numpy file from bytes inside the bundle', async () => {
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    const e = manifest().find((x) => x.file === 'f8-le-c-2x3.npy')!;
    const a = mod.loadSync(new Uint8Array(readFileSync(fixture('npy', e.file))));
    expect(jsonClone(mod.toPyJSON(a))).to.deep.equal(e.pyjson);
  });

  it('maps an .npy from a Blob inside the bundle (mmapMode r, async reads)', async () => {
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    const bytes = new Uint8Array(readFileSync(fixture('memmap', 'f8-c-3d.npy')));
    const m = await mod.load(new Blob([bytes]), { mmapMode: 'r' });
    const whole = mod.loadSync(bytes);
    expect(m.shape).to.deep.equal(whole.shape);
    expect(await m.getAsync(3, -1, 2)).to.equal(whole.get(3, -1, 2));
    expect((await m.sliceAsync('::-1', 2)).toArray()).to.deep.equal(whole.toArray().reverse().map((plane: unknown[]) => plane[2]));
  });
});
