"""The numpy / CPython side of `npm run bench` (scripts/bench/main.ts).

  python3 driver.py gen DIR [--quick]          write the workloads into DIR, print the manifest path
  python3 driver.py run MANIFEST WORKLOAD TOOL  time one tool once, print {ms, peakMB, check}
  python3 driver.py zipcheck PATH              CRC-32 and size of every member, as zipfile reads them

Each `run` is a fresh process: the clock starts after the imports and stops
when the work is done; the check (sampled values, counts) is taken after the
clock stops, and main.ts compares it with the manifest's, which numpy wrote
when it generated the workload.
"""
import hashlib
import json
import os
import pickle
import pickletools
import re
import sys
import time
import zipfile

import numpy as np


def peak_mb():
    m = re.search(r'VmHWM:\s+(\d+) kB', open('/proc/self/status').read())
    return int(m.group(1)) / 1024 if m else None


def sample_indices(n):
    """The same five indices main.ts and tools.ts sample."""
    return [0, 1, n // 3, n // 2, n - 1]


def plain(v):
    """A sampled value as JSON: numpy scalars become Python ones."""
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, dict):
        return [plain(x) for x in v.values()]
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return v


def samples(seq):
    n = len(seq)
    return [n] + [plain(seq[i]) for i in sample_indices(n)]


