import { expect } from 'chai';
import { BY_CODE, OPCODES } from '../../src/pickle/opcodes.js';
import { fixture, readJSON } from '../helpers.js';

interface Row {
  name: string;
  code: number;
  arg: string | null;
  proto: number;
  stack: string;
}

describe('the pickle opcode table', () => {
  const cpython = readJSON<Row[]>(fixture('opcodes', 'pickletools.json'));

  it('has every opcode of CPython 3.11\'s pickletools, with the same byte, argument, protocol and stack effect', () => {
    const ours = OPCODES.map((op) => ({ name: op.name, code: op.code, arg: op.arg?.name ?? null, proto: op.proto, stack: op.stack }));
    const byName = (a: Row, b: Row) => (a.name < b.name ? -1 : 1);
    expect([...ours].sort(byName)).to.deep.equal([...cpython].sort(byName));
  });

  it('leaves the other byte values without an opcode', () => {
    expect(BY_CODE.filter((r) => r !== undefined)).to.have.length(cpython.length);
  });
});
