/** One audit in this process, for bench-audit.ts: prints {readMs, auditMs, verdict} for the file named on the command line. */
import { readFileSync } from 'node:fs';
import { audit } from '../src/node/index.js';

const file = process.argv[2]!;
const t0 = process.hrtime.bigint();
const bytes = readFileSync(file);
const t1 = process.hrtime.bigint();
const report = audit(bytes, { name: file });
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({ readMs: Number(t1 - t0) / 1e6, auditMs: Number(t2 - t1) / 1e6, verdict: report.verdict }));
