/**
 * The zip layer of np.savez / np.savez_compressed: an archive laid out
 * exactly as CPython 3.11's zipfile writes it for numpy, which opens
 * `ZipFile(file, mode="w", compression=..., allowZip64=True)` and writes
 * each member through `zipf.open(name, 'w', force_zip64=True)` into a
 * seekable file:
 *
 * - Local header: version 45 to extract, flags 0 (0x800 when the name is
 *   not ASCII), method 0 (stored) or 8 (deflate), time 00:00 and date
 *   1980-01-01, the real CRC-32, both sizes 0xFFFFFFFF and a 20-byte zip64
 *   extra (id 1) holding the real size then the compressed size. No data
 *   descriptor.
 * - Central directory: version made by 45 / system 3 (Unix), version 45 to
 *   extract, the same flags, method, time, date and CRC, external attributes
 *   0o600 << 16. The 32-bit sizes and offset are the real ones; a zip64
 *   extra appears only when needed, holding size and compressed size when
 *   either exceeds ZIP64_LIMIT (2**31 - 1), then the local header offset
 *   when it exceeds ZIP64_LIMIT; the fields it replaces read 0xFFFFFFFF.
 * - End: a zip64 end record and locator when there are more than 0xFFFF
 *   members or the central directory's offset or size exceeds ZIP64_LIMIT;
 *   then the classic end record, whose count, size and offset are clamped
 *   to 0xFFFF / 0xFFFFFFFF (so an offset between 2**31 and 2**32 is still
 *   written as is). No archive comment. No members gives the 22-byte empty
 *   zip.
 *
 * Member names are encoded as given (ASCII, else UTF-8 with flag 0x800):
 * numpy's naming rules (key + '.npy', a NUL ending the name) belong to the
 * caller. Stored members therefore come out byte-identical to numpy's; for
 * deflated members the bytes are identical when the Deflater emits the same
 * stream as the zlib CPython uses (see deflate.ts).
 *
 * The archive is returned as a list of parts: headers, the member data
 * views as given (stored members are never copied), the central directory
 * and the end records, so a 2 GB member is never copied into one buffer.
 */
import { concatBytes } from '../io/concat.js';
import { NpyioArgumentError } from '../errors.js';
import { crc32 as defaultCrc32 } from './crc32.js';
import { CENTRAL_SIG, EOCD64_SIG, EOCD_SIG, LOCAL_SIG, LOCATOR64_SIG } from './zip-format.js';
import { getDeflater, type Deflater } from './deflate.js';

export interface ZipMember {
  /** The member name as stored (e.g. 'x.npy'). */
  name: string;
  /** The member's bytes, or its bytes in parts (e.g. npy header, then a view on the array's data). */
  data: Uint8Array | readonly Uint8Array[];
  /** Deflate the member (savez_compressed) rather than store it (savez). */
  compress: boolean;
}

export interface ZipWriteOptions {
  /** Raw deflate for compressed members; defaults to the one set with setDeflater (fflate unless replaced). */
  deflater?: Deflater;
  /** CRC-32 with a running value, as zlib.crc32(bytes, previous); defaults to ./crc32.js. */
  crc32?: (bytes: Uint8Array, previous?: number) => number;
}

/** CPython zipfile's ZIP64_LIMIT: sizes and offsets above it need zip64 fields. */
export const ZIP64_LIMIT = 2 ** 31 - 1;
/** CPython zipfile's ZIP_FILECOUNT_LIMIT: more members than this need the zip64 end record. */
export const ZIP_FILECOUNT_LIMIT = 0xffff;

const ZIP64_VERSION = 45;
const CREATE_SYSTEM_UNIX = 3;
const FLAG_UTF8 = 0x800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const EXTERNAL_ATTR = (0o600 << 16) >>> 0;

interface Entry {
  name: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
}

