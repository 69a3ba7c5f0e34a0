/**
 * zipParts against CPython 3.11's zipfile driven as numpy 2.4's savez drives
 * it (test/npz/write-cases, made by gen.py there):
 *
 * - Every recorded archive is rebuilt byte for byte. Deflated members are fed
 *   the raw deflate stream CPython wrote for them (a "replay" deflater that
 *   first checks it was handed the member's exact bytes), so the zip layer
 *   is compared whatever zlib this Node carries.
 * - With node:zlib's deflater the archive is byte-identical whenever node's
 *   zlib emits CPython's stream for each member; Node bundles Chromium's
 *   zlib, whose streams differ from stock zlib's for most non-trivial data,
 *   and then (as with fflate) python3's zipfile must read the archive back
 *   with good CRCs and the right names and bytes.
 * - 65535 / 65536 members (the zip64 end record boundary) are checked by
 *   size and sha256, and two 2 GiB layouts (sizes at and over ZIP64_LIMIT,
 *   an offset over it) by every byte outside the runs of zero data, which
 *   are views on one 16 MiB buffer.
 */
import { concatBytes } from '../../src/io/concat.js';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { NpyioError } from '../../src/errors.js';
import { fflateDeflater, getDeflater, nodeZlibDeflater, setDeflater, type Deflater } from '../../src/npz/deflate.js';
import { ZIP64_LIMIT, zipBytes, zipParts, type ZipMember } from '../../src/npz/zip-write.js';
import { ROOT, readJSON } from '../helpers.js';

const DIR = join(ROOT, 'test', 'npz', 'write-cases');

interface CaseMember {
  name: string;
  compress: boolean;
  parts: string[];
  deflated?: string;
}
interface Case {
  id: string;
  about: string;
  file: string;
  size: number;
  sha256: string;
  members: CaseMember[];
}
interface GeneratedCase {
  id: string;
  about: string;
  count: number;
  size: number;
  sha256: string;
}
interface BigCase {
  id: string;
  about: string;
  size: number;
  members: ({ name: string; zeros: number } | { name: string; parts: string[] })[];
  skeleton: string;
  zero_runs: [number, number][];
}
interface Index {
  python: string;
  numpy: string;
  zlib: string;
  cases: Case[];
  generated: GeneratedCase[];
  big: BigCase[];
}

const index = readJSON<Index>(join(DIR, 'index.json'));

function b64(s: string): Uint8Array {
  const b = Buffer.from(s, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}


function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/** The first offset where two byte strings differ, for failure messages. */
function firstDifference(a: Uint8Array, b: Uint8Array): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `first difference at byte ${i}: ${a[i]} vs ${b[i]} (lengths ${a.length}, ${b.length})`;
  return a.length === b.length ? 'equal' : `lengths ${a.length} and ${b.length}`;
}

function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  if (!equalBytes(actual, expected)) expect.fail(firstDifference(actual, expected));
}

function members(c: Case): ZipMember[] {
  return c.members.map((m) => ({ name: m.name, data: m.parts.map(b64), compress: m.compress }));
}

function content(m: CaseMember): Uint8Array {
  return concatBytes(m.parts.map(b64));
}

/** Hands back the stream CPython wrote for each deflated member, in order, after checking the input. */
function replayDeflater(c: Case): Deflater {
  const queue = c.members.filter((m) => m.compress);
  return (data) => {
    const m = queue.shift();
    if (!m) throw new Error('deflater called more often than there are deflated members');
    expectSameBytes(data, content(m));
    return b64(m.deflated!);
  };
}

const throwingDeflater: Deflater = () => {
  throw new Error('a stored member was deflated');
};

const nodeDeflater = nodeZlibDeflater(zlib);

/** Whether node's zlib emits exactly the stream CPython's zlib wrote, for every deflated member. */
function nodeZlibReproduces(c: Case): boolean {
  return c.members.every((m) => !m.compress || equalBytes(nodeDeflater(content(m)), b64(m.deflated!)));
}

let python: boolean | undefined;
function hasPython(): boolean {
  if (python === undefined) python = spawnSync('python3', ['-c', 'import zipfile, zlib'], { encoding: 'utf8' }).status === 0;
  return python;
}

const READ_BACK = `
import base64, json, sys, zipfile
out = []
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        out.append({
            "bad": z.testzip(),
            "members": [
                {"name": i.filename, "method": i.compress_type, "crc": i.CRC,
                 "data": base64.b64encode(z.read(i)).decode()}
                for i in z.infolist()
            ],
        })
print(json.dumps(out))
`;

interface ReadBack {
  bad: string | null;
  members: { name: string; method: number; crc: number; data: string }[];
}

