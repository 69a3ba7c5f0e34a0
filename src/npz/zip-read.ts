/**
 * Reading zip archives as CPython's zipfile does (numpy's np.load of an .npz
 * is `zipfile.ZipFile(file)` then `zip.open(member).read()`), over a
 * ByteSource with positional reads (or, through the plans, any async
 * source: a Blob, an HTTP server): opening reads only the end records and
 * the central directory, each member is read when it is asked for.
 *
 * What follows CPython (3.11's zipfile; the overlap check is 3.12's):
 * - The end-of-central-directory record is the last 22 bytes when they start
 *   with its signature and end with a zero comment length; else the last
 *   signature in the file's final 64 KiB. A zip64 locator right before it,
 *   and a zip64 end record right before that, replace its counts and offsets.
 *   The entry counts are never used: the directory is read record by record
 *   until its declared size is used up.
 * - The directory is trusted (the local header is checked for its signature
 *   and name only): sizes, CRC and method come from the directory, the zip64
 *   extra field supplies sizes and offset stored as 0xFFFFFFFF.
 * - Data in front of the zip (a zip appended to another file): the gap
 *   between where the end record says the directory starts and where it
 *   really ends (right before the end records) is CPython's `concat`, added
 *   to every offset.
 * - Names are UTF-8 with flag bit 11, else cp437; a name is cut at its first
 *   NUL (the uncut name is what the local header must repeat).
 * - Errors carry CPython's words and exception type (`pythonType`), the
 *   member's name (`member`) and the byte offset where it was found.
 *
 * Stricter than CPython: a member must fit between its local header and the
 * next one (or the central directory), as CPython 3.12 checks ("Overlapped
 * entries"); a member's data must have exactly its declared size (CPython
 * cuts longer output at the declared size and checks the CRC); bzip2 and
 * lzma members (methods 12, 14) are refused.
 *
 * This module is browser-safe: it imports no `node:` module.
 */
import { ArrayTooLargeError, NpyioError, ZipFormatError } from '../errors.js';
import { utf8Error } from '../io/utf8.js';
import type { ByteSource } from '../io/source.js';
import { runPlanSync, type ReadPlan } from '../io/plan.js';
import { pyBytesRepr, pyStrRepr } from '../npy/pyrepr.js';
import { crc32 } from './crc32.js';
import {
  CENTRAL_SIG, CENTRAL_SIZE, EOCD64_SIG, EOCD64_SIZE, EOCD_SIG, EOCD_SIZE, LOCAL_SIG, LOCAL_SIZE, LOCATOR64_SIG, LOCATOR64_SIZE, MAX_COMMENT,
} from './zip-format.js';
import { getInflater, MAX_DEFLATE_RATIO, type Inflater } from './inflate.js';


export { ZipFormatError };

/**
 * How large an archive `readCentralDirectory` and `readMember` accept (the
 * load options of the same names; see `LoadOptions`).
 */
export interface ZipLimits {
  /** Central-directory entries an archive may have (default DEFAULT_MAX_ZIP_ENTRIES). */
  maxZipEntries?: number;
  /** The largest declared uncompressed size of one member that is read (default: no limit but the runtime's buffers). */
  maxMemberBytes?: number;
}

/**
 * numpy writes one entry per array, so an archive of a million arrays is far
 * past any real npz; each entry costs us an object and its name strings, and
 * a crafted zip64 directory packs 46-byte records by the million, so the
 * limit bounds what opening such a file allocates.
 */
export const DEFAULT_MAX_ZIP_ENTRIES = 1_000_000;

/** One member as the central directory describes it (CPython's ZipInfo, the parts a reader needs). */
export interface ZipEntry {
  /** The member name: decoded (UTF-8 with flag bit 11, else cp437) and cut at its first NUL (ZipInfo.filename). */
  readonly name: string;
  /** The name as decoded, before the NUL cut (ZipInfo.orig_filename): the local header must repeat it. */
  readonly origName: string;
  /** General purpose flag bits: 0x1 encrypted, 0x8 data descriptor, 0x800 UTF-8 name. */
  readonly flags: number;
  /** Compression method: 0 stored, 8 deflate. */
  readonly method: number;
  /** CRC-32 of the uncompressed data, unsigned. */
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the local header in the source: the stored offset plus any data in front of the zip. */
  readonly localHeaderOffset: number;
  /**
   * Where the member must end: the next local header by offset, or the
   * central directory for the last one. Header and data past it overlap
   * another member (a zip bomb's trick).
   */
  readonly endOffset: number;
  /** Offset of the member's central directory record in the source. */
  readonly centralOffset: number;
}

