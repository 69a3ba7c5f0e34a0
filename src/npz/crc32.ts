/**
 * CRC-32 as zip and zlib compute it (ISO-HDLC: reflected polynomial
 * 0xEDB88320, initial value and final xor 0xFFFFFFFF), table-driven with
 * slice-by-8: eight 256-entry tables let the main loop fold eight bytes per
 * step. `crc32(b, crc32(a))` equals `crc32(a + b)`, as `zlib.crc32` does.
 */

/** Eight tables of 256 entries, one after the other; table k advances a byte k further. */
const T = /* @__PURE__ */ (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** Whether an Int32Array reads memory little-endian, as the word loop below needs. */
const LITTLE_ENDIAN = new Uint8Array(Int32Array.of(1).buffer)[0] === 1;

/**
 * The CRC-32 of `bytes`, continuing from `previous` (the CRC of the bytes
 * before them; 0 to start). Returns an unsigned 32-bit number, as Python's
 * `zlib.crc32(bytes, previous)`.
 */
export function tableCrc32(bytes: Uint8Array, previous = 0): number {
  const t = T;
  let c = ~previous;
  let i = 0;
  const n = bytes.length;
  if (LITTLE_ENDIAN && n >= 32) {
    // Bytes up to a 4-byte boundary, then 8 bytes a step read as two aligned
    // words (twice as fast as assembling them from bytes).
    while ((bytes.byteOffset + i) & 3) c = t[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, ((n - i) >>> 3) << 1);
    const wn = words.length;
    for (let w = 0; w < wn; w += 2) {
      c ^= words[w]!;
      const h = words[w + 1]!;
      c =
        t[1792 + (c & 0xff)]! ^
        t[1536 + ((c >>> 8) & 0xff)]! ^
        t[1280 + ((c >>> 16) & 0xff)]! ^
        t[1024 + (c >>> 24)]! ^
        t[768 + (h & 0xff)]! ^
        t[512 + ((h >>> 8) & 0xff)]! ^
        t[256 + ((h >>> 16) & 0xff)]! ^
        t[h >>> 24]!;
    }
    i += wn << 2;
  } else {
    const end8 = n - (n & 7);
    while (i < end8) {
      c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
      c =
        t[1792 + (c & 0xff)]! ^
        t[1536 + ((c >>> 8) & 0xff)]! ^
        t[1280 + ((c >>> 16) & 0xff)]! ^
        t[1024 + (c >>> 24)]! ^
        t[768 + bytes[i + 4]!]! ^
        t[512 + bytes[i + 5]!]! ^
        t[256 + bytes[i + 6]!]! ^
        t[bytes[i + 7]!]!;
      i += 8;
    }
  }
  while (i < n) c = t[(c ^ bytes[i++]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** `zlib.crc32`'s contract: the CRC-32 of `bytes` continuing from `previous`, unsigned. */
export type Crc32 = (bytes: Uint8Array, previous?: number) => number;

let implementation: Crc32 = tableCrc32;

/**
 * The CRC-32 every zip member is checked and written with (the reader, the
 * writer, the audit): the table above by default; the Node entry installs
 * node:zlib's, three to four times as fast.
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return implementation(bytes, previous);
}

export function setCrc32(fn: Crc32): void {
  implementation = fn;
}
