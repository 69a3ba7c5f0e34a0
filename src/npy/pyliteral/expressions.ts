/**
 * The expression rules of CPython 3.11's `Grammar/python.gram`: the eval
 * and f-string start rules, `expression` down to `primary`, call
 * arguments, slices and comprehension clauses. The atoms they bottom out
 * in are parsed by the subclass in atoms.ts.
 */

import { KEYWORDS, ParserBase, type Node } from './ast.js';
import { TokType } from './tokenizer.js';

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
export abstract class ExpressionParser extends ParserBase {
  /** atom: names, constants, strings, and the bracketed forms (atoms.ts). */
  protected abstract parseAtom(): Node;

  /** eval: expressions NEWLINE* ENDMARKER */
  parseEval(): Node {
    const start = this.p;
    const first = this.parseExpression();
    let result = first;
    if (this.isOp(',')) {
      const items: Node[] = [first];
      while (this.isOp(',')) {
        this.p++;
        if (this.tok.t === TokType.NEWLINE || this.tok.t === TokType.END) break;
        items.push(this.parseExpression());
      }
      result = this.seq('Tuple', start, items);
    }
    while (this.tok.t === TokType.NEWLINE) this.p++;
    if (this.tok.t !== TokType.END) this.fail();
    return result;
  }

  /** fstring: star_expressions, over the text "(" + expr + ")" */
  parseFstringExpr(): Node {
    const n = this.parseStarExpressions();
    while (this.tok.t === TokType.NEWLINE) this.p++;
    if (this.tok.t !== TokType.END) this.fail();
    return n;
  }

  /** expression: disjunction ['if' disjunction 'else' expression] | lambdef */
  protected parseExpression(): Node {
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
      if (t.t === TokType.OP && COMPARE_OPS.has(t.v)) this.p++;
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
  protected parseBinary(minPrec: number): Node {
    const start = this.p;
    let left = this.parseFactor();
    for (;;) {
      const t = this.tok;
      if (t.t !== TokType.OP) break;
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
      if (t.t === TokType.OP && (t.v === '+' || t.v === '-' || t.v === '~')) {
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
  protected parseStarNamedExpression(): Node {
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
  protected parseStarExpressions(): Node {
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
    if (t.t === TokType.NUMBER || t.t === TokType.STRING) return true;
    if (t.t === TokType.NAME) {
      return !KEYWORDS.has(t.v) || ['True', 'False', 'None', 'not', 'lambda', 'await'].includes(t.v);
    }
    return t.t === TokType.OP && ['(', '[', '{', '-', '+', '~', '*', '...'].includes(t.v);
  }

  /** for_if_clauses; returns the depth of the comprehension nodes. */
  protected parseForIfClauses(): number {
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