/** zipfile's MAX_EXTRACT_VERSION: 6.3. */
const MAX_EXTRACT_VERSION = 63;

const FLAG_ENCRYPTED = 0x1;
const FLAG_COMPRESSED_PATCH = 0x20;
const FLAG_STRONG_ENCRYPTION = 0x40;
const FLAG_UTF8 = 0x800;

const STORED = 0;
const DEFLATED = 8;
const METHOD_NAMES: Record<number, string> = { 12: 'bzip2', 14: 'lzma' };

const U32_MAX = 0xffffffffn;
const U64_MAX = 0xffffffffffffffffn;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function u64(b: Uint8Array, o: number): bigint {
  return BigInt(u32(b, o)) | (BigInt(u32(b, o + 4)) << 32n);
}

function badZip(message: string, offset: number, member?: string): ZipFormatError {
  return new ZipFormatError(message, member === undefined ? { pythonType: 'BadZipFile', offset } : { pythonType: 'BadZipFile', offset, member });
}

/**
 * One read, its promises checked: exactly `length` bytes, and no RangeError
 * (a buffer the runtime cannot allocate) or TypeError escaping. Other errors
 * (I/O) pass through as the source threw them.
 */
function* readAt(offset: number, length: number, member?: string): ReadPlan<Uint8Array> {
  let b: Uint8Array;
  try {
    b = yield { offset, length };
  } catch (e) {
    if (e instanceof NpyioError) throw e;
    if (e instanceof RangeError) {
      throw new ArrayTooLargeError(`cannot read ${length} bytes at offset ${offset}: ${e.message}`, {
        pythonType: 'MemoryError', offset, ...(member === undefined ? {} : { member }), cause: e,
      });
    }
    if (e instanceof TypeError) {
      throw new NpyioError(`reading ${length} bytes at offset ${offset} failed: ${e.message}`, {
        pythonType: 'OSError', offset, ...(member === undefined ? {} : { member }), cause: e,
      });
    }
    throw e;
  }
  if (b.length !== length) {
    throw new ZipFormatError(`read ${b.length} of ${length} bytes at offset ${offset}: the source ends early (did the file shrink?)`, {
      pythonType: 'EOFError', offset, ...(member === undefined ? {} : { member }),
    });
  }
  return b;
}

// ---- names ----

/** cp437 bytes 0x80-0xFF (0x00-0x7F are ASCII), as Python's cp437 codec maps them. */
const CP437_HIGH = [
  0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7, 0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5, // 0x80
  0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9, 0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192, // 0x90
  0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba, 0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb, // 0xa0
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x2510, // 0xb0
  0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f, 0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567, // 0xc0
  0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256b, 0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580, // 0xd0
  0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4, 0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5, 0x2229, // 0xe0
  0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248, 0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0, // 0xf0
];

/** Python's `bytes.decode('cp437')`: every byte decodes. */
export function decodeCp437(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    s += String.fromCharCode(c < 0x80 ? c : CP437_HIGH[c - 0x80]!);
  }
  return s;
}

