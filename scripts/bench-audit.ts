/**
 * Audit throughput next to CPython's pickletools in one run:
 *   A1: a ~1 GB checkpoint-like pickle (a dict of 300 float32 arrays, numpy's
 *       protocol 4 reduce): npyio `audit` in a fresh node process vs
 *       `for _ in pickletools.genops(f): pass` over the same file
 *   A2: the same tensors as a PyTorch-style zip (archive/data.pkl plus one
 *       stored member per array): npyio `audit` (every member sniffed, every
 *       CRC checked) vs Python reading every member with zipfile (which
 *       checks the CRCs) and walking data.pkl with genops
 *
 *   npm run bench:audit [-- --runs 3]
 *
 * npyio runs `audit(path)`, the Node entry: a large raw pickle is read as the
 * machine gets there (array payloads skipped unread), a zip is read whole
 * (its CRCs need every byte). Inputs are written by python3 into bench-data/
 * (git-ignored); both sides read from the page cache. Medians of the runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir, median, option, python } from './bench/util.js';

const RUNS = option('runs', 3);
const pkl = join(benchDir(), 'checkpoint-1g.pkl');
const zip = join(benchDir(), 'checkpoint-1g.pt');

if (!existsSync(pkl) || !existsSync(zip)) {
  python(`import io, pickle, zipfile, numpy as np
arrays = {f'layers.{i}.weight': np.full((1024, 850), i, dtype=np.float32) for i in range(300)}
with open(${JSON.stringify(pkl)}, 'wb') as f:
    pickle.dump(arrays, f, protocol=4)
# torch-style: data.pkl holds only names and storage keys; the bytes are members
index = {k: ('storage', str(i), a.shape) for i, (k, a) in enumerate(arrays.items())}
with zipfile.ZipFile(${JSON.stringify(zip)}, 'w') as z:
    z.writestr('archive/data.pkl', pickle.dumps(index, protocol=2))
    z.writestr('archive/version', b'3\\n')
    for i, a in enumerate(arrays.values()):
        z.writestr(f'archive/data/{i}', a.tobytes())`);
}

const auditScript = fileURLToPath(new URL('./bench-audit-one.js', import.meta.url));

interface NodeRun {
  ms: number;
  rssMB: number;
  verdict: string;
}

function nodeRun(file: string): NodeRun {
  const r = spawnSync(process.execPath, [auditScript, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as NodeRun;
}

const GENOPS_FILE = (file: string) => `with open(${JSON.stringify(file)}, 'rb') as f:
    for _ in pickletools.genops(f): pass`;
const GENOPS_ZIP = (file: string) => `with zipfile.ZipFile(${JSON.stringify(file)}) as z:
    for name in z.namelist(): z.read(name)
    for _ in pickletools.genops(z.read('archive/data.pkl')): pass`;

function pythonRun(body: string): number {
  return Number(python(`import pickletools, time, zipfile
s = time.perf_counter()
${body}
print((time.perf_counter() - s) * 1000)`));
}

const rate = (mb: number, ms: number) => `${ms.toFixed(0)} ms = ${(mb / (ms / 1000)).toFixed(0)} MB/s`;

function row(label: string, file: string, body: string, theirsLabel: string): void {
  const mb = statSync(file).size / 1e6;
  const runs: NodeRun[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(nodeRun(file));
    theirs.push(pythonRun(body));
  }
  const ours = median(runs.map((r) => r.ms));
  const py = median(theirs);
  console.log(`${label} (${mb.toFixed(0)} MB, verdict ${runs[0]!.verdict})`);
  console.log(`  npyio audit(path) ${rate(mb, ours)} (RSS at the end ${median(runs.map((r) => r.rssMB)).toFixed(0)} MB)`);
  console.log(`  ${theirsLabel} ${rate(mb, py)}; npyio takes ${(ours / py).toFixed(2)}x the time`);
}

console.log(`audit throughput, median of ${RUNS} runs, npyio in a fresh process each run`);
row('A1 checkpoint-like pickle, protocol 4', pkl, GENOPS_FILE(pkl), 'python pickletools.genops');
row('A2 torch-style zip', zip, GENOPS_ZIP(zip), 'python zipfile read of every member + genops of data.pkl');
