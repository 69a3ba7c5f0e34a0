/**
 * The CRC check of a stored member over 1 MiB read from a file (a path, as
 * np.load is given one): numpy's np.savez archive
 * (python-fixtures/npz-chunks/savez-pieces.npz, gen_npz_chunks.py), and
 * copies of it with one byte changed in the first MiB, on both sides of the
 * 1 MiB mark and at the last byte: what a reader that checks the member in
 * pieces as they arrive would have to catch at each piece's edge.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlanSync } from '../../src/io/plan.js';
import { bytesSource } from '../../src/io/source.js';
import { fileSource } from '../../src/node/files.js';
import { loadSync, NpzFile, type NdArray } from '../../src/node/index.js';
import { localDataPlan, readCentralDirectory, readMember } from '../../src/npz/zip-read.js';
import { fixture, readJSON, sha256, thrown } from '../helpers.js';

interface PiecesMember { file_size: number; CRC: number; npy_sha256: string; data_sha256: string }
interface PiecesCase { file: string; members: Record<string, PiecesMember> }

const FILE = 'savez-pieces.npz';
const expected = readJSON<PiecesCase[]>(fixture('npz-chunks', 'manifest.json')).find((c) => c.file === FILE)!.members;
const path = fixture('npz-chunks', FILE);
const bytes = new Uint8Array(readFileSync(path));
const runs = readCentralDirectory(bytesSource(bytes)).find((e) => e.name === 'runs.npy')!;
const dataAt = runPlanSync(localDataPlan(bytes.length, runs), (o, n) => bytes.subarray(o, o + n));
const MiB = 1 << 20;

function getRuns(source: string | Uint8Array): NdArray {
  const npz = loadSync(source);
  expect(npz).to.be.instanceOf(NpzFile);
  try {
    return (npz as NpzFile).get('runs') as NdArray;
  } finally {
    (npz as NpzFile).close();
  }
}

describe('npz: the CRC of a stored member over 1 MiB read from a file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'npyio-pieces-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads numpy's member over 1 MiB from the file as numpy does", () => {
    expect(runs.uncompressedSize).to.equal(expected['runs.npy']!.file_size).and.to.be.greaterThan(MiB);
    const file = fileSource(path);
    try {
      expect(sha256(readMember(file, runs))).to.equal(expected['runs.npy']!.npy_sha256);
    } finally {
      file.close?.();
    }
    expect(sha256(getRuns(path).tobytes())).to.equal(expected['runs.npy']!.data_sha256);
  });

  for (const [where, at] of [
    ['in the first MiB', 10],
    ['just before the 1 MiB mark', MiB - 1],
    ['just after the 1 MiB mark', MiB],
    ['at the last byte', -1],
  ] as const) {
    it(`finds a byte changed ${where}: zipfile's BadZipFile, as from bytes in memory`, () => {
      const bad = bytes.slice();
      const i = dataAt + (at < 0 ? runs.uncompressedSize + at : at);
      bad[i] ^= 0x01;
      const file = join(dir, `bad-${at}.npz`);
      writeFileSync(file, bad);
      const fromFile = thrown(() => getRuns(file));
      expect([fromFile.pythonType, fromFile.message, fromFile.member, fromFile.offset]).to.deep.equal([
        'BadZipFile', "Bad CRC-32 for file 'runs.npy'", 'runs.npy', dataAt,
      ]);
      const fromBytes = thrown(() => getRuns(bad));
      expect([fromBytes.pythonType, fromBytes.message, fromBytes.member, fromBytes.offset]).to.deep.equal([
        fromFile.pythonType, fromFile.message, fromFile.member, fromFile.offset,
      ]);
    });
  }
});
