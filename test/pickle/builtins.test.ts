import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT, thrown } from '../helpers.js';
import { UnpicklingError } from '../../src/errors.js';
import { decimalFromFloat, registerBuiltins, timedeltaRepr } from '../../src/pickle/builtins.js';
import { mapPython2Name } from '../../src/pickle/compat.js';
import { dictSet, setAdd } from '../../src/pickle/pyequal.js';
import { Registry, type CallContext, type GlobalHandler } from '../../src/pickle/registry.js';
import {
  isFrozenSet, makeFrozenSet, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyObject, PyRange, PySlice, PyTime,
  PyTimedelta, PyTimezone,
} from '../../src/pickle/values.js';
import { isTuple, makeTuple, PyComplex } from '../../src/values.js';

// ---- a CallContext that records hooks, as the machine would ----

class FakeContext implements CallContext {
  readonly builds = new Map<object, (state: unknown) => unknown>();
  readonly appends = new Map<object, (items: unknown[]) => void>();
  readonly setItems = new Map<object, (k: unknown, v: unknown) => void>();
  constructor(readonly encoding = 'ASCII', readonly protocol = 2, readonly registry?: Registry) {}
  error(message: string, pythonType = 'UnpicklingError'): UnpicklingError {
    return new UnpicklingError(message, { pythonType, offset: 123 });
  }
  onBuild(obj: object, hook: (state: unknown) => unknown): void {
    this.builds.set(obj, hook);
  }
  onAppend(obj: object, hook: (items: unknown[]) => void): void {
    this.appends.set(obj, hook);
  }
  onSetItem(obj: object, hook: (k: unknown, v: unknown) => void): void {
    this.setItems.set(obj, hook);
  }
  dictSet(d: Map<unknown, unknown>, k: unknown, v: unknown): void {
    dictSet(d, k, v);
  }
  setAdd(s: Set<unknown>, x: unknown): void {
    setAdd(s, x);
  }
}

function registry(): Registry {
  const r = new Registry();
  registerBuiltins(r);
  return r;
}

const REG = registry();

function handler(qualname: string, reg = REG): GlobalHandler {
  const dot = qualname.lastIndexOf('.');
  const r = reg.resolve(qualname.slice(0, dot), qualname.slice(dot + 1));
  if (r === null) throw new Error(`${qualname} is not registered`);
  return r.handler;
}

function call(qualname: string, args: unknown[], ctx: CallContext = new FakeContext()): unknown {
  return handler(qualname).call!(args, ctx);
}


// ---- CPython's results (python-fixtures/pickle-handlers/builtins-cases.json) ----

type Tagged = null | boolean | { [tag: string]: any };

interface Case {
  f: string;
  args: Tagged[];
  value?: Tagged;
  error?: [string, string];
  note?: string;
}

const fixture = JSON.parse(readFileSync(join(ROOT, 'python-fixtures', 'pickle-handlers', 'builtins-cases.json'), 'utf8')) as {
  python: string;
  generator: string;
  cases: Case[];
};

function hex(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
}

function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function pyFloat(repr: string): number {
  return repr === 'nan' ? NaN : repr === 'inf' ? Infinity : repr === '-inf' ? -Infinity : Number(repr);
}

