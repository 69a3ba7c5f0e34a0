import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./killed-writer.js', import.meta.url));
/** Each writer family once, sync and async alternating (they share writeFileAtomic(Sync)). */
const WRITERS: [string, string][] = [['saveSync', 'keep.npy'], ['savez', 'keep.npz'], ['savezCompressedSync', 'keep.npz'], ['openMemmap', 'keep.npy']];

describe('writes lose nothing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'npyio-killed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const [writer, file] of WRITERS) {
    it(`leaves the old file intact when the process is killed in the middle of ${writer}`, () => {
      const target = join(dir, file);
      writeFileSync(target, 'old contents');
      const r = spawnSync(process.execPath, [CHILD, writer, target], { encoding: 'utf8' });
      expect(r.signal, r.stderr).to.equal('SIGKILL'); // killed by its own patched fs, in the middle of the write
      expect(readFileSync(target, 'utf8')).to.equal('old contents');
      // The half-written temporary file is left beside it, under another name.
      const others = readdirSync(dir).filter((f) => f !== file);
      expect(others).to.have.length(1);
      expect(others[0]).to.match(new RegExp(`^\\.${file.replace('.', '\\.')}\\.[0-9a-f]{12}\\.tmp$`));
    });
  }
});
