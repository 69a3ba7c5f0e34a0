/**
 * CRC-32 against Python's zlib.crc32. The expected values were computed once
 * with CPython 3.11's zlib, e.g.
 *   python3 -c "import zlib; print(zlib.crc32(b'123456789'))"
 * and, for PATTERN(n) below,
 *   d = bytes(((i * 2654435761) & 0xffffffff) >> 24 for i in range(n)); zlib.crc32(d)
 */
import { expect } from 'chai';
import * as zlib from 'node:zlib';
// The table implementation itself: the Node entry installs node:zlib's as `crc32`.
import { tableCrc32 as crc32 } from '../../src/npz/crc32.js';

const enc = new TextEncoder();

/** Bytes that vary in every position: the top byte of i * 2654435761 mod 2**32. */
function pattern(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.imul(i, 2654435761) >>> 24;
  return b;
}

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(new Uint8Array(0))).to.equal(0);
    expect(crc32(enc.encode('a'))).to.equal(3904355907);
    expect(crc32(enc.encode('abc'))).to.equal(891568578);
    expect(crc32(enc.encode('message digest'))).to.equal(538287487);
    // The CRC-32/ISO-HDLC check value 0xCBF43926.
    expect(crc32(enc.encode('123456789'))).to.equal(0xcbf43926);
    expect(crc32(enc.encode('123456789'))).to.equal(3421780262);
    expect(crc32(enc.encode('The quick brown fox jumps over the lazy dog'))).to.equal(1095738169);
  });

  it('matches zlib.crc32 for every length 0-17 (the slice-by-8 loop and its tail)', () => {
    const python = [
      0, 3523407757, 1450093756, 1072431617, 3275491539, 2479204837, 2166536468, 1934777930, 3055162643, 2628810444,
      1028345809, 4282207055, 2789998684, 488519188, 3323899380, 547811694, 2124329020, 3289431672,
    ];
    const d = pattern(17);
    python.forEach((want, n) => expect(crc32(d.subarray(0, n)), `length ${n}`).to.equal(want));
  });

  it('matches zlib.crc32 for larger inputs and repeated bytes', () => {
    const d = pattern(100003);
    expect(crc32(d)).to.equal(3609869409);
    // An unaligned view (byteOffset 5) in the middle of the buffer.
    expect(crc32(d.subarray(5, 70001))).to.equal(3217581998);
    const b = new Uint8Array(1024);
    for (let i = 0; i < 1024; i++) b[i] = i & 0xff;
    expect(crc32(b)).to.equal(3070970918);
    expect(crc32(new Uint8Array(1000))).to.equal(101390208);
  });

  it('continues from a previous value, as zlib.crc32(data, value)', () => {
    expect(crc32(enc.encode('world'), crc32(enc.encode('hello ')))).to.equal(222957957);
    expect(crc32(enc.encode('hello world'))).to.equal(222957957);
    expect(crc32(enc.encode('abc'), 0xffffffff)).to.equal(899311407);
    expect(crc32(new Uint8Array(0), 12345)).to.equal(12345);
    const d = pattern(1000);
    const whole = crc32(d);
    for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) {
      expect(crc32(d.subarray(cut), crc32(d.subarray(0, cut))), `cut at ${cut}`).to.equal(whole);
    }
  });

  it("agrees with node:zlib's crc32 on random data of random lengths", () => {
    let seed = 42;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    for (let t = 0; t < 200; t++) {
      const n = (rand() << 4) | (rand() & 15);
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = rand();
      const off = t % 7;
      const view = b.subarray(Math.min(off, n));
      expect(crc32(view)).to.equal(zlib.crc32(view));
      const prev = (rand() << 24 | rand() << 16 | rand() << 8 | rand()) >>> 0;
      expect(crc32(view, prev)).to.equal(zlib.crc32(view, prev));
    }
  });

  it('is fast: at least 100 MB/s on 16 MiB', () => {
    const d = pattern(16 << 20);
    crc32(d.subarray(0, 1 << 20));
    const t = performance.now();
    crc32(d);
    const ms = performance.now() - t;
    expect(16 / (ms / 1000)).to.be.greaterThan(100);
  });
});
