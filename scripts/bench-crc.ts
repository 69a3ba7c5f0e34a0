/**
 * What the CRC-32 check of a large stored member costs, and whether reading
 * the member in chunks and checking each chunk while it is still in cache
 * makes it cheaper than one pass over the whole buffer after one read (the
 * question of issue 7's W2). Variants run interleaved in this process, each
 * over W2's 256 MiB member:
 *   - read: one positional read into a fresh buffer (W2's floor);
 *   - read + crc: the same, then node:zlib's crc32 over it (what npyio does);
 *   - chunks of K: positional reads of K bytes into their places in the one
 *     buffer, each chunk's crc32 right after its read;
 *   - crc from cache: crc32 over one 1 MiB buffer, 256 times (the CRC's own rate).
 * Prints each variant's median wall and CPU time (user + system: the load of
 * other processes moves the wall clock more than CPU time).
 *
 *   npm run bench:crc [-- --runs 5]
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { runPlanSync } from '../src/io/plan.js';
import { fileSource } from '../src/node/files.js';
import { localDataPlan, readCentralDirectory } from '../src/npz/zip-read.js';
import { benchDir, median, option } from './bench/util.js';

const RUNS = option('runs', 5);
const path = join(benchDir(), 'f8-256mb-stored.npz');
if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run bench -- --only W2\` once to make it`);

const src = fileSource(path);
const entry = readCentralDirectory(src)[0]!;
const dataAt = runPlanSync(localDataPlan(src.size, entry), (o, n) => src.read(o, n));
src.close?.();
const size = entry.compressedSize;

function readChunked(chunk: number, check: boolean): number {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(size);
    let crc = 0;
    for (let at = 0; at < size; at += chunk) {
      const n = Math.min(chunk, size - at);
      if (readSync(fd, buf, at, n, dataAt + at) !== n) throw new Error('short read');
      if (check) crc = zlib.crc32(buf.subarray(at, at + n), crc);
    }
    return crc;
  } finally {
    closeSync(fd);
  }
}

const hot = new Uint8Array(1 << 20).map((_, i) => (i * 7) & 0xff);
const VARIANTS: [string, () => number][] = [
  ['read', () => readChunked(size, false)],
  ['read + crc', () => {
    const fd = openSync(path, 'r');
    try {
      const buf = new Uint8Array(size);
      if (readSync(fd, buf, 0, size, dataAt) !== size) throw new Error('short read');
      return zlib.crc32(buf);
    } finally {
      closeSync(fd);
    }
  }],
  ['chunks of 256 KiB', () => readChunked(256 << 10, true)],
  ['chunks of 1 MiB', () => readChunked(1 << 20, true)],
  ['chunks of 4 MiB', () => readChunked(4 << 20, true)],
  ['crc from cache (256 x 1 MiB)', () => {
    let crc = 0;
    for (let i = 0; i < size / hot.length; i++) crc = zlib.crc32(hot, crc);
    return crc;
  }],
];
const wall = VARIANTS.map(() => [] as number[]);
const cpu = VARIANTS.map(() => [] as number[]);
for (let r = 0; r <= RUNS; r++) {
  for (let k = 0; k < VARIANTS.length; k++) {
    const v = (k + r) % VARIANTS.length;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const crc = VARIANTS[v]![1]();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (v >= 1 && v <= 4 && crc !== entry.crc32) throw new Error(`${VARIANTS[v]![0]}: CRC ${crc} is not the directory's ${entry.crc32}`);
    if (r === 0) continue; // warm-up
    wall[v]!.push(ms);
    cpu[v]!.push((c.user + c.system) / 1000);
  }
}
console.log(`${size} bytes, ${RUNS} runs (plus one warm-up), medians:`);
VARIANTS.forEach(([name], v) => {
  console.log(`${name.padEnd(30)} wall ${median(wall[v]!).toFixed(0).padStart(5)} ms   cpu ${median(cpu[v]!).toFixed(0).padStart(5)} ms`);
});
