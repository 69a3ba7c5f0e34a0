/**
 * A disassembly of pickle bytes in the format of CPython's `pickletools.dis`,
 * driven by the one opcode table (./opcodes.ts): its argument readers parse
 * each argument, its stack effects (pickletools' notation) drive the same
 * crude stack emulation pickletools runs, so MARK levels indent, a POP that
 * takes a mark closes its level, and the memo checks catch the same errors.
 *
 * A line is `%5d: %-4s <indent>NAME<pad> repr(arg) (note)`: the byte offset,
 * the opcode byte as Python's repr writes it, 4 blanks per open MARK, and the
 * argument as Python's repr of what pickletools reads (STRING, BINSTRING and
 * SHORT_BINSTRING as a str of latin-1 characters, GLOBAL as 'module name').
 * Notes: `(MARK at N)` on the opcode that closes a MARK level, `(as N)` on
 * MEMOIZE. After STOP: `highest protocol among opcodes = N`.
 *
 * Where this differs from pickletools (test/pickle/dis.test.ts lists each case):
 * - On bad input pickletools raises after printing some lines; here every
 *   line that can be printed is, then one line `error at byte N: message`,
 *   and `Disassembly.error` holds the typed error. pickletools' own checks
 *   keep its words; argument errors are the table readers' (CPython's C
 *   unpickler's words).
 * - Bytes after a STOP are a second pickle stream (as successive
 *   `pickle.load` calls on one file would read them): a line says where it
 *   starts, and it is disassembled with a fresh memo.
 * - Indentation stops growing at MAX_INDENT_LEVELS open MARKs, so a hostile
 *   pickle of a million nested MARKs gives a million short lines, not
 *   terabytes of blanks (`DisOp.depth` stays exact).
 * - Arguments are parsed as the C unpickler parses them, which pickletools
 *   does not always do: INT and LONG are read in base 0 (`010` is 8), STRING
 *   with non-ASCII bytes is shown where pickletools fails on it, GLOBAL names
 *   are UTF-8 where pickletools escape-decodes them, and text the C
 *   unpickler refuses (`FLOAT 1.5 ` with a blank) is an error here.
 * - Two encoded surrogates that pair up print as the character they make:
 *   a JS string cannot tell them apart.
 */
import { NpyioError, UnpicklingError } from '../errors.js';
import { pyByteArrayRepr, pyBytesRepr, pyFloatRepr, pyStrRepr } from '../npy/pyrepr.js';
import { Cursor } from './cursor.js';
import { BY_CODE, type OpcodeInfo } from './opcodes.js';
import { latin1 } from './text.js';

export interface DisOptions {
  /** Where the pickle starts in the bytes; printed offsets are positions in the bytes (0). */
  start?: number;
  /** Blanks per open MARK, pickletools' `indentlevel` (4). */
  indent?: number;
  /** Stop after the first STOP, as pickletools does, instead of going on to the next stream (false). */
  firstStreamOnly?: boolean;
}

/** One disassembled opcode. */
export interface DisOp {
  readonly offset: number;
  readonly op: OpcodeInfo;
  /** The argument as the table's reader returned it (undefined when the opcode has none). */
  readonly arg: unknown;
  /** Open MARK levels when the opcode ran: its indentation. */
  readonly depth: number;
  /** The line as printed. */
  readonly text: string;
}

/** How a disassembly ended. */
export interface DisSummary {
  /** Streams seen (a stream counts once its first opcode is read). */
  readonly streams: number;
  /** What stopped the disassembly early, also printed as the last line. */
  readonly error?: UnpicklingError;
}

export interface Disassembly extends DisSummary {
  /** Every printed line: opcodes, protocol lines, stream starts, and the error line if any. */
  readonly lines: string[];
  readonly ops: DisOp[];
}

/**
 * Receives each line as it is made: with its opcode for an opcode line, with
 * the error for the final error line, alone for the others.
 */
export type DisSink = (line: string, op?: DisOp, error?: UnpicklingError) => void;

/** Open MARK levels beyond which lines are not indented further. */
export const MAX_INDENT_LEVELS = 64;

