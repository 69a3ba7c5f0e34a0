#!/usr/bin/env node
/**
 * The npyio command line. `npyio show FILE [--json] [--max-header-size N]`
 * prints what `load` returns: as numpy prints it, or as pyjson (--json).
 * Exit 0 on success; on failure exit 2 with one line on stderr naming the
 * error class and its message.
 */
import { arrayRepr } from '../format/repr.js';
import { NdArray } from '../ndarray.js';
import { loadSync, toPyJSON } from '../node/index.js';

const USAGE = `usage: npyio show FILE [--json] [--max-header-size N]

  show    load FILE as np.load does and print it as numpy prints it
          --json               print the canonical pyjson form instead
          --max-header-size N  numpy's max_header_size (default 10000)`;

class UsageError extends Error {}

interface ShowArgs {
  file: string;
  json: boolean;
  maxHeaderSize?: number;
}

function parseShow(args: string[]): ShowArgs {
  let file: string | undefined;
  let json = false;
  let maxHeaderSize: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--max-header-size' || a.startsWith('--max-header-size=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      const n = Number(v);
      if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new UsageError(`--max-header-size takes a whole number, not ${v ?? 'nothing'}`);
      maxHeaderSize = n;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (file === undefined) throw new UsageError('show needs a FILE');
  return maxHeaderSize === undefined ? { file, json } : { file, json, maxHeaderSize };
}

function show(args: ShowArgs): string {
  const warnings: string[] = [];
  const value = loadSync(args.file, {
    ...(args.maxHeaderSize !== undefined ? { maxHeaderSize: args.maxHeaderSize } : {}),
    onWarning: (m) => warnings.push(m),
  });
  for (const w of warnings) process.stderr.write(`UserWarning: ${w}\n`);
  if (args.json) return JSON.stringify(toPyJSON(value));
  return value instanceof NdArray ? arrayRepr(value) : String(value);
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'show') throw new UsageError(`unknown command ${command}`);
    process.stdout.write(`${show(parseShow(rest))}\n`);
    return 0;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const name = err instanceof UsageError ? 'UsageError' : err.name;
    process.stderr.write(`${name}: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (err instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
