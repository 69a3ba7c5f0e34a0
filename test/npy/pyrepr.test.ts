import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { fixture as fixturePath } from '../helpers.js';
import { parsePyLiteral, PyComplex, PyDict, PySet, PyTuple, type PyLit } from '../../src/npy/pyliteral.js';
import { isPyPrintable, pyFloatRepr, pyRepr, pyStrRepr, UNPRINTABLE_RANGES_TABLE } from '../../src/npy/pyrepr.js';
import { cases, pyFloat, type Tagged } from './pyliteral-fixture.js';

// python-fixtures/gen_pyliteral.py: values with CPython 3.11's repr().
const fixture = cases;

function decode(t: Tagged): PyLit {
  if (t === null || typeof t === 'boolean') return t;
  if ('int' in t) return BigInt(t.int);
  if ('float' in t) return pyFloat(t.float);
  if ('str' in t) return t.str;
  if ('bytes' in t) return new Uint8Array(Buffer.from(t.bytes, 'base64'));
  if ('complex' in t) return new PyComplex(pyFloat(t.complex[0]), pyFloat(t.complex[1]));
  if ('tuple' in t) return new PyTuple(t.tuple.map(decode));
  if ('list' in t) return t.list.map(decode);
  if ('dict' in t) return new PyDict(t.dict.map(([k, v]) => [decode(k), decode(v)] as [PyLit, PyLit]));
  if ('set' in t) return new PySet(t.set.map(decode));
  throw new Error('Ellipsis has no repr case');
}

describe('npy/pyrepr', () => {
  it('writes exactly what CPython 3.11 repr() writes, for every fixture value', () => {
    expect(fixture.repr.length).to.be.greaterThan(200);
    const bad = fixture.repr
      .map((c) => ({ want: c.repr, got: pyRepr(decode(c.value)) }))
      .filter((r) => r.got !== r.want)
      .map((r) => `${r.want} != ${r.got}`);
    expect(bad).to.deep.equal([]);
  });

  it('gives back the same repr after parsing a repr (for values without nan or inf)', () => {
    for (const c of fixture.repr) {
      // A complex repr does not always read back to itself in Python either: -0j gives (-0-0j).
      if (/nan|inf/.test(c.repr) || JSON.stringify(c.value).includes('"complex"')) continue;
      expect(pyRepr(parsePyLiteral(c.repr)), c.repr).to.equal(c.repr);
    }
  });

  it("uses CPython's own str.isprintable table (python-fixtures/pyliteral/unprintable.txt)", () => {
    expect(UNPRINTABLE_RANGES_TABLE).to.equal(readFileSync(fixturePath('pyliteral', 'unprintable.txt'), 'utf8').trim());
    expect(isPyPrintable(0x41)).to.equal(true);
    expect(isPyPrintable(0x7f)).to.equal(false);
    expect(isPyPrintable(0xa0)).to.equal(false);
    expect(isPyPrintable(0xe9)).to.equal(true);
    expect(isPyPrintable(0x200b)).to.equal(false);
    expect(isPyPrintable(0xd800)).to.equal(false);
    expect(isPyPrintable(0x1f600)).to.equal(true);
    expect(isPyPrintable(0x10ffff)).to.equal(false);
  });

  describe('pyStrRepr', () => {
    it("quotes with ' unless the text has ' and no \"", () => {
      expect(pyStrRepr('<f8')).to.equal("'<f8'");
      expect(pyStrRepr("it's")).to.equal('"it\'s"');
      expect(pyStrRepr('both \' and "')).to.equal("'both \\' and \"'");
      expect(pyStrRepr('')).to.equal("''");
    });

    it('escapes backslash, \\t \\n \\r, controls as \\xhh and other non-printables as \\u / \\U', () => {
      expect(pyStrRepr('a\\b\t\n\r\x00\x7f')).to.equal("'a\\\\b\\t\\n\\r\\x00\\x7f'");
      expect(pyStrRepr('\xa0\xe9\u200b\u{e0001}\u{1f600}')).to.equal("'\\xa0\u00e9\\u200b\\U000e0001\u{1f600}'");
    });

    it('writes lone surrogates as \\udxxx', () => {
      expect(pyStrRepr('a\ud800b\udfff')).to.equal("'a\\ud800b\\udfff'");
      expect(pyStrRepr('\udc00\ud800')).to.equal("'\\udc00\\ud800'");
    });
  });

  describe('pyFloatRepr', () => {
    it('writes the shortest round-trip digits, with .0 and exponents as Python', () => {
      const cases: [number, string][] = [
        [1, '1.0'], [0.1, '0.1'], [-0, '-0.0'], [1e16, '1e+16'], [1e15, '1000000000000000.0'], [1e-5, '1e-05'],
        [0.0001, '0.0001'], [5e-324, '5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'],
        [1.5e300, '1.5e+300'], [Infinity, 'inf'], [-Infinity, '-inf'], [NaN, 'nan'], [123.456, '123.456'],
      ];
      for (const [x, want] of cases) expect(pyFloatRepr(x), want).to.equal(want);
    });
  });

  describe('pyRepr', () => {
    it('writes containers as Python does', () => {
      expect(pyRepr(new PyTuple([]))).to.equal('()');
      expect(pyRepr(new PyTuple([3n]))).to.equal('(3,)');
      expect(pyRepr(new PyTuple([2n, 3n]))).to.equal('(2, 3)');
      expect(pyRepr([1n, 'a', null, true])).to.equal("[1, 'a', None, True]");
      expect(pyRepr(new PyDict([['descr', '<f8'], ['shape', new PyTuple([3n])]]))).to.equal("{'descr': '<f8', 'shape': (3,)}");
      expect(pyRepr(new PySet())).to.equal('set()');
      expect(pyRepr(new PySet([1n]))).to.equal('{1}');
      expect(pyRepr(new PyComplex(0, 1))).to.equal('1j');
      expect(pyRepr(new PyComplex(-0, -1))).to.equal('(-0-1j)');
      expect(pyRepr(Uint8Array.from([0x27, 0x00, 0xff]))).to.equal('b"\'\\x00\\xff"');
    });

    it('writes a list that contains itself as [...]', () => {
      const a: PyLit[] = [1n];
      a.push(a);
      expect(pyRepr(a)).to.equal('[1, [...]]');
    });
  });
});
