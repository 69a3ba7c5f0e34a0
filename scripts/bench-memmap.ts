/**
 * 1000 random rows of a 4 GiB float32 .npy (1M rows of 1024 float32 = 4 KiB
 * each): npyio's MemmapArray (sync and async) next to numpy's
 * np.load(mmap_mode='r') and a plain positional-read loop (the floor), in
 * one run, each measurement in a fresh process, with its peak RSS (VmHWM).
 * Rows one call each (numpy `m[i]`, npyio `slice(i)`), and all in one call
 * (numpy `m[rows]`, npyio `take(rows)`). Times include opening the file.
 *
 *   npm run bench:memmap [-- --gib 4 --rows 1000 --runs 5]
 *
 * The file is written once by numpy in chunks (never whole in memory) into
 * bench-data/ (git-ignored). The row indices come from a fixed seed and are
 * the same for every contender; each checks its rows by a checksum. The page
 * cache cannot be dropped here: after the first run the rows are warm.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, loadSync, type MemmapArray } from '../src/node/index.js';
import { benchDir, median, option, peakMB, python } from './bench/util.js';
import { seededRandom } from '../test/helpers.js';

const GIB = option('gib', 4);
const ROWS = option('rows', 1000);
const RUNS = option('runs', 5);
const COLS = 1024;
const TOTAL_ROWS = (GIB * 2 ** 30) / (COLS * 4);
const file = join(benchDir(), `f4-${GIB}gib.npy`);
const indicesFile = join(benchDir(), `rows-${ROWS}.json`);

interface Result {
  ms: number;
  checksum: number;
  peakMB: number;
}

async function child(kind: string): Promise<void> {
  const rows = JSON.parse(readFileSync(indicesFile, 'utf8')) as number[];
  let checksum = 0;
  const t = process.hrtime.bigint();
  if (kind === 'sync') {
    using mm = loadSync(file, { mmapMode: 'r' }) as MemmapArray;
    for (const r of rows) checksum += (mm.slice(r).data as Float32Array)[COLS - 1]!;
  } else if (kind === 'take') {
    using mm = loadSync(file, { mmapMode: 'r' }) as MemmapArray;
    const data = mm.take(rows).data as Float32Array;
    for (let k = 0; k < rows.length; k++) checksum += data[k * COLS + COLS - 1]!;
  } else if (kind === 'async') {
    const mm = (await load(file, { mmapMode: 'r' })) as MemmapArray;
    for (const r of rows) checksum += ((await mm.sliceAsync(r)).data as Float32Array)[COLS - 1]!;
    await mm.closeAsync();
  } else {
    // The floor: one positional read per row into one buffer, header offset known (numpy's header is 128 bytes here).
    const fd = openSync(file, 'r');
    const buf = new Uint8Array(COLS * 4);
    const row = new Float32Array(buf.buffer);
    for (const r of rows) {
      readSync(fd, buf, 0, buf.length, 128 + r * COLS * 4);
      checksum += row[COLS - 1]!;
    }
    closeSync(fd);
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(JSON.stringify({ ms, checksum, peakMB: peakMB() } satisfies Result));
}

const NUMPY = `
import json, re, sys, time
import numpy as np
rows = json.load(open(sys.argv[1]))
t = time.perf_counter()
m = np.load(sys.argv[2], mmap_mode='r')
checksum = 0.0
if sys.argv[3] == 'rows':
    for r in rows:
        checksum += float(np.array(m[r])[-1])
else:
    checksum = float(np.array(m[np.array(rows)])[:, -1].astype(np.float64).sum())
ms = (time.perf_counter() - t) * 1000
peak = int(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1)) / 1024
print(json.dumps({'ms': ms, 'checksum': checksum, 'peakMB': peak}))
`;

function runChild(kind: string): Result {
  const r = kind.startsWith('numpy')
    ? spawnSync('python3', ['-c', NUMPY, indicesFile, file, kind === 'numpy' ? 'rows' : 'fancy'], { encoding: 'utf8' })
    : spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${kind}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Result;
}

function prepare(): void {
  if (!existsSync(file) || statSync(file).size !== 128 + TOTAL_ROWS * COLS * 4) {
    console.log(`writing ${file} with numpy (once)...`);
    python(`
import numpy as np
m = np.lib.format.open_memmap(${JSON.stringify(file)}, mode='w+', dtype='<f4', shape=(${TOTAL_ROWS}, ${COLS}))
assert m.offset == 128
step = 16384
rng = np.random.default_rng(7)
for s in range(0, ${TOTAL_ROWS}, step):
    m[s:s + step] = rng.random((min(step, ${TOTAL_ROWS} - s), ${COLS}), dtype=np.float32)
m.flush()
del m`);
  }
  const rand = seededRandom(12345);
  writeFileSync(indicesFile, JSON.stringify(Array.from({ length: ROWS }, () => Math.floor(rand() * TOTAL_ROWS))));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--child');
  if (i >= 0) return child(process.argv[i + 1]!);
  prepare();
  const kinds = ['floor', 'numpy', 'sync', 'async', 'numpy-fancy', 'take'];
  const results = new Map<string, Result[]>(kinds.map((k) => [k, []]));
  // Interleaved, so the page cache treats every contender alike.
  for (let run = 0; run < RUNS; run++) for (const k of kinds) results.get(k)!.push(runChild(k));
  const sums = new Set(kinds.map((k) => results.get(k)![0]!.checksum.toFixed(1)));
  if (sums.size !== 1) throw new Error(`checksums differ: ${[...sums].join(', ')}`);
  const numpyMs = median(results.get('numpy')!.map((r) => r.ms));
  const names: Record<string, string> = {
    floor: 'positional reads (floor)', numpy: "numpy mmap_mode='r', m[i] each", sync: 'npyio loadSync, slice(i) each',
    async: 'npyio load, sliceAsync(i) each', 'numpy-fancy': "numpy mmap_mode='r', m[rows]", take: 'npyio loadSync, take(rows)',
  };
  console.log(`${ROWS} random rows (4 KiB each) of a ${GIB} GiB float32 .npy; median of ${RUNS} fresh processes each; ` +
    'page cache warm after the first run (it cannot be dropped here)');
  for (const k of kinds) {
    const rs = results.get(k)!;
    const ms = median(rs.map((r) => r.ms));
    const peak = Math.max(...rs.map((r) => r.peakMB));
    const first = rs[0]!.ms;
    console.log(`${names[k]!.padEnd(30)} ${ms.toFixed(1).padStart(8)} ms (first run ${first.toFixed(1)} ms)  ${(ms / numpyMs).toFixed(2)}x numpy  peak RSS ${peak.toFixed(0)} MB`);
  }
}

await main();