// ignoreBOM: Python's 'utf-8' keeps a leading U+FEFF (only 'utf-8-sig' drops it).
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Python's strict `bytes.decode('utf-8')`, its UnicodeDecodeError message included. */
function decodeUtf8(b: Uint8Array, offset: number, member: string | undefined): string {
  let ascii = true;
  for (let i = 0; i < b.length; i++) {
    if (b[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return decodeCp437(b); // the same characters for bytes below 0x80
  const bad = utf8Error(b);
  if (bad !== null) {
    const where =
      bad.end - bad.start === 1
        ? `byte 0x${b[bad.start]!.toString(16).padStart(2, '0')} in position ${bad.start}`
        : `bytes in position ${bad.start}-${bad.end - 1}`;
    throw new ZipFormatError(`'utf-8' codec can't decode ${where}: ${bad.reason}`, {
      pythonType: 'UnicodeDecodeError', offset: offset + bad.start, ...(member === undefined ? {} : { member }),
    });
  }
  return utf8Decoder.decode(b);
}

function decodeName(b: Uint8Array, flags: number, offset: number, member?: string): string {
  return flags & FLAG_UTF8 ? decodeUtf8(b, offset, member) : decodeCp437(b);
}

// ---- the central directory ----

/**
 * The archive's members in central-directory order, as CPython's
 * `ZipFile(file).infolist()` gives them (duplicates kept). Reads the end
 * records with one read of the file's last 22 + 65535 bytes at most, then
 * the central directory (no second read when it lies in that suffix).
 */
export function readCentralDirectory(src: ByteSource, limits: ZipLimits = {}): ZipEntry[] {
  return runPlanSync(centralDirectoryPlan(src.size, limits), (o, n) => src.read(o, n));
}

/** readCentralDirectory as a read plan over a source of `size` bytes (sync or async). */
export function* centralDirectoryPlan(size: number, limits: ZipLimits = {}): ReadPlan<ZipEntry[]> {
  if (size < EOCD_SIZE) throw badZip('File is not a zip file', 0);

  // One suffix read: the end record is 22 bytes plus a comment of at most
  // 65535. (CPython reads one byte more, 22 + 65536, so it also finds a
  // record 65536 bytes from the end whose comment could not fit: a record no
  // writer makes.)
  const tailLen = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = size - tailLen;
  const tail = yield* readAt(tailStart, tailLen);
  /** Bytes [pos, pos + len) of the source, from the suffix when they lie in it. */
  function* bytesAt(pos: number, len: number): ReadPlan<Uint8Array> {
    return pos >= tailStart ? tail.subarray(pos - tailStart, pos - tailStart + len) : yield* readAt(pos, len);
  }

  let at = tailLen - EOCD_SIZE;
  if (!(u32(tail, at) === EOCD_SIG && tail[tailLen - 2] === 0 && tail[tailLen - 1] === 0)) {
    // A comment follows (or this is no zip): the last signature in the
    // suffix, with a whole record after it, as CPython's rfind.
    at = -1;
    for (let i = tailLen - 4; i >= 0; i--) {
      if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
        at = i;
        break;
      }
    }
    if (at < 0 || at + EOCD_SIZE > tailLen) throw badZip('File is not a zip file', tailStart);
  }
  const eocdPos = tailStart + at;
  let cdSize = BigInt(u32(tail, at + 12));
  let cdOffset = BigInt(u32(tail, at + 16));
  let zip64 = false;

  // The zip64 locator sits right before the end record, the zip64 end record
  // right before the locator (CPython ignores the locator's pointer to it).
  const locPos = eocdPos - LOCATOR64_SIZE;
  if (locPos >= 0) {
    const loc = yield* bytesAt(locPos, LOCATOR64_SIZE);
    if (u32(loc, 0) === LOCATOR64_SIG) {
      const disk = u32(loc, 4);
      const disks = u32(loc, 16);
      if (disk !== 0 || disks > 1) throw badZip('zipfiles that span multiple disks are not supported', locPos);
      const rec64Pos = locPos - EOCD64_SIZE;
      // CPython seeks there unguarded; on a file the seek before its start
      // raises OSError, which ZipFile reports as this.
      if (rec64Pos < 0) throw badZip('File is not a zip file', locPos);
      const rec = yield* bytesAt(rec64Pos, EOCD64_SIZE);
      if (u32(rec, 0) === EOCD64_SIG) {
        zip64 = true;
        cdSize = u64(rec, 40);
        cdOffset = u64(rec, 48);
      }
    }
  }

  // `concat` is zero unless bytes precede the zip: the directory ends right
  // before the end records, whatever offset they give for it.
  let concat = BigInt(eocdPos) - cdSize - cdOffset;
  if (zip64) concat -= BigInt(EOCD64_SIZE + LOCATOR64_SIZE);
  const startDirBig = cdOffset + concat;
  if (startDirBig < 0n) throw badZip('Bad offset for central directory', eocdPos);
  // start + size is the end records' position: both are inside the source.
  const startDir = Number(startDirBig);
  const cdLen = Number(cdSize);
  const cd = yield* bytesAt(startDir, cdLen);
  checkEntryCount(cd, startDir, limits.maxZipEntries ?? DEFAULT_MAX_ZIP_ENTRIES);

  interface Draft {
    name: string; origName: string; flags: number; method: number; crc32: number;
    compressedSize: number; uncompressedSize: number; localHeaderOffset: number; centralOffset: number;
  }
  const drafts: Draft[] = [];
  let total = 0;
  while (total < cdLen) {
    const rec = startDir + total;
    if (total + CENTRAL_SIZE > cdLen) throw badZip('Truncated central directory', rec);
    if (u32(cd, total) !== CENTRAL_SIG) throw badZip('Bad magic number for central directory', rec);
    const extractVersion = cd[total + 6]!;
    const flags = u16(cd, total + 8);
    const method = u16(cd, total + 10);
    const crc = u32(cd, total + 16);
    let compSize = BigInt(u32(cd, total + 20));
    let fileSize = BigInt(u32(cd, total + 24));
    const nameLen = u16(cd, total + 28);
    const extraLen = u16(cd, total + 30);
    const commentLen = u16(cd, total + 32);
    let headerOffset = BigInt(u32(cd, total + 42));

    // Like BytesIO reads, the variable parts are cut at the directory's end.
    const nameStart = total + CENTRAL_SIZE;
    const nameBytes = cd.subarray(nameStart, Math.min(nameStart + nameLen, cdLen));
    const origName = decodeName(nameBytes, flags, startDir + nameStart);
    const nul = origName.indexOf('\0');
    const name = nul >= 0 ? origName.slice(0, nul) : origName;
    const extraStart = Math.min(nameStart + nameLen, cdLen);
    const extra = cd.subarray(extraStart, Math.min(nameStart + nameLen + extraLen, cdLen));

    if (extractVersion > MAX_EXTRACT_VERSION) {
      throw new ZipFormatError(`zip file version ${(extractVersion / 10).toFixed(1)}`, {
        pythonType: 'NotImplementedError', offset: rec, member: name,
      });
    }

    // ZipInfo._decodeExtra: every field must fit; zip64 (0x0001) fields
    // replace, in order, the size, compressed size and offset stored as 0xFFFFFFFF.
    for (let e = 0; extra.length - e >= 4;) {
      const tp = u16(extra, e);
      const ln = u16(extra, e + 2);
      if (ln + 4 > extra.length - e) {
        throw badZip(`Corrupt extra field ${tp.toString(16).padStart(4, '0')} (size=${ln})`, startDir + extraStart + e, name);
      }
      if (tp === 0x0001) {
        let d = e + 4;
        const dEnd = e + 4 + ln;
        const take = (field: string): bigint => {
          if (d + 8 > dEnd) throw badZip(`Corrupt zip64 extra field. ${field} not found.`, startDir + extraStart + e, name);
          const v = u64(extra, d);
          d += 8;
          return v;
        };
        if (fileSize === U64_MAX || fileSize === U32_MAX) fileSize = take('File size');
        if (compSize === U32_MAX) compSize = take('Compress size');
        if (headerOffset === U32_MAX) headerOffset = take('Header offset');
      }
      e += ln + 4;
    }

    drafts.push({
      name, origName, flags, method, crc32: crc,
      // Above 2**53 these round; such sizes and offsets are past any source and refused on read.
      compressedSize: Number(compSize),
      uncompressedSize: Number(fileSize),
      localHeaderOffset: Number(headerOffset + concat),
      centralOffset: rec,
    });
    total += CENTRAL_SIZE + nameLen + extraLen + commentLen;
  }

  // CPython 3.12's overlap check: by offset, each member must end where the
  // next begins; the last where the directory begins. Python's sort is
  // stable, so of two members at one offset the first listed keeps the room.
  const order = drafts.map((_, i) => i);
  order.sort((a, b) => drafts[b]!.localHeaderOffset - drafts[a]!.localHeaderOffset || a - b);
  const ends = new Array<number>(drafts.length);
  let end = startDir;
  for (const i of order) {
    ends[i] = end;
    end = drafts[i]!.localHeaderOffset;
  }
  return drafts.map((d, i) => ({ ...d, endOffset: ends[i]! }));
}

/**
 * maxZipEntries, before any entry is decoded: the records are counted by
 * their lengths alone (a broken record ends the count; the decoding loop
 * reports it).
 */
function checkEntryCount(cd: Uint8Array, startDir: number, max: number): void {
  let count = 0;
  for (let at = 0; at + CENTRAL_SIZE <= cd.length && u32(cd, at) === CENTRAL_SIG; count++) {
    at += CENTRAL_SIZE + u16(cd, at + 28) + u16(cd, at + 30) + u16(cd, at + 32);
  }
  if (count > max) {
    throw badZip(`Too many entries: the central directory holds ${count}, over the limit of ${max} (option maxZipEntries)`, startDir);
  }
}

// ---- members ----

/**
 * The member's uncompressed bytes, checked as CPython's `ZipFile.open` and
 * `ZipExtFile.read` check them: the local header's signature and name,
 * encryption, method, then the data's size and CRC-32. A stored member of a
 * source in memory is a zero-copy view on it. Nothing is allocated beyond
 * what the source holds (the compressed data) or what a deflate stream of
 * that length could inflate to.
 */
export function readMember(src: ByteSource, entry: ZipEntry, inflater: Inflater = getInflater(), limits: ZipLimits = {}): Uint8Array {
  return runPlanSync(memberPlan(src.size, entry, inflater, limits), (o, n) => src.read(o, n));
}

/**
 * A member's local header checked as zipfile checks it against the directory
 * entry (magic, flags, name, no overlap with the next member): where the
 * member's data starts. Nothing of the data is read.
 */
export function* localDataPlan(size: number, entry: ZipEntry): ReadPlan<number> {
  const member = entry.name;
  const h = entry.localHeaderOffset;
  const fail = (message: string, pythonType: string, offset: number): ZipFormatError =>
    new ZipFormatError(message, { pythonType, offset, member });

  // A seek before the start of a file: what np.load(path) reports (a BytesIO says ValueError 'negative seek value').
  if (h < 0) throw fail('[Errno 22] Invalid argument', 'OSError', h);
  if (!(h <= size - LOCAL_SIZE)) throw fail('Truncated file header', 'BadZipFile', h);
  const head = yield* readAt(h, LOCAL_SIZE, member);
  if (u32(head, 0) !== LOCAL_SIG) throw fail('Bad magic number for file header', 'BadZipFile', h);
  const localFlags = u16(head, 6);
  const nameLen = u16(head, 26);
  const extraLen = u16(head, 28);
  const nameAt = h + LOCAL_SIZE;
  const nameBytes = yield* readAt(nameAt, Math.min(nameLen, size - nameAt), member);
  // Where the data starts: after the name and extra field, or the source's end.
  const dataAt = Math.min(nameAt + nameLen + extraLen, size);

  if (entry.flags & FLAG_COMPRESSED_PATCH) throw fail('compressed patched data (flag bit 5)', 'NotImplementedError', h);
  if (entry.flags & FLAG_STRONG_ENCRYPTION) throw fail('strong encryption (flag bit 6)', 'NotImplementedError', h);
  const localName = decodeName(nameBytes, localFlags, nameAt, member);
  if (localName !== entry.origName) {
    throw fail(`File name in directory ${pyStrRepr(entry.origName)} and header ${pyBytesRepr(nameBytes)} differ.`, 'BadZipFile', nameAt);
  }
  if (!(dataAt + entry.compressedSize <= entry.endOffset)) {
    throw fail(`Overlapped entries: ${pyStrRepr(entry.origName)} (possible zip bomb)`, 'BadZipFile', h);
  }
  return dataAt;
}

/** readMember as a read plan over a source of `size` bytes: the local header, then the member's data. */
export function* memberPlan(size: number, entry: ZipEntry, inflater: Inflater = getInflater(), limits: ZipLimits = {}): ReadPlan<Uint8Array> {
  const member = entry.name;
  const h = entry.localHeaderOffset;
  // The declared size, before anything is read: numpy reads a member that
  // declares 1 TiB and holds 208 bytes (zipfile stops at the data's end), so
  // a declared size alone is no error; past the caller's limit it is refused.
  const maxMember = limits.maxMemberBytes;
  if (maxMember !== undefined && entry.uncompressedSize > maxMember) {
    throw new ArrayTooLargeError(
      `File ${pyStrRepr(member)} declares ${entry.uncompressedSize} uncompressed bytes, over the limit of ${maxMember} (option maxMemberBytes)`,
      { pythonType: 'MemoryError', offset: entry.centralOffset, member },
    );
  }
  const fail = (message: string, pythonType: string, offset: number): ZipFormatError =>
    new ZipFormatError(message, { pythonType, offset, member });
  const dataAt = yield* localDataPlan(size, entry);
  const compressedSize = entry.compressedSize;
  if (entry.flags & FLAG_ENCRYPTED) {
    throw fail(`File ${pyStrRepr(member)} is encrypted, password required for extraction`, 'RuntimeError', h);
  }
  const method = entry.method;
  if (method !== STORED && method !== DEFLATED) {
    const known = METHOD_NAMES[method];
    throw fail(
      known === undefined
        ? 'That compression method is not supported'
        : `That compression method is not supported by npyio: ${known} (method ${method}); npyio reads stored and deflated members`,
      'NotImplementedError',
      h,
    );
  }
  // endOffset is inside the source, so this holds; kept for entries made by hand.
  if (!(dataAt + compressedSize <= size)) throw fail(`member data runs past the end of the source (${size} bytes)`, 'EOFError', dataAt);

  const declared = entry.uncompressedSize;
  const compressed = compressedSize === 0 ? new Uint8Array(0) : yield* readAt(dataAt, compressedSize, member);
  let data: Uint8Array;
  if (method === STORED) {
    if (compressedSize !== declared) {
      throw fail(`File ${pyStrRepr(member)} stores ${compressedSize} bytes but declares ${declared}`, 'BadZipFile', dataAt);
    }
    data = compressed;
  } else {
    if (!(declared <= MAX_DEFLATE_RATIO * compressedSize) && !(declared === 0 && compressedSize === 0)) {
      throw fail(`File ${pyStrRepr(member)} inflates to less than its declared size of ${declared} bytes`, 'BadZipFile', dataAt);
    }
    data = inflateMember(inflater, compressed, declared, member, dataAt);
  }
  if (crc32(data) !== entry.crc32) throw fail(`Bad CRC-32 for file ${pyStrRepr(member)}`, 'BadZipFile', dataAt);
  return data;
}

function inflateMember(inflater: Inflater, compressed: Uint8Array, declared: number, member: string, offset: number): Uint8Array {
  let data: Uint8Array;
  try {
    data = compressed.length === 0 ? new Uint8Array(0) : inflater(compressed, declared);
  } catch (e) {
    if (e instanceof ArrayTooLargeError) throw new ArrayTooLargeError(e.message, { pythonType: e.pythonType, offset, member, cause: e });
    if (e instanceof NpyioError) {
      // The inflater's size errors read `inflates past ...`: name the member as CPython's messages do.
      const message = e.pythonType === 'BadZipFile' ? `File ${pyStrRepr(member)} ${e.message}` : e.message;
      throw new ZipFormatError(message, { pythonType: e.pythonType, offset, member, cause: e });
    }
    if (e instanceof RangeError) {
      throw new ArrayTooLargeError(`cannot inflate ${declared} bytes: ${e.message}`, { pythonType: 'MemoryError', offset, member, cause: e });
    }
    throw new ZipFormatError(`Error -3 while decompressing data: ${e instanceof Error ? e.message : String(e)}`, {
      pythonType: 'zlib.error', offset, member, cause: e,
    });
  }
  if (data.length !== declared) {
    const how = data.length > declared ? 'past' : 'to less than';
    throw new ZipFormatError(`File ${pyStrRepr(member)} inflates ${how} its declared size of ${declared} bytes`, {
      pythonType: 'BadZipFile', offset, member,
    });
  }
  return data;
}
