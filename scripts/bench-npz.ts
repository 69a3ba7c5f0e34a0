/**
 * .npz benchmarks, side by side with numpy in one run:
 *   - load a 256 MB float64 array from np.savez_compressed: npyio with node:zlib,
 *     npyio with fflate (the browser path), and np.load;
 *   - read one 4 MB member of a 1 GB stored archive: the bytes npyio reads from disk.
 *
 *   npm run bench:npz [-- --runs 5]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileSource } from '../src/node/files.js';
import { NpzFile, loadSync } from '../src/node/index.js';
import type { ByteSource } from '../src/io/source.js';
import { fflateInflater, getInflater, setInflater } from '../src/npz/inflate.js';
import { benchDir, option, python, timeRuns } from './bench/util.js';

const RUNS = option('runs', 5);
const dir = benchDir();
const compressed = join(dir, 'f8-256mb-compressed.npz');
const big = join(dir, 'stored-1gb.npz');

if (!existsSync(compressed)) {
  python(`import numpy as np; np.savez_compressed(${JSON.stringify(compressed)}, a=np.round(np.random.default_rng(1).random(${(256 << 20) / 8}), 3))`);
}
if (!existsSync(big)) {
  python(`import numpy as np
np.savez(${JSON.stringify(big)}, before=np.zeros(${(510 << 20) / 8}), small=np.arange(${(4 << 20) / 8}, dtype='<f8'), after=np.zeros(${(510 << 20) / 8}))`);
}

const member = (path: string) => () => {
  const npz = loadSync(path) as NpzFile;
  try {
    return npz.get('a');
  } finally {
    npz.close();
  }
};
const zlibMs = await timeRuns(RUNS, member(compressed));
const nodeInflater = getInflater();
setInflater(fflateInflater);
const fflateMs = await timeRuns(RUNS, member(compressed));
setInflater(nodeInflater);
const numpyMs = Number(python(`import time, numpy as np
ts = []
for _ in range(${RUNS}):
    t = time.perf_counter()
    with np.load(${JSON.stringify(compressed)}) as z: a = z['a']
    ts.append((time.perf_counter() - t) * 1000)
print(sorted(ts)[len(ts) // 2])`));

// Count what one member read costs: every positional read goes through this source.
let bytesRead = 0;
const file = fileSource(big);
const counting: ByteSource = {
  size: file.size,
  name: file.name,
  read: (o, n) => {
    bytesRead += n;
    return file.read(o, n);
  },
  close: () => file.close?.(),
};
const npz = new NpzFile(counting, {}, file.name, true);
const small = npz.get('small');
npz.close();

console.log(`load one 256 MB float64 member of an np.savez_compressed archive, median of ${RUNS} runs`);
console.log(`  npyio + node:zlib  ${zlibMs.toFixed(1)} ms`);
console.log(`  npyio + fflate     ${fflateMs.toFixed(1)} ms`);
console.log(`  numpy np.load      ${numpyMs.toFixed(1)} ms`);
console.log(`read member 'small' (4 MB) of a ${(file.size / 2 ** 30).toFixed(2)} GiB stored archive: ${bytesRead} bytes read from disk (${(bytesRead / 2 ** 20).toFixed(2)} MiB), got ${(small as { nbytes: number }).nbytes} bytes of data`);
