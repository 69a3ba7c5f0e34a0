#!/usr/bin/env node
/**
 * The npyio command line.
 *   npyio show FILE [--json] [--max-header-size N] [--allow-pickle] [--encoding E] [--no-fix-imports]
 *   npyio pickle FILE [--encoding E] [--no-fix-imports] [--allow-opaque PATTERN]...
 * Exit 0 on success; on failure exit 2 with one line on stderr naming the
 * error class and its message.
 */
import { readFileSync } from 'node:fs';
import { arrayRepr } from '../format/repr.js';
import { NdArray } from '../ndarray.js';
import { loads, loadSync, NpzFile, toPyJSONText, type LoadOptions } from '../node/index.js';

const USAGE = `usage: npyio show FILE [--key K] [--json] [--max-header-size N] [--allow-pickle] [--encoding E] [--no-fix-imports]
       npyio pickle FILE [--encoding E] [--no-fix-imports] [--allow-opaque PATTERN]...

  show    load FILE as np.load does and print it as numpy prints an array
          (other values, from pickles, print as pyjson); an .npz lists its
          members, or prints the one named by --key K
          --json               print the canonical pyjson form instead
          --max-header-size N  numpy's max_header_size (default 10000)
          --allow-pickle       numpy's allow_pickle: object arrays and pickle files
          --encoding E         Python 2 str in pickles: ASCII (default), latin1 or bytes
          --no-fix-imports     do not map Python 2 names to Python 3 ones
  pickle  unpickle FILE's bytes as pickle.loads does and print the pyjson
          --encoding E         any codec for Python 2 str (default ASCII)
          --allow-opaque P     accept classes matching P ('module.Name' or 'module.*')
                               as opaque objects (repeatable)`;

class UsageError extends Error {}

interface Args {
  file: string;
  json: boolean;
  maxHeaderSize?: number;
  allowPickle: boolean;
  encoding?: string;
  fixImports: boolean;
  allowOpaque: string[];
  key?: string;
}

function parseArgs(command: string, args: string[]): Args {
  const out: Args = { file: '', json: false, allowPickle: false, fixImports: true, allowOpaque: [] };
  let file: string | undefined;
  const value = (i: number, name: string): string => {
    const v = args[i];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    const take = () => inline ?? value(++i, a);
    if (a === '--encoding') out.encoding = take();
    else if (a === '--no-fix-imports') out.fixImports = false;
    else if (command === 'show' && a === '--json') out.json = true;
    else if (command === 'show' && a === '--allow-pickle') out.allowPickle = true;
    else if (command === 'show' && a === '--key') out.key = take();
    else if (command === 'show' && a === '--max-header-size') {
      const v = take();
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--max-header-size takes a whole number, not ${v}`);
      out.maxHeaderSize = Number(v);
    } else if (command === 'pickle' && a === '--allow-opaque') out.allowOpaque.push(take());
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (file === undefined) file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (file === undefined) throw new UsageError(`${command} needs a FILE`);
  out.file = file;
  return out;
}

function show(args: Args): string {
  const warnings: string[] = [];
  const opts: LoadOptions = {
    allowPickle: args.allowPickle,
    fixImports: args.fixImports,
    onWarning: (m) => warnings.push(m),
  };
  if (args.maxHeaderSize !== undefined) opts.maxHeaderSize = args.maxHeaderSize;
  if (args.encoding !== undefined) opts.encoding = args.encoding as LoadOptions['encoding'];
  let value = loadSync(args.file, opts);
  try {
    if (value instanceof NpzFile) {
      if (args.key === undefined) return listMembers(value);
      value = value.get(args.key);
    } else if (args.key !== undefined) {
      throw new UsageError('--key is for .npz archives');
    }
  } finally {
    if (value instanceof NpzFile) value.close();
  }
  for (const w of warnings) process.stderr.write(`UserWarning: ${w}\n`);
  if (!args.json && value instanceof NdArray) return arrayRepr(value);
  return toPyJSONText(value);
}

/** numpy's repr of the archive, then one line per member: key, dtype, shape (or its size when not an .npy). */
function listMembers(npz: NpzFile): string {
  const lines = [npz.toString()];
  for (const key of npz.files) {
    let v: unknown;
    try {
      v = npz.get(key);
    } catch (e) {
      lines.push(`${key}: ${e instanceof Error ? `${e.name}: ${e.message.replace(/\s*\n\s*/g, ' ')}` : String(e)}`);
      continue;
    }
    if (v instanceof NdArray) lines.push(`${key}: ${v.dtype.toString()} (${v.shape.join(', ')}${v.ndim === 1 ? ',' : ''})`);
    else if (v instanceof Uint8Array) lines.push(`${key}: ${v.length} bytes, not an .npy`);
    else lines.push(`${key}: a pickled value`);
  }
  return lines.join('\n');
}

function pickle(args: Args): string {
  const bytes = new Uint8Array(readFileSync(args.file));
  return toPyJSONText(loads(bytes, {
    fixImports: args.fixImports,
    allowOpaque: args.allowOpaque,
    ...(args.encoding !== undefined ? { encoding: args.encoding } : {}),
  }));
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'show') process.stdout.write(`${show(parseArgs(command, rest))}\n`);
    else if (command === 'pickle') process.stdout.write(`${pickle(parseArgs(command, rest))}\n`);
    else throw new UsageError(`unknown command ${command}`);
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
