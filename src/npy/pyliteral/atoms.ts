/**
 * The atom rules of CPython 3.11's `Grammar/python.gram` (names, True/
 * False/None, numbers, strings, `...`, parenthesised forms, yield, list,
 * set and dict displays and their comprehensions), which complete the
 * parser, and pegen's `parsenumber` (`Parser/pegen.c`) for NUMBER tokens.
 */

import { concatBytes } from '../../io/concat.js';
import { ELLIPSIS_OP, KEYWORDS, maxDepth, NAMED_ESCAPE_OP, type Node } from './ast.js';
import { syntaxError } from './errors.js';
import { ExpressionParser } from './expressions.js';
import { decodeStringToken } from './strings.js';
import { tokenize, TokType, type Tok } from './tokenizer.js';
import { PyComplex, type PyLit } from './values.js';

/** The whole expression parser: ExpressionParser's rules plus the atoms. */
export class Parser extends ExpressionParser {
  protected parseAtom(): Node {
    const t = this.tok;
    const start = this.p;
    switch (t.t) {
      case TokType.NAME: {
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
      case TokType.NUMBER: {
        this.p++;
        const n = this.node('Constant', start, 1);
        n.v = numberValue(t);
        return n;
      }
      case TokType.STRING:
        return this.parseStrings();
      case TokType.OP:
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

  /** strings: STRING+, concatenated, decoded, f-strings checked. */
  private parseStrings(): Node {
    const start = this.p;
    let bytesMode = false;
    let fstring = false;
    let str = '';
    const chunks: Uint8Array[] = [];
    let depth = 1;
    let named: { name: string; offset: number } | null = null;
    while (this.tok.t === TokType.STRING) {
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
      n.v = chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
    } else n.v = str;
    return n;
  }
}

/** Tokenizes `src` from offset `base` and parses it with the eval start rule. */
export function parseSource(src: string, base: number, maxLevel: number): Node {
  const toks = tokenize(src, base, maxLevel);
  return new Parser(toks).parseEval();
}

/** sys.get_int_max_str_digits() default. */
const MAX_INT_DIGITS = 4300;

/** pegen's parsenumber: the value of a NUMBER token. */
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
