/** One audit of a path in this process, for bench-audit.ts: prints {ms, rssMB, verdict}. */
import { audit } from '../src/node/index.js';

const file = process.argv[2]!;
const t = process.hrtime.bigint();
const report = audit(file);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
console.log(JSON.stringify({ ms, rssMB: process.memoryUsage().rss / 1e6, verdict: report.verdict }));