def npy_member_offset(path, member):
    """Where a member's bytes start in the archive (past its local header)."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    with open(path, 'rb') as f:
        f.seek(info.header_offset)
        local = f.read(30)
    name_len = int.from_bytes(local[26:28], 'little')
    extra_len = int.from_bytes(local[28:30], 'little')
    return {'offset': info.header_offset + 30 + name_len + extra_len, 'compressed': info.compress_size,
            'size': info.file_size, 'method': info.compress_type}


def npy_data_offset(path):
    with open(path, 'rb') as f:
        np.lib.format.read_magic(f)
        np.lib.format.read_array_header_1_0(f)
        return f.tell()


def scanner_globals(f):
    """What pickle scanners do: walk genops, take GLOBAL's argument and, for
    STACK_GLOBAL, the two strings pushed just before it, following the memo
    (numpy's protocol 4 pickles fetch 'numpy' back with BINGET)."""
    found = set()
    strings = []
    memo = {}
    last = None
    for op, arg, _ in pickletools.genops(f):
        name = op.name
        if name == 'GLOBAL':
            found.add(arg.replace(' ', '.', 1))
            last = None
        elif name == 'STACK_GLOBAL':
            if len(strings) >= 2:
                found.add(f'{strings[-2]}.{strings[-1]}')
            last = None
        elif name == 'MEMOIZE':
            memo[len(memo)] = last
        elif name in ('PUT', 'BINPUT', 'LONG_BINPUT'):
            memo[arg] = last
        elif name in ('GET', 'BINGET', 'LONG_BINGET'):
            last = memo.get(arg)
            if isinstance(last, str):
                strings.append(last)
        elif isinstance(arg, str):
            last = arg
            strings.append(arg)
        else:
            last = None
        del strings[:-2]
    return sorted(found)


def write_once(path, write):
    if not os.path.exists(path):
        tmp = path + '.tmp'
        write(tmp)
        os.replace(tmp, path)
    return path


def gen(out, quick):
    out = os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    j = lambda name: os.path.join(out, name)
    n8 = (4 if quick else 256) * 2 ** 20 // 8
    mb = n8 * 8 >> 20
    m = {'quick': quick, 'dir': out}

    f8 = write_once(j(f'f8-{mb}mb.npy'), lambda p: np.save(open(p, 'wb'), np.random.default_rng(1).random(n8)))
    a = np.load(f8, mmap_mode='r')
    m['W1'] = {'path': f8, 'dataOffset': npy_data_offset(f8), 'check': samples(a)}

    stored = write_once(j(f'f8-{mb}mb-stored.npz'), lambda p: np.savez(open(p, 'wb'), a=np.asarray(a)))
    m['W2'] = {'path': stored, 'member': 'a.npy', **npy_member_offset(stored, 'a.npy'), 'check': samples(a)}

    # 3x compressible: three decimals of [0, 1) deflate to about a quarter.
    comp = write_once(j(f'f8-{mb}mb-compressed.npz'),
                      lambda p: np.savez_compressed(open(p, 'wb'), a=np.round(np.random.default_rng(1).random(n8), 3)))
    with np.load(comp) as z:
        c = z['a']
    m['W3c'] = {'path': comp, 'member': 'a.npy', **npy_member_offset(comp, 'a.npy'), 'check': samples(c)}
    rand = write_once(j(f'f8-{mb}mb-random.npz'), lambda p: np.savez_compressed(open(p, 'wb'), a=np.asarray(a)))
    m['W3r'] = {'path': rand, 'member': 'a.npy', **npy_member_offset(rand, 'a.npy'), 'check': samples(a)}
    for w in ('W3c', 'W3r'):
        m[w]['ratio'] = m[w]['size'] / m[w]['compressed']
    del c

    ns = 100_000 if quick else 1_000_000
    strings = write_once(j(f'u16-{ns}.npy'), lambda p: np.save(
        open(p, 'wb'), np.array([f'name-{i:07d}-{(i * 7919) % 1000:03d}'[:16 - (i % 5)] for i in range(ns)], dtype='<U16')))
    m['W4'] = {'path': strings, 'check': samples(np.load(strings).tolist())}

    def objects_array(p):
        o = np.empty(ns, dtype=object)
        for i in range(ns):
            o[i] = (i, i * 0.25, f's{i % 9973}', None)[i % 4]
        np.save(open(p, 'wb'), o, allow_pickle=True)
    objects = write_once(j(f'objects-mixed-{ns}.npy'), objects_array)
    m['W5'] = {'path': objects, 'dataOffset': npy_data_offset(objects), 'check': samples(np.load(objects, allow_pickle=True).tolist())}

    nd = 20_000 if quick else 200_000
    rows = [{'id': i, 'name': f'row{i}', 'score': i * 0.5, 'tags': ['a', 'b'], 'ok': i % 2 == 0} for i in range(nd)]
    for proto in (4, 2):
        path = write_once(j(f'dicts-{nd}-p{proto}.pkl'), lambda p: open(p, 'wb').write(pickle.dumps(rows, protocol=proto)))
        m[f'W6p{proto}'] = {'path': path, 'check': samples(pickle.load(open(path, 'rb')))}

    def checkpoint(p):
        arrays = {f'layers.{i}.weight': np.full((1024, 850), i, dtype=np.float32) for i in range(8 if quick else 300)}
        with open(p, 'wb') as f:
            pickle.dump(arrays, f, protocol=4)
    ckpt = write_once(j('checkpoint-28m.pkl' if quick else 'checkpoint-1g.pkl'), checkpoint)
    with open(ckpt, 'rb') as f:
        m['W7'] = {'path': ckpt, 'size': os.path.getsize(ckpt), 'check': scanner_globals(f)}

    gib_rows = (2 ** 16) if quick else (2 ** 20)  # rows of 1024 float32 (4 KiB): 256 MiB or 4 GiB
    def memmap_file(p):
        mm = np.lib.format.open_memmap(p, mode='w+', dtype='<f4', shape=(gib_rows, 1024))
        r = np.random.default_rng(7)
        for s in range(0, gib_rows, 16384):
            mm[s:s + 16384] = r.random((min(16384, gib_rows - s), 1024), dtype=np.float32)
        mm.flush()
        del mm
    big = write_once(j('f4-256mib.npy' if quick else 'f4-4gib.npy'), memmap_file)
    picks = np.random.default_rng(12345).integers(0, gib_rows, 1000).tolist()
    mm = np.load(big, mmap_mode='r')
    m['W8'] = {'path': big, 'dataOffset': mm.offset, 'rows': picks, 'cols': 1024,
               'check': [len(picks), float(sum(float(mm[r, -1]) for r in picks))]}
    del mm

    m['W9s'] = {'source': f8, 'out': j('out-save'), 'check': hashlib.sha256(open(f8, 'rb').read()).hexdigest()}
    m['W9z'] = {'source': comp, 'out': j('out-savez'), 'check': zipcheck(comp)}
    path = j('manifest.json')
    with open(path, 'w') as f:
        json.dump(m, f)
    print(path)


def zipcheck(path):
    """What must be the same in numpy's and npyio's archives: names, sizes, CRC-32s (not the deflate bytes)."""
    with zipfile.ZipFile(path) as z:
        return [[i.filename, i.file_size, i.CRC] for i in z.infolist()]


def run(manifest, workload, tool):
    m = json.load(open(manifest))
    w = m[workload]
    path = w.get('path')
    check = None
    t = time.perf_counter()
    if workload in ('W1', 'W2', 'W3c', 'W3r'):
        if path.endswith('.npz'):
            with np.load(path) as z:
                a = z['a']
        else:
            a = np.load(path)
        ms = (time.perf_counter() - t) * 1000
        check = samples(a)
    elif workload == 'W4':
        a = np.load(path).tolist()
        ms = (time.perf_counter() - t) * 1000
        check = samples(a)
    elif workload == 'W5':
        a = np.load(path, allow_pickle=True)
        ms = (time.perf_counter() - t) * 1000
        check = samples(a.tolist())
    elif workload.startswith('W6'):
        with open(path, 'rb') as f:
            a = pickle.loads(f.read())
        ms = (time.perf_counter() - t) * 1000
        check = samples(a)
    elif workload == 'W7':
        with open(path, 'rb') as f:
            found = scanner_globals(f)
        ms = (time.perf_counter() - t) * 1000
        check = found
    elif workload == 'W8':
        mm = np.load(path, mmap_mode='r')
        total = 0.0
        if tool == 'numpy-fancy':
            total = float(np.array(mm[np.array(w['rows'])])[:, -1].astype(np.float64).sum())
        else:
            for r in w['rows']:
                total += float(np.array(mm[r])[-1])
        ms = (time.perf_counter() - t) * 1000
        check = [len(w['rows']), total]
    elif workload in ('W9s', 'W9z'):
        # The input is loaded before the clock starts: only the write is timed.
        if workload == 'W9s':
            a = np.load(w['source'])
        else:
            with np.load(w['source']) as z:
                a = z['a']
        out = f"{w['out']}-{os.getpid()}.{'npy' if workload == 'W9s' else 'npz'}"
        t = time.perf_counter()
        if workload == 'W9s':
            np.save(out, a)
        else:
            np.savez_compressed(out, a=a)
        ms = (time.perf_counter() - t) * 1000
        check = hashlib.sha256(open(out, 'rb').read()).hexdigest() if workload == 'W9s' else zipcheck(out)
        os.unlink(out)
    else:
        raise SystemExit(f'unknown workload {workload}')
    print(json.dumps({'ms': ms, 'peakMB': peak_mb(), 'check': check}))


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'gen':
        gen(sys.argv[2], '--quick' in sys.argv)
    elif cmd == 'run':
        run(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == 'zipcheck':
        print(json.dumps(zipcheck(sys.argv[2])))
    else:
        raise SystemExit(__doc__)
