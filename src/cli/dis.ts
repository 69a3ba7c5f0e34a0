/**
 * `npyio dis FILE [--key K]`: the pickle in FILE disassembled as
 * pickletools.dis prints it (src/pickle/dis.ts). FILE is a raw pickle, an
 * .npy object array (the pickle after the header; offsets count from the
 * start of the file, as pickletools.dis on the open file gives them), or an
 * archive member named by --key (numpy's keys, or any member name); a member
 * that is an .npy object array disassembles its pickle part.
 */
import { readFileSync } from 'node:fs';
import { NpyioError, UnpicklingError } from '../errors.js';
import { runPlanOnBytes } from '../io/plan.js';
import { sniff } from '../load.js';
import { fileSource } from '../node/files.js';
import { MAGIC } from '../npy/header.js';
import { pyStrRepr } from '../npy/pyrepr.js';
import { headerPlan } from '../npy/read.js';
import { NpzFile } from '../npz/npzfile.js';
import { disEach as disassemble } from '../pickle/dis.js';
import { UsageError, type ParsedArgs } from './args.js';
import type { Colour } from './colour.js';
import type { Command, CommandContext } from './command.js';

/** Where the pickle starts in `bytes`: after the header of an .npy object array, else 0. */
function pickleStart(bytes: Uint8Array, what: string): number {
  if (bytes.length < MAGIC.length || !MAGIC.every((b, i) => bytes[i] === b)) return 0;
  const header = runPlanOnBytes((info) => headerPlan(info, { allowPickle: true }), bytes);
  if (!header.dtype.hasObject) {
    throw new NpyioError(`${what} is an .npy array of dtype ${header.dtype.str}: it holds no pickle`, { pythonType: 'ValueError' });
  }
  return header.dataOffset;
}

/** The bytes holding the pickle, and what to call them. */
function pickleBytes(path: string, key: string | undefined): { bytes: Uint8Array; what: string } {
  const src = fileSource(path);
  try {
    const kind = sniff(src.read(0, Math.min(MAGIC.length, src.size)));
    if (kind !== 'npz') {
      if (key !== undefined) throw new UsageError('--key is for .npz and other zip archives');
      return { bytes: new Uint8Array(readFileSync(path)), what: path };
    }
    const npz = new NpzFile(src, {}, pyStrRepr(path), false);
    if (key === undefined) throw new UsageError(`${path} is an archive: name a member with --key (keys: ${npz.files.join(', ')})`);
    return { bytes: npz.member(key).bytes, what: `member ${pyStrRepr(key)}` };
  } finally {
    src.close?.();
  }
}

/** Offsets dim, opcode names bold, notes in yellow: only when colour is on. */
function paintLine(line: string, colour: Colour): string {
  if (!colour.enabled) return line;
  const m = /^( *\d+:)( \S+ +)( *)([A-Z_0-9]+)(.*)$/.exec(line);
  if (m === null) return colour.paint('dim', line);
  const rest = m[5]!.replace(/(\((?:MARK at|as) \d+\))$/, (n) => colour.paint('yellow', n));
  return `${colour.paint('dim', m[1]!)}${m[2]!}${m[3]!}${colour.paint('bold', m[4]!)}${rest}`;
}

/** Lines are written in batches of this many: the listing of a large pickle is never held whole. */
const BATCH = 4096;

function run(args: ParsedArgs, ctx: CommandContext): void {
  const { bytes, what } = pickleBytes(args.positionals[0]!, args.string('key'));
  let batch: string[] = [];
  let errorLine: string | undefined;
  const summary = disassemble(bytes, { start: pickleStart(bytes, what), firstStreamOnly: args.flag('first-stream') }, (line, _op, error) => {
    if (error !== undefined) {
      errorLine = line;
      return;
    }
    batch.push(paintLine(line, ctx.colour));
    if (batch.length === BATCH) {
      ctx.out(batch.join('\n'));
      batch = [];
    }
  });
  if (batch.length > 0) ctx.out(batch.join('\n'));
  if (summary.error === undefined) return;
  // the listing went to stdout; the error is the one line on stderr, as for any failure
  throw new UnpicklingError(`${what}: ${errorLine!}`, { offset: summary.error.offset, cause: summary.error });
}

export const dis: Command = {
  name: 'dis',
  summary: 'disassemble the pickle in FILE as pickletools.dis prints it',
  description:
    'FILE is a pickle, an .npy object array (offsets count from the start of the file), or an archive\n' +
    'whose member --key K holds one. Bytes after STOP are disassembled as the next pickle, where\n' +
    'pickletools stops. On bad input every line that can be printed is, then the error (with its\n' +
    'byte offset) goes to stderr.',
  positional: { name: 'FILE' },
  options: [
    { name: 'key', value: 'K', help: 'the archive member to disassemble (numpy\'s key, or any member name)' },
    { name: 'first-stream', help: 'stop at the first STOP, as pickletools does' },
  ],
  run,
};
