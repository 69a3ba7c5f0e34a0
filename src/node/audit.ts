/**
 * The audit for paths. `audit` also takes a file path; `auditPath` takes a
 * file or a directory, which it walks: every regular file, whatever its
 * name or extension (loaders sniff content, so the audit does too).
 * Symbolic links are not followed.
 *
 * Files of LAZY_FROM bytes or more are not read whole (auditSource): a zip
 * is read member by member (large stored members in steps), a raw pickle or
 * npy as the machine gets there, its array payloads skipped unread. So
 * memory stays small, and files past the runtime's 4 GiB buffer limit can
 * be audited.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { audit as auditBytes, auditSource, unreadableReport, type AuditOptions } from '../audit/audit-file.js';
import { NpyioArgumentError } from '../errors.js';
import type { ByteSource } from '../io/source.js';
import type { AuditReport } from '../pickle/audit-report.js';
import { fileSource, toPath, type PathLike } from './files.js';

/** Which globals a file (a path, or bytes) would import and how it would use them; nothing is imported or called. */
export function audit(src: PathLike | Uint8Array | ArrayBuffer, opts: AuditOptions = {}): AuditReport {
  if (typeof src !== 'string' && !(src instanceof URL)) return auditBytes(src, opts);
  const path = toPath(src);
  if (statSync(path).isDirectory()) {
    throw new NpyioArgumentError(`${path} is a directory: auditPath walks directories`, { pythonType: 'IsADirectoryError' });
  }
  return auditFile(path, { name: path, ...opts });
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

/** Below this a file is read whole. */
const LAZY_FROM = 16 * 1024 * 1024;

/** One file, read the cheapest way its content allows; a file that cannot be read is an inconclusive report, not a throw. */
function auditFile(path: string, opts: AuditOptions): AuditReport {
  let src: ByteSource;
  try {
    src = fileSource(path);
  } catch (e) {
    return unreadableReport(opts.name ?? path, 0, `cannot open: ${(e as Error).message}`);
  }
  try {
    return src.size < LAZY_FROM ? auditBytes(src.read(0, src.size), opts) : auditSource(src, opts);
  } catch (e) {
    return unreadableReport(opts.name ?? path, src.size, `cannot read: ${(e as Error).message}`);
  } finally {
    src.close?.();
  }
}
