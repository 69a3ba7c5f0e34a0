/**
 * Handlers for the standard-library globals that pickles of plain Python
 * values name (pickle-format.md section 11): `builtins.{set, frozenset,
 * bytearray, bytes, complex, slice, range, object}`, `copyreg._reconstructor`,
 * `_codecs.encode`, `collections.OrderedDict`, `datetime.{date, time,
 * datetime, timedelta, timezone}` and `decimal.Decimal`.
 *
 * Each handler builds a value from its arguments and runs nothing. For the
 * argument shapes pickles carry it does what CPython 3.11 does (results and
 * exception class and message); the shapes no pickle writer produces and
 * that would need more of Python (`bytearray(n)`, `complex('1+2j')`,
 * `timedelta(1.5)`, `Decimal((0, (1,), 0))`, `bytearray(str, codec)` with a
 * codec other than Latin-1, ASCII and UTF-8, `_codecs.encode` with any codec
 * but Latin-1) are refused with an UnpicklingError (pythonType
 * 'UnpicklingError') whose message starts "npyio does not support".
 *
 * Python 2 names (`__builtin__.set`, `__builtin__.xrange`,
 * `copy_reg._reconstructor`) reach these handlers through the compat mapping
 * the machine applies before asking the registry.
 */
import { UnpicklingError } from '../errors.js';
import { isTuple, PyComplex } from '../values.js';
import { Registry, type CallContext, type GlobalHandler } from './registry.js';
import {
  isFrozenSet, makeFrozenSet, NumpyScalar, PyByteArray, PyDate, PyDateTime, PyDecimal, PyGlobal, PyObject, PyRange,
  PySlice, PyTime, PyTimedelta, PyTimezone,
} from './values.js';

type Args = readonly unknown[];

// ---- Python type names and integers ----

/** `type(x).__name__` as CPython's messages print it (`tp_name`: 'int', 'datetime.timedelta', 'decimal.Decimal'). */
function pyTypeName(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  switch (typeof x) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(x) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'str';
    default:
      break;
  }
  if (x instanceof Uint8Array) return 'bytes';
  if (Array.isArray(x)) return isTuple(x) ? 'tuple' : 'list';
  if (x instanceof Map) return 'dict';
  if (x instanceof Set) return isFrozenSet(x) ? 'frozenset' : 'set';
  if (x instanceof PyComplex) return 'complex';
  if (x instanceof PyByteArray) return 'bytearray';
  if (x instanceof PySlice) return 'slice';
  if (x instanceof PyRange) return 'range';
  if (x instanceof PyDecimal) return 'decimal.Decimal';
  if (x instanceof PyTimedelta) return 'datetime.timedelta';
  if (x instanceof PyTimezone) return 'datetime.timezone';
  if (x instanceof PyDateTime) return 'datetime.datetime';
  if (x instanceof PyDate) return 'datetime.date';
  if (x instanceof PyTime) return 'datetime.time';
  if (x instanceof PyGlobal) return 'type';
  if (x instanceof PyObject) return x.cls.name.slice(x.cls.name.lastIndexOf('.') + 1);
  if (x instanceof NumpyScalar) return 'numpy.generic';
  return (x as object).constructor?.name ?? 'object';
}

/** How PyArg's converters name a bad argument: `None` for None, else the type name. */
function argTypeName(x: unknown): string {
  return x === null || x === undefined ? 'None' : pyTypeName(x);
}

/** A Python int (bool included) as a bigint; null for anything else (floats included). */
function pyInt(x: unknown): bigint | null {
  switch (typeof x) {
    case 'bigint':
      return x;
    case 'number':
      return Number.isInteger(x) ? BigInt(x) : null;
    case 'boolean':
      return x ? 1n : 0n;
    default:
      return null;
  }
}

/** The value model's int: a number when safe, else a bigint. */
function intValue(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

function notInteger(ctx: CallContext, x: unknown): UnpicklingError {
  return ctx.error(`'${pyTypeName(x)}' object cannot be interpreted as an integer`, 'TypeError');
}

/** `operator.index(x)`. */
function index(ctx: CallContext, x: unknown): bigint {
  const v = pyInt(x);
  if (v === null) throw notInteger(ctx, x);
  return v;
}

const INT_MAX = 2n ** 31n - 1n;
const LONG_MAX = 2n ** 63n - 1n;

/** PyArg's `i` converter: a C int. */
function cInt(ctx: CallContext, x: unknown): number {
  const v = index(ctx, x);
  if (v > INT_MAX || v < -INT_MAX - 1n) {
    if (v > LONG_MAX || v < -LONG_MAX - 1n) throw ctx.error('Python int too large to convert to C long', 'OverflowError');
    throw ctx.error(`signed integer is ${v > 0n ? 'greater than maximum' : 'less than minimum'}`, 'OverflowError');
  }
  return Number(v);
}

/** `float(x)` for the numbers a pickle holds. */
function toFloat(ctx: CallContext, x: unknown): number | null {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'bigint') {
    const f = Number(x);
    if (!Number.isFinite(f)) throw ctx.error('int too large to convert to float', 'OverflowError');
    return f;
  }
  if (x instanceof PyDecimal) {
    const t = x.text.toLowerCase();
    if (t.includes('snan')) throw ctx.error('cannot convert signaling NaN to float', 'ValueError');
    if (t.includes('nan')) return NaN;
    if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
    return Number(x.text);
  }
  return null;
}

