/**
 * Property test: random Python values (the value model of DESIGN.md) are
 * built and pickled by python3 at every protocol, in one run for the whole
 * batch; each pickle must load as the value we described.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { loads } from '../../src/pickle/loads.js';
import { makeFrozenSet } from '../../src/pickle/values.js';
import { toPyJSONText } from '../../src/pyjson.js';
import { makeTuple } from '../../src/values.js';
import { hasNumpy, seededRandom } from '../helpers.js';

type Rng = () => number;
/** A value as python3 is told to build it: JSON with tags for what JSON lacks. */
type Spec = null | boolean | string | { int: string } | { float: string } | { bytes: number[] } | { list: Spec[] } | { tuple: Spec[] }
  | { dict: [Spec, Spec][] } | { set: Spec[] } | { frozenset: Spec[] };

const int = (r: Rng, n: number) => Math.floor(r() * n);
const FLOATS = ['0.0', '-0.0', '1.5', '-2.25e-300', '1e300', 'inf', '-inf', 'nan', '3.141592653589793', '5e-324'];

function randomText(r: Rng): string {
  const chars: string[] = [];
  for (let n = int(r, 8); n > 0; n--) {
    const cp = pick(r, [int(r, 128), int(r, 0x800), 0xe000 + int(r, 0x1000), 0x10000 + int(r, 0x100000)]);
    chars.push(String.fromCodePoint(cp));
  }
  return chars.join('');
}
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;

function randomInt(r: Rng): bigint {
  const bits = pick(r, [4, 8, 31, 32, 53, 63, 64, 65, 200]);
  let v = 0n;
  for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(int(r, 65536));
  v &= (1n << BigInt(bits)) - 1n;
  return r() < 0.5 ? -v : v;
}

/** Hashable keys and set items that never compare equal across types (no 1 and True, no 1 and 1.0). */
function randomKey(r: Rng, taken: Set<string>): Spec | null {
  const k: Spec = r() < 0.5 ? randomText(r) : { int: randomInt(r).toString() };
  const id = JSON.stringify(k);
  if (taken.has(id)) return null;
  taken.add(id);
  return k;
}

function randomSpec(r: Rng, depth: number): Spec {
  const kind = depth > 3 ? int(r, 6) : int(r, 12);
  switch (kind) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return randomText(r);
    case 3: return { int: randomInt(r).toString() };
    case 4: return { float: pick(r, FLOATS) };
    case 5: return { bytes: Array.from({ length: int(r, 6) }, () => int(r, 256)) };
    case 6: case 7: return { [pick(r, ['list', 'tuple'])]: Array.from({ length: int(r, 5) }, () => randomSpec(r, depth + 1)) } as Spec;
    case 8: case 9: {
      const taken = new Set<string>();
      const pairs: [Spec, Spec][] = [];
      for (let n = int(r, 5); n > 0; n--) {
        const k = randomKey(r, taken);
        if (k !== null) pairs.push([k, randomSpec(r, depth + 1)]);
      }
      return { dict: pairs };
    }
    default: {
      const taken = new Set<string>();
      const items = Array.from({ length: int(r, 5) }, () => randomKey(r, taken)).filter((x) => x !== null);
      return { [pick(r, ['set', 'frozenset'])]: items } as Spec;
    }
  }
}

/** The JS value DESIGN.md maps the Python value to. */
function expected(s: Spec): unknown {
  if (s === null || typeof s === 'boolean' || typeof s === 'string') return s;
  if ('int' in s) {
    const v = BigInt(s.int);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  if ('float' in s) return Number(s.float.replace('inf', 'Infinity').replace('nan', 'NaN')); // repr: 'inf', 'nan', '1e+300'
  if ('bytes' in s) return Uint8Array.from(s.bytes);
  if ('list' in s) return s.list.map(expected);
  if ('tuple' in s) return makeTuple(s.tuple.map(expected));
  if ('dict' in s) return new Map(s.dict.map(([k, v]) => [expected(k), expected(v)]));
  if ('set' in s) return new Set(s.set.map(expected));
  return makeFrozenSet(s.frozenset.map(expected));
}

const PICKLER = `
import base64, json, pickle, sys
def build(s):
    if s is None or isinstance(s, (bool, str)): return s
    (k, v), = s.items()
    if k == 'int': return int(v)
    if k == 'float': return float(v)
    if k == 'bytes': return bytes(v)
    if k == 'list': return [build(x) for x in v]
    if k == 'tuple': return tuple(build(x) for x in v)
    if k == 'dict': return {build(a): build(b) for a, b in v}
    if k == 'set': return {build(x) for x in v}
    if k == 'frozenset': return frozenset(build(x) for x in v)
    raise ValueError(k)
def spec(v):
    # the value as Python holds it: sets in Python's iteration order, which pickles keep
    if v is None or isinstance(v, (bool, str)): return v
    if isinstance(v, int): return {'int': str(v)}
    if isinstance(v, float): return {'float': repr(v)}
    if isinstance(v, bytes): return {'bytes': list(v)}
    if isinstance(v, list): return {'list': [spec(x) for x in v]}
    if isinstance(v, tuple): return {'tuple': [spec(x) for x in v]}
    if isinstance(v, dict): return {'dict': [[spec(a), spec(b)] for a, b in v.items()]}
    return {type(v).__name__: [spec(x) for x in v]}
out = []
for s in json.load(sys.stdin):
    v = build(s)
    out.append([spec(v), [base64.b64encode(pickle.dumps(v, protocol=p)).decode() for p in range(6)]])
print(json.dumps(out))
`;

const N = 200;
const specs = Array.from({ length: N }, (_, i) => randomSpec(seededRandom(0x9e1c0000 + i), 0));

describe('property: random Python values pickled by CPython', () => {
  // hasNumpy() runs python3; the pickler needs python3 only, but the suite's one probe says both are there.
  const why = hasNumpy() ? '' : ' (skipped: python3 is not on this machine)';
  it(`loads ${N} random values pickled at protocols 0 to 5 as the values described (one python3 run)${why}`, function () {
    if (why) this.skip();
    const py = spawnSync('python3', ['-c', PICKLER], { input: JSON.stringify(specs), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(py.status, py.stderr).to.equal(0);
    const built = JSON.parse(py.stdout) as [Spec, string[]][];
    specs.forEach((s, i) => {
      const [held, pickles] = built[i]!;
      const want = toPyJSONText(expected(held));
      pickles.forEach((b64, protocol) => {
        const got = loads(new Uint8Array(Buffer.from(b64, 'base64')));
        expect(toPyJSONText(got), `value ${i} at protocol ${protocol}: ${JSON.stringify(s)}`).to.equal(want);
      });
    });
  });
});
