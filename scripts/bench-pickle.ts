/**
 * Unpickling speed next to CPython in one run:
 *   W5: a list of 200k five-key dicts (protocol 4): npyio `loads` vs CPython `pickle.loads`
 *   W6: a 1M-element object array .npy: npyio `loadSync` vs `np.load(allow_pickle=True)`
 *
 *   npm run bench:pickle [-- --runs 7]
 *
 * Inputs are written by python3 into bench-data/ (git-ignored). Medians of the runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loads, loadSync } from '../src/node/index.js';
import { benchDir, dictsPickle, option, pyTimer, python, timeRuns } from './bench/util.js';

const RUNS = option('runs', 7);
const dicts = dictsPickle();
const objects = join(benchDir(), 'objects-1m.npy');

if (!existsSync(objects)) {
  python(`import numpy as np
a = np.empty(1000000, dtype=object)
for i in range(1000000): a[i] = (i, f's{i}') if i % 3 == 0 else (i * 0.25 if i % 3 == 1 else None)
np.save(${JSON.stringify(objects)}, a, allow_pickle=True)`);
}

const py = JSON.parse(python(`import json, pickle, numpy as np
${pyTimer(RUNS)}data = open(${JSON.stringify(dicts)}, 'rb').read()
print(json.dumps({'dicts': t(lambda: pickle.loads(data)), 'objects': t(lambda: np.load(${JSON.stringify(objects)}, allow_pickle=True))}))`)) as { dicts: number; objects: number };

const bytes = new Uint8Array(readFileSync(dicts));
const ours = {
  dicts: await timeRuns(RUNS, () => loads(bytes)),
  objects: await timeRuns(RUNS, () => loadSync(objects, { allowPickle: true })),
};
console.log(`unpickling, median of ${RUNS} runs`);
console.log(`W5 200k five-key dicts (${(bytes.length / 1e6).toFixed(1)} MB): npyio loads ${ours.dicts.toFixed(1)} ms, CPython pickle.loads ${py.dicts.toFixed(1)} ms (${(ours.dicts / py.dicts).toFixed(2)}x)`);
console.log(`W6 1M-element object array .npy: npyio loadSync ${ours.objects.toFixed(1)} ms, np.load ${py.objects.toFixed(1)} ms (${(ours.objects / py.objects).toFixed(2)}x)`);