/** Re-raises pyequal's context-free errors (unhashable keys) at the current opcode. */
function atOpcode<T>(ctx: CallContext, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof UnpicklingError && e.offset === undefined) throw ctx.error(e.message, e.pythonType);
    throw e;
  }
}

/** A refusal of something CPython would do but npyio does not (not a shape pickles carry). */
function unsupported(ctx: CallContext, what: string): UnpicklingError {
  return ctx.error(`npyio does not support ${what}: no pickle writer produces it`, 'UnpicklingError');
}

/** The items of an iterable argument, for the containers pickles carry; null when `x` is not iterable in Python. */
function items(ctx: CallContext, x: unknown, what: string): Iterable<unknown> | null {
  if (Array.isArray(x) || x instanceof Set) return x;
  if (x instanceof Map) return x.keys();
  if (typeof x === 'string') return Array.from(x); // code points, as Python iterates a str
  if (x instanceof Uint8Array) return Array.from(x, Number);
  if (x instanceof PyByteArray) return Array.from(x.bytes, Number);
  if (
    x === null || x === undefined || typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' ||
    x instanceof PyComplex || x instanceof PyDecimal || x instanceof PySlice || x instanceof PyTimedelta ||
    x instanceof PyDate || x instanceof PyTime || x instanceof PyDateTime || x instanceof PyTimezone
  ) {
    return null;
  }
  throw unsupported(ctx, `iterating a ${pyTypeName(x)} in ${what}`);
}

function notIterable(ctx: CallContext, x: unknown): UnpicklingError {
  return ctx.error(`'${pyTypeName(x)}' object is not iterable`, 'TypeError');
}

// ---- text codecs (str.encode) ----

type Codec = 'latin-1' | 'ascii' | 'utf-8';

/** Python's codec names and aliases (encodings.aliases) for the three codecs npyio encodes with. */
const CODEC_ALIASES: ReadonlyMap<string, Codec> = new Map([
  ...['latin_1', 'latin1', 'latin', 'l1', 'iso8859_1', 'iso_8859_1', 'iso8859', '8859', 'cp819', 'ibm819', 'csisolatin1',
    'iso_ir_100', 'iso_8859_1_1987'].map((n) => [n, 'latin-1'] as const),
  ...['ascii', 'us_ascii', '646', 'us', 'ansi_x3_4_1968', 'ansi_x3_4_1986', 'ansi_x3_4_1968', 'cp367', 'csascii', 'ibm367',
    'iso646_us', 'iso_646_irv_1991', 'iso_ir_6'].map((n) => [n, 'ascii'] as const),
  ...['utf_8', 'utf8', 'u8', 'utf', 'utf8_ucs2', 'utf8_ucs4', 'cp65001'].map((n) => [n, 'utf-8'] as const),
]);

/** `encodings.normalize_encoding` plus the lower-casing `codecs.lookup` does. */
function codecOf(name: string): Codec | undefined {
  const norm = name.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '').replace(/\./g, '_');
  return CODEC_ALIASES.get(norm);
}