/** The name's bytes and flag as zipfile's _encodeFilenameFlags gives them. */
function encodeName(name: string): { bytes: Uint8Array; flags: number } {
  let ascii = true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) ascii = false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < name.length && (name.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!pair) {
        throw new NpyioArgumentError(
          `'utf-8' codec can't encode character '\\u${c.toString(16)}' in position ${[...name.slice(0, i)].length}: surrogates not allowed`,
          { pythonType: 'UnicodeEncodeError' },
        );
      }
      i++;
    }
  }
  const bytes = new TextEncoder().encode(name);
  if (bytes.length > 0xffff) {
    throw new NpyioArgumentError(`zip member name is ${bytes.length} bytes; a zip name holds at most 65535`, { pythonType: 'struct.error' });
  }
  return { bytes, flags: ascii ? 0 : FLAG_UTF8 };
}

function setU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 0x1_0000_0000, true);
  view.setUint32(at + 4, Math.floor(value / 0x1_0000_0000), true);
}


function localHeader(e: Entry): Uint8Array {
  const out = new Uint8Array(30 + e.name.length + 20);
  const v = new DataView(out.buffer);
  v.setUint32(0, LOCAL_SIG, true);
  v.setUint16(4, ZIP64_VERSION, true); // extract_version, reserved 0
  v.setUint16(6, e.flags, true);
  v.setUint16(8, e.method, true);
  v.setUint16(10, DOS_TIME, true);
  v.setUint16(12, DOS_DATE, true);
  v.setUint32(14, e.crc, true);
  v.setUint32(18, 0xffffffff, true); // compress_size, in the zip64 extra
  v.setUint32(22, 0xffffffff, true); // file_size, in the zip64 extra
  v.setUint16(26, e.name.length, true);
  v.setUint16(28, 20, true);
  out.set(e.name, 30);
  const x = 30 + e.name.length;
  v.setUint16(x, 1, true);
  v.setUint16(x + 2, 16, true);
  setU64(v, x + 4, e.size);
  setU64(v, x + 12, e.compressedSize);
  return out;
}

function centralHeaderLength(e: Entry): number {
  const n = centralExtra(e).length;
  return 46 + e.name.length + (n ? 4 + 8 * n : 0);
}

function centralExtra(e: Entry): number[] {
  const extra: number[] = [];
  if (e.size > ZIP64_LIMIT || e.compressedSize > ZIP64_LIMIT) extra.push(e.size, e.compressedSize);
  if (e.offset > ZIP64_LIMIT) extra.push(e.offset);
  return extra;
}

function writeCentralHeader(v: DataView, out: Uint8Array, at: number, e: Entry): number {
  const extra = centralExtra(e);
  const bigSizes = e.size > ZIP64_LIMIT || e.compressedSize > ZIP64_LIMIT;
  const bigOffset = e.offset > ZIP64_LIMIT;
  const extraLength = extra.length ? 4 + 8 * extra.length : 0;
  v.setUint32(at, CENTRAL_SIG, true);
  v.setUint8(at + 4, ZIP64_VERSION); // create_version
  v.setUint8(at + 5, CREATE_SYSTEM_UNIX);
  v.setUint16(at + 6, ZIP64_VERSION, true); // extract_version, reserved 0
  v.setUint16(at + 8, e.flags, true);
  v.setUint16(at + 10, e.method, true);
  v.setUint16(at + 12, DOS_TIME, true);
  v.setUint16(at + 14, DOS_DATE, true);
  v.setUint32(at + 16, e.crc, true);
  v.setUint32(at + 20, bigSizes ? 0xffffffff : e.compressedSize, true);
  v.setUint32(at + 24, bigSizes ? 0xffffffff : e.size, true);
  v.setUint16(at + 28, e.name.length, true);
  v.setUint16(at + 30, extraLength, true);
  v.setUint16(at + 32, 0, true); // comment length
  v.setUint16(at + 34, 0, true); // disk number start
  v.setUint16(at + 36, 0, true); // internal attributes
  v.setUint32(at + 38, EXTERNAL_ATTR, true);
  v.setUint32(at + 42, bigOffset ? 0xffffffff : e.offset, true);
  out.set(e.name, at + 46);
  let x = at + 46 + e.name.length;
  if (extra.length) {
    v.setUint16(x, 1, true);
    v.setUint16(x + 2, 8 * extra.length, true);
    x += 4;
    for (const value of extra) {
      setU64(v, x, value);
      x += 8;
    }
  }
  return x;
}

