#!/usr/bin/env python3
"""CPython 3.11's Lib/_compat_pickle.py tables, and find_class probes through them.

Writes pickle-handlers/compat-tables.json (read by test/pickle/compat.test.ts).
"""
import _compat_pickle as c
import json
import pathlib
import sys

PROBES = json.loads((pathlib.Path(__file__).resolve().parent / 'pickle-handlers' / 'compat-tables.json').read_text())['probes']


def fix(m, n):
    """pickle.py _Unpickler.find_class with protocol < 3 and fix_imports."""
    if (m, n) in c.NAME_MAPPING:
        m, n = c.NAME_MAPPING[(m, n)]
    elif m in c.IMPORT_MAPPING:
        m = c.IMPORT_MAPPING[m]
    return [m, n]


d = {'python': sys.version.split()[0], 'IMPORT_MAPPING': c.IMPORT_MAPPING,
     'NAME_MAPPING': [[list(k), list(v)] for k, v in c.NAME_MAPPING.items()],
     'probes': [[p[0], p[1]] + fix(p[0], p[1]) for p in PROBES]}
out = pathlib.Path(__file__).resolve().parent / 'pickle-handlers' / 'compat-tables.json'
out.write_text(json.dumps(d, indent=1) + '\n')
print(f'pickle-handlers/compat-tables.json: {len(d["probes"])} probes')
