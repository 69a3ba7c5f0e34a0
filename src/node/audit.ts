/**
 * The audit for paths: a file is read whole and audited; a directory is
 * walked (every regular file, whatever its name or extension: loaders sniff
 * content, so the audit does too). Symbolic links are not followed.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit, type AuditOptions } from '../audit/audit-file.js';
import type { AuditReport } from '../pickle/audit-report.js';
import { toPath, type PathLike } from './files.js';

/** One report per regular file at or below `path`, in sorted path order. */
export function auditPath(path: PathLike, opts: AuditOptions = {}): AuditReport[] {
  const root = toPath(path);
  const out: AuditReport[] = [];
  const visit = (p: string): void => {
    const st = lstatSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(join(p, name));
    } else if (st.isFile()) {
      out.push(audit(readFileSync(p), { ...opts, name: p }));
    }
  };
  visit(root);
  return out;
}
