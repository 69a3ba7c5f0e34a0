import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { inspectSource, MAX_PREFIX, type NpyFileInfo, type ZipFileInfo } from '../../src/cli/inspect.js';
import { bytesSource, type ByteSource } from '../../src/io/source.js';
import { savezBytes, array } from '../../src/index.js';
import { zipBytes } from '../../src/npz/zip-write.js';
import { NpyioError } from '../../src/errors.js';
import { fixture, readJSON, seededRandom } from '../helpers.js';
import { runCli } from './run.js';

interface NpyEntry {
  file: string;
  version: [number, number];
  header_len: number;
  data_offset: number;
  dtype_str: string;
  shape: number[];
  fortran_order: boolean;
  nbytes: number;
  itemsize: number;
}

interface ZipInfoRow {
  filename: string;
  compress_type: number;
  CRC: number;
  compress_size: number;
  file_size: number;
  header_offset: number;
}

interface NpzEntry {
  file: string;
  zipinfo: ZipInfoRow[] | null;
  open: { ok: boolean };
  members: Record<string, { ok: boolean; dtype_str?: string; shape?: number[] }>;
}

/** A source that counts the bytes read through it. */
function counting(src: ByteSource): ByteSource & { bytesRead: number } {
  const c = {
    size: src.size,
    name: src.name,
    bytesRead: 0,
    read(offset: number, length: number) {
      c.bytesRead += length;
      return src.read(offset, length);
    },
  };
  return c;
}

function inspectFile(path: string) {
  return inspectSource(bytesSource(new Uint8Array(readFileSync(path))), path, 1 << 20);
}

