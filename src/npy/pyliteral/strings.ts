/**
 * STRING tokens to values, a port of CPython 3.11's
 * `Parser/string_parser.c`: prefixes, escapes (`_PyBytes_DecodeEscape`,
 * `decode_unicode_with_escapes`), and the f-string checks
 * (`fstring_find_literal`, `fstring_find_expr`), which run the full
 * expression parser on each replacement field. That makes an import cycle
 * with atoms.ts (the parser decodes strings, strings parse expressions);
 * neither module uses the other while loading.
 */

import { Parser } from './atoms.js';
import type { Node } from './ast.js';
import { PyLiteralSyntaxError, syntaxError } from './errors.js';
import { MAX_BRACKETS, tokenize, type Tok } from './tokenizer.js';

interface StringLit {
  /** A `\N{name}` escape whose value we do not know. */
  named: { name: string; offset: number } | null;
  bytes: boolean;
  fstring: boolean;
  value: string | Uint8Array | null;
  /** Depth of the JoinedStr's values, for f-strings. */
  depth: number;
}

/** One STRING token: its prefixes, its body decoded (bytes or str), or, for an f-string, only checked. */
export function decodeStringToken(t: Tok): StringLit {
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
    const litEnd = p;
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
