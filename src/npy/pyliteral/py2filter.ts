/**
 * numpy's `_filter_header` (`numpy/lib/format.py`), the Python 2 fallback
 * that drops an `L` after a number, with the parts of CPython 3.11's
 * `Lib/tokenize.py` it runs: `generate_tokens` and
 * `Untokenizer.untokenize`, just enough of them.
 */

import { PyLiteralSyntaxError, PyLiteralValueError } from './errors.js';

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
export function filterLongSuffix(text: string): string {
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
        // No token starts at the blanks before the offending character
        // either: emit their ERRORTOKENs at once, as tokenize would one by
        // one, instead of matching again from each blank (quadratic).
        let bad = pos;
        while (bad < max && ' \f\t'.includes(line[bad]!)) bad++;
        for (; pos <= bad && pos < max; pos++) add('ERRORTOKEN', line[pos]!, lnum, pos, lnum, pos + 1);
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
