/**
 * The audit's zip walk: relaxed where loaders are relaxed, so the audit
 * sees every member a loader could read. PyTorch's reader (miniz) trusts
 * the central directory for names, sizes and method and ignores the local
 * header's flags, name and CRC; CPython's zipfile refuses several of those
 * disagreements. So members are listed from the central directory (every
 * record, duplicates included), their data located through the local
 * header's lengths as miniz does, and each disagreement between the two
 * headers, each flag trick and each bad CRC is reported as a finding rather
 * than an error (pickle-security.md, container tricks).
 *
 * Layout facts: the end record (`PK\x05\x06`, 22 bytes plus a comment of up
 * to 64 KiB) gives the directory's size and offset; a zip64 locator
 * (`PK\x06\x07`) right before it points at the zip64 end record
 * (`PK\x06\x06`) that replaces them. Central records are `PK\x01\x02`
 * (46 bytes + name + extra + comment), local headers `PK\x03\x04` (30 bytes +
 * name + extra). Data in front of the zip shifts every offset by the gap
 * between where the directory is said to start and where it really is.
 */
import type { ByteSource } from '../io/source.js';
import { crc32 } from '../npz/crc32.js';
import { CENTRAL_SIG, EOCD64_SIG, EOCD_SIG, EOCD_SIZE, LOCAL_SIG, LOCATOR64_SIG, MAX_COMMENT } from '../npz/zip-format.js';
import { getInflater } from '../npz/inflate.js';
import { decodeCp437 } from '../npz/zip-read.js';
import type { Severity } from '../pickle/audit-report.js';

/** One central-directory record, its local header checked; the data is read by `memberBytes`. */
export interface WalkedMember {
  name: string;
  /** Where its central record is. */
  centralOffset: number;
  localOffset: number;
  /** Where its data starts (through the local header's lengths, as miniz finds it), or -1 with `error`. */
  dataOffset: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Why the data cannot be read, or null. */
  error: string | null;
  /** Its central record points at an earlier member's local header: that data was audited already. */
  shared: boolean;
}

export type ZipReporter = (kind: string, severity: Severity, message: string, offset: number, member: string | null) => void;

/** Local-header flag bits CPython's zipfile refuses or misreads: 0 encrypted, 5 compressed patched data, 6 strong encryption. */
const TRICK_FLAGS = 0x1 | 0x20 | 0x40;
/** The end record and the longest comment: where the end record is searched for. */
export const TAIL_LENGTH = EOCD_SIZE + MAX_COMMENT;

/** Little-endian reads over one chunk read from the source, at offsets relative to `base` in the source. */
class Chunk {
  readonly view: DataView;
  constructor(readonly b: Uint8Array, readonly base: number) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  has(at: number, n: number): boolean {
    return at >= this.base && at + n <= this.base + this.b.length;
  }
  u16(at: number): number {
    return this.view.getUint16(at - this.base, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at - this.base, true);
  }
  u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 0x100000000;
  }
  sig(at: number, sig: number): boolean {
    return this.has(at, 4) && this.u32(at) === sig;
  }
  bytes(at: number, n: number): Uint8Array {
    return this.b.subarray(at - this.base, at - this.base + n);
  }
}

function chunk(src: ByteSource, at: number, n: number): Chunk {
  const from = Math.max(0, Math.min(at, src.size));
  return new Chunk(src.read(from, Math.max(0, Math.min(n, src.size - from))), from);
}

export interface Directory {
  start: number;
  end: number;
  /** Added to every stored offset: the bytes in front of the zip. */
  shift: number;
}

