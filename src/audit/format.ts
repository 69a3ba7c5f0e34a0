/**
 * The audit report for people (a table per file) and for scripts (an exit
 * code): 0 nothing dangerous, 1 dangerous (with `strict`, also unknown or
 * inconclusive), 2 some file could not be fully read (pickle-security.md
 * rule 6). Dangerous wins over unreadable: its findings are what matter.
 */
import { ansi, type Style } from '../format/ansi.js';
import type { AuditReport, Verdict } from '../pickle/audit-report.js';

export interface FormatOptions {
  /** ANSI colours for verdicts and classes. */
  colour?: boolean;
}

const COLOURS: Readonly<Record<string, Style>> = { safe: 'green', unknown: 'yellow', dangerous: 'red', inconclusive: 'magenta', info: 'cyan' };

function paint(text: string, key: string, on: boolean): string {
  const style = COLOURS[key];
  return style === undefined ? text : ansi(style, text, on);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function offsets(xs: readonly number[], count: number): string {
  const shown = xs.slice(0, 5).join(', ');
  return count > 5 ? `${shown}, ... (${count})` : shown;
}

function list(reports: AuditReport | readonly AuditReport[]): readonly AuditReport[] {
  return 'verdict' in reports ? [reports] : reports;
}

/** One block per report: verdict line, globals table, findings, errors. */
export function formatAuditReport(reports: AuditReport | readonly AuditReport[], opts: FormatOptions = {}): string {
  const on = opts.colour ?? false;
  const out: string[] = [];
  for (const r of list(reports)) {
    out.push(`${r.name}: ${paint(r.verdict.toUpperCase(), r.verdict, on)} (${r.kind}, ${r.size} bytes, ${r.streams.length} pickle stream${r.streams.length === 1 ? '' : 's'})`);
    if (r.globals.length > 0) {
      const many = r.streams.length > 1;
      const rows = r.globals.map((g) => {
        const written = g.module === g.mappedModule && g.name === g.mappedName ? '' : ` (written ${g.module}.${g.name})`;
        const uses = [...new Set(g.uses.map((u) => u.op))].join(',') || 'import';
        const where = [g.member, many ? `stream ${g.stream}` : null].filter((x) => x !== null).join(' ');
        return { cls: g.class, text: [g.qualname + written, uses, offsets(g.offsets, g.count), where, g.reason ?? ''] };
      });
      const heads = ['global', 'used', 'at byte', 'where'];
      const widths = heads.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((x) => x.text[i]!.length))));
      out.push(`  ${pad('class', 10)} ${heads.map((h, i) => pad(h, widths[i]!)).join('  ')}  reason`);
      for (const row of rows) {
        out.push(`  ${paint(pad(row.cls, 10), row.cls, on)} ${row.text.slice(0, 4).map((t, i) => pad(t, widths[i]!)).join('  ')}  ${row.text[4]}`);
      }
    }
    for (const f of r.findings) {
      const where = [f.member, f.stream !== null && r.streams.length > 1 ? `stream ${f.stream}` : null, f.offset === null ? null : `byte ${f.offset}`]
        .filter((x) => x !== null).join(' ');
      out.push(`  ${paint(pad(f.severity, 10), f.severity, on)} ${f.kind}${where ? ` (${where})` : ''}: ${f.message}`);
    }
    for (const e of r.errors) {
      const where = [e.member, e.offset === null ? null : `byte ${e.offset}`].filter((x) => x !== null).join(' ');
      out.push(`  ${paint(pad('error', 10), 'inconclusive', on)} ${where ? `${where}: ` : ''}${e.message}`);
    }
  }
  return out.join('\n');
}

export interface ExitCodeOptions {
  /** Unknown and inconclusive files fail too (exit 1). */
  strict?: boolean;
}

/** The command's exit code for these reports. */
export function auditExitCode(reports: AuditReport | readonly AuditReport[], opts: ExitCodeOptions = {}): 0 | 1 | 2 {
  const verdicts = new Set<Verdict>(list(reports).map((r) => r.verdict));
  if (verdicts.has('dangerous')) return 1;
  if (opts.strict && (verdicts.has('unknown') || verdicts.has('inconclusive'))) return 1;
  if (verdicts.has('inconclusive')) return 2;
  return 0;
}
