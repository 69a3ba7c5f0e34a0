import { expect } from 'chai';
import { DTypeError } from '../../src/errors.js';
import { parseTypestr } from '../../src/dtype/typestr.js';
import { fixture, readJSON } from '../helpers.js';

interface Case {
  input: string;
  str?: string;
  itemsize?: number;
  kind?: string;
  byteorder?: string;
  error?: string;
  message?: string;
}

describe('dtype strings (np.dtype(str), against numpy 2.4)', () => {
  const cases = readJSON<Case[]>(fixture('dtypes', 'typestr.json'));

  it('has the numpy-made table', () => {
    expect(cases.length).to.be.greaterThan(200);
  });

  for (const c of cases) {
    if (c.error === undefined) {
      it(`reads ${JSON.stringify(c.input)} as ${c.str}`, () => {
        const d = parseTypestr(c.input);
        expect({ str: d.str, itemsize: d.itemsize, kind: d.kind, byteorder: d.byteorder })
          .to.deep.equal({ str: c.str, itemsize: c.itemsize, kind: c.kind, byteorder: c.byteorder });
      });
    } else {
      it(`refuses ${JSON.stringify(c.input)} as numpy does (${c.error})`, () => {
        let err: unknown;
        try {
          parseTypestr(c.input);
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(DTypeError);
        expect((err as DTypeError).pythonType).to.equal(c.error);
      });
    }
  }
});
