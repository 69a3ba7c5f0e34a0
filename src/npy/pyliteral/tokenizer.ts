/**
 * Stage 1 of the pipeline: compile()'s checks on the source string, and a
 * port of CPython 3.11's `Parser/tokenizer.c` (`tok_get`) for eval input
 * from a string.
 */

import { isPyPrintable } from '../pyrepr.js';
import { PyLiteralValueError, syntaxError } from './errors.js';

/** CPython's tokenizer MAXLEVEL. */
export const MAX_BRACKETS = 200;

const NUL_OR_SURROGATE = /[\0\ud800-\udfff]/g;

/** compile() turns the str into UTF-8 (lone surrogates fail) and refuses NUL. */
export function checkSource(src: string, base: number): void {
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

/**
 * Token types. A const enum: tsc writes the numbers in at each use, so the
 * tokenizer's and parser's hot loops read no module bindings (an imported
 * or exported `const` is a slower load in V8 than a module-local one).
 */
export const enum TokType {
  NAME = 1,
  NUMBER = 2,
  STRING = 3,
  OP = 4,
  NEWLINE = 5,
  END = 6,
  /** An INDENT token: the eval grammar never accepts one ("unexpected indent"). */
  INDENT = 7,
  /**
   * The tokenizer's ERRORTOKEN at the end of input (after a `\` continuation,
   * or inside brackets). CPython raises no error for it in the tokenizer: the
   * parser reports it when it gets there, so a parse error before it wins.
   */
  EOF_ERROR = 8,
}

export interface Tok {
  t: TokType;
  /** Text for NAME / NUMBER / STRING / OP; the message for TokType.EOF_ERROR. */
  v: string;
  /** Offset in the original text. */
  s: number;
  line: number;
  /** TokType.EOF_ERROR inside brackets: line of the innermost open bracket. */
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
export function isIdChar(c: number): boolean {
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
  private readonly toks: Tok[] = [];

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

  private off(i: number): number {
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

  private push(t: TokType, start: number, end: number): void {
    this.toks.push({ t, v: this.src.slice(start, end), s: this.off(start), line: this.lineAt(start) });
  }

  /** An operator token, with its text from a table (no slicing). */
  private pushOp(v: string, start: number): void {
    this.toks.push({ t: TokType.OP, v, s: this.map ? this.off(start) : this.base + start, line: this.lineAt(start) });
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
            this.push(TokType.INDENT, this.pos, this.pos);
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
          this.push(TokType.END, this.n, this.n);
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
          this.push(TokType.NAME, start, this.pos);
          return true;
        }
        if (c === 0x0a) {
          this.atbol = true;
          if (blankline || this.level > 0) break; // goto nextline
          this.push(TokType.NEWLINE, start, start);
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
              this.push(TokType.OP, start, this.pos);
              return true;
            }
            this.backup(c3);
          }
          this.backup(c);
          this.push(TokType.OP, start, this.pos);
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
    const tok: Tok = { t: TokType.EOF_ERROR, v: 'unexpected EOF while parsing', s: this.off(this.n), line: this.lineAt(this.n) };
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
      if (c === 0x2e) this.fraction(start, this.nextc());
      else this.decimalEnd(start, c);
      return;
    }
    this.backup(c);
    this.push(TokType.NUMBER, start, this.pos);
  }

  /** After the '.' of a number; `c` is the char that follows it. */
  private fraction(start: number, c: number): void {
    this.decimalEnd(start, isDigit(c) ? this.decimalTail() : c);
  }

  /** After the digits of a decimal number: an exponent, a `j`, or the end of the token. */
  private decimalEnd(start: number, c: number): void {
    if (c === 0x65 || c === 0x45) {
      this.exponent(start, c);
      return;
    }
    this.imaginaryOrEnd(start, c);
  }

  /** After a number's last digit: a `j` makes it imaginary, anything else must end it. */
  private imaginaryOrEnd(start: number, c: number): void {
    if (c === 0x6a || c === 0x4a) {
      this.imaginary(start);
      return;
    }
    this.verifyEnd(c, 'decimal');
    this.backup(c);
    this.push(TokType.NUMBER, start, this.pos);
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
      this.push(TokType.NUMBER, start, this.pos);
      return;
    }
    this.imaginaryOrEnd(start, this.decimalTail());
  }

  private imaginary(start: number): void {
    const c = this.nextc();
    this.verifyEnd(c, 'imaginary');
    this.backup(c);
    this.push(TokType.NUMBER, start, this.pos);
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
    this.push(TokType.STRING, start, this.pos);
  }
}

export function tokenize(src: string, base: number, maxLevel: number): Tok[] {
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