function charRepr(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

function encodeError(ctx: CallContext, codec: Codec, cps: readonly number[], start: number, bad: (cp: number) => boolean, reason: string): UnpicklingError {
  let end = start + 1;
  while (end < cps.length && bad(cps[end]!)) end++;
  const where = end - start === 1 ? `character '${charRepr(cps[start]!)}' in position ${start}` : `characters in position ${start}-${end - 1}`;
  return ctx.error(`'${codec}' codec can't encode ${where}: ${reason}`, 'UnicodeEncodeError');
}

const utf8Encoder = new TextEncoder();

const NOT_LATIN1 = /[^\0-\xff]/;
const NOT_ASCII = /[^\0-\x7f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * `text.encode(codec, 'strict')`. Latin-1 is how protocol 0-2 pickles carry
 * bytes (numpy array data included), so it is one pass over the UTF-16 code
 * units; code points are only counted to word an error.
 */
function encodeText(ctx: CallContext, text: string, codec: Codec): Uint8Array {
  if (codec === 'utf-8') {
    if (!LONE_SURROGATE.test(text)) return utf8Encoder.encode(text);
    const cps = Array.from(text, (c) => c.codePointAt(0)!);
    const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
    throw encodeError(ctx, codec, cps, cps.findIndex(isSurrogate), isSurrogate, 'surrogates not allowed');
  }
  const limit = codec === 'ascii' ? 0x80 : 0x100;
  if ((codec === 'ascii' ? NOT_ASCII : NOT_LATIN1).test(text)) {
    const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
    const start = cps.findIndex((cp) => cp >= limit);
    throw encodeError(ctx, codec, cps, start, (cp) => cp >= limit, `ordinal not in range(${limit})`);
  }
  // Every code unit is now a code point below `limit` (a regex scan and a plain loop are the fastest pair in V8).
  const n = text.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** A Latin-1 `str` of `n` code points turned back into its bytes, or null when it has another length. */
function latin1State(s: string, n: number): { cps: number[]; bytes: Uint8Array | null } | null {
  if (s.length < n || s.length > 2 * n) return null; // n code points are n to 2n UTF-16 code units
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  if (cps.length !== n) return null;
  return { cps, bytes: cps.every((c) => c <= 0xff) ? Uint8Array.from(cps) : null };
}

// ---- builtins.set, builtins.frozenset ----

function buildSet(ctx: CallContext, args: Args, name: 'set' | 'frozenset'): Set<unknown> {
  if (args.length > 1) throw ctx.error(`${name} expected at most 1 argument, got ${args.length}`, 'TypeError');
  const s = new Set<unknown>();
  if (args.length === 1) {
    const it = items(ctx, args[0], `${name}()`);
    if (it === null) throw notIterable(ctx, args[0]);
    atOpcode(ctx, () => {
      for (const x of it) ctx.setAdd(s, x);
    });
  }
  return s;
}

function noKeywords(ctx: CallContext, kwargs: Map<unknown, unknown> | null, name: string): void {
  if (kwargs !== null && kwargs.size > 0) throw ctx.error(`${name}() takes no keyword arguments`, 'TypeError');
}

const setHandler: GlobalHandler = {
  call: (args, ctx) => buildSet(ctx, args, 'set'),
  // set.__new__ ignores its arguments (set.__init__ fills the set).
  newobj: (_args, kwargs, ctx) => {
    noKeywords(ctx, kwargs, 'set');
    return new Set<unknown>();
  },
};

const frozensetHandler: GlobalHandler = {
  call: (args, ctx) => makeFrozenSet(buildSet(ctx, args, 'frozenset')),
  newobj: (args, kwargs, ctx) => {
    noKeywords(ctx, kwargs, 'frozenset');
    return makeFrozenSet(buildSet(ctx, args, 'frozenset'));
  },
};

// ---- builtins.bytearray, builtins.bytes ----

function buildBytes(ctx: CallContext, args: Args, name: 'bytearray' | 'bytes'): Uint8Array {
  if (args.length > 3) throw ctx.error(`${name}() takes at most 3 arguments (${args.length} given)`, 'TypeError');
  if (args.length === 0) return new Uint8Array(0);
  const [src, encoding, errors] = args;
  if (args.length >= 2 && typeof encoding !== 'string') {
    throw ctx.error(`${name}() argument 'encoding' must be str, not ${argTypeName(encoding)}`, 'TypeError');
  }
  if (args.length === 3 && typeof errors !== 'string') {
    throw ctx.error(`${name}() argument 'errors' must be str, not ${argTypeName(errors)}`, 'TypeError');
  }
  if (typeof src === 'string') {
    if (args.length < 2) throw ctx.error('string argument without an encoding', 'TypeError');
    return encodeWith(ctx, src, encoding as string, (errors as string | undefined) ?? 'strict');
  }
  if (args.length >= 2) throw ctx.error('encoding without a string argument', 'TypeError');
  if (src instanceof Uint8Array) return src.slice();
  if (src instanceof PyByteArray) return src.bytes.slice();
  if (pyInt(src) !== null) throw unsupported(ctx, `${name}(int) (a zero-filled buffer of a given size)`);
  const it = items(ctx, src, `${name}()`);
  if (it === null) throw ctx.error(`cannot convert '${pyTypeName(src)}' object to ${name}`, 'TypeError');
  const out: number[] = [];
  for (const x of it) {
    const v = typeof x === 'number' && Number.isInteger(x) ? x : Number(index(ctx, x)); // a bigint is out of range anyway
    if (!(v >= 0 && v <= 255)) throw ctx.error(`${name === 'bytes' ? 'bytes' : 'byte'} must be in range(0, 256)`, 'ValueError');
    out.push(v);
  }
  return Uint8Array.from(out);
}

function encodeWith(ctx: CallContext, text: string, encoding: string, errors: string): Uint8Array {
  const codec = codecOf(encoding);
  if (codec === undefined) throw unsupported(ctx, `the '${encoding}' codec (only Latin-1, ASCII and UTF-8 are known)`);
  return encodeStrictOnly(ctx, text, codec, errors);
}

/** Encodes; an `errors` handler other than 'strict' changes nothing unless some character cannot be encoded. */
function encodeStrictOnly(ctx: CallContext, text: string, codec: Codec, errors: string): Uint8Array {
  try {
    return encodeText(ctx, text, codec);
  } catch (e) {
    if (errors !== 'strict' && e instanceof UnpicklingError && e.pythonType === 'UnicodeEncodeError') {
      throw unsupported(ctx, `errors='${errors}' for text the codec cannot encode`);
    }
    throw e;
  }
}

const bytearrayHandler: GlobalHandler = {
  call: (args, ctx) => new PyByteArray(buildBytes(ctx, args, 'bytearray')),
};

const bytesHandler: GlobalHandler = {
  call: (args, ctx) => buildBytes(ctx, args, 'bytes'),
};

// ---- builtins.complex ----

function complexPart(ctx: CallContext, x: unknown, first: boolean): { re: number; im: number; complex: boolean } {
  if (x instanceof PyComplex) return { re: x.re, im: x.im, complex: true };
  if (typeof x === 'string') {
    if (first) throw unsupported(ctx, 'complex() of a string');
    throw ctx.error("complex() second arg can't be a string", 'TypeError');
  }
  const f = toFloat(ctx, x);
  if (f === null) {
    throw ctx.error(
      first
        ? `complex() first argument must be a string or a number, not '${pyTypeName(x)}'`
        : `complex() second argument must be a number, not '${pyTypeName(x)}'`,
      'TypeError',
    );
  }
  return { re: f, im: 0, complex: false };
}

const complexHandler: GlobalHandler = {
  // complex.__new__(complex, real=..., imag=...) as NEWOBJ_EX writes it
  newobj: (args, kwargs, ctx) => {
    const all = [...args];
    for (const [k, v] of kwargs ?? []) {
      if (k === 'real' && all.length === 0) all[0] = v;
      else if (k === 'imag' && all.length <= 1) {
        if (all.length === 0) all[0] = 0;
        all[1] = v;
      } else throw ctx.error(`complex() got an unexpected keyword argument ${String(k)}`, 'TypeError');
    }
    return complexHandler.call!(all, ctx);
  },
  call: (args, ctx) => {
    if (args.length > 2) throw ctx.error(`complex() takes at most 2 arguments (${args.length} given)`, 'TypeError');
    if (args.length === 0) return new PyComplex(0, 0);
    const r = complexPart(ctx, args[0], true);
    if (args.length === 1) return new PyComplex(r.re, r.im);
    const i = complexPart(ctx, args[1], false);
    // complex_new: real = r.real - i.imag (when i is complex), imag = i.real + r.imag (when r is complex).
    return new PyComplex(i.complex ? r.re - i.im : r.re, r.complex ? i.re + r.im : i.re);
  },
};

// ---- builtins.slice, builtins.range ----

function argCount(ctx: CallContext, args: Args, name: string, min: number, max: number): void {
  if (args.length < min) throw ctx.error(`${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`, 'TypeError');
  if (args.length > max) throw ctx.error(`${name} expected at most ${max} arguments, got ${args.length}`, 'TypeError');
}

const sliceHandler: GlobalHandler = {
  call: (args, ctx) => {
    argCount(ctx, args, 'slice', 1, 3);
    if (args.length === 1) return new PySlice(null, args[0], null);
    return new PySlice(args[0], args[1], args.length === 3 ? args[2] : null);
  },
};

const rangeHandler: GlobalHandler = {
  call: (args, ctx) => {
    argCount(ctx, args, 'range', 1, 3);
    const v = args.map((a) => index(ctx, a));
    if (v.length === 1) return new PyRange(0, intValue(v[0]!), 1);
    const step = v.length === 3 ? v[2]! : 1n;
    if (step === 0n) throw ctx.error('range() arg 3 must not be zero', 'ValueError');
    return new PyRange(intValue(v[0]!), intValue(v[1]!), intValue(step));
  },
};

// ---- builtins.object and copyreg._reconstructor ----

const objectHandler: GlobalHandler = {
  call: (_args, ctx) => {
    throw ctx.error('builtins.object is allowed only as the base argument of copyreg._reconstructor', 'UnpicklingError');
  },
};

/** Qualnames of the C types registered here: `object.__new__(X)` is "not safe" for each of them. */
const C_TYPES = new Set([
  'builtins.set', 'builtins.frozenset', 'builtins.bytearray', 'builtins.bytes', 'builtins.complex', 'builtins.slice',
  'builtins.range', 'collections.OrderedDict', 'datetime.date', 'datetime.time', 'datetime.datetime',
  'datetime.timedelta', 'datetime.timezone', 'decimal.Decimal',
]);
const FUNCTIONS = new Map([
  ['_codecs.encode', 'builtin_function_or_method'],
  ['copyreg._reconstructor', 'function'],
]);

/** How CPython names a class in `object.__new__(X)` messages: builtins without their module. */
function className(g: PyGlobal): string {
  return g.module === 'builtins' ? g.name : g.qualname;
}

function missingArgs(ctx: CallContext, fn: string, names: readonly string[], given: number): UnpicklingError {
  const missing = names.slice(given).map((n) => `'${n}'`);
  const list = missing.length === 1 ? missing[0] : missing.length === 2 ? missing.join(' and ') : `${missing.slice(0, -1).join(', ')}, and ${missing.at(-1)}`;
  return ctx.error(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`, 'TypeError');
}

function reconstructorHandler(reg: Registry): GlobalHandler {
  return {
    call: (args, ctx) => {
      if (args.length < 3) throw missingArgs(ctx, '_reconstructor', ['cls', 'base', 'state'], args.length);
      if (args.length > 3) throw ctx.error(`_reconstructor() takes 3 positional arguments but ${args.length} were given`, 'TypeError');
      const [cls, base, state] = args;
      if (!(cls instanceof PyGlobal)) {
        throw ctx.error(`copyreg._reconstructor: cls must be a class, not '${pyTypeName(cls)}'`, 'TypeError');
      }
      if (!(base instanceof PyGlobal)) {
        throw ctx.error(`copyreg._reconstructor: base must be a class, not '${pyTypeName(base)}'`, 'TypeError');
      }
      // The running machine's registry (it may extend the one these handlers were registered in).
      const live = (ctx as { registry?: unknown }).registry;
      const registry = live instanceof Registry ? live : reg;
      const handler = registry.resolve(cls.module, cls.name)?.handler;
      if (base.qualname === 'builtins.object') {
        // object.__new__(cls); state is not used.
        const fn = FUNCTIONS.get(cls.qualname);
        if (fn !== undefined) throw ctx.error(`object.__new__(X): X is not a type object (${fn})`, 'TypeError');
        if (C_TYPES.has(cls.qualname)) {
          throw ctx.error(`object.__new__(${className(cls)}) is not safe, use ${className(cls)}.__new__()`, 'TypeError');
        }
        if (cls.qualname === 'builtins.object') {
          throw ctx.error('a bare object() has no value form in npyio', 'UnpicklingError');
        }
        if (handler?.newobj === undefined) {
          throw ctx.error(`object.__new__(${className(cls)}) is not allowed: ${cls.qualname} cannot be created without arguments`, 'UnpicklingError');
        }
        return handler.newobj([], null, ctx);
      }
      // base.__new__(cls, state) + base.__init__(obj, state): only cls itself can say what that makes.
      if (handler?.call === undefined) {
        throw ctx.error(`${base.qualname}.__new__(${className(cls)}, state) cannot be run: ${cls.qualname} cannot be called`, 'UnpicklingError');
      }
      return handler.call([state], ctx);
    },
  };
}

// ---- _codecs.encode ----

const codecsEncodeHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length > 3) throw ctx.error(`encode() takes at most 3 arguments (${args.length} given)`, 'TypeError');
    if (args.length === 0) throw ctx.error("encode() missing required argument 'obj' (pos 1)", 'TypeError');
    const [obj, encoding, errors] = args;
    if (args.length >= 2 && typeof encoding !== 'string') {
      throw ctx.error(`encode() argument 'encoding' must be str, not ${argTypeName(encoding)}`, 'TypeError');
    }
    if (args.length === 3 && typeof errors !== 'string') {
      throw ctx.error(`encode() argument 'errors' must be str, not ${argTypeName(errors)}`, 'TypeError');
    }
    const name = args.length >= 2 ? (encoding as string) : 'utf-8';
    if (codecOf(name) !== 'latin-1') throw unsupported(ctx, `_codecs.encode with the '${name}' codec (Python 3 pickles use 'latin1')`);
    if (typeof obj !== 'string') {
      throw ctx.error(`encoding with '${name}' codec failed (TypeError: latin_1_encode() argument 1 must be str, not ${argTypeName(obj)})`, 'TypeError');
    }
    return encodeStrictOnly(ctx, obj, 'latin-1', (errors as string | undefined) ?? 'strict');
  },
};

// ---- collections.OrderedDict ----

function orderedDict(ctx: CallContext): Map<unknown, unknown> {
  const d = new Map<unknown, unknown>();
  ctx.onSetItem(d, (k, v) => ctx.dictSet(d, k, v));
  return d;
}

const orderedDictHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length > 1) throw ctx.error(`expected at most 1 arguments, got ${args.length}`, 'TypeError');
    const d = orderedDict(ctx);
    if (args.length === 0) return d;
    const src = args[0];
    atOpcode(ctx, () => {
      if (src instanceof Map) {
        for (const [k, v] of src) ctx.dictSet(d, k, v);
        return;
      }
      const pairs = items(ctx, src, 'OrderedDict()');
      if (pairs === null) throw notIterable(ctx, src);
      for (const p of pairs) {
        const kv = items(ctx, p, 'OrderedDict()');
        if (kv === null) throw notIterable(ctx, p);
        const two = Array.from(kv);
        if (two.length > 2) throw ctx.error('too many values to unpack (expected 2)', 'ValueError');
        if (two.length < 2) throw ctx.error(`need more than ${two.length} value${two.length === 1 ? '' : 's'} to unpack`, 'ValueError');
        ctx.dictSet(d, two[0], two[1]);
      }
    });
    return d;
  },
  // OrderedDict.__new__ (dict's) ignores its arguments.
  newobj: (_args, _kwargs, ctx) => orderedDict(ctx),
};

// ---- datetime ----

/**
 * PyArg_ParseTupleAndKeywords for a run of `i` (C int) parameters: first the
 * "too many" check (`maxPositional` counts any trailing `O` parameter too),
 * then each given argument converted in order, then the first missing
 * required one.
 */
function parseInts(ctx: CallContext, args: Args, names: readonly string[], required: number, maxPositional: number, kwOnly: boolean): number[] {
  if (args.length > maxPositional) {
    throw ctx.error(`function takes at most ${maxPositional} ${kwOnly ? 'positional arguments' : 'arguments'} (${args.length} given)`, 'TypeError');
  }
  const out: number[] = [];
  for (let i = 0; i < names.length; i++) {
    if (i < args.length) out.push(cInt(ctx, args[i]));
    else if (i < required) throw ctx.error(`function missing required argument '${names[i]}' (pos ${i + 1})`, 'TypeError');
  }
  return out;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function checkDate(ctx: CallContext, y: number, m: number, d: number): void {
  if (y < 1 || y > 9999) throw ctx.error(`year ${y} is out of range`, 'ValueError');
  if (m < 1 || m > 12) throw ctx.error('month must be in 1..12', 'ValueError');
  if (d < 1 || d > daysInMonth(y, m)) throw ctx.error('day is out of range for month', 'ValueError');
}

function checkTime(ctx: CallContext, h: number, mi: number, s: number, us: number): void {
  if (h < 0 || h > 23) throw ctx.error('hour must be in 0..23', 'ValueError');
  if (mi < 0 || mi > 59) throw ctx.error('minute must be in 0..59', 'ValueError');
  if (s < 0 || s > 59) throw ctx.error('second must be in 0..59', 'ValueError');
  if (us < 0 || us > 999999) throw ctx.error('microsecond must be in 0..999999', 'ValueError');
}

/** Whether `x` can be a tzinfo: a datetime.timezone, or an opaque object (a tzinfo subclass such as pytz's). */
function isTzinfo(x: unknown): boolean {
  return x instanceof PyTimezone || x instanceof PyObject;
}

function checkTzinfo(ctx: CallContext, tz: unknown): void {
  if (tz !== null && !isTzinfo(tz)) {
    throw ctx.error(`tzinfo argument must be None or of a tzinfo subclass, not type '${pyTypeName(tz)}'`, 'TypeError');
  }
}

const MONTH_IS_SANE = (m: number) => m >= 1 && m <= 12;

/**
 * The pickled state of a date/time/datetime, as `X.__new__` recognises it: bytes of the
 * right length with a sane month (hour) byte, or a str of that many code points
 * (Python 2 pickles loaded with encoding='latin1') re-encoded to Latin-1.
 */
function stateBytes(ctx: CallContext, state: unknown, size: number, sane: (b: number) => boolean, what: string): Uint8Array | null {
  if (state instanceof Uint8Array) return state.length === size && sane(state[what === 'time' ? 0 : 2]!) ? state : null;
  if (typeof state !== 'string') return null;
  const s = latin1State(state, size);
  if (s === null || !sane(s.cps[what === 'time' ? 0 : 2]!)) return null;
  if (s.bytes === null) {
    throw ctx.error(`Failed to encode latin1 string when unpickling a ${what} object. pickle.load(data, encoding='latin1') is assumed.`, 'ValueError');
  }
  return s.bytes;
}

function stateTzinfo(ctx: CallContext, args: Args): unknown {
  const tz = args.length === 2 ? args[1] : null;
  if (tz !== null && tz !== undefined && !isTzinfo(tz)) throw ctx.error('bad tzinfo state arg', 'TypeError');
  return tz ?? null;
}

const dateHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length === 1) {
      const b = stateBytes(ctx, args[0], 4, MONTH_IS_SANE, 'date');
      // date_from_pickle copies the bytes without checking the day.
      if (b !== null) return new PyDate(b[0]! * 256 + b[1]!, b[2]!, b[3]!);
    }
    const [y, m, d] = parseInts(ctx, args, ['year', 'month', 'day'], 3, 3, false) as [number, number, number];
    checkDate(ctx, y, m, d);
    return new PyDate(y, m, d);
  },
};

const timeHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length === 1 || args.length === 2) {
      const b = stateBytes(ctx, args[0], 6, (h) => (h & 0x7f) < 24, 'time');
      if (b !== null) {
        const tz = stateTzinfo(ctx, args);
        const fold = b[0]! & 0x80 ? 1 : 0;
        return new PyTime(b[0]! & 0x7f, b[1]!, b[2]!, (b[3]! << 16) | (b[4]! << 8) | b[5]!, tz, fold);
      }
    }
    // time(hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)
    const [h = 0, mi = 0, s = 0, us = 0] = parseInts(ctx, args, ['hour', 'minute', 'second', 'microsecond'], 0, 5, true);
    const tz = args.length === 5 ? args[4] : null;
    checkTime(ctx, h, mi, s, us);
    checkTzinfo(ctx, tz);
    return new PyTime(h, mi, s, us, tz, 0);
  },
};

const datetimeHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length === 1 || args.length === 2) {
      const b = stateBytes(ctx, args[0], 10, (m) => MONTH_IS_SANE(m & 0x7f), 'datetime');
      if (b !== null) {
        const tz = stateTzinfo(ctx, args);
        const fold = b[2]! & 0x80 ? 1 : 0;
        return new PyDateTime(
          b[0]! * 256 + b[1]!, b[2]! & 0x7f, b[3]!, b[4]!, b[5]!, b[6]!, (b[7]! << 16) | (b[8]! << 8) | b[9]!, tz, fold,
        );
      }
    }
    // datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0)
    const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];
    const [y, m, d, h = 0, mi = 0, s = 0, us = 0] = parseInts(ctx, args, names, 3, 8, true) as number[];
    const tz = args.length === 8 ? args[7] : null;
    checkDate(ctx, y!, m!, d!);
    checkTime(ctx, h, mi, s, us);
    checkTzinfo(ctx, tz);
    return new PyDateTime(y!, m!, d!, h, mi, s, us, tz, 0);
  },
};

// ---- datetime.timedelta ----

/** timedelta's positional parameters, with their size in microseconds. */
const TIMEDELTA_UNITS: readonly (readonly [string, bigint])[] = [
  ['days', 86_400_000_000n], ['seconds', 1_000_000n], ['microseconds', 1n], ['milliseconds', 1000n],
  ['minutes', 60_000_000n], ['hours', 3_600_000_000n], ['weeks', 604_800_000_000n],
];
/** The order delta_new accumulates them in (and so reports errors in). */
const TIMEDELTA_ORDER = [2, 3, 1, 4, 5, 0, 6];

function floorDivMod(a: bigint, b: bigint): [bigint, bigint] {
  let q = a / b;
  let r = a % b;
  if (r !== 0n && (r < 0n) !== (b < 0n)) {
    q -= 1n;
    r += b;
  }
  return [q, r];
}

/** timedelta from a total number of microseconds, normalised and range-checked as CPython does. */
export function timedeltaFromMicros(ctx: CallContext, total: bigint): PyTimedelta {
  const [secs, us] = floorDivMod(total, 1_000_000n);
  const [days, s] = floorDivMod(secs, 86_400n);
  if (days > INT_MAX || days < -INT_MAX - 1n) throw ctx.error('Python int too large to convert to C int', 'OverflowError');
  if (days > 999_999_999n || days < -999_999_999n) {
    throw ctx.error(`days=${days}; must have magnitude <= 999999999`, 'OverflowError');
  }
  return new PyTimedelta(Number(days), Number(s), Number(us));
}

const timedeltaHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length > 7) throw ctx.error(`__new__() takes at most 7 arguments (${args.length} given)`, 'TypeError');
    let total = 0n;
    for (const i of TIMEDELTA_ORDER) {
      if (i >= args.length) continue;
      const [unit, size] = TIMEDELTA_UNITS[i]!;
      const v = pyInt(args[i]);
      if (v === null) {
        if (typeof args[i] === 'number') throw unsupported(ctx, `timedelta with a float ${unit} component`);
        throw ctx.error(`unsupported type for timedelta ${unit} component: ${pyTypeName(args[i])}`, 'TypeError');
      }
      total += v * size;
    }
    return timedeltaFromMicros(ctx, total);
  },
};

// ---- datetime.timezone ----

/** `repr(timedelta)` as Python 3.11 writes it. */
export function timedeltaRepr(t: PyTimedelta): string {
  const parts: string[] = [];
  if (t.days) parts.push(`days=${t.days}`);
  if (t.seconds) parts.push(`seconds=${t.seconds}`);
  if (t.microseconds) parts.push(`microseconds=${t.microseconds}`);
  return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
}

const timezoneHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length > 2) throw ctx.error(`timezone() takes at most 2 arguments (${args.length} given)`, 'TypeError');
    if (args.length === 0) throw ctx.error("timezone() missing required argument 'offset' (pos 1)", 'TypeError');
    const [offset, name] = args;
    if (!(offset instanceof PyTimedelta)) {
      throw ctx.error(`timezone() argument 1 must be datetime.timedelta, not ${argTypeName(offset)}`, 'TypeError');
    }
    if (args.length === 2 && typeof name !== 'string') {
      throw ctx.error(`timezone() argument 2 must be str, not ${argTypeName(name)}`, 'TypeError');
    }
    // strictly between -timedelta(hours=24) and timedelta(hours=24)
    const us = (BigInt(offset.days) * 86_400n + BigInt(offset.seconds)) * 1_000_000n + BigInt(offset.microseconds);
    if (us <= -86_400_000_000n || us >= 86_400_000_000n) {
      throw ctx.error(
        `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${timedeltaRepr(offset)}.`,
        'ValueError',
      );
    }
    return new PyTimezone(offset, args.length === 2 ? (name as string) : null);
  },
};

// ---- decimal.Decimal ----

/** Python's str.isspace() characters (what the C decimal module strips from both ends). */
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** The code points of every Unicode (14.0) decimal digit zero; digits 1-9 follow each. */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
  0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900,
  0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0,
  0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8,
  0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

function unicodeDigit(cp: number): number {
  for (const z of DIGIT_ZEROS) if (cp >= z && cp <= z + 9) return cp - z;
  return -1;
}

const DECIMAL_SYNTAX = /^([+-]?)(?:(inf|infinity)|(s?nan)(\d*)|(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:e([+-]?\d+))?)$/i;

/** libmpdec's limits for an exact conversion (MAX_EMAX and the matching Etiny). */
const DECIMAL_EMAX = 999_999_999_999_999_999n;
const DECIMAL_ETINY = -1_999_999_999_999_999_997n;

/** `str()` of a finite Decimal with this sign, coefficient digits (no leading zeros) and exponent. */
export function decimalToString(negative: boolean, coefficient: string, exponent: bigint): string {
  const sign = negative ? '-' : '';
  const leftdigits = exponent + BigInt(coefficient.length);
  // Plain notation when no exponent is needed; else one digit before the point.
  const dotplace = exponent <= 0n && leftdigits > -6n ? Number(leftdigits) : 1;
  let intpart: string;
  let fracpart: string;
  if (dotplace <= 0) {
    intpart = '0';
    fracpart = '.' + '0'.repeat(-dotplace) + coefficient;
  } else if (dotplace >= coefficient.length) {
    intpart = coefficient + '0'.repeat(dotplace - coefficient.length);
    fracpart = '';
  } else {
    intpart = coefficient.slice(0, dotplace);
    fracpart = '.' + coefficient.slice(dotplace);
  }
  const e = leftdigits - BigInt(dotplace);
  return sign + intpart + fracpart + (e === 0n ? '' : `E${e > 0n ? '+' : ''}${e}`);
}

function invalidOperation(ctx: CallContext, condition: 'ConversionSyntax' | 'InvalidOperation'): UnpicklingError {
  return ctx.error(`[<class 'decimal.${condition}'>]`, 'InvalidOperation');
}

/** `str(Decimal(text))`. */
export function decimalFromString(ctx: CallContext, text: string): string {
  let s = text.replace(PY_SPACE, '');
  let ascii = '';
  for (const ch of s) {
    if (ch === '_') continue;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) ascii += ch;
    else {
      const d = unicodeDigit(cp);
      if (d < 0) throw invalidOperation(ctx, 'ConversionSyntax');
      ascii += String(d);
    }
  }
  s = ascii;
  const m = DECIMAL_SYNTAX.exec(s);
  if (!m) throw invalidOperation(ctx, 'ConversionSyntax');
  const negative = m[1] === '-';
  const sign = negative ? '-' : '';
  if (m[2] !== undefined) return `${sign}Infinity`;
  if (m[3] !== undefined) {
    const payload = m[4]!.replace(/^0+/, '');
    return `${sign}${m[3].toLowerCase() === 'snan' ? 'sNaN' : 'NaN'}${payload}`;
  }
  const intPart = m[5] ?? '';
  const fracPart = m[6] ?? m[7] ?? '';
  const coefficient = (intPart + fracPart).replace(/^0+(?=.)/, '');
  const exponent = BigInt(m[8] ?? '0') - BigInt(fracPart.length);
  if (exponent + BigInt(coefficient.length) - 1n > DECIMAL_EMAX || exponent < DECIMAL_ETINY) {
    throw invalidOperation(ctx, 'InvalidOperation');
  }
  return decimalToString(negative, coefficient, exponent);
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** `str(Decimal(x))` for a float: its exact value. */
export function decimalFromFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const negative = x < 0 || Object.is(x, -0);
  if (x === 0) return negative ? '-0' : '0';
  f64[0] = Math.abs(x);
  const bits = u64[0]!;
  const ex = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e = ex === 0 ? -1074 : ex - 1075;
  if (ex !== 0) m |= 1n << 52n;
  while (e < 0 && (m & 1n) === 0n) {
    m >>= 1n;
    e++;
  }
  if (e >= 0) return decimalToString(negative, (m << BigInt(e)).toString(), 0n);
  return decimalToString(negative, (m * 5n ** BigInt(-e)).toString(), BigInt(e));
}

const decimalHandler: GlobalHandler = {
  call: (args, ctx) => {
    if (args.length > 2) throw ctx.error(`function takes at most 2 arguments (${args.length} given)`, 'TypeError');
    if (args.length === 2 && args[1] !== null) {
      if (args[1] instanceof PyObject) throw unsupported(ctx, 'Decimal with a context argument');
      throw ctx.error('optional argument must be a context', 'TypeError');
    }
    if (args.length === 0) return new PyDecimal('0');
    const v = args[0];
    if (typeof v === 'string') return new PyDecimal(decimalFromString(ctx, v));
    if (v instanceof PyDecimal) return new PyDecimal(v.text);
    if (typeof v === 'bigint' || typeof v === 'boolean') return new PyDecimal(String(pyInt(v)));
    if (typeof v === 'number') return new PyDecimal(decimalFromFloat(v)); // an int that is a JS number prints the same
    if (Array.isArray(v)) throw unsupported(ctx, 'Decimal from a (sign, digits, exponent) tuple');
    throw ctx.error(`conversion from ${pyTypeName(v)} to Decimal is not supported`, 'TypeError');
  },
};

// ---- registration ----

/**
 * Allows the globals above in `reg`, under their Python 3 names.
 * `copyreg._reconstructor` looks the class it is given up in the registry of
 * the running machine (falling back to `reg`), so classes allowed later, or
 * as opaque in a derived registry, can be rebuilt through it.
 */
export function registerBuiltins(reg: Registry): void {
  reg
    .allow('builtins.set', setHandler)
    .allow('builtins.frozenset', frozensetHandler)
    .allow('builtins.bytearray', bytearrayHandler)
    .allow('builtins.bytes', bytesHandler)
    .allow('builtins.complex', complexHandler)
    .allow('builtins.slice', sliceHandler)
    .allow('builtins.range', rangeHandler)
    .allow('builtins.object', objectHandler)
    .allow('copyreg._reconstructor', reconstructorHandler(reg))
    .allow('_codecs.encode', codecsEncodeHandler)
    .allow('collections.OrderedDict', orderedDictHandler)
    .allow('datetime.date', dateHandler)
    .allow('datetime.time', timeHandler)
    .allow('datetime.datetime', datetimeHandler)
    .allow('datetime.timedelta', timedeltaHandler)
    .allow('datetime.timezone', timezoneHandler)
    .allow('decimal.Decimal', decimalHandler);
}
