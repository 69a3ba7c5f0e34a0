/**
 * A safe, exact port of CPython 3.11's `ast.literal_eval(text)`, which numpy
 * uses to read the .npy header (`{'descr': '<f8', 'fortran_order': False,
 * 'shape': (3,), }`), plus the Python 2 fallback numpy applies first when
 * that fails (`_filter_header`: drop an `L` name after a number).
 *
 * Nothing is evaluated. The text goes through three stages, as in CPython:
 *
 * 1. Source checks and tokenizer: a port of `Parser/tokenizer.c` (`tok_get`):
 *    `lstrip(" \t")`, no lone surrogates (UnicodeEncodeError), no NUL,
 *    `\r\n`/`\r` read as `\n`, comments, `\` continuations, indentation (an
 *    indented first line is "unexpected indent"), numbers with CPython's own
 *    checks (`0_3`, `1__0`, `1_`, `09`, `2L`), string tokens, at most 200
 *    open brackets (`too many nested parentheses`).
 * 2. Parser: the whole Python 3.11 expression grammar (eval mode), so that
 *    any text CPython can parse gives the same node kind, and anything it
 *    cannot parse is a syntax error: lambdas, comprehensions, calls with
 *    their argument-order rules, slices, f-strings (checked like
 *    `Parser/string_parser.c`), string escapes and prefixes, walrus, await,
 *    yield. Deep chains are parsed with loops, not recursion, and the
 *    parser counts its nesting as CPython's does (MemoryError past 6000
 *    levels; RecursionError when the tree is deeper than about 2985).
 * 3. `literal_eval`'s `_convert`: constants, tuples, lists, sets, dicts,
 *    `set()`, unary +/- on numbers, and `number +/- complex`; any other
 *    node is ValueError `malformed node or string on line N: <ast.Name
 *    object at 0x...>` (the address is not real). Dict keys and set items
 *    use Python's equality (1 == 1.0 == True) and hashability.
 *
 * Every failure is a `PyLiteralSyntaxError` (what CPython reports as
 * SyntaxError or a subclass) or a `PyLiteralValueError` (anything else:
 * ValueError, and, with `pythonType` telling which, TypeError for
 * unhashable keys, OverflowError, UnicodeEncodeError, MemoryError,
 * RecursionError). No other exception escapes, for any input string.
 *
 * Text in the shape numpy writes (plain strings, decimal ints, dicts, lists,
 * tuples, True/False/None, spaces, one final newline) takes a direct fast
 * path that builds the value without tokens or nodes (about 1.5 µs for a
 * typical header); anything else, errors included, goes the full way.
 *
 * Not supported on purpose: `\N{...}` named escapes in str literals (no
 * Unicode name table here) and the `Ellipsis` constant; both are refused
 * with a PyLiteralValueError saying "not supported" (raised where
 * literal_eval would return them, so an earlier malformed node still wins;
 * an unknown name, a SyntaxError in CPython, is refused the same way).
 * The MemoryError/RecursionError limits follow CPython's measured rule
 * depths and tree depth; CPython's own thresholds shift a little with the
 * caller's stack depth, so texts right at the limit may differ.
 * Identifier characters use the JS engine's Unicode tables (XID_Start,
 * XID_Continue), which may be newer than CPython 3.11's Unicode 14.
 */

import { NpyioError } from '../errors.js';
import { isPyPrintable } from './pyrepr.js';

// ---------------------------------------------------------------------------
// Value model

/** Python `complex`. */
export class PyComplex {
  re: number;
  im: number;
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

/** Python `tuple`. */
export class PyTuple {
  readonly items: PyLit[];
  constructor(items: PyLit[] = []) {
    this.items = items;
  }
}

/** Python `dict`: entries in insertion order. */
export class PyDict {
  entries: [PyLit, PyLit][];
  constructor(entries: [PyLit, PyLit][] = []) {
    this.entries = entries;
  }
  /** The value stored under a key equal (in Python's sense) to `key`. */
  get(key: PyLit): PyLit | undefined {
    const want = keyOf(key);
    for (const [k, v] of this.entries) if (keyOf(k) === want) return v;
    return undefined;
  }
  has(key: PyLit): boolean {
    const want = keyOf(key);
    return this.entries.some(([k]) => keyOf(k) === want);
  }
}

/** Python `set`: items in the order they were first inserted. */
export class PySet {
  items: PyLit[];
  constructor(items: PyLit[] = []) {
    this.items = items;
  }
}

/**
 * A Python literal value: str -> string, int -> bigint (always), float ->
 * number, bool -> boolean, None -> null, bytes -> Uint8Array, complex ->
 * PyComplex, tuple -> PyTuple, list -> array, dict -> PyDict, set -> PySet.
 */
export type PyLit =
  | string
  | bigint
  | number
  | boolean
  | null
  | Uint8Array
  | PyComplex
  | PyTuple
  | PyLit[]
  | PyDict
  | PySet;

// ---------------------------------------------------------------------------
// Errors

/**
 * CPython raises SyntaxError (or IndentationError) for this text. `offset`
 * is the index in the input string where the problem was found. With
 * `dropLongSuffix`, Python's `tokenize` module can fail first: then
 * `pythonType` is 'TokenError' or 'IndentationError' and the message is
 * Python's `str(e)`.
 */
export class PyLiteralSyntaxError extends NpyioError {
  constructor(message: string, offset: number, pythonType = 'SyntaxError') {
    super(message, { pythonType, offset });
  }
}

/**
 * The text is valid Python but not a literal we return: ValueError
 * (`malformed node or string ...`), or, as `pythonType` says, TypeError
 * (`unhashable type: 'list'`), OverflowError, UnicodeEncodeError,
 * MemoryError, RecursionError.
 */
export class PyLiteralValueError extends NpyioError {
  constructor(message: string, details: { pythonType?: string; offset?: number } = {}) {
    super(message, { pythonType: details.pythonType ?? 'ValueError', offset: details.offset });
  }
}

// ---------------------------------------------------------------------------
// Options

export interface PyLiteralOptions {
  /**
   * Apply numpy's `_filter_header` first: a NAME token `L` right after a
   * NUMBER token (as Python's `tokenize` module splits the text) is
   * dropped, so Python 2 headers like `{'shape': (2L, 3L)}` parse. numpy
   * does this only after the plain parse raised SyntaxError, and only for
   * format versions 1.0 and 2.0, so call this as the fallback. Errors of
   * the filter itself keep Python's class in `pythonType` ('TokenError' for
   * an unclosed bracket or string, 'IndentationError'), and offsets of
   * later errors refer to the filtered text (which differs from the input
   * in whitespace only, when it differs at all). Default false.
   */
  dropLongSuffix?: boolean;
  /**
   * Most brackets open at once; CPython's tokenizer allows 200 (the default
   * and the maximum: larger values count as 200).
   */
  maxDepth?: number;
}

/** CPython's tokenizer MAXLEVEL. */
const MAX_BRACKETS = 200;
/** pegen's MAXSTACK: rule nesting past this is MemoryError. */
const MAX_PARSER_LEVEL = 6000;
/** Depth of the tree (Expression node included) past which ast2obj raises RecursionError. */
const MAX_AST_DEPTH = 2985;
/** sys.get_int_max_str_digits() default. */
const MAX_INT_DIGITS = 4300;

/**
 * Parse `text` as CPython 3.11's `ast.literal_eval(text)` would (see the
 * module comment for the value model and the errors).
 */
export function parsePyLiteral(text: string, opts: PyLiteralOptions = {}): PyLit {
  if (typeof text !== 'string') {
    throw new PyLiteralValueError(`parsePyLiteral needs a string, not ${typeof text}`, { pythonType: 'TypeError' });
  }
  let maxDepth = MAX_BRACKETS;
  if (opts.maxDepth !== undefined && opts.maxDepth >= 0 && opts.maxDepth < MAX_BRACKETS) maxDepth = Math.floor(opts.maxDepth);
  // literal_eval: node_or_string.lstrip(" \t")
  let base = 0;
  while (base < text.length) {
    const c = text.charCodeAt(base);
    if (c !== 0x20 && c !== 0x09) break;
    base++;
  }
  // The text as numpy writes it needs neither the filter nor the full parser.
  const fast = new FastReader(text, base, Math.min(maxDepth, FAST_MAX_DEPTH)).top();
  if (fast !== SLOW) return fast;
  const src = opts.dropLongSuffix ? filterLongSuffix(text) : text;
  if (src !== text) {
    base = 0;
    while (base < src.length) {
      const c = src.charCodeAt(base);
      if (c !== 0x20 && c !== 0x09) break;
      base++;
    }
  }
  checkSource(src, base);
  const tree = parseSource(src, base, maxDepth);
  if (tree.d + 1 > MAX_AST_DEPTH) {
    throw new PyLiteralValueError('maximum recursion depth exceeded during ast construction', {
      pythonType: 'RecursionError',
      offset: tree.s,
    });
  }
  ellipsisAt = null;
  const value = convert(tree);
  if (ellipsisAt !== null) {
    const at: Node = ellipsisAt;
    ellipsisAt = null;
    throw new PyLiteralValueError(
      `Ellipsis (...) is a Python literal but is not supported here (line ${at.line}, offset ${at.s})`,
      { offset: at.s },
    );
  }
  return value;
}

const NUL_OR_SURROGATE = /[\0\ud800-\udfff]/g;

/** compile() turns the str into UTF-8 (lone surrogates fail) and refuses NUL. */
function checkSource(src: string, base: number): void {
  NUL_OR_SURROGATE.lastIndex = base;
  if (!NUL_OR_SURROGATE.test(src)) return;
  let cpIndex = 0;
  for (let i = base; i < src.length; i++, cpIndex++) {
    const c = src.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < src.length) {
      const d = src.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // CPython reports the run of surrogates that follows.
      let j = i + 1;
      let n = 1;
      while (j < src.length) {
        const e = src.charCodeAt(j);
        if (e < 0xd800 || e > 0xdfff) break;
        if (e <= 0xdbff && j + 1 < src.length) {
          const f = src.charCodeAt(j + 1);
          if (f >= 0xdc00 && f <= 0xdfff) break;
        }
        j++;
        n++;
      }
      const msg =
        n === 1
          ? `'utf-8' codec can't encode character '\\u${c.toString(16).padStart(4, '0')}' in position ${cpIndex}: surrogates not allowed`
          : `'utf-8' codec can't encode characters in position ${cpIndex}-${cpIndex + n - 1}: surrogates not allowed`;
      throw new PyLiteralValueError(msg, { pythonType: 'UnicodeEncodeError', offset: i });
    }
  }
  const nul = src.indexOf('\0', base);
  if (nul >= 0) syntaxError('source code string cannot contain null bytes', nul);
}

function syntaxError(message: string, offset: number): never {
  throw new PyLiteralSyntaxError(`${message} at offset ${offset}`, offset);
}

// ---------------------------------------------------------------------------
// Tokenizer (Parser/tokenizer.c, eval input from a string)

const T_NAME = 1;
const T_NUMBER = 2;
const T_STRING = 3;
const T_OP = 4;
const T_NEWLINE = 5;
const T_END = 6;
/** An INDENT token: the eval grammar never accepts one ("unexpected indent"). */
const T_INDENT = 7;
/**
 * The tokenizer's ERRORTOKEN at the end of input (after a `\` continuation,
 * or inside brackets). CPython raises no error for it in the tokenizer: the
 * parser reports it when it gets there, so a parse error before it wins.
 */
