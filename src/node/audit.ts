/**
 * The audit for paths. `audit` also takes a file path (read whole);
 * `auditPath` takes a file or a directory, which it walks: every regular
 * file, whatever its name or extension (loaders sniff content, so the audit
 * does too). Symbolic links are not followed.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { audit as auditBytes, type AuditOptions } from '../audit/audit-file.js';
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
  return auditBytes(readFileSync(path), { name: path, ...opts });
}

/** One report per regular file at or below `path`, in sorted path order. */
export function auditPath(path: PathLike, opts: AuditOptions = {}): AuditReport[] {
  const out: AuditReport[] = [];
  const visit = (p: string): void => {
    const st = lstatSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(join(p, name));
    } else if (st.isFile()) {
      out.push(auditBytes(readFileSync(p), { ...opts, name: p }));
    }
  };
  visit(toPath(path));
  return out;
}
