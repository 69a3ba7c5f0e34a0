import { expect } from 'chai';
import { seededRandom, thrown } from '../helpers.js';
import { NpyioError } from '../../src/errors.js';
import {
  parsePyLiteral,
  PyComplex,
  PyDict,
  PyLiteralSyntaxError,
  PyLiteralValueError,
  PySet,
  PyTuple,
  type PyLit,
} from '../../src/npy/pyliteral.js';
import { cases, pyFloat, type Tagged } from './pyliteral-fixture.js';

// python-fixtures/gen_pyliteral.py runs CPython 3.11 on every text below.
interface Outcome {
  ok?: Tagged;
  error?: string;
  message?: string;
  /** numpy's _filter_header itself raised. */
  stage?: 'filter';
}

interface LiteralCase {
  text: string | { rep: [string, number][] };
  plain: Outcome;
  long: Outcome | 'same';
}

const fixture = cases as unknown as { python: string; literal: LiteralCase[] };

function textOf(c: LiteralCase): string {
  return typeof c.text === 'string' ? c.text : c.text.rep.map(([p, n]) => p.repeat(n)).join('');
}

function floatKey(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A canonical string of an expected (tagged) value; set items sorted, as set order is hash order. */
function canonTagged(t: Tagged): string {
  if (t === null || typeof t === 'boolean') return String(t);
  if ('int' in t) return 'i' + t.int;
  if ('float' in t) return 'f' + floatKey(pyFloat(t.float));
  if ('str' in t) return 's' + JSON.stringify(t.str);
  if ('bytes' in t) return 'b' + t.bytes;
  if ('complex' in t) return 'c' + floatKey(pyFloat(t.complex[0])) + ',' + floatKey(pyFloat(t.complex[1]));
  if ('tuple' in t) return 't(' + t.tuple.map(canonTagged).join(';') + ')';
  if ('list' in t) return 'l[' + t.list.map(canonTagged).join(';') + ']';
  if ('dict' in t) return 'd{' + t.dict.map(([k, v]) => canonTagged(k) + '=>' + canonTagged(v)).join(';') + '}';
  if ('set' in t) return 'S{' + t.set.map(canonTagged).sort().join(';') + '}';
  return 'Ellipsis';
}

/** The same canonical string for one of our values (types exact: bigint is int, number is float). */
function canon(v: PyLit): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return 'i' + v;
  if (typeof v === 'number') return 'f' + floatKey(v);
  if (typeof v === 'string') return 's' + JSON.stringify(v);
  if (v instanceof Uint8Array) return 'b' + Buffer.from(v).toString('base64');
  if (v instanceof PyComplex) return 'c' + floatKey(v.re) + ',' + floatKey(v.im);
  if (v instanceof PyTuple) return 't(' + v.items.map(canon).join(';') + ')';
  if (Array.isArray(v)) return 'l[' + v.map(canon).join(';') + ']';
  if (v instanceof PyDict) return 'd{' + v.entries.map(([k, x]) => canon(k) + '=>' + canon(x)).join(';') + '}';
  if (v instanceof PySet) return 'S{' + v.items.map(canon).sort().join(';') + '}';
  throw new Error('not a PyLit');
}

const SYNTAX_CLASSES = new Set(['SyntaxError', 'IndentationError', 'TabError']);

/**
 * CPython's SyntaxError messages that we reproduce word for word (ours add
 * " at offset N"; CPython adds "(detected at line N)" to some).
 */
const EXACT_SYNTAX_MESSAGES = [
  'unterminated string literal',
  'unterminated triple-quoted string literal',
  'too many nested parentheses',
  'invalid decimal literal',
  'invalid hexadecimal literal',
  'invalid octal literal',
  'invalid binary literal',
  'invalid imaginary literal',
  'invalid digit',
  'leading zeros in decimal integer literals',
  'invalid character',
  'invalid non-printable character',
  'unmatched',
  'closing parenthesis',
  'was never closed',
  'source code string cannot contain null bytes',
  'unexpected character after line continuation character',
  'Exceeds the limit',
  "f-string: single '}' is not allowed",
  'f-string: expressions nested too deeply',
  'f-string: invalid conversion character',
  'f-string: empty expression not allowed',
  "f-string expression part cannot include '#'",
  'f-string expression part cannot include a backslash',
];

