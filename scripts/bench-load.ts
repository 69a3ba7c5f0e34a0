/**
 * Load a 256 MB float64 .npy: npyio (sync and async) next to Node's
 * readFileSync of the same file (the floor) and numpy's np.load, in one run.
 *
 *   npm run bench:load [-- --mb 256 --runs 7]
 *
 * The file is written once by numpy into bench-data/ (git-ignored). Each timing
 * is the median of the runs; the page cache is warm for all of them alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, loadSync } from '../src/node/index.js';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const MB = opt('mb', 256);
const RUNS = opt('runs', 7);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(root, 'bench-data');
const file = join(dir, `f8-${MB}mb.npy`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeSync(fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

function python(code: string): string {
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

async function main(): Promise<void> {
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    python(`import numpy as np; np.save(${JSON.stringify(file)}, np.random.default_rng(1).random(${(MB * 1024 * 1024) / 8}))`);
  }
  const numpyMs = Number(python(`
import time, numpy as np
ts = []
for _ in range(${RUNS}):
    t = time.perf_counter(); a = np.load(${JSON.stringify(file)}); ts.append((time.perf_counter() - t) * 1000)
print(sorted(ts)[len(ts) // 2])`));
  const floor = timeSync(() => readFileSync(file));
  const sync = timeSync(() => loadSync(file));
  const async_ = await timeAsync(() => load(file));
  const rows: [string, number][] = [
    ['fs.readFileSync (floor)', floor],
    ['npyio loadSync', sync],
    ['npyio load (async)', async_],
    ['numpy np.load', numpyMs],
  ];
  console.log(`load a ${MB} MB float64 .npy, median of ${RUNS} runs (warm page cache)`);
  for (const [name, ms] of rows) {
    console.log(`${name.padEnd(26)} ${ms.toFixed(1).padStart(8)} ms  ${(MB / (ms / 1000)).toFixed(0).padStart(6)} MB/s  ${(ms / floor).toFixed(2)}x floor`);
  }
}

await main();