function intValue(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** A tagged Python value -> npyio's value model. */
function decode(t: Tagged): unknown {
  if (t === null || typeof t === 'boolean') return t;
  const [tag, v] = Object.entries(t)[0]!;
  switch (tag) {
    case 'int':
      return intValue(BigInt(v));
    case 'float':
      return pyFloat(v);
    case 'str':
      return v;
    case 'bytes':
      return hex(v);
    case 'bytearray':
      return new PyByteArray(hex(v));
    case 'complex':
      return new PyComplex(pyFloat(v[0]), pyFloat(v[1]));
    case 'list':
      return v.map(decode);
    case 'tuple':
      return makeTuple(v.map(decode));
    case 'dict':
    case 'odict': {
      const d = new Map<unknown, unknown>();
      for (const [k, x] of v) dictSet(d, decode(k), decode(x));
      return d;
    }
    case 'set':
    case 'frozenset': {
      const s = new Set<unknown>();
      for (const x of v) setAdd(s, decode(x));
      return tag === 'set' ? s : makeFrozenSet(s);
    }
    case 'slice':
      return new PySlice(decode(v[0]), decode(v[1]), decode(v[2]));
    case 'range':
      return new PyRange(decode(v[0]) as number, decode(v[1]) as number, decode(v[2]) as number);
    case 'decimal':
      return new PyDecimal(v);
    case 'timedelta':
      return new PyTimedelta(v[0], v[1], v[2]);
    case 'timezone':
      return new PyTimezone(decode(v[0]) as PyTimedelta, v[1]);
    case 'date':
      return new PyDate(v[0], v[1], v[2]);
    case 'time':
      return new PyTime(v[0], v[1], v[2], v[3], decode(v[4]), v[5]);
    case 'datetime':
      return new PyDateTime(v[0], v[1], v[2], v[3], v[4], v[5], v[6], decode(v[7]), v[8]);
    default:
      throw new Error(`unknown tag ${tag}`);
  }
}

/** Any value -> comparable JSON that keeps JS types apart (number vs bigint, -0, NaN) and ignores set order. */
function show(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean':
      return { bool: v };
    case 'number':
      return { num: Object.is(v, -0) ? '-0' : String(v) };
    case 'bigint':
      return { big: String(v) };
    case 'string':
      return { str: v };
    default:
      break;
  }
  if (v instanceof Uint8Array) return { bytes: toHex(v) };
  if (v instanceof PyByteArray) return { bytearray: toHex(v.bytes) };
  if (Array.isArray(v)) return isTuple(v) ? { tuple: v.map(show) } : { list: v.map(show) };
  if (v instanceof Map) return { dict: [...v].map(([k, x]) => [show(k), show(x)]) };
  if (v instanceof Set) {
    const items = [...v].map((x) => JSON.stringify(show(x))).sort();
    return isFrozenSet(v) ? { frozenset: items } : { set: items };
  }
  if (v instanceof PyComplex) return { complex: [show(v.re), show(v.im)] };
  if (v instanceof PySlice) return { slice: [show(v.start), show(v.stop), show(v.step)] };
  if (v instanceof PyRange) return { range: [show(v.start), show(v.stop), show(v.step)] };
  if (v instanceof PyDecimal) return { decimal: v.text };
  if (v instanceof PyTimedelta) return { timedelta: [v.days, v.seconds, v.microseconds] };
  if (v instanceof PyTimezone) return { timezone: [show(v.offset), v.name] };
  if (v instanceof PyDateTime) {
    return { datetime: [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, show(v.tzinfo), v.fold] };
  }
  if (v instanceof PyDate) return { date: [v.year, v.month, v.day] };
  if (v instanceof PyTime) return { time: [v.hour, v.minute, v.second, v.microsecond, show(v.tzinfo), v.fold] };
  if (v instanceof PyObject) return { object: v.cls.qualname, args: v.args.map(show) };
  throw new Error(`cannot show ${Object.prototype.toString.call(v)}`);
}

// ---- isoformat, to check that our fields say what CPython's isoformat() says ----

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offsetText(tz: unknown): string {
  if (!(tz instanceof PyTimezone)) return '';
  let us = (tz.offset.days * 86400 + tz.offset.seconds) * 1e6 + tz.offset.microseconds;
  const sign = us < 0 ? '-' : '+';
  us = Math.abs(us);
  const h = Math.floor(us / 3.6e9);
  const m = Math.floor(us / 6e7) % 60;
  const s = Math.floor(us / 1e6) % 60;
  const f = us % 1e6;
  return `${sign}${pad(h)}:${pad(m)}${s || f ? `:${pad(s)}` : ''}${f ? `.${pad(f, 6)}` : ''}`;
}

function timeText(h: number, m: number, s: number, us: number, tz: unknown): string {
  return `${pad(h)}:${pad(m)}:${pad(s)}${us ? `.${pad(us, 6)}` : ''}${offsetText(tz)}`;
}

function isoformat(v: unknown): string {
  if (v instanceof PyDateTime) {
    return `${pad(v.year, 4)}-${pad(v.month)}-${pad(v.day)}T${timeText(v.hour, v.minute, v.second, v.microsecond, v.tzinfo)}`;
  }
  if (v instanceof PyDate) return `${pad(v.year, 4)}-${pad(v.month)}-${pad(v.day)}`;
  if (v instanceof PyTime) return timeText(v.hour, v.minute, v.second, v.microsecond, v.tzinfo);
  throw new Error('not a date/time');
}

/** Cases where npyio refuses on purpose what CPython does (no pickle writer produces these arguments). */
const REFUSED: Record<string, string> = {
  'decimal.Decimal([int:1])': 'Decimal from a (sign, digits, exponent) tuple',
};

