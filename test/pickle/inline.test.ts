/**
 * The unpickler's inline loop (`Machine.runInline`, what `loads` runs) on
 * python-fixtures/inline (gen_inline.py): the values CPython and numpy gave,
 * the stack, memo and nesting limits at the peaks CPython's pure-Python
 * unpickler reached, and the same outcome as the table loop (`runTable`,
 * which a Machine subclass such as the audit's runs) on every truncation
 * and on hot opcode bytes written over the files, errors included: class,
 * message, offset and opcode.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { NpyioError } from '../../src/errors.js';
import { defaultRegistry, loads } from '../../src/pickle/loads.js';
import { Machine, type UnpickleOptions } from '../../src/pickle/machine.js';
import { ObjectArray } from '../../src/pickle/numpy.js';
import { loadSync } from '../../src/node/index.js';
import { toPyJSONText } from '../../src/pyjson.js';
import { isTuple } from '../../src/values.js';
import { fixture, readJSON, thrown } from '../helpers.js';

interface FileEntry {
  value?: string;
  items?: [string, unknown][];
  pickleOffset?: number;
  maxStack: number;
  maxNesting: number;
  memo: number;
}
const manifest = readJSON<{ files: Record<string, FileEntry>; values: Record<string, unknown> }>(fixture('inline', 'manifest.json'));
const names = Object.keys(manifest.files);

/** The pickle in a fixture file (after the header, for the .npy). */
function pickleOf(name: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(fixture('inline', name)));
  return bytes.subarray(manifest.files[name]!.pickleOffset ?? 0);
}

/** A subclass of Machine: `run` takes the table loop, as the audit's does. */
class TableMachine extends Machine {}

function viaTable(bytes: Uint8Array, opts: UnpickleOptions = {}): unknown {
  return new TableMachine(bytes, 0, defaultRegistry(), opts).run();
}

/** What a run gave: the value as pyjson, or the error's class, words and place. A non-npyio error is a bug and escapes. */
function outcome(run: () => unknown): string {
  try {
    return toPyJSONText(run());
  } catch (e) {
    if (!(e instanceof NpyioError)) throw e;
    return JSON.stringify([e.constructor.name, e.pythonType, e.message, e.offset, (e as { opcode?: string }).opcode]);
  }
}

/** JSON's view of a value: tuples as lists, dicts as objects. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
  return v;
}

function pyRepr(k: unknown): string {
  if (typeof k === 'string') return `'${k}'`;
  if (typeof k === 'boolean') return k ? 'True' : 'False';
  return String(k);
}

describe("the unpickler's inline loop", () => {
  it('is what loads runs (and a subclass runs the table)', () => {
    const proto = Machine.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const calls = { runInline: 0, runTable: 0 };
    const saved = { runInline: proto.runInline!, runTable: proto.runTable! };
    for (const k of ['runInline', 'runTable'] as const) {
      proto[k] = function (this: Machine, ...a: unknown[]) {
        calls[k]++;
        return saved[k].apply(this, a);
      };
    }
    try {
      loads(pickleOf('rows-p4.pkl'));
      expect(calls).to.deep.equal({ runInline: 1, runTable: 0 });
      viaTable(pickleOf('rows-p4.pkl'));
      expect(calls).to.deep.equal({ runInline: 1, runTable: 1 });
    } finally {
      Object.assign(proto, saved);
    }
  });

  for (const name of names.filter((n) => manifest.files[n]!.value !== undefined)) {
    it(`loads ${name} as ${name.endsWith('.npy') ? 'numpy' : 'CPython'} does`, () => {
      const expected = manifest.values[manifest.files[name]!.value!];
      const v = name.endsWith('.npy') ? (loadSync(fixture('inline', name), { allowPickle: true }) as ObjectArray).items : loads(pickleOf(name));
      expect(plain(v)).to.deep.equal(expected);
      if (name.startsWith('rows-')) expect(isTuple((v as Map<string, unknown>[])[0]!.get('t2'))).to.equal(true);
    });
  }

  for (const name of names.filter((n) => n.startsWith('keys-'))) {
    it(`keeps the first of the equal keys True, 1.0 and 1 with the last value, after string keys (${name})`, () => {
      const d = loads(pickleOf(name)) as Map<unknown, unknown>;
      expect([...d].map(([k, v]) => [pyRepr(k), v])).to.deep.equal(manifest.files[name]!.items);
    });
  }

  const limits = [
    ['maxStackItems', 'maxStack', (n: number) => `the stack holds more than ${n} items (maxStackItems)`],
    ['maxMemoEntries', 'memo', (n: number) => `the memo holds more than ${n} entries (maxMemoEntries)`],
    ['maxNesting', 'maxNesting', (n: number) => `MARKs nest deeper than ${n} (maxNesting)`],
  ] as const;
  for (const [option, field, message] of limits) {
    it(`loads every file at the ${option} CPython reached, and refuses it one below, on both loops`, () => {
      for (const name of names) {
        const bytes = pickleOf(name);
        const peak = manifest.files[name]![field];
        for (const run of [loads, viaTable]) {
          expect(() => run(bytes, { [option]: peak }), `${name} at ${peak}`).not.to.throw();
          if (peak === 0) continue;
          const e = thrown(() => run(bytes, { [option]: peak - 1 }));
          expect(e.message, name).to.equal(message(peak - 1));
        }
        if (peak > 0) expect(outcome(() => loads(bytes, { [option]: peak - 1 }))).to.equal(outcome(() => viaTable(bytes, { [option]: peak - 1 })));
      }
    });
  }

  it('ends every truncation of every file as the table loop does, error offsets and opcodes included', () => {
    for (const name of names) {
      const bytes = pickleOf(name);
      for (let n = 0; n < bytes.length; n += n < 120 ? 1 : 401) {
        const cut = bytes.subarray(0, n);
        expect(outcome(() => loads(cut)), `${name} cut at ${n}`).to.equal(outcome(() => viaTable(cut)));
      }
    }
  });

  it('ends as the table loop does when hot opcode bytes are written over the files', () => {
    // MARK STOP POP APPEND APPENDS SETITEM SETITEMS TUPLE TUPLE3 EMPTY_DICT NONE BINGET LONG_BINGET BINPUT MEMOIZE
    const hot = [0x28, 0x2e, 0x30, 0x61, 0x65, 0x73, 0x75, 0x74, 0x87, 0x7d, 0x4e, 0x68, 0x6a, 0x71, 0x94];
    for (const name of ['keys-setitems.pkl', 'keys-setitem-p0.pkl', 'rows-p0.pkl', 'rows-p2.pkl', 'rows-p4.pkl', 'objects.npy']) {
      const bytes = pickleOf(name);
      const end = Math.min(bytes.length, 400);
      for (let at = 0; at < end; at += name.startsWith('keys-') ? 1 : 9) {
        for (const byte of hot) {
          const mutated = bytes.slice(0, Math.min(bytes.length, 1500));
          mutated[at] = byte;
          expect(outcome(() => loads(mutated)), `${name}: 0x${byte.toString(16)} at ${at}`).to.equal(outcome(() => viaTable(mutated)));
        }
      }
    }
  });
});
