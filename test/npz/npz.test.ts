/**
 * python-fixtures/npz: archives written by numpy's savez/savez_compressed,
 * odd ones, broken ones and hand-made zip64 ones, each with what numpy 2.4
 * (through CPython 3.11's zipfile) does on opening and on reading each member.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesSource } from '../../src/io/source.js';
import { loadSync, toPyJSON, NdArray, NpyioError, NpzFile, ObjectArray } from '../../src/node/index.js';
import { asNumpyNamesSources, fixture, jsonClone, readJSON, sha256 } from '../helpers.js';

interface Outcome {
  ok: boolean;
  type?: string;
  class?: string;
  message?: string;
  dtype_str?: string;
  shape?: number[];
  data_sha256?: string | null;
  pyjson?: unknown;
}
interface Entry {
  file: string;
  about: string;
  category: string;
  open: { ok: boolean; files?: string[]; namelist?: string[]; repr?: string; class?: string; message?: string };
  members: Record<string, Outcome>;
}

const DIR = fixture('npz');
const entries = readJSON<Entry[]>(join(DIR, 'manifest.json'));

/** Archives where npyio refuses members numpy reads, on purpose, and why. */
const KNOWN: Record<string, string> = {
  'odd-bzip2.npz': 'bzip2 members are not read (numpy never writes them)',
  'odd-lzma.npz': 'lzma members are not read (numpy never writes them)',
  'broken-overlap-same-name.npz': "overlapping members are refused, as CPython 3.12's zipfile does (3.11 reads them)",
  'broken-overlap-nested.npz': "overlapping members are refused, as CPython 3.12's zipfile does (3.11 reads them)",
  'zip64-1tib.npz': 'its declared 2^40 bytes are over maxArchiveBytes (64 GiB by default); lifted, the member overlaps the central directory: refused, as CPython 3.12 does',
  'zip64-1tib-bytes.npz': 'its declared 2^40 bytes are over maxArchiveBytes (64 GiB by default); lifted, the member overlaps the central directory: refused, as CPython 3.12 does',
  'broken-inflate-past-size-crc.npz': 'a member that inflates past its declared size is refused (zip bomb guard); numpy stops reading early',
};

function open(e: Entry): { npz?: NpzFile; error?: unknown } {
  try {
    const v = loadSync(join(DIR, e.file));
    return { npz: v as NpzFile };
  } catch (error) {
    return { error };
  }
}

function checkMember(npz: NpzFile, key: string, expected: Outcome, label: string, known: boolean): void {
  const allowPickle = key.endsWith('|allow_pickle');
  const name = allowPickle ? key.slice(0, -'|allow_pickle'.length) : key;
  let value: unknown;
  let error: unknown;
  try {
    value = allowPickle ? new NpzFile(npzSource(npz), { allowPickle: true }, 'x', false).get(name) : npz.get(name);
  } catch (e) {
    error = e;
  }
  if (known && error instanceof NpyioError) return;
  if (expected.ok) {
    expect(error, `${label}: numpy reads it; npyio threw ${String(error)}`).to.equal(undefined);
    if (expected.type === 'bytes') {
      expect(jsonClone(toPyJSON(value))).to.deep.equal(expected.pyjson);
    } else if (expected.dtype_str === '|O') {
      expect(value, label).to.be.instanceOf(ObjectArray);
    } else {
      const a = value as NdArray;
      expect(a.dtype.str, label).to.equal(expected.dtype_str);
      expect([...a.shape], label).to.deep.equal(expected.shape);
      if (expected.data_sha256) expect(sha256(a.tobytes(a.order)), label).to.equal(expected.data_sha256);
      if (expected.pyjson) expect(jsonClone(toPyJSON(a)), label).to.deep.equal(expected.pyjson);
    }
    return;
  }
  expect(error, `${label}: numpy raises ${expected.class}: ${expected.message}`).to.be.instanceOf(NpyioError);
  const err = error as NpyioError;
  if (expected.class === 'KeyError') {
    // str(KeyError) quotes the message
    expect(`'${err.message}'`.replace(/\0/g, '\\x00'), label).to.equal(expected.message);
    return;
  }
  // zlib's exception class is zlib.error, which Python names 'error'
  const theirs = expected.class === 'error' ? 'zlib.error' : expected.class;
  expect(err.pythonType, `${label}: ${err.message} vs numpy ${expected.class}: ${expected.message}`).to.equal(theirs);
}

/** The same archive bytes again, for reading a member under other options. */
const sources = new WeakMap<NpzFile, string>();
function npzSource(npz: NpzFile) {
  return bytesOf(sources.get(npz)!);
}
function bytesOf(path: string) {
  return bytesSource(new Uint8Array(readFileSync(path)));
}

describe('.npz archives against numpy (python-fixtures/npz)', () => {
  for (const e of entries) {
    it(`${e.category}: ${e.file}${KNOWN[e.file] ? ` (differs on purpose: ${KNOWN[e.file]})` : ''}`, () => {
      const { npz, error } = open(e);
      if (!e.open.ok) {
        expect(error, `numpy refuses: ${e.open.class}: ${e.open.message}`).to.be.instanceOf(NpyioError);
        return;
      }
      expect(error, String(error)).to.equal(undefined);
      sources.set(npz!, join(DIR, e.file));
      try {
        expect([...npz!.files]).to.deep.equal(e.open.files);
        expect([...npz!.namelist]).to.deep.equal(e.open.namelist);
        expect(asNumpyNamesSources(npz!.toString(), DIR)).to.equal(e.open.repr);
        for (const [key, outcome] of Object.entries(e.members)) checkMember(npz!, key, outcome, `${e.file}[${key}]`, KNOWN[e.file] !== undefined);
      } finally {
        npz!.close();
      }
    });
  }
});