const T_EOF_ERROR = 8;

interface Tok {
  t: number;
  /** Text for NAME / NUMBER / STRING / OP; the message for T_EOF_ERROR. */
  v: string;
  /** Offset in the original text. */
  s: number;
  line: number;
  /** T_EOF_ERROR inside brackets: line of the innermost open bracket. */
  bracketLine?: number;
}

/** Two-char operators (Grammar/Tokens), keyed by first * 128 + second char code. */
const TWO_CHAR_OPS = new Map<number, string>(
  [
    '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=', '<>', '==', '>=', '>>', '@=', '^=',
    '|=',
  ].map((op) => [op.charCodeAt(0) * 128 + op.charCodeAt(1), op]),
);
const TWO_CHAR_FIRST = new Uint8Array(128);
for (const k of TWO_CHAR_OPS.keys()) TWO_CHAR_FIRST[k >> 7] = 1;
const THREE_CHAR_OPS = new Set(['**=', '//=', '<<=', '>>=']);
const ONE_CHAR_OPS: string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

const ID_START_RE = /^[\p{XID_Start}_]$/u;
const ID_CONTINUE_RE = /^\p{XID_Continue}$/u;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isXDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}
function isIdStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 128;
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || isDigit(c);
}

class Tokenizer {
  private pos = 0;
  private readonly n: number;
  private level = 0;
  private readonly parenChar: number[] = [];
  private readonly parenLine: number[] = [];
  private readonly parenPos: number[] = [];
  private atbol = true;
  private indented = false;
  private line = 1;
  /** Offset of the first newline not yet counted in `line` (n when none is left). */
  private nextNewline: number;
  readonly toks: Tok[] = [];

