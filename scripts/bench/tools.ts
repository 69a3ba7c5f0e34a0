/**
 * The Node side of `npm run bench`: one tool on one workload, once, in this
 * fresh process.
 *
 *   node dist/scripts/bench/tools.js MANIFEST WORKLOAD TOOL
 *
 * Prints {ms, peakMB, check}. The clock runs around the work only (imports,
 * and for W9 loading the input, come before it); the check (a count and a few
 * sampled values, as driver.py takes them) is taken after it, so main.ts can
 * refuse a fast wrong answer.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, unlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { audit, loads, loadSync, saveSync, savezCompressedSync, type MemmapArray, type NdArray, type NpzFile, type ObjectArray } from '../../src/node/index.js';
import { fflateInflater, setInflater } from '../../src/npz/inflate.js';
import { peakMB } from './util.js';

/** One workload's entry in driver.py's manifest. */
export interface WorkloadInfo {
  path: string;
  dataOffset: number;
  member: string;
  offset: number;
  compressed: number;
  size: number;
  rows: number[];
  cols: number;
  source: string;
  out: string;
  check: unknown;
}

/** The indices driver.py samples. */
export function sampleIndices(n: number): number[] {
  return [0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 1];
}

function samples(n: number, at: (i: number) => unknown): unknown[] {
  return [n, ...sampleIndices(n).map(at)];
}

/** A sampled Python value as driver.py's `plain` writes it: a dict as the list of its values. */
function plain(v: unknown): unknown {
  if (v instanceof Map) return [...v.values()].map(plain);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.values(v).map(plain);
  return v;
}

/** Float64 samples of raw .npy bytes (little-endian) from `offset`, for the floors that only read. */
function f8Samples(bytes: Uint8Array, offset: number): unknown[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  return samples((bytes.length - offset) / 8, (i) => view.getFloat64(i * 8, true));
}

function readAt(path: string, offset: number, length: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(length);
    readSync(fd, buf, 0, length, offset);
    return buf;
  } finally {
    closeSync(fd);
  }
}

function npzMember(path: string): NdArray {
  const npz = loadSync(path) as NpzFile;
  try {
    return npz.get('a') as NdArray;
  } finally {
    npz.close();
  }
}

/** The .npy header length of raw bytes (version 1 or 2). */
function npyDataOffset(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return bytes[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
}

/** A dev-only peer, imported by a computed name so the build does not need it. */
async function peer<T>(name: string): Promise<T> {
  return (await import(name)) as T;
}

interface Timed {
  ms: number;
  check: unknown;
}

/** Times `work`, then derives the check from its result outside the clock. */
async function timed<T>(work: () => T | Promise<T>, check: (r: T) => unknown): Promise<Timed> {
  const t = process.hrtime.bigint();
  const r = await work();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, check: check(r) };
}

const arraySamples = (a: NdArray) => samples(a.size, (i) => a.get(i));
const driver = fileURLToPath(new URL('../../../scripts/bench/driver.py', import.meta.url));

type Run = (w: WorkloadInfo) => Promise<Timed>;

const npyLoad: Run = (w) => timed(() => loadSync(w.path) as NdArray, arraySamples);
const npzLoad: Run = (w) => timed(() => npzMember(w.path), arraySamples);
const fflateUnzip: Run = (w) => timed(() => unzipSync(readFileSync(w.path))[w.member]!, (b) => f8Samples(b, npyDataOffset(b)));
const memberRead: Run = (w) => timed(() => readAt(w.path, w.offset, w.compressed), (b) => f8Samples(b, npyDataOffset(b)));
const zlibInflate: Run = (w) =>
  timed(
    () => zlib.inflateRawSync(readAt(w.path, w.offset, w.compressed), { chunkSize: w.size, maxOutputLength: w.size }),
    (b) => f8Samples(b, npyDataOffset(b)),
  );
const unpickleFile: Run = (w) => timed(() => loads(readFileSync(w.path)) as unknown[], (a) => samples(a.length, (i) => plain(a[i])));
const pickleparserFile = (start: (bytes: Uint8Array) => number, pick: (v: unknown) => unknown[]): Run => async (w) => {
  const { Parser } = await peer<{ Parser: new () => { parse(b: Uint8Array): unknown } }>('pickleparser');
  return timed(() => {
    const bytes = readFileSync(w.path);
    return pick(new Parser().parse(bytes.subarray(start(bytes))));
  }, (a) => samples(a.length, (i) => plain(a[i])));
};
// An object array's pickle is ndarray's reduce; its state (the 5th item of BUILD's tuple) holds the list.
const objectList = (v: unknown) => (v as Record<string, unknown>)['4'] as unknown[];

function rowsLoop(w: WorkloadInfo, row: (r: number) => Float32Array): unknown[] {
  let total = 0;
  for (const r of w.rows) total += row(r)[w.cols - 1]!;
  return [w.rows.length, total];
}

