/**
 * Load a 256 MB float64 .npy: npyio (sync and async) next to Node's
 * readFileSync of the same file (the floor) and numpy's np.load, in one run.
 *
 *   npm run bench:load [-- --mb 256 --runs 7]
 *
 * The file is written once by numpy into bench-data/ (git-ignored). Each timing
 * is the median of the runs; the page cache is warm for all of them alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadSync } from '../src/node/index.js';
import { benchDir, option, python, timeRuns } from './bench/util.js';

const MB = option('mb', 256);
const RUNS = option('runs', 7);
const file = join(benchDir(), `f8-${MB}mb.npy`);

async function main(): Promise<void> {
  if (!existsSync(file)) {
    python(`import numpy as np; np.save(${JSON.stringify(file)}, np.random.default_rng(1).random(${(MB * 1024 * 1024) / 8}))`);
  }
  const numpyMs = Number(python(`
import time, numpy as np
ts = []
for _ in range(${RUNS}):
    t = time.perf_counter(); a = np.load(${JSON.stringify(file)}); ts.append((time.perf_counter() - t) * 1000)
print(sorted(ts)[len(ts) // 2])`));
  const floor = await timeRuns(RUNS, () => readFileSync(file));
  const sync = await timeRuns(RUNS, () => loadSync(file));
  const async_ = await timeRuns(RUNS, () => load(file));
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
