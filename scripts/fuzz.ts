/**
 * The mutation fuzzer: `npm run fuzz -- --iterations N --seconds S [--seed K] [--workers W]`.
 *
 * Inputs are seed fixtures mutated by a seeded PRNG (scripts/fuzz/mutate.ts);
 * worker threads run every target on each (scripts/fuzz/targets.ts). An
 * untyped exception, an input running over 2 s, a memory blow-up or a
 * crashed worker is a finding: its input, seed and stack are saved under
 * test/fuzz-regressions/, which `npm test` replays. Exit status 1 when
 * anything was found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../test/helpers.js';
import { TIME_LIMIT_MS } from './fuzz/bounds.js';
import { makeInput } from './fuzz/mutate.js';
import { loadSeeds, seedKinds } from './fuzz/seeds.js';
import type { Batch, WorkerData, WorkerMessage } from './fuzz/worker.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
}

const iterations = option('iterations', 10_000);
const seconds = option('seconds', Infinity);
const runSeed = option('seed', 1);
const workerCount = Math.max(1, option('workers', 2));
const BATCH = 250;
const OUT = join(ROOT, 'test', 'fuzz-regressions');

const seeds = loadSeeds();
const counts: Record<string, number> = {};
let inputs = 0;
let findings = 0;
const started = Date.now();
const pending: Batch[] = [];
for (let from = 0; from < iterations; from += BATCH) pending.push({ runSeed, from, to: Math.min(iterations, from + BATCH) });

function save(iteration: number, kind: string, error: string, stack: string, target: string): void {
  findings++;
  counts.finding = (counts.finding ?? 0) + 1;
  const input = makeInput(seeds, runSeed, iteration);
  const name = `${kind}-seed${runSeed}-it${iteration}`;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.bin`), input.bytes);
  const meta = { runSeed, iteration, seedFile: input.seed, mutations: input.mutations, encoding: input.encoding, target, error, stack };
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify(meta, null, 2) + '\n');
  console.log(`finding ${name}: ${target}: ${error.split('\n')[0]}`);
}

const retried = new Set<number>();
const shared = new SharedArrayBuffer(16 * workerCount);
const state = new Float64Array(shared);
const timeUp = () => (Date.now() - started) / 1000 >= seconds;

interface Slot {
  worker: Worker | null;
  batch: Batch | null;
}
const slots: Slot[] = Array.from({ length: workerCount }, () => ({ worker: null, batch: null }));
let finish: () => void;
const finished = new Promise<void>((res) => (finish = res));

function next(i: number): void {
  const slot = slots[i]!;
  slot.batch = timeUp() ? null : pending.shift() ?? null;
  if (slot.batch === null) {
    void slot.worker?.terminate();
    slot.worker = null;
    if (slots.every((s) => s.batch === null)) finish();
    return;
  }
  if (slot.worker === null) spawn(i);
  slot.worker!.postMessage(slot.batch);
}

/** The rest of a batch after the input that killed its worker. */
function resumeAfter(i: number, kind: string, error: string, stack: string): void {
  const slot = slots[i]!;
  const b = slot.batch!;
  const it = state[2 * i]!;
  slot.worker = null;
  state[2 * i + 1] = 0;
  // A timeout may be the machine's (a busy core, a major GC): the input gets
  // one more run in a fresh worker before it counts.
  const retry = kind === 'timeout' && !retried.has(it);
  if (retry) {
    retried.add(it);
    counts['(timeouts retried)'] = (counts['(timeouts retried)'] ?? 0) + 1;
  } else save(it, kind, error, stack, 'watchdog');
  const resume = retry ? it : it + 1;
  inputs += resume - b.from;
  if (resume < b.to) pending.unshift({ runSeed, from: resume, to: b.to });
  next(i);
}

function spawn(i: number): void {
  const w = new Worker(new URL('./fuzz/worker.js', import.meta.url), {
    workerData: { slot: i, shared } satisfies WorkerData,
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
  });
  slots[i]!.worker = w;
  w.on('message', (m: WorkerMessage) => {
    if (m.type === 'finding') save(m.iteration, 'exception', m.error, m.stack, m.target);
    else {
      for (const [k, v] of Object.entries(m.counts)) if (k !== 'finding') counts[k] = (counts[k] ?? 0) + v;
      inputs += m.inputs;
      next(i);
    }
  });
  w.on('error', (e) => {
    if (slots[i]!.worker === w) resumeAfter(i, 'crash', `${e.name}: ${e.message}`, String(e.stack));
  });
  w.on('exit', (code) => {
    if (slots[i]!.worker === w && slots[i]!.batch !== null) resumeAfter(i, 'crash', `worker exited with code ${code}`, '');
  });
}

const watchdog = setInterval(() => {
  for (let i = 0; i < slots.length; i++) {
    const t0 = state[2 * i + 1]!;
    const slot = slots[i]!;
    if (slot.worker !== null && t0 > 0 && Date.now() - t0 > TIME_LIMIT_MS) {
      const w = slot.worker;
      slot.worker = null;
      void w.terminate();
      resumeAfter(i, 'timeout', `input ran over ${TIME_LIMIT_MS} ms`, '');
    }
  }
}, 100);
const progress = setInterval(() => {
  const s = (Date.now() - started) / 1000;
  console.log(`${inputs} inputs in ${s.toFixed(0)} s (${(inputs / s).toFixed(0)}/s), ${findings} findings`);
}, 30_000);

console.log(`fuzz: ${seeds.length} seeds ${JSON.stringify(seedKinds(seeds))}, run seed ${runSeed}, ${iterations} iterations, ${workerCount} workers`);
for (let i = 0; i < workerCount; i++) next(i);
await finished;
clearInterval(watchdog);
clearInterval(progress);
const s = (Date.now() - started) / 1000;
console.log(`done: ${inputs} inputs in ${s.toFixed(1)} s (${(inputs / s).toFixed(0)}/s), ${findings} findings`);
const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1]);
for (const [k, v] of sorted) console.log(`  ${k.padEnd(24)} ${v}`);
process.exit(findings > 0 ? 1 : 0);
