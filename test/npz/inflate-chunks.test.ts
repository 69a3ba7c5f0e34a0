/**
 * The inflaters on members numpy's np.savez_compressed wrote, large enough
 * that fflate's (the browser path) inflates them in pushes straight into the
 * output buffer: python-fixtures/npz-chunks (gen_npz_chunks.py).
 */
import { expect } from 'chai';
import * as zlib from 'node:zlib';
import { readFileSync } from 'node:fs';
import { bytesSource } from '../../src/io/source.js';
import { fflateInflater, inflateChunked, MAX_DEFLATE_RATIO, nodeZlibInflater, setInflater, type Inflater } from '../../src/npz/inflate.js';
import { readCentralDirectory, readMember, type ZipEntry } from '../../src/npz/zip-read.js';
import { loadSync, NpzFile, type NdArray } from '../../src/node/index.js';
import { fixture, readJSON, sha256, thrown } from '../helpers.js';

interface ChunkMember {
  compress_size: number; file_size: number; CRC: number; npy_sha256: string;
  dtype: string; shape: number[]; data_sha256: string;
}
interface ChunkCase { file: string; about: string; members: Record<string, ChunkMember> }

// The deflated archives (savez-pieces.npz, stored, is member-pieces.test.ts's).
const cases = readJSON<ChunkCase[]>(fixture('npz-chunks', 'manifest.json')).filter((c) => c.file.startsWith('savez_compressed'));
const INFLATERS: [string, Inflater][] = [
  ['fflate', fflateInflater],
  ['node:zlib', nodeZlibInflater(zlib)],
  // The fallback when fflate's internals are not there: pushes, each chunk copied.
  ['fflate in pushes, copying', (c, n) => inflateChunked(c, n, false)],
];

describe('inflate: numpy-written members inflated in pushes (python-fixtures/npz-chunks)', () => {
  for (const c of cases) {
    const bytes = new Uint8Array(readFileSync(fixture('npz-chunks', c.file)));
    const entries = readCentralDirectory(bytesSource(bytes));
    const entry = (name: string): ZipEntry => entries.find((e) => e.name === name)!;

    it(`${c.file}: every member takes fflate's chunked path`, () => {
      for (const [name, m] of Object.entries(c.members)) {
        expect(MAX_DEFLATE_RATIO * entry(name).compressedSize - m.file_size, name).to.be.greaterThan(1 << 20);
      }
    });

    for (const [iname, inflater] of INFLATERS) {
      it(`${c.file}: ${iname} gives numpy's bytes and CRC for each member`, () => {
        for (const [name, m] of Object.entries(c.members)) {
          const data = readMember(bytesSource(bytes), entry(name), inflater);
          expect(data.length, name).to.equal(m.file_size);
          expect(zlib.crc32(data), name).to.equal(m.CRC);
          expect(sha256(data), name).to.equal(m.npy_sha256);
        }
      });

      it(`${c.file}: ${iname} refuses each member declared one byte short or long`, () => {
        for (const name of Object.keys(c.members)) {
          const e = entry(name);
          const short = thrown(() => readMember(bytesSource(bytes), { ...e, uncompressedSize: e.uncompressedSize - 1 }, inflater));
          expect([short.pythonType, short.message, short.member]).to.deep.equal([
            'BadZipFile', `File '${name}' inflates past its declared size of ${e.uncompressedSize - 1} bytes`, name,
          ]);
          const long = thrown(() => readMember(bytesSource(bytes), { ...e, uncompressedSize: e.uncompressedSize + 1 }, inflater));
          expect([long.pythonType, long.message]).to.deep.equal([
            'BadZipFile', `File '${name}' inflates to less than its declared size of ${e.uncompressedSize + 1} bytes`,
          ]);
        }
      });
    }

    for (const [iname, inflater] of INFLATERS) {
      it(`${c.file}: ${iname} through np.load's path gives numpy's arrays (both byte orders)`, () => {
        const previous = setInflater(inflater);
        try {
          const npz = loadSync(bytes);
          expect(npz).to.be.instanceOf(NpzFile);
          for (const [name, m] of Object.entries(c.members)) {
            const a = (npz as NpzFile).get(name.slice(0, -4)) as NdArray;
            expect([a.dtype.str, a.shape], name).to.deep.equal([m.dtype, m.shape]);
            expect(sha256(a.tobytes()), name).to.equal(m.data_sha256);
          }
        } finally {
          setInflater(previous);
        }
      });
    }
  }
});
