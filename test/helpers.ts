/** Test helpers: where the fixtures are, and whether real numpy is here to check our output. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { NpyioError } from '../src/errors.js';

/** The repository root (tests run compiled, from dist/test/). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = join(ROOT, 'python-fixtures');
export const SHARED = join(ROOT, '..', 'shared');

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function readJSON<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let numpyChecked: boolean | undefined;
/** True when `python3 -c "import numpy"` works on this machine. */
export function hasNumpy(): boolean {
  if (numpyChecked === undefined) {
    const r = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
    numpyChecked = r.status === 0;
  }
  return numpyChecked;
}

/** Normalise JSON for deep comparison: numbers compare by value, key order ignored by chai's deep equal. */
export function jsonClone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * numpy's messages name a file as it was given (the fixtures' generators gave
 * the bare name) and a stream by its repr; npyio names bytes in memory by their size.
 */
export function asNumpyNamesSources(message: string, dir: string): string {
  return message.split(`'${dir}/`).join("'").replace(/<\d+ bytes in memory>/, '<_io.BytesIO object at 0x...>');
}

/** The typed error `f` throws; any other exception (a RangeError, a TypeError) fails the test. */
export function thrown(f: () => unknown): NpyioError {
  try {
    f();
  } catch (e) {
    if (e instanceof NpyioError) return e;
    throw e;
  }
  throw new Error('expected an error, none was thrown');
}

/** mulberry32: a small seeded PRNG, so fuzz failures reproduce. Numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