describe('npyio inspect', () => {
  it('gives the header facts numpy read from every .npy fixture, dtype str and repr included', () => {
    const reprs = readJSON<Record<string, string>>(fixture('show', 'dtype-reprs.json'));
    const entries = readJSON<NpyEntry[]>(fixture('npy', 'manifest.json')).filter((e) => e.file in reprs);
    expect(entries.length).to.be.greaterThan(100);
    for (const e of entries) {
      const info = inspectFile(fixture('npy', e.file)) as NpyFileInfo;
      expect(info.kind, e.file).to.equal('npy');
      expect({
        version: info.version, headerLength: info.headerLength, dataOffset: info.dataOffset, str: info.dtype.str, repr: info.dtype.repr,
        shape: info.shape, order: info.order, dataBytes: info.dataBytes, itemsize: info.itemsize,
      }, e.file).to.deep.equal({
        version: e.version.join('.'), headerLength: e.header_len, dataOffset: e.data_offset, str: e.dtype_str, repr: reprs[e.file],
        shape: e.shape, order: e.fortran_order ? 'F' : 'C', dataBytes: e.nbytes, itemsize: e.itemsize,
      });
      if (!e.dtype_str.includes('O')) expect(info.sizeMatches, e.file).to.equal(true);
    }
  });

  it('lists every member as zipfile.infolist() does, with the .npy header of each array member', () => {
    const entries = readJSON<NpzEntry[]>(fixture('npz', 'manifest.json')).filter((e) => e.open.ok && e.zipinfo !== null);
    expect(entries.length).to.be.greaterThan(30);
    for (const e of entries) {
      const info = inspectFile(fixture('npz', e.file)) as ZipFileInfo;
      expect(info.members.map((m) => [m.name, m.method, m.crc32, m.compressedSize, m.uncompressedSize, m.localHeaderOffset]), e.file)
        .to.deep.equal(e.zipinfo!.map((z) => [
          z.filename, ({ 0: 'stored', 8: 'deflate', 12: 'bzip2', 14: 'lzma' } as Record<number, string>)[z.compress_type] ?? `method ${z.compress_type}`,
          `0x${z.CRC.toString(16).padStart(8, '0')}`, z.compress_size, z.file_size, z.header_offset,
        ]));
      for (const m of info.members) {
        const key = m.name.endsWith('.npy') ? m.name.slice(0, -4) : m.name;
        // numpy's key 'x.npy' means the member named x.npy when there is one, not x.npy.npy
        if (info.members.some((o) => o.name === key)) continue;
        // duplicate names: numpy gives the last one
        if (info.members.filter((o) => o.name === m.name).length > 1) continue;
        const expected = e.members[key];
        if (expected?.ok && expected.dtype_str !== undefined && m.npy !== undefined) {
          expect([m.npy.dtype.str, m.npy.shape], `${e.file} ${m.name}`).to.deep.equal([expected.dtype_str, expected.shape]);
        }
      }
    }
  });

  it('reads only headers: under 80 KiB of a 16 MiB archive (the end-record search reads 64 KiB), stored and deflated', () => {
    const big = array(new Float64Array(1 << 20), { shape: [1 << 20] });
    for (const compressed of [false, true]) {
      const zip = savezBytes({ a: big, b: big }, compressed);
      const src = counting(bytesSource(zip));
      const info = inspectSource(src, 'big.npz') as ZipFileInfo;
      expect(info.members.map((m) => m.npy?.shape)).to.deep.equal([[1 << 20], [1 << 20]]);
      expect(src.bytesRead, compressed ? 'deflated' : 'stored').to.be.lessThan(80 * 1024);
    }
  });

  it('reads only the header of an .npy whose data is cut short, and says the size does not match', () => {
    const whole = new Uint8Array(readFileSync(fixture('npy', 'sample.npy')));
    const info = inspectSource(bytesSource(whole.subarray(0, 130)), 'cut.npy') as NpyFileInfo;
    expect(info.sizeMatches).to.equal(false);
    expect(info.shape).to.deep.equal([3, 4]);
  });

  it('reads no CRC: a member whose data is corrupt still shows its header', () => {
    const info = inspectFile(fixture('npz', 'broken-bad-crc.npz')) as ZipFileInfo;
    expect(info.members.some((m) => m.npy !== undefined)).to.equal(true);
  });

  it('stops inflating at MAX_PREFIX bytes when a deflated header declares more', () => {
    // a version 2.0 preamble declaring a 64 MiB header, then 4 MiB of spaces: deflates to a few KiB
    const body = new Uint8Array(4 << 20).fill(0x20);
    body.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0, 0, 0, 4]);
    const src = counting(bytesSource(zipBytes([{ name: 'x.npy', data: body, compress: true }])));
    const info = inspectSource(src, 'bomb.npz', 1 << 30) as ZipFileInfo;
    expect(info.members[0]!.error).to.equal(`NpyFormatError: the .npy header asks for ${4 << 20} bytes; inspect inflates at most ${MAX_PREFIX}`);
    expect(src.bytesRead).to.be.lessThan(200 * 1024);
  });

  it('gives the protocol of a pickle', () => {
    expect(inspectFile(fixture('pickle', 'p2-c-none.pkl'))).to.include({ kind: 'pickle', protocol: 2 });
    expect(inspectFile(fixture('pickle', 'p0-c-none.pkl'))).to.include({ kind: 'pickle', protocol: null });
  });

  it('prints text for several files and JSON with --json', () => {
    const files = [fixture('npy', 'sample.npy'), fixture('npz', 'savez-named.npz')];
    const text = runCli(['inspect', ...files]);
    expect(text.status, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/sample\.npy: \.npy, 224 bytes\n {2}version 1\.0, header length 118, data offset 128\n {2}dtype <f8 dtype\('float64'\)/);
    const json = runCli(['inspect', '--json', ...files]);
    const parsed = JSON.parse(json.stdout) as { kind: string }[];
    expect(parsed.map((p) => p.kind)).to.deep.equal(['npy', 'npz']);
  });

  it('gives facts or a typed error for random mutations of archives and .npy files', () => {
    const random = seededRandom(11);
    const bases = ['savez_compressed-mixed.npz', 'savez-object.npz', 'zip64-full.npz'].map((f) => fixture('npz', f))
      .concat([fixture('npy', 'sample.npy')]).map((p) => new Uint8Array(readFileSync(p)));
    for (const base of bases) {
      for (let k = 0; k < 150; k++) {
        const b = base.slice();
        for (let m = 0; m < 4; m++) b[Math.floor(random() * (k % 2 ? Math.min(b.length, 200) : b.length))] = Math.floor(random() * 256);
        try {
          inspectSource(bytesSource(b), 'fuzz');
        } catch (e) {
          expect(e, `mutation ${k}`).to.be.instanceOf(NpyioError);
        }
      }
    }
  });

  it('walks every npz fixture without an untyped error', () => {
    for (const f of readdirSync(fixture('npz')).filter((n) => n.endsWith('.npz'))) {
      const r = runCli(['inspect', fixture('npz', f)]);
      if (r.status !== 0) expect(r.stderr, f).to.match(/^(ZipFormatError|NpyFormatError|NpyioError|ArrayTooLargeError): [^\n]+\n$/);
    }
  });
});
