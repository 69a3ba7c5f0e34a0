/**
 * `npm start`: both halves of npyio on bundled samples, through the npyio
 * command itself.
 *  1. A legacy Python 2 archive (an object array holding Python 2 `str`
 *     and `unicode`, and `xrange`) read as np.load(..., allow_pickle=True,
 *     encoding='latin1') reads it, and printed as numpy prints it.
 *  2. An audit of a PyTorch-style checkpoint that hides `os.system` in a
 *     base64-wrapped pickle handed to `cPickle.loads`: nothing is imported
 *     or run; the audit lists every global and says DANGEROUS.
 * Exits 0 when both do what they should (the audit's exit status 1 is the
 * expected answer here), else non-zero.
 */
import { main } from '../src/cli/main.js';

const steps: { argv: string[]; expect: number }[] = [
  { argv: ['show', 'python-fixtures/show/py2-objarr.npz', '--all', '--allow-pickle', '--encoding', 'latin1'], expect: 0 },
  { argv: ['audit', 'python-fixtures/audit/malicious/checkpoint-hidden.pt'], expect: 1 },
];

let failed = false;
for (const { argv, expect } of steps) {
  process.stdout.write(`\n$ npyio ${argv.join(' ')}\n`);
  const status = main(argv);
  process.stdout.write(`(exit status ${status}${status === expect ? '' : `, expected ${expect}`})\n`);
  failed ||= status !== expect;
}
process.exitCode = failed ? 1 : 0;
