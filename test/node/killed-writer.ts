/**
 * A child process for the writes-lose-nothing test: patches node:fs so that
 * the process kills itself (SIGKILL, no cleanup runs) right after the first
 * write or truncate of the temporary file, then runs one writer on the path
 * given. Usage: node killed-writer.js WRITER TARGET
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type * as FS from 'node:fs';
import type * as FSP from 'node:fs/promises';

const require = createRequire(import.meta.url);
const fs = require('node:fs') as typeof FS;
const fsp = require('node:fs/promises') as typeof FSP;

let writes = 0;
const die = () => process.kill(process.pid, 'SIGKILL');
const { writeSync, ftruncateSync } = fs;
Object.assign(fs, {
  writeSync: (...args: unknown[]) => {
    const n = (writeSync as (...a: unknown[]) => number)(...args);
    if (++writes === 1) die();
    return n;
  },
  ftruncateSync: (...args: unknown[]) => {
    (ftruncateSync as (...a: unknown[]) => void)(...args);
    die();
  },
});
const { open } = fsp;
Object.assign(fsp, {
  open: async (...args: Parameters<typeof open>) => {
    const fh = await open(...args);
    const write = fh.write.bind(fh) as (...a: unknown[]) => Promise<unknown>;
    const truncate = fh.truncate.bind(fh);
    Object.assign(fh, {
      write: async (...a: unknown[]) => {
        const r = await write(...a);
        if (++writes === 1) die();
        return r;
      },
      truncate: async (len?: number) => {
        await truncate(len);
        die();
      },
    });
    return fh;
  },
});
syncBuiltinESMExports();

const npyio = await import('../../src/node/index.js');
const [writer, target] = process.argv.slice(2) as [string, string];
const a = npyio.array(new Float64Array(1 << 16).map((_, i) => i), { shape: [256, 256] });
const writers: Record<string, () => unknown> = {
  saveSync: () => npyio.saveSync(target, a),
  save: () => npyio.save(target, a),
  savezSync: () => npyio.savezSync(target, { a, b: a }),
  savez: () => npyio.savez(target, [a, a]),
  savezCompressedSync: () => npyio.savezCompressedSync(target, { a }),
  savezCompressed: () => npyio.savezCompressed(target, { a }),
  openMemmapSync: () => npyio.openMemmapSync(target, { dtype: '<f8', shape: [1024, 1024] }),
  openMemmap: () => npyio.openMemmap(target, { dtype: '<f8', shape: [1024, 1024] }),
};
await writers[writer]!();
// Reaching here means the patch missed the writer: the test sees exit code 0.