/** The central directory found from the end record, or null when the source holds no zip end record. */
export function findDirectory(src: ByteSource): Directory | null {
  const tail = chunk(src, src.size - TAIL_LENGTH, TAIL_LENGTH);
  let eocd = -1;
  for (let i = tail.b.length - 22; i >= 0; i--) {
    i = tail.b.lastIndexOf(0x50, i); // 'P', natively: most bytes are not
    if (i < 0) break;
    if (tail.sig(tail.base + i, EOCD_SIG)) {
      eocd = tail.base + i;
      break;
    }
  }
  if (eocd < 0) return null;
  let size = tail.u32(eocd + 12);
  let offset = tail.u32(eocd + 16);
  let endOfDir = eocd;
  const loc = eocd - 20;
  const locator = chunk(src, loc, 20);
  if (locator.sig(loc, LOCATOR64_SIG)) {
    // the zip64 end record sits right before the locator; its stored offset may be shifted like the others
    for (const at of [locator.u64(loc + 8), loc - 56]) {
      const rec = chunk(src, at, 56);
      if (rec.has(at, 56) && rec.sig(at, EOCD64_SIG)) {
        size = rec.u64(at + 40);
        offset = rec.u64(at + 48);
        endOfDir = at;
        break;
      }
    }
  }
  const shift = endOfDir - size - offset;
  for (const start of shift > 0 ? [offset + shift, offset] : [offset]) {
    if (chunk(src, start, 4).sig(start, CENTRAL_SIG) || (size === 0 && start === endOfDir)) {
      return { start, end: Math.min(start + size, endOfDir), shift: start - offset };
    }
  }
  return null;
}

/** Every member the central directory lists, local headers checked as miniz reads them; findings for whatever disagrees. */
export function walkZip(src: ByteSource, dir: Directory, report: ZipReporter): WalkedMember[] {
  const cd = chunk(src, dir.start, dir.end - dir.start);
  const out: WalkedMember[] = [];
  const names = new Set<string>();
  const locals = new Set<number>();
  let pos = dir.start;
  while (cd.has(pos, 46) && cd.sig(pos, CENTRAL_SIG)) {
    const flags = cd.u16(pos + 8);
    const nlen = cd.u16(pos + 28);
    const elen = cd.u16(pos + 30);
    const clen = cd.u16(pos + 32);
    if (!cd.has(pos + 46, nlen + elen)) break;
    const rawName = cd.bytes(pos + 46, nlen);
    const c: Central = {
      flags, method: cd.u16(pos + 10), crc: cd.u32(pos + 16), csize: cd.u32(pos + 20), usize: cd.u32(pos + 24), rawName,
    };
    let lho = cd.u32(pos + 42);
    // zip64 extra: the fields stored as 0xFFFFFFFF, in this order
    for (let e = pos + 46 + nlen; e + 4 <= pos + 46 + nlen + elen;) {
      const id = cd.u16(e);
      const len = cd.u16(e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        if (c.usize === 0xffffffff && cd.has(f, 8)) (c.usize = cd.u64(f)), (f += 8);
        if (c.csize === 0xffffffff && cd.has(f, 8)) (c.csize = cd.u64(f)), (f += 8);
        if (lho === 0xffffffff && cd.has(f, 8)) lho = cd.u64(f);
      }
      e += 4 + len;
    }
    const name = flags & 0x800 ? new TextDecoder().decode(rawName) : decodeCp437(rawName);
    const m: WalkedMember = {
      name, centralOffset: pos, localOffset: lho + dir.shift, dataOffset: -1, method: c.method, crc: c.crc,
      compressedSize: c.csize, size: c.usize, error: null, shared: false,
    };
    out.push(m);
    if (names.has(name)) {
      report('zip-duplicate', 'unknown', `the name ${JSON.stringify(name)} appears more than once: a loader that opens by name sees only one of them`, pos, name);
    }
    names.add(name);
    pos += 46 + nlen + elen + clen;
    if (locals.has(m.localOffset)) {
      // two records, one local header: the data is audited once (a fan-out of one payload costs nothing)
      report('zip-overlap', 'unknown', `its central record points at the local header of an earlier member (byte ${m.localOffset})`, m.centralOffset, name);
      m.shared = true;
      continue;
    }
    locals.add(m.localOffset);
    checkLocal(src, m, c, report);
  }
  return out;
}

