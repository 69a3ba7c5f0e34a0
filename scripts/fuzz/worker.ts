/**
 * One fuzz worker thread: builds inputs from (run seed, iteration) and runs
 * the targets on each. Before each input it writes the iteration and the
 * start time into shared memory, so the main thread's watchdog can tell a
 * hang and terminate the thread; a heap blow-up ends the thread through its
 * resource limits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeInput } from './mutate.js';
import { loadSeeds } from './seeds.js';
import { runTargets } from './targets.js';
import { memoryBound, memoryNow } from './bounds.js';

export interface WorkerData {
  readonly slot: number;
  readonly shared: SharedArrayBuffer;
}
export interface Batch {
  readonly runSeed: number;
  readonly from: number;
  readonly to: number;
}
export type WorkerMessage =
  | { type: 'finding'; iteration: number; target: string; error: string; stack: string }
  | { type: 'done'; counts: Record<string, number>; inputs: number };

const { slot, shared } = workerData as WorkerData;
/** Per slot: [iteration running, its start time in ms, or 0 when idle]. */
const state = new Float64Array(shared);
const seeds = loadSeeds();
const port = parentPort!;

port.on('message', (b: Batch) => {
  const counts: Record<string, number> = {};
  for (let i = b.from; i < b.to; i++) {
    const input = makeInput(seeds, b.runSeed, i);
    state[2 * slot] = i;
    state[2 * slot + 1] = Date.now();
    const before = memoryNow();
    const r = runTargets(input.bytes, input.encoding);
    const grown = memoryNow() - before;
    state[2 * slot + 1] = 0;
    if (r.finding !== undefined) {
      port.postMessage({ type: 'finding', iteration: i, ...r.finding } satisfies WorkerMessage);
    } else if (grown > memoryBound(input.bytes.length)) {
      port.postMessage({ type: 'finding', iteration: i, target: 'memory', error: `memory grew by ${grown} bytes on a ${input.bytes.length}-byte input`, stack: '' } satisfies WorkerMessage);
    }
    counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  }
  port.postMessage({ type: 'done', counts, inputs: b.to - b.from } satisfies WorkerMessage);
});
