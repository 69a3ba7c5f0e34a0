import { expect } from 'chai';
import { loads } from '../../src/node/index.js';
import { thrown } from '../helpers.js';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('Python 2 str under each encoding', () => {
  const py2 = enc("S'\\x80\\xe4'\n."); // a protocol-0 STRING of two high bytes

  it('refuses high bytes under ASCII, naming the offset and the way out', () => {
    const e = thrown(() => loads(py2));
    expect(e.pythonType).to.equal('UnicodeDecodeError');
    expect(e.offset).to.equal(0);
    expect(e.message).to.equal("'ascii' codec can't decode byte 0x80 in position 0: ordinal not in range(128) (a Python 2 str: encoding 'latin1' or 'bytes' reads it)");
  });

  it('maps every byte to its code point under latin1, not windows-1252', () => {
    expect(loads(py2, { encoding: 'latin1' })).to.equal('\u0080\u00e4');
  });

  it('keeps the bytes under bytes', () => {
    expect(loads(py2, { encoding: 'bytes' })).to.deep.equal(new Uint8Array([0x80, 0xe4]));
  });

  it('decodes codecs the runtime lacks through iconv-lite in Node (cp437 as Python does)', () => {
    // python3 -c "print(b'\x80\xe4'.decode('cp437'))" prints 'ÇΣ'
    expect(loads(py2, { encoding: 'cp437' })).to.equal('\u00c7\u03a3');
  });

  it('refuses an unknown codec as a LookupError', () => {
    expect(thrown(() => loads(py2, { encoding: 'no-such-codec' })).pythonType).to.equal('LookupError');
  });
});
