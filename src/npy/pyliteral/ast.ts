/**
 * The AST nodes, with the parts of CPython 3.11's `Python/Python-ast.c`
 * classes that literal_eval and the depth limits look at, and the parser's
 * token cursor and rule-depth accounting (pegen's `p->mark` and
 * `p->level`, `Parser/pegen.c`). The grammar rules are in expressions.ts
 * and atoms.ts.
 */

import { PyLiteralValueError, syntaxError } from './errors.js';
import { TokType, type Tok } from './tokenizer.js';
import type { PyLit } from './values.js';

/** `op` of the Constant for `...` (Ellipsis). */
export const ELLIPSIS_OP = '...';
/** A str Constant holding a `\N{name}` escape; `v` is the refusal message. */
export const NAMED_ESCAPE_OP = 'N{}';

/** One node of CPython's AST, with what literal_eval looks at. */
export class Node {
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

export function maxDepth(nodes: readonly (Node | null)[]): number {
  let d = 0;
  for (const n of nodes) if (n && n.d > d) d = n.d;
  return d;
}

export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** pegen's MAXSTACK: rule nesting past this is MemoryError. */
const MAX_PARSER_LEVEL = 6000;

/** Token cursor, failure reporting and rule-depth accounting shared by the grammar rules. */
export abstract class ParserBase {
  protected p = 0;
  /** Approximation of pegen's rule nesting (p->level). */
  protected level = 24;

  constructor(protected readonly toks: Tok[]) {}

  protected get tok(): Tok {
    return this.toks[this.p]!;
  }

  protected fail(at = this.p): never {
    const t = this.toks[Math.min(at, this.toks.length - 1)]!;
    if (t.t === TokType.INDENT) syntaxError('unexpected indent', t.s);
    if (t.t === TokType.EOF_ERROR) syntaxError(t.v, t.s);
    // CPython then tokenizes the rest: an unclosed bracket opened on an
    // earlier line than the failure is reported instead.
    const last = this.toks[this.toks.length - 1]!;
    if (last.t === TokType.EOF_ERROR && last.bracketLine !== undefined && t.line > last.bracketLine) {
      syntaxError(last.v, last.s);
    }
    syntaxError('invalid syntax', t.s);
  }

  /**
   * pegen's rule depth grows by about `cost` on the way to the next atom:
   * 1 per unary operator, 28-31 per bracket (more for later elements of a
   * display than for the first), measured on CPython 3.11.
   */
  protected enter(cost: number): void {
    this.setLevel(this.level + cost);
  }

  protected setLevel(level: number): void {
    this.level = level;
    if (this.level >= MAX_PARSER_LEVEL) {
      throw new PyLiteralValueError('too complex to parse: parser stack overflowed (MemoryError in CPython)', {
        pythonType: 'MemoryError',
        offset: this.tok.s,
      });
    }
  }

  protected isOp(v: string, at = this.p): boolean {
    const t = this.toks[at];
    return t !== undefined && t.t === TokType.OP && t.v === v;
  }

  protected isKw(v: string, at = this.p): boolean {
    const t = this.toks[at];
    return t !== undefined && t.t === TokType.NAME && t.v === v;
  }

  /** A NAME token that is not a keyword. */
  protected isName(at = this.p): boolean {
    const t = this.toks[at];
    return t !== undefined && t.t === TokType.NAME && !KEYWORDS.has(t.v);
  }

  protected expectOp(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.p++;
  }

  protected node(k: string, start: number, d: number): Node {
    const t = this.toks[start]!;
    return new Node(k, t.line, t.s, d);
  }

  protected startsFor(): boolean {
    return this.isKw('for') || (this.isKw('async') && this.isKw('for', this.p + 1));
  }

  protected seq(k: string, start: number, items: Node[]): Node {
    const n = this.node(k, start, 1 + maxDepth(items));
    n.items = items;
    return n;
  }
}
