/**
 * Disassembly speed next to CPython's pickletools.dis in one run: the pickle
 * of 200k five-key dicts (protocol 4, about 2.4M opcodes), written to a
 * string by both (`disText` vs `pickletools.dis(data, out=io.StringIO())`).
 *
 *   npm run bench:dis [-- --runs 5]
 *
 * The input is written by python3 into bench-data/ (git-ignored). Medians of the runs.
 */
import { readFileSync } from 'node:fs';
import { disText } from '../src/pickle/dis.js';
import { dictsPickle, option, pyTimer, python, timeRuns } from './bench/util.js';

const RUNS = option('runs', 5);
const dicts = dictsPickle();

const py = JSON.parse(python(`import io, json, pickletools
${pyTimer(RUNS)}data = open(${JSON.stringify(dicts)}, 'rb').read()
out = io.StringIO(); pickletools.dis(data, out=out)
print(json.dumps({'ms': t(lambda: pickletools.dis(data, out=io.StringIO())), 'chars': len(out.getvalue())}))`)) as { ms: number; chars: number };

const bytes = new Uint8Array(readFileSync(dicts));
let chars = 0;
const ms = await timeRuns(RUNS, () => {
  chars = disText(bytes).length;
});
console.log(`disassembly, median of ${RUNS} runs`);
console.log(`200k five-key dicts (${(bytes.length / 1e6).toFixed(1)} MB pickle, ${(chars / 1e6).toFixed(0)} MB of text): npyio disText ${ms.toFixed(0)} ms, pickletools.dis ${py.ms.toFixed(0)} ms (${(ms / py.ms).toFixed(2)}x); same length: ${chars === py.chars}`);
