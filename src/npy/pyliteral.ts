/**
 * A safe, exact port of CPython 3.11's `ast.literal_eval(text)`, which numpy
 * uses to read the .npy header (`{'descr': '<f8', 'fortran_order': False,
 * 'shape': (3,), }`), plus the Python 2 fallback numpy applies first when
 * that fails (`_filter_header`: drop an `L` name after a number;
 * py2filter.ts).
 *
 * Nothing is evaluated. The text goes through three stages, as in CPython
 * (each in its own module under ./pyliteral/):
 *
 * 1. Source checks and tokenizer (tokenizer.ts): a port of
 *    `Parser/tokenizer.c` (`tok_get`): `lstrip(" \t")`, no lone surrogates
 *    (UnicodeEncodeError), no NUL, `\r\n`/`\r` read as `\n`, comments, `\`
 *    continuations, indentation (an indented first line is "unexpected
 *    indent"), numbers with CPython's own checks (`0_3`, `1__0`, `1_`, `09`,
 *    `2L`), string tokens, at most 200 open brackets (`too many nested
 *    parentheses`).
 * 2. Parser (ast.ts, expressions.ts, atoms.ts, strings.ts): the whole
 *    Python 3.11 expression grammar (eval mode), so that any text CPython
 *    can parse gives the same node kind, and anything it cannot parse is
 *    a syntax error: lambdas, comprehensions, calls with their
 *    argument-order rules, slices, f-strings (checked like
 *    `Parser/string_parser.c`), string escapes and prefixes, walrus, await,
 *    yield. Deep chains are parsed with loops, not recursion, and the
 *    parser counts its nesting as CPython's does (MemoryError past 6000
 *    levels; RecursionError when the tree is deeper than about 2985).
 * 3. `literal_eval`'s `_convert` (evaluate.ts): constants, tuples, lists,
 *    sets, dicts, `set()`, unary +/- on numbers, and `number +/- complex`;
 *    any other node is ValueError `malformed node or string on line N:
 *    <ast.Name object at 0x...>` (the address is not real). Dict keys and
 *    set items use Python's equality (1 == 1.0 == True) and hashability
 *    (values.ts).
 *
 * Every failure is a `PyLiteralSyntaxError` (what CPython reports as
 * SyntaxError or a subclass) or a `PyLiteralValueError` (anything else:
 * ValueError, and, with `pythonType` telling which, TypeError for
 * unhashable keys, OverflowError, UnicodeEncodeError, MemoryError,
 * RecursionError). No other exception escapes, for any input string.
 *
 * Text in the shape numpy writes (plain strings, decimal ints, dicts, lists,
 * tuples, True/False/None, spaces, one final newline) takes a direct fast
 * path (fastpath.ts) that builds the value without tokens or nodes
 * (about 1.5 µs for a typical header); anything else, errors included,
 * goes the full way.
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

import { parseSource } from './pyliteral/atoms.js';
import { PyLiteralValueError } from './pyliteral/errors.js';
import { literalEval } from './pyliteral/evaluate.js';
import { parseFast } from './pyliteral/fastpath.js';
import { filterLongSuffix } from './pyliteral/py2filter.js';
import { checkSource, MAX_BRACKETS } from './pyliteral/tokenizer.js';
import type { PyLit } from './pyliteral/values.js';

export { PyLiteralSyntaxError, PyLiteralValueError } from './pyliteral/errors.js';
export { PyComplex, PyDict, PySet, PyTuple, type PyLit } from './pyliteral/values.js';

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
  const fast = parseFast(text, base, maxDepth);
  if (fast !== undefined) return fast;
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
  return literalEval(parseSource(src, base, maxDepth));
}