interface Central {
  flags: number;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  rawName: Uint8Array;
}

function checkLocal(src: ByteSource, m: WalkedMember, c: Central, report: ZipReporter): void {
  const at = m.localOffset;
  const head = chunk(src, at, 30);
  if (!head.has(at, 30) || !head.sig(at, LOCAL_SIG)) {
    m.error = `no local header at byte ${at}`;
    return;
  }
  const lflags = head.u16(at + 6);
  const lmethod = head.u16(at + 8);
  const lnlen = head.u16(at + 26);
  const lelen = head.u16(at + 28);
  const localName = chunk(src, at + 30, lnlen).b;
  if (localName.length !== c.rawName.length || localName.some((x, i) => x !== c.rawName[i])) {
    report('zip-name-mismatch', 'dangerous',
      `the local header names it ${JSON.stringify(decodeCp437(localName))}, the central directory ${JSON.stringify(m.name)}: scanners and loaders see different files`,
      at, m.name);
  }
  if ((lflags | c.flags) & TRICK_FLAGS) {
    report('zip-flags', 'dangerous',
      `flag bits 0x${((lflags | c.flags) & TRICK_FLAGS).toString(16)} (encryption/patch) set in the ${lflags & TRICK_FLAGS ? 'local' : 'central'} header: zipfile refuses the member, miniz reads it`,
      at, m.name);
  }
  const disagree: string[] = [];
  if (lmethod !== c.method) disagree.push(`method ${lmethod} vs ${c.method}`);
  // with a data descriptor (bit 3) the local CRC and sizes are legitimately zero; 0xFFFFFFFF defers to zip64
  if (!(lflags & 0x8)) {
    const local = [head.u32(at + 14), head.u32(at + 18), head.u32(at + 22)];
    const central = [c.crc, c.csize, c.usize];
    ['CRC', 'compressed size', 'size'].forEach((what, i) => {
      if (local[i] !== central[i] && local[i] !== 0xffffffff) disagree.push(`${what} ${local[i]} vs ${central[i]}`);
    });
  }
  if (disagree.length > 0) {
    report('zip-header-mismatch', 'dangerous', `the local header and the central directory disagree: ${disagree.join(', ')}`, at, m.name);
  }
  const dataAt = at + 30 + lnlen + lelen;
  if (dataAt + c.csize > src.size) {
    m.error = `its ${c.csize} bytes of data run past the end of the archive`;
    return;
  }
  if (c.method !== 0 && c.method !== 8) {
    m.error = `compression method ${c.method} is not read by the audit`;
    return;
  }
  m.dataOffset = dataAt;
}

/** A member's bytes (inflated). Throws an NpyioError when they do not inflate to the declared size. */
export function memberBytes(src: ByteSource, m: WalkedMember): Uint8Array {
  const raw = src.read(m.dataOffset, m.compressedSize);
  return m.method === 0 ? raw : getInflater()(raw, m.size);
}

/** Bytes read per step when a stored member too large to hold is checksummed. */
const CRC_STEP = 16 * 1024 * 1024;

/** The CRC-32 check, from the bytes in hand or (a large stored member) step by step from the source. */
export function checkCrc(src: ByteSource, m: WalkedMember, data: Uint8Array | null, report: ZipReporter): void {
  let crc = 0;
  if (data !== null) crc = crc32(data);
  else for (let at = 0; at < m.size; at += CRC_STEP) crc = crc32(src.read(m.dataOffset + at, Math.min(CRC_STEP, m.size - at)), crc);
  if (crc !== m.crc) {
    report('zip-bad-crc', 'unknown', 'the CRC-32 does not match the data: zipfile refuses the member, miniz reads it', m.localOffset, m.name);
  }
}
