/** The fuzzer's seed files: every fixture kind (npy, npz stored and deflated, pickles of every protocol, Python 2 pickles, zips). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '../../test/helpers.js';
import type { Seed } from './mutate.js';

const KINDS = /\.(npy|npz|pkl|pickle|pt|zip|bin)$/;
/** Larger seeds make slow mutants without new structure. */
const MAX_SEED_BYTES = 64 * 1024;

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (KINDS.test(e.name) && statSync(p).size <= MAX_SEED_BYTES) out.push(p);
  }
}

/** The seeds, sorted by path so an iteration number names the same input on every machine. */
export function loadSeeds(root = FIXTURES): Seed[] {
  const paths: string[] = [];
  walk(root, paths);
  paths.sort();
  return paths.map((p) => ({ name: relative(root, p), bytes: new Uint8Array(readFileSync(p)) }));
}

/** Seed counts by kind (file extension), for the report. */
export function seedKinds(seeds: readonly Seed[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of seeds) {
    const kind = s.name.slice(s.name.lastIndexOf('.') + 1);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
