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
import { crc32 } from '../npz/crc32.js';
import { getInflater } from '../npz/inflate.js';
import { decodeCp437 } from '../npz/zip-read.js';
import type { Severity } from '../pickle/audit-report.js';

export interface WalkedMember {
  name: string;
  /** Where its central record is. */
  centralOffset: number;
  localOffset: number;
  /** The member's bytes (inflated), or null when they could not be read (`error` says why) or were read already. */
  data: Uint8Array | null;
  error: string | null;
}

export type ZipReporter = (kind: string, severity: Severity, message: string, offset: number, member: string | null) => void;

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
/** Local-header flag bits CPython's zipfile refuses or misreads: 0 encrypted, 5 compressed patched data, 6 strong encryption. */
const TRICK_FLAGS = 0x1 | 0x20 | 0x40;

class Bytes {
  readonly view: DataView;
  constructor(readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  has(at: number, n: number): boolean {
    return at >= 0 && at + n <= this.b.length;
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 0x100000000;
  }
  sig(at: number, sig: number): boolean {
    return this.has(at, 4) && this.u32(at) === sig;
  }
}

interface Directory {
  start: number;
  end: number;
  /** Added to every stored offset: the bytes in front of the zip. */
  shift: number;
}

/** The central directory found from the end record, or null when these bytes hold no zip end record. */
export function findDirectory(bytes: Uint8Array): Directory | null {
  const r = new Bytes(bytes);
  const last = bytes.length - 22;
  let eocd = -1;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (bytes[at] === 0x50 && r.sig(at, SIG_EOCD)) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let size = r.u32(eocd + 12);
  let offset = r.u32(eocd + 16);
  let endOfDir = eocd;
  const loc = eocd - 20;
  if (r.sig(loc, SIG_ZIP64_LOCATOR)) {
    const at64 = r.u64(loc + 8);
    // the zip64 end record sits right before the locator; its stored offset may be shifted like the others
    const candidates = [at64, loc - 56];
    const found = candidates.find((at) => r.has(at, 56) && r.sig(at, SIG_ZIP64_EOCD));
    if (found !== undefined) {
      size = r.u64(found + 40);
      offset = r.u64(found + 48);
      endOfDir = found;
    }
  }
  const shift = endOfDir - size - offset;
  for (const start of shift > 0 ? [offset + shift, offset] : [offset]) {
    if (r.sig(start, SIG_CENTRAL) || (size === 0 && start === endOfDir)) {
      return { start, end: Math.min(start + size, endOfDir), shift: start - offset };
    }
  }
  return null;
}

/** Every member the central directory lists, read like miniz, with findings for whatever disagrees. */
export function walkZip(bytes: Uint8Array, dir: Directory, report: ZipReporter): WalkedMember[] {
  const r = new Bytes(bytes);
  const out: WalkedMember[] = [];
  const names = new Set<string>();
  const locals = new Set<number>();
  let pos = dir.start;
  while (pos + 46 <= dir.end && r.sig(pos, SIG_CENTRAL)) {
    const flags = r.u16(pos + 8);
    const method = r.u16(pos + 10);
    const crc = r.u32(pos + 16);
    let csize = r.u32(pos + 20);
    let usize = r.u32(pos + 24);
    const nlen = r.u16(pos + 28);
    const elen = r.u16(pos + 30);
    const clen = r.u16(pos + 32);
    let lho = r.u32(pos + 42);
    if (!r.has(pos + 46, nlen + elen)) break;
    const rawName = bytes.subarray(pos + 46, pos + 46 + nlen);
    const name = flags & 0x800 ? new TextDecoder().decode(rawName) : decodeCp437(rawName);
    // zip64 extra: the fields stored as 0xFFFFFFFF, in this order
    for (let e = pos + 46 + nlen; e + 4 <= pos + 46 + nlen + elen;) {
      const id = r.u16(e);
      const len = r.u16(e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        if (usize === 0xffffffff && r.has(f, 8)) (usize = r.u64(f)), (f += 8);
        if (csize === 0xffffffff && r.has(f, 8)) (csize = r.u64(f)), (f += 8);
        if (lho === 0xffffffff && r.has(f, 8)) lho = r.u64(f);
      }
      e += 4 + len;
    }
    const member: WalkedMember = { name, centralOffset: pos, localOffset: lho + dir.shift, data: null, error: null };
    out.push(member);
    if (names.has(name)) {
      report('zip-duplicate', 'unknown', `the name ${JSON.stringify(name)} appears more than once: a loader that opens by name sees only one of them`, pos, name);
    }
    names.add(name);
    pos += 46 + nlen + elen + clen;
    if (locals.has(member.localOffset)) {
      // two records, one local header: the data is audited once (a fan-out of one payload costs nothing)
      report('zip-overlap', 'unknown', `its central record points at the local header of an earlier member (byte ${member.localOffset})`, pos, name);
      continue;
    }
    locals.add(member.localOffset);
    readMember(r, member, { flags, method, crc, csize, usize, rawName }, report);
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

function readMember(r: Bytes, m: WalkedMember, c: Central, report: ZipReporter): void {
  const at = m.localOffset;
  if (!r.sig(at, SIG_LOCAL) || !r.has(at, 30)) {
    m.error = `no local header at byte ${at}`;
    return;
  }
  const lflags = r.u16(at + 6);
  const lmethod = r.u16(at + 8);
  const lnlen = r.u16(at + 26);
  const lelen = r.u16(at + 28);
  const localName = r.b.subarray(at + 30, at + 30 + lnlen);
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
    const local = [r.u32(at + 14), r.u32(at + 18), r.u32(at + 22)];
    const central = [c.crc, c.csize, c.usize];
    ['CRC', 'compressed size', 'size'].forEach((what, i) => {
      if (local[i] !== central[i] && local[i] !== 0xffffffff) disagree.push(`${what} ${local[i]} vs ${central[i]}`);
    });
  }
  if (disagree.length > 0) {
    report('zip-header-mismatch', 'dangerous', `the local header and the central directory disagree: ${disagree.join(', ')}`, at, m.name);
  }
  const dataAt = at + 30 + lnlen + lelen;
  if (!r.has(dataAt, c.csize)) {
    m.error = `its ${c.csize} bytes of data run past the end of the archive`;
    return;
  }
  const raw = r.b.subarray(dataAt, dataAt + c.csize);
  try {
    if (c.method === 0) m.data = raw;
    else if (c.method === 8) m.data = getInflater()(raw, c.usize);
    else {
      m.error = `compression method ${c.method} is not read by the audit`;
      return;
    }
  } catch (e) {
    m.error = `cannot inflate: ${(e as Error).message}`;
    return;
  }
  if (crc32(m.data) !== c.crc) {
    report('zip-bad-crc', 'unknown', `the CRC-32 does not match the data: zipfile refuses the member, miniz reads it`, at, m.name);
  }
}
