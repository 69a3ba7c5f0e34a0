/**
 * The audit for paths. `audit` also takes a file path (read whole);
 * `auditPath` takes a file or a directory, which it walks: every regular
 * file, whatever its name or extension (loaders sniff content, so the audit
 * does too). Symbolic links are not followed.
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { audit as auditBytes, auditLazy, lazyAuditable, TAIL_LENGTH, type AuditOptions } from '../audit/audit-file.js';
import { NpyioArgumentError } from '../errors.js';
import type { AuditReport } from '../pickle/audit-report.js';
import { toPath, type PathLike } from './files.js';

/** Which globals a file (a path, or bytes) would import and how it would use them; nothing is imported or called. */
export function audit(src: PathLike | Uint8Array | ArrayBuffer, opts: AuditOptions = {}): AuditReport {
  if (typeof src !== 'string' && !(src instanceof URL)) return auditBytes(src, opts);
  const path = toPath(src);
  if (statSync(path).isDirectory()) {
    throw new NpyioArgumentError(`${path} is a directory: auditPath walks directories`, { pythonType: 'IsADirectoryError' });
  }
  return auditFile(path, { name: path, ...opts });
}

/** Below this, a file is read whole: lazy reading pays off only for large raw pickles. */
const LAZY_FROM = 16 * 1024 * 1024;

/** `length` bytes of the file at `position` into `into` at `offset`. */
function readFully(fd: number, into: Uint8Array, offset: number, length: number, position = offset): void {
  for (let done = 0; done < length;) {
    const n = readSync(fd, into, offset + done, length - done, position + done);
    if (n === 0) break; // the file shrank: the rest stays zero, as a truncated file would read
    done += n;
  }
}

/** A large raw pickle is read as the audit gets there; anything else whole. */
function auditFile(path: string, opts: AuditOptions): AuditReport {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size >= LAZY_FROM) {
      const head = new Uint8Array(8);
      const tail = new Uint8Array(Math.min(size, TAIL_LENGTH));
      readFully(fd, head, 0, head.length);
      readFully(fd, tail, 0, tail.length, size - tail.length);
      if (lazyAuditable(head, tail)) return auditLazy(size, (into, offset, length) => readFully(fd, into, offset, length), opts);
    }
    return auditBytes(readFileSync(fd), opts);
  } finally {
    closeSync(fd);
  }
}

/** One report per regular file at or below `path`, in sorted path order. */
export function auditPath(path: PathLike, opts: AuditOptions = {}): AuditReport[] {
  const out: AuditReport[] = [];
  const visit = (p: string): void => {
    const st = lstatSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(join(p, name));
    } else if (st.isFile()) {
      out.push(auditFile(p, { ...opts, name: p }));
    }
  };
  visit(toPath(path));
  return out;
}
