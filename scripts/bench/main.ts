/**
 * `npm run bench`: npyio side by side with numpy, CPython and the JS peers,
 * on the workloads of issue 7, printed as one markdown table.
 *
 *   npm run bench [-- --quick] [--runs 5] [--only W1,W8] [--out BENCHMARKS.md]
 *
 * driver.py (numpy) writes the workloads into bench-data/ (git-ignored;
 * bench-data/quick/ for --quick: small sizes, variants left out) once and a manifest with the
 * values numpy reads from them. Every measurement is a fresh process (node
 * tools.js or python3 driver.py run), its time taken in-process around the
 * work, its peak RSS from VmHWM. Rounds are interleaved: one warm-up round
 * (not counted), then `--runs` counted ones, each workload's tools in an order
 * rotated by one every round; ratios are taken pair by pair within a round,
 * so load on the machine moves both sides of a ratio alike. A run whose check
 * (counts, sampled values) differs from numpy's stops the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, median } from './util.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const QUICK = flag('quick');
const RUNS = Number(value('runs') ?? 5);
const ONLY = value('only')?.split(',');
const OUT = value('out');

const root = fileURLToPath(new URL('../../../', import.meta.url));
const driver = join(root, 'scripts/bench/driver.py');
const toolsJs = fileURLToPath(new URL('./tools.js', import.meta.url));

interface Tool {
  id: string;
  label: string;
  side: 'node' | 'python';
  /** A dev-only package the tool needs; the column is skipped without it. */
  peer?: string;
  /** A variant (another path of npyio's, another numpy call): full runs only, so --quick stays under a minute. */
  variant?: boolean;
}

/** npyio's time over this tool's, at most `max` (medians of the per-round ratios). */
interface Target {
  vs: string;
  max: number;
  text: string;
}

interface Workload {
  id: string;
  title: string;
  tools: Tool[];
  targets: Target[];
  /** npyio's peak RSS must stay under this many MB. */
  maxPeakMB?: number;
  /** A second input for the same code path: full runs only. */
  variant?: boolean;
}

const node = (id: string, label: string, peer?: string): Tool => ({ id, label, side: 'node', peer });
const py = (id: string, label: string): Tool => ({ id, label, side: 'python' });
const variant = (t: Tool): Tool => ({ ...t, variant: true });
const NPYIO = node('npyio', 'npyio');
const atMost = (vs: string, max: number): Target => ({ vs, max, text: `≤ ${max}x` });
const faster = (vs: string, times: number): Target => ({ vs, max: 1 / times, text: `≥ ${times}x faster` });

