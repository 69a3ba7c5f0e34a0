#!/usr/bin/env node
/**
 * The npyio command line: a table of commands, each a module declaring its
 * arguments (args.ts makes the parser and the help from them). `npyio
 * --help` lists them, `npyio help CMD` and `npyio CMD --help` describe one.
 * Exit 0 on success; on failure exit 2 with one line on stderr,
 * `ErrorClass: message` (usage errors too).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandHelp, parseArgs, UsageError, usageLine } from './args.js';
import { audit } from './audit.js';
import { colourFor } from './colour.js';
import type { Command } from './command.js';
import { dis } from './dis.js';
import { inspect } from './inspect.js';
import { pickle } from './pickle.js';
import { show } from './show.js';

/** The commands, in the order `npyio --help` lists them. */
export const COMMANDS: readonly Command[] = [show, inspect, audit, dis, pickle];

interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIO {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: npyio COMMAND [options] FILE...',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "'npyio help COMMAND' or 'npyio COMMAND --help' describes a command and its options.",
    'Exit status: 0 on success, 2 on a usage error or an error reading a file (one line on stderr).',
  ].join('\n');
}

function find(name: string): Command {
  const cmd = COMMANDS.find((c) => c.name === name);
  if (cmd === undefined) throw new UsageError(`unknown command ${name} (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
  return cmd;
}

/** Runs one command line; returns the exit status. */
export function main(argv: readonly string[], io: CliIO = process): number {
  const [name, ...rest] = argv;
  let cmd: Command | undefined;
  try {
    if (name === undefined) {
      io.stderr.write(`${overview()}\n`);
      return 2;
    }
    if (name === '-h' || name === '--help' || (name === 'help' && rest.length === 0)) {
      io.stdout.write(`${overview()}\n`);
      return 0;
    }
    if (name === 'help') {
      io.stdout.write(`${commandHelp(find(rest[0]!))}\n`);
      return 0;
    }
    cmd = find(name);
    const args = parseArgs(cmd, rest);
    if (args.flag('help')) {
      io.stdout.write(`${commandHelp(cmd)}\n`);
      return 0;
    }
    const colour = colourFor(io.stdout.isTTY, io.env, args);
    return cmd.run(args, { out: (t) => io.stdout.write(`${t}\n`), warn: (t) => io.stderr.write(`${t}\n`), colour }) ?? 0;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const paint = colourFor(io.stderr.isTTY, io.env).paint;
    let message = err.message.replace(/\s*\n\s*/g, ' ');
    if (err instanceof UsageError) message += ` (usage: ${cmd === undefined ? 'npyio --help' : usageLine(cmd)})`;
    io.stderr.write(`${paint('red', err.name)}: ${message}\n`);
    return 2;
  }
}

/** Run when this file is the program (through npm's bin link too), not when a test imports it. */
function isProgram(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) process.exitCode = main(process.argv.slice(2));
