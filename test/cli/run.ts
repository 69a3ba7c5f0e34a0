/** Runs the npyio command line in-process, capturing what it writes. */
import { main } from '../../src/cli/main.js';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(argv: string[], opts: { tty?: boolean; env?: Record<string, string> } = {}): RunResult {
  let stdout = '';
  let stderr = '';
  const status = main(argv, {
    stdout: { write: (t: string) => (stdout += t), isTTY: opts.tty ?? false },
    stderr: { write: (t: string) => (stderr += t), isTTY: opts.tty ?? false },
    env: opts.env ?? {},
  });
  return { status, stdout, stderr };
}