/** The end records as _write_end_record writes them. */
function endRecords(count: number, cdOffset: number, cdSize: number): Uint8Array {
  const zip64 = count > ZIP_FILECOUNT_LIMIT || cdOffset > ZIP64_LIMIT || cdSize > ZIP64_LIMIT;
  const out = new Uint8Array((zip64 ? 56 + 20 : 0) + 22);
  const v = new DataView(out.buffer);
  let at = 0;
  if (zip64) {
    v.setUint32(0, EOCD64_SIG, true);
    setU64(v, 4, 44); // size of the rest of this record
    v.setUint16(12, 45, true); // version made by
    v.setUint16(14, 45, true); // version to extract
    v.setUint32(16, 0, true); // this disk
    v.setUint32(20, 0, true); // disk with the central directory
    setU64(v, 24, count);
    setU64(v, 32, count);
    setU64(v, 40, cdSize);
    setU64(v, 48, cdOffset);
    v.setUint32(56, LOCATOR64_SIG, true);
    v.setUint32(60, 0, true); // disk with the zip64 end record
    setU64(v, 64, cdOffset + cdSize); // where the zip64 end record is
    v.setUint32(72, 1, true); // number of disks
    at = 76;
  }
  v.setUint32(at, EOCD_SIG, true);
  v.setUint16(at + 4, 0, true);
  v.setUint16(at + 6, 0, true);
  v.setUint16(at + 8, Math.min(count, 0xffff), true);
  v.setUint16(at + 10, Math.min(count, 0xffff), true);
  v.setUint32(at + 12, Math.min(cdSize, 0xffffffff), true);
  v.setUint32(at + 16, Math.min(cdOffset, 0xffffffff), true);
  v.setUint16(at + 20, 0, true); // comment length
  return out;
}

/**
 * The zip archive holding `members` in order, as numpy's savez /
 * savez_compressed write it through CPython 3.11's zipfile, returned as
 * parts to be written one after another. Member data views given by the
 * caller appear in the list as they are (stored members); a deflated member
 * is one new buffer (its parts are joined for the deflater first).
 */
export function zipParts(members: readonly ZipMember[], opts: ZipWriteOptions = {}): Uint8Array[] {
  const crc32 = opts.crc32 ?? defaultCrc32;
  const out: Uint8Array[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const member of members) {
    const { bytes: name, flags } = encodeName(member.name);
    const parts = member.data instanceof Uint8Array ? [member.data] : member.data;
    let size = 0;
    let crc = 0;
    for (const p of parts) {
      size += p.length;
      crc = crc32(p, crc);
    }
    let body: readonly Uint8Array[];
    let compressedSize: number;
    if (member.compress) {
      const deflated = (opts.deflater ?? getDeflater())(parts.length === 1 ? parts[0]! : concatBytes(parts));
      body = [deflated];
      compressedSize = deflated.length;
    } else {
      body = parts;
      compressedSize = size;
    }
    const entry: Entry = { name, flags, method: member.compress ? METHOD_DEFLATED : METHOD_STORED, crc: crc >>> 0, size, compressedSize, offset };
    entries.push(entry);
    const header = localHeader(entry);
    out.push(header);
    for (const p of body) if (p.length) out.push(p);
    offset += header.length + compressedSize;
  }
  const cdOffset = offset;
  const cdSize = entries.reduce((n, e) => n + centralHeaderLength(e), 0);
  if (entries.length) {
    const cd = new Uint8Array(cdSize);
    const v = new DataView(cd.buffer);
    let at = 0;
    for (const e of entries) at = writeCentralHeader(v, cd, at, e);
    out.push(cd);
  }
  out.push(endRecords(entries.length, cdOffset, cdSize));
  return out;
}

/** The same archive in one buffer (copies every part; fine for small archives). */
export function zipBytes(members: readonly ZipMember[], opts: ZipWriteOptions = {}): Uint8Array {
  return concatBytes(zipParts(members, opts));
}