/** python3's zipfile reading each archive: testzip (every CRC) and every member's name, method and bytes. */
function pythonReads(archives: Uint8Array[]): ReadBack[] {
  const dir = mkdtempSync(join(tmpdir(), 'npyio-zip-write-'));
  try {
    const paths = archives.map((a, i) => {
      const p = join(dir, `${i}.zip`);
      writeFileSync(p, a);
      return p;
    });
    const r = spawnSync('python3', ['-c', READ_BACK, ...paths], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as ReadBack[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectReadBack(got: ReadBack, c: Case): void {
  expect(got.bad, 'testzip: first member with a bad CRC').to.equal(null);
  expect(got.members.map((m) => m.name)).to.deep.equal(c.members.map((m) => m.name));
  got.members.forEach((m, i) => {
    const want = c.members[i]!;
    expect(m.method, m.name).to.equal(want.compress ? 8 : 0);
    expectSameBytes(b64(m.data), content(want));
    expect(m.crc, m.name).to.equal(zlib.crc32(content(want)));
  });
}

describe('zip-write: zipParts as numpy savez writes through CPython zipfile', function () {
  const deflatedCases = index.cases.filter((c) => c.members.some((m) => m.compress));

  it(`has the recorded cases (CPython ${index.python}, numpy ${index.numpy}, zlib ${index.zlib})`, function () {
    expect(index.cases.length).to.be.greaterThan(10);
    expect(deflatedCases.length).to.be.greaterThan(3);
    for (const c of index.cases) expect(readFileSync(join(DIR, c.file)).length, c.id).to.equal(c.size);
  });

  describe('byte for byte (deflated members replay the stream CPython wrote)', function () {
    for (const c of index.cases) {
      it(`${c.id}: ${c.about}`, function () {
        const expected = new Uint8Array(readFileSync(join(DIR, c.file)));
        const deflater = c.members.some((m) => m.compress) ? replayDeflater(c) : throwingDeflater;
        const parts = zipParts(members(c), { deflater });
        expectSameBytes(concatBytes(parts), expected);
        expect(createHash('sha256').update(concatBytes(parts)).digest('hex')).to.equal(c.sha256);
      });
    }

    it('passes stored member data through as the same views, never copied', function () {
      const backing = new Uint8Array(64).map((_, i) => i);
      const header = backing.subarray(3, 13);
      const data = backing.subarray(20, 60);
      const parts = zipParts([{ name: 'a.npy', data: [header, data], compress: false }]);
      expect(parts[1]).to.equal(header);
      expect(parts[2]).to.equal(data);
      expect(parts.length).to.equal(5); // local header, 2 views, central directory, end record
    });

    it('takes one Uint8Array or its parts alike, and subarray views at any offset', function () {
      const c = index.cases.find((x) => x.id === 'several-stored')!;
      const expected = new Uint8Array(readFileSync(join(DIR, c.file)));
      const whole = c.members.map((m) => {
        const bytes = content(m);
        const padded = new Uint8Array(bytes.length + 7);
        padded.set(bytes, 5);
        return { name: m.name, data: padded.subarray(5, 5 + bytes.length), compress: false };
      });
      expectSameBytes(zipBytes(whole), expected);
    });
  });

  describe('node:zlib deflater', function () {
    for (const c of deflatedCases) {
      // Decided per case up front, so the report shows which check ran.
      const reproduces = nodeZlibReproduces(c);
      const check = reproduces ? "byte-identical (node's zlib emits CPython's streams here)" : "read back by python3 (node's zlib streams differ from CPython's here)";
      it(`${c.id}: ${check}`, function () {
        const archive = zipBytes(members(c), { deflater: nodeDeflater });
        if (reproduces) {
          expectSameBytes(archive, new Uint8Array(readFileSync(join(DIR, c.file))));
        } else {
          if (!hasPython()) this.skip();
          expectReadBack(pythonReads([archive])[0]!, c);
        }
      });
    }

    it('deflates raw at level 6 like zlib.compressobj(-1, DEFLATED, -15): the empty stream is 03 00', function () {
      expect([...nodeDeflater(new Uint8Array(0))]).to.deep.equal([3, 0]);
      const text = new TextEncoder().encode('hello world '.repeat(100));
      expect(zlib.inflateRawSync(nodeDeflater(text)).equals(Buffer.from(text))).to.equal(true);
    });
  });

  describe('fflate deflater (the browser default)', function () {
    it('writes archives python3 zipfile reads with good CRCs and the right bytes', function () {
      if (!hasPython()) this.skip();
      const archives = deflatedCases.map((c) => zipBytes(members(c), { deflater: fflateDeflater }));
      const got = pythonReads(archives);
      deflatedCases.forEach((c, i) => expectReadBack(got[i]!, c));
    });

    it('is the default until setDeflater replaces it; setDeflater returns the previous one', function () {
      const calls: number[] = [];
      const spy: Deflater = (d) => {
        calls.push(d.length);
        return fflateDeflater(d);
      };
      const previous = setDeflater(spy);
      try {
        expect(getDeflater()).to.equal(spy);
        zipParts([{ name: 'a.npy', data: new Uint8Array(10), compress: true }]);
        expect(calls).to.deep.equal([10]);
      } finally {
        expect(setDeflater(previous)).to.equal(spy);
      }
    });
  });

  describe('zip64 end records', function () {
    for (const g of index.generated) {
      it(`${g.id}: ${g.about}`, function () {
        const ms: ZipMember[] = [];
        const enc = new TextEncoder();
        for (let i = 0; i < g.count; i++) ms.push({ name: `m${i}.npy`, data: enc.encode(String(i)), compress: false });
        const parts = zipParts(ms);
        const hash = createHash('sha256');
        let size = 0;
        for (const p of parts) {
          hash.update(p);
          size += p.length;
        }
        expect(size).to.equal(g.size);
        expect(hash.digest('hex')).to.equal(g.sha256);
        const end = parts[parts.length - 1]!;
        expect(end.length).to.equal(g.count > 0xffff ? 22 + 56 + 20 : 22);
      });
    }

    for (const b of index.big) {
      it(`${b.id}: ${b.about}`, function () {
        this.timeout(120000);
        const CHUNK = 16 << 20;
        const zero = new Uint8Array(CHUNK);
        const ms: ZipMember[] = b.members.map((m) => {
          if ('zeros' in m) {
            const parts: Uint8Array[] = [];
            for (let left = m.zeros; left > 0; left -= CHUNK) parts.push(left >= CHUNK ? zero : zero.subarray(0, left));
            return { name: m.name, data: parts, compress: false };
          }
          return { name: m.name, data: m.parts.map(b64), compress: false };
        });
        // node:zlib's native CRC-32 keeps 2 GiB quick; the layout is what is under test.
        const crc32 = typeof zlib.crc32 === 'function' ? (bytes: Uint8Array, prev = 0) => zlib.crc32(bytes, prev) : undefined;
        const parts = zipParts(ms, crc32 ? { crc32 } : {});
        const skeleton: Uint8Array[] = [];
        const runs: [number, number][] = [];
        let at = 0;
        for (const p of parts) {
          if (p.buffer === zero.buffer) {
            const last = runs[runs.length - 1];
            if (last && last[0] + last[1] === at) last[1] += p.length;
            else runs.push([at, p.length]);
          } else {
            skeleton.push(p);
          }
          at += p.length;
        }
        expect(at).to.equal(b.size);
        expect(runs).to.deep.equal(b.zero_runs);
        expectSameBytes(concatBytes(skeleton), b64(b.skeleton));
        expect(at).to.be.greaterThan(ZIP64_LIMIT);
      });
    }
  });

  describe('names', function () {
    it('flags only non-ASCII names with 0x800 and writes them as UTF-8', function () {
      const parts = zipParts([
        { name: 'plain.npy', data: new Uint8Array(0), compress: false },
        { name: 'é.npy', data: new Uint8Array(0), compress: false },
      ]);
      const flag = (p: Uint8Array) => new DataView(p.buffer, p.byteOffset).getUint16(6, true);
      expect(flag(parts[0]!)).to.equal(0);
      expect(flag(parts[1]!)).to.equal(0x800);
      expect([...parts[1]!.subarray(30, 36)]).to.deep.equal([...Buffer.from('é.npy', 'utf8')]);
    });

    it('refuses a lone surrogate as CPython does (UnicodeEncodeError)', function () {
      let err: unknown;
      try {
        zipParts([{ name: 'ab\ud800.npy', data: new Uint8Array(0), compress: false }]);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(NpyioError);
      expect((err as NpyioError).pythonType).to.equal('UnicodeEncodeError');
      expect((err as Error).message).to.equal("'utf-8' codec can't encode character '\\ud800' in position 2: surrogates not allowed");
    });

    it('refuses a name over 65535 bytes', function () {
      expect(() => zipParts([{ name: 'x'.repeat(0x10000), data: new Uint8Array(0), compress: false }])).to.throw(NpyioError, /65535/);
      expect(() => zipParts([{ name: 'x'.repeat(0xffff), data: new Uint8Array(0), compress: false }])).not.to.throw();
    });

    it('uses the crc32 option when given', function () {
      const seen: number[] = [];
      const parts = zipParts([{ name: 'a', data: [new Uint8Array(3), new Uint8Array(4)], compress: false }], {
        crc32: (b, prev = 0) => {
          seen.push(b.length, prev);
          return 0xdeadbeef;
        },
      });
      expect(seen).to.deep.equal([3, 0, 4, 0xdeadbeef]);
      expect(new DataView(parts[0]!.buffer).getUint32(14, true)).to.equal(0xdeadbeef);
    });
  });
});