  /**
   * `src` is the text after lstrip with newlines normalised; `map`, when
   * given, takes an index in `src` to an index in the original text.
   */
  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly map: Int32Array | null,
    private readonly maxLevel: number,
  ) {
    this.n = src.length;
    const nl = src.indexOf('\n');
    this.nextNewline = nl < 0 ? this.n : nl;
  }

  off(i: number): number {
    return this.map ? this.map[Math.min(i, this.map.length - 1)]! : this.base + i;
  }

  private err(message: string, at: number): never {
    syntaxError(message, this.off(at));
  }

  private nextc(): number {
    return this.pos < this.n ? this.src.charCodeAt(this.pos++) : -1;
  }

  private backup(c: number): void {
    if (c !== -1) this.pos--;
  }

  /** Line number of offset i (offsets asked for only grow). */
  private lineAt(i: number): number {
    while (this.nextNewline < i) {
      this.line++;
      const nl = this.src.indexOf('\n', this.nextNewline + 1);
      this.nextNewline = nl < 0 ? this.n : nl;
    }
    return this.line;
  }

  private push(t: number, start: number, end: number): void {
    this.toks.push({ t, v: this.src.slice(start, end), s: this.off(start), line: this.lineAt(start) });
  }

  /** An operator token, with its text from a table (no slicing). */
  private pushOp(v: string, start: number): void {
    this.toks.push({ t: T_OP, v, s: this.map ? this.off(start) : this.base + start, line: this.lineAt(start) });
  }

  run(): Tok[] {
    while (this.next()) {
      /* keep going */
    }
    return this.toks;
  }

  /** Reads one token; false after ENDMARKER. */
  private next(): boolean {
    for (;;) {
      // nextline:
      let blankline = false;
      if (this.atbol) {
        this.atbol = false;
        let col = 0;
        let contLineCol = 0;
        let c: number;
        for (;;) {
          c = this.nextc();
          if (c === 0x20) col++;
          else if (c === 0x09) col = (Math.floor(col / 8) + 1) * 8;
          else if (c === 0x0c) col = 0;
          else if (c === 0x5c) {
            contLineCol = contLineCol || col;
            if (!this.continuation()) return false;
          } else break;
        }
        this.backup(c);
        if (c === 0x23 || c === 0x0a) blankline = true;
        if (!blankline && this.level === 0) {
          col = contLineCol || col;
          // The eval grammar has no INDENT: any indented logical line fails
          // (there is never a DEDENT to track, as INDENT already failed).
          if (col > 0 && !this.indented) {
            this.indented = true;
            this.push(T_INDENT, this.pos, this.pos);
            return true;
          }
        }
      }
      // again:
      for (;;) {
        let c: number;
        do c = this.nextc();
        while (c === 0x20 || c === 0x09 || c === 0x0c);
        const start = c === -1 ? this.pos : this.pos - 1;
        if (c === 0x23) {
          while (c !== -1 && c !== 0x0a) c = this.nextc();
        }
        if (c === -1) {
          if (this.level > 0) {
            this.eofError();
            return false;
          }
          this.push(T_END, this.n, this.n);
          return false;
        }
        if (isIdStart(c)) {
          let sawB = false;
          let sawR = false;
          let sawU = false;
          let sawF = false;
          for (;;) {
            if (!(sawB || sawU || sawF) && (c === 0x62 || c === 0x42)) sawB = true;
            else if (!(sawB || sawU || sawR || sawF) && (c === 0x75 || c === 0x55)) sawU = true;
            else if (!(sawR || sawU) && (c === 0x72 || c === 0x52)) sawR = true;
            else if (!(sawF || sawB || sawU) && (c === 0x66 || c === 0x46)) sawF = true;
            else break;
            c = this.nextc();
            if (c === 0x22 || c === 0x27) {
              this.string(start, c);
              return true;
            }
          }
          let nonascii = false;
          while (isIdChar(c)) {
            if (c >= 128) nonascii = true;
            c = this.nextc();
          }
          this.backup(c);
          if (nonascii) this.verifyIdentifier(start, this.pos);
          this.push(T_NAME, start, this.pos);
          return true;
        }
        if (c === 0x0a) {
          this.atbol = true;
          if (blankline || this.level > 0) break; // goto nextline
          this.push(T_NEWLINE, start, start);
          return true;
        }
        if (c === 0x2e) {
          c = this.nextc();
          if (isDigit(c)) {
            this.fraction(start, c);
            return true;
          }
          if (c === 0x2e) {
            const c3 = this.nextc();
            if (c3 === 0x2e) {
              this.push(T_OP, start, this.pos);
              return true;
            }
            this.backup(c3);
          }
          this.backup(c);
          this.push(T_OP, start, this.pos);
          return true;
        }
        if (isDigit(c)) {
          this.number(start, c);
          return true;
        }
        if (c === 0x22 || c === 0x27) {
          this.string(start, c);
          return true;
        }
        if (c === 0x5c) {
          if (!this.continuation()) return false;
          continue; // goto again
        }
        if (this.pos < this.n && TWO_CHAR_FIRST[c] === 1) {
          const c2 = this.src.charCodeAt(this.pos);
          const two = TWO_CHAR_OPS.get(c * 128 + c2);
          if (two !== undefined) {
            this.pos++;
            let op = two;
            if (this.pos < this.n && this.src.charCodeAt(this.pos) === 0x3d && THREE_CHAR_OPS.has(two + '=')) {
              this.pos++;
              op = two + '=';
            }
            this.pushOp(op, start);
            return true;
          }
        }
        if (c === 0x28 || c === 0x5b || c === 0x7b) {
          if (this.level >= this.maxLevel) this.err('too many nested parentheses', start);
          this.parenChar[this.level] = c;
          this.parenLine[this.level] = this.lineAt(start);
          this.parenPos[this.level] = start;
          this.level++;
        } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
          if (!this.level) this.err(`unmatched '${String.fromCharCode(c)}'`, start);
          this.level--;
          const opening = this.parenChar[this.level]!;
          if (!((opening === 0x28 && c === 0x29) || (opening === 0x5b && c === 0x5d) || (opening === 0x7b && c === 0x7d))) {
            const where = this.parenLine[this.level] !== this.lineAt(start) ? ` on line ${this.parenLine[this.level]}` : '';
            this.err(
              `closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${String.fromCharCode(opening)}'${where}`,
              start,
            );
          }
        }
        if (!isPyPrintable(c)) {
          this.err(`invalid non-printable character U+${c.toString(16).toUpperCase().padStart(4, '0')}`, start);
        }
        this.pushOp(ONE_CHAR_OPS[c]!, start);
        return true;
      }
    }
  }

  /** After a backslash: a newline must follow, and then not the end (false: ended with an EOF error token). */
  private continuation(): boolean {
    const at = this.pos - 1;
    let c = this.nextc();
    if (c !== 0x0a) this.err('unexpected character after line continuation character', at);
    c = this.nextc();
    if (c === -1) {
      this.eofError();
      return false;
    }
    this.backup(c);
    return true;
  }

  /** The input ends inside brackets or right after a continuation. */
  private eofError(): void {
    const tok: Tok = { t: T_EOF_ERROR, v: 'unexpected EOF while parsing', s: this.off(this.n), line: this.lineAt(this.n) };
    if (this.level > 0) {
      const k = this.level - 1;
      tok.v = `'${String.fromCharCode(this.parenChar[k]!)}' was never closed`;
      tok.s = this.off(this.parenPos[k]!);
      tok.bracketLine = this.parenLine[k]!;
    }
    this.toks.push(tok);
  }

  private verifyIdentifier(start: number, end: number): void {
    const s = this.src;
    let first = true;
    for (let i = start; i < end; ) {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      const ok = first ? ID_START_RE.test(ch) : ID_CONTINUE_RE.test(ch);
      if (!ok) {
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        if (isPyPrintable(cp)) this.err(`invalid character '${ch}' (U+${hex})`, i);
        this.err(`invalid non-printable character U+${hex}`, i);
      }
      first = false;
      i += cp > 0xffff ? 2 : 1;
    }
  }

  /** tok_decimal_tail: digits with single underscores between them. */
  private decimalTail(): number {
    let c: number;
    for (;;) {
      do c = this.nextc();
      while (isDigit(c));
      if (c !== 0x5f) break;
      c = this.nextc();
      if (!isDigit(c)) {
        this.backup(c);
        this.err('invalid decimal literal', this.pos);
      }
    }
    return c;
  }

  /** verify_end_of_number: a number may touch a keyword (deprecated) but no other name. */
  private verifyEnd(c: number, kind: string): void {
    const s = this.src;
    const p = this.pos;
    // lookahead(): the rest of the keyword, and then no identifier char.
    const lookahead = (rest: string): boolean => {
      if (!s.startsWith(rest, p)) return false;
      const after = p + rest.length < this.n ? s.charCodeAt(p + rest.length) : -1;
      return after === -1 || !isIdChar(after);
    };
    let r = false;
    if (c === 0x61) r = lookahead('nd');
    else if (c === 0x65) r = lookahead('lse');
    else if (c === 0x66) r = lookahead('or');
    else if (c === 0x69) {
      const c2 = p < this.n ? s.charCodeAt(p) : -1;
      r = c2 === 0x66 || c2 === 0x6e || c2 === 0x73;
    } else if (c === 0x6f) r = lookahead('r');
    else if (c === 0x6e) r = lookahead('ot');
    if (r) return;
    if (c !== -1 && isIdChar(c)) {
      this.backup(c);
      this.err(`invalid ${kind} literal`, this.pos);
    }
  }

  private number(start: number, c: number): void {
    if (c === 0x30) {
      c = this.nextc();
      if (c === 0x78 || c === 0x58) {
        c = this.nextc();
        do {
          if (c === 0x5f) c = this.nextc();
          if (!isXDigit(c)) {
            this.backup(c);
            this.err('invalid hexadecimal literal', this.pos);
          }
          do c = this.nextc();
          while (isXDigit(c));
        } while (c === 0x5f);
        this.verifyEnd(c, 'hexadecimal');
      } else if (c === 0x6f || c === 0x4f || c === 0x62 || c === 0x42) {
        const octal = c === 0x6f || c === 0x4f;
        const kind = octal ? 'octal' : 'binary';
        const top = octal ? 0x38 : 0x32;
        c = this.nextc();
        do {
          if (c === 0x5f) c = this.nextc();
          if (c < 0x30 || c >= top) {
            if (isDigit(c)) this.err(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`, this.pos - 1);
            this.backup(c);
            this.err(`invalid ${kind} literal`, this.pos);
          }
          do c = this.nextc();
          while (c >= 0x30 && c < top);
        } while (c === 0x5f);
        if (isDigit(c)) this.err(`invalid digit '${String.fromCharCode(c)}' in ${kind} literal`, this.pos - 1);
        this.verifyEnd(c, kind);
      } else {
        let nonzero = false;
        for (;;) {
          if (c === 0x5f) {
            c = this.nextc();
            if (!isDigit(c)) {
              this.backup(c);
              this.err('invalid decimal literal', this.pos);
            }
          }
          if (c !== 0x30) break;
          c = this.nextc();
        }
        if (isDigit(c)) {
          nonzero = true;
          c = this.decimalTail();
        }
        if (c === 0x2e) {
          this.fraction(start, this.nextc());
          return;
        } else if (c === 0x65 || c === 0x45) {
          this.exponent(start, c);
          return;
        } else if (c === 0x6a || c === 0x4a) {
          this.imaginary(start);
          return;
        } else if (nonzero) {
          this.backup(c);
          this.err(
            'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
            start,
          );
        }
        this.verifyEnd(c, 'decimal');
      }
    } else {
      c = this.decimalTail();
      if (c === 0x2e) {
        this.fraction(start, this.nextc());
        return;
      }
      if (c === 0x65 || c === 0x45) {
        this.exponent(start, c);
        return;
      }
      if (c === 0x6a || c === 0x4a) {
        this.imaginary(start);
        return;
      }
      this.verifyEnd(c, 'decimal');
    }
    this.backup(c);
    this.push(T_NUMBER, start, this.pos);
  }

  /** After the '.' of a number; `c` is the char that follows it. */
  private fraction(start: number, c: number): void {
    if (isDigit(c)) c = this.decimalTail();
    if (c === 0x65 || c === 0x45) {
      this.exponent(start, c);
      return;
    }
    if (c === 0x6a || c === 0x4a) {
      this.imaginary(start);
      return;
    }
    this.verifyEnd(c, 'decimal');
    this.backup(c);
    this.push(T_NUMBER, start, this.pos);
  }

  private exponent(start: number, e: number): void {
    let c = this.nextc();
    if (c === 0x2b || c === 0x2d) {
      c = this.nextc();
      if (!isDigit(c)) {
        this.backup(c);
        this.err('invalid decimal literal', this.pos);
      }
    } else if (!isDigit(c)) {
      this.backup(c);
      this.verifyEnd(e, 'decimal');
      this.backup(e);
      this.push(T_NUMBER, start, this.pos);
      return;
    }
    c = this.decimalTail();
    if (c === 0x6a || c === 0x4a) {
      this.imaginary(start);
      return;
    }
    this.verifyEnd(c, 'decimal');
    this.backup(c);
    this.push(T_NUMBER, start, this.pos);
  }

  private imaginary(start: number): void {
    const c = this.nextc();
    this.verifyEnd(c, 'imaginary');
    this.backup(c);
    this.push(T_NUMBER, start, this.pos);
  }

  private string(start: number, quote: number): void {
    let quoteSize = 1;
    let endQuoteSize = 0;
    let c = this.nextc();
    if (c === quote) {
      c = this.nextc();
      if (c === quote) quoteSize = 3;
      else endQuoteSize = 1;
    }
    if (c !== quote) this.backup(c);
    while (endQuoteSize !== quoteSize) {
      c = this.nextc();
      if (c === -1 || (quoteSize === 1 && c === 0x0a)) {
        this.err(quoteSize === 3 ? 'unterminated triple-quoted string literal' : 'unterminated string literal', start);
      }
      if (c === quote) endQuoteSize++;
      else {
        endQuoteSize = 0;
        if (c === 0x5c) this.nextc();
      }
    }
    this.push(T_STRING, start, this.pos);
  }
}

function tokenize(src: string, base: number, maxLevel: number): Tok[] {
  let text = base > 0 ? src.slice(base) : src;
  let map: Int32Array | null = null;
  if (text.indexOf('\r') >= 0) {
    // translate_newlines: \r\n and \r become \n.
    map = new Int32Array(text.length + 1);
    let out = '';
    let j = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      map[j++] = base + i;
      if (c === 0x0d) {
        out += '\n';
        if (text.charCodeAt(i + 1) === 0x0a) i++;
      } else out += text[i];
    }
    map[j] = base + text.length;
    text = out;
  }
  return new Tokenizer(text, base, map, maxLevel).run();
}

// ---------------------------------------------------------------------------
// AST

const ELLIPSIS_OP = '...';
/** A str Constant holding a `\N{name}` escape; `v` is the refusal message. */
const NAMED_ESCAPE_OP = 'N{}';

/** One node of CPython's AST, with what literal_eval looks at. */
class Node {
  /** Constant value. */
  v: PyLit = null;
  /** Tuple/List/Set elements; Dict keys (null for `**x`). */
  items: (Node | null)[] | null = null;
  /** Dict values. */
  vals: Node[] | null = null;
  /** BinOp left, Call func. */
  left: Node | null = null;
  /** BinOp right, UnaryOp operand. */
  right: Node | null = null;
  /** Operator (BinOp/UnaryOp), Name id, '...' for Ellipsis; for Call the argument count as text. */
  op = '';
  constructor(
    /** AST class name. */
    readonly k: string,
    readonly line: number,
    /** Offset of the node's first token in the original text. */
    readonly s: number,
    /** Depth of the subtree (1 for a leaf). */
    readonly d: number,
  ) {}
}

function maxDepth(nodes: readonly (Node | null)[]): number {
  let d = 0;
  for (const n of nodes) if (n && n.d > d) d = n.d;
  return d;
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const BIN_PREC: Record<string, number> = {
  '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '//': 6, '%': 6, '@': 6,
};

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

interface PendingExpr {
  kind: 'IfExp' | 'Lambda';
  start: number;
  body?: Node;
  test?: Node;
  argsDepth?: number;
}

interface PendingFactor {
  start: number;
  op: string;
  /** Left operand of `**`; absent for a unary operator. */
  base?: Node;
}

/**
 * Recursive descent over the 3.11 expression grammar. Rules that chain
 * without brackets (unary operators, `not`, `**`, `x if c else`, `lambda:`)
 * loop instead of recursing, so the JS stack only grows with bracket depth,
 * which the tokenizer limits.
 */
class Parser {
  private p = 0;
  /** Approximation of pegen's rule nesting (p->level). */
  private level = 24;

  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok {
    return this.toks[this.p]!;
  }

  private fail(at = this.p): never {
    const t = this.toks[Math.min(at, this.toks.length - 1)]!;
    if (t.t === T_INDENT) syntaxError('unexpected indent', t.s);
    if (t.t === T_EOF_ERROR) syntaxError(t.v, t.s);
    // CPython then tokenizes the rest: an unclosed bracket opened on an
    // earlier line than the failure is reported instead.
    const last = this.toks[this.toks.length - 1]!;
    if (last.t === T_EOF_ERROR && last.bracketLine !== undefined && t.line > last.bracketLine) {
      syntaxError(last.v, last.s);
    }
    syntaxError('invalid syntax', t.s);
  }

  /**
   * pegen's rule depth grows by about `cost` on the way to the next atom:
   * 1 per unary operator, 28-31 per bracket (more for later elements of a
   * display than for the first), measured on CPython 3.11.
   */
  private enter(cost: number): void {
    this.setLevel(this.level + cost);
  }

  private setLevel(level: number): void {
    this.level = level;
    if (this.level >= MAX_PARSER_LEVEL) {
      throw new PyLiteralValueError('too complex to parse: parser stack overflowed (MemoryError in CPython)', {
        pythonType: 'MemoryError',
        offset: this.tok.s,
      });
    }
  }

  private isOp(v: string, at = this.p): boolean {
    const t = this.toks[at];
    return t !== undefined && t.t === T_OP && t.v === v;
  }

  private isKw(v: string, at = this.p): boolean {
    const t = this.toks[at];
    return t !== undefined && t.t === T_NAME && t.v === v;
  }

  /** A NAME token that is not a keyword. */
  private isName(at = this.p): boolean {
    const t = this.toks[at];
    return t !== undefined && t.t === T_NAME && !KEYWORDS.has(t.v);
  }

  private expectOp(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.p++;
  }

  private node(k: string, start: number, d: number): Node {
    const t = this.toks[start]!;
    return new Node(k, t.line, t.s, d);
  }

  private startsFor(): boolean {
    return this.isKw('for') || (this.isKw('async') && this.isKw('for', this.p + 1));
  }

  /** eval: expressions NEWLINE* ENDMARKER */
  parseEval(): Node {
    const start = this.p;
    const first = this.parseExpression();
    let result = first;
    if (this.isOp(',')) {
      const items: Node[] = [first];
      while (this.isOp(',')) {
        this.p++;
        if (this.tok.t === T_NEWLINE || this.tok.t === T_END) break;
        items.push(this.parseExpression());
      }
      result = this.seq('Tuple', start, items);
    }
    while (this.tok.t === T_NEWLINE) this.p++;
    if (this.tok.t !== T_END) this.fail();
    return result;
  }

  /** fstring: star_expressions, over the text "(" + expr + ")" */
  parseFstringExpr(): Node {
    const n = this.parseStarExpressions();
    while (this.tok.t === T_NEWLINE) this.p++;
    if (this.tok.t !== T_END) this.fail();
    return n;
  }

  private seq(k: string, start: number, items: Node[]): Node {
    const n = this.node(k, start, 1 + maxDepth(items));
    n.items = items;
    return n;
  }

  /** expression: disjunction ['if' disjunction 'else' expression] | lambdef */
  private parseExpression(): Node {
    const pending: PendingExpr[] = [];
    const level = this.level;
    let node: Node;
    for (;;) {
      const start = this.p;
      if (this.isKw('lambda')) {
        this.p++;
        const argsDepth = this.parseLambdaParams();
        this.expectOp(':');
        pending.push({ kind: 'Lambda', start, argsDepth });
        this.enter(2);
        continue;
      }
      const body = this.parseDisjunction();
      if (this.isKw('if')) {
        this.p++;
        const test = this.parseDisjunction();
        if (!this.isKw('else')) this.fail();
        this.p++;
        pending.push({ kind: 'IfExp', start, body, test });
        this.enter(1);
        continue;
      }
      node = body;
      break;
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const f = pending[i]!;
      if (f.kind === 'Lambda') {
        node = this.node('Lambda', f.start, 1 + Math.max(node.d, f.argsDepth!));
      } else {
        node = this.node('IfExp', f.start, 1 + Math.max(node.d, f.body!.d, f.test!.d));
      }
    }
    this.level = level;
    return node;
  }

  /** Lambda parameters up to (not including) ':'; returns the depth of the arguments node. */
  private parseLambdaParams(): number {
    let depth = 1;
    if (this.isOp(':')) return depth;
    let seenDefault = false;
    let seenSlash = false;
    let seenStar = false;
    let needKwOnly = false;
    let positional = 0;
    let done = false;
    while (!done) {
      if (this.isOp('/')) {
        if (seenSlash || seenStar || positional === 0) this.fail();
        seenSlash = true;
        this.p++;
      } else if (this.isOp('*')) {
        if (seenStar) this.fail();
        seenStar = true;
        this.p++;
        if (this.isName()) {
          this.p++;
          depth = Math.max(depth, 2);
        } else if (this.isOp(',')) needKwOnly = true;
        else this.fail();
      } else if (this.isOp('**')) {
        this.p++;
        if (!this.isName()) this.fail();
        this.p++;
        depth = Math.max(depth, 2);
        done = true; // only a trailing comma may follow
      } else if (this.isName()) {
        this.p++;
        depth = Math.max(depth, 2);
        if (this.isOp('=')) {
          this.p++;
          const dflt = this.parseExpression();
          depth = Math.max(depth, 1 + dflt.d);
          if (!seenStar) seenDefault = true;
        } else if (!seenStar && seenDefault) this.fail();
        if (seenStar) needKwOnly = false;
        else positional++;
      } else this.fail();
      if (this.isOp(',')) {
        this.p++;
        if (this.isOp(':')) break;
      } else if (this.isOp(':')) break;
      else this.fail();
    }
    if (!this.isOp(':') || needKwOnly) this.fail();
    return depth;
  }

  private parseDisjunction(): Node {
    return this.parseBool('or');
  }

  /** disjunction / conjunction: BoolOp chains. */
  private parseBool(kw: 'or' | 'and'): Node {
    const start = this.p;
    const first = kw === 'or' ? this.parseBool('and') : this.parseInversion();
    if (!this.isKw(kw)) return first;
    const values = [first];
    while (this.isKw(kw)) {
      this.p++;
      values.push(kw === 'or' ? this.parseBool('and') : this.parseInversion());
    }
    return this.seq('BoolOp', start, values);
  }

  /** inversion: 'not' inversion | comparison */
  private parseInversion(): Node {
    const starts: number[] = [];
    const level = this.level;
    while (this.isKw('not')) {
      starts.push(this.p);
      this.p++;
      this.enter(1);
    }
    let node = this.parseComparison();
    for (let i = starts.length - 1; i >= 0; i--) {
      const u = this.node('UnaryOp', starts[i]!, node.d + 1);
      u.op = 'not';
      u.right = node;
      node = u;
    }
    this.level = level;
    return node;
  }

  private parseComparison(): Node {
    const start = this.p;
    const first = this.parseBinary(1);
    let items: Node[] | null = null;
    for (;;) {
      const t = this.tok;
      if (t.t === T_OP && COMPARE_OPS.has(t.v)) this.p++;
      else if (this.isKw('in')) this.p++;
      else if (this.isKw('not') && this.isKw('in', this.p + 1)) this.p += 2;
      else if (this.isKw('is')) {
        this.p++;
        if (this.isKw('not')) this.p++;
      } else break;
      (items ??= [first]).push(this.parseBinary(1));
    }
    return items ? this.seq('Compare', start, items) : first;
  }

  /** bitwise_or .. term, by precedence climbing (all left-associative). */
  private parseBinary(minPrec: number): Node {
    const start = this.p;
    let left = this.parseFactor();
    for (;;) {
      const t = this.tok;
      if (t.t !== T_OP) break;
      const prec = BIN_PREC[t.v];
      if (prec === undefined || prec < minPrec) break;
      this.p++;
      const right = this.parseBinary(prec + 1);
      const n = this.node('BinOp', start, 1 + Math.max(left.d, right.d));
      n.op = t.v;
      n.left = left;
      n.right = right;
      left = n;
    }
    return left;
  }

  /** factor: ('+'|'-'|'~') factor | power; power: await_primary ['**' factor] */
  private parseFactor(): Node {
    const pending: PendingFactor[] = [];
    const level = this.level;
    let node: Node;
    for (;;) {
      const start = this.p;
      const t = this.tok;
      if (t.t === T_OP && (t.v === '+' || t.v === '-' || t.v === '~')) {
        pending.push({ start, op: t.v });
        this.p++;
        this.enter(1);
        continue;
      }
      let prim: Node;
      if (this.isKw('await')) {
        this.p++;
        const inner = this.parsePrimary();
        prim = this.node('Await', start, inner.d + 1);
      } else prim = this.parsePrimary();
      if (this.isOp('**')) {
        this.p++;
        pending.push({ start, op: '**', base: prim });
        this.enter(2);
        continue;
      }
      node = prim;
      break;
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const f = pending[i]!;
      if (f.base) {
        const n = this.node('BinOp', f.start, 1 + Math.max(f.base.d, node.d));
        n.op = '**';
        n.left = f.base;
        n.right = node;
        node = n;
      } else {
        const n = this.node('UnaryOp', f.start, node.d + 1);
        n.op = f.op;
        n.right = node;
        node = n;
      }
    }
    this.level = level;
    return node;
  }

  /** primary: atom followed by '.' NAME, '(' args ')', '[' slices ']' trailers. */
  private parsePrimary(): Node {
    const start = this.p;
    let node = this.parseAtom();
    for (;;) {
      if (this.isOp('.')) {
        this.p++;
        if (!this.isName()) this.fail();
        this.p++;
        node = this.node('Attribute', start, node.d + 1);
      } else if (this.isOp('(')) {
        node = this.parseCall(start, node);
      } else if (this.isOp('[')) {
        node = this.parseSubscript(start, node);
      } else return node;
    }
  }

  private parseCall(start: number, func: Node): Node {
    const open = this.p;
    this.p++;
    const level = this.level;
    this.enter(24);
    let depth = func.d;
    let count = 0;
    // 0: positional allowed; 1: after a keyword; 2: after **
    let phase = 0;
    while (!this.isOp(')')) {
      if (this.isOp('*')) {
        if (phase === 2) this.fail();
        this.p++;
        depth = Math.max(depth, 1 + this.parseExpression().d);
      } else if (this.isOp('**')) {
        this.p++;
        depth = Math.max(depth, 1 + this.parseExpression().d);
        phase = 2;
      } else if (this.isName() && this.isOp('=', this.p + 1)) {
        this.p += 2;
        depth = Math.max(depth, 2 + this.parseExpression().d);
        if (phase === 0) phase = 1;
      } else {
        if (phase !== 0) this.fail();
        const arg = this.parseNamedExpression();
        if (this.isOp('=')) this.fail();
        if (count === 0 && this.startsFor()) {
          // primary genexp: f(x for x in y)
          const compDepth = this.parseForIfClauses();
          if (!this.isOp(')')) this.fail();
          this.p++;
          const g = this.node('GeneratorExp', open, 1 + Math.max(arg.d, compDepth));
          const call = this.node('Call', start, 1 + Math.max(func.d, g.d));
          call.left = func;
          call.op = '1';
          this.level = level;
          return call;
        }
        depth = Math.max(depth, arg.d);
      }
      count++;
      if (count === 1) this.setLevel(level + 28);
      if (this.isOp(',')) this.p++;
      else if (!this.isOp(')')) this.fail();
    }
    this.p++;
    this.level = level;
    const call = this.node('Call', start, depth + 1);
    call.left = func;
    call.op = String(count);
    return call;
  }

  private parseSubscript(start: number, value: Node): Node {
    this.p++;
    const level = this.level;
    this.enter(24);
    let depth = 0;
    let n = 0;
    let comma = false;
    for (;;) {
      if (this.isOp('*')) {
        this.p++;
        depth = Math.max(depth, 1 + this.parseExpression().d);
      } else depth = Math.max(depth, this.parseSlice());
      n++;
      if (this.isOp(',')) {
        comma = true;
        this.p++;
        if (this.isOp(']')) break;
      } else break;
    }
    this.expectOp(']');
    this.level = level;
    if (comma || n > 1) depth++;
    return this.node('Subscript', start, 1 + Math.max(value.d, depth));
  }

  /** slice: [expression] ':' [expression] [':' [expression]] | named_expression; returns its depth. */
  private parseSlice(): number {
    let depth = 0;
    if (!this.isOp(':')) {
      const bareWalrus = this.isName() && this.isOp(':=', this.p + 1);
      const e = this.parseNamedExpression();
      if (!this.isOp(':')) return e.d;
      if (bareWalrus) this.fail();
      depth = e.d;
    }
    this.p++; // ':'
    if (!this.isOp(':') && !this.isOp(',') && !this.isOp(']')) depth = Math.max(depth, this.parseExpression().d);
    if (this.isOp(':')) {
      this.p++;
      if (!this.isOp(',') && !this.isOp(']')) depth = Math.max(depth, this.parseExpression().d);
    }
    return depth + 1;
  }

  /** named_expression: NAME ':=' expression | expression !':=' */
  private parseNamedExpression(): Node {
    if (this.isName() && this.isOp(':=', this.p + 1)) {
      const start = this.p;
      this.p += 2;
      const value = this.parseExpression();
      return this.node('NamedExpr', start, 1 + Math.max(1, value.d));
    }
    const e = this.parseExpression();
    if (this.isOp(':=')) this.fail();
    return e;
  }

  /** star_named_expression: '*' bitwise_or | named_expression */
  private parseStarNamedExpression(): Node {
    if (this.isOp('*')) {
      const start = this.p;
      this.p++;
      const value = this.parseBinary(1);
      const n = this.node('Starred', start, value.d + 1);
      n.right = value;
      return n;
    }
    return this.parseNamedExpression();
  }

  /** star_expressions: star_expression (',' star_expression)* [','], star_expression: '*' bitwise_or | expression */
  private parseStarExpressions(): Node {
    const start = this.p;
    const one = (): Node => {
      if (this.isOp('*')) {
        const s = this.p;
        this.p++;
        const v = this.parseBinary(1);
        return this.node('Starred', s, v.d + 1);
      }
      return this.parseExpression();
    };
    const first = one();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.isOp(',')) {
      this.p++;
      if (!this.canStartExpression()) break;
      items.push(one());
    }
    return this.seq('Tuple', start, items);
  }

  private canStartExpression(): boolean {
    const t = this.tok;
    if (t.t === T_NUMBER || t.t === T_STRING) return true;
    if (t.t === T_NAME) {
      return !KEYWORDS.has(t.v) || ['True', 'False', 'None', 'not', 'lambda', 'await'].includes(t.v);
    }
    return t.t === T_OP && ['(', '[', '{', '-', '+', '~', '*', '...'].includes(t.v);
  }

  private parseAtom(): Node {
    const t = this.tok;
    const start = this.p;
    switch (t.t) {
      case T_NAME: {
        if (KEYWORDS.has(t.v)) {
          if (t.v === 'True' || t.v === 'False' || t.v === 'None') {
            this.p++;
            const n = this.node('Constant', start, 1);
            n.v = t.v === 'None' ? null : t.v === 'True';
            return n;
          }
          this.fail();
        }
        this.p++;
        const n = this.node('Name', start, 1);
        n.op = t.v;
        return n;
      }
      case T_NUMBER: {
        this.p++;
        const n = this.node('Constant', start, 1);
        n.v = numberValue(t);
        return n;
      }
      case T_STRING:
        return this.parseStrings();
      case T_OP:
        if (t.v === '(') return this.parseParen();
        if (t.v === '[') return this.parseList();
        if (t.v === '{') return this.parseBrace();
        if (t.v === '...') {
          this.p++;
          const n = this.node('Constant', start, 1);
          n.op = ELLIPSIS_OP;
          return n;
        }
    }
    this.fail();
  }

  private parseParen(): Node {
    const start = this.p;
    this.p++;
    const level = this.level;
    this.enter(28);
    let result: Node;
    if (this.isOp(')')) {
      this.p++;
      result = this.seq('Tuple', start, []);
    } else if (this.isKw('yield')) {
      result = this.parseYield();
      this.expectOp(')');
    } else {
      const first = this.parseStarNamedExpression();
      if (this.isOp(',')) {
        const items = [first];
        while (this.isOp(',')) {
          this.p++;
          if (this.isOp(')')) break;
          this.setLevel(level + (items.length === 1 ? 30 : 31));
          items.push(this.parseStarNamedExpression());
        }
        this.expectOp(')');
        result = this.seq('Tuple', start, items);
      } else if (first.k !== 'Starred' && this.startsFor()) {
        const compDepth = this.parseForIfClauses();
        this.expectOp(')');
        result = this.node('GeneratorExp', start, 1 + Math.max(first.d, compDepth));
      } else {
        if (first.k === 'Starred' || !this.isOp(')')) this.fail();
        this.p++;
        result = first; // a group is its inner node
      }
    }
    this.level = level;
    return result;
  }

  private parseYield(): Node {
    const start = this.p;
    this.p++;
    if (this.isKw('from')) {
      this.p++;
      const v = this.parseExpression();
      return this.node('YieldFrom', start, v.d + 1);
    }
    if (this.isOp(')')) return this.node('Yield', start, 1);
    const v = this.parseStarExpressions();
    return this.node('Yield', start, v.d + 1);
  }

  private parseList(): Node {
    const start = this.p;
    this.p++;
    const level = this.level;
    this.enter(29);
    let result: Node;
    if (this.isOp(']')) {
      this.p++;
      result = this.seq('List', start, []);
    } else {
      const first = this.parseStarNamedExpression();
      if (first.k !== 'Starred' && this.startsFor()) {
        const compDepth = this.parseForIfClauses();
        this.expectOp(']');
        result = this.node('ListComp', start, 1 + Math.max(first.d, compDepth));
      } else {
        const items = [first];
        this.setLevel(level + 30);
        while (this.isOp(',')) {
          this.p++;
          if (this.isOp(']')) break;
          items.push(this.parseStarNamedExpression());
        }
        this.expectOp(']');
        result = this.seq('List', start, items);
      }
    }
    this.level = level;
    return result;
  }

  private parseBrace(): Node {
    const start = this.p;
    this.p++;
    const level = this.level;
    this.enter(29);
    let result: Node;
    if (this.isOp('}')) {
      this.p++;
      result = this.dict(start, [], []);
    } else if (this.isOp('**')) {
      this.p++;
      result = this.parseDictRest(start, [null], [this.parseBinary(1)]);
    } else {
      let first: Node;
      if (this.isOp('*') || (this.isName() && this.isOp(':=', this.p + 1))) first = this.parseStarNamedExpression();
      else {
        first = this.parseExpression();
        if (this.isOp(':')) {
          this.p++;
          const value = this.parseExpression();
          if (this.startsFor()) {
            const compDepth = this.parseForIfClauses();
            this.expectOp('}');
            result = this.node('DictComp', start, 1 + Math.max(first.d, value.d, compDepth));
          } else result = this.parseDictRest(start, [first], [value]);
          this.level = level;
          return result;
        }
        if (this.isOp(':=')) this.fail();
      }
      if (first.k !== 'Starred' && this.startsFor()) {
        const compDepth = this.parseForIfClauses();
        this.expectOp('}');
        result = this.node('SetComp', start, 1 + Math.max(first.d, compDepth));
      } else {
        const items = [first];
        this.setLevel(level + 30);
        while (this.isOp(',')) {
          this.p++;
          if (this.isOp('}')) break;
          items.push(this.parseStarNamedExpression());
        }
        this.expectOp('}');
        result = this.seq('Set', start, items);
      }
    }
    this.level = level;
    return result;
  }

  private parseDictRest(start: number, keys: (Node | null)[], vals: Node[]): Node {
    this.enter(1);
    while (this.isOp(',')) {
      this.p++;
      if (this.isOp('}')) break;
      if (this.isOp('**')) {
        this.p++;
        keys.push(null);
        vals.push(this.parseBinary(1));
      } else {
        keys.push(this.parseExpression());
        this.expectOp(':');
        vals.push(this.parseExpression());
      }
    }
    this.expectOp('}');
    return this.dict(start, keys, vals);
  }

  private dict(start: number, keys: (Node | null)[], vals: Node[]): Node {
    const n = this.node('Dict', start, 1 + Math.max(maxDepth(keys), maxDepth(vals)));
    n.items = keys;
    n.vals = vals;
    return n;
  }

  /** for_if_clauses; returns the depth of the comprehension nodes. */
  private parseForIfClauses(): number {
    let depth = 0;
    while (this.startsFor()) {
      if (this.isKw('async')) this.p++;
      this.p++;
      let d = this.parseStarTargets();
      if (!this.isKw('in')) this.fail();
      this.p++;
      d = Math.max(d, this.parseDisjunction().d);
      while (this.isKw('if')) {
        this.p++;
        d = Math.max(d, this.parseDisjunction().d);
      }
      depth = Math.max(depth, d + 1);
    }
    return depth;
  }

  /** star_targets (assignment targets of a comprehension); returns the depth. */
  private parseStarTargets(): number {
    let depth = this.parseStarTarget();
    if (this.isOp(',')) {
      depth++;
      while (this.isOp(',')) {
        this.p++;
        if (this.isKw('in')) break;
        depth = Math.max(depth, 1 + this.parseStarTarget());
      }
    }
    return depth;
  }

  private parseStarTarget(): number {
    if (this.isOp('*')) {
      this.p++;
      if (this.isOp('*')) this.fail();
      return 1 + this.parseStarTarget();
    }
    const start = this.p;
    const t = this.parsePrimary();
    if (!isTarget(t, false)) this.fail(start);
    return t.d;
  }

  /** strings: STRING+, concatenated, decoded, f-strings checked. */
  private parseStrings(): Node {
    const start = this.p;
    let bytesMode = false;
    let fstring = false;
    let str = '';
    const chunks: Uint8Array[] = [];
    let depth = 1;
    let named: { name: string; offset: number } | null = null;
    while (this.tok.t === T_STRING) {
      const t = this.tok;
      const lit = decodeStringToken(t);
      named ??= lit.named;
      if (this.p !== start && lit.bytes !== bytesMode) syntaxError('cannot mix bytes and nonbytes literals', t.s);
      bytesMode = lit.bytes;
      if (lit.fstring) {
        fstring = true;
        depth = Math.max(depth, lit.depth);
      } else if (lit.bytes) chunks.push(lit.value as Uint8Array);
      else str += lit.value as string;
      this.p++;
    }
    if (fstring) return this.node('JoinedStr', start, 1 + depth);
    const n = this.node('Constant', start, 1);
    if (named) {
      n.op = NAMED_ESCAPE_OP;
      n.v = `\\N{...} named Unicode escapes are not supported (\\N{${named.name}} at offset ${named.offset})`;
      return n;
    }
    if (bytesMode) {
      if (chunks.length === 1) n.v = chunks[0]!;
      else {
        let len = 0;
        for (const c of chunks) len += c.length;
        const out = new Uint8Array(len);
        let o = 0;
        for (const c of chunks) {
          out.set(c, o);
          o += c.length;
        }
        n.v = out;
      }
    } else n.v = str;
    return n;
  }
}

/** Valid assignment target for a comprehension (star_target / target_with_star_atom). */
function isTarget(n: Node, inSeq: boolean): boolean {
  switch (n.k) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      return true;
    case 'Tuple':
    case 'List':
      return n.items!.every((x) => isTarget(x!, true));
    case 'Starred':
      return inSeq && isTarget(n.right!, false);
    default:
      return false;
  }
}

function parseSource(src: string, base: number, maxLevel: number): Node {
  const toks = tokenize(src, base, maxLevel);
  return new Parser(toks).parseEval();
}

// ---------------------------------------------------------------------------
// Numbers

function numberValue(t: Tok): PyLit {
  let text = t.v;
  if (text.indexOf('_') >= 0) text = text.replace(/_/g, '');
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x6a || last === 0x4a) return new PyComplex(0, Number(text.slice(0, -1)));
  const c1 = text.charCodeAt(1);
  const prefixed = text.charCodeAt(0) === 0x30 && (c1 === 0x78 || c1 === 0x58 || c1 === 0x6f || c1 === 0x4f || c1 === 0x62 || c1 === 0x42);
  if (prefixed) return BigInt(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x65 || c === 0x45) return Number(text);
  }
  // parsenumber reads a leading-zero literal (all zeros here) with strtoul: no digit limit.
  if (text.length > MAX_INT_DIGITS && text.charCodeAt(0) !== 0x30) {
    syntaxError(
      `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${text.length} digits; ` +
        'use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.',
      t.s,
    );
  }
  return BigInt(text);
}

// ---------------------------------------------------------------------------
// String literals (Parser/string_parser.c)

interface StringLit {
  /** A `\N{name}` escape whose value we do not know. */
  named: { name: string; offset: number } | null;
  bytes: boolean;
  fstring: boolean;
  value: string | Uint8Array | null;
  /** Depth of the JoinedStr's values, for f-strings. */
  depth: number;
}

function decodeStringToken(t: Tok): StringLit {
  const s = t.v;
  let i = 0;
  let bytes = false;
  let raw = false;
  let fmode = false;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 0x62 || c === 0x42) bytes = true;
    else if (c === 0x72 || c === 0x52) raw = true;
    else if (c === 0x66 || c === 0x46) fmode = true;
    else if (c !== 0x75 && c !== 0x55) break;
    i++;
  }
  const quote = s.charCodeAt(i);
  let bodyStart = i + 1;
  let bodyEnd = s.length - 1;
  if (bodyEnd - bodyStart >= 4 && s.charCodeAt(bodyStart) === quote && s.charCodeAt(bodyStart + 1) === quote) {
    bodyStart += 2;
    bodyEnd -= 2;
  }
  const body = s.slice(bodyStart, bodyEnd);
  const bodyOffset = t.s + bodyStart;
  if (fmode) {
    const depth = checkFstring(body, raw, bodyOffset);
    return { named: null, bytes: false, fstring: true, value: null, depth };
  }
  const plain = raw || body.indexOf('\\') < 0;
  if (bytes) {
    for (let k = 0; k < body.length; k++) {
      if (body.charCodeAt(k) >= 0x80) syntaxError('bytes can only contain ASCII literal characters', t.s);
    }
    const value = plain ? latin1Bytes(body) : decodeBytesEscapes(body, bodyOffset);
    return { named: null, bytes: true, fstring: false, value, depth: 1 };
  }
  const value = plain ? body : decodeStrEscapes(body, bodyOffset, false);
  return { named: plain ? null : namedEscape, bytes: false, fstring: false, value, depth: 1 };
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function isOctal(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  '\\': 0x5c, "'": 0x27, '"': 0x22, a: 7, b: 8, f: 12, t: 9, n: 10, r: 13, v: 11,
};

/** _PyBytes_DecodeEscape. */
function decodeBytesEscapes(body: string, offset: number): Uint8Array {
  const out: number[] = [];
  const n = body.length;
  for (let i = 0; i < n; ) {
    const c = body.charCodeAt(i);
    if (c !== 0x5c) {
      out.push(c);
      i++;
      continue;
    }
    const at = i;
    i++;
    if (i >= n) {
      out.push(0x5c);
      break;
    }
    const e = body[i]!;
    const ec = body.charCodeAt(i);
    i++;
    if (ec === 0x0a) continue;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out.push(simple);
      continue;
    }
    if (isOctal(ec)) {
      let v = ec - 0x30;
      if (i < n && isOctal(body.charCodeAt(i))) {
        v = v * 8 + body.charCodeAt(i++) - 0x30;
        if (i < n && isOctal(body.charCodeAt(i))) v = v * 8 + body.charCodeAt(i++) - 0x30;
      }
      out.push(v & 0xff);
      continue;
    }
    if (e === 'x') {
      const h1 = i < n ? hexValue(body.charCodeAt(i)) : -1;
      const h2 = i + 1 < n ? hexValue(body.charCodeAt(i + 1)) : -1;
      if (h1 < 0 || h2 < 0) syntaxError(`(value error) invalid \\x escape at position ${at}`, offset + at);
      out.push(h1 * 16 + h2);
      i += 2;
      continue;
    }
    out.push(0x5c, ec);
  }
  return Uint8Array.from(out);
}

function unicodeError(what: string, offset: number): never {
  syntaxError(`(unicode error) 'unicodeescape' codec can't decode bytes: ${what}`, offset);
}

/**
 * The first `\N{name}` met by the last decodeStrEscapes call (not
 * lenient): the value is unknown here, so the Constant is refused when
 * literal_eval would return it.
 */
let namedEscape: { name: string; offset: number } | null = null;

/**
 * decode_unicode_with_escapes (unicode-escape). With `lenientNames`, a
 * well-formed `\N{...}` is accepted without a value (f-string literal parts,
 * whose value we never need).
 */
function decodeStrEscapes(body: string, offset: number, lenientNames: boolean): string {
  namedEscape = null;
  let out = '';
  const n = body.length;
  let run = 0;
  for (let i = 0; i < n; ) {
    if (body.charCodeAt(i) !== 0x5c) {
      i++;
      continue;
    }
    out += body.slice(run, i);
    const at = i;
    i++;
    if (i >= n) {
      out += '\\';
      run = i;
      break;
    }
    const ec = body.charCodeAt(i);
    const e = body[i]!;
    i++;
    if (ec === 0x0a) {
      run = i;
      continue;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += String.fromCharCode(simple);
    } else if (isOctal(ec)) {
      let v = ec - 0x30;
      if (i < n && isOctal(body.charCodeAt(i))) {
        v = v * 8 + body.charCodeAt(i++) - 0x30;
        if (i < n && isOctal(body.charCodeAt(i))) v = v * 8 + body.charCodeAt(i++) - 0x30;
      }
      out += String.fromCharCode(v);
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      let v = 0;
      for (let k = 0; k < width; k++) {
        const h = i + k < n ? hexValue(body.charCodeAt(i + k)) : -1;
        if (h < 0) unicodeError(`truncated \\${e === 'x' ? 'xXX' : e === 'u' ? 'uXXXX' : 'UXXXXXXXX'} escape`, offset + at);
        v = v * 16 + h;
      }
      i += width;
      if (v > 0x10ffff) unicodeError('illegal Unicode character', offset + at);
      out += String.fromCodePoint(v);
    } else if (e === 'N') {
      // \N{name}: the name must be non-empty and closed.
      let ok = false;
      let close = -1;
      if (i < n && body.charCodeAt(i) === 0x7b) {
        close = body.indexOf('}', i + 1);
        ok = close > i + 1;
      }
      if (!ok) unicodeError('malformed \\N character escape', offset + at);
      if (!lenientNames && namedEscape === null) namedEscape = { name: body.slice(i + 1, close), offset: offset + at };
      i = close + 1;
    } else {
      out += '\\' + e;
    }
    run = i;
  }
  return out + body.slice(run);
}

/**
 * Checks an f-string body as CPython 3.11's fstring parser does
 * (fstring_find_literal / fstring_find_expr), parsing each expression;
 * returns the depth of the JoinedStr values.
 */
function checkFstring(body: string, raw: boolean, offset: number): number {
  const state = { pos: 0, depth: 1 };
  fstringConcat(body, raw, 0, state, offset);
  return state.depth;
}

function fstringError(message: string, offset: number): never {
  syntaxError(`f-string: ${message}`, offset);
}

function fstringConcat(s: string, raw: boolean, recurseLvl: number, st: { pos: number; depth: number }, offset: number): void {
  const end = s.length;
  for (;;) {
    // fstring_find_literal
    const litStart = st.pos;
    let p = st.pos;
    let doubled = false;
    while (p < end) {
      let ch = s.charCodeAt(p++);
      if (!raw && ch === 0x5c && p < end) {
        ch = s.charCodeAt(p++);
        if (ch === 0x4e) {
          if (p < end && s.charCodeAt(p++) === 0x7b) {
            while (p < end && s.charCodeAt(p++) !== 0x7d) {
              /* skip the name */
            }
          }
          continue;
        }
      }
      if (ch === 0x7b || ch === 0x7d) {
        if (recurseLvl === 0) {
          if (p < end && s.charCodeAt(p) === ch) {
            doubled = true;
            break;
          }
          if (ch === 0x7d) fstringError("single '}' is not allowed", offset + p - 1);
        }
        p--;
        break;
      }
    }
    const litEnd = doubled ? p : p;
    if (!raw && litEnd > litStart) decodeStrEscapes(s.slice(litStart, litEnd), offset + litStart, true);
    if (doubled) {
      st.pos = p + 1;
      continue;
    }
    st.pos = p;
    if (st.pos >= end || s.charCodeAt(st.pos) === 0x7d) break;
    fstringExpr(s, raw, recurseLvl, st, offset);
  }
  if (recurseLvl === 0 && st.pos < end - 1) fstringError('unexpected end of string', offset + st.pos);
  if (recurseLvl !== 0 && s.charCodeAt(st.pos) !== 0x7d) fstringError("expecting '}'", offset + st.pos);
}

function fstringExpr(s: string, raw: boolean, recurseLvl: number, st: { pos: number; depth: number }, offset: number): void {
  const end = s.length;
  if (recurseLvl >= 2) fstringError('expressions nested too deeply', offset + st.pos);
  let p = st.pos + 1;
  const exprStart = p;
  let quote = 0;
  let stringType = 0;
  const parens: number[] = [];
  for (; p < end; p++) {
    const ch = s.charCodeAt(p);
    if (ch === 0x5c) {
      syntaxError('f-string expression part cannot include a backslash', offset + p);
    }
    if (quote) {
      if (ch === quote) {
        if (stringType === 3) {
          if (p + 2 < end && s.charCodeAt(p + 1) === ch && s.charCodeAt(p + 2) === ch) {
            p += 2;
            stringType = 0;
            quote = 0;
          }
        } else {
          stringType = 0;
          quote = 0;
        }
      }
      continue;
    }
    if (ch === 0x27 || ch === 0x22) {
      if (p + 2 < end && s.charCodeAt(p + 1) === ch && s.charCodeAt(p + 2) === ch) {
        stringType = 3;
        p += 2;
      } else stringType = 1;
      quote = ch;
    } else if (ch === 0x5b || ch === 0x7b || ch === 0x28) {
      if (parens.length >= MAX_BRACKETS) fstringError('too many nested parenthesis', offset + p);
      parens.push(ch);
    } else if (ch === 0x23) {
      syntaxError("f-string expression part cannot include '#'", offset + p);
    } else if (parens.length === 0 && (ch === 0x21 || ch === 0x3a || ch === 0x7d || ch === 0x3d || ch === 0x3e || ch === 0x3c)) {
      if (p + 1 < end) {
        const next = s.charCodeAt(p + 1);
        if ((ch === 0x21 || ch === 0x3d || ch === 0x3c || ch === 0x3e) && next === 0x3d) {
          p++;
          continue;
        }
      }
      if (ch === 0x3e || ch === 0x3c) continue;
      break;
    } else if (ch === 0x5d || ch === 0x7d || ch === 0x29) {
      if (parens.length === 0) fstringError(`unmatched '${String.fromCharCode(ch)}'`, offset + p);
      const opening = parens.pop()!;
      if (!((opening === 0x28 && ch === 0x29) || (opening === 0x5b && ch === 0x5d) || (opening === 0x7b && ch === 0x7d))) {
        fstringError(
          `closing parenthesis '${String.fromCharCode(ch)}' does not match opening parenthesis '${String.fromCharCode(opening)}'`,
          offset + p,
        );
      }
    }
  }
  const exprEnd = p;
  if (quote) fstringError('unterminated string', offset + p);
  if (parens.length) fstringError(`unmatched '${String.fromCharCode(parens[parens.length - 1]!)}'`, offset + p);
  if (p >= end) fstringError("expecting '}'", offset + p);
  // fstring_compile_expr
  let k = exprStart;
  while (k < exprEnd) {
    const c = s.charCodeAt(k);
    if (!(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c)) break;
    k++;
  }
  if (k === exprEnd) {
    const c = s[exprEnd];
    if (c === '!' || c === ':' || c === '=') fstringError(`expression required before '${c}'`, offset + exprEnd);
    fstringError('empty expression not allowed', offset + exprEnd);
  }
  const exprText = '(' + s.slice(exprStart, exprEnd) + ')';
  let inner: Node;
  try {
    inner = new Parser(tokenize(exprText, 0, MAX_BRACKETS)).parseFstringExpr();
  } catch (e) {
    if (e instanceof PyLiteralSyntaxError) {
      fstringError(`invalid syntax in expression (${e.message})`, offset + exprStart);
    }
    throw e;
  }
  st.depth = Math.max(st.depth, inner.d + 1);
  p = exprEnd;
  if (s.charCodeAt(p) === 0x3d) {
    p++;
    while (p < end && (s.charCodeAt(p) === 0x20 || (s.charCodeAt(p) >= 0x09 && s.charCodeAt(p) <= 0x0d))) p++;
    if (p >= end) fstringError("expecting '}'", offset + p);
  }
  if (s.charCodeAt(p) === 0x21) {
    p++;
    if (p >= end) fstringError("expecting '}'", offset + p);
    const conv = s.charCodeAt(p);
    p++;
    if (!(conv === 0x73 || conv === 0x72 || conv === 0x61)) {
      fstringError("invalid conversion character: expected 's', 'r', or 'a'", offset + p - 1);
    }
  }
  if (p < end && s.charCodeAt(p) === 0x3a) {
    p++;
    if (p >= end) fstringError("expecting '}'", offset + p);
    st.pos = p;
    fstringConcat(s, raw, recurseLvl + 1, st, offset);
    p = st.pos;
  }
  if (p >= end || s.charCodeAt(p) !== 0x7d) fstringError("expecting '}'", offset + p);
  st.pos = p + 1;
}

// ---------------------------------------------------------------------------
// Fast path: the text as numpy writes it

/** Returned by the fast path when the text needs the full parser. */
const SLOW: unique symbol = Symbol('slow');

/**
 * A direct reader for the subset numpy's header writer produces: dicts,
 * lists and tuples of plain quoted strings (no prefix, escape or newline),
 * decimal ints, True/False/None, spaces and tabs, and a final newline. It
 * returns the same value the full parser would, or SLOW for anything else
 * (including every error case), so the full parser decides those. It does
 * not go deeper than FAST_MAX_DEPTH brackets, where CPython's limits
 * (bracket count, parser stack) cannot be reached.
 */
class FastReader {
  pos: number;
  private depth = 0;
  constructor(
    private readonly s: string,
    start: number,
    private readonly maxDepth: number,
  ) {
    this.pos = start;
  }

  private skip(): number {
    const s = this.s;
    let p = this.pos;
    let c = s.charCodeAt(p);
    while (c === 0x20 || c === 0x09) c = s.charCodeAt(++p);
    this.pos = p;
    return c; // NaN at the end
  }

  /** The whole text: one value, then spaces/tabs and at most one newline. */
  top(): PyLit | typeof SLOW {
    const v = this.value();
    if (v === SLOW) return SLOW;
    const c = this.skip();
    if (c === 0x0a) this.pos++;
    return this.pos === this.s.length ? v : SLOW;
  }

  value(): PyLit | typeof SLOW {
    const c = this.skip();
    const s = this.s;
    if (c === 0x27 || c === 0x22) {
      const start = this.pos + 1;
      let p = start;
      for (;;) {
        const d = s.charCodeAt(p);
        if (d === c) break;
        if (d !== d || d === 0x5c || d === 0x0a || d === 0x0d || d === 0 || (d >= 0xd800 && d <= 0xdfff)) return SLOW;
        p++;
      }
      if (p === start && s.charCodeAt(p + 1) === c) return SLOW; // ''' or """
      this.pos = p + 1;
      const next = this.skip();
      if (next === 0x27 || next === 0x22) return SLOW; // implicit concatenation
      return s.slice(start, p);
    }
    if (c >= 0x30 && c <= 0x39) {
      const start = this.pos;
      let p = start + 1;
      let d = s.charCodeAt(p);
      while (d >= 0x30 && d <= 0x39) d = s.charCodeAt(++p);
      // Not: a leading zero, '.', exponent, 'j', 'L', '_', prefix or any name char.
      if ((c === 0x30 && p > start + 1) || p - start > 300 || d === 0x2e || (d === d && (isIdChar(d) || d >= 0x80))) {
        return SLOW;
      }
      this.pos = p;
      if (p - start <= 15) {
        let n = 0;
        for (let k = start; k < p; k++) n = n * 10 + (s.charCodeAt(k) - 0x30);
        return BigInt(n);
      }
      return BigInt(s.slice(start, p));
    }
    if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++this.depth > this.maxDepth) return SLOW;
      this.pos++;
      const v = c === 0x7b ? this.dict() : c === 0x5b ? this.list() : this.tuple();
      this.depth--;
      return v;
    }
    let word: PyLit;
    let len: number;
    if (c === 0x54 && s.startsWith('True', this.pos)) (word = true), (len = 4);
    else if (c === 0x46 && s.startsWith('False', this.pos)) (word = false), (len = 5);
    else if (c === 0x4e && s.startsWith('None', this.pos)) (word = null), (len = 4);
    else return SLOW;
    const d = s.charCodeAt(this.pos + len);
    if (d === d && (isIdChar(d) || d >= 0x80)) return SLOW;
    this.pos += len;
    return word;
  }

  private dict(): PyLit | typeof SLOW {
    const dict = new PyDict();
    const keys: string[] = [];
    if (this.skip() === 0x7d) {
      this.pos++;
      return dict;
    }
    for (;;) {
      const k = this.value();
      // Only str/int/bool/None keys here: they are hashable and cheap to compare.
      if (k === SLOW || (typeof k === 'object' && k !== null)) return SLOW;
      if (this.skip() !== 0x3a) return SLOW;
      this.pos++;
      const v = this.value();
      if (v === SLOW) return SLOW;
      const hk = keyOf(k);
      const at = keys.indexOf(hk);
      if (at < 0) {
        keys.push(hk);
        dict.entries.push([k, v]);
      } else dict.entries[at]![1] = v;
      const c = this.skip();
      if (c === 0x2c) {
        this.pos++;
        if (this.skip() === 0x7d) {
          this.pos++;
          return dict;
        }
      } else if (c === 0x7d) {
        this.pos++;
        return dict;
      } else return SLOW;
    }
  }

  private list(): PyLit | typeof SLOW {
    const items: PyLit[] = [];
    if (this.skip() === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      const v = this.value();
      if (v === SLOW) return SLOW;
      items.push(v);
      const c = this.skip();
      if (c === 0x2c) {
        this.pos++;
        if (this.skip() === 0x5d) {
          this.pos++;
          return items;
        }
      } else if (c === 0x5d) {
        this.pos++;
        return items;
      } else return SLOW;
    }
  }

  private tuple(): PyLit | typeof SLOW {
    if (this.skip() === 0x29) {
      this.pos++;
      return new PyTuple([]);
    }
    const first = this.value();
    if (first === SLOW) return SLOW;
    let c = this.skip();
    if (c === 0x29) {
      this.pos++;
      return first; // a parenthesised value, not a tuple
    }
    const items: PyLit[] = [first];
    for (;;) {
      if (c !== 0x2c) return SLOW;
      this.pos++;
      if (this.skip() === 0x29) break;
      const v = this.value();
      if (v === SLOW) return SLOW;
      items.push(v);
      c = this.skip();
      if (c === 0x29) break;
    }
    this.pos++;
    return new PyTuple(items);
  }
}

/** Deeper than this the fast path hands over (200 * 31 parser levels would pass MAXSTACK). */
const FAST_MAX_DEPTH = 150;

// ---------------------------------------------------------------------------
// literal_eval's _convert

/** Stands for Ellipsis while converting (see convert). */
const ELLIPSIS: PyLit = new PyTuple([]);
/** The first Ellipsis met by the current conversion. */
let ellipsisAt: Node | null = null;

function malformed(node: Node | null): never {
  ellipsisAt = null;
  if (node === null) throw new PyLiteralValueError('malformed node or string: None');
  throw new PyLiteralValueError(`malformed node or string on line ${node.line}: <ast.${node.k} object at 0x...>`, {
    offset: node.s,
  });
}

function convert(node: Node): PyLit {
  switch (node.k) {
    case 'Constant':
      if (node.op === ELLIPSIS_OP) {
        // literal_eval returns Ellipsis; we have no value for it, but a
        // later malformed node must still win, so refuse after converting.
        ellipsisAt ??= node;
        return ELLIPSIS;
      }
      if (node.op === NAMED_ESCAPE_OP) throw new PyLiteralValueError(node.v as string, { offset: node.s });
      return node.v;
    case 'Tuple':
      return new PyTuple(node.items!.map((x) => convert(x!)));
    case 'List':
      return node.items!.map((x) => convert(x!));
    case 'Set': {
      const set = new PySet();
      const seen = new Set<string>();
      for (const x of node.items!) {
        const v = convert(x!);
        const k = keyOf(v);
        if (!seen.has(k)) {
          seen.add(k);
          set.items.push(v);
        }
      }
      return set;
    }
    case 'Call':
      if (node.left!.k === 'Name' && node.left!.op === 'set' && node.op === '0') return new PySet();
      break;
    case 'Dict': {
      const dict = new PyDict();
      const index = new Map<string, number>();
      const keys = node.items!;
      const vals = node.vals!;
      for (let i = 0; i < keys.length; i++) {
        const kn = keys[i]!;
        if (kn === null) malformed(null);
        const k = convert(kn);
        const v = convert(vals[i]!);
        const hk = keyOf(k);
        const at = index.get(hk);
        if (at === undefined) {
          index.set(hk, dict.entries.length);
          dict.entries.push([k, v]);
        } else dict.entries[at]![1] = v;
      }
      return dict;
    }
    case 'BinOp':
      if (node.op === '+' || node.op === '-') {
        const left = convertSignedNum(node.left!);
        const right = convertNum(node.right!);
        if ((typeof left === 'bigint' || typeof left === 'number') && right instanceof PyComplex) {
          const l = typeof left === 'bigint' ? intToFloat(left, node) : left;
          return node.op === '+' ? new PyComplex(l + right.re, 0 + right.im) : new PyComplex(l - right.re, 0 - right.im);
        }
      }
      break;
  }
  return convertSignedNum(node);
}

function intToFloat(v: bigint, node: Node): number {
  const f = Number(v);
  if (f === Infinity || f === -Infinity) {
    throw new PyLiteralValueError('int too large to convert to float', { pythonType: 'OverflowError', offset: node.s });
  }
  return f;
}

function convertNum(node: Node): bigint | number | PyComplex {
  if (node.k === 'Constant' && node.op !== ELLIPSIS_OP) {
    const v = node.v;
    if (typeof v === 'bigint' || typeof v === 'number' || v instanceof PyComplex) return v;
  }
  malformed(node);
}

function convertSignedNum(node: Node): bigint | number | PyComplex {
  if (node.k === 'UnaryOp' && (node.op === '+' || node.op === '-')) {
    const v = convertNum(node.right!);
    if (node.op === '+') return v;
    if (v instanceof PyComplex) return new PyComplex(-v.re, -v.im);
    return -v;
  }
  return convertNum(node);
}

// ---------------------------------------------------------------------------
// Python equality and hashing for dict keys and set items

/**
 * A string equal for two values exactly when Python's `==` holds between
 * them (for hashable literal values); throws TypeError-type errors for
 * unhashable ones, as `hash()` does.
 */
function keyOf(v: PyLit): string {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'bigint':
      return 'i' + v.toString();
    case 'boolean':
      return v ? 'i1' : 'i0';
    case 'number':
      return floatKey(v);
    default:
      break;
  }
  if (v === null) return 'N';
  if (v === ELLIPSIS) return 'E';
  if (v instanceof PyComplex) return v.im === 0 ? floatKey(v.re) : 'c' + floatKey(v.re) + ',' + floatKey(v.im);
  if (v instanceof Uint8Array) {
    let s = 'b';
    for (let i = 0; i < v.length; i++) s += String.fromCharCode(v[i]!);
    return s;
  }
  if (v instanceof PyTuple) {
    let s = 't' + v.items.length;
    for (const x of v.items) {
      const k = keyOf(x);
      s += ':' + k.length + ':' + k;
    }
    return s;
  }
  const type = Array.isArray(v) ? 'list' : v instanceof PyDict ? 'dict' : v instanceof PySet ? 'set' : typeof v;
  throw new PyLiteralValueError(`unhashable type: '${type}'`, { pythonType: 'TypeError' });
}

function floatKey(f: number): string {
  if (Number.isInteger(f)) return 'i' + BigInt(f).toString();
  return 'f' + String(f);
}

// ---------------------------------------------------------------------------
// numpy's _filter_header: Python's tokenize module, just enough of it

function group(...alts: string[]): string {
  return '(?:' + alts.join('|') + ')';
}

const PT_WS = '[ \\f\\t]*';
const PT_COMMENT = '#[^\\r\\n]*';
const PT_NAME = '[\\p{L}\\p{N}_]+';
const PT_DIGITS = '[0-9](?:_?[0-9])*';
const PT_EXPONENT = '[eE][-+]?' + PT_DIGITS;
const PT_POINTFLOAT = group(PT_DIGITS + '\\.(?:' + PT_DIGITS + ')?', '\\.' + PT_DIGITS) + '(?:' + PT_EXPONENT + ')?';
const PT_FLOAT = group(PT_POINTFLOAT, PT_DIGITS + PT_EXPONENT);
const PT_INT = group('0[xX](?:_?[0-9a-fA-F])+', '0[bB](?:_?[01])+', '0[oO](?:_?[0-7])+', '(?:0(?:_?0)*|[1-9](?:_?[0-9])*)');
const PT_NUMBER = group(group(PT_DIGITS + '[jJ]', PT_FLOAT + '[jJ]'), PT_FLOAT, PT_INT);
const PT_PREFIX = '(?:[bB][rR]?|[rR][bBfF]?|[uU]|[fF][rR]?)?';
const PT_TRIPLE = group(PT_PREFIX + "'''", PT_PREFIX + '"""');
const PT_CONTSTR = group(
  PT_PREFIX + "'[^\\n'\\\\]*(?:\\\\[^\\n][^\\n'\\\\]*)*" + group("'", '\\\\\\r?\\n'),
  PT_PREFIX + '"[^\\n"\\\\]*(?:\\\\[^\\n][^\\n"\\\\]*)*' + group('"', '\\\\\\r?\\n'),
);
const PT_OPERATORS = [
  '!=', '%', '%=', '&', '&=', '(', ')', '*', '**', '**=', '*=', '+', '+=', ',', '-', '-=', '->', '.', '...', '/',
  '//', '//=', '/=', ':', ':=', ';', '<', '<<', '<<=', '<=', '=', '==', '>', '>=', '>>', '>>=', '@', '@=', '[', ']',
  '^', '^=', '{', '|', '|=', '}', '~',
];
const PT_SPECIAL = group(
  ...PT_OPERATORS.slice()
    .sort()
    .reverse()
    .map((o) => o.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
);
const PT_FUNNY = group('\\r?\\n', PT_SPECIAL);
const PT_PSEUDO_EXTRAS = group('\\\\\\r?\\n|$', PT_COMMENT, PT_TRIPLE);
const PSEUDO_TOKEN = new RegExp(PT_WS + '(' + group(PT_PSEUDO_EXTRAS, PT_NUMBER, PT_FUNNY, PT_CONTSTR, PT_NAME) + ')', 'uy');
const END_SINGLE = /[^'\\]*(?:\\[^\n][^'\\]*)*'/y;
const END_DOUBLE = /[^"\\]*(?:\\[^\n][^"\\]*)*"/y;
const END_SINGLE3 = /[^'\\]*(?:(?:\\[^\n]|'(?!''))[^'\\]*)*'''/y;
const END_DOUBLE3 = /[^"\\]*(?:(?:\\[^\n]|"(?!""))[^"\\]*)*"""/y;
const PREFIXED_QUOTE = /^[bBrRuUfF]{0,2}(['"])/;
const TRIPLE_QUOTED = /^[bBrRuUfF]{0,2}('''|""")$/;
const IS_IDENTIFIER_START = /^[\p{XID_Start}_]/u;

/** A token as Python's tokenize module yields it: type, string, start and end (row, col). */
interface PyToken {
  type: 'NUMBER' | 'NAME' | 'STRING' | 'OP' | 'COMMENT' | 'NL' | 'NEWLINE' | 'INDENT' | 'DEDENT' | 'ERRORTOKEN';
  str: string;
  sr: number;
  sc: number;
  er: number;
  ec: number;
}

/**
 * numpy's `_filter_header(s)`: tokenize with Python's `tokenize` module
 * (`generate_tokens` over `StringIO(s).readline`), drop each NAME `L` that
 * follows a NUMBER, and `untokenize` what is left. Untokenizing rebuilds
 * the text from token positions: whitespace between tokens becomes spaces,
 * a whitespace-only last line disappears, line continuations are rewritten.
 * Errors are the tokenize module's (TokenError, IndentationError) or
 * untokenize's ValueError.
 */
function filterLongSuffix(text: string): string {
  const lineStarts: number[] = [];
  for (let i = 0; i < text.length; ) {
    lineStarts.push(i);
    const nl = text.indexOf('\n', i);
    i = nl < 0 ? text.length : nl + 1;
  }
  const readline = (k: number): string =>
    k < lineStarts.length ? text.slice(lineStarts[k], k + 1 < lineStarts.length ? lineStarts[k + 1] : text.length) : '';
  const toks: PyToken[] = [];
  let lastWasNumber = false;
  const add = (type: PyToken['type'], str: string, sr: number, sc: number, er: number, ec: number): void => {
    // _filter_header: skip an 'L' name after a number (which leaves
    // last_token_was_number as it was).
    if (lastWasNumber && type === 'NAME' && str === 'L') return;
    toks.push({ type, str, sr, sc, er, ec });
    lastWasNumber = type === 'NUMBER';
  };
  let parenlev = 0;
  let continued = false;
  let indents = [0];
  let contstr = '';
  let inContStr = false;
  let endprog: RegExp = END_SINGLE;
  let needcont = false;
  let strStart: [number, number] = [0, 0];
  let lnum = 0;
  let line = '';
  let lastLine = '';
  for (let li = 0; ; li++) {
    lastLine = line;
    line = readline(li);
    lnum++;
    let pos = 0;
    const max = line.length;
    if (inContStr) {
      if (!line) {
        throw new PyLiteralSyntaxError(`('EOF in multi-line string', (${strStart[0]}, ${strStart[1]}))`, text.length, 'TokenError');
      }
      endprog.lastIndex = 0;
      const m = endprog.exec(line);
      if (m) {
        pos = m[0].length;
        add('STRING', contstr + line.slice(0, pos), strStart[0], strStart[1], lnum, pos);
        contstr = '';
        inContStr = false;
        needcont = false;
      } else if (needcont && !line.endsWith('\\\n') && !line.endsWith('\\\r\n')) {
        add('ERRORTOKEN', contstr + line, strStart[0], strStart[1], lnum, line.length);
        contstr = '';
        inContStr = false;
        continue;
      } else {
        contstr += line;
        continue;
      }
    } else if (parenlev === 0 && !continued) {
      if (!line) break;
      let column = 0;
      while (pos < max) {
        const ch = line[pos];
        if (ch === ' ') column++;
        else if (ch === '\t') column = (Math.floor(column / 8) + 1) * 8;
        else if (ch === '\f') column = 0;
        else break;
        pos++;
      }
      if (pos === max) break;
      const ch = line[pos]!;
      if (ch === '#' || ch === '\r' || ch === '\n') {
        if (ch === '#') {
          const comment = line.slice(pos).replace(/[\r\n]+$/, '');
          add('COMMENT', comment, lnum, pos, lnum, pos + comment.length);
          pos += comment.length;
        }
        add('NL', line.slice(pos), lnum, pos, lnum, line.length);
        continue;
      }
      if (column > indents[indents.length - 1]!) {
        indents.push(column);
        add('INDENT', line.slice(0, pos), lnum, 0, lnum, pos);
      }
      while (column < indents[indents.length - 1]!) {
        if (!indents.includes(column)) {
          throw new PyLiteralSyntaxError(
            'unindent does not match any outer indentation level',
            lineStarts[li]! + pos,
            'IndentationError',
          );
        }
        indents = indents.slice(0, -1);
        add('DEDENT', '', lnum, pos, lnum, pos);
      }
    } else {
      if (!line) throw new PyLiteralSyntaxError(`('EOF in multi-line statement', (${lnum}, 0))`, text.length, 'TokenError');
      continued = false;
    }
    while (pos < max) {
      PSEUDO_TOKEN.lastIndex = pos;
      const m = PSEUDO_TOKEN.exec(line);
      if (!m) {
        add('ERRORTOKEN', line[pos]!, lnum, pos, lnum, pos + 1);
        pos++;
        continue;
      }
      const token = m[1]!;
      const start = m.index + m[0].length - token.length;
      const end = start + token.length;
      pos = end;
      if (start === end) continue;
      const initial = token[0]!;
      if ((initial >= '0' && initial <= '9') || (initial === '.' && token !== '.' && token !== '...')) {
        add('NUMBER', token, lnum, start, lnum, end);
      } else if (initial === '\r' || initial === '\n') {
        add(parenlev > 0 ? 'NL' : 'NEWLINE', token, lnum, start, lnum, end);
      } else if (initial === '#') {
        add('COMMENT', token, lnum, start, lnum, end);
      } else if (TRIPLE_QUOTED.test(token)) {
        endprog = token.endsWith("'''") ? END_SINGLE3 : END_DOUBLE3;
        endprog.lastIndex = pos;
        const em = endprog.exec(line);
        if (em) {
          pos = em.index + em[0].length;
          add('STRING', line.slice(start, pos), lnum, start, lnum, pos);
        } else {
          strStart = [lnum, start];
          contstr = line.slice(start);
          inContStr = true;
          break;
        }
      } else if (PREFIXED_QUOTE.test(token.slice(0, 3))) {
        if (token.endsWith('\n')) {
          strStart = [lnum, start];
          endprog = PREFIXED_QUOTE.exec(token.slice(0, 3))![1] === "'" ? END_SINGLE : END_DOUBLE;
          contstr = line.slice(start);
          inContStr = true;
          needcont = true;
          break;
        }
        add('STRING', token, lnum, start, lnum, end);
      } else if (IS_IDENTIFIER_START.test(String.fromCodePoint(token.codePointAt(0)!))) {
        add('NAME', token, lnum, start, lnum, end);
      } else if (initial === '\\') {
        continued = true;
      } else {
        if (initial === '(' || initial === '[' || initial === '{') parenlev++;
        else if (initial === ')' || initial === ']' || initial === '}') parenlev--;
        add('OP', token, lnum, start, lnum, end);
      }
    }
  }
  if (lastLine && !/[\r\n]$/.test(lastLine) && !lastLine.trim().startsWith('#')) {
    add('NEWLINE', '', lnum - 1, lastLine.length, lnum - 1, lastLine.length + 1);
  }
  return untokenize(toks);
}

/** tokenize.Untokenizer.untokenize for full 5-tuples (the trailing DEDENTs and ENDMARKER add nothing). */
function untokenize(toks: PyToken[]): string {
  const out: string[] = [];
  let prevRow = 1;
  let prevCol = 0;
  const indents: string[] = [];
  let startline = false;
  for (const t of toks) {
    if (t.type === 'INDENT') {
      indents.push(t.str);
      continue;
    } else if (t.type === 'DEDENT') {
      indents.pop();
      prevRow = t.er;
      prevCol = t.ec;
      continue;
    } else if (t.type === 'NEWLINE' || t.type === 'NL') {
      startline = true;
    } else if (startline && indents.length) {
      const indent = indents[indents.length - 1]!;
      if (t.sc >= indent.length) {
        out.push(indent);
        prevCol = indent.length;
      }
      startline = false;
    }
    // add_whitespace
    if (t.sr < prevRow || (t.sr === prevRow && t.sc < prevCol)) {
      throw new PyLiteralValueError(`start (${t.sr},${t.sc}) precedes previous end (${prevRow},${prevCol})`);
    }
    const rowOffset = t.sr - prevRow;
    if (rowOffset) {
      out.push('\\\n'.repeat(rowOffset));
      prevCol = 0;
    }
    const colOffset = t.sc - prevCol;
    if (colOffset) out.push(' '.repeat(colOffset));
    out.push(t.str);
    prevRow = t.er;
    prevCol = t.ec;
    if (t.type === 'NEWLINE' || t.type === 'NL') {
      prevRow++;
      prevCol = 0;
    }
  }
  return out.join('');
}
