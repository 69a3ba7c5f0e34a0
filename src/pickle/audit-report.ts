/**
 * The audit's report, JSON-serialisable, and the log that builds it. One
 * report per file; streams, globals and findings carry the archive member
 * (null for the file itself) and the stream they were seen in.
 */

/** How bad one finding is: `info` changes no verdict, `unknown` makes one at least unknown. */
export type Severity = 'info' | 'unknown' | 'dangerous';
/** A global's class: on the exact allowlist, on the curated dangerous list, or neither. */
export type GlobalClass = 'safe' | 'unknown' | 'dangerous';
/** `inconclusive`: some pickle could not be read to its end; never reported as safe. */
export type Verdict = 'safe' | 'unknown' | 'dangerous' | 'inconclusive';

/** One place a global was used: the opcode (REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ, BUILD, ...) and its offset. */
export interface AuditUse {
  op: string;
  offset: number;
}

export interface AuditGlobal {
  /** As written in the pickle. */
  module: string;
  name: string;
  /** After the Python 2 name mapping (fix_imports, protocol < 3); the same when it did not apply. */
  mappedModule: string;
  mappedName: string;
  /** `mappedModule.mappedName`: what Python would import (a module alone when name is ''). */
  qualname: string;
  class: GlobalClass;
  reason: string | null;
  /** How the pickle reached it: GLOBAL, STACK_GLOBAL, INST, EXT, getattr, import_module, ... */
  via: string[];
  member: string | null;
  stream: number;
  /** Where it was imported (capped at MAX_OFFSETS; `count` has them all). */
  offsets: number[];
  count: number;
  /** How it was used beyond being imported (capped at MAX_OFFSETS; `useCount` has them all). */
  uses: AuditUse[];
  useCount: number;
}

export interface AuditFinding {
  kind: string;
  severity: Severity;
  message: string;
  member: string | null;
  stream: number | null;
  offset: number | null;
  /** The global the finding is about, when there is one (`module.name` after mapping). */
  global?: string;
}

export interface AuditStream {
  index: number;
  member: string | null;
  /** Where the stream starts in the member (or file), or in the decoded bytes of a nested pickle. */
  offset: number;
  /** Just past its STOP; null when it did not reach one. */
  end: number | null;
  /** The last protocol a PROTO set (0 when none). */
  protocol: number;
  /** 'file', 'npy object array', 'after STOP', 'nested: pickle.loads at byte N', ... */
  origin: string;
  /** The stream a nested pickle was found in. */
  parent: number | null;
  complete: boolean;
}

export interface AuditError {
  member: string | null;
  stream: number | null;
  offset: number | null;
  message: string;
}

export type FileKind = 'pickle' | 'npy' | 'zip' | 'not-pickle' | 'empty';

export interface AuditReport {
  name: string;
  size: number;
  kind: FileKind;
  verdict: Verdict;
  streams: AuditStream[];
  globals: AuditGlobal[];
  findings: AuditFinding[];
  errors: AuditError[];
}

/** Offsets and uses kept per global; the counts go on. A billion calls must not make a billion-entry report. */
export const MAX_OFFSETS = 1000;
/** Findings kept per file (persistent ids, say, come once per tensor). */
export const MAX_FINDINGS = 10000;

/** What the auditors write into while they run; `report()` freezes it into an AuditReport. */
export class AuditLog {
  readonly streams: AuditStream[] = [];
  readonly findings: AuditFinding[] = [];
  readonly errors: AuditError[] = [];
  private readonly globals = new Map<string, AuditGlobal>();
  /** Streams that ended in an error: the file is inconclusive. */
  private unreadable = 0;
  /** A dangerous finding dropped past MAX_FINDINGS still decides the verdict. */
  private overflowDanger = false;

  constructor(readonly name: string, readonly size: number) {}

  addStream(s: Omit<AuditStream, 'index' | 'end' | 'protocol' | 'complete'>): AuditStream {
    const stream: AuditStream = { index: this.streams.length, end: null, protocol: 0, complete: false, ...s };
    this.streams.push(stream);
    return stream;
  }

  /** Forgets the last stream added (it turned out to be raw data and recorded nothing). */
  dropStream(s: AuditStream): void {
    if (this.streams[this.streams.length - 1] === s) this.streams.pop();
  }

  /** The record of one global in one stream, created (and classified, once) on first sight. */
  global(
    g: Pick<AuditGlobal, 'module' | 'name' | 'mappedModule' | 'mappedName' | 'member' | 'stream'>,
    judge: () => Pick<AuditGlobal, 'qualname' | 'class' | 'reason'>,
  ): AuditGlobal {
    const key = [g.member ?? '', g.stream, g.module, g.name, g.mappedModule, g.mappedName].join('\0');
    let rec = this.globals.get(key);
    if (rec === undefined) {
      rec = { ...g, ...judge(), via: [], offsets: [], count: 0, uses: [], useCount: 0 };
      this.globals.set(key, rec);
    }
    return rec;
  }

  find(f: AuditFinding): void {
    if (this.findings.length < MAX_FINDINGS) this.findings.push(f);
    else if (f.severity === 'dangerous') this.overflowDanger = true;
  }

  /** Globals and findings so far: a stream that added none could not have run anything. */
  get seen(): number {
    return this.globals.size + this.findings.length;
  }

  error(e: AuditError, unreadable = true): void {
    this.errors.push(e);
    if (unreadable) this.unreadable++;
  }

  report(kind: FileKind): AuditReport {
    const globals = [...this.globals.values()];
    return {
      name: this.name,
      size: this.size,
      kind,
      verdict: this.overflowDanger ? 'dangerous' : verdictOf(globals, this.findings, this.unreadable > 0),
      streams: this.streams,
      globals,
      findings: this.findings,
      errors: this.errors,
    };
  }
}

export function noteImport(rec: AuditGlobal, via: string, offset: number): void {
  if (!rec.via.includes(via)) rec.via.push(via);
  if (rec.count++ < MAX_OFFSETS) rec.offsets.push(offset);
}

export function noteUse(rec: AuditGlobal, op: string, offset: number): void {
  if (rec.useCount++ < MAX_OFFSETS) rec.uses.push({ op, offset });
}

/** dangerous > inconclusive > unknown > safe: the worst thing seen decides. */
function verdictOf(globals: readonly AuditGlobal[], findings: readonly AuditFinding[], unreadable: boolean): Verdict {
  if (globals.some((g) => g.class === 'dangerous') || findings.some((f) => f.severity === 'dangerous')) return 'dangerous';
  if (unreadable) return 'inconclusive';
  if (globals.some((g) => g.class === 'unknown') || findings.some((f) => f.severity === 'unknown')) return 'unknown';
  return 'safe';
}
