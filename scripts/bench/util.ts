/** What every benchmark here shares: options, medians of timed runs, python3 for the numpy side, the data folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);

/** `--name N` from the command line, or the default. */
export function option(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** bench-data/ at the repository root (git-ignored): inputs are written once and reused. */
export function benchDir(): string {
  const dir = join(fileURLToPath(new URL('../../../', import.meta.url)), 'bench-data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Peak resident set of this process (VmHWM), from /proc (Linux); NaN elsewhere. */
export function peakMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median milliseconds of `runs` calls (sync or async). */
export async function timeRuns(runs: number, fn: () => unknown): Promise<number> {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ts.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ts);
}

/** Runs python3 -c CODE and returns its stdout. */
export function python(code: string): string {
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** Python source defining `t(f)`: the median milliseconds of `runs` calls, as timeRuns measures ours. */
export function pyTimer(runs: number): string {
  return `import time
def t(f):
    ts = []
    for _ in range(${runs}):
        s = time.perf_counter(); f(); ts.append((time.perf_counter() - s) * 1000)
    return sorted(ts)[len(ts) // 2]
`;
}

/** bench-data/dicts-200k.pkl: 200k five-key dicts pickled with protocol 4, written once. */
export function dictsPickle(): string {
  const path = join(benchDir(), 'dicts-200k.pkl');
  if (!existsSync(path)) {
    python(`import pickle
rows = [{'id': i, 'name': f'row{i}', 'score': i * 0.5, 'tags': ['a', 'b'], 'ok': i % 2 == 0} for i in range(200000)]
open(${JSON.stringify(path)}, 'wb').write(pickle.dumps(rows, protocol=4))`);
  }
  return path;
}
