/**
 * Mutations of seed files: each input is a seed file changed by one to three
 * mutations chosen by a seeded PRNG, so an input is fully named by
 * (seed list, run seed, iteration) and any finding can be rebuilt.
 */
import { seededRandom } from '../../test/helpers.js';

export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Length-field values the issue names: 0, -1, 2^31, 2^32-1 and huge ones. */
const LENGTHS: readonly bigint[] = [0n, 0xffff_ffff_ffff_ffffn, 0x8000_0000n, 0xffff_ffffn, 0x7fff_ffff_ffff_ffffn, 0xffffn, 0x7fffn, 1n << 40n];

/** Where zip records keep lengths, counts and offsets: field offsets from each signature. */
const ZIP_FIELDS: readonly [number, readonly number[]][] = [
  [0x04034b50, [18, 22, 26, 28]], // local header: sizes, name length, extra length
  [0x02014b50, [20, 24, 28, 30, 32, 42]], // central header: sizes, lengths, local offset
  [0x06054b50, [8, 10, 12, 16, 20]], // end record: counts, size, offset, comment length
  [0x06064b50, [24, 32, 40, 48]], // zip64 end record
  [0x07064b50, [8]], // zip64 locator: end record offset
];

type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

/** Offsets where a length field is likely: after zip signatures, the npy header length, pickle opcode arguments. */
function lengthOffset(r: Rng, b: Uint8Array): number {
  if (r() < 0.5) {
    const sigs: number[] = [];
    for (let i = 0; i + 4 <= b.length; i++) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b) sigs.push(i);
    }
    if (sigs.length > 0) {
      const at = sigs[int(r, sigs.length)]!;
      const sig = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
      const fields = ZIP_FIELDS.find(([s]) => s === sig);
      if (fields !== undefined) return at + fields[1][int(r, fields[1].length)]!;
    }
    if (b[0] === 0x93) return 8;
  }
  return int(r, b.length);
}

function writeLength(r: Rng, b: Uint8Array): Uint8Array {
  const out = b.slice();
  const at = lengthOffset(r, out);
  const width = [1, 2, 4, 8][int(r, 4)]!;
  const value = LENGTHS[int(r, LENGTHS.length)]!;
  const big = r() < 0.2;
  for (let i = 0; i < width && at + i < out.length; i++) {
    const shift = BigInt(8 * (big ? width - 1 - i : i));
    out[at + i] = Number((value >> shift) & 0xffn);
  }
  return out;
}

/** Replaces a run of ASCII digits (npy shapes, pickle INT/LONG/GET text) with a long or extreme one. */
function digits(r: Rng, b: Uint8Array): Uint8Array {
  const starts: number[] = [];
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x30 && b[i]! <= 0x39 && (i === 0 || b[i - 1]! < 0x30 || b[i - 1]! > 0x39)) starts.push(i);
  if (starts.length === 0) return b;
  const at = starts[int(r, starts.length)]!;
  let end = at;
  while (end < b.length && b[end]! >= 0x30 && b[end]! <= 0x39) end++;
  const choices = ['0', '-1', '2147483648', '4294967295', '18446744073709551616', '9'.repeat(5000), '1'.repeat(40), '-0'];
  const text = choices[int(r, choices.length)]!;
  return splice(b, at, end - at, new TextEncoder().encode(text));
}

/** One mutation of `b`; `others` lends chunks for splicing. */
function mutateOnce(r: Rng, b: Uint8Array, others: readonly Seed[]): [Uint8Array, string] {
  const n = b.length;
  const kind = int(r, 9);
  switch (kind) {
    case 0: {
      const out = b.slice();
      const flips = 1 + int(r, 8);
      for (let i = 0; i < flips && n > 0; i++) out[int(r, n)]! ^= 1 << int(r, 8);
      return [out, `flip ${flips}`];
    }
    case 1: {
      const ins = new Uint8Array(1 + int(r, 16)).map(() => int(r, 256));
      const at = int(r, n + 1);
      return [splice(b, at, 0, ins), `insert ${ins.length}@${at}`];
    }
    case 2: {
      const at = int(r, n + 1);
      const len = Math.min(n - at, 1 + int(r, 32));
      return [splice(b, at, len, new Uint8Array(0)), `delete ${len}@${at}`];
    }
    case 3: {
      const at = int(r, n + 1);
      return [b.slice(0, at), `truncate ${at}`];
    }
    case 4:
    case 5:
      return [writeLength(r, b), 'length'];
    case 6: {
      const at = int(r, n + 1);
      const len = Math.min(n - at, 1 + int(r, 256));
      const to = int(r, n + 1);
      return [splice(b, to, 0, b.slice(at, at + len)), `dup ${len}@${at}->${to}`];
    }
    case 7: {
      const other = others[int(r, others.length)]!.bytes;
      const from = int(r, other.length + 1);
      const len = Math.min(other.length - from, 1 + int(r, 512));
      const at = int(r, n + 1);
      const replace = r() < 0.5 ? Math.min(n - at, len) : 0;
      return [splice(b, at, replace, other.slice(from, from + len)), `splice ${len}@${at}`];
    }
    default:
      return [digits(r, b), 'digits'];
  }
}

export interface FuzzInput {
  readonly seed: string;
  readonly mutations: readonly string[];
  readonly bytes: Uint8Array;
  /** Which load encoding this input is tried with. */
  readonly encoding: 'ASCII' | 'latin1' | 'bytes';
}

const KIND_GROUPS: Record<string, string> = { npy: 'npy', npz: 'zip', pt: 'zip', zip: 'zip', bin: 'zip' };
const groupCache = new WeakMap<readonly Seed[], Seed[][]>();

/** Seeds grouped by kind (npy, zips, pickles), so each kind gets an equal share of inputs however many files it has. */
function seedGroups(seeds: readonly Seed[]): Seed[][] {
  let groups = groupCache.get(seeds);
  if (groups === undefined) {
    const byKind = new Map<string, Seed[]>();
    for (const s of seeds) {
      const kind = KIND_GROUPS[s.name.slice(s.name.lastIndexOf('.') + 1)] ?? 'pickle';
      byKind.set(kind, [...(byKind.get(kind) ?? []), s]);
    }
    groups = [...byKind.keys()].sort().map((k) => byKind.get(k)!);
    groupCache.set(seeds, groups);
  }
  return groups;
}

/** The input number `iteration` of run `runSeed` over `seeds` (sorted by name, so the numbering is stable). */
export function makeInput(seeds: readonly Seed[], runSeed: number, iteration: number): FuzzInput {
  const r = seededRandom((Math.imul(runSeed, 0x9e3779b1) ^ iteration) >>> 0);
  const groups = seedGroups(seeds);
  const group = groups[int(r, groups.length)]!;
  const seed = group[int(r, group.length)]!;
  let bytes = seed.bytes;
  const mutations: string[] = [];
  const count = 1 + int(r, 3);
  for (let i = 0; i < count; i++) {
    const [out, what] = mutateOnce(r, bytes, seeds);
    bytes = out;
    mutations.push(what);
  }
  const encoding = (['ASCII', 'latin1', 'bytes'] as const)[int(r, 3)]!;
  return { seed: seed.name, mutations, bytes, encoding };
}
