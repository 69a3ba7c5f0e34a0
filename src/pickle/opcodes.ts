/**
 * The pickle opcode table: one row per opcode, the only place a byte is
 * given a meaning. The interpreter (machine.ts), the disassembler and the
 * audit all look rows up here.
 *
 * Machine model: a value stack; MARK pushes the current stack on a
 * metastack and starts an empty one, and "pop to mark" returns the items
 * above it and restores the previous stack (machine.ts keeps the levels in
 * one array with the MARKs as indices, as CPython's C unpickler does); a
 * memo maps integers to objects
 * (sparse: a Map); PROTO sets the protocol, which matters only for Python 2
 * name mapping (< 3) and dotted names (>= 4). Opcodes are accepted whatever
 * the declared protocol, as CPython does; `proto` below is the protocol that
 * introduced each one. STOP returns the top of the stack.
 *
 * Argument readers are shared between opcodes (as pickletools'
 * ArgumentDescriptors are) and parse as CPython 3.11's C unpickler does.
 */
import { Cursor } from './cursor.js';
import { ascii, escapeDecode, latin1, latin1Short, rawUnicodeEscape, utf8Surrogatepass } from './text.js';

export interface ArgReader<T = unknown> {
  readonly name: string;
  read(c: Cursor): T;
}

// ---- integers in text (protocol 0) ----

const MAX_STR_DIGITS = 4300;

function digitLimit(c: Cursor, digits: string): void {
  if (digits.length > MAX_STR_DIGITS) {
    throw c.error(
      `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; ` +
        'use sys.set_int_max_str_digits() to increase the limit',
      'ValueError',
    );
  }
}

