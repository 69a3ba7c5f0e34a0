/**
 * `audit(bytes)`: what a file would import and call if a loader unpickled
 * it, judged by content the way the loaders sniff it (never by name):
 *
 * - `\x93NUMPY`: an .npy; an object dtype (or a structured one with an
 *   object field) carries a pickle after the header;
 * - `PK\x03\x04` (or an empty zip's `PK\x05\x06`): every central-directory
 *   member (zip-walk.ts), each sniffed in turn (npy, pickle, nested zip up to
 *   MAX_DEPTH);
 * - anything else: a pickle, as numpy.load and torch.load read it, stream
 *   after stream (legacy torch files hold several; bytes after a STOP are
 *   audited as a further stream). A zip found by its end record behind a
 *   pickle (a polyglot) or behind other data (zipfile reads both) is
 *   audited too, with a finding.
 *
 * A pickle that stops on an error keeps everything seen before and makes
 * the file `inconclusive`. Archive members and bytes after a STOP are only
 * counted as pickles when they record something: a member whose first
 * opcode fails is raw data, not a pickle (numpy's NpzFile returns such a
 * member as bytes, torch reads only data.pkl). A file whose first byte is
 * not an opcode, or whose first opcode fails for a reason other than running
 * out of bytes (a text file starting with 'a', APPEND on an empty stack), is
 * `not-pickle`: pickle.load fails there, before anything runs, so it is not
 * flagged (archives of other formats, which the audit cannot open, are
 * reported as unknown).
 */
import { NpyioError } from '../errors.js';
import { bytesInfo, runPlanSync } from '../io/plan.js';
import { bytesSource, type ByteSource } from '../io/source.js';
import { MAGIC } from '../npy/header.js';
import { headerPlan } from '../npy/read.js';
import { auditStream, type NestedHandler, type StreamAuditOptions } from '../pickle/audit.js';
import { AuditLog, type AuditReport, type AuditStream, type FileKind } from '../pickle/audit-report.js';
import { LazyBytes } from '../pickle/audit-cursors.js';
import { BY_CODE } from '../pickle/opcodes.js';
import { checkCrc, findDirectory, memberBytes, walkZip, type Directory, type WalkedMember, type ZipReporter } from './zip-walk.js';

export interface AuditOptions {
  /** What the report calls the file. */
  name?: string;
  /** Apply Python 2 name mapping below protocol 3, as pickle.load does by default (default true). */
  fixImports?: boolean;
}

/** Zips inside zips, nested pickles inside pickles: how deep the audit follows. */
const MAX_DEPTH = 8;
/** What modelled decoders and nested pickles may add up to, per file: enough for any real wrapper, not for a fan-out bomb. */
const NESTED_BUDGET = 256 * 1024 * 1024;
/** Stored members larger than this are checksummed in steps and read lazily, not held whole. */
const MEMBER_IN_MEMORY = 64 * 1024 * 1024;
/** More streams than this in one file is not a checkpoint: the rest is not audited (and the file inconclusive). */
const MAX_STREAMS = 1000;

/** Formats the audit recognises but does not open: reported as unknown, never as safe. */
const OTHER_ARCHIVES: readonly [string, number[]][] = [
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
];