function workloads(m: Manifest): Workload[] {
  const mb = Math.round(statSize(m.W1.path) / 2 ** 20);
  const loadFloor = [node('floor', 'fs.readFileSync (floor)'), py('numpy', 'np.load')];
  const compressed = (id: string, what: string): Workload => ({
    id, title: `${mb} MiB float64 in a compressed .npz, ${what} (${m[id]!.ratio!.toFixed(1)}x)`,
    tools: [NPYIO, variant(node('npyio-fflate', 'npyio with fflate (browser path)')), node('floor', 'positional read + node:zlib inflateRawSync (floor)'),
      py('numpy', 'np.load'), node('fflate', 'fflate unzipSync', 'fflate')],
    targets: [atMost('floor', 1.1)],
  });
  const dicts = (p: number): Workload => ({
    id: `W6p${p}`, title: `protocol ${p} pickle of ${m[`W6p${p}`]!.check[0]} five-key dicts`,
    tools: [NPYIO, py('cpython', 'CPython pickle.loads (C)'), node('pickleparser', 'pickleparser', 'pickleparser')],
    targets: [atMost('cpython', 1.5), faster('pickleparser', 3)],
  });
  return [
    { id: 'W1', title: `${mb} MiB float64 .npy`, tools: [NPYIO, ...loadFloor, node('npyjs', 'npyjs parse(readFileSync)', 'npyjs')], targets: [atMost('floor', 1.1)] },
    { id: 'W2', title: `the same in a stored .npz`, tools: [NPYIO, node('floor', 'one positional read of the member (floor)'), py('numpy', 'np.load'), node('fflate', 'fflate unzipSync', 'fflate')], targets: [atMost('floor', 1.1)] },
    compressed('W3c', 'three decimals'),
    { ...compressed('W3r', 'random'), variant: true },
    { id: 'W4', title: `${m.W4.check[0]} <U16 strings`, tools: [node('npyio', 'npyio loadSync + toArray()'), variant(node('npyio-lazy', 'npyio loadSync (lazy)')), py('numpy', 'np.load(...).tolist()')], targets: [atMost('numpy', 1.5)] },
    { id: 'W5', title: `object .npy of ${m.W5.check[0]} ints, floats, short strings, None`, tools: [NPYIO, py('numpy', 'np.load(allow_pickle=True)'), node('pickleparser', 'pickleparser', 'pickleparser')], targets: [atMost('numpy', 1.5), faster('pickleparser', 3)] },
    dicts(4),
    { ...dicts(2), variant: true },
    { id: 'W7', title: `audit of a ${(m.W7.size! / 1e9).toFixed(2)} GB checkpoint-like pickle`, tools: [node('npyio', 'npyio audit(path)'), py('genops', 'pickletools.genops walk (scanner)')], targets: [faster('genops', 20)] },
    { id: 'W8', title: `1000 random 4 KiB rows of a ${(statSize(m.W8.path) / 2 ** 30).toFixed(2)} GiB float32 .npy (open included)`, tools: [node('npyio', "npyio mmapMode 'r', slice(i) each"), variant(node('npyio-take', 'npyio take(rows)')), node('floor', 'positional read per row into one buffer (floor)'), variant(node('floor-fresh', 'positional read per row into a fresh buffer')), py('numpy', "numpy mmap_mode='r', m[i] each"), variant(py('numpy-fancy', 'numpy m[rows]'))], targets: [atMost('floor', 1.2)], maxPeakMB: 100 },
    { id: 'W9s', title: `save of W1's array`, tools: [node('npyio', 'npyio saveSync'), py('numpy', 'np.save')], targets: [atMost('numpy', 1.2)] },
    { id: 'W9z', title: `savezCompressed of W3's (three decimals)`, tools: [node('npyio', 'npyio savezCompressedSync'), py('numpy', 'np.savez_compressed')], targets: [atMost('numpy', 1.2)] },
  ];
}

interface ManifestEntry {
  path: string;
  check: unknown[];
  ratio?: number;
  size?: number;
}
type Manifest = Record<string, ManifestEntry>;

interface Measure {
  ms: number;
  peakMB: number;
  check: unknown;
}

const statSize = (path: string) => statSync(path).size;

function spawn(cmd: string, argv: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ok: r.status === 0, out: r.stdout ?? '', err: r.stderr || String(r.error ?? '') };
}

function measure(manifestPath: string, w: Workload, tool: Tool): Measure {
  const r = tool.side === 'node'
    ? spawn(process.execPath, [toolsJs, manifestPath, w.id, tool.id])
    : spawn('python3', [driver, 'run', manifestPath, w.id, tool.id]);
  if (!r.ok) throw new Error(`${w.id} ${tool.label} failed:\n${r.err}`);
  return JSON.parse(r.out) as Measure;
}

/** Why a tool cannot run here, or null when it can. */
function missing(tool: Tool, hasNumpy: boolean): string | null {
  if (tool.side === 'python') return hasNumpy ? null : 'python3 with numpy not found';
  if (tool.peer && !existsSync(join(root, 'node_modules', tool.peer, 'package.json'))) return `${tool.peer} not installed (npm install)`;
  return null;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x: number) => (x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(3));

function machine(): string[] {
  const cpu = cpus()[0]?.model ?? 'unknown';
  const pyv = spawn('python3', ['-c', 'import sys, numpy; print(sys.version.split()[0], numpy.__version__)']).out.trim().split(' ');
  return [
    `- CPU: ${cpu}, ${cpus().length} cores; RAM ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Node ${process.version}; Python ${pyv[0] ?? 'absent'}; numpy ${pyv[1] ?? 'absent'}`,
  ];
}