/** A JS number when the value is a safe integer, else a bigint (the value model of DESIGN.md). */
export function intValue(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Python's `int(text, 0)`: 0x/0o/0b prefixes, underscores between digits, no leading zeros. */
function pyIntBase0(c: Cursor, text: string): bigint | null {
  const m = /^[ \t\n\r\f\v]*([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0+(?:_?0)*|[1-9](?:_?[0-9])*)[ \t\n\r\f\v]*$/.exec(text);
  if (!m) return null;
  const body = m[2]!.replace(/_/g, '');
  if (!/^0[xob]/i.test(body)) digitLimit(c, body);
  const v = BigInt(body.length > 1 && /^0+$/.test(body) ? '0' : body);
  return m[1] === '-' ? -v : v;
}

/** C's strtol in base 0, as CPython 3.11's INT tries first: a leading 0 means octal. */
function strtolBase0(text: string): bigint | null {
  const m = /^[ \t\n\r\f\v]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return null;
  const body = m[2]!;
  const v = /^0[0-7]+$/.test(body) ? BigInt('0o' + body.slice(1)) : BigInt(body);
  const signed = m[1] === '-' ? -v : v;
  return signed >= -(2n ** 63n) && signed < 2n ** 63n ? signed : null;
}

function invalidInt(c: Cursor, text: string): never {
  throw c.error(`invalid literal for int() with base 0: ${JSON.stringify(text).replace(/^"|"$/g, "'")}`, 'ValueError');
}

/** INT: `00`/`01` are False/True; otherwise strtol base 0, then Python's int(text, 0). A NUL ends the text. */
/** A text argument: CPython's C unpickler calls an empty line truncated data. */
function textLine(c: Cursor): Uint8Array {
  const line = c.line();
  if (line.length === 0) throw c.truncated();
  return line;
}

export const decimalnlShort: ArgReader<number | bigint | boolean> = {
  name: 'decimalnl_short',
  read(c) {
    let raw = textLine(c);
    const nul = raw.indexOf(0);
    if (nul >= 0) raw = raw.subarray(0, nul);
    const text = latin1(raw);
    if (text === '00') return false;
    if (text === '01') return true;
    const v = strtolBase0(text) ?? pyIntBase0(c, text);
    if (v === null) invalidInt(c, text);
    return intValue(v);
  },
};

/** LONG: Python's int(text, 0) after an optional trailing 'L'. */
export const decimalnlLong: ArgReader<number | bigint> = {
  name: 'decimalnl_long',
  read(c) {
    let text = latin1(textLine(c));
    if (text.endsWith('L')) text = text.slice(0, -1);
    const v = pyIntBase0(c, text);
    if (v === null) invalidInt(c, text);
    return intValue(v);
  },
};

/** GET/PUT index: Python's int(text) (pickletools files it under decimalnl_short too). */
export const decimalnl: ArgReader<number> = {
  name: 'decimalnl_short',
  read(c) {
    const text = latin1(textLine(c));
    const m = /^[ \t\r]*([+-]?)([0-9](?:_?[0-9])*)[ \t\r]*$/.exec(text);
    if (!m) throw c.error(`invalid literal for int() with base 10: '${text}'`, 'ValueError');
    const v = Number(m[2]!.replace(/_/g, ''));
    return m[1] === '-' ? -v : v;
  },
};

/** FLOAT: what C's PyOS_string_to_double accepts (no blanks, no underscores). */
export const floatnl: ArgReader<number> = {
  name: 'floatnl',
  read(c) {
    const text = latin1(textLine(c));
    const m = /^([+-]?)(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(inf(?:inity)?)|(nan))$/i.exec(text);
    if (!m) throw c.error(`could not convert string to float: '${text}'`, 'ValueError');
    const sign = m[1] === '-' ? -1 : 1;
    if (m[3] !== undefined) return sign * Infinity;
    if (m[4] !== undefined) return NaN;
    const v = sign * Number(m[2]);
    if (!Number.isFinite(v)) throw c.error(`value too large to convert to float: '${text}'`, 'OverflowError');
    return v;
  },
};

// ---- fixed-width numbers ----

export const uint1: ArgReader<number> = { name: 'uint1', read: (c) => c.u1() };
export const uint2: ArgReader<number> = { name: 'uint2', read: (c) => c.u2() };
export const uint4: ArgReader<number> = { name: 'uint4', read: (c) => c.u4() };
export const int4: ArgReader<number> = { name: 'int4', read: (c) => c.i4() };
export const uint8: ArgReader<number> = { name: 'uint8', read: (c) => c.u8() };
export const float8: ArgReader<number> = { name: 'float8', read: (c) => c.f8be() };

/** Little-endian two's complement of any length: LONG1/LONG4. */
function readLong(c: Cursor, n: number): number | bigint {
  if (n < 0) throw c.error('LONG pickle has negative byte count');
  const b = c.take(n);
  if (n === 0) return 0;
  if (n <= 6) {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + b[i]!;
    return b[n - 1]! & 0x80 ? v - 2 ** (8 * n) : v;
  }
  let hex = '';
  for (let i = n - 1; i >= 0; i--) hex += b[i]!.toString(16).padStart(2, '0');
  let v = BigInt('0x' + hex);
  if (b[n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
  return intValue(v);
}

export const long1: ArgReader<number | bigint> = { name: 'long1', read: (c) => readLong(c, c.u1()) };
export const long4: ArgReader<number | bigint> = { name: 'long4', read: (c) => readLong(c, c.i4()) };

// ---- byte strings: views on the input; whoever keeps one copies it ----

export const bytes1: ArgReader<Uint8Array> = { name: 'bytes1', read: (c) => c.payload(c.u1()) };
export const bytes4: ArgReader<Uint8Array> = { name: 'bytes4', read: (c) => c.payload(c.u4()) };
export const bytes8: ArgReader<Uint8Array> = { name: 'bytes8', read: (c) => c.payload(c.u8()) };
export const bytearray8: ArgReader<Uint8Array> = { name: 'bytearray8', read: (c) => c.payload(c.u8()) };

export const string1: ArgReader<Uint8Array> = { name: 'string1', read: (c) => c.take(c.u1()) };
export const string4: ArgReader<Uint8Array> = {
  name: 'string4',
  read(c) {
    const n = c.i4();
    if (n < 0) throw c.error('BINSTRING pickle has negative byte count');
    return c.take(n);
  },
};

/** STRING: a Python 2 repr, quoted with ' or ", escapes decoded (codecs.escape_decode). */
export const stringnl: ArgReader<Uint8Array> = {
  name: 'stringnl',
  read(c) {
    const b = c.line();
    const q = b[0];
    if (b.length < 2 || (q !== 0x27 && q !== 0x22) || b[b.length - 1] !== q) {
      throw c.error('the STRING opcode argument must be quoted');
    }
    try {
      return escapeDecode(b.subarray(1, b.length - 1));
    } catch (e) {
      throw c.error((e as Error).message, 'ValueError');
    }
  },
};

export const unicodestringnl: ArgReader<string> = { name: 'unicodestringnl', read: (c) => decodeAt(c, () => rawUnicodeEscape(c.line())) };
export const unicodestring1: ArgReader<string> = { name: 'unicodestring1', read: (c) => utf8Text(c, c.u1()) };
export const unicodestring4: ArgReader<string> = { name: 'unicodestring4', read: (c) => utf8Text(c, c.u4()) };

/**
 * `n` bytes of UTF-8 text. Short ASCII (dict keys, names, most strings in
 * object arrays) is decoded in place: no view and no closure per string,
 * which a million-string pickle otherwise pays in garbage collection.
 */
function utf8Text(c: Cursor, n: number): string {
  if (n <= 16 && n <= c.end - c.pos) {
    const b = c.bytes;
    const start = c.pos - c.base;
    let high = 0;
    for (let i = start; i < start + n; i++) high |= b[i]!;
    if (high < 0x80) {
      c.pos += n;
      return latin1Short(b, start, n);
    }
  }
  return decodeAt(c, () => utf8Surrogatepass(c.take(n)));
}
export const unicodestring8: ArgReader<string> = { name: 'unicodestring8', read: (c) => decodeAt(c, () => utf8Surrogatepass(c.take(c.u8()))) };

/** Decoding errors carry the opcode's offset. */
function decodeAt<T>(c: Cursor, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && 'pythonType' in e && (e as { offset?: number }).offset === undefined) {
      throw c.error(e.message, (e as { pythonType: string }).pythonType);
    }
    throw e;
  }
}

/** PERSID: an ASCII line. */
export const stringnlNoescape: ArgReader<string> = {
  name: 'stringnl_noescape',
  read: (c) => decodeAt(c, () => ascii(c.line())),
};

/** GLOBAL: module and name lines in UTF-8. */
export const stringnlNoescapePair: ArgReader<[string, string]> = {
  name: 'stringnl_noescape_pair',
  read: (c) => decodeAt(c, () => [utf8Surrogatepass(c.line()), utf8Surrogatepass(c.line())]),
};

/** INST: module and name lines in ASCII. */
export const stringnlNoescapePairAscii: ArgReader<[string, string]> = {
  name: 'stringnl_noescape_pair',
  read: (c) => decodeAt(c, () => [ascii(c.line()), ascii(c.line())]),
};

// ---- the table ----

export interface OpcodeInfo {
  readonly name: string;
  readonly code: number;
  readonly arg: ArgReader | null;
  readonly proto: number;
  /** Stack effect as pickletools writes it (its StackObject names, `before -> after`): the disassembler emulates the stack from it. */
  readonly stack: string;
  readonly doc: string;
}

function op(name: string, code: string, arg: ArgReader | null, proto: number, stack: string, doc: string): OpcodeInfo {
  return { name, code: code.charCodeAt(0), arg, proto, stack, doc };
}

export const OPCODES: readonly OpcodeInfo[] = [
  op('MARK', '(', null, 0, '-> mark', 'push a mark: a new stack level'),
  op('STOP', '.', null, 0, 'any ->', 'pop the top and return it'),
  op('POP', '0', null, 0, 'any ->', 'discard the top; pops the mark when the level is empty'),
  op('POP_MARK', '1', null, 1, 'mark stackslice ->', 'discard everything above the topmost mark, and the mark'),
  op('DUP', '2', null, 0, 'any -> any any', 'push the top again (the same object)'),
  op('FLOAT', 'F', floatnl, 0, '-> float', 'a float in text'),
  op('INT', 'I', decimalnlShort, 0, '-> int_or_bool', 'an int in text; 00 and 01 are False and True'),
  op('BININT', 'J', int4, 1, '-> int', 'a signed 4-byte int'),
  op('BININT1', 'K', uint1, 1, '-> int', 'a 1-byte unsigned int'),
  op('LONG', 'L', decimalnlLong, 0, '-> int', 'an int in text with an optional L'),
  op('BININT2', 'M', uint2, 1, '-> int', 'a 2-byte unsigned int'),
  op('NONE', 'N', null, 0, '-> None', 'push None'),
  op('PERSID', 'P', stringnlNoescape, 0, '-> any', "persistent_load(id) with an ASCII id"),
  op('BINPERSID', 'Q', null, 1, 'any -> any', 'persistent_load(id) with the popped id'),
  op('REDUCE', 'R', null, 0, 'any any -> any', 'call f(*args)'),
  op('STRING', 'S', stringnl, 0, '-> bytes_or_str', 'a Python 2 str, quoted with escapes'),
  op('BINSTRING', 'T', string4, 1, '-> bytes_or_str', 'a Python 2 str, 4-byte signed length'),
  op('SHORT_BINSTRING', 'U', string1, 1, '-> bytes_or_str', 'a Python 2 str, 1-byte length'),
  op('UNICODE', 'V', unicodestringnl, 0, '-> str', 'a str in raw-unicode-escape'),
  op('BINUNICODE', 'X', unicodestring4, 1, '-> str', 'a UTF-8 str, 4-byte length'),
  op('APPEND', 'a', null, 0, 'list any -> list', 'list.append(x)'),
  op('BUILD', 'b', null, 0, 'any any -> any', 'obj.__setstate__(state) or its dict update'),
  op('GLOBAL', 'c', stringnlNoescapePair, 0, '-> any', 'find_class(module, name)'),
  op('DICT', 'd', null, 0, 'mark stackslice -> dict', 'a dict of the pairs above the mark'),
  op('APPENDS', 'e', null, 1, 'list mark stackslice -> list', 'list.extend(items)'),
  op('GET', 'g', decimalnl, 0, '-> any', 'push memo[n]'),
  op('BINGET', 'h', uint1, 1, '-> any', 'push memo[n]'),
  op('INST', 'i', stringnlNoescapePairAscii, 0, 'mark stackslice -> any', 'instantiate the named class with the args above the mark'),
  op('LONG_BINGET', 'j', uint4, 1, '-> any', 'push memo[n]'),
  op('LIST', 'l', null, 0, 'mark stackslice -> list', 'a list of the items above the mark'),
  op('EMPTY_LIST', ']', null, 1, '-> list', 'push []'),
  op('OBJ', 'o', null, 1, 'mark any stackslice -> any', 'instantiate the class above the mark with the args after it'),
  op('PUT', 'p', decimalnl, 0, '->', 'memo[n] = top'),
  op('BINPUT', 'q', uint1, 1, '->', 'memo[n] = top'),
  op('LONG_BINPUT', 'r', uint4, 1, '->', 'memo[n] = top'),
  op('SETITEM', 's', null, 0, 'dict any any -> dict', 'd[k] = v'),
  op('TUPLE', 't', null, 0, 'mark stackslice -> tuple', 'a tuple of the items above the mark'),
  op('EMPTY_TUPLE', ')', null, 1, '-> tuple', 'push ()'),
  op('SETITEMS', 'u', null, 1, 'dict mark stackslice -> dict', 'd[k] = v for the pairs above the mark'),
  op('BINFLOAT', 'G', float8, 1, '-> float', 'a big-endian IEEE 754 double'),
  op('EMPTY_DICT', '}', null, 1, '-> dict', 'push {}'),
  op('PROTO', '\x80', uint1, 2, '->', 'the protocol version'),
  op('NEWOBJ', '\x81', null, 2, 'any any -> any', 'cls.__new__(cls, *args)'),
  op('EXT1', '\x82', uint1, 2, '-> any', 'an extension registry code'),
  op('EXT2', '\x83', uint2, 2, '-> any', 'an extension registry code'),
  op('EXT4', '\x84', int4, 2, '-> any', 'an extension registry code'),
  op('TUPLE1', '\x85', null, 2, 'any -> tuple', 'a 1-tuple of the top'),
  op('TUPLE2', '\x86', null, 2, 'any any -> tuple', 'a 2-tuple of the two top items'),
  op('TUPLE3', '\x87', null, 2, 'any any any -> tuple', 'a 3-tuple of the three top items'),
  op('NEWTRUE', '\x88', null, 2, '-> bool', 'push True'),
  op('NEWFALSE', '\x89', null, 2, '-> bool', 'push False'),
  op('LONG1', '\x8a', long1, 2, '-> int', 'a little-endian two\'s complement int, 1-byte length'),
  op('LONG4', '\x8b', long4, 2, '-> int', 'a little-endian two\'s complement int, 4-byte length'),
  op('BINBYTES', 'B', bytes4, 3, '-> bytes', 'bytes, 4-byte length'),
  op('SHORT_BINBYTES', 'C', bytes1, 3, '-> bytes', 'bytes, 1-byte length'),
  op('SHORT_BINUNICODE', '\x8c', unicodestring1, 4, '-> str', 'a UTF-8 str, 1-byte length'),
  op('BINUNICODE8', '\x8d', unicodestring8, 4, '-> str', 'a UTF-8 str, 8-byte length'),
  op('BINBYTES8', '\x8e', bytes8, 4, '-> bytes', 'bytes, 8-byte length'),
  op('EMPTY_SET', '\x8f', null, 4, '-> set', 'push set()'),
  op('ADDITEMS', '\x90', null, 4, 'set mark stackslice -> set', 'set.update(items)'),
  op('FROZENSET', '\x91', null, 4, 'mark stackslice -> frozenset', 'a frozenset of the items above the mark'),
  op('NEWOBJ_EX', '\x92', null, 4, 'any any any -> any', 'cls.__new__(cls, *args, **kwargs)'),
  op('STACK_GLOBAL', '\x93', null, 4, 'str str -> any', 'find_class(module, name) from the stack'),
  op('MEMOIZE', '\x94', null, 4, 'any -> any', 'memo[len(memo)] = top'),
  op('FRAME', '\x95', uint8, 4, '->', 'the next n bytes hold whole opcodes'),
  op('BYTEARRAY8', '\x96', bytearray8, 5, '-> bytearray', 'a bytearray, 8-byte length'),
  op('NEXT_BUFFER', '\x97', null, 5, '-> buffer', 'the next out-of-band buffer'),
  op('READONLY_BUFFER', '\x98', null, 5, 'buffer -> buffer', 'a read-only view of the top'),
];

/** Rows by opcode byte; undefined for the bytes that are not opcodes. */
export const BY_CODE: readonly (OpcodeInfo | undefined)[] = (() => {
  const table = new Array<OpcodeInfo | undefined>(256).fill(undefined);
  const names = new Set<string>();
  for (const row of OPCODES) {
    // The table checks itself, as pickletools' does: one row per name and per byte.
    if (table[row.code] !== undefined || names.has(row.name)) throw new Error(`opcode table repeats ${row.name}`);
    table[row.code] = row;
    names.add(row.name);
  }
  return table;
})();

export const BY_NAME: ReadonlyMap<string, OpcodeInfo> = new Map(OPCODES.map((row) => [row.name, row]));

/**
 * The bytes of the opcodes the unpickler's inline loop (`Machine.runInline`)
 * names in its `switch`. A const enum, so each `case` compiles to a literal
 * and V8 makes the switch one jump table; checked against the table above
 * when this module loads, so the table stays the one source of the bytes.
 */
export const enum Op {
  MARK = 0x28,
  EMPTY_TUPLE = 0x29,
  STOP = 0x2e,
  BINFLOAT = 0x47,
  BININT = 0x4a,
  BININT1 = 0x4b,
  BININT2 = 0x4d,
  NONE = 0x4e,
  BINUNICODE = 0x58,
  EMPTY_LIST = 0x5d,
  APPEND = 0x61,
  APPENDS = 0x65,
  BINGET = 0x68,
  LONG_BINGET = 0x6a,
  BINPUT = 0x71,
  LONG_BINPUT = 0x72,
  SETITEM = 0x73,
  TUPLE = 0x74,
  SETITEMS = 0x75,
  EMPTY_DICT = 0x7d,
  TUPLE1 = 0x85,
  TUPLE2 = 0x86,
  TUPLE3 = 0x87,
  NEWTRUE = 0x88,
  NEWFALSE = 0x89,
  SHORT_BINUNICODE = 0x8c,
  MEMOIZE = 0x94,
}

const INLINE_OPS: readonly (readonly [string, Op])[] = [
  ['MARK', Op.MARK], ['EMPTY_TUPLE', Op.EMPTY_TUPLE], ['STOP', Op.STOP], ['BINFLOAT', Op.BINFLOAT], ['BININT', Op.BININT],
  ['BININT1', Op.BININT1], ['BININT2', Op.BININT2], ['NONE', Op.NONE], ['BINUNICODE', Op.BINUNICODE],
  ['EMPTY_LIST', Op.EMPTY_LIST], ['APPEND', Op.APPEND], ['APPENDS', Op.APPENDS], ['BINGET', Op.BINGET],
  ['LONG_BINGET', Op.LONG_BINGET], ['BINPUT', Op.BINPUT], ['LONG_BINPUT', Op.LONG_BINPUT], ['SETITEM', Op.SETITEM],
  ['TUPLE', Op.TUPLE], ['SETITEMS', Op.SETITEMS], ['EMPTY_DICT', Op.EMPTY_DICT], ['TUPLE1', Op.TUPLE1],
  ['TUPLE2', Op.TUPLE2], ['TUPLE3', Op.TUPLE3], ['NEWTRUE', Op.NEWTRUE], ['NEWFALSE', Op.NEWFALSE],
  ['SHORT_BINUNICODE', Op.SHORT_BINUNICODE], ['MEMOIZE', Op.MEMOIZE],
];
for (const [name, code] of INLINE_OPS) {
  if (BY_NAME.get(name)?.code !== code) throw new Error(`Op.${name} is 0x${code.toString(16)}, the opcode table says otherwise`);
}
