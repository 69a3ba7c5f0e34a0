/**
 * What the unpickler must never do, whatever the bytes: run or build
 * anything the registry did not allow, let keys such as __proto__ become
 * anything but data, or overflow the JS stack on deep nesting.
 */
import { expect } from 'chai';
import { thrown } from '../helpers.js';
import { loads, toPyJSONText, ForbiddenGlobalError, PyObject, UnpicklingError } from '../../src/node/index.js';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));


describe('unpickler safety', () => {
  it('refuses os.system before calling anything, naming the global and its offset', () => {
    const e = thrown(() => loads(enc("cos\nsystem\n(S'echo hi'\ntR.")));
    expect(e).to.be.instanceOf(ForbiddenGlobalError);
    expect((e as ForbiddenGlobalError).qualname).to.equal('os.system');
    expect((e as ForbiddenGlobalError).offset).to.equal(0);
  });

  it('refuses a dotted name through an allowed class (protocol 4 STACK_GLOBAL)', () => {
    const e = thrown(() => loads(enc('\x80\x04\x8c\x08builtins\x8c\rset.__class__\x93.')));
    expect(e).to.be.instanceOf(ForbiddenGlobalError);
    expect((e as ForbiddenGlobalError).qualname).to.equal('builtins.set.__class__');
  });

  it('refuses INST and EXT through the same gate', () => {
    expect(thrown(() => loads(enc('(ios\nsystem\n.')))).to.be.instanceOf(ForbiddenGlobalError);
    const ext = loadsWith(enc('\x80\x02\x82\x01.'), new Map([[1, ['subprocess', 'Popen'] as const]]));
    expect(ext).to.be.instanceOf(ForbiddenGlobalError);
  });

  it('keeps __proto__, constructor and prototype keys as data in dicts', () => {
    const d = loads(enc("(dp0\nV__proto__\np1\nI1\nsVconstructor\np2\nI2\nsVprototype\np3\nI3\ns.")) as Map<unknown, unknown>;
    expect(d).to.be.instanceOf(Map);
    expect([...d.keys()]).to.deep.equal(['__proto__', 'constructor', 'prototype']);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(Object.getPrototypeOf(d)).to.equal(Map.prototype);
  });

  it('records BUILD state on an opaque object as data, __proto__ included', () => {
    const p = enc("\x80\x02cmymod\nThing\n)\x81}X\t\x00\x00\x00__proto__K\x01sb.");
    const obj = loads(p, { allowOpaque: ['mymod.*'] }) as PyObject;
    expect(obj).to.be.instanceOf(PyObject);
    expect((obj.state as Map<unknown, unknown>).get('__proto__')).to.equal(1);
    expect(Object.getPrototypeOf(obj)).to.equal(PyObject.prototype);
  });

  it('unpickles and prints a million nested lists without overflowing the stack', function () {
    this.timeout(20000);
    const n = 1_000_000;
    const bytes = new Uint8Array(2 * n + 1);
    bytes.fill(0x28, 0, n); // MARK
    bytes.fill(0x6c, n, 2 * n); // LIST
    bytes[2 * n] = 0x2e; // STOP
    const v = loads(bytes);
    const text = toPyJSONText(v);
    expect(text.length).to.equal(2 * n);
    expect(text.startsWith('[[[')).to.equal(true);
  });

  it('prints a self-referencing list as a cycle', () => {
    expect(toPyJSONText(loads(enc(']q\x00h\x00a.')))).to.equal('[{"$cycle":0}]');
  });

  it('refuses a declared length beyond the input without allocating it', () => {
    const e = thrown(() => loads(enc('\x80\x04\x8e\xff\xff\xff\xff\xff\xff\x00\x00.')));
    expect(e).to.be.instanceOf(UnpicklingError);
    expect(e.message).to.equal('pickle data was truncated');
  });

  it('says which opcode and where for an unknown byte', () => {
    const e = thrown(() => loads(enc('K\x01\xff.'))) as UnpicklingError;
    expect(e.message).to.equal("invalid load key, '\\xff'.");
    expect(e.offset).to.equal(2);
  });
});

function loadsWith(bytes: Uint8Array, extensions: Map<number, readonly [string, string]>): unknown {
  try {
    return loads(bytes, { extensions });
  } catch (e) {
    return e;
  }
}
