/**
 * `npyio audit PATH... [--json] [--strict]`: which globals each file would
 * import and call (src/audit/), nothing imported or called. Directories are
 * walked (every regular file, whatever its name: loaders sniff content).
 * Exit 0 when nothing is dangerous, 1 when something is (with --strict,
 * also unknown or inconclusive), 2 when a file cannot be fully read.
 */
import { unreadableReport } from '../audit/audit-file.js';
import { auditExitCode, formatAuditReport } from '../audit/format.js';
import { auditPath } from '../node/audit.js';
import type { AuditReport } from '../pickle/audit-report.js';
import type { ParsedArgs } from './args.js';
import type { Command, CommandContext } from './command.js';

function run(args: ParsedArgs, ctx: CommandContext): number {
  const opts = { fixImports: !args.flag('no-fix-imports') };
  const reports: AuditReport[] = [];
  for (const path of args.positionals) {
    try {
      reports.push(...auditPath(path, opts));
    } catch (e) {
      // A path that cannot be opened or walked is a report of its own: the other paths are still audited.
      reports.push(unreadableReport(path, 0, `cannot open: ${(e as Error).message}`));
    }
  }
  ctx.out(args.flag('json') ? JSON.stringify(reports, null, 2) : formatAuditReport(reports, { colour: ctx.colour.enabled }));
  return auditExitCode(reports, { strict: args.flag('strict') });
}

export const audit: Command = {
  name: 'audit',
  summary: 'list the globals pickles in files would import and call, without running them',
  description:
    'PATH is a pickle, an .npy, any zip (.npz, PyTorch checkpoints, ...) or a directory, walked.\n' +
    'Each global is safe (the default allowlist), dangerous (a curated list) or unknown; a file that\n' +
    'cannot be fully read is inconclusive, never safe.\n' +
    'Exit status: 0 nothing dangerous, 1 something dangerous (with --strict, also unknown or\n' +
    'inconclusive), 2 a file could not be fully read.',
  positional: { name: 'PATH', many: true },
  options: [
    { name: 'json', help: 'print the reports as JSON' },
    { name: 'strict', help: 'unknown globals and unreadable files fail too (exit 1)' },
    { name: 'no-fix-imports', help: 'do not map Python 2 names to Python 3 ones (Python does for protocols < 3)' },
  ],
  run,
};