function caseName(c: Case): string {
  const arg = (t: Tagged): string => {
    if (t === null || typeof t === 'boolean') return String(t);
    const [tag, v] = Object.entries(t)[0]!;
    if (tag === 'list') return `[${(v as Tagged[]).map(arg).join(', ')}]`;
    if (tag === 'tuple') return `(${(v as Tagged[]).map(arg).join(', ')})`;
    return typeof v === 'string' ? (tag === 'str' ? JSON.stringify(v) : `${tag}:${v}`) : `${tag}:${JSON.stringify(v)}`;
  };
  return `${c.f}(${c.args.map(arg).join(', ')})`;
}

describe('pickle/builtins', () => {
  describe('against CPython 3.11 (builtins-cases.json)', () => {
    it('has the fixture from CPython 3.11', () => {
      expect(fixture.python).to.match(/^3\.11\./);
      expect(fixture.cases.length).to.be.greaterThan(500);
    });

    const byFunction = new Map<string, Case[]>();
    for (const c of fixture.cases) byFunction.set(c.f, [...(byFunction.get(c.f) ?? []), c]);

    for (const [f, cases] of byFunction) {
      it(`${f}: ${cases.length} cases give CPython's value or exception`, () => {
        const failures: string[] = [];
        for (const c of cases) {
          const name = caseName(c);
          const args = c.args.map(decode);
          let got: unknown;
          let err: UnpicklingError | undefined;
          try {
            got = call(c.f, args);
          } catch (e) {
            if (!(e instanceof UnpicklingError)) {
              failures.push(`${name}: threw ${String(e)}`);
              continue;
            }
            err = e;
          }
          const refusal = REFUSED[name];
          if (refusal !== undefined) {
            if (err === undefined || err.pythonType !== 'UnpicklingError' || !err.message.includes(refusal)) {
              failures.push(`${name}: expected the refusal '${refusal}', got ${err ? err.message : 'a value'}`);
            }
            continue;
          }
          if (c.error) {
            if (err === undefined) failures.push(`${name}: expected ${c.error.join(': ')}, got a value ${JSON.stringify(show(got))}`);
            else if (err.pythonType !== c.error[0] || err.message !== c.error[1]) {
              failures.push(`${name}: expected ${c.error.join(': ')}, got ${err.pythonType}: ${err.message}`);
            } else if (err.offset !== 123) failures.push(`${name}: the error was not made by ctx.error`);
            continue;
          }
          if (err !== undefined) {
            failures.push(`${name}: expected a value, got ${err.pythonType}: ${err.message}`);
            continue;
          }
          const want = show(decode(c.value!));
          if (JSON.stringify(show(got)) !== JSON.stringify(want)) {
            failures.push(`${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(show(got))}`);
          } else if (c.value && typeof c.value === 'object' && 'iso' in c.value && isoformat(got) !== c.value.iso) {
            failures.push(`${name}: isoformat ${isoformat(got)} != ${c.value.iso}`);
          }
        }
        expect(failures).to.deep.equal([]);
      });
    }
  });

  describe('registration', () => {
    it('allows exactly the documented globals', () => {
      const names = [
        'builtins.set', 'builtins.frozenset', 'builtins.bytearray', 'builtins.bytes', 'builtins.complex', 'builtins.slice',
        'builtins.range', 'builtins.object', 'copyreg._reconstructor', '_codecs.encode', 'collections.OrderedDict',
        'datetime.date', 'datetime.time', 'datetime.datetime', 'datetime.timedelta', 'datetime.timezone', 'decimal.Decimal',
      ];
      for (const n of names) expect(REG.has(n), n).to.equal(true);
      for (const n of ['builtins.eval', 'builtins.getattr', 'builtins.dict', 'builtins.list', 'os.system', 'datetime.tzinfo',
        'collections.OrderedDict.__reduce_ex__', 'builtins.set.__class__', 'copyreg.__newobj__', 'decimal.Context']) {
        expect(REG.has(n), n).to.equal(false);
      }
    });

    it('is reached by the Python 2 names through the compat mapping', () => {
      for (const [m, n, want] of [
        ['__builtin__', 'set', 'builtins.set'], ['__builtin__', 'frozenset', 'builtins.frozenset'],
        ['__builtin__', 'xrange', 'builtins.range'], ['__builtin__', 'complex', 'builtins.complex'],
        ['__builtin__', 'bytearray', 'builtins.bytearray'], ['__builtin__', 'object', 'builtins.object'],
        ['copy_reg', '_reconstructor', 'copyreg._reconstructor'],
      ] as const) {
        const [m3, n3] = mapPython2Name(m, n);
        expect(`${m3}.${n3}`).to.equal(want);
        expect(REG.resolve(m3, n3)).to.not.equal(null);
      }
    });
  });

  describe('sets', () => {
    it('inserts with Python equality and reports unhashable items at the opcode', () => {
      const s = call('builtins.set', [[1, true, 1.0, 2n ** 60n, 2 ** 60]]) as Set<unknown>;
      expect([...s]).to.deep.equal([1, 2n ** 60n]);
      const e = thrown(() => call('builtins.frozenset', [[makeTuple([1, [2]])]]));
      expect([e.pythonType, e.message, e.offset]).to.deep.equal(['TypeError', "unhashable type: 'list'", 123]);
    });

    it('set.__new__ ignores its arguments; frozenset.__new__ uses them', () => {
      const h = handler('builtins.set');
      expect(h.newobj!([[1, 2]], null, new FakeContext())).to.deep.equal(new Set());
      const fs = handler('builtins.frozenset').newobj!([[1, 2]], null, new FakeContext()) as Set<unknown>;
      expect(isFrozenSet(fs)).to.equal(true);
      expect([...fs]).to.deep.equal([1, 2]);
      expect(thrown(() => h.newobj!([], new Map([['x', 1]]), new FakeContext())).message).to.equal('set() takes no keyword arguments');
    });
  });

  describe('bytes and bytearray', () => {
    it('makes a PyByteArray that owns a copy of its bytes', () => {
      const src = Uint8Array.of(1, 2);
      const b = call('builtins.bytearray', [src]) as PyByteArray;
      expect(b).to.be.instanceOf(PyByteArray);
      src[0] = 9;
      expect([...b.bytes]).to.deep.equal([1, 2]);
    });

    it('refuses bytearray(int) and codecs it does not know', () => {
      expect(thrown(() => call('builtins.bytearray', [5])).message).to.contain('npyio does not support bytearray(int)');
      expect(thrown(() => call('builtins.bytes', [10n ** 12n])).pythonType).to.equal('UnpicklingError');
      expect(thrown(() => call('builtins.bytearray', ['abc', 'koi8-r'])).message).to.contain("the 'koi8-r' codec");
    });

    it('accepts an errors handler other than strict when nothing needs it', () => {
      expect(show(call('builtins.bytearray', ['abc', 'latin-1', 'ignore']))).to.deep.equal({ bytearray: '616263' });
      expect(thrown(() => call('builtins.bytearray', ['\u0100', 'latin-1', 'ignore'])).message).to.contain("errors='ignore'");
    });
  });

  describe('_codecs.encode', () => {
    it('refuses any codec but Latin-1', () => {
      for (const enc of ['utf-8', 'ascii', 'cp1252', 'rot13']) {
        const e = thrown(() => call('_codecs.encode', ['abc', enc]));
        expect(e.pythonType).to.equal('UnpicklingError');
        expect(e.message).to.contain(`'${enc}' codec`);
      }
      expect(thrown(() => call('_codecs.encode', ['abc'])).message).to.contain("'utf-8' codec");
    });

    it('encodes long text', () => {
      const text = '\xff'.repeat(100_000);
      const b = call('_codecs.encode', [text, 'latin1']) as Uint8Array;
      expect(b.length).to.equal(100_000);
      expect(b.every((x) => x === 0xff)).to.equal(true);
    });
  });

  describe('complex, timedelta, object', () => {
    it('refuses complex(str) and timedelta(float)', () => {
      expect(thrown(() => call('builtins.complex', ['1+2j'])).message).to.contain('complex() of a string');
      expect(thrown(() => call('datetime.timedelta', [1.5])).message).to.contain('float days component');
      expect(thrown(() => call('datetime.timedelta', [0, 0, 0.5])).message).to.contain('float microseconds component');
    });

    it('refuses to call builtins.object', () => {
      const e = thrown(() => call('builtins.object', []));
      expect(e.message).to.contain('only as the base argument of copyreg._reconstructor');
    });

    it('writes timedelta reprs as Python 3.11 does', () => {
      expect(timedeltaRepr(new PyTimedelta(0, 0, 0))).to.equal('datetime.timedelta(0)');
      expect(timedeltaRepr(new PyTimedelta(-1, 86399, 999999))).to.equal('datetime.timedelta(days=-1, seconds=86399, microseconds=999999)');
      expect(timedeltaRepr(new PyTimedelta(0, 0, 5))).to.equal('datetime.timedelta(microseconds=5)');
    });

    it('gives Decimal(float) its exact value', () => {
      expect(decimalFromFloat(0.1)).to.equal('0.1000000000000000055511151231257827021181583404541015625');
      expect(decimalFromFloat(2 ** 70)).to.equal('1180591620717411303424');
      expect(decimalFromFloat(-0)).to.equal('-0');
      expect(decimalFromFloat(1e-7)).to.equal('9.99999999999999954748111825886258685613938723690807819366455078125E-8');
    });

    it('keeps Decimal text for a Python 2 str and refuses its bytes form', () => {
      expect(show(call('decimal.Decimal', ['3.14'], new FakeContext('latin1')))).to.deep.equal({ decimal: '3.14' });
      const e = thrown(() => call('decimal.Decimal', [Uint8Array.of(0x31)], new FakeContext('bytes')));
      expect([e.pythonType, e.message]).to.deep.equal(['TypeError', 'conversion from bytes to Decimal is not supported']);
    });
  });

  describe('collections.OrderedDict', () => {
    it('registers SETITEM(S) on a new OrderedDict, with Python key equality', () => {
      const ctx = new FakeContext();
      const d = call('collections.OrderedDict', [], ctx) as Map<unknown, unknown>;
      const hook = ctx.setItems.get(d)!;
      hook(1, 'a');
      hook('k', 'b');
      hook(true, 'c');
      expect([...d]).to.deep.equal([[1, 'c'], ['k', 'b']]);
    });

    it('NEWOBJ makes an empty OrderedDict whatever the arguments', () => {
      const ctx = new FakeContext();
      const d = handler('collections.OrderedDict').newobj!([[[1, 2]]], null, ctx) as Map<unknown, unknown>;
      expect(d.size).to.equal(0);
      expect(ctx.setItems.has(d)).to.equal(true);
    });

    it('reads a Python 2 pair list with later pairs winning', () => {
      const d = call('collections.OrderedDict', [[['a', 1], makeTuple(['b', 2]), ['a', 3]]]) as Map<unknown, unknown>;
      expect([...d]).to.deep.equal([['a', 3], ['b', 2]]);
    });
  });

  describe('datetime details', () => {
    it('keeps an opaque tzinfo (pytz) and refuses a non-tzinfo', () => {
      const tz = new PyObject(new PyGlobal('pytz', '_UTC'));
      const state = Uint8Array.of(0x07, 0xe4, 0x01, 0x02, 0x03, 0x04, 0x05, 0x00, 0x00, 0x06);
      const dt = call('datetime.datetime', [state, tz]) as PyDateTime;
      expect(dt.tzinfo).to.equal(tz);
      expect([dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, dt.fold]).to.deep.equal([2020, 1, 2, 3, 4, 5, 6, 0]);
      expect(thrown(() => call('datetime.datetime', [state, 'UTC'])).message).to.equal('bad tzinfo state arg');
      expect(thrown(() => call('datetime.datetime', [state, new PyGlobal('pytz', 'UTC')])).message).to.equal('bad tzinfo state arg');
    });

    it('reads a Python 2 state under each encoding the machine may have used', () => {
      const bytes = Uint8Array.of(0x07, 0xd0, 0x0c, 0x1f, 0x17, 0x3b, 0x3b, 0x0f, 0x42, 0x3f);
      const text = String.fromCharCode(...bytes);
      for (const [arg, enc] of [[bytes, 'bytes'], [text, 'latin1'], [text, 'ASCII']] as const) {
        const dt = call('datetime.datetime', [arg], new FakeContext(enc)) as PyDateTime;
        expect(isoformat(dt)).to.equal('2000-12-31T23:59:59.999999');
      }
      // koi8-r decoded 0x9A as U+00A0: re-encoding "succeeds" with a different byte, as in CPython.
      const koi = String.fromCharCode(0x07, 0xd0, 0x0c, 0x1f, 0x17, 0x3b, 0x3b, 0x0f, 0x42, 0xa0);
      expect((call('datetime.datetime', [koi]) as PyDateTime).microsecond).to.equal(0x0f42a0);
      const e = thrown(() => call('datetime.datetime', ['\u0441\u0441\x01\x01\x00\x00\x00\x00\x00\x00']));
      expect(e.pythonType).to.equal('ValueError');
    });
  });

  describe('copyreg._reconstructor', () => {
    const OBJECT = new PyGlobal('builtins', 'object');

    function liveRegistry(): Registry {
      const r = new Registry(REG);
      r.allowOpaque('mymod.*');
      return r;
    }

    function global(reg: Registry, qualname: string): PyGlobal {
      const dot = qualname.lastIndexOf('.');
      return reg.resolve(qualname.slice(0, dot), qualname.slice(dot + 1))!.global;
    }

    it('makes cls.__new__(cls) through the class handler when base is object, state unused', () => {
      const live = liveRegistry();
      const ctx = new FakeContext('ASCII', 1, live);
      const cls = global(live, 'mymod.Point');
      const obj = handler('copyreg._reconstructor').call!([cls, OBJECT, null], ctx) as PyObject;
      expect(obj).to.be.instanceOf(PyObject);
      expect(obj.cls.qualname).to.equal('mymod.Point');
      expect(obj.args).to.deep.equal([]);
      // BUILD then sets its state through the opaque handler's hook.
      expect(ctx.builds.get(obj)!(new Map([['x', 1]]))).to.equal(obj);
      expect(obj.state).to.deep.equal(new Map([['x', 1]]));
      const ignored = handler('copyreg._reconstructor').call!([cls, OBJECT, 'state'], ctx) as PyObject;
      expect(ignored.args).to.deep.equal([]);
    });

    it('uses the registry it was registered in when the context has none', () => {
      const r = registry();
      r.allowOpaque('mymod.*');
      const cls = global(r, 'mymod.Point');
      const obj = handler('copyreg._reconstructor', r).call!([cls, OBJECT, null], new FakeContext()) as PyObject;
      expect(obj.cls.qualname).to.equal('mymod.Point');
      const e = thrown(() => handler('copyreg._reconstructor').call!([cls, OBJECT, null], new FakeContext()));
      expect(e.message).to.contain('mymod.Point cannot be created');
    });

    it('calls cls(state) for other bases when cls can be called', () => {
      const live = liveRegistry();
      live.allowOpaque('builtins.list');
      const ctx = new FakeContext('ASCII', 0, live);
      const obj = handler('copyreg._reconstructor').call!([global(live, 'mymod.MyList'), global(live, 'builtins.list'), [1, 2]], ctx) as PyObject;
      expect(obj.args).to.deep.equal([[1, 2]]);
      const e = thrown(() => handler('copyreg._reconstructor').call!([new PyGlobal('other', 'C'), global(live, 'builtins.list'), []], ctx));
      expect(e.message).to.contain('other.C cannot be called');
    });

    it('refuses object.__new__ of the C types with CPython\'s message', () => {
      const ctx = new FakeContext('ASCII', 2, REG);
      for (const [qualname, want] of [
        ['collections.OrderedDict', 'object.__new__(collections.OrderedDict) is not safe, use collections.OrderedDict.__new__()'],
        ['builtins.set', 'object.__new__(set) is not safe, use set.__new__()'],
        ['datetime.date', 'object.__new__(datetime.date) is not safe, use datetime.date.__new__()'],
        ['decimal.Decimal', 'object.__new__(decimal.Decimal) is not safe, use decimal.Decimal.__new__()'],
        ['_codecs.encode', 'object.__new__(X): X is not a type object (builtin_function_or_method)'],
      ] as const) {
        const e = thrown(() => handler('copyreg._reconstructor').call!([global(REG, qualname), OBJECT, null], ctx));
        expect([e.pythonType, e.message]).to.deep.equal(['TypeError', want]);
      }
      expect(thrown(() => handler('copyreg._reconstructor').call!([OBJECT, OBJECT, null], ctx)).message).to.contain('bare object()');
    });

    it('checks its arguments as Python does', () => {
      const h = handler('copyreg._reconstructor');
      const ctx = new FakeContext();
      expect(thrown(() => h.call!([1, 2], ctx)).message).to.equal("_reconstructor() missing 1 required positional argument: 'state'");
      expect(thrown(() => h.call!([], ctx)).message).to.equal("_reconstructor() missing 3 required positional arguments: 'cls', 'base', and 'state'");
      expect(thrown(() => h.call!([1], ctx)).message).to.equal("_reconstructor() missing 2 required positional arguments: 'base' and 'state'");
      expect(thrown(() => h.call!([1, 2, 3, 4], ctx)).message).to.equal('_reconstructor() takes 3 positional arguments but 4 were given');
      expect(thrown(() => h.call!([1, OBJECT, null], ctx)).pythonType).to.equal('TypeError');
      expect(thrown(() => h.call!([OBJECT, 'object', null], ctx)).pythonType).to.equal('TypeError');
    });
  });
});