/** pickletools' StackObject names for the two markers the emulation cares about. */
const MARK = 'mark';
const MEMO_PUTS = new Set(['PUT', 'BINPUT', 'LONG_BINPUT', 'MEMOIZE']);
const MEMO_GETS = new Set(['GET', 'BINGET', 'LONG_BINGET']);

interface StackEffect {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

const effects = new Map<OpcodeInfo, StackEffect>();

function effectOf(op: OpcodeInfo): StackEffect {
  let e = effects.get(op);
  if (e === undefined) {
    const [before = '', after = ''] = op.stack.split('->');
    const names = (s: string) => s.trim().split(/\s+/).filter((x) => x !== '');
    e = { before: names(before), after: names(after) };
    effects.set(op, e);
  }
  return e;
}

/** Python's repr of an argument as pickletools reads it, from the table reader's value. */
/** `end` is where the argument ends in `bytes`. */
function argRepr(op: OpcodeInfo, arg: unknown, bytes: Uint8Array, end: number): string {
  const reader = op.arg!.name;
  // the table's uint8 caps what no input can hold at 2^53 - 1; the listing shows the bytes' value
  if (reader === 'uint8') return new DataView(bytes.buffer, bytes.byteOffset + end - 8, 8).getBigUint64(0, true).toString();
  if (arg instanceof Uint8Array) {
    if (reader === 'bytearray8') return pyByteArrayRepr(arg);
    // Python 2 str (STRING, BINSTRING, SHORT_BINSTRING): pickletools shows a str of latin-1 characters
    if (reader.startsWith('string')) return pyStrRepr(latin1(arg));
    return pyBytesRepr(arg);
  }
  if (Array.isArray(arg)) return pyStrRepr(arg.join(' ')); // GLOBAL, INST: 'module name'
  if (typeof arg === 'string') return pyStrRepr(arg);
  if (typeof arg === 'boolean') return arg ? 'True' : 'False';
  if (typeof arg === 'number' && (reader === 'floatnl' || reader === 'float8')) return pyFloatRepr(arg);
  return String(arg);
}

/** Per opcode: the byte as `repr(opcode.code)[1:-1]` writes it, padded to 4, and a blank. */
const CODE_COLUMN = new Map<OpcodeInfo, string>();

function codeColumn(op: OpcodeInfo): string {
  let s = CODE_COLUMN.get(op);
  if (s === undefined) {
    s = `${pyStrRepr(String.fromCharCode(op.code)).slice(1, -1).padEnd(4)} `;
    CODE_COLUMN.set(op, s);
  }
  return s;
}

function disError(message: string, offset: number, opcode?: string): UnpicklingError {
  return new UnpicklingError(message, opcode === undefined ? { offset, pythonType: 'ValueError' } : { offset, opcode, pythonType: 'ValueError' });
}

/** Disassembles `bytes` (from `opts.start`) as `pickletools.dis` prints it; never throws on bad input. */
export function dis(bytes: Uint8Array, opts: DisOptions = {}): Disassembly {
  const lines: string[] = [];
  const ops: DisOp[] = [];
  const summary = disEach(bytes, opts, (line, op) => {
    lines.push(line);
    if (op !== undefined) ops.push(op);
  });
  return { lines, ops, ...summary };
}

/** `dis` handing each line to `sink` as it is made and keeping nothing: for pickles of any size. */
export function disEach(bytes: Uint8Array, opts: DisOptions, sink: DisSink): DisSummary {
  const indent = ' '.repeat(opts.indent ?? 4);
  const indents = Array.from({ length: MAX_INDENT_LEVELS + 1 }, (_, i) => indent.repeat(i));
  const c = new Cursor(bytes, opts.start ?? 0);
  let streams = 0;

  const fail = (e: UnpicklingError): DisSummary => {
    // one line, whatever the message quotes (a reader's message can hold the raw text it refused)
    const message = e.message.replace(/[\x00-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
    sink(`error at byte ${e.offset ?? c.opStart}: ${message}`, undefined, e);
    return { streams, error: e };
  };

  for (;;) {
    streams++;
    const stack: string[] = [];
    const markstack: number[] = [];
    const memo = new Map<unknown, string>();
    let maxproto = -1;
    for (;;) {
      const pos = c.pos;
      if (pos >= bytes.length) return fail(disError('pickle exhausted before seeing STOP', pos));
      const op = BY_CODE[bytes[pos]!];
      if (op === undefined) return fail(disError(`opcode ${pyBytesRepr(bytes.subarray(pos, pos + 1))} unknown`, pos));
      c.opStart = pos;
      c.opName = op.name;
      c.pos = pos + 1;
      let arg: unknown;
      try {
        arg = op.arg?.read(c);
      } catch (e) {
        if (e instanceof UnpicklingError) return fail(e);
        if (e instanceof NpyioError) return fail(new UnpicklingError(e.message, { offset: pos, opcode: op.name, cause: e }));
        throw e;
      }

      const shown = arg === undefined ? undefined : argRepr(op, arg, bytes, c.pos);
      const depth = markstack.length;
      maxproto = Math.max(maxproto, op.proto);
      const { before } = effectOf(op);
      let { after } = effectOf(op);
      let numtopop = before.length;
      let note: string | undefined;
      let error: string | undefined;

      // A MARK level closes on an opcode that pops a mark, or on a POP whose top is a mark.
      if (before.includes(MARK) || (op.name === 'POP' && stack.length > 0 && stack[stack.length - 1] === MARK)) {
        const markAt = stack.lastIndexOf(MARK);
        if (markstack.length > 0 && markAt < 0) {
          // an earlier opcode popped the mark as an ordinary item (pickletools fails with an IndexError here)
          error = note = `the MARK at ${markstack.pop()!} was taken off the stack as an item`;
        } else if (markstack.length > 0) {
          note = `(MARK at ${markstack.pop()!})`;
          stack.length = markAt;
          numtopop = Math.max(0, before.indexOf(MARK));
        } else {
          error = note = 'no MARK exists on stack';
        }
      }
      if (MEMO_PUTS.has(op.name)) {
        const key = op.name === 'MEMOIZE' ? memo.size : arg;
        if (op.name === 'MEMOIZE') note = `(as ${memo.size})`;
        if (memo.has(key)) error = `memo key ${shown ?? 'None'} already defined`;
        else if (stack.length === 0) error = "stack is empty -- can't store into memo";
        else if (stack[stack.length - 1] === MARK) error = "can't store markobject in the memo";
        else memo.set(key, stack[stack.length - 1]!);
      } else if (MEMO_GETS.has(op.name)) {
        const stored = memo.get(arg);
        if (stored !== undefined) after = [stored];
        else error = `memo key ${shown} has never been stored into`;
      }

      let text = `${String(pos).padStart(5)}: ${codeColumn(op)}${indents[Math.min(depth, MAX_INDENT_LEVELS)]!}${op.name}`;
      if (shown !== undefined || note !== undefined) {
        text += ' '.repeat(Math.max(0, 10 - op.name.length));
        if (shown !== undefined) text += ` ${shown}`;
        if (note !== undefined) text += ` ${note}`;
      }
      sink(text, { offset: pos, op, arg, depth, text });
      if (error !== undefined) return fail(disError(error, pos, op.name));

      if (stack.length < numtopop) {
        return fail(disError(`tries to pop ${numtopop} items from stack with only ${stack.length} items`, pos, op.name));
      }
      stack.length -= numtopop;
      if (after.includes(MARK)) markstack.push(pos);
      stack.push(...after);
      if (op.name === 'STOP') break;
    }
    sink(`highest protocol among opcodes = ${maxproto}`);
    const stop = c.pos - 1;
    if (stack.length > 0) return fail(disError(`stack not empty after STOP: [${stack.join(', ')}]`, stop, 'STOP'));
    if (opts.firstStreamOnly || c.pos >= bytes.length) return { streams };
    sink(`another pickle stream starts at byte ${c.pos} (${bytes.length - c.pos} bytes after STOP)`);
  }
}

/** The disassembly as text, one line each, as pickletools.dis prints it. */
export function disText(bytes: Uint8Array, opts: DisOptions = {}): string {
  const lines: string[] = [];
  disEach(bytes, opts, (line) => lines.push(line));
  return lines.join('\n') + '\n';
}