const TOOLS: Record<string, Record<string, Run>> = {
  W1: {
    npyio: npyLoad,
    floor: (w) => timed(() => readFileSync(w.path), (b) => f8Samples(b, w.dataOffset)),
    npyjs: async (w) => {
      const { parse } = await peer<{ parse(b: ArrayBuffer): { data: Float64Array } }>('npyjs');
      return timed(() => {
        const b = readFileSync(w.path);
        // A large file's Buffer has its ArrayBuffer to itself: no copy.
        const ab = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
        return parse(ab as ArrayBuffer).data;
      }, (d) => samples(d.length, (i) => d[i]));
    },
  },
  W2: { npyio: npzLoad, floor: memberRead, fflate: fflateUnzip },
  W3c: { npyio: npzLoad, 'npyio-fflate': (w) => (setInflater(fflateInflater), npzLoad(w)), floor: zlibInflate, fflate: fflateUnzip },
  W4: {
    npyio: (w) => timed(() => (loadSync(w.path) as NdArray).toArray() as string[], (a) => samples(a.length, (i) => a[i])),
    'npyio-lazy': (w) => timed(() => loadSync(w.path) as NdArray, arraySamples),
  },
  W5: {
    npyio: (w) => timed(() => (loadSync(w.path, { allowPickle: true }) as ObjectArray).items, (a) => samples(a.length, (i) => a[i])),
    pickleparser: pickleparserFile(npyDataOffset, objectList),
  },
  W6: { npyio: unpickleFile, pickleparser: pickleparserFile(() => 0, (v) => v as unknown[]) },
  W7: {
    npyio: (w) =>
      timed(() => audit(w.path), (r) => [...new Set(r.globals.map((g) => `${g.module}.${g.name}`))].sort()),
  },
  W8: {
    npyio: (w) => timed(() => {
      using mm = loadSync(w.path, { mmapMode: 'r' }) as MemmapArray;
      return rowsLoop(w, (r) => mm.slice(r).data as Float32Array);
    }, (c) => c),
    'npyio-take': (w) => timed(() => {
      using mm = loadSync(w.path, { mmapMode: 'r' }) as MemmapArray;
      const data = mm.take(w.rows).data as Float32Array;
      let k = 0;
      return rowsLoop(w, () => data.subarray(k++ * w.cols, k * w.cols));
    }, (c) => c),
    // A minimal user loop: one positional read per row into one buffer, the header's length known.
    floor: (w) => timed(() => {
      const fd = openSync(w.path, 'r');
      try {
        const buf = new Uint8Array(w.cols * 4);
        const row = new Float32Array(buf.buffer);
        return rowsLoop(w, (r) => {
          readSync(fd, buf, 0, buf.length, w.dataOffset + r * w.cols * 4);
          return row;
        });
      } finally {
        closeSync(fd);
      }
    }, (c) => c),
    // The same into a fresh buffer per row, as slice(i) must return: what new memory costs (a page fault per row).
    'floor-fresh': (w) => timed(() => {
      const fd = openSync(w.path, 'r');
      try {
        return rowsLoop(w, (r) => {
          const buf = new Uint8Array(w.cols * 4);
          readSync(fd, buf, 0, buf.length, w.dataOffset + r * w.cols * 4);
          return new Float32Array(buf.buffer);
        });
      } finally {
        closeSync(fd);
      }
    }, (c) => c),
  },
  W9s: {
    npyio: (w) => {
      const a = loadSync(w.source) as NdArray;
      const out = `${w.out}-${process.pid}.npy`;
      return timed(() => saveSync(out, a), () => {
        const sha = createHash('sha256').update(readFileSync(out)).digest('hex');
        unlinkSync(out);
        return sha;
      });
    },
  },
  W9z: {
    npyio: (w) => {
      const a = npzMember(w.source);
      const out = `${w.out}-${process.pid}.npz`;
      return timed(() => savezCompressedSync(out, { a }), () => {
        // numpy's zipfile reads our archive: names, sizes and CRC-32s must be numpy's.
        const r = spawnSync('python3', [driver, 'zipcheck', out], { encoding: 'utf8' });
        unlinkSync(out);
        return r.status === 0 ? JSON.parse(r.stdout) : null;
      });
    },
  },
};
TOOLS.W3r = TOOLS.W3c!;
TOOLS.W6p4 = TOOLS.W6p2 = TOOLS.W6!;

async function main(): Promise<void> {
  const [manifestPath, workload, tool] = process.argv.slice(2) as [string, string, string];
  const w = (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, WorkloadInfo>)[workload]!;
  const run = TOOLS[workload]?.[tool];
  if (!run) throw new Error(`no tool ${tool} for ${workload}`);
  const { ms, check } = await run(w);
  process.stdout.write(JSON.stringify({ ms, peakMB: peakMB(), check }));
}

await main();