/** Why our outcome differs from CPython's, or null when it matches. */
function compare(text: string, run: () => PyLit, exp: Outcome): string | null {
  let got: string | undefined;
  let err: unknown;
  try {
    got = canon(run());
  } catch (e) {
    err = e;
  }
  if (err !== undefined && !(err instanceof PyLiteralSyntaxError || err instanceof PyLiteralValueError)) {
    return `a bare ${(err as Error).name} escaped: ${(err as Error).stack}`;
  }
  // Deliberately unsupported: \N{name} escapes (no name table) and Ellipsis.
  if (err instanceof PyLiteralValueError && /not supported/.test(err.message)) {
    if (text.includes('\\N{') || (exp.ok !== undefined && canonTagged(exp.ok).includes('Ellipsis'))) return null;
  }
  // Without a name table an f-string's \N{name} is taken as valid (JoinedStr), where an unknown name is a SyntaxError.
  if (err instanceof PyLiteralValueError && exp.error !== undefined && text.includes('\\N{')) return null;
  if (exp.ok !== undefined) {
    const want = canonTagged(exp.ok);
    if (err) return `CPython returns ${want.slice(0, 100)}, we raised ${(err as Error).message}`;
    return got === want ? null : `CPython returns ${want.slice(0, 200)}, we returned ${got!.slice(0, 200)}`;
  }
  if (err === undefined) return `CPython raises ${exp.error}: ${exp.message}, we returned ${got!.slice(0, 100)}`;
  const e = err as PyLiteralSyntaxError | PyLiteralValueError;
  const fromFilter = exp.stage === 'filter';
  const wantSyntax = fromFilter ? exp.error !== 'ValueError' : SYNTAX_CLASSES.has(exp.error!);
  const wantType = fromFilter || !SYNTAX_CLASSES.has(exp.error!) ? exp.error : 'SyntaxError';
  const said = `CPython raises ${exp.error}: ${exp.message}; we raised ${e.name} (${e.pythonType}): ${e.message}`;
  if ((e instanceof PyLiteralSyntaxError) !== wantSyntax || e.pythonType !== wantType) return said;
  const msg = exp.message!;
  if (exp.error === 'ValueError' && msg.startsWith('malformed node')) {
    return e.message.startsWith(msg.split('0x')[0]!) ? null : said;
  }
  if (wantType === 'SyntaxError' && EXACT_SYNTAX_MESSAGES.some((m) => msg.startsWith(m))) {
    const words = msg.replace(/ \(detected at line \d+\)/, '');
    return e.message.startsWith(words) ? null : said;
  }
  if (['TypeError', 'OverflowError', 'UnicodeEncodeError', 'TokenError'].includes(exp.error!) || fromFilter) {
    return e.message === msg ? null : said;
  }
  return null;
}

function failures(mode: 'plain' | 'long', filter: (o: Outcome) => boolean): string[] {
  const out: string[] = [];
  for (const c of fixture.literal) {
    const exp = mode === 'long' && c.long !== 'same' ? c.long : c.plain;
    if (!filter(exp)) continue;
    const text = textOf(c);
    const why = compare(text, () => parsePyLiteral(text, { dropLongSuffix: mode === 'long' }), exp);
    if (why) out.push(`${JSON.stringify(text.slice(0, 200))}: ${why}`);
  }
  return out;
}