function main(): void {
  const hasNumpy = spawn('python3', ['-c', 'import numpy']).ok;
  const dir = QUICK ? join(benchDir(), 'quick') : benchDir();
  let manifestPath = join(dir, 'manifest.json');
  if (hasNumpy) {
    console.error(`generating workloads into ${dir} (once; later runs reuse them)...`);
    const g = spawnSync('python3', [driver, 'gen', dir, ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (g.status !== 0) throw new Error('driver.py gen failed');
    manifestPath = g.stdout.trim();
  } else if (!existsSync(manifestPath)) {
    throw new Error('python3 with numpy is needed to generate the workloads (none were generated before)');
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const all = workloads(manifest).filter((w) => (ONLY ? ONLY.includes(w.id) : !(QUICK && w.variant)));
  const skipped: string[] = [];
  for (const w of all) {
    w.tools = w.tools.filter((t) => {
      if (QUICK && t.variant) return false;
      const why = missing(t, hasNumpy);
      if (why) skipped.push(`${w.id} ${t.label}: ${why}`);
      return !why;
    });
  }
  const load0 = loadavg();
  const results = new Map<string, Measure[]>();
  const start = Date.now();
  for (let round = 0; round <= RUNS; round++) {
    console.error(`round ${round}${round === 0 ? ' (warm-up)' : ''} of ${RUNS}, ${((Date.now() - start) / 1000).toFixed(0)} s`);
    for (const w of all) {
      const n = w.tools.length;
      for (let k = 0; k < n; k++) {
        const tool = w.tools[(k + round) % n]!;
        const m = measure(manifestPath, w, tool);
        const want = JSON.stringify(manifest[w.id]!.check);
        if (JSON.stringify(m.check) !== want) {
          throw new Error(`${w.id} ${tool.label}: wrong answer\n  got  ${JSON.stringify(m.check).slice(0, 400)}\n  want ${want.slice(0, 400)}`);
        }
        if (round > 0) {
          const key = `${w.id} ${tool.id}`;
          results.set(key, [...(results.get(key) ?? []), m]);
        }
      }
    }
  }
  const load1 = loadavg();
  const lines = [
    `| id | workload | tool | median ms | min | max | peak RSS MB | npyio ÷ tool, per round: median (min–max) | target | met |`,
    '|---|---|---|--:|--:|--:|--:|---|---|---|',
  ];
  for (const w of all) {
    const ours = results.get(`${w.id} ${w.tools[0]!.id}`)!;
    for (const tool of w.tools) {
      const rs = results.get(`${w.id} ${tool.id}`)!;
      const ms = rs.map((r) => r.ms);
      const ratios = rs.map((r, i) => ours[i]!.ms / r.ms);
      const target = w.targets.find((t) => t.vs === tool.id);
      const peak = Math.max(...rs.map((r) => r.peakMB));
      let met = target ? (median(ratios) <= target.max ? 'yes' : 'no') : '';
      let targetText = target?.text ?? '';
      if (tool === w.tools[0] && w.maxPeakMB) {
        targetText = `RSS < ${w.maxPeakMB} MB`;
        met = peak < w.maxPeakMB ? 'yes' : 'no';
      }
      lines.push(`| ${w.id} | ${tool === w.tools[0] ? w.title : ''} | ${tool.label} | ${fmt(median(ms))} | ${fmt(Math.min(...ms))} | ${fmt(Math.max(...ms))} | ${peak.toFixed(0)} | ${tool === w.tools[0] ? '' : `${ratio(median(ratios))} (${ratio(Math.min(...ratios))}–${ratio(Math.max(...ratios))})`} | ${targetText} | ${met} |`);
    }
  }
  const command = `npm run bench --${QUICK ? ' --quick' : ''} --runs ${RUNS}${ONLY ? ` --only ${ONLY.join(',')}` : ''}${OUT ? ` --out ${OUT}` : ''}`;
  const notes = [
    `${RUNS} counted rounds after one warm-up, every measurement a fresh process; ${((Date.now() - start) / 60000).toFixed(1)} min in all.`,
    `Load average (1, 5, 15 min) before: ${load0.map((x) => x.toFixed(2)).join(', ')}; after: ${load1.map((x) => x.toFixed(2)).join(', ')}.`,
    ...(skipped.length ? ['Skipped columns:', ...skipped.map((s) => `- ${s}`)] : ['No column skipped.']),
  ];
  const table = [...lines, '', ...notes].join('\n');
  console.log(table);
  if (OUT) {
    writeFileSync(OUT, [`Command: \`${command}\``, '', ...machine(), '', table, ''].join('\n'));
    console.error(`wrote ${OUT}`);
  }
}

main();
