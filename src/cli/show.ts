/**
 * `npyio show FILE`: what `np.load` returns, printed as Python prints it:
 * arrays as numpy's repr (or str with --str) under numpy's print options,
 * object arrays and pickled values as Python's repr; `--json` gives the
 * canonical pyjson instead. An .npz lists its members, or prints the one
 * named by --key, or all of them with --all.
 */
import type { PrintOptions } from '../format/repr.js';
import { pyValueRepr, pyValueStr } from '../format/pyvalue-repr.js';
import { NdArray } from '../ndarray.js';
import { loadSync, NpzFile, toPyJSONText, type LoadOptions } from '../node/index.js';
import { ObjectArray } from '../pickle/numpy.js';
import { UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import type { Command, CommandContext } from './command.js';

const LOAD_OPTIONS: readonly OptionSpec[] = [
  { name: 'allow-pickle', help: "numpy's allow_pickle: object arrays and pickle files" },
  { name: 'encoding', value: 'E', help: 'Python 2 str in pickles: ASCII (default), latin1 or bytes' },
  { name: 'no-fix-imports', help: 'do not map Python 2 module names to Python 3 ones' },
  { name: 'max-header-size', value: 'N', integer: true, help: "numpy's max_header_size (default 10000)" },
];

function loadOptions(args: ParsedArgs, onWarning: (m: string) => void): LoadOptions {
  const opts: LoadOptions = { allowPickle: args.flag('allow-pickle'), fixImports: !args.flag('no-fix-imports'), onWarning };
  const maxHeaderSize = args.integer('max-header-size');
  if (maxHeaderSize !== undefined) opts.maxHeaderSize = maxHeaderSize;
  const encoding = args.string('encoding');
  if (encoding !== undefined) opts.encoding = encoding as LoadOptions['encoding'];
  return opts;
}

/** numpy's np.set_printoptions, from the command line. */
function printOptions(args: ParsedArgs): PrintOptions {
  const opts: PrintOptions = {};
  for (const name of ['precision', 'threshold', 'linewidth', 'edgeitems'] as const) {
    const v = args.integer(name);
    if (v !== undefined) opts[name] = v;
  }
  if (args.flag('suppress')) opts.suppress = true;
  return opts;
}

function print(value: unknown, args: ParsedArgs): string {
  if (args.flag('json')) return toPyJSONText(value);
  const opts = printOptions(args);
  return args.flag('str') ? pyValueStr(value, opts) : pyValueRepr(value, opts);
}

/** One line per member: key, dtype and shape (or what else it is). */
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
    if (v instanceof NdArray || v instanceof ObjectArray) {
      lines.push(`${key}: ${v.dtype.toString()} (${v.shape.join(', ')}${v.shape.length === 1 ? ',' : ''})`);
    } else if (v instanceof Uint8Array) lines.push(`${key}: ${v.length} bytes, not an .npy`);
    else lines.push(`${key}: a pickled value`);
  }
  return lines.join('\n');
}

function run(args: ParsedArgs, ctx: CommandContext): void {
  const warnings: string[] = [];
  const value = loadSync(args.positionals[0]!, loadOptions(args, (m) => warnings.push(m)));
  const key = args.string('key');
  const flush = () => {
    for (const w of warnings.splice(0)) ctx.warn(`UserWarning: ${w}`);
  };
  if (!(value instanceof NpzFile)) {
    if (key !== undefined || args.flag('all')) throw new UsageError('--key and --all are for .npz archives');
    flush();
    ctx.out(print(value, args));
    return;
  }
  try {
    if (key !== undefined) {
      const member = value.get(key);
      flush();
      ctx.out(print(member, args));
    } else if (args.flag('all')) {
      value.files.forEach((k, i) => {
        const member = value.get(k);
        flush();
        ctx.out(`${i > 0 ? '\n' : ''}${ctx.colour.paint('bold', `${k}:`)}\n${print(member, args)}`);
      });
    } else {
      ctx.out(listMembers(value));
    }
  } finally {
    value.close();
  }
}

export const show: Command = {
  name: 'show',
  summary: 'load FILE as np.load does and print it as Python prints it',
  description:
    'Arrays print as numpy\'s repr, summarized with ... past --threshold elements; object arrays and\n' +
    'pickled values as Python\'s repr. An .npz lists its members (numpy\'s repr of the archive, then\n' +
    'name, dtype and shape), or prints the member --key K, or every member with --all.',
  positional: { name: 'FILE' },
  options: [
    { name: 'key', value: 'K', help: 'the .npz member to print (numpy\'s key: with or without .npy)' },
    { name: 'all', help: 'print every member of an .npz' },
    { name: 'json', help: 'print the canonical pyjson form instead' },
    { name: 'str', help: 'print str(a) (print(a)) instead of repr(a)' },
    { name: 'precision', value: 'N', integer: true, help: 'float digits (np.set_printoptions precision, 8)' },
    { name: 'threshold', value: 'N', integer: true, help: 'summarize arrays of more elements (1000)' },
    { name: 'linewidth', value: 'N', integer: true, help: 'characters per line (75)' },
    { name: 'edgeitems', value: 'N', integer: true, help: 'items kept at each edge when summarizing (3)' },
    { name: 'suppress', help: 'never print small floats in scientific notation' },
    ...LOAD_OPTIONS,
  ],
  run,
};