describe('npy/pyliteral', () => {
  describe('conformance with CPython 3.11 ast.literal_eval (python-fixtures/pyliteral)', () => {
    it('was generated by CPython 3.11', () => {
      expect(fixture.python).to.match(/^3\.11\./);
      expect(fixture.literal.length).to.be.greaterThan(500);
    });

    it('returns the value literal_eval returns, for every text CPython accepts', () => {
      expect(failures('plain', (o) => o.ok !== undefined)).to.deep.equal([]);
    });

    it('fails like literal_eval (error class, and message where it is deterministic) for every text CPython refuses', () => {
      expect(failures('plain', (o) => o.error !== undefined)).to.deep.equal([]);
    });

    it('with dropLongSuffix, does what literal_eval(numpy _filter_header(text)) does', () => {
      expect(failures('long', () => true)).to.deep.equal([]);
    });
  });

  describe('value model', () => {
    it('reads a typical header into a PyDict of str keys, bool and a PyTuple of bigint', () => {
      const d = parsePyLiteral("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }" + ' '.repeat(50) + '\n');
      expect(d).to.be.instanceOf(PyDict);
      const dict = d as PyDict;
      expect(dict.entries.map(([k]) => k)).to.deep.equal(['descr', 'fortran_order', 'shape']);
      expect(dict.get('descr')).to.equal('<f8');
      expect(dict.get('fortran_order')).to.equal(false);
      expect((dict.get('shape') as PyTuple).items).to.deep.equal([3n, 4n]);
    });

    it('keeps int and float apart: 3 is a bigint, 3.0 a number', () => {
      expect(parsePyLiteral('3')).to.equal(3n);
      expect(parsePyLiteral('3.0')).to.equal(3);
      expect(parsePyLiteral('0x1F')).to.equal(31n);
      expect(Object.is(parsePyLiteral('-0.0'), -0)).to.equal(true);
    });

    it('replaces a duplicate dict key in place, with Python equality (1 == 1.0 == True)', () => {
      const d = parsePyLiteral("{1: 'a', 'x': 0, 1.0: 'b', True: 'c'}") as PyDict;
      expect(d.entries).to.deep.equal([
        [1n, 'c'],
        ['x', 0n],
      ]);
    });

    it('keeps the first of equal set items, and reads set() as an empty set', () => {
      expect((parsePyLiteral('{1, 1.0, True, 2}') as PySet).items).to.deep.equal([1n, 2n]);
      expect((parsePyLiteral('set()') as PySet).items).to.deep.equal([]);
    });

    it('reads number +/- complex sums as complex', () => {
      const c = parsePyLiteral('-1.5-2j') as PyComplex;
      expect([c.re, c.im]).to.deep.equal([-1.5, -2]);
    });

    it('reads bytes, implicit concatenation and escapes', () => {
      expect(parsePyLiteral("b'a\\x00' b'\\xff'")).to.deep.equal(Uint8Array.from([0x61, 0, 0xff]));
      expect(parsePyLiteral("'a' \"b\" '''c'''")).to.equal('abc');
      expect(parsePyLiteral("'\\t\\u00e9\\U0001F600\\q'")).to.equal('\t\u00e9\u{1f600}\\q');
    });
  });

  describe('errors', () => {
    it('raises PyLiteralSyntaxError (an NpyioError, pythonType SyntaxError) with the offset of the problem', () => {
      const e = thrown(() => parsePyLiteral("{'descr': 'abc, 'x': 1}"));
      expect(e).to.be.instanceOf(PyLiteralSyntaxError);
      expect(e).to.be.instanceOf(NpyioError);
      expect((e as PyLiteralSyntaxError).pythonType).to.equal('SyntaxError');
      expect(e.message).to.equal('unterminated string literal at offset 18');
      expect((e as PyLiteralSyntaxError).offset).to.equal(18);
    });

    it("names the node literal_eval refuses, as CPython's ValueError does", () => {
      const e = thrown(() => parsePyLiteral("{'fortran_order': false}"));
      expect(e).to.be.instanceOf(PyLiteralValueError);
      expect(e.message).to.equal('malformed node or string on line 1: <ast.Name object at 0x...>');
      expect(thrown(() => parsePyLiteral('\n\ntuple([3])')).message).to.match(/^malformed node or string on line 3: <ast\.Call /);
      expect(thrown(() => parsePyLiteral("f'{x}'")).message).to.match(/<ast\.JoinedStr /);
      expect(thrown(() => parsePyLiteral('--1')).message).to.match(/<ast\.UnaryOp /);
    });

    it('reports an unhashable dict key or set item with pythonType TypeError', () => {
      const e = thrown(() => parsePyLiteral('{[1]: 2}')) as PyLiteralValueError;
      expect(e).to.be.instanceOf(PyLiteralValueError);
      expect(e.pythonType).to.equal('TypeError');
      expect(e.message).to.equal("unhashable type: 'list'");
    });

    it('refuses empty text, two expressions, trailing garbage and NUL as syntax errors', () => {
      for (const t of ['', ' \t', '1\n2', "{'a': 1} x", '1\0']) {
        expect(thrown(() => parsePyLiteral(t)), JSON.stringify(t)).to.be.instanceOf(PyLiteralSyntaxError);
      }
    });

    it('refuses \\N{...} escapes and Ellipsis as not supported', () => {
      expect(thrown(() => parsePyLiteral("'\\N{EM DASH}'")).message).to.match(/not supported/);
      expect(thrown(() => parsePyLiteral('(1, ...)')).message).to.match(/not supported/);
      expect(parsePyLiteral("r'\\N{EM DASH}'")).to.equal('\\N{EM DASH}');
    });
  });

  describe('nesting', () => {
    it('allows 200 open brackets and refuses the 201st with "too many nested parentheses"', () => {
      expect(() => parsePyLiteral('['.repeat(200) + ']'.repeat(200))).not.to.throw();
      const e = thrown(() => parsePyLiteral('['.repeat(201) + ']'.repeat(201)));
      expect(e).to.be.instanceOf(PyLiteralSyntaxError);
      expect(e.message).to.equal('too many nested parentheses at offset 200');
    });

    it('honours a smaller maxDepth', () => {
      expect(() => parsePyLiteral('((1,),)', { maxDepth: 2 })).not.to.throw();
      expect(thrown(() => parsePyLiteral('(((1,),),)', { maxDepth: 2 })).message).to.match(/too many nested/);
    });

    it('never overflows the JS stack on long operator chains', () => {
      for (const t of ['-'.repeat(200000) + '1', 'not '.repeat(50000) + '1', '2**'.repeat(50000) + '2', '1+'.repeat(50000) + '1']) {
        const e = thrown(() => parsePyLiteral(t));
        expect(e).to.be.instanceOf(PyLiteralValueError);
        expect(['MemoryError', 'RecursionError']).to.include((e as PyLiteralValueError).pythonType);
      }
    });
  });

  describe('dropLongSuffix (numpy _filter_header for Python 2 headers)', () => {
    it('drops an L after a number only when asked', () => {
      const text = "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }";
      expect(thrown(() => parsePyLiteral(text)).message).to.match(/^invalid decimal literal/);
      const d = parsePyLiteral(text, { dropLongSuffix: true }) as PyDict;
      expect((d.get('shape') as PyTuple).items).to.deep.equal([2n, 3n]);
      expect(((parsePyLiteral("{'shape': (10L,)}", { dropLongSuffix: true }) as PyDict).get('shape') as PyTuple).items).to.deep.equal([10n]);
    });

    it('keeps an L that is not right after a number', () => {
      expect(thrown(() => parsePyLiteral('(L,)', { dropLongSuffix: true })).message).to.match(/<ast\.Name /);
      expect(parsePyLiteral("'2L'", { dropLongSuffix: true })).to.equal('2L');
    });

    it("reports an unclosed bracket as tokenize's TokenError, as numpy lets it escape", () => {
      const e = thrown(() => parsePyLiteral('(1L,', { dropLongSuffix: true })) as PyLiteralSyntaxError;
      expect(e.pythonType).to.equal('TokenError');
      expect(e.message).to.equal("('EOF in multi-line statement', (2, 0))");
    });
  });

  describe('robustness', () => {
    const PIECES = [
      ...`()[]{},:;'"\\#\n\t\r\f\v Lj.e_+-*/%<>=!@~^|&xobfurFURB0123456789`,
      '\0', '\u00e9', '\u20ac', '\u200b', '\ud800', '\udc00', '\u{1f600}', "'''", '"""', '\\x', '\\u', '\\N{', "f'",
      "b'", 'None', 'True', 'False', 'lambda', 'for', 'in', 'if', 'else', 'not', 'yield', 'await', '**', '...', ':=',
      '0x', '1_0', '1e5', '2j', 'set()', '\\\n', '{', '}',
    ];
    const SEEDS = [
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }" + ' '.repeat(20) + '\n',
      "{'descr': [('a', '<i4'), (('t', 'b'), '|S3', (2,))], 'fortran_order': True, 'shape': (2L, 3L)}",
      "{'descr': '<U7', 'fortran_order': False, 'shape': (), }",
      "[1, -2.5e-3, 3+4j, b'\\x00', u'\\u00e9', {1, 2}, set(), (None,), {'k': [True]}]",
    ];

    function outcome(text: string, opts: { dropLongSuffix?: boolean }): string | null {
      try {
        parsePyLiteral(text, opts);
        return null;
      } catch (e) {
        if (e instanceof PyLiteralSyntaxError || e instanceof PyLiteralValueError) return null;
        return `${JSON.stringify(text)}: ${(e as Error).stack}`;
      }
    }

    it('gives a value or one of its two errors for random strings and random mutations of headers', function () {
      this.timeout(10000);
      const rand = seededRandom(12345);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const bad: string[] = [];
      const started = Date.now();
      for (let i = 0; i < 2500; i++) {
        let text = '';
        const n = Math.floor(rand() * 30);
        for (let k = 0; k < n; k++) text += pick(PIECES);
        const r = outcome(text, { dropLongSuffix: i % 2 === 1 });
        if (r) bad.push(r);
      }
      for (let i = 0; i < 2500; i++) {
        let text = pick(SEEDS);
        const edits = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < edits; k++) {
          const at = Math.floor(rand() * (text.length + 1));
          const op = Math.floor(rand() * 3);
          if (op === 0) text = text.slice(0, at) + text.slice(at + 1);
          else if (op === 1) text = text.slice(0, at) + pick(PIECES) + text.slice(at);
          else text = text.slice(0, at) + pick(PIECES) + text.slice(at + 1);
        }
        const r = outcome(text, { dropLongSuffix: i % 2 === 1 });
        if (r) bad.push(r);
      }
      expect(bad).to.deep.equal([]);
      expect(Date.now() - started).to.be.lessThan(2000);
    });

    it('refuses a non-string argument with its own error', () => {
      expect(thrown(() => parsePyLiteral(undefined as unknown as string))).to.be.instanceOf(PyLiteralValueError);
    });
  });
});