function startsWith(b: Uint8Array, sig: ArrayLike<number>, at = 0): boolean {
  if (b.length - at < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

function isZipStart(b: Uint8Array): boolean {
  return startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);
}

/** What the auditor reads: bytes in memory, or a source read as the machine gets there (its payloads skipped). */
type Input = Uint8Array | LazyBytes;

const sizeOf = (input: Input): number => (input instanceof LazyBytes ? input.size : input.length);

/** `length` bytes at `offset` (inside the input). */
function readOf(input: Input, offset: number, length: number): Uint8Array {
  return input instanceof LazyBytes ? input.read(offset, length) : input.subarray(offset, offset + length);
}

const sourceOf = (input: Input): ByteSource => (input instanceof LazyBytes ? input.source : bytesSource(input));

/** Enough of the start for every signature sniffed. */
const headOf = (input: Input): Uint8Array => readOf(input, 0, Math.min(sizeOf(input), 8));

class FileAuditor {
  readonly log: AuditLog;
  private readonly budget = { decoded: NESTED_BUDGET, nested: NESTED_BUDGET };

  constructor(name: string, size: number, readonly opts: AuditOptions) {
    this.log = new AuditLog(name, size);
  }

  /**
   * The whole file's report from `audit` (which says what the file was). A
   * failure of the audit itself is reported, never thrown: a scanner that
   * crashes is a bypass.
   */
  report(audit: () => FileKind): AuditReport {
    let kind: FileKind = 'pickle';
    try {
      kind = audit();
    } catch (e) {
      this.log.error({ member: null, stream: null, offset: null, message: `the audit stopped: ${(e as Error).message}` });
    }
    return this.log.report(kind);
  }

  /** Sniffs one file or member and audits it; returns what it was. */
  content(input: Input, member: string | null, depth: number): FileKind {
    if (sizeOf(input) === 0) {
      this.log.find({ kind: 'empty', severity: 'info', message: 'no data: a loader fails before reading anything', member, stream: null, offset: 0 });
      return 'empty';
    }
    const head = headOf(input);
    if (isZipStart(head)) {
      this.zipSource(sourceOf(input), member, depth);
      return 'zip';
    }
    if (startsWith(head, MAGIC)) return this.npy(input, member, depth);
    return this.pickle(input, member, depth);
  }

  /** Not npy, not a zip at byte 0: a pickle to numpy.load and torch.load, and a zip to zipfile when an end record says so. */
  private pickle(input: Input, member: string | null, depth: number): FileKind {
    const head = headOf(input);
    let isPickle = BY_CODE[head[0]!] !== undefined;
    if (isPickle) isPickle = this.streams(input, 0, member, member === null ? 'file' : 'member', null, depth, member !== null);
    else this.notPickle(head, member);
    const src = sourceOf(input);
    const dir = depth < MAX_DEPTH ? findDirectory(src) : null;
    if (dir === null) return isPickle ? 'pickle' : 'not-pickle';
    this.log.find(isPickle
      ? {
        kind: 'polyglot', severity: 'unknown', member, stream: null, offset: dir.start,
        message: 'a pickle followed by a zip: zipfile.is_zipfile says zip, numpy.load and torch.load read the pickle; the zip is audited too',
      }
      : {
        kind: 'zip-with-prefix', severity: 'info', member, stream: null, offset: dir.start,
        message: 'a zip with data in front of it: zipfile reads it, numpy.load and torch.load do not',
      });
    this.zipMembers(src, dir, isPickle ? `${member ?? ''}#appended-zip` : member, depth);
    return isPickle ? 'pickle' : 'zip';
  }

  private notPickle(head: Uint8Array, member: string | null): void {
    const archive = OTHER_ARCHIVES.find(([, sig]) => startsWith(head, sig));
    if (archive) {
      this.log.find({ kind: 'unopened-archive', severity: 'unknown', message: `a ${archive[0]} archive: the audit does not open it`, member, stream: null, offset: 0 });
    } else if (member === null) {
      this.log.find({
        kind: 'not-pickle', severity: 'info', member, stream: null, offset: 0,
        message: `the first byte 0x${head[0]!.toString(16).padStart(2, '0')} is not a pickle opcode: pickle.load fails before anything runs`,
      });
    }
  }

  /**
   * Stream after stream from `start`. `lenient`: a stream that stops on an
   * error before recording anything is raw data, not a pickle. False when
   * the first stream turned out not to be a pickle.
   */
  streams(input: Input, start: number, member: string | null, origin: string, parent: AuditStream | null, depth: number, lenient: boolean): boolean {
    const size = sizeOf(input);
    let at = start;
    for (let n = 0; at < size; n++) {
      if (n === MAX_STREAMS) {
        this.log.error({ member, stream: null, offset: at, message: `more than ${MAX_STREAMS} pickle streams: the rest is not audited` });
        return true;
      }
      const after = n > 0;
      if (after && BY_CODE[readOf(input, at, 1)[0]!] === undefined) {
        this.log.find({ kind: 'trailing-data', severity: 'info', member, stream: null, offset: at, message: `${size - at} bytes after STOP that do not start a pickle` });
        return true;
      }
      const stream = this.log.addStream({ member, offset: at, origin: after ? 'after STOP' : origin, parent: parent?.index ?? null });
      const seenBefore = this.log.seen;
      const opts = { member, fixImports: this.opts.fixImports, onNested: this.nestedHandler(member, depth), budget: this.budget };
      const out = auditStream(input, at, this.log, stream, opts);
      if (out.desync) this.fileBackedReading(input, at, stream, opts);
      if (out.error === null) {
        at = out.end;
        continue;
      }
      const e = out.error;
      const where = e.offset ?? out.end;
      // a first opcode that fails on its own (not for want of bytes) ends a text file, say, before anything runs
      const failsAtOnce = !out.readAny && !isTruncation(e);
      if ((lenient || after || failsAtOnce) && this.log.seen === seenBefore) {
        // raw data, not a pickle: no stream of its own in the report
        this.log.dropStream(stream);
        this.log.find({
          kind: after ? 'trailing-data' : 'not-pickle', severity: 'info', member, stream: null, offset: where,
          message: `${after ? 'the bytes after STOP do' : member === null ? 'the file does' : 'the member does'} not parse as a pickle (${e.message} at byte ${where}); nothing in ${after ? 'them' : 'it'} is imported`,
        });
        return after;
      }
      this.log.error({ member, stream: stream.index, offset: where, message: `${e.pythonType}: ${e.message}` });
      return true;
    }
    return true;
  }

  /** The stream again, as pickle.load on a file reads a FRAME an opcode straddles: its own stream in the report. */
  private fileBackedReading(input: Input, at: number, linear: AuditStream, opts: StreamAuditOptions): void {
    // rare (the file is already dangerous), so a source read lazily is simply read whole
    const bytes = input instanceof LazyBytes ? input.source.read(0, input.size) : input;
    const stream = this.log.addStream({ member: linear.member, offset: at, origin: 'FRAME desync: as pickle.load reads a file', parent: linear.index });
    const out = auditStream(bytes, at, this.log, stream, { ...opts, fileBacked: true });
    if (out.error !== null) {
      this.log.error({ member: linear.member, stream: stream.index, offset: out.error.offset ?? out.end, message: `${out.error.pythonType}: ${out.error.message}` }, false);
    }
  }

  private nestedHandler(member: string | null, depth: number): NestedHandler {
    return (bytes, origin, parent) => {
      if (depth >= MAX_DEPTH || bytes.length > this.budget.nested) {
        const why = depth >= MAX_DEPTH ? `nested pickles deeper than ${MAX_DEPTH}` : 'nested pickles past the size budget';
        this.log.error({ member, stream: parent.index, offset: null, message: `${why}: not audited` });
        return;
      }
      this.budget.nested -= bytes.length;
      if (startsWith(bytes, MAGIC) || isZipStart(bytes)) {
        this.content(bytes, `${member ?? ''}#${origin}`, depth + 1);
        return;
      }
      this.streams(bytes, 0, member, origin, parent, depth + 1, false);
    };
  }

  private npy(input: Input, member: string | null, depth: number): FileKind {
    try {
      const header = runPlanSync(headerPlan(bytesInfo(sizeOf(input)), { allowPickle: true }), (o, n) => readOf(input, o, n));
      if (header.dtype.hasObject) this.streams(input, header.dataOffset, member, 'npy object array', null, depth, false);
    } catch (e) {
      this.log.error({ member, stream: null, offset: e instanceof NpyioError ? (e.offset ?? 0) : 0, message: `npy header: ${(e as Error).message}` });
    }
    return 'npy';
  }

  zipSource(src: ByteSource, member: string | null, depth: number): void {
    const dir = findDirectory(src);
    if (dir === null) {
      this.log.error({ member, stream: null, offset: 0, message: 'starts like a zip but has no readable end of central directory record' });
      return;
    }
    this.zipMembers(src, dir, member, depth);
  }

  private zipMembers(src: ByteSource, dir: Directory, outer: string | null, depth: number): void {
    const prefix = outer === null ? '' : `${outer}/`;
    const report: ZipReporter = (kind, severity, message, offset, name) => {
      this.log.find({ kind, severity, message, member: name === null ? outer : prefix + name, stream: null, offset });
    };
    for (const m of walkZip(src, dir, report)) {
      const name = prefix + m.name;
      if (m.shared) continue;
      const fail = (message: string) => this.log.error({ member: name, stream: null, offset: m.localOffset, message: `zip member: ${message}` });
      if (m.error !== null) {
        fail(m.error);
        continue;
      }
      if (depth + 1 > MAX_DEPTH) {
        fail(`archives nested deeper than ${MAX_DEPTH}: not audited`);
        continue;
      }
      try {
        if (m.method === 0 && m.size > MEMBER_IN_MEMORY) {
          this.largeMember(src, m, name, depth + 1, report);
        } else {
          const data = memberBytes(src, m);
          checkCrc(src, m, data, report);
          this.content(data, name, depth + 1);
        }
      } catch (e) {
        fail((e as Error).message);
      }
    }
  }

  /** A stored member too large to hold at once: checksummed step by step, then sniffed and read lazily. */
  private largeMember(src: ByteSource, m: WalkedMember, name: string, depth: number, report: ZipReporter): void {
    checkCrc(src, m, null, report);
    const head = src.read(m.dataOffset, Math.min(8, m.size));
    if (isZipStart(head)) {
      this.zipSource(subSource(src, m.dataOffset, m.size, name), name, depth);
    } else if (startsWith(head, MAGIC) || BY_CODE[head[0]!] !== undefined) {
      this.content(new LazyBytes(subSource(src, m.dataOffset, m.size, name)), name, depth);
    }
    // else raw data (a tensor's storage): nothing in it is unpickled
  }
}

/** The input ended inside or before an opcode (the Cursor's and the machine's words for it). */
function isTruncation(e: NpyioError): boolean {
  return e.pythonType === 'EOFError' || e.message === 'pickle data was truncated';
}

/** `length` bytes of `src` from `offset`, as a source of their own (a zip stored in a zip). */
function subSource(src: ByteSource, offset: number, length: number, name: string): ByteSource {
  const into = src.readInto;
  return { size: length, name, read: (at, n) => src.read(offset + at, n), ...(into && { readInto: (at, t) => into.call(src, offset + at, t) }) };
}

/** A plain Uint8Array view (a Node Buffer's subarray costs several times more, and the machine takes many). */
function toBytes(src: Uint8Array | ArrayBuffer): Uint8Array {
  return src instanceof Uint8Array ? new Uint8Array(src.buffer, src.byteOffset, src.byteLength) : new Uint8Array(src);
}

/** Which globals the file would import and how it would use them; nothing is imported or called. */
export function audit(src: Uint8Array | ArrayBuffer, opts: AuditOptions = {}): AuditReport {
  const bytes = toBytes(src);
  const a = new FileAuditor(opts.name ?? `<${bytes.length} bytes in memory>`, bytes.length, opts);
  return a.report(() => a.content(bytes, null, 0));
}

/**
 * audit() of a source read as the machine gets there: large bytes payloads
 * (a checkpoint's arrays) are skipped unread, so time and memory follow the
 * opcodes, not the payloads; a zip is read member by member. Any source
 * works; the Node entry uses it for large files.
 */
export function auditSource(src: ByteSource, opts: AuditOptions = {}): AuditReport {
  const a = new FileAuditor(opts.name ?? src.name, src.size, opts);
  return a.report(() => {
    if (src.size === 0 || !isZipStart(src.read(0, Math.min(4, src.size)))) return a.content(new LazyBytes(src), null, 0);
    a.zipSource(src, null, 0);
    return 'zip';
  });
}

/** The report of a file that could not be read at all. */
export function unreadableReport(name: string, size: number, message: string): AuditReport {
  const log = new AuditLog(name, size);
  log.error({ member: null, stream: null, offset: null, message });
  return log.report('not-pickle');
}
